package intel

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// TestEnrichRateLimit: with 4/min the fifth lookup waits until the clock
// has moved a minute, and the progress says so meanwhile.
func TestEnrichRateLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clock := newFakeClock()
		p := &fakeProvider{name: "fake"}
		o := NewOrchestrator(fakeConfig(4, []Rate{{4, time.Minute}}, "fake"), []Provider{p}, Options{Clock: clock})
		var rec recorder
		done := make(chan Summary)
		go func() { done <- o.Enrich(t.Context(), Request{IOCs: publicIPs(6)}, rec.emit) }()
		synctest.Wait()
		if got := p.calls.Load(); got != 4 {
			t.Fatalf("before the minute: %d calls, want 4", got)
		}
		progress := rec.progress()
		last := progress[len(progress)-1]
		want := "Fake fake rate limit: 4/min — 2 queued, next slot in 1m0s"
		if last.Done != 4 || last.Waiting["fake"] != want {
			t.Errorf("progress while waiting: %+v, want done 4 and waiting %q", last, want)
		}
		clock.Advance(59 * time.Second)
		synctest.Wait()
		if got := p.calls.Load(); got != 4 {
			t.Fatalf("a second early: %d calls, want 4", got)
		}
		progress = rec.progress()
		want = "Fake fake rate limit: 4/min — 2 queued, next slot in 1s"
		if beat := progress[len(progress)-1]; beat.Waiting["fake"] != want {
			t.Errorf("progress repeated while waiting: %+v, want waiting %q", beat, want)
		}
		clock.Advance(time.Second)
		sum := <-done
		if got := p.calls.Load(); got != 6 {
			t.Errorf("after the minute: %d calls, want 6", got)
		}
		if len(sum.Verdicts) != 6 {
			t.Errorf("summary %v", sum.Verdicts)
		}
		progress = rec.progress()
		if final := progress[len(progress)-1]; final.Done != 6 || final.Waiting != nil {
			t.Errorf("final progress %+v, want done 6 and nothing waiting", final)
		}
	})
}

// TestEnrichQuotaExhausted: a daily quota that is used up fails the rest at
// once with the time of the next slot, instead of waiting all day.
func TestEnrichQuotaExhausted(t *testing.T) {
	clock := newFakeClock()
	p := &fakeProvider{name: "virustotal"}
	cfg := fakeConfig(4, []Rate{{2, day}}, "virustotal")
	o := NewOrchestrator(cfg, []Provider{p}, Options{Clock: clock})
	var rec recorder
	o.Enrich(t.Context(), Request{IOCs: publicIPs(3)}, rec.emit)
	if got := p.calls.Load(); got != 2 {
		t.Errorf("%d calls, want 2", got)
	}
	var failed []string
	for _, r := range rec.results() {
		if r.Verdict == Error {
			failed = append(failed, r.Error)
		}
	}
	want := "Fake virustotal limit of 2/day reached, next slot at Dec 4 14:00 UTC"
	if len(failed) != 1 || failed[0] != want {
		t.Errorf("errors %q, want [%q]", failed, want)
	}
}

// TestEnrichRetry429 covers a provider's own rate limit: waiting out its
// Retry-After within the budget, failing with the time to retry beyond it,
// and backing off when it names no time.
func TestEnrichRetry429(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter time.Duration
		refusals   int
		advance    []time.Duration // clock steps while the lookup waits
		wantCalls  int64
		want       Verdict
		wantErr    string
		wantWait   string
	}{
		{
			name: "retry after 10s", retryAfter: 10 * time.Second, refusals: 1,
			advance: []time.Duration{10 * time.Second}, wantCalls: 2, want: Harmless,
			wantWait: "Fake fake asked to slow down — 1 queued, next try in 10s",
		},
		{
			name: "retry after beyond the budget", retryAfter: 5 * time.Minute, refusals: 1,
			wantCalls: 1, want: Error, wantErr: "rate limited, retry after 14:05 UTC",
		},
		{
			name: "a daily quota, until midnight", retryAfter: 10 * time.Hour, refusals: 1,
			wantCalls: 1, want: Error, wantErr: "rate limited, retry after Dec 4 00:00 UTC",
		},
		{
			name: "no Retry-After: back off 5, 10, 20 s, then give up", refusals: 10,
			advance: []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second}, wantCalls: 4, want: Error, wantErr: "rate limited, retry later",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				clock := newFakeClock()
				var refused atomic.Int64
				p := &fakeProvider{name: "fake", answer: func(context.Context, Query) (Result, error) {
					if refused.Add(1) <= int64(tt.refusals) {
						return Result{}, &LookupError{Kind: ErrRateLimited, Status: 429, RetryAfter: tt.retryAfter, Message: "rate limited"}
					}
					return Result{Verdict: Harmless}, nil
				}}
				o := NewOrchestrator(fakeConfig(1, nil, "fake"), []Provider{p}, Options{Clock: clock})
				var rec recorder
				done := make(chan struct{})
				go func() { o.Enrich(t.Context(), Request{IOCs: publicIPs(1)}, rec.emit); close(done) }()
				for i, step := range tt.advance {
					synctest.Wait()
					if i == 0 && tt.wantWait != "" {
						progress := rec.progress()
						if got := progress[len(progress)-1].Waiting["fake"]; got != tt.wantWait {
							t.Errorf("waiting %q, want %q", got, tt.wantWait)
						}
					}
					clock.Advance(step)
				}
				<-done
				if got := p.calls.Load(); got != tt.wantCalls {
					t.Errorf("%d calls, want %d", got, tt.wantCalls)
				}
				res := rec.results()
				if len(res) != 1 || res[0].Verdict != tt.want || res[0].Error != tt.wantErr {
					t.Errorf("results %+v, want %s %q", res, tt.want, tt.wantErr)
				}
			})
		})
	}
}

// TestEnrich429PausesTheProvider: one lookup's 429 holds back the other
// lookups of the same provider instead of letting them earn refusals of
// their own, and leaves other providers alone.
func TestEnrich429PausesTheProvider(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clock := newFakeClock()
		var refused atomic.Bool
		started, release := make(chan struct{}), make(chan struct{})
		p := &fakeProvider{name: "fake", answer: func(_ context.Context, q Query) (Result, error) {
			switch {
			case q.Value == "8.8.0.1" && refused.CompareAndSwap(false, true):
				<-started // refuse only once 8.8.0.2 is in flight
				return Result{}, &LookupError{Kind: ErrRateLimited, Status: 429, RetryAfter: 30 * time.Second, Message: "rate limited"}
			case q.Value == "8.8.0.2":
				close(started)
				<-release // in flight while the refusal arrives
			}
			return Result{Verdict: Unknown}, nil
		}}
		other := &fakeProvider{name: "other"}
		// Both lookups leave together only once the provider has answered.
		o := answered(NewOrchestrator(fakeConfig(2, nil, "fake", "other"), []Provider{p, other}, Options{Clock: clock}))
		done := make(chan struct{})
		go func() { o.Enrich(t.Context(), Request{IOCs: publicIPs(4)}, nil); close(done) }()
		synctest.Wait() // 8.8.0.1 refused and waiting, 8.8.0.2 in flight
		close(release)
		synctest.Wait() // 8.8.0.3 must now wait for the pause too
		if got := p.calls.Load(); got != 2 {
			t.Errorf("during the pause: %d calls to the refusing provider, want 2", got)
		}
		if got := other.calls.Load(); got != 4 {
			t.Errorf("the other provider answered %d of 4 during the pause", got)
		}
		clock.Advance(30 * time.Second)
		<-done
		if got := p.calls.Load(); got != 5 {
			t.Errorf("after the pause: %d calls, want 5 (the retry and the two held back)", got)
		}
	})
}

// TestRetryBudgetStartsAtTheRefusal: time spent queued for the provider's
// own rate limit does not eat into the budget for retrying a 429.
func TestRetryBudgetStartsAtTheRefusal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clock := newFakeClock()
		var calls atomic.Int64
		p := &fakeProvider{name: "fake", answer: func(context.Context, Query) (Result, error) {
			if calls.Add(1) == 2 {
				return Result{}, &LookupError{Kind: ErrRateLimited, Status: 429, RetryAfter: 30 * time.Second, Message: "rate limited"}
			}
			return Result{Verdict: Harmless}, nil
		}}
		o := NewOrchestrator(fakeConfig(1, []Rate{{1, 5 * time.Minute}}, "fake"), []Provider{p}, Options{Clock: clock})
		var rec recorder
		done := make(chan struct{})
		go func() { o.Enrich(t.Context(), Request{IOCs: publicIPs(2)}, rec.emit); close(done) }()
		synctest.Wait()
		clock.Advance(5 * time.Minute) // the second lookup's slot: refused
		synctest.Wait()
		clock.Advance(5 * time.Minute) // 1/5min holds the retry back further
		<-done
		for _, r := range rec.results() {
			if r.Verdict != Harmless {
				t.Errorf("%s: %s %q, want harmless after the retry", r.IOC.Value, r.Verdict, r.Error)
			}
		}
		if got := p.calls.Load(); got != 3 {
			t.Errorf("%d calls, want 3", got)
		}
	})
}

func TestWaitingProgressNamesFreeTier(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clock := newFakeClock()
		p := &fakeProvider{name: "virustotal"}
		cfg, err := LoadConfig(mapEnv(nil), "")
		if err != nil {
			t.Fatal(err)
		}
		o := NewOrchestrator(cfg, []Provider{p}, Options{Clock: clock})
		var rec recorder
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan struct{})
		go func() { o.Enrich(ctx, Request{IOCs: publicIPs(27)}, rec.emit); close(done) }()
		synctest.Wait()
		progress := rec.progress()
		got := progress[len(progress)-1].Waiting["virustotal"]
		if !strings.HasPrefix(got, "Fake virustotal free tier: 4/min, 500/day — 23 queued, next slot in 1m0s") {
			t.Errorf("waiting %q", got)
		}
		cancel()
		<-done
	})
}
