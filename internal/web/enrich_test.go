package web

import (
	"bufio"
	"encoding/json"
	"net"
	"strings"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

// ndjsonLines splits a stream into decoded objects, failing on any line
// that is not exactly one JSON object.
func ndjsonLines(t *testing.T, body string) []map[string]any {
	t.Helper()
	if !strings.HasSuffix(body, "\n") {
		t.Fatalf("stream does not end with a newline: %q", body)
	}
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q is not one JSON object: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

func TestEnrichStream(t *testing.T) {
	for _, emitSummary := range []bool{true, false} {
		name := "summary from the return value"
		if emitSummary {
			name = "summary emitted"
		}
		t.Run(name, func(t *testing.T) {
			fake := &fakeEnricher{emitSummary: emitSummary}
			s := newTestServer(t, Config{Enricher: fake})
			w := serve(s.Handler(), request("POST", "/api/enrich", "application/json",
				`{"iocs":[{"type":"ipv4","value":"203.0.113.7"},{"type":"domain","value":"evil.example"}],"providers":["virustotal"],"refresh":true}`))
			if w.Code != 200 {
				t.Fatalf("status = %d: %s", w.Code, w.Body.String())
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/x-ndjson" {
				t.Errorf("Content-Type = %q", ct)
			}
			if cc := w.Header().Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control = %q", cc)
			}
			if !w.Flushed {
				t.Error("the stream was never flushed")
			}
			lines := ndjsonLines(t, w.Body.String())
			var kinds []string
			for _, l := range lines {
				kinds = append(kinds, l["kind"].(string))
			}
			want := "progress result progress result progress summary"
			if got := strings.Join(kinds, " "); got != want {
				t.Fatalf("kinds = %s, want %s", got, want)
			}
			res := lines[1]
			if res["provider"] != "virustotal" || res["verdict"] != "malicious" || res["summary"] != "9/93 engines" {
				t.Errorf("result line = %v", res)
			}
			if q := res["ioc"].(map[string]any); q["type"] != "ipv4" || q["value"] != "203.0.113.7" {
				t.Errorf("result ioc = %v", q)
			}
			if wait := lines[0]["waiting"].(map[string]any); wait["virustotal"] != "rate limit, next slot in 14s" {
				t.Errorf("progress waiting = %v", wait)
			}
			verdicts := lines[len(lines)-1]["verdicts"].(map[string]any)
			if verdicts["ipv4:203.0.113.7"] != "malicious" || verdicts["domain:evil.example"] != "malicious" {
				t.Errorf("summary verdicts = %v", verdicts)
			}
			if len(fake.got) != 1 || !fake.got[0].Refresh || len(fake.got[0].Providers) != 1 {
				t.Errorf("orchestrator got %+v", fake.got)
			}
		})
	}
}

func TestEnrichRefusals(t *testing.T) {
	tests := []struct {
		name     string
		cfg      Config
		body     string
		status   int
		wantBody string
	}{
		{"offline", Config{Offline: true, Enricher: &fakeEnricher{}}, `{"iocs":[{"type":"ipv4","value":"1.2.3.4"}]}`, 503, "offline"},
		{"no enricher", Config{}, `{"iocs":[{"type":"ipv4","value":"1.2.3.4"}]}`, 503, "offline"},
		{"no indicator", Config{Enricher: &fakeEnricher{}}, `{"iocs":[]}`, 400, "No indicator to look up."},
		{"unknown type", Config{Enricher: &fakeEnricher{}}, `{"iocs":[{"type":"bogus","value":"x"}]}`, 400, "Indicator 1 has an unknown type."},
		{"empty value", Config{Enricher: &fakeEnricher{}}, `{"iocs":[{"type":"ipv4","value":""}]}`, 400, "Indicator 1 has no value."},
		{"unknown provider", Config{Enricher: &fakeEnricher{}}, `{"iocs":[{"type":"ipv4","value":"1.2.3.4"}],"providers":["nope"]}`, 400, "unknown provider nope"},
		{"not json", Config{Enricher: &fakeEnricher{}}, `iocs=1`, 400, "Malformed JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serve(newTestServer(t, tt.cfg).Handler(), request("POST", "/api/enrich", "application/json", tt.body))
			if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.wantBody) {
				t.Fatalf("got %d %q, want %d with %q", w.Code, w.Body.String(), tt.status, tt.wantBody)
			}
		})
	}
}

func TestEnrichEmptyProviderListMeansAll(t *testing.T) {
	fake := &fakeEnricher{}
	s := newTestServer(t, Config{Enricher: fake})
	serve(s.Handler(), request("POST", "/api/enrich", "application/json", `{"iocs":[{"type":"ipv4","value":"1.2.3.4"}],"providers":[]}`))
	if len(fake.got) != 1 || fake.got[0].Providers != nil {
		t.Fatalf("providers passed on = %#v, want nil (every provider)", fake.got)
	}
}

func TestProvidersOffline(t *testing.T) {
	w := serve(newTestServer(t, Config{Offline: true, Enricher: &fakeEnricher{}}).Handler(), request("GET", "/api/providers", "", ""))
	var got providersResponse
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if !got.Offline || len(got.Providers) != 2 {
		t.Fatalf("got %+v", got)
	}
}

// TestEnrichStreamsOverTheNetwork checks the stream reaches a real client
// through the server's write-deadline handling.
func TestEnrichStreamsOverTheNetwork(t *testing.T) {
	s := newTestServer(t, Config{Addr: "127.0.0.1:0", Enricher: &fakeEnricher{emitSummary: true}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	go func() { _ = s.Serve(ctx, ln) }()
	status, body, err := fetch(t, "POST", "http://"+ln.Addr().String()+"/api/enrich", "application/json",
		`{"iocs":[{"type":"ipv4","value":"203.0.113.7"}]}`)
	if err != nil || status != 200 {
		t.Fatalf("POST /api/enrich = %d, %v", status, err)
	}
	var kinds []string
	for _, l := range ndjsonLines(t, body) {
		kinds = append(kinds, l["kind"].(string))
	}
	if got := strings.Join(kinds, " "); got != "progress result progress summary" {
		t.Fatalf("kinds = %s", got)
	}
}

// Result events may come without their kind; every line must still say it.
func TestWithKind(t *testing.T) {
	for _, ev := range []intel.Event{&intel.Result{}, intel.Progress{}, &intel.Progress{}, intel.Summary{}, &intel.Summary{}} {
		b, err := json.Marshal(withKind(ev))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"kind":"`+ev.EventKind()+`"`) {
			t.Errorf("%T → %s", ev, b)
		}
	}
}
