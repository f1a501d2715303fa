package intel_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/greynoise"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// TestDailyQuotaAsksOnce wires the real GreyNoise provider, with its default
// limits and concurrency, to a loopback server that answers every request
// with GreyNoise's documented "daily rate limit" 429: ten lookups send one
// request, and all ten fail at once with the time the quota resets. A later
// enrichment by the same orchestrator, as the web server keeps one, sends
// none. The bubble's clock stands for the system clock of both the
// orchestrator and the provider; it starts at midnight, so this runs at
// 14:00 UTC on Jan 1.
func TestDailyQuotaAsksOnce(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("greynoise", "testdata", "greynoise_community_429.json"))
	if err != nil {
		t.Fatal(err)
	}
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(14 * time.Hour)
		var hits atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			hits.Add(1)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write(body)
		}))
		defer srv.Close()
		client := intel.NewHTTPClient()
		defer client.CloseIdleConnections()

		env := map[string]string{"GREYNOISE_API_KEY": "gn-key-2f4e6a8c0b1d", "GREYNOISE_BASE_URL": srv.URL}
		cfg, err := intel.LoadConfig(func(k string) string { return env[k] }, "")
		if err != nil {
			t.Fatal(err)
		}
		p := greynoise.New(cfg.Providers[greynoise.Name].Key, srv.URL, client)
		o := intel.NewOrchestrator(cfg, []intel.Provider{p}, intel.Options{})
		const want = "rate limited, retry after Jan 2 00:00 UTC"
		for run, wantHits := range []int64{1, 1} {
			var failed []string
			o.Enrich(context.Background(), intel.Request{IOCs: addresses(10)}, func(e intel.Event) {
				if r, ok := e.(*intel.Result); ok && r.Verdict == intel.Error {
					failed = append(failed, r.Error)
				}
			})
			if got := hits.Load(); got != wantHits {
				t.Errorf("run %d: the server was asked %d times in all, want %d", run, got, wantHits)
			}
			if len(failed) != 10 {
				t.Errorf("run %d: %d errors, want 10", run, len(failed))
			}
			for _, msg := range failed {
				if msg != want {
					t.Errorf("run %d: error %q, want %q", run, msg, want)
				}
			}
		}
	})
}

// addresses returns n distinct public IPv4 addresses.
func addresses(n int) []intel.Query {
	out := make([]intel.Query, n)
	for i := range out {
		out[i] = intel.Query{Type: ioc.IPv4, Value: "8.8.4." + strconv.Itoa(i+1)}
	}
	return out
}
