package ioc

// Pieces: the alphanumeric runs of an atom without dots, classified by
// length and alphabet (hashes, CVE ids, coins, ATT&CK ids, AS numbers).

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
