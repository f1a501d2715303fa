package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

// barWidth is the number of cells of the terminal progress bar.
const barWidth = 30

// progress reports an enrichment on stderr: a bar redrawn in place on a
// terminal, otherwise a plain line at every tenth of the way and whenever
// the reason for waiting changes, so logs stay short.
type progress struct {
	w        io.Writer
	terminal bool
	last     intel.Progress
	lastStep int
	lastWait string
	drawn    bool
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, terminal: isTerminal(w), lastStep: -1}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// start says what is about to be asked, and which providers will not answer
// and why.
func (p *progress) start(n int, o *intel.Orchestrator, chosen []string) {
	var ready, idle []string
	for _, st := range o.Statuses() {
		if len(chosen) > 0 && !slices.Contains(chosen, st.Name) {
			continue
		}
		if st.Configured {
			ready = append(ready, st.Title)
		} else {
			idle = append(idle, st.Title+" ("+st.Reason+")")
		}
	}
	line := fmt.Sprintf("enriching %d indicators", n)
	if len(ready) > 0 {
		line += " at " + strings.Join(ready, ", ")
	}
	if len(idle) > 0 {
		line += "; skipped: " + strings.Join(idle, ", ")
	}
	fmt.Fprintln(p.w, line)
}

// update shows one progress event.
func (p *progress) update(ev intel.Progress) {
	p.last = ev
	wait := waitingText(ev.Waiting)
	if p.terminal {
		p.draw(ev, wait)
		return
	}
	step := 10
	if ev.Total > 0 {
		step = ev.Done * 10 / ev.Total
	}
	if step == p.lastStep && wait == p.lastWait {
		return
	}
	p.lastStep, p.lastWait = step, wait
	fmt.Fprintf(p.w, "progress %d/%d%s\n", ev.Done, ev.Total, suffix(wait))
}

// draw redraws the bar on the current terminal line.
func (p *progress) draw(ev intel.Progress, wait string) {
	filled := barWidth
	if ev.Total > 0 {
		filled = ev.Done * barWidth / ev.Total
	}
	bar := strings.Repeat("#", filled) + strings.Repeat(".", barWidth-filled)
	// \r returns to the line start; \x1b[K clears what a longer line left.
	fmt.Fprintf(p.w, "\r\x1b[K[%s] %d/%d%s", bar, ev.Done, ev.Total, suffix(wait))
	p.drawn = true
}

// finish ends the bar's line, or prints the last plain line if it was not
// printed yet.
func (p *progress) finish() {
	if p.terminal {
		if p.drawn {
			fmt.Fprintln(p.w)
		}
		return
	}
	if p.lastStep != 10 && p.last.Total > 0 {
		fmt.Fprintf(p.w, "progress %d/%d\n", p.last.Done, p.last.Total)
	}
}

// waitingText joins the orchestrator's reasons for waiting, in a stable
// order: "virustotal: rate limit, next slot in 14s".
func waitingText(waiting map[string]string) string {
	names := make([]string, 0, len(waiting))
	for name := range waiting {
		names = append(names, name)
	}
	slices.Sort(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = name + ": " + waiting[name]
	}
	return strings.Join(parts, "; ")
}

func suffix(wait string) string {
	if wait == "" {
		return ""
	}
	return "  " + wait
}
