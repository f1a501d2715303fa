package coin

import (
	"crypto/sha256"
	"math/big"
	"strings"
)

// The encoders below exist only to build test vectors from chosen payloads,
// so that every validator is checked against addresses it did not produce.

func encodeBase58(b []byte) string {
	n := new(big.Int).SetBytes(b)
	base := big.NewInt(58)
	mod := new(big.Int)
	var out []byte
	for n.Sign() > 0 {
		n.DivMod(n, base, mod)
		out = append(out, base58Alphabet[mod.Int64()])
	}
	for _, c := range b {
		if c != 0 {
			break
		}
		out = append(out, '1')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

func encodeBase58Check(version byte, payload []byte) string {
	raw := append([]byte{version}, payload...)
	first := sha256.Sum256(raw)
	second := sha256.Sum256(first[:])
	return encodeBase58(append(raw, second[:4]...))
}

func encodeSegwit(hrp string, version byte, program []byte, variant uint32) string {
	data := []byte{version}
	acc, nbits := uint32(0), uint(0)
	for _, b := range program {
		acc = acc<<8 | uint32(b)
		nbits += 8
		for nbits >= 5 {
			nbits -= 5
			data = append(data, byte(acc>>nbits&31))
		}
	}
	if nbits > 0 {
		data = append(data, byte(acc<<(5-nbits)&31))
	}
	values := make([]byte, 0, 2*len(hrp)+1+len(data)+6)
	for i := 0; i < len(hrp); i++ {
		values = append(values, hrp[i]>>5)
	}
	values = append(values, 0)
	for i := 0; i < len(hrp); i++ {
		values = append(values, hrp[i]&31)
	}
	values = append(values, data...)
	values = append(values, 0, 0, 0, 0, 0, 0)
	mod := bech32Polymod(values) ^ variant
	var sb strings.Builder
	sb.WriteString(hrp)
	sb.WriteByte('1')
	for _, v := range data {
		sb.WriteByte(bech32Charset[v])
	}
	for i := 0; i < 6; i++ {
		sb.WriteByte(bech32Charset[(mod>>(5*(5-uint(i))))&31])
	}
	return sb.String()
}

func encodeMoneroBase58(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		n := moneroFullBlock
		if len(b) < n {
			n = len(b)
		}
		block := b[:n]
		b = b[n:]
		var value uint64
		for _, c := range block {
			value = value<<8 | uint64(c)
		}
		size := moneroEncodedBlockSizes[n]
		enc := make([]byte, size)
		for i := size - 1; i >= 0; i-- {
			enc[i] = base58Alphabet[value%58]
			value /= 58
		}
		sb.Write(enc)
	}
	return sb.String()
}

func encodeMonero(tag byte, payload []byte) string {
	raw := append([]byte{tag}, payload...)
	sum := keccak256(raw)
	return encodeMoneroBase58(append(raw, sum[:4]...))
}

// fixedPayload returns n deterministic, varied bytes.
func fixedPayload(n int, seed byte) []byte {
	out := make([]byte, n)
	x := uint32(seed)*2654435761 + 1
	for i := range out {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		out[i] = byte(x & 0xff)
	}
	return out
}
