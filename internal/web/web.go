// Package web serves the local page where an analyst pastes text and sees
// every indicator in it, and the JSON API behind that page. It is built to be
// safe when left running: loopback only unless told otherwise, a strict
// Content-Security-Policy, no cross-origin writes, no DNS rebinding.
package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// DefaultMaxBody is the request body limit when Config.MaxBody is zero.
const DefaultMaxBody int64 = 10 << 20

// Timeouts of the HTTP server. The write timeout bounds ordinary pages; the
// enrichment stream moves its own deadline forward line by line.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 60 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	shutdownTimeout   = 5 * time.Second
)

// Config is everything the web server needs; the command line fills it.
type Config struct {
	// Addr is the address to serve, "127.0.0.1:8080" by default. A
	// non-loopback address needs AllowRemote.
	Addr string
	// Offline turns enrichment off: no outbound connection at all.
	Offline bool
	// MaxBody caps every request body in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// AllowRemote permits a non-loopback Addr; every request must then carry
	// the access token.
	AllowRemote bool
	// Token is the access token; with AllowRemote an empty one is generated.
	Token string
	// Extract finds the indicators in a text; nil means ioc.Extract with
	// default options.
	Extract func([]byte) ([]ioc.Indicator, ioc.Stats)
	// Enricher looks indicators up at providers; nil turns enrichment off.
	Enricher Enricher
	// Logger receives one line per request; nil discards them.
	Logger *slog.Logger
}

// Server is the web app. Create it with New.
type Server struct {
	cfg     Config
	log     *slog.Logger
	views   *views
	assets  *assets
	handler http.Handler

	mu    sync.RWMutex
	hosts map[string]bool // allowed Host header values
	any   bool            // any Host is allowed (remote on a wildcard address)
}

// New checks cfg and prepares the server: templates and assets are parsed
// here, so a broken one stops the start-up rather than a request.
func New(cfg Config) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8080"
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("address %q is not host:port, such as 127.0.0.1:8080", cfg.Addr)
	}
	if !isLoopbackHost(host) && !cfg.AllowRemote {
		return nil, fmt.Errorf("address %q is not a loopback address; pass --allow-remote to serve other machines, which then need the access token", cfg.Addr)
	}
	if cfg.AllowRemote && cfg.Token == "" {
		cfg.Token, err = newToken()
		if err != nil {
			return nil, err
		}
	}
	if cfg.Extract == nil {
		cfg.Extract = defaultExtract
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, log: cfg.Logger}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.views, err = parseViews(s.assets); err != nil {
		return nil, err
	}
	s.allowHosts(cfg.Addr)
	s.handler = s.middleware(s.routes())
	return s, nil
}

// Token returns the access token, empty unless remote access is allowed.
func (s *Server) Token() string { return s.cfg.Token }

// Handler returns the whole app with its security middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve answers requests on ln until ctx is cancelled, then shuts down
// gracefully, letting requests in flight finish for a few seconds.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.allowHosts(ln.Addr().String())
	srv := s.httpServer(ctx)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serving %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving %s: %w", ln.Addr(), err)
	}
	return nil
}

// httpServer configures the timeouts that keep a slow or stalled client
// from holding a connection forever.
func (s *Server) httpServer(ctx context.Context) *http.Server {
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
}

// StartupLine is the line printed when the server starts: where to open the
// page (with the token, when one is needed) and whether lookups are possible.
func (s *Server) StartupLine(addr string) string {
	u := "http://" + addr
	if s.cfg.Token != "" {
		u += "/?token=" + s.cfg.Token
	}
	return "oneshot-ioc listening on " + u + " — " + s.enrichmentState()
}

// enrichmentState says "offline" or which providers are ready.
func (s *Server) enrichmentState() string {
	if !s.enrichmentOn() {
		return "offline"
	}
	var titles []string
	for _, st := range s.cfg.Enricher.Statuses() {
		if st.Configured {
			titles = append(titles, st.Title)
		}
	}
	if len(titles) == 0 {
		return "no provider configured"
	}
	return "providers: " + strings.Join(titles, ", ")
}

// enrichmentOn reports whether lookups may be made.
func (s *Server) enrichmentOn() bool {
	return !s.cfg.Offline && s.cfg.Enricher != nil
}

// newToken returns 32 random hex characters.
func newToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generating the access token: %w", err)
	}
	return hex.EncodeToString(b), nil
}
