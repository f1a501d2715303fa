// Package greynoise looks IPv4 addresses up in the GreyNoise Community API
// (v3): is the address mass-scanning the internet ("noise"), or is it a
// known business service ("RIOT")?
//
// The verdict:
//
//   - malicious: GreyNoise classifies the address as malicious;
//   - harmless: it is a known business service (RIOT) or classified benign;
//     Details["benign_service"] is then true, so the consolidated verdict
//     can discount other providers' weaker signals;
//   - suspicious: it scans the internet (noise) with an unknown intent;
//   - unknown: GreyNoise has not seen it (its 404 answer with a body).
//
// The API answers without a key, within a small daily quota shared by
// everyone behind the same address; this program still asks for a key so
// that quota is the analyst's own.
package greynoise

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// Identity and addresses of the service.
const (
	Name           = "greynoise"
	Title          = "GreyNoise"
	DefaultBaseURL = "https://api.greynoise.io"
	vizBase        = "https://viz.greynoise.io"
	keyHeader      = "key"
)

// Provider is a GreyNoise Community client; it is safe for concurrent use.
type Provider struct{ api intel.Endpoint }

// New returns a GreyNoise provider that authenticates with key. An empty
// baseURL means DefaultBaseURL; a nil client means intel.NewHTTPClient().
func New(key intel.Secret, baseURL string, client *http.Client) *Provider {
	return &Provider{api: intel.NewEndpoint(key, baseURL, DefaultBaseURL, client)}
}

// Name implements intel.Provider.
func (*Provider) Name() string { return Name }

// Title implements intel.Provider.
func (*Provider) Title() string { return Title }

// Configured implements intel.Provider: a key is required (see the package
// documentation).
func (p *Provider) Configured() bool { return !p.api.Key.Empty() }

// Accepts implements intel.Provider: the Community API knows IPv4 only.
func (*Provider) Accepts(t ioc.Type) bool { return t == ioc.IPv4 }

// Lookup implements intel.Provider. Without a key the request goes out
// unauthenticated, which the API allows.
func (p *Provider) Lookup(ctx context.Context, q intel.Query) (intel.Result, error) {
	if q.Type != ioc.IPv4 || q.Value == "" {
		return intel.Result{}, intel.Errorf(intel.ErrBadRequest, 0, "%s cannot look up %s indicators", Title, q.Type)
	}
	resp, err := p.api.Get(ctx, "/v3/community/"+url.PathEscape(q.Value), keyHeader)
	if err != nil {
		return intel.Result{}, err
	}
	switch resp.Status {
	case http.StatusOK, http.StatusNotFound:
		// A 404 is GreyNoise's "not seen", with the same body shape.
		return parse(q, resp)
	case http.StatusTooManyRequests:
		return intel.Result{}, rateLimited(resp, p.api.Now())
	}
	return intel.Result{}, intel.UnexpectedAnswer(Title, resp)
}

// rateLimited words GreyNoise's 429, which sends no Retry-After. Its body
// says which quota ran out; the Community API's is daily ("You have hit
// your daily rate limit of 100 requests per day", "100-lookups/day"), and
// asking again before 00:00 UTC only earns more refusals, so that one waits
// for the reset. Any other 429 is retried as usual, and a Retry-After, should
// GreyNoise ever send one, is believed over the body.
func rateLimited(resp *intel.Response, now time.Time) *intel.LookupError {
	e := intel.StatusErrorAt(Title, resp, now)
	if e.RetryAfter > 0 {
		return e
	}
	var body struct {
		Limit   string `json:"rate-limit"`
		Message string `json:"message"`
	}
	if intel.DecodeJSON(resp, &body) != nil {
		return e
	}
	// Read together, a message naming another window as well makes the
	// quota uncertain, and an uncertain one is retried.
	daily := intel.NamesDailyQuota(body.Message + " " + body.Limit)
	switch {
	case daily && quotaName(body.Limit):
		e = intel.DailyQuotaExhausted(resp.Status, now)
		e.Message = "daily quota (" + body.Limit + ") used up, retry after 00:00 UTC"
	case daily:
		e = intel.DailyQuotaExhausted(resp.Status, now)
	case quotaName(body.Limit):
		e.Message = "rate limited (" + body.Limit + ")"
	}
	return e
}

// quotaName accepts only a short plain quota text, since it is echoed to
// the analyst.
func quotaName(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, c := range s {
		plain := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-/ ", c)
		if !plain {
			return false
		}
	}
	return true
}

// Ensure Provider satisfies the interface the orchestrator uses.
var _ intel.Provider = (*Provider)(nil)
