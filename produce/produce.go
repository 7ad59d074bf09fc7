// Package produce sends records read from input to a Kafka topic and
// accounts for every one of them. Source turns input into records; Run
// sends them and reports, through a Reporter, what the broker acknowledged,
// what certainly failed and what has an unknown fate.
//
// The files: source.go parses input into records, read.go reads them and
// hands them over in batches, send.go hands them to the client within the
// buffer bounds and times their delivery, settle.go accounts for each
// record's fate, report.go holds what the Reporter is told, topic.go asks
// the cluster about the topic, partitioner.go holds the partitioners of
// --partitioner, errlog.go keeps the client's last error.
package produce

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/format"
)

// Options say how Run sends and what it reports.
type Options struct {
	Topic string
	// Partitions is the topic's partition count at the start, or 0 when
	// unknown; a record for a partition beyond it is refused before
	// sending, unless the topic has grown to hold it since.
	Partitions int32
	// TopicMaxBytes is the topic's max.message.bytes, or 0 when unknown:
	// a record the client refuses as too large is reported against it.
	TopicMaxBytes int32
	// Compacted says that the topic is compacted: a record without a key
	// is refused before sending, as Kafka would refuse its whole batch.
	Compacted bool
	// Count stops reading after this many records; 0 reads all input.
	Count int64
	// Rate bounds records per second; 0 is unbounded.
	Rate float64
	// MaxBuffered bounds the records handed to the client and not yet
	// settled (with -m: not yet printed, in input order); at least 1.
	// MaxBufferedBytes bounds their key, value and header bytes; one
	// record goes through whatever its size. The client's own bounds must
	// be larger, so that handing a record over never waits there.
	MaxBuffered      int
	MaxBufferedBytes int64
	// DeliveryTimeout is how long a record may wait for its
	// acknowledgement from the moment the client has it (time spent in
	// Run before that does not count). Past it the client fails the
	// record when it safely can: when it was never sent, or was answered.
	// A record sent and not answered gets Grace more; then Run stops
	// waiting, and the record's fate is unknown. 0 waits forever.
	DeliveryTimeout time.Duration
	// Grace bounds the wait for what is in flight after DeliveryTimeout,
	// after an interruption, and after a failed write of -m lines.
	Grace time.Duration
	// Transactional sends all records in one transaction, committed at the
	// end and aborted on any failure or interruption.
	Transactional bool
	// Metadata receives one line per acknowledged record, in input order;
	// nil prints none. MetadataFormat, when not nil, replaces the JSON line.
	Metadata       io.Writer
	MetadataFormat format.RecordLayout
	// NoAcks says the broker acknowledges nothing (--acks none): offsets
	// are unknown and printed as -1, as kafka-python reports them.
	NoAcks bool
	// Failed receives each record read and not delivered as a JSON line
	// that `shore produce --json` sends again (format.AppendUndelivered),
	// except records too large to send; nil keeps none. A record counts
	// as kept once its line's Write returns: a buffered writer would take
	// lines it cannot keep.
	Failed io.Writer
	// Report shows progress, undelivered records and the outcome; nil
	// shows nothing.
	Report Reporter
	// Errors is the client's logger, for the broker's last error in a
	// timeout's message; nil gives timeouts without it.
	Errors *ErrorLog
	Now    func() time.Time
}

// Result counts the records of a run. Read = Delivered + Failed + Unknown,
// except in an aborted transaction, where nothing was committed.
type Result struct {
	Read, Delivered, Failed, Unknown, Bytes int64
	// Printed counts the -m lines written.
	Printed            int64
	Committed, Aborted bool
	// CommitRefused says the cluster refused the commit: none of the
	// records is committed. CommitUnknown says the commit had no
	// definite answer: they are committed if it reached Kafka.
	CommitRefused, CommitUnknown bool
	// AbortFailed is the abort of the transaction when the cluster did
	// not confirm it; nil otherwise.
	AbortFailed *AbortError
}

// AbortError is an abort of the transaction that the cluster did not
// confirm, most often because the broker that coordinates it did not
// answer (a frozen or lost broker): none of its records is committed, and
// the transaction stays open until Kafka aborts it itself, when
// transaction.timeout.ms (TxnTimeout) has passed.
type AbortError struct {
	Err        error
	Waited     time.Duration // how long the abort was waited for
	TxnTimeout time.Duration
}

func (e *AbortError) Error() string {
	why := fmt.Sprintf("no answer to the abort within %s", e.Waited)
	if !unanswered(e.Err) {
		why = fmt.Sprintf("the abort failed: %v", e.Err)
	}
	return fmt.Sprintf("transaction not aborted: %s; none committed, and Kafka aborts the open transaction itself after transaction.timeout.ms (%s)", why, e.TxnTimeout)
}

func (e *AbortError) Unwrap() error { return e.Err }

// unanswered reports whether err is a request that had no answer in time:
// the wait's deadline, or the client's for reading the answer.
func unanswered(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// abortEnd ends the message of a run whose transaction was aborted
// (aborted) or whose abort was not confirmed (failed): none of its records
// is committed. It is "" for a run that aborted no transaction.
func abortEnd(aborted bool, failed *AbortError) string {
	switch {
	case failed != nil:
		return "; " + failed.Error()
	case aborted:
		return "; transaction aborted, none committed"
	}
	return ""
}

// FailedError says that some records read were not delivered; each was
// reported.
type FailedError struct {
	Failed, Unknown, Read int64
	// Aborted and AbortFailed say how the run's transaction ended, as
	// Result's do.
	Aborted     bool
	AbortFailed *AbortError
}

func (e *FailedError) Error() string {
	msg := fmt.Sprintf("%d of %s not delivered", e.Failed+e.Unknown, format.Count(e.Read, "record"))
	if e.Unknown > 0 {
		msg += fmt.Sprintf(": %d failed, %d of unknown fate (they may be in the topic)", e.Failed, e.Unknown)
	}
	return msg + abortEnd(e.Aborted, e.AbortFailed)
}

// ParseError is input that does not parse, or cannot be read: what came
// before was delivered (or, in a transaction, committed) and nothing after
// was sent.
type ParseError struct {
	Pos       Origin
	Err       error
	Delivered int64
	// Aborted and AbortFailed say how the run's transaction ended, as
	// Result's do.
	Aborted     bool
	AbortFailed *AbortError
}

func (e *ParseError) Error() string {
	what := fmt.Sprintf("stopped reading there; the %d records before it were delivered", e.Delivered)
	switch e.Delivered {
	case 0:
		what = "stopped reading there; nothing was delivered"
	case 1:
		what = "stopped reading there; the record before it was delivered"
	}
	if e.Aborted || e.AbortFailed != nil {
		what = "stopped reading there" + abortEnd(e.Aborted, e.AbortFailed)
	}
	return fmt.Sprintf("%s: %v; %s", e.Pos, e.Err, what)
}

func (e *ParseError) Unwrap() error { return e.Err }

// OutputError is a failed write of -m lines (a full disk, a closed pipe):
// reading stopped there, and what was read was still delivered, so the
// counts say what a script must not send again.
type OutputError struct {
	Err                      error
	Read, Delivered, Printed int64
}

func (e *OutputError) Error() string {
	return fmt.Sprintf("writing -m lines: %v; stopped reading: %s read, %d delivered, %d of them printed",
		e.Err, format.Count(e.Read, "record"), e.Delivered, e.Printed)
}

func (e *OutputError) Unwrap() error { return e.Err }

// run is the state of one Run, shared by the reading goroutine, the sending
// goroutine, the watchdog and the client's promise callbacks.
type run struct {
	cl  *kgo.Client
	src *Source
	o   Options
	// idempotent says that cl fails a record only when it was never sent
	// or was answered.
	idempotent bool

	// produceMu is held while a batch is sent, so that halt can wait
	// for the one being sent.
	produceMu sync.Mutex
	stopped   atomic.Bool
	stop      chan struct{}

	// Settled items for reuse (free), and those the reading goroutine
	// took from them (newItem). A sync.Pool cost more: its items are put
	// on the promises' core and got on the reader's.
	freeMu sync.Mutex
	freed  []*item
	spares []*item
	// promiseFn is r.promise, bound once: a method value passed to
	// Produce would be allocated again for every record.
	promiseFn func(*kgo.Record, error)
	sent      sync.WaitGroup // records handed over and not yet settled
	budget    budget
	settling  settling
	clocks    clocks
	overdue   chan struct{} // closed when a record waited past DeliveryTimeout and Grace
	// longestWait is the longest a record waited for its answer, as the
	// watchdog saw it.
	longestWait time.Duration
	outFail     chan struct{} // closed when writing -m lines failed

	read      atomic.Int64
	bytes     atomic.Int64
	delivered atomic.Int64
	lastAcked []atomic.Int64 // by partition: the last offset acknowledged, or -1

	mu        sync.Mutex // guards what follows
	failed    int64
	unknown   int64
	unknownIn map[int32]int64
	aborting  bool // a transaction is being aborted: its records fail with it
	gaveUp    bool // Run stopped waiting: what fails now has an unknown fate
	finished  bool // Run returned: a late callback changes nothing
	ring      []*item
	nextSeq   int64  // the next record to print, in input order
	outBuf    []byte // -m lines not yet written
	outLines  int64  // how many lines outBuf holds
	outErr    error
	printed   int64 // -m lines written
	line      []byte
	saved     []byte

	// withdrawing says that Run is about to stop waiting and cancelled
	// the records' contexts: the idempotent producer fails with
	// context.Canceled only those it never wrote to a connection.
	withdrawing bool
}

// Run reads src to its end (or o.Count records) and sends every record to
// o.Topic. It returns nil only when every record read was acknowledged; a
// *FailedError when some were not (each reported); a *ParseError for input
// that does not parse; an *OutputError when -m lines could not be written;
// ctx's error when ctx ended first, after waiting up to o.Grace for what
// was sent and reporting counts (at once, before a transaction began).
func Run(ctx context.Context, cl *kgo.Client, src *Source, o Options) (Result, error) {
	if o.MaxBuffered < 1 {
		o.MaxBuffered = 1
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Report == nil {
		o.Report = noReport{}
	}
	r := &run{
		cl: cl, src: src, o: o,
		stop:      make(chan struct{}),
		overdue:   make(chan struct{}),
		outFail:   make(chan struct{}),
		unknownIn: map[int32]int64{},
		budget:    newBudget(int64(o.MaxBuffered), o.MaxBufferedBytes),
		lastAcked: make([]atomic.Int64, o.Partitions),
	}
	r.settling = newSettling(&r.budget)
	r.promiseFn = r.promise
	r.idempotent = !cl.OptValue(kgo.DisableIdempotentWrite).(bool)
	for i := range r.lastAcked {
		r.lastAcked[i].Store(-1)
	}
	if o.Metadata != nil {
		// Printing in input order keeps up to MaxBuffered records
		// waiting for an earlier one.
		r.ring = make([]*item, o.MaxBuffered)
		r.outBuf = make([]byte, 0, outBufSize)
	}
	if o.Transactional {
		if err := beginTransaction(ctx, cl); err != nil {
			return Result{}, err
		}
	}
	start := o.Now()
	stopProgress := r.startProgress(start)
	stopWatchdog := r.startWatchdog()

	batches := make(chan []*item, 4)
	readDone := make(chan error, 1)
	go func() { readDone <- r.readAll(batches) }()
	sendDone := make(chan struct{})
	go func() {
		r.sendAll(batches)
		close(sendDone)
	}()
	var readErr error
	interrupted, gaveUp := false, false
	// The reading goroutine may be waiting for input that never comes;
	// it sends nothing after halt.
	select {
	case <-sendDone:
		readErr = <-readDone // it closed batches: it is done
	case <-ctx.Done():
		interrupted = true
		r.halt()
	case <-r.overdue:
		gaveUp = true
		r.halt()
	case <-r.outFail:
		r.halt()
	}
	<-sendDone

	failureSoFar := interrupted || readErr != nil || r.undeliveredCount() > 0
	flushCtx, cancelFlush := context.WithCancel(context.Background())
	if o.Transactional && failureSoFar {
		// Nothing of an aborted transaction need reach the broker, and
		// the records it drops are accounted for by the abort.
		r.mu.Lock()
		r.aborting = true
		r.mu.Unlock()
		go func() { _ = cl.AbortBufferedRecords(flushCtx) }()
	} else {
		// Flushing sends what lingers at once.
		go func() { _ = cl.Flush(flushCtx) }()
	}
	if !gaveUp {
		interrupted, gaveUp = r.settle(ctx, interrupted)
	}
	if gaveUp {
		r.giveUp()
	}
	cancelFlush()
	stopWatchdog()
	stopProgress()

	res := r.result()
	var commitErr error
	if o.Transactional {
		commit := !interrupted && !gaveUp && readErr == nil && res.Failed+res.Unknown == 0 && r.outputErr() == nil
		txnTimeout := cl.OptValue(kgo.TransactionTimeout).(time.Duration)
		switch err := r.endTransaction(ctx, commit); {
		case err == nil:
			res.Committed, res.Aborted = commit, !commit
		case commit && refused(err):
			res.CommitRefused = true
			commitErr = r.commitRefused(ctx, err, res.Read, txnTimeout)
		case commit:
			res.CommitUnknown = true
			commitErr = r.commitUnconfirmed(ctx, err, res.Read, txnTimeout)
		default:
			res.AbortFailed = &AbortError{Err: err, Waited: o.Grace, TxnTimeout: txnTimeout}
		}
	}
	o.Report.Done(r.summary(res, o.Now().Sub(start), interrupted))
	switch outErr := r.outputErr(); {
	case commitErr != nil:
		return res, commitErr
	case interrupted:
		return res, ctx.Err()
	case readErr != nil:
		var perr *ParseError
		if errors.As(readErr, &perr) {
			perr.Delivered, perr.Aborted, perr.AbortFailed = res.Delivered, res.Aborted, res.AbortFailed
			return res, perr
		}
		return res, readErr
	case outErr != nil:
		return res, &OutputError{Err: outErr, Read: res.Read, Delivered: res.Delivered, Printed: res.Printed}
	case res.Failed+res.Unknown > 0 || res.Aborted || res.AbortFailed != nil:
		return res, &FailedError{Failed: res.Failed, Unknown: res.Unknown, Read: res.Read, Aborted: res.Aborted, AbortFailed: res.AbortFailed}
	}
	return res, nil
}

// settle waits until every record handed over has its answer. It stops
// waiting, and reports giving up, when a record is overdue, or o.Grace
// after ctx ends (which it reports as interrupted).
func (r *run) settle(ctx context.Context, interrupted bool) (bool, bool) {
	settled := make(chan struct{})
	go func() {
		r.sent.Wait()
		close(settled)
	}()
	done := ctx.Done()
	var grace <-chan time.Time
	if interrupted {
		done, grace = nil, r.stopping()
	}
	for {
		select {
		case <-settled:
			return interrupted, false
		case <-r.overdue:
			return interrupted, true
		case <-grace:
			return interrupted, true
		case <-done:
			r.halt()
			interrupted, done, grace = true, nil, r.stopping()
		}
	}
}

// stopping reports an interruption that waits for records in flight, and
// returns the end of that wait.
func (r *run) stopping() <-chan time.Time {
	r.settling.flush(r)
	r.mu.Lock()
	inFlight := r.read.Load() - r.delivered.Load() - r.failed - r.unknown
	r.mu.Unlock()
	if inFlight > 0 {
		r.o.Report.Stopping(inFlight, r.o.Grace)
	}
	return time.After(r.o.Grace)
}

// withdrawWait is how long giveUp lets the idempotent producer fail the
// records it never sent once their contexts are cancelled. It does so at
// once while it waits for its producer id, the case that matters (a broker
// that never issues one); a record it holds for another reason (its
// partition's leader unknown) may be failed only at its next metadata
// update, later than this, and stays of unknown fate.
const withdrawWait = 500 * time.Millisecond

// giveUp stops waiting for the client. With the idempotent producer, it
// first cancels every record's context, and the records the client then
// fails were never sent (it fails no record it wrote and had no answer
// for): they are reported as failed. The non-idempotent producer may fail
// a record it wrote and was about to send again, so it is not asked.
// Every record the client still holds is then failed at once, as of
// unknown fate, and Run goes on without waiting for more than a moment for
// their callbacks.
func (r *run) giveUp() {
	if r.idempotent {
		r.mu.Lock()
		r.withdrawing = true
		r.mu.Unlock()
		r.clocks.stopAll()
		r.waitSettled(withdrawWait)
	}
	r.mu.Lock()
	r.gaveUp = true
	r.mu.Unlock()
	r.cl.UnsafeAbortBufferedRecords()
	r.waitSettled(time.Second)
	r.mu.Lock()
	r.finished = true
	r.mu.Unlock()
}

// waitSettled waits up to d for every record handed over to settle.
func (r *run) waitSettled(d time.Duration) {
	settled := make(chan struct{})
	go func() {
		r.sent.Wait()
		close(settled)
	}()
	select {
	case <-settled:
	case <-time.After(d):
	}
}

func (r *run) result() Result {
	r.settling.flush(r)
	r.mu.Lock()
	defer r.mu.Unlock()
	res := Result{Read: r.read.Load(), Delivered: r.delivered.Load(), Bytes: r.bytes.Load(), Failed: r.failed, Printed: r.printed}
	// Records whose callback never came (see giveUp) are of unknown fate
	// too.
	res.Unknown = res.Read - res.Delivered - res.Failed
	if r.aborting {
		res.Failed, res.Unknown = res.Read-res.Delivered, 0
	}
	if r.ring != nil {
		r.flushOut()
	}
	return res
}

func (r *run) summary(res Result, elapsed time.Duration, interrupted bool) Summary {
	s := Summary{Result: res, Topic: r.o.Topic, Elapsed: elapsed, Interrupted: interrupted, Trouble: r.o.Errors.Seen(), LongestWait: r.longestWait}
	r.mu.Lock()
	defer r.mu.Unlock()
	// A partition added while the run went on has no acknowledgement
	// kept (lastAcked is sized at the start): its records of unknown fate
	// may be anywhere in it, from offset 0. A record the client never
	// partitioned (-1) is in none.
	for _, p := range slices.Sorted(maps.Keys(r.unknownIn)) {
		if p < 0 {
			continue
		}
		after := int64(-1)
		if int(p) < len(r.lastAcked) {
			after = r.lastAcked[p].Load()
		}
		s.Where = append(s.Where, UnknownIn{Partition: p, Records: r.unknownIn[p], After: after})
	}
	return s
}

func (r *run) outputErr() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.outErr
}

// beginTransaction begins cl's transaction, or returns ctx's error when ctx
// ends first. Beginning waits for the client's producer id, which a broker
// that says nothing holds back for the client's request timeout: a signal
// must not wait for it, and closing the client ends that wait.
func beginTransaction(ctx context.Context, cl *kgo.Client) error {
	began := make(chan error, 1)
	go func() { began <- cl.BeginTransaction() }()
	select {
	case err := <-began:
		if err != nil {
			return fmt.Errorf("begin transaction: %w", err)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (r *run) endTransaction(ctx context.Context, commit bool) error {
	ectx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.o.Grace)
	defer cancel()
	how := kgo.TryAbort
	if commit {
		how = kgo.TryCommit
	}
	return r.cl.EndTransaction(ectx, how)
}

// refused reports whether err is the cluster's definite answer to a
// commit, which then did not happen: an error code that is neither
// retriable nor UNKNOWN_SERVER_ERROR (a broker failure), as franz-go tells
// them apart. Anything else may have come after the commit reached Kafka.
func refused(err error) bool {
	var ke *kerr.Error
	return errors.As(err, &ke) && !ke.Retriable && ke.Code != kerr.UnknownServerError.Code
}

// commitRefused ends a transaction whose commit the cluster refused with
// err, and says what became of its read records: none is committed.
// franz-go's abort after a refusal sends nothing and reports success: it
// marks a producer id it can recover (after TRANSACTION_ABORTABLE, for
// example) to be asked for again, and gives up on one it cannot (a fenced
// or unauthorized producer, as Kafka's clients treat them). Asking for the
// producer id then is what aborts: Kafka aborts the open transaction of a
// producer that asks for a new epoch. A fenced producer's transaction is
// aborted already (its timeout passed, or another producer with the id
// took over); any other stays open until Kafka aborts it.
func (r *run) commitRefused(ctx context.Context, err error, read int64, txnTimeout time.Duration) error {
	aerr := r.abortAfterCommit(ctx)
	end := abortEnd(aerr == nil, nil)
	switch {
	case aerr == nil:
	case errors.Is(err, kerr.ProducerFenced) || errors.Is(err, kerr.InvalidProducerEpoch):
		end = fmt.Sprintf("; none committed: Kafka aborted the transaction, open longer than transaction.timeout.ms (%s) or taken over by another producer with this transactional id", txnTimeout)
	case errors.Is(aerr, err):
		end = fmt.Sprintf("; transaction not aborted: the Kafka client cannot abort after this refusal; none committed, and Kafka aborts the open transaction itself after transaction.timeout.ms (%s)", txnTimeout)
	default:
		end = abortEnd(false, &AbortError{Err: aerr, Waited: r.o.Grace, TxnTimeout: txnTimeout})
	}
	return fmt.Errorf("commit of the transaction of %s refused: %s%s", format.Count(read, "record"), format.Clause(err.Error()), end)
}

// abortAfterCommit aborts the transaction after a failed commit, within
// o.Grace, and returns nil once the cluster confirmed it. franz-go's abort
// after a commit sends no EndTxn: it asks for the producer id again (or,
// after a refusal it cannot recover from, does nothing and reports
// success), so asking for the id is what says whether the abort happened.
func (r *run) abortAfterCommit(ctx context.Context) error {
	ectx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.o.Grace)
	defer cancel()
	err := r.cl.EndTransaction(ectx, kgo.TryAbort)
	if err == nil {
		_, _, err = r.cl.ProducerID(ectx)
	}
	return err
}

// commitUnconfirmed ends a transaction whose commit had no definite answer
// (err: no answer in time, a lost connection, UNKNOWN_SERVER_ERROR): the
// commit may have reached Kafka, so the outcome is unknown, and it says so.
// It then aborts, as franz-go's EndTransaction asks after such a commit:
// asking for a new producer epoch makes Kafka finish a commit that reached
// it and abort the transaction otherwise, so that it is over, committed or
// not, rather than open until transaction.timeout.ms, holding back every
// read_committed consumer of its partitions. A consumer then shows which.
func (r *run) commitUnconfirmed(ctx context.Context, err error, read int64, txnTimeout time.Duration) error {
	look := fmt.Sprintf("shore consume %s --read-committed -e", r.o.Topic)
	end := fmt.Sprintf("its outcome is unknown: shore then ended the transaction, committed if the commit reached Kafka, else aborted; a read_committed consumer shows which: %s", look)
	if aerr := r.abortAfterCommit(ctx); aerr != nil {
		end = fmt.Sprintf("its outcome is unknown: committed if the commit reached Kafka, else Kafka aborts the open transaction itself after transaction.timeout.ms (%s), since ending it failed (%s); a read_committed consumer shows which once it is over: %s", txnTimeout, r.why(aerr), look)
	}
	return fmt.Errorf("commit of the transaction of %s: %s; %s", format.Count(read, "record"), r.why(err), end)
}

// why words the failure of a transaction's request waited for up to
// o.Grace.
func (r *run) why(err error) string {
	if unanswered(err) {
		return fmt.Sprintf("no answer within %s", r.o.Grace)
	}
	return err.Error()
}

// halt stops reading and sending: after it returns, no record is sent.
func (r *run) halt() {
	if r.stopped.Swap(true) {
		return
	}
	close(r.stop)
	r.produceMu.Lock() // wait for the batch being sent, if any
	r.produceMu.Unlock()
}

// startProgress reports progress four times a second; the function it
// returns stops that.
func (r *run) startProgress(start time.Time) (stop func()) {
	done, gone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(gone)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				r.o.Report.Progress(Progress{Read: r.read.Load(), Bytes: r.bytes.Load(), Elapsed: r.o.Now().Sub(start)})
			}
		}
	}()
	return func() {
		close(done)
		<-gone
	}
}
