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
// starts once the client has it. One goroutine takes (sendBatch), a batch
// at a time (taking); any may give back.
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
	return b.allows(b.records.Load(), b.bytes.Load(), size)
}

// allows reports whether a record of size fits beside records and bytes
// held: one always fits when none are held.
func (b *budget) allows(records, bytes, size int64) bool {
	return records == 0 || (records < b.maxRecords && (b.maxBytes <= 0 || bytes+size <= b.maxBytes))
}

// wait waits until a record of size fits, or stop; it reports whether the
// record may go.
func (b *budget) wait(size int64, stop <-chan struct{}) bool {
	for !b.fits(size) {
		b.waiting.Store(true)
		if b.fits(size) { // given back between the check and the flag
			break
		}
		select {
		case <-b.freed:
		case <-stop:
			b.waiting.Store(false)
			return false
		}
	}
	b.waiting.Store(false)
	return true
}

// taking is one batch's take from a budget. It counts against a snapshot
// of the budget's counters and adds to them once (add), instead of an
// atomic add per record on counters the client's promises write: that
// cache line bouncing between the cores cost more than the rest of the
// record's bookkeeping. The snapshot only overstates what is held (records
// are given back meanwhile, never taken), so a record that fits it fits.
type taking struct {
	b                      *budget
	records, bytes         int64 // taken and not yet added
	seenRecords, seenBytes int64 // the counters when last read
}

func (b *budget) taking() taking {
	return taking{b: b, seenRecords: b.records.Load(), seenBytes: b.bytes.Load()}
}

// fits reports whether a record of size fits what the snapshot and this
// batch's takes leave. When it does not, room must be waited for (room).
func (t *taking) fits(size int64) bool {
	return t.b.allows(t.seenRecords+t.records, t.seenBytes+t.bytes, size)
}

// room adds what was taken so far and waits until a record of size fits
// the budget, or stop; it reports whether the record may go.
func (t *taking) room(size int64, stop <-chan struct{}) bool {
	t.add()
	if !t.b.wait(size, stop) {
		return false
	}
	t.seenRecords, t.seenBytes = t.b.records.Load(), t.b.bytes.Load()
	return true
}

// take counts a record of size as taken.
func (t *taking) take(size int64) {
	t.records++
	t.bytes += size
}

// add adds what was taken to the budget's counters.
func (t *taking) add() {
	if t.records != 0 {
		t.b.records.Add(t.records)
		t.b.bytes.Add(t.bytes)
		t.seenRecords += t.records
		t.seenBytes += t.bytes
		t.records, t.bytes = 0, 0
	}
}

func (b *budget) give(size int64) {
	b.giveAll(1, size)
}

// giveAll gives back records that take bytes.
func (b *budget) giveAll(records, bytes int64) {
	b.records.Add(-records)
	b.bytes.Add(-bytes)
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
				r.settling.flush(r)
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
	take := r.budget.taking()
	var c *clock
	// ahead is how many records c.pending counts before they are handed
	// over: it is raised for the rest of the batch at once, before the
	// first of them can be settled, and lowered by what is left unsent.
	var ahead int64
	defer func() {
		take.add()
		if ahead > 0 {
			c.pending.Add(-ahead)
		}
		r.read.Add(n)
		r.bytes.Add(size)
	}()
	r.sent.Add(len(batch))
	var now time.Time
	for i, it := range batch {
		if it.err == nil {
			it.size = int64(len(it.rec.Key) + len(it.rec.Value))
			for _, h := range it.rec.Headers {
				it.size += int64(len(h.Key) + len(h.Value))
			}
		}
		ok := true
		if !take.fits(it.size) {
			if ahead > 0 {
				// No clock counts records while the run waits
				// for room: they get a clock when it ends.
				c.pending.Add(-ahead)
				ahead = 0
			}
			ok = take.room(it.size, r.stop)
		}
		if !ok || r.stopped.Load() {
			r.sent.Add(i - len(batch))
			return false
		}
		take.take(it.size)
		n++
		if it.err != nil {
			r.done(it)
			continue
		}
		if ahead == 0 {
			// One clock reading for the records handed over
			// together (until the run waits for room), rather
			// than the client's one per record.
			now = time.Now()
			c = r.clocks.current(now)
			ahead = int64(len(batch) - i)
			c.pending.Add(ahead)
		}
		if it.rec.Timestamp.IsZero() {
			it.rec.Timestamp = now
		}
		it.clock = c
		ahead--
		it.rec.Context = it
		it.rec.Topic = r.o.Topic
		size += it.size
		r.cl.Produce(c.ctx, &it.rec, r.promiseFn)
	}
	return true
}

// settling gathers the records the client's promises settle on the common
// path (delivered, nothing to print) and adds them to the run's shared
// counters (the budget, the delivery clocks, the free items, r.sent) once
// per many records rather than once a record: the sending goroutine writes
// and reads those too, on the other core, and their cache lines moving
// between the cores for every record cost shore a tenth of its CPU. What it
// holds is added (flush) when that is settleEvery records, a quarter of
// the budget's bytes, or every record the budget still counts (so that
// nothing waits for a record that has settled: neither Run's end nor the
// sending goroutine's wait for room); after any other record settles; and
// on every watchdog tick, so that no count is stale for longer than that.
// The client calls its promises one at a time, so the lock is contended
// only then.
type settling struct {
	mu     sync.Mutex
	n      int64 // records held
	bytes  int64 // their share of the budget's bytes
	clock  *clock
	clockN int64 // how many of them are clock's
	items  []*item
	// every and everyBytes are how many records and bytes it holds at
	// most (everyBytes 0: no bound).
	every, everyBytes int64
}

// settleEvery is how many records settling holds at most; fewer when the
// budget is small (newSettling), so that the sending goroutine, waiting
// for room in a full budget, is given some before every record it counts
// has settled.
const settleEvery = 64

func newSettling(b *budget) settling {
	return settling{every: max(1, min(settleEvery, b.maxRecords/2)), everyBytes: b.maxBytes / 4}
}

// add holds a delivered record that has nothing to report or print.
func (s *settling) add(r *run, it *item) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it.clock != s.clock {
		s.settleClock()
		s.clock = it.clock
	}
	s.clockN++
	s.n++
	s.bytes += it.size
	r.reset(it)
	s.items = append(s.items, it)
	if s.n >= s.every || (s.everyBytes > 0 && s.bytes >= s.everyBytes) || s.n >= r.budget.records.Load() {
		s.flushLocked(r)
	}
}

// flush adds what s holds to the run's counters.
func (s *settling) flush(r *run) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flushLocked(r)
}

func (s *settling) flushLocked(r *run) {
	if s.n == 0 {
		return
	}
	s.settleClock()
	s.clock = nil
	r.delivered.Add(s.n)
	r.freeMu.Lock()
	r.freed = append(r.freed, s.items...)
	r.freeMu.Unlock()
	clear(s.items)
	s.items = s.items[:0]
	r.budget.giveAll(s.n, s.bytes)
	// Last: Run reads the counters once r.sent says every record is
	// settled.
	r.sent.Add(int(-s.n))
	s.n, s.bytes = 0, 0
}

func (s *settling) settleClock() {
	if s.clock != nil && s.clockN > 0 {
		s.clock.pending.Add(-s.clockN)
	}
	s.clockN = 0
}
