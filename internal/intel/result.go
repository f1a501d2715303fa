package intel

import "time"

// Event is one line of an enrichment stream: a *Result, a Progress or a
// Summary. Each carries its kind in the "kind" JSON field.
type Event interface {
	EventKind() string
}

// Result is one provider's answer about one indicator.
type Result struct {
	Kind     string         `json:"kind"` // "result"
	IOC      Query          `json:"ioc"`
	Provider string         `json:"provider"`
	Verdict  Verdict        `json:"verdict"`
	Summary  string         `json:"summary,omitempty"` // one line: "9/93 engines"
	Link     string         `json:"link,omitempty"`    // the provider's own page
	Cached   bool           `json:"cached"`
	CachedAt *time.Time     `json:"cached_at,omitempty"` // when a cached answer was fetched
	Error    string         `json:"error,omitempty"`     // one sentence, with Verdict Error
	Reason   string         `json:"reason,omitempty"`    // with Verdict Skipped
	Details  map[string]any `json:"details,omitempty"`   // key facts for the analyst
}

// EventKind implements Event.
func (*Result) EventKind() string { return "result" }

// Progress reports how far an enrichment has come and why it waits.
type Progress struct {
	Kind  string `json:"kind"` // "progress"
	Done  int    `json:"done"`
	Total int    `json:"total"`
	// Waiting explains, per provider, why lookups are queued:
	// "rate limit, next slot in 14s".
	Waiting map[string]string `json:"waiting,omitempty"`
}

// EventKind implements Event.
func (Progress) EventKind() string { return "progress" }

// Summary closes an enrichment with one consolidated verdict per indicator,
// keyed by Query.Key.
type Summary struct {
	Kind     string             `json:"kind"` // "summary"
	Verdicts map[string]Verdict `json:"verdicts"`
}

// EventKind implements Event.
func (Summary) EventKind() string { return "summary" }
