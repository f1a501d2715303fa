package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

const testHost = "127.0.0.1:8080"

// newTestServer builds a server on the default loopback address; without
// cfg.Extract it runs the real engine.
func newTestServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	if cfg.Addr == "" {
		cfg.Addr = testHost
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// request builds a request addressed to the test host.
func request(method, target, contentType, body string) *http.Request {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	r.Host = testHost
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

// serve runs one request through the whole handler.
func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// lineExtract is a stand-in extractor that makes every non-empty line a URL
// indicator, so hostile values reach the templates unchanged.
func lineExtract(text []byte) ([]ioc.Indicator, ioc.Stats) {
	var out []ioc.Indicator
	off := 0
	for _, line := range strings.SplitAfter(string(text), "\n") {
		v := strings.TrimRight(line, "\r\n")
		if v != "" {
			out = append(out, ioc.Indicator{Type: ioc.URL, Value: v, Raw: []string{v}, Count: 1, Offsets: []int64{int64(off)}, Tags: []string{v}})
		}
		off += len(line)
	}
	return out, ioc.Stats{Bytes: int64(len(text)), Indicators: len(out), Occurrences: len(out)}
}

// fakeEnricher answers every lookup with the same verdict.
type fakeEnricher struct {
	mu          sync.Mutex
	got         []intel.Request
	emitSummary bool
}

func (f *fakeEnricher) Statuses() []intel.ProviderStatus {
	return []intel.ProviderStatus{
		{Name: "virustotal", Title: "VirusTotal", Configured: true, RateLimit: "4/min, 500/day"},
		{Name: "greynoise", Title: "GreyNoise", Configured: false, Reason: "set GREYNOISE_API_KEY"},
	}
}

func (f *fakeEnricher) CheckProviders(names []string) error {
	for _, n := range names {
		if n != "virustotal" && n != "greynoise" {
			return &intel.LookupError{Message: "unknown provider " + n}
		}
	}
	return nil
}

func (f *fakeEnricher) Enrich(_ context.Context, req intel.Request, emit func(intel.Event)) intel.Summary {
	f.mu.Lock()
	f.got = append(f.got, req)
	f.mu.Unlock()
	sum := intel.Summary{Kind: "summary", Verdicts: map[string]intel.Verdict{}}
	emit(intel.Progress{Kind: "progress", Total: len(req.IOCs), Waiting: map[string]string{"virustotal": "rate limit, next slot in 14s"}})
	for i, q := range req.IOCs {
		emit(&intel.Result{IOC: q, Provider: "virustotal", Verdict: intel.Malicious, Summary: "9/93 engines", Link: "https://www.virustotal.com/gui/ip-address/" + q.Value})
		emit(intel.Progress{Done: i + 1, Total: len(req.IOCs)})
		sum.Verdicts[q.Key()] = intel.Malicious
	}
	if f.emitSummary {
		emit(sum)
	}
	return sum
}

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// fetch sends one request to a real server on loopback and returns the
// status and body.
func fetch(t *testing.T, method, url, contentType, body string) (int, string, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	b, err := io.ReadAll(resp.Body)
	if cerr := resp.Body.Close(); err == nil {
		err = cerr
	}
	return resp.StatusCode, string(b), err
}
