package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// stdinName is the file name that stands for standard input.
const stdinName = "-"

// inputNames returns the inputs to read: the files given, or standard input.
func inputNames(files []string) []string {
	if len(files) == 0 {
		return []string{stdinName}
	}
	return files
}

// readError is an input that could not be read, worded as one sentence.
type readError struct {
	name string
	err  error
}

func (e *readError) Error() string {
	reason := e.err
	// The path is already in the sentence; keep only why it failed.
	var pe *fs.PathError
	if errors.As(reason, &pe) {
		reason = pe.Err
	}
	name := e.name
	if name == stdinName {
		name = "standard input"
	}
	return fmt.Sprintf("cannot read %s: %v", name, reason)
}

func (e *readError) Unwrap() error { return e.err }

// copyInput streams the input called name into w. A cancelled ctx stops it
// between reads, so Ctrl-C interrupts a long file.
func (c *cli) copyInput(ctx context.Context, w io.Writer, name string) error {
	r := c.stdin
	if name != stdinName {
		f, err := os.Open(name) //nolint:gosec // reading the files the user names is the command's purpose
		if err != nil {
			return &readError{name: name, err: err}
		}
		defer f.Close()
		r = f
	}
	buf := make([]byte, 256<<10)
	if _, err := io.CopyBuffer(w, ctxReader{ctx: ctx, r: r}, buf); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted while reading %s: %w", name, ctx.Err())
		}
		return &readError{name: name, err: err}
	}
	return nil
}

// ctxReader stops reading once its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (cr ctxReader) Read(p []byte) (int, error) {
	if err := cr.ctx.Err(); err != nil {
		return 0, err
	}
	return cr.r.Read(p)
}
