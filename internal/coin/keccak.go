package coin

import (
	"encoding/binary"
	"math/bits"
)

// Ethereum and Monero hash with the original Keccak-256, which differs from
// the standardized SHA3-256 only in its padding byte. The standard library
// offers SHA3 alone, and golang.org/x/crypto/sha3's legacy Keccak pulls in
// golang.org/x/sys, so the permutation lives here: it is short and its tests
// check it against crypto/sha3 through the shared sponge.

// keccakPadLegacy is the domain-separation byte that starts the padding of
// Keccak as submitted, used by Ethereum and Monero (FIPS 202 SHA3 uses 0x06).
const keccakPadLegacy = 0x01

// keccakRate256 is the sponge rate in bytes for a 256-bit output.
const keccakRate256 = (1600 - 2*256) / 8

var keccakRoundConstants = [24]uint64{
	0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
	0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
	0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
	0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
	0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
	0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
}

// keccakF1600 applies the 24-round permutation to the state, lane (x, y) at
// index x+5y. The steps are written out lane by lane, because the
// permutation runs once per candidate Ethereum or Monero address and loops
// over index tables cost several times more. Rho rotates each lane by its
// fixed offset and pi moves lane (x, y) to (y, 2x+3y); b holds the result,
// which chi combines row by row.
func keccakF1600(a *[25]uint64) {
	for round := 0; round < 24; round++ {
		c0 := a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20]
		c1 := a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21]
		c2 := a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22]
		c3 := a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23]
		c4 := a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24]
		d0 := c4 ^ bits.RotateLeft64(c1, 1)
		d1 := c0 ^ bits.RotateLeft64(c2, 1)
		d2 := c1 ^ bits.RotateLeft64(c3, 1)
		d3 := c2 ^ bits.RotateLeft64(c4, 1)
		d4 := c3 ^ bits.RotateLeft64(c0, 1)
		for i := 0; i < 25; i += 5 {
			a[i] ^= d0
			a[i+1] ^= d1
			a[i+2] ^= d2
			a[i+3] ^= d3
			a[i+4] ^= d4
		}
		b0 := a[0]
		b1 := bits.RotateLeft64(a[6], 44)
		b2 := bits.RotateLeft64(a[12], 43)
		b3 := bits.RotateLeft64(a[18], 21)
		b4 := bits.RotateLeft64(a[24], 14)
		b5 := bits.RotateLeft64(a[3], 28)
		b6 := bits.RotateLeft64(a[9], 20)
		b7 := bits.RotateLeft64(a[10], 3)
		b8 := bits.RotateLeft64(a[16], 45)
		b9 := bits.RotateLeft64(a[22], 61)
		b10 := bits.RotateLeft64(a[1], 1)
		b11 := bits.RotateLeft64(a[7], 6)
		b12 := bits.RotateLeft64(a[13], 25)
		b13 := bits.RotateLeft64(a[19], 8)
		b14 := bits.RotateLeft64(a[20], 18)
		b15 := bits.RotateLeft64(a[4], 27)
		b16 := bits.RotateLeft64(a[5], 36)
		b17 := bits.RotateLeft64(a[11], 10)
		b18 := bits.RotateLeft64(a[17], 15)
		b19 := bits.RotateLeft64(a[23], 56)
		b20 := bits.RotateLeft64(a[2], 62)
		b21 := bits.RotateLeft64(a[8], 55)
		b22 := bits.RotateLeft64(a[14], 39)
		b23 := bits.RotateLeft64(a[15], 41)
		b24 := bits.RotateLeft64(a[21], 2)
		a[0] = b0 ^ (^b1 & b2)
		a[1] = b1 ^ (^b2 & b3)
		a[2] = b2 ^ (^b3 & b4)
		a[3] = b3 ^ (^b4 & b0)
		a[4] = b4 ^ (^b0 & b1)
		a[5] = b5 ^ (^b6 & b7)
		a[6] = b6 ^ (^b7 & b8)
		a[7] = b7 ^ (^b8 & b9)
		a[8] = b8 ^ (^b9 & b5)
		a[9] = b9 ^ (^b5 & b6)
		a[10] = b10 ^ (^b11 & b12)
		a[11] = b11 ^ (^b12 & b13)
		a[12] = b12 ^ (^b13 & b14)
		a[13] = b13 ^ (^b14 & b10)
		a[14] = b14 ^ (^b10 & b11)
		a[15] = b15 ^ (^b16 & b17)
		a[16] = b16 ^ (^b17 & b18)
		a[17] = b17 ^ (^b18 & b19)
		a[18] = b18 ^ (^b19 & b15)
		a[19] = b19 ^ (^b15 & b16)
		a[20] = b20 ^ (^b21 & b22)
		a[21] = b21 ^ (^b22 & b23)
		a[22] = b22 ^ (^b23 & b24)
		a[23] = b23 ^ (^b24 & b20)
		a[24] = b24 ^ (^b20 & b21)
		a[0] ^= keccakRoundConstants[round]
	}
}

// keccakSum256 hashes data with the given padding byte.
func keccakSum256(data []byte, pad byte) [32]byte {
	var state [25]uint64
	absorb := func(block []byte) {
		for i := 0; i < keccakRate256/8; i++ {
			state[i] ^= binary.LittleEndian.Uint64(block[8*i:])
		}
		keccakF1600(&state)
	}
	for len(data) >= keccakRate256 {
		absorb(data[:keccakRate256])
		data = data[keccakRate256:]
	}
	var last [keccakRate256]byte
	copy(last[:], data)
	last[len(data)] ^= pad
	last[keccakRate256-1] ^= 0x80
	absorb(last[:])
	var out [32]byte
	for i := 0; i < 4; i++ {
		binary.LittleEndian.PutUint64(out[8*i:], state[i])
	}
	return out
}

// keccak256 is the legacy Keccak-256 hash of data.
func keccak256(data []byte) [32]byte {
	return keccakSum256(data, keccakPadLegacy)
}
