package groups

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/kafkashore/shore/format"
)

// TargetKind says how a seek chooses each partition's new offset.
type TargetKind int

// The kinds of seek target.
const (
	ToStart    TargetKind = iota // the log start offset
	ToEnd                        // the log end offset (high watermark)
	ToOffset                     // one absolute offset for every partition
	ToTime                       // the first offset at or after a time (PartitionState.Resolved)
	Shift                        // the current commit plus N (N may be negative)
	ToResolved                   // a per-partition offset from a plan file (PartitionState.Resolved)
	Exact                        // a per-partition offset committed as given, never clamped

	numTargetKinds // how many kinds there are; keep it last
)

// Target is where a seek moves the committed offsets.
type Target struct {
	Kind   TargetKind
	Offset int64     // ToOffset: the offset; Shift: the distance
	Time   time.Time // ToTime: the time, resolved to offsets by the broker
	// UTC is true for a ToTime written without a zone (format.WithoutZone),
	// which is read as UTC.
	UTC bool
}

// ParseTo parses the value of seek's --to: start, end, an offset, or @TIME
// in shore's TIME syntax (format.ParseTime; durations count back from now).
// Spaces around it are left out, as consume -o and offsets --at leave them
// out: an offset counted by wc -l, which pads it, is that offset. An error
// says what is wrong without repeating s.
func ParseTo(s string, now time.Time) (Target, error) {
	s = strings.TrimSpace(s)
	if atEnd, ok := format.LogEndWord(s); ok && atEnd {
		return Target{Kind: ToEnd}, nil
	} else if ok {
		return Target{Kind: ToStart}, nil
	}
	if rest, ok := strings.CutPrefix(s, "@"); ok {
		t, err := format.ParseTimeAfter("@", rest, now)
		if err != nil {
			return Target{}, err
		}
		return Target{Kind: ToTime, Time: t, UTC: format.WithoutZone(rest)}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err == nil && n < 0 {
		return Target{}, fmt.Errorf("want start, end, an offset (0 or more) or @TIME; --shift %d moves back from the commit", n)
	}
	// A signed offset reads as a move from the commit, which --to is not:
	// +5 would otherwise rewind to offset 5.
	if err == nil && strings.HasPrefix(s, "+") {
		return Target{}, fmt.Errorf("want start, end, an offset (0 or more) or @TIME; --shift %d moves forward from the commit", n)
	}
	if _, _, tooLarge := format.ParseCount(s); tooLarge {
		return Target{}, errors.New(format.OffsetTooLarge)
	}
	if err != nil {
		if strings.EqualFold(s, "current") {
			// kafka-consumer-groups' --to-current, typed as rpk's --to.
			return Target{}, errors.New("want start, end, an offset (0 or more) or @TIME; " + ToCurrent)
		}
		if hint := format.TimeHint(s, now); hint != "" {
			return Target{}, errors.New("want start, end, an offset (0 or more) or @TIME; " + hint)
		}
		return Target{}, errors.New("want start, end, an offset (0 or more) or @TIME")
	}
	return Target{Kind: ToOffset, Offset: n}, nil
}

// ToCurrent says what kafka-consumer-groups' --reset-offsets --to-current
// is in seek, which refuses a partition without a commit unless
// --allow-new.
const ToCurrent = "kafka-consumer-groups' --to-current is --shift 0 where there is a commit; it commits the log end where there is none, which is --to end --topic T:P --allow-new"

// PartitionState is what the planner knows of one partition.
type PartitionState struct {
	Topic     string
	Partition int32
	// Current is the committed offset, or -1 when there is none.
	Current int64
	// Start and End are the log start and log end offsets.
	Start, End int64
	// Resolved is the offset that a time lookup or a plan file gave this
	// partition (ToTime, ToResolved, Exact).
	Resolved int64
}

// Move is one partition of a seek plan.
type Move struct {
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
	// Current is the committed offset before the move; null when none.
	Current *int64 `json:"current"`
	// Requested is the offset asked for, before clamping.
	Requested int64 `json:"requested"`
	New       int64 `json:"new"`
	LogStart  int64 `json:"log_start"`
	LogEnd    int64 `json:"log_end"`
	// LagAfter is LogEnd - New: what the group has left to read.
	LagAfter int64 `json:"lag_after"`
	// Clamped is set when Requested lay outside [LogStart, LogEnd].
	Clamped bool `json:"clamped"`
	// Error is set after --execute when this partition was not committed.
	Error string `json:"error,omitempty"`
}

// Plan computes the new offset of every position for target. Offsets
// outside [Start, End] are clamped into it (Move.Clamped), except for Exact
// targets, which are kept as given. Shifting a partition that has no commit
// is an error: there is nothing to shift from.
func Plan(positions []PartitionState, t Target) ([]Move, error) {
	if t.Kind == Shift {
		if err := uncommittedToShift(positions); err != nil {
			return nil, err
		}
	}
	moves := make([]Move, 0, len(positions))
	for _, p := range positions {
		m := Move{Topic: p.Topic, Partition: p.Partition, LogStart: p.Start, LogEnd: p.End}
		if p.Current >= 0 {
			cur := p.Current
			m.Current = &cur
		}
		switch t.Kind {
		case ToStart:
			m.Requested = p.Start
		case ToEnd:
			m.Requested = p.End
		case ToOffset:
			m.Requested = t.Offset
		case ToTime, ToResolved, Exact:
			m.Requested = p.Resolved
		case Shift:
			m.Requested = shifted(p.Current, t.Offset)
		default:
			return nil, fmt.Errorf("unknown target kind %d", t.Kind)
		}
		m.New = m.Requested
		if t.Kind != Exact {
			switch {
			case m.New < p.Start:
				m.New, m.Clamped = p.Start, true
			case m.New > p.End:
				m.New, m.Clamped = p.End, true
			}
		}
		m.LagAfter = max(p.End-m.New, 0)
		moves = append(moves, m)
	}
	if t.Kind == ToOffset {
		if err := unixTimeAsOffset(t.Offset, moves); err != nil {
			return nil, err
		}
	}
	return moves, nil
}

// unixTimeAsOffset refuses --to OFFSET past the log end of every partition
// when its digits are a unix time as rpk group seek's --to reads them (ten
// digits are seconds, thirteen milliseconds, nineteen nanoseconds): such a
// seek would move the group past all it has not read, and the error gives
// the @TIME of that time. An offset within some log is taken as one.
func unixTimeAsOffset(offset int64, moves []Move) error {
	if len(moves) == 0 {
		return nil
	}
	for _, m := range moves {
		if m.Requested <= m.LogEnd {
			return nil
		}
	}
	var unit string
	var ms int64
	switch digits := len(strconv.FormatInt(offset, 10)); digits {
	case 10:
		unit, ms = "seconds", offset*1000
	case 13:
		unit, ms = "milliseconds", offset
	case 19:
		unit, ms = "nanoseconds", offset/1e6
	default:
		return nil
	}
	return fmt.Errorf("--to %d is an offset past the log end of every partition, which would skip all the group has not read; as unix %s, as rpk's --to reads it, it is %s; to seek to that time: --to @%d",
		offset, unit, time.UnixMilli(ms).UTC().Format(time.RFC3339), ms)
}

// uncommittedToShift refuses the first topic of positions (in their order)
// that has partitions without a commit, naming them all and, when some of
// its partitions have one (partitions added after the group committed),
// the --topic that shifts only those.
func uncommittedToShift(positions []PartitionState) error {
	var topic string
	var without, with []string
	for _, p := range positions {
		if topic != "" && p.Topic != topic {
			if len(without) > 0 {
				break
			}
			with = with[:0]
		}
		topic = p.Topic
		part := strconv.Itoa(int(p.Partition))
		if p.Current < 0 {
			without = append(without, part)
		} else {
			with = append(with, part)
		}
	}
	if len(without) == 0 {
		return nil
	}
	has := "has"
	if len(without) > 1 {
		has = "have"
	}
	prefix := fmt.Sprintf("%s:%s %s no commit to shift from", topic, strings.Join(without, ","), has)
	if len(with) == 0 {
		return errors.New(prefix + "; use --to instead")
	}
	return fmt.Errorf("%s; --topic %s:%s shifts the partitions that have one, --to moves them all", prefix, topic, strings.Join(with, ","))
}

// shifted adds n to a committed offset (0 or more), saturating instead of
// overflowing; a result below 0 is left for clamping to report.
func shifted(offset, n int64) int64 {
	if n > 0 && offset > math.MaxInt64-n {
		return math.MaxInt64
	}
	return offset + n
}
