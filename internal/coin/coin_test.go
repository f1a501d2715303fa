package coin

import (
	"crypto/sha3"
	"encoding/hex"
	"strings"
	"testing"
)

func TestKeccak256KnownAnswers(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
		{"abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"},
	}
	for _, tt := range tests {
		sum := keccak256([]byte(tt.in))
		if got := hex.EncodeToString(sum[:]); got != tt.want {
			t.Errorf("keccak256(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// The permutation and sponge are shared with SHA3-256, which the standard
// library implements, so every length around the block boundaries is
// compared against it.
func TestKeccakSpongeMatchesSHA3(t *testing.T) {
	const padSHA3 = 0x06
	data := fixedPayload(3*keccakRate256+1, 7)
	for n := 0; n <= len(data); n++ {
		got := keccakSum256(data[:n], padSHA3)
		if want := sha3.Sum256(data[:n]); got != want {
			t.Fatalf("length %d: sponge gives %x, crypto/sha3 gives %x", n, got, want)
		}
	}
}

func TestValidBitcoin(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"genesis P2PKH", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", true},
		{"BIP-13 P2SH", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", true},
		{"genesis with a changed character", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", false},
		{"genesis lower-cased", "1a1zp1ep5qgefi2dmptftl5slmv7divfna", false},
		{"genesis truncated", "1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf", false},
		{"base58 with 0", "1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a", false},
		{"empty", "", false},
		// BIP-350 valid mainnet segwit addresses.
		{"v0 upper case", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", true},
		{"v0 lower case", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", true},
		{"v1 40 bytes", "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", true},
		{"v16 2 bytes", "BC1SW50QGDZ25J", true},
		{"v2 16 bytes", "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", true},
		{"taproot", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", true},
		// Valid, but not mainnet.
		{"testnet v0", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", false},
		{"testnet v1", "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c", false},
		// BIP-350 invalid segwit addresses.
		{"bad hrp", "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", false},
		{"v1 with bech32", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", false},
		{"v16 with bech32", "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", false},
		{"v0 with bech32m", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", false},
		{"bad checksum character", "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", false},
		{"witness version 17", "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", false},
		{"1-byte program", "bc1pw5dgrnzv", false},
		{"41-byte program", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", false},
		{"v0 16-byte program", "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", false},
		{"mixed case", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzK5jj0", false},
		{"over-long padding", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", false},
		{"empty data", "bc1gmk9yu", false},
	}
	for _, tt := range tests {
		if got := ValidBitcoin(tt.in); got != tt.want {
			t.Errorf("%s: ValidBitcoin(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestBech32ChecksumVectors(t *testing.T) {
	// BIP-350 generic vectors: each is valid in exactly one variant.
	valid := []struct {
		in      string
		variant uint32
	}{
		{"A12UEL5L", variantBech32},
		{"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", variantBech32},
		{"split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", variantBech32},
		{"abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx", variantBech32m},
		{"split1checkupstagehandshakeupstreamerranterredcaperredlc445v", variantBech32m},
		{"11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8", variantBech32m},
	}
	for _, tt := range valid {
		_, _, variant, ok := decodeBech32(tt.in)
		if !ok || variant != tt.variant {
			t.Errorf("decodeBech32(%q) = variant %#x ok %v, want %#x", tt.in, variant, ok, tt.variant)
		}
	}
	for _, in := range []string{"M1VUXWEZ", "A1G7SGD8", "in1muywd", "mm1crxm3i", "y1b0jsk6g", "1qyrz8wqd2c9m", "qyrz8wqd2c9m"} {
		if _, _, _, ok := decodeBech32(in); ok {
			t.Errorf("decodeBech32(%q) accepted an invalid string", in)
		}
	}
}

// substitute returns s with the character at i replaced by a different one
// from alphabet.
func substitute(s string, i int, alphabet string) string {
	j := strings.IndexByte(alphabet, s[i])
	c := alphabet[(j+1)%len(alphabet)]
	if j < 0 {
		c = alphabet[0]
	}
	return s[:i] + string(c) + s[i+1:]
}

func TestValidBitcoinGenerated(t *testing.T) {
	var addrs []string
	for seed := byte(0); seed < 8; seed++ {
		addrs = append(addrs,
			encodeBase58Check(versionP2PKH, fixedPayload(20, seed)),
			encodeBase58Check(versionP2SH, fixedPayload(20, seed)),
			encodeSegwit("bc", 0, fixedPayload(20, seed), variantBech32),
			encodeSegwit("bc", 0, fixedPayload(32, seed), variantBech32),
			encodeSegwit("bc", 1, fixedPayload(32, seed), variantBech32m),
			encodeSegwit("bc", 16, fixedPayload(2+int(seed)*4, seed), variantBech32m),
		)
	}
	// Leading zero bytes become leading '1's.
	addrs = append(addrs, encodeBase58Check(versionP2PKH, make([]byte, 20)))
	for _, a := range addrs {
		if !ValidBitcoin(a) {
			t.Errorf("ValidBitcoin(%q) = false for a generated address", a)
			continue
		}
		if strings.HasPrefix(a, "bc1") {
			if up := strings.ToUpper(a); !ValidBitcoin(up) || NormalizeBitcoin(up) != a {
				t.Errorf("upper-case form of %q not accepted or not normalized back", a)
			}
		} else if NormalizeBitcoin(a) != a {
			t.Errorf("NormalizeBitcoin(%q) changed a base58 address", a)
		}
		alphabet := base58Alphabet
		start := 0
		if strings.HasPrefix(a, "bc1") {
			alphabet, start = bech32Charset, 3
		}
		for i := start; i < len(a); i++ {
			if b := substitute(a, i, alphabet); ValidBitcoin(b) {
				t.Errorf("ValidBitcoin(%q) = true after changing position %d of %q", b, i, a)
			}
		}
	}
	// Right payload, wrong network or version.
	for _, a := range []string{
		encodeBase58Check(0x6f, fixedPayload(20, 1)), // testnet P2PKH
		encodeBase58Check(0x00, fixedPayload(21, 1)), // 26-byte payload
		encodeSegwit("tb", 0, fixedPayload(20, 1), variantBech32),
		encodeSegwit("bc", 0, fixedPayload(24, 1), variantBech32),
		encodeSegwit("bc", 1, fixedPayload(32, 1), variantBech32),
		encodeSegwit("bc", 0, fixedPayload(20, 1), variantBech32m),
	} {
		if ValidBitcoin(a) {
			t.Errorf("ValidBitcoin(%q) = true for an address of the wrong kind", a)
		}
	}
}

func TestValidEthereum(t *testing.T) {
	// The checksummed examples are from EIP-55.
	tests := []struct {
		in   string
		want bool
	}{
		{"0x52908400098527886E0F7030069857D2E4169EE7", true},
		{"0x8617E340B3D01FA5F11F306F4090FD50E238070D", true},
		{"0xde709f2102306220921060314715629080e2fb77", true},
		{"0x27b1fdb04752bbc536007a920d24acb045561c26", true},
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", true},
		{"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", true},
		{"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", true},
		{"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", true},
		{"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", true},
		{"0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", true},
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", false}, // last letter's case flipped
		{"0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", false},
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", false},   // 39 digits
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd", false}, // 41 digits
		{"0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", false},
		{"5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", false},
		{"0xgaaeb6053f3e94c9b9a09f33669435e7ef1beaed", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidEthereum(tt.in); got != tt.want {
			t.Errorf("ValidEthereum(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestEIP55(t *testing.T) {
	for _, want := range []string{
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
		"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
		"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
		"0x52908400098527886E0F7030069857D2E4169EE7",
		"0xde709f2102306220921060314715629080e2fb77",
	} {
		for _, in := range []string{strings.ToLower(want), "0x" + strings.ToUpper(want[2:]), want} {
			if got := EIP55(in); got != want {
				t.Errorf("EIP55(%q) = %q, want %q", in, got, want)
			}
		}
	}
	for _, in := range []string{"", "0x12", "0xzz6916095ca1df60bb79ce92ce3ea74c37c5d359"} {
		if got := EIP55(in); got != in {
			t.Errorf("EIP55(%q) = %q, want it unchanged", in, got)
		}
	}
}

func TestValidEthereumGenerated(t *testing.T) {
	for seed := byte(0); seed < 16; seed++ {
		addr := EIP55("0x" + hex.EncodeToString(fixedPayload(20, seed)))
		if !ValidEthereum(addr) {
			t.Fatalf("ValidEthereum(%q) = false for a checksummed address", addr)
		}
		mixed := strings.ToLower(addr) != addr && "0x"+strings.ToUpper(addr[2:]) != addr
		for i := 2; i < len(addr); i++ {
			c := addr[i]
			var flipped byte
			switch {
			case c >= 'a' && c <= 'f':
				flipped = c - 'a' + 'A'
			case c >= 'A' && c <= 'F':
				flipped = c - 'A' + 'a'
			default:
				continue
			}
			b := addr[:i] + string(flipped) + addr[i+1:]
			if mixed && ValidEthereum(b) && strings.ToLower(b) != b && "0x"+strings.ToUpper(b[2:]) != b {
				t.Errorf("ValidEthereum(%q) = true after flipping the case at %d of %q", b, i, addr)
			}
		}
	}
}

// moneroGeneralFund is the Monero project's published donation address.
const moneroGeneralFund = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A"

func TestValidMonero(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"general fund", moneroGeneralFund, true},
		{"general fund, one character changed", substitute(moneroGeneralFund, 50, base58Alphabet), false},
		{"general fund, truncated", moneroGeneralFund[:94], false},
		{"general fund, extra character", moneroGeneralFund + "A", false},
		{"standard", encodeMonero(moneroTagStandard, fixedPayload(64, 1)), true},
		{"subaddress", encodeMonero(moneroTagSubaddress, fixedPayload(64, 2)), true},
		{"integrated", encodeMonero(moneroTagIntegrated, fixedPayload(72, 3)), true},
		{"testnet standard", encodeMonero(53, fixedPayload(64, 1)), false},
		{"integrated tag, standard length", encodeMonero(moneroTagIntegrated, fixedPayload(64, 1)), false},
		{"standard tag, integrated length", encodeMonero(moneroTagStandard, fixedPayload(72, 1)), false},
		{"bitcoin address", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", false},
		{"95 zeros", strings.Repeat("0", 95), false},
		{"95 z, block overflow", strings.Repeat("z", 95), false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := ValidMonero(tt.in); got != tt.want {
			t.Errorf("%s: ValidMonero(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestValidMoneroGenerated(t *testing.T) {
	kinds := []struct {
		tag     byte
		payload int
		prefix  byte
		length  int
	}{
		{moneroTagStandard, 64, '4', 95},
		{moneroTagSubaddress, 64, '8', 95},
		{moneroTagIntegrated, 72, '4', 106},
	}
	for seed := byte(0); seed < 6; seed++ {
		for _, k := range kinds {
			a := encodeMonero(k.tag, fixedPayload(k.payload, seed))
			if len(a) != k.length || a[0] != k.prefix {
				t.Errorf("tag %d encoded to %q: want %d characters starting with %q", k.tag, a, k.length, k.prefix)
			}
			if !ValidMonero(a) {
				t.Errorf("ValidMonero(%q) = false for a generated address", a)
				continue
			}
			for i := 0; i < len(a); i++ {
				if b := substitute(a, i, base58Alphabet); ValidMonero(b) {
					t.Errorf("ValidMonero(%q) = true after changing position %d of %q", b, i, a)
				}
			}
		}
	}
}
