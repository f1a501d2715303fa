package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// hostile are pasted values that would run script if echoed unescaped.
var hostile = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`javascript:alert(1)`,
	`http://evil.example/</textarea><script>alert(2)</script>`,
	`'><svg onload=alert(3)>`,
}

func TestPastedTextIsEscapedInHTML(t *testing.T) {
	s := newTestServer(t, Config{Extract: lineExtract})
	ct, body := multipartBody(t, strings.Join(hostile, "\n"))
	w := serve(s.Handler(), request("POST", "/extract", ct, body))
	if w.Code != 200 {
		t.Fatalf("status = %d", w.Code)
	}
	page := w.Body.String()
	for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload", "</textarea><script>", `href="javascript:`, `src="javascript:`} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q unescaped", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
		"<code>javascript:alert(1)</code>",
		"&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks the escaped form %q", want)
		}
	}
	// Only the page's own script tag exists, and values are never links.
	if n := strings.Count(page, "<script"); n != 1 {
		t.Errorf("page has %d script tags, want 1", n)
	}
	if strings.Contains(page, "<a href=\"http://evil") {
		t.Error("an indicator was rendered as a link")
	}
}

func TestPastedTextIsEscapedInJSON(t *testing.T) {
	s := newTestServer(t, Config{Extract: lineExtract})
	w := serve(s.Handler(), request("POST", "/api/extract", "application/json",
		`{"text":"<script>alert(1)</script>\n\"><img src=x onerror=alert(1)>\nhttp://e.example/</textarea>"}`))
	if w.Code != 200 {
		t.Fatalf("status = %d", w.Code)
	}
	body := w.Body.String()
	for _, bad := range []string{"<script>", "<img", "</textarea>"} {
		if strings.Contains(body, bad) {
			t.Errorf("JSON contains %q unescaped", bad)
		}
	}
	for _, want := range []string{`\u003cscript\u003ealert(1)\u003c/script\u003e`, `\"\u003e\u003cimg src=x onerror=alert(1)\u003e`, `\u003c/textarea\u003e`} {
		if !strings.Contains(body, want) {
			t.Errorf("JSON lacks %q", want)
		}
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
}

// TestNoInlineCode keeps the markup compatible with the CSP: no inline
// script or style, no event-handler attribute, no javascript: address, no
// template action inside a script, and no HTML built from strings in the
// script.
func TestNoInlineCode(t *testing.T) {
	jsBad := regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\("on|\.on(?:click|load|error|input|change|submit|key[a-z]+|mouse[a-z]+|focus|blur|drag[a-z]*|drop|toggle|message)\s*=`)
	err := fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, path)
		if err != nil {
			return err
		}
		if what := inlineCode(string(b)); what != "" {
			t.Errorf("%s has %s", path, what)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(staticFS, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(staticFS, path)
		if err != nil {
			return err
		}
		text := string(b)
		if strings.HasSuffix(path, ".js") {
			if loc := jsBad.FindStringIndex(text); loc != nil {
				t.Errorf("%s builds HTML or handlers from strings: %q", path, text[loc[0]:loc[1]])
			}
		} else if what := inlineCode(text); what != "" {
			t.Errorf("%s has %s", path, what)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// The check itself must catch what it looks for.
	for _, sample := range []string{`<script>alert(1)</script>`, `<div style="x">`, `<a onclick="x">`, `<style>`,
		`<script src="/a.js">{{.X}}</script>`, `<a href="javascript:x">`, `<SCRIPT type="module">`} {
		if inlineCode(sample) == "" {
			t.Errorf("the inline-code check misses %q", sample)
		}
	}
	if what := inlineCode(`<script src="{{asset "app.js"}}" defer></script>`); what != "" {
		t.Errorf("the inline-code check flags an external script: %s", what)
	}
}

var (
	scriptTag  = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>|<script\b`)
	inlineBits = []struct {
		what string
		re   *regexp.Regexp
	}{
		{"a style element", regexp.MustCompile(`(?i)<style`)},
		{"a style attribute", regexp.MustCompile(`(?i)\sstyle\s*=`)},
		{"an event-handler attribute", regexp.MustCompile(`(?i)\son[a-z]+\s*=`)},
		{"a javascript: address", regexp.MustCompile(`(?i)javascript:`)},
	}
)

// inlineCode says what inline code a template or file holds, or "".
func inlineCode(text string) string {
	for _, m := range scriptTag.FindAllStringSubmatch(text, -1) {
		if !strings.Contains(m[1], "src=") || strings.TrimSpace(m[2]) != "" {
			return "an inline script: " + m[0]
		}
	}
	for _, b := range inlineBits {
		if loc := b.re.FindStringIndex(text); loc != nil {
			return b.what + ": " + text[loc[0]:min(len(text), loc[1]+20)]
		}
	}
	return ""
}
