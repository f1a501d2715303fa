package coin

import "testing"

func BenchmarkValidBitcoinBase58(b *testing.B) {
	benchValidator(b, ValidBitcoin, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
}

func BenchmarkValidBitcoinBech32m(b *testing.B) {
	benchValidator(b, ValidBitcoin, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0")
}

func BenchmarkValidEthereumChecksummed(b *testing.B) {
	benchValidator(b, ValidEthereum, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
}

func BenchmarkValidMonero(b *testing.B) {
	benchValidator(b, ValidMonero, moneroGeneralFund)
}

func benchValidator(b *testing.B, valid func(string) bool, s string) {
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if !valid(s) {
			b.Fatalf("%q does not validate", s)
		}
	}
}

func BenchmarkKeccak256(b *testing.B) {
	data := []byte("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		keccak256(data)
	}
}
