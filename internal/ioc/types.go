// Package ioc finds indicators of compromise in text: it refangs, scans,
// validates, normalizes, deduplicates and classifies them. It does no I/O.
package ioc

import (
	"fmt"
	"strings"
)

// Type names the kind of an indicator as it appears in every output.
type Type string

// The core indicator types.
const (
	IPv4   Type = "ipv4"
	IPv6   Type = "ipv6"
	Domain Type = "domain"
	URL    Type = "url"
	Email  Type = "email"
	MD5    Type = "md5"
	SHA1   Type = "sha1"
	SHA256 Type = "sha256"
	SHA512 Type = "sha512"
	CVE    Type = "cve"
)

// The further indicator types.
const (
	MitreAttack Type = "mitre_attack"
	BTC         Type = "btc"
	ETH         Type = "eth"
	XMR         Type = "xmr"
	ASN         Type = "asn"
	MAC         Type = "mac"
	Filename    Type = "filename"
	RegistryKey Type = "registry_key"
	Filepath    Type = "filepath"
	SSDeep      Type = "ssdeep"
	JARM        Type = "jarm"
)

// allTypes is every type in display order.
var allTypes = []Type{
	IPv4, IPv6, Domain, URL, Email, MD5, SHA1, SHA256, SHA512, CVE,
	MitreAttack, BTC, ETH, XMR, ASN, MAC, Filename, RegistryKey, Filepath, SSDeep, JARM,
}

// AllTypes returns every indicator type in display order.
func AllTypes() []Type {
	return append([]Type(nil), allTypes...)
}

// Known reports whether t is one of the indicator types.
func (t Type) Known() bool {
	for _, k := range allTypes {
		if k == t {
			return true
		}
	}
	return false
}

// ParseTypes reads a comma-separated list of type names such as "ipv4,url".
func ParseTypes(list string) ([]Type, error) {
	var out []Type
	for _, name := range strings.Split(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		t := Type(name)
		if !t.Known() {
			return nil, fmt.Errorf("unknown indicator type %q", name)
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no indicator type in %q", list)
	}
	return out, nil
}

// Classification tags.
const (
	TagPrivate       = "private"
	TagLoopback      = "loopback"
	TagLinkLocal     = "link-local"
	TagReserved      = "reserved"
	TagDocumentation = "documentation"
	TagMulticast     = "multicast"
	TagCGNAT         = "cgnat"
	TagOnion         = "onion"
	TagKnownBenign   = "known-benign"
	TagDerived       = "derived"
	TagInternalName  = "internal" // .local, .internal, .lan and similar names
)

// Indicator is one deduplicated indicator with everything known about where
// and how it appeared.
type Indicator struct {
	Type  Type   `json:"type"`
	Value string `json:"value"` // normalized form
	// Display is the Unicode form of an internationalized host, when it
	// differs from Value.
	Display  string   `json:"display,omitempty"`
	Raw      []string `json:"raw"`      // distinct forms seen, first few
	Defanged bool     `json:"defanged"` // some occurrence was obfuscated
	Count    int      `json:"count"`    // exact number of occurrences
	Offsets  []int64  `json:"offsets"`  // byte offsets of the first occurrences
	Tags     []string `json:"tags"`
}

// Stats summarizes one extraction.
type Stats struct {
	Bytes       int64        `json:"bytes"`       // input bytes read
	Indicators  int          `json:"indicators"`  // distinct indicators
	Occurrences int          `json:"occurrences"` // all occurrences
	ByType      map[Type]int `json:"by_type"`     // distinct indicators per type
}
