package format

import (
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
		err  string
	}{
		{in: "1763856000000", want: time.UnixMilli(1763856000000)},
		{in: "0", want: time.UnixMilli(0)},
		{in: "2026-11-23T09:00:00Z", want: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)},
		{in: "2026-11-23T09:00:00.250+01:00", want: time.Date(2026, 11, 23, 8, 0, 0, 250e6, time.UTC)},
		// without a zone: UTC, as TimeSyntax says
		{in: "2026-11-23T09:00:00", want: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)},
		{in: "2026-11-23T09:00", want: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)},
		// to the minute with a zone, as without one
		{in: "2026-11-23T09:00Z", want: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)},
		{in: "2026-11-23 09:00+01:00", want: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)},
		// RFC 3339's lower-case t and z, and its space for the T (5.6)
		{in: "2026-11-23t09:00:00z", want: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)},
		{in: "2026-11-23 09:00:00.5+01:00", want: time.Date(2026, 11, 23, 8, 0, 0, 5e8, time.UTC)},
		{in: "2026-11-23 09:00", want: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)},
		{in: "2016-12-31 23:59:60z", want: time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)},
		{in: "2026-11-23  09:00", err: "want " + TimeSyntax},
		{in: "2026-11-23", want: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)},
		{in: "-1h", want: now.Add(-time.Hour)},
		{in: "-90s", want: now.Add(-90 * time.Second)},
		{in: "-2d", want: now.Add(-48 * time.Hour)},
		{in: "-1d12h", want: now.Add(-36 * time.Hour)},
		{in: " -30m ", want: now.Add(-30 * time.Minute)},
		{in: "now", want: now},
		{in: " Now ", want: now},
		{in: "", err: "empty time"},
		{in: "yesterday", err: "want unix milliseconds"},
		{in: "-1x", err: "want a duration such as -1h, -30m or -2d"},
		// weeks, which durations lack, and capitals: what to write
		{in: "-2w", err: "want a duration such as -1h, -30m or -2d; a week is 7d: -14d"},
		{in: "-1H", err: "want a duration such as -1h, -30m or -2d; units are lower case: -1h"},
		{in: "-1d12H", err: "; units are lower case: -1d12h"},
		{in: "--1h", err: "want a duration"},
		{in: "-d", err: "want a duration"},
		{in: "+2h", err: "a time relative to now is a duration ago: -2h (+2h would be in the future)"},
		{in: "+1d", err: "a time relative to now is a duration ago: -1d (+1d would be in the future)"},
		{in: "1h", err: "a time relative to now is a duration ago: -1h"},
		{in: "2d12h", err: "a time relative to now is a duration ago: -2d12h"},
		{in: "+x", err: "want " + TimeSyntax},
		// a field out of range is named, not the syntax recited
		{in: "2026-13-01", err: "month out of range"},
		{in: "2023-02-29", err: "day out of range: February 2023 has 28 days"},
		{in: "2024-02-30T09:00:00Z", err: "day out of range: February 2024 has 29 days"},
		{in: "2024-02-29", want: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{in: "2026-11-23T24:00", err: "hour out of range"},
		// zones as ISO 8601 or people write them: what RFC 3339 writes instead
		{in: "2026-11-23T09:00:00+0100", err: "zone +0100: RFC 3339 writes it +01:00: 2026-11-23T09:00:00+01:00"},
		{in: "2026-11-23T09:00:00.000-05", err: "zone -05: RFC 3339 writes it -05:00: 2026-11-23T09:00:00.000-05:00"},
		{in: "2026-11-23 09:00 UTC", err: "zone UTC: RFC 3339 writes it Z: 2026-11-23T09:00Z"},
		{in: "2026-11-23T09:00:00 +01:00", err: "a space before the zone: RFC 3339 writes 2026-11-23T09:00:00+01:00"},
		{in: "2026-11-23T09:00:00 CEST", err: "zone CEST: a zone's name is not taken (its offset from UTC changes with daylight saving time); write the offset in force then, such as 2026-11-23T09:00:00+01:00, or Z for UTC"},
		{in: "2026-11-23T09:00:00Europe/Berlin", err: "zone Europe/Berlin: a zone's name is not taken"},
		// ISO 8601 durations, as kafka-consumer-groups --by-duration takes them
		{in: "PT1H", err: "PT1H is an ISO 8601 duration (as kafka-consumer-groups --by-duration takes); a time that long ago is -1h here"},
		{in: "-PT1H30M", err: "a time that long ago is -1h30m here"},
		{in: "P2DT0.5S", err: "a time that long ago is -2d0.5s here"},
		{in: "P1M", err: "want " + TimeSyntax},
		// durations ago longer than a time.Duration holds: before 1970, not wrapped round to a later time
		{in: "-106752d", err: "106752d ago is before 1970-01-01T00:00:00Z, where Kafka timestamps start"},
		{in: "-99999999999999999999d", err: "99999999999999999999d ago is before 1970-01-01T00:00:00Z, where Kafka timestamps start"},
		{in: "-3000000h", err: "3000000h ago is before 1970-01-01T00:00:00Z, where Kafka timestamps start"},
		{in: "-1d2562047h", err: "1d2562047h ago is before 1970-01-01T00:00:00Z, where Kafka timestamps start"},
		{in: "-d", err: "want a duration such as -1h, -30m or -2d"},
		{in: "99999999999999999999", err: "99999999999999999999 unix milliseconds is after the year 9999: want at most 253402300799999"},
		// ten or eleven digits: unix seconds, not milliseconds in 1970
		{in: "999999999", want: time.UnixMilli(999999999)},
		{in: "100000000000", want: time.UnixMilli(100000000000)},
		{in: "1000000000", err: "1000000000 unix milliseconds is 1970-01-12T13:46:40Z; unix seconds (as date +%s writes them) take three more digits: 1000000000000"},
		{in: " 99999999999 ", err: "99999999999 unix milliseconds is 1973-03-03T09:46:39Z; unix seconds (as date +%s writes them) take three more digits: 99999999999000"},
		// eight digits that make a date from 1970 on: date +%Y%m%d, not milliseconds in 1970
		{in: "20261207", err: "20261207 unix milliseconds is 1970-01-01T05:37:41Z; a date takes dashes: 2026-12-07"},
		{in: "19700101", err: "19700101 unix milliseconds is 1970-01-01T05:28:20Z; a date takes dashes: 1970-01-01"},
		{in: "19691231", want: time.UnixMilli(19691231)},
		{in: "20261399", want: time.UnixMilli(20261399)},
		{in: "2026120", want: time.UnixMilli(2026120)},
		// sixteen or nineteen digits: unix micro- or nanoseconds, after the year 9999 as milliseconds
		{in: "1795392005000000", err: "1795392005000000 unix milliseconds is after the year 9999; unix microseconds (as date +%s%6N writes them) take three fewer digits: 1795392005000"},
		{in: "1795392005123456789", err: "1795392005123456789 unix milliseconds is after the year 9999; unix nanoseconds (as date +%s%N writes them) take six fewer digits: 1795392005123"},
		{in: "253402300799999", want: time.Date(9999, 12, 31, 23, 59, 59, 999e6, time.UTC)},
		{in: "253402300800000", err: "253402300800000 unix milliseconds is after the year 9999: want at most 253402300799999 (9999-12-31T23:59:59.999Z)"},
		{in: "1972-01-01", want: time.Date(1972, 1, 1, 0, 0, 0, 0, time.UTC)},
		{in: "2016-12-31T23:59:60Z", want: time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)},
		{in: "2016-12-31T23:59:60.5Z", want: time.Date(2017, 1, 1, 0, 0, 0, 5e8, time.UTC)},
		{in: "2016-12-31T23:58:60Z", err: "second out of range"},
		{in: "1970-01-01T00:00:00Z", want: time.UnixMilli(0)},
		{in: "1969-12-31T23:59:59.999Z", err: "1969-12-31T23:59:59.999Z is before 1970-01-01T00:00:00Z, where Kafka timestamps start"},
		{in: "1000-01-01", err: "1000-01-01T00:00:00Z is before 1970"},
		{in: "-100000d", err: "before 1970"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseTime(tc.in, now)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("ParseTime(%q) error = %v, want it to contain %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || !got.Equal(tc.want) {
				t.Errorf("ParseTime(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"1763856000000", "2026-11-23", "-1h", "-2d3h", "2026-11-23T09:00:00Z", "2016-12-31T23:59:60Z", "1969-12-31T23:59:59.999Z", "2026-11-23T09:00"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTime(s, now)
		if err == nil && strings.HasPrefix(strings.TrimSpace(s), "-") && got.After(now) {
			t.Fatalf("ParseTime(%q) = %v, after now", s, got)
		}
		if err == nil && got.UnixMilli() < 0 {
			t.Fatalf("ParseTime(%q) = %v, before 1970: a negative Kafka timestamp", s, got)
		}
	})
}

func TestParsePartition(t *testing.T) {
	for _, tc := range []struct {
		in           string
		p            int32
		ok, tooLarge bool
	}{
		{"0", 0, true, false},
		{"7", 7, true, false},
		{"2147483647", 2147483647, true, false},
		{"2147483648", 0, false, true},
		{"99999999999999999999", 0, false, true},
		{"-1", 0, false, false},
		{"-2147483649", 0, false, false},
		{"", 0, false, false},
		{"x", 0, false, false},
		{"0x10", 0, false, false},
	} {
		p, ok, tooLarge := ParsePartition(tc.in)
		if p != tc.p || ok != tc.ok || tooLarge != tc.tooLarge {
			t.Errorf("ParsePartition(%q) = %d, %t, %t; want %d, %t, %t", tc.in, p, ok, tooLarge, tc.p, tc.ok, tc.tooLarge)
		}
	}
}

func TestParseCount(t *testing.T) {
	for _, tc := range []struct {
		in           string
		n            int64
		ok, tooLarge bool
	}{
		{"0", 0, true, false},
		{"42", 42, true, false},
		{"9223372036854775807", 9223372036854775807, true, false},
		{"9223372036854775808", 0, false, true},
		{"99999999999999999999", 0, false, true},
		{"", 0, false, false},
		{"+5", 0, false, false},
		{"-5", 0, false, false},
		{"-99999999999999999999", 0, false, false},
		{"1e3", 0, false, false},
		{" 7", 0, false, false},
	} {
		n, ok, tooLarge := ParseCount(tc.in)
		if n != tc.n || ok != tc.ok || tooLarge != tc.tooLarge {
			t.Errorf("ParseCount(%q) = %d, %t, %t; want %d, %t, %t", tc.in, n, ok, tooLarge, tc.n, tc.ok, tc.tooLarge)
		}
	}
}

// WithoutZone tells the dates and times that ParseTime reads as UTC for
// want of a zone from those that give one, and from the other TIMEs.
func TestWithoutZone(t *testing.T) {
	for s, want := range map[string]bool{
		"2026-12-07T09:00:00":       true,
		"2026-12-07T09:00:00.5":     true,
		"2026-12-07 09:00":          true,
		" 2026-12-07t09:00 ":        true,
		"2026-12-07":                true,
		"2016-12-31T23:59:60":       true,
		"2026-12-07T09:00:00Z":      false,
		"2026-12-07T09:00:00z":      false,
		"2026-12-07T09:00:00+01:00": false,
		"1795392000000":             false,
		"-1h":                       false,
		"now":                       false,
		"20261207":                  false,
	} {
		if got := WithoutZone(s); got != want {
			t.Errorf("WithoutZone(%q) = %v, want %v", s, got, want)
		}
	}
}
