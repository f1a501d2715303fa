package web

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

func TestSnippetAt(t *testing.T) {
	long := "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	tests := []struct {
		name string
		text string
		off  int64
		n    int
		want snippet
	}{
		{"middle", "seen at evil[.]com\n\nyesterday", 8, 10, snippet{"seen at ", "evil[.]com", " yesterday"}},
		{"start", "1.2.3.4 is bad", 0, 7, snippet{"", "1.2.3.4", " is bad"}},
		{"cut on both sides", long + " x.y " + long, int64(len(long) + 1), 3, snippet{"…" + long[:59] + " ", "x.y", " " + long[:59] + "…"}},
		{"multibyte edge", "ééééééééééééééééééééééééééééééééééééééééééé 1.2.3.4", 87, 7, snippet{"…éééééééééééééééééééééééééééééé ", "1.2.3.4", ""}},
		{"offset out of range", "abc", 9, 1, snippet{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := snippetAt(tt.text, tt.off, tt.n); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestMatchLengthPrefersTheRawForm(t *testing.T) {
	text := "go to hxxps://Evil[.]com/x now"
	in := ioc.Indicator{Type: ioc.URL, Value: "https://evil.com/x", Raw: []string{"hxxps://evil[.]com/x"}}
	if got := matchLength(text, 6, in); got != len("hxxps://Evil[.]com/x") {
		t.Errorf("matchLength = %d", got)
	}
	if got := matchLength(text, 0, in); got != 0 {
		t.Errorf("matchLength at a wrong offset = %d, want 0", got)
	}
}

func TestBuildResultsGroupsInDisplayOrder(t *testing.T) {
	iocs := []ioc.Indicator{
		{Type: ioc.URL, Value: "https://a.example/"},
		{Type: ioc.IPv4, Value: "1.2.3.4", Defanged: true, Tags: []string{"documentation"}},
		{Type: ioc.URL, Value: "https://b.example/"},
	}
	v := buildResults("", iocs, ioc.Stats{})
	if len(v.Groups) != 2 || v.Groups[0].Type != ioc.IPv4 || v.Groups[1].Type != ioc.URL || len(v.Groups[1].Rows) != 2 {
		t.Fatalf("groups = %+v", v.Groups)
	}
	if tags := v.Groups[0].Rows[0].Tags; len(tags) != 2 || tags[0] != "defanged" {
		t.Errorf("tags = %v, want defanged first", tags)
	}
	if v.Groups[1].Rows[1].Value != "https://b.example/" {
		t.Error("rows lost their order of first appearance")
	}
}

// FuzzSnippetAt: any text and offset give a snippet of valid UTF-8 without
// line breaks, never a panic.
func FuzzSnippetAt(f *testing.F) {
	f.Add("seen at evil[.]com\n\nyesterday", int64(8), 10)
	f.Add("ééé 1.2.3.4", int64(1), 3)
	f.Add("", int64(0), 0)
	f.Add("abc", int64(-1), 5)
	f.Add("\xff\xfe1\x00.2", int64(2), 100)
	f.Fuzz(func(t *testing.T, text string, off int64, n int) {
		if n < 0 || off < 0 || off > int64(len(text)) || off+int64(n) > int64(len(text)) {
			n = 0
		}
		s := snippetAt(text, off, n)
		for _, part := range []string{s.Before, s.Match, s.After} {
			if !utf8.ValidString(part) || strings.ContainsAny(part, "\r\n\t") {
				t.Fatalf("snippetAt(%q, %d, %d) = %+v", text, off, n, s)
			}
		}
	})
}
