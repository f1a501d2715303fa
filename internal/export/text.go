package export

import (
	"bufio"
	"fmt"
	"io"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// WriteText writes one value per line, or with defang one safe-to-share
// form per line, ready to paste into a query or a report.
func WriteText(w io.Writer, inds []ioc.Indicator, defang bool) error {
	bw := bufio.NewWriter(w)
	for _, ind := range inds {
		// Errors stick in the bufio.Writer and surface at Flush.
		_, _ = bw.WriteString(value(ind, defang))
		_ = bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write text: %w", err)
	}
	return nil
}
