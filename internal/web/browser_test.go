package web

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// chromiumPath is Debian's headless-capable browser.
const chromiumPath = "/usr/bin/chromium"

// pageHooks runs before the page's own script: it records CSP violations,
// and captures what the page copies and exports instead of touching the
// system clipboard or the disk.
const pageHooks = `
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
window.__copied = [];
Object.defineProperty(navigator, "clipboard", {
  configurable: true,
  value: { writeText: (t) => { window.__copied.push(t); return Promise.resolve(); } },
});
window.__exports = [];
const realCreateObjectURL = URL.createObjectURL.bind(URL);
URL.createObjectURL = (blob) => { window.__exports.push(blob); return realCreateObjectURL(blob); };
`

// startBrowser starts headless chromium with a fresh profile, or skips.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		msg := "chromium is not installed; run `apt-get install chromium`, then `go test -run Browser ./internal/web/`"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 900),
	)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	// Downloads are refused so the export test cannot write to disk.
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorDeny}); err != nil {
		t.Fatalf("refusing downloads: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: pageHooks}); err != nil {
		t.Fatalf("installing the page hooks: %v", err)
	}
	return ctx
}

// consoleErrors collects every console error, exception and browser-log
// error (a CSP violation is one) until the test ends.
func consoleErrors(ctx context.Context) func() []string {
	var mu sync.Mutex
	var errs []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				errs = append(errs, fmt.Sprintf("%s %s:%d %s", m.Type, m.URL, m.Line+1, m.Text))
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}

// startServer serves the real app on a loopback port.
func startServer(t *testing.T, cfg Config) string {
	t.Helper()
	cfg.Addr = "127.0.0.1:0"
	s := newTestServer(t, cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// saveScreenshot writes the page to the test's temp dir and, when
// ONESHOT_SCREENSHOT names a file, there too (that is how the README's
// picture is made; the other pictures go next to it).
func saveScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, png, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	if dst := os.Getenv("ONESHOT_SCREENSHOT"); dst != "" {
		if name != "page.png" {
			// page-dark.png goes next to it as NAME-dark.png.
			dst = strings.TrimSuffix(dst, ".png") + strings.TrimPrefix(name, "page")
		}
		if err := os.WriteFile(dst, png, 0o600); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", dst)
	}
}

// rowValues returns the values shown in the result table.
const rowValues = `Array.from(document.querySelectorAll("[data-groups] td.value code")).map((c) => c.textContent)`

func TestBrowserPasteFilterCopyExportEnrich(t *testing.T) {
	report, err := os.ReadFile("testdata/report.txt")
	if err != nil {
		t.Fatal(err)
	}
	base := startServer(t, Config{Extract: browserExtract, Enricher: demoEnricher{}})
	ctx := startBrowser(t)
	consoleErrs := consoleErrors(ctx)

	do(t, ctx, "opening the page", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("[data-paste]")))
	saveScreenshot(t, ctx, "page-empty.png")
	do(t, ctx, "pasting and submitting",
		chromedp.SetValue(chromedp.CSS("[data-paste]"), string(report)),
		chromedp.Click(chromedp.CSS("[data-submit]")),
		chromedp.WaitVisible(chromedp.CSS("[data-groups] tbody tr")),
	)

	values := eval[[]string](t, ctx, rowValues)
	for _, want := range browserWant {
		if !contains(values, want) {
			t.Errorf("table lacks %q; rows: %q", want, values)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-groups] mark").length`); n < len(values)/2 {
		t.Errorf("only %d highlighted context snippets for %d rows", n, len(values))
	}
	saveScreenshot(t, ctx, "page-extracted.png")

	// Filter.
	do(t, ctx, "filtering", chromedp.SendKeys(chromedp.CSS("[data-filter]"), "lantern"))
	filtered := pollValues(t, ctx, func(v []string) bool { return len(v) > 0 && len(v) < len(values) })
	for _, v := range filtered {
		if !strings.Contains(v, "lantern") {
			t.Errorf("filter 'lantern' shows %q", v)
		}
	}

	// Defanged display, then copy all in that form.
	do(t, ctx, "switching to defanged", chromedp.Click(chromedp.CSS(`[data-mode="defanged"]`)))
	defanged := eval[[]string](t, ctx, rowValues)
	for _, v := range defanged {
		if strings.Contains(v, "lantern") && !strings.Contains(v, "[.]") {
			t.Errorf("defanged display shows %q", v)
		}
	}
	do(t, ctx, "copying", chromedp.Click(chromedp.CSS("[data-copy-all]")))
	copied := eval[[]string](t, ctx, `window.__copied`)
	if len(copied) != 1 || copied[0] != strings.Join(defanged, "\n") {
		t.Errorf("copied %q, want the defanged view %q", copied, defanged)
	}
	if label := eval[string](t, ctx, `document.querySelector("[data-copy-all]").textContent`); label != "Copied ✓" {
		t.Errorf("copy button says %q", label)
	}

	// Export the filtered view as CSV and JSON.
	do(t, ctx, "exporting CSV",
		chromedp.Click(chromedp.CSS("[data-menu-button]")),
		chromedp.Click(chromedp.CSS(`[data-export="csv"]`)),
	)
	do(t, ctx, "exporting JSON",
		chromedp.Click(chromedp.CSS("[data-menu-button]")),
		chromedp.Click(chromedp.CSS(`[data-export="json"]`)),
	)
	exports := eval[[]string](t, ctx, `Promise.all(window.__exports.map((b) => b.text()))`)
	if len(exports) != 2 {
		t.Fatalf("%d exports, want 2", len(exports))
	}
	csvLines := strings.Split(strings.TrimSpace(exports[0]), "\r\n")
	if csvLines[0] != "type,value,count,defanged,tags,verdict,evidence" || len(csvLines) != len(filtered)+1 {
		t.Errorf("CSV export:\n%s", exports[0])
	}
	if !strings.Contains(exports[0], "[.]") || !strings.Contains(exports[1], `"defanged_value"`) {
		t.Errorf("exports lack the defanged forms:\n%s\n%s", exports[0], exports[1])
	}

	// Back to everything, refanged; enrich it all; verdicts stream into
	// the rows and the summary gives each row one badge.
	do(t, ctx, "clearing the filter",
		chromedp.Evaluate[chromedp.Void](`(() => { const f = document.querySelector("[data-filter]"); f.value = ""; f.dispatchEvent(new Event("input")); })()`),
		chromedp.Click(chromedp.CSS(`[data-mode="refanged"]`)),
	)
	pollValues(t, ctx, func(v []string) bool { return len(v) == len(values) })

	// The page defangs exactly as the engine does.
	do(t, ctx, "switching to defanged", chromedp.Click(chromedp.CSS(`[data-mode="defanged"]`)))
	if got, want := eval[[]string](t, ctx, rowValues), engineDefanged(report); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("defanged view:\n%s\nwant (ioc.Defang):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	do(t, ctx, "switching to refanged", chromedp.Click(chromedp.CSS(`[data-mode="refanged"]`)))

	do(t, ctx, "enriching",
		chromedp.Click(chromedp.CSS("[data-enrich-open]")),
		chromedp.WaitVisible(chromedp.CSS("[data-provider]")),
	)
	saveScreenshot(t, ctx, "page-providers.png")
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-provider]:disabled").length`); n != 1 {
		t.Errorf("%d providers greyed out, want the unconfigured one", n)
	}
	do(t, ctx, "starting lookups",
		chromedp.Click(chromedp.CSS("[data-enrich-start]")),
		chromedp.WaitVisible(chromedp.CSS("[data-enrich-refresh]")),
	)
	badges := pollStrings(t, ctx, `Array.from(document.querySelectorAll("[data-groups] .verdict-badge")).map((b) => b.textContent)`,
		func(v []string) bool { return len(v) == len(values) })
	seen := map[string]bool{}
	for _, b := range badges {
		seen[b] = true
	}
	for _, want := range []string{"malicious", "suspicious", "harmless", "skipped"} {
		if !seen[want] {
			t.Errorf("no %s badge among %q", want, badges)
		}
	}
	if marker := eval[string](t, ctx, `document.querySelector(".cached-marker").textContent`); marker != "Some answers cached 12 min ago" {
		t.Errorf("cache marker = %q", marker)
	}
	do(t, ctx, "exporting with verdicts",
		chromedp.Click(chromedp.CSS("[data-menu-button]")),
		chromedp.Click(chromedp.CSS(`[data-export="csv"]`)),
	)
	exports = eval[[]string](t, ctx, `Promise.all(window.__exports.map((b) => b.text()))`)
	if csv := exports[len(exports)-1]; !strings.Contains(csv, ",malicious,virustotal: malicious (14/94 engines)") {
		t.Errorf("CSV export lacks the verdicts:\n%s", csv)
	}
	// The picture shows the lasting state, not the passing notices.
	pollStrings(t, ctx, `[String(document.querySelector("[data-notice]").hidden), document.querySelector("[data-copy-all]").textContent]`,
		func(v []string) bool { return v[0] == "true" && v[1] == "Copy all" })
	do(t, ctx, "framing the picture",
		chromedp.EmulateViewport(1440, 1240),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`),
	)
	saveScreenshot(t, ctx, "page.png")

	// The dark theme and a narrow window must work too.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	saveScreenshot(t, ctx, "page-dark.png")
	do(t, ctx, "narrowing the window", chromedp.EmulateViewport(420, 900))
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 420 {
		t.Errorf("a 420 px window scrolls sideways to %d px", w)
	}
	saveScreenshot(t, ctx, "page-narrow.png")

	if v := eval[[]string](t, ctx, `window.__csp`); len(v) > 0 {
		t.Errorf("CSP violations: %q", v)
	}
	if errs := consoleErrs(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestBrowserDropTenThousand drops a text file of 10,000 addresses onto the
// paste area (read in the page, never uploaded as a file), submits with
// Ctrl+Enter, and checks the table stays bounded: one page of rows is in the
// document, the rest behind "Show more", and filtering still finds any row.
func TestBrowserDropTenThousand(t *testing.T) {
	base := startServer(t, Config{})
	ctx := startBrowser(t)
	consoleErrs := consoleErrors(ctx)
	do(t, ctx, "opening the page", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("[data-paste]")))

	do(t, ctx, "dropping a file", chromedp.Evaluate[chromedp.Void](`(() => {
		const lines = [];
		for (let i = 0; i < 10000; i++) lines.push("hit from 11." + (i >> 8 & 255) + "." + (i & 255) + ".7 port 443");
		const dt = new DataTransfer();
		dt.items.add(new File([lines.join("\n")], "firewall.log", { type: "text/plain" }));
		document.querySelector("[data-dropzone]").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
	})()`))
	pollStrings(t, ctx, `[document.querySelector("[data-count-line]").textContent]`,
		func(v []string) bool { return strings.HasPrefix(v[0], "10000 indicators") })
	if rows := eval[int](t, ctx, `document.querySelectorAll("[data-groups] tbody tr").length`); rows != 200 {
		t.Errorf("%d rows in the document, want one page of 200", rows)
	}
	if more := eval[string](t, ctx, `document.querySelector("[data-more]").textContent`); more != "Show 1000 more" {
		t.Errorf("more button says %q", more)
	}

	do(t, ctx, "filtering", chromedp.SendKeys(chromedp.CSS("[data-filter]"), "11.0.9.7"))
	pollValues(t, ctx, func(v []string) bool { return len(v) == 1 && v[0] == "11.0.9.7" })

	// Ctrl+Enter submits a new paste; a repeated value expands to every
	// occurrence.
	do(t, ctx, "submitting with Ctrl+Enter", chromedp.Evaluate[chromedp.Void](`(() => {
		const p = document.querySelector("[data-paste]");
		p.value = "first 8.8.8.8 then\n8.8.8.8 again and 8.8.8.8";
		p.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true }));
	})()`))
	pollValues(t, ctx, func(v []string) bool { return len(v) == 1 && v[0] == "8.8.8.8" })
	do(t, ctx, "expanding the occurrences", chromedp.Click(chromedp.CSS("[data-groups] details summary")))
	occ := pollStrings(t, ctx, `Array.from(document.querySelectorAll("[data-groups] .occurrences li")).map((li) => li.textContent)`,
		func(v []string) bool { return len(v) == 3 })
	if occ[1] != "first 8.8.8.8 then 8.8.8.8 again and 8.8.8.8" {
		t.Errorf("second occurrence snippet = %q", occ[1])
	}
	if errs := consoleErrs(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
	if v := eval[[]string](t, ctx, `window.__csp`); len(v) > 0 {
		t.Errorf("CSP violations: %q", v)
	}
}

// waitingEnricher holds its lookups until the request goes away.
type waitingEnricher struct {
	demoEnricher
	cancelled chan struct{}
}

func (w waitingEnricher) Enrich(ctx context.Context, req intel.Request, emit func(intel.Event)) intel.Summary {
	emit(intel.Progress{Total: len(req.IOCs), Waiting: map[string]string{"virustotal": "free tier 4/min, next slot in 40s"}})
	<-ctx.Done()
	close(w.cancelled)
	return intel.Summary{}
}

// TestBrowserCancelEnrich presses Cancel while lookups wait and checks the
// server sees the request end, so no quota is spent on it.
func TestBrowserCancelEnrich(t *testing.T) {
	enricher := waitingEnricher{cancelled: make(chan struct{})}
	base := startServer(t, Config{Enricher: enricher})
	ctx := startBrowser(t)
	consoleErrs := consoleErrors(ctx)
	do(t, ctx, "extracting",
		chromedp.Navigate(base+"/"),
		chromedp.SetValue(chromedp.CSS("[data-paste]"), "c2 at 185.220.101.47"),
		chromedp.Click(chromedp.CSS("[data-submit]")),
		chromedp.WaitVisible(chromedp.CSS("[data-groups] tbody tr")),
		chromedp.Click(chromedp.CSS("[data-enrich-open]")),
		chromedp.WaitVisible(chromedp.CSS("[data-provider]")),
		chromedp.Click(chromedp.CSS("[data-enrich-start]")),
	)
	wait := pollStrings(t, ctx, `[document.querySelector("[data-progress-wait]").textContent]`,
		func(v []string) bool { return v[0] != "" })
	if wait[0] != "VirusTotal: free tier 4/min, next slot in 40s" {
		t.Errorf("wait explanation = %q", wait[0])
	}
	do(t, ctx, "cancelling", chromedp.Click(chromedp.CSS("[data-enrich-cancel]")))
	pollStrings(t, ctx, `[document.querySelector("[data-progress-text]").textContent]`,
		func(v []string) bool { return strings.HasPrefix(v[0], "Cancelled") })
	select {
	case <-enricher.cancelled:
	case <-ctx.Done():
		t.Fatal("the server never saw the lookups cancelled")
	}
	if errs := consoleErrs(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestBrowserHelpers checks the page's defanging against the engine's and
// its CSV cells against spreadsheet formula injection.
func TestBrowserHelpers(t *testing.T) {
	base := startServer(t, Config{})
	ctx := startBrowser(t)
	do(t, ctx, "opening the page", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("[data-paste]")))

	for _, tt := range []struct{ typ, value string }{
		{"ipv4", "198.51.100.23"},
		{"ipv6", "2001:db8::1"},
		{"domain", "evil.example.com"},
		{"email", "a.b@mail.evil.example"},
		{"url", "https://evil.example/a.b?c=d.e#f.g"},
		{"url", "http://user@evil.example:8080"},
		{"url", "ftp://files.evil.example/x"},
		{"url", "hxxp://already.example/"},
		{"sha256", "020e836cb9743171d70efd93a4f30b3b6a921c230d125ed2614de89cc478d87d"},
		{"filename", "invoice.pdf.exe"},
	} {
		js := fmt.Sprintf(`window.oneshot.defang(%q, %q)`, tt.typ, tt.value)
		if got, want := eval[string](t, ctx, js), ioc.Defang(ioc.Type(tt.typ), tt.value); got != want {
			t.Errorf("page defangs %s %q as %q, engine as %q", tt.typ, tt.value, got, want)
		}
	}
	for in, want := range map[string]string{
		"=1+1":               "'=1+1",
		"+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
		"-2":                 "'-2",
		"@SUM(A1)":           "'@SUM(A1)",
		"\tx":                "'\tx",
		"\rx":                "\"'\rx\"",
		`a,"b"`:              `"a,""b"""`,
		"evil.example":       "evil.example",
	} {
		if got := eval[string](t, ctx, fmt.Sprintf(`window.oneshot.csvCell(%q)`, in)); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBrowserWithoutJavaScript posts the form with scripts disabled and
// expects the server-rendered table.
func TestBrowserWithoutJavaScript(t *testing.T) {
	base := startServer(t, Config{Extract: browserExtract})
	ctx := startBrowser(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("turning scripts off: %v", err)
	}
	do(t, ctx, "posting the form",
		chromedp.Navigate(base+"/"),
		chromedp.SetValue(chromedp.CSS("[data-paste]"), "beacon to hxxp://198.51.100[.]23:8080/x and 198.51.100.23"),
		chromedp.Submit(chromedp.CSS("[data-extract-form]")),
		chromedp.WaitVisible(chromedp.CSS("[data-server-results] tbody tr")),
	)
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("[data-server-results]")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "198.51.100.23") {
		t.Errorf("server-rendered results lack the address:\n%s", text)
	}
	saveScreenshot(t, ctx, "page-nojs.png")
}

func pollValues(t *testing.T, ctx context.Context, ok func([]string) bool) []string {
	t.Helper()
	return pollStrings(t, ctx, rowValues, ok)
}

// pollStrings re-reads a list from the page until ok accepts it; the page
// renders after a short debounce, so the list changes a moment later.
func pollStrings(t *testing.T, ctx context.Context, js string, ok func([]string) bool) []string {
	t.Helper()
	var v []string
	for range 100 {
		v = eval[[]string](t, ctx, js)
		if ok(v) {
			return v
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(50*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	t.Helper()
	t.Fatalf("the page never showed the expected list; last: %q", v)
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
