package produce

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/topics"
)

// TimeoutError is a record the client failed when its delivery timeout
// passed, or with an earlier record of its partition whose timeout passed
// (Behind): the client fails every record it holds for a partition at
// once, keeping their order. The idempotent producer fails only records it
// never sent, or whose every try the broker answered with an error, so they
// are certainly not in the topic; any other may have been sent (MaybeSent).
type TimeoutError struct {
	Timeout time.Duration
	// Last is the client's last error about the record's partition, or
	// nil.
	Last error
	// MaybeSent says the producer is not idempotent (--acks leader or
	// none): its client fails a record sent and not yet answered too.
	MaybeSent bool
	// Behind says the record's own timeout had not passed; Partition is
	// its partition.
	Behind    bool
	Partition int32
}

func (e *TimeoutError) Error() string {
	msg := fmt.Sprintf("no acknowledgement within the delivery timeout (%s)", e.Timeout)
	if e.Behind {
		msg = fmt.Sprintf("the Kafka client failed it with an earlier record of partition %d that had %s", e.Partition, msg)
	}
	if e.MaybeSent {
		msg += ", and with --acks leader or none the client may have sent it: it may be in the topic"
	}
	if e.Last != nil {
		msg += fmt.Sprintf("; last error: %v", e.Last)
	}
	return msg
}

func (e *TimeoutError) Unwrap() error { return e.Last }

// UnknownFateError is a record that had no answer when Run stopped waiting:
// it may have been written.
type UnknownFateError struct {
	// Last is the client's last error about the record's partition, or
	// nil.
	Last error
}

func (e *UnknownFateError) Error() string {
	return withLast("no answer from the broker when shore stopped waiting; it may be in the topic", e.Last)
}

func (e *UnknownFateError) Unwrap() error { return e.Last }

// UnsentError is a record that the idempotent producer still held, never
// written to a connection, when Run stopped waiting: most often because the
// broker never gave the client the producer id it needs before it sends
// anything. It is certainly not in the topic.
type UnsentError struct {
	// Last is the client's last error about the record's partition, or
	// nil.
	Last error
}

func (e *UnsentError) Error() string {
	return withLast("never sent: shore stopped waiting before the Kafka client could send it; it is not in the topic", e.Last)
}

func (e *UnsentError) Unwrap() error { return e.Last }

// withLast ends msg with the client's last error, when there is one.
func withLast(msg string, last error) string {
	if last != nil {
		msg += fmt.Sprintf(" (last error: %v)", last)
	}
	return msg
}

// MaybeWrittenError is a record the non-idempotent producer (--acks leader
// or none) failed with Err, which does not prove that no try of it was
// written: the client sends a record again as a new write after a try
// that had no answer, so an earlier try may be in the topic whatever the
// last one got.
type MaybeWrittenError struct {
	Err error
}

func (e *MaybeWrittenError) Error() string {
	return format.Clause(e.Err.Error()) + "; with --acks leader or none a try of it may have been written without its answer arriving: it may be in the topic"
}

func (e *MaybeWrittenError) Unwrap() error { return e.Err }

// TopicTooLargeError is a record the broker refused as larger than the
// topic's max.message.bytes takes in a batch (MESSAGE_TOO_LARGE): Size
// is its key, value and header bytes.
type TopicTooLargeError struct {
	Size  int64
	Topic string
	Max   int32
}

func (e *TopicTooLargeError) Error() string {
	return fmt.Sprintf("record of %s does not fit a batch that topic %q accepts (max.message.bytes %d)", format.Count(e.Size, "byte"), e.Topic, e.Max)
}

// Fits is a max.message.bytes that takes a batch of a record of size
// bytes: the record's, a batch's framing (61 bytes) and the record's own
// (its lengths, timestamp and offset deltas, its headers'), with room to
// spare, rounded up to a KiB.
func Fits(size int64) int64 {
	return (size + 1024 + 1023) / 1024 * 1024
}

// noProducerID reports whether err is the idempotent producer's failure
// to get a producer id, with which it fails the records it holds when
// their contexts were cancelled and its InitProducerID request then failed
// (a frozen broker's timeout), rather than with context.Canceled: it sent
// none of them. franz-go's error type for it is not exported.
func noProducerID(err error) bool {
	return strings.HasPrefix(err.Error(), "unable to initialize a producer ID")
}

// refusedEveryTry reports whether err, the client's failure of a record it
// was handed, proves that the broker wrote no try of it, so that the
// record is certainly not in the topic even when every try was a new write.
// Only refusals that depend on the record, its batch and the topic, never on
// the moment, do: the broker gives every try the same answer.
//   - MESSAGE_TOO_LARGE and RECORD_LIST_TOO_LARGE: the record or its batch
//     is too large (franz-go says MESSAGE_TOO_LARGE itself, unsent, for a
//     record larger than a batch may be); INVALID_RECORD: the broker's
//     validation of it (a compacted topic's record without a key);
//     POLICY_VIOLATION, UNSUPPORTED_COMPRESSION_TYPE,
//     UNSUPPORTED_FOR_MESSAGE_FORMAT, INVALID_REQUIRED_ACKS,
//     INVALID_TOPIC_EXCEPTION: the topic's settings or the request's.
//   - TOPIC_AUTHORIZATION_FAILED, CLUSTER_AUTHORIZATION_FAILED: an earlier
//     try was refused as well, unless the ACLs changed between tries.
//   - INVALID_TIMESTAMP: the broker's window around its clock moves only
//     by the seconds between tries.
//
// Not among them: CORRUPT_MESSAGE (a CRC that a try's bytes failed in
// transit, not an earlier try's), UNKNOWN_SERVER_ERROR (the broker may
// have failed after its write), a retriable error that the client stopped
// retrying (UNKNOWN_TOPIC_OR_PARTITION past its limit: the last try's
// answer, when an earlier one had none), and the client's own
// (ErrRecordRetries, a closed client, a connection).
func refusedEveryTry(err error) bool {
	for _, refusal := range []*kerr.Error{
		kerr.MessageTooLarge, kerr.RecordListTooLarge, kerr.InvalidRecord,
		kerr.PolicyViolation, kerr.UnsupportedCompressionType, kerr.UnsupportedForMessageFormat,
		kerr.InvalidRequiredAcks, kerr.InvalidTopicException,
		kerr.TopicAuthorizationFailed, kerr.ClusterAuthorizationFailed,
		kerr.InvalidTimestamp,
	} {
		if errors.Is(err, refusal) {
			return true
		}
	}
	return false
}

// hintedError is a broker's refusal, as kerr words it but for the closing
// period, followed by what the user can do about it.
type hintedError struct {
	err  error
	hint string
}

func (e *hintedError) Error() string {
	return format.Clause(e.err.Error()) + "; " + e.hint
}

func (e *hintedError) Unwrap() error { return e.err }

// promise is the client's callback for every record.
func (r *run) promise(rec *kgo.Record, err error) {
	it := rec.Context.(*item)
	it.err = err
	r.done(it)
}

// done accounts for one record's fate; with -m it prints every record
// whose turn in input order has come.
func (r *run) done(it *item) {
	if it.err == nil {
		if p := it.rec.Partition; !r.o.NoAcks && p >= 0 && int(p) < len(r.lastAcked) {
			r.lastAcked[p].Store(it.rec.Offset)
		}
		if r.ring == nil {
			// Nothing to report or print: the common case is
			// settled with others (settling).
			r.settling.add(r, it)
			return
		}
	}
	defer r.sent.Done()
	// What the common case holds is added first, so that every record
	// handed over is counted as settled once it is.
	defer r.settling.flush(r)
	if it.clock != nil {
		it.clock.pending.Add(-1)
	}
	if it.err == nil {
		r.delivered.Add(1)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.finished {
		return
	}
	if it.err != nil {
		r.undelivered(it)
	}
	if r.ring == nil {
		r.release(it)
		return
	}
	r.ring[it.seq%int64(len(r.ring))] = it
	for {
		i := r.nextSeq % int64(len(r.ring))
		next := r.ring[i]
		if next == nil {
			break
		}
		if next.err == nil && r.outErr == nil {
			if r.o.NoAcks {
				next.rec.Offset = -1
			}
			if r.o.MetadataFormat != nil {
				r.line = r.o.MetadataFormat.Append(r.line[:0], nil, &next.rec)
			} else {
				input := ""
				if r.src.Several() {
					input = next.pos.Input
				}
				r.line = format.AppendProduceMetadata(r.line[:0], &next.rec, input, next.pos.N)
			}
			r.write(r.line)
		}
		r.ring[i] = nil
		r.nextSeq++
		r.release(next)
	}
	if r.budget.records.Load() == 0 {
		// Caught up: whoever reads stdout sees every acknowledgement now.
		r.flushOut()
	}
}

// outBufSize is how many bytes of -m lines are written at once.
const outBufSize = 64 << 10

// write buffers one -m line; r.mu is held.
func (r *run) write(line []byte) {
	r.outBuf = append(r.outBuf, line...)
	r.outLines++
	if len(r.outBuf) >= outBufSize {
		r.flushOut()
	}
}

// flushOut writes the buffered -m lines and counts those written, whole
// lines only when a write fails part way; r.mu is held.
func (r *run) flushOut() {
	if len(r.outBuf) == 0 || r.outErr != nil {
		return
	}
	n, err := r.o.Metadata.Write(r.outBuf)
	if err != nil {
		r.printed += int64(bytes.Count(r.outBuf[:n], []byte("\n")))
		r.outputFailed(err)
	} else {
		r.printed += r.outLines
	}
	r.outBuf, r.outLines = r.outBuf[:0], 0
}

// outputFailed keeps the first failed write of -m lines and stops reading;
// r.mu is held.
func (r *run) outputFailed(err error) {
	if r.outErr == nil {
		r.outErr = err
		close(r.outFail)
	}
}

// release gives a settled record's share of the budget back and reuses
// its item.
func (r *run) release(it *item) {
	r.budget.give(it.size)
	r.free(it)
}

// undelivered accounts for a record that was not delivered, reports it and
// saves it for sending again; r.mu is held.
func (r *run) undelivered(it *item) {
	if r.aborting {
		return // the transaction's abort accounts for it
	}
	unknown := r.gaveUp
	err := it.err
	switch {
	case unknown:
		err = &UnknownFateError{Last: r.o.Errors.Last(it.rec.Partition)}
	case errors.Is(err, context.Canceled) && it.clock != nil && it.clock.timedOut.Load():
		unknown = !r.idempotent
		err = &TimeoutError{Timeout: r.o.DeliveryTimeout, Last: r.o.Errors.Last(it.rec.Partition), MaybeSent: unknown}
	case r.withdrawing && (errors.Is(err, context.Canceled) || noProducerID(err)):
		err = &UnsentError{Last: r.o.Errors.Last(it.rec.Partition)}
	case errors.Is(err, context.Canceled) && it.clock != nil:
		// Only the delivery clocks are cancelled while records wait:
		// the client failed this one with the first it held for the
		// partition, whose clock ran out.
		unknown = !r.idempotent
		err = &TimeoutError{Timeout: r.o.DeliveryTimeout, Last: r.o.Errors.Last(it.rec.Partition), MaybeSent: unknown, Behind: true, Partition: it.rec.Partition}
	case !r.idempotent && it.clock != nil && !refusedEveryTry(err):
		unknown = true
		err = &MaybeWrittenError{Err: err}
	case errors.Is(err, kerr.TopicAuthorizationFailed):
		err = &topics.NotAuthorizedError{Topics: []string{r.o.Topic}, Operation: topics.Write}
	case errors.Is(err, kerr.ClusterAuthorizationFailed) && r.idempotent:
		// Kafka gives the idempotent producer its id only then, before
		// it looks at the topic: the usual answer to a read-only login.
		err = &topics.ProducerIDRefusedError{Topic: r.o.Topic, Producer: "the idempotent producer, --acks all,"}
	case errors.Is(err, kerr.InvalidTimestamp):
		err = &hintedError{err, "the topic's message.timestamp.before.max.ms and message.timestamp.after.max.ms bound how far from the broker's clock a timestamp may be; Apache Kafka 4 takes at most an hour ahead"}
	case errors.Is(err, kerr.MessageTooLarge) && r.o.TopicMaxBytes > 0:
		err = &TopicTooLargeError{Size: it.size, Topic: r.o.Topic, Max: r.o.TopicMaxBytes}
	}
	if unknown {
		r.unknown++
		r.unknownIn[it.rec.Partition]++
	} else {
		r.failed++
	}
	saved, serr := r.save(it, unknown, err)
	r.o.Report.Undelivered(Undelivered{Pos: it.pos, Err: err, Unknown: unknown, Saved: saved, SaveErr: serr})
}

// save writes the record to o.Failed as it was read, and reports whether
// it did, or the error writing it. A record of unknown fate keeps the
// timestamp it was sent with (the hand-over's, when the input gave none):
// if it is in the topic, the one sent again from o.Failed is the same
// record twice, not one at another time. A record too large to send, whose
// key or value its schema does not take, or without a key for a compacted
// topic, is not kept, since it could not be sent again as it is; r.mu is
// held.
func (r *run) save(it *item, unknown bool, err error) (bool, error) {
	var tooLarge *format.TooLargeError
	var unfit *UnfitError
	var keyless *KeylessError
	if r.o.Failed == nil || errors.As(err, &tooLarge) || errors.As(err, &unfit) || errors.As(err, &keyless) {
		return false, nil
	}
	fate, timestamp := "failed", it.timestamp
	if unknown {
		fate, timestamp = "unknown", it.rec.Timestamp
	}
	r.saved = format.AppendUndelivered(r.saved[:0], &it.rec, format.Resend{
		Partition: it.partition, Timestamp: timestamp,
		Input: it.pos.Input, InputLine: it.pos.N,
		Fate: fate, Error: err.Error(),
	})
	_, werr := r.o.Failed.Write(r.saved)
	return werr == nil, werr
}

func (r *run) undeliveredCount() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed + r.unknown
}
