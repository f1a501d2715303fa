// Package abuseipdb looks IP addresses up with the AbuseIPDB API v2 check
// endpoint: how many people reported the address for abuse recently, and
// how confident AbuseIPDB is that it is abusive (0–100 %).
//
// The verdict, over reports of the last MaxAgeInDays (90) days:
//
//   - harmless: AbuseIPDB allow-lists the address (isWhitelisted);
//     Details["benign_service"] is then true;
//   - unknown: nobody reported it (AbuseIPDB answers 200 with zeros);
//   - malicious: abuse confidence score of at least MaliciousScore (75 %);
//   - suspicious: score of at least SuspiciousScore (25 %);
//   - harmless: reported, but with a score below SuspiciousScore.
package abuseipdb

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// Identity and addresses of the service.
const (
	Name           = "abuseipdb"
	Title          = "AbuseIPDB"
	DefaultBaseURL = "https://api.abuseipdb.com/api/v2"
	guiBase        = "https://www.abuseipdb.com/check/"
	keyHeader      = "Key"
)

// Verdict thresholds.
const (
	// MaxAgeInDays is how far back reports count; the API's own default
	// (30) misses slow, persistent abusers.
	MaxAgeInDays = 90
	// MaliciousScore is the abuse confidence score, in percent, from which
	// an address is malicious.
	MaliciousScore = 75
	// SuspiciousScore is the score from which an address is suspicious.
	SuspiciousScore = 25
)

// Provider is an AbuseIPDB client; it is safe for concurrent use.
type Provider struct{ api intel.Endpoint }

// New returns an AbuseIPDB provider that authenticates with key. An empty
// baseURL means DefaultBaseURL; a nil client means intel.NewHTTPClient().
func New(key intel.Secret, baseURL string, client *http.Client) *Provider {
	return &Provider{api: intel.NewEndpoint(key, baseURL, DefaultBaseURL, client)}
}

// Name implements intel.Provider.
func (*Provider) Name() string { return Name }

// Title implements intel.Provider.
func (*Provider) Title() string { return Title }

// Configured implements intel.Provider: AbuseIPDB needs a key.
func (p *Provider) Configured() bool { return !p.api.Key.Empty() }

// Accepts implements intel.Provider.
func (*Provider) Accepts(t ioc.Type) bool { return t == ioc.IPv4 || t == ioc.IPv6 }

// Lookup implements intel.Provider.
func (p *Provider) Lookup(ctx context.Context, q intel.Query) (intel.Result, error) {
	if !p.Accepts(q.Type) || q.Value == "" {
		return intel.Result{}, intel.Errorf(intel.ErrBadRequest, 0, "%s cannot look up %s indicators", Title, q.Type)
	}
	if p.api.Key.Empty() {
		return intel.Result{}, intel.Errorf(intel.ErrBadKey, 0, "no API key configured")
	}
	query := url.Values{
		"ipAddress":    {q.Value},
		"maxAgeInDays": {strconv.Itoa(MaxAgeInDays)},
	}
	resp, err := p.api.Get(ctx, "/check?"+query.Encode(), keyHeader)
	if err != nil {
		return intel.Result{}, err
	}
	if resp.Status == http.StatusOK {
		return parse(q, resp)
	}
	return intel.Result{}, intel.UnexpectedAnswer(Title, resp)
}

// Ensure Provider satisfies the interface the orchestrator uses.
var _ intel.Provider = (*Provider)(nil)
