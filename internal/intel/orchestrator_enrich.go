package intel

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
)

// Request is one enrichment question.
type Request struct {
	IOCs []Query `json:"iocs"`
	// Providers names the providers to ask; nil means every provider of
	// the Orchestrator, with those that cannot answer (offline, no key)
	// reported as skipped so the output says why.
	Providers []string `json:"providers,omitempty"`
	// Refresh bypasses the cache; the fresh answers still refresh it.
	Refresh bool `json:"refresh,omitempty"`
}

// Enrich asks the chosen providers about every indicator of req and streams
// the answers to emit: first a Progress with the total, then for each
// indicator × provider one *Result (skips and cached answers first, then
// lookups as they finish), each followed by a Progress; while a rate limit
// holds lookups back, a Progress whose Waiting says why and until when,
// repeated every few seconds so a countdown stays true; and last the
// Summary, which Enrich also returns.
//
// emit is never called by two goroutines at once, and never after Enrich
// returns, so it may write to an http.ResponseWriter or stdout directly. It
// should not block for long: lookups wait for it.
//
// Duplicate indicators in req are asked about once. Names in req.Providers
// that are no provider of o are reported as skipped ("unknown provider");
// check them first with CheckProviders to refuse the request instead.
// When ctx ends, waiting stops, no further lookup starts, lookups in flight
// are cancelled, and Enrich returns promptly with the Summary of what was
// answered so far.
func (o *Orchestrator) Enrich(ctx context.Context, req Request, emit func(Event)) Summary {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if emit == nil {
		emit = func(Event) {}
	}
	queries := distinctQueries(req.IOCs)
	chosen, unknown := o.choose(req.Providers)
	r := &run{
		o:         o,
		emitFn:    emit,
		total:     len(queries) * (len(chosen) + len(unknown)),
		evidence:  make(map[Query][]Result, len(queries)),
		remaining: make(map[*providerState]int, len(chosen)),
	}
	for _, q := range queries {
		r.evidence[q] = nil
	}
	r.progress()

	queues := make(map[*providerState][]Query, len(chosen))
	for _, q := range queries {
		for _, name := range unknown {
			r.finish(skipped(q, name, "unknown provider"))
		}
		for _, ps := range chosen {
			if reason := o.skipReason(ps, q); reason != "" {
				r.finish(skipped(q, ps.name, reason))
				continue
			}
			if !req.Refresh {
				if res, ok := o.cache.get(cacheKey{ps.name, q}); ok {
					r.finish(res)
					continue
				}
			}
			queues[ps] = append(queues[ps], q)
		}
	}

	var wg sync.WaitGroup
	stop := make(chan struct{})
	heartbeat := make(chan struct{})
	go func() {
		defer close(heartbeat)
		r.heartbeat(ctx, stop)
	}()
	for ps, qs := range queues {
		r.setRemaining(ps, len(qs))
		var next atomic.Int64
		onWait := r.waitNotice(ps)
		for range min(cap(ps.sem), len(qs)) {
			wg.Go(func() {
				for {
					i := next.Add(1) - 1
					if i >= int64(len(qs)) || ctx.Err() != nil {
						return
					}
					res, ok := o.lookup(ctx, ps, qs[i], req.Refresh, onWait)
					if !ok {
						return
					}
					r.finish(res)
				}
			})
		}
	}
	wg.Wait()
	close(stop)
	<-heartbeat
	return r.close()
}

// distinctQueries drops repeated indicators, keeping the first order.
func distinctQueries(in []Query) []Query {
	seen := make(map[Query]struct{}, len(in))
	out := make([]Query, 0, len(in))
	for _, q := range in {
		if _, dup := seen[q]; dup {
			continue
		}
		seen[q] = struct{}{}
		out = append(out, q)
	}
	return out
}

// choose resolves provider names: nil is every provider.
func (o *Orchestrator) choose(names []string) (chosen []*providerState, unknown []string) {
	if names == nil {
		return o.providers, nil
	}
	seen := make(map[string]bool, len(names))
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		if ps, ok := o.byName[name]; ok {
			chosen = append(chosen, ps)
		} else {
			unknown = append(unknown, name)
		}
	}
	return chosen, unknown
}

// skipReason says why q is not sent to ps, or "" when it may be.
func (o *Orchestrator) skipReason(ps *providerState, q Query) string {
	switch {
	case o.offline:
		return "offline"
	case !ps.p.Configured():
		return "not configured"
	case !q.Type.Known() || !ps.p.Accepts(q.Type):
		return "type not supported"
	case strings.TrimSpace(q.Value) == "":
		return "no value"
	case mustStayInside(q.Type, q.Value):
		return "private address"
	}
	return ""
}

func skipped(q Query, provider, reason string) Result {
	return Result{Kind: "result", IOC: q, Provider: provider, Verdict: Skipped, Reason: reason}
}
