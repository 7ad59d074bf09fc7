package consume

import (
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/testbroker"
)

// rawBatch encodes a record batch of offsets first..first+lastDelta holding
// one record at each of the given deltas.
func rawBatch(first int64, lastDelta int32, deltas ...int32) []byte {
	var records []byte
	for _, d := range deltas {
		r := kmsg.Record{OffsetDelta: d, Value: []byte("v")}
		r.Length = int32(len(r.AppendTo(nil)) - 1)
		records = r.AppendTo(records)
	}
	b := kmsg.RecordBatch{
		FirstOffset: first, Magic: 2, LastOffsetDelta: lastDelta,
		ProducerID: -1, ProducerEpoch: -1, FirstSequence: -1,
		NumRecords: int32(len(deltas)), Records: records,
	}
	raw := b.AppendTo(nil)
	b.Length = int32(len(raw) - 12)
	raw = b.AppendTo(nil)
	b.CRC = int32(crc32.Checksum(raw[21:], crc32.MakeTable(crc32.Castagnoli)))
	return b.AppendTo(nil)
}

func TestNothingBefore(t *testing.T) {
	for _, tc := range []struct {
		name          string
		batches       []byte
		next, stop    int64
		nothingBefore bool
	}{
		{"caught up at the stop", nil, 10, 10, true},
		{"caught up below the stop", nil, 8, 10, false},
		{"a compacted empty batch up to the stop", rawBatch(5, 4), 5, 10, true},
		{"a compacted empty batch short of the stop", rawBatch(5, 4), 5, 11, false},
		{"a record before the stop", rawBatch(5, 4, 2), 5, 10, false},
		{"a record already written", rawBatch(5, 4, 0), 6, 10, true},
		{"a record at the stop", rawBatch(5, 4, 4), 5, 9, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rp := &kmsg.FetchResponseTopicPartition{HighWatermark: 20, LastStableOffset: 20, RecordBatches: tc.batches}
			if got := nothingBefore(rp, tc.next, tc.stop, false); got != tc.nothingBefore {
				t.Errorf("%s: nothingBefore = %v; want %v", tc.name, got, tc.nothingBefore)
			}
		})
	}
}

// TestProbe asks a real partition's leader; records that remain before the
// stop keep the partition going.
func TestProbe(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	testbroker.Produce(t, &kgo.Record{Topic: topic, Value: []byte("a")}, &kgo.Record{Topic: topic, Value: []byte("b")}, &kgo.Record{Topic: topic, Value: []byte("c")})
	cl := testbroker.Client(t)
	c := New(&Plan{}, Options{}, io.Discard, nil)
	tp := TopicPartition{topic, 0}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, tc := range []struct {
		next, stop int64
		want       bool
	}{
		{3, 3, true}, {0, 3, false}, {2, 3, false}, {1, 2, false},
	} {
		t.Run(fmt.Sprintf("from %d to %d", tc.next, tc.stop), func(t *testing.T) {
			if got, err := c.probe(ctx, cl, tp, tc.next, tc.stop); got != tc.want || err != nil {
				t.Errorf("probe from %d to %d = %v, %v; want %v", tc.next, tc.stop, got, err, tc.want)
			}
		})
	}
	// A topic deleted while consumed never reaches its stop: an error,
	// where -e used to wait for ever.
	if _, err := testbroker.Admin(t).DeleteTopics(ctx, topic); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("topic %q was deleted while it was consumed, before partition 0 reached offset 3", topic)
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, err := c.probe(ctx, cl, tp, 1, 3)
		if err != nil && err.Error() == want {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("probe of a deleted topic: %v; want %s", err, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
