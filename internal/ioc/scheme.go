package ioc

// knownSchemes are the URL schemes reported as URLs. Others ("abc://") are
// more often code or prose than indicators.
var knownSchemes = func() map[string]string {
	m := map[string]string{}
	for _, s := range []string{
		"http", "https", "ftp", "ftps", "sftp", "tcp", "udp", "ws", "wss", "smb",
		"ssh", "telnet", "ldap", "ldaps", "rdp", "irc", "git", "rtsp", "socks5", "tls",
	} {
		m[s] = s
	}
	return m
}()

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
	if k, ok := knownSchemes[string(buf[:len(word)])]; ok {
		return k, true
	}
	w := buf[:len(word)]
	switch {
	case string(w) == "meow":
		return "http", true
	case string(w) == "fxp":
		return "ftp", true
	case string(w) == "fxps":
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
func httpLike(w []byte) bool {
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
