package intel

import (
	"strings"
	"time"
)

// Daily quotas reset at 00:00 UTC at the providers that say when (VirusTotal
// documents it; GreyNoise counts lookups per day). A 429 that means such a
// quota is used up carries no Retry-After, and retrying it within the retry
// budget only spends requests the provider refuses until midnight.

// NextDailyReset returns the first 00:00 UTC after now: a quota found used
// up at midnight itself resets a day later.
func NextDailyReset(now time.Time) time.Time {
	y, m, d := now.UTC().Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)
}

// DailyQuotaExhausted is the rate-limit error for a daily quota that is used
// up. Its RetryAfter runs to the next 00:00 UTC, which lies beyond any retry
// budget, so the orchestrator fails the lookup at once and holds back the
// provider's other lookups until then instead of asking again.
func DailyQuotaExhausted(status int, now time.Time) *LookupError {
	return &LookupError{
		Kind:       ErrRateLimited,
		Status:     status,
		RetryAfter: clampWait(NextDailyReset(now).Sub(now)),
		Message:    "daily quota used up, retry after 00:00 UTC",
	}
}

// NamesDailyQuota reports whether a provider's rate-limit text names a daily
// quota and no other: "You have hit your daily rate limit", "100-lookups/day".
// A text that lists several ("your quotas (minute, daily or monthly)") does
// not say which one ran out, so it is not taken for a daily one.
func NamesDailyQuota(text string) bool {
	s := strings.ToLower(text)
	daily := strings.Contains(s, "daily") || strings.Contains(s, "/day") || strings.Contains(s, "per day")
	if !daily {
		return false
	}
	for _, other := range []string{"second", "minute", "/min", "hour", "week", "month"} {
		if strings.Contains(s, other) {
			return false
		}
	}
	return true
}
