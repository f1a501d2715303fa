package intel

import (
	"fmt"
	"time"
)

// ErrorKind classifies why a lookup failed.
type ErrorKind int

// The ways a lookup can fail.
const (
	ErrNetwork     ErrorKind = iota + 1 // connection refused, reset, DNS…
	ErrTimeout                          // connect or read timeout
	ErrBadKey                           // 401 or 403
	ErrRateLimited                      // 429, with RetryAfter when given
	ErrRedirect                         // a 3xx, never followed
	ErrMalformed                        // an answer that does not parse
	ErrTooLarge                         // an answer over the body cap
	ErrUpstream                         // a 5xx or another unexpected status
	ErrBadRequest                       // the provider refused the indicator (400, 422)
)

// LookupError is a failed lookup, worded for the analyst. It never contains
// an API key.
type LookupError struct {
	Kind       ErrorKind
	Status     int           // HTTP status, when there was one
	RetryAfter time.Duration // with ErrRateLimited, when the provider said
	Message    string        // one sentence: "rate limited, retry in 30s"
}

// Error implements error.
func (e *LookupError) Error() string { return e.Message }

// Errorf returns a *LookupError of kind with a formatted message.
func Errorf(kind ErrorKind, status int, format string, args ...any) *LookupError {
	return &LookupError{Kind: kind, Status: status, Message: fmt.Sprintf(format, args...)}
}
