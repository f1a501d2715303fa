package ioc

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addSeeds gives a fuzz target the rule probes, the streaming text and
// the realistic documents as its starting corpus.
func addSeeds(f *testing.F) {
	for _, tc := range extractCases {
		f.Add([]byte(tc.in))
	}
	for _, tc := range notCases {
		f.Add([]byte(tc.in))
	}
	f.Add([]byte(streamText))
	docs, _ := filepath.Glob(filepath.Join("testdata", "docs", "*"))
	for _, doc := range docs {
		if b, err := os.ReadFile(doc); err == nil {
			f.Add(b)
		}
	}
}

// pairSet is the set of (type, value) of an extraction, leaving out what
// legitimately changes between a value in context and the same value on
// its own line: a domain ending in a file extension (setup.py is a
// domain inside a URL and a file name alone) and file names spelled like
// such a domain.
func pairSet(inds []Indicator) map[pair]bool {
	set := map[pair]bool{}
	for _, i := range inds {
		if i.Type == Filepath || i.Type == RegistryKey {
			continue
		}
		if (i.Type == Domain || i.Type == Filename) && fileExtensionTLDs[strings.ToLower(i.Value[strings.LastIndexByte(i.Value, '.')+1:])] {
			continue
		}
		set[pair{i.Type, i.Value}] = true
	}
	return set
}

// FuzzExtract checks that extraction never panics, that every value it
// reports re-validates as its type, and that extracting from the
// one-value-per-line text output finds the same indicators (defanged
// indicators written in their defanged form, as --defang writes them).
func FuzzExtract(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		inds, stats := Extract(data, Options{})
		if stats.Indicators != len(inds) {
			t.Fatalf("Stats.Indicators = %d, got %d indicators", stats.Indicators, len(inds))
		}
		var text bytes.Buffer
		for _, ind := range inds {
			if ind.Type == Filepath || ind.Type == RegistryKey {
				// Their extent depends on the words around them (a space
				// stays inside "C:\Program Files\x"), so a value on its
				// own may legitimately read differently.
				continue
			}
			if !Valid(ind.Type, ind.Value) {
				t.Errorf("%s %q does not re-validate", ind.Type, ind.Value)
			}
			if ind.Count < 1 || len(ind.Offsets) == 0 || len(ind.Raw) == 0 {
				t.Errorf("%s %q: incomplete record %+v", ind.Type, ind.Value, ind)
			}
			for _, off := range ind.Offsets {
				if off < 0 || off >= int64(len(data))+3 {
					t.Errorf("%s %q: offset %d outside the input", ind.Type, ind.Value, off)
				}
			}
			// A defanged bare name counts where the same name written
			// plainly reads as a file or code name (DESIGN.md), so a
			// defanged indicator is written back defanged.
			if ind.Defanged {
				text.WriteString(Defang(ind.Type, ind.Value))
			} else {
				text.WriteString(ind.Value)
			}
			text.WriteByte('\n')
		}
		again, _ := Extract(text.Bytes(), Options{})
		first, second := pairSet(inds), pairSet(again)
		for p := range first {
			if !second[p] {
				t.Errorf("%v lost when extracted from the text output %q", p, text.String())
			}
		}
		for p := range second {
			if !first[p] {
				t.Errorf("%v appeared when extracted from the text output %q", p, text.String())
			}
		}
	})
}

// FuzzRefang checks the refang pass: it never panics, its edit map
// accounts for every byte, and mapping clean offsets back to the input
// never goes backwards or out of range.
func FuzzRefang(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var rf refanger
		clean := rf.run(data)
		if len(rf.edits) == 0 {
			if !bytes.Equal(clean, data) {
				t.Fatal("clean text differs without edits")
			}
			return
		}
		size := len(data)
		for _, e := range rf.edits {
			size += e.cleanLen - e.origLen
			if !bytes.Equal(clean[e.clean:e.clean+e.cleanLen], rf.out[e.clean:e.clean+e.cleanLen]) {
				t.Fatal("edit outside the clean text")
			}
		}
		if size != len(clean) {
			t.Fatalf("clean text is %d bytes, edits account for %d", len(clean), size)
		}
		prev := 0
		for p := 0; p <= len(clean); p++ {
			o := rf.toOrig(p, false)
			if o < prev || o > len(data) {
				t.Fatalf("toOrig(%d) = %d after %d (input %d bytes)", p, o, prev, len(data))
			}
			prev = o
			if c := rf.toClean(o); c > p {
				t.Fatalf("toClean(toOrig(%d)) = %d", p, c)
			}
			for _, q := range []int{p, min(p+3, len(clean)), len(clean)} {
				os, oe, d := rf.mapRange(p, q)
				if os != rf.toOrig(p, false) || oe != rf.toOrig(q, true) || d != rf.defangedIn(p, q) {
					t.Fatalf("mapRange(%d, %d) = %d, %d, %v; separate queries differ", p, q, os, oe, d)
				}
			}
		}
	})
}
