package intel

import (
	"context"
	"runtime"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// instantProvider answers at once without allocating, so a benchmark
// measures the orchestrator alone.
type instantProvider struct{}

func (instantProvider) Name() string          { return "instant" }
func (instantProvider) Title() string         { return "Instant" }
func (instantProvider) Configured() bool      { return true }
func (instantProvider) Accepts(ioc.Type) bool { return true }
func (instantProvider) Lookup(context.Context, Query) (Result, error) {
	return Result{Verdict: Harmless, Summary: "fine"}, nil
}

// BenchmarkEnrich measures the orchestrator's overhead per lookup: one op
// is an Enrich of 100 indicators at one instant provider; "lookup" bypasses
// the cache (every answer goes through the singleflight, the concurrency
// bound, the limiter and the provider), "cached" answers from the cache.
func BenchmarkEnrich(b *testing.B) {
	const perOp = 100
	for _, bc := range []struct {
		name    string
		refresh bool
	}{{"lookup", true}, {"cached", false}} {
		b.Run(bc.name, func(b *testing.B) {
			cfg := fakeConfig(4, []Rate{{maxRateN, 1}}, "instant")
			cfg.Providers["instant"] = ProviderConfig{Concurrency: 4}
			o := NewOrchestrator(cfg, []Provider{instantProvider{}}, Options{})
			req := Request{IOCs: publicIPs(perOp), Refresh: bc.refresh}
			ctx := context.Background()
			discard := func(Event) {}
			o.Enrich(ctx, Request{IOCs: req.IOCs}, discard) // fill the cache
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				o.Enrich(ctx, req, discard)
			}
			runtime.ReadMemStats(&after)
			lookups := float64(b.N * perOp)
			b.ReportMetric(lookups/b.Elapsed().Seconds(), "lookups/s")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/lookups, "ns/lookup")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/lookups, "allocs/lookup")
		})
	}
}
