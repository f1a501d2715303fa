package ioc

import "github.com/oneshot-ioc/oneshot-ioc/internal/coin"

// The checks for the further indicator types. Each takes one candidate
// token, already cut at its boundaries, and returns the normalized value.
var (
	findMitre    = func(string) (string, bool) { return "", false }
	findASN      = func(string) (string, bool) { return "", false }
	findMAC      = func(string) (string, bool) { return "", false }
	findSSDeep   = func(string) (string, bool) { return "", false }
	findJARM     = func(string) (string, bool) { return "", false }
	findFilename = func(string) (string, bool) { return "", false }
	// Whole-text scanners for types that may contain spaces.
	scanRegistry = func([]byte, func(start, end int, value string)) {}
	scanPaths    = func([]byte, func(start, end int, value string)) {}
)

func btcCheck(s string) bool { return coin.ValidBitcoin(s) }
func ethCheck(s string) bool { return coin.ValidEthereum(s) }
func xmrCheck(s string) bool { return coin.ValidMonero(s) }
