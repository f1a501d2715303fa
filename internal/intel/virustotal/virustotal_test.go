package virustotal_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers/providertest"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/virustotal"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// expectRequest checks what VirusTotal's API requires: a GET of the
// object's path with the key in x-apikey.
func expectRequest(path string) providertest.RequestCheck {
	return func(r *http.Request) string {
		switch {
		case r.Method != http.MethodGet:
			return "method " + r.Method
		case r.URL.EscapedPath() != path:
			return fmt.Sprintf("path %q, want %q", r.URL.EscapedPath(), path)
		case r.URL.RawQuery != "":
			return "unexpected query " + r.URL.RawQuery
		case r.Header.Get("x-apikey") != providertest.FakeKey:
			return "x-apikey header missing or wrong"
		case r.Header.Get("Accept") != "application/json":
			return "Accept " + r.Header.Get("Accept")
		}
		return ""
	}
}

// testNow is the provider's time in every test: 14:00 UTC, ten hours before
// the daily quotas reset.
var testNow = time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)

func newProvider(baseURL string, client *http.Client) intel.Provider {
	p := virustotal.New(intel.NewSecret(providertest.FakeKey), baseURL+"/api/v3", client)
	virustotal.SetNow(p, func() time.Time { return testNow })
	return p
}

func TestLookup(t *testing.T) {
	const sha256 = "0078c8132fb99b4bccbb2e2429885a857d6a89534f74e23e6a12821abd2c3db2"
	tests := []struct {
		name    string
		q       intel.Query
		path    string
		reply   func(t testing.TB) providertest.Reply
		verdict intel.Verdict
		summary string
		link    string
		details map[string]any
	}{
		{
			name:    "malicious file by md5",
			q:       intel.Query{Type: ioc.MD5, Value: "37ECE581C10A7A88EE6C666B13807A03"},
			path:    "/api/v3/files/37ece581c10a7a88ee6c666b13807a03",
			reply:   sample(http.StatusOK, "vt_file.json"),
			verdict: intel.Malicious,
			summary: "44/73 engines flag it malicious; ransomware.hive/recyl",
			link:    "https://www.virustotal.com/gui/file/" + sha256,
			details: map[string]any{
				"malicious": 44, "suspicious": 0, "harmless": 0, "undetected": 29, "reputation": 0,
				"last_analysis": "2025-05-13T04:05:44Z", "tags": []string{"peexe", "64bits", "overlay", "spreader"},
				"threat_label": "ransomware.hive/recyl", "file_type": "Win32 EXE",
			},
		},
		{
			name:    "clean ip",
			q:       intel.Query{Type: ioc.IPv4, Value: "8.8.8.8"},
			path:    "/api/v3/ip_addresses/8.8.8.8",
			reply:   sample(http.StatusOK, "vt_ip.json"),
			verdict: intel.Harmless,
			summary: "0/94 engines flag it malicious",
			link:    "https://www.virustotal.com/gui/ip-address/8.8.8.8",
			details: map[string]any{
				"malicious": 0, "suspicious": 0, "harmless": 61, "undetected": 33, "reputation": 556,
				"last_analysis": "2025-08-07T07:47:58Z", "as_owner": "GOOGLE", "country": "US", "asn": 15169,
			},
		},
		{
			name:    "clean domain",
			q:       intel.Query{Type: ioc.Domain, Value: "www.google.com"},
			path:    "/api/v3/domains/www.google.com",
			reply:   sample(http.StatusOK, "vt_domain.json"),
			verdict: intel.Harmless,
			summary: "0/94 engines flag it malicious",
			link:    "https://www.virustotal.com/gui/domain/www.google.com",
			details: map[string]any{
				"malicious": 0, "suspicious": 0, "harmless": 65, "undetected": 29, "reputation": 212,
				"last_analysis": "2025-08-07T07:49:30Z", "registrar": "MarkMonitor Inc.",
			},
		},
		{
			name:    "clean url by its base64url id",
			q:       intel.Query{Type: ioc.URL, Value: "https://www.youtube.com/"},
			path:    "/api/v3/urls/aHR0cHM6Ly93d3cueW91dHViZS5jb20v",
			reply:   sample(http.StatusOK, "vt_url.json"),
			verdict: intel.Harmless,
			summary: "0/97 engines flag it malicious",
			link:    "https://www.virustotal.com/gui/url/dbae2d0204aa489e234eb2f903a0127b17c712386428cab12b86c5f68aa75867",
			details: map[string]any{
				"malicious": 0, "suspicious": 0, "harmless": 71, "undetected": 26, "reputation": 1257,
				"last_analysis": "2025-08-07T09:51:45Z", "tags": []string{"external-resources", "iframes"},
			},
		},
		{
			name:    "ipv6 path stays readable",
			q:       intel.Query{Type: ioc.IPv6, Value: "2001:4860:4860::8888"},
			path:    "/api/v3/ip_addresses/2001:4860:4860::8888",
			reply:   stats(1, 1, 60, 30),
			verdict: intel.Suspicious,
			summary: "1/92 engines flag it malicious, 1 suspicious",
			link:    "https://www.virustotal.com/gui/ip-address/2001:4860:4860::8888",
			details: map[string]any{"malicious": 1, "suspicious": 1, "harmless": 60, "undetected": 30, "reputation": 0},
		},
		{
			name:    "one suspicious engine",
			q:       intel.Query{Type: ioc.Domain, Value: "example.com"},
			path:    "/api/v3/domains/example.com",
			reply:   stats(0, 1, 60, 30),
			verdict: intel.Suspicious,
			summary: "0/91 engines flag it malicious, 1 suspicious",
			link:    "https://www.virustotal.com/gui/domain/example.com",
			details: map[string]any{"malicious": 0, "suspicious": 1, "harmless": 60, "undetected": 30, "reputation": 0},
		},
		{
			name:    "threshold engines",
			q:       intel.Query{Type: ioc.Domain, Value: "example.com"},
			path:    "/api/v3/domains/example.com",
			reply:   stats(virustotal.MaliciousEngines, 0, 60, 30),
			verdict: intel.Malicious,
			summary: "3/93 engines flag it malicious",
			link:    "https://www.virustotal.com/gui/domain/example.com",
			details: map[string]any{"malicious": 3, "suspicious": 0, "harmless": 60, "undetected": 30, "reputation": 0},
		},
		{
			name:    "no analysis yet",
			q:       intel.Query{Type: ioc.Domain, Value: "example.com"},
			path:    "/api/v3/domains/example.com",
			reply:   stats(0, 0, 0, 0),
			verdict: intel.Unknown,
			summary: "no analysis yet",
			link:    "https://www.virustotal.com/gui/domain/example.com",
			details: map[string]any{"malicious": 0, "suspicious": 0, "harmless": 0, "undetected": 0, "reputation": 0},
		},
		{
			name:    "unknown file",
			q:       intel.Query{Type: ioc.SHA256, Value: "0000000000000000000000000000000000000000000000000000000000000000"},
			path:    "/api/v3/files/0000000000000000000000000000000000000000000000000000000000000000",
			reply:   sample(http.StatusNotFound, "vt_404_file.json"),
			verdict: intel.Unknown,
			summary: "not in VirusTotal",
			link:    "https://www.virustotal.com/gui/file/0000000000000000000000000000000000000000000000000000000000000000",
		},
		{
			name:    "unknown url links its base64url id",
			q:       intel.Query{Type: ioc.URL, Value: "http://evil.example/a?b=c"},
			path:    "/api/v3/urls/aHR0cDovL2V2aWwuZXhhbXBsZS9hP2I9Yw",
			reply:   sample(http.StatusNotFound, "vt_404_url.json"),
			verdict: intel.Unknown,
			summary: "not in VirusTotal",
			link:    "https://www.virustotal.com/gui/url/aHR0cDovL2V2aWwuZXhhbXBsZS9hP2I9Yw",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := providertest.Replying(t, expectRequest(tt.path), tt.reply(t))
			p := newProvider(srv.URL, nil)
			providertest.ExpectResult(t, p, intel.Result{
				Kind: "result", IOC: tt.q, Provider: "virustotal", Verdict: tt.verdict,
				Summary: tt.summary, Link: tt.link, Details: tt.details,
			})
			if srv.Hits() != 1 {
				t.Errorf("%d requests, want 1", srv.Hits())
			}
		})
	}
}

func sample(status int, name string) func(t testing.TB) providertest.Reply {
	return func(t testing.TB) providertest.Reply { return providertest.JSON(t, status, name) }
}

// stats answers with a minimal domain object carrying the given counts.
func stats(malicious, suspicious, harmless, undetected int) func(t testing.TB) providertest.Reply {
	return func(testing.TB) providertest.Reply {
		body := fmt.Sprintf(`{"data":{"id":"x","type":"domain","attributes":{"reputation":0,"tags":[],`+
			`"last_analysis_stats":{"malicious":%d,"suspicious":%d,"harmless":%d,"undetected":%d,"timeout":2}}}}`,
			malicious, suspicious, harmless, undetected)
		return providertest.Reply{Status: http.StatusOK, Body: []byte(body)}
	}
}

func TestFailures(t *testing.T) {
	q := intel.Query{Type: ioc.Domain, Value: "evil.example"}
	reply := func(status int, name string, header http.Header) providertest.Reply {
		r := providertest.JSON(t, status, name)
		r.Header = header
		return r
	}
	providertest.Suite{
		New:   newProvider,
		Query: q,
		Check: expectRequest("/api/v3/domains/evil.example"),
		Failures: []providertest.Failure{
			{Name: "wrong key", Reply: reply(http.StatusUnauthorized, "vt_401_wrong_key.json", nil), Kind: intel.ErrBadKey},
			{Name: "missing key", Reply: reply(http.StatusUnauthorized, "vt_401_no_key.json", nil), Kind: intel.ErrBadKey},
			{Name: "forbidden", Reply: reply(http.StatusForbidden, "vt_403_forbidden.json", nil), Kind: intel.ErrBadKey},
			{Name: "quota without retry-after", Reply: reply(http.StatusTooManyRequests, "vt_429_quota.json", nil), Kind: intel.ErrRateLimited},
			{
				Name:       "quota with retry-after",
				Reply:      reply(http.StatusTooManyRequests, "vt_429_quota.json", http.Header{"Retry-After": {"120"}}),
				Kind:       intel.ErrRateLimited,
				RetryAfter: 2 * time.Minute,
			},
			{Name: "transient 503", Reply: reply(http.StatusServiceUnavailable, "vt_503_transient.json", nil), Kind: intel.ErrUpstream},
			{Name: "404 that is not NotFoundError", Reply: providertest.Reply{
				Status: http.StatusNotFound,
				Header: http.Header{"Content-Type": {"text/html"}},
				Body:   []byte("<h1>Not Found</h1>"),
			}, Kind: intel.ErrUpstream},
			{Name: "stats of the wrong type", Reply: providertest.Reply{
				Status: http.StatusOK,
				Body:   []byte(`{"data":{"attributes":{"last_analysis_stats":"many"}}}`),
			}, Kind: intel.ErrMalformed},
		},
	}.Run(t)
}

// TestRateLimits: QuotaExceededError covers the minute, daily and monthly
// quotas and usually says "Quota exceeded", so it is retried like a minute
// quota; only a message naming the daily quota alone waits for 00:00 UTC.
func TestRateLimits(t *testing.T) {
	vtError := func(code, message string) string {
		return fmt.Sprintf(`{"error": {"code": %q, "message": %q}}`, code, message)
	}
	tests := []struct {
		name    string
		header  http.Header
		body    string
		wait    time.Duration
		message string
	}{
		{name: "the documented quota answer", body: string(providertest.Sample(t, "vt_429_quota.json")), message: "rate limited"},
		{name: "too many requests", body: vtError("TooManyRequestsError", "Too many requests"), message: "rate limited"},
		{
			name:    "too many requests, even when it says daily",
			body:    vtError("TooManyRequestsError", "Daily request rate exceeded"),
			message: "rate limited",
		},
		{
			name:    "quota text that names every window",
			body:    vtError("QuotaExceededError", "You have exceeded one of your quotas (minute, daily or monthly). Daily quotas are reset every day at 00:00 UTC."),
			message: "rate limited",
		},
		{name: "monthly quota", body: vtError("QuotaExceededError", "Monthly quota exceeded"), message: "rate limited"},
		{
			name: "daily quota", body: vtError("QuotaExceededError", "Daily quota exceeded"),
			wait: 10 * time.Hour, message: "daily quota used up, retry after 00:00 UTC",
		},
		{
			name: "daily quota with Retry-After", header: http.Header{"Retry-After": {"120"}},
			body: vtError("QuotaExceededError", "Daily quota exceeded"),
			wait: 2 * time.Minute, message: "rate limited, retry in 2m",
		},
		{name: "not json", header: http.Header{"Content-Type": {"text/html"}}, body: "<h1>429</h1>", message: "rate limited"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reply := providertest.Reply{Status: http.StatusTooManyRequests, Header: tt.header, Body: []byte(tt.body)}
			srv := providertest.Replying(t, expectRequest("/api/v3/domains/evil.example"), reply)
			_, err := newProvider(srv.URL, nil).Lookup(context.Background(), intel.Query{Type: ioc.Domain, Value: "evil.example"})
			providertest.ExpectRateLimit(t, err, tt.wait, tt.message)
			if srv.Hits() != 1 {
				t.Errorf("%d requests, want 1", srv.Hits())
			}
		})
	}
}

func TestRefusesWithoutAsking(t *testing.T) {
	srv := providertest.Replying(t, nil, providertest.Reply{Status: http.StatusOK})
	tests := []struct {
		name string
		p    *virustotal.Provider
		q    intel.Query
		kind intel.ErrorKind
	}{
		{"unsupported type", virustotal.New(intel.NewSecret(providertest.FakeKey), srv.URL, nil), intel.Query{Type: ioc.Email, Value: "a@b.example"}, intel.ErrBadRequest},
		{"no key", virustotal.New(intel.Secret{}, srv.URL, nil), intel.Query{Type: ioc.IPv4, Value: "8.8.8.8"}, intel.ErrBadKey},
		{"key with a newline", virustotal.New(intel.NewSecret(providertest.FakeKey+"\n"), srv.URL, nil), intel.Query{Type: ioc.IPv4, Value: "8.8.8.8"}, intel.ErrBadKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.p.Lookup(context.Background(), tt.q)
			e, ok := err.(*intel.LookupError)
			if !ok || e.Kind != tt.kind {
				t.Fatalf("err = %v, want kind %d", err, tt.kind)
			}
			providertest.AssertNoKey(t, err.Error())
		})
	}
	if srv.Hits() != 0 {
		t.Errorf("%d requests sent, want none", srv.Hits())
	}
}

func TestIdentity(t *testing.T) {
	p := virustotal.New(intel.Secret{}, "", nil)
	if p.Name() != "virustotal" || p.Title() != "VirusTotal" || p.Configured() {
		t.Errorf("Name %q Title %q Configured %v", p.Name(), p.Title(), p.Configured())
	}
	if !virustotal.New(intel.NewSecret("k"), "", nil).Configured() {
		t.Error("a provider with a key is not configured")
	}
	for _, typ := range ioc.AllTypes() {
		want := map[ioc.Type]bool{ioc.IPv4: true, ioc.IPv6: true, ioc.Domain: true, ioc.URL: true,
			ioc.MD5: true, ioc.SHA1: true, ioc.SHA256: true}[typ]
		if got := p.Accepts(typ); got != want {
			t.Errorf("Accepts(%s) = %v, want %v", typ, got, want)
		}
	}
}
