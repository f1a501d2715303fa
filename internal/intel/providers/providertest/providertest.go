// Package providertest runs fake provider APIs on loopback so each provider
// can be tested against answers shaped exactly like the real service's, and
// checks the failures every provider must survive the same way: a silent
// server, a redirect, garbage, an oversized answer, a dead address.
package providertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

// FakeKey is the API key every provider test uses; it must never appear in
// a result or an error.
const FakeKey = "fake-key-7c1e9a42d0b3"

// Sample reads testdata/name of the package under test.
func Sample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name)) //nolint:gosec // G304: a fixture the test names
	if err != nil {
		t.Fatalf("read sample: %v", err)
	}
	return b
}

// Reply is one canned answer. Content-Type is application/json unless
// Header sets it, as every real provider answers JSON.
type Reply struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON is a Reply with status and a sample body read from testdata.
func JSON(t testing.TB, status int, sample string) Reply {
	return Reply{Status: status, Body: Sample(t, sample)}
}

// Write sends r.
func (r Reply) Write(w http.ResponseWriter) {
	for k, vs := range r.Header {
		w.Header()[k] = vs
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(r.Status)
	_, _ = w.Write(r.Body)
}

// RequestCheck asserts what a provider sent; it returns a description of
// the first thing wrong, or "".
type RequestCheck func(r *http.Request) string

// Server is a fake provider API that checks every request against a
// RequestCheck and counts what it was asked.
type Server struct {
	*httptest.Server
	hits     atomic.Int64
	mu       sync.Mutex
	problems []string
}

// NewServer starts a loopback server that checks each request with check
// and answers with handle; it stops when the test ends and fails the test
// if a request did not pass check.
func NewServer(t testing.TB, check RequestCheck, handle http.HandlerFunc) *Server {
	t.Helper()
	s := &Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		if check != nil {
			if p := check(r); p != "" {
				s.mu.Lock()
				s.problems = append(s.problems, p)
				s.mu.Unlock()
			}
		}
		handle(w, r)
	}))
	t.Cleanup(func() {
		s.Close()
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, p := range s.problems {
			t.Errorf("request: %s", p)
		}
	})
	return s
}

// Replying starts a server that answers every request with reply.
func Replying(t testing.TB, check RequestCheck, reply Reply) *Server {
	return NewServer(t, check, func(w http.ResponseWriter, _ *http.Request) { reply.Write(w) })
}

// Hits is how many requests reached the server.
func (s *Server) Hits() int64 { return s.hits.Load() }

// Factory builds the provider under test against baseURL with FakeKey.
type Factory func(baseURL string, client *http.Client) intel.Provider

// Failure is one error answer of the provider's own and what it must become.
type Failure struct {
	Name       string
	Reply      Reply
	Kind       intel.ErrorKind
	RetryAfter time.Duration // expected with ErrRateLimited
	Message    string        // the expected sentence, when it matters
}

// Suite checks that a provider turns failures into the right *LookupError.
type Suite struct {
	New   Factory
	Query intel.Query
	Check RequestCheck
	// Failures are the provider's own error answers (bad key, rate limit,
	// refused query…) as its API sends them.
	Failures []Failure
}

// quickTimeouts make a silent server fail the test fast instead of in 15 s.
// The long connect bound (loopback connects at once) keeps the client's
// overall backstop out of reach, so only the read bounds end a stall.
var quickTimeouts = intel.Timeouts{Connect: time.Hour, Read: 150 * time.Millisecond}

// Run checks the provider's own failures and then the ones every provider
// shares: 5xx pages, silence, redirects, malformed and oversized answers and
// an address nobody listens on.
func (s Suite) Run(t *testing.T) {
	t.Helper()
	for _, f := range s.Failures {
		t.Run(f.Name, func(t *testing.T) {
			srv := Replying(t, s.Check, f.Reply)
			msg := s.expect(t, srv.URL, intel.NewHTTPClient(), f.Kind, f.RetryAfter)
			if f.Message != "" && msg != f.Message {
				t.Errorf("message %q, want %q", msg, f.Message)
			}
		})
	}
	common := []Failure{
		{Name: "502 html page", Kind: intel.ErrUpstream, Reply: Reply{
			Status: http.StatusBadGateway,
			Header: http.Header{"Content-Type": {"text/html"}},
			Body:   []byte("<html><body>502 Bad Gateway</body></html>"),
		}},
		{Name: "bare 500", Kind: intel.ErrUpstream, Reply: Reply{Status: http.StatusInternalServerError}},
		{Name: "truncated json", Kind: intel.ErrMalformed, Reply: Reply{Status: http.StatusOK, Body: []byte(`{"data": {"attributes": {`)}},
		{Name: "html with 200", Kind: intel.ErrMalformed, Reply: Reply{
			Status: http.StatusOK,
			Header: http.Header{"Content-Type": {"text/html"}},
			Body:   []byte("<!doctype html><title>captive portal</title>"),
		}},
		{Name: "empty object", Kind: intel.ErrMalformed, Reply: Reply{Status: http.StatusOK, Body: []byte(`{}`)}},
		{Name: "json null", Kind: intel.ErrMalformed, Reply: Reply{Status: http.StatusOK, Body: []byte(`null`)}},
		{Name: "oversized with length", Kind: intel.ErrTooLarge, Reply: Reply{
			Status: http.StatusOK,
			Header: http.Header{"Content-Length": {strconv.Itoa(len(oversized()))}},
			Body:   oversized(),
		}},
	}
	for _, f := range common {
		t.Run(f.Name, func(t *testing.T) {
			srv := Replying(t, s.Check, f.Reply)
			s.expect(t, srv.URL, intel.NewHTTPClient(), f.Kind, 0)
		})
	}
	t.Run("oversized streamed", func(t *testing.T) {
		srv := NewServer(t, s.Check, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			body := oversized()
			for len(body) > 0 {
				n := min(len(body), 64<<10)
				_, _ = w.Write(body[:n])
				w.(http.Flusher).Flush()
				body = body[n:]
			}
		})
		s.expect(t, srv.URL, intel.NewHTTPClient(), intel.ErrTooLarge, 0)
	})
	t.Run("never answers", func(t *testing.T) {
		srv := NewServer(t, s.Check, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
		s.expect(t, srv.URL, intel.NewHTTPClientWithTimeouts(quickTimeouts), intel.ErrTimeout, 0)
	})
	t.Run("stalls mid-body", func(t *testing.T) {
		srv := NewServer(t, s.Check, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"data": `))
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		})
		s.expect(t, srv.URL, intel.NewHTTPClientWithTimeouts(quickTimeouts), intel.ErrTimeout, 0)
	})
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(fmt.Sprintf("redirect %d", status), func(t *testing.T) {
			target := NewServer(t, nil, func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusOK)
			})
			srv := NewServer(t, s.Check, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, target.URL+r.URL.RequestURI(), status) //nolint:gosec // G710: the redirect under test
			})
			s.expect(t, srv.URL, intel.NewHTTPClient(), intel.ErrRedirect, 0)
			if n := target.Hits(); n != 0 {
				t.Errorf("the redirect target was requested %d times, want never", n)
			}
		})
	}
	t.Run("nobody listening", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		addr := srv.URL
		srv.Close()
		e := lookupError(t, s.New(addr, intel.NewHTTPClientWithTimeouts(quickTimeouts)), s.Query)
		if e != nil && e.Kind != intel.ErrNetwork {
			t.Errorf("kind = %d (%q), want ErrNetwork", e.Kind, e.Message)
		}
	})
	t.Run("cancelled by the caller", func(t *testing.T) {
		srv := NewServer(t, s.Check, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := s.New(srv.URL, intel.NewHTTPClient()).Lookup(ctx, s.Query)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want one wrapping context.Canceled", err)
		}
	})
}

// expect looks s.Query up, checks the error's kind and retry hint and
// returns its message.
func (s Suite) expect(t *testing.T, baseURL string, client *http.Client, kind intel.ErrorKind, retry time.Duration) string {
	t.Helper()
	e := lookupError(t, s.New(baseURL, client), s.Query)
	if e == nil {
		return ""
	}
	if e.Kind != kind {
		t.Errorf("kind = %d (%q), want %d", e.Kind, e.Message, kind)
	}
	if e.RetryAfter != retry {
		t.Errorf("RetryAfter = %s, want %s", e.RetryAfter, retry)
	}
	if e.Message == "" {
		t.Error("empty message")
	}
	return e.Message
}

// lookupError runs one lookup that must fail with a *LookupError and checks
// that the key stays out of it.
func lookupError(t *testing.T, p intel.Provider, q intel.Query) *intel.LookupError {
	t.Helper()
	res, err := p.Lookup(context.Background(), q)
	if err == nil {
		t.Errorf("Lookup succeeded with %+v, want an error", res)
		return nil
	}
	AssertNoKey(t, err.Error(), fmt.Sprintf("%+v", err), res)
	var e *intel.LookupError
	if !errors.As(err, &e) {
		t.Errorf("err = %T %v, want *intel.LookupError", err, err)
		return nil
	}
	return e
}

// AssertNoKey fails the test if FakeKey appears in any of values, printed
// or marshalled to JSON.
func AssertNoKey(t testing.TB, values ...any) {
	t.Helper()
	for _, v := range values {
		var text bytes.Buffer
		fmt.Fprintf(&text, "%v %+v %#v", v, v, v)
		if j, err := json.Marshal(v); err == nil {
			text.Write(j)
		}
		if strings.Contains(text.String(), FakeKey) {
			t.Errorf("the API key leaked into %s", text.String())
		}
	}
}

// oversized is a JSON document one byte over intel.DefaultMaxBody.
func oversized() []byte {
	b := bytes.Repeat([]byte(" "), intel.DefaultMaxBody+1)
	copy(b, `{"data": {}}`)
	return b
}
