package produce

import (
	"fmt"
	"hash/crc32"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Partitioners are the names --partitioner accepts.
var Partitioners = []string{"murmur2", "crc32", "round-robin", "sticky"}

// NewPartitioner returns the named partitioner. A record whose Partition is
// 0 or more (from -p, a JSON line or a %p layout) goes to that partition;
// the named one chooses for the others (Partition -1).
//
//   - murmur2: a key's partition is (murmur2(key) & 0x7fffffff) % n, as in
//     the Java client and kafka-python; unkeyed records stick to one
//     partition per batch.
//   - crc32: crc32(key) % n (IEEE), as librdkafka's consistent_random and
//     kcat, which send an empty key to a random partition where this sends
//     it to crc32("") % n, one partition, as their consistent does;
//     unkeyed records stick to one partition per batch.
//   - round-robin: each record to the next partition, keys ignored.
//   - sticky: one partition per batch, keys ignored.
func NewPartitioner(name string) (kgo.Partitioner, error) {
	var base kgo.Partitioner
	switch name {
	case "murmur2":
		base = kgo.StickyKeyPartitioner(nil)
	case "crc32":
		base = kgo.StickyKeyPartitioner(func(key []byte, n int) int {
			return int(crc32.ChecksumIEEE(key) % uint32(n))
		})
	case "round-robin":
		base = kgo.RoundRobinPartitioner()
	case "sticky":
		base = kgo.StickyPartitioner()
	default:
		return nil, fmt.Errorf("unknown partitioner %q (want murmur2, crc32, round-robin or sticky)", name)
	}
	return pinning{base}, nil
}

// pinning honours a partition the record already names.
type pinning struct{ base kgo.Partitioner }

// ForTopic pins over the base's partitioner for topic. Only a sticky base
// (one with OnNewBatch) gets OnNewBatch: the client asks a partitioner that
// has it again whenever its pick would open a new batch, which would skip
// every other partition of round-robin's.
func (p pinning) ForTopic(topic string) kgo.TopicPartitioner {
	pt := &pinningTopic{base: p.base.ForTopic(topic)}
	if _, ok := pt.base.(kgo.TopicPartitionerOnNewBatch); ok {
		return pinningStickyTopic{pt}
	}
	return pt
}

// pinningTopic is called under the client's lock of the topic, one record
// at a time. When a sticky partitioner's pick would open a new batch, the
// client calls OnNewBatch and then Partition again for the same record, with
// its Partition field already set to the first pick: retry remembers that the
// second call is for the same record, so its pin status is not mistaken.
type pinningTopic struct {
	base       kgo.TopicPartitioner
	lastPinned bool
	retry      bool
}

// RequiresConsistency is true for a pinned record: it must go to exactly
// its partition, whatever partitions are writable now.
func (p *pinningTopic) RequiresConsistency(r *kgo.Record) bool {
	return r.Partition >= 0 || p.base.RequiresConsistency(r)
}

func (p *pinningTopic) Partition(r *kgo.Record, n int) int {
	if p.retry {
		p.retry = false
	} else {
		p.lastPinned = r.Partition >= 0
	}
	if p.lastPinned {
		return int(r.Partition)
	}
	return p.base.Partition(r, n)
}

// pinningStickyTopic is a pinningTopic over a sticky partitioner.
type pinningStickyTopic struct{ *pinningTopic }

// OnNewBatch lets the sticky partitioner move on to another partition.
func (p pinningStickyTopic) OnNewBatch() {
	p.retry = true
	p.base.(kgo.TopicPartitionerOnNewBatch).OnNewBatch()
}
