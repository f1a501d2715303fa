package intel_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/intel/providers"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

const e2eKey = "e2e-key-5b8d0c13a7f2"

// TestEnrichEndToEnd wires the real configuration, providers and
// orchestrator to a loopback server answering like VirusTotal and InternetDB:
// with a VirusTotal key only, both answer, the others say why they were
// skipped, a private address is never requested, the second run is served
// from the cache, and the key appears in no output.
func TestEnrichEndToEnd(t *testing.T) {
	sample := func(dir, name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	vtIP, idb := sample("virustotal", "vt_ip.json"), sample("internetdb", "internetdb_200.json")
	var mu sync.Mutex
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasPrefix(r.URL.Path, "/vt/ip_addresses/"):
			if r.Header.Get("x-apikey") != e2eKey {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			_, _ = w.Write(vtIP)
		case strings.HasPrefix(r.URL.Path, "/idb/"):
			_, _ = w.Write(idb)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()

	env := map[string]string{
		"VT_API_KEY":          e2eKey,
		"VT_BASE_URL":         srv.URL + "/vt",
		"INTERNETDB_BASE_URL": srv.URL + "/idb",
	}
	cfg, err := intel.LoadConfig(func(k string) string { return env[k] }, "")
	if err != nil {
		t.Fatal(err)
	}
	o := intel.NewOrchestrator(cfg, providers.Build(cfg, nil), intel.Options{})
	req := intel.Request{IOCs: []intel.Query{
		{Type: ioc.IPv4, Value: "1.1.1.1"},
		{Type: ioc.IPv4, Value: "10.20.30.40"},
	}}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	results := map[string]*intel.Result{}
	emit := func(e intel.Event) {
		if err := enc.Encode(e); err != nil {
			t.Error(err)
		}
		if r, ok := e.(*intel.Result); ok {
			results[r.Provider+" "+r.IOC.Value] = r
		}
	}
	sum := o.Enrich(context.Background(), req, emit)

	for _, name := range []string{"virustotal", "internetdb"} {
		r := results[name+" 1.1.1.1"]
		if r == nil || r.Verdict == intel.Error || r.Verdict == intel.Skipped || r.Link == "" || r.Cached {
			t.Errorf("%s: %+v, want a fresh answer with a link", name, r)
		}
		if r := results[name+" 10.20.30.40"]; r == nil || r.Reason != "private address" {
			t.Errorf("%s private: %+v, want skipped: private address", name, r)
		}
	}
	for _, name := range []string{"greynoise", "abuseipdb"} {
		if r := results[name+" 1.1.1.1"]; r == nil || r.Verdict != intel.Skipped || r.Reason != "not configured" {
			t.Errorf("%s: %+v, want skipped: not configured", name, r)
		}
	}
	if sum.Verdicts["ipv4:10.20.30.40"] != intel.Skipped || sum.Verdicts["ipv4:1.1.1.1"] == intel.Skipped {
		t.Errorf("summary %v", sum.Verdicts)
	}
	mu.Lock()
	if len(paths) != 2 {
		t.Errorf("server saw %v, want one request per provider", paths)
	}
	for _, p := range paths {
		if strings.Contains(p, "10.20.30.40") {
			t.Errorf("a private address reached the server: %s", p)
		}
	}
	mu.Unlock()

	clear(results)
	o.Enrich(context.Background(), req, emit)
	mu.Lock()
	if len(paths) != 2 {
		t.Errorf("second run reached the server: %v", paths)
	}
	mu.Unlock()
	if r := results["virustotal 1.1.1.1"]; r == nil || !r.Cached || r.CachedAt == nil {
		t.Errorf("second run: %+v, want a cached answer", r)
	}
	if strings.Contains(out.String(), e2eKey) {
		t.Errorf("the key appears in the output")
	}
}
