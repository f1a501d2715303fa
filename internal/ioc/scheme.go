package ioc

// knownSchemes are the URL schemes reported as URLs. Others ("abc://") are
// more often code or prose than indicators.
var knownSchemes = map[string]bool{
	"http": true, "https": true, "ftp": true, "ftps": true, "sftp": true,
	"tcp": true, "udp": true, "ws": true, "wss": true, "smb": true,
	"ssh": true, "telnet": true, "ldap": true, "ldaps": true, "rdp": true,
	"irc": true, "git": true, "rtsp": true, "socks5": true, "tls": true,
}

// schemeOf returns the real scheme behind a possibly defanged one
// (hxxp, hXXp, h**p, httx, hxtp, h00ps, meow, fxp), and whether it is one
// at all. The second result is false for unknown schemes.
func schemeOf(word []byte) (string, bool) {
	if len(word) == 0 || len(word) > 8 {
		return "", false
	}
	var buf [8]byte
	for i, c := range word {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	w := string(buf[:len(word)])
	if knownSchemes[w] {
		return w, true
	}
	switch {
	case w == "meow":
		return "http", true
	case w == "fxp":
		return "ftp", true
	case w == "fxps":
		return "ftps", true
	case len(w) == 4 && httpLike(w):
		return "http", true
	case len(w) == 5 && w[4] == 's' && httpLike(w[:4]):
		return "https", true
	}
	return "", false
}

// httpLike reports whether a four-letter word is a mangled "http": it
// starts with h, keeps its final p or its "tt", and replaces the middle
// with the usual masking characters.
func httpLike(w string) bool {
	if w[0] != 'h' {
		return false
	}
	if w[1] == 't' && w[2] == 't' {
		return true
	}
	return w[3] == 'p' && maskChar(w[1]) && maskChar(w[2])
}

func maskChar(c byte) bool {
	return c == 't' || c == 'x' || c == '*' || c == '0'
}
