package intel

import (
	"net/http"
	"testing"
	"time"
)

func TestStatusError(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		status  int
		header  http.Header
		kind    ErrorKind // 0: no error
		retry   time.Duration
		message string
	}{
		{status: 200},
		{status: 204},
		{status: 301, kind: ErrRedirect, message: "redirect refused"},
		{status: 302, kind: ErrRedirect, message: "redirect refused"},
		{status: 308, kind: ErrRedirect, message: "redirect refused"},
		{status: 401, kind: ErrBadKey, message: "the API key was refused"},
		{status: 403, kind: ErrBadKey, message: "the API key was refused"},
		{status: 429, kind: ErrRateLimited, message: "rate limited"},
		{status: 429, header: http.Header{"Retry-After": {"30"}}, kind: ErrRateLimited, retry: 30 * time.Second, message: "rate limited, retry in 30s"},
		{status: 429, header: http.Header{"Retry-After": {"7200"}}, kind: ErrRateLimited, retry: 2 * time.Hour, message: "rate limited, retry in 2h"},
		{status: 400, kind: ErrBadRequest, message: "Example did not accept the query (HTTP 400)"},
		{status: 422, kind: ErrBadRequest, message: "Example did not accept the query (HTTP 422)"},
		{status: 500, kind: ErrUpstream, message: "server error 500"},
		{status: 503, kind: ErrUpstream, message: "server error 503"},
		{status: 404, kind: ErrUpstream, message: "unexpected answer (HTTP 404)"},
		{status: 409, kind: ErrUpstream, message: "unexpected answer (HTTP 409)"},
	}
	for _, tt := range tests {
		got := StatusErrorAt("Example", &Response{Status: tt.status, Header: tt.header}, now)
		if tt.kind == 0 {
			if got != nil {
				t.Errorf("%d: %v, want no error", tt.status, got)
			}
			continue
		}
		if got == nil {
			t.Errorf("%d: no error, want kind %d", tt.status, tt.kind)
			continue
		}
		if got.Kind != tt.kind || got.Status != tt.status || got.RetryAfter != tt.retry || got.Message != tt.message {
			t.Errorf("%d %v: got %+v, want kind %d retry %s %q", tt.status, tt.header, *got, tt.kind, tt.retry, tt.message)
		}
	}
}

func TestUnexpectedAnswer(t *testing.T) {
	tests := []struct {
		status  int
		kind    ErrorKind
		message string
	}{
		{http.StatusOK, ErrUpstream, "unexpected answer (HTTP 200)"},
		{http.StatusNoContent, ErrUpstream, "unexpected answer (HTTP 204)"},
		{http.StatusNotFound, ErrUpstream, "unexpected answer (HTTP 404)"},
		{http.StatusUnauthorized, ErrBadKey, "the API key was refused"},
		{http.StatusBadGateway, ErrUpstream, "server error 502"},
	}
	for _, tt := range tests {
		got := UnexpectedAnswer("Example", &Response{Status: tt.status})
		if got == nil || got.Kind != tt.kind || got.Status != tt.status || got.Message != tt.message {
			t.Errorf("%d: got %+v, want kind %d %q", tt.status, got, tt.kind, tt.message)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header http.Header
		want   time.Duration
	}{
		{"none", http.Header{}, 0},
		{"seconds", http.Header{"Retry-After": {"120"}}, 2 * time.Minute},
		{"seconds with spaces", http.Header{"Retry-After": {" 5 "}}, 5 * time.Second},
		{"zero", http.Header{"Retry-After": {"0"}}, 0},
		{"negative", http.Header{"Retry-After": {"-5"}}, 0},
		{"http date", http.Header{"Retry-After": {"Thu, 03 Dec 2026 12:01:30 GMT"}}, 90 * time.Second},
		{"http date in the past", http.Header{"Retry-After": {"Thu, 03 Dec 2026 11:00:00 GMT"}}, 0},
		{"garbage", http.Header{"Retry-After": {"soon"}}, 0},
		{"absurd seconds are capped", http.Header{"Retry-After": {"99999999999999"}}, maxRetryAfter},
		{"abuseipdb reset time", http.Header{"X-Ratelimit-Reset": {"1796299260"}}, time.Minute},
		{"reset as a delta", http.Header{"X-Ratelimit-Reset": {"45"}}, 45 * time.Second},
		{"reset in the past", http.Header{"X-Ratelimit-Reset": {"1545973200"}}, 0},
		{"reset-after seconds", http.Header{"X-Rate-Limit-Reset-After": {"12.2"}}, 13 * time.Second},
		{"retry-after wins", http.Header{"Retry-After": {"29241"}, "X-Ratelimit-Reset": {"1796299260"}}, 29241 * time.Second},
	}
	for _, tt := range tests {
		if got := RetryAfter(tt.header, now); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestDecodeJSON(t *testing.T) {
	var v struct{ A int }
	if err := DecodeJSON(&Response{Status: 200, Body: []byte(`{"A":1}`)}, &v); err != nil || v.A != 1 {
		t.Errorf("valid body: %v, %+v", err, v)
	}
	for _, body := range []string{"", "{", "<html>", `{"A":"x"}`} {
		err := DecodeJSON(&Response{Status: 200, Body: []byte(body)}, &v)
		if e, ok := err.(*LookupError); !ok || e.Kind != ErrMalformed || e.Message != "malformed answer" {
			t.Errorf("%q: %v, want ErrMalformed", body, err)
		}
	}
}
