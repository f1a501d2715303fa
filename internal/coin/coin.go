// Package coin validates cryptocurrency addresses found in text. Every
// validator is precise: an address whose checksum does not hold is rejected,
// because a near-miss is far more likely to be noise than an indicator.
//
// The validators never allocate more than a few hundred bytes and bound their
// work by the input's length, so a scanner may call them on every candidate
// token it sees.
package coin
