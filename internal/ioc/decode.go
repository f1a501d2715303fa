package ioc

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Input encodings, decided by the byte-order mark at the stream start.
const (
	encUnknown = iota
	encUTF8
	encUTF16LE
	encUTF16BE
)

// decoder turns the input stream into UTF-8: UTF-16 with a byte-order mark
// (as Windows tools write it) is transcoded, a UTF-8 mark is dropped, and
// everything else passes through untouched, invalid bytes included.
type decoder struct {
	enc       int
	head      []byte // first bytes while the encoding is undecided
	odd       []byte // a UTF-16 code unit split between writes
	surrogate rune   // a high surrogate waiting for its pair
	out       []byte
}

// decode returns the UTF-8 text for p. The result may alias p or the
// decoder's own buffer; it is valid until the next call.
func (d *decoder) decode(p []byte, final bool) []byte {
	if d.enc == encUnknown {
		d.head = append(d.head, p...)
		if len(d.head) < 3 && !final {
			return nil
		}
		p = d.head
		d.head = nil
		switch {
		case len(p) >= 2 && p[0] == 0xFF && p[1] == 0xFE:
			d.enc, p = encUTF16LE, p[2:]
		case len(p) >= 2 && p[0] == 0xFE && p[1] == 0xFF:
			d.enc, p = encUTF16BE, p[2:]
		case len(p) >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF:
			d.enc, p = encUTF8, p[3:]
		default:
			d.enc = encUTF8
		}
	}
	if d.enc == encUTF8 {
		return p
	}
	d.out = d.out[:0]
	if len(d.odd) > 0 && len(p) > 0 {
		d.odd = append(d.odd, p[0])
		d.unit(d.odd)
		d.odd = d.odd[:0]
		p = p[1:]
	}
	for len(p) >= 2 {
		d.unit(p[:2])
		p = p[2:]
	}
	if len(p) == 1 {
		d.odd = append(d.odd[:0], p[0])
	}
	if final && d.surrogate != 0 {
		d.out = utf8.AppendRune(d.out, utf8.RuneError)
		d.surrogate = 0
	}
	return d.out
}

func (d *decoder) unit(b []byte) {
	var r rune
	if d.enc == encUTF16LE {
		r = rune(b[0]) | rune(b[1])<<8
	} else {
		r = rune(b[1]) | rune(b[0])<<8
	}
	if d.surrogate != 0 {
		hi := d.surrogate
		d.surrogate = 0
		if pair := utf16.DecodeRune(hi, r); pair != utf8.RuneError {
			d.out = utf8.AppendRune(d.out, pair)
			return
		}
		d.out = utf8.AppendRune(d.out, utf8.RuneError)
	}
	if utf16.IsSurrogate(r) && r < 0xDC00 {
		d.surrogate = r
		return
	}
	if utf16.IsSurrogate(r) {
		r = utf8.RuneError
	}
	d.out = utf8.AppendRune(d.out, r)
}
