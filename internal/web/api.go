package web

import (
	"bytes"
	"encoding/json"
	"encoding/json/jsontext"
	jsonv2 "encoding/json/v2"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// extractRequest is the body of POST /api/extract.
type extractRequest struct {
	Text string `json:"text"`
}

// extractResponse is the answer of POST /api/extract.
type extractResponse struct {
	IOCs  []ioc.Indicator `json:"iocs"`
	Stats ioc.Stats       `json:"stats"`
}

// handleAPIExtract answers POST /api/extract.
func (s *Server) handleAPIExtract(w http.ResponseWriter, r *http.Request) {
	var req extractRequest
	if !s.decodeJSON(w, r, &req) {
		return
	}
	iocs, stats := s.cfg.Extract([]byte(req.Text))
	if iocs == nil {
		iocs = []ioc.Indicator{} // "iocs": [] rather than null
	}
	s.writeJSON(w, http.StatusOK, extractResponse{IOCs: iocs, Stats: stats})
}

// handleHealth answers GET /healthz for scripts that wait for the server.
func (s *Server) handleHealth(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if _, err := io.WriteString(w, "ok\n"); err != nil {
		return // the client went away
	}
}

// decodeJSON reads one JSON object from a capped body into v. On failure it
// has already answered: 413 for a body over the cap, 400 with one line
// otherwise. encoding/json/v2 decodes in a single pass over the body, which
// matters for a paste of several MiB.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		s.fail(w, r, http.StatusUnsupportedMediaType, "Send the request as application/json.")
		return false
	}
	s.limitBody(w, r)
	// Read the body whole, sized once from Content-Length, and decode from
	// the bytes.Buffer, which jsontext parses in place: no intermediate
	// buffer growing and copying through a paste of several MiB.
	var body bytes.Buffer
	if n := r.ContentLength; n > 0 && n <= s.cfg.MaxBody {
		body.Grow(int(n) + bytes.MinRead)
	}
	_, err := body.ReadFrom(r.Body)
	if err != nil && tooLarge(err) {
		s.fail(w, r, http.StatusRequestEntityTooLarge, s.tooLargeMessage())
		return false
	}
	dec := jsontext.NewDecoder(&body)
	if err == nil {
		err = jsonv2.UnmarshalDecode(dec, v)
	}
	if err == nil {
		if _, err = dec.ReadToken(); errors.Is(err, io.EOF) {
			return true
		}
		if !tooLarge(err) {
			s.fail(w, r, http.StatusBadRequest, "Malformed JSON: more data after the object.")
			return false
		}
	}
	switch {
	case tooLarge(err):
		s.fail(w, r, http.StatusRequestEntityTooLarge, s.tooLargeMessage())
	default:
		s.fail(w, r, http.StatusBadRequest, "Malformed JSON: "+jsonProblem(err)+".")
	}
	return false
}

// jsonProblem words a decoding error in a few words without echoing input.
func jsonProblem(err error) string {
	var syn *jsontext.SyntacticError
	var sem *jsonv2.SemanticError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the body ends too early"
	case errors.As(err, &syn):
		return fmt.Sprintf("syntax error at byte %d", syn.ByteOffset)
	case errors.As(err, &sem) && sem.JSONPointer != "" && sem.GoType != nil:
		return fmt.Sprintf("%q must be a %s", string(sem.JSONPointer), jsonKindOf(sem.GoType))
	default:
		return "the body must be a JSON object"
	}
}

// jsonKindOf names the JSON kind a Go type is decoded from.
func jsonKindOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Slice, reflect.Array:
		return "list"
	case reflect.Struct, reflect.Map:
		return "object"
	default:
		return "number"
	}
}

// writeJSON answers with v as JSON. Encoding into a buffer first means an
// encoding error is a clean 500.
func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		s.log.Error("encoding a JSON answer failed", "err", err)
		http.Error(w, `{"error":"internal error"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if _, err := buf.WriteTo(w); err != nil {
		return // the client went away
	}
}
