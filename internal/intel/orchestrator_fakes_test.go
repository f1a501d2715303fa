package intel

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// fakeClock is a Clock that moves only when the test says so.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []fakeTimer
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.timers = append(c.timers, fakeTimer{at: c.now.Add(d), ch: ch})
	return ch
}

// Advance moves the clock and fires every timer now due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.timers[:0]
	for _, t := range c.timers {
		if t.at.After(c.now) {
			kept = append(kept, t)
			continue
		}
		t.ch <- c.now
	}
	c.timers = kept
}

// fakeProvider answers from a function and counts what it is asked.
type fakeProvider struct {
	name         string
	unconfigured bool
	types        []ioc.Type // nil: every type
	answer       func(ctx context.Context, q Query) (Result, error)

	calls    atomic.Int64
	inFlight atomic.Int64
	maxSeen  atomic.Int64

	mu    sync.Mutex
	asked []Query
}

func (f *fakeProvider) Name() string     { return f.name }
func (f *fakeProvider) Title() string    { return "Fake " + f.name }
func (f *fakeProvider) Configured() bool { return !f.unconfigured }

func (f *fakeProvider) Accepts(t ioc.Type) bool {
	if f.types == nil {
		return true
	}
	for _, a := range f.types {
		if a == t {
			return true
		}
	}
	return false
}

func (f *fakeProvider) Lookup(ctx context.Context, q Query) (Result, error) {
	f.calls.Add(1)
	n := f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	for {
		m := f.maxSeen.Load()
		if n <= m || f.maxSeen.CompareAndSwap(m, n) {
			break
		}
	}
	f.mu.Lock()
	f.asked = append(f.asked, q)
	f.mu.Unlock()
	if f.answer == nil {
		return Result{Verdict: Harmless, Summary: "fine"}, nil
	}
	return f.answer(ctx, q)
}

func (f *fakeProvider) queries() []Query {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Query(nil), f.asked...)
}

// blockUntil answers once release is closed, or fails with ctx.
func blockUntil(release <-chan struct{}) func(context.Context, Query) (Result, error) {
	return func(ctx context.Context, _ Query) (Result, error) {
		select {
		case <-release:
			return Result{Verdict: Harmless}, nil
		case <-ctx.Done():
			return Result{}, ctx.Err()
		}
	}
}

// publicIPs returns n distinct public addresses.
func publicIPs(n int) []Query {
	out := make([]Query, n)
	for i := range out {
		out[i] = Query{Type: ioc.IPv4, Value: fmt.Sprintf("8.8.%d.%d", i/250, i%250+1)}
	}
	return out
}

// recorder collects events and notes whether emit was ever called by two
// goroutines at once, which Enrich promises never to do.
type recorder struct {
	active  atomic.Int32
	overlap atomic.Bool

	mu     sync.Mutex
	events []Event
}

func (r *recorder) emit(e Event) {
	if r.active.Add(1) != 1 {
		r.overlap.Store(true)
	}
	defer r.active.Add(-1)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
}

func (r *recorder) snapshot() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

func (r *recorder) results() []*Result {
	var out []*Result
	for _, e := range r.snapshot() {
		if res, ok := e.(*Result); ok {
			out = append(out, res)
		}
	}
	return out
}

func (r *recorder) progress() []Progress {
	var out []Progress
	for _, e := range r.snapshot() {
		if p, ok := e.(Progress); ok {
			out = append(out, p)
		}
	}
	return out
}

// fakeConfig configures providers under test with the given rates.
func fakeConfig(concurrency int, rates []Rate, names ...string) Config {
	cfg := Config{Providers: map[string]ProviderConfig{}}
	for _, n := range names {
		cfg.Providers[n] = ProviderConfig{Name: n, Rates: rates, Concurrency: concurrency}
	}
	return cfg
}

// answered opens every provider's probe gate, as a first answer does, for
// tests of what happens once a provider has answered.
func answered(o *Orchestrator) *Orchestrator {
	for _, ps := range o.providers {
		ps.gate.settle(0, nil)
	}
	return o
}
