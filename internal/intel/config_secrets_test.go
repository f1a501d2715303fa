package intel

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// fakeKey is a key the tests plant and then look for in every output.
const fakeKey = "FAKEKEY-7c1d9a2b4e6f8091"

// TestKeysNeverShown prints, marshals and logs a configuration holding keys,
// and runs lookups whose errors carry a key, then searches everything
// written for the key.
func TestKeysNeverShown(t *testing.T) {
	keyFile := writeFile(t, "gn", fakeKey+"-gn\n")
	cfg, err := LoadConfig(mapEnv(map[string]string{
		"VT_API_KEY":             fakeKey,
		"GREYNOISE_API_KEY_FILE": keyFile,
	}), "")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Providers["virustotal"].Key.Reveal() != fakeKey {
		t.Fatal("the key was not loaded")
	}
	var out bytes.Buffer
	for _, v := range []any{cfg, cfg.Providers["virustotal"], cfg.Providers["greynoise"], &cfg} {
		fmt.Fprintf(&out, "%v %+v %#v %s\n", v, v, v, v)
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(data)
	}
	logger := slog.New(slog.NewJSONHandler(&out, nil))
	logger.Info("configuration", "cfg", cfg, "vt", cfg.Providers["virustotal"], "key", cfg.Providers["virustotal"].Key)
	slog.New(slog.NewTextHandler(&out, nil)).Info("configuration", "cfg", cfg, "key", cfg.Providers["greynoise"].Key)

	leaky := &fakeProvider{name: "virustotal", answer: func(context.Context, Query) (Result, error) {
		return Result{}, fmt.Errorf("GET https://example.com/?key=%s failed", fakeKey)
	}}
	leakyVerdict := &fakeProvider{name: "greynoise", answer: func(context.Context, Query) (Result, error) {
		return Result{Verdict: Error, Error: "refused key " + fakeKey + "-gn"}, nil
	}}
	o := NewOrchestrator(cfg, []Provider{leaky, leakyVerdict}, Options{})
	fmt.Fprintf(&out, "%+v %#v\n", o, o) // before any lookup, while nothing else touches it
	var rec recorder
	o.Enrich(t.Context(), Request{IOCs: publicIPs(2)}, rec.emit)
	enc := json.NewEncoder(&out)
	for _, e := range rec.snapshot() {
		if err := enc.Encode(e); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "%+v\n", e)
	}
	for _, st := range o.Statuses() {
		fmt.Fprintf(&out, "%+v\n", st)
	}

	if strings.Contains(out.String(), fakeKey) {
		t.Errorf("the key appears in the output:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "[redacted]") {
		t.Errorf("nothing was redacted, so the test printed no key at all")
	}
}
