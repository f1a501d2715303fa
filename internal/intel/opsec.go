package intel

import (
	"net/netip"
	"net/url"
	"strings"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// nonPublicPrefixes are the address blocks that name no host on the public
// Internet (IANA special-purpose registries, RFC 6890 and successors).
// Asking a third party about them tells it about the analyst's own network
// and teaches nothing in return.
var nonPublicPrefixes = mustPrefixes(
	"0.0.0.0/8",       // "this network"
	"10.0.0.0/8",      // private
	"100.64.0.0/10",   // carrier-grade NAT
	"127.0.0.0/8",     // loopback
	"169.254.0.0/16",  // link-local
	"172.16.0.0/12",   // private
	"192.0.0.0/24",    // IETF protocol assignments
	"192.0.2.0/24",    // documentation (TEST-NET-1)
	"192.168.0.0/16",  // private
	"198.18.0.0/15",   // benchmarking
	"198.51.100.0/24", // documentation (TEST-NET-2)
	"203.0.113.0/24",  // documentation (TEST-NET-3)
	"224.0.0.0/4",     // multicast
	"240.0.0.0/4",     // reserved, and the broadcast address
	"::/128",          // unspecified
	"::1/128",         // loopback
	"64:ff9b:1::/48",  // local-use NAT64
	"100::/64",        // discard-only
	"2001:db8::/32",   // documentation
	"3fff::/20",       // documentation
	"fc00::/7",        // unique local
	"fe80::/10",       // link-local
	"fec0::/10",       // site-local, deprecated but still private
	"ff00::/8",        // multicast
)

// internalSuffixes are name suffixes that are never delegated in the public
// DNS, so a name under them can only be someone's own network.
var internalSuffixes = []string{
	".local", ".internal", ".lan", ".localhost", ".home.arpa",
	".intranet", ".corp", ".home", ".private", ".localdomain",
	".test", ".invalid", ".example",
}

// sixToFour is the 6to4 block, whose addresses embed an IPv4 address.
var sixToFour = netip.MustParsePrefix("2002::/16")

func mustPrefixes(list ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(list))
	for i, s := range list {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// mustStayInside reports whether the indicator must never be sent to a
// provider. It asks both the extraction's own classification (the tags the
// analyst sees) and isInternal, this package's stricter check, so that a gap
// in either never becomes a leak.
func mustStayInside(t ioc.Type, value string) bool {
	return isInternal(t, value) || ioc.Internal(t, value)
}

// isInternal reports whether the indicator must never be sent to a
// provider: a non-public address, a name under an internal suffix or with
// no dot at all, or a URL or e-mail address on such a host. A value it
// cannot read is treated as internal, since the safe mistake is not to ask.
func isInternal(t ioc.Type, value string) bool {
	switch t {
	case ioc.IPv4, ioc.IPv6:
		return internalHost(value)
	case ioc.Domain:
		return internalName(value)
	case ioc.URL:
		u, err := url.Parse(value)
		if err != nil {
			return true
		}
		return internalHost(u.Hostname())
	case ioc.Email:
		at := strings.LastIndexByte(value, '@')
		if at < 0 {
			return true
		}
		return internalHost(strings.Trim(value[at+1:], "[]"))
	}
	return false
}

// internalHost judges a host that may be an address or a name.
func internalHost(host string) bool {
	if host == "" {
		return true
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		return internalAddr(addr)
	}
	if strings.Trim(host, "0123456789.") == "" {
		// Digits and dots that are no valid address ("10.1", "1.2.3.4.5"):
		// resolvers read some of them as addresses, so never send them.
		return true
	}
	return internalName(host)
}

// internalAddr reports whether addr is outside the public address space.
func internalAddr(addr netip.Addr) bool {
	if addr.Zone() != "" {
		return true
	}
	addr = addr.Unmap()
	if sixToFour.Contains(addr) {
		// 6to4 carries an IPv4 address in bits 16–47; judge that address.
		b := addr.As16()
		return internalAddr(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
	}
	for _, p := range nonPublicPrefixes {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// internalName reports whether a DNS name belongs to a private namespace.
func internalName(name string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if !strings.Contains(name, ".") {
		return true // "intranet", "localhost": single labels never reach the public DNS
	}
	for _, s := range internalSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}
