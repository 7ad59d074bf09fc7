package cmd

import (
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kafkashore/shore/consume"
	"github.com/kafkashore/shore/format"
)

// consumeReport words what consume tells the user besides the records, as
// warnings on stderr. undecodable, unpackable and unfiltered count the
// records Undecodable, Unpackable and FilterFailed were told of.
type consumeReport struct {
	w                                   io.Writer
	undecodable, unpackable, unfiltered *atomic.Int64
	// filterFlag is --filter or --until, whichever compiled the filter;
	// until is set for --until, which takes a failure as no match.
	filterFlag string
	until      bool
	// belowStart, deleted, pastStop and pastEnd count the partitions
	// BelowStart, Deleted, PastStop and PastEnd were told of.
	belowStart, deleted, pastStop, pastEnd *atomic.Int64
}

func newConsumeReport(w io.Writer) consumeReport {
	return consumeReport{w: w, undecodable: new(atomic.Int64), unpackable: new(atomic.Int64), unfiltered: new(atomic.Int64), belowStart: new(atomic.Int64), deleted: new(atomic.Int64), pastStop: new(atomic.Int64), pastEnd: new(atomic.Int64)}
}

// namedBadRecords is how many records that cannot be decoded (or unpacked)
// are named one by one: a topic of plain text read with --decode would
// otherwise bury the records under a warning each. The count at the end
// covers them all. As many partitions that start outside their log are
// named, of a topic that may have thousands.
const namedBadRecords = 10

func (r consumeReport) BelowStart(tp consume.TopicPartition, offset, logStart int64) {
	if !r.named(r.belowStart, "more partitions have their start offsets no longer in the log: they start at the log start too") {
		return
	}
	fmt.Fprintf(r.w, "shore: warning: %s:%d: offset %d is no longer in the log; starting at the log start %d\n", tp.Topic, tp.Partition, offset, logStart)
}

func (r consumeReport) Deleted(tp consume.TopicPartition, from, to, logStart int64) {
	if !r.named(r.deleted, "more partitions have their whole range no longer in the log: nothing is read from them either") {
		return
	}
	offsets := fmt.Sprintf("offset %d is", from)
	if to-from > 1 {
		offsets = fmt.Sprintf("offsets %d to %d are", from, to-1)
	}
	fmt.Fprintf(r.w, "shore: warning: %s:%d: %s no longer in the log, which starts at %d; nothing read from it\n", tp.Topic, tp.Partition, offsets, logStart)
}

func (r consumeReport) PastStop(tp consume.TopicPartition, start, stop, logEnd int64) {
	if !r.named(r.pastStop, "more partitions start past where they stop: nothing is read from them either") {
		return
	}
	where := fmt.Sprintf("the log end %d", logEnd)
	if stop != logEnd {
		where = fmt.Sprintf("the range's end %d", stop)
	}
	fmt.Fprintf(r.w, "shore: warning: %s:%d: offset %d is past %s; nothing read from it\n", tp.Topic, tp.Partition, start, where)
}

func (r consumeReport) PastEnd(group string, tp consume.TopicPartition, commit, end, logStart int64) {
	if !r.named(r.pastEnd, "more partitions have the group's commits past their log end: they start at the log start too") {
		return
	}
	fmt.Fprintf(r.w, "shore: warning: %s:%d: group %q's committed offset %d is past the log end %d (the log was truncated, or the topic deleted and created again); starting at the log start %d\n", tp.Topic, tp.Partition, group, commit, end, logStart)
}

func (r consumeReport) DataLoss(tp consume.TopicPartition, err error) {
	fmt.Fprintf(r.w, "shore: warning: %s:%d: %v\n", tp.Topic, tp.Partition, err)
}

func (r consumeReport) SessionLost(group string, err error, joined bool) {
	if !joined {
		fmt.Fprintf(r.w, "shore: warning: cannot join group %q yet (%v); trying again until it can (--idle-timeout ends the wait)\n", group, err)
		return
	}
	fmt.Fprintf(r.w, "shore: warning: this member lost its place in group %q (%v); rejoining, and records written since the last commit may be written again\n", group, err)
}

func (r consumeReport) NoPartitions(group string) {
	fmt.Fprintf(r.w, "shore: group %q gave this member no partitions (its other members hold them all); -e waits until it gives some (--idle-timeout ends the wait)\n", group)
}

// Undecodable names a record that could not be decoded. With a filter it
// is not written raw but given raw to the filter, which may not write it.
func (r consumeReport) Undecodable(tp consume.TopicPartition, offset int64, err error) {
	outcome := consume.UndecodedOutcome(r.filterFlag)
	if r.named(r.undecodable, "more records cannot be decoded: they are "+outcome+" too, and counted at the end") {
		fmt.Fprintf(r.w, "shore: warning: %s:%d offset %d: cannot decode %s; %s\n", tp.Topic, tp.Partition, offset, strings.ReplaceAll(err.Error(), "\n", "; "), outcome)
	}
}

func (r consumeReport) Unpackable(tp consume.TopicPartition, offset int64, err error) {
	if r.named(r.unpackable, "more records cannot be unpacked: they are not written either, and counted at the end") {
		fmt.Fprintf(r.w, "shore: warning: %s:%d offset %d: %v; not written\n", tp.Topic, tp.Partition, offset, err)
	}
}

// NullHeaderValue warns, once a run, that the layout hides a null header
// value: its %V would show it, and --json keeps it apart from an empty one.
func (r consumeReport) NullHeaderValue(tp consume.TopicPartition, offset int64, header, directive string) {
	fmt.Fprintf(r.w, "shore: warning: %s:%d offset %d: header %q has a null value: %s writes it (and any later one, not named) as an empty one; a %%V in its braces writes -1 for it, --json null\n", tp.Topic, tp.Partition, offset, header, directive)
}

// FilterFailed names a record the filter failed on, as Unpackable does: jq's
// error holds what the expression chose (error(.value) is the value
// itself), so it is one line with its control characters escaped.
func (r consumeReport) FilterFailed(tp consume.TopicPartition, offset int64, err error) {
	outcome, more := "not written", "they are not written either"
	if r.until {
		outcome, more = "taken as no match", "they are taken as no match too"
	}
	if r.named(r.unfiltered, r.filterFlag+" failed on more records: "+more+", and counted at the end") {
		fmt.Fprintf(r.w, "shore: warning: %s:%d offset %d: %s failed: %s; %s\n", tp.Topic, tp.Partition, offset, r.filterFlag, format.Printable(err.Error()), outcome)
	}
}

// named counts one more bad record (or partition) of a kind and reports
// whether it is among the first namedBadRecords, to be named; after them it
// says once, in a warning, that more follow.
func (r consumeReport) named(count *atomic.Int64, more string) bool {
	n := count.Add(1)
	if n == namedBadRecords+1 {
		fmt.Fprintf(r.w, "shore: warning: %s\n", more)
	}
	return n <= namedBadRecords
}

func (r consumeReport) TopicDeleted(topic string) {
	fmt.Fprintf(r.w, "shore: warning: topic %q was deleted while it was consumed; consuming goes on with the other topics matched\n", topic)
}

func (r consumeReport) RevokeCommitFailed(group string, lost []consume.TopicPartition, err error) {
	names := make([]string, len(lost))
	for i, tp := range lost {
		names[i] = fmt.Sprintf("%s:%d", tp.Topic, tp.Partition)
	}
	fmt.Fprintf(r.w, "shore: warning: commit offsets of group %q before a rebalance: %v; the next owner of %s starts at the group's last commit (without one, where its own -o or the log start puts it), so what was written since is consumed again\n", group, err, strings.Join(names, ", "))
}

func (r consumeReport) CommitsFailing(group string, err error, rebalancing bool) {
	failedFor, through := consume.CommitWarnAfter, ""
	if rebalancing {
		failedFor, through = consume.CommitLoopWarnAfter, " while the group kept rebalancing"
	}
	fmt.Fprintf(r.w, "shore: warning: commits of group %q have failed for %s%s: %v; records written since the last commit would be consumed again by the next owner of their partitions or a restart\n", group, failedFor, through, err)
}

func (r consumeReport) BrokerUnreachable(addr string, err error) {
	fmt.Fprintf(r.w, "shore: warning: cannot reach broker %s (%v); retrying until it answers\n", addr, err)
}

func (r consumeReport) BrokerAnswers(addr string) {
	fmt.Fprintf(r.w, "shore: broker %s answers again\n", addr)
}

func (r consumeReport) FetchUnanswered(addr string, after time.Duration, waiting []consume.TopicPartition) {
	names := make([]string, 0, namedBadRecords)
	for _, tp := range waiting[:min(len(waiting), namedBadRecords)] {
		names = append(names, fmt.Sprintf("%s:%d", tp.Topic, tp.Partition))
	}
	who := strings.Join(names, ", ")
	switch n := len(waiting); {
	case n == 0:
		who = "its partitions wait"
	case n == 1:
		who += " waits"
	case n > namedBadRecords:
		who = fmt.Sprintf("%s and %d more partitions wait", who, n-namedBadRecords)
	default:
		who += " wait"
	}
	fmt.Fprintf(r.w, "shore: warning: broker %s has not answered a fetch for %s (%s for it); waiting until it does (Ctrl-C or --idle-timeout ends the wait)\n", addr, after, who)
}

func (r consumeReport) JoinUnanswered(group, addr string, after time.Duration) {
	fmt.Fprintf(r.w, "shore: warning: group %q has not answered this member's join for %s (its coordinator %s may be waiting for other members of the group: to rejoin, or the leader to assign partitions); waiting until it does (Ctrl-C ends the wait)\n", group, after, addr)
}

func (r consumeReport) JoinAnswered(group string) {
	fmt.Fprintf(r.w, "shore: group %q answered the join\n", group)
}

func (r consumeReport) CommitsSucceedAgain(group string) {
	fmt.Fprintf(r.w, "shore: commits of group %q succeed again\n", group)
}
