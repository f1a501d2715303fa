package intel

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// run is the state of one Enrich call: its counters, the evidence for the
// summary, and the lock that keeps emit single-threaded.
type run struct {
	o      *Orchestrator
	emitFn func(Event)

	mu        sync.Mutex
	closed    bool
	done      int
	total     int
	evidence  map[Query][]Result
	remaining map[*providerState]int
	lastWait  map[*providerState]time.Time // the slot last announced
}

// finish records one answer and emits it with the progress it makes.
func (r *run) finish(res Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.evidence[res.IOC] = append(r.evidence[res.IOC], res)
	r.done++
	if ps, ok := r.o.byName[res.Provider]; ok && r.remaining[ps] > 0 {
		r.remaining[ps]--
	}
	r.emitFn(&res)
	r.progressLocked()
}

func (r *run) setRemaining(ps *providerState, n int) {
	r.mu.Lock()
	r.remaining[ps] = n
	r.mu.Unlock()
}

// progress emits where the run stands.
func (r *run) progress() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		r.progressLocked()
	}
}

func (r *run) progressLocked() {
	r.emitFn(Progress{Kind: "progress", Done: r.done, Total: r.total, Waiting: r.waitingLocked()})
}

// heartbeatEvery is how often a Progress repeats while lookups wait for a
// rate limit, so that "next slot in 14s" counts down.
const heartbeatEvery = 5 * time.Second

// heartbeat emits a Progress every heartbeatEvery while some of the run's
// lookups wait, until stop is closed or ctx ends.
func (r *run) heartbeat(ctx context.Context, stop <-chan struct{}) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-stop:
			return
		case <-r.o.clock.After(heartbeatEvery):
		}
		r.mu.Lock()
		if !r.closed {
			if waiting := r.waitingLocked(); waiting != nil {
				r.emitFn(Progress{Kind: "progress", Done: r.done, Total: r.total, Waiting: waiting})
			}
		}
		r.mu.Unlock()
	}
}

// waitingLocked explains, per provider with lookups left, why they wait.
func (r *run) waitingLocked() map[string]string {
	var waiting map[string]string
	now := r.o.clock.Now()
	for ps, left := range r.remaining {
		if left == 0 {
			continue
		}
		st := ps.limiter.state()
		if st.next.IsZero() {
			continue
		}
		if waiting == nil {
			waiting = make(map[string]string)
		}
		waiting[ps.name] = waitingText(ps, left, st, now)
	}
	return waiting
}

// waitingText is the sentence shown while a provider's lookups wait:
// "VirusTotal free tier: 4/min, 500/day — 23 queued, next slot in 14s".
func waitingText(ps *providerState, queued int, st limiterState, now time.Time) string {
	in := st.next.Sub(now).Round(time.Second)
	if st.paused {
		return fmt.Sprintf("%s asked to slow down — %d queued, next try in %s", ps.title, queued, in)
	}
	limit := "rate limit"
	if ps.freeTier {
		limit = "free tier"
	}
	return fmt.Sprintf("%s %s: %s — %d queued, next slot in %s", ps.title, limit, FormatRates(ps.rates), queued, in)
}

// waitNotice returns the callback a lookup of ps calls when it starts to
// wait for a slot: the run announces each new slot time once.
func (r *run) waitNotice(ps *providerState) func(time.Time) {
	return func(at time.Time) {
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.closed || !at.After(r.lastWait[ps]) {
			return
		}
		if r.lastWait == nil {
			r.lastWait = make(map[*providerState]time.Time)
		}
		r.lastWait[ps] = at
		r.progressLocked()
	}
}

// close emits the Summary and stops all further emits.
func (r *run) close() Summary {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := Summary{Kind: "summary", Verdicts: make(map[string]Verdict, len(r.evidence))}
	for q, results := range r.evidence {
		s.Verdicts[q.Key()] = Consolidate(results)
	}
	if !r.closed {
		r.emitFn(s)
		r.closed = true
	}
	return s
}
