package cmd

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sync"
	"time"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/produce"
)

// produceReport shows a produce run on stderr: a live progress line on a
// terminal, every record not delivered, and the last lines. With --failed,
// the records saved there are named only up to namedWhenSaved.
type produceReport struct {
	w          io.Writer
	progress   bool // stderr is a terminal: show a live line
	summary    bool // a terminal or -v: end with a summary line
	failedFile string
	// maxMessageBytes is the run's --max-message-bytes: the command that
	// sends failedFile again gives it when the default would refuse some
	// of the records kept there.
	maxMessageBytes int64
	// stopped is the signal that stopped the run, asked once it has.
	stopped func() *signalStop
	// slowAfter, when set, replaces slowDelivery (Factory.slowAfter).
	slowAfter time.Duration

	mu     sync.Mutex
	shown  bool  // the progress line is on screen
	saved  int64 // records saved to failedFile
	hidden int64 // of those, the ones not named
	// saveFailed is whether a record could not be written to
	// failedFile, which was said once.
	saveFailed bool
	// tooLarge counts the records the topic refused as larger than its
	// max.message.bytes takes, and largest is the largest of them.
	tooLarge int64
	largest  *produce.TopicTooLargeError
}

// slowDelivery is a wait for acknowledgements that earns a warning even
// when every record was delivered: a broker failover takes about 10 s, a
// busy cluster seconds at most.
const slowDelivery = 10 * time.Second

// namedWhenSaved is how many of the records saved to --failed are also
// named on stderr.
const namedWhenSaved = 10

// clearLine takes the progress line off the screen; p.mu is held.
func (p *produceReport) clearLine() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

func (p *produceReport) Progress(pr produce.Progress) {
	if !p.progress || pr.Elapsed < time.Second {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r\033[K%s, %s, %s", format.Count(pr.Read, "record"), byteSize(pr.Bytes), rate(pr.Read, pr.Elapsed))
	p.shown = true
}

// Warn writes a warning about the input, a line of its own.
func (p *produceReport) Warn(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLine()
	fmt.Fprintf(p.w, "shore: warning: %s\n", msg)
}

// NoteUTC says, of the first --json timestamp written without a zone, at
// its line, the instant it is read as (see noteUTC), and that the later
// ones are read as UTC too: a line for each would bury the rest of stderr.
func (p *produceReport) NoteUTC(at produce.Origin, t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLine()
	noteUTC(p.w, at.String(), "timestamp", t, "", "; so are the later lines' timestamps without one")
}

func (p *produceReport) Undelivered(u produce.Undelivered) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if u.SaveErr != nil && !p.saveFailed {
		p.saveFailed = true
		p.clearLine()
		err := u.SaveErr
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err // the file is named already
		}
		fmt.Fprintf(p.w, "shore: warning: --failed %s: %v: the records not delivered from here on are named here, not kept in it\n", p.failedFile, err)
	}
	if big := (*produce.TopicTooLargeError)(nil); errors.As(u.Err, &big) {
		p.tooLarge++
		if p.largest == nil || big.Size > p.largest.Size {
			p.largest = big
		}
	}
	if u.Saved {
		p.saved++
		if p.saved > namedWhenSaved {
			p.hidden++
			return
		}
	}
	p.clearLine()
	what := "not delivered"
	if u.Unknown {
		what = "fate unknown"
	}
	fmt.Fprintf(p.w, "shore: %s: %s: %v\n", u.Pos, what, u.Err)
}

func (p *produceReport) Stopping(inFlight int64, grace time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLine()
	fmt.Fprintf(p.w, "shore: stopping: waiting up to %s for %s in flight; %s to quit at once\n", grace, format.Count(inFlight, "record"), p.stopped().again)
}

func (p *produceReport) Done(s produce.Summary) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLine()
	if p.hidden > 0 {
		fmt.Fprintf(p.w, "shore: %s not delivered; %s has all %d\n", format.Count(p.hidden, "more record"), p.failedFile, p.saved)
	}
	for _, u := range s.Where {
		from := fmt.Sprintf("-o %d", u.After+1)
		if u.After < 0 {
			from = fmt.Sprintf("-o -%d", u.Records)
		}
		fmt.Fprintf(p.w, "shore: partition %d may hold %d of the records of unknown fate; look with: shore consume %s -p %d %s -e\n",
			u.Partition, u.Records, s.Topic, u.Partition, from)
	}
	if big := p.largest; big != nil {
		// An aborted transaction committed none of the records: all of
		// them are to be sent again, not only the larger ones.
		then := "to send " + format.Agree(int(p.tooLarge), "it", "them")
		if s.Aborted {
			then = "before sending the whole input again (the transaction was aborted)"
		}
		fmt.Fprintf(p.w, "shore: %s larger than topic %q's max.message.bytes (%d) allows; raise the setting %s: shore topics alter-config %s --set max.message.bytes=%d\n",
			format.Count(p.tooLarge, "record"), big.Topic, big.Max, then, big.Topic, produce.Fits(big.Size))
	}
	if p.saved > 0 {
		fmt.Fprintf(p.w, "shore: send the records not delivered again with: shore produce %s --json %s", s.Topic, shellWord(p.failedFile))
		if p.maxMessageBytes > defaultMaxMessageBytes {
			fmt.Fprintf(p.w, " --max-message-bytes %d", p.maxMessageBytes)
		}
		if s.Unknown > 0 {
			fmt.Fprint(p.w, ` (those with "fate":"unknown" may be in the topic already)`)
		}
		fmt.Fprintln(p.w)
	}
	if (s.Trouble != nil || s.LongestWait >= cmp.Or(p.slowAfter, slowDelivery)) && s.Failed+s.Unknown == 0 && !s.Aborted && s.AbortFailed == nil && !s.CommitRefused && !s.CommitUnknown && s.Read > 0 {
		fmt.Fprintf(p.w, "shore: warning: every record was delivered, but the brokers had trouble: records waited up to %s for an acknowledgement", s.LongestWait.Round(100*time.Millisecond))
		if s.Trouble != nil {
			fmt.Fprintf(p.w, " (last error: %v)", s.Trouble)
		}
		fmt.Fprintln(p.w)
	}
	msg := fmt.Sprintf("%s read, %d delivered", format.Count(s.Read, "record"), s.Delivered)
	switch {
	case s.AbortFailed != nil:
		msg = fmt.Sprintf("%s read, %v", format.Count(s.Read, "record"), s.AbortFailed)
	case s.Aborted:
		msg = fmt.Sprintf("%s read, transaction aborted: none committed", format.Count(s.Read, "record"))
	case s.CommitRefused:
		msg += ", commit refused: none committed"
	case s.CommitUnknown:
		msg += ", commit of unknown outcome"
	case s.Failed+s.Unknown > 0:
		msg += fmt.Sprintf(", %d not delivered", s.Failed+s.Unknown)
		if s.Unknown > 0 {
			msg += fmt.Sprintf(" (%d of unknown fate)", s.Unknown)
		}
	}
	if s.Committed {
		msg += ", transaction committed"
	}
	switch {
	case s.Interrupted:
		fmt.Fprintf(p.w, "shore: stopped by %s: %s\n", p.stopped().by, msg)
	case p.summary:
		fmt.Fprintf(p.w, "shore: %s to %s (%s) in %s, %s\n", msg, s.Topic,
			byteSize(s.Bytes), s.Elapsed.Round(time.Millisecond), rate(s.Read, s.Elapsed))
	}
}

// rate words n records in elapsed as whole records a second: "1 record/s",
// "250 records/s".
func rate(n int64, elapsed time.Duration) string {
	if elapsed <= 0 {
		return "- records/s"
	}
	return format.Count(int64(math.Round(float64(n)/elapsed.Seconds())), "record") + "/s"
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
