package web

import "github.com/oneshot-ioc/oneshot-ioc/internal/ioc"

// browserExtract is the real engine: the browser test checks the page end
// to end.
func browserExtract(text []byte) ([]ioc.Indicator, ioc.Stats) {
	return ioc.Extract(text, ioc.Options{})
}

// browserWant are values the table must show for testdata/report.txt.
var browserWant = []string{
	"198.51.100.23",
	"cdn-lanternsync.net",
	"https://files.freight-docs-portal.com/d/INV-88213?ref=mail",
	"billing@freight-docs-portal.com",
	"020e836cb9743171d70efd93a4f30b3b6a921c230d125ed2614de89cc478d87d",
	"9515fc7941866bbce5db8de6b2e7d768",
	"CVE-2023-36884",
}

// engineDefanged lists ioc.Defang of every indicator in the table's order:
// grouped by type, first appearance within a group.
func engineDefanged(text []byte) []string {
	iocs, _ := browserExtract(text)
	var out []string
	for _, t := range ioc.AllTypes() {
		for _, in := range iocs {
			if in.Type == t {
				out = append(out, ioc.Defang(t, in.Value))
			}
		}
	}
	return out
}
