package consume

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/testbroker"
)

// TestPartitionFetch fetches a real partition from its leader: the answer
// holds the records from the offset on, none at the end, and a partition
// the topic does not have is Kafka's error.
func TestPartitionFetch(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	testbroker.Produce(t, &kgo.Record{Topic: topic, Value: []byte("a")}, &kgo.Record{Topic: topic, Value: []byte("b")}, &kgo.Record{Topic: topic, Value: []byte("c")})
	cl := testbroker.Client(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	md, err := kadm.NewClient(cl).Metadata(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	td := md.Topics[topic]
	f := PartitionFetch{Topic: topic, TopicID: td.ID, Partition: 0, Leader: td.Partitions[0].Leader}
	for _, tc := range []struct {
		from int64
		want []int64
	}{
		{0, []int64{0, 1, 2}}, {1, []int64{1, 2}}, {3, nil},
	} {
		rp, err := f.From(ctx, cl, tc.from)
		if err != nil {
			t.Fatalf("from %d: %v", tc.from, err)
		}
		fp, _ := kgo.ProcessFetchPartition(kgo.ProcessFetchPartitionOpts{Offset: tc.from, Partition: 0}, rp, kgo.DefaultDecompressor(), nil)
		var got []int64
		for _, r := range fp.Records {
			got = append(got, r.Offset)
		}
		if fp.Err != nil || !slices.Equal(got, tc.want) || rp.HighWatermark != 3 {
			t.Errorf("from %d: offsets %v, high watermark %d, %v; want %v, 3", tc.from, got, rp.HighWatermark, fp.Err, tc.want)
		}
	}

	f.Partition = 1
	var kafkaErr *kerr.Error
	if _, err := f.From(ctx, cl, 0); !errors.As(err, &kafkaErr) {
		t.Errorf("a partition the topic does not have: %v; want Kafka's error", err)
	}
}
