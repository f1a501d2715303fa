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
	// rec is the store's record of the match, when the sink knows it: a
	// replayed word passes it in, and the sink sets it.
	rec *record
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
		if !plainWord(t, ws, we, f) && !s.cachedWord(ws, we, f) {
			s.word(ws, we, f)
		}
		i, done = we, we
	}
}

// word looks at one word and returns where scanning resumes (past the
// word, or further when the indicator spans the next word too).
func (s *scanner) word(ws, we int, f uint16) int {
	if plainWord(s.t, ws, we, f) {
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

// plainWord reports whether the word t[ws:we], of byte classes f, holds
// nothing, by its classes alone. The scanner asks before the word cache,
// so such words, common in logs, cost neither a hash nor a slot.
func plainWord(t []byte, ws, we int, f uint16) bool {
	if f&(cLower|cUpper|cDot|cColon|cAt|cHigh) == 0 {
		// Digits and punctuation only ("200", "2024-03-05"): nothing an
		// indicator is made of, except the second half of "CVE 2019-0708".
		return ws < 4 || t[ws-1] != ' ' || !lowerEq(t[ws-4:ws-1], "cve")
	}
	// A word that only ends a sentence ("encrypted.").
	return f&(cDigit|cColon|cAt|cHigh) == 0 && bytes.IndexByte(t[ws:we-1], '.') < 0
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

func (s *scanner) emit(typ Type, v []byte, cs, ce int, defanged, derived bool) {
	s.emitDisplay(typ, v, "", cs, ce, defanged, derived)
}

func (s *scanner) emitDisplay(typ Type, v []byte, display string, cs, ce int, defanged, derived bool) {
	s.m = match{typ: typ, value: v, display: display, cs: cs, ce: ce, defanged: defanged, derived: derived}
	if s.cache != nil && s.cache.recOn {
		s.cache.record(&s.m)
	}
	s.out.add(&s.m)
}

// replay emits a remembered match of the word at ws, and remembers the
// record the sink found for it.
func (s *scanner) replay(cm *cachedMatch, ws int) {
	s.m = match{typ: cm.typ, value: cm.value, display: cm.display, cs: ws + cm.cs, ce: ws + cm.ce,
		defanged: cm.defanged, derived: cm.derived, rec: cm.rec}
	s.out.add(&s.m)
	if cm.rec == nil {
		cm.rec = s.m.rec
	}
}
