package consume

import (
	"context"
	"fmt"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// PartitionFetch is a fetch of one partition sent straight to its leader,
// bypassing a client's consumer: it sees the partition as the leader has it
// at that moment.
type PartitionFetch struct {
	Topic     string
	TopicID   [16]byte // all 0 from a broker without topic IDs
	Partition int32
	Leader    int32 // the broker it is sent to
	// ReadCommitted fetches only up to the last stable offset, as a
	// consumer reading committed records does.
	ReadCommitted bool
}

// From fetches the partition from offset, once, and returns the leader's
// answer for it. The leader answers at once with what it has, without
// waiting for records to come, and at most fetchMaxPartitionBytes of them
// (a first batch larger than that still comes whole). A request that fails
// or that Kafka answers with an error, for the request or the partition,
// is an error, as is an answer for anything but the one partition; ctx
// bounds the wait.
func (f PartitionFetch) From(ctx context.Context, cl *kgo.Client, offset int64) (*kmsg.FetchResponseTopicPartition, error) {
	req := kmsg.NewPtrFetchRequest()
	req.MaxWaitMillis = 0
	req.MinBytes = 1
	req.MaxBytes = fetchMaxPartitionBytes
	if f.ReadCommitted {
		req.IsolationLevel = 1
	}
	rt := kmsg.NewFetchRequestTopic()
	rt.Topic, rt.TopicID = f.Topic, f.TopicID
	rp := kmsg.NewFetchRequestTopicPartition()
	rp.Partition, rp.FetchOffset, rp.PartitionMaxBytes = f.Partition, offset, fetchMaxPartitionBytes
	rt.Partitions = append(rt.Partitions, rp)
	req.Topics = append(req.Topics, rt)
	resp, err := req.RequestWith(ctx, cl.Broker(int(f.Leader)))
	if err == nil {
		err = kerr.ErrorForCode(resp.ErrorCode)
	}
	if err == nil && (len(resp.Topics) != 1 || len(resp.Topics[0].Partitions) != 1) {
		err = fmt.Errorf("answered for %d topics", len(resp.Topics))
	}
	if err != nil {
		return nil, err
	}
	answer := &resp.Topics[0].Partitions[0]
	if err := kerr.ErrorForCode(answer.ErrorCode); err != nil {
		return nil, err
	}
	return answer, nil
}
