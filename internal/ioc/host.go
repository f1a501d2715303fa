package ioc

import (
	"bytes"
	"crypto/sha3"
	"encoding/base32"
	"net/netip"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// internalSuffixes are names that only resolve inside an organisation.
// They are not ICANN suffixes, yet analysts want them reported (and never
// sent to a provider).
var internalSuffixes = []string{"local", "internal", "lan", "localhost", "home.arpa"}

// fileExtensionTLDs are top-level domains that are far more often a file
// extension in a report (setup.py, readme.md, install.sh, app.zip, clip.mov,
// lib.so, main.rs, diagram.ps). A bare name ending in one is a file name
// unless it was defanged or stands in a URL or e-mail address.
// .pl and .cc are left out on purpose: both are common in real campaigns.
var fileExtensionTLDs = map[string]bool{
	"py": true, "md": true, "sh": true, "zip": true, "mov": true, "so": true,
	"rs": true, "ps": true, "mk": true, "sc": true, "lua": true, "bz": true,
}

// codeLabels are labels that mark an antivirus detection name rather than
// a host (Trojan.Win32.Agent.ca, Backdoor.MSIL.Foo.io).
var codeLabels = map[string]bool{
	"win32": true, "win64": true, "msil": true, "w32": true, "w64": true,
	"trojan": true, "backdoor": true, "heur": true, "worm": true,
	"trojandownloader": true, "trojanspy": true, "ransom": true,
	"hacktool": true, "riskware": true, "adware": true, "pua": true,
	"exploit": true, "androidos": true, "generic": true,
}

// productNames are product and framework names that happen to be valid
// domains; written in their usual capitalisation they mean the product.
var productNames = map[string]bool{
	"asp.net": true, "vb.net": true, "ado.net": true,
}

// onionV3Len is the length of a v3 onion service label: 35 bytes in base32.
const onionV3Len = 56

// hostInfo describes a validated host name.
type hostInfo struct {
	display  string // Unicode form of an internationalized name
	tld      []byte // last label, lower case ASCII (aliases the value)
	internal bool   // ends in an internal-only suffix
}

// tldCache remembers which top-level labels are ICANN suffixes so the
// public-suffix lookup runs once per distinct TLD. It is bounded: past
// its cap, lookups are simply not cached.
type tldCache map[string]bool

const tldCacheCap = 4096

func (c tldCache) icann(tld []byte) bool {
	if ok, found := c[string(tld)]; found {
		return ok
	}
	s := string(tld)
	suffix, icann := publicsuffix.PublicSuffix(s)
	ok := icann && suffix == s
	if len(c) < tldCacheCap {
		c[s] = ok
	}
	return ok
}

// domainValue validates name as a host name and writes its normalized
// value (lower case, punycode, no trailing dot) to dst. It applies only
// the rules of DNS and the public-suffix list; the caller judges context.
func (s *scanner) domainValue(dst []byte, name []byte) ([]byte, hostInfo, bool) {
	var info hostInfo
	name = bytes.TrimSuffix(name, []byte{'.'})
	if len(name) < 3 || len(name) > 253 {
		return dst, info, false
	}
	ascii := true
	for _, c := range name {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii || hasPunyLabel(name) {
		return s.idnValue(dst, name)
	}
	dst = dst[:0]
	for _, c := range name {
		dst = append(dst, lowerByte(c))
	}
	if !s.validDomainASCII(dst, &info) {
		return dst, info, false
	}
	return dst, info, true
}

func hasPunyLabel(name []byte) bool {
	for i := 0; i+4 <= len(name); i++ {
		if (i == 0 || name[i-1] == '.') && (name[i] == 'x' || name[i] == 'X') && lowerEq(name[i:i+4], "xn--") {
			return true
		}
	}
	return false
}

// idnValue validates an internationalized name through IDNA (UTS #46) and
// returns its punycode form, keeping the Unicode form for display.
func (s *scanner) idnValue(dst []byte, name []byte) ([]byte, hostInfo, bool) {
	var info hostInfo
	// IDNA rejects underscores, which DNS tolerates in subdomain labels.
	if bytes.IndexByte(name, '_') >= 0 {
		return dst, info, false
	}
	a, err := idna.Lookup.ToASCII(string(name))
	if err != nil || a == "" {
		return dst, info, false
	}
	dst = append(dst[:0], a...)
	if !s.validDomainASCII(dst, &info) {
		return dst, info, false
	}
	if u, err := idna.Lookup.ToUnicode(a); err == nil && u != a {
		info.display = u
	}
	return dst, info, true
}

// validDomainASCII checks a lower-case ASCII name: label syntax, then an
// ICANN public suffix (or an onion or internal-only name) with at least
// one label in front of it.
func (s *scanner) validDomainASCII(name []byte, info *hostInfo) bool {
	if len(name) < 3 || len(name) > 253 {
		return false
	}
	labels := 0
	start := 0
	lastLabel := 0
	for i := 0; i <= len(name); i++ {
		if i < len(name) && name[i] != '.' {
			if !hostByte(name[i]) {
				return false
			}
			continue
		}
		l := name[start:i]
		// A leading underscore ("_dmarc") marks a service label, never a
		// host, and free text never starts a name with one.
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[0] == '_' || l[len(l)-1] == '-' {
			return false
		}
		labels++
		lastLabel = start
		start = i + 1
	}
	if labels < 2 {
		return false
	}
	tld := name[lastLabel:]
	if !validTLD(tld) {
		return false
	}
	info.tld = tld
	if string(tld) == "onion" {
		return validOnion(name)
	}
	switch string(tld) {
	case "local", "internal", "lan", "localhost", "arpa":
		for _, suf := range internalSuffixes {
			if hasLabelSuffix(name, suf) {
				info.internal = true
				return registrableOK(name[:len(name)-len(suf)-1])
			}
		}
	}
	if !s.tlds.icann(tld) {
		return false
	}
	if ok, found := s.names[string(name)]; found {
		return ok
	}
	ok := s.publicName(name)
	if len(s.names) >= nameCacheCap {
		clear(s.names)
	}
	s.names[string(name)] = ok
	return ok
}

// nameCacheCap bounds the cache of public-suffix verdicts per name.
const nameCacheCap = 8192

// publicName checks a name whose TLD is an ICANN one against the full
// public-suffix list.
func (s *scanner) publicName(name []byte) bool {
	suffix, icann := publicsuffix.PublicSuffix(string(name))
	if icann && len(suffix) >= len(name) {
		return false
	}
	if len(suffix) >= len(name) {
		// A private-section suffix such as github.io is itself a
		// registered name.
		return true
	}
	return registrableOK(name[:len(name)-len(suffix)-1])
}

// registrableOK checks the label just before the public suffix: it is the
// name someone registered, so it has no underscore.
func registrableOK(prefix []byte) bool {
	if len(prefix) == 0 {
		return false
	}
	l := prefix[bytes.LastIndexByte(prefix, '.')+1:]
	return len(l) > 0 && bytes.IndexByte(l, '_') < 0
}

func validTLD(tld []byte) bool {
	if len(tld) < 2 {
		return false
	}
	if len(tld) > 4 && string(tld[:4]) == "xn--" {
		return true
	}
	for _, c := range tld {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func hasLabelSuffix(name []byte, suf string) bool {
	return len(name) > len(suf)+1 && string(name[len(name)-len(suf):]) == suf && name[len(name)-len(suf)-1] == '.'
}

// validOnion accepts a v3 onion service name (optionally with subdomains):
// 56 base32 characters decoding to pubkey(32) ‖ checksum(2) ‖ version(1),
// where checksum is the first two bytes of
// SHA3-256(".onion checksum" ‖ pubkey ‖ version) and version is 3.
func validOnion(name []byte) bool {
	rest := name[:len(name)-len(".onion")]
	label := rest[bytes.LastIndexByte(rest, '.')+1:]
	if len(label) != onionV3Len {
		return false
	}
	var raw [35]byte
	n, err := base32.StdEncoding.Decode(raw[:], bytes.ToUpper(label))
	if err != nil || n != 35 || raw[34] != 3 {
		return false
	}
	var msg [15 + 32 + 1]byte
	copy(msg[:], ".onion checksum")
	copy(msg[15:], raw[:32])
	msg[47] = raw[34]
	sum := sha3.Sum256(msg[:])
	return sum[0] == raw[32] && sum[1] == raw[33]
}

// bareNameOK applies the judgement a bare name (not in a URL or e-mail)
// needs: code, product and detection names look like domains but are not.
// orig is the name as written, before lower-casing.
func bareNameOK(orig []byte, value []byte, prev, next byte) bool {
	if next == '!' || prev == '/' || prev == '$' || prev == '%' {
		// W64/BURNTCIGAR.CA!tr, Backdoor:MSIL/Foo.AD!MTB, $obj.prop.
		return false
	}
	upper, lower := false, false
	labels := 1
	lastDot := -1
	for i, c := range orig {
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c == '.':
			labels++
			lastDot = i
		}
	}
	if upper && lower {
		// System.IO.File, Trojan.Win32.Agent.ca: mixed case across three
		// or more labels is code; PayPal.com is fine, Agent.CA is not.
		if labels >= 3 {
			return false
		}
		for _, c := range orig[lastDot+1:] {
			if c >= 'A' && c <= 'Z' {
				return false
			}
		}
	}
	if upper && productNames[string(value)] {
		return false
	}
	start := 0
	for i := 0; i <= len(value); i++ {
		if i == len(value) || value[i] == '.' {
			if codeLabels[string(value[start:i])] {
				return false
			}
			start = i + 1
		}
	}
	return true
}

// ipv4Value checks a dotted-quad: four decimal octets 0-255 without
// leading zeros (010.1.1.1 is ambiguous between octal and decimal).
func ipv4Value(b []byte) bool {
	if len(b) < 7 || len(b) > 15 {
		return false
	}
	parts, digits, val := 0, 0, 0
	for i := 0; i <= len(b); i++ {
		if i == len(b) || b[i] == '.' {
			if digits == 0 || val > 255 || (digits > 1 && b[i-digits] == '0') {
				return false
			}
			parts++
			digits, val = 0, 0
			continue
		}
		if !isDigit(b[i]) || digits == 3 {
			return false
		}
		digits++
		val = val*10 + int(b[i]-'0')
	}
	return parts == 4
}

// ipv6Value parses an IPv6 address candidate and returns its RFC 5952
// form. Shapes that parse but are rarely addresses in prose (C++'s
// "cb::add", a bare "::") are refused: a digit is required.
func ipv6Value(b []byte) (string, bool) {
	if len(b) < 3 || len(b) > 45 {
		return "", false
	}
	colons, digit := 0, false
	for _, c := range b {
		switch {
		case c == ':':
			colons++
		case c == '.' || isHex(c):
			if isDigit(c) {
				digit = true
			}
		default:
			return "", false
		}
	}
	// Eight groups have seven colons; fewer need a "::".
	if colons < 2 || colons > 7 || !digit || (colons < 7 && !bytes.Contains(b, []byte("::"))) {
		return "", false
	}
	a, err := netip.ParseAddr(string(b))
	if err != nil || !a.Is6() {
		return "", false
	}
	v := a.WithZone("").String()
	// The digit rule holds for the value too, so that it re-extracts:
	// "0A:0::" would otherwise become "a::".
	if !strings.ContainsAny(v, "0123456789") {
		return "", false
	}
	return v, true
}

// internalName reports whether a lower-case host name only resolves
// inside an organisation.
func internalName(name string) bool {
	for _, suf := range internalSuffixes {
		if name == suf || strings.HasSuffix(name, "."+suf) {
			return true
		}
	}
	return false
}
