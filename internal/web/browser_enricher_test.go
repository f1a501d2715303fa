package web

import (
	"context"
	"strings"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// demoEnricher answers like real providers would for the sample report, so
// the browser test sees every kind of verdict and the screenshot looks like
// a real session. It never touches the network.
type demoEnricher struct{}

func (demoEnricher) Statuses() []intel.ProviderStatus {
	return []intel.ProviderStatus{
		{Name: "virustotal", Title: "VirusTotal", Configured: true, RateLimit: "4/min, 500/day"},
		{Name: "greynoise", Title: "GreyNoise", Configured: true, RateLimit: "10/min"},
		{Name: "abuseipdb", Title: "AbuseIPDB", Reason: "set ABUSEIPDB_API_KEY", RateLimit: "1000/day"},
		{Name: "internetdb", Title: "Shodan InternetDB", Configured: true, RateLimit: "1/s"},
	}
}

func (demoEnricher) CheckProviders([]string) error { return nil }

func (demoEnricher) Enrich(ctx context.Context, req intel.Request, emit func(intel.Event)) intel.Summary {
	providers := req.Providers
	if providers == nil {
		providers = []string{"virustotal", "greynoise", "internetdb"}
	}
	total := len(req.IOCs) * len(providers)
	done := 0
	emit(intel.Progress{Total: total, Waiting: map[string]string{"virustotal": "free tier 4/min, next slot in 14s"}})
	sum := intel.Summary{Verdicts: map[string]intel.Verdict{}}
	cachedAt := time.Now().Add(-12 * time.Minute)
	for _, q := range req.IOCs {
		best := intel.Skipped
		for _, p := range providers {
			if ctx.Err() != nil {
				return sum
			}
			r := demoAnswer(q, p)
			if p == "virustotal" && r.Verdict != intel.Skipped {
				r.Cached, r.CachedAt = true, &cachedAt
			}
			emit(&r)
			done++
			emit(intel.Progress{Done: done, Total: total})
			if rank(r.Verdict) > rank(best) {
				best = r.Verdict
			}
		}
		sum.Verdicts[q.Key()] = best
	}
	emit(sum)
	return sum
}

func rank(v intel.Verdict) int {
	return map[intel.Verdict]int{intel.Malicious: 6, intel.Suspicious: 5, intel.Harmless: 4, intel.Unknown: 3, intel.Error: 2, intel.Skipped: 1}[v]
}

// demoAnswer is one provider's made-up answer about one indicator.
func demoAnswer(q intel.Query, provider string) intel.Result {
	r := intel.Result{IOC: q, Provider: provider}
	ip := q.Type == ioc.IPv4 || q.Type == ioc.IPv6
	private := strings.HasPrefix(q.Value, "10.") || strings.HasPrefix(q.Value, "192.168.") ||
		strings.HasPrefix(q.Value, "198.51.100.") || strings.HasPrefix(q.Value, "203.0.113.") || strings.HasPrefix(q.Value, "2001:db8:")
	bad := strings.Contains(q.Value, "lantern") || strings.Contains(q.Value, "freight-docs") || strings.Contains(q.Value, "kargo")
	switch {
	case provider != "virustotal" && !ip:
		r.Verdict, r.Reason = intel.Skipped, "type not supported"
	case private:
		r.Verdict, r.Reason = intel.Skipped, "private or documentation address"
	case provider == "greynoise" && q.Value == "185.220.101.47":
		r.Verdict, r.Summary = intel.Suspicious, "scanner, Tor exit node, last seen 2026-11-30"
	case provider == "internetdb":
		r.Verdict, r.Summary = intel.Unknown, "ports 22, 443, 9001"
	case provider == "greynoise":
		r.Verdict, r.Summary = intel.Unknown, "not seen scanning"
	case bad || q.Type == ioc.SHA256 || q.Type == ioc.MD5:
		r.Verdict, r.Summary = intel.Malicious, "14/94 engines"
		r.Link = "https://www.virustotal.com/gui/search/" + q.Value
	case q.Type == ioc.CVE || q.Type == ioc.BTC:
		r.Verdict, r.Reason = intel.Skipped, "type not supported"
	default:
		r.Verdict, r.Summary = intel.Harmless, "0/94 engines"
		r.Link = "https://www.virustotal.com/gui/search/" + q.Value
	}
	return r
}
