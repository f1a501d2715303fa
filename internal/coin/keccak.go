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

// keccakRotations[x+5y] is the rho offset of lane (x, y).
var keccakRotations = [25]int{
	0, 1, 62, 28, 27,
	36, 44, 6, 55, 20,
	3, 10, 43, 25, 39,
	41, 45, 15, 21, 8,
	18, 2, 61, 56, 14,
}

// keccakPiDest[x+5y] is where rho-and-pi moves lane (x, y): to (y, 2x+3y).
var keccakPiDest = func() [25]int {
	var t [25]int
	for x := 0; x < 5; x++ {
		for y := 0; y < 5; y++ {
			t[x+5*y] = y + 5*((2*x+3*y)%5)
		}
	}
	return t
}()

// keccakF1600 applies the 24-round permutation to the state, lane (x, y) at
// index x+5y. Loops over the five columns are written out because the
// permutation runs once per candidate Ethereum or Monero address.
func keccakF1600(a *[25]uint64) {
	var b [25]uint64
	for round := 0; round < 24; round++ {
		c0 := a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20]
		c1 := a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21]
		c2 := a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22]
		c3 := a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23]
		c4 := a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24]
		d := [5]uint64{
			c4 ^ bits.RotateLeft64(c1, 1),
			c0 ^ bits.RotateLeft64(c2, 1),
			c1 ^ bits.RotateLeft64(c3, 1),
			c2 ^ bits.RotateLeft64(c4, 1),
			c3 ^ bits.RotateLeft64(c0, 1),
		}
		for i := 0; i < 25; i += 5 {
			a[i] ^= d[0]
			a[i+1] ^= d[1]
			a[i+2] ^= d[2]
			a[i+3] ^= d[3]
			a[i+4] ^= d[4]
		}
		for i := 0; i < 25; i++ {
			b[keccakPiDest[i]] = bits.RotateLeft64(a[i], keccakRotations[i])
		}
		for y := 0; y < 5; y++ {
			row := (*[5]uint64)(b[5*y : 5*y+5])
			out := (*[5]uint64)(a[5*y : 5*y+5])
			out[0] = row[0] ^ (^row[1] & row[2])
			out[1] = row[1] ^ (^row[2] & row[3])
			out[2] = row[2] ^ (^row[3] & row[4])
			out[3] = row[3] ^ (^row[4] & row[0])
			out[4] = row[4] ^ (^row[0] & row[1])
		}
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
