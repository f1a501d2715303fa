package intel

import (
	"context"
	"sync"
)

// probeGate lets one lookup at a time reach a provider until the provider
// has answered without refusing: at the start, and again after each 429.
// All of a provider's lookups would otherwise leave together, before the
// first answer could say that its quota is used up, and each would earn a
// refusal of its own; this way an exhausted quota costs one request, and
// the pause the refusal sets fails the rest without asking. The price is
// one answer's wait before the others start.
type probeGate struct {
	token chan struct{} // held by the one lookup let through while closed

	mu       sync.Mutex
	open     bool
	refusals uint64 // how many 429s the provider has sent
}

func newProbeGate() *probeGate {
	return &probeGate{token: make(chan struct{}, 1)}
}

// enter waits until the caller may ask the provider, or ctx ends; leave
// must be called once the caller's request, if any, is done.
func (g *probeGate) enter(ctx context.Context) (leave func(), err error) {
	if g.isOpen() {
		return func() {}, nil
	}
	select {
	case g.token <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if g.isOpen() { // the lookup before us was answered
		<-g.token
		return func() {}, nil
	}
	return func() { <-g.token }, nil
}

func (g *probeGate) isOpen() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.open
}

// ticket marks a request about to be sent, for settle.
func (g *probeGate) ticket() uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.refusals
}

// settle records the provider's answer to the request sent with ticket: a
// refusal closes the gate; any other answer, an error included, opens it,
// unless a refusal arrived while the request was out.
func (g *probeGate) settle(ticket uint64, err error) {
	refused := refusal(err) != nil
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case refused:
		g.refusals++
		g.open = false
	case ticket == g.refusals:
		g.open = true
	}
}
