package greynoise

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

// fuzzNow is a fixed time, so a failing input fails the same way again.
var fuzzNow = time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)

// FuzzParse checks that no answer, however broken, panics or fails other
// than as a *LookupError, and that any 429 stays a rate limit that ends
// within a day.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"greynoise_community_200_noise.json", "greynoise_community_200_riot.json", "greynoise_community_404_live2026.json", "greynoise_community_429.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		q := intel.Query{Type: ioc.IPv4, Value: "51.91.185.74"}
		res, err := parse(q, &intel.Response{Status: http.StatusOK, Body: body})
		var le *intel.LookupError
		if err != nil && !errors.As(err, &le) {
			t.Fatalf("error %T %v", err, err)
		}
		if err == nil && res.Verdict == "" {
			t.Fatal("result without a verdict")
		}
		e := rateLimited(&intel.Response{Status: http.StatusTooManyRequests, Header: http.Header{}, Body: body}, fuzzNow)
		if e.Kind != intel.ErrRateLimited || e.RetryAfter < 0 || e.RetryAfter > 24*time.Hour {
			t.Fatalf("429 became %+v", e)
		}
	})
}
