package coin

// ValidEthereum reports whether s is an Ethereum address: "0x" followed by
// 40 hex digits. An address written all in lower or all in upper case
// carries no checksum and is accepted; one in mixed case must satisfy its
// EIP-55 checksum, since mixed case is exactly how that checksum is written.
//
// The normalized indicator value is the lower-case form ("0x" + 40 lower-case
// hex digits): it is case-insensitive on chain, and one spelling keeps
// deduplication exact. EIP55 gives the checksummed spelling for display.
func ValidEthereum(s string) bool {
	if len(s) != 42 || s[0] != '0' || s[1] != 'x' {
		return false
	}
	lower, upper := false, false
	for i := 2; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case c >= 'a' && c <= 'f':
			lower = true
		case c >= 'A' && c <= 'F':
			upper = true
		default:
			return false
		}
	}
	if !lower || !upper {
		return true
	}
	return EIP55(s) == s
}

// EIP55 returns addr in its EIP-55 checksummed spelling: each hex letter is
// upper case when the matching nibble of the Keccak-256 hash of the
// lower-case hex is 8 or more. addr must be "0x" followed by 40 hex digits;
// anything else is returned unchanged.
func EIP55(addr string) string {
	if len(addr) != 42 || addr[0] != '0' || (addr[1] != 'x' && addr[1] != 'X') {
		return addr
	}
	var hexLower [40]byte
	for i := 0; i < 40; i++ {
		c := addr[i+2]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
		case c >= 'A' && c <= 'F':
			c += 'a' - 'A'
		default:
			return addr
		}
		hexLower[i] = c
	}
	sum := keccak256(hexLower[:])
	out := make([]byte, 42)
	out[0], out[1] = '0', 'x'
	for i, c := range hexLower {
		nibble := sum[i/2] >> 4
		if i%2 == 1 {
			nibble = sum[i/2] & 0x0f
		}
		if c >= 'a' && nibble >= 8 {
			c -= 'a' - 'A'
		}
		out[i+2] = c
	}
	return string(out)
}
