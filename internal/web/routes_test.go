package web

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
)

// multipartBody encodes text as the page's form does.
func multipartBody(t testing.TB, text string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.WriteField("text", text); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), buf.String()
}

func TestRoutes(t *testing.T) {
	s := newTestServer(t, Config{Enricher: &fakeEnricher{}})
	formCT, formBody := multipartBody(t, "beacon to 203.0.113.7 and 198.51.100.2, again 203.0.113.7")
	tests := []struct {
		name, method, target, ctype, body string
		wantStatus                        int
		wantCT                            string
		wantBody                          []string
	}{
		{"page", "GET", "/", "", "", 200, "text/html; charset=utf-8", []string{`<textarea id="paste" name="text"`, `action="/extract"`}},
		{"form post multipart", "POST", "/extract", formCT, formBody, 200, "text/html; charset=utf-8",
			[]string{"IPv4 addresses", "<code>203.0.113.7</code>", `<td class="num">2</td>`, "<mark>203.0.113.7</mark>", "beacon to 203.0.113.7 and"}},
		{"form post urlencoded", "POST", "/extract", "application/x-www-form-urlencoded", url.Values{"text": {"see 192.0.2.1"}}.Encode(), 200, "text/html; charset=utf-8",
			[]string{"<code>192.0.2.1</code>"}},
		{"form post nothing found", "POST", "/extract", "application/x-www-form-urlencoded", "text=nothing+here", 200, "text/html; charset=utf-8",
			[]string{"No indicator found"}},
		{"api extract", "POST", "/api/extract", "application/json", `{"text":"c2 203.0.113.7"}`, 200, "application/json; charset=utf-8",
			[]string{`"iocs":[{"type":"ipv4","value":"203.0.113.7"`, `"stats":{"bytes":14`}},
		{"api extract empty", "POST", "/api/extract", "application/json", `{"text":""}`, 200, "application/json; charset=utf-8", []string{`"iocs":[]`}},
		{"api providers", "GET", "/api/providers", "", "", 200, "application/json; charset=utf-8",
			[]string{`"offline":false`, `"name":"virustotal"`, `"reason":"set GREYNOISE_API_KEY"`}},
		{"api enrich", "POST", "/api/enrich", "application/json", `{"iocs":[{"type":"ipv4","value":"203.0.113.7"}]}`, 200, "application/x-ndjson", []string{`"kind":"summary"`}},
		{"health", "GET", "/healthz", "", "", 200, "text/plain; charset=utf-8", []string{"ok"}},
		{"health head", "HEAD", "/healthz", "", "", 200, "text/plain; charset=utf-8", nil},
		{"api extract form-encoded", "POST", "/api/extract", "application/x-www-form-urlencoded", `{"text":"1.2.3.4"}`, 415, "application/json; charset=utf-8",
			[]string{`{"error":"Send the request as application/json."}`}},
		{"api extract without a type", "POST", "/api/extract", "", `{"text":"1.2.3.4"}`, 200, "application/json; charset=utf-8", []string{`"value":"1.2.3.4"`}},
		{"unknown page", "GET", "/nope", "", "", 404, "text/html; charset=utf-8", []string{"There is no page at this address."}},
		{"unknown api", "GET", "/api/nope", "", "", 404, "application/json; charset=utf-8", []string{`{"error":"There is no page at this address."}`}},
		{"unhashed static", "GET", "/static/app.js", "", "", 404, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serve(s.Handler(), request(tt.method, tt.target, tt.ctype, tt.body))
			if w.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d; body %q", w.Code, tt.wantStatus, w.Body.String())
			}
			if tt.wantCT != "" && w.Header().Get("Content-Type") != tt.wantCT {
				t.Errorf("Content-Type = %q, want %q", w.Header().Get("Content-Type"), tt.wantCT)
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(w.Body.String(), want) {
					t.Errorf("body lacks %q:\n%s", want, w.Body.String())
				}
			}
		})
	}
}

func TestStaticAssetsAreHashedAndImmutable(t *testing.T) {
	s := newTestServer(t, Config{})
	page := serve(s.Handler(), request("GET", "/", "", "")).Body.String()
	refs := regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(refs) < 3 {
		t.Fatalf("page references %d static files, want the script, the style sheet and the icon", len(refs))
	}
	wantType := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
	for _, ref := range refs {
		path := ref[1]
		if !regexp.MustCompile(`^/static/[a-z]+\.[0-9a-f]{12}\.(js|css|svg)$`).MatchString(path) {
			t.Errorf("%s does not carry a content hash", path)
		}
		w := serve(s.Handler(), request("GET", path, "", ""))
		if w.Code != 200 || w.Body.Len() == 0 {
			t.Fatalf("GET %s = %d", path, w.Code)
		}
		if got := w.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("%s Cache-Control = %q", path, got)
		}
		ext := path[strings.LastIndex(path, "."):]
		if got := w.Header().Get("Content-Type"); got != wantType[ext] {
			t.Errorf("%s Content-Type = %q, want %q", path, got, wantType[ext])
		}
	}
}

func TestAPIExtractRecords(t *testing.T) {
	s := newTestServer(t, Config{})
	w := serve(s.Handler(), request("POST", "/api/extract", "application/json", `{"text":"10.0.0.1 then 10.0.0.1"}`))
	var got extractResponse
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatalf("answer is not JSON: %v", err)
	}
	if len(got.IOCs) != 1 || got.IOCs[0].Count != 2 || got.Stats.Occurrences != 2 {
		t.Fatalf("got %+v", got)
	}
	if h := w.Header().Get("Cache-Control"); h != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", h)
	}
}

func TestMethodsOtherThanTheRoutesAreRefused(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, tt := range []struct{ method, target string }{
		{"GET", "/extract"}, {"GET", "/api/extract"}, {"GET", "/api/enrich"}, {"DELETE", "/api/extract"}, {"PUT", "/"},
	} {
		w := serve(s.Handler(), request(tt.method, tt.target, "", ""))
		if w.Code != http.StatusMethodNotAllowed && w.Code != http.StatusNotFound {
			t.Errorf("%s %s = %d, want 405 or 404", tt.method, tt.target, w.Code)
		}
	}
}

// TestFormPostRendersTheReport runs the real engine on the sample report
// and checks the server-rendered table a browser without JavaScript gets.
func TestFormPostRendersTheReport(t *testing.T) {
	report, err := os.ReadFile("testdata/report.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, Config{})
	ct, body := multipartBody(t, string(report))
	w := serve(s.Handler(), request("POST", "/extract", ct, body))
	if w.Code != 200 {
		t.Fatalf("status = %d", w.Code)
	}
	page := w.Body.String()
	for _, want := range []string{
		`<section class="group" id="type-ipv4">`,
		`<section class="group" id="type-url">`,
		`<code>https://files.freight-docs-portal.com/d/INV-88213?ref=mail</code>`,
		`<mark>hxxps://files.freight-docs-portal[.]com/d/INV-88213?ref=mail</mark>`,
		`<span class="tag tag-defanged">defanged</span>`,
		`<span class="tag tag-private">private</span>`,
		`<code>CVE-2023-36884</code>`,
		`From: &#34;Freight Billing&#34; &lt;billing@freight-docs-portal.com&gt;`, // the paste area keeps the text, escaped
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Index(page, `id="type-ipv4"`) > strings.Index(page, `id="type-domain"`) {
		t.Error("groups are not in display order")
	}
}
