package intel

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultMaxBody caps a provider's answer. The largest real answers (a
// VirusTotal file report with every engine) stay well below it.
const DefaultMaxBody = 4 << 20

// UserAgent identifies the program to providers.
const UserAgent = "oneshot-ioc"

// Timeouts bound each stage of a provider request.
type Timeouts struct {
	Connect time.Duration // TCP connect, and again the TLS handshake
	Read    time.Duration // waiting for the response headers, and again for the body
}

// DefaultTimeouts returns the bounds every provider request gets: 10 s to
// connect, 15 s to read.
func DefaultTimeouts() Timeouts {
	return Timeouts{Connect: 10 * time.Second, Read: 15 * time.Second}
}

// NewHTTPClient returns the client for provider requests, bounded by
// DefaultTimeouts and refusing every redirect.
func NewHTTPClient() *http.Client { return NewHTTPClientWithTimeouts(DefaultTimeouts()) }

// NewHTTPClientWithTimeouts is NewHTTPClient with other bounds; tests use
// it to make a silent server time out quickly.
func NewHTTPClientWithTimeouts(t Timeouts) *http.Client {
	dialer := &net.Dialer{Timeout: t.Connect, KeepAlive: 30 * time.Second}
	base := &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            dialer.DialContext,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    t.Connect,
		ResponseHeaderTimeout:  t.Read,
		ExpectContinueTimeout:  time.Second,
		MaxIdleConns:           32,
		MaxIdleConnsPerHost:    8,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
		ForceAttemptHTTP2:      true,
	}
	return &http.Client{
		Transport:     &boundedTransport{base: base, timeouts: t},
		CheckRedirect: refuseRedirect,
		// Fetch bounds each stage; this only backstops callers that read a
		// body without Fetch.
		Timeout: 2 * (t.Connect + t.Read),
	}
}

// sharedClient serves callers that pass no client, with one connection pool.
var sharedClient = sync.OnceValue(NewHTTPClient)

// refuseRedirect hands a 3xx back as the response: following it would send
// the request (and its key header) somewhere the analyst never chose.
func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// boundedTransport carries the client's Timeouts so Fetch can bound the body
// read and word a timeout with the limit that was hit.
type boundedTransport struct {
	base     *http.Transport
	timeouts Timeouts
}

// RoundTrip implements http.RoundTripper.
func (b *boundedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return b.base.RoundTrip(req)
}

// CloseIdleConnections lets http.Client.CloseIdleConnections reach the pool.
func (b *boundedTransport) CloseIdleConnections() { b.base.CloseIdleConnections() }

func timeoutsOf(c *http.Client) Timeouts {
	if b, ok := c.Transport.(*boundedTransport); ok {
		return b.timeouts
	}
	return DefaultTimeouts()
}

// Response is a provider's answer, read completely.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// NewRequest builds a GET request for rawURL that accepts JSON and, when
// keyHeader is not empty and key is set, carries key in that header. Errors
// are *LookupError values that name neither the URL nor the key.
func NewRequest(ctx context.Context, rawURL, keyHeader string, key Secret) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, Errorf(ErrBadRequest, 0, "the provider's base URL is not valid")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", UserAgent)
	if keyHeader != "" && !key.Empty() {
		if !headerSafe(key.Reveal()) {
			return nil, Errorf(ErrBadKey, 0, "the API key contains characters a request header cannot carry")
		}
		req.Header.Set(keyHeader, key.Reveal())
	}
	return req, nil
}

// headerSafe reports whether s can be sent as a header value as is; a key
// pasted with a newline would otherwise fail deep in the transport.
func headerSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

// Fetch sends req with ctx and reads the whole answer, at most maxBody
// bytes (DefaultMaxBody when maxBody <= 0). Redirects are never followed,
// whatever c says. Transport failures come back as *LookupError values
// (ErrTimeout, ErrNetwork, ErrTooLarge) whose messages never include the
// request's URL or headers; when ctx itself is cancelled the error wraps
// context.Canceled instead, since nobody waits for that answer. A nil c
// means a shared client from NewHTTPClient.
func Fetch(ctx context.Context, c *http.Client, req *http.Request, maxBody int64) (*Response, error) {
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	if c == nil {
		c = sharedClient()
	}
	t := timeoutsOf(c)
	noRedirect := *c
	noRedirect.CheckRedirect = refuseRedirect

	reqCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The URL is a provider's API under its configured base URL, never an
	// indicator's own host.
	resp, err := noRedirect.Do(req.WithContext(reqCtx)) //nolint:gosec // G704: a provider API, see above
	if err != nil {
		return nil, transportError(ctx, err, t, false)
	}
	defer func() { _ = resp.Body.Close() }()

	if resp.ContentLength > maxBody {
		return nil, tooLarge(resp.StatusCode, maxBody)
	}
	// The transport bounds the wait for headers; this bounds the body, so a
	// server that trickles bytes cannot hold a lookup open.
	var bodyTimedOut atomic.Bool
	timer := time.AfterFunc(t.Read, func() {
		bodyTimedOut.Store(true)
		cancel()
	})
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	timer.Stop()
	if err != nil {
		return nil, transportError(ctx, err, t, bodyTimedOut.Load())
	}
	if int64(len(body)) > maxBody {
		return nil, tooLarge(resp.StatusCode, maxBody)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

func tooLarge(status int, maxBody int64) *LookupError {
	return Errorf(ErrTooLarge, status, "answer larger than %s", byteSize(maxBody))
}

// transportError words a failed request without quoting err: a *url.Error
// carries the full URL, query included.
func transportError(ctx context.Context, err error, t Timeouts, bodyTimedOut bool) error {
	switch {
	case bodyTimedOut:
		return Errorf(ErrTimeout, 0, "timed out after %s", t.Read)
	case errors.Is(ctx.Err(), context.Canceled):
		return fmt.Errorf("lookup abandoned: %w", context.Canceled)
	case ctx.Err() != nil:
		return Errorf(ErrTimeout, 0, "timed out")
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		var opErr *net.OpError
		// net/http's handshake timeout has no exported type; its text is
		// fixed.
		if errors.As(err, &opErr) && opErr.Op == "dial" || strings.Contains(err.Error(), "TLS handshake timeout") {
			return Errorf(ErrTimeout, 0, "could not connect within %s", t.Connect)
		}
		return Errorf(ErrTimeout, 0, "timed out after %s", t.Read)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return Errorf(ErrNetwork, 0, "connection lost while reading the answer")
	}
	return Errorf(ErrNetwork, 0, "could not connect")
}

// byteSize writes n in the largest whole binary unit: "4 MiB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
