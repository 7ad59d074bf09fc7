package groups

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/kafkashore/shore/format"
)

// LagLimits are the most lag a group may have: MaxPartition on any one
// partition, MaxTotal summed over its partitions; -1 is no limit.
type LagLimits struct {
	MaxPartition, MaxTotal int64
}

// Breach is one way a group is over its LagLimits. Partition is -1 for
// the total (Topic empty) or for a topic the group has no partition of.
type Breach struct {
	Group     string
	Topic     string
	Partition int32
	// Lag is the lag that is over Limit; -1 when it is unknown.
	Lag, Limit int64
	// Why says how the lag was counted when that is not plain.
	Why string
}

func (b Breach) String() string {
	place := fmt.Sprintf("%s:%d", b.Topic, b.Partition)
	switch {
	case b.Topic == "":
		place = "total"
	case b.Partition < 0:
		place = b.Topic
	}
	lag := fmt.Sprint(b.Lag)
	if b.Lag < 0 {
		lag = "unknown"
	}
	s := fmt.Sprintf("group %q: %s lag %s", b.Group, place, lag)
	if b.Why != "" {
		s += " (" + b.Why + ")"
	}
	if b.Lag >= 0 {
		s += fmt.Sprintf(" > %d", b.Limit)
	}
	return s
}

// RowLag is the lag a gate counts for a row: LogEnd - CurrentOffset, or for
// a partition without a commit LogEnd - LogStart (all of it unread). ok is
// false when the log offsets needed are unknown.
func RowLag(r Row) (lag int64, why string, ok bool) {
	switch {
	case r.LogEnd == nil:
		return -1, "its leader gave no end offset", false
	case r.CurrentOffset != nil:
		return max(*r.LogEnd-*r.CurrentOffset, 0), "", true
	case r.LogStart == nil:
		return -1, "no commit, and its leader gave no start offset", false
	}
	return max(*r.LogEnd-*r.LogStart, 0), "no commit: log end - log start", true
}

// CheckLag returns how d is over limits: each partition over
// MaxPartition, each partition whose lag is unknown (saying so when its
// topic does not exist, d.Gone, or the login may not describe it,
// d.Denied), the total over
// MaxTotal (saying so when it counts partitions without a commit, which
// d.TotalLag leaves out), and each of topics (when given) on which the group has no
// partition at all, whose lag cannot be known. Without topics, a group with
// no partition at all (no commit, no member owning one) is a breach too:
// there is no lag to hold to the limits, not a lag of 0; so is a group
// whose members the brokers will not describe (d.MembersHidden), whose
// partitions are not all known. An empty result means d is within the
// limits.
func CheckLag(d Description, limits LagLimits, topics []string) []Breach {
	var out []Breach
	var total int64
	uncommitted := 0 // rows in total without a commit, which TotalLag leaves out
	for _, r := range d.Partitions {
		lag, why, ok := RowLag(r)
		switch {
		case ok:
		case slices.Contains(d.Gone, r.Topic):
			why = "the topic does not exist"
		case slices.Contains(d.Denied, r.Topic):
			why = "the login may not describe the topic"
		}
		if !ok {
			out = append(out, Breach{Group: d.Group.Group, Topic: r.Topic, Partition: r.Partition, Lag: -1, Why: why})
			continue
		}
		total += lag
		if r.CurrentOffset == nil {
			uncommitted++
		}
		if limits.MaxPartition >= 0 && lag > limits.MaxPartition {
			out = append(out, Breach{Group: d.Group.Group, Topic: r.Topic, Partition: r.Partition, Lag: lag, Limit: limits.MaxPartition, Why: why})
		}
	}
	if d.MembersHidden {
		out = append(out, Breach{Group: d.Group.Group, Partition: -1, Lag: -1, Why: "the login may not describe a topic its members read, and so not which partitions they own"})
	} else if len(topics) == 0 && len(d.Partitions) == 0 {
		out = append(out, Breach{Group: d.Group.Group, Partition: -1, Lag: -1, Why: "no commit and no member owning a partition: --topic names the topics it should read"})
	}
	for _, t := range topics {
		if !slices.ContainsFunc(d.Partitions, func(r Row) bool { return r.Topic == t }) {
			out = append(out, Breach{Group: d.Group.Group, Topic: t, Partition: -1, Lag: -1, Why: "the group has no commit on it and no member reading it"})
		}
	}
	if limits.MaxTotal >= 0 && total > limits.MaxTotal {
		b := Breach{Group: d.Group.Group, Partition: -1, Lag: total, Limit: limits.MaxTotal}
		if uncommitted > 0 {
			b.Why = fmt.Sprintf("counting %s without a commit as all unread", format.Count(uncommitted, "partition"))
		}
		out = append(out, b)
	}
	return out
}

// LagSample is a topic's lag at one moment.
type LagSample struct {
	At  time.Time
	Lag int64
}

// Trend is how a lag changes.
type Trend struct {
	// CaughtUp is true when the newest sample has no lag.
	CaughtUp bool
	// Known is false until there are two samples apart in time.
	Known bool
	// Rate is the change of lag in records per second: negative while the
	// group catches up.
	Rate float64
	// CaughtUpIn estimates when the lag reaches 0 at Rate; valid when
	// Catching.
	CaughtUpIn time.Duration
	Catching   bool
}

// LagTrend computes the trend from samples in time order, the oldest first:
// the rate is the change from the oldest to the newest sample over the time
// between them, which smooths out the steps of commits made every few
// seconds.
func LagTrend(samples []LagSample) Trend {
	if len(samples) == 0 {
		return Trend{}
	}
	first, last := samples[0], samples[len(samples)-1]
	t := Trend{CaughtUp: last.Lag == 0}
	secs := last.At.Sub(first.At).Seconds()
	if secs <= 0 {
		return t
	}
	t.Known, t.Rate = true, float64(last.Lag-first.Lag)/secs
	if t.Rate < 0 && last.Lag > 0 {
		t.Catching = true
		eta := math.Round(float64(last.Lag) / -t.Rate)
		// At most what a Duration holds, in whole seconds.
		t.CaughtUpIn = time.Duration(min(eta, float64(math.MaxInt64/int64(time.Second)))) * time.Second
	}
	return t
}

// String is what the lag view shows for the trend: "caught up", the time
// left while catching up, "growing", "steady", or "-" before it is known.
func (t Trend) String() string {
	switch {
	case t.CaughtUp:
		return "caught up"
	case !t.Known:
		return "-"
	case t.Catching:
		return t.CaughtUpIn.String()
	case t.Rate > 0:
		return "growing"
	}
	return "steady"
}
