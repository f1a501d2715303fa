package greynoise

import (
	"net/http"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers/providertest"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// FuzzParse checks that no answer, however broken, panics or fails other
// than as a *LookupError, and that any 429 stays a rate limit that ends
// within a day.
func FuzzParse(f *testing.F) {
	providertest.Seed(f, "greynoise_community_200_noise.json", "greynoise_community_200_riot.json",
		"greynoise_community_404_live2026.json", "greynoise_community_429.json")
	f.Fuzz(func(t *testing.T, body []byte) {
		q := intel.Query{Type: ioc.IPv4, Value: "51.91.185.74"}
		res, err := parse(q, &intel.Response{Status: http.StatusOK, Body: body})
		providertest.CheckParsed(t, res, err)
		providertest.CheckRateLimited(t, rateLimited, body)
	})
}
