package greynoise_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
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

func newProvider(baseURL string, client *http.Client) intel.Provider {
	return greynoise.New(intel.NewSecret(providertest.FakeKey), baseURL, client)
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
			q := intel.Query{Type: ioc.IPv4, Value: tt.ip}
			got, err := p.Lookup(context.Background(), q)
			if err != nil {
				t.Fatalf("Lookup: %v", err)
			}
			want := intel.Result{
				Kind: "result", IOC: q, Provider: "greynoise", Verdict: tt.verdict,
				Summary: tt.summary, Link: tt.link, Details: tt.details,
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %#v\nwant %#v", got, want)
			}
			providertest.AssertNoKey(t, got, p)
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
				Name:    "daily quota 429",
				Reply:   providertest.JSON(t, http.StatusTooManyRequests, "greynoise_community_429.json"),
				Kind:    intel.ErrRateLimited,
				Message: "rate limited (100-lookups/day)",
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
