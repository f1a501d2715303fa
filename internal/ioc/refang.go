package ioc

import "bytes"

// An edit records one place where the clean text differs from the input:
// the input bytes [orig, orig+origLen) became the clean bytes
// [clean, clean+cleanLen). Edits let every match in the clean text be
// mapped back to the exact bytes the analyst pasted.
type edit struct {
	clean, cleanLen int
	orig, origLen   int
	// defang is false for plain escapes such as JSON's "\/", which are
	// encoding rather than deliberate obfuscation.
	defang bool
}

// refanger rewrites defanged notation (example[.]com, user[at]host,
// http:\/\/…) into plain text once, so the scanner that follows only ever
// sees ordinary indicators. Its buffers are reused between windows.
type refanger struct {
	out    []byte
	edits  []edit
	cursor int // the edit found by the last offset query
}

// refangBytes are the bytes at which a defanged form can begin.
var refangBytes = [...]byte{'[', '(', '{', '\\', '=', '&', 0xE3, 0xEF}

// indexByteFrom returns the index of the first c in src at or after i, or
// len(src).
func indexByteFrom(src []byte, i int, c byte) int {
	if i >= len(src) {
		return len(src)
	}
	if k := bytes.IndexByte(src[i:], c); k >= 0 {
		return i + k
	}
	return len(src)
}

// run returns the clean form of src. When nothing needs rewriting it
// returns src itself, so ordinary text is never copied.
func (r *refanger) run(src []byte) []byte {
	r.out = r.out[:0]
	r.edits = r.edits[:0]
	r.cursor = 0
	copied := 0 // src[:copied] has been handled
	// The next occurrence of each trigger byte, found with IndexByte,
	// which scans many bytes per instruction; triggers are rare.
	var next [len(refangBytes)]int
	for k := range refangBytes {
		next[k] = indexByteFrom(src, 0, refangBytes[k])
	}
	i := 0
	for i < len(src) {
		// Jump to the next byte that can start a defanged form.
		i = len(src)
		for k := range next {
			i = min(i, next[k])
		}
		if i >= len(src) {
			break
		}
		for k := range next {
			if next[k] == i {
				next[k] = indexByteFrom(src, i+1, refangBytes[k])
			}
		}
		start, n, repl, defang := matchDefang(src, i, copied)
		if n == 0 {
			i++
			continue
		}
		if len(r.edits) == 0 {
			if cap(r.out) < len(src) {
				// One allocation for the window rather than doubling.
				r.out = make([]byte, 0, len(src)+len(src)/8)
			}
			r.out = append(r.out, src[:start]...)
		} else {
			r.out = append(r.out, src[copied:start]...)
		}
		r.edits = append(r.edits, edit{
			clean: len(r.out), cleanLen: len(repl),
			orig: start, origLen: n, defang: defang,
		})
		r.out = append(r.out, repl...)
		copied = start + n
		i = copied
		for k := range next {
			if next[k] < i {
				next[k] = indexByteFrom(src, i, refangBytes[k])
			}
		}
	}
	if len(r.edits) == 0 {
		return src
	}
	r.out = append(r.out, src[copied:]...)
	return r.out
}

// lastEditAtOrBefore returns the index of the last edit whose clean start
// is at most p, or -1.
func (r *refanger) lastEditAtOrBefore(p int) int {
	// Queries come in nearly increasing order, so walk from the last
	// answer when it is close, and search otherwise.
	lo := 0
	if k := r.cursor; k < len(r.edits) && r.edits[k].clean <= p {
		for steps := 0; steps < 4; steps++ {
			if k+1 == len(r.edits) || r.edits[k+1].clean > p {
				r.cursor = k
				return k
			}
			k++
		}
		lo = k
	}
	k := r.search(lo, p)
	if k >= 0 {
		r.cursor = k
	}
	return k
}

func (r *refanger) search(lo, p int) int {
	hi := len(r.edits)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if r.edits[m].clean <= p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}

// toOrig maps a clean offset to an input offset. A position inside a
// replacement maps to the start of the replaced bytes, or to their end
// when end is set (for exclusive range ends).
func (r *refanger) toOrig(p int, end bool) int {
	if len(r.edits) == 0 {
		return p
	}
	return r.origAt(r.lastEditAtOrBefore(p), p, end)
}

// mapRange maps the clean range [cs, ce) of a match back to the input
// and reports whether a deliberate defang edit touches it, with one search.
func (r *refanger) mapRange(cs, ce int) (os, oe int, defanged bool) {
	if len(r.edits) == 0 {
		return cs, ce, false
	}
	k := r.lastEditAtOrBefore(cs)
	os = r.origAt(k, cs, false)
	j := k
	if j < 0 {
		j = 0
	}
	last := k
	for ; j < len(r.edits) && r.edits[j].clean <= ce; j++ {
		e := &r.edits[j]
		if e.clean < ce && e.clean+e.cleanLen > cs && e.defang {
			defanged = true
		}
		last = j
	}
	return os, r.origAt(last, ce, true), defanged
}

// origAt maps clean offset p given k, the last edit starting at or before
// p (or -1).
func (r *refanger) origAt(k, p int, end bool) int {
	if k < 0 {
		return p
	}
	e := &r.edits[k]
	if p < e.clean+e.cleanLen {
		if end && p > e.clean {
			return e.orig + e.origLen
		}
		return e.orig
	}
	return p - (e.clean + e.cleanLen) + (e.orig + e.origLen)
}

// defangedIn reports whether a deliberate defang edit touches the clean
// range [a, b).
func (r *refanger) defangedIn(a, b int) bool {
	if len(r.edits) == 0 {
		return false
	}
	k := r.lastEditAtOrBefore(a)
	if k < 0 {
		k = 0
	}
	for ; k < len(r.edits) && r.edits[k].clean < b; k++ {
		e := &r.edits[k]
		if e.defang && (e.clean+e.cleanLen > a || (e.cleanLen == 0 && e.clean >= a)) {
			return true
		}
	}
	return false
}

// matchDefang tries every defanged form at src[i]. It returns where the
// replaced bytes start (possibly before i, for a space in " [.] "), how
// many bytes are replaced, and by what. lo is the first byte that may still
// be rewritten.
func matchDefang(src []byte, i, lo int) (start, n int, repl string, defang bool) {
	switch c := src[i]; c {
	case '[', '(', '{':
		return matchBracket(src, i, lo)
	case '\\':
		return matchBackslash(src, i)
	case '&':
		// "&amp;" in a URL copied out of HTML.
		if i+4 < len(src) && src[i+1] == 'a' && string(src[i+1:i+5]) == "amp;" {
			return i, 5, "&", false
		}
	case '=':
		// A quoted-printable soft line break ("invoice-secure-d=\nocs.com")
		// splits a word across lines; joining it is decoding, not refanging.
		n := 1
		if i+n < len(src) && src[i+n] == '\r' {
			n++
		}
		if i+n+1 < len(src) && src[i+n] == '\n' && hostByte(src[i+n+1]) &&
			i > 0 && qpJoinable(src[i-1]) && qpLineEnd(src, i) {
			return i, n + 1, "", false
		}
	case 0xE3, 0xEF:
		// 。 (E3 80 82), ． (EF BC 8E) and ｡ (EF BD A1) are dots typed on
		// CJK keyboards or chosen to slip past naive extractors.
		if i+2 >= len(src) {
			return 0, 0, "", false
		}
		b1, b2 := src[i+1], src[i+2]
		isDot := (c == 0xE3 && b1 == 0x80 && b2 == 0x82) ||
			(c == 0xEF && b1 == 0xBC && b2 == 0x8E) ||
			(c == 0xEF && b1 == 0xBD && b2 == 0xA1)
		if !isDot || i == 0 || i+3 >= len(src) {
			return 0, 0, "", false
		}
		if !isAlnum(src[i+3]) || (!isAlnum(src[i-1]) && src[i-1] < 0x80) {
			return 0, 0, "", false
		}
		return i, 3, ".", true
	}
	return 0, 0, "", false
}

func closerOf(c byte) byte {
	switch c {
	case '[':
		return ']'
	case '(':
		return ')'
	}
	return '}'
}

// bracketWords maps what may stand between brackets to what it means.
func bracketInner(inner []byte) (string, bool) {
	switch len(inner) {
	case 1:
		switch inner[0] {
		case '.', '@', ':', '/', '-':
			return string(inner), true
		}
	case 2:
		if lowerEq(inner, "at") {
			return "@", true
		}
		if inner[0] == ':' && inner[1] == '/' {
			return ":/", true
		}
		if inner[0] == '/' && inner[1] == '/' {
			return "//", true
		}
	case 3:
		if lowerEq(inner, "dot") {
			return ".", true
		}
		if string(inner) == "://" {
			return "://", true
		}
	}
	return "", false
}

func matchBracket(src []byte, i, lo int) (start, n int, repl string, defang bool) {
	closer := closerOf(src[i])
	// Find the closing bracket within a few bytes. JSON may have escaped
	// the slashes inside ("[:\/\/]"), so "\/" counts as "/".
	var buf [64]byte
	inner := buf[:0]
	k := -1
	for j := i + 1; j < len(src) && j <= i+64; j++ {
		c := src[j]
		if c == closer {
			k = j
			break
		}
		if c == '\\' && j+1 < len(src) && src[j+1] == '/' {
			continue
		}
		if !isAlnum(c) && c != '.' && c != '@' && c != ':' && c != '/' && c != '-' {
			break
		}
		if len(inner) < len(buf) {
			inner = append(inner, c)
		}
	}
	if k < 0 {
		// "example[.com", "1[.2[.3[.4": an opening bracket glued to a dot.
		if src[i] == '[' && i > 0 && i+2 < len(src) && src[i+1] == '.' && isAlnum(src[i-1]) && isAlnum(src[i+2]) {
			return i, 2, ".", true
		}
		return 0, 0, "", false
	}
	if r, ok := bracketInner(inner); ok {
		start, end := i, k+1
		// " [.] " and " (at) " with single spaces between two words.
		if (r == "." || r == "@") && i-2 >= lo && src[i-1] == ' ' && isAlnum(src[i-2]) &&
			end+1 < len(src) && src[end] == ' ' && isAlnum(src[end+1]) {
			start, end = i-1, end+1
		}
		return start, end - start, r, true
	}
	// "[www].example.com" and "[http]://": brackets around a plain word.
	if src[i] == '[' && len(inner) > 0 && len(inner) <= 63 && allHostChars(inner) && k+2 < len(src) {
		next := src[k+1]
		if (next == '.' && isAlnum(src[k+2])) || (next == ':' && (src[k+2] == '/' || src[k+2] == '\\' || src[k+2] == '[')) {
			return i, k + 1 - i, string(inner), true
		}
	}
	return 0, 0, "", false
}

func matchBackslash(src []byte, i int) (start, n int, repl string, defang bool) {
	if i+1 >= len(src) {
		return 0, 0, "", false
	}
	switch src[i+1] {
	case '/':
		// JSON allows "\/" for "/": an escape, not an obfuscation.
		return i, 2, "/", false
	case '.':
		if i > 0 && i+2 < len(src) && isAlnum(src[i-1]) && isAlnum(src[i+2]) {
			return i, 2, ".", true
		}
	case 'u':
		// JSON's \u0026-style escapes of ASCII punctuation, which Go and
		// other encoders write for & < > ' =.
		if i+5 < len(src) && src[i+2] == '0' && src[i+3] == '0' && isHex(src[i+4]) && isHex(src[i+5]) {
			c := unhex(src[i+4])<<4 | unhex(src[i+5])
			if c > ' ' && c < 0x7F && !isAlnum(c) {
				return i, 6, punctString[c], false
			}
		}
	case '\\':
		// "http:\\example.com": only right after a URL scheme, because
		// "C:\\Windows" in JSON is a path.
		if i > 0 && src[i-1] == ':' && schemeBefore(src, i-1) {
			return i, 2, "//", true
		}
	}
	return 0, 0, "", false
}

// schemeBefore reports whether a URL scheme (possibly defanged) ends just
// before src[colon].
func schemeBefore(src []byte, colon int) bool {
	j := colon
	for j > 0 && colon-j < 12 && (isAlnum(src[j-1]) || src[j-1] == '*') {
		j--
	}
	if j == colon {
		return false
	}
	_, ok := schemeOf(src[j:colon])
	return ok
}

func allHostChars(b []byte) bool {
	for _, c := range b {
		if !isAlnum(c) && c != '-' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return byteClass[c]&(cDigit|cLower|cUpper) != 0
}

// lowerEq reports whether b equals the lower-case ASCII word w, ignoring
// the case of b.
func lowerEq(b []byte, w string) bool {
	if len(b) != len(w) {
		return false
	}
	for i := range b {
		if b[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// punctString holds one-byte strings for ASCII punctuation, so decoding
// an escape allocates nothing.
var punctString = func() (t [128]string) {
	for c := ' '; c < 0x7F; c++ {
		t[c] = string(c)
	}
	return t
}()

// qpLineEnd reports whether the '=' at src[i] ends a line of a
// quoted-printable body: as long as encoders write them (76 characters,
// give or take one, and never much shorter when they had to break a word)
// and holding an escape, so that a line that merely ends in '=' is left
// alone.
func qpLineEnd(src []byte, i int) bool {
	start := i - 78
	if start < 0 {
		start = 0
	}
	nl := bytes.LastIndexByte(src[start:i], '\n')
	if nl < 0 && start > 0 {
		return false
	}
	ls := start + nl + 1
	col := i - ls
	if col < 50 || col > 76 {
		return false
	}
	// A quoted-printable body escapes '=' itself ("=3D") and other bytes
	// ("=20", "=E2"): require one such escape on the line.
	for j := ls; j+2 < i; j++ {
		if src[j] == '=' && isUpperHex(src[j+1]) && isUpperHex(src[j+2]) {
			return true
		}
	}
	return false
}

func isUpperHex(c byte) bool {
	return isDigit(c) || (c >= 'A' && c <= 'F')
}

// qpJoinable reports whether a soft line break after c may split a word
// worth joining (a host name or a path).
func qpJoinable(c byte) bool {
	return hostByte(c) || c == '.' || c == '/'
}
