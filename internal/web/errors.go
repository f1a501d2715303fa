package web

import (
	"fmt"
	"net/http"
	"strings"
)

// errorData is the error page's view.
type errorData struct {
	Status  int
	Title   string
	Message string
}

// fail answers a refused or failed request: a one-line JSON error under
// /api/, an error page elsewhere.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, message string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.writeJSON(w, status, apiError{Error: message})
		return
	}
	s.render(w, status, viewError, errorData{Status: status, Title: http.StatusText(status), Message: message})
}

// apiError is the body of every JSON error.
type apiError struct {
	Error string `json:"error"`
}

// tooLargeMessage says the body limit in MiB, the unit --max-body takes.
func (s *Server) tooLargeMessage() string {
	return fmt.Sprintf("The text is larger than the %s MiB limit of this server (--max-body).", mib(s.cfg.MaxBody))
}

// mib formats a byte count in MiB without needless decimals.
func mib(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d", n>>20)
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", float64(n)/(1<<20)), "0"), ".")
}

// handleNotFound answers every address the server does not know.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, "There is no page at this address.")
}
