package coin

import (
	"bytes"
	"crypto/sha256"
	"strings"
)

// Base58check version bytes of mainnet addresses.
const (
	versionP2PKH = 0x00 // pay to public key hash, starts with '1'
	versionP2SH  = 0x05 // pay to script hash, starts with '3'
)

// ValidBitcoin reports whether s is a mainnet Bitcoin address: a base58check
// P2PKH or P2SH address (25 bytes with a double-SHA-256 checksum), or a
// native segwit address with human-readable part "bc" encoded in bech32
// (witness version 0, BIP-173) or bech32m (versions 1 to 16, BIP-350).
// Testnet and regtest addresses are rejected.
func ValidBitcoin(s string) bool {
	if len(s) >= 3 && strings.EqualFold(s[:3], "bc1") {
		return validSegwit(s)
	}
	return validBase58Check(s)
}

// NormalizeBitcoin returns the canonical form of a valid address: bech32 is
// case-insensitive and canonically lower case, base58 is case-sensitive and
// kept exactly as written.
func NormalizeBitcoin(s string) string {
	if len(s) >= 3 && strings.EqualFold(s[:3], "bc1") {
		return strings.ToLower(s)
	}
	return s
}

func validBase58Check(s string) bool {
	// A 25-byte payload encodes to 26..35 characters (leading zero bytes
	// shrink it); checking the length first bounds the decoding work.
	if len(s) < 26 || len(s) > 35 {
		return false
	}
	if s[0] != '1' && s[0] != '3' {
		return false
	}
	raw, ok := decodeBase58(s)
	if !ok || len(raw) != 25 {
		return false
	}
	if raw[0] != versionP2PKH && raw[0] != versionP2SH {
		return false
	}
	first := sha256.Sum256(raw[:21])
	second := sha256.Sum256(first[:])
	return bytes.Equal(second[:4], raw[21:])
}

func validSegwit(s string) bool {
	hrp, data, variant, ok := decodeBech32(s)
	if !ok || hrp != "bc" || len(data) < 1 {
		return false
	}
	version := data[0]
	if version > 16 {
		return false
	}
	// BIP-350: version 0 keeps bech32, every later version uses bech32m, so
	// a v1 address with a bech32 checksum (or the reverse) is a typo.
	if (version == 0) != (variant == variantBech32) {
		return false
	}
	program, ok := convertBits5to8(data[1:])
	if !ok || len(program) < 2 || len(program) > 40 {
		return false
	}
	if version == 0 && len(program) != 20 && len(program) != 32 {
		return false
	}
	return true
}
