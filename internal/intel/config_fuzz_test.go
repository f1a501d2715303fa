package intel

import (
	"strings"
	"testing"
)

// FuzzParseDotenv: any file gives variables or a one-line error, never a
// panic, and an error never repeats the file's text.
func FuzzParseDotenv(f *testing.F) {
	for _, seed := range []string{
		"A=1\n# c\nexport B='x y'\nC=\"a\\\"b\" # c\n",
		"=\n", "A='unclosed", `A="\`, "\ufeffA=b", "A=b # c\tD=e",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		vars, err := parseDotenv(strings.NewReader(in))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q spans lines", err)
			}
			return
		}
		for name := range vars {
			if !validEnvName(name) {
				t.Errorf("invalid name %q accepted", name)
			}
		}
	})
}

// FuzzParseRates: every accepted rate is usable by the limiter.
func FuzzParseRates(f *testing.F) {
	for _, seed := range []string{"4/m,500/d", "1/s", "", "0/m", "99999999999999999999/s", "4/", "/m", ",,,"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		rates, err := ParseRates(in)
		if err != nil {
			return
		}
		for _, r := range rates {
			if r.N < 1 || r.N > maxRateN || r.Per <= 0 {
				t.Errorf("%q gave unusable rate %+v", in, r)
			}
		}
	})
}
