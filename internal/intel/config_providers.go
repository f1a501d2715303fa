package intel

import "time"

// ProviderInfo describes one provider this program knows how to configure.
type ProviderInfo struct {
	Name           string // identifier, as in --providers: "virustotal"
	Title          string // shown to people: "VirusTotal"
	EnvPrefix      string // "VT": VT_API_KEY, VT_BASE_URL, VT_RATE_LIMIT
	KeyEnv         string // "VT_API_KEY"; empty for a keyless provider
	NeedsKey       bool
	DefaultBaseURL string
	// DefaultRates is the provider's free tier, or a conservative guess
	// where the provider publishes none.
	DefaultRates []Rate
	// Concurrency bounds the lookups in flight at once.
	Concurrency int
}

const day = 24 * time.Hour

// knownProviders is the table behind KnownProviders, in display order.
// Rates follow the free tiers documented by each provider:
//   - VirusTotal public API: 4 requests a minute and 500 a day.
//   - GreyNoise Community: 100 lookups a day without an account, far less
//     published for free accounts, so 100/day and no bursts above 10/min.
//   - AbuseIPDB Standard: 1,000 checks a day.
//   - Shodan InternetDB has no quota but bans an address for an hour after
//     some 600 requests in quick succession, so it gets short bursts (a
//     paste of a dozen addresses answers in seconds) and one request a
//     second sustained.
var knownProviders = []ProviderInfo{
	{
		Name: "virustotal", Title: "VirusTotal", EnvPrefix: "VT", KeyEnv: "VT_API_KEY", NeedsKey: true,
		DefaultBaseURL: "https://www.virustotal.com/api/v3",
		DefaultRates:   []Rate{{4, time.Minute}, {500, day}},
		Concurrency:    4,
	},
	{
		Name: "greynoise", Title: "GreyNoise", EnvPrefix: "GREYNOISE", KeyEnv: "GREYNOISE_API_KEY", NeedsKey: true,
		DefaultBaseURL: "https://api.greynoise.io",
		DefaultRates:   []Rate{{10, time.Minute}, {100, day}},
		Concurrency:    4,
	},
	{
		Name: "abuseipdb", Title: "AbuseIPDB", EnvPrefix: "ABUSEIPDB", KeyEnv: "ABUSEIPDB_API_KEY", NeedsKey: true,
		DefaultBaseURL: "https://api.abuseipdb.com/api/v2",
		DefaultRates:   []Rate{{1000, day}},
		Concurrency:    4,
	},
	{
		Name: "internetdb", Title: "Shodan InternetDB", EnvPrefix: "INTERNETDB",
		DefaultBaseURL: "https://internetdb.shodan.io",
		DefaultRates:   []Rate{{5, time.Second}, {60, time.Minute}},
		Concurrency:    4,
	},
}

// KnownProviders returns the providers this program can configure, in
// display order. The result is a copy; changing it changes nothing else.
func KnownProviders() []ProviderInfo {
	out := make([]ProviderInfo, len(knownProviders))
	for i, p := range knownProviders {
		p.DefaultRates = append([]Rate(nil), p.DefaultRates...)
		out[i] = p
	}
	return out
}

// knownProvider returns the table entry for name.
func knownProvider(name string) (ProviderInfo, bool) {
	for _, p := range knownProviders {
		if p.Name == name {
			return p, true
		}
	}
	return ProviderInfo{}, false
}
