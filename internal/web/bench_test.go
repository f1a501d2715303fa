package web

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"testing"
)

// BenchmarkAPIExtract posts about 1 MB of report text to /api/extract
// through the whole handler, middleware included.
func BenchmarkAPIExtract(b *testing.B) {
	report, err := os.ReadFile("testdata/report.txt")
	if err != nil {
		b.Fatal(err)
	}
	var text bytes.Buffer
	for text.Len() < 1<<20 {
		text.Write(report)
		text.WriteByte('\n')
	}
	body, err := json.Marshal(extractRequest{Text: text.String()})
	if err != nil {
		b.Fatal(err)
	}
	s := newTestServer(b, Config{})
	h := s.Handler()
	b.SetBytes(int64(text.Len()))
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/api/extract", bytes.NewReader(body))
		r.Host = testHost
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkExtractOnly is the engine alone on the same text, to show what
// the handler adds.
func BenchmarkExtractOnly(b *testing.B) {
	report, err := os.ReadFile("testdata/report.txt")
	if err != nil {
		b.Fatal(err)
	}
	var text bytes.Buffer
	for text.Len() < 1<<20 {
		text.Write(report)
		text.WriteByte('\n')
	}
	b.SetBytes(int64(text.Len()))
	b.ReportAllocs()
	for b.Loop() {
		defaultExtract(text.Bytes())
	}
}
