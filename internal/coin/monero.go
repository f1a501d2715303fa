package coin

import (
	"bytes"
	"math/bits"
)

// Mainnet network tags, written as a varint at the start of the address.
const (
	moneroTagStandard   = 18 // "4…", 95 characters
	moneroTagIntegrated = 19 // "4…", 106 characters, with an 8-byte payment ID
	moneroTagSubaddress = 42 // "8…", 95 characters
)

// moneroEncodedBlockSizes[n] is how many characters n bytes encode to in
// Monero's base58, which encodes 8-byte blocks to 11 characters each instead
// of treating the whole address as one number.
var moneroEncodedBlockSizes = [9]int{0, 2, 3, 5, 6, 7, 9, 10, 11}

const (
	moneroFullBlock        = 8
	moneroFullEncodedBlock = 11
)

// ValidMonero reports whether s is a mainnet Monero address: a standard
// address or subaddress (95 characters, network tag 18 or 42, two 32-byte
// public keys) or an integrated address (106 characters, tag 19, keys plus an
// 8-byte payment ID), each ending in the first 4 bytes of the Keccak-256 hash
// of everything before them. Testnet and stagenet addresses are rejected.
func ValidMonero(s string) bool {
	var payload int
	switch len(s) {
	case 95:
		payload = 64
	case 106:
		payload = 72
	default:
		return false
	}
	raw, ok := decodeMoneroBase58(s)
	if !ok {
		return false
	}
	// Mainnet tags are all below 128, so the varint is a single byte.
	if len(raw) != 1+payload+4 {
		return false
	}
	switch raw[0] {
	case moneroTagStandard, moneroTagSubaddress:
		if payload != 64 {
			return false
		}
	case moneroTagIntegrated:
		if payload != 72 {
			return false
		}
	default:
		return false
	}
	body := raw[:len(raw)-4]
	sum := keccak256(body)
	return bytes.Equal(sum[:4], raw[len(raw)-4:])
}

// decodeMoneroBase58 decodes s block by block. A block whose value overflows
// its byte size, or a final block of a length no byte count encodes to, makes
// the whole string invalid.
func decodeMoneroBase58(s string) ([]byte, bool) {
	full := len(s) / moneroFullEncodedBlock
	rest := len(s) % moneroFullEncodedBlock
	restBytes := -1
	for n, size := range moneroEncodedBlockSizes {
		if size == rest {
			restBytes = n
			break
		}
	}
	if restBytes < 0 {
		return nil, false
	}
	out := make([]byte, 0, full*moneroFullBlock+restBytes)
	for i := 0; i < full; i++ {
		block := s[i*moneroFullEncodedBlock : (i+1)*moneroFullEncodedBlock]
		var ok bool
		out, ok = appendMoneroBlock(out, block, moneroFullBlock)
		if !ok {
			return nil, false
		}
	}
	if rest > 0 {
		var ok bool
		out, ok = appendMoneroBlock(out, s[full*moneroFullEncodedBlock:], restBytes)
		if !ok {
			return nil, false
		}
	}
	return out, true
}

// appendMoneroBlock decodes one block of up to 11 characters into exactly n
// big-endian bytes.
func appendMoneroBlock(out []byte, block string, n int) ([]byte, bool) {
	var value uint64
	for i := 0; i < len(block); i++ {
		d := base58Digits[block[i]]
		if d < 0 {
			return nil, false
		}
		hi, lo := bits.Mul64(value, 58)
		if hi != 0 {
			return nil, false
		}
		sum := lo + uint64(d)
		if sum < lo {
			return nil, false
		}
		value = sum
	}
	if n < 8 && value>>(8*uint(n)) != 0 {
		return nil, false
	}
	for i := n - 1; i >= 0; i-- {
		out = append(out, byte(value>>(8*uint(i))&0xff))
	}
	return out, true
}
