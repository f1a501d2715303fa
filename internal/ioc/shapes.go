package ioc

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Shape matchers for the further indicator types. Each match* function takes
// one candidate token, already trimmed of surrounding punctuation, and returns
// the normalized value; each scan* function walks raw text for the types whose
// values contain spaces or backslashes and so never form one token.

// matchMitre accepts MITRE ATT&CK identifiers: techniques (T1059), with an
// optional sub-technique (T1059.001), tactics (TA0001), groups (G0016),
// software (S0154), mitigations (M1036), campaigns (C0010) and data sources
// (DS0009). ICS identifiers (T0800, TA0104, M0801) share the formats.
//
// Only the upper-case prefix is accepted: ATT&CK always writes IDs that way,
// while lower-case runs such as "s0154" or "m1036" are mostly part numbers
// and model names in prose. The value is the token itself.
func matchMitre(tok string) (string, bool) {
	var rest string
	switch {
	case strings.HasPrefix(tok, "TA"), strings.HasPrefix(tok, "DS"):
		// Tactics are TA0001..TA0043 (Enterprise) and TA0100.. (ICS); data
		// sources DS0001..DS0039.
		rest = tok[2:]
		if len(rest) != 4 || rest[0] != '0' || !shapeDigits(rest) || rest == "0000" {
			return "", false
		}
		return tok, true
	case strings.HasPrefix(tok, "T"):
		rest = tok[1:]
		if dot := strings.IndexByte(rest, '.'); dot >= 0 {
			sub := rest[dot+1:]
			if len(sub) != 3 || !shapeDigits(sub) || sub == "000" {
				return "", false
			}
			rest = rest[:dot]
		}
	case strings.HasPrefix(tok, "G"), strings.HasPrefix(tok, "S"),
		strings.HasPrefix(tok, "M"), strings.HasPrefix(tok, "C"):
		rest = tok[1:]
	default:
		return "", false
	}
	// Every other kind has four digits starting with 0 (ICS, early IDs) or 1.
	if len(rest) != 4 || !shapeDigits(rest) || rest[0] > '1' || rest == "0000" {
		return "", false
	}
	return tok, true
}

// matchASN accepts an autonomous system number written "AS13335" or
// "ASN13335" in any case, and returns it as "AS13335". The number must be
// 1..4294967295 written without leading zeros. AS0 is rejected (RFC 7607
// forbids it in routing); private and documentation ranges are accepted
// because reports cite them, and classification is left to the caller.
func matchASN(tok string) (string, bool) {
	if len(tok) < 3 || !strings.EqualFold(tok[:2], "AS") {
		return "", false
	}
	num := tok[2:]
	if num[0] == 'N' || num[0] == 'n' {
		num = num[1:]
	}
	if num == "" || len(num) > 10 || num[0] == '0' || !shapeDigits(num) {
		return "", false
	}
	n, err := strconv.ParseUint(num, 10, 32)
	if err != nil || n == 0 {
		return "", false
	}
	return "AS" + num, true
}

// matchMAC accepts a 48-bit MAC address as six hex pairs separated by one
// consistent ':' or '-', or Cisco's three dotted groups of four
// (001a.2b3c.4d5e), and returns it lower case with colons:
// "00:1a:2b:3c:4d:5e". The all-zero address is accepted like any other; a
// token with more or fewer groups (an interface-hardware dump, a time) never
// matches.
func matchMAC(tok string) (string, bool) {
	var hex [12]byte
	switch len(tok) {
	case 17:
		sep := tok[2]
		if sep != ':' && sep != '-' {
			return "", false
		}
		for i := 0; i < 6; i++ {
			a, b := tok[3*i], tok[3*i+1]
			if !shapeHex(a) || !shapeHex(b) || (i < 5 && tok[3*i+2] != sep) {
				return "", false
			}
			hex[2*i], hex[2*i+1] = a, b
		}
	case 14:
		for g := 0; g < 3; g++ {
			for j := 0; j < 4; j++ {
				c := tok[5*g+j]
				if !shapeHex(c) {
					return "", false
				}
				hex[4*g+j] = c
			}
			if g < 2 && tok[5*g+4] != '.' {
				return "", false
			}
		}
	default:
		return "", false
	}
	out := make([]byte, 0, 17)
	for i, c := range hex {
		if i > 0 && i%2 == 0 {
			out = append(out, ':')
		}
		out = append(out, shapeLowerASCII(c))
	}
	return string(out), true
}

// matchSSDeep accepts a context-triggered piecewise hash
// "blocksize:hash1:hash2": the block size is 3×2^n, hash1 holds 1..64 and
// hash2 1..64 base64 characters (ssdeep truncates hash2 to 32 unless asked
// not to). The quoted file name ssdeep prints after a comma is not part of
// it. Since "12:30:45" is also a valid shape, at least three characters of
// hash1 and a non-digit somewhere in the hashes are required. The value is
// the token itself: base64 is case-sensitive.
func matchSSDeep(tok string) (string, bool) {
	first := strings.IndexByte(tok, ':')
	if first < 1 {
		return "", false
	}
	second := strings.IndexByte(tok[first+1:], ':')
	if second < 0 {
		return "", false
	}
	second += first + 1
	block, h1, h2 := tok[:first], tok[first+1:second], tok[second+1:]
	if block[0] == '0' || len(block) > 11 || !shapeDigits(block) {
		return "", false
	}
	size, err := strconv.ParseUint(block, 10, 64)
	if err != nil || size%3 != 0 || !shapePowerOfTwo(size/3) {
		return "", false
	}
	if len(h1) < 3 || len(h1) > 64 || len(h2) < 1 || len(h2) > 64 {
		return "", false
	}
	letter := false
	for _, h := range [2]string{h1, h2} {
		for i := 0; i < len(h); i++ {
			c := h[i]
			switch {
			case c >= '0' && c <= '9':
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '+', c == '/':
				letter = true
			default:
				return "", false
			}
		}
	}
	if !letter {
		return "", false
	}
	return tok, true
}

// matchJARM accepts a JARM TLS server fingerprint: exactly 62 hex digits,
// returned lower case. The all-zero fingerprint means the server did not
// answer any probe and identifies nothing, so it is rejected.
func matchJARM(tok string) (string, bool) {
	if len(tok) != 62 {
		return "", false
	}
	zero := true
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if !shapeHex(c) {
			return "", false
		}
		if c != '0' {
			zero = false
		}
	}
	if zero {
		return "", false
	}
	return strings.ToLower(tok), true
}

// shapeFileExtensions are the extensions of files analysts hunt for:
// executables, scripts, documents that carry macros or exploits, archives
// and disk images used to smuggle them, and server-side pages used as web
// shells. Extensions that are also busy top-level domains (com, pl, app)
// are left out; py, sh, so and zip stay because names like "setup.py" are
// far more often files than hosts.
var shapeFileExtensions = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range strings.Fields(`
		exe dll scr sys cpl ocx drv msi msp msc com_ pif efi
		bat cmd ps1 psm1 psd1 vbs vbe js jse wsf wsh hta lnk reg inf chm xll
		py pyc rb sh bash elf bin so dylib ko jar class apk dmg pkg deb rpm app_
		php phtml jsp jspx asp aspx ashx
		doc docx docm dot dotm xls xlsx xlsm xlsb xlam xltm ppt pptx pptm ppam rtf pdf one onepkg
		htm html svg
		zip rar 7z tar gz tgz bz2 xz cab iso img vhd vhdx ace arj lzh`) {
		if !strings.HasSuffix(e, "_") {
			m[e] = true
		}
	}
	return m
}()

// shapeScriptProducts are product and library names written like JavaScript
// file names ("Node.js") that name software rather than a file on a host.
var shapeScriptProducts = map[string]bool{
	"node": true, "vue": true, "next": true, "nuxt": true, "react": true,
	"angular": true, "ember": true, "backbone": true, "three": true, "d3": true,
	"chart": true, "express": true, "moment": true, "p5": true, "alpine": true,
	"solid": true, "nest": true, "deno": true, "knockout": true, "socket": true,
}

// matchFilename accepts a bare file name whose last extension is one
// analysts care about (shapeFileExtensions). Double extensions such as
// "invoice.pdf.exe" are kept whole, because the decoy extension is the
// point. The name needs a letter or digit before its first dot and may hold
// letters, digits and "_-.~$+#!" (non-ASCII letters included); path
// separators, '@' and brackets rule a token out. The value is the token as
// written: file names on Windows keep their case for display, and
// lower-casing would hide "EXCEL.EXE" versus a look-alike.
func matchFilename(tok string) (string, bool) {
	if len(tok) < 3 || len(tok) > 255 || !utf8.ValidString(tok) {
		return "", false
	}
	dot := strings.LastIndexByte(tok, '.')
	if dot <= 0 || dot == len(tok)-1 {
		return "", false
	}
	ext := strings.ToLower(tok[dot+1:])
	if !shapeFileExtensions[ext] {
		return "", false
	}
	if ext == "js" && shapeScriptProducts[strings.ToLower(tok[:dot])] {
		return "", false
	}
	if tok[0] == '.' {
		return "", false
	}
	prevDot, named := false, false
	for _, r := range tok {
		switch {
		case r == '.':
			if prevDot || !named {
				return "", false
			}
			prevDot = true
			continue
		case (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9'),
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			named = true
		case r < utf8.RuneSelf && strings.ContainsRune("_-~$+#!", r):
		default:
			return "", false
		}
		prevDot = false
	}
	return tok, true
}

// shapeHives lists every accepted spelling of a registry hive, upper case.
var shapeHives = [][]byte{
	[]byte("HKEY_LOCAL_MACHINE"), []byte("HKLM"),
	[]byte("HKEY_CURRENT_USER"), []byte("HKCU"),
	[]byte("HKEY_CLASSES_ROOT"), []byte("HKCR"),
	[]byte("HKEY_USERS"), []byte("HKU"),
	[]byte("HKEY_CURRENT_CONFIG"), []byte("HKCC"),
}

// shapeMaxPath bounds a reported key or path; anything longer is not a
// value an analyst would search for, and the bound keeps output sane on
// adversarial input.
const shapeMaxPath = 1024

// scanRegistryKeys reports Windows registry keys: a hive (HKEY_LOCAL_MACHINE,
// HKLM, HKCU, …, in any case, optionally in PowerShell's "HKLM:\" form)
// followed by at least one backslash-separated subkey.
//
// A key ends at a line end, a quote, a backtick, '<', '>', '|', ',' or ';'.
// Key names such as "Windows NT" contain spaces, so a single space is kept
// when the words after it (three at most) reach another backslash and none
// starts a path or key ("…\Run C:\x.exe" stops before the path). A key
// right after a quote runs to the closing quote, unless the quoted text is
// a command line rather than a key alone (shapeQuotedPath). JSON-escaped
// "\\" separators count as one.
//
// Value: the hive upper-cased as written (abbreviations are not expanded),
// PowerShell's colon dropped, separators single, trailing separators and
// sentence punctuation trimmed: "hklm:\Software\X" → "HKLM\Software\X".
func scanRegistryKeys(text []byte, emit func(start, end int, value string)) {
	emit = shapeInOrder(emit)
	for i := 0; i < len(text); {
		p := bytes.IndexByte(text[i:], '\\')
		if p < 0 {
			return
		}
		p += i
		next := p + 1
		for next < len(text) && text[next] == '\\' {
			next++
		}
		start, hive := shapeHiveBefore(text, p)
		if start < 0 || next-p > 2 {
			i = next
			continue
		}
		end := shapePathEnd(text, start, p, shapeQuoteBefore(text, start), shapeRegistryByte)
		rawEnd := start + shapeTrimEnd(text[start:end])
		if rawEnd > next && rawEnd-start <= shapeMaxPath {
			var b strings.Builder
			b.Grow(len(hive) + rawEnd - p)
			b.WriteString(hive)
			shapeAppendCollapsed(&b, text[p:rawEnd])
			emit(start, rawEnd, b.String())
		}
		if end > next {
			next = end
		}
		i = next
	}
}

// shapeHiveBefore finds a hive name that ends right before the backslash at
// p (allowing PowerShell's colon) and starts on a word boundary. It returns
// the hive's start and its canonical spelling, or -1.
func shapeHiveBefore(text []byte, p int) (int, string) {
	q := p
	if q > 0 && text[q-1] == ':' {
		q--
	}
	w := q
	for w > 0 && q-w < len("HKEY_CURRENT_CONFIG") && (shapeAlpha(text[w-1]) || text[w-1] == '_') {
		w--
	}
	if w == q || (w > 0 && (shapeAlnum(text[w-1]) || text[w-1] == '_')) {
		return -1, ""
	}
	// Hive names start with "HK"; checking that first keeps ordinary words
	// before a backslash cheap.
	if q-w < 3 || (text[w] != 'H' && text[w] != 'h') || (text[w+1] != 'K' && text[w+1] != 'k') {
		return -1, ""
	}
	for _, h := range shapeHives {
		if bytes.EqualFold(text[w:q], h) {
			return w, string(h)
		}
	}
	return -1, ""
}

// shapeByteSet builds a table of the printable ASCII bytes other than
// those in except.
func shapeByteSet(except string) (t [256]bool) {
	for c := '!'; c < 0x7f; c++ {
		t[c] = !strings.ContainsRune(except, c)
	}
	return t
}

var (
	// Bytes of an unquoted key name.
	shapeRegistryBytes = shapeByteSet("\"'`<>|,;")
	// Bytes of an unquoted Windows path: Windows forbids <>:"|?* in names,
	// and quotes, backticks, commas and semicolons end one in prose.
	shapeWindowsBytes = shapeByteSet("\"'`<>|,;:*?")
	// Bytes of an unquoted Unix path: the portable file name set and a few
	// more seen in real paths, but no shell or URL syntax.
	shapeUnixBytes = shapeByteSet("\"'`<>|,;:*?!$&()[]{}^\\")
)

func shapeRegistryByte(c byte) bool { return shapeRegistryBytes[c] }

func shapeWindowsByte(c byte) bool { return shapeWindowsBytes[c] }

func shapeUnixByte(c byte) bool { return shapeUnixBytes[c] }

// shapeQuoteBefore returns the quote character right before position start,
// or 0.
func shapeQuoteBefore(text []byte, start int) byte {
	if start > 0 {
		switch c := text[start-1]; c {
		case '"', '\'':
			return c
		}
	}
	return 0
}

// shapePathEnd returns where a key or path that starts at start ends; from
// is where its first separator is. Quoted, it runs to the closing quote on
// the same line if what it holds is a path alone (shapeQuotedPath), and
// otherwise stops like an unquoted one; unquoted, it follows the space rule
// of scanRegistryKeys.
func shapePathEnd(text []byte, start, from int, quote byte, allowed func(byte) bool) int {
	if quote != 0 {
		for j := from; j < len(text) && j-start <= shapeMaxPath+1; j++ {
			c := text[j]
			if c == quote {
				if !shapeQuotedPath(text[from:j]) {
					break
				}
				return j
			}
			if c == '\n' || c == '\r' || c < ' ' || c == '<' || c == '>' || c == '|' {
				break
			}
		}
	}
	j := from
	for {
		for j < len(text) && allowed(text[j]) {
			j++
		}
		if j+1 >= len(text) || text[j] != ' ' || !shapeContinues(text, j+1, allowed) {
			return j
		}
		j++
	}
}

// shapeQuotedPath reports whether quoted text that starts with a path (from
// its first separator on) is the path alone rather than a whole command
// line: no switch ("-x", "/x") after a space, and no colon, which past the
// root only shows up in URLs and further drives.
func shapeQuotedPath(quoted []byte) bool {
	return utf8.Valid(quoted) && bytes.IndexByte(quoted, ':') < 0 &&
		!bytes.Contains(quoted, []byte(" -")) && !bytes.Contains(quoted, []byte(" /"))
}

// shapeContinues reports whether the text at k carries on a key or path
// interrupted by a space: within three words joined by single spaces
// ("Program Files (x86)\") it must reach a backslash, and no word may begin
// a new path, key or variable.
func shapeContinues(text []byte, k int, allowed func(byte) bool) bool {
	for words := 0; words < 3; words++ {
		if k >= len(text) || !allowed(text[k]) || text[k] == '\\' || text[k] == '%' || text[k] == '$' {
			return false
		}
		if k+1 < len(text) && shapeAlpha(text[k]) && text[k+1] == ':' {
			return false
		}
		j := k
		for ; j < len(text) && allowed(text[j]); j++ {
			if text[j] == '\\' {
				start, _ := shapeHiveBefore(text, j)
				return start != k
			}
		}
		if j >= len(text) || text[j] != ' ' {
			return false
		}
		k = j + 1
	}
	return false
}

// shapeAppendCollapsed appends raw to b with each run of backslashes
// written once, undoing JSON escaping and doubled separators alike.
func shapeAppendCollapsed(b *strings.Builder, raw []byte) {
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] == '\\' && i > 0 && raw[i-1] == '\\' {
			continue
		}
		b.WriteByte(raw[i])
	}
}

// shapeTrimEnd returns how much of raw remains once trailing separators,
// sentence punctuation and unbalanced closing brackets are dropped.
func shapeTrimEnd(raw []byte) int {
	opens := bytes.Count(raw, []byte{'('}) + bytes.Count(raw, []byte{'['})
	closes := bytes.Count(raw, []byte{')'}) + bytes.Count(raw, []byte{']'})
	n := len(raw)
	for n > 0 {
		switch raw[n-1] {
		case '\\', '/', '.', ',', ';', ':', '!', '?':
			n--
			continue
		case ')', ']':
			if closes > opens {
				closes--
				n--
				continue
			}
		}
		break
	}
	return n
}

// shapeUnixRoots are the top-level directories a Unix path must start with
// to be reported: where malware and attackers' tools land, and what they
// read. Other absolute paths look exactly like URL paths in prose.
var shapeUnixRoots = []string{
	"/tmp/", "/var/", "/dev/shm/", "/dev/tcp/", "/dev/udp/", "/etc/", "/usr/",
	"/bin/", "/sbin/", "/lib/", "/lib64/", "/home/", "/root/", "/opt/", "/proc/",
	"/srv/", "/run/", "/mnt/", "/Library/", "/Users/", "/Applications/",
	"/System/", "/private/",
}

// shapeUnixRootStart marks the bytes that follow the slash of a root.
var shapeUnixRootStart = func() (t [256]bool) {
	for _, r := range shapeUnixRoots {
		t[r[1]] = true
	}
	return t
}()

// scanFilepaths reports file system paths: Windows paths rooted at a drive
// (C:\Users\Public\evil.exe), an environment variable
// (%APPDATA%\Microsoft\x.dll, $env:TEMP\x.ps1) or a UNC share
// (\\server\share\file), and Unix paths under the roots of shapeUnixRoots
// (/tmp/x, /etc/cron.d/job). Each needs one component after its root.
//
// A path must start the text or follow whitespace, a quote, a backtick or
// one of "=([{<>,;|:*", so the path of a URL ("host/etc/x") is never taken
// for a file path. Windows paths follow the space rule of
// scanRegistryKeys ("C:\Program Files\x" stays whole); Unix paths end at
// the first space unless quoted. Inside quotes a path runs to the closing
// quote.
//
// Value: the path as written, with runs of backslashes (JSON escaping)
// written once and trailing separators and sentence punctuation trimmed.
func scanFilepaths(text []byte, emit func(start, end int, value string)) {
	emit = shapeInOrder(emit)
	// Separators often come in clusters (URLs, escaped JSON), so a short
	// inline look comes first; the IndexByte results are cached, which keeps
	// sparse text linear. len(text) stands for "no more".
	nextBack, nextSlash := -1, -1
	for i := 0; i < len(text); {
		p := -1
		lim := min(i+16, len(text))
		for j := i; j < lim; j++ {
			if c := text[j]; c == '/' || c == '\\' {
				p = j
				break
			}
		}
		if p < 0 {
			if nextBack < lim {
				nextBack = shapeIndexFrom(text, lim, '\\')
			}
			if nextSlash < lim {
				nextSlash = shapeIndexFrom(text, lim, '/')
			}
			p = min(nextBack, nextSlash)
			if p >= len(text) {
				return
			}
		}
		var end int
		if text[p] == '/' {
			// Most slashes sit inside URLs and fractions; rule them out
			// before any call.
			if (p > 0 && !shapeBoundaries[text[p-1]]) || p+1 >= len(text) || !shapeAlpha(text[p+1]) {
				i = p + 1
				continue
			}
			end = shapeUnixPath(text, p, emit)
		} else {
			end = shapeWindowsPath(text, p, emit)
		}
		if end <= p {
			end = p + 1
		}
		i = end
	}
}

// shapeIndexFrom is bytes.IndexByte from position i, as an absolute index.
func shapeIndexFrom(text []byte, i int, c byte) int {
	j := bytes.IndexByte(text[i:], c)
	if j < 0 {
		return len(text)
	}
	return i + j
}

// shapeBoundaries marks the bytes that may precede the start of a path.
var shapeBoundaries = func() (t [256]bool) {
	for c := 0; c <= ' '; c++ {
		t[c] = true
	}
	for _, c := range []byte("\"'`=([{<>,;|:*") {
		t[c] = true
	}
	return t
}()

func shapeBoundary(c byte) bool { return shapeBoundaries[c] }

// shapeUnixPath reports the Unix path whose root begins at the slash at p,
// if there is one, and returns where scanning resumes.
func shapeUnixPath(text []byte, p int, emit func(start, end int, value string)) int {
	if p > 0 && !shapeBoundary(text[p-1]) {
		return p + 1
	}
	if p+1 >= len(text) || !shapeUnixRootStart[text[p+1]] {
		// Most slashes in prose and logs ("/index.php", "/a/b") start no
		// root; one table lookup rules them out before the prefix tests.
		return p + 1
	}
	root := ""
	for _, r := range shapeUnixRoots {
		if bytes.HasPrefix(text[p:], []byte(r)) {
			root = r
			break
		}
	}
	if root == "" {
		return p + 1
	}
	end := p + len(root)
	quote := shapeQuoteBefore(text, p)
	if quote != 0 {
		end = p
		for end < len(text) && end-p <= shapeMaxPath && text[end] != quote && text[end] >= ' ' {
			end++
		}
		if end >= len(text) || text[end] != quote || !shapeQuotedPath(text[p:end]) {
			quote = 0
		}
	}
	if quote == 0 {
		end = p + len(root)
		for end < len(text) && shapeUnixByte(text[end]) {
			end++
		}
	}
	rawEnd := p + shapeTrimEnd(text[p:end])
	if rawEnd > p+len(root) && rawEnd-p <= shapeMaxPath {
		emit(p, rawEnd, string(text[p:rawEnd]))
	}
	return end
}

// shapeWindowsPath reports the Windows path whose first separator is the
// backslash at p, if its root (drive, variable or UNC prefix) is valid, and
// returns where scanning resumes.
func shapeWindowsPath(text []byte, p int, emit func(start, end int, value string)) int {
	next := p + 1
	for next < len(text) && text[next] == '\\' {
		next++
	}
	run := next - p
	start := shapeWindowsRoot(text, p, run)
	if start < 0 {
		return next
	}
	unc := start == p
	end := shapePathEnd(text, start, p, shapeQuoteBefore(text, start), shapeWindowsByte)
	rawEnd := start + shapeTrimEnd(text[start:end])
	if rawEnd <= next || rawEnd-start > shapeMaxPath {
		return end
	}
	var b strings.Builder
	b.Grow(rawEnd - start)
	if unc {
		b.WriteString("\\\\")
		body := text[next:rawEnd]
		// A share needs a host name and a share name: "\\server" alone is
		// not a path to a file, and "\\d+\\w" is an escaped regular
		// expression.
		sep := bytes.IndexByte(body, '\\')
		if sep <= 0 || sep == len(body)-1 || !shapeHostName(body[:sep]) {
			return end
		}
		shapeAppendCollapsed(&b, body)
	} else {
		b.Write(text[start:p])
		shapeAppendCollapsed(&b, text[p:rawEnd])
	}
	emit(start, rawEnd, b.String())
	return end
}

// shapeWindowsRoot returns where the Windows path whose first separator run
// starts at p (run backslashes long) begins, or -1 when nothing before it
// roots a path.
func shapeWindowsRoot(text []byte, p, run int) int {
	boundaryAt := func(i int) bool { return i == 0 || shapeBoundary(text[i-1]) }
	if p > 0 && run <= 2 {
		switch prev := text[p-1]; {
		case prev == ':':
			if p >= 2 && shapeAlpha(text[p-2]) && boundaryAt(p-2) {
				return p - 2
			}
			return -1
		case prev == '%':
			// %APPDATA%, %ProgramFiles(x86)%
			w := p - 1
			for w > 0 && p-w <= 40 && (shapeAlnum(text[w-1]) || strings.IndexByte("_()", text[w-1]) >= 0) {
				w--
			}
			if w > 0 && w < p-1 && text[w-1] == '%' && boundaryAt(w-1) {
				return w - 1
			}
			return -1
		case shapeAlnum(prev) || prev == '_':
			// PowerShell's $env:TEMP
			w := p
			for w > 0 && p-w <= 40 && (shapeAlnum(text[w-1]) || text[w-1] == '_') {
				w--
			}
			if w >= 5 && strings.EqualFold(string(text[w-5:w]), "$env:") && boundaryAt(w-5) {
				return w - 5
			}
			return -1
		}
	}
	// UNC: two backslashes, or four when JSON-escaped, then a server name.
	if (run == 2 || run == 4) && boundaryAt(p) && p+run < len(text) && (shapeAlnum(text[p+run]) || text[p+run] == '.') {
		return p
	}
	return -1
}

// shapeHostName reports whether b can name the server of a UNC path.
func shapeHostName(b []byte) bool {
	for _, c := range b {
		if !shapeAlnum(c) && c != '.' && c != '-' && c != '_' {
			return false
		}
	}
	return len(b) > 0
}

func shapeDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func shapeHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func shapeAlpha(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func shapeAlnum(c byte) bool {
	return shapeAlpha(c) || (c >= '0' && c <= '9')
}

func shapeLowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func shapePowerOfTwo(n uint64) bool {
	return n != 0 && n&(n-1) == 0
}

// shapeInOrder passes on only spans that start at or after the end of the
// last one passed: a path found again from inside an earlier one ("A:\(A:\0")
// is part of it, and the scanners promise ascending, disjoint spans.
func shapeInOrder(emit func(start, end int, value string)) func(start, end int, value string) {
	last := 0
	return func(start, end int, value string) {
		if start < last {
			return
		}
		last = end
		emit(start, end, value)
	}
}
