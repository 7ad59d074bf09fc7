package consume

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// probeAfter is how long a partition that has a stop may go without records
// before the consumer asks its leader directly whether anything remains.
// The client skips offsets that hold no record (a compacted batch kept only
// for its offsets) without telling: without the probe, a partition whose
// last offsets are such a gap would never look finished.
const probeAfter = 2 * time.Second

// probe fetches partition tp from offset next once, bypassing the client's
// consumer, and reports whether nothing the consumer would write remains
// before stop. A topic that was deleted is a *DeletedError: its stop will
// never come. Any other failure reports false: the consumer keeps waiting.
func (c *Consumer) probe(ctx context.Context, cl *kgo.Client, tp TopicPartition, next, stop int64) (bool, error) {
	md, err := kadm.NewClient(cl).Metadata(ctx, tp.Topic)
	if err != nil {
		return false, nil
	}
	td, ok := md.Topics[tp.Topic]
	if !ok || td.Err != nil || td.ID != c.plan.IDs[tp.Topic] {
		if c.deleted(ctx, cl, tp.Topic) {
			return false, &DeletedError{Topic: tp.Topic, Partition: tp.Partition, Stop: stop}
		}
		if !ok || td.Err != nil {
			return false, nil
		}
	}
	pd, ok := td.Partitions[tp.Partition]
	if !ok || pd.Err != nil || pd.Leader < 0 {
		return false, nil
	}
	f := PartitionFetch{Topic: tp.Topic, TopicID: td.ID, Partition: tp.Partition, Leader: pd.Leader, ReadCommitted: c.o.ReadCommitted}
	rp, err := f.From(ctx, cl, next)
	if err != nil {
		return false, nil
	}
	return nothingBefore(rp, next, stop, c.o.ReadCommitted), nil
}

// nothingBefore reports whether a fetched partition, read from offset next,
// shows that no record to write remains before stop: what is left are
// control records, aborted records (reading committed) and offsets that hold
// no record.
func nothingBefore(rp *kmsg.FetchResponseTopicPartition, next, stop int64, readCommitted bool) bool {
	isolation := kgo.ReadUncommitted()
	if readCommitted {
		isolation = kgo.ReadCommitted()
	}
	fp, after := kgo.ProcessFetchPartition(kgo.ProcessFetchPartitionOpts{
		Offset:         next,
		IsolationLevel: isolation,
		Partition:      rp.Partition,
	}, rp, kgo.DefaultDecompressor(), nil)
	if fp.Err != nil {
		return false
	}
	for _, r := range fp.Records {
		if r.Offset < stop {
			return false
		}
	}
	return after >= stop
}
