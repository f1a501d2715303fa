package web

import (
	"context"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

// Enricher is what the page needs from the enrichment orchestrator.
type Enricher interface {
	// Statuses describes every provider, configured or not.
	Statuses() []intel.ProviderStatus
	// Enrich looks the request's indicators up, calling emit for every
	// result and progress event as it happens, and returns the summary.
	Enrich(ctx context.Context, req intel.Request, emit func(intel.Event)) intel.Summary
	// CheckProviders reports unknown provider names in one sentence.
	CheckProviders(names []string) error
}

// The orchestrator is the Enricher the command line passes in.
var _ Enricher = (*intel.Orchestrator)(nil)
