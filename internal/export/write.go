package export

import (
	"io"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// Defangs reports whether format f can write defanged values. JSON keeps
// the normalized value, which is what programs consume; the "defanged" field
// there says whether the input obfuscated it.
func (f Format) Defangs() bool { return f == CSV || f == Text }

// Write writes inds in format f. defang applies to the formats whose
// Defangs method reports true.
func Write(w io.Writer, f Format, inds []ioc.Indicator, stats ioc.Stats, defang bool) error {
	switch f {
	case JSON:
		return WriteJSON(w, inds, stats)
	case CSV:
		return WriteCSV(w, inds, defang)
	case Text:
		return WriteText(w, inds, defang)
	default:
		return WriteJSONL(w, inds)
	}
}
