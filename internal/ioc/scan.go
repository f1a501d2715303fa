package ioc

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// maxWordLen bounds the words the scanner looks into. Nothing an analyst
// calls an indicator is longer (URLs are capped at maxURLLen), and the
// bound keeps a window's overlap sufficient for every word it processes.
const maxWordLen = 32 << 10

// match is one occurrence found in the clean text.
type match struct {
	typ      Type
	value    []byte
	display  string
	cs, ce   int  // clean range of the raw form
	defanged bool // obfuscated beyond what the edits show (hxxp)
	derived  bool // a URL's host or an e-mail's domain
}

// sink receives matches. Its add must copy what it keeps: value points
// into the scanner's scratch space.
type sink interface {
	add(m *match)
}

// scanner finds indicators in clean (refanged) text. It is a hand-written
// byte scanner rather than regular expressions: it splits text into words
// with one table lookup per byte and looks closer only at words whose
// byte classes can hold an indicator, so every byte is examined a bounded
// number of times whatever the input.
type scanner struct {
	t       []byte
	rf      *refanger
	out     sink
	lenient bool // a single value typed by a user: context rules are off
	tlds    tldCache
	names   map[string]bool // public-suffix verdicts of names seen
	val     []byte          // scratch for the value being emitted
	hostVal []byte          // scratch for a URL host or e-mail domain
	// hostDisplay is the Unicode form of the host in hostVal, if any.
	hostDisplay string
	cache       *wordCache // nil for single values
	m           match
}

func newScanner(out sink, rf *refanger) *scanner {
	return &scanner{out: out, rf: rf, tlds: tldCache{}, names: map[string]bool{}}
}

// interesting marks the bytes without which a word holds no indicator:
// digits, '.', ':', '@' and non-ASCII bytes (internationalized names).
// Words of letters alone are never looked at, which is most of prose.
var interesting = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		if byteClass[c]&(cDigit|cDot|cColon|cAt|cHigh) != 0 {
			t[c] = 1
		}
	}
	return t
}()

// scan processes the words of s.t that start in [from, limit). When final
// is false, s.t ends at an arbitrary point: a word touching its end is
// left alone and reported as dropped. skip starts inside a word left over
// from the previous window, which is skipped. next is where the following
// window must resume.
func (s *scanner) scan(from, limit int, final, skip bool) (next int, dropped bool) {
	t := s.t
	n := len(t)
	i := from
	if skip {
		for i < n && byteClass[t[i]]&cDelim == 0 {
			i++
		}
		if i == n && !final {
			return n, true
		}
	}
	done := i // end of the last word processed
	for {
		// Jump to the next byte that can be part of an indicator.
		i = indexInteresting(t, i)
		if i >= n {
			return max(min(limit, n), done), false
		}
		if c := t[i]; (c == '.' || c == ':' || c == '@') && i+1 < n && byteClass[t[i+1]]&cDelim != 0 {
			// The first byte of interest ends its word ("encrypted.",
			// "Note:"), so the word holds nothing.
			i++
			continue
		}
		ws := i
		for ws > done && byteClass[t[ws-1]]&cDelim == 0 {
			ws--
		}
		if ws >= limit {
			return max(ws, done), false
		}
		var f uint16
		for _, c := range t[ws:i] {
			f |= byteClass[c]
		}
		we := i
		for we+4 <= n {
			b := t[we : we+4 : we+4]
			c := byteClass[b[0]] | byteClass[b[1]] | byteClass[b[2]] | byteClass[b[3]]
			if c&cDelim != 0 {
				break
			}
			f |= c
			we += 4
		}
		for we < n {
			c := byteClass[t[we]]
			if c&cDelim != 0 {
				break
			}
			f |= c
			we++
		}
		if we == n && !final {
			return n, true
		}
		if we-ws > maxWordLen {
			i, done = we, we
			continue
		}
		if !s.cachedWord(ws, we, f) {
			s.word(ws, we, f)
		}
		i, done = we, we
	}
}

// word looks at one word and returns where scanning resumes (past the
// word, or further when the indicator spans the next word too).
func (s *scanner) word(ws, we int, f uint16) int {
	if f&(cLower|cUpper|cDot|cColon|cAt|cHigh) == 0 {
		// Digits and punctuation only ("200", "2024-03-05"): nothing an
		// indicator is made of, except the second half of "CVE 2019-0708".
		if ws < 4 || s.t[ws-1] != ' ' || !lowerEq(s.t[ws-4:ws-1], "cve") {
			return we
		}
	}
	if f&(cDigit|cColon|cAt|cHigh) == 0 && bytes.IndexByte(s.t[ws:we-1], '.') < 0 {
		// A word that only ends a sentence ("encrypted.").
		return we
	}
	if ws >= 4 && isDigit(s.t[ws]) && lowerEq(s.t[ws-4:ws-1], "cve") && s.t[ws-1] == ' ' && (ws == 4 || !isAlnum(s.t[ws-5])) {
		// "CVE 2019-0708": the identifier split by one space.
		if n := cveLen(s.t[ws:we]); n > 0 {
			s.val = append(s.val[:0], "CVE-"...)
			s.val = append(s.val, s.t[ws:ws+n]...)
			s.emit(CVE, s.val, ws-4, ws+n, false, false)
			if ws+n == we {
				return we
			}
		}
	}
	if f&cHigh != 0 {
		s.splitUnicode(ws, we)
		return we
	}
	s.wordASCII(ws, we, f)
	return we
}

// splitUnicode cuts a word at non-ASCII punctuation and symbols (curly
// quotes, ideographic commas) while keeping letters, so internationalized
// host names stay whole.
func (s *scanner) splitUnicode(ws, we int) {
	t := s.t
	sub := ws
	var f uint16
	for i := ws; i < we; {
		c := t[i]
		if c < 0x80 {
			f |= byteClass[c]
			i++
			continue
		}
		r, size := utf8.DecodeRune(t[i:we])
		if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			f |= cHigh
			i += size
			continue
		}
		if i > sub {
			s.wordASCII(sub, i, f)
		}
		i += size
		sub, f = i, 0
	}
	if we > sub {
		s.wordASCII(sub, we, f)
	}
}

// wordASCII processes a word: URLs first, since they contain the other
// types, then the stretches between them.
func (s *scanner) wordASCII(ws, we int, f uint16) {
	t := s.t
	if f&cColon != 0 && isDigit(t[ws]) && s.ssdeepWord(ws, we) {
		return
	}
	seg := ws
	if f&(cSlash|cUnder) != 0 {
		for p := ws + 1; p+1 < we; p++ {
			c := t[p]
			if (c != '/' && c != '_') || t[p+1] != c {
				continue
			}
			start, end, ok := s.urlAt(seg, p, we)
			if !ok {
				p++
				continue
			}
			s.segment(seg, start)
			seg = end
			p = end - 1
		}
	}
	s.segment(seg, we)
}

// ssdeepWord reports a fuzzy hash (blocksize:hash:hash), whose base64
// alphabet includes '/' and '+', as one indicator.
func (s *scanner) ssdeepWord(ws, we int) bool {
	end := we
	for end > ws && (s.t[end-1] == '.' || s.t[end-1] == ')' || s.t[end-1] == ';') {
		end--
	}
	if end-ws < 10 || bytes.Count(s.t[ws:end], []byte{':'}) != 2 {
		return false
	}
	v, ok := matchSSDeep(string(s.t[ws:end]))
	if !ok {
		return false
	}
	s.emit(SSDeep, append(s.val[:0], v...), ws, end, false, false)
	return true
}

// atomByte marks bytes that stay inside an atom: the pieces of a word
// between punctuation such as ()[]=&?!#$%*;~ and '/'.
var atomByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = hostByte(byte(c)) || c >= 0x80
	}
	for _, c := range []byte(".@:+") {
		t[c] = true
	}
	return t
}()

// atomClass is byteClass with cAtom set on atom bytes, so the atom loop
// reads one table.
var atomClass = func() (t [256]uint16) {
	for c := 0; c < 256; c++ {
		t[c] = byteClass[c]
		if atomByte[c] {
			t[c] |= cAtom
		}
	}
	return t
}()

// segment splits a URL-free stretch of a word into atoms.
func (s *scanner) segment(a, b int) {
	t := s.t
	for i := a; i < b; {
		for i < b && !atomByte[t[i]] {
			i++
		}
		p := i
		var f uint16
		for i < b {
			c := atomClass[t[i]]
			if c&cAtom == 0 {
				break
			}
			f |= c
			i++
		}
		if p > 0 && t[p-1] == '%' && i-p > 2 && isHex(t[p]) && isHex(t[p+1]) {
			// The hex digits of a percent escape ("%2Fk.sh") are not part
			// of what follows.
			p += 2
			f = atomFlags(t[p:i])
		}
		switch {
		case i-p < 3 || f&(cDigit|cDot|cColon|cAt|cHigh) == 0:
			// Too short, or letters only: nothing to find.
		case f&(cLower|cUpper|cDot|cColon|cAt|cHigh) == 0:
			// Digits, '-', '_' and '+' only: a number or a date.
		case f&cAt != 0:
			s.emails(p, i)
		default:
			s.plain(p, i, f)
		}
	}
}

// emails finds addresses around each '@' of an atom; what is not part of
// an address is scanned as plain text.
func (s *scanner) emails(p, q int) {
	t := s.t
	pos := p
	for k := p; k < q; k++ {
		if t[k] != '@' {
			continue
		}
		ls := k
		for ls > pos && localByte(t[ls-1]) {
			ls--
		}
		for ls < k && t[ls] == '.' {
			ls++
		}
		de := k + 1
		for de < q && (hostByte(t[de]) || t[de] == '.' || t[de] >= 0x80) {
			de++
		}
		for de > k+1 && (t[de-1] == '.' || t[de-1] == '-') {
			de--
		}
		if ls < k && k-ls <= 64 && t[k-1] != '.' && !bytes.Contains(t[ls:k], []byte("..")) {
			if s.emitEmail(ls, k, de) {
				s.plain(pos, ls, atomFlags(t[pos:ls]))
				pos = de
				k = de - 1
				continue
			}
		}
		s.plain(pos, k, atomFlags(t[pos:k]))
		pos = k + 1
	}
	s.plain(pos, q, atomFlags(t[pos:q]))
}

func atomFlags(b []byte) uint16 {
	var f uint16
	for _, c := range b {
		f |= byteClass[c]
	}
	return f
}

func localByte(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

// emitEmail validates local@domain and reports the address and, derived
// from it, its domain.
func (s *scanner) emitEmail(ls, at, de int) bool {
	t := s.t
	hv, info, ok := s.domainValue(s.hostVal, t[at+1:de])
	s.hostVal = hv
	if !ok {
		return false
	}
	s.val = s.val[:0]
	for _, c := range t[ls:at] {
		s.val = append(s.val, lowerByte(c))
	}
	s.val = append(s.val, '@')
	s.val = append(s.val, s.hostVal...)
	s.emitDisplay(Email, s.val, "", ls, de, false, false)
	s.emitDisplay(Domain, s.hostVal, info.display, at+1, de, false, true)
	return true
}

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

// cveLen returns the length of a "YYYY-NNNN…" identifier at the start of
// b, or 0.
func cveLen(b []byte) int {
	if len(b) < 9 || b[4] != '-' {
		return 0
	}
	for _, c := range b[:4] {
		if !isDigit(c) {
			return 0
		}
	}
	if b[0] != '1' && b[0] != '2' {
		return 0
	}
	n := 5
	for n < len(b) && isDigit(b[n]) {
		n++
	}
	if n-5 < 4 || n-5 > 7 || (n < len(b) && isAlnum(b[n])) {
		return 0
	}
	return n
}

// parts scans an atom without dots, colons or '@' piece by piece, the
// pieces being separated by '-' and '_': hashes, CVE ids, coins, ATT&CK
// ids, AS numbers, JARM fingerprints.
func (s *scanner) parts(p, q int) {
	t := s.t
	if q-p >= 13 && (t[p] == 'c' || t[p] == 'C') && lowerEq(t[p:p+4], "cve-") {
		if n := cveLen(t[p+4 : q]); n > 0 {
			s.val = append(s.val[:0], "CVE-"...)
			s.val = append(s.val, t[p+4:p+4+n]...)
			s.emit(CVE, s.val, p, p+4+n, false, false)
			p += 4 + n
		}
	}
	for i := p; i <= q; i++ {
		if i == q || t[i] == '-' || t[i] == '_' {
			if i > p {
				s.piece(p, i)
			}
			p = i + 1
		}
	}
}

// piece classifies one alphanumeric run by its length and alphabet.
func (s *scanner) piece(p, q int) {
	t := s.t
	tok := t[p:q]
	n := len(tok)
	if n < 4 {
		return
	}
	switch c := tok[0]; {
	case n == 32 || n == 40 || n == 64 || n == 128 || n == 62:
		if typ, ok := hashType(tok); ok {
			s.val = s.val[:0]
			for _, c := range tok {
				s.val = append(s.val, lowerByte(c))
			}
			if typ == JARM {
				v, ok := matchJARM(string(s.val))
				if !ok {
					return
				}
				s.val = append(s.val[:0], v...)
			}
			s.emit(typ, s.val, p, q, false, false)
			return
		}
	case n == 42 && c == '0' && tok[1] == 'x':
		if ethCheck(string(tok)) {
			s.val = s.val[:0]
			for _, c := range tok {
				s.val = append(s.val, lowerByte(c))
			}
			s.emit(ETH, s.val, p, q, false, false)
		}
		return
	case c == 'T' || c == 'G' || c == 'S' || c == 'M' || c == 'D' || c == 'C':
		if n <= 9 {
			if v, ok := matchMitre(string(tok)); ok {
				s.emit(MitreAttack, append(s.val[:0], v...), p, q, false, false)
				return
			}
		}
	case (c == 'A' || c == 'a') && (tok[1] == 'S' || tok[1] == 's') && isDigit(tok[2]):
		if v, ok := matchASN(string(tok)); ok {
			s.emit(ASN, append(s.val[:0], v...), p, q, false, false)
		}
		return
	}
	s.coins(p, q)
}

// hashType names the hash an all-hex run of a hash's length is. A run of
// only digits or only letters is a number or a word, not a digest.
func hashType(tok []byte) (Type, bool) {
	digit, letter := false, false
	for _, c := range tok {
		switch {
		case isDigit(c):
			digit = true
		case byteClass[c]&cHexL != 0:
			letter = true
		default:
			return "", false
		}
	}
	if !digit || !letter {
		return "", false
	}
	switch len(tok) {
	case 32:
		return MD5, true
	case 40:
		return SHA1, true
	case 64:
		return SHA256, true
	case 62:
		return JARM, true
	}
	return SHA512, true
}

// coins checks a run against the cryptocurrency address formats; the
// checks are ordered cheapest first and each validates a checksum.
func (s *scanner) coins(p, q int) {
	t := s.t
	tok := t[p:q]
	n := len(tok)
	switch c := tok[0]; {
	case (c == '1' || c == '3') && n >= 26 && n <= 35:
	case n >= 14 && n <= 74 && lowerEq(tok[:3], "bc1"):
	case (c == '4' || c == '8') && (n == 95 || n == 106):
		if xmrCheck(string(tok)) {
			s.emit(XMR, append(s.val[:0], tok...), p, q, false, false)
		}
		return
	default:
		return
	}
	if btcCheck(string(tok)) {
		s.val = s.val[:0]
		if lowerEq(tok[:3], "bc1") {
			for _, c := range tok {
				s.val = append(s.val, lowerByte(c))
			}
		} else {
			s.val = append(s.val, tok...)
		}
		s.emit(BTC, s.val, p, q, false, false)
	}
}

func (s *scanner) emit(typ Type, v []byte, cs, ce int, defanged, derived bool) {
	s.emitDisplay(typ, v, "", cs, ce, defanged, derived)
}

func (s *scanner) emitDisplay(typ Type, v []byte, display string, cs, ce int, defanged, derived bool) {
	if s.cache != nil && s.cache.recOn {
		s.cache.record(typ, v, display, cs, ce, defanged, derived)
	}
	s.m = match{typ: typ, value: v, display: display, cs: cs, ce: ce, defanged: defanged, derived: derived}
	s.out.add(&s.m)
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
