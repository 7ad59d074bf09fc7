package cmd

import (
	"bytes"
	"testing"
	"time"

	"github.com/kafkashore/shore/groups"
)

// TestLagTrendsFirstCommit: a partition's first commit adds its lag to
// the topic's, a step that is no change of lag; the rate starts again
// rather than reading it as the lag growing by 4/s.
func TestLagTrendsFirstCommit(t *testing.T) {
	// describe is the group's description when a member owns both
	// partitions of a topic whose logs end at 10, with the lags given:
	// -1 for a partition without a commit.
	describe := func(lags ...int64) []groups.Description {
		g := groups.Group{Group: "billing", Members: []groups.Member{{Assignment: []groups.Assignment{{Topic: "orders", Partitions: []int32{0, 1}}}}}}
		commits, starts, ends := groups.Offsets{}, groups.Offsets{}, groups.Offsets{}
		for p, lag := range lags {
			starts.Set("orders", int32(p), 0)
			ends.Set("orders", int32(p), 10)
			if lag >= 0 {
				commits.Set("orders", int32(p), 10-lag)
			}
		}
		return []groups.Description{groups.Describe(g, commits, starts, ends, nil)}
	}
	at := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	var lt lagTrends
	for _, tc := range []struct {
		after time.Duration
		ds    []groups.Description
		row   string
	}{
		{0, describe(3, -1), "billing  orders  3    -     -"},
		{time.Second, describe(3, 4), "billing  orders  7    -     -"},
		{2 * time.Second, describe(2, 4), "billing  orders  6    -1.0/s  6s"},
	} {
		lt.add(tc.ds, at.Add(tc.after))
		var out bytes.Buffer
		if err := lt.write(&out, tc.ds); err != nil {
			t.Fatal(err)
		}
		if got := bytes.Split(out.Bytes(), []byte("\n"))[2]; string(got) != tc.row {
			t.Errorf("after %s: %q, want %q in\n%s", tc.after, got, tc.row, out.String())
		}
	}
}
