package intel

import (
	"context"
	"sync"
	"time"
)

// limiter keeps one provider inside its rate limits: at most N lookups in
// any window of length Per, for every Rate at once, and none before a time
// the provider itself asked for (a 429's Retry-After).
//
// It keeps a sliding log of grant times rather than a token bucket: a bucket
// refills continuously and would allow a fifth VirusTotal lookup 15 s after
// four, where the provider counts "4 in any minute". Grants are made in
// time order, so the N-th most recent grant plus Per is the earliest moment
// the next one fits. Grants may lie in the future: they are reservations,
// withdrawn when the waiter gives up. All times come from the Clock, so a
// fake clock drives it in tests.
//
// A daily window slides: 500/day means 500 in any 24 hours, stricter than a
// provider's quota that resets at midnight. The log lives in memory, so a new
// process starts with a fresh allowance; a provider's 429 covers the rest.
type limiter struct {
	clock Clock
	rates []Rate
	span  time.Duration // the longest Per: older grants no longer matter

	mu          sync.Mutex
	log         []time.Time // grant times in ascending order
	pausedUntil time.Time
}

func newLimiter(clock Clock, rates []Rate) *limiter {
	l := &limiter{clock: clock, rates: rates}
	for _, r := range rates {
		l.span = max(l.span, r.Per)
	}
	return l
}

// slotTooFarError reports that the next slot lies beyond what a caller may
// wait for.
type slotTooFarError struct {
	at     time.Time
	paused bool // the provider asked for the pause, not our own limits
}

func (e *slotTooFarError) Error() string {
	return "rate limit reached, next slot at " + e.at.UTC().Format(time.RFC3339)
}

// wait blocks until the caller may make one lookup, or ctx ends, or the next
// slot is more than maxWait away (a *slotTooFarError). onWait, when not nil,
// is told as a wait begins when it will end.
func (l *limiter) wait(ctx context.Context, maxWait time.Duration, onWait func(until time.Time)) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		now := l.clock.Now()
		l.mu.Lock()
		at := l.nextLocked(now)
		if at.Sub(now) > maxWait {
			paused := !l.pausedUntil.Before(at)
			l.mu.Unlock()
			return &slotTooFarError{at: at, paused: paused}
		}
		l.log = append(l.log, at)
		if !at.After(now) {
			l.mu.Unlock()
			return nil
		}
		l.mu.Unlock()
		if onWait != nil {
			onWait(at)
		}
		select {
		case <-ctx.Done():
			l.mu.Lock()
			l.withdrawLocked(at)
			l.mu.Unlock()
			return ctx.Err()
		case <-l.clock.After(at.Sub(now)):
		}
		l.mu.Lock()
		if !l.pausedUntil.After(at) {
			l.mu.Unlock()
			return nil
		}
		// The provider asked for a pause while we waited: the reserved
		// slot would only earn another refusal, so take a later one.
		l.withdrawLocked(at)
		l.mu.Unlock()
	}
}

// nextLocked returns the earliest time a new lookup may start.
func (l *limiter) nextLocked(now time.Time) time.Time {
	l.trimLocked(now)
	at := now
	if l.pausedUntil.After(at) {
		at = l.pausedUntil
	}
	if n := len(l.log); n > 0 && l.log[n-1].After(at) {
		at = l.log[n-1] // grants stay in order
	}
	for _, r := range l.rates {
		if n := len(l.log); n >= r.N {
			if free := l.log[n-r.N].Add(r.Per); free.After(at) {
				at = free
			}
		}
	}
	return at
}

// trimLocked forgets grants too old to count in any window.
func (l *limiter) trimLocked(now time.Time) {
	cut := 0
	for cut < len(l.log) && !l.log[cut].After(now.Add(-l.span)) {
		cut++
	}
	if cut > 0 {
		l.log = append(l.log[:0], l.log[cut:]...)
	}
}

// withdrawLocked removes one reservation at, searching from the newest,
// where reservations are.
func (l *limiter) withdrawLocked(at time.Time) {
	for i := len(l.log) - 1; i >= 0; i-- {
		if l.log[i].Equal(at) {
			l.log = append(l.log[:i], l.log[i+1:]...)
			return
		}
	}
}

// pause makes every lookup wait until at, as the provider asked.
func (l *limiter) pause(at time.Time) {
	l.mu.Lock()
	if at.After(l.pausedUntil) {
		l.pausedUntil = at
	}
	l.mu.Unlock()
}

// limiterState describes a limiter for progress messages.
type limiterState struct {
	next   time.Time // when the next lookup may go; zero when it may go now
	paused bool      // the wait comes from the provider's own 429
}

// state reports when the next lookup will go: the earliest reservation still
// ahead, or else the earliest free slot.
func (l *limiter) state() limiterState {
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	s := limiterState{paused: l.pausedUntil.After(now)}
	for _, t := range l.log {
		if t.After(now) {
			s.next = t
			return s
		}
	}
	if at := l.nextLocked(now); at.After(now) {
		s.next = at
	}
	return s
}

// clockTime formats t for a sentence read at now: "14:05 UTC" later the
// same UTC day, else with the date, "Dec 4 00:00 UTC". A wait of hours, such
// as for a daily quota, often ends on the next day, and a bare clock time
// would then read as already past, or mislead in a saved report.
func clockTime(now, t time.Time) string {
	ny, nm, nd := now.UTC().Date()
	ty, tm, td := t.UTC().Date()
	if ny != ty || nm != tm || nd != td {
		return t.UTC().Format("Jan 2 15:04 UTC")
	}
	return t.UTC().Format("15:04 UTC")
}
