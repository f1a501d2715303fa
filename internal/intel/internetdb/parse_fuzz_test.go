package internetdb

import (
	"net/http"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers/providertest"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// FuzzParse checks that no answer, however broken, panics or fails other
// than as a *LookupError, for a 200 and for a 404.
func FuzzParse(f *testing.F) {
	providertest.Seed(f, "internetdb_200.json", "internetdb_200_rich.json", "internetdb_404.json")
	f.Fuzz(func(t *testing.T, body []byte) {
		q := intel.Query{Type: ioc.IPv4, Value: "1.1.1.1"}
		res, err := parse(q, &intel.Response{Status: http.StatusOK, Body: body})
		providertest.CheckParsed(t, res, err)
		res, err = parseNotFound(q, &intel.Response{Status: http.StatusNotFound, Body: body})
		providertest.CheckParsed(t, res, err)
	})
}
