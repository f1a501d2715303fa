package main

import "testing"

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"10MiB", 10 << 20},
		{"512KiB", 512 << 10},
		{"1048576", 1 << 20},
		{"1GiB", 1 << 30},
		{"100B", 100},
		{" 2 MiB ", 2 << 20},
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "0", "-1", "10MB", "10 mebibytes", "1.5MiB", "MiB", "99999999999GiB", "0x10"} {
		if got, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q) = %d, want an error", bad, got)
		}
	}
}
