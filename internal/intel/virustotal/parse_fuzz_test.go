package virustotal

import (
	"net/http"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers/providertest"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// FuzzParse checks that no answer, however broken, panics or fails other
// than as a *LookupError, for a report and for a 404, and that any 429
// stays a rate limit that ends within a day.
func FuzzParse(f *testing.F) {
	providertest.Seed(f, "vt_file.json", "vt_ip.json", "vt_url.json", "vt_404_url.json", "vt_429_quota.json")
	f.Add([]byte(`{"data":{"attributes":{"last_analysis_stats":{"malicious":-5}}}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		q := intel.Query{Type: ioc.MD5, Value: "37ece581c10a7a88ee6c666b13807a03"}
		tgt, _ := locate(q)
		res, err := parseReport(q, tgt, &intel.Response{Status: http.StatusOK, Body: body})
		providertest.CheckParsed(t, res, err)
		res, err = parseNotFound(q, tgt, &intel.Response{Status: http.StatusNotFound, Body: body})
		providertest.CheckParsed(t, res, err)
		providertest.CheckRateLimited(t, rateLimited, body)
	})
}

func BenchmarkParseReport(b *testing.B) {
	body := providertest.Sample(b, "vt_file.json")
	q := intel.Query{Type: ioc.SHA256, Value: "0078c8132fb99b4bccbb2e2429885a857d6a89534f74e23e6a12821abd2c3db2"}
	tgt, _ := locate(q)
	resp := &intel.Response{Status: http.StatusOK, Body: body}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseReport(q, tgt, resp); err != nil {
			b.Fatal(err)
		}
	}
}
