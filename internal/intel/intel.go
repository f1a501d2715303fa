// Package intel looks indicators up at threat-intelligence providers and
// turns their answers into one common verdict.
package intel

import (
	"context"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// Verdict is a provider's (or the consolidated) judgement of an indicator.
type Verdict string

// The verdicts, from the strongest signal to none.
const (
	Malicious  Verdict = "malicious"
	Suspicious Verdict = "suspicious"
	Harmless   Verdict = "harmless"
	Unknown    Verdict = "unknown" // the provider knows nothing of it
	Error      Verdict = "error"   // with Result.Error
	Skipped    Verdict = "skipped" // with Result.Reason
)

// Query names one indicator to look up.
type Query struct {
	Type  ioc.Type `json:"type"`
	Value string   `json:"value"`
}

// Key returns the "type:value" form used in summaries.
func (q Query) Key() string { return string(q.Type) + ":" + q.Value }

// Provider is one threat-intelligence service.
type Provider interface {
	// Name is the provider's identifier, as in --providers: "virustotal".
	Name() string
	// Title is the name shown to people: "VirusTotal".
	Title() string
	// Configured reports whether the provider has what it needs (its key);
	// an unconfigured provider's lookups are skipped, not failed.
	Configured() bool
	// Accepts reports whether the provider can look up indicators of type t.
	Accepts(t ioc.Type) bool
	// Lookup asks the provider about one indicator. A provider's own "not
	// found" is a Result with verdict Unknown, not an error. Errors are
	// returned as *LookupError values so the orchestrator can retry a rate
	// limit and report the rest in one sentence.
	Lookup(ctx context.Context, q Query) (Result, error)
}
