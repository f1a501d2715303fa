package intel

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mapEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadConfigDefaults(t *testing.T) {
	cfg, err := LoadConfig(mapEnv(nil), filepath.Join(t.TempDir(), "missing.env"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Offline {
		t.Errorf("offline by configuration")
	}
	for _, info := range KnownProviders() {
		pc, ok := cfg.Providers[info.Name]
		if !ok {
			t.Errorf("%s: no configuration", info.Name)
			continue
		}
		if !pc.Key.Empty() || pc.BaseURL != "" || !reflect.DeepEqual(pc.Rates, info.DefaultRates) || pc.Name != info.Name {
			t.Errorf("%s: %+v, want defaults", info.Name, pc)
		}
	}
	if got := FormatRates(cfg.Providers["virustotal"].Rates); got != "4/min, 500/day" {
		t.Errorf("VirusTotal default %q", got)
	}
}

func TestLoadConfigSources(t *testing.T) {
	dotenv := writeFile(t, ".env", strings.Join([]string{
		"\ufeff# keys for the lab",
		"",
		"export VT_API_KEY='from-dotenv'",
		`GREYNOISE_API_KEY="gn\"key"   # trailing comment`,
		"ABUSEIPDB_API_KEY=abuse-key # comment",
		"  INTERNETDB_RATE_LIMIT = 2/s ",
		"VT_RATE_LIMIT=10/m,1000/d",
		"OTHER=ignored",
	}, "\n"))
	keyFile := writeFile(t, "abuse", "  file-key\n")
	env := map[string]string{
		"VT_API_KEY":             "from-env",
		"ABUSEIPDB_API_KEY_FILE": "", // empty counts as unset
		"INTERNETDB_BASE_URL":    "http://127.0.0.1:8080/",
		"GREYNOISE_BASE_URL":     "https://[::1]:9443/gn",
	}
	cfg, err := LoadConfig(mapEnv(env), dotenv)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name, key, base string, rates []Rate) {
		t.Helper()
		pc := cfg.Providers[name]
		if pc.Key.Reveal() != key || pc.BaseURL != base || !reflect.DeepEqual(pc.Rates, rates) {
			t.Errorf("%s: key %q base %q rates %v; want %q %q %v", name, pc.Key.Reveal(), pc.BaseURL, pc.Rates, key, base, rates)
		}
	}
	check("virustotal", "from-env", "", []Rate{{10, time.Minute}, {1000, day}})
	check("greynoise", `gn"key`, "https://[::1]:9443/gn", []Rate{{10, time.Minute}, {100, day}})
	check("abuseipdb", "abuse-key", "", []Rate{{1000, day}})
	check("internetdb", "", "http://127.0.0.1:8080", []Rate{{2, time.Second}})

	cfg, err = LoadConfig(mapEnv(map[string]string{"ABUSEIPDB_API_KEY_FILE": keyFile}), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Providers["abuseipdb"].Key.Reveal(); got != "file-key" {
		t.Errorf("key from file %q, want file-key", got)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	big := writeFile(t, "big", strings.Repeat("k", maxKeyFileSize+1))
	twoLines := writeFile(t, "two", "secret-one\nsecret-two\n")
	badDotenv := writeFile(t, "bad.env", "VT_API_KEY=secret-value\nthis line has secret-value but no equals\n")
	openQuote := writeFile(t, "quote.env", `VT_API_KEY="secret-value`)
	tests := []struct {
		name   string
		env    map[string]string
		dotenv string
		want   string
	}{
		{"ftp base URL", map[string]string{"VT_BASE_URL": "ftp://example.com"}, "", "VT_BASE_URL: must use https"},
		{"http to a remote host", map[string]string{"VT_BASE_URL": "http://example.com/api"}, "", "VT_BASE_URL: must use https, or http to a loopback address"},
		{"http to a name", map[string]string{"ABUSEIPDB_BASE_URL": "http://localhost:1/"}, "", "ABUSEIPDB_BASE_URL: must use https"},
		{"http to a private address", map[string]string{"VT_BASE_URL": "http://10.0.0.1/"}, "", "must use https"},
		{"credentials in the URL", map[string]string{"VT_BASE_URL": "https://u:p@example.com"}, "", "must not contain a user name"},
		{"no host", map[string]string{"VT_BASE_URL": "https:///path"}, "", "needs a host"},
		{"relative", map[string]string{"VT_BASE_URL": "example.com"}, "", "VT_BASE_URL"},
		{"bad rate", map[string]string{"GREYNOISE_RATE_LIMIT": "10/week"}, "", "GREYNOISE_RATE_LIMIT: rate limit \"10/week\" needs a unit"},
		{"key and key file", map[string]string{"VT_API_KEY": "secret-value", "VT_API_KEY_FILE": twoLines}, "", "both VT_API_KEY and VT_API_KEY_FILE are set"},
		{"missing key file", map[string]string{"VT_API_KEY_FILE": "/nonexistent/vt"}, "", "VT_API_KEY_FILE: cannot read the key file: /nonexistent/vt: no such file"},
		{"huge key file", map[string]string{"VT_API_KEY_FILE": big}, "", "larger than 4096 bytes"},
		{"two lines in the key file", map[string]string{"VT_API_KEY_FILE": twoLines}, "", "VT_API_KEY_FILE holds a character no API key has"},
		{"space in the key", map[string]string{"VT_API_KEY": "secret value"}, "", "VT_API_KEY holds a character"},
		{"malformed .env", nil, badDotenv, "line 2 is not of the form NAME=value"},
		{"unclosed quote", nil, openQuote, "line 1: the value's quote is never closed"},
	}
	for _, tt := range tests {
		_, err := LoadConfig(mapEnv(tt.env), tt.dotenv)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, err, tt.want)
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: error %q quotes a key", tt.name, err)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %q is not one line", tt.name, err)
		}
	}
}

func TestParseDotenvValues(t *testing.T) {
	tests := []struct{ line, want string }{
		{"A=plain", "plain"},
		{"A=", ""},
		{"A=with#hash", "with#hash"},
		{"A=cut # here", "cut"},
		{"A='single # kept'", "single # kept"},
		{`A='no \n escape'`, `no \n escape`},
		{`A="tab\there"`, "tab\there"},
		{`A="back\\slash"`, `back\slash`},
		{`A="q" # c`, "q"},
		{"export A=x", "x"},
		{"A = spaced ", "spaced"},
		{"A=crlf\r\n", "crlf"},
		{"# only\r\nA='x'\r\n", "x"},
	}
	for _, tt := range tests {
		vars, err := parseDotenv(strings.NewReader(tt.line))
		if err != nil {
			t.Errorf("%q: %v", tt.line, err)
			continue
		}
		if vars["A"] != tt.want {
			t.Errorf("%q: got %q, want %q", tt.line, vars["A"], tt.want)
		}
	}
	for _, bad := range []string{"=x", "1A=x", "A-B=x", "just words", `A="x" y`} {
		if _, err := parseDotenv(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
