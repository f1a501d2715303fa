package ioc

import "github.com/oneshot-ioc/oneshot-ioc/internal/coin"

// The checksum validators of package coin, under the names the scanner
// uses for every further type (the shape checks live in shapes.go).

func btcCheck(s string) bool { return coin.ValidBitcoin(s) }
func ethCheck(s string) bool { return coin.ValidEthereum(s) }
func xmrCheck(s string) bool { return coin.ValidMonero(s) }
