package topics

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafkashore/shore/internal/partial"
)

// PartitionOffsets is one row of `shore offsets`.
type PartitionOffsets struct {
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
	// LogStart is the log start offset, LogEnd the high watermark; unknown
	// when the partition's leader did not answer.
	LogStart Offset `json:"log_start"`
	LogEnd   Offset `json:"log_end"`
	// At is the first offset whose timestamp is at or after --at (LogEnd when
	// no record is that recent); present only with --at, unknown as the
	// others are.
	At *Offset `json:"at,omitempty"`
}

// Offset is a partition's offset as a listing gives it, -1 when its leader
// did not answer (Known is false). JSON writes that as null, as groups
// describe writes an offset or a lag it does not know: a script reading -1
// would take it for a position, and a difference of two for a size.
type Offset int64

// Known reports whether the partition's leader gave the offset.
func (o Offset) Known() bool { return o >= 0 }

// MarshalJSON writes the offset, or null when it is unknown.
func (o Offset) MarshalJSON() ([]byte, error) {
	if !o.Known() {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(o), 10), nil
}

// Offsets lists the start and end offset of every partition of the named
// topics that exist, sorted by topic and partition, and with at (non-nil)
// the first offset at or after that time. failed holds, sorted by name,
// one error for each named topic left out, as Describe's. Brokers that do
// not answer leave their partitions' offsets unknown, returned with a
// *partial.Error.
func Offsets(ctx context.Context, adm *kadm.Client, names []string, at *time.Time) (rows []PartitionOffsets, failed []error, err error) {
	tds, failed, err := lookUp(ctx, adm, names)
	if err != nil {
		return nil, nil, err
	}
	dropFailed(tds)
	rows, err = offsetsOf(ctx, adm, tds, at)
	return rows, failed, err
}

// OffsetsMatching is Offsets of the non-internal topics that rs match, as
// DescribeMatching selects them; none matching is an empty list.
func OffsetsMatching(ctx context.Context, adm *kadm.Client, rs Regexes, at *time.Time) ([]PartitionOffsets, error) {
	tds, err := adm.ListTopics(ctx)
	if err != nil {
		return nil, err
	}
	rs.Keep(tds)
	return offsetsOf(ctx, adm, tds, at)
}

// offsetsOf lists the offsets of every partition of the topics tds holds,
// as Offsets does; err is a *partial.Error that comes with the rows, or a
// failure of the whole listing.
func offsetsOf(ctx context.Context, adm *kadm.Client, tds kadm.TopicDetails, at *time.Time) ([]PartitionOffsets, error) {
	names := tds.Names()
	rows := []PartitionOffsets{}
	if len(names) == 0 {
		// Listing offsets of no topic would list every topic's.
		return rows, nil
	}
	starts, ends, missing, err := bounds(ctx, adm, names)
	if err != nil {
		return nil, err
	}
	var after kadm.ListedOffsets
	if at != nil {
		// Unreachable brokers are already named: their part is unknown.
		var se *kadm.ShardErrors
		if after, err = OffsetsAfter(ctx, adm, at.UnixMilli(), names, ListedEnds(ends)); err != nil && (missing == nil || !errors.As(err, &se)) {
			return nil, err
		}
	}
	for _, name := range names {
		for _, p := range tds[name].Partitions.Numbers() {
			row := PartitionOffsets{Topic: name, Partition: p, LogStart: offsetIn(starts, name, p), LogEnd: offsetIn(ends, name, p)}
			if at != nil {
				v := offsetIn(after, name, p)
				row.At = &v
			}
			rows = append(rows, row)
		}
	}
	return rows, missing
}

// bounds lists the start and end offsets of every partition of the topics.
// Brokers that do not answer (dead, frozen or cut off) leave their
// partitions out of the lists, named in missing, a *partial.Error that
// comes with the lists; err is a failure of the whole listing.
func bounds(ctx context.Context, adm *kadm.Client, names []string) (starts, ends kadm.ListedOffsets, missing, err error) {
	starts, serr := adm.ListStartOffsets(ctx, names...)
	ends, eerr := adm.ListEndOffsets(ctx, names...)
	unreachable := partial.Unknown("the offsets of the partitions led there")
	for _, err := range []error{serr, eerr} {
		var se *kadm.ShardErrors
		var refused *kerr.Error
		if !errors.As(err, &se) || errors.As(err, &refused) {
			// No error, or one that asking again elsewhere would not
			// change (not authorized): not a matter of reach.
			if err != nil {
				return nil, nil, nil, err
			}
			continue
		}
		for _, e := range se.Errs {
			unreachable.Add(e.Broker, e.Err)
		}
	}
	return starts, ends, unreachable.Err(), nil
}

// offsetIn is a partition's listed offset, unknown when its leader did not
// answer.
func offsetIn(l kadm.ListedOffsets, topic string, partition int32) Offset {
	if o, ok := l.Lookup(topic, partition); ok && o.Err == nil {
		return Offset(o.Offset)
	}
	return -1
}

// OffsetsAfter lists the first offset at or after millis in every partition
// of names, as kadm's ListOffsetsAfterMilli does, with one difference: a
// partition that has no record at or after the time gets the end offset
// endBefore gives, one listed before this call, where it knows one. kadm
// lists the end a second time for such a partition, and a record sent
// between the two answers would be passed over by a reader or a group that
// starts there; the earlier end holds only records older than the time.
// Errors are kadm's.
func OffsetsAfter(ctx context.Context, adm *kadm.Client, millis int64, names []string, endBefore func(topic string, partition int32) (int64, bool)) (kadm.ListedOffsets, error) {
	listed, err := adm.ListOffsetsAfterMilli(ctx, millis, names...)
	for _, ps := range listed {
		for p, l := range ps {
			// A timestamp of -1 marks kadm's second listing: the
			// first answers with the record's own timestamp.
			if end, ok := endBefore(l.Topic, p); ok && l.Err == nil && l.Timestamp < 0 {
				l.Offset = min(l.Offset, end)
				ps[p] = l
			}
		}
	}
	return listed, err
}

// ListedEnds looks partitions' offsets up in ends, an end offset listing, for
// OffsetsAfter; a partition whose listing failed has none.
func ListedEnds(ends kadm.ListedOffsets) func(topic string, partition int32) (int64, bool) {
	return func(topic string, partition int32) (int64, bool) {
		l, ok := ends.Lookup(topic, partition)
		return l.Offset, ok && l.Err == nil
	}
}
