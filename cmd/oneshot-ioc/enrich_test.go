package main

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

const fakeKey = "fake-cli-key-5d8e21c0a9"

// fakeProviders answers like each provider's API, under one path prefix per
// provider, with the sample bodies in testdata/providers/.
type fakeProviders struct {
	*httptest.Server
	mu    sync.Mutex
	paths []string
}

func newFakeProviders(t *testing.T) *fakeProviders {
	t.Helper()
	samples := map[string]string{
		"/vt/":         "vt_ip.json",
		"/greynoise/":  "greynoise_community_200_noise.json",
		"/abuseipdb/":  "abuseipdb_check_200.json",
		"/internetdb/": "internetdb_200.json",
	}
	f := &fakeProviders{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.paths = append(f.paths, r.URL.Path)
		f.mu.Unlock()
		for prefix, name := range samples {
			if strings.HasPrefix(r.URL.Path, prefix) {
				body, err := os.ReadFile(filepath.Join("testdata", "providers", name))
				if err != nil {
					http.Error(w, err.Error(), http.StatusInternalServerError)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(body)
				return
			}
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

// env points every provider at f, with keys for those that need one.
func (f *fakeProviders) env(keys bool) environment {
	vars := map[string]string{
		"VT_BASE_URL":         f.URL + "/vt",
		"GREYNOISE_BASE_URL":  f.URL + "/greynoise",
		"ABUSEIPDB_BASE_URL":  f.URL + "/abuseipdb/api/v2",
		"INTERNETDB_BASE_URL": f.URL + "/internetdb",
	}
	if keys {
		vars["VT_API_KEY"] = fakeKey
		vars["GREYNOISE_API_KEY"] = fakeKey
		vars["ABUSEIPDB_API_KEY"] = fakeKey
	}
	return environment{getenv: func(name string) string { return vars[name] }}
}

func (f *fakeProviders) requested() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.paths)
}

// line is one output line of enrich --format jsonl.
type line struct {
	Kind     string                   `json:"kind"`
	IOC      intel.Query              `json:"ioc"`
	Provider string                   `json:"provider"`
	Verdict  intel.Verdict            `json:"verdict"`
	Reason   string                   `json:"reason"`
	Error    string                   `json:"error"`
	Verdicts map[string]intel.Verdict `json:"verdicts"`
}

func parseLines(t *testing.T, out string) []line {
	t.Helper()
	var lines []line
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		lines = append(lines, l)
	}
	return lines
}

const enrichInput = "beacon to 8.8.8[.]8, relay 10.0.0.1, dropper invoice.pdf.exe\n"

func TestEnrichAllProviders(t *testing.T) {
	f := newFakeProviders(t)
	got := runCLI(t, f.env(true), enrichInput, "enrich")
	if got.code != exitOK {
		t.Fatalf("exit %d; stderr %q", got.code, got.stderr)
	}
	lines := parseLines(t, got.stdout)
	if len(lines) == 0 || lines[len(lines)-1].Kind != "summary" {
		t.Fatalf("output does not end with a summary:\n%s", got.stdout)
	}
	answered := map[string]intel.Verdict{}
	for _, l := range lines[:len(lines)-1] {
		if l.Kind != "result" {
			t.Errorf("line of kind %q before the summary; progress belongs on stderr", l.Kind)
			continue
		}
		switch l.IOC.Value {
		case "8.8.8.8":
			answered[l.Provider] = l.Verdict
		case "10.0.0.1":
			if l.Verdict != intel.Skipped || l.Reason != "private address" {
				t.Errorf("private address at %s: %s %q, want skipped as private", l.Provider, l.Verdict, l.Reason)
			}
		default:
			t.Errorf("%s %q was looked up; no provider takes that type", l.IOC.Type, l.IOC.Value)
		}
	}
	for _, p := range []string{"virustotal", "greynoise", "abuseipdb", "internetdb"} {
		switch v := answered[p]; v {
		case intel.Malicious, intel.Suspicious, intel.Harmless, intel.Unknown:
		default:
			t.Errorf("%s answered %q for 8.8.8.8, want a verdict from its sample answer", p, v)
		}
	}
	if v := lines[len(lines)-1].Verdicts["ipv4:8.8.8.8"]; v == "" {
		t.Errorf("summary %+v has no verdict for ipv4:8.8.8.8", lines[len(lines)-1].Verdicts)
	}
	for _, path := range f.requested() {
		if strings.Contains(path, "10.0.0.1") {
			t.Errorf("the private address was sent: %s", path)
		}
	}
	if strings.Contains(got.stdout+got.stderr, fakeKey) {
		t.Error("the API key appears in the output")
	}
	if !strings.Contains(got.stderr, "enriching 2 indicators") || !strings.Contains(got.stderr, "progress 8/8") {
		t.Errorf("stderr %q lacks the plain progress lines", got.stderr)
	}
}

func TestEnrichWithoutKeys(t *testing.T) {
	f := newFakeProviders(t)
	got := runCLI(t, f.env(false), "8.8.8.8\n", "enrich", "--format", "json")
	if got.code != exitOK {
		t.Fatalf("exit %d; stderr %q", got.code, got.stderr)
	}
	var doc struct {
		Results []line `json:"results"`
		Summary line   `json:"summary"`
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatalf("output is not one JSON document: %v\n%s", err, got.stdout)
	}
	if len(doc.Results) != 4 || doc.Summary.Kind != "summary" {
		t.Fatalf("got %d results and summary %+v, want 4 and a summary", len(doc.Results), doc.Summary)
	}
	for _, r := range doc.Results {
		if r.Provider == "internetdb" {
			if r.Verdict == intel.Skipped || r.Verdict == intel.Error {
				t.Errorf("keyless InternetDB answered %s %q", r.Verdict, r.Error+r.Reason)
			}
			continue
		}
		if r.Verdict != intel.Skipped {
			t.Errorf("%s without a key answered %s, want skipped", r.Provider, r.Verdict)
		}
	}
	for _, path := range f.requested() {
		if !strings.HasPrefix(path, "/internetdb/") {
			t.Errorf("a provider without a key made a request: %s", path)
		}
	}
	if !strings.Contains(got.stderr, "skipped: VirusTotal (set VT_API_KEY)") {
		t.Errorf("stderr %q does not say why VirusTotal is skipped", got.stderr)
	}
}

func TestEnrichChosenProviders(t *testing.T) {
	f := newFakeProviders(t)
	got := runCLI(t, f.env(true), "8.8.8.8 and evil[.]com\n", "enrich", "--providers", "internetdb")
	if got.code != exitOK {
		t.Fatalf("exit %d; stderr %q", got.code, got.stderr)
	}
	lines := parseLines(t, got.stdout)
	if len(lines) != 2 || lines[0].Provider != "internetdb" || lines[0].IOC.Value != "8.8.8.8" {
		t.Errorf("got %+v, want one InternetDB result for 8.8.8.8 (it takes no domains) and the summary", lines)
	}
}

func TestEnrichErrors(t *testing.T) {
	f := newFakeProviders(t)
	tests := []struct {
		name string
		env  environment
		args []string
		code int
		want string
	}{
		{"unknown provider", f.env(true), []string{"--providers", "virustotal,shodan"}, exitUsage, `unknown provider "shodan"`},
		{"unknown format", f.env(true), []string{"--format", "csv"}, exitUsage, `unknown format "csv"`},
		{"bad flag", f.env(true), []string{"--refresh"}, exitUsage, "flag provided but not defined"},
		{"missing file", f.env(true), []string{"testdata/input/missing.txt"}, exitError, "cannot read testdata/input/missing.txt"},
		{"bad rate limit", environment{getenv: func(name string) string {
			if name == "VT_RATE_LIMIT" {
				return "lots"
			}
			return ""
		}}, nil, exitError, "VT_RATE_LIMIT"},
		{"remote http base URL", environment{getenv: func(name string) string {
			if name == "INTERNETDB_BASE_URL" {
				return "http://internetdb.example.com"
			}
			return ""
		}}, nil, exitError, "INTERNETDB_BASE_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runCLI(t, tt.env, "8.8.8.8\n", append([]string{"enrich"}, tt.args...)...)
			if got.code != tt.code || !strings.Contains(got.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", got.code, got.stderr, tt.code, tt.want)
			}
			if got.stdout != "" {
				t.Errorf("stdout %q, want nothing", got.stdout)
			}
		})
	}
	if paths := f.requested(); len(paths) > 0 {
		t.Errorf("failed runs made requests: %v", paths)
	}
}
