package internetdb

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

// MaliciousTags are the InternetDB tags that make an address malicious:
// Shodan saw a command-and-control server, malware, a compromised host or
// the DoublePulsar implant.
var MaliciousTags = []string{"c2", "malware", "compromised", "doublepulsar"}

// SuspiciousTags are the tags that make an address suspicious: an
// anonymizing relay or a host that scans others. So does any vulnerability.
var SuspiciousTags = []string{"tor", "proxy", "scanner"}

// Caps on what the summary and Details repeat.
const (
	summaryPorts = 8
	summaryVulns = 3
	detailItems  = 20
)

// answer is InternetDB's body for a known address.
type answer struct {
	IP        *string  `json:"ip"`
	Ports     []int    `json:"ports"`
	CPEs      []string `json:"cpes"`
	Vulns     []string `json:"vulns"`
	Tags      []string `json:"tags"`
	Hostnames []string `json:"hostnames"`
}

func parse(q intel.Query, resp *intel.Response) (intel.Result, error) {
	var a answer
	if err := intel.DecodeJSON(resp, &a); err != nil {
		return intel.Result{}, err
	}
	if a.IP == nil {
		return intel.Result{}, intel.Malformed(resp, "ip")
	}
	details := map[string]any{}
	if len(a.Ports) > 0 {
		details["ports"] = a.Ports[:min(len(a.Ports), detailItems)]
	}
	for k, v := range map[string][]string{"vulns": a.Vulns, "tags": a.Tags, "hostnames": a.Hostnames, "cpes": a.CPEs} {
		if len(v) > 0 {
			details[k] = v[:min(len(v), detailItems)]
		}
	}
	return intel.Result{
		Kind:     "result",
		IOC:      q,
		Provider: Name,
		Verdict:  a.verdict(),
		Summary:  a.summary(),
		Link:     guiBase + url.PathEscape(q.Value),
		Details:  details,
	}, nil
}

func (a answer) hasTag(set []string) bool {
	for _, t := range a.Tags {
		if slices.Contains(set, strings.ToLower(t)) {
			return true
		}
	}
	return false
}

func (a answer) verdict() intel.Verdict {
	switch {
	case a.hasTag(MaliciousTags):
		return intel.Malicious
	case a.hasTag(SuspiciousTags) || len(a.Vulns) > 0:
		return intel.Suspicious
	}
	return intel.Unknown
}

// summary reads "ports 22, 443; CVE-2023-38408; tags eol-product".
func (a answer) summary() string {
	var parts []string
	if len(a.Ports) > 0 {
		ports := make([]string, 0, summaryPorts)
		for _, p := range a.Ports[:min(len(a.Ports), summaryPorts)] {
			ports = append(ports, strconv.Itoa(p))
		}
		parts = append(parts, "ports "+strings.Join(ports, ", ")+more(len(a.Ports), summaryPorts))
	}
	if len(a.Vulns) > 0 {
		parts = append(parts, strings.Join(a.Vulns[:min(len(a.Vulns), summaryVulns)], ", ")+more(len(a.Vulns), summaryVulns))
	}
	if len(a.Tags) > 0 {
		parts = append(parts, "tags "+strings.Join(a.Tags, ", "))
	}
	if len(parts) == 0 {
		return "no open ports seen"
	}
	return strings.Join(parts, "; ")
}

// more says how many of n items a list capped at shown leaves out.
func more(n, shown int) string {
	if n <= shown {
		return ""
	}
	return fmt.Sprintf(" and %d more", n-shown)
}
