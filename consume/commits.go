package consume

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/groups"
	"github.com/kafkashore/shore/topics"
)

// A group member commits what it wrote every second (franz-go's
// autocommit), before partitions go to another member (revoked) and at
// exit (finishGroup). The client says nothing of a periodic commit that
// fails, and a member whose commits keep failing leaves the records it
// wrote since its last commit to be consumed again by the next owner of
// their partitions or a restart, however long it runs. One failure alone
// is normal, though: a commit sent after the group began to rebalance and
// before this member's heartbeat learnt of it (within a heartbeat interval,
// at most 3s) is refused (REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION), and
// the next one, after the rebalance, succeeds; franz-go sends none while
// the member joins. So:
//
//   - A streak is the commits that failed one after another since the last
//     that succeeded or the last rebalance, whichever came later.
//   - Once a streak's failures span CommitWarnAfter, the Reporter hears
//     CommitsFailing, once; the first commit that succeeds after that,
//     CommitsSucceedAgain. A rebalance does not end a streak warned of:
//     only a success does, so that every warning has its line of recovery
//     (unless the run ends first).
//   - A group that rebalances again and again (a member that keeps
//     joining and leaving, ILLEGAL_GENERATION at every turn) starts a
//     streak again each time, and may never let a commit through: failures
//     with no success between that span CommitLoopWarnAfter, rebalances or
//     not, are warned of too.
//   - A refusal of a topic that does not exist is none of this: consume
//     tells of deleted topics itself, and their records are gone.
//   - A refusal for authorization (GROUP_AUTHORIZATION_FAILED,
//     TOPIC_AUTHORIZATION_FAILED) ends the run, as one ends it when the
//     member joins (see groupHook): no retry cures it.
//   - The final commit's failure is an error of its own (finishGroup); its
//     success ends a streak as any other does.

// CommitWarnAfter is how long a group's commits fail one after another,
// with no success and no rebalance between, before consume warns; consume
// --help and the guide say it. It is well beyond a heartbeat interval, so a
// member learns of a rebalance and stops committing for it in time; with
// commits every second it is about ten failures in a row, or two of a
// coordinator that cannot be reached (each waits --timeout, 10s).
const CommitWarnAfter = 10 * time.Second

// CommitLoopWarnAfter is how long a group's commits fail with no success
// between, through rebalances, before consume warns.
const CommitLoopWarnAfter = 3 * CommitWarnAfter

// commitStreak follows the commits that failed one after another.
type commitStreak struct {
	// since is the streak's first failure; zero when there is none.
	since time.Time
	// first is the first failure since the last success, which a
	// rebalance does not forget; zero when there is none.
	first  time.Time
	warned bool
}

// failed notes a commit that failed at now, and reports whether the
// failures just became long enough to warn of, and whether that is through
// rebalances (CommitLoopWarnAfter) rather than one streak
// (CommitWarnAfter).
func (s *commitStreak) failed(now time.Time) (warn, rebalancing bool) {
	if s.since.IsZero() {
		s.since = now
	}
	if s.first.IsZero() {
		s.first = now
	}
	switch {
	case s.warned:
		return false, false
	case now.Sub(s.since) >= CommitWarnAfter:
	case now.Sub(s.first) >= CommitLoopWarnAfter:
		rebalancing = true
	default:
		return false, false
	}
	s.warned = true
	return true, rebalancing
}

// succeeded notes a commit that succeeded, and reports whether it ends
// failures that were warned of.
func (s *commitStreak) succeeded() bool {
	warned := s.warned
	*s = commitStreak{}
	return warned
}

// rebalanced notes the end of a rebalance: failures before it no longer
// count towards a streak, unless one was warned of; they still count
// towards CommitLoopWarnAfter.
func (s *commitStreak) rebalanced() {
	if !s.warned {
		s.since = time.Time{}
	}
}

// commitRefusal is a partition whose offset a commit did not commit, and
// why.
type commitRefusal struct {
	tp  TopicPartition
	err error
}

// commitOutcome returns the partitions that a commit of req did not
// commit, sorted, each with the request's error when it failed as a whole
// or else the broker's refusal (see refusal), and how many partitions req
// asked to commit.
func commitOutcome(req *kmsg.OffsetCommitRequest, resp *kmsg.OffsetCommitResponse, reqErr error) (refused []commitRefusal, asked int) {
	for _, rt := range req.Topics {
		asked += len(rt.Partitions)
		if reqErr != nil {
			for _, rp := range rt.Partitions {
				refused = append(refused, commitRefusal{TopicPartition{rt.Topic, rp.Partition}, reqErr})
			}
		}
	}
	if reqErr == nil && resp != nil {
		for _, rt := range resp.Topics {
			for _, rp := range rt.Partitions {
				if err := kerr.ErrorForCode(rp.ErrorCode); err != nil {
					refused = append(refused, commitRefusal{TopicPartition{rt.Topic, rp.Partition}, refusal{err}})
				}
			}
		}
	}
	slices.SortFunc(refused, func(a, b commitRefusal) int { return a.tp.compare(b.tp) })
	return refused, asked
}

// refusal is an error code a broker answered with, worded as kerr words it
// but for the closing period: a message goes on after it.
type refusal struct{ err error }

func (r refusal) Error() string { return format.Clause(r.err.Error()) }
func (r refusal) Unwrap() error { return r.err }

// notAuthorized reports whether err refuses a commit for authorization.
func notAuthorized(err error) bool {
	return errors.Is(err, kerr.GroupAuthorizationFailed) || errors.Is(err, kerr.TopicAuthorizationFailed)
}

// autoCommitted is the group's AutoCommitCallback: it tells the streak of
// failed commits what one periodic commit did, and with -v logs its
// failures as franz-go's own callback would. A commit cancelled because
// the member leaves the group is neither a success nor a failure: the
// final commit follows.
func (c *Consumer) autoCommitted(cl *kgo.Client, req *kmsg.OffsetCommitRequest, resp *kmsg.OffsetCommitResponse, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	refused, asked := commitOutcome(req, resp, err)
	if l, ok := cl.OptValue(kgo.WithLogger).(kgo.Logger); ok && l.Level() >= kgo.LogLevelError {
		for _, r := range refused {
			l.Log(kgo.LogLevelError, "periodic commit failed", "group", c.o.Group, "topic", r.tp.Topic, "partition", r.tp.Partition, "err", r.err)
		}
	}
	c.mu.Lock()
	closing := c.closing
	c.mu.Unlock()
	if !closing {
		c.noteCommit(refused, asked)
	}
}

// noteCommit tells the streak of failed commits what one commit did (see
// above), and the Reporter when the streak calls for a line; a refusal for
// authorization ends the run instead.
func (c *Consumer) noteCommit(refused []commitRefusal, asked int) {
	if asked == 0 {
		return
	}
	var failure error
	gone := 0
	for _, r := range refused {
		switch {
		case unknownTopic(r.err):
			gone++
		case notAuthorized(r.err):
			c.endGroup(c.refusedCommit(r), true)
			return
		case failure == nil:
			failure = r.err
		}
	}
	if failure == nil && gone == asked {
		return
	}
	// commitMu keeps the lines in the order of the commits they tell of.
	c.commitMu.Lock()
	defer c.commitMu.Unlock()
	if failure == nil {
		if c.commits.succeeded() {
			c.report.CommitsSucceedAgain(c.o.Group)
		}
		return
	}
	if warn, rebalancing := c.commits.failed(time.Now()); warn {
		c.report.CommitsFailing(c.o.Group, failure, rebalancing)
	}
}

// commitError is a commit's failure that ends the run.
func (c *Consumer) commitError(err error) error {
	return fmt.Errorf("commit offsets of group %q: %w; records written since the last commit will be consumed again", c.o.Group, err)
}

// refusedCommit is the error that ends the run when a commit of r's
// partition is refused for authorization, naming the group or the topic
// and the operation the login lacks, as groups commit does.
func (c *Consumer) refusedCommit(r commitRefusal) error {
	if errors.Is(r.err, kerr.GroupAuthorizationFailed) {
		return fmt.Errorf("%w; records written since the last commit will be consumed again", &groups.NotAuthorizedError{Groups: []string{c.o.Group}, Operation: topics.Read})
	}
	return c.commitError(&topics.NotAuthorizedError{Topics: []string{r.tp.Topic}, Operation: topics.Read})
}

// endGroup ends the run with err, unless an earlier error ended it already;
// commitRefused says that the group refuses this member's commits, so that
// finishGroup does not try the final one.
func (c *Consumer) endGroup(err error, commitRefused bool) {
	c.mu.Lock()
	if c.groupErr == nil {
		c.groupErr = err
		c.commitRefused = commitRefused
	}
	wake := c.wake
	c.mu.Unlock()
	if wake != nil {
		wake()
	}
}
