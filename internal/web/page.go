package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
)

// formField is the name of the paste area in the form.
const formField = "text"

// pageData is the view of the main page, empty or with results.
type pageData struct {
	MaxBodyMiB string
	Offline    bool
	Text       string       // the pasted text, echoed into the paste area
	Results    *resultsView // nil until something was submitted
}

// handlePage answers GET / with the empty page.
func (s *Server) handlePage(w http.ResponseWriter, _ *http.Request) {
	s.render(w, http.StatusOK, viewPage, s.newPageData())
}

// handleExtractForm answers POST /extract, the form post that makes the
// page work without JavaScript: the results are rendered on the server.
func (s *Server) handleExtractForm(w http.ResponseWriter, r *http.Request) {
	s.limitBody(w, r)
	text, err := readFormText(r)
	if err != nil {
		if tooLarge(err) {
			s.fail(w, r, http.StatusRequestEntityTooLarge, s.tooLargeMessage())
			return
		}
		s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	iocs, stats := s.cfg.Extract([]byte(text))
	data := s.newPageData()
	data.Text = text
	data.Results = buildResults(text, iocs, stats)
	s.render(w, http.StatusOK, viewPage, data)
}

func (s *Server) newPageData() pageData {
	return pageData{MaxBodyMiB: mib(s.cfg.MaxBody), Offline: !s.enrichmentOn()}
}

// readFormText returns the paste area's text from a URL-encoded or a
// multipart form. Multipart parts are read in memory one by one, never with
// ParseMultipartForm, which may spill large parts into temporary files.
func readFormText(r *http.Request) (string, error) {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" {
		if err := r.ParseForm(); err != nil {
			return "", err
		}
		return r.PostForm.Get(formField), nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return "", err
	}
	var text strings.Builder
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return text.String(), nil
		}
		if err != nil {
			return "", err
		}
		if part.FormName() != formField {
			if _, err := io.Copy(io.Discard, part); err != nil {
				return "", err
			}
			continue
		}
		if _, err := io.Copy(&text, part); err != nil {
			return "", err
		}
	}
}
