package ioc

import "bytes"

// maxURLLen caps a URL. Longer runs are data (base64 blobs, minified
// code), and the cap bounds the work any one candidate costs.
const maxURLLen = 8 << 10

// urlByte marks bytes allowed in a URL's authority (RFC 3986 3.2:
// unreserved, sub-delimiters, ':', '@', '[' and ']' for IPv6 literals)
// minus '(' ')' and ',' , which in prose close a URL far more often than
// they belong to a host.
var authorityByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = hostByte(byte(c)) || c >= 0x80
	}
	for _, c := range []byte(".~%!$&*+;=:@[]") {
		t[c] = true
	}
	return t
}()

// urlAt tries a URL whose "//" (or the defanged "__") separator is at
// s.t[sep]. seg is the first byte the scheme may use. It reports the URL's
// range and emits it with its host.
func (s *scanner) urlAt(seg, sep, we int) (start, end int, ok bool) {
	t := s.t
	colon := sep > seg && t[sep] == '/' && t[sep-1] == ':'
	schemeEnd := sep
	if colon {
		schemeEnd = sep - 1
	}
	b := schemeEnd
	for b > seg && schemeEnd-b < 12 && (isAlnum(t[b-1]) || t[b-1] == '*') {
		b--
	}
	scheme, sok := schemeOf(t[b:schemeEnd])
	if !sok {
		// "Visithttp://…": take a known scheme at the end of the run.
		for _, n := range []int{5, 4, 3} {
			if schemeEnd-b > n {
				if sc, ok := schemeOf(t[schemeEnd-n : schemeEnd]); ok {
					scheme, sok, b = sc, true, schemeEnd-n
					break
				}
			}
		}
		if !sok {
			return 0, 0, false
		}
	}
	defanged := false
	if !colon {
		// "http//host" and "http__host" only make sense for web URLs.
		if scheme != "http" && scheme != "https" {
			return 0, 0, false
		}
		defanged = true
	}
	if schemeEnd-b != len(scheme) {
		defanged = true
	} else {
		for i := b; i < schemeEnd; i++ {
			if lowerByte(t[i]) != scheme[i-b] {
				defanged = true
				break
			}
		}
	}

	hs := sep + 2
	ae := hs
	for ae < we && authorityByte[t[ae]] {
		ae++
	}
	hostStart := hs
	for i := ae - 1; i >= hs; i-- {
		if t[i] == '@' {
			hostStart = i + 1
			break
		}
	}
	hostEnd, portEnd, kind := s.urlHost(hostStart, ae)
	if kind == hostNone {
		return 0, 0, false
	}
	end = portEnd
	if end < we && (t[end] == '/' || t[end] == '?' || t[end] == '#') {
		end = urlPathEnd(t, end, we)
		// A URL inside percent-encoded text ("wget%20http://x/y;%20chmod")
		// ends where the encoded space is.
		if b >= 3 && string(t[b-3:b]) == "%20" {
			if k := bytes.Index(t[portEnd:end], []byte("%20")); k >= 0 {
				end = trimURLTail(t, portEnd, portEnd+k)
			}
		}
	}
	if end-b > maxURLLen {
		return 0, 0, false
	}

	// The value: scheme and host in lower case, the rest untouched.
	s.val = append(s.val[:0], scheme...)
	s.val = append(s.val, "://"...)
	s.val = append(s.val, t[hs:hostStart]...)
	hostValStart := len(s.val)
	switch kind {
	case hostDomain:
		s.val = append(s.val, s.hostVal...)
	default:
		for _, c := range t[hostStart:hostEnd] {
			s.val = append(s.val, lowerByte(c))
		}
	}
	hostValEnd := len(s.val)
	s.val = append(s.val, t[hostEnd:end]...)
	display := ""
	if kind == hostDomain && s.hostDisplay != "" {
		display = string(s.val[:hostValStart]) + s.hostDisplay + string(s.val[hostValEnd:])
	}
	s.emitDisplay(URL, s.val, display, b, end, defanged, false)
	// The host of a defanged URL was shared defanged too.
	defanged = defanged || s.rf.defangedIn(b, end)

	switch kind {
	case hostDomain:
		s.emitDisplay(Domain, s.hostVal, s.hostDisplay, hostStart, hostEnd, defanged, true)
	case hostIPv4:
		s.emit(IPv4, s.hostVal, hostStart, hostEnd, defanged, true)
	case hostIPv6:
		s.emit(IPv6, s.hostVal, hostStart+1, hostEnd-1, defanged, true)
	}
	return b, end, true
}

// Kinds of URL host.
const (
	hostNone = iota
	hostDomain
	hostIPv4
	hostIPv6
	hostLocal // "localhost": a valid URL, no indicator of its own
)

// urlHost parses the host (and port) of an authority. The host's value is
// left in s.hostVal.
func (s *scanner) urlHost(hs, ae int) (hostEnd, portEnd, kind int) {
	t := s.t
	s.hostDisplay = ""
	if hs >= ae {
		return 0, 0, hostNone
	}
	he := hs
	if t[hs] == '[' {
		for he < ae && t[he] != ']' {
			he++
		}
		if he == ae {
			return 0, 0, hostNone
		}
		v, ok := ipv6Value(t[hs+1 : he])
		if !ok {
			return 0, 0, hostNone
		}
		s.hostVal = append(s.hostVal[:0], v...)
		he++
		kind = hostIPv6
	} else {
		for he < ae && (hostByte(t[he]) || t[he] == '.' || t[he] >= 0x80) {
			he++
		}
		// A full stop after the host ends a sentence.
		for he > hs && t[he-1] == '.' && (he == ae || t[he] != ':') {
			he--
		}
		host := t[hs:he]
		switch {
		case len(host) == 0:
			return 0, 0, hostNone
		case ipv4Value(host):
			s.hostVal = append(s.hostVal[:0], host...)
			kind = hostIPv4
		case lowerEq(host, "localhost"):
			kind = hostLocal
		default:
			v, info, ok := s.domainValue(s.hostVal, host)
			s.hostVal = v
			if !ok {
				return 0, 0, hostNone
			}
			s.hostDisplay = info.display
			kind = hostDomain
		}
	}
	pe := he
	if pe+1 < ae && t[pe] == ':' && isDigit(t[pe+1]) {
		pe++
		for pe < ae && isDigit(t[pe]) && pe-he <= 5 {
			pe++
		}
	}
	return he, pe, kind
}

// urlPathEnd finds where a URL's path, query and fragment end: at the end
// of the word, at a closing bracket that was never opened (so
// "(see http://x/y)" and Markdown links lose their ')' while
// ".../Bolt_(ransomware)" keeps it), and before trailing sentence
// punctuation.
func urlPathEnd(t []byte, i, we int) int {
	paren, square := 0, 0
	end := i
loop:
	for ; end < we; end++ {
		switch t[end] {
		case '(':
			paren++
		case ')':
			if paren == 0 {
				break loop
			}
			paren--
		case '[':
			square++
		case ']':
			if square == 0 {
				break loop
			}
			square--
		}
	}
	return trimURLTail(t, i, end)
}

// trimURLTail drops the sentence punctuation that follows a URL in prose.
func trimURLTail(t []byte, i, end int) int {
	for end > i {
		switch t[end-1] {
		case '.', ',', ';', ':', '!', '?', '*', '(', '[', '+':
			end--
			continue
		}
		break
	}
	return end
}
