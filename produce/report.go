package produce

import (
	"time"
)

// Reporter shows a run to the user: cmd provides it, so that the words, the
// terminal escapes and the choice of what to show live there. Run calls it
// from several goroutines, never two calls at once for Undelivered.
type Reporter interface {
	// Progress is called about four times a second while the run lasts.
	Progress(p Progress)
	// Undelivered is called once for each record read and not delivered,
	// as soon as its fate is known.
	Undelivered(u Undelivered)
	// Stopping is called once when an interruption stops reading while
	// records are still in flight: Run waits up to Grace for them.
	Stopping(inFlight int64, grace time.Duration)
	// Done is called once, at the end of a run that sent records.
	Done(s Summary)
}

// Progress is how far a run has come.
type Progress struct {
	Read, Bytes int64
	Elapsed     time.Duration
}

// Undelivered is a record read and not delivered.
type Undelivered struct {
	Pos Origin
	Err error
	// Unknown says that the record may be in the topic: it was handed to
	// the client, and no answer came before Run stopped waiting, or (with
	// the non-idempotent producer) the client failed it with an error that
	// does not prove that no try of it was written.
	Unknown bool
	// Saved says that Options.Failed has the record; SaveErr is the
	// error writing it there, when that failed.
	Saved   bool
	SaveErr error
}

// Summary is the outcome of a run, for the last lines a user sees.
type Summary struct {
	Result
	Topic       string
	Elapsed     time.Duration
	Interrupted bool
	// Where lists, by partition, where records of unknown fate would
	// be, so that a user can look for them.
	Where []UnknownIn
	// Trouble is the last error the client logged during the run (a
	// broker that went away, a leader that moved), or nil.
	Trouble error
	// LongestWait is about the longest a record waited for its
	// acknowledgement, to a tenth of a second.
	LongestWait time.Duration
}

// UnknownIn is how many records of unknown fate a partition may hold, and
// after which offset: the last one the broker acknowledged in this run, or
// -1 when it acknowledged none there.
type UnknownIn struct {
	Partition int32
	Records   int64
	After     int64
}

// noReport is the Reporter of a run that shows nothing.
type noReport struct{}

func (noReport) Progress(Progress)             {}
func (noReport) Undelivered(Undelivered)       {}
func (noReport) Stopping(int64, time.Duration) {}
func (noReport) Done(Summary)                  {}
