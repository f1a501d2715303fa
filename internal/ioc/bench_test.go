package ioc

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchSize is the size of every benchmark input.
const benchSize = 4 << 20

// reportCorpus generates deterministic report-style text: prose, log
// lines, code, tables and indicators in their plain and defanged forms,
// in roughly the proportions of a threat report.
func reportCorpus(size int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields(`the actor used a loader to drop the payload and then moved laterally
		across the network using stolen credentials; the campaign targeted finance and energy
		organisations in several regions, with phishing e-mails carrying macro documents. Our
		analysis shows persistence through scheduled tasks (see below), and the C2 traffic was
		encrypted. Indicators are listed at the end of this report. e.g. the service, i.e. not`)
	hex := func(n int) string {
		const digits = "0123456789abcdef"
		b := make([]byte, n)
		for i := range b {
			b[i] = digits[r.IntN(16)]
		}
		return string(b)
	}
	// Indicators come from pools, as in real reports and logs, where a few
	// thousand distinct indicators recur.
	ips := make([]string, 800)
	for i := range ips {
		ips[i] = fmt.Sprintf("%d.%d.%d.%d", 1+r.IntN(222), r.IntN(256), r.IntN(256), 1+r.IntN(254))
	}
	ip := func() string { return ips[r.IntN(len(ips))] }
	hashes := map[int][]string{}
	for _, n := range []int{32, 40, 64} {
		for i := 0; i < 400; i++ {
			hashes[n] = append(hashes[n], hex(n))
		}
	}
	hash := func(n int) string { return hashes[n][r.IntN(len(hashes[n]))] }
	tlds := []string{"com", "net", "org", "ru", "xyz", "top", "co.uk", "io"}
	doms := make([]string, 600)
	for i := range doms {
		doms[i] = fmt.Sprintf("%s%d.%s", words[r.IntN(len(words))][:1]+"host", r.IntN(1000), tlds[r.IntN(len(tlds))])
	}
	dom := func() string { return doms[r.IntN(len(doms))] }
	var b bytes.Buffer
	for b.Len() < size {
		switch k := r.IntN(100); {
		case k < 55:
			n := 8 + r.IntN(20)
			for i := 0; i < n; i++ {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(words[r.IntN(len(words))])
			}
			b.WriteString(".\n")
		case k < 63:
			fmt.Fprintf(&b, "%s - - [12/Mar/2024:10:%02d:%02d +0000] \"GET /index.php?id=%d HTTP/1.1\" 200 %d \"-\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"\n",
				ip(), r.IntN(60), r.IntN(60), r.IntN(9999), r.IntN(99999))
		case k < 68:
			fmt.Fprintf(&b, "    if (err != nil) { return fmt.Errorf(\"open %%s: %%w\", path, err) } // os.path.join(a, b) System.IO.File\n")
		case k < 73:
			fmt.Fprintf(&b, "| %s | %s | first seen 2024-03-%02d |\n", hash(64), dom(), 1+r.IntN(28))
		case k < 78:
			fmt.Fprintf(&b, "The dropper contacted hxxp://%s/gate.php?id=%d and %s[.]%d.\n", strings.Replace(dom(), ".", "[.]", 1), r.IntN(9), ip()[:7], r.IntN(200))
		case k < 82:
			fmt.Fprintf(&b, "Exploits CVE-20%02d-%04d; sample md5 %s sha1 %s.\n", 10+r.IntN(15), r.IntN(40)*97, hash(32), hash(40))
		case k < 86:
			fmt.Fprintf(&b, "{\"src_ip\":\"%s\",\"url\":\"https:\\/\\/%s\\/a\\/b\",\"user\":\"admin@%s\"}\n", ip(), dom(), dom())
		case k < 90:
			fmt.Fprintf(&b, "Mar 12 10:%02d:%02d fw01 kernel: DROP IN=eth0 SRC=%s DST=%s PROTO=TCP SPT=%d DPT=443\n", r.IntN(60), r.IntN(60), ip(), ip(), 1024+r.IntN(60000))
		case k < 93:
			fmt.Fprintf(&b, "Contact %s (at) %s [dot] com or see https://%s/report (page 2).\n", words[r.IntN(len(words))], "mail", dom())
		case k < 96:
			fmt.Fprintf(&b, "version 10.0.19045.%d, build 1.2.3.4.5, file setup.py and README.md, T1059.001\n", r.IntN(9999))
		default:
			fmt.Fprintf(&b, "IPv6 2001:db8::%x and fe80::%x%%eth0 at 12:30:45, MAC 00:1a:2b:3c:4d:%02x\n", r.IntN(300), r.IntN(300), r.IntN(256))
		}
	}
	return b.Bytes()[:size]
}

// adversarialInputs are inputs built to make a scanner backtrack or
// re-scan: long runs of the bytes that start indicators.
func adversarialInputs(size int) map[string][]byte {
	rep := func(s string) []byte { return bytes.Repeat([]byte(s), size/len(s)+1)[:size] }
	digitsDots := make([]byte, size)
	for i := range digitsDots {
		if i%2 == 0 {
			digitsDots[i] = byte('0' + i%10)
		} else {
			digitsDots[i] = '.'
		}
	}
	token := rep("aZ3xQ9kL0pW7")
	return map[string][]byte{
		"dots":          rep("."),
		"digits-dots":   digitsDots,
		"hex":           rep("0123456789abcdef"),
		"bracket-dot":   rep("a[.]"),
		"at":            rep("@"),
		"at-words":      rep("a@b"),
		"one-token":     token,
		"hxxp":          rep("hxxp://"),
		"colons":        rep(":"),
		"hex-colons":    rep("ab:"),
		"dot-words":     rep("a.b"),
		"parens":        rep("(http://a.com/("),
		"backslashes":   rep(`\\`),
		"json-slashes":  rep(`\/`),
		"paren-bracket": rep("(["),
	}
}

func BenchmarkExtract(b *testing.B) {
	run := func(b *testing.B, in []byte) {
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			e := NewExtractor(Options{})
			for off := 0; off < len(in); off += 64 << 10 {
				_, _ = e.Write(in[off:min(off+64<<10, len(in))])
			}
			_ = e.Close()
		}
	}
	b.Run("report", func(b *testing.B) { run(b, reportCorpus(benchSize)) })
	adv := adversarialInputs(benchSize)
	for _, name := range []string{"dots", "digits-dots", "hex", "bracket-dot", "at", "at-words", "one-token", "hxxp", "colons", "hex-colons", "dot-words", "parens", "backslashes", "json-slashes", "paren-bracket"} {
		b.Run(name, func(b *testing.B) { run(b, adv[name]) })
	}
}
