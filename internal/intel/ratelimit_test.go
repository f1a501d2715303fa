package intel

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseRates(t *testing.T) {
	tests := []struct {
		in   string
		want []Rate
		err  string
	}{
		{"4/m,500/d", []Rate{{4, time.Minute}, {500, day}}, ""},
		{" 1/s ", []Rate{{1, time.Second}}, ""},
		{"10/min, 100/day,", []Rate{{10, time.Minute}, {100, day}}, ""},
		{"60/hour", []Rate{{60, time.Hour}}, ""},
		{"3/H", []Rate{{3, time.Hour}}, ""},
		{"", nil, `rate limit "" names no limit`},
		{"4", nil, `rate limit "4" must look like 4/m`},
		{"0/m", nil, `needs a whole count from 1 to 100000`},
		{"-1/m", nil, `needs a whole count`},
		{"1.5/s", nil, `needs a whole count`},
		{"100001/s", nil, `needs a whole count`},
		{"4/week", nil, `needs a unit of s, m, h or d`},
		{"4/m,x", nil, `rate limit "x" must look like 4/m`},
	}
	for _, tt := range tests {
		got, err := ParseRates(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestFormatRates(t *testing.T) {
	if got := FormatRates([]Rate{{4, time.Minute}, {500, day}, {1, time.Second}, {2, time.Hour}, {3, 90 * time.Second}}); got != "4/min, 500/day, 1/s, 2/hour, 3 per 1m30s" {
		t.Errorf("got %q", got)
	}
	if got := FormatRates(nil); got != "no limit" {
		t.Errorf("got %q", got)
	}
}

// TestLimiterSchedule reserves slots one after another and checks when each
// may go: "N per window" means N in any window, so the fifth of 4/min waits
// a full minute after the first, not 15 s.
func TestLimiterSchedule(t *testing.T) {
	tests := []struct {
		name  string
		rates []Rate
		want  []time.Duration // offset of each successive grant
	}{
		{"4/min", []Rate{{4, time.Minute}}, []time.Duration{0, 0, 0, 0, time.Minute, time.Minute, time.Minute, time.Minute, 2 * time.Minute}},
		{"2/s and 3/min", []Rate{{2, time.Second}, {3, time.Minute}}, []time.Duration{0, 0, time.Second, time.Minute, time.Minute, time.Minute + time.Second}},
		{"no limit", nil, []time.Duration{0, 0, 0}},
	}
	for _, tt := range tests {
		clock := newFakeClock()
		start := clock.Now()
		l := newLimiter(clock, tt.rates)
		for i, want := range tt.want {
			l.mu.Lock()
			at := l.nextLocked(clock.Now())
			l.log = append(l.log, at)
			l.mu.Unlock()
			if got := at.Sub(start); got != want {
				t.Errorf("%s: grant %d at +%v, want +%v", tt.name, i+1, got, want)
			}
		}
	}
}

func TestLimiterTooFarAndPause(t *testing.T) {
	clock := newFakeClock()
	l := newLimiter(clock, []Rate{{1, day}})
	ctx := context.Background()
	if err := l.wait(ctx, time.Minute, nil); err != nil {
		t.Fatalf("first lookup: %v", err)
	}
	err := l.wait(ctx, time.Minute, nil)
	far, ok := err.(*slotTooFarError)
	if !ok || far.paused || !far.at.Equal(clock.Now().Add(day)) {
		t.Fatalf("second lookup of 1/day: %v, want the slot a day later", err)
	}
	if len(l.log) != 1 {
		t.Errorf("a refused wait left a reservation")
	}

	l = newLimiter(clock, nil)
	l.pause(clock.Now().Add(2 * time.Hour))
	err = l.wait(ctx, time.Minute, nil)
	if far, ok := err.(*slotTooFarError); !ok || !far.paused {
		t.Errorf("during a provider's pause: %v, want a paused refusal", err)
	}
	l.pause(clock.Now().Add(time.Hour)) // an earlier pause never shortens a later one
	if st := l.state(); !st.next.Equal(clock.Now().Add(2*time.Hour)) || !st.paused {
		t.Errorf("state %+v, want paused for 2h", st)
	}
}

func TestClockTime(t *testing.T) {
	now := time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		at   time.Time
		want string
	}{
		{"later today", now.Add(5 * time.Minute), "14:05 UTC"},
		{"last minute of today", time.Date(2026, 12, 3, 23, 59, 0, 0, time.UTC), "23:59 UTC"},
		{"next midnight", time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), "Dec 4 00:00 UTC"},
		{"tomorrow within hours", now.Add(13 * time.Hour), "Dec 4 03:00 UTC"},
		{"beyond a day", now.Add(30 * time.Hour), "Dec 4 20:00 UTC"},
		{"another time zone, same instant", now.Add(5 * time.Minute).In(time.FixedZone("UTC+11", 11*3600)), "14:05 UTC"},
	}
	for _, tt := range tests {
		if got := clockTime(now, tt.at); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
