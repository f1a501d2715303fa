package web

import (
	"crypto/subtle"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// contentSecurityPolicy allows only this server's own script, style and
// fetches: no inline code, no framing, no form posts elsewhere.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'"

// tokenCookie carries the access token after it was given once in the URL.
const tokenCookie = "oneshot_token"

// middleware wraps the routes in every protection, outermost first: the log
// sees every answer, the headers are on every answer (refusals too), and a
// foreign Host is refused before the token or the body is looked at.
func (s *Server) middleware(h http.Handler) http.Handler {
	h = s.crossOriginProtection(h)
	h = s.requireToken(h)
	h = s.checkHost(h)
	h = securityHeaders(h)
	return s.logRequests(h)
}

// securityHeaders sets the headers every response carries. Responses are
// not cacheable unless a handler says so (only content-hashed assets do).
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// crossOriginProtection refuses state-changing requests sent by a page of
// another origin (CSRF), which would otherwise spend the analyst's quota.
func (s *Server) crossOriginProtection(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusForbidden, "Requests from other sites are refused.")
	}))
	return cop.Handler(next)
}

// checkHost refuses a Host header that is not the address being served.
// CrossOriginProtection cannot stop DNS rebinding, where a hostile name is
// pointed at 127.0.0.1 and the browser thinks the page is same-origin.
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r.Host) {
			s.fail(w, r, http.StatusMisdirectedRequest, "This server answers only to the address it listens on.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// allowHosts adds the loopback names of addr's port, and with remote
// access the configured host, to the accepted Host values.
func (s *Server) allowHosts(addr string) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "0" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hosts == nil {
		s.hosts = map[string]bool{}
	}
	for _, h := range []string{"127.0.0.1", "localhost", "[::1]"} {
		s.hosts[h+":"+port] = true
	}
	if !s.cfg.AllowRemote {
		return
	}
	// On a wildcard address the names clients use are unknown; the access
	// token, which a rebinding page cannot know, protects it instead.
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		s.any = true
		return
	}
	s.hosts[strings.ToLower(net.JoinHostPort(host, port))] = true
}

// hostAllowed reports whether a request's Host header names this server.
func (s *Server) hostAllowed(host string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.any || s.hosts[strings.ToLower(host)]
}

// requireToken, with remote access, lets through only requests carrying the
// access token: once in ?token= (which sets a cookie and, for a page, is
// removed from the address bar), then in the cookie or a Bearer header.
func (s *Server) requireToken(next http.Handler) http.Handler {
	if s.cfg.Token == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if q := r.URL.Query(); q.Has("token") && s.tokenMatches(q.Get("token")) {
			// Not Secure: the server speaks plain HTTP, where a browser
			// would drop a Secure cookie; HttpOnly and SameSite=Strict keep
			// it from scripts and from other sites.
			http.SetCookie(w, &http.Cookie{ // #nosec G124 -- plain-HTTP server, see above
				Name: tokenCookie, Value: s.cfg.Token, Path: "/",
				HttpOnly: true, SameSite: http.SameSiteStrictMode,
			})
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				q.Del("token")
				path := r.URL.Path
				if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") || strings.HasPrefix(path, "/\\") {
					path = "/" // never a redirect to another host
				}
				u := url.URL{Path: path, RawQuery: q.Encode()}
				http.Redirect(w, r, u.String(), http.StatusSeeOther)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		if c, err := r.Cookie(tokenCookie); err == nil && s.tokenMatches(c.Value) {
			next.ServeHTTP(w, r)
			return
		}
		if auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && s.tokenMatches(auth) {
			next.ServeHTTP(w, r)
			return
		}
		s.fail(w, r, http.StatusUnauthorized, "Open the address printed when the server started; it carries the access token.")
	})
}

// tokenMatches compares in constant time so the token cannot be guessed
// byte by byte from response times.
func (s *Server) tokenMatches(got string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) == 1
}

// limitBody caps the request body; reading past the cap fails with an
// *http.MaxBytesError, which tooLarge recognizes.
func (s *Server) limitBody(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
}

// tooLarge reports whether err comes from a body over the cap.
func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// logRequests writes one line per request with method, path, status, size
// and duration only: never a body, a query string (it may hold the token)
// or a header.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Int64("size", rec.size),
			slog.Duration("duration", time.Since(start)),
		)
	})
}

// statusRecorder remembers the status and size of a response. Unwrap lets
// http.ResponseController reach the real writer to flush and set deadlines.
type statusRecorder struct {
	http.ResponseWriter
	status int
	size   int64
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.size += int64(n)
	return n, err
}

// Unwrap returns the wrapped writer for http.ResponseController.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// isLoopbackHost reports whether a listen host stays on this machine.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
