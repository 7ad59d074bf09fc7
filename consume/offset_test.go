package consume

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func ptr(b Bound) *Bound { return &b }

func TestParseOffset(t *testing.T) {
	start, end := Bound{Kind: Start}, Bound{Kind: End}
	all := func(r Range) Spec { return Spec{Default: &r} }
	nov1 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want Spec
	}{
		{"start", all(Range{From: start})},
		{"beginning", all(Range{From: start})},
		{"oldest", all(Range{From: start})},
		{"earliest", all(Range{From: start})},
		{"end", all(Range{From: end})},
		{"newest", all(Range{From: end})},
		{"latest", all(Range{From: end})},
		{"earliest:latest", all(Range{From: start, To: ptr(end)})},
		{"42", all(Range{From: Bound{Kind: AtOffset, N: 42}})},
		{"+5", all(Range{From: Bound{Kind: AfterStart, N: 5}})},
		{"-10", all(Range{From: Bound{Kind: BeforeEnd, N: 10}})},
		{"@1763856000000", all(Range{From: Bound{Kind: Time, Time: time.UnixMilli(1763856000000)}})},
		{"@-1h", all(Range{From: Bound{Kind: Time, Time: testNow.Add(-time.Hour)}})},
		{"@2026-11-23T09:00:30", all(Range{From: Bound{Kind: Time, Time: time.Date(2026, 11, 23, 9, 0, 30, 0, time.UTC), UTC: true}})},
		{":end", all(Range{From: start, To: ptr(end)})},
		{"start:end", all(Range{From: start, To: ptr(end)})},
		{"100:200", all(Range{From: Bound{Kind: AtOffset, N: 100}, To: ptr(Bound{Kind: AtOffset, N: 200})})},
		{"100:", all(Range{From: Bound{Kind: AtOffset, N: 100}})},
		{"-10:end", all(Range{From: Bound{Kind: BeforeEnd, N: 10}, To: ptr(end)})},
		{"@2026-11-01:@2026-11-02", all(Range{From: Bound{Kind: Time, Time: nov1, UTC: true}, To: ptr(Bound{Kind: Time, Time: nov1.AddDate(0, 0, 1), UTC: true})})},
		{"@-1h:end", all(Range{From: Bound{Kind: Time, Time: testNow.Add(-time.Hour)}, To: ptr(end)})},
		{"@2026-11-23T09:00:00Z:@2026-11-23T10:00:00Z", all(Range{
			From: Bound{Kind: Time, Time: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)},
			To:   ptr(Bound{Kind: Time, Time: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}),
		})},
		{"@2016-12-31T23:59:60Z", all(Range{From: Bound{Kind: Time, Time: time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)}})},
		{"5:5", all(Range{From: Bound{Kind: AtOffset, N: 5}, To: ptr(Bound{Kind: AtOffset, N: 5})})},
		{"0=100,3=end", Spec{Partitions: map[int32]Range{0: {From: Bound{Kind: AtOffset, N: 100}}, 3: {From: end}}}},
		{" 2 : 4 ", all(Range{From: Bound{Kind: AtOffset, N: 2}, To: ptr(Bound{Kind: AtOffset, N: 4})})},
		{"@-1h : end", all(Range{From: Bound{Kind: Time, Time: testNow.Add(-time.Hour)}, To: ptr(end)})},
		{"0 = @2026-11-01 : @2026-11-02", Spec{Partitions: map[int32]Range{0: {From: Bound{Kind: Time, Time: nov1, UTC: true}, To: ptr(Bound{Kind: Time, Time: nov1.AddDate(0, 0, 1), UTC: true})}}}},
		{"end, 2=start:10", Spec{Default: &Range{From: end}, Partitions: map[int32]Range{2: {From: start, To: ptr(Bound{Kind: AtOffset, N: 10})}}}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseOffset(tc.in, testNow)
			if err != nil {
				t.Errorf("ParseOffset(%q): %v", tc.in, err)
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseOffset(%q) = %+v; want %+v", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseOffsetErrors(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"", "empty offset spec: want start, end, N, +N, -N or @TIME"},
		{"last", "want start, end, N, +N, -N or @TIME"},
		{"0=100,3=soon", `"soon": want start, end, N, +N, -N or @TIME`},
		{"x=1", `"x" is not a partition number (0 or more)`},
		{"-1=1", `"-1" is not a partition number (0 or more)`},
		{"1=3,1=4", `"1=4": partition 1 is given twice`},
		{"start,end", `"end": a second spec for all partitions; name the partition as P=end`},
		{"100:abc", `"abc": want start, end, N, +N, -N or @TIME`},
		{"@yesterday:end", `"@yesterday": want unix milliseconds`},
		{"+-3", "want start, end, N, +N, -N or @TIME"},
		{"-1h", "want start, end, N, +N, -N or @TIME; a time relative to now takes @: @-1h"},
		{"0=-2d:end", `"-2d": want start, end, N, +N, -N or @TIME; a time relative to now takes @: @-2d`},
		{"+2h", "want start, end, N, +N, -N or @TIME; a time relative to now takes @ and is a duration ago: @-2h"},
		{"0=10:+1d", `"+1d": want start, end, N, +N, -N or @TIME; a time relative to now takes @ and is a duration ago: @-1d`},
		{"2026-11-23", "want start, end, N, +N, -N or @TIME; a time takes @: @2026-11-23"},
		{"2026-11-23T09:00:00Z:end", `"2026-11-23T09:00:00Z": want start, end, N, +N, -N or @TIME; a time takes @: @2026-11-23T09:00:00Z`},
		{"@+2h", `a time relative to now is a duration ago: -2h (+2h would be in the future)`},
		{"@1h", `a time relative to now is a duration ago: -1h`},
		{"2h", "want start, end, N, +N, -N or @TIME; a time relative to now takes @ and is a duration ago: @-2h"},
		{"s@1795392000000", "want start, end, N, +N, -N or @TIME; kcat's s@T and e@T are @T and :@T here: @1795392000000"},
		{"e@1795392000000", "want start, end, N, +N, -N or @TIME; kcat's s@T and e@T are @T and :@T here: :@1795392000000"},
		{"s@-1h:e@-5m", "want start, end, N, +N, -N or @TIME; kcat's s@T and e@T are @T and :@T here: @-1h:@-5m"},
		{"s@-1h:end", "want start, end, N, +N, -N or @TIME; kcat's s@T and e@T are @T and :@T here: @-1h:end"},
		{"@-1h:e@-5m", "want start, end, N, +N, -N or @TIME; kcat's s@T and e@T are @T and :@T here: @-1h:@-5m"},
		{"0=5:e@-5m", `"5:e@-5m": want start, end, N, +N, -N or @TIME; kcat's s@T and e@T are @T and :@T here: 5:@-5m`},
		{"99999999999999999999", "out of range: want at most 9223372036854775807"},
		{"-99999999999999999999", "out of range: want at least -9223372036854775807"},
		{"-9223372036854775808", "out of range: want at least -9223372036854775807"},
		{"0=5:-9223372036854775808", `"-9223372036854775808": out of range: want at least -9223372036854775807`},
		{"0=5:+99999999999999999999", `"+99999999999999999999": out of range: want at most 9223372036854775807`},
		{"0=", "empty part: want start, end, N, +N, -N or @TIME"},
		{"1,", "empty part: want start, end, N, +N, -N or @TIME"},
		{"5:3", "the range stops before it starts"},
		{"start:end:5", `one ':' makes a range (FROM:TO), and "start:end" is a range already`},
		{"0=1:2:3,end", `"1:2:3": one ':' makes a range (FROM:TO), and "2:3" is a range already`},
		{"@-1h:@-5m:end", `one ':' makes a range (FROM:TO), and "@-1h:@-5m" is a range already`},
		{"+9:+2", "the range stops before it starts"},
		{"-2:-9", "the range stops before it starts"},
		{"end:start", "the range stops before it starts"},
		{"@-1h:@-2h", "the range stops before it starts"},
		{"1=@2026-11-02:@2026-11-01", `"@2026-11-02:@2026-11-01": the range stops before it starts`},
		{"@1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z is before 1970"},
		{"@2016-13-01T10:00:00Z", "month out of range"},
		{"@2016-12-31T23:59:61Z", "second out of range"},
		{"@2016-12-31T23:59:61Z:end", `"@2016-12-31T23:59:61Z": second out of range`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			_, err := ParseOffset(tc.in, testNow)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("ParseOffset(%q) error %v; want prefix %q", tc.in, err, tc.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	hour := testNow.Add(-time.Hour)
	o := LogBounds{Start: 10, End: 50, AtTime: map[int64]int64{hour.UnixMilli(): 30}}
	for _, tc := range []struct {
		spec string
		want Span
	}{
		{"start", Span{From: 10, Stop: NoStop}},
		{"end", Span{From: 50, Stop: NoStop}},
		{"20", Span{From: 20, Stop: NoStop}},
		{"5", Span{From: 10, Stop: NoStop, BelowStart: true}},
		{"70", Span{From: 70, Stop: NoStop}},
		{"+5", Span{From: 15, Stop: NoStop}},
		{"+100", Span{From: 110, Stop: NoStop}},
		{"+9223372036854775807", Span{From: 9223372036854775807, Stop: NoStop}},
		{"-10", Span{From: 40, Stop: NoStop}},
		{"-100", Span{From: 10, Stop: NoStop}},
		{"-10:end", Span{From: 40, Stop: 50}},
		{":end", Span{From: 10, Stop: 50}},
		{"20:25", Span{From: 20, Stop: 25}},
		{"+10:5", Span{From: 20, Stop: 10}},
		{"@-1h", Span{From: 30, Stop: NoStop}},
		{"@-1h:end", Span{From: 30, Stop: 50}},
		{"@-2h", Span{From: 50, Stop: NoStop}},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			spec, err := ParseOffset(tc.spec, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if got := spec.Default.Resolve(o); got != tc.want {
				t.Errorf("%q resolves to %+v; want %+v", tc.spec, got, tc.want)
			}
		})
	}
}

func TestSpecFor(t *testing.T) {
	spec, err := ParseOffset("0=end,2=5", testNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := spec.For(1); ok {
		t.Error("partition 1 consumed though only 0 and 2 are named")
	}
	if r, ok := spec.For(2); !ok || r.From.N != 5 {
		t.Errorf("partition 2: %+v %v", r, ok)
	}
	spec, _ = ParseOffset("@-1h:@-1h,1=@-2h", testNow)
	if n := len(spec.Times()); n != 2 {
		t.Errorf("Times() has %d times; want 2", n)
	}
}

// TestSpecZoneless: the times written without a zone, each once, in
// order; one with a zone, or a duration ago, is not among them.
func TestSpecZoneless(t *testing.T) {
	spec, err := ParseOffset("@2026-11-02:@2026-11-03T00:00:00Z,0=@2026-11-01,1=@2026-11-02:@2026-11-04,2=@-1h:end,3=:@2026-11-03T12:00", testNow)
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	from, to := spec.Zoneless()
	if want := []time.Time{day(1), day(2)}; !slices.EqualFunc(from, want, time.Time.Equal) {
		t.Errorf("from %v; want %v", from, want)
	}
	if want := []time.Time{day(3).Add(12 * time.Hour), day(4)}; !slices.EqualFunc(to, want, time.Time.Equal) {
		t.Errorf("to %v; want %v", to, want)
	}
}

func FuzzParseOffset(f *testing.F) {
	for _, s := range []string{"start", "end", "-10:end", "0=100,3=end", "@2026-11-01:@2026-11-02", "@-1h:end", "+3", "1:2", "@2026-11-23T09:00:00Z:end", "5:3", "@-1h:@-2h", "@1969-12-31T23:59:59.999Z", "@2016-12-31T23:59:60Z:end", "@2016-12-31T23:59:61Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spec, err := ParseOffset(s, testNow)
		if err != nil {
			if err.Error() == "" || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error for %q is not one line: %q", s, err)
			}
			return
		}
		if spec.Default == nil && len(spec.Partitions) == 0 {
			t.Fatalf("%q parsed to a spec that consumes nothing", s)
		}
		for _, tm := range spec.Times() {
			if tm.UnixMilli() < 0 {
				t.Fatalf("%q names %v, before 1970: Kafka's -1 and -2 markers", s, tm)
			}
		}
		for p := int32(-1); p < 4; p++ {
			if r, ok := spec.For(p); ok && r.reversed() {
				t.Fatalf("%q parsed to a reversed range for partition %d", s, p)
			}
		}
		o := LogBounds{Start: 3, End: 9}
		for p := int32(0); p < 4; p++ {
			if r, ok := spec.For(p); ok {
				if pos := r.Resolve(o); pos.From < o.Start || (pos.Stop != NoStop && pos.Stop < o.Start) {
					t.Fatalf("%q: partition %d resolves to %+v, below the log start", s, p, pos)
				}
			}
		}
	})
}
