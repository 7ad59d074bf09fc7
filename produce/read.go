package produce

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/topics"
)

// item is one record on its way with what the run needs to account for
// it. It travels as the record's Context, so that one promise function
// serves every record and nothing is allocated per record: items are
// reused once accounted for. Its embedded Context is set once, when the
// item is made, and never written again: the client may still read it from
// another goroutine (waiting for a new topic's metadata) after the record
// is done.
type item struct {
	context.Context
	rec kgo.Record
	seq int64
	pos Origin
	err error
	// partition and timestamp are what the input chose (-1, zero: none),
	// for sending the record again as it was.
	partition int32
	timestamp time.Time
	size      int64  // what the record takes of the buffer budget
	clock     *clock // the delivery clock, once handed to the client
}

// newItem returns an item to fill, for the reading goroutine alone: a
// settled one when there is one, taking all of them at once (spares), so
// that the lock is taken once per many records on this side.
func (r *run) newItem() *item {
	if len(r.spares) == 0 {
		r.freeMu.Lock()
		r.spares, r.freed = r.freed, r.spares
		r.freeMu.Unlock()
	}
	if n := len(r.spares); n > 0 {
		it := r.spares[n-1]
		r.spares = r.spares[:n-1]
		return it
	}
	return &item{Context: context.Background()}
}

// free clears an item and keeps it for reuse.
func (r *run) free(it *item) {
	r.reset(it)
	r.freeMu.Lock()
	r.freed = append(r.freed, it)
	r.freeMu.Unlock()
}

// reset clears an item field by field, never writing its Context.
func (r *run) reset(it *item) {
	it.rec, it.seq, it.pos, it.err = kgo.Record{}, 0, Origin{}, nil
	it.partition, it.timestamp, it.size, it.clock = 0, time.Time{}, 0, nil
}

// The reading goroutine hands parsed records over in batches of at most
// batchSize records and, so that large records do not pile up between
// reading and sending, about batchBytes bytes.
const (
	batchSize  = 256
	batchBytes = 1 << 20
)

// readAll reads records until the input ends, o.Count records were read, a
// parse or read error, or halt, and hands them to sendAll in batches. It
// hands over what it has before it might wait for input, so records typed
// at a terminal go out at once.
func (r *run) readAll(batches chan<- []*item) error {
	defer close(batches)
	pending := make([]*item, 0, batchSize)
	pendingBytes := 0
	handOver := func() bool {
		if len(pending) == 0 {
			return true
		}
		pendingBytes = 0
		select {
		case batches <- pending:
			pending = make([]*item, 0, batchSize)
			return true
		case <-r.stop:
			return false
		}
	}
	var paceStart time.Time
	parts := knownPartitions{n: r.o.Partitions}
	for seq := int64(0); r.o.Count == 0 || seq < r.o.Count; seq++ {
		it := r.newItem()
		err := r.src.Next(&it.rec)
		if errors.Is(err, io.EOF) {
			handOver()
			return nil
		}
		// --rate paces the records read, not the reads: the end of the
		// input, or input that does not parse, waits for no one.
		if r.o.Rate > 0 {
			if paceStart.IsZero() {
				paceStart = time.Now()
			} else if wait := time.Until(paceStart.Add(time.Duration(float64(seq) / r.o.Rate * float64(time.Second)))); err == nil && wait > 0 {
				if !handOver() {
					return nil
				}
				select {
				case <-time.After(wait):
				case <-r.stop:
					return nil
				}
			}
		}
		it.seq, it.pos = seq, r.src.Origin()
		it.partition, it.timestamp = it.rec.Partition, it.rec.Timestamp
		if err != nil {
			var refused *RefusedError
			var perr *ParseError
			switch {
			case errors.As(err, &refused):
				it.err = err
			case errors.As(err, &perr):
				if perr.Pos == (Origin{}) {
					perr.Pos = it.pos
				}
				handOver()
				return perr
			default:
				handOver()
				return err
			}
		} else if r.o.Partitions > 0 && it.rec.Partition >= parts.count(r, it.rec.Partition) {
			it.err = &topics.UnknownPartitionError{Topic: r.o.Topic, Partition: it.rec.Partition, Partitions: int(parts.n)}
		} else if r.o.Compacted && it.rec.Key == nil {
			it.err = &KeylessError{Topic: r.o.Topic}
		}
		pending = append(pending, it)
		pendingBytes += len(it.rec.Key) + len(it.rec.Value)
		if len(pending) == batchSize || pendingBytes >= batchBytes || !r.src.ReadAhead() {
			if !handOver() {
				return nil
			}
		}
	}
	handOver()
	return r.src.LeaveRest()
}

// knownPartitions is the topic's partition count as the reading goroutine
// knows it: the count at the start, and a larger one once partitions were
// added while shore runs.
type knownPartitions struct {
	n       int32
	checked time.Time
}

// count returns the topic's partition count for a record that names
// partition p. When p is beyond the count known, it asks the cluster (at
// most once a second, whatever the input holds) whether partitions were
// added since, and when so waits, up to Grace, for the client to learn of
// them, which it otherwise does only every few minutes: the record goes to
// the new partition, as the Java producer sends it, instead of being
// refused with a count that is no longer the topic's.
func (k *knownPartitions) count(r *run, p int32) int32 {
	if p < k.n || time.Since(k.checked) < time.Second {
		return k.n
	}
	defer func() { k.checked = time.Now() }()
	ctx, cancel := context.WithTimeout(context.Background(), r.o.Grace)
	defer cancel()
	spread, err := CheckTopic(ctx, r.cl, r.o.Topic, false)
	n := spread.Partitions
	if err != nil || n <= k.n {
		return k.n
	}
	r.cl.ForceMetadataRefresh()
	for {
		if leader, _, _ := r.cl.PartitionLeader(r.o.Topic, n-1); leader >= 0 {
			k.n = n
			return n
		}
		select {
		case <-ctx.Done():
			return k.n
		case <-r.stop:
			return k.n
		case <-time.After(20 * time.Millisecond):
		}
	}
}
