package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// csvHeader names the CSV columns.
var csvHeader = []string{"type", "value", "defanged", "count", "tags", "raw"}

// rawSeparator joins several raw forms in one cell; raw forms come from single
// lines of text, so the separator keeps each row on one line for grep and cut.
const rawSeparator = " | "

// WriteCSV writes a header and one row per indicator. With defang the value
// column holds the safe-to-share form and the raw column is left empty,
// because raw forms may be live links and the file is meant to be shared.
// The defanged column always says whether the input obfuscated the value.
func WriteCSV(w io.Writer, inds []ioc.Indicator, defang bool) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("write CSV header: %w", err)
	}
	for _, ind := range inds {
		raw := ""
		if !defang {
			raw = strings.Join(ind.Raw, rawSeparator)
		}
		row := []string{
			string(ind.Type),
			value(ind, defang),
			strconv.FormatBool(ind.Defanged),
			strconv.Itoa(ind.Count),
			strings.Join(ind.Tags, ";"),
			raw,
		}
		for i := range row {
			row[i] = SafeCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write CSV row: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// SafeCell keeps a spreadsheet from reading a cell as a formula: a cell that
// starts with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets show as text and do not evaluate.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
