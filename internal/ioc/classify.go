package ioc

import (
	"net/netip"
	"strings"
)

// knownBenign lists a few very well-known services. An analyst still sees
// them, tagged, but can filter them out at a glance. The list is short on
// purpose: only the registrable names themselves and their "www." form,
// never every subdomain (raw.githubusercontent.com hosts malware too).
var knownBenign = map[string]bool{
	"google.com": true, "microsoft.com": true, "github.com": true,
	"apple.com": true, "amazon.com": true, "cloudflare.com": true,
	"mozilla.org": true, "wikipedia.org": true, "linkedin.com": true,
	"twitter.com": true, "facebook.com": true, "youtube.com": true,
	"mitre.org": true, "virustotal.com": true, "w3.org": true,
}

// documentationNames are the domains reserved for examples (RFC 2606).
var documentationNames = map[string]bool{
	"example.com": true, "example.net": true, "example.org": true,
}

var (
	prefixCGNAT     = netip.MustParsePrefix("100.64.0.0/10")
	prefixDocV4     = []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("198.51.100.0/24"), netip.MustParsePrefix("203.0.113.0/24")}
	prefixDocV6     = []netip.Prefix{netip.MustParsePrefix("2001:db8::/32"), netip.MustParsePrefix("3fff::/20")}
	prefixReservedA = []netip.Prefix{
		netip.MustParsePrefix("0.0.0.0/8"),        // "this network"
		netip.MustParsePrefix("192.0.0.0/24"),     // IETF protocol assignments
		netip.MustParsePrefix("198.18.0.0/15"),    // benchmarking
		netip.MustParsePrefix("240.0.0.0/4"),      // future use, and broadcast
		netip.MustParsePrefix("100::/64"),         // discard-only
		netip.MustParsePrefix("fec0::/10"),        // deprecated site-local
		netip.MustParsePrefix("::/128"),           // unspecified
		netip.MustParsePrefix("2001:10::/28"),     // deprecated ORCHID
		netip.MustParsePrefix("64:ff9b:1::/48"),   // local-use NAT64
		netip.MustParsePrefix("2002::/24"),        // 6to4 of 0.0.0.0/8
		netip.MustParsePrefix("2001:0:ff00::/40"), // Teredo of reserved space
	}
)

// Classify returns the tags of a normalized value: address ranges,
// onion and internal names, documentation and well-known names. URLs and
// e-mail addresses take the tags of their host. The "derived" tag depends
// on context and is added by the extractor.
func Classify(t Type, value string) []string {
	switch t {
	case IPv4, IPv6:
		return classifyAddr(value)
	case Domain:
		return classifyName(value)
	case URL:
		if h, ok := urlHostOf(value); ok {
			return Classify(h.typ, h.value)
		}
	case Email:
		if at := strings.LastIndexByte(value, '@'); at >= 0 {
			return classifyName(value[at+1:])
		}
	}
	return nil
}

func classifyAddr(value string) []string {
	a, err := netip.ParseAddr(value)
	if err != nil {
		return nil
	}
	if a.Is4In6() {
		a = a.Unmap()
	}
	var tags []string
	switch {
	case a.IsLoopback():
		tags = append(tags, TagLoopback)
	case a.IsPrivate():
		tags = append(tags, TagPrivate)
	case a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast():
		tags = append(tags, TagLinkLocal)
	case a.IsMulticast():
		tags = append(tags, TagMulticast)
	case prefixCGNAT.Contains(a):
		tags = append(tags, TagCGNAT)
	}
	if a.IsMulticast() && a.IsLinkLocalMulticast() {
		tags = append(tags, TagMulticast)
	}
	for _, p := range append(prefixDocV4[:len(prefixDocV4):len(prefixDocV4)], prefixDocV6...) {
		if p.Contains(a) {
			tags = append(tags, TagDocumentation)
		}
	}
	for _, p := range prefixReservedA {
		if p.Contains(a) {
			tags = append(tags, TagReserved)
			break
		}
	}
	return tags
}

func classifyName(name string) []string {
	var tags []string
	switch {
	case strings.HasSuffix(name, ".onion"):
		tags = append(tags, TagOnion)
	case internalName(name):
		tags = append(tags, TagInternalName)
	case documentationNames[name]:
		tags = append(tags, TagDocumentation)
	case knownBenign[strings.TrimPrefix(name, "www.")]:
		tags = append(tags, TagKnownBenign)
	}
	return tags
}

// Internal reports whether a normalized value must never be sent to a
// provider: a non-public address, an internal or documentation name, or a
// URL or e-mail address on one.
func Internal(t Type, value string) bool {
	for _, tag := range Classify(t, value) {
		switch tag {
		case TagPrivate, TagLoopback, TagLinkLocal, TagCGNAT, TagDocumentation,
			TagReserved, TagMulticast, TagInternalName:
			return true
		}
	}
	if t == URL {
		if h, ok := urlHostOf(value); ok && h.typ == "" {
			return true // localhost
		}
	}
	return false
}

type hostRef struct {
	typ   Type // "" for localhost
	value string
}

// urlHostOf returns the host of a normalized URL value.
func urlHostOf(u string) (hostRef, bool) {
	i := strings.Index(u, "://")
	if i < 0 {
		return hostRef{}, false
	}
	rest := u[i+3:]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		rest = rest[:j]
	}
	if j := strings.LastIndexByte(rest, '@'); j >= 0 {
		rest = rest[j+1:]
	}
	if strings.HasPrefix(rest, "[") {
		if j := strings.IndexByte(rest, ']'); j > 0 {
			return hostRef{IPv6, rest[1:j]}, true
		}
		return hostRef{}, false
	}
	if j := strings.LastIndexByte(rest, ':'); j >= 0 {
		rest = rest[:j]
	}
	if rest == "localhost" {
		return hostRef{}, true
	}
	if ipv4Value([]byte(rest)) {
		return hostRef{IPv4, rest}, true
	}
	return hostRef{Domain, rest}, true
}
