package internetdb_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/internetdb"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers/providertest"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// expectRequest checks what InternetDB requires: a GET of /{ip} and no
// credentials of any kind.
func expectRequest(ip string) providertest.RequestCheck {
	return func(r *http.Request) string {
		switch {
		case r.Method != http.MethodGet:
			return "method " + r.Method
		case r.URL.EscapedPath() != "/"+ip:
			return fmt.Sprintf("path %q", r.URL.EscapedPath())
		case r.URL.RawQuery != "":
			return "unexpected query " + r.URL.RawQuery
		case r.Header.Get("Authorization") != "" || r.Header.Get("key") != "" || r.Header.Get("x-apikey") != "":
			return "a credential was sent to a keyless service"
		}
		return ""
	}
}

func newProvider(baseURL string, client *http.Client) intel.Provider {
	return internetdb.New(intel.NewSecret(providertest.FakeKey), baseURL, client)
}

func reply(body string) providertest.Reply {
	return providertest.Reply{Status: http.StatusOK, Body: []byte(body)}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name    string
		q       intel.Query
		reply   providertest.Reply
		verdict intel.Verdict
		summary string
		details map[string]any
	}{
		{
			name:    "open ports only",
			q:       intel.Query{Type: ioc.IPv4, Value: "1.1.1.1"},
			reply:   providertest.JSON(t, http.StatusOK, "internetdb_200.json"),
			verdict: intel.Unknown,
			summary: "ports 53, 443",
			details: map[string]any{"ports": []int{53, 443}, "hostnames": []string{"one.one.one.one"}},
		},
		{
			name:    "software and a harmless tag",
			q:       intel.Query{Type: ioc.IPv4, Value: "160.20.109.75"},
			reply:   providertest.JSON(t, http.StatusOK, "internetdb_200_rich.json"),
			verdict: intel.Unknown,
			summary: "ports 22, 80; tags eol-product",
			details: map[string]any{
				"ports": []int{22, 80}, "tags": []string{"eol-product"},
				"cpes": []string{"cpe:/a:f5:nginx:1.24.0", "cpe:/a:openbsd:openssh:9.6p1"},
			},
		},
		{
			name:    "known vulnerability",
			q:       intel.Query{Type: ioc.IPv4, Value: "203.0.113.7"},
			reply:   reply(`{"cpes":[],"hostnames":[],"ip":"203.0.113.7","ports":[22,443],"tags":[],"vulns":["CVE-2023-38408"]}`),
			verdict: intel.Suspicious,
			summary: "ports 22, 443; CVE-2023-38408",
			details: map[string]any{"ports": []int{22, 443}, "vulns": []string{"CVE-2023-38408"}},
		},
		{
			name:    "command and control tag",
			q:       intel.Query{Type: ioc.IPv4, Value: "203.0.113.8"},
			reply:   reply(`{"cpes":[],"hostnames":[],"ip":"203.0.113.8","ports":[8443],"tags":["C2","self-signed"],"vulns":[]}`),
			verdict: intel.Malicious,
			summary: "ports 8443; tags C2, self-signed",
			details: map[string]any{"ports": []int{8443}, "tags": []string{"C2", "self-signed"}},
		},
		{
			name:    "tor tag",
			q:       intel.Query{Type: ioc.IPv4, Value: "203.0.113.9"},
			reply:   reply(`{"cpes":[],"hostnames":[],"ip":"203.0.113.9","ports":[9001],"tags":["tor"],"vulns":[]}`),
			verdict: intel.Suspicious,
			summary: "ports 9001; tags tor",
			details: map[string]any{"ports": []int{9001}, "tags": []string{"tor"}},
		},
		{
			name:    "scanner tag",
			q:       intel.Query{Type: ioc.IPv4, Value: "203.0.113.12"},
			reply:   reply(`{"cpes":[],"hostnames":[],"ip":"203.0.113.12","ports":[],"tags":["scanner"],"vulns":[]}`),
			verdict: intel.Suspicious,
			summary: "tags scanner",
			details: map[string]any{"tags": []string{"scanner"}},
		},
		{
			name: "long lists are shortened",
			q:    intel.Query{Type: ioc.IPv6, Value: "2001:db8::5"},
			reply: reply(`{"cpes":[],"hostnames":[],"ip":"2001:db8::5","ports":[21,22,25,53,80,110,143,443,993,995],` +
				`"tags":[],"vulns":["CVE-2021-1","CVE-2021-2","CVE-2021-3","CVE-2021-4"]}`),
			verdict: intel.Suspicious,
			summary: "ports 21, 22, 25, 53, 80, 110, 143, 443 and 2 more; CVE-2021-1, CVE-2021-2, CVE-2021-3 and 1 more",
			details: map[string]any{
				"ports": []int{21, 22, 25, 53, 80, 110, 143, 443, 993, 995},
				"vulns": []string{"CVE-2021-1", "CVE-2021-2", "CVE-2021-3", "CVE-2021-4"},
			},
		},
		{
			name:    "known but empty",
			q:       intel.Query{Type: ioc.IPv4, Value: "203.0.113.10"},
			reply:   reply(`{"cpes":[],"hostnames":[],"ip":"203.0.113.10","ports":[],"tags":[],"vulns":[]}`),
			verdict: intel.Unknown,
			summary: "no open ports seen",
			details: map[string]any{},
		},
		{
			name:    "no information is its 404",
			q:       intel.Query{Type: ioc.IPv4, Value: "203.0.113.11"},
			reply:   providertest.JSON(t, http.StatusNotFound, "internetdb_404.json"),
			verdict: intel.Unknown,
			summary: "nothing seen by Shodan",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := providertest.Replying(t, expectRequest(tt.q.Value), tt.reply)
			p := newProvider(srv.URL, nil)
			providertest.ExpectResult(t, p, intel.Result{
				Kind: "result", IOC: tt.q, Provider: "internetdb", Verdict: tt.verdict,
				Summary: tt.summary, Link: "https://www.shodan.io/host/" + tt.q.Value, Details: tt.details,
			})
		})
	}
}

func TestFailures(t *testing.T) {
	providertest.Suite{
		New:   newProvider,
		Query: intel.Query{Type: ioc.IPv4, Value: "1.1.1.1"},
		Check: expectRequest("1.1.1.1"),
		Failures: []providertest.Failure{
			{Name: "rate limited 429", Reply: providertest.JSON(t, http.StatusTooManyRequests, "internetdb_429.json"), Kind: intel.ErrRateLimited},
			{
				Name: "cloudflare ban with Retry-After",
				Reply: providertest.Reply{
					Status: http.StatusTooManyRequests,
					Header: http.Header{"Retry-After": {"3600"}},
					Body:   providertest.Sample(t, "internetdb_429.json"),
				},
				Kind:       intel.ErrRateLimited,
				RetryAfter: time.Hour,
				Message:    "rate limited, retry in 1h",
			},
			{Name: "invalid address 422", Reply: providertest.Reply{
				Status: http.StatusUnprocessableEntity,
				Body:   []byte(`{"detail":"Invalid IP address"}`),
			}, Kind: intel.ErrBadRequest},
			{Name: "404 that is not InternetDB's", Reply: providertest.Reply{
				Status: http.StatusNotFound,
				Header: http.Header{"Content-Type": {"text/html"}},
				Body:   []byte("<h1>404</h1>"),
			}, Kind: intel.ErrMalformed},
			{Name: "ports of the wrong type", Reply: reply(`{"ip":"1.1.1.1","ports":["22"]}`), Kind: intel.ErrMalformed},
		},
	}.Run(t)
}

func TestIdentity(t *testing.T) {
	p := internetdb.New(intel.Secret{}, "", nil)
	if p.Name() != "internetdb" || p.Title() != "Shodan InternetDB" || !p.Configured() {
		t.Errorf("Name %q Title %q Configured %v", p.Name(), p.Title(), p.Configured())
	}
	for _, typ := range ioc.AllTypes() {
		if got := p.Accepts(typ); got != (typ == ioc.IPv4 || typ == ioc.IPv6) {
			t.Errorf("Accepts(%s) = %v", typ, got)
		}
	}
}
