package consume

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/topics"
)

// A group member prints only what it can commit. franz-go commits nothing
// while the group joins and syncs, and a join can last until the session
// timeout of a member that died: whatever a member printed meanwhile would
// be printed again by the next owner of its partitions if it died too. So
// output is held from the start of a rebalance (the revoke at the end of a
// session) until the group assigns partitions again, and each revoke first
// commits everything written, and where the member stood in each partition
// it gives up and wrote nothing of.

// revoked is the group's OnPartitionsRevoked: at the end of every session
// and before partitions go to another member.
func (c *Consumer) revoked(ctx context.Context, cl *kgo.Client, revoked map[string][]int32) {
	c.hold()
	c.outMu.Lock()
	c.mu.Lock()
	closing := c.closing
	c.mu.Unlock()
	if !closing && !c.o.NoCommit {
		commitCtx, cancel := context.WithTimeout(ctx, c.o.Timeout)
		// A revoked partition the member wrote nothing of is committed
		// where it stood, as the Java consumer commits the position of
		// what it gives up, so that its next owner goes on from there.
		// franz-go revokes outside a join, so unlike the final commit's
		// this commit is not held while the group rebalances.
		offsets := c.withPositions(cl, func(tp TopicPartition) bool { return slices.Contains(revoked[tp.Topic], tp.Partition) })
		refused, asked := c.commit(commitCtx, cl, offsets)
		cancel()
		// A partition the member keeps (cooperative balancers revoke
		// nothing at the end of most sessions) is committed again a
		// second later; only a revoked one is read again, by its next
		// owner.
		var lost []TopicPartition
		var lostErr error
		for _, r := range refused {
			if slices.Contains(revoked[r.tp.Topic], r.tp.Partition) {
				lost = append(lost, r.tp)
				lostErr = cmp.Or(lostErr, r.err)
			}
		}
		if len(lost) > 0 {
			c.report.RevokeCommitFailed(c.o.Group, lost, lostErr)
		}
		// ctx ends when the client closes: the commit was given up,
		// neither a success nor a failure.
		if ctx.Err() == nil {
			c.noteCommit(refused, asked)
		}
	}
	c.outMu.Unlock()
	c.unassign(revoked)
}

// lost is the group's OnPartitionsLost: the session ended without a chance
// to commit (the member was fenced or its session expired).
func (c *Consumer) lost(_ context.Context, _ *kgo.Client, lost map[string][]int32) {
	c.hold()
	c.unassign(lost)
}

// assigned is the group's OnPartitionsAssigned, called at the end of every
// join and sync, also when nothing new is assigned: the rebalance is over.
// A member that -e ends and that holds no partition after it waits for a
// later rebalance; the reporter hears of that once.
func (c *Consumer) assigned(_ context.Context, _ *kgo.Client, added map[string][]int32) {
	c.commitMu.Lock()
	c.commits.rebalanced()
	c.commitMu.Unlock()
	c.mu.Lock()
	c.rebalanced = time.Now()
	if len(added) == 0 {
		// Nothing to fetch commits for: the member has its place back
		// (otherwise once it has them, in adjustOffsets).
		c.toldSessionLost = false
	}
	if c.held != nil {
		close(c.held)
		c.held = nil
	}
	idle := c.plan.Exit && len(added) == 0 && !c.toldNoPartitions && !c.holdsPartitionsLocked()
	if idle {
		c.toldNoPartitions = true
	}
	c.mu.Unlock()
	if idle {
		c.report.NoPartitions(c.o.Group)
	}
}

// firstSessionLoss notes a lost session, err, and reports whether it is the
// first since the group last assigned partitions, the one to report, and
// whether the group ever assigned this member partitions: until it does,
// the losses are failed tries to join.
func (c *Consumer) firstSessionLoss(err error) (first, joined bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	first = !c.toldSessionLost
	c.toldSessionLost = true
	joined = !c.rebalanced.IsZero()
	if !joined {
		if c.joinFailed.IsZero() {
			c.joinFailed = time.Now()
		}
		c.joinErr = err
	}
	return first, joined
}

// holdsPartitionsLocked reports whether the group assigned this member a
// partition that it still holds.
func (c *Consumer) holdsPartitionsLocked() bool {
	for _, st := range c.parts {
		if st.assigned {
			return true
		}
	}
	return false
}

func (c *Consumer) hold() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.held == nil {
		c.held = make(chan struct{})
	}
}

// awaitRebalance waits while output is held; false means ctx ended first.
func (c *Consumer) awaitRebalance(ctx context.Context) bool {
	c.mu.Lock()
	held := c.held
	c.mu.Unlock()
	if held == nil {
		return true
	}
	select {
	case <-held:
		return true
	case <-ctx.Done():
		return false
	}
}

func (c *Consumer) unassign(tps map[string][]int32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for topic, ps := range tps {
		for _, p := range ps {
			if st := c.parts[TopicPartition{topic, p}]; st != nil {
				st.assigned = false
			}
		}
	}
}

// notePolled records which assignment of each partition a poll's records
// belong to.
func (c *Consumer) notePolled(fetches kgo.Fetches) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fetches.EachPartition(func(p kgo.FetchTopicPartition) {
		if st := c.parts[TopicPartition{p.Topic, p.Partition}]; st != nil {
			st.polled = st.assignment
		}
	})
}

// groupHook ends the run on a group error that waiting does not cure (a
// session timeout or an authorization the broker refuses). franz-go injects
// such an error as a fetch error too, but drops it when it clears the
// assignment right after, so PollFetches would wait for ever.
type groupHook struct{ c *Consumer }

// OnNewClient implements kgo.HookNewClient: the client is the Consumer's
// before the group, which it joins at once, assigns it partitions.
func (h groupHook) OnNewClient(cl *kgo.Client) {
	h.c.mu.Lock()
	h.c.cl = cl
	h.c.mu.Unlock()
}

// OnGroupManageError implements kgo.HookGroupManageError.
func (h groupHook) OnGroupManageError(err error) {
	if sessionLost(&kgo.ErrGroupSession{Err: err}) {
		return // the client joins again by itself
	}
	c := h.c
	switch {
	case errors.Is(err, kerr.InvalidSessionTimeout):
		err = fmt.Errorf("the broker refuses --session-timeout %s (%s): it allows group.min.session.timeout.ms to group.max.session.timeout.ms, 6s to 30m by default", c.o.SessionTimeout, kerr.InvalidSessionTimeout.Message)
	case errors.Is(err, kerr.FencedInstanceID):
		// Two deployments given one --instance-id fence each other out.
		err = fmt.Errorf("another consumer joined as static instance %q and fenced this one out (%s): give each consumer its own --instance-id", c.o.InstanceID, kerr.FencedInstanceID.Message)
	case errors.Is(err, kerr.GroupAuthorizationFailed):
		// Kafka refuses to say which broker coordinates a group the login
		// may not describe, and a join without READ, which implies
		// DESCRIBE: READ is what a member needs.
		c.endGroup(&joinRefusedError{group: c.o.Group}, false)
		return
	case errors.Is(err, kerr.InconsistentGroupProtocol):
		// Kafka 4 answers so when the members use another protocol type
		// (connect) or no assignor of theirs is --balancer; shore dev also
		// when they are KIP-848 members (devbroker.refuseClassicJoins).
		err = fmt.Errorf("the broker refuses this member (%s): the group's members speak another protocol, or none of them takes --balancer %s; shore dev also refuses a classic member, such as shore's, in a group of KIP-848 (consumer protocol) members, which Kafka 4 takes", kerr.InconsistentGroupProtocol.Message, cmp.Or(c.o.Balancer, Balancers[0]))
	}
	c.endGroup(fmt.Errorf("group %q: %w", c.o.Group, err), false)
}

// joinRefusedError is Kafka's refusal to let this login join group.
type joinRefusedError struct{ group string }

func (e *joinRefusedError) Error() string {
	return topics.Refusal("group", "join", []string{e.group}, topics.Read)
}

func (e *joinRefusedError) Unwrap() error { return kerr.GroupAuthorizationFailed }

// sessionLost reports whether err says that the member lost its session
// or could not join for a reason the client retries on its own (it rejoins):
// a member fenced after a pause, a coordinator that moved or is loading.
// Other group errors (authorization, a session timeout the broker refuses)
// do not go away by waiting.
func sessionLost(err error) bool {
	var session *kgo.ErrGroupSession
	if !errors.As(err, &session) {
		return false
	}
	var ke *kerr.Error
	if !errors.As(session.Err, &ke) {
		return true
	}
	return ke.Retriable || errors.Is(ke, kerr.UnknownMemberID) || errors.Is(ke, kerr.IllegalGeneration) || errors.Is(ke, kerr.RebalanceInProgress)
}

// leaveWait bounds franz-go's own leave. A healthy coordinator answers in
// milliseconds, but franz-go leaves only once a join in progress has ended,
// and a join waits for every member, a dead one until its session expires.
const leaveWait = 2 * time.Second

// finishGroup makes the final commit and leaves the group, both within
// Timeout, and says what did not happen: records written since the last
// commit are consumed again, and a member that did not leave keeps its
// partitions from the others until its session times out. runErr is the
// error that ended the run, if one did.
func (c *Consumer) finishGroup(cl *kgo.Client, runErr error) error {
	c.mu.Lock()
	c.closing = true
	commitRefused := c.commitRefused
	c.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), c.o.Timeout)
	defer cancel()
	var errs []error
	// A group that refused a commit for authorization refuses this one
	// too: the error that ended the run says so already.
	if !c.o.NoCommit && !commitRefused {
		// A revoke waits for outMu, and franz-go joins only once the
		// revoke returned: a rebalance that starts after finalOffsets
		// looked finds this commit sent, not held until its join ends.
		c.outMu.Lock()
		offsets := c.finalOffsets(cl)
		// A topic the login may not read refuses its commit too: the
		// fetch's refusal that ended the run says so already.
		var unread *topics.NotAuthorizedError
		if errors.As(runErr, &unread) && unread.Operation == topics.Read {
			for _, topic := range unread.Topics {
				delete(offsets, topic)
			}
		}
		refused, asked := c.commit(ctx, cl, offsets)
		c.outMu.Unlock()
		switch {
		case len(refused) > 0 && notAuthorized(refused[0].err):
			errs = append(errs, c.refusedCommit(refused[0]))
		case len(refused) > 0:
			errs = append(errs, c.commitError(c.unanswered(ctx, refused[0].err)))
		case asked > 0:
			c.noteCommit(nil, asked)
		}
	}
	if err := c.leave(ctx, cl); err != nil {
		errs = append(errs, fmt.Errorf("leave group %q: %w; the group keeps this member's partitions from the others until its session times out (%s)", c.o.Group, c.unanswered(ctx, err), c.sessionTimeout()))
	}
	return errors.Join(errs...)
}

// unanswered words a final request that Timeout ended (a coordinator that
// is frozen or cut off) as whom it waited for and how long, not as Go's
// "context deadline exceeded", a connection's "i/o timeout" or the Kafka
// client's last retry ("the broker connection has died and the request
// will be retried"), which it returns when ctx, the final requests' bound,
// ends while it retries.
func (c *Consumer) unanswered(ctx context.Context, err error) error {
	var netErr net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout() || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no answer from the group's coordinator within %s", c.o.Timeout)
	}
	return err
}

// finalOffsets is what the final commit commits: the offsets marked and not
// yet committed, and the position of every other partition the group
// assigned this member (see withPositions), as the Java consumer commits
// every assigned partition's position when it closes. So a partition of
// which this run wrote nothing (-o end -e in a new group) leaves the group
// where it stood, where its next run goes on. While the group rebalances
// only the marked offsets are committed: franz-go holds a commit until the
// join ends, which waits for every member, a dead one until its session
// expires, and the commit would only fail after Timeout. Whether the group
// rebalances is read under the same lock as the partitions assigned, so
// that a rebalance starting meanwhile cannot add the positions of the
// partitions it revokes.
func (c *Consumer) finalOffsets(cl *kgo.Client) map[string]map[int32]kgo.EpochOffset {
	return c.withPositions(cl, func(TopicPartition) bool { return c.held == nil })
}

// withPositions returns the offsets marked and not yet committed, and the
// position of each partition that the group assigned this member, that has
// no offset marked and that include takes: a partition of which the member
// wrote nothing goes on where it stood, in its next run or with its next
// owner; without a commit, that one would start where its -o or the log
// start puts it, skipping or repeating the records produced between. The
// position is franz-go's committed offset: the group's commit, or for a
// partition without one the start adjustOffsets gave it, which franz-go
// counts as committed and so never commits itself. A partition whose start
// franz-go resolves (one added since consume started, from its log start)
// has none, and is left out. include is called with c.mu held.
func (c *Consumer) withPositions(cl *kgo.Client, include func(TopicPartition) bool) map[string]map[int32]kgo.EpochOffset {
	offsets := cl.MarkedOffsets()
	if offsets == nil {
		offsets = map[string]map[int32]kgo.EpochOffset{}
	}
	positions := cl.CommittedOffsets()
	c.mu.Lock()
	defer c.mu.Unlock()
	for tp, st := range c.parts {
		at, known := positions[tp.Topic][tp.Partition]
		if _, marked := offsets[tp.Topic][tp.Partition]; !st.assigned || !known || marked || !include(tp) {
			continue
		}
		if offsets[tp.Topic] == nil {
			offsets[tp.Topic] = map[int32]kgo.EpochOffset{}
		}
		offsets[tp.Topic][tp.Partition] = at
	}
	return offsets
}

// commit commits offsets, as franz-go's CommitOffsetsSync does, except
// those of topics deleted while they were consumed: the broker refuses them
// (UNKNOWN_TOPIC_OR_PARTITION) and their records are gone, so that refusal
// is no failure. It returns what commitOutcome does.
func (c *Consumer) commit(ctx context.Context, cl *kgo.Client, offsets map[string]map[int32]kgo.EpochOffset) (refused []commitRefusal, asked int) {
	c.mu.Lock()
	for _, topic := range c.gone {
		delete(offsets, topic)
	}
	c.mu.Unlock()
	if len(offsets) == 0 {
		return nil, 0
	}
	cl.CommitOffsetsSync(ctx, offsets, func(_ *kgo.Client, req *kmsg.OffsetCommitRequest, resp *kmsg.OffsetCommitResponse, err error) {
		refused, asked = commitOutcome(req, resp, err)
	})
	return refused, asked
}

// leave leaves the group through franz-go, and when that waits for a join
// in progress, sends the leave itself: join and sync requests have their
// own connection, so the coordinator reads this one at once and ends the
// join. A static member (InstanceID) only stops.
func (c *Consumer) leave(ctx context.Context, cl *kgo.Client) error {
	memberID, _ := cl.GroupMetadata()
	waitCtx, cancel := context.WithTimeout(ctx, leaveWait)
	err := cl.LeaveGroupContext(waitCtx)
	cancel()
	if err == nil {
		return nil
	}
	// Whatever happens next, closing the client must not wait for the
	// join.
	defer c.cancelClient()
	if c.o.InstanceID != "" || memberID == "" {
		return nil
	}
	req := kmsg.NewPtrLeaveGroupRequest()
	req.Group = c.o.Group
	member := kmsg.NewLeaveGroupRequestMember()
	member.MemberID = memberID
	member.Reason = kmsg.StringPtr("shore consume is exiting")
	req.Members = append(req.Members, member)
	resp, err := req.RequestWith(ctx, cl)
	if err == nil {
		err = kerr.ErrorForCode(resp.ErrorCode)
	}
	if err == nil && len(resp.Members) == 1 {
		err = kerr.ErrorForCode(resp.Members[0].ErrorCode)
	}
	if errors.Is(err, kerr.UnknownMemberID) {
		// Already gone: franz-go's leave got through after all.
		return nil
	}
	return err
}

func (c *Consumer) sessionTimeout() time.Duration {
	if c.o.SessionTimeout > 0 {
		return c.o.SessionTimeout
	}
	return 45 * time.Second
}
