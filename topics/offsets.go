package topics

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
)

// PartitionOffsets is one row of `shore offsets`.
type PartitionOffsets struct {
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
	// Start is the log start offset, End the high watermark; -1 when the
	// partition's leader did not answer.
	Start int64 `json:"start"`
	End   int64 `json:"end"`
	// At is the first offset whose timestamp is at or after --at (End when
	// no record is that recent); present only with --at.
	At *int64 `json:"at,omitempty"`
}

// Offsets lists the start and end offset of every partition of the named
// topics, sorted by topic and partition, and with at (non-nil) the first
// offset at or after that time. An unknown topic fails the call.
func Offsets(ctx context.Context, adm *kadm.Client, names []string, at *time.Time) ([]PartitionOffsets, error) {
	tds, err := existing(ctx, adm, names)
	if err != nil {
		return nil, err
	}
	names = sortedUnique(names)
	starts, ends, err := bounds(ctx, adm, names)
	if err != nil {
		return nil, err
	}
	var after kadm.ListedOffsets
	if at != nil {
		if after, err = adm.ListOffsetsAfterMilli(ctx, at.UnixMilli(), names...); err != nil {
			return nil, err
		}
	}
	out := []PartitionOffsets{}
	for _, name := range names {
		for _, p := range tds[name].Partitions.Numbers() {
			row := PartitionOffsets{Topic: name, Partition: p, Start: offsetIn(starts, name, p), End: offsetIn(ends, name, p)}
			if at != nil {
				v := offsetIn(after, name, p)
				row.At = &v
			}
			out = append(out, row)
		}
	}
	return out, nil
}

// bounds lists the start and end offsets of every partition of the topics.
func bounds(ctx context.Context, adm *kadm.Client, names []string) (starts, ends kadm.ListedOffsets, err error) {
	if starts, err = adm.ListStartOffsets(ctx, names...); err != nil {
		return nil, nil, err
	}
	if ends, err = adm.ListEndOffsets(ctx, names...); err != nil {
		return nil, nil, err
	}
	return starts, ends, nil
}

// offsetIn is a partition's listed offset, or -1 when its leader did not
// answer.
func offsetIn(l kadm.ListedOffsets, topic string, partition int32) int64 {
	if o, ok := l.Lookup(topic, partition); ok && o.Err == nil {
		return o.Offset
	}
	return -1
}
