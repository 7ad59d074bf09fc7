// Package produce sends records read from input to a Kafka topic and
// accounts for every one of them. Source turns input into records; Run
// sends them and reports what the broker acknowledged, in input order.
package produce

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/format"
)

// Options say how Run sends and what it reports.
type Options struct {
	Topic string
	// Partitions is the topic's partition count, or 0 when unknown; a
	// record for a partition beyond it is refused before sending.
	Partitions int32
	// Count stops reading after this many records; 0 reads all input.
	Count int64
	// Rate bounds records per second; 0 is unbounded.
	Rate float64
	// Window bounds the records sent but not yet reported on (-m keeps
	// them in input order); at least 1.
	Window int
	// Transactional sends all records in one transaction, committed at the
	// end and aborted on any failure or interruption.
	Transactional bool
	// Metadata receives one line per acknowledged record, in input order;
	// nil prints none. MetadataFormat, when not nil, replaces the JSON line.
	Metadata       io.Writer
	MetadataFormat *kgo.RecordFormatter
	// NoAcks says the broker acknowledges nothing (--acks none): offsets
	// are unknown and printed as -1, as kafka-python reports them.
	NoAcks bool
	// Diag receives refused records, the interruption counts, progress
	// and the summary: stderr.
	Diag io.Writer
	// Progress shows a live line on Diag once a run lasts a second.
	Progress bool
	// Summary prints a last line with the counts.
	Summary bool
	// FlushTimeout bounds the wait for acknowledgements after an
	// interruption.
	FlushTimeout time.Duration
	Now          func() time.Time
}

// Result counts the records of a run.
type Result struct {
	Read, Delivered, Failed, Bytes int64
	Committed, Aborted             bool
}

// FailedError says that some records read were not delivered; each was
// reported on Diag.
type FailedError struct {
	Failed, Read int64
	Aborted      bool
}

func (e *FailedError) Error() string {
	msg := fmt.Sprintf("%d of %d records not delivered", e.Failed, e.Read)
	if e.Aborted {
		msg += "; transaction aborted, none committed"
	}
	return msg
}

// ParseError is input that does not parse: what came before was delivered
// (or, in a transaction, committed) and nothing after was sent.
type ParseError struct {
	Pos       Position
	Err       error
	Delivered int64
	Aborted   bool
}

func (e *ParseError) Error() string {
	what := fmt.Sprintf("stopped reading there; the %d records before it were delivered", e.Delivered)
	if e.Aborted {
		what = "stopped reading there; transaction aborted, none committed"
	}
	return fmt.Sprintf("%s: %v; %s", e.Pos, e.Err, what)
}

func (e *ParseError) Unwrap() error { return e.Err }

// CheckTopic asks the cluster about topic, until ctx ends, and returns its
// partition count. A topic that does not exist is an error naming it;
// with autoCreate the request asks the broker to create it, and the error
// says when the broker would not.
func CheckTopic(ctx context.Context, cl *kgo.Client, topic string, autoCreate bool) (int32, error) {
	req := kmsg.NewPtrMetadataRequest()
	rt := kmsg.NewMetadataRequestTopic()
	rt.Topic = kmsg.StringPtr(topic)
	req.Topics = append(req.Topics, rt)
	req.AllowAutoTopicCreation = autoCreate
	for {
		resp, err := req.RequestWith(ctx, cl)
		if err != nil {
			if ctx.Err() != nil && autoCreate {
				return 0, fmt.Errorf("unknown topic %q, and the broker did not create it (is auto.create.topics.enable off?)", topic)
			}
			return 0, err
		}
		if len(resp.Topics) != 1 {
			return 0, fmt.Errorf("topic %q: the broker answered about %d topics", topic, len(resp.Topics))
		}
		rt := resp.Topics[0]
		err = kerr.ErrorForCode(rt.ErrorCode)
		switch {
		case err == nil && len(rt.Partitions) > 0:
			return int32(len(rt.Partitions)), nil
		case !autoCreate && errors.Is(err, kerr.UnknownTopicOrPartition):
			return 0, fmt.Errorf("unknown topic %q (create it, or pass --allow-auto-create)", topic)
		case err != nil && !kerr.IsRetriable(err):
			return 0, fmt.Errorf("topic %q: %w", topic, err)
		}
		// Being created, or its leaders being elected: ask again.
		select {
		case <-ctx.Done():
			if autoCreate {
				return 0, fmt.Errorf("unknown topic %q, and the broker did not create it (is auto.create.topics.enable off?)", topic)
			}
			return 0, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// maxReported is how many refused records are reported one by one.
const maxReported = 10

// run is the state of one Run, shared by the reading goroutine and the
// client's promise callbacks.
type run struct {
	cl  *kgo.Client
	src *Source
	o   Options

	// produceMu is held while a batch is sent, so that halt can wait
	// for the one being sent.
	produceMu sync.Mutex
	stopped   atomic.Bool
	stop      chan struct{}

	items     sync.Pool
	sent      sync.WaitGroup
	window    chan struct{} // -m: one token per record sent and not yet printed
	read      atomic.Int64
	bytes     atomic.Int64
	delivered atomic.Int64

	mu       sync.Mutex // guards what follows
	failed   int64
	aborting bool
	ring     []*item // -m: acknowledgements waiting for earlier records
	nextSeq  int64   // the next record to report, in input order
	out      *bufio.Writer
	line     []byte
}

// Run reads src to its end (or o.Count records) and sends every record to
// o.Topic. It returns nil only when every record read was acknowledged; a
// *FailedError when some were refused (each reported on o.Diag); a
// *ParseError for input that does not parse; ctx's error when ctx ended
// first, after delivering (or aborting) what was read and reporting counts.
func Run(ctx context.Context, cl *kgo.Client, src *Source, o Options) (Result, error) {
	if o.Window < 1 {
		o.Window = 1
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	r := &run{cl: cl, src: src, o: o, stop: make(chan struct{})}
	if o.Metadata != nil {
		// The client bounds what it buffers by itself; printing in input
		// order needs its own bound on what waits for an earlier record.
		r.window = make(chan struct{}, o.Window)
		r.ring = make([]*item, o.Window)
		r.out = bufio.NewWriterSize(o.Metadata, 64<<10)
	}
	if o.Transactional {
		if err := cl.BeginTransaction(); err != nil {
			return Result{}, fmt.Errorf("begin transaction: %w", err)
		}
	}
	start := o.Now()
	stopProgress := r.startProgress(start)

	batches := make(chan []*item, 4)
	readDone := make(chan error, 1)
	go func() { readDone <- r.readAll(batches) }()
	sendDone := make(chan struct{})
	go func() {
		r.sendAll(batches)
		close(sendDone)
	}()
	var readErr error
	interrupted := false
	select {
	case <-sendDone:
		readErr = <-readDone // it closed batches: it is done
	case <-ctx.Done():
		// The reading goroutine may be waiting for input that never
		// comes; it sends nothing after halt.
		interrupted = true
		r.halt()
		<-sendDone
	}

	flushCtx := context.Background()
	if interrupted {
		var cancel context.CancelFunc
		flushCtx, cancel = context.WithTimeout(flushCtx, o.FlushTimeout)
		defer cancel()
	}
	failureSoFar := readErr != nil || r.failedCount() > 0
	if o.Transactional && (interrupted || failureSoFar) {
		// Nothing of an aborted transaction need reach the broker, and
		// the records it drops are accounted for by the abort.
		r.mu.Lock()
		r.aborting = true
		r.mu.Unlock()
		_ = cl.AbortBufferedRecords(flushCtx)
	} else if err := cl.Flush(flushCtx); err != nil {
		_ = cl.AbortBufferedRecords(context.Background())
	}
	r.sent.Wait()
	stopProgress()

	res := Result{Read: r.read.Load(), Delivered: r.delivered.Load(), Bytes: r.bytes.Load()}
	res.Failed = res.Read - res.Delivered
	if r.out != nil {
		if err := r.out.Flush(); err != nil {
			return res, err
		}
	}
	if o.Transactional {
		commit := !interrupted && readErr == nil && res.Failed == 0
		if err := r.endTransaction(ctx, commit); err != nil {
			return res, err
		}
		res.Committed, res.Aborted = commit, !commit
	}
	r.reportRest()
	if o.Summary || interrupted {
		r.summary(res, o.Now().Sub(start), interrupted)
	}
	switch {
	case interrupted:
		return res, ctx.Err()
	case readErr != nil:
		var perr *ParseError
		if errors.As(readErr, &perr) {
			perr.Delivered, perr.Aborted = res.Delivered, res.Aborted
			return res, perr
		}
		return res, readErr
	case res.Failed > 0:
		return res, &FailedError{Failed: res.Failed, Read: res.Read, Aborted: res.Aborted}
	}
	return res, nil
}

func (r *run) endTransaction(ctx context.Context, commit bool) error {
	ectx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.o.FlushTimeout)
	defer cancel()
	how := kgo.TryAbort
	if commit {
		how = kgo.TryCommit
	}
	if err := r.cl.EndTransaction(ectx, how); err != nil {
		if commit {
			return fmt.Errorf("commit transaction: %w", err)
		}
		return fmt.Errorf("abort transaction: %w", err)
	}
	return nil
}

// halt stops reading and sending: after it returns, no record is sent.
func (r *run) halt() {
	r.stopped.Store(true)
	close(r.stop)
	r.produceMu.Lock() // wait for the batch being sent, if any
	r.produceMu.Unlock()
}

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
	pos Position
	err error
}

func (r *run) newItem() *item {
	if it, ok := r.items.Get().(*item); ok {
		return it
	}
	return &item{Context: context.Background()}
}

func (r *run) free(it *item) {
	it.rec, it.seq, it.pos, it.err = kgo.Record{}, 0, Position{}, nil
	r.items.Put(it)
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
		// One clock reading for the batch, read in one go, rather than
		// the client's one per record.
		now := time.Now()
		for _, it := range pending {
			if it.rec.Timestamp.IsZero() {
				it.rec.Timestamp = now
			}
		}
		select {
		case batches <- pending:
			pending = make([]*item, 0, batchSize)
			return true
		case <-r.stop:
			return false
		}
	}
	var paceStart time.Time
	for seq := int64(0); r.o.Count == 0 || seq < r.o.Count; seq++ {
		if r.o.Rate > 0 {
			if seq == 0 {
				paceStart = time.Now()
			} else if wait := time.Until(paceStart.Add(time.Duration(float64(seq) / r.o.Rate * float64(time.Second)))); wait > 0 {
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
		it := r.newItem()
		err := r.src.Next(&it.rec)
		if errors.Is(err, io.EOF) {
			handOver()
			return nil
		}
		it.seq, it.pos = seq, r.src.Position()
		if err != nil {
			var refused *RefusedError
			var perr *ParseError
			switch {
			case errors.As(err, &refused):
				it.err = err
			case errors.As(err, &perr):
				perr.Pos = it.pos
				handOver()
				return perr
			default:
				handOver()
				return err
			}
		} else if r.o.Partitions > 0 && it.rec.Partition >= r.o.Partitions {
			it.err = fmt.Errorf("partition %d does not exist: topic %s has %d (0-%d)", it.rec.Partition, r.o.Topic, r.o.Partitions, r.o.Partitions-1)
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
	return nil
}

// sendAll sends the records readAll hands over, in order, until there are
// no more or halt.
func (r *run) sendAll(batches <-chan []*item) {
	for {
		select {
		case batch, ok := <-batches:
			if !ok || !r.sendBatch(batch) {
				return
			}
		case <-r.stop:
			return
		}
	}
}

// sendBatch hands a batch of records to the client, accounting at once for
// those refused before sending (it.err set). It returns false when the run
// was halted first. Counters are updated once per batch: they are shared
// with the client's goroutines, and a write per record costs more than the
// rest of the bookkeeping.
func (r *run) sendBatch(batch []*item) bool {
	r.produceMu.Lock()
	defer r.produceMu.Unlock()
	var n, size int64
	defer func() {
		r.read.Add(n)
		r.bytes.Add(size)
	}()
	r.sent.Add(len(batch))
	for i, it := range batch {
		if r.stopped.Load() {
			r.sent.Add(i - len(batch))
			return false
		}
		if r.window != nil {
			select {
			case r.window <- struct{}{}:
			case <-r.stop:
				r.sent.Add(i - len(batch))
				return false
			}
		}
		n++
		if it.err != nil {
			r.done(it)
			continue
		}
		it.rec.Context = it
		it.rec.Topic = r.o.Topic
		size += int64(len(it.rec.Key) + len(it.rec.Value))
		r.cl.Produce(context.Background(), &it.rec, r.promise)
	}
	return true
}

// promise is the client's callback for every record.
func (r *run) promise(rec *kgo.Record, err error) {
	it := rec.Context.(*item)
	it.err = err
	r.done(it)
}

// done accounts for one record's fate; with -m it prints every record
// whose turn in input order has come.
func (r *run) done(it *item) {
	defer r.sent.Done()
	if it.err == nil {
		r.delivered.Add(1)
		if r.ring == nil {
			// Nothing to report or print: the common case takes no lock.
			r.free(it)
			return
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if it.err != nil && !r.aborting {
		r.failed++
		if r.failed <= maxReported {
			if r.o.Progress {
				fmt.Fprint(r.o.Diag, "\r\033[K") // over the progress line
			}
			fmt.Fprintf(r.o.Diag, "shore: %s: not delivered: %v\n", it.pos, it.err)
		}
	}
	if r.ring == nil {
		r.free(it)
		return
	}
	r.ring[it.seq%int64(len(r.ring))] = it
	for {
		i := r.nextSeq % int64(len(r.ring))
		next := r.ring[i]
		if next == nil {
			break
		}
		if next.err == nil {
			if r.o.NoAcks {
				next.rec.Offset = -1
			}
			if r.o.MetadataFormat != nil {
				r.line = r.o.MetadataFormat.AppendRecord(r.line[:0], &next.rec)
			} else {
				r.line = format.AppendProduceMetadata(r.line[:0], &next.rec, next.pos.N)
			}
			_, _ = r.out.Write(r.line)
		}
		r.ring[i] = nil
		r.free(next)
		r.nextSeq++
		<-r.window
	}
	if len(r.window) == 0 {
		// Caught up: whoever reads stdout sees every acknowledgement now.
		_ = r.out.Flush()
	}
}

func (r *run) failedCount() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

// reportRest counts the refused records not reported one by one.
func (r *run) reportRest() {
	if more := r.failed - maxReported; more > 0 {
		fmt.Fprintf(r.o.Diag, "shore: %d more records not delivered\n", more)
	}
}

func (r *run) summary(res Result, elapsed time.Duration, interrupted bool) {
	msg := fmt.Sprintf("%d records read, %d delivered", res.Read, res.Delivered)
	switch {
	case res.Aborted:
		msg = fmt.Sprintf("%d records read, transaction aborted: none committed", res.Read)
	case res.Failed > 0:
		msg += fmt.Sprintf(", %d not delivered", res.Failed)
	}
	if res.Committed {
		msg += ", transaction committed"
	}
	if interrupted {
		fmt.Fprintf(r.o.Diag, "shore: stopped by interrupt: %s\n", msg)
		return
	}
	fmt.Fprintf(r.o.Diag, "shore: %s to %s (%s) in %s, %s\n", msg, r.o.Topic,
		byteSize(res.Bytes), elapsed.Round(time.Millisecond), rate(res.Read, elapsed))
}

// startProgress shows a live line on a terminal once a run lasts a second;
// the function it returns clears the line and returns once it is gone.
func (r *run) startProgress(start time.Time) (stop func()) {
	if !r.o.Progress {
		return func() {}
	}
	done, gone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(gone)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		shown := false
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(r.o.Diag, "\r\033[K")
				}
				return
			case <-tick.C:
				elapsed := r.o.Now().Sub(start)
				if elapsed < time.Second {
					continue
				}
				shown = true
				n := r.read.Load()
				r.mu.Lock() // not in the middle of a refused record's line
				fmt.Fprintf(r.o.Diag, "\r\033[K%d records, %s, %s", n, byteSize(r.bytes.Load()), rate(n, elapsed))
				r.mu.Unlock()
			}
		}
	}()
	return func() {
		close(done)
		<-gone
	}
}

func rate(n int64, elapsed time.Duration) string {
	if elapsed <= 0 {
		return "- records/s"
	}
	return fmt.Sprintf("%.0f records/s", float64(n)/elapsed.Seconds())
}

func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
