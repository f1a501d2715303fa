package main

import (
	"fmt"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers"
	"github.com/oneshot-ioc/oneshot-ioc/internal/web"
)

// newOrchestrator reads the provider configuration from the environment and
// the .env file and prepares every provider.
func (c *cli) newOrchestrator() (*intel.Orchestrator, []intel.Provider, error) {
	cfg, err := intel.LoadConfig(c.env.getenv, c.env.dotenv)
	if err != nil {
		return nil, nil, fmt.Errorf("configuration: %w", err)
	}
	provs := providers.Build(cfg, intel.NewHTTPClient())
	return intel.NewOrchestrator(cfg, provs, intel.Options{}), provs, nil
}

// newEnricher returns the page's enrichment, or nil when offline: then no
// configuration is read and no provider exists that could connect anywhere.
func (c *cli) newEnricher(offline bool) (web.Enricher, error) {
	if offline {
		return nil, nil
	}
	o, _, err := c.newOrchestrator()
	if err != nil {
		return nil, err
	}
	return o, nil
}
