package intel

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/sync/singleflight"
)

// Clock tells the time and waits; tests replace it with a fake one that
// drives the rate limiter and the cache's expiry.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// realClock is the system clock.
type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Options tunes an Orchestrator; every zero value means the default.
type Options struct {
	Clock     Clock         // default: the system clock
	CacheSize int           // answers kept; default 10,000; negative: no cache
	CacheTTL  time.Duration // how long an answer is reused; default 1 hour
	// RetryBudget bounds how long one lookup keeps retrying after a
	// provider's 429; default 60 s.
	RetryBudget time.Duration
	// MaxWait bounds how long one lookup waits for its provider's rate
	// limit before it fails as rate limited; default 10 minutes. It turns
	// an exhausted daily quota into an answer instead of an all-day wait.
	MaxWait time.Duration
}

// The defaults behind the zero Options.
const (
	DefaultCacheSize   = 10_000
	DefaultCacheTTL    = time.Hour
	DefaultRetryBudget = 60 * time.Second
	DefaultMaxWait     = 10 * time.Minute
	defaultConcurrency = 4
)

// Orchestrator runs lookups at several providers at once, within each
// provider's concurrency bound and rate limit, sharing identical lookups in
// flight and caching answers. One Orchestrator serves any number of
// concurrent Enrich calls; limits and cache are shared between them. A
// provider's first lookup, and the first after each 429, goes alone (see
// probeGate), so a quota that is used up costs one request.
type Orchestrator struct {
	offline     bool
	clock       Clock
	cache       *cache
	retryBudget time.Duration
	maxWait     time.Duration
	providers   []*providerState // in the order given to NewOrchestrator
	byName      map[string]*providerState
	// keys are the configured keys, to scrub from error text; behind a
	// pointer so that printing an Orchestrator shows an address, not them.
	keys    *[]Secret
	flights singleflight.Group
}

// providerState is one provider with its limits.
type providerState struct {
	p        Provider
	name     string
	title    string
	keyEnv   string
	rates    []Rate
	freeTier bool // the rates are the provider's published free tier
	sem      chan struct{}
	limiter  *limiter
	gate     *probeGate
}

// NewOrchestrator prepares lookups at providers. Rate limits come from cfg
// (for a provider missing there, from KnownProviders; for an unknown one,
// none); cfg.Offline skips every lookup.
func NewOrchestrator(cfg Config, providers []Provider, opts Options) *Orchestrator {
	opts = withDefaults(opts)
	o := &Orchestrator{
		offline:     cfg.Offline,
		clock:       opts.Clock,
		cache:       newCache(opts.Clock, max(opts.CacheSize, 0), opts.CacheTTL),
		retryBudget: opts.RetryBudget,
		maxWait:     opts.MaxWait,
		byName:      make(map[string]*providerState, len(providers)),
	}
	var keys []Secret
	for _, pc := range cfg.Providers {
		if !pc.Key.Empty() {
			keys = append(keys, pc.Key)
		}
	}
	o.keys = &keys
	for _, p := range providers {
		if p == nil {
			continue
		}
		name := p.Name()
		if _, dup := o.byName[name]; dup {
			continue
		}
		ps := newProviderState(p, cfg.Providers[name], opts.Clock)
		o.providers = append(o.providers, ps)
		o.byName[name] = ps
	}
	return o
}

func withDefaults(opts Options) Options {
	if opts.Clock == nil {
		opts.Clock = realClock{}
	}
	if opts.CacheSize == 0 {
		opts.CacheSize = DefaultCacheSize
	}
	if opts.CacheTTL <= 0 {
		opts.CacheTTL = DefaultCacheTTL
	}
	if opts.RetryBudget <= 0 {
		opts.RetryBudget = DefaultRetryBudget
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = DefaultMaxWait
	}
	return opts
}

func newProviderState(p Provider, pc ProviderConfig, clock Clock) *providerState {
	info, known := knownProvider(p.Name())
	rates := pc.Rates
	if rates == nil && known {
		rates = info.DefaultRates
	}
	concurrency := pc.Concurrency
	if concurrency <= 0 {
		concurrency = info.Concurrency
	}
	if concurrency <= 0 {
		concurrency = defaultConcurrency
	}
	return &providerState{
		p:        p,
		name:     p.Name(),
		title:    p.Title(),
		keyEnv:   info.KeyEnv,
		rates:    rates,
		freeTier: known && sameRates(rates, info.DefaultRates),
		sem:      make(chan struct{}, concurrency),
		limiter:  newLimiter(clock, rates),
		gate:     newProbeGate(),
	}
}

func sameRates(a, b []Rate) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// ProviderStatus tells whether a provider can answer, and if not, why.
type ProviderStatus struct {
	Name       string `json:"name"`
	Title      string `json:"title"`
	Configured bool   `json:"configured"`
	Reason     string `json:"reason,omitempty"` // "set VT_API_KEY", "offline"
	RateLimit  string `json:"rate_limit"`       // "4/min, 500/day"
}

// Statuses describes every provider, in the order given to NewOrchestrator.
func (o *Orchestrator) Statuses() []ProviderStatus {
	out := make([]ProviderStatus, 0, len(o.providers))
	for _, ps := range o.providers {
		st := ProviderStatus{Name: ps.name, Title: ps.title, Configured: true, RateLimit: FormatRates(ps.rates)}
		switch {
		case o.offline:
			st.Configured, st.Reason = false, "offline"
		case !ps.p.Configured() && ps.keyEnv != "":
			st.Configured, st.Reason = false, "set "+ps.keyEnv
		case !ps.p.Configured():
			st.Configured, st.Reason = false, "not configured"
		}
		out = append(out, st)
	}
	return out
}

// CheckProviders returns an error naming the first of names that is no
// provider of o, in one sentence listing the valid names.
func (o *Orchestrator) CheckProviders(names []string) error {
	for _, name := range names {
		if _, ok := o.byName[name]; !ok {
			return fmt.Errorf("unknown provider %q; choose from %s", name, strings.Join(o.names(), ", "))
		}
	}
	return nil
}

func (o *Orchestrator) names() []string {
	out := make([]string, len(o.providers))
	for i, ps := range o.providers {
		out[i] = ps.name
	}
	return out
}
