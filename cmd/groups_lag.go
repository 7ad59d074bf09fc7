package cmd

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/spf13/pflag"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/groups"
)

// groupsLagHelp is the part of groups describe's manual about the lag gate
// and the trend --watch shows.
const groupsLagHelp = `LAG GATE (for CI and scripts)
--max-lag N fails (exit 3) when any partition's lag is over N; --max-total-lag
N when the lag summed over a group's partitions is over N. The breaches are
listed on stderr, one line each, after the description on stdout; several
end with their count ("lag gate: 2 breaches"). A partition the group owns
but has no commit on counts as all unread: log end - log start (TOTAL-LAG,
which sums the known lags, leaves it out, as do a topic's lag and --watch's
LAG; a total's breach line says how many such partitions it counts). A
partition whose lag cannot be known (its leader did not answer, its topic
was deleted, or the login may not describe its topic, which only a member
that has it assigned shows: Kafka leaves the group's commits on it out) is a
breach, and so is a --topic the group has neither a commit on nor a member
reading, and, without --topic, a group that has no commit and no member
owning a partition: it has no lag to hold to the limits; so is a group
whose members Kafka will not describe to the login, whose partitions are
not all known. Limits do not go with --watch; to wait until the lag is within
them, repeat the gate while it exits 3 (this loop exits 0 once billing is
within, 1 or 2 at once as the gate does, 124 after ten minutes):
  $ timeout 10m sh -c 'while shore groups describe billing --max-lag 0 \
      >/dev/null; s=$?; [ $s -eq 3 ]; do sleep 5; done; exit $s'

--watch adds, per group and topic, the lag the table shows (LAG: the
partitions with a commit, not those without, which only the gate counts),
how fast it changes (RATE, records/s, from the oldest sample of the last
minute to the newest, since the lag last began to count another partition's
first commit) and CAUGHT-UP-IN: the time left at that rate, "growing",
"steady" or "caught up"; LAG, RATE and CAUGHT-UP-IN are - while no partition
of the topic has a commit, as the table's lag is, or one with a commit has
an unknown lag (its leader did not answer, the topic was deleted, or the
login may not describe it).`

// groupsLagGate is what exits 3 for groups describe.
const groupsLagGate = "a group is over --max-lag or --max-total-lag"

// groupsLagWait is how to wait for a group's lag to come within the limit
// flag sets, which a gate answers once: a loop that exits as the gate does
// but for 3, so that a failure (an unknown group) ends it at once rather
// than at the timeout, which bounds it.
func groupsLagWait(flag string) string {
	return "repeat the gate while it exits 3: timeout 10m sh -c 'while shore groups describe GROUP --" + flag + " N >/dev/null; s=$?; [ $s -eq 3 ]; do sleep 5; done; exit $s'"
}

// groupsLagFlags are the raw lag-gate flags.
type groupsLagFlags struct {
	maxLag, maxTotalLag int64
}

func (lf *groupsLagFlags) add(fl *pflag.FlagSet) {
	fl.Int64Var(&lf.maxLag, "max-lag", -1, "exit 3 when a partition's lag is over N; -1: no limit")
	fl.Int64Var(&lf.maxTotalLag, "max-total-lag", -1, "exit 3 when a group's total lag is over N; -1: no limit")
	setFlagMin(fl, "max-lag", -1)
	setFlagMin(fl, "max-total-lag", -1)
}

// parse sets the limits of opts; a limit below -1 (no limit) and a limit
// with --watch are usage errors.
func (lf *groupsLagFlags) parse(given flagsGiven, opts *groupsDescribeOptions) error {
	opts.Limits = groups.LagLimits{MaxPartition: lf.maxLag, MaxTotal: lf.maxTotalLag}
	for _, limit := range []struct {
		name string
		v    int64
	}{{"max-lag", lf.maxLag}, {"max-total-lag", lf.maxTotalLag}} {
		name, v := limit.name, limit.v
		// -1, the default, is no limit however it comes.
		if !given(name) || v == -1 {
			continue
		}
		opts.Gate = true
		if v < 0 {
			return usageErrorf("--%s %d: want 0 or more, or -1 for no limit", name, v)
		}
		if opts.Watch > 0 {
			return usageErrorf("--%s does not go with --watch: a gate gives one answer; to wait until the lag is within it, %s", name, groupsLagWait(name))
		}
	}
	return nil
}

// gateLag lists on stderr how the groups are over the limits and returns a
// condition error when any is: a count of them when there are several,
// nothing more to print for one.
func gateLag(stderr io.Writer, ds []groups.Description, opts *groupsDescribeOptions) error {
	var breaches int
	for _, d := range ds {
		for _, b := range groups.CheckLag(d, opts.Limits, opts.Topics) {
			breaches++
			fmt.Fprintf(stderr, "shore: %s\n", b)
		}
	}
	switch breaches {
	case 0:
		return nil
	case 1:
		// The breach's own line is the answer: one line per problem.
		return &conditionError{err: errReported}
	}
	return conditionErrorf("lag gate: %d breaches", breaches)
}

// trendWindow is how far back the lag rate looks: long enough to smooth
// the steps of periodic commits, short enough to follow a change.
const trendWindow = time.Minute

// lagTrends keeps the recent lag samples of each group and topic for
// --watch, and the partitions each one's lag sums.
type lagTrends struct {
	samples map[[2]string][]groups.LagSample
	counted map[[2]string][]int32
}

// add records the lag of each group and topic of ds at now, dropping
// samples older than trendWindow but always keeping one before now; a
// topic whose lag is not known whole gets no sample, and a topic whose
// lag sums other partitions than before (one got its first commit)
// starts again, as the sum's step is no change of lag.
func (lt *lagTrends) add(ds []groups.Description, now time.Time) {
	if lt.samples == nil {
		lt.samples = map[[2]string][]groups.LagSample{}
		lt.counted = map[[2]string][]int32{}
	}
	for _, d := range ds {
		for _, t := range topicLags(d) {
			if !t.Known || t.Lag == nil {
				// A sum that lacks partitions would read as the lag
				// falling, then rising when they are back.
				continue
			}
			k := [2]string{d.Group.Group, t.Topic}
			s := lt.samples[k]
			if !slices.Equal(lt.counted[k], t.Counted) {
				s, lt.counted[k] = nil, t.Counted
			}
			s = append(s, groups.LagSample{At: now, Lag: *t.Lag})
			for len(s) > 2 && now.Sub(s[0].At) > trendWindow {
				s = s[1:]
			}
			lt.samples[k] = s
		}
	}
}

// trendTopicLag is a topic's lag as the table shows it, and what the
// trend needs to know of its partitions.
type trendTopicLag struct {
	groups.TopicLag
	// Counted are the partitions whose lags Lag sums: those with a commit.
	Counted []int32
	// Known is false when a partition with a commit has an unknown lag
	// (its leader did not answer, or its topic was deleted).
	Known bool
}

// topicLags is each topic's lag as the table shows it, which leaves out a
// partition without a commit, where the gate counts it as all unread.
func topicLags(d groups.Description) []trendTopicLag {
	out := make([]trendTopicLag, len(d.Topics))
	byTopic := make(map[string]*trendTopicLag, len(d.Topics))
	for i, tl := range d.Topics {
		out[i] = trendTopicLag{TopicLag: tl, Known: true}
		byTopic[tl.Topic] = &out[i]
	}
	for _, r := range d.Partitions {
		t := byTopic[r.Topic]
		switch {
		case r.Lag != nil:
			t.Counted = append(t.Counted, r.Partition)
		case r.CurrentOffset != nil:
			t.Known = false
		}
	}
	return out
}

// write writes the trend table of ds: GROUP TOPIC LAG RATE CAUGHT-UP-IN,
// - in the last three for a topic whose lag is not known whole or that has
// no commit.
func (lt *lagTrends) write(w io.Writer, ds []groups.Description) error {
	var rows [][]string
	for _, d := range ds {
		for _, t := range topicLags(d) {
			if !t.Known || t.Lag == nil {
				rows = append(rows, []string{d.Group.Group, t.Topic, format.None, format.None, format.None})
				continue
			}
			tr := groups.LagTrend(lt.samples[[2]string{d.Group.Group, t.Topic}])
			rate := format.None
			if tr.Known {
				rate = strconv.FormatFloat(tr.Rate, 'f', 1, 64) + "/s"
			}
			rows = append(rows, []string{d.Group.Group, t.Topic, strconv.FormatInt(*t.Lag, 10), rate, tr.String()})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	return format.Table(w, []string{"GROUP", "TOPIC", "LAG", "RATE", "CAUGHT-UP-IN"}, rows)
}
