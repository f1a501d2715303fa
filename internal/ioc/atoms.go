package ioc

import "bytes"

// Atoms without '@': IPv6 and MAC addresses, then dotted names and
// numbers (IPv4, ATT&CK sub-techniques, domains, file names).

// plain scans an atom without '@'.
func (s *scanner) plain(p, q int, f uint16) {
	t := s.t
	if q-p < 3 {
		return
	}
	if n := q - p; n == 14 || n == 17 {
		if v, ok := matchMAC(string(t[p:q])); ok {
			s.emit(MAC, append(s.val[:0], v...), p, q, false, false)
			return
		}
	}
	if f&cColon == 0 {
		s.colonFree(p, q, f)
		return
	}
	for q > p+2 && t[q-1] == '.' {
		// "… was 2001:db8::1." ends a sentence.
		q--
	}
	if v, ok := ipv6Value(t[p:q]); ok {
		end := q
		if end < len(t) && t[end] == '%' {
			// A zone (fe80::1%eth0) is dropped from the value, kept in raw.
			z := end + 1
			for z < len(t) && isAlnum(t[z]) {
				z++
			}
			if z > end+1 {
				end = z
			}
		}
		if n := cidrLen(t[q:], 128); n > 0 && end == q {
			end += n
		}
		s.emit(IPv6, append(s.val[:0], v...), p, end, false, false)
		return
	}
	if f&^(cDigit|cColon|cAtom) == 0 {
		// Times and counters ("10:06:18"): no address, and no pieces.
		return
	}
	for i := p; i <= q; i++ {
		if i == q || t[i] == ':' {
			s.colonFree(p, i, f)
			p = i + 1
		}
	}
}

// colonFree scans an atom without '@' or ':'.
func (s *scanner) colonFree(p, q int, f uint16) {
	t := s.t
	for p < q && (t[p] == '.' || t[p] == '-' || t[p] == '_' || t[p] == '+') {
		p++
	}
	for q > p && (t[q-1] == '.' || t[q-1] == '-' || t[q-1] == '_' || t[q-1] == '+') {
		q--
	}
	if q <= p {
		return
	}
	if f&cPlus != 0 {
		if k := bytes.IndexByte(t[p:q], '+'); k >= 0 {
			s.colonFree(p, p+k, f)
			s.colonFree(p+k+1, q, f)
			return
		}
	}
	if f&cDot == 0 || bytes.IndexByte(t[p:q], '.') < 0 {
		if f&cDigit != 0 {
			s.parts(p, q)
		}
		return
	}
	s.dotted(p, q)
}

// dotted scans a dotted atom: an IPv4 address, a technique id such as
// T1059.001, a domain, or a file name.
func (s *scanner) dotted(p, q int) {
	t := s.t
	tok := t[p:q]
	allNum := true
	for _, c := range tok {
		if c != '.' && !isDigit(c) {
			allNum = false
			break
		}
	}
	if allNum {
		// Versions, builds and OIDs (1.2.3.4.5, 10.0.19045.3803) are not
		// addresses, and no address is carved out of them.
		if ipv4Value(tok) && !versionBefore(t, p) {
			end := q
			if n := cidrLen(t[q:], 32); n > 0 {
				end += n
			}
			s.emit(IPv4, append(s.val[:0], tok...), p, end, false, false)
		}
		return
	}
	if tok[0] == 'T' && len(tok) > 1 && isDigit(tok[1]) {
		if v, ok := matchMitre(string(tok)); ok {
			s.emit(MitreAttack, append(s.val[:0], v...), p, q, false, false)
			return
		}
	}
	// A user asking about "setup.py" may mean the file or the host, so
	// a single value is tried as both.
	if s.bareDomain(p, q) && !s.lenient {
		return
	}
	if plausibleExtension(tok) {
		if v, ok := matchFilename(string(tok)); ok {
			s.emit(Filename, append(s.val[:0], v...), p, q, false, false)
		}
	}
	for i := p; i <= q; i++ {
		if i == q || t[i] == '.' {
			s.parts(p, i)
			p = i + 1
		}
	}
}

// bareDomain reports a domain that stands on its own in the text. It
// returns true when the atom was taken (as a domain or a file name).
func (s *scanner) bareDomain(p, q int) bool {
	t := s.t
	if s.nameAt(p, q) {
		return true
	}
	if s.lenient {
		return false
	}
	// "evil.com.Next sentence": a capitalized word glued by the full stop
	// is not part of the name.
	d := bytes.LastIndexByte(t[p:q], '.')
	if d > 0 && t[p+d+1] >= 'A' && t[p+d+1] <= 'Z' && !hasUpper(t[p:p+d]) {
		return s.nameAt(p, p+d)
	}
	return false
}

// nameAt judges t[p:q] as a bare name: a domain, a file name whose
// extension is also a TLD, or nothing (false).
func (s *scanner) nameAt(p, q int) bool {
	t := s.t
	v, info, ok := s.domainValue(s.val, t[p:q])
	s.val = v
	if !ok {
		return false
	}
	defanged := s.rf.defangedIn(p, q)
	if !s.lenient && !defanged {
		prev, next := byte(' '), byte(' ')
		if p > 0 {
			prev = t[p-1]
		}
		if q < len(t) {
			next = t[q]
		}
		if !bareNameOK(t[p:q], v, prev, next) {
			return false
		}
		if info.display == "" && fileExtensionTLDs[string(info.tld)] {
			if fv, ok := matchFilename(string(t[p:q])); ok {
				s.emit(Filename, append(s.val[:0], fv...), p, q, false, false)
			}
			return true
		}
	}
	s.emitDisplay(Domain, v, info.display, p, q, false, false)
	return true
}

func hasUpper(b []byte) bool {
	for _, c := range b {
		if c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

// cidrLen returns the length of a "/nn" prefix length (at most bits) at
// the start of b.
func cidrLen(b []byte, bits int) int {
	if len(b) < 2 || b[0] != '/' || !isDigit(b[1]) {
		return 0
	}
	n, v := 1, 0
	for n < len(b) && n <= 4 && isDigit(b[n]) {
		v = v*10 + int(b[n]-'0')
		n++
	}
	if n > 4 || v > bits || (n < len(b) && isAlnum(b[n])) {
		return 0
	}
	return n
}

// plausibleExtension is a cheap filter before the file-name check: the
// text after the last dot is a short word with a letter in it, which rules
// out versions and sentence ends.
func plausibleExtension(tok []byte) bool {
	d := bytes.LastIndexByte(tok, '.')
	ext := tok[d+1:]
	if d <= 0 || len(ext) < 1 || len(ext) > 8 {
		return false
	}
	for _, c := range ext {
		if byteClass[c]&(cLower|cUpper) != 0 {
			return true
		}
	}
	return false
}

// versionWords precede dotted numbers that are versions, not addresses
// ("build 2.7.1.0", "version 1.2.3.4").
var versionWords = map[string]bool{
	"version": true, "ver": true, "v": true, "build": true, "rev": true,
	"revision": true, "release": true, "firmware": true, "agent": true,
}

// versionBefore reports whether the dotted number at t[p] is a version:
// it follows a product name and a slash (Chrome/131.0.0.0) or a word such
// as "version".
func versionBefore(t []byte, p int) bool {
	if p >= 2 && t[p-1] == '/' && byteClass[t[p-2]]&(cLower|cUpper) != 0 {
		return true
	}
	j := p
	for j > 0 && p-j < 3 && (t[j-1] == ' ' || t[j-1] == '(' || t[j-1] == ':') {
		j--
	}
	if j == p {
		return false
	}
	k := j
	for k > 0 && j-k < 10 && byteClass[t[k-1]]&(cLower|cUpper) != 0 {
		k--
	}
	if k == j || j-k >= 10 || (k > 0 && isAlnum(t[k-1])) {
		return false
	}
	var buf [10]byte
	for i := k; i < j; i++ {
		buf[i-k] = lowerByte(t[i])
	}
	return versionWords[string(buf[:j-k])]
}
