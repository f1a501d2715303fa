package ioc

import "bytes"

// E-mail addresses: a local part and a domain around each '@' of an atom.

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
