package format

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// LogEndWord reads a word for either end of a log: start, or what kcat,
// rpk and Kafka's own tools call it (beginning, oldest, earliest), is the
// log start; end (newest, latest) the log end. ok is false for any other
// word.
func LogEndWord(s string) (atEnd, ok bool) {
	switch s {
	case "start", "beginning", "oldest", "earliest":
		return false, true
	case "end", "newest", "latest":
		return true, true
	}
	return false, false
}

// OffsetTooLarge is why a number larger than any offset is refused, for an
// offset or a count of records: Kafka's offsets are signed 64-bit numbers.
var OffsetTooLarge = fmt.Sprintf("out of range: want at most %d", int64(math.MaxInt64))

// ParseCount parses s, decimal digits only (no sign), as an offset or a
// count of records. ok is false when s is none; tooLarge then says whether
// s is digits, too many for a signed 64-bit number, so that a message can
// say it is out of range (OffsetTooLarge) rather than that it is no number.
func ParseCount(s string) (n int64, ok, tooLarge bool) {
	if s == "" || !isDigits(s) {
		return 0, false, false
	}
	// Digits only, so ParseInt fails only when they are out of range.
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false, true
	}
	return n, true, false
}

// PartitionTooLarge is why a whole number larger than any partition is
// refused: Kafka's partition numbers are signed 32-bit numbers.
var PartitionTooLarge = fmt.Sprintf("out of range: want a partition number from 0 to %d", int32(math.MaxInt32))

// ParsePartition parses s as a partition number, a ParseInt32 from 0.
func ParsePartition(s string) (p int32, ok, tooLarge bool) {
	return ParseInt32(s, 0)
}

// ParseInt32 parses s, a decimal number, as a whole number from least to
// the largest signed 32-bit number, the range of Kafka's partitions and a
// schema registry's ids and versions. ok is false when s is none, or one
// below least; tooLarge then says whether s is a number above that range,
// so that a message can say it is out of range (PartitionTooLarge) rather
// than that it is no number.
func ParseInt32(s string, least int32) (n int32, ok, tooLarge bool) {
	n64, err := strconv.ParseInt(s, 10, 32)
	switch {
	case errors.Is(err, strconv.ErrRange) && n64 > 0:
		return 0, false, true
	case err != nil || n64 < int64(least):
		return 0, false, false
	}
	return int32(n64), true, false
}

// LogStartAliases and LogEndAliases list LogEndWord's other words, for
// help texts.
const (
	LogStartAliases = "beginning, oldest, earliest"
	LogEndAliases   = "newest, latest"
)

// TimeSyntax is the one-line description of TIME used in help texts.
const TimeSyntax = "unix milliseconds (1795392000000), RFC 3339 (2026-11-23T09:00:00Z; UTC when it has no zone, as 2026-11-23T09:00:00), a date (2026-11-23, midnight UTC), a duration ago (-1h, -30m, -2d) or now"

// TimeDigitsRefused says, for help texts after TimeSyntax, which TIME in
// digits ParseTime refuses and why.
const TimeDigitsRefused = "eight digits that make a date (20261207, as date +%Y%m%d writes it) are refused: a date takes dashes (2026-12-07); so are ten or eleven digits: they are most likely unix seconds (date +%s), which need three more digits, and as milliseconds they are a time in 1970-1973, before the records of any log; so are digits after the year 9999, most likely unix microseconds or nanoseconds (date +%s%N)"

// ParseTime parses shore's one TIME syntax: unix milliseconds, RFC 3339 (with
// or without fractional seconds, or to the minute; without a zone it is UTC;
// a lower-case t or z, or a space for the T, as RFC 3339 allows), a date YYYY-MM-DD
// (midnight UTC), a negative duration meaning that long before now
// (-90s, -1h30m, -2d; d is 24h), or now. A leap second (23:59:60) is the first
// instant of the next minute, as in Unix time. A time before 1970 is an
// error: Kafka timestamps count milliseconds from 1970, and -1 or -2 mean
// "latest" and "earliest" to a broker. So are ten or eleven digits: as unix
// milliseconds they are a time in 1970-1973, before the records of any real
// log, and they are more likely unix seconds, as date +%s writes them; the
// error gives the milliseconds to write. So are eight digits that make a
// date from 1970 on (20261207, as date +%Y%m%d writes it): as milliseconds
// they are on the first day of 1970; the error gives the date with its
// dashes. An error says what is wrong without
// repeating s, which the caller names with the flag or field it came from.
func ParseTime(s string, now time.Time) (time.Time, error) {
	return ParseTimeAfter("", s, now)
}

// ParseTimeAfter is ParseTime of a TIME that the user writes after mark, as
// consume -o and groups seek --to take @TIME: the milliseconds that the error
// for unix seconds suggests are written after mark too (@1795392000000).
func ParseTimeAfter(mark, s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := parseTime(mark, s, now)
	if err != nil {
		return time.Time{}, err
	}
	if t.Before(epoch) {
		return time.Time{}, fmt.Errorf("%s is before 1970-01-01T00:00:00Z, where Kafka timestamps start", t.UTC().Format(time.RFC3339Nano))
	}
	if ms := t.UnixMilli(); isDigits(s) && ms >= secondsFrom && ms < secondsTo {
		return time.Time{}, fmt.Errorf("%s unix milliseconds is %s; unix seconds (as date +%%s writes them) take three more digits: %s%s000",
			s, t.UTC().Format(time.RFC3339), mark, s)
	}
	if d, ok := compactDate(s); ok {
		return time.Time{}, fmt.Errorf("%s unix milliseconds is %s; a date takes dashes: %s%s",
			s, t.UTC().Format(time.RFC3339), mark, d.Format(time.DateOnly))
	}
	if isDigits(s) && t.After(lastRFC3339) {
		return time.Time{}, afterYear9999(mark, s)
	}
	return t, nil
}

// compactDate reads s, eight digits, as a date YYYYMMDD from 1970 on (as
// date +%Y%m%d writes it): as unix milliseconds it is a time on the first
// two days of 1970, before the records of any log, which would read from,
// or move a group to, the start of every log.
func compactDate(s string) (time.Time, bool) {
	if len(s) != 8 || !isDigits(s) {
		return time.Time{}, false
	}
	d, err := time.Parse("20060102", s)
	return d, err == nil && d.Year() >= 1970
}

// lastRFC3339 is the latest time RFC 3339 writes, the end of the year 9999.
var lastRFC3339 = time.Date(9999, 12, 31, 23, 59, 59, 999e6, time.UTC)

// afterYear9999 is the error of s, unix milliseconds after the year 9999:
// sixteen digits are most likely unix microseconds and nineteen
// nanoseconds, as date +%s%6N and date +%s%N write them now, which as
// milliseconds would read from, or move a group to, the end of every log.
func afterYear9999(mark, s string) error {
	digits := strings.TrimLeft(s, "0")
	msg := fmt.Sprintf("%s unix milliseconds is after the year 9999", s)
	switch len(digits) {
	case 16:
		return fmt.Errorf("%s; unix microseconds (as date +%%s%%6N writes them) take three fewer digits: %s%s", msg, mark, digits[:13])
	case 19:
		return fmt.Errorf("%s; unix nanoseconds (as date +%%s%%N writes them) take six fewer digits: %s%s", msg, mark, digits[:13])
	}
	return fmt.Errorf("%s: want at most %d (%s)", msg, lastRFC3339.UnixMilli(), lastRFC3339.Format("2006-01-02T15:04:05.000Z"))
}

// A TIME in digits from secondsFrom up to secondsTo reads as unix
// milliseconds in 1970-01-12 to 1973-03-03, and as unix seconds (2001-5138)
// it is the number date +%s writes: ParseTime refuses it rather than read
// from, or move a group to, the start of every log.
const secondsFrom, secondsTo = 1e9, 1e11

var epoch = time.Unix(0, 0)

// LatestTimestamp is the latest timestamp a record that shore sends can
// carry: franz-go's producer takes a record's milliseconds from
// Timestamp.UnixNano, which wraps after 2262-04-11T23:47:16.854775807Z, and
// would send a later time as one before 1970.
var LatestTimestamp = time.UnixMilli(math.MaxInt64 / int64(time.Millisecond))

// afterLatest is the reason a time after LatestTimestamp is refused.
var afterLatest = "after " + LatestTimestamp.UTC().Format("2006-01-02T15:04:05.000Z") + ", the latest the Kafka client can send"

// noTimestamp is the unix milliseconds of a record without a timestamp, as
// Kafka keeps it and consume writes it (%d, --json; kcat -J alike): produce
// reads it as no timestamp given, so that such a record copies, stamped
// with the time it is sent as any other record without one.
const noTimestamp = -1

// checkSendMillis refuses a timestamp in unix milliseconds that no record
// can carry, in the words of the other timestamp errors.
func checkSendMillis(ms int64) error {
	if ms < 0 || ms > LatestTimestamp.UnixMilli() {
		return millisOutOfRange(strconv.FormatInt(ms, 10))
	}
	return nil
}

// millisOutOfRange is the error of ms, whole unix milliseconds (digits,
// perhaps after a minus) before 1970 or after LatestTimestamp: ms is text,
// for it may be too large for an int64.
func millisOutOfRange(ms string) error {
	if strings.HasPrefix(ms, "-") {
		return fmt.Errorf("timestamp %s: before 1970: want unix milliseconds 0 or more", ms)
	}
	return fmt.Errorf("timestamp %s: %s: want unix milliseconds 0 to %d", ms, afterLatest, LatestTimestamp.UnixMilli())
}

// zonelessLayouts are the layouts of the dates and times without a zone
// that ParseTime takes, and reads as UTC.
var zonelessLayouts = []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"}

// timeLayouts are the layouts of the dates and times ParseTime takes, in
// the order it tries them: RFC 3339, and as without a zone, a time to the
// minute (2026-12-07T09:00Z, 2026-12-07T09:00+01:00, which ISO 8601 writes).
var timeLayouts = append([]string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"}, zonelessLayouts...)

// WithoutZone reports whether s, a TIME that ParseTime takes, is a date or
// a date and time written without a zone (2026-12-07T09:00:00,
// 2026-12-07), which ParseTime reads as UTC, where kafka-consumer-groups'
// --to-datetime, and a person, may mean local time.
func WithoutZone(s string) bool {
	text, _ := leapSecond(rfc3339Text(strings.TrimSpace(s)))
	for _, layout := range zonelessLayouts {
		if _, err := time.Parse(layout, text); err == nil {
			return true
		}
	}
	return false
}

func parseTime(mark, s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, fmt.Errorf("empty time: want %s", TimeSyntax)
	}
	if strings.EqualFold(s, "now") {
		return now, nil
	}
	if ago, ok := isoDurationAgo(s); ok {
		return time.Time{}, isoDurationError(mark, s, ago)
	}
	if rest, ok := strings.CutPrefix(s, "+"); ok {
		if _, err := parseAgo(rest); err == nil {
			return time.Time{}, fmt.Errorf("a time relative to now is a duration ago: -%s (%s would be in the future)", rest, s)
		}
	}
	if strings.HasPrefix(s, "-") {
		d, err := parseAgo(s[1:])
		if errors.Is(err, errAgoTooLong) {
			return time.Time{}, fmt.Errorf("%s ago is before 1970-01-01T00:00:00Z, where Kafka timestamps start", s[1:])
		}
		if err != nil {
			return time.Time{}, err
		}
		return now.Add(-d), nil
	}
	if isDigits(s) {
		ms, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, afterYear9999(mark, s)
		}
		return time.UnixMilli(ms), nil
	}
	if _, err := parseAgo(s); err == nil {
		return time.Time{}, fmt.Errorf("a time relative to now is a duration ago: -%s", s)
	}
	text, leap := leapSecond(rfc3339Text(s))
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, text); err == nil {
			if leap {
				t = t.Add(time.Second)
			}
			return t, nil
		}
	}
	if err := timeFault(mark, text); err != nil {
		return time.Time{}, err
	}
	return time.Time{}, fmt.Errorf("want %s", TimeSyntax)
}

// TimeHint is a hint for s, typed where an offset or @TIME is read
// (consume -o, groups seek --to), when s reads as a TIME without its @:
// "a time takes @: @2026-11-23" for a date or RFC 3339 time (what
// kafka-consumer-groups' --to-datetime takes), "a time relative to now
// takes @: @-1h" for -1h, and for +2h or 2h, which TIME does not take (a
// time is a duration ago), "... takes @ and is a duration ago: @-2h"; for
// an ISO 8601 duration (PT1H, what kafka-consumer-groups --by-duration
// takes) it names the TIME for it, @-1h. It is "" for anything else, digits
// (an offset) included.
func TimeHint(s string, now time.Time) string {
	if _, err := ParseTime(s, now); err == nil && !isDigits(s) {
		if strings.HasPrefix(s, "-") {
			return "a time relative to now takes @: @" + s
		}
		return "a time takes @: @" + s
	}
	if rest, ok := strings.CutPrefix(s, "+"); ok {
		if _, err := parseAgo(rest); err == nil {
			return "a time relative to now takes @ and is a duration ago: @-" + rest
		}
	}
	if ago, ok := isoDurationAgo(s); ok {
		return isoDurationError("@", s, ago).Error()
	}
	if _, err := parseAgo(s); err == nil && !isDigits(s) {
		return "a time relative to now takes @ and is a duration ago: @-" + s
	}
	return ""
}

// rfc3339Text spells a date and time as Go's RFC 3339 layouts parse it:
// RFC 3339 lets its T and Z be lower case, and its section 5.6 lets a space
// stand for the T, as logs and date '+%F %T' write a time; time.Parse takes
// neither.
func rfc3339Text(s string) string {
	const date = len("2006-01-02")
	if len(s) > date && (s[date] == ' ' || s[date] == 't') {
		s = s[:date] + "T" + s[date+1:]
	}
	if rest, ok := strings.CutSuffix(s, "z"); ok {
		s = rest + "Z"
	}
	return s
}

// leapSecond turns the seconds 60 of a leap second (2016-12-31T23:59:60Z)
// into 59, which Go's parser accepts, and says so: the caller adds the
// second back.
func leapSecond(s string) (string, bool) {
	const at = len("2006-01-02T15:04:")
	if len(s) >= at+2 && s[at-1] == ':' && s[at:at+2] == "60" && s[at-4:at-1] == ":59" {
		return s[:at] + "59" + s[at+2:], true
	}
	return s, false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// DurationSyntax is Go's duration grammar: a value written in it that
// time.ParseDuration still refuses is too long for a time.Duration.
var DurationSyntax = regexp.MustCompile(`^[-+]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$`)

// errAgoTooLong is parseAgo's error for a duration longer than a
// time.Duration holds, about 292 years: so long ago is before 1970.
var errAgoTooLong = errors.New("longer ago than a duration holds")

// parseAgo parses a positive Go duration that may also use d for days.
// One written so but too long for a time.Duration is errAgoTooLong.
func parseAgo(s string) (time.Duration, error) {
	whole := s
	var days time.Duration
	if i := strings.IndexByte(s, 'd'); i >= 0 {
		n, err := strconv.ParseInt(s[:i], 10, 64)
		switch {
		case i > 0 && isDigits(s[:i]) && (err != nil || n > int64(math.MaxInt64/(24*time.Hour))):
			return 0, errAgoTooLong
		case err != nil || n < 0:
			return 0, agoProblem(whole)
		}
		days = time.Duration(n) * 24 * time.Hour
		if s = s[i+1:]; s == "" {
			return days, nil
		}
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil && DurationSyntax.MatchString(s) && !strings.HasPrefix(s, "-"):
		return 0, errAgoTooLong
	case err != nil || d < 0:
		return 0, agoProblem(whole)
	case d > math.MaxInt64-days:
		return 0, errAgoTooLong
	}
	return days + d, nil
}

// agoProblem is why s, a duration ago without its minus, is none, naming
// what to write for weeks (1w), which durations lack, and for units in
// capitals (1H, 2D; not M, which may mean months).
func agoProblem(s string) error {
	const want = "want a duration such as -1h, -30m or -2d"
	if n, ok := strings.CutSuffix(s, "w"); ok && isDigits(n) {
		if weeks, err := strconv.Atoi(n); err == nil && n != "" && weeks <= 1e6 {
			return fmt.Errorf("%s; a week is 7d: -%dd", want, weeks*7)
		}
	}
	if lower := strings.ToLower(s); lower != s && !strings.Contains(s, "M") {
		if _, err := parseAgo(lower); err == nil {
			return fmt.Errorf("%s; units are lower case: -%s", want, lower)
		}
	}
	return fmt.Errorf("%s", want)
}
