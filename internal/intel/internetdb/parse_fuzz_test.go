package internetdb

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
// than as a *LookupError, for a 200 and for a 404.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"internetdb_200.json", "internetdb_200_rich.json", "internetdb_404.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		q := intel.Query{Type: ioc.IPv4, Value: "1.1.1.1"}
		for _, status := range []int{http.StatusOK, http.StatusNotFound} {
			resp := &intel.Response{Status: status, Body: body}
			var res intel.Result
			var err error
			if status == http.StatusOK {
				res, err = parse(q, resp)
			} else {
				res, err = parseNotFound(q, resp)
			}
			var le *intel.LookupError
			if err != nil && !errors.As(err, &le) {
				t.Fatalf("error %T %v", err, err)
			}
			if err == nil && res.Verdict == "" {
				t.Fatal("result without a verdict")
			}
		}
	})
}
