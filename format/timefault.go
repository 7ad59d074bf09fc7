package format

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// timeFault says what is wrong with text, a date and time that no layout of
// ParseTime took, when it is close to one: a field out of range (2023-02-29,
// 25:00), or a zone that RFC 3339 writes otherwise (+0100, +01, UTC, a space
// before it) or does not write at all (CET). A correction is written after
// mark, as the user writes the TIME. It is nil for anything else.
func timeFault(mark, text string) error {
	if err := outOfRange(text); err != nil {
		return err
	}
	return zoneFault(mark, text)
}

// outOfRange is the error of a date and time that has the shape of one of
// ParseTime's layouts but a field out of range, such as February 29 in a
// year without one; nil when there is none.
func outOfRange(text string) error {
	for _, layout := range timeLayouts {
		var pe *time.ParseError
		if _, err := time.Parse(layout, text); !errors.As(err, &pe) || !strings.HasSuffix(pe.Message, "out of range") {
			continue
		}
		field := strings.TrimPrefix(pe.Message, ": ")
		if month, err := time.Parse("2006-01", text[:min(len(text), len("2006-01"))]); err == nil && field == "day out of range" {
			days := month.AddDate(0, 1, -1).Day()
			return fmt.Errorf("%s: %s has %d days", field, month.Format("January 2006"), days)
		}
		return errors.New(field)
	}
	return nil
}

// dateTimeZone splits a date and time from the zone after it, with the
// space that may stand between them.
var dateTimeZone = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)( ?)(.+)$`)

var (
	offsetNoColon = regexp.MustCompile(`^([+-]\d{2})(\d{2})?$`)
	offsetRFC3339 = regexp.MustCompile(`^[+-]\d{2}:\d{2}$`)
	zoneName      = regexp.MustCompile(`^[A-Za-z][A-Za-z_/]*$`)
)

// zoneFault is the error of a date and time whose zone RFC 3339 does not
// write so: an offset without its colon or minutes, UTC or GMT for Z, or a
// space before it, with the time written right; a zone's name (CET,
// Europe/Berlin) is refused, since its offset from UTC changes with daylight
// saving time. nil when text is no date and time with a zone.
func zoneFault(mark, text string) error {
	m := dateTimeZone.FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	dateTime, space, zone := m[1], m[2], m[3]
	fixed := ""
	switch o := offsetNoColon.FindStringSubmatch(zone); {
	case o != nil:
		fixed = o[1] + ":" + cmp.Or(o[2], "00")
	case strings.EqualFold(zone, "UTC") || strings.EqualFold(zone, "GMT"):
		fixed = "Z"
	case space != "" && (zone == "Z" || offsetRFC3339.MatchString(zone)):
		return fmt.Errorf("a space before the zone: RFC 3339 writes %s%s%s", mark, dateTime, zone)
	case zoneName.MatchString(zone):
		return fmt.Errorf("zone %s: a zone's name is not taken (its offset from UTC changes with daylight saving time); write the offset in force then, such as %s%s+01:00, or Z for UTC", zone, mark, dateTime)
	default:
		return nil
	}
	return fmt.Errorf("zone %s: RFC 3339 writes it %s: %s%s%s", zone, fixed, mark, dateTime, fixed)
}

// isoDurationError is the error of s, an ISO 8601 duration: ago is the
// duration ago that TIME writes for it.
func isoDurationError(mark, s, ago string) error {
	return fmt.Errorf("%s is an ISO 8601 duration (as kafka-consumer-groups --by-duration takes); a time that long ago is %s%s here", s, mark, ago)
}

// isoDuration is an ISO 8601 duration of days, hours, minutes and seconds,
// as Java's Duration.parse reads it (P1DT2H30M, PT0.5S), with or without a
// sign; P1M is a month there, and refused, as are years and weeks.
var isoDuration = regexp.MustCompile(`(?i)^[+-]?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$`)

// isoDurationAgo turns an ISO 8601 duration into the duration ago that TIME
// writes for it: PT1H30M is -1h30m.
func isoDurationAgo(s string) (string, bool) {
	m := isoDuration.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	ago := ""
	for i, unit := range []string{"d", "h", "m", "s"} {
		if m[i+1] != "" {
			ago += m[i+1] + unit
		}
	}
	if ago == "" {
		return "", false
	}
	return "-" + ago, true
}
