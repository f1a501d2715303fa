package web

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// snippetContext is how many bytes of text a snippet shows on each side of
// a match.
const snippetContext = 60

// resultsView is the server-rendered table, grouped by type.
type resultsView struct {
	Stats  ioc.Stats
	Groups []groupView
}

// groupView is the rows of one indicator type.
type groupView struct {
	Type  ioc.Type
	Label string
	Rows  []rowView
}

// rowView is one indicator as the table shows it.
type rowView struct {
	Value    string
	Display  string // Unicode form of an IDN host, when it differs
	Tags     []string
	Count    int
	Snippets []snippet // one per known offset; the first is shown
}

// snippet is the text around one occurrence, split so the template can
// highlight the match while escaping everything.
type snippet struct {
	Before, Match, After string
}

// typeLabels names each type's group on the page.
var typeLabels = map[ioc.Type]string{
	ioc.IPv4: "IPv4 addresses", ioc.IPv6: "IPv6 addresses", ioc.Domain: "Domains",
	ioc.URL: "URLs", ioc.Email: "E-mail addresses", ioc.MD5: "MD5 hashes",
	ioc.SHA1: "SHA-1 hashes", ioc.SHA256: "SHA-256 hashes", ioc.SHA512: "SHA-512 hashes",
	ioc.CVE: "CVEs", ioc.MitreAttack: "MITRE ATT&CK", ioc.BTC: "Bitcoin addresses",
	ioc.ETH: "Ethereum addresses", ioc.XMR: "Monero addresses", ioc.ASN: "AS numbers",
	ioc.MAC: "MAC addresses", ioc.Filename: "File names", ioc.RegistryKey: "Registry keys",
	ioc.Filepath: "File paths", ioc.SSDeep: "ssdeep hashes", ioc.JARM: "JARM fingerprints",
}

// buildResults groups indicators by type in display order, keeping their
// order of first appearance within a group.
func buildResults(text string, iocs []ioc.Indicator, stats ioc.Stats) *resultsView {
	byType := map[ioc.Type][]rowView{}
	for _, in := range iocs {
		tags := in.Tags
		if in.Defanged {
			tags = append([]string{"defanged"}, tags...)
		}
		row := rowView{Value: in.Value, Tags: tags, Count: in.Count}
		if in.Display != "" && in.Display != in.Value {
			row.Display = in.Display
		}
		for _, off := range in.Offsets {
			row.Snippets = append(row.Snippets, snippetAt(text, off, matchLength(text, off, in)))
		}
		byType[in.Type] = append(byType[in.Type], row)
	}
	view := &resultsView{Stats: stats}
	for _, t := range ioc.AllTypes() {
		if rows := byType[t]; len(rows) > 0 {
			view.Groups = append(view.Groups, groupView{Type: t, Label: typeLabels[t], Rows: rows})
		}
	}
	return view
}

// matchLength finds how long the occurrence at off is: the raw form that
// stands there, else the normalized value, else nothing to highlight.
func matchLength(text string, off int64, in ioc.Indicator) int {
	if off < 0 || off > int64(len(text)) {
		return 0
	}
	rest := text[off:]
	best := 0
	for _, raw := range append(append([]string(nil), in.Raw...), in.Value) {
		if len(raw) > best && len(rest) >= len(raw) && strings.EqualFold(rest[:len(raw)], raw) {
			best = len(raw)
		}
	}
	return best
}

// snippetAt cuts the text around [off, off+n) on rune boundaries, with line
// breaks and runs of spaces folded so a snippet fits on one line.
func snippetAt(text string, off int64, n int) snippet {
	if off < 0 || off > int64(len(text)) {
		return snippet{}
	}
	start, end := int(off), int(off)+n
	from := max(0, start-snippetContext)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	to := min(len(text), end+snippetContext)
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	before, after := fold(text[from:start]), fold(text[end:to])
	if from > 0 {
		before = "…" + strings.TrimLeft(before, " ")
	}
	if to < len(text) {
		after = strings.TrimRight(after, " ") + "…"
	}
	return snippet{Before: before, Match: fold(text[start:end]), After: after}
}

// fold turns every run of whitespace into one space and drops invalid
// UTF-8, keeping a space at either edge so words do not run into the match.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, "") {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
