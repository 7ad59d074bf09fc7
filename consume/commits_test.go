package consume

import (
	"testing"
	"time"
)

// TestCommitStreak checks the rule that decides when failed commits are
// worth a line: a failure or a few during a rebalance say nothing, commits
// that fail one after another for CommitWarnAfter, or with no success
// through rebalances for CommitLoopWarnAfter, give one warning, and the
// next success one line more.
func TestCommitStreak(t *testing.T) {
	// A step is a commit that failed at second at ("fail"), one that
	// succeeded ("ok"), or the end of a rebalance ("rebalance"), and the
	// line it calls for: "warn", "loop" (through rebalances), "again" or
	// none.
	type step struct {
		what string
		at   float64
		line string
	}
	fail := func(at float64, line string) step { return step{"fail", at, line} }
	ok := func(line string) step { return step{"ok", 0, line} }
	rebalance := step{"rebalance", 0, ""}
	failEverySecond := func(from, to int) []step {
		var steps []step
		for s := from; s <= to; s++ {
			steps = append(steps, fail(float64(s), ""))
		}
		return steps
	}
	// rebalancingEvery fails a commit every second from from to to, and
	// ends a rebalance every n seconds.
	rebalancingEvery := func(n, from, to int) []step {
		var steps []step
		for s := from; s <= to; s++ {
			steps = append(steps, fail(float64(s), ""))
			if s%n == n-1 {
				steps = append(steps, rebalance)
			}
		}
		return steps
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"one failure, then a success", []step{fail(0, ""), ok("")}},
		{"failures for less than CommitWarnAfter", append(failEverySecond(0, 9), ok(""))},
		{"failures for CommitWarnAfter", append(failEverySecond(0, 9), fail(10, "warn"), fail(11, ""), fail(30, ""), ok("again"), ok(""))},
		{"a rebalance starts the count again", append(append(failEverySecond(0, 3), rebalance), append(failEverySecond(4, 13), fail(14, "warn"), ok("again"))...)},
		{"a rebalance does not end a streak warned of", []step{fail(0, ""), fail(10, "warn"), rebalance, fail(11, ""), fail(25, ""), ok("again")}},
		{"a new streak after a success", []step{fail(0, ""), fail(10, "warn"), ok("again"), fail(11, ""), fail(20, ""), fail(21, "warn"), ok("again")}},
		{"slow failures, as of an unreachable coordinator", []step{fail(0, ""), fail(10.5, "warn"), fail(21, ""), ok("again")}},
		{"a group that keeps rebalancing", append(rebalancingEvery(4, 0, 29), fail(30, "loop"), rebalance, fail(31, ""), ok("again"))},
		{"rebalances with a success between", append(append(rebalancingEvery(4, 0, 20), ok("")), append(rebalancingEvery(4, 21, 50), fail(51, "loop"))...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			var s commitStreak
			for i, st := range tt.steps {
				var line string
				switch st.what {
				case "fail":
					warn, rebalancing := s.failed(start.Add(time.Duration(st.at * float64(time.Second))))
					switch {
					case warn && rebalancing:
						line = "loop"
					case warn:
						line = "warn"
					}
				case "ok":
					if s.succeeded() {
						line = "again"
					}
				case "rebalance":
					s.rebalanced()
				}
				if line != st.line {
					t.Fatalf("step %d (%s at %gs): line %q; want %q", i, st.what, st.at, line, st.line)
				}
			}
		})
	}
}
