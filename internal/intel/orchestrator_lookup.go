package intel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// lookupTimeout is a backstop for a provider that ignores its own
// timeouts; the HTTP client's connect and read timeouts come first.
const lookupTimeout = 60 * time.Second

// firstRetryWait is the pause after a 429 that names no Retry-After; it
// doubles with each further refusal.
const firstRetryWait = 5 * time.Second

// lookup answers q from ps, sharing the work with any identical lookup in
// flight. ok is false only when ctx ended first.
func (o *Orchestrator) lookup(ctx context.Context, ps *providerState, q Query, refresh bool, onWait func(time.Time)) (res Result, ok bool) {
	mode := "\x00cache"
	if refresh {
		mode = "\x00refresh" // a refresh must not be answered by a cache read
	}
	key := ps.name + "\x00" + string(q.Type) + "\x00" + q.Value + mode
	for {
		ch := o.flights.DoChan(key, func() (any, error) {
			return o.fetch(ctx, ps, q, refresh, onWait)
		})
		select {
		case <-ctx.Done():
			return Result{}, false
		case out := <-ch:
			if out.Err == nil {
				return out.Val.(Result), true
			}
			if ctx.Err() != nil {
				return Result{}, false
			}
			// The lookup we joined belonged to a request that went away;
			// ours is still wanted, so ask again.
		}
	}
}

// fetch makes the lookup: from the cache if it may, else at the provider
// within its concurrency bound and rate limit, retrying a 429 within the
// retry budget. Its only error is ctx's; a failed lookup is a Result.
func (o *Orchestrator) fetch(ctx context.Context, ps *providerState, q Query, refresh bool, onWait func(time.Time)) (Result, error) {
	ck := cacheKey{ps.name, q}
	if !refresh {
		// An identical lookup may have finished between our cache check
		// and this flight.
		if res, ok := o.cache.get(ck); ok {
			return res, nil
		}
	}
	select {
	case ps.sem <- struct{}{}:
		defer func() { <-ps.sem }()
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
	var deadline time.Time // of the retry budget, which starts at the first refusal
	for attempt := 0; ; attempt++ {
		res, retryAt, err := o.attempt(ctx, ps, q, attempt, onWait)
		if err == nil {
			res = o.tidy(ps, q, res)
			o.cache.put(ck, res)
			return res, nil
		}
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		var far *slotTooFarError
		if errors.As(err, &far) {
			return o.failed(ps, q, o.tooFarSentence(ps, far)), nil
		}
		if retryAt.IsZero() {
			return o.failed(ps, q, err.Error()), nil
		}
		now := o.clock.Now()
		if deadline.IsZero() {
			deadline = now.Add(o.retryBudget)
		}
		if retryAt.After(deadline) {
			var le *LookupError
			if errors.As(err, &le) && le.RetryAfter > 0 {
				return o.failed(ps, q, "rate limited, retry after "+clockTime(now, retryAt)), nil
			}
			return o.failed(ps, q, "rate limited, retry later"), nil
		}
	}
}

// attempt asks the provider once, through its probe gate and rate limit.
// Its errors are ctx's, a *slotTooFarError, or the provider's. After a
// refusal it returns when to retry, having paused the provider until then
// before the next lookup comes through the gate, so that one sees the pause.
func (o *Orchestrator) attempt(ctx context.Context, ps *providerState, q Query, n int, onWait func(time.Time)) (res Result, retryAt time.Time, err error) {
	leave, err := ps.gate.enter(ctx)
	if err != nil {
		return Result{}, time.Time{}, err
	}
	defer leave()
	// The rate limit comes after the gate: a lookup let through after a
	// refusal must see the pause that refusal set.
	if err := ps.limiter.wait(ctx, o.maxWait, onWait); err != nil {
		return Result{}, time.Time{}, err
	}
	ticket := ps.gate.ticket()
	res, err = o.call(ctx, ps, q)
	if ctx.Err() != nil {
		return res, time.Time{}, err
	}
	ps.gate.settle(ticket, err)
	if wait := retryWait(err, n); wait > 0 {
		retryAt = o.clock.Now().Add(wait)
		ps.limiter.pause(retryAt)
	}
	return res, retryAt, err
}

// retryWait is how long the provider asks to be left alone after err, the
// n-th refusal of one lookup: its Retry-After, or else a back-off doubling
// from firstRetryWait. It is 0 when err is no refusal.
func retryWait(err error, n int) time.Duration {
	le := refusal(err)
	switch {
	case le == nil:
		return 0
	case le.RetryAfter > 0:
		return le.RetryAfter
	}
	return firstRetryWait << min(n, 10)
}

// refusal returns err as a rate limit, or nil when it is none.
func refusal(err error) *LookupError {
	if err == nil { // the common case, without errors.As's allocation
		return nil
	}
	var le *LookupError
	if errors.As(err, &le) && le.Kind == ErrRateLimited {
		return le
	}
	return nil
}

// call runs the provider's Lookup, turning a panic into an error so one
// faulty provider cannot take the program down.
func (o *Orchestrator) call(ctx context.Context, ps *providerState, q Query) (res Result, err error) {
	ctx, cancel := context.WithTimeout(ctx, lookupTimeout)
	defer cancel()
	defer func() {
		if recover() != nil {
			err = fmt.Errorf("the %s lookup failed unexpectedly", ps.title)
		}
	}()
	return ps.p.Lookup(ctx, q)
}

// tidy fills the fields every Result carries, whatever the provider set.
func (o *Orchestrator) tidy(ps *providerState, q Query, res Result) Result {
	res.Kind, res.IOC, res.Provider = "result", q, ps.name
	res.Cached, res.CachedAt = false, nil
	res.Summary, res.Link = o.scrub(res.Summary), o.scrub(res.Link)
	switch res.Verdict {
	case Malicious, Suspicious, Harmless, Unknown:
	case Error:
		res.Error = o.scrub(res.Error)
		if res.Error == "" {
			res.Error = "the lookup failed"
		}
	case Skipped:
		if res.Reason == "" {
			res.Reason = "skipped by the provider"
		}
	default:
		res.Verdict = Unknown
	}
	return res
}

// failed is an error Result with a sentence from which every key is gone.
func (o *Orchestrator) failed(ps *providerState, q Query, sentence string) Result {
	return Result{Kind: "result", IOC: q, Provider: ps.name, Verdict: Error, Error: o.scrub(sentence)}
}

// tooFarSentence explains a lookup refused because its slot is too far.
func (o *Orchestrator) tooFarSentence(ps *providerState, far *slotTooFarError) string {
	at := clockTime(o.clock.Now(), far.at)
	if far.paused {
		return "rate limited, retry after " + at
	}
	return fmt.Sprintf("%s limit of %s reached, next slot at %s", ps.title, FormatRates(ps.rates), at)
}

// scrub removes every configured key from s. Providers never put a key in an
// error, and this makes sure of it.
func (o *Orchestrator) scrub(s string) string {
	for _, k := range *o.keys {
		s = strings.ReplaceAll(s, k.Reveal(), redacted)
	}
	return s
}
