// Package internetdb looks IP addresses up in Shodan InternetDB, a keyless
// weekly snapshot of what Shodan's scanners saw: open ports, software
// (CPEs), known vulnerabilities (CVEs), tags and hostnames.
//
// InternetDB describes exposure, not reputation, so its verdict is only as
// strong as its tags:
//
//   - malicious: a tag from MaliciousTags (c2, malware, compromised,
//     doublepulsar);
//   - suspicious: a tag from SuspiciousTags (tor, proxy, scanner) or any
//     known vulnerability (CVE) on the host;
//   - unknown: otherwise — open ports alone say nothing about intent, and
//     a 404 ("No information available") means Shodan saw nothing.
package internetdb

import (
	"context"
	"net/http"
	"net/url"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// Identity and addresses of the service.
const (
	Name           = "internetdb"
	Title          = "Shodan InternetDB"
	DefaultBaseURL = "https://internetdb.shodan.io"
	guiBase        = "https://www.shodan.io/host/"
)

// Provider is an InternetDB client; it is safe for concurrent use.
type Provider struct{ api intel.Endpoint }

// New returns an InternetDB provider. InternetDB takes no key, so key is
// ignored; it is accepted so every provider is built the same way. An empty
// baseURL means DefaultBaseURL; a nil client means intel.NewHTTPClient().
func New(_ intel.Secret, baseURL string, client *http.Client) *Provider {
	return &Provider{api: intel.NewEndpoint(intel.Secret{}, baseURL, DefaultBaseURL, client)}
}

// Name implements intel.Provider.
func (*Provider) Name() string { return Name }

// Title implements intel.Provider.
func (*Provider) Title() string { return Title }

// Configured implements intel.Provider: InternetDB needs no key.
func (*Provider) Configured() bool { return true }

// Accepts implements intel.Provider.
func (*Provider) Accepts(t ioc.Type) bool { return t == ioc.IPv4 || t == ioc.IPv6 }

// Lookup implements intel.Provider.
func (p *Provider) Lookup(ctx context.Context, q intel.Query) (intel.Result, error) {
	if !p.Accepts(q.Type) || q.Value == "" {
		return intel.Result{}, intel.Errorf(intel.ErrBadRequest, 0, "%s cannot look up %s indicators", Title, q.Type)
	}
	resp, err := p.api.Get(ctx, "/"+url.PathEscape(q.Value), "")
	if err != nil {
		return intel.Result{}, err
	}
	switch resp.Status {
	case http.StatusOK:
		return parse(q, resp)
	case http.StatusNotFound:
		return parseNotFound(q, resp)
	}
	return intel.Result{}, intel.UnexpectedAnswer(Title, resp)
}

// parseNotFound accepts InternetDB's own 404, a JSON {"detail": …}, and
// nothing else: a 404 page from elsewhere means a wrong base URL.
func parseNotFound(q intel.Query, resp *intel.Response) (intel.Result, error) {
	var body struct {
		Detail *string `json:"detail"`
	}
	if err := intel.DecodeJSON(resp, &body); err != nil {
		return intel.Result{}, err
	}
	if body.Detail == nil {
		return intel.Result{}, intel.Malformed(resp, "detail")
	}
	return intel.Result{
		Kind:     "result",
		IOC:      q,
		Provider: Name,
		Verdict:  intel.Unknown,
		Summary:  "nothing seen by Shodan",
		Link:     guiBase + url.PathEscape(q.Value),
	}, nil
}

// Ensure Provider satisfies the interface the orchestrator uses.
var _ intel.Provider = (*Provider)(nil)
