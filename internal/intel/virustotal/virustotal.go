// Package virustotal looks indicators up in the VirusTotal API v3: IP
// addresses, domains, URLs and file hashes (MD5, SHA-1, SHA-256).
//
// The verdict comes from last_analysis_stats, the engines' categories in
// VirusTotal's latest analysis:
//
//   - malicious: at least MaliciousEngines (3) engines say malicious;
//   - suspicious: one or two engines say malicious, or any engine says
//     suspicious;
//   - harmless: engines answered and none of them flagged it;
//   - unknown: VirusTotal has never seen it (404 NotFoundError) or no engine
//     has analysed it yet.
//
// Engines that timed out, failed or do not support the file type count in
// neither the flags nor the total: "44/73 engines" counts only engines that
// gave a judgement.
package virustotal

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// Identity and addresses of the service.
const (
	Name           = "virustotal"
	Title          = "VirusTotal"
	DefaultBaseURL = "https://www.virustotal.com/api/v3"
	guiBase        = "https://www.virustotal.com/gui"
	keyHeader      = "x-apikey"
)

// Provider is a VirusTotal client; it is safe for concurrent use.
type Provider struct{ api intel.Endpoint }

// New returns a VirusTotal provider that authenticates with key. An empty
// baseURL means DefaultBaseURL; a nil client means intel.NewHTTPClient().
func New(key intel.Secret, baseURL string, client *http.Client) *Provider {
	return &Provider{api: intel.NewEndpoint(key, baseURL, DefaultBaseURL, client)}
}

// Name implements intel.Provider.
func (*Provider) Name() string { return Name }

// Title implements intel.Provider.
func (*Provider) Title() string { return Title }

// Configured implements intel.Provider: VirusTotal needs a key.
func (p *Provider) Configured() bool { return !p.api.Key.Empty() }

// Accepts implements intel.Provider.
func (*Provider) Accepts(t ioc.Type) bool {
	switch t {
	case ioc.IPv4, ioc.IPv6, ioc.Domain, ioc.URL, ioc.MD5, ioc.SHA1, ioc.SHA256:
		return true
	}
	return false
}

// target is where one indicator lives in the API and in the web interface.
type target struct {
	path string // under the base URL
	gui  string // the analyst's page
}

func locate(q intel.Query) (target, bool) {
	v := q.Value
	switch q.Type {
	case ioc.IPv4, ioc.IPv6:
		return target{"/ip_addresses/" + url.PathEscape(v), guiBase + "/ip-address/" + url.PathEscape(v)}, true
	case ioc.Domain:
		return target{"/domains/" + url.PathEscape(v), guiBase + "/domain/" + url.PathEscape(v)}, true
	case ioc.URL:
		// VirusTotal canonicalizes a URL sent as unpadded base64url itself;
		// its own SHA-256 id would need its canonicalization rules.
		id := base64.RawURLEncoding.EncodeToString([]byte(v))
		return target{"/urls/" + id, guiBase + "/url/" + id}, true
	case ioc.MD5, ioc.SHA1, ioc.SHA256:
		h := strings.ToLower(v)
		return target{"/files/" + url.PathEscape(h), guiBase + "/file/" + url.PathEscape(h)}, true
	}
	return target{}, false
}

// Lookup implements intel.Provider.
func (p *Provider) Lookup(ctx context.Context, q intel.Query) (intel.Result, error) {
	tgt, ok := locate(q)
	if !ok || q.Value == "" {
		return intel.Result{}, intel.Errorf(intel.ErrBadRequest, 0, "%s cannot look up %s indicators", Title, q.Type)
	}
	if p.api.Key.Empty() {
		return intel.Result{}, intel.Errorf(intel.ErrBadKey, 0, "no API key configured")
	}
	resp, err := p.api.Get(ctx, tgt.path, keyHeader)
	if err != nil {
		return intel.Result{}, err
	}
	switch resp.Status {
	case http.StatusOK:
		return parseReport(q, tgt, resp)
	case http.StatusNotFound:
		return parseNotFound(q, tgt, resp)
	case http.StatusTooManyRequests:
		return intel.Result{}, rateLimited(resp, p.api.Now())
	}
	return intel.Result{}, intel.UnexpectedAnswer(Title, resp)
}

// apiError is the body of every VirusTotal error.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// parseNotFound tells VirusTotal's "never seen" (NotFoundError) from a 404
// of something else, such as a wrong base URL.
func parseNotFound(q intel.Query, tgt target, resp *intel.Response) (intel.Result, error) {
	var body apiError
	if err := intel.DecodeJSON(resp, &body); err != nil || body.Error.Code != "NotFoundError" {
		return intel.Result{}, intel.Errorf(intel.ErrUpstream, resp.Status, "unexpected answer (HTTP %d)", resp.Status)
	}
	return intel.Result{
		Kind:     "result",
		IOC:      q,
		Provider: Name,
		Verdict:  intel.Unknown,
		Summary:  "not in VirusTotal",
		Link:     tgt.gui,
	}, nil
}

// rateLimited words VirusTotal's 429. QuotaExceededError covers the minute,
// daily and monthly quotas alike, and its usual message ("Quota exceeded")
// does not say which, so it is taken for the minute quota, the one a
// public key meets most, and retried within the orchestrator's budget as
// before; so is TooManyRequestsError. Only a message that names the daily
// quota alone waits for its reset at 00:00 UTC, since asking again before
// then only earns more refusals. A Retry-After is believed over the body.
func rateLimited(resp *intel.Response, now time.Time) *intel.LookupError {
	e := intel.StatusErrorAt(Title, resp, now)
	if e.RetryAfter > 0 {
		return e
	}
	var body apiError
	if intel.DecodeJSON(resp, &body) == nil && body.Error.Code == "QuotaExceededError" && intel.NamesDailyQuota(body.Error.Message) {
		return intel.DailyQuotaExhausted(resp.Status, now)
	}
	return e
}

// Ensure Provider satisfies the interface the orchestrator uses.
var _ intel.Provider = (*Provider)(nil)
