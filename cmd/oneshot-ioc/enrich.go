package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

var enrichCommand = command{
	name:    "enrich",
	summary: "extract indicators, then look them up at threat-intelligence providers",
	run:     runEnrich,
}

func runEnrich(ctx context.Context, c *cli, args []string) int {
	fs := c.newFlagSet("enrich", "[--providers virustotal,greynoise,abuseipdb,internetdb] [--format jsonl|json] [FILE|-]...")
	names := fs.String("providers", "", "comma-separated providers to ask (default every configured one)")
	format := fs.String("format", "jsonl", "output format: jsonl (lines as answers arrive) or json (one document at the end)")
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if *format != "jsonl" && *format != "json" {
		c.errorf("unknown format %q; use jsonl or json", *format)
		return exitUsage
	}
	chosen := splitList(*names)
	o, provs, err := c.newOrchestrator()
	if err != nil {
		c.errorf("%v", err)
		return exitError
	}
	if err := o.CheckProviders(chosen); err != nil {
		c.errorf("%v", err)
		return exitUsage
	}
	inds, _, err := c.extractInputs(ctx, files, ioc.Options{})
	if err != nil {
		c.errorf("%v", err)
		return exitError
	}
	queries := lookupQueries(inds, provs, chosen)

	out := newEventWriter(c.stdout, *format == "json")
	progress := newProgress(c.stderr)
	progress.start(len(queries), o, chosen)
	summary := o.Enrich(ctx, intel.Request{IOCs: queries, Providers: chosen}, func(ev intel.Event) {
		if p, isProgress := ev.(intel.Progress); isProgress {
			progress.update(p)
			return
		}
		out.add(ev)
	})
	progress.finish()
	if !out.sawSummary {
		out.add(summary) // the stream always ends with the summary
	}
	if err := out.close(); err != nil {
		c.errorf("cannot write the output: %v", err)
		return exitError
	}
	if ctx.Err() != nil {
		c.errorf("interrupted; the output holds the answers that had arrived")
		return exitError
	}
	return exitOK
}

// splitList reads "a, b,c" as [a b c]; an empty list is nil, meaning all.
func splitList(s string) []string {
	var out []string
	for _, name := range strings.Split(s, ",") {
		if name = strings.ToLower(strings.TrimSpace(name)); name != "" {
			out = append(out, name)
		}
	}
	return out
}

// lookupQueries keeps the indicators that at least one of the chosen
// providers (all when none are named) can look up, so file names, paths and
// the like do not fill the output with "type not supported" lines.
func lookupQueries(inds []ioc.Indicator, provs []intel.Provider, chosen []string) []intel.Query {
	var asked []intel.Provider
	for _, p := range provs {
		if len(chosen) == 0 || slices.Contains(chosen, p.Name()) {
			asked = append(asked, p)
		}
	}
	var out []intel.Query
	for _, ind := range inds {
		for _, p := range asked {
			if p.Accepts(ind.Type) {
				out = append(out, intel.Query{Type: ind.Type, Value: ind.Value})
				break
			}
		}
	}
	return out
}

// eventWriter writes results and the summary: each as a JSON line the
// moment it arrives, or, for --format json, all in one document at the end.
type eventWriter struct {
	enc     *json.Encoder
	collect bool
	results []*intel.Result
	summary *intel.Summary
	err     error
	// sawSummary records that the orchestrator emitted the summary itself.
	sawSummary bool
}

func newEventWriter(w io.Writer, collect bool) *eventWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &eventWriter{enc: enc, collect: collect}
}

// add writes or keeps one event. The orchestrator never calls it from two
// goroutines at once.
func (ew *eventWriter) add(ev intel.Event) {
	if _, ok := ev.(intel.Summary); ok {
		ew.sawSummary = true
	}
	if ew.err != nil {
		return
	}
	if ew.collect {
		switch e := ev.(type) {
		case *intel.Result:
			ew.results = append(ew.results, e)
		case intel.Summary:
			ew.summary = &e
		}
		return
	}
	if s, ok := ev.(intel.Summary); ok && s.Verdicts == nil {
		s.Verdicts = map[string]intel.Verdict{} // "verdicts": {}, never null
		ev = s
	}
	ew.err = ew.enc.Encode(ev)
}

// enrichDocument is the --format json output.
type enrichDocument struct {
	Results []*intel.Result `json:"results"`
	Summary *intel.Summary  `json:"summary"`
}

// close writes the document when collecting, and reports the first error.
func (ew *eventWriter) close() error {
	if ew.err == nil && ew.collect {
		if ew.results == nil {
			ew.results = []*intel.Result{}
		}
		if ew.summary != nil && ew.summary.Verdicts == nil {
			ew.summary.Verdicts = map[string]intel.Verdict{}
		}
		ew.enc.SetIndent("", "  ")
		ew.err = ew.enc.Encode(enrichDocument{Results: ew.results, Summary: ew.summary})
	}
	if ew.err != nil {
		return fmt.Errorf("write results: %w", ew.err)
	}
	return nil
}
