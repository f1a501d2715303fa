package web

import (
	"context"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

// Enricher is what the page needs from the enrichment orchestrator.
type Enricher interface {
	// Statuses describes every provider, configured or not.
	Statuses() []ProviderStatus
	// Enrich looks the request's indicators up, calling emit for every
	// result and progress event as it happens, and returns the summary.
	Enrich(ctx context.Context, req EnrichRequest, emit func(intel.Event)) intel.Summary
	// CheckProviders reports unknown provider names in one sentence.
	CheckProviders(names []string) error
}

// ProviderStatus describes one provider for the Enrich panel.
// It mirrors the orchestrator's type until that one is available.
type ProviderStatus struct {
	Name       string `json:"name"`
	Title      string `json:"title"`
	Configured bool   `json:"configured"`
	Reason     string `json:"reason,omitempty"`
	RateLimit  string `json:"rate_limit,omitempty"`
}

// EnrichRequest is what to look up, and where.
// It mirrors the orchestrator's type until that one is available.
type EnrichRequest struct {
	IOCs      []intel.Query
	Providers []string
	Refresh   bool
}
