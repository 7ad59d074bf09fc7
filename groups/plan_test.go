package groups

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func ptr(n int64) *int64 { return &n }

func TestParseTo(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want Target
		err  string
	}{
		{"start", Target{Kind: ToStart}, ""},
		{"end", Target{Kind: ToEnd}, ""},
		{"earliest", Target{Kind: ToStart}, ""},
		{"beginning", Target{Kind: ToStart}, ""},
		{"latest", Target{Kind: ToEnd}, ""},
		{"newest", Target{Kind: ToEnd}, ""},
		{"0", Target{Kind: ToOffset, Offset: 0}, ""},
		{"1042", Target{Kind: ToOffset, Offset: 1042}, ""},
		{"      42", Target{Kind: ToOffset, Offset: 42}, ""},
		{"end ", Target{Kind: ToEnd}, ""},
		{" @-1h", Target{Kind: ToTime, Time: now.Add(-time.Hour)}, ""},
		{" -1h", Target{}, "want start, end, an offset (0 or more) or @TIME; a time relative to now takes @: @-1h"},
		{"@-1h", Target{Kind: ToTime, Time: now.Add(-time.Hour)}, ""},
		{"@2026-11-23", Target{Kind: ToTime, Time: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}, ""},
		{"@1763856000000", Target{Kind: ToTime, Time: time.UnixMilli(1763856000000)}, ""},
		{"@999999999", Target{Kind: ToTime, Time: time.UnixMilli(999999999)}, ""},
		{"@100000000000", Target{Kind: ToTime, Time: time.UnixMilli(100000000000)}, ""},
		{"@1000000000", Target{}, "1000000000 unix milliseconds is 1970-01-12T13:46:40Z; unix seconds (as date +%s writes them) take three more digits: @1000000000000"},
		{"@99999999999", Target{}, "99999999999 unix milliseconds is 1973-03-03T09:46:39Z; unix seconds"},
		{"", Target{}, "want start, end, an offset (0 or more) or @TIME"},
		{"-5", Target{}, "want start, end, an offset (0 or more) or @TIME; --shift -5 moves back from the commit"},
		{"+5", Target{}, "want start, end, an offset (0 or more) or @TIME; --shift 5 moves forward from the commit"},
		{"begin", Target{}, "want start, end, an offset (0 or more) or @TIME"},
		{"current", Target{}, "want start, end, an offset (0 or more) or @TIME; kafka-consumer-groups' --to-current is --shift 0 where there is a commit; it commits the log end where there is none, which is --to end --topic T:P --allow-new"},
		{"-1h", Target{}, "want start, end, an offset (0 or more) or @TIME; a time relative to now takes @: @-1h"},
		{"+2h", Target{}, "want start, end, an offset (0 or more) or @TIME; a time relative to now takes @ and is a duration ago: @-2h"},
		{"2026-11-23T09:00:00.000", Target{}, "want start, end, an offset (0 or more) or @TIME; a time takes @: @2026-11-23T09:00:00.000"},
		{"2026-11-23", Target{}, "want start, end, an offset (0 or more) or @TIME; a time takes @: @2026-11-23"},
		{"@+2h", Target{}, "a time relative to now is a duration ago: -2h (+2h would be in the future)"},
		{"@", Target{}, "empty time: want "},
		{"@yesterday", Target{}, "want unix milliseconds"},
		{"9223372036854775807", Target{Kind: ToOffset, Offset: 9223372036854775807}, ""},
		{"9223372036854775808", Target{}, "out of range: want at most 9223372036854775807"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseTo(tc.in, now)
			if tc.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
					t.Errorf("ParseTo(%q) error %v; want prefix %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || got.Kind != tc.want.Kind || got.Offset != tc.want.Offset || !got.Time.Equal(tc.want.Time) {
				t.Errorf("ParseTo(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
			}
		})
	}
}

// TestPlanShiftUncommitted: a shift refused for partitions without a commit
// names them all, and the --topic that shifts the ones of their topic that
// have one.
func TestPlanShiftUncommitted(t *testing.T) {
	state := func(topic string, p int32, cur int64) PartitionState {
		return PartitionState{Topic: topic, Partition: p, Current: cur, End: 100}
	}
	for _, tc := range []struct {
		name      string
		positions []PartitionState
		err       string
	}{
		{"partitions added after the commits", []PartitionState{state("a", 0, 5), state("b", 0, 5), state("b", 1, -1), state("b", 2, 7), state("b", 3, -1), state("c", 0, -1)},
			"b:1,3 have no commit to shift from; --topic b:0,2 shifts the partitions that have one, --to moves them all"},
		{"a topic without commits", []PartitionState{state("a", 0, -1), state("a", 1, -1), state("b", 0, 5)},
			"a:0,1 have no commit to shift from; use --to instead"},
		{"every partition committed", []PartitionState{state("a", 0, 5), state("b", 0, 5)}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Plan(tc.positions, Target{Kind: Shift, Offset: -1})
			if got := fmt.Sprint(err); (tc.err == "" && err != nil) || (tc.err != "" && got != tc.err) {
				t.Errorf("error %v; want %q", err, tc.err)
			}
		})
	}
}

func TestPlan(t *testing.T) {
	// Partition 0 has a commit at 50 of [10, 100]; partition 1 has none, [0, 20].
	positions := []PartitionState{
		{Topic: "t", Partition: 0, Current: 50, Start: 10, End: 100, Resolved: 70},
		{Topic: "t", Partition: 1, Current: -1, Start: 0, End: 20, Resolved: 25},
	}
	move := func(p int32, cur *int64, req, nw, start, end int64, clamped bool) Move {
		return Move{Topic: "t", Partition: p, Current: cur, Requested: req, New: nw, LogStart: start, LogEnd: end, LagAfter: end - nw, Clamped: clamped}
	}
	for _, tc := range []struct {
		name   string
		target Target
		want   []Move
		err    string
	}{
		{"start", Target{Kind: ToStart}, []Move{move(0, ptr(50), 10, 10, 10, 100, false), move(1, nil, 0, 0, 0, 20, false)}, ""},
		{"end", Target{Kind: ToEnd}, []Move{move(0, ptr(50), 100, 100, 10, 100, false), move(1, nil, 20, 20, 0, 20, false)}, ""},
		{"offset clamped both ways", Target{Kind: ToOffset, Offset: 5}, []Move{move(0, ptr(50), 5, 10, 10, 100, true), move(1, nil, 5, 5, 0, 20, false)}, ""},
		{"offset past end", Target{Kind: ToOffset, Offset: 60}, []Move{move(0, ptr(50), 60, 60, 10, 100, false), move(1, nil, 60, 20, 0, 20, true)}, ""},
		{"time", Target{Kind: ToTime}, []Move{move(0, ptr(50), 70, 70, 10, 100, false), move(1, nil, 25, 20, 0, 20, true)}, ""},
		{"file", Target{Kind: ToResolved}, []Move{move(0, ptr(50), 70, 70, 10, 100, false), move(1, nil, 25, 20, 0, 20, true)}, ""},
		{"exact is never clamped", Target{Kind: Exact}, []Move{move(0, ptr(50), 70, 70, 10, 100, false), {Topic: "t", Partition: 1, Requested: 25, New: 25, LogStart: 0, LogEnd: 20, LagAfter: 0}}, ""},
		{"shift without commit", Target{Kind: Shift, Offset: 1}, nil, "t:1 has no commit to shift from; --topic t:0 shifts the partitions that have one, --to moves them all"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Plan(positions, tc.target)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("%s: error %v; want %q", tc.name, err, tc.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s: got %+v, %v\nwant %+v", tc.name, got, err, tc.want)
			}
		})
	}
}

func TestPlanShift(t *testing.T) {
	pos := []PartitionState{{Topic: "t", Partition: 0, Current: 50, Start: 10, End: 100}}
	for _, tc := range []struct {
		shift    int64
		req, new int64
		clamped  bool
	}{
		{-5, 45, 45, false},
		{-45, 5, 10, true},
		{-1 << 63, -1<<63 + 50, 10, true},
		{30, 80, 80, false},
		{1<<63 - 1, 1<<63 - 1, 100, true},
	} {
		t.Run(fmt.Sprintf("shift %d", tc.shift), func(t *testing.T) {
			got, err := Plan(pos, Target{Kind: Shift, Offset: tc.shift})
			if err != nil || got[0].Requested != tc.req || got[0].New != tc.new || got[0].Clamped != tc.clamped {
				t.Errorf("shift %d: %+v, %v; want requested %d new %d clamped %v", tc.shift, got, err, tc.req, tc.new, tc.clamped)
			}
		})
	}
}

// TestPlanUnixTimeAsOffset: --to OFFSET past the log end of every partition
// whose digits are a unix time as rpk's --to reads them is refused with the
// @TIME to write; within a log, or of other lengths, it is an offset.
func TestPlanUnixTimeAsOffset(t *testing.T) {
	positions := []PartitionState{{Topic: "t", Partition: 0, End: 30}, {Topic: "t", Partition: 1, End: 2_000_000_000}}
	for _, tc := range []struct {
		offset    int64
		positions []PartitionState
		err       string
	}{
		{1796590973029, positions, "--to 1796590973029 is an offset past the log end of every partition, which would skip all the group has not read; as unix milliseconds, as rpk's --to reads it, it is 2026-12-06T21:02:53Z; to seek to that time: --to @1796590973029"},
		{1796590973, positions[:1], "--to 1796590973 is an offset past the log end of every partition, which would skip all the group has not read; as unix seconds, as rpk's --to reads it, it is 2026-12-06T21:02:53Z; to seek to that time: --to @1796590973000"},
		{1796590973029123456, positions, "--to 1796590973029123456 is an offset past the log end of every partition, which would skip all the group has not read; as unix nanoseconds, as rpk's --to reads it, it is 2026-12-06T21:02:53Z; to seek to that time: --to @1796590973029"},
		{1796590973, positions, ""},   // within partition 1's log: an offset
		{179659097302, positions, ""}, // twelve digits: no unix time rpk reads
		{1000, positions[:1], ""},     // past the end, but no time
		{1796590973029, nil, ""},      // no partition to move
	} {
		t.Run(fmt.Sprint(tc.offset), func(t *testing.T) {
			_, err := Plan(tc.positions, Target{Kind: ToOffset, Offset: tc.offset})
			if got := fmt.Sprint(err); (tc.err == "" && err != nil) || (tc.err != "" && got != tc.err) {
				t.Errorf("Plan error %v; want %q", err, tc.err)
			}
		})
	}
}

func FuzzPlan(f *testing.F) {
	f.Add(int64(50), int64(10), int64(100), int64(70), int64(-5), uint8(4))
	f.Fuzz(func(t *testing.T, current, start, end, resolved, n int64, kind uint8) {
		if start < 0 || end < start || current < -1 {
			t.Skip()
		}
		target := Target{Kind: TargetKind(kind % uint8(numTargetKinds)), Offset: n}
		if target.Kind == ToOffset && n < 0 {
			t.Skip()
		}
		moves, err := Plan([]PartitionState{{Topic: "t", Current: current, Start: start, End: end, Resolved: resolved}}, target)
		if err != nil {
			if (target.Kind != Shift || current >= 0) && (target.Kind != ToOffset || n <= end) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		m := moves[0]
		if target.Kind != Exact && (m.New < start || m.New > end) {
			t.Fatalf("new %d outside [%d, %d]", m.New, start, end)
		}
		if m.Clamped != (m.New != m.Requested) {
			t.Fatalf("clamped %v but requested %d new %d", m.Clamped, m.Requested, m.New)
		}
		if m.LagAfter < 0 {
			t.Fatalf("negative lag %d", m.LagAfter)
		}
	})
}

func FuzzParseTo(f *testing.F) {
	for _, s := range []string{"start", "end", "42", "@-1h", "@2026-11-23T09:00:00Z", "@", "-1"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTo(s, now)
		if err == nil && got.Kind == ToOffset && got.Offset < 0 {
			t.Fatalf("ParseTo(%q) = negative offset %d", s, got.Offset)
		}
	})
}
