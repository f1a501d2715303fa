package ioc

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenResult is what a golden file holds for one document.
type goldenResult struct {
	Stats      Stats       `json:"stats"`
	Indicators []Indicator `json:"indicators"`
}

// TestGoldenDocuments extracts every realistic document in testdata/docs
// and compares the full result with testdata/golden/<doc>.json. Run with
// -update to rewrite the golden files after a deliberate change, then
// review the diff.
func TestGoldenDocuments(t *testing.T) {
	docs, err := filepath.Glob(filepath.Join("testdata", "docs", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Skip("no documents in testdata/docs")
	}
	for _, doc := range docs {
		name := filepath.Base(doc)
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(doc)
			if err != nil {
				t.Fatal(err)
			}
			inds, stats := Extract(text, Options{})
			got, err := json.MarshalIndent(goldenResult{Stats: stats, Indicators: inds}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o750); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o600); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("extraction of %s differs from %s; run go test -run TestGoldenDocuments -update and review the diff", doc, golden)
			}
			// Every offset must point at the raw text the record names.
			for _, ind := range inds {
				for _, off := range ind.Offsets {
					if !startsWithAnyRaw(text[off:], ind.Raw) && len(ind.Raw) < maxRawForms {
						t.Errorf("%s %s: offset %d points at %q", ind.Type, ind.Value, off, text[off:min(int(off)+20, len(text))])
					}
				}
			}
		})
	}
}

func startsWithAnyRaw(b []byte, raws []string) bool {
	for _, r := range raws {
		if bytes.HasPrefix(b, []byte(r)) {
			return true
		}
	}
	return false
}
