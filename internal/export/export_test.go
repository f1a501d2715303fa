package export

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sample is built by hand so the formats are tested apart from extraction.
func sample() ([]ioc.Indicator, ioc.Stats) {
	inds := []ioc.Indicator{
		{Type: ioc.Domain, Value: "evil.com", Raw: []string{"evil[.]com", "evil.com"}, Defanged: true, Count: 2, Offsets: []int64{10, 42}, Tags: []string{}},
		{Type: ioc.URL, Value: "http://evil.com/a?b=1&c=<2>", Raw: []string{"hxxp://evil[.]com/a?b=1&c=<2>"}, Defanged: true, Count: 1, Offsets: []int64{60}},
		{Type: ioc.IPv4, Value: "10.0.0.1", Raw: []string{"10.0.0.1"}, Count: 3, Offsets: []int64{0, 100, 200}, Tags: []string{ioc.TagPrivate}},
		{Type: ioc.Email, Value: "ops@evil.com", Raw: []string{"ops[@]evil[.]com"}, Defanged: true, Count: 1, Offsets: []int64{120}, Tags: []string{}},
		{Type: ioc.SHA256, Value: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Raw: []string{"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"}, Count: 1, Offsets: []int64{300}},
		{Type: ioc.Domain, Value: "xn--80ak6aa92e.com", Display: "аррӏе.com", Raw: []string{"аррӏе.com"}, Count: 1, Offsets: []int64{400}, Tags: []string{ioc.TagDerived}},
		// Values a spreadsheet would take for formulas.
		{Type: ioc.Filename, Value: "=cmd|'/c calc'!A1.exe", Raw: []string{"=cmd|'/c calc'!A1.exe"}, Count: 1, Offsets: []int64{500}},
		{Type: ioc.Filepath, Value: "-2+3.doc", Raw: []string{"+1.doc", "@x.doc", "\tx.doc"}, Count: 1, Offsets: []int64{520}},
	}
	stats := ioc.Stats{Bytes: 600, Indicators: len(inds), Occurrences: 11, ByType: map[ioc.Type]int{
		ioc.Domain: 2, ioc.URL: 1, ioc.IPv4: 1, ioc.Email: 1, ioc.SHA256: 1, ioc.Filename: 1, ioc.Filepath: 1,
	}}
	return inds, stats
}

func TestGolden(t *testing.T) {
	inds, stats := sample()
	tests := []struct {
		file   string
		format Format
		defang bool
	}{
		{"sample.jsonl", JSONL, false},
		{"sample.json", JSON, false},
		{"sample.csv", CSV, false},
		{"sample-defang.csv", CSV, true},
		{"sample.txt", Text, false},
		{"sample-defang.txt", Text, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.format, inds, stats, tt.defang); err != nil {
				t.Fatalf("Write: %v", err)
			}
			golden(t, tt.file, buf.Bytes())
		})
	}
}

func TestEmpty(t *testing.T) {
	tests := []struct {
		format Format
		want   string
	}{
		{JSONL, ""},
		{JSON, "{\n  \"iocs\": [],\n  \"stats\": {\n    \"bytes\": 0,\n    \"indicators\": 0,\n    \"occurrences\": 0,\n    \"by_type\": {}\n  }\n}\n"},
		{CSV, "type,value,defanged,count,tags,raw\n"},
		{Text, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.format, nil, ioc.Stats{}, false); err != nil {
				t.Fatalf("Write: %v", err)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCSVFormulaSafety reads the CSV back and checks that no cell a
// spreadsheet would evaluate survives.
func TestCSVFormulaSafety(t *testing.T) {
	inds, _ := sample()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, inds, false); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if len(rows) != len(inds)+1 {
		t.Fatalf("got %d rows, want %d", len(rows), len(inds)+1)
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && bytes.ContainsRune([]byte("=+-@\t\r"), rune(cell[0])) {
				t.Errorf("cell %q starts with a formula character", cell)
			}
		}
	}
}

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"evil.com", "evil.com"},
		{"=1+1", "'=1+1"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"a=1", "a=1"},
		{"'quoted", "'quoted"},
	}
	for _, tt := range tests {
		if got := SafeCell(tt.in); got != tt.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats() {
		if got, ok := ParseFormat(string(f)); !ok || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, ok)
		}
	}
	for _, name := range []string{"", "JSON", "xml", "stix"} {
		if _, ok := ParseFormat(name); ok {
			t.Errorf("ParseFormat(%q) accepted", name)
		}
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o600); err != nil {
			t.Fatalf("update %s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s\nwant:\n%s", name, got, want)
	}
}
