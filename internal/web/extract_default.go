package web

import "github.com/oneshot-ioc/oneshot-ioc/internal/ioc"

// defaultExtract is used when Config.Extract is nil.
func defaultExtract(text []byte) ([]ioc.Indicator, ioc.Stats) {
	return nil, ioc.Stats{Bytes: int64(len(text)), ByType: map[ioc.Type]int{}}
}
