// Package providers builds every threat-intelligence provider this program
// knows from the enrichment configuration.
package providers

import (
	"net/http"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/abuseipdb"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/greynoise"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/internetdb"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/virustotal"
)

// constructor is the New function every provider package has.
type constructor func(key intel.Secret, baseURL string, client *http.Client) intel.Provider

// all lists the providers in display order, as intel.KnownProviders does.
var all = []struct {
	name string
	new  constructor
}{
	{virustotal.Name, func(k intel.Secret, u string, c *http.Client) intel.Provider { return virustotal.New(k, u, c) }},
	{greynoise.Name, func(k intel.Secret, u string, c *http.Client) intel.Provider { return greynoise.New(k, u, c) }},
	{abuseipdb.Name, func(k intel.Secret, u string, c *http.Client) intel.Provider { return abuseipdb.New(k, u, c) }},
	{internetdb.Name, func(k intel.Secret, u string, c *http.Client) intel.Provider { return internetdb.New(k, u, c) }},
}

// Build returns every provider, configured from cfg.Providers by name (key
// and base URL), all sharing client; a nil client means
// intel.NewHTTPClient(). Providers without a key are returned too, so the
// analyst learns they were skipped as not configured. Build makes no
// connection; the orchestrator enforces cfg.Offline.
func Build(cfg intel.Config, client *http.Client) []intel.Provider {
	if client == nil {
		client = intel.NewHTTPClient()
	}
	out := make([]intel.Provider, 0, len(all))
	for _, p := range all {
		pc := cfg.Providers[p.name]
		out = append(out, p.new(pc.Key, pc.BaseURL, client))
	}
	return out
}
