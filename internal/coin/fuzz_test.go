package coin

import (
	"strings"
	"testing"
)

func FuzzValidBitcoin(f *testing.F) {
	for _, s := range []string{
		"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
		"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
		"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
		"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
		"BC1SW50QGDZ25J",
		"bc1",
		"1111111111111111111111111111111111",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !ValidBitcoin(s) {
			return
		}
		if n := NormalizeBitcoin(s); !ValidBitcoin(n) {
			t.Errorf("NormalizeBitcoin(%q) = %q, which does not validate", s, n)
		}
	})
}

func FuzzValidEthereum(f *testing.F) {
	for _, s := range []string{
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0x52908400098527886E0F7030069857D2E4169EE7",
		"0xde709f2102306220921060314715629080e2fb77",
		"0x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !ValidEthereum(s) {
			return
		}
		lower := "0x" + strings.ToLower(s[2:])
		if !ValidEthereum(lower) || !ValidEthereum(EIP55(s)) {
			t.Errorf("%q validates but its lower-case or EIP-55 form does not", s)
		}
		if EIP55(lower) != EIP55(s) {
			t.Errorf("EIP55 depends on the case of %q", s)
		}
	})
}

func FuzzValidMonero(f *testing.F) {
	f.Add(moneroGeneralFund)
	f.Add(encodeMonero(moneroTagIntegrated, fixedPayload(72, 3)))
	f.Add(strings.Repeat("z", 106))
	f.Fuzz(func(_ *testing.T, s string) {
		ValidMonero(s)
	})
}
