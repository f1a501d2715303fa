package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
)

//go:embed templates
var templateFS embed.FS

// The pages, each one template file on top of templates/base.html.
const (
	viewPage  = "page.html"
	viewError = "error.html"
)

// views holds every page parsed once at start-up.
type views struct {
	pages map[string]*template.Template
}

// parseViews parses every page with the base layout; a broken or missing
// template stops the start-up instead of failing a request later.
func parseViews(a *assets) (*views, error) {
	funcs := template.FuncMap{"asset": a.url}
	base, err := template.New("base.html").Funcs(funcs).ParseFS(templateFS, "templates/base.html")
	if err != nil {
		return nil, fmt.Errorf("parsing the base template: %w", err)
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, name := range []string{viewPage, viewError} {
		t, err := base.Clone()
		if err == nil {
			t, err = t.ParseFS(templateFS, "templates/"+name)
		}
		if err != nil {
			return nil, fmt.Errorf("parsing template %s: %w", name, err)
		}
		v.pages[name] = t
	}
	return v, nil
}

// render executes a page into a buffer first, so a template error becomes a
// clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	t, ok := s.views.pages[name]
	if !ok {
		s.log.Error("no such view", "view", name)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base.html", data); err != nil {
		s.log.Error("rendering a page failed", "view", name, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if _, err := buf.WriteTo(w); err != nil {
		return // the client went away
	}
}
