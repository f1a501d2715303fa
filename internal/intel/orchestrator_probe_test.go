package intel

import (
	"context"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// TestProbeGate: until a provider has answered, one lookup goes alone; the
// others follow together once it is answered, or has failed other than by
// a refusal.
func TestProbeGate(t *testing.T) {
	tests := []struct {
		name  string
		first error // the first call's outcome
	}{
		{"an answer opens the gate", nil},
		{"another error opens it too", Errorf(ErrUpstream, 502, "server error 502")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var calls atomic.Int64
				first, rest := make(chan struct{}), make(chan struct{})
				p := &fakeProvider{name: "fake", answer: func(context.Context, Query) (Result, error) {
					if calls.Add(1) == 1 {
						<-first
						return Result{Verdict: Harmless}, tt.first
					}
					<-rest
					return Result{Verdict: Harmless}, nil
				}}
				o := NewOrchestrator(fakeConfig(4, nil, "fake"), []Provider{p}, Options{})
				done := make(chan struct{})
				go func() { o.Enrich(t.Context(), Request{IOCs: publicIPs(8)}, nil); close(done) }()
				synctest.Wait()
				if got := p.inFlight.Load(); got != 1 {
					t.Errorf("before any answer: %d lookups in flight, want 1", got)
				}
				close(first)
				synctest.Wait()
				if got := p.inFlight.Load(); got != 4 {
					t.Errorf("after the first answer: %d lookups in flight, want 4", got)
				}
				close(rest)
				<-done
				if got := p.calls.Load(); got != 8 {
					t.Errorf("%d calls, want 8", got)
				}
			})
		})
	}
}

// TestProbeAfterPause: when the short pause a 429 asked for ends, one
// lookup asks first; the others, held back meanwhile, follow once it is
// answered instead of all earning another refusal.
func TestProbeAfterPause(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clock := newFakeClock()
		var calls atomic.Int64
		release := make(chan struct{})
		p := &fakeProvider{name: "fake", answer: func(context.Context, Query) (Result, error) {
			switch calls.Add(1) {
			case 1:
				return Result{}, &LookupError{Kind: ErrRateLimited, Status: 429, RetryAfter: 10 * time.Second, Message: "rate limited"}
			case 2:
				<-release // the probe after the pause
			}
			return Result{Verdict: Harmless}, nil
		}}
		o := NewOrchestrator(fakeConfig(4, nil, "fake"), []Provider{p}, Options{Clock: clock})
		var rec recorder
		done := make(chan struct{})
		go func() { o.Enrich(t.Context(), Request{IOCs: publicIPs(5)}, rec.emit); close(done) }()
		synctest.Wait()
		if got := p.calls.Load(); got != 1 {
			t.Fatalf("during the pause: %d calls, want 1", got)
		}
		clock.Advance(10 * time.Second)
		synctest.Wait()
		if got, n := p.calls.Load(), p.inFlight.Load(); got != 2 || n != 1 {
			t.Errorf("as the pause ends: %d calls, %d in flight; want 2 and 1", got, n)
		}
		close(release)
		<-done
		if got := p.calls.Load(); got != 6 {
			t.Errorf("%d calls, want 6 (five lookups and one retry)", got)
		}
		for _, r := range rec.results() {
			if r.Verdict != Harmless {
				t.Errorf("%s: %s %q", r.IOC.Value, r.Verdict, r.Error)
			}
		}
	})
}

// TestProbeGateIgnoresAnswersSentBeforeARefusal: an answer to a request
// that left before the provider refused another says nothing about the
// provider now, so the gate stays closed.
func TestProbeGateIgnoresAnswersSentBeforeARefusal(t *testing.T) {
	g := newProbeGate()
	g.settle(g.ticket(), nil)
	if !g.isOpen() {
		t.Fatal("closed after an answer")
	}
	early := g.ticket()
	g.settle(g.ticket(), &LookupError{Kind: ErrRateLimited})
	g.settle(early, nil)
	if g.isOpen() {
		t.Error("an answer sent before the refusal opened the gate")
	}
	g.settle(g.ticket(), nil)
	if !g.isOpen() {
		t.Error("an answer sent after the refusal left the gate closed")
	}
}
