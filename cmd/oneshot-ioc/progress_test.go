package main

import (
	"strings"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

func TestProgressPlainLines(t *testing.T) {
	var buf strings.Builder
	p := newProgress(&buf)
	if p.terminal {
		t.Fatal("a strings.Builder taken for a terminal")
	}
	for done := 0; done <= 40; done++ {
		ev := intel.Progress{Done: done, Total: 40}
		if done == 21 || done == 22 {
			ev.Waiting = map[string]string{"virustotal": "rate limit, next slot in 14s"}
		}
		p.update(ev)
	}
	p.finish()
	got := buf.String()
	want := "progress 0/40\nprogress 4/40\nprogress 8/40\nprogress 12/40\nprogress 16/40\nprogress 20/40\n" +
		"progress 21/40  virustotal: rate limit, next slot in 14s\nprogress 23/40\nprogress 24/40\n" +
		"progress 28/40\nprogress 32/40\nprogress 36/40\nprogress 40/40\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestProgressBarRedraws(t *testing.T) {
	var buf strings.Builder
	p := &progress{w: &buf, terminal: true, lastStep: -1}
	p.update(intel.Progress{Done: 1, Total: 2, Waiting: map[string]string{"b": "two", "a": "one"}})
	p.update(intel.Progress{Done: 2, Total: 2})
	p.finish()
	half := strings.Repeat("#", barWidth/2) + strings.Repeat(".", barWidth/2)
	want := "\r\x1b[K[" + half + "] 1/2  a: one; b: two" +
		"\r\x1b[K[" + strings.Repeat("#", barWidth) + "] 2/2\n"
	if got := buf.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
