package intel

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// TestEnrichConcurrency counts lookups in flight at once at a provider that
// has answered before: all of them up to the provider's bound, never more.
func TestEnrichConcurrency(t *testing.T) {
	tests := []struct {
		name        string
		concurrency int
		iocs        int
		want        int64
	}{
		{"16 indicators at once", 16, 16, 16},
		{"bounded to 4", 4, 16, 4},
		{"fewer indicators than the bound", 8, 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				release := make(chan struct{})
				p := &fakeProvider{name: "fake", answer: blockUntil(release)}
				o := answered(NewOrchestrator(fakeConfig(tt.concurrency, nil, "fake"), []Provider{p}, Options{}))
				var rec recorder
				done := make(chan Summary)
				go func() { done <- o.Enrich(t.Context(), Request{IOCs: publicIPs(tt.iocs)}, rec.emit) }()
				synctest.Wait()
				if got := p.inFlight.Load(); got != tt.want {
					t.Errorf("lookups in flight = %d, want %d", got, tt.want)
				}
				close(release)
				sum := <-done
				if got := p.maxSeen.Load(); got != tt.want {
					t.Errorf("most lookups in flight = %d, want %d", got, tt.want)
				}
				if got := len(rec.results()); got != tt.iocs {
					t.Errorf("%d results, want %d", got, tt.iocs)
				}
				if len(sum.Verdicts) != tt.iocs {
					t.Errorf("summary has %d verdicts, want %d", len(sum.Verdicts), tt.iocs)
				}
			})
		})
	}
}

// TestEnrichSlowProvider: at a provider that has answered before, 16
// lookups of one second each take one second with room for all 16, four
// with a bound of four, never sixteen. The bubble's clock is virtual, so the
// durations are exact.
func TestEnrichSlowProvider(t *testing.T) {
	for _, tt := range []struct {
		concurrency int
		want        time.Duration
	}{{16, time.Second}, {4, 4 * time.Second}} {
		synctest.Test(t, func(t *testing.T) {
			p := &fakeProvider{name: "slow", answer: func(context.Context, Query) (Result, error) {
				time.Sleep(time.Second)
				return Result{Verdict: Unknown}, nil
			}}
			o := answered(NewOrchestrator(fakeConfig(tt.concurrency, nil, "slow"), []Provider{p}, Options{}))
			start := time.Now()
			o.Enrich(t.Context(), Request{IOCs: publicIPs(16)}, nil)
			if got := time.Since(start); got != tt.want {
				t.Errorf("concurrency %d: 16 slow lookups took %v, want %v", tt.concurrency, got, tt.want)
			}
		})
	}
}

// TestEnrichSingleflight: identical lookups in flight, from one request or
// from two at once, reach the provider once.
func TestEnrichSingleflight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		p := &fakeProvider{name: "fake", answer: blockUntil(release)}
		o := NewOrchestrator(fakeConfig(4, nil, "fake"), []Provider{p}, Options{})
		q := Query{Type: ioc.Domain, Value: "evil.example.com"}
		q.Value = "evil.com"
		req := Request{IOCs: []Query{q, q, q}}
		var a, b recorder
		done := make(chan struct{})
		go func() { o.Enrich(t.Context(), req, a.emit); done <- struct{}{} }()
		go func() { o.Enrich(t.Context(), req, b.emit); done <- struct{}{} }()
		synctest.Wait()
		close(release)
		<-done
		<-done
		if got := p.calls.Load(); got != 1 {
			t.Errorf("provider called %d times, want 1", got)
		}
		for i, rec := range []*recorder{&a, &b} {
			res := rec.results()
			if len(res) != 1 || res[0].Verdict != Harmless {
				t.Errorf("request %d: results %+v, want one harmless", i, res)
			}
		}
	})
}

// TestEnrichCache: a second run asks nothing, answers say they are cached,
// expiry and Refresh ask again, and failures are never kept.
func TestEnrichCache(t *testing.T) {
	clock := newFakeClock()
	fail := true
	p := &fakeProvider{name: "fake", answer: func(_ context.Context, q Query) (Result, error) {
		if q.Value == "8.8.0.3" && fail {
			return Result{}, Errorf(ErrUpstream, 502, "the provider answered 502 Bad Gateway")
		}
		return Result{Verdict: Malicious, Summary: "bad"}, nil
	}}
	o := NewOrchestrator(fakeConfig(4, nil, "fake"), []Provider{p}, Options{Clock: clock})
	req := Request{IOCs: publicIPs(3)}
	ctx := t.Context()

	o.Enrich(ctx, req, nil)
	if got := p.calls.Load(); got != 3 {
		t.Fatalf("first run: %d calls, want 3", got)
	}
	fetchedAt := clock.Now()
	clock.Advance(10 * time.Minute)
	fail = false
	var rec recorder
	o.Enrich(ctx, req, rec.emit)
	if got := p.calls.Load(); got != 4 {
		t.Errorf("second run: %d calls in all, want 4 (only the failed lookup again)", got)
	}
	for _, r := range rec.results() {
		if r.IOC.Value == "8.8.0.3" {
			if r.Cached {
				t.Errorf("%s: a retried failure is marked cached", r.IOC.Value)
			}
			continue
		}
		if !r.Cached || r.CachedAt == nil || !r.CachedAt.Equal(fetchedAt) {
			t.Errorf("%s: cached=%v at %v, want cached at %v", r.IOC.Value, r.Cached, r.CachedAt, fetchedAt)
		}
	}

	o.Enrich(ctx, req, nil)
	if got := p.calls.Load(); got != 4 {
		t.Errorf("third run: %d calls in all, want still 4", got)
	}
	o.Enrich(ctx, Request{IOCs: req.IOCs, Refresh: true}, nil)
	if got := p.calls.Load(); got != 7 {
		t.Errorf("refresh: %d calls in all, want 7", got)
	}
	clock.Advance(59 * time.Minute) // an hour after the first answers, not after the refresh
	o.Enrich(ctx, req, nil)
	if got := p.calls.Load(); got != 7 {
		t.Errorf("after refresh: %d calls in all, want 7 (refresh renewed the cache)", got)
	}
	clock.Advance(time.Hour)
	o.Enrich(ctx, req, nil)
	if got := p.calls.Load(); got != 10 {
		t.Errorf("after expiry: %d calls in all, want 10", got)
	}
}

func TestEnrichCacheBound(t *testing.T) {
	p := &fakeProvider{name: "fake"}
	o := NewOrchestrator(fakeConfig(4, nil, "fake"), []Provider{p}, Options{CacheSize: 5})
	o.Enrich(t.Context(), Request{IOCs: publicIPs(20)}, nil)
	if got := o.cache.len(); got != 5 {
		t.Errorf("cache holds %d answers, want the bound 5", got)
	}
	off := NewOrchestrator(fakeConfig(4, nil, "fake"), []Provider{p}, Options{CacheSize: -1})
	off.Enrich(t.Context(), Request{IOCs: publicIPs(2)}, nil)
	off.Enrich(t.Context(), Request{IOCs: publicIPs(2)}, nil)
	if got := p.calls.Load(); got != 24 {
		t.Errorf("with the cache off: %d calls in all, want 24", got)
	}
}

// TestEnrichCancel: when the requester goes away, Enrich returns, lookups
// in flight see the cancellation and no further lookup starts.
func TestEnrichCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := &fakeProvider{name: "fake", answer: blockUntil(nil)}
		slow := &fakeProvider{name: "slow", answer: blockUntil(nil)}
		cfg := fakeConfig(2, nil, "fake")
		cfg.Providers["slow"] = ProviderConfig{Rates: []Rate{{1, time.Hour}}, Concurrency: 2}
		o := answered(NewOrchestrator(cfg, []Provider{p, slow}, Options{Clock: newFakeClock()}))
		ctx, cancel := context.WithCancel(t.Context())
		var rec recorder
		done := make(chan Summary)
		go func() { done <- o.Enrich(ctx, Request{IOCs: publicIPs(10)}, rec.emit) }()
		synctest.Wait()
		if p.calls.Load() != 2 || slow.calls.Load() != 1 {
			t.Fatalf("before cancel: %d and %d calls, want 2 and 1", p.calls.Load(), slow.calls.Load())
		}
		cancel()
		sum := <-done
		synctest.Wait()
		if p.calls.Load() != 2 || slow.calls.Load() != 1 {
			t.Errorf("after cancel: %d and %d calls, want still 2 and 1", p.calls.Load(), slow.calls.Load())
		}
		if p.inFlight.Load() != 0 || slow.inFlight.Load() != 0 {
			t.Errorf("lookups still in flight after cancel")
		}
		if len(sum.Verdicts) != 10 {
			t.Errorf("summary has %d verdicts, want 10", len(sum.Verdicts))
		}
		if got := slow.name; len(o.byName[got].limiter.log) != 1 {
			t.Errorf("rate limiter keeps %d grants after cancel, want only the one used", len(o.byName[got].limiter.log))
		}
		if n := len(rec.snapshot()); n == 0 || rec.snapshot()[n-1].EventKind() != "summary" {
			t.Errorf("the last event is not the summary")
		}
	})
}

// TestEnrichSkips: what must not or cannot be asked never reaches Lookup,
// and says why.
func TestEnrichSkips(t *testing.T) {
	ipOnly := &fakeProvider{name: "iponly", types: []ioc.Type{ioc.IPv4, ioc.IPv6}}
	nokey := &fakeProvider{name: "nokey", unconfigured: true}
	iocs := []Query{
		{Type: ioc.IPv4, Value: "10.1.2.3"},
		{Type: ioc.IPv4, Value: "1.1.1.1"},
		{Type: ioc.IPv6, Value: "fe80::1"},
		{Type: ioc.Domain, Value: "evil.com"},
		{Type: ioc.URL, Value: "http://192.168.1.1/admin"},
	}
	o := NewOrchestrator(fakeConfig(4, nil, "iponly", "nokey"), []Provider{ipOnly, nokey}, Options{})
	var rec recorder
	sum := o.Enrich(t.Context(), Request{IOCs: iocs, Providers: []string{"iponly", "nokey", "shodan"}}, rec.emit)

	want := map[string]string{
		"iponly ipv4:10.1.2.3":                "private address",
		"iponly ipv4:1.1.1.1":                 "",
		"iponly ipv6:fe80::1":                 "private address",
		"iponly domain:evil.com":              "type not supported",
		"iponly url:http://192.168.1.1/admin": "type not supported",
		"nokey ipv4:1.1.1.1":                  "not configured",
		"shodan ipv4:1.1.1.1":                 "unknown provider",
		"nokey url:http://192.168.1.1/admin":  "not configured",
		"shodan url:http://192.168.1.1/admin": "unknown provider",
	}
	got := map[string]string{}
	for _, r := range rec.results() {
		got[r.Provider+" "+r.IOC.Key()] = r.Reason
		if (r.Verdict == Skipped) != (r.Reason != "") {
			t.Errorf("%s %s: verdict %s with reason %q", r.Provider, r.IOC.Key(), r.Verdict, r.Reason)
		}
	}
	for k, reason := range want {
		if got[k] != reason {
			t.Errorf("%s: reason %q, want %q", k, got[k], reason)
		}
	}
	if len(rec.results()) != 15 {
		t.Errorf("%d results, want 15 (5 indicators × 3 names)", len(rec.results()))
	}
	if q := ipOnly.queries(); len(q) != 1 || q[0].Value != "1.1.1.1" {
		t.Errorf("provider was asked %v, want only 1.1.1.1", q)
	}
	if nokey.calls.Load() != 0 {
		t.Errorf("an unconfigured provider was called")
	}
	if sum.Verdicts["ipv4:1.1.1.1"] != Harmless || sum.Verdicts["ipv4:10.1.2.3"] != Skipped {
		t.Errorf("summary %v", sum.Verdicts)
	}

	offline := fakeConfig(4, nil, "iponly")
	offline.Offline = true
	var off recorder
	NewOrchestrator(offline, []Provider{ipOnly}, Options{}).Enrich(t.Context(), Request{IOCs: iocs}, off.emit)
	for _, r := range off.results() {
		if r.Reason != "offline" {
			t.Errorf("offline: %s skipped for %q, want offline", r.IOC.Key(), r.Reason)
		}
	}
	if ipOnly.calls.Load() != 1 {
		t.Errorf("offline mode called the provider")
	}
}

func TestCheckProviders(t *testing.T) {
	o := NewOrchestrator(Config{}, []Provider{&fakeProvider{name: "a"}, &fakeProvider{name: "b"}}, Options{})
	if err := o.CheckProviders([]string{"a", "b"}); err != nil {
		t.Errorf("known names refused: %v", err)
	}
	if err := o.CheckProviders(nil); err != nil {
		t.Errorf("no names refused: %v", err)
	}
	err := o.CheckProviders([]string{"a", "virustotl"})
	if err == nil || err.Error() != `unknown provider "virustotl"; choose from a, b` {
		t.Errorf("unknown name: error %v", err)
	}
}

// TestEnrichEvents checks the stream's shape: a first progress with the
// total, a progress after each result, kinds set, and the summary last.
func TestEnrichEvents(t *testing.T) {
	p := &fakeProvider{name: "fake", answer: func(_ context.Context, q Query) (Result, error) {
		switch q.Value {
		case "8.8.0.1":
			return Result{Kind: "wrong", Verdict: Malicious, Provider: "spoofed"}, nil
		case "8.8.0.2":
			return Result{}, errors.New("plain error")
		case "8.8.0.3":
			panic("provider bug")
		}
		return Result{Verdict: "nonsense"}, nil
	}}
	o := NewOrchestrator(fakeConfig(1, nil, "fake"), []Provider{p}, Options{})
	var rec recorder
	o.Enrich(t.Context(), Request{IOCs: publicIPs(4)}, rec.emit)
	events := rec.snapshot()
	if len(events) != 1+4*2+1 {
		t.Fatalf("%d events, want 10", len(events))
	}
	if first, ok := events[0].(Progress); !ok || first.Done != 0 || first.Total != 4 {
		t.Errorf("first event %+v, want progress 0/4", events[0])
	}
	for i := 1; i < 9; i += 2 {
		res, ok := events[i].(*Result)
		if !ok || res.Kind != "result" || res.Provider != "fake" {
			t.Errorf("event %d = %+v, want a result of fake", i, events[i])
			continue
		}
		pr, ok := events[i+1].(Progress)
		if !ok || pr.Kind != "progress" || pr.Done != (i+1)/2 || pr.Total != 4 {
			t.Errorf("event %d = %+v, want progress %d/4", i+1, events[i+1], (i+1)/2)
		}
	}
	byValue := map[string]*Result{}
	for _, r := range rec.results() {
		byValue[r.IOC.Value] = r
	}
	for value, want := range map[string]struct {
		verdict Verdict
		err     string
	}{
		"8.8.0.1": {Malicious, ""},
		"8.8.0.2": {Error, "plain error"},
		"8.8.0.3": {Error, "the Fake fake lookup failed unexpectedly"},
		"8.8.0.4": {Unknown, ""},
	} {
		if r := byValue[value]; r == nil || r.Verdict != want.verdict || r.Error != want.err {
			t.Errorf("%s: %+v, want %s %q", value, r, want.verdict, want.err)
		}
	}
	if s, ok := events[len(events)-1].(Summary); !ok || s.Kind != "summary" {
		t.Errorf("last event %+v, want the summary", events[len(events)-1])
	}
	if rec.overlap.Load() {
		t.Errorf("emit was called by two goroutines at once")
	}
}

func TestStatuses(t *testing.T) {
	cfg, err := LoadConfig(mapEnv(map[string]string{"VT_API_KEY": "k"}), "")
	if err != nil {
		t.Fatal(err)
	}
	providers := []Provider{
		&fakeProvider{name: "virustotal"},
		&fakeProvider{name: "greynoise", unconfigured: true},
		&fakeProvider{name: "internetdb"},
	}
	got := NewOrchestrator(cfg, providers, Options{}).Statuses()
	want := []ProviderStatus{
		{Name: "virustotal", Title: "Fake virustotal", Configured: true, RateLimit: "4/min, 500/day"},
		{Name: "greynoise", Title: "Fake greynoise", Reason: "set GREYNOISE_API_KEY", RateLimit: "10/min, 100/day"},
		{Name: "internetdb", Title: "Fake internetdb", Configured: true, RateLimit: "5/s, 60/min"},
	}
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Errorf("status %d = %+v, want %+v", i, got, want[i])
		}
	}
	cfg.Offline = true
	for _, st := range NewOrchestrator(cfg, providers, Options{}).Statuses() {
		if st.Configured || st.Reason != "offline" {
			t.Errorf("offline: %+v", st)
		}
	}
}

func TestWaitingTextNamesTheLimit(t *testing.T) {
	ps := &providerState{title: "VirusTotal", rates: []Rate{{4, time.Minute}}, freeTier: true}
	now := time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)
	got := waitingText(ps, 23, limiterState{next: now.Add(14 * time.Second)}, now)
	if want := "VirusTotal free tier: 4/min — 23 queued, next slot in 14s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !strings.Contains(waitingText(ps, 2, limiterState{next: now.Add(time.Minute), paused: true}, now), "asked to slow down") {
		t.Errorf("a provider's own pause is not explained")
	}
}

// TestEnrichSharedLookupOutlivesItsRequester: when the request that started
// a shared lookup goes away, another request waiting for the same answer
// asks again instead of inheriting the cancellation.
func TestEnrichSharedLookupOutlivesItsRequester(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		p := &fakeProvider{name: "fake", answer: blockUntil(release)}
		o := NewOrchestrator(fakeConfig(4, nil, "fake"), []Provider{p}, Options{})
		req := Request{IOCs: publicIPs(1)}
		ctxA, cancelA := context.WithCancel(t.Context())
		doneA := make(chan struct{})
		go func() { o.Enrich(ctxA, req, nil); close(doneA) }()
		synctest.Wait() // A's lookup is in flight
		var b recorder
		doneB := make(chan struct{})
		go func() { o.Enrich(t.Context(), req, b.emit); close(doneB) }()
		synctest.Wait() // B shares it
		if got := p.calls.Load(); got != 1 {
			t.Fatalf("%d calls before the cancel, want 1", got)
		}
		cancelA()
		<-doneA
		synctest.Wait()
		if got := p.calls.Load(); got != 2 {
			t.Errorf("%d calls after A left, want 2 (B asks again)", got)
		}
		close(release)
		<-doneB
		if res := b.results(); len(res) != 1 || res[0].Verdict != Harmless {
			t.Errorf("B's results %+v, want one harmless", res)
		}
	})
}

// TestSlowProviderDoesNotDelayOthers: a provider that answers only at its
// 15 s timeout holds back none of another provider's answers. The bubble's
// virtual clock stamps each result.
func TestSlowProviderDoesNotDelayOthers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dead := &fakeProvider{name: "dead", answer: func(context.Context, Query) (Result, error) {
			time.Sleep(15 * time.Second)
			return Result{}, Errorf(ErrTimeout, 0, "no answer within 15s")
		}}
		fast := &fakeProvider{name: "fast"}
		o := answered(NewOrchestrator(fakeConfig(2, nil, "dead", "fast"), []Provider{dead, fast}, Options{}))
		start := time.Now()
		at := map[string][]time.Duration{}
		o.Enrich(t.Context(), Request{IOCs: publicIPs(4)}, func(e Event) {
			if r, ok := e.(*Result); ok {
				at[r.Provider] = append(at[r.Provider], time.Since(start))
				if r.Provider == "dead" && r.Error != "no answer within 15s" {
					t.Errorf("dead provider: %+v", r)
				}
			}
		})
		for i, d := range at["fast"] {
			if d != 0 {
				t.Errorf("fast answer %d arrived after %v, want at once", i, d)
			}
		}
		if got, want := at["dead"], []time.Duration{15 * time.Second, 15 * time.Second, 30 * time.Second, 30 * time.Second}; len(got) != 4 || got[3] != want[3] {
			t.Errorf("dead answers at %v, want %v", got, want)
		}
	})
}

// TestSixteenSlowAnswersWithDefaultLimits: with InternetDB's default limits
// and concurrency, 16 addresses answered in 1 s each take 4 s, not 16 s,
// once InternetDB has answered (a first lookup goes alone, see
// TestProbeGate).
func TestSixteenSlowAnswersWithDefaultLimits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cfg, err := LoadConfig(mapEnv(nil), "")
		if err != nil {
			t.Fatal(err)
		}
		p := &fakeProvider{name: "internetdb", answer: func(context.Context, Query) (Result, error) {
			time.Sleep(time.Second)
			return Result{Verdict: Unknown}, nil
		}}
		o := answered(NewOrchestrator(cfg, []Provider{p}, Options{}))
		start := time.Now()
		o.Enrich(t.Context(), Request{IOCs: publicIPs(16)}, nil)
		if got := time.Since(start); got != 4*time.Second {
			t.Errorf("16 lookups took %v, want 4s", got)
		}
		if got := p.maxSeen.Load(); got != 4 {
			t.Errorf("at most %d lookups in flight, want 4", got)
		}
	})
}
