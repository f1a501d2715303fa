package abuseipdb_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/abuseipdb"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers/providertest"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// expectRequest checks what the check endpoint requires: a GET of
// /api/v2/check with ipAddress and maxAgeInDays, the key in "Key" and
// Accept: application/json (without it AbuseIPDB answers HTML).
func expectRequest(ip string) providertest.RequestCheck {
	return func(r *http.Request) string {
		q := r.URL.Query()
		switch {
		case r.Method != http.MethodGet:
			return "method " + r.Method
		case r.URL.EscapedPath() != "/api/v2/check":
			return fmt.Sprintf("path %q", r.URL.EscapedPath())
		case q.Get("ipAddress") != ip || q.Get("maxAgeInDays") != "90" || len(q) != 2:
			return "query " + r.URL.RawQuery
		case r.Header.Get("Key") != providertest.FakeKey:
			return "Key header missing or wrong"
		case r.Header.Get("Accept") != "application/json":
			return "Accept " + r.Header.Get("Accept")
		}
		return ""
	}
}

func newProvider(baseURL string, client *http.Client) intel.Provider {
	return abuseipdb.New(intel.NewSecret(providertest.FakeKey), baseURL+"/api/v2", client)
}

// withData answers a check with the clean sample's fields changed.
func withData(score, reports int, whitelisted string, tor bool) providertest.Reply {
	body := fmt.Sprintf(`{"data":{"ipAddress":"198.51.100.24","isPublic":true,"ipVersion":4,"isWhitelisted":%s,`+
		`"abuseConfidenceScore":%d,"countryCode":"NL","usageType":"Fixed Line ISP","isp":"Example ISP","domain":"example.net",`+
		`"hostnames":[],"isTor":%t,"totalReports":%d,"numDistinctUsers":%d,"lastReportedAt":"2026-11-30T10:00:00+00:00"}}`,
		whitelisted, score, tor, reports, reports)
	return providertest.Reply{Status: http.StatusOK, Body: []byte(body)}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name    string
		ip      string
		reply   providertest.Reply
		verdict intel.Verdict
		summary string
		details map[string]any
	}{
		{
			name:    "reported many times",
			ip:      "1.1.1.1",
			reply:   providertest.JSON(t, http.StatusOK, "abuseipdb_check_200.json"),
			verdict: intel.Malicious,
			summary: "abuse score 100% from 567 reports, Data Center/Web Hosting/Transit",
			details: map[string]any{
				"abuse_score": 100, "total_reports": 567, "distinct_users": 123, "is_tor": false,
				"usage_type": "Data Center/Web Hosting/Transit", "isp": "Acme, Inc.", "domain": "example.com",
				"country": "US", "last_reported": "2018-12-20T20:55:14+00:00", "allow_listed": false,
			},
		},
		{
			name:    "verbose answer, one report",
			ip:      "118.25.6.39",
			reply:   providertest.JSON(t, http.StatusOK, "abuseipdb_check_200_verbose.json"),
			verdict: intel.Malicious,
			summary: "abuse score 100% from 1 report, Data Center/Web Hosting/Transit",
			details: map[string]any{
				"abuse_score": 100, "total_reports": 1, "distinct_users": 1, "is_tor": false,
				"usage_type": "Data Center/Web Hosting/Transit", "isp": "Tencent Cloud Computing (Beijing) Co. Ltd",
				"domain": "tencent.com", "country": "CN", "last_reported": "2018-12-20T20:55:14+00:00", "allow_listed": false,
			},
		},
		{
			name:    "no reports is a 200 with zeros",
			ip:      "198.51.100.24",
			reply:   providertest.JSON(t, http.StatusOK, "abuseipdb_check_200_clean.json"),
			verdict: intel.Unknown,
			summary: "no reports in the last 90 days, Business",
			details: map[string]any{
				"abuse_score": 0, "total_reports": 0, "distinct_users": 0, "is_tor": false,
				"usage_type": "Business", "isp": "Example ISP", "domain": "example.net", "country": "US", "allow_listed": false,
			},
		},
		{
			name:    "at the suspicious threshold, Tor",
			ip:      "198.51.100.24",
			reply:   withData(abuseipdb.SuspiciousScore, 4, "false", true),
			verdict: intel.Suspicious,
			summary: "abuse score 25% from 4 reports, Fixed Line ISP, Tor exit node",
			details: map[string]any{
				"abuse_score": 25, "total_reports": 4, "distinct_users": 4, "is_tor": true,
				"usage_type": "Fixed Line ISP", "isp": "Example ISP", "domain": "example.net", "country": "NL",
				"last_reported": "2026-11-30T10:00:00+00:00", "allow_listed": false,
			},
		},
		{
			name:    "just below the malicious threshold",
			ip:      "198.51.100.24",
			reply:   withData(abuseipdb.MaliciousScore-1, 30, "null", false),
			verdict: intel.Suspicious,
			summary: "abuse score 74% from 30 reports, Fixed Line ISP",
			details: map[string]any{
				"abuse_score": 74, "total_reports": 30, "distinct_users": 30, "is_tor": false,
				"usage_type": "Fixed Line ISP", "isp": "Example ISP", "domain": "example.net", "country": "NL",
				"last_reported": "2026-11-30T10:00:00+00:00",
			},
		},
		{
			name:    "reported with a low score",
			ip:      "198.51.100.24",
			reply:   withData(3, 2, "false", false),
			verdict: intel.Harmless,
			summary: "abuse score 3% from 2 reports, Fixed Line ISP",
			details: map[string]any{
				"abuse_score": 3, "total_reports": 2, "distinct_users": 2, "is_tor": false,
				"usage_type": "Fixed Line ISP", "isp": "Example ISP", "domain": "example.net", "country": "NL",
				"last_reported": "2026-11-30T10:00:00+00:00", "allow_listed": false,
			},
		},
		{
			name:    "allow-listed",
			ip:      "198.51.100.24",
			reply:   withData(0, 12, "true", false),
			verdict: intel.Harmless,
			summary: "allow-listed, abuse score 0% from 12 reports, Fixed Line ISP",
			details: map[string]any{
				"abuse_score": 0, "total_reports": 12, "distinct_users": 12, "is_tor": false,
				"usage_type": "Fixed Line ISP", "isp": "Example ISP", "domain": "example.net", "country": "NL",
				"last_reported": "2026-11-30T10:00:00+00:00", "allow_listed": true, "benign_service": true,
			},
		},
		{
			name:    "ipv6 is query-escaped",
			ip:      "2001:4860:4860::8888",
			reply:   providertest.JSON(t, http.StatusOK, "abuseipdb_check_200_clean.json"),
			verdict: intel.Unknown,
			summary: "no reports in the last 90 days, Business",
			details: map[string]any{
				"abuse_score": 0, "total_reports": 0, "distinct_users": 0, "is_tor": false,
				"usage_type": "Business", "isp": "Example ISP", "domain": "example.net", "country": "US", "allow_listed": false,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := providertest.Replying(t, expectRequest(tt.ip), tt.reply)
			p := newProvider(srv.URL, nil)
			typ := ioc.IPv4
			if tt.ip == "2001:4860:4860::8888" {
				typ = ioc.IPv6
			}
			providertest.ExpectResult(t, p, intel.Result{
				Kind: "result", IOC: intel.Query{Type: typ, Value: tt.ip}, Provider: "abuseipdb", Verdict: tt.verdict,
				Summary: tt.summary, Link: "https://www.abuseipdb.com/check/" + tt.ip, Details: tt.details,
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
			{Name: "bad key 401", Reply: providertest.JSON(t, http.StatusUnauthorized, "abuseipdb_401.json"), Kind: intel.ErrBadKey},
			{Name: "invalid ip 422", Reply: providertest.JSON(t, http.StatusUnprocessableEntity, "abuseipdb_422_ip.json"), Kind: intel.ErrBadRequest},
			{Name: "invalid max age 422", Reply: providertest.JSON(t, http.StatusUnprocessableEntity, "abuseipdb_422_maxage.json"), Kind: intel.ErrBadRequest},
			{
				Name: "daily limit 429",
				Reply: providertest.Reply{
					Status: http.StatusTooManyRequests,
					Header: http.Header{
						"Retry-After":           {"29241"},
						"X-Ratelimit-Limit":     {"1000"},
						"X-Ratelimit-Remaining": {"0"},
						"X-Ratelimit-Reset":     {"1545973200"},
					},
					Body: providertest.Sample(t, "abuseipdb_429.json"),
				},
				Kind:       intel.ErrRateLimited,
				RetryAfter: 29241 * time.Second,
				Message:    "rate limited, retry in 8h7m21s",
			},
			{Name: "server error 503", Reply: providertest.Reply{
				Status: http.StatusServiceUnavailable,
				Header: http.Header{"Content-Type": {"text/html"}},
				Body:   []byte("<html>maintenance</html>"),
			}, Kind: intel.ErrUpstream},
			{Name: "data without a score", Reply: providertest.Reply{
				Status: http.StatusOK,
				Body:   []byte(`{"data":{"ipAddress":"1.1.1.1","totalReports":3}}`),
			}, Kind: intel.ErrMalformed},
		},
	}.Run(t)
}

func TestIdentity(t *testing.T) {
	p := abuseipdb.New(intel.Secret{}, "", nil)
	if p.Name() != "abuseipdb" || p.Title() != "AbuseIPDB" || p.Configured() {
		t.Errorf("Name %q Title %q Configured %v", p.Name(), p.Title(), p.Configured())
	}
	for _, typ := range ioc.AllTypes() {
		if got := p.Accepts(typ); got != (typ == ioc.IPv4 || typ == ioc.IPv6) {
			t.Errorf("Accepts(%s) = %v", typ, got)
		}
	}
	_, err := p.Lookup(context.Background(), intel.Query{Type: ioc.IPv4, Value: "1.1.1.1"})
	if e, ok := err.(*intel.LookupError); !ok || e.Kind != intel.ErrBadKey {
		t.Errorf("lookup without a key: %v, want ErrBadKey", err)
	}
}
