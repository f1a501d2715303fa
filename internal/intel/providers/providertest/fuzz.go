package providertest

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

// Seed adds the named testdata samples to f's corpus.
func Seed(f *testing.F, samples ...string) {
	f.Helper()
	for _, name := range samples {
		f.Add(Sample(f, name))
	}
}

// CheckParsed fails the test if a parser failed other than with a
// *LookupError, or succeeded without a verdict.
func CheckParsed(t *testing.T, res intel.Result, err error) {
	t.Helper()
	var le *intel.LookupError
	if err != nil && !errors.As(err, &le) {
		t.Fatalf("error %T %v", err, err)
	}
	if err == nil && res.Verdict == "" {
		t.Fatal("result without a verdict")
	}
}

// fuzzNow dates every fuzzed 429, so a failing input fails the same way
// again.
var fuzzNow = time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)

// CheckRateLimited words body as a 429 with rateLimited and fails the test
// unless it stays a rate limit that ends within a day.
func CheckRateLimited(t *testing.T, rateLimited func(*intel.Response, time.Time) *intel.LookupError, body []byte) {
	t.Helper()
	e := rateLimited(&intel.Response{Status: http.StatusTooManyRequests, Header: http.Header{}, Body: body}, fuzzNow)
	if e.Kind != intel.ErrRateLimited || e.RetryAfter < 0 || e.RetryAfter > 24*time.Hour {
		t.Fatalf("429 became %+v", e)
	}
}
