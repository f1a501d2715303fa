package intel

import (
	"net/http"
	"testing"
	"time"
)

func TestNextDailyReset(t *testing.T) {
	tests := []struct {
		name string
		now  time.Time
		want time.Time
	}{
		{"afternoon", time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)},
		{"midnight itself", time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)},
		{"last second of the year", time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"end of February", time.Date(2028, 2, 28, 9, 0, 0, 0, time.UTC), time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC)},
		{"evening west of UTC is tomorrow in UTC", time.Date(2026, 12, 3, 20, 0, 0, 0, time.FixedZone("UTC-5", -5*3600)), time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := NextDailyReset(tt.now); !got.Equal(tt.want) {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestDailyQuotaExhausted(t *testing.T) {
	now := time.Date(2026, 12, 3, 14, 0, 0, 250_000_000, time.UTC)
	e := DailyQuotaExhausted(http.StatusTooManyRequests, now)
	want := LookupError{Kind: ErrRateLimited, Status: 429, RetryAfter: 10 * time.Hour, Message: "daily quota used up, retry after 00:00 UTC"}
	if *e != want {
		t.Errorf("got %+v, want %+v", *e, want)
	}
}

func TestNamesDailyQuota(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"You have hit your daily rate limit of 100 requests per day. Please create a free account.\n", true},
		{"100-lookups/day", true},
		{"Daily quota exceeded", true},
		{"Quota exceeded", false},
		{"", false},
		{"You have exceeded one of your quotas (minute, daily or monthly). Daily quotas are reset every day at 00:00 UTC.", false},
		{"Monthly quota exceeded", false},
		{"50-lookups/week", false},
		{"10 requests per minute", false},
		{"100-lookups/day 4 requests/min", false},
	}
	for _, tt := range tests {
		if got := NamesDailyQuota(tt.text); got != tt.want {
			t.Errorf("NamesDailyQuota(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
