package ioc

import "bytes"

// The defanged forms the refang pass recognizes, one matcher per
// trigger byte.

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

// bracketInner maps what may stand between brackets to what it means.
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
	if i+2 < len(src) && src[i+2] == closer && (src[i+1] == '.' || src[i+1] == '@') {
		// The commonest forms, "[.]" and "[@]", without the general search.
		if i-2 >= lo && src[i-1] == ' ' && isAlnum(src[i-2]) && i+4 < len(src) && src[i+3] == ' ' && isAlnum(src[i+4]) {
			return i - 1, 5, punctString[src[i+1]], true
		}
		return i, 3, punctString[src[i+1]], true
	}
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
	// A defanged dot after it ("[www][.]example") counts as a dot, or the
	// text would refang differently once that dot is restored.
	if src[i] == '[' && len(inner) > 0 && len(inner) <= 63 && allHostChars(inner) && k+2 < len(src) {
		next := src[k+1]
		if (next == '.' && isAlnum(src[k+2])) || defangedDotAt(src, k+1, lo) ||
			(next == ':' && (src[k+2] == '/' || src[k+2] == '\\' || src[k+2] == '[')) {
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

// defangedDotAt reports whether a bracketed dot such as "[.]" or "(dot)"
// starts at src[j].
func defangedDotAt(src []byte, j, lo int) bool {
	if j >= len(src) || (src[j] != '[' && src[j] != '(' && src[j] != '{') {
		return false
	}
	_, _, repl, _ := matchBracket(src, j, lo)
	return repl == "."
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
