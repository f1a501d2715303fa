package ioc

import (
	"encoding/binary"
	"math/bits"
)

// Byte classes drive the scanner: one table lookup per byte tells whether
// it ends a word and what kind of indicator the word might hold.
const (
	cDelim  uint16 = 1 << iota // ends a word: space, control, quotes, <>, `, |, \, {}, ^, ','
	cDigit                     // 0-9
	cLower                     // a-z
	cUpper                     // A-Z
	cHexL                      // a-f, A-F
	cDot                       // .
	cColon                     // :
	cAt                        // @
	cSlash                     // /
	cUnder                     // _
	cHyphen                    // -
	cHigh                      // 0x80 and above: part of a UTF-8 sequence
	cOther                     // any other punctuation inside a word
	cPlus                      // +
	cAtom                      // set in atomClass only: the byte stays inside an atom
)

var byteClass = func() (t [256]uint16) {
	for c := 0; c < 256; c++ {
		switch {
		case c <= ' ' || c == 0x7F:
			t[c] = cDelim
		case c >= '0' && c <= '9':
			t[c] = cDigit
		case c >= 'a' && c <= 'z':
			t[c] = cLower
		case c >= 'A' && c <= 'Z':
			t[c] = cUpper
		case c >= 0x80:
			t[c] = cHigh
		default:
			t[c] = cOther
		}
		if (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') {
			t[c] |= cHexL
		}
	}
	for _, c := range []byte("\"'<>`|\\{}^,") {
		t[c] = cDelim
	}
	t['.'] = cDot
	t[':'] = cColon
	t['@'] = cAt
	t['/'] = cSlash
	t['_'] = cUnder
	t['-'] = cHyphen
	t['+'] = cPlus
	return t
}()

// hostByte reports whether c may appear in a host name label (ASCII part).
func hostByte(c byte) bool {
	return byteClass[c]&(cDigit|cLower|cUpper|cHyphen|cUnder) != 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool { return byteClass[c]&(cDigit|cHexL) != 0 }

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// indexTable returns the index of the first byte of t at or after i whose
// entry in table is non-zero, or len(t). It tests eight bytes per step and
// finds the one that matched without going back over them.
func indexTable(t []byte, i int, table *[256]uint8) int {
	for i+8 <= len(t) {
		b := t[i : i+8 : i+8]
		v := uint64(table[b[0]]) | uint64(table[b[1]])<<8 | uint64(table[b[2]])<<16 | uint64(table[b[3]])<<24 |
			uint64(table[b[4]])<<32 | uint64(table[b[5]])<<40 | uint64(table[b[6]])<<48 | uint64(table[b[7]])<<56
		if v != 0 {
			return i + bits.TrailingZeros64(v)>>3
		}
		i += 8
	}
	for i < len(t) && table[t[i]] == 0 {
		i++
	}
	return i
}

// SWAR constants: one byte value repeated in every lane of a word.
const (
	lanes01 = 0x0101010101010101
	lanes7F = 0x7F7F7F7F7F7F7F7F
	lanes80 = 0x8080808080808080
)

// indexInteresting returns the index of the first byte of t at or after i
// that is a digit, '.', '/', ':', '@' or non-ASCII, or len(t). It tests
// eight bytes at a time with word arithmetic, which costs a couple of
// operations per byte where table lookups cost four. ('/' comes with the
// range 0x2E..0x3A; a word it brings in is simply found to hold nothing.)
func indexInteresting(t []byte, i int) int {
	for i+8 <= len(t) {
		x := binary.LittleEndian.Uint64(t[i:])
		low := x & lanes7F
		// Lanes from 0x2E ('.') to 0x3A (':'): at least 0x2E and below 0x3B.
		inRange := (low + (0x80-0x2E)*lanes01) &^ (low + (0x80-0x3B)*lanes01)
		// Lanes equal to '@'.
		at := low ^ 0x40*lanes01
		isAt := ^((at & lanes7F) + lanes7F) &^ at
		m := (inRange&^x | isAt&^x | x) & lanes80
		if m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	for i < len(t) && interesting[t[i]] == 0 && t[i] != '/' {
		i++
	}
	return i
}
