package ioc

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
)

// streamText mixes every kind of indicator, defanged forms and a
// multi-byte character or two, so chunk and window boundaries fall inside
// all of them.
const streamText = "Start: hxxp://evil[.]com/a/b?c=1 and user [at] example [dot] com.\r\n" +
	"IPs 1.2.3[.]4/24, [5.6.7.8], 2001:db8[:]:1 and fe80::1%eth0; CVE 2019-0708 cve-2017-0144\n" +
	"hash d41d8cd98f00b204e9800998ecf8427e in gооgle.com (see https://en.wikipedia.org/wiki/Bolt_(ransomware)).\n" +
	"{\"u\":\"http:\\/\\/json.example.org\\/x\\/y\",\"e\":\"a.b@mail.example.net\"}\n" +
	"setup.py README.md evil.com.Next sentence example。com 0x52908400098527886e0f7030069857d2e4169ee7\n"

func extractChunked(t *testing.T, text []byte, chunk int, window, overlap int) ([]Indicator, Stats) {
	t.Helper()
	e := NewExtractor(Options{})
	if window > 0 {
		e.window, e.overlap = window, overlap
	}
	for off := 0; off < len(text); off += chunk {
		end := min(off+chunk, len(text))
		if n, err := e.Write(text[off:end]); err != nil || n != end-off {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	return e.Indicators(), e.Stats()
}

func TestStreamingEveryChunkSize(t *testing.T) {
	text := []byte(streamText)
	want, wantStats := Extract(text, Options{})
	if len(want) < 15 {
		t.Fatalf("only %d indicators in the reference extraction: %v", len(want), pairsOf(want))
	}
	for chunk := 1; chunk <= len(text); chunk++ {
		got, stats := extractChunked(t, text, chunk, 0, 0)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(stats, wantStats) {
			t.Fatalf("chunk size %d: results differ\n got %v\nwant %v", chunk, pairsOf(got), pairsOf(want))
		}
	}
}

// TestStreamingSmallWindows makes windows tiny so that window cuts fall
// everywhere, and checks that nothing is lost or counted twice.
func TestStreamingSmallWindows(t *testing.T) {
	text := []byte(strings.Repeat(streamText, 20))
	want, wantStats := Extract(text, Options{MaxOffsets: 1000})
	for _, window := range []int{200, 257, 301, 512, 1000} {
		for _, chunk := range []int{1, 7, 64, 4096} {
			e := NewExtractor(Options{MaxOffsets: 1000})
			e.window, e.overlap = window, 160
			for off := 0; off < len(text); off += chunk {
				_, _ = e.Write(text[off:min(off+chunk, len(text))])
			}
			_ = e.Close()
			got, stats := e.Indicators(), e.Stats()
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(stats, wantStats) {
				t.Fatalf("window %d chunk %d: results differ\n got %v\nwant %v", window, chunk, summary(got), summary(want))
			}
		}
	}
}

func summary(inds []Indicator) string {
	var b strings.Builder
	for _, i := range inds {
		j, _ := json.Marshal(i)
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

func encodeUTF16(s string, bigEndian bool) []byte {
	units := utf16.Encode([]rune(s))
	out := make([]byte, 0, 2+2*len(units))
	if bigEndian {
		out = append(out, 0xFE, 0xFF)
	} else {
		out = append(out, 0xFF, 0xFE)
	}
	for _, u := range units {
		hi, lo := byte(u>>8), byte(u&0xFF) // #nosec G115 -- splitting a 16-bit unit into its bytes
		if bigEndian {
			out = append(out, hi, lo)
		} else {
			out = append(out, lo, hi)
		}
	}
	return out
}

func TestUTF16AndBOM(t *testing.T) {
	text := "Connexion à hxxp://evil[.]com/x depuis 10.1.2.3 😀 et gооgle.com\n"
	want, _ := Extract([]byte(text), Options{})
	inputs := map[string][]byte{
		"utf-16le":  encodeUTF16(text, false),
		"utf-16be":  encodeUTF16(text, true),
		"utf-8 bom": append([]byte{0xEF, 0xBB, 0xBF}, text...),
	}
	for name, in := range inputs {
		for _, chunk := range []int{1, 2, 3, 5, len(in)} {
			got, stats := extractChunked(t, in, chunk, 0, 0)
			// Offsets refer to the decoded text, so they match the UTF-8 run.
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s chunk %d:\n got %s\nwant %s", name, chunk, summary(got), summary(want))
			}
			if stats.Bytes != int64(len(in)) {
				t.Errorf("%s: Stats.Bytes = %d, want %d", name, stats.Bytes, len(in))
			}
		}
	}
}

func TestSurvivesHostileBytes(t *testing.T) {
	inputs := [][]byte{
		[]byte("evil.com\x00\xff\xfe1.2.3.4\r\n\xc3\x28bad.example.org\x80"),
		bytes.Repeat([]byte{0}, 5000),
		bytes.Repeat([]byte("\xe3\x80"), 3000),
		[]byte("\xff\xfe\x00"),     // a UTF-16 mark and half a code unit
		[]byte("\xfe\xff\xd8\x00"), // a lone high surrogate
	}
	for _, in := range inputs {
		for _, chunk := range []int{1, 3, len(in)} {
			_, _ = extractChunked(t, in, chunk, 0, 0)
		}
	}
	got := pairsOf(mustExtract(t, "evil.com\x00\xff\xfe1.2.3.4\r\n\xc3\x28bad.example.org\x80"))
	want := sortedPairs([]pair{d("evil.com"), v4("1.2.3.4"), d("bad.example.org")})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestLongLineStaysLinear(t *testing.T) {
	// One 3 MB line with no newline: windows must cut at spaces and still
	// find the indicator at each end exactly once.
	line := "start evil.com " + strings.Repeat("word ", 600_000) + " end 1.2.3.4"
	got := mustExtract(t, line)
	if len(got) != 2 || got[0].Count != 1 || got[1].Count != 1 {
		t.Errorf("got %s", summary(got))
	}
}

func TestWriteAfterClose(t *testing.T) {
	e := NewExtractor(Options{})
	_ = e.Close()
	if _, err := e.Write([]byte("x")); err == nil {
		t.Error("Write after Close succeeded")
	}
}

func TestTypesFilterAndOffsetsCap(t *testing.T) {
	text := strings.Repeat("evil.com 1.2.3.4 ", 40)
	inds, stats := Extract([]byte(text), Options{Types: []Type{IPv4}, MaxOffsets: 3})
	if len(inds) != 1 || inds[0].Type != IPv4 || inds[0].Count != 40 || len(inds[0].Offsets) != 3 {
		t.Errorf("got %s", summary(inds))
	}
	if stats.Indicators != 1 || stats.Occurrences != 40 || stats.ByType[IPv4] != 1 {
		t.Errorf("stats %+v", stats)
	}
}

func TestIndexInteresting(t *testing.T) {
	// Every byte value at every lane position, against the table.
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 20; pos++ {
			buf := bytes.Repeat([]byte{'a'}, 20)
			buf[pos] = byte(c)
			want := len(buf)
			if interesting[c] != 0 || c == '/' {
				want = pos
			}
			if got := indexInteresting(buf, 0); got != want {
				t.Fatalf("byte %#x at %d: got %d, want %d", c, pos, got, want)
			}
		}
	}
}

// TestWordCacheChangesNothing checks that replaying remembered words gives
// exactly what processing them again gives.
func TestWordCacheChangesNothing(t *testing.T) {
	texts := [][]byte{reportCorpus(512 << 10), []byte(strings.Repeat(streamText, 30))}
	docs, _ := filepath.Glob(filepath.Join("testdata", "docs", "*"))
	for _, doc := range docs {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, bytes.Repeat(b, 3))
	}
	for n, text := range texts {
		run := func(cache bool) ([]Indicator, Stats) {
			e := NewExtractor(Options{MaxOffsets: 100})
			if !cache {
				e.sc.cache = nil
			}
			_, _ = e.Write(text)
			_ = e.Close()
			return e.Indicators(), e.Stats()
		}
		with, ws := run(true)
		without, wos := run(false)
		if !reflect.DeepEqual(with, without) || !reflect.DeepEqual(ws, wos) {
			t.Errorf("text %d: the word cache changed the result", n)
		}
	}
}
