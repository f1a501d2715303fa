package intel

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxRetryAfter caps a provider's Retry-After so a garbled header cannot
// park a lookup for years.
const maxRetryAfter = 7 * 24 * time.Hour

// StatusError turns a response status that carries no answer into a
// *LookupError: a 3xx (never followed), a refused key, a rate limit, a
// refused query, a server error or any other unexpected status. It returns
// nil for a 2xx. Providers handle their own "not found" before calling it.
func StatusError(provider string, resp *Response) *LookupError {
	return StatusErrorAt(provider, resp, time.Now())
}

// StatusErrorAt is StatusError read at now, which dates a Retry-After given
// as an HTTP date; providers with a clock of their own pass its time.
func StatusErrorAt(provider string, resp *Response, now time.Time) *LookupError {
	s := resp.Status
	switch {
	case s >= 200 && s < 300:
		return nil
	case s >= 300 && s < 400:
		return Errorf(ErrRedirect, s, "redirect refused")
	case s == http.StatusUnauthorized || s == http.StatusForbidden:
		return Errorf(ErrBadKey, s, "the API key was refused")
	case s == http.StatusTooManyRequests:
		wait := RetryAfter(resp.Header, now)
		e := Errorf(ErrRateLimited, s, "rate limited")
		if wait > 0 {
			e.RetryAfter = wait
			e.Message = "rate limited, retry in " + formatWait(wait)
		}
		return e
	case s == http.StatusBadRequest || s == http.StatusUnprocessableEntity:
		return Errorf(ErrBadRequest, s, "%s did not accept the query (HTTP %d)", provider, s)
	case s >= 500:
		return Errorf(ErrUpstream, s, "server error %d", s)
	}
	return Errorf(ErrUpstream, s, "unexpected answer (HTTP %d)", s)
}

// UnexpectedAnswer words a status a provider did not handle itself: its
// StatusError, or an upstream error for a 2xx the provider has no use for.
// It never returns nil.
func UnexpectedAnswer(provider string, resp *Response) *LookupError {
	if e := StatusError(provider, resp); e != nil {
		return e
	}
	return Errorf(ErrUpstream, resp.Status, "unexpected answer (HTTP %d)", resp.Status)
}

// RetryAfter reads how long a provider asks to wait, whole seconds, from
// Retry-After (seconds or an HTTP date) or else from a rate-limit reset
// header: X-RateLimit-Reset (Unix seconds, as AbuseIPDB sends) or
// X-Rate-Limit-Reset-After (seconds). It returns 0 when none says.
func RetryAfter(h http.Header, now time.Time) time.Duration {
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return clampWait(time.Duration(min(max(n, 0), int64(maxRetryAfter/time.Second))) * time.Second)
		}
		if at, err := http.ParseTime(v); err == nil {
			return clampWait(at.Sub(now))
		}
	}
	if v := strings.TrimSpace(h.Get("X-Rate-Limit-Reset-After")); v != "" {
		if n, err := strconv.ParseFloat(v, 64); err == nil && n > 0 && n < float64(maxRetryAfter/time.Second) {
			return clampWait(time.Duration(n * float64(time.Second)))
		}
	}
	if v := strings.TrimSpace(h.Get("X-RateLimit-Reset")); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			if n < 1_000_000_000 { // a delta, not a date
				return clampWait(time.Duration(min(n, int64(maxRetryAfter/time.Second))) * time.Second)
			}
			return clampWait(time.Unix(n, 0).Sub(now))
		}
	}
	return 0
}

// clampWait rounds d up to whole seconds within [0, maxRetryAfter].
func clampWait(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	d = min(d, maxRetryAfter)
	if r := d % time.Second; r != 0 {
		d += time.Second - r
	}
	return d
}

// formatWait writes d without trailing zero units: "1m", "8h7m21s", "2h".
func formatWait(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// DecodeJSON parses a provider's answer into v; anything that does not
// parse is ErrMalformed, worded without the body.
func DecodeJSON(resp *Response, v any) error {
	if err := json.Unmarshal(resp.Body, v); err != nil {
		return Errorf(ErrMalformed, resp.Status, "malformed answer")
	}
	return nil
}

// Malformed reports an answer that parsed but lacks what it must carry.
func Malformed(resp *Response, what string) *LookupError {
	return Errorf(ErrMalformed, resp.Status, "malformed answer: no %s", what)
}
