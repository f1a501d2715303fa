package abuseipdb

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// FuzzParse checks that no answer, however broken, panics or fails other
// than as a *LookupError.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"abuseipdb_check_200.json", "abuseipdb_check_200_clean.json", "abuseipdb_check_200_verbose.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		q := intel.Query{Type: ioc.IPv4, Value: "1.1.1.1"}
		res, err := parse(q, &intel.Response{Status: http.StatusOK, Body: body})
		var le *intel.LookupError
		if err != nil && !errors.As(err, &le) {
			t.Fatalf("error %T %v", err, err)
		}
		if err == nil && res.Verdict == "" {
			t.Fatal("result without a verdict")
		}
	})
}
