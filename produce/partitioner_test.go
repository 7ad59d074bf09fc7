package produce

import (
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"
)

// TestPinningRetry plays the client's part: Partition, then, when the pick
// would open a new batch, OnNewBatch and Partition again for the same
// record, whose Partition field now holds the first pick.
func TestPinningRetry(t *testing.T) {
	p, err := NewPartitioner("sticky")
	if err != nil {
		t.Fatal(err)
	}
	tp := p.ForTopic("t")
	nb := tp.(kgo.TopicPartitionerOnNewBatch)

	unkeyed := &kgo.Record{Partition: -1}
	if tp.RequiresConsistency(unkeyed) {
		t.Fatal("an unpinned, unkeyed record requires consistency")
	}
	first := tp.Partition(unkeyed, 6)
	unkeyed.Partition = int32(first)
	nb.OnNewBatch()
	if second := tp.Partition(unkeyed, 6); second == first {
		t.Fatalf("after a new batch the sticky partitioner stayed on %d: the record's own field was taken for a pin", first)
	}

	pinned := &kgo.Record{Partition: 4}
	if !tp.RequiresConsistency(pinned) {
		t.Fatal("a pinned record does not require consistency")
	}
	if got := tp.Partition(pinned, 6); got != 4 {
		t.Fatalf("pinned record to %d, want 4", got)
	}
	nb.OnNewBatch()
	if got := tp.Partition(pinned, 6); got != 4 {
		t.Fatalf("pinned record after a new batch to %d, want 4", got)
	}
}

func TestPartitionerKeys(t *testing.T) {
	for _, tc := range []struct {
		name string
		key  string
		want int
	}{
		// Python: (kafka.partitioner.default.murmur2(b"key-0") & 0x7fffffff) % 6
		// and zlib.crc32(b"key-0") % 6.
		{"murmur2", "key-0", 1},
		{"crc32", "key-0", 0},
		// An empty key is a key: crc32("") is 0, one partition for all
		// (librdkafka's consistent_random would pick one at random).
		{"crc32", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewPartitioner(tc.name)
			if err != nil {
				t.Fatal(err)
			}
			tp := p.ForTopic("t")
			r := &kgo.Record{Key: []byte(tc.key), Partition: -1}
			if !tp.RequiresConsistency(r) {
				t.Errorf("%s: a keyed record does not require consistency", tc.name)
			}
			if got := tp.Partition(r, 6); got != tc.want {
				t.Errorf("%s: %q to partition %d, want %d", tc.name, tc.key, got, tc.want)
			}
		})
	}
	if _, err := NewPartitioner("fnv"); err == nil || err.Error() != `unknown partitioner "fnv" (want murmur2, crc32, round-robin or sticky)` {
		t.Errorf("unknown partitioner: %v", err)
	}
}
