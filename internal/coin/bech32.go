package coin

// bech32Charset orders the 32 symbols so that the likeliest misreadings
// differ in few bits, which the BCH checksum then always detects.
const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// The constant the checksum polymod must yield, per variant.
const (
	variantBech32  = 1          // BIP-173
	variantBech32m = 0x2bc830a3 // BIP-350
)

// bech32MaxLen is BIP-173's overall length limit.
const bech32MaxLen = 90

var bech32Values = func() [256]int8 {
	var t [256]int8
	for i := range t {
		t[i] = -1
	}
	// Both cases decode; decodeBech32 rejects a string that mixes them.
	for i := 0; i < len(bech32Charset); i++ {
		c := bech32Charset[i]
		t[c] = int8(i)
		if c >= 'a' && c <= 'z' {
			t[c-'a'+'A'] = int8(i)
		}
	}
	return t
}()

func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if (top>>uint(i))&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

// decodeBech32 splits s at its last '1', checks the checksum and returns the
// lower-case human-readable part, the data symbols without the checksum, and
// which variant's constant matched.
func decodeBech32(s string) (hrp string, data []byte, variant uint32, ok bool) {
	if len(s) > bech32MaxLen || len(s) < 8 {
		return "", nil, 0, false
	}
	lower, upper := false, false
	sep := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 33 || c > 126 {
			return "", nil, 0, false
		}
		switch {
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		case c == '1':
			sep = i
		}
	}
	if lower && upper {
		return "", nil, 0, false
	}
	if sep < 1 || sep+7 > len(s) {
		return "", nil, 0, false
	}
	h := make([]byte, sep)
	for i := 0; i < sep; i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h[i] = c
	}
	values := make([]byte, 0, 2*sep+1+len(s)-sep-1)
	for _, c := range h {
		values = append(values, c>>5)
	}
	values = append(values, 0)
	for _, c := range h {
		values = append(values, c&31)
	}
	for i := sep + 1; i < len(s); i++ {
		v := bech32Values[s[i]]
		if v < 0 {
			return "", nil, 0, false
		}
		values = append(values, byte(v))
	}
	switch bech32Polymod(values) {
	case variantBech32:
		variant = variantBech32
	case variantBech32m:
		variant = variantBech32m
	default:
		return "", nil, 0, false
	}
	dataStart := 2*sep + 1
	return string(h), values[dataStart : len(values)-6], variant, true
}

// convertBits5to8 regroups 5-bit symbols into bytes. Per BIP-173 the padding
// left over must be under 5 bits and all zero.
func convertBits5to8(data []byte) ([]byte, bool) {
	acc, bits := uint32(0), uint(0)
	out := make([]byte, 0, len(data)*5/8)
	for _, v := range data {
		acc = acc<<5 | uint32(v)
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits&0xff))
		}
	}
	if bits >= 5 || acc&(1<<bits-1) != 0 {
		return nil, false
	}
	return out, true
}
