package produce

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// budget bounds the records, and their bytes, handed to the client and not
// yet settled. Run waits here rather than in the client's Produce, so that
// the wait never counts against a record's delivery timeout: its clock
// starts once the client has it. One goroutine takes (sendBatch); any may
// give back.
type budget struct {
	records, bytes       atomic.Int64
	maxRecords, maxBytes int64
	waiting              atomic.Bool
	freed                chan struct{}
}

func newBudget(maxRecords, maxBytes int64) budget {
	return budget{maxRecords: maxRecords, maxBytes: maxBytes, freed: make(chan struct{}, 1)}
}

func (b *budget) fits(size int64) bool {
	n := b.records.Load()
	return n == 0 || (n < b.maxRecords && (b.maxBytes <= 0 || b.bytes.Load()+size <= b.maxBytes))
}

// take waits until a record of size fits, or stop; it reports whether the
// record may go and whether it had to wait.
func (b *budget) take(size int64, stop <-chan struct{}) (ok, waited bool) {
	for !b.fits(size) {
		waited = true
		b.waiting.Store(true)
		if b.fits(size) { // given back between the check and the flag
			break
		}
		select {
		case <-b.freed:
		case <-stop:
			b.waiting.Store(false)
			return false, waited
		}
	}
	b.waiting.Store(false)
	b.records.Add(1)
	b.bytes.Add(size)
	return true, waited
}

func (b *budget) give(size int64) {
	b.records.Add(-1)
	b.bytes.Add(-size)
	if b.waiting.Load() {
		select {
		case b.freed <- struct{}{}:
		default:
		}
	}
}

// clock times the delivery of the records handed to the client within
// one clockTick. Its context goes with them to Produce: when the delivery
// timeout passes, the watchdog cancels it, and the client fails the records
// it safely can (never sent, or answered). One context per tick, rather
// than a deadline per record, keeps the cost off the hot path.
type clock struct {
	ctx      context.Context
	cancel   context.CancelFunc
	start    time.Time
	pending  atomic.Int64 // records of this clock not yet settled
	timedOut atomic.Bool
}

// clockTick is how finely delivery is timed: a record may fail up to this
// much before its timeout.
const clockTick = 100 * time.Millisecond

// clocks are the delivery clocks with records still pending, oldest first;
// the last one takes new records.
type clocks struct {
	mu    sync.Mutex
	queue []*clock
}

// current returns the clock for records handed over at now.
func (cs *clocks) current(now time.Time) *clock {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if n := len(cs.queue); n > 0 {
		if c := cs.queue[n-1]; now.Sub(c.start) < clockTick && !c.timedOut.Load() {
			return c
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &clock{ctx: ctx, cancel: cancel, start: now}
	cs.queue = append(cs.queue, c)
	return c
}

// check cancels the clocks past timeout, drops the settled ones, and
// reports how long the oldest record still pending has waited, and whether
// that is longer than timeout and grace.
func (cs *clocks) check(now time.Time, timeout, grace time.Duration) (oldest time.Duration, overdue bool) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	keep := cs.queue[:0]
	for i, c := range cs.queue {
		pending := c.pending.Load()
		if pending == 0 && i < len(cs.queue)-1 {
			c.cancel()
			continue
		}
		age := now.Sub(c.start)
		if pending > 0 {
			oldest = max(oldest, age)
		}
		if timeout > 0 {
			if age > timeout && !c.timedOut.Swap(true) {
				c.cancel()
			}
			overdue = overdue || (pending > 0 && age > timeout+grace)
		}
		keep = append(keep, c)
	}
	clear(cs.queue[len(keep):])
	cs.queue = keep
	return oldest, overdue
}

// stopAll releases every clock's context.
func (cs *clocks) stopAll() {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for _, c := range cs.queue {
		c.cancel()
	}
	cs.queue = nil
}

// slowRecord is a wait for an acknowledgement after which the client's
// errors are watched closely (ErrorLog.Closer): on a healthy cluster
// acknowledgements take milliseconds.
const slowRecord = time.Second

// watchdogTick is how often the delivery clocks are checked.
const watchdogTick = 100 * time.Millisecond

// startWatchdog checks the delivery clocks until the function it returns
// is called; it closes r.overdue once a record is overdue, and keeps the
// longest wait it saw in r.longestWait, which is read once it has stopped.
func (r *run) startWatchdog() (stop func()) {
	done, gone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(gone)
		tick := time.NewTicker(watchdogTick)
		defer tick.Stop()
		closed := false
		for {
			select {
			case <-done:
				return
			case now := <-tick.C:
				oldest, overdue := r.clocks.check(now, r.o.DeliveryTimeout, r.o.Grace)
				r.longestWait = max(r.longestWait, oldest)
				if oldest >= slowRecord {
					r.o.Errors.Closer()
				}
				if overdue && !closed {
					closed = true
					close(r.overdue)
				}
			}
		}
	}()
	return func() {
		close(done)
		<-gone
		r.clocks.stopAll()
	}
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
	var c *clock
	var now time.Time
	for i, it := range batch {
		if it.err == nil {
			it.size = int64(len(it.rec.Key) + len(it.rec.Value))
			for _, h := range it.rec.Headers {
				it.size += int64(len(h.Key) + len(h.Value))
			}
		}
		ok, waited := r.budget.take(it.size, r.stop)
		if !ok || r.stopped.Load() {
			if ok {
				r.budget.give(it.size)
			}
			r.sent.Add(i - len(batch))
			return false
		}
		n++
		if it.err != nil {
			r.done(it)
			continue
		}
		if c == nil || waited {
			// One clock reading for the records handed over
			// together, rather than the client's one per record.
			now = time.Now()
			c = r.clocks.current(now)
		}
		if it.rec.Timestamp.IsZero() {
			it.rec.Timestamp = now
		}
		it.clock = c
		c.pending.Add(1)
		it.rec.Context = it
		it.rec.Topic = r.o.Topic
		size += it.size
		r.cl.Produce(c.ctx, &it.rec, r.promiseFn)
	}
	return true
}
