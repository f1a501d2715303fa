package greynoise

import (
	"net/url"
	"strings"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

// GreyNoise's classifications.
const (
	ClassMalicious = "malicious"
	ClassBenign    = "benign"
	ClassUnknown   = "unknown"
)

// answer is the Community API's body, for 200 and 404 alike.
type answer struct {
	Noise          *bool  `json:"noise"`
	RIOT           *bool  `json:"riot"`
	Classification string `json:"classification"`
	Name           string `json:"name"`
	LastSeen       string `json:"last_seen"`
}

func parse(q intel.Query, resp *intel.Response) (intel.Result, error) {
	var a answer
	if err := intel.DecodeJSON(resp, &a); err != nil {
		return intel.Result{}, err
	}
	if a.Noise == nil || a.RIOT == nil {
		return intel.Result{}, intel.Malformed(resp, "noise or riot field")
	}
	res := intel.Result{
		Kind:     "result",
		IOC:      q,
		Provider: Name,
		Verdict:  a.verdict(),
		Summary:  a.summary(),
		Link:     vizBase + "/ip/" + url.PathEscape(q.Value),
	}
	if !*a.Noise && !*a.RIOT {
		return res, nil
	}
	if *a.RIOT {
		res.Link = vizBase + "/riot/" + url.PathEscape(q.Value)
	}
	res.Details = map[string]any{
		"noise": *a.Noise,
		"riot":  *a.RIOT,
	}
	for k, v := range map[string]string{"classification": a.Classification, "name": a.Name, "last_seen": a.LastSeen} {
		if v != "" {
			res.Details[k] = v
		}
	}
	if a.benignService() {
		res.Details[intel.DetailBenignService] = true
	}
	return res, nil
}

func (a answer) benignService() bool { return *a.RIOT || a.Classification == ClassBenign }

func (a answer) verdict() intel.Verdict {
	switch {
	case a.Classification == ClassMalicious:
		return intel.Malicious
	case a.benignService():
		return intel.Harmless
	case *a.Noise:
		return intel.Suspicious
	}
	return intel.Unknown
}

// summary reads "scanner, malicious, last seen 2021-03-18" or "business
// service Cloudflare Public DNS, benign, last seen 2023-02-18".
func (a answer) summary() string {
	var what string
	switch {
	case *a.Noise && *a.RIOT:
		what = "scanner and business service"
	case *a.Noise:
		what = "scanner"
	case *a.RIOT:
		what = "business service"
	default:
		return "not seen by GreyNoise"
	}
	if a.Name != "" && a.Name != ClassUnknown {
		what += " " + a.Name
	}
	parts := []string{what}
	if a.Classification != "" {
		parts = append(parts, a.Classification)
	}
	if a.LastSeen != "" {
		parts = append(parts, "last seen "+a.LastSeen)
	}
	return strings.Join(parts, ", ")
}
