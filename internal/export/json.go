package export

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// newEncoder returns a JSON encoder that leaves &, < and > alone: the output
// is read by people and tools, never embedded in HTML, and URLs stay legible.
func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// WriteJSONL writes one JSON object per indicator, one per line.
func WriteJSONL(w io.Writer, inds []ioc.Indicator) error {
	enc := newEncoder(w)
	for _, ind := range inds {
		if err := enc.Encode(record(ind)); err != nil {
			return fmt.Errorf("write JSON line: %w", err)
		}
	}
	return nil
}

// Document is the shape of the single JSON document, the same as the answer
// of POST /api/extract.
type Document struct {
	IOCs  []ioc.Indicator `json:"iocs"`
	Stats ioc.Stats       `json:"stats"`
}

// NewDocument builds the document for inds and stats, with empty lists and
// maps rather than nulls.
func NewDocument(inds []ioc.Indicator, stats ioc.Stats) Document {
	doc := Document{IOCs: make([]ioc.Indicator, 0, len(inds)), Stats: stats}
	for _, ind := range inds {
		doc.IOCs = append(doc.IOCs, record(ind))
	}
	if doc.Stats.ByType == nil {
		doc.Stats.ByType = map[ioc.Type]int{}
	}
	return doc
}

// WriteJSON writes one indented JSON document {"iocs": […], "stats": {…}}.
func WriteJSON(w io.Writer, inds []ioc.Indicator, stats ioc.Stats) error {
	enc := newEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(NewDocument(inds, stats)); err != nil {
		return fmt.Errorf("write JSON document: %w", err)
	}
	return nil
}
