package greynoise_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/greynoise"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers/providertest"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// expectRequest checks what the Community API requires: a GET of
// /v3/community/{ip} with the key in the "key" header.
func expectRequest(ip string, key string) providertest.RequestCheck {
	return func(r *http.Request) string {
		switch {
		case r.Method != http.MethodGet:
			return "method " + r.Method
		case r.URL.EscapedPath() != "/v3/community/"+ip:
			return fmt.Sprintf("path %q", r.URL.EscapedPath())
		case r.URL.RawQuery != "":
			return "unexpected query " + r.URL.RawQuery
		case r.Header.Get("key") != key:
			return fmt.Sprintf("key header %q", r.Header.Get("key"))
		case r.Header.Get("Accept") != "application/json":
			return "Accept " + r.Header.Get("Accept")
		}
		return ""
	}
}

// testNow is the provider's time in every test: 14:00 UTC, ten hours before
// the daily quota resets.
var testNow = time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)

func newProvider(baseURL string, client *http.Client) intel.Provider {
	return newProviderAt(baseURL, client, testNow)
}

func newProviderAt(baseURL string, client *http.Client, now time.Time) *greynoise.Provider {
	p := greynoise.New(intel.NewSecret(providertest.FakeKey), baseURL, client)
	greynoise.SetNow(p, func() time.Time { return now })
	return p
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name    string
		ip      string
		reply   providertest.Reply
		verdict intel.Verdict
		summary string
		link    string
		details map[string]any
	}{
		{
			name:    "malicious scanner",
			ip:      "51.91.185.74",
			reply:   providertest.JSON(t, http.StatusOK, "greynoise_community_200_noise.json"),
			verdict: intel.Malicious,
			summary: "scanner, malicious, last seen 2021-03-18",
			link:    "https://viz.greynoise.io/ip/51.91.185.74",
			details: map[string]any{"noise": true, "riot": false, "classification": "malicious", "name": "unknown", "last_seen": "2021-03-18"},
		},
		{
			name:    "benign business service",
			ip:      "1.1.1.1",
			reply:   providertest.JSON(t, http.StatusOK, "greynoise_community_200_riot.json"),
			verdict: intel.Harmless,
			summary: "business service Cloudflare Public DNS, benign, last seen 2023-02-18",
			link:    "https://viz.greynoise.io/riot/1.1.1.1",
			details: map[string]any{
				"noise": false, "riot": true, "classification": "benign", "name": "Cloudflare Public DNS",
				"last_seen": "2023-02-18", "benign_service": true,
			},
		},
		{
			name: "scanner of unknown intent",
			ip:   "203.0.113.9",
			reply: providertest.Reply{Status: http.StatusOK, Body: []byte(`{"ip":"203.0.113.9","noise":true,"riot":false,` +
				`"classification":"unknown","name":"unknown","link":"https://viz.greynoise.io/ip/203.0.113.9","last_seen":"2026-11-30","message":"Success"}`)},
			verdict: intel.Suspicious,
			summary: "scanner, unknown, last seen 2026-11-30",
			link:    "https://viz.greynoise.io/ip/203.0.113.9",
			details: map[string]any{"noise": true, "riot": false, "classification": "unknown", "name": "unknown", "last_seen": "2026-11-30"},
		},
		{
			name: "benign named scanner",
			ip:   "71.6.135.131",
			reply: providertest.Reply{Status: http.StatusOK, Body: []byte(`{"ip":"71.6.135.131","noise":true,"riot":false,` +
				`"classification":"benign","name":"Shodan.io","link":"https://viz.greynoise.io/ip/71.6.135.131","last_seen":"2026-11-30","message":"Success"}`)},
			verdict: intel.Harmless,
			summary: "scanner Shodan.io, benign, last seen 2026-11-30",
			link:    "https://viz.greynoise.io/ip/71.6.135.131",
			details: map[string]any{
				"noise": true, "riot": false, "classification": "benign", "name": "Shodan.io",
				"last_seen": "2026-11-30", "benign_service": true,
			},
		},
		{
			name:    "not seen, documented 404",
			ip:      "1.2.3.4",
			reply:   providertest.JSON(t, http.StatusNotFound, "greynoise_community_404_documented.json"),
			verdict: intel.Unknown,
			summary: "not seen by GreyNoise",
			link:    "https://viz.greynoise.io/ip/1.2.3.4",
		},
		{
			name:    "not seen, 404 as answered live",
			ip:      "8.8.8.8",
			reply:   providertest.JSON(t, http.StatusNotFound, "greynoise_community_404_live2026.json"),
			verdict: intel.Unknown,
			summary: "not seen by GreyNoise",
			link:    "https://viz.greynoise.io/ip/8.8.8.8",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := providertest.Replying(t, expectRequest(tt.ip, providertest.FakeKey), tt.reply)
			p := newProvider(srv.URL, nil)
			providertest.ExpectResult(t, p, intel.Result{
				Kind: "result", IOC: intel.Query{Type: ioc.IPv4, Value: tt.ip}, Provider: "greynoise", Verdict: tt.verdict,
				Summary: tt.summary, Link: tt.link, Details: tt.details,
			})
		})
	}
}

func TestFailures(t *testing.T) {
	providertest.Suite{
		New:   newProvider,
		Query: intel.Query{Type: ioc.IPv4, Value: "51.91.185.74"},
		Check: expectRequest("51.91.185.74", providertest.FakeKey),
		Failures: []providertest.Failure{
			{Name: "not routable 400", Reply: providertest.JSON(t, http.StatusBadRequest, "greynoise_community_400.json"), Kind: intel.ErrBadRequest},
			{Name: "bad key 401", Reply: providertest.Reply{Status: http.StatusUnauthorized, Body: []byte(`{"message":"Unauthorized"}`)}, Kind: intel.ErrBadKey},
			{Name: "bad key 403", Reply: providertest.Reply{Status: http.StatusForbidden, Body: []byte(`{"message":"Forbidden"}`)}, Kind: intel.ErrBadKey},
			{
				Name:       "daily quota 429",
				Reply:      providertest.JSON(t, http.StatusTooManyRequests, "greynoise_community_429.json"),
				Kind:       intel.ErrRateLimited,
				RetryAfter: 10 * time.Hour,
				Message:    "daily quota (100-lookups/day) used up, retry after 00:00 UTC",
			},
			{
				Name: "429 with Retry-After",
				Reply: providertest.Reply{
					Status: http.StatusTooManyRequests,
					Header: http.Header{"Retry-After": {"60"}},
					Body:   providertest.Sample(t, "greynoise_community_429.json"),
				},
				Kind:       intel.ErrRateLimited,
				RetryAfter: time.Minute,
				Message:    "rate limited, retry in 1m",
			},
			{Name: "server error 500", Reply: providertest.JSON(t, http.StatusInternalServerError, "greynoise_community_500.json"), Kind: intel.ErrUpstream},
			{Name: "404 without a body", Reply: providertest.Reply{
				Status: http.StatusNotFound,
				Header: http.Header{"Content-Type": {"text/plain"}},
				Body:   []byte("404 page not found"),
			}, Kind: intel.ErrMalformed},
		},
	}.Run(t)
}

// TestRateLimits: a 429 whose body says the daily quota is used up waits
// for the next 00:00 UTC, counted from the provider's clock; any other 429
// keeps no wait of its own, so the orchestrator backs off and retries.
func TestRateLimits(t *testing.T) {
	sample := providertest.Sample(t, "greynoise_community_429.json")
	tests := []struct {
		name    string
		now     time.Time
		header  http.Header
		body    string
		wait    time.Duration
		message string
	}{
		{
			name: "daily quota in the afternoon", now: testNow, body: string(sample),
			wait: 10 * time.Hour, message: "daily quota (100-lookups/day) used up, retry after 00:00 UTC",
		},
		{
			name: "daily quota half a minute before the reset", now: time.Date(2026, 12, 3, 23, 59, 30, 0, time.UTC), body: string(sample),
			wait: 30 * time.Second, message: "daily quota (100-lookups/day) used up, retry after 00:00 UTC",
		},
		{
			name: "daily quota at midnight itself", now: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), body: string(sample),
			wait: 24 * time.Hour, message: "daily quota (100-lookups/day) used up, retry after 00:00 UTC",
		},
		{
			name: "a fraction of a second rounds up", now: testNow.Add(500 * time.Millisecond), body: string(sample),
			wait: 10 * time.Hour, message: "daily quota (100-lookups/day) used up, retry after 00:00 UTC",
		},
		{
			name: "a clock in another zone counts to midnight UTC", now: time.Date(2026, 12, 3, 20, 0, 0, 0, time.FixedZone("UTC-5", -5*3600)), body: string(sample),
			wait: 23 * time.Hour, message: "daily quota (100-lookups/day) used up, retry after 00:00 UTC",
		},
		{
			name: "daily message without a quota name", now: testNow,
			body: `{"message":"You have hit your daily rate limit of 100 requests per day."}`,
			wait: 10 * time.Hour, message: "daily quota used up, retry after 00:00 UTC",
		},
		{
			name: "Retry-After is believed over the body", now: testNow, header: http.Header{"Retry-After": {"60"}}, body: string(sample),
			wait: time.Minute, message: "rate limited, retry in 1m",
		},
		{
			name: "v3 endpoint rate limit", now: testNow,
			body:    `{"message":"You've hit the rate limit for this endpoint."}`,
			message: "rate limited",
		},
		{
			name: "weekly quota", now: testNow,
			body:    `{"plan":"community","rate-limit":"50-lookups/week","message":"You have hit your weekly rate limit of 50 requests per week."}`,
			message: "rate limited (50-lookups/week)",
		},
		{
			name: "message names another window than the quota field", now: testNow,
			body:    `{"rate-limit":"100-lookups/day","message":"Too many requests per minute."}`,
			message: "rate limited (100-lookups/day)",
		},
		{
			name: "not json", now: testNow, header: http.Header{"Content-Type": {"text/plain"}}, body: "Too Many Requests",
			message: "rate limited",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reply := providertest.Reply{Status: http.StatusTooManyRequests, Header: tt.header, Body: []byte(tt.body)}
			srv := providertest.Replying(t, expectRequest("51.91.185.74", providertest.FakeKey), reply)
			p := newProviderAt(srv.URL, nil, tt.now)
			_, err := p.Lookup(context.Background(), intel.Query{Type: ioc.IPv4, Value: "51.91.185.74"})
			providertest.ExpectRateLimit(t, err, tt.wait, tt.message)
			if srv.Hits() != 1 {
				t.Errorf("%d requests, want 1", srv.Hits())
			}
		})
	}
}

func TestWithoutKeySendsNone(t *testing.T) {
	srv := providertest.Replying(t, expectRequest("1.1.1.1", ""), providertest.JSON(t, http.StatusOK, "greynoise_community_200_riot.json"))
	p := greynoise.New(intel.Secret{}, srv.URL, nil)
	if p.Configured() {
		t.Error("configured without a key")
	}
	if _, err := p.Lookup(context.Background(), intel.Query{Type: ioc.IPv4, Value: "1.1.1.1"}); err != nil {
		t.Fatalf("Lookup: %v", err)
	}
}

func TestAcceptsIPv4Only(t *testing.T) {
	p := greynoise.New(intel.NewSecret(providertest.FakeKey), "", nil)
	for _, typ := range ioc.AllTypes() {
		if got := p.Accepts(typ); got != (typ == ioc.IPv4) {
			t.Errorf("Accepts(%s) = %v", typ, got)
		}
	}
	_, err := p.Lookup(context.Background(), intel.Query{Type: ioc.IPv6, Value: "2001:db8::1"})
	if e, ok := err.(*intel.LookupError); !ok || e.Kind != intel.ErrBadRequest {
		t.Errorf("IPv6 lookup: %v, want ErrBadRequest", err)
	}
	if p.Name() != "greynoise" || p.Title() != "GreyNoise" || !p.Configured() {
		t.Errorf("Name %q Title %q Configured %v", p.Name(), p.Title(), p.Configured())
	}
}
