package main

import (
	"context"
	"strings"
	"testing"
)

func TestServeRefusesBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"bad max-body", []string{"--max-body", "10MB"}, "--max-body: size \"10MB\""},
		{"zero max-body", []string{"--max-body", "0"}, "--max-body"},
		{"remote without allow-remote", []string{"--addr", "0.0.0.0:8080"}, "--allow-remote"},
		{"lan address without allow-remote", []string{"--addr", "192.168.1.10:8080"}, "--allow-remote"},
		{"no port", []string{"--addr", "127.0.0.1"}, "host:port"},
		{"file argument", []string{"report.txt"}, "no file arguments"},
		{"unknown flag", []string{"--port", "80"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runCLI(t, noEnv, "", append([]string{"serve"}, tt.args...)...)
			if got.code != exitUsage {
				t.Errorf("exit %d, want %d; stderr %q", got.code, exitUsage, got.stderr)
			}
			if !strings.Contains(got.stderr, tt.want) {
				t.Errorf("stderr %q does not mention %q", got.stderr, tt.want)
			}
			if got.stdout != "" {
				t.Errorf("stdout %q, want nothing", got.stdout)
			}
		})
	}
}

// TestServeStartsAndStops serves on a free loopback port with a context that
// is already cancelled: the server starts, says where, and shuts down.
func TestServeStartsAndStops(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"offline", []string{"--offline"}, "— offline"},
		{"online without keys", nil, "Shodan InternetDB"},
		{"remote with token", []string{"--offline", "--allow-remote", "--addr", "0.0.0.0:0"}, "/?token="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			var stdout, stderr strings.Builder
			args := append([]string{"serve", "--addr", "127.0.0.1:0"}, tt.args...)
			code := run(ctx, args, strings.NewReader(""), &stdout, &stderr, noEnv)
			if code != exitOK {
				t.Fatalf("exit %d; stderr %q", code, stderr.String())
			}
			line := stdout.String()
			if !strings.HasPrefix(line, "oneshot-ioc listening on http://") || !strings.Contains(line, tt.want) {
				t.Errorf("start-up line %q, want one mentioning %q", line, tt.want)
			}
		})
	}
}
