package intel

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// quick bounds let a silent test server time out at once. The long connect
// bound (loopback connects at once) keeps the client's overall backstop out
// of reach, so only the read bounds can end a stalled request.
var quick = Timeouts{Connect: time.Hour, Read: 100 * time.Millisecond}

const secretKey = "sk-test-0123456789abcdef"

// serve starts a loopback server for one test.
func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// get fetches path from srv with a key in a header and in the query, so a
// test can check neither leaks into an error.
func get(ctx context.Context, t *testing.T, c *http.Client, rawURL string, maxBody int64) (*Response, error) {
	t.Helper()
	req, err := NewRequest(ctx, rawURL+"?apikey="+secretKey, "x-apikey", NewSecret(secretKey))
	if err != nil {
		t.Fatalf("NewRequest: %v", err)
	}
	resp, err := Fetch(ctx, c, req, maxBody)
	if err != nil && (strings.Contains(err.Error(), secretKey) || strings.Contains(err.Error(), "127.0.0.1")) {
		t.Errorf("error %q reveals the request", err)
	}
	return resp, err
}

// wantKind fails the test unless err is a *LookupError of kind, and returns
// its message.
func wantKind(t *testing.T, err error, kind ErrorKind) string {
	t.Helper()
	var e *LookupError
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a *LookupError of kind %d", err, kind)
	}
	if e.Kind != kind {
		t.Fatalf("kind %d (%q), want %d", e.Kind, e.Message, kind)
	}
	return e.Message
}

func TestFetchReadsTheAnswer(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-apikey") != secretKey || r.Header.Get("Accept") != "application/json" || r.Header.Get("User-Agent") != UserAgent {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Ratelimit-Remaining", "7")
		_, _ = w.Write([]byte(`{"ok":true}`))
	})
	resp, err := get(context.Background(), t, NewHTTPClient(), srv.URL, 0)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 || string(resp.Body) != `{"ok":true}` || resp.Header.Get("X-Ratelimit-Remaining") != "7" {
		t.Errorf("got %d %q %v", resp.Status, resp.Body, resp.Header)
	}
}

func TestFetchBodyCap(t *testing.T) {
	const limit = 1024
	tests := []struct {
		name    string
		size    int
		declare bool // send Content-Length
		tooBig  bool
	}{
		{"exactly the cap", limit, true, false},
		{"exactly the cap, streamed", limit, false, false},
		{"one byte over, declared", limit + 1, true, true},
		{"one byte over, streamed", limit + 1, false, true},
		{"far over, declared", 64 << 20, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
				if tt.declare {
					w.Header().Set("Content-Length", strconv.Itoa(tt.size))
				}
				w.WriteHeader(http.StatusOK)
				if tt.declare && tt.size > limit*2 {
					return // the client must refuse on the header alone
				}
				for i := 0; i < tt.size; i += 100 {
					_, _ = w.Write(bytes.Repeat([]byte("x"), min(100, tt.size-i)))
					w.(http.Flusher).Flush()
				}
			})
			resp, err := get(context.Background(), t, NewHTTPClient(), srv.URL, limit)
			if !tt.tooBig {
				if err != nil || len(resp.Body) != tt.size {
					t.Fatalf("err %v, want the whole %d bytes", err, tt.size)
				}
				return
			}
			if msg := wantKind(t, err, ErrTooLarge); msg != "answer larger than 1 KiB" {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestFetchNeverFollowsRedirects(t *testing.T) {
	var targetHits atomic.Int64
	target := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		targetHits.Add(1)
		w.WriteHeader(http.StatusOK)
	})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/elsewhere", http.StatusFound)
	})
	// A client that would follow redirects on its own: Fetch must still refuse.
	for name, c := range map[string]*http.Client{"ours": NewHTTPClient(), "a default client": {}, "none": nil} {
		resp, err := get(context.Background(), t, c, srv.URL, 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if resp.Status != http.StatusFound {
			t.Errorf("%s: status %d, want the 302 itself", name, resp.Status)
		}
		if e := StatusError("Example", resp); e == nil || e.Kind != ErrRedirect {
			t.Errorf("%s: StatusError = %v, want ErrRedirect", name, e)
		}
	}
	if n := targetHits.Load(); n != 0 {
		t.Errorf("redirect target requested %d times", n)
	}
}

func TestFetchTimeouts(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	silent := serve(t, func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	trickle := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"partial":`))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	for name, url := range map[string]string{"no headers": silent.URL, "body stalls": trickle.URL} {
		_, err := get(context.Background(), t, NewHTTPClientWithTimeouts(quick), url, 0)
		if msg := wantKind(t, err, ErrTimeout); msg != "timed out after 100ms" {
			t.Errorf("%s: message %q", name, msg)
		}
	}
}

func TestFetchHandshakeTimeout(t *testing.T) {
	// A listener that accepts and then says nothing: TCP connects, TLS never
	// starts.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				_ = c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	c := NewHTTPClientWithTimeouts(Timeouts{Connect: 100 * time.Millisecond, Read: time.Hour})
	_, err = get(context.Background(), t, c, "https://"+ln.Addr().String(), 0)
	if msg := wantKind(t, err, ErrTimeout); msg != "could not connect within 100ms" {
		t.Errorf("message %q", msg)
	}
}

func TestFetchCallerContext(t *testing.T) {
	srv := serve(t, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := get(ctx, t, NewHTTPClient(), srv.URL, 0)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}

	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = get(ctx, t, NewHTTPClient(), srv.URL, 0)
	if msg := wantKind(t, err, ErrTimeout); msg == "" {
		t.Error("empty message")
	}
}

func TestFetchNobodyListening(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close()
	_, err := get(context.Background(), t, NewHTTPClientWithTimeouts(quick), addr, 0)
	if msg := wantKind(t, err, ErrNetwork); msg != "could not connect" {
		t.Errorf("message %q", msg)
	}
}

func TestFetchConnectionCut(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"cut":`))
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	})
	_, err := get(context.Background(), t, NewHTTPClient(), srv.URL, 0)
	if msg := wantKind(t, err, ErrNetwork); msg == "" {
		t.Error("empty message")
	}
}

func TestNewRequest(t *testing.T) {
	ctx := context.Background()
	req, err := NewRequest(ctx, "https://api.example/v1/x", "Key", NewSecret(secretKey))
	if err != nil || req.Header.Get("Key") != secretKey || req.Method != http.MethodGet {
		t.Fatalf("%v %v", req, err)
	}
	req, err = NewRequest(ctx, "https://api.example/v1/x", "Key", Secret{})
	if err != nil || len(req.Header.Values("Key")) != 0 {
		t.Errorf("empty key sent: %v %v", req.Header, err)
	}
	for _, key := range []string{secretKey + "\n", "a\rb", "tab\tkey", "nul\x00"} {
		_, err := NewRequest(ctx, "https://api.example/", "Key", NewSecret(key))
		if msg := wantKind(t, err, ErrBadKey); strings.Contains(msg, key) {
			t.Errorf("message %q quotes the key", msg)
		}
	}
	_, err = NewRequest(ctx, "https://api.example/%zz", "", Secret{})
	if msg := wantKind(t, err, ErrBadRequest); msg == "" {
		t.Error("empty message")
	}
}

func TestNewHTTPClientBounds(t *testing.T) {
	c := NewHTTPClient()
	b, ok := c.Transport.(*boundedTransport)
	if !ok {
		t.Fatalf("transport %T", c.Transport)
	}
	if b.timeouts != DefaultTimeouts() || b.base.ResponseHeaderTimeout != 15*time.Second || b.base.TLSHandshakeTimeout != 10*time.Second {
		t.Errorf("timeouts %+v, header %s, handshake %s", b.timeouts, b.base.ResponseHeaderTimeout, b.base.TLSHandshakeTimeout)
	}
	if c.CheckRedirect == nil || c.CheckRedirect(nil, nil) != http.ErrUseLastResponse {
		t.Error("redirects would be followed")
	}
	if c.Timeout <= 0 {
		t.Error("no overall bound")
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{DefaultMaxBody: "4 MiB", 1024: "1 KiB", 1500: "1500 bytes", 10: "10 bytes"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// BenchmarkFetch measures one request and a 16 KiB answer over loopback,
// the client's share of every lookup.
func BenchmarkFetch(b *testing.B) {
	body := bytes.Repeat([]byte("x"), 16<<10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(body) }))
	defer srv.Close()
	c := NewHTTPClient()
	ctx := context.Background()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		req, err := NewRequest(ctx, srv.URL, "x-apikey", NewSecret(secretKey))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Fetch(ctx, c, req, 0); err != nil {
			b.Fatal(err)
		}
	}
}
