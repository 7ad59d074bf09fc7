package consume

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"
)

// Overdue is the Halter of a record that Filter ran on for Timeout without
// an answer: an expression that never ends on it (def f: f; f), or takes
// longer than shore waits for anything. The run ends there as halt_error
// ends it, in a HaltedError.
type Overdue struct {
	After time.Duration
}

func (e *Overdue) Error() string {
	return fmt.Sprintf("for --timeout %s on this record without an answer (an expression that never ends?); the run stops here", e.After)
}

// Failure reports that an Overdue record ends the run as a failure.
func (e *Overdue) Failure() bool { return true }

// firedMark is filterWatch.seq once the watch took the record in progress
// as overdue.
const firedMark = ^uint64(0)

// filterWatch bounds Filter's run on each record by a limit, with one
// goroutine and one context for the whole run: a timer or a context per
// record would cost the filter's fastest records more than the filter.
// seq counts the starts and ends of Match, odd while it runs on a record;
// the goroutine looks at it every tick, and a record it saw in progress
// for the limit is overdue: it swaps seq for firedMark and cancels ctx,
// which ends gojq's run at its next step. The end of a Match swaps seq
// forward only if the watch did not fire, so that exactly one of the two
// decides each record.
type filterWatch struct {
	ctx    context.Context
	cancel context.CancelFunc
	seq    atomic.Uint64
	stop   chan struct{}
	done   chan struct{}
}

// watchFilter starts the watch of a run whose context is ctx; call close
// when the run ends.
func watchFilter(ctx context.Context, limit time.Duration) *filterWatch {
	w := &filterWatch{stop: make(chan struct{}), done: make(chan struct{})}
	w.ctx, w.cancel = context.WithCancel(ctx)
	// A tenth of the limit: an overdue record is stopped at most 10% late,
	// and a watch of the default 10s looks once a second.
	tick := min(max(limit/10, time.Millisecond), time.Second)
	go w.run(limit, tick)
	return w
}

func (w *filterWatch) run(limit, tick time.Duration) {
	defer close(w.done)
	t := time.NewTicker(tick)
	defer t.Stop()
	var seen uint64
	var since, last time.Time
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			// Not the tick's time, which is when it was due: the first
			// tick after a stop was due before it.
			now := time.Now()
			s := w.seq.Load()
			// A tick a second or more late says that shore itself did
			// not run (stopped with Ctrl-Z, SIGSTOP): the filter did not
			// run either, and its count starts again (as recheckAfter's).
			stopped := !last.IsZero() && now.Sub(last) >= tick+time.Second
			last = now
			if s != seen || stopped {
				seen, since = s, now
				continue
			}
			if s%2 == 1 && now.Sub(since) >= limit && w.seq.CompareAndSwap(s, firedMark) {
				w.cancel()
				return
			}
		}
	}
}

// begin notes that Match starts on a record, and returns what end takes.
func (w *filterWatch) begin() uint64 {
	return w.seq.Add(1)
}

// end notes that Match returned on the record begin returned s for, and
// reports whether it did so in time: false when the watch took it as
// overdue, whatever Match answered.
func (w *filterWatch) end(s uint64) bool {
	return w.seq.CompareAndSwap(s, s+1)
}

// close stops the watch and waits for its goroutine to return.
func (w *filterWatch) close() {
	close(w.stop)
	<-w.done
	w.cancel()
}
