package virustotal

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// FuzzParse checks that no answer, however broken, panics or fails other
// than as a *LookupError, for a report and for a 404, and that any 429
// stays a rate limit that ends within a day.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"vt_file.json", "vt_ip.json", "vt_url.json", "vt_404_url.json", "vt_429_quota.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"data":{"attributes":{"last_analysis_stats":{"malicious":-5}}}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		q := intel.Query{Type: ioc.MD5, Value: "37ece581c10a7a88ee6c666b13807a03"}
		tgt, _ := locate(q)
		for _, status := range []int{http.StatusOK, http.StatusNotFound} {
			resp := &intel.Response{Status: status, Body: body}
			var res intel.Result
			var err error
			if status == http.StatusOK {
				res, err = parseReport(q, tgt, resp)
			} else {
				res, err = parseNotFound(q, tgt, resp)
			}
			var le *intel.LookupError
			if err != nil && !errors.As(err, &le) {
				t.Fatalf("error %T %v", err, err)
			}
			if err == nil && res.Verdict == "" {
				t.Fatal("result without a verdict")
			}
		}
		now := time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)
		e := rateLimited(&intel.Response{Status: http.StatusTooManyRequests, Header: http.Header{}, Body: body}, now)
		if e.Kind != intel.ErrRateLimited || e.RetryAfter < 0 || e.RetryAfter > 24*time.Hour {
			t.Fatalf("429 became %+v", e)
		}
	})
}

func BenchmarkParseReport(b *testing.B) {
	body, err := os.ReadFile(filepath.Join("testdata", "vt_file.json"))
	if err != nil {
		b.Fatal(err)
	}
	q := intel.Query{Type: ioc.SHA256, Value: "0078c8132fb99b4bccbb2e2429885a857d6a89534f74e23e6a12821abd2c3db2"}
	tgt, _ := locate(q)
	resp := &intel.Response{Status: http.StatusOK, Body: body}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseReport(q, tgt, resp); err != nil {
			b.Fatal(err)
		}
	}
}
