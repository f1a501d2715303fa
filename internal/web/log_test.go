package web

import (
	"strings"
	"testing"
)

func TestLogsCarryNoPastedTextNorToken(t *testing.T) {
	var logs syncBuffer
	const secretText = "CONFIDENTIAL-incident-4711 beacon 203.0.113.7"
	s := newTestServer(t, Config{Addr: "127.0.0.1:8080", AllowRemote: true, Token: "tok-5f1d2c", Logger: newLogger(&logs), Enricher: &fakeEnricher{}})
	ct, form := multipartBody(t, secretText)

	reqs := []struct {
		method, target, ctype, body string
	}{
		{"GET", "/?token=tok-5f1d2c", "", ""},
		{"POST", "/api/extract?token=tok-5f1d2c", "application/json", `{"text":"` + secretText + `"}`},
		{"POST", "/extract?token=tok-5f1d2c", ct, form},
		{"POST", "/api/enrich?token=tok-5f1d2c", "application/json", `{"iocs":[{"type":"ipv4","value":"203.0.113.7"}]}`},
		{"POST", "/api/extract?token=wrong-" + secretText[:12], "application/json", `{"text":"` + secretText + `"}`},
		{"POST", "/api/extract?token=tok-5f1d2c", "application/json", `{"text":` + secretText},
	}
	for _, r := range reqs {
		serve(s.Handler(), request(r.method, r.target, r.ctype, r.body))
	}
	out := logs.String()
	for _, secret := range []string{"CONFIDENTIAL", "203.0.113.7", "tok-5f1d2c", "token="} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{"method=POST", "path=/api/extract", "status=200", "status=401", "status=400", "status=303", "size=", "duration="} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "msg=request"); n != len(reqs) {
		t.Errorf("%d request lines, want %d", n, len(reqs))
	}
}

func TestStartupLine(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		addr string
		want string
	}{
		{"offline", Config{Offline: true, Enricher: &fakeEnricher{}}, "127.0.0.1:8080", "oneshot-ioc listening on http://127.0.0.1:8080 — offline"},
		{"no enricher", Config{}, "127.0.0.1:8080", "oneshot-ioc listening on http://127.0.0.1:8080 — offline"},
		{"providers", Config{Enricher: &fakeEnricher{}}, "127.0.0.1:9999", "oneshot-ioc listening on http://127.0.0.1:9999 — providers: VirusTotal"},
		{"token", Config{Addr: "0.0.0.0:8080", AllowRemote: true, Token: "abc123", Offline: true}, "0.0.0.0:8080", "oneshot-ioc listening on http://0.0.0.0:8080/?token=abc123 — offline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newTestServer(t, tt.cfg).StartupLine(tt.addr); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
