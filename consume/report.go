package consume

import "time"

// Reporter shows the user what happens during a run that the records
// themselves do not: cmd provides it, so that the words live there. Calls
// may come from the group's callbacks as well as from Run.
type Reporter interface {
	// BelowStart is called while planning for an exact start offset that is
	// no longer in the log: the partition starts at the log start instead.
	BelowStart(tp TopicPartition, offset, logStart int64)
	// Deleted is called while planning for a range FROM:TO whose exact
	// FROM and whose TO are at or below the log start: every record it
	// names was deleted, and nothing is read from the partition.
	Deleted(tp TopicPartition, from, to, logStart int64)
	// PastStop is called while planning for a partition whose start is
	// past where -e or a range stops it (stop, logEnd when that is the
	// stop): nothing is read from it.
	PastStop(tp TopicPartition, start, stop, logEnd int64)
	// PastEnd is called when group's commit of a partition is past the
	// partition's end (the log was truncated, or the topic deleted and
	// created again): the partition starts at the log start instead.
	PastEnd(group string, tp TopicPartition, commit, end, logStart int64)
	// DataLoss is called when a partition's log moved past records not yet
	// read (retention, or a truncated log after an unclean leader
	// election): those records are gone, and consuming goes on after them.
	DataLoss(tp TopicPartition, err error)
	// SessionLost is called when this member lost its place in the group
	// (a pause past the session timeout, a moved coordinator, or one that
	// did not answer its heartbeats): it rejoins
	// by itself, and records written since the last commit may be written
	// again. It is called once until the group assigns partitions again,
	// however often joining fails meanwhile (the brokers are gone).
	// joined is false when the group never assigned this member
	// partitions: it had no place to lose, and keeps trying to join.
	SessionLost(group string, err error, joined bool)
	// NoPartitions is called, once, when a rebalance left a member that
	// -e ends holding no partition (the other members hold them all): it
	// waits until a later rebalance gives it some.
	NoPartitions(group string)
	// Undecodable is called for a record that could not be decoded: it is
	// written raw, or with a Filter matched raw (and written only if it
	// matches).
	Undecodable(tp TopicPartition, offset int64, err error)
	// Unpackable is called for a record that the layout's unpack
	// directives cannot read (err is a *format.UnpackError): it is not
	// written, and consuming goes on.
	Unpackable(tp TopicPartition, offset int64, err error)
	// NullHeaderValue is called, once a run, for the first record written
	// with a null header value (the header named header) when the
	// layout's %h{...}, directive, writes header values without their %V:
	// it writes a null one as an empty one, so a copy through the layout
	// sends it empty.
	NullHeaderValue(tp TopicPartition, offset int64, header, directive string)
	// FilterFailed is called for a record on which Filter failed (err,
	// jq's error: .value.x on a string): it is not written, and with
	// Until it is taken as no match.
	FilterFailed(tp TopicPartition, offset int64, err error)
	// TopicDeleted is called when a topic that a regular expression
	// matched was deleted while it was consumed: consuming goes on with
	// the other topics matched.
	TopicDeleted(topic string)
	// RevokeCommitFailed is called when the commit before the partitions
	// lost go to another member failed: that member starts at the
	// group's last commit, or without one where its own start puts it,
	// and writes again what was written since. lost is sorted.
	RevokeCommitFailed(group string, lost []TopicPartition, err error)
	// CommitsFailing is called when the group's commits have failed one
	// after another for CommitWarnAfter, or, rebalancing, through
	// rebalances with no success between for CommitLoopWarnAfter, err
	// being the latest failure: until one succeeds, the records written
	// since the last commit would be consumed again by the next owner of
	// their partitions or a restart. It is called once until a commit
	// succeeds.
	CommitsFailing(group string, err error, rebalancing bool)
	// CommitsSucceedAgain is called when a commit succeeds after
	// CommitsFailing.
	CommitsSucceedAgain(group string)
	// BrokerUnreachable is called when a dial to the broker at addr
	// (host:port), one the cluster names (a seed that does not answer
	// is first contact's to tell of), failed: the client retries for as long as the run
	// lasts, and -e waits for the records it has still to read there. It
	// is called once until a dial to addr succeeds, when BrokerAnswers is.
	BrokerUnreachable(addr string, err error)
	// BrokerAnswers is called when a dial to addr succeeds after
	// BrokerUnreachable, or the broker answers a fetch after
	// FetchUnanswered.
	BrokerAnswers(addr string)
	// FetchUnanswered is called when the broker at addr has left a fetch
	// unanswered for after, the Consumer's bound (see Options.AnswerAfter):
	// it takes requests and does not answer, as a frozen broker does; a
	// fetch that it answers empty after its max wait is no such thing.
	// The client waits, and asks again, for as long as the run lasts.
	// waiting lists, sorted, the partitions still to be read that it
	// leads; nil when the client's metadata could not tell. It is called
	// once until the broker answers, when BrokerAnswers is, and not while
	// BrokerUnreachable holds.
	FetchUnanswered(addr string, after time.Duration, waiting []TopicPartition)
	// JoinUnanswered is called when the group's coordinator at addr has
	// left this member's join (or sync) unanswered for after, as
	// FetchUnanswered: it waits for the other members to rejoin, or does
	// not answer. It is called once until the coordinator answers, when
	// JoinAnswered is.
	JoinUnanswered(group, addr string, after time.Duration)
	// JoinAnswered is called when the coordinator answers a join or
	// sync after JoinUnanswered.
	JoinAnswered(group string)
}
