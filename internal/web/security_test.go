package web

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

const wantCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// responseCases lists a page and one request per refusal; every answer
// must carry the security headers.
func responseCases() []struct {
	name   string
	cfg    Config
	req    *http.Request
	status int
} {
	big := strings.Repeat("a", 1<<20+1)
	bad := request("POST", "/api/extract", "application/json", `{}`)
	bad.Host = "evil.example:8080"
	cross := request("POST", "/api/extract", "application/json", `{}`)
	cross.Header.Set("Sec-Fetch-Site", "cross-site")
	return []struct {
		name   string
		cfg    Config
		req    *http.Request
		status int
	}{
		{"page", Config{}, request("GET", "/", "", ""), 200},
		{"api", Config{}, request("POST", "/api/extract", "application/json", `{"text":"1.2.3.4"}`), 200},
		{"not found", Config{}, request("GET", "/missing", "", ""), 404},
		{"bad host", Config{}, bad, 421},
		{"cross site", Config{}, cross, 403},
		{"too large", Config{MaxBody: 1 << 20}, request("POST", "/api/extract", "application/json", `{"text":"`+big+`"}`), 413},
		{"malformed", Config{}, request("POST", "/api/extract", "application/json", `{"text":`), 400},
		{"no token", Config{Addr: "0.0.0.0:8080", AllowRemote: true}, request("GET", "/", "", ""), 401},
		{"offline enrich", Config{Offline: true}, request("POST", "/api/enrich", "application/json", `{"iocs":[{"type":"ipv4","value":"1.2.3.4"}]}`), 503},
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	for _, tt := range responseCases() {
		t.Run(tt.name, func(t *testing.T) {
			w := serve(newTestServer(t, tt.cfg).Handler(), tt.req)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d (%s)", w.Code, tt.status, w.Body.String())
			}
			for name, want := range map[string]string{
				"Content-Security-Policy": wantCSP,
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "no-referrer",
				"Cache-Control":           "no-store",
			} {
				if got := w.Header().Get(name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}

func TestCrossOriginWritesAreRefused(t *testing.T) {
	s := newTestServer(t, Config{Enricher: &fakeEnricher{}})
	ct, body := multipartBody(t, "1.2.3.4")
	targets := []struct{ path, ctype, body string }{
		{"/extract", ct, body},
		{"/api/extract", "application/json", `{"text":"1.2.3.4"}`},
		{"/api/enrich", "application/json", `{"iocs":[{"type":"ipv4","value":"1.2.3.4"}]}`},
	}
	headers := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-site other origin", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"origin null", map[string]string{"Origin": "null"}, 403},
		{"foreign origin", map[string]string{"Origin": "http://evil.example"}, 403},
		{"same origin fetch", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://" + testHost}, 200},
		{"no browser headers", nil, 200},
	}
	for _, tg := range targets {
		for _, h := range headers {
			t.Run(tg.path+"/"+h.name, func(t *testing.T) {
				r := request("POST", tg.path, tg.ctype, tg.body)
				for k, v := range h.header {
					r.Header.Set(k, v)
				}
				w := serve(s.Handler(), r)
				if w.Code != h.status {
					t.Fatalf("status = %d, want %d", w.Code, h.status)
				}
				if h.status == 403 && !strings.Contains(w.Body.String(), "Requests from other sites are refused.") {
					t.Errorf("refusal body = %q", w.Body.String())
				}
			})
		}
	}
}

func TestHostAllowlist(t *testing.T) {
	tests := []struct {
		name, addr string
		remote     bool
		host       string
		status     int
	}{
		{"ipv4 loopback", "127.0.0.1:8080", false, "127.0.0.1:8080", 200},
		{"localhost", "127.0.0.1:8080", false, "localhost:8080", 200},
		{"localhost upper case", "127.0.0.1:8080", false, "LOCALHOST:8080", 200},
		{"ipv6 loopback", "127.0.0.1:8080", false, "[::1]:8080", 200},
		{"rebinding name", "127.0.0.1:8080", false, "attacker.example:8080", 421},
		{"rebinding without port", "127.0.0.1:8080", false, "127.0.0.1", 421},
		{"other port", "127.0.0.1:8080", false, "127.0.0.1:9090", 421},
		{"empty", "127.0.0.1:8080", false, "", 421},
		{"remote configured host", "192.0.2.10:8080", true, "192.0.2.10:8080", 200},
		{"remote other host", "192.0.2.10:8080", true, "attacker.example:8080", 421},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, Config{Addr: tt.addr, AllowRemote: tt.remote, Token: "t0ken"})
			r := request("GET", "/healthz", "", "")
			r.Host = tt.host
			r.Header.Set("Authorization", "Bearer t0ken")
			if w := serve(s.Handler(), r); w.Code != tt.status {
				t.Fatalf("Host %q: status = %d, want %d", tt.host, w.Code, tt.status)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	s := newTestServer(t, Config{MaxBody: 2 << 20})
	big := strings.Repeat("x", 2<<20+1)
	ct, form := multipartBody(t, big)
	tests := []struct{ name, path, ctype, body, want string }{
		{"api json", "/api/extract", "application/json", `{"text":"` + big + `"}`, `{"error":"The text is larger than the 2 MiB limit of this server (--max-body)."}`},
		{"form multipart", "/extract", ct, form, "The text is larger than the 2 MiB limit"},
		{"form urlencoded", "/extract", "application/x-www-form-urlencoded", "text=" + big, "The text is larger than the 2 MiB limit"},
		{"enrich", "/api/enrich", "application/json", `{"iocs":[],"x":"` + big + `"}`, "2 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serve(s.Handler(), request("POST", tt.path, tt.ctype, tt.body))
			if w.Code != http.StatusRequestEntityTooLarge {
				t.Fatalf("status = %d, want 413", w.Code)
			}
			if !strings.Contains(w.Body.String(), tt.want) {
				t.Errorf("body %q lacks %q", w.Body.String(), tt.want)
			}
		})
	}
	// Just under the limit is fine.
	w := serve(s.Handler(), request("POST", "/api/extract", "application/json", `{"text":"`+strings.Repeat("x", 2<<20-20)+`"}`))
	if w.Code != 200 {
		t.Errorf("a body under the limit got %d", w.Code)
	}
}

func TestMalformedJSON(t *testing.T) {
	s := newTestServer(t, Config{Enricher: &fakeEnricher{}})
	for _, tt := range []struct{ name, path, body, want string }{
		{"truncated", "/api/extract", `{"text":"abc`, "Malformed JSON: the body ends too early."},
		{"syntax", "/api/extract", `{"text" "abc"}`, "Malformed JSON: syntax error at byte 8."},
		{"wrong type", "/api/extract", `{"text":42}`, `Malformed JSON: \"/text\" must be a string.`},
		{"not an object", "/api/extract", `["a"]`, "Malformed JSON: the body must be a JSON object."},
		{"wrong type in a list", "/api/enrich", `{"iocs":[{"type":1}]}`, `Malformed JSON: \"/iocs/0/type\" must be a string.`},
		{"invalid UTF-8", "/api/extract", "{\"text\":\"\xff\"}", "Malformed JSON: syntax error at byte 9."},
		{"trailing data", "/api/extract", `{"text":"a"} {}`, "Malformed JSON: more data after the object."},
		{"empty", "/api/extract", ``, "Malformed JSON: the body ends too early."},
		{"enrich syntax", "/api/enrich", `{"iocs":[{]}`, "Malformed JSON: syntax error"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := serve(s.Handler(), request("POST", tt.path, "application/json", tt.body))
			if w.Code != 400 {
				t.Fatalf("status = %d, want 400", w.Code)
			}
			body := w.Body.String()
			if !strings.Contains(body, tt.want) || strings.Count(body, "\n") != 1 {
				t.Errorf("body = %q, want one line with %q", body, tt.want)
			}
		})
	}
}

func TestNewRefusesNonLoopbackWithoutAllowRemote(t *testing.T) {
	for _, tt := range []struct {
		addr    string
		remote  bool
		wantErr string
	}{
		{"0.0.0.0:8080", false, "not a loopback address"},
		{"[::]:8080", false, "not a loopback address"},
		{"192.0.2.10:80", false, "pass --allow-remote"},
		{":8080", false, "not a loopback address"},
		{"example.com:8080", false, "not a loopback address"},
		{"127.0.0.1", false, "is not host:port"},
		{"127.0.0.1:8080", false, ""},
		{"localhost:0", false, ""},
		{"[::1]:8080", false, ""},
		{"0.0.0.0:8080", true, ""},
	} {
		_, err := New(Config{Addr: tt.addr, AllowRemote: tt.remote})
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("New(%q, remote=%v) = %v", tt.addr, tt.remote, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("New(%q) error = %v, want one containing %q", tt.addr, err, tt.wantErr)
		case err != nil && strings.ContainsAny(err.Error(), "\n"):
			t.Errorf("error is not one sentence: %v", err)
		}
	}
}

func TestAccessToken(t *testing.T) {
	s := newTestServer(t, Config{Addr: "127.0.0.1:8080", AllowRemote: true})
	token := s.Token()
	if len(token) != 32 {
		t.Fatalf("generated token %q, want 32 hex characters", token)
	}
	if other := newTestServer(t, Config{AllowRemote: true}).Token(); other == token {
		t.Fatal("two servers got the same token")
	}
	withCookie := func(v string) func(*http.Request) {
		return func(r *http.Request) { r.AddCookie(&http.Cookie{Name: tokenCookie, Value: v}) }
	}
	withBearer := func(v string) func(*http.Request) {
		return func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+v) }
	}
	tests := []struct {
		name   string
		method string
		target string
		set    func(*http.Request)
		status int
	}{
		{"none", "GET", "/", nil, 401},
		{"none api", "POST", "/api/extract", nil, 401},
		{"wrong query", "GET", "/?token=" + strings.Repeat("0", 32), nil, 401},
		{"prefix query", "GET", "/?token=" + token[:31], nil, 401},
		{"query on a page", "GET", "/?token=" + token, nil, 303},
		{"query on a post", "POST", "/api/extract?token=" + token, nil, 200},
		{"cookie", "GET", "/", withCookie(token), 200},
		{"wrong cookie", "GET", "/", withCookie("nope"), 401},
		{"bearer", "POST", "/api/extract", withBearer(token), 200},
		{"wrong bearer", "POST", "/api/extract", withBearer(token + "x"), 401},
		{"health needs it too", "GET", "/healthz", nil, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := request(tt.method, tt.target, "application/json", `{"text":"1.2.3.4"}`)
			if tt.set != nil {
				tt.set(r)
			}
			w := serve(s.Handler(), r)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d", w.Code, tt.status)
			}
		})
	}

	w := serve(s.Handler(), request("GET", "/?token="+token+"&x=1", "", ""))
	if loc := w.Header().Get("Location"); loc != "/?x=1" {
		t.Errorf("redirect to %q, want the address without the token", loc)
	}
	for _, target := range []string{"//evil.example/?token=" + token, "/%2F%2Fevil.example?token=" + token, "/\\evil.example?token=" + token} {
		r := request("GET", "/", "", "")
		r.URL, _ = url.ParseRequestURI(target) // as the server parses a request line
		if loc := serve(s.Handler(), r).Header().Get("Location"); strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
			t.Errorf("token redirect for %q leaves the host: %q", target, loc)
		}
	}
	c := w.Result().Cookies()
	if len(c) != 1 || c[0].Name != tokenCookie || c[0].Value != token || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode {
		t.Errorf("cookie = %+v, want an HttpOnly SameSite=Strict token cookie", c)
	}
}

func TestNoDebugRoutes(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, p := range []string{"/debug/pprof/", "/debug/pprof/heap", "/debug/pprof/cmdline", "/debug/vars", "/metrics"} {
		if w := serve(s.Handler(), request("GET", p, "", "")); w.Code != 404 {
			t.Errorf("GET %s = %d, want 404", p, w.Code)
		}
	}
}

func TestServeHonoursTheListeningPortAndShutsDown(t *testing.T) {
	s := newTestServer(t, Config{Addr: "127.0.0.1:0"})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()

	port := ln.Addr().(*net.TCPAddr).Port
	for _, host := range []string{"127.0.0.1", "localhost"} {
		u := url.URL{Scheme: "http", Host: net.JoinHostPort(host, strconv.Itoa(port)), Path: "/healthz"}
		status, body, err := fetch(t, "GET", u.String(), "", "")
		if err != nil {
			t.Fatal(err)
		}
		if status != 200 || body != "ok\n" {
			t.Errorf("GET %s = %d %q", u.String(), status, body)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve after cancel = %v, want nil", err)
	}
	if _, _, err := fetch(t, "GET", "http://"+ln.Addr().String()+"/healthz", "", ""); err == nil {
		t.Errorf("server still answers after shutdown: %v", err)
	}
}

func TestServerTimeoutsAreSet(t *testing.T) {
	srv := newTestServer(t, Config{}).httpServer(context.Background())
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 {
		t.Fatalf("timeouts: header %v, read %v, write %v, idle %v; all must be set",
			srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout)
	}
}
