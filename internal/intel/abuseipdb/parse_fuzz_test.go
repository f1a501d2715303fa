package abuseipdb

import (
	"net/http"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers/providertest"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// FuzzParse checks that no answer, however broken, panics or fails other
// than as a *LookupError.
func FuzzParse(f *testing.F) {
	providertest.Seed(f, "abuseipdb_check_200.json", "abuseipdb_check_200_clean.json", "abuseipdb_check_200_verbose.json")
	f.Fuzz(func(t *testing.T, body []byte) {
		q := intel.Query{Type: ioc.IPv4, Value: "1.1.1.1"}
		res, err := parse(q, &intel.Response{Status: http.StatusOK, Body: body})
		providertest.CheckParsed(t, res, err)
	})
}
