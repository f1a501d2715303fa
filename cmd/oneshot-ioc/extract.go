package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/oneshot-ioc/oneshot-ioc/internal/export"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

var extractCommand = command{
	name:    "extract",
	summary: "print the indicators found in files or standard input",
	run:     runExtract,
}

func runExtract(ctx context.Context, c *cli, args []string) int {
	fs := c.newFlagSet("extract", "[--format jsonl|json|csv|text] [--defang] [--types ipv4,url,...] [FILE|-]...")
	format := fs.String("format", string(export.JSONL), "output format: "+formatList(export.Formats()))
	defang := fs.Bool("defang", false, "write values in a safe-to-share form (hxxp, [.], [@]); csv and text only")
	types := fs.String("types", "", "comma-separated indicator types to look for (default all): "+typeList())
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	f, ok := export.ParseFormat(*format)
	if !ok {
		c.errorf("unknown format %q; use one of %s", *format, formatList(export.Formats()))
		return exitUsage
	}
	if *defang && !f.Defangs() {
		c.errorf("--defang applies to the csv and text formats; %s keeps the normalized value", f)
		return exitUsage
	}
	opts, ok := c.extractOptions(*types)
	if !ok {
		return exitUsage
	}
	inds, stats, err := c.extractInputs(ctx, files, opts)
	if err != nil {
		c.errorf("%v", err)
		return exitError
	}
	out := bufio.NewWriter(c.stdout)
	err = export.Write(out, f, inds, stats, *defang)
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		c.errorf("cannot write the output: %v", err)
		return exitError
	}
	return exitOK
}

// extractOptions turns the --types value into extraction options, or
// reports a usage error.
func (c *cli) extractOptions(types string) (ioc.Options, bool) {
	if types == "" {
		return ioc.Options{}, true
	}
	list, err := ioc.ParseTypes(types)
	if err != nil {
		c.errorf("%v; the types are %s", err, typeList())
		return ioc.Options{}, false
	}
	return ioc.Options{Types: list}, true
}

// extractInputs streams every input through one extractor, each as an
// input of its own: a UTF-16 file decodes from its own start, nothing is
// stitched across the end of one file and the start of the next, and the
// results are deduplicated across all of them in order of first appearance.
func (c *cli) extractInputs(ctx context.Context, files []string, opts ioc.Options) ([]ioc.Indicator, ioc.Stats, error) {
	e := ioc.NewExtractor(opts)
	for _, name := range inputNames(files) {
		if err := c.copyInput(ctx, e, name); err != nil {
			return nil, ioc.Stats{}, err
		}
		e.EndInput()
	}
	if err := e.Close(); err != nil {
		return nil, ioc.Stats{}, fmt.Errorf("cannot finish reading the input: %w", err)
	}
	inds, stats := e.Indicators(), e.Stats()
	return inds, stats, nil
}

func formatList(formats []export.Format) string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

func typeList() string {
	types := ioc.AllTypes()
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	return strings.Join(names, ",")
}
