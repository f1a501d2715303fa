package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden/")

// outcome is what one run of the program did.
type outcome struct {
	code   int
	stdout string
	stderr string
}

// format renders an outcome as a golden file: the exit code, then each
// stream under a "-- name --" line.
func (o outcome) format() string {
	return fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", o.code, o.stdout, o.stderr)
}

// parseOutcome reads a golden file written by format.
func parseOutcome(s string) (outcome, error) {
	head, rest, ok := strings.Cut(s, "\n-- stdout --\n")
	if !ok {
		return outcome{}, fmt.Errorf("no stdout section")
	}
	stdout, stderr, ok := strings.Cut(rest, "-- stderr --\n")
	if !ok {
		return outcome{}, fmt.Errorf("no stderr section")
	}
	code, err := strconv.Atoi(strings.TrimPrefix(head, "exit "))
	if err != nil {
		return outcome{}, fmt.Errorf("bad exit line %q", head)
	}
	return outcome{code: code, stdout: stdout, stderr: stderr}, nil
}

// noEnv is an environment with no variables and no .env file.
var noEnv = environment{getenv: func(string) string { return "" }}

// runCLI runs the program in-process.
func runCLI(t *testing.T, env environment, stdin string, args ...string) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr, env)
	return outcome{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

const in = "testdata/input/"

// TestCLI compares each run with testdata/golden/<name>.txt.
func TestCLI(t *testing.T) {
	stdin := "see evil[.]com and hxxp://evil[.]com/x, from 8.8.8.8\n"
	tests := []struct {
		name  string
		stdin string
		args  []string
	}{
		{"no-args", "", nil},
		{"help", "", []string{"help"}},
		{"unknown-command", "", []string{"frobnicate"}},
		{"extract-stdin", stdin, []string{"extract"}},
		{"extract-stdin-dash", stdin, []string{"extract", "-"}},
		{"extract-file", "", []string{"extract", in + "report.md"}},
		{"extract-files-merged", "", []string{"extract", in + "report.md", in + "chat.txt"}},
		{"extract-file-and-stdin", stdin, []string{"extract", in + "chat.txt", "-"}},
		{"extract-utf16-after-utf8", "", []string{"extract", "--format", "text", in + "chat.txt", in + "utf16.txt"}},
		{"extract-json", "", []string{"extract", "--format", "json", in + "chat.txt"}},
		{"extract-csv", "", []string{"extract", "--format=csv", in + "report.md"}},
		{"extract-csv-defang", "", []string{"extract", "--format", "csv", "--defang", in + "report.md"}},
		{"extract-csv-crlf", "", []string{"extract", "--format", "csv", in + "mail-crlf.txt"}},
		{"extract-text", "", []string{"extract", "--format", "text", in + "report.md"}},
		{"extract-text-defang", "", []string{"extract", "--format", "text", "--defang", in + "report.md"}},
		{"extract-types", "", []string{"extract", "--types", "ipv4,md5", "--format", "text", in + "report.md"}},
		{"extract-flags-after-file", "", []string{"extract", in + "chat.txt", "--format", "text"}},
		{"extract-double-dash", "", []string{"extract", "--format", "text", "--", in + "chat.txt"}},
		{"extract-nothing-found", "nothing to see here\n", []string{"extract"}},
		{"extract-empty-input", "", []string{"extract", "--format", "json"}},
		{"extract-missing-file", "", []string{"extract", in + "report.md", in + "missing.txt"}},
		{"extract-directory", "", []string{"extract", in}},
		{"extract-bad-flag", "", []string{"extract", "--frobnicate"}},
		{"extract-help", "", []string{"extract", "-h"}},
		{"extract-bad-format", "", []string{"extract", "--format", "xml"}},
		{"extract-bad-types", "", []string{"extract", "--types", "ipv4,bogus"}},
		{"extract-empty-types", "", []string{"extract", "--types", ","}},
		{"extract-defang-json", "", []string{"extract", "--format", "json", "--defang"}},
		{"version-extra-arg", "", []string{"version", "now"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runCLI(t, noEnv, tt.stdin, tt.args...)
			golden(t, tt.name, got)
		})
	}
}

func TestVersion(t *testing.T) {
	got := runCLI(t, noEnv, "", "version")
	if got.code != exitOK || got.stderr != "" {
		t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
	}
	fields := strings.Fields(got.stdout)
	if len(fields) != 4 || fields[0] != program || !strings.HasPrefix(fields[2], "go1.") || !strings.Contains(fields[3], "/") {
		t.Errorf("version line %q, want \"oneshot-ioc VERSION goX.Y.Z OS/ARCH\"", got.stdout)
	}
}

// golden compares got with testdata/golden/name.txt, or rewrites it with
// -update.
func golden(t *testing.T, name string, got outcome) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".txt")
	if *update {
		if err := os.WriteFile(path, []byte(got.format()), 0o600); err != nil {
			t.Fatalf("update %s: %v", path, err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	want, err := parseOutcome(string(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if got.code != want.code {
		t.Errorf("exit code %d, want %d", got.code, want.code)
	}
	if got.stdout != want.stdout {
		t.Errorf("stdout:\n%s\nwant:\n%s", got.stdout, want.stdout)
	}
	if got.stderr != want.stderr {
		t.Errorf("stderr:\n%s\nwant:\n%s", got.stderr, want.stderr)
	}
}
