package intel

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Rate is one rate-limit window: at most N lookups in any period of length Per.
type Rate struct {
	N   int
	Per time.Duration
}

// maxRateN bounds N so that the limiter's memory, one timestamp per lookup
// in the window, stays small whatever the configuration says.
const maxRateN = 100_000

// rateUnits maps the unit after the slash to its period.
var rateUnits = map[string]time.Duration{
	"s": time.Second, "sec": time.Second, "second": time.Second,
	"m": time.Minute, "min": time.Minute, "minute": time.Minute,
	"h": time.Hour, "hour": time.Hour,
	"d": 24 * time.Hour, "day": 24 * time.Hour,
}

// ParseRates reads a comma-separated list of limits such as "4/m,500/d".
// Units are s, m, h and d (or sec, min, hour, day).
func ParseRates(s string) ([]Rate, error) {
	var rates []Rate
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		count, unit, ok := strings.Cut(part, "/")
		if !ok {
			return nil, fmt.Errorf("rate limit %q must look like 4/m (a count, a slash and s, m, h or d)", part)
		}
		n, err := strconv.Atoi(strings.TrimSpace(count))
		if err != nil || n < 1 || n > maxRateN {
			return nil, fmt.Errorf("rate limit %q needs a whole count from 1 to %d before the slash", part, maxRateN)
		}
		per, ok := rateUnits[strings.ToLower(strings.TrimSpace(unit))]
		if !ok {
			return nil, fmt.Errorf("rate limit %q needs a unit of s, m, h or d after the slash", part)
		}
		rates = append(rates, Rate{N: n, Per: per})
	}
	if len(rates) == 0 {
		return nil, fmt.Errorf("rate limit %q names no limit; write for example 4/m,500/d", s)
	}
	return rates, nil
}

// String gives the rate as people read it: "4/min", "500/day".
func (r Rate) String() string {
	switch r.Per {
	case time.Second:
		return fmt.Sprintf("%d/s", r.N)
	case time.Minute:
		return fmt.Sprintf("%d/min", r.N)
	case time.Hour:
		return fmt.Sprintf("%d/hour", r.N)
	case 24 * time.Hour:
		return fmt.Sprintf("%d/day", r.N)
	}
	return fmt.Sprintf("%d per %s", r.N, r.Per)
}

// FormatRates joins rates for display: "4/min, 500/day"; "no limit" when
// there is none.
func FormatRates(rates []Rate) string {
	if len(rates) == 0 {
		return "no limit"
	}
	parts := make([]string, len(rates))
	for i, r := range rates {
		parts[i] = r.String()
	}
	return strings.Join(parts, ", ")
}
