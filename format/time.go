package format

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// TimeSyntax is the one-line description of TIME used in help texts.
const TimeSyntax = "unix milliseconds (1795392000000), RFC 3339 (2026-11-23T09:00:00Z), a date (2026-11-23, midnight UTC) or a duration ago (-1h, -30m, -2d)"

// ParseTime parses shore's one TIME syntax: unix milliseconds, RFC 3339 (with
// or without fractional seconds; without a zone it is UTC), a date YYYY-MM-DD
// (midnight UTC), or a negative duration meaning that long before now
// (-90s, -1h30m, -2d; d is 24h).
func ParseTime(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("empty time: want %s", TimeSyntax)
	}
	if strings.HasPrefix(s, "-") {
		d, err := parseAgo(s[1:])
		if err != nil {
			return time.Time{}, fmt.Errorf("time %q: %v", s, err)
		}
		return now.Add(-d), nil
	}
	if isDigits(s) {
		ms, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("time %q: out of range", s)
		}
		return time.UnixMilli(ms), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("time %q: want %s", s, TimeSyntax)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseAgo parses a positive Go duration that may also use d for days.
func parseAgo(s string) (time.Duration, error) {
	var days time.Duration
	if i := strings.IndexByte(s, 'd'); i >= 0 {
		n, err := strconv.Atoi(s[:i])
		if err != nil || n < 0 {
			return 0, fmt.Errorf("want a duration such as -1h, -30m or -2d")
		}
		days = time.Duration(n) * 24 * time.Hour
		if s = s[i+1:]; s == "" {
			return days, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("want a duration such as -1h, -30m or -2d")
	}
	return days + d, nil
}
