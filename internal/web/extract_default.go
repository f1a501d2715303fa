package web

import "github.com/oneshot-ioc/oneshot-ioc/internal/ioc"

// defaultExtract is used when Config.Extract is nil: the engine with every
// type and its default limits.
func defaultExtract(text []byte) ([]ioc.Indicator, ioc.Stats) {
	return ioc.Extract(text, ioc.Options{})
}
