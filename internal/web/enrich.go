package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

// maxEnrichIOCs bounds one enrichment request; more is a paste to narrow.
const maxEnrichIOCs = 10000

// streamWriteWindow is how long one line of the enrichment stream may take
// to write. The deadline moves before every line, so a long enrichment that
// waits on rate limits is not cut off by the server's write timeout.
const streamWriteWindow = 30 * time.Second

// enrichRequest is the body of POST /api/enrich.
type enrichRequest struct {
	IOCs      []intel.Query `json:"iocs"`
	Providers []string      `json:"providers"`
	Refresh   bool          `json:"refresh"`
}

// providersResponse is the answer of GET /api/providers.
type providersResponse struct {
	Offline   bool                   `json:"offline"`
	Providers []intel.ProviderStatus `json:"providers"`
}

// handleAPIProviders answers GET /api/providers for the Enrich panel.
func (s *Server) handleAPIProviders(w http.ResponseWriter, _ *http.Request) {
	resp := providersResponse{Offline: !s.enrichmentOn(), Providers: []intel.ProviderStatus{}}
	if s.cfg.Enricher != nil {
		resp.Providers = append(resp.Providers, s.cfg.Enricher.Statuses()...)
	}
	s.writeJSON(w, http.StatusOK, resp)
}

// handleAPIEnrich answers POST /api/enrich with a stream of one JSON object
// per line, flushed as each lookup finishes. When the page goes away the
// request context ends, which cancels the lookups still outstanding.
func (s *Server) handleAPIEnrich(w http.ResponseWriter, r *http.Request) {
	var req enrichRequest
	if !s.decodeJSON(w, r, &req) {
		return
	}
	if !s.enrichmentOn() {
		s.fail(w, r, http.StatusServiceUnavailable, "Lookups are off: the server runs offline.")
		return
	}
	if msg := checkQueries(req.IOCs); msg != "" {
		s.fail(w, r, http.StatusBadRequest, msg)
		return
	}
	if err := s.cfg.Enricher.CheckProviders(req.Providers); err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}

	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	stream := &ndjsonStream{w: w, rc: http.NewResponseController(w)}
	stream.flush()

	providers := req.Providers
	if len(providers) == 0 {
		providers = nil // every provider, as the API promises
	}
	summary := s.cfg.Enricher.Enrich(r.Context(), intel.Request{
		IOCs: req.IOCs, Providers: providers, Refresh: req.Refresh,
	}, stream.emit)
	if !stream.sawSummary() {
		summary.Kind = "summary"
		stream.emit(summary)
	}
}

// checkQueries returns why a list of indicators cannot be looked up, or "".
func checkQueries(qs []intel.Query) string {
	if len(qs) == 0 {
		return "No indicator to look up."
	}
	if len(qs) > maxEnrichIOCs {
		return fmt.Sprintf("At most %d indicators can be looked up at once.", maxEnrichIOCs)
	}
	for i, q := range qs {
		if !q.Type.Known() {
			return fmt.Sprintf("Indicator %d has an unknown type.", i+1)
		}
		if q.Value == "" {
			return fmt.Sprintf("Indicator %d has no value.", i+1)
		}
	}
	return ""
}

// ndjsonStream writes events one per line. The orchestrator may emit from
// several goroutines, so writes are serialized.
type ndjsonStream struct {
	mu      sync.Mutex
	w       http.ResponseWriter
	rc      *http.ResponseController
	broken  bool // the client went away; drop the rest
	summary bool
}

// emit writes one event as a line and flushes it to the page.
func (st *ndjsonStream) emit(ev intel.Event) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.broken {
		return
	}
	ev = withKind(ev)
	if ev.EventKind() == "summary" {
		st.summary = true
	}
	line, err := json.Marshal(ev)
	if err != nil {
		return // an event that cannot be encoded is skipped, never half-written
	}
	line = append(line, '\n')
	// An error here means the writer does not support deadlines (a test
	// recorder); the line is written regardless.
	_ = st.rc.SetWriteDeadline(time.Now().Add(streamWriteWindow))
	if _, err := st.w.Write(line); err != nil {
		st.broken = true
		return
	}
	st.flushLocked()
}

func (st *ndjsonStream) flush() {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.flushLocked()
}

func (st *ndjsonStream) flushLocked() {
	if err := st.rc.Flush(); err != nil {
		st.broken = true
	}
}

func (st *ndjsonStream) sawSummary() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.summary
}

// withKind fills in the "kind" field an event producer may have left empty,
// so every line says what it is.
func withKind(ev intel.Event) intel.Event {
	switch e := ev.(type) {
	case *intel.Result:
		if e.Kind == "" {
			c := *e
			c.Kind = "result"
			return &c
		}
	case intel.Progress:
		e.Kind = "progress"
		return e
	case *intel.Progress:
		c := *e
		c.Kind = "progress"
		return c
	case intel.Summary:
		e.Kind = "summary"
		return e
	case *intel.Summary:
		c := *e
		c.Kind = "summary"
		return c
	}
	return ev
}
