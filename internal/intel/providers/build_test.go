package providers_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers/providertest"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

func TestBuildMatchesKnownProviders(t *testing.T) {
	built := providers.Build(intel.Config{}, nil)
	known := intel.KnownProviders()
	if len(built) != len(known) {
		t.Fatalf("built %d providers, %d are known", len(built), len(known))
	}
	for i, p := range built {
		k := known[i]
		if p.Name() != k.Name || p.Title() != k.Title {
			t.Errorf("provider %d is %s (%s), want %s (%s)", i, p.Name(), p.Title(), k.Name, k.Title)
		}
		if p.Configured() == k.NeedsKey {
			t.Errorf("%s: Configured() = %v without any key", p.Name(), p.Configured())
		}
	}
}

// TestBuildFromEnvironment reads keys and base URLs the way the program
// does and checks each provider asks its own server, with its own key.
func TestBuildFromEnvironment(t *testing.T) {
	keys := map[string]string{
		"virustotal": providertest.FakeKey + "-vt",
		"greynoise":  providertest.FakeKey + "-gn",
		"abuseipdb":  providertest.FakeKey + "-ab",
	}
	header := map[string]string{"virustotal": "x-apikey", "greynoise": "key", "abuseipdb": "Key"}
	answer := map[string]string{
		"virustotal": `{"data":{"id":"192.0.2.1","attributes":{"last_analysis_stats":{"malicious":5,"suspicious":0,"harmless":50,"undetected":30}}}}`,
		"greynoise":  `{"ip":"192.0.2.1","noise":true,"riot":false,"classification":"malicious","name":"unknown","last_seen":"2026-11-30"}`,
		"abuseipdb":  `{"data":{"ipAddress":"192.0.2.1","isWhitelisted":false,"abuseConfidenceScore":93,"totalReports":412,"usageType":"Data Center/Web Hosting/Transit"}}`,
		"internetdb": `{"cpes":[],"hostnames":[],"ip":"192.0.2.1","ports":[22,443],"tags":["c2"],"vulns":[]}`,
	}
	env := map[string]string{
		"VT_API_KEY":        keys["virustotal"],
		"GREYNOISE_API_KEY": keys["greynoise"],
		"ABUSEIPDB_API_KEY": keys["abuseipdb"],
	}
	prefix := map[string]string{"virustotal": "VT", "greynoise": "GREYNOISE", "abuseipdb": "ABUSEIPDB", "internetdb": "INTERNETDB"}
	for name, body := range answer {
		check := func(r *http.Request) string {
			if h := header[name]; h != "" && r.Header.Get(h) != keys[name] {
				return name + " was sent the wrong key"
			}
			for _, other := range keys {
				if other != keys[name] && (r.Header.Get("x-apikey") == other || r.Header.Get("key") == other) {
					return name + " was sent another provider's key"
				}
			}
			return ""
		}
		srv := providertest.Replying(t, check, providertest.Reply{Status: http.StatusOK, Body: []byte(body)})
		env[prefix[name]+"_BASE_URL"] = srv.URL
	}
	cfg, err := intel.LoadConfig(func(k string) string { return env[k] }, "")
	if err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	q := intel.Query{Type: ioc.IPv4, Value: "192.0.2.1"}
	for _, p := range providers.Build(cfg, intel.NewHTTPClient()) {
		if !p.Configured() {
			t.Errorf("%s is not configured", p.Name())
			continue
		}
		res, err := p.Lookup(context.Background(), q)
		if err != nil {
			t.Errorf("%s: %v", p.Name(), err)
			continue
		}
		if res.Verdict != intel.Malicious || res.Provider != p.Name() {
			t.Errorf("%s: %+v, want a malicious verdict of its own", p.Name(), res)
		}
		providertest.AssertNoKey(t, res, p, cfg)
	}
}
