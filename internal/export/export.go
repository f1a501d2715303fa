// Package export writes extracted indicators in the formats analysts feed
// into other tools: JSON Lines, one JSON document, CSV and plain text.
package export

import "github.com/oneshot-ioc/oneshot-ioc/internal/ioc"

// Format names an output format as given to --format.
type Format string

// The output formats.
const (
	JSONL Format = "jsonl"
	JSON  Format = "json"
	CSV   Format = "csv"
	Text  Format = "text"
)

// Formats lists every format in the order they are documented.
func Formats() []Format { return []Format{JSONL, JSON, CSV, Text} }

// ParseFormat accepts a format name such as "csv".
func ParseFormat(name string) (Format, bool) {
	for _, f := range Formats() {
		if string(f) == name {
			return f, true
		}
	}
	return "", false
}

// record is an indicator as written out. Empty lists are written as [] so
// that consumers never have to tell null from "none".
func record(ind ioc.Indicator) ioc.Indicator {
	if ind.Raw == nil {
		ind.Raw = []string{}
	}
	if ind.Offsets == nil {
		ind.Offsets = []int64{}
	}
	if ind.Tags == nil {
		ind.Tags = []string{}
	}
	return ind
}

// value is the form of an indicator's value to print: the normalized value,
// or with defang its safe-to-share form.
func value(ind ioc.Indicator, defang bool) string {
	if defang {
		return ioc.Defang(ind.Type, ind.Value)
	}
	return ind.Value
}
