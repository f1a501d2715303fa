package web

import "net/http"

// routes maps every address the server answers. There is deliberately no
// debug or profiling route.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handlePage)
	mux.HandleFunc("POST /extract", s.handleExtractForm)
	mux.HandleFunc("POST /api/extract", s.handleAPIExtract)
	mux.HandleFunc("POST /api/enrich", s.handleAPIEnrich)
	mux.HandleFunc("GET /api/providers", s.handleAPIProviders)
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("GET /static/{file}", s.assets.serve)
	mux.HandleFunc("/", s.handleNotFound)
	return mux
}
