package groups

import (
	"fmt"
	"math"
	"testing"
	"time"
)

func TestCheckLag(t *testing.T) {
	rows := []Row{
		{Topic: "a", Partition: 0, CurrentOffset: ptr(90), LogStart: ptr(0), LogEnd: ptr(100)},  // 10
		{Topic: "a", Partition: 1, CurrentOffset: nil, LogStart: ptr(20), LogEnd: ptr(50)},      // 30, no commit
		{Topic: "a", Partition: 2, CurrentOffset: ptr(120), LogStart: ptr(0), LogEnd: ptr(100)}, // 0, ahead of a truncated log
		{Topic: "b", Partition: 0, CurrentOffset: ptr(5), LogStart: ptr(0), LogEnd: nil},        // unknown
	}
	d := Description{Group: Group{Group: "g"}, Partitions: rows}
	for _, tc := range []struct {
		limits LagLimits
		topics []string
		want   []string
	}{
		{LagLimits{-1, -1}, nil, []string{`group "g": b:0 lag unknown (its leader gave no end offset)`}},
		{LagLimits{30, 40}, nil, []string{`group "g": b:0 lag unknown (its leader gave no end offset)`}},
		{LagLimits{10, 39}, nil, []string{
			`group "g": a:1 lag 30 (no commit: log end - log start) > 10`,
			`group "g": b:0 lag unknown (its leader gave no end offset)`,
			`group "g": total lag 40 (counting 1 partition without a commit as all unread) > 39`,
		}},
		{LagLimits{-1, -1}, []string{"a", "c"}, []string{
			`group "g": b:0 lag unknown (its leader gave no end offset)`,
			`group "g": c lag unknown (the group has no commit on it and no member reading it)`,
		}},
	} {
		got := CheckLag(d, tc.limits, tc.topics)
		if len(got) != len(tc.want) {
			t.Errorf("%+v %v: %v; want %v", tc.limits, tc.topics, got, tc.want)
			continue
		}
		for i := range got {
			if got[i].String() != tc.want[i] {
				t.Errorf("%+v %v [%d]: %s; want %s", tc.limits, tc.topics, i, got[i], tc.want[i])
			}
		}
	}
	if got := CheckLag(Description{Group: Group{Group: "g"}, Partitions: rows[:3]}, LagLimits{30, 40}, []string{"a"}); len(got) != 0 {
		t.Errorf("within limits: %v", got)
	}
	if got := fmt.Sprint(CheckLag(Description{Group: Group{Group: "g"}}, LagLimits{-1, 0}, nil)); got != `[group "g": total lag unknown (no commit and no member owning a partition: --topic names the topics it should read)]` {
		t.Errorf("no partitions: %s", got)
	}
	noStart := Row{Topic: "a", LogEnd: ptr(5)}
	if got := fmt.Sprint(CheckLag(Description{Group: Group{Group: "g"}, Partitions: []Row{noStart}}, LagLimits{-1, -1}, nil)); got != `[group "g": a:0 lag unknown (no commit, and its leader gave no start offset)]` {
		t.Errorf("no commit, no start: %s", got)
	}
}

func TestLagTrend(t *testing.T) {
	t0 := time.Unix(1763856000, 0)
	at := func(secs float64, lag int64) LagSample {
		return LagSample{At: t0.Add(time.Duration(secs * float64(time.Second))), Lag: lag}
	}
	for _, tc := range []struct {
		name    string
		samples []LagSample
		rate    float64
		shown   string
	}{
		{"no sample", nil, 0, "-"},
		{"one sample", []LagSample{at(0, 100)}, 0, "-"},
		{"one sample at 0", []LagSample{at(0, 0)}, 0, "caught up"},
		{"same instant", []LagSample{at(0, 100), at(0, 50)}, 0, "-"},
		{"catching up", []LagSample{at(0, 1000), at(2, 900), at(4, 800)}, -50, "16s"},
		{"oldest to newest, not the steps", []LagSample{at(0, 1000), at(2, 1000), at(4, 600)}, -100, "6s"},
		{"growing", []LagSample{at(0, 100), at(10, 200)}, 10, "growing"},
		{"steady", []LagSample{at(0, 100), at(10, 100)}, 0, "steady"},
		{"caught up", []LagSample{at(0, 100), at(10, 0)}, -10, "caught up"},
		{"barely moving", []LagSample{at(0, math.MaxInt64), at(1, math.MaxInt64-1)}, -1, "2562047h47m16s"},
	} {
		tr := LagTrend(tc.samples)
		if tr.Rate != tc.rate || tr.String() != tc.shown {
			t.Errorf("%s: rate %v shown %q; want %v %q", tc.name, tr.Rate, tr, tc.rate, tc.shown)
		}
	}
}
