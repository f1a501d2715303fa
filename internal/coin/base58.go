package coin

// base58Alphabet is the alphabet shared by Bitcoin's base58check and Monero's
// block encoding: no 0, O, I or l, so addresses survive being read aloud.
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58Digits maps a byte to its base58 digit value, or -1.
var base58Digits = func() [256]int8 {
	var t [256]int8
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(base58Alphabet); i++ {
		t[base58Alphabet[i]] = int8(i)
	}
	return t
}()

// decodeBase58 decodes s as one big-endian base58 number, keeping one zero
// byte for each leading '1' as Bitcoin does. Callers bound len(s): the work
// is quadratic in it.
func decodeBase58(s string) ([]byte, bool) {
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	// log(58)/log(256) < 0.733, so len*733/1000+1 bytes always suffice.
	size := (len(s)-zeros)*733/1000 + 1
	num := make([]byte, size)
	for i := zeros; i < len(s); i++ {
		d := base58Digits[s[i]]
		if d < 0 {
			return nil, false
		}
		carry := int(d)
		for j := size - 1; j >= 0; j-- {
			carry += int(num[j]) * 58
			num[j] = byte(carry & 0xff)
			carry >>= 8
		}
		if carry != 0 {
			return nil, false
		}
	}
	skip := 0
	for skip < size && num[skip] == 0 {
		skip++
	}
	out := make([]byte, zeros+size-skip)
	copy(out[zeros:], num[skip:])
	return out, true
}
