package consume

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/schema"
	"github.com/kafkashore/shore/topics"
)

// Options say how a Consumer writes and when it stops.
type Options struct {
	Layout format.RecordLayout
	// Count stops after that many records in all; 0 means no limit.
	Count int64
	// IdleTimeout stops when no record arrives for that long; 0 means never.
	IdleTimeout time.Duration
	// Unbuffered flushes after every record instead of after every fetch.
	Unbuffered bool
	// Group is the consumer group to join; "" consumes without one.
	Group string
	// Balancer is cooperative-sticky, sticky, range or roundrobin ("" is
	// cooperative-sticky).
	Balancer   string
	InstanceID string
	// SessionTimeout is how long the group waits for a member that stopped
	// heartbeating before it hands its partitions to others; 0 is the
	// client's default (45s).
	SessionTimeout time.Duration
	// NoCommit commits nothing to the group.
	NoCommit bool
	// ReadCommitted reads only committed transactional records.
	ReadCommitted bool
	// Timeout bounds the final commit, the requests Run makes of its own
	// (listing offsets, probing partitions), and Filter's run on any one
	// record, which Run then ends at that record (see Overdue); 0 leaves
	// Filter unbounded.
	Timeout time.Duration
	// Decoder, when set, decodes keys and values to JSON before they are
	// written.
	Decoder *Decoder
	// Filter, when set, writes only the records it matches. With a
	// Decoder it sees the decoded key and value, as JSON.
	Filter Matcher
	// Until stops at the first record Filter matches, once it is written.
	// Count then counts the records read, not the records written.
	Until bool
	// AnswerAfter is how long a fetch, or the group's join, may go
	// unanswered before the Reporter hears of it; 0 is the constant
	// AnswerAfter. shore's commands leave it 0; a test sets it when its
	// in-process broker, slowed by the race detector, may take longer
	// than that (to begin a large answer) and that is not what it tests.
	AnswerAfter time.Duration
}

// Matcher selects records: filter.Filter is one.
type Matcher interface {
	Match(ctx context.Context, r *kgo.Record, d *format.Decoded) (bool, error)
}

// Halter is an error that ends the run at the record Filter was matching,
// as jq's halt and halt_error end jq (filter.Halt is one, which Matcher
// returns; Overdue is Run's own): that record is neither written nor
// marked, so a group goes on from it. One that is no Failure ends the run
// as the partitions' stops would (StopHalt); a Failure ends it with a
// HaltedError.
type Halter interface {
	error
	Failure() bool
}

// HaltedError is a run that Filter ended with a failure at a record: jq's
// halt_error, or an expression that ran on it for Timeout (Overdue).
type HaltedError struct {
	// Flag is the flag of the expression: --filter or --until.
	Flag string
	At   RecordAt
	Err  Halter
}

func (e *HaltedError) Error() string {
	return fmt.Sprintf("%s: %s ran %v", e.At, e.Flag, e.Err)
}

func (e *HaltedError) Unwrap() error { return e.Err }

// RecordAt is where a record is: its partition and offset.
type RecordAt struct {
	TopicPartition
	Offset int64
}

func (r RecordAt) String() string {
	return fmt.Sprintf("%s:%d offset %d", r.Topic, r.Partition, r.Offset)
}

// StopReason says why Run returned.
type StopReason uint8

// The reasons Run stops without an error.
const (
	// StopEnd: every partition reached its stop (-e or a range).
	StopEnd StopReason = iota
	// StopCount: Count records were written (with Until: read).
	StopCount
	// StopIdle: no record arrived for IdleTimeout.
	StopIdle
	// StopContext: the context ended (a signal or a deadline).
	StopContext
	// StopMatch: Until found its record.
	StopMatch
	// StopFailed: Run returned an error before any of the above.
	StopFailed
	// StopHalt: Filter ran jq's halt, at Stats.Halted.
	StopHalt
)

// IncompleteError is a run that IdleTimeout ended before partitions reached
// their stop (-e or a range), with records that were in the log at start
// still unread: their leader stopped sending them. What was written lacks
// them.
type IncompleteError struct {
	IdleTimeout time.Duration
	Unread      []UnreadRange
}

// UnreadRange is a partition's offsets [From, To) that were not read.
type UnreadRange struct {
	TopicPartition
	From, To int64
}

// unreadShown is how many partitions an IncompleteError names.
const unreadShown = 3

func (e *IncompleteError) Error() string {
	var records int64
	var names []string
	for i, u := range e.Unread {
		records += u.To - u.From
		switch {
		case i >= unreadShown:
		case u.To-u.From == 1:
			names = append(names, fmt.Sprintf("%s:%d offset %d", u.Topic, u.Partition, u.From))
		default:
			names = append(names, fmt.Sprintf("%s:%d offsets %d to %d", u.Topic, u.Partition, u.From, u.To-1))
		}
	}
	if more := len(e.Unread) - unreadShown; more > 0 {
		names = append(names, format.Count(more, "more partition"))
	}
	return fmt.Sprintf("no record arrived for --idle-timeout %s before the end (-e or the -o range): %s not read (%s)", e.IdleTimeout, format.Count(records, "record"), strings.Join(names, ", "))
}

// Stats say what one Run did.
type Stats struct {
	Stop          StopReason
	Read, Written int64
	// FilterErrors counts the records on which Filter failed (none of them
	// was written), each reported to FilterFailed.
	FilterErrors int64
	// SchemaWait is the record that the run's context ended on while its
	// schema was asked of the registry: read, but neither decoded, nor
	// matched, nor written.
	SchemaWait *SchemaWait
	// NotJoined says that the group never assigned this member
	// partitions; JoinErr is then the last of its failed tries to join,
	// nil when none failed.
	NotJoined bool
	JoinErr   error
	// Halted is the record Filter ran halt on (StopHalt), neither written
	// nor marked.
	Halted RecordAt
	// Silent, for an Until run that its context ended (StopContext), is
	// each broker that had stopped answering and leads partitions still
	// to be read: what they hold past what was read is unknown, and a
	// match may be among it.
	Silent []SilentBroker
}

// SilentBroker is a broker (host:port) that stopped answering, a dial
// failed or a fetch unanswered (see Reporter.BrokerUnreachable and
// FetchUnanswered), and had not answered again when the run ended, with
// the partitions still to be read that it leads (nil when the client could
// not tell which).
type SilentBroker struct {
	Addr    string
	Waiting []TopicPartition
}

// SchemaWait is a record whose key's or value's schema the registry had
// not sent when the run ended.
type SchemaWait struct {
	TopicPartition
	Offset int64
	Side   string // key or value
	ID     int
	// Waited is how long the request had waited for the registry.
	Waited time.Duration
}

// Fetch sizes that keep a CLI's memory bounded whatever the topic: at most
// MaxConcurrentFetches responses of FetchMaxBytes are buffered at a time
// (a partition's first batch comes whole even when larger, so 1 MiB records
// stay bounded too). Decoded, 4 MiB of 100-byte records is about 40,000
// records and 12 MiB of heap; 8 MiB responses peaked at 70-86 MiB RSS
// reading six partitions of three brokers, 4 MiB ones at 51-57 MiB, and
// were no faster.
const (
	fetchMaxBytes          = 4 << 20
	fetchMaxPartitionBytes = 1 << 20
	maxConcurrentFetches   = 2
	writeBufferSize        = 256 << 10
)

// fetchResponseMax is the largest fetch response read, which holds a
// partition's first batch whole however large: a record that produce sent
// to a topic whose max.message.bytes takes it is read back. The Kafka
// client's 100 MiB stopped short of a 100 MiB record. It stays below the
// first four bytes of a TLS alert (0x1503...) and of "HTTP" read as a
// size, which the client names when they exceed it, as a plaintext client
// at a TLS or HTTP port gets them.
const fetchResponseMax = 256 << 20

// partState is the consumer's view of one partition.
type partState struct {
	from, stop int64
	assigned   bool
	done       bool
	// next is the offset after the last record seen, control records
	// included; progress is when a record last arrived.
	next     int64
	progress time.Time
	// assignment counts the group's assignments of the partition, so that
	// records polled or a write begun before the partition was lost and
	// handed back do not count for the new assignment; polled is the
	// assignment at the last poll that returned records of it.
	assignment, polled int
	// toldOutsideLog says that Reporter.BelowStart or Reporter.PastEnd
	// was told of the group's commit (see Consumer.adjustOffsets).
	toldOutsideLog bool
}

// Consumer writes the records of a Plan to a writer. Build its client with
// ClientOpts, then call Run once.
type Consumer struct {
	plan   *Plan
	o      Options
	out    *bufio.Writer
	report Reporter

	// outMu is held while records are written, flushed and marked, while
	// a revoke commits what was marked, and while the final commit is made
	// (see finishGroup).
	outMu sync.Mutex
	// undecoded counts the records that could not be decoded, which are
	// written raw, or with a Filter matched raw; unpackable those not
	// written because the layout's unpack directives could not read them
	// (see unpacker).
	undecoded, unpackable int64
	// unpacker is the layout when it has unpack directives; nil otherwise,
	// so that other layouts are not checked.
	unpacker format.Unpacker
	// headerValues is the layout's %h{...} that writes a null header value
	// as an empty one (see format.HeaderValueWriter); "" when there is none
	// or once NullHeaderValue was told of a record that has one.
	headerValues string
	// decoded is the record being written, decoded: reused.
	decoded format.Decoded
	// watch bounds Filter's run on each record by Timeout during Run; nil
	// without a Filter or a Timeout.
	watch *filterWatch

	stats Stats

	mu    sync.Mutex
	parts map[TopicPartition]*partState
	// cl is Run's client, for pausing and resuming from the group's
	// callbacks and listing offsets there; a group member's is set when it
	// is made (groupHook), as the group may assign partitions before Run,
	// and others' are nil before Run.
	cl *kgo.Client
	// wake ends the current poll, for when a rebalance hands over only
	// partitions that are already done.
	wake context.CancelFunc
	// held is non-nil from the start of a rebalance until the group
	// assigns partitions again; it is closed then.
	held chan struct{}
	// rebalanced is when the group last ended a rebalance; zero before
	// the first. IdleTimeout counts from it, not from a wait for the group.
	rebalanced time.Time
	// joinFailed is when joining first failed while the group had never
	// assigned partitions (no broker coordinates it), and joinErr the
	// last such failure; IdleTimeout counts from joinFailed until the
	// first rebalance ends: a member that cannot join is idle.
	joinFailed time.Time
	joinErr    error
	// toldNoPartitions says that Reporter.NoPartitions was called.
	toldNoPartitions bool
	// unreachable holds what the Reporter was told of the brokers (by
	// host:port) that stopped answering: a failed dial (see dialHook) or
	// a fetch unanswered (see answerHook). asked follows the fetches of
	// each broker, and the group's joins, not yet answered.
	unreachable map[string]silent
	asked       map[string]*asked
	// received holds, by broker host:port, when bytes of a fetch's answer
	// last arrived (an *atomic.Int64 of unix nanoseconds; see
	// FetchReceiving): it is written for each read, outside mu.
	received sync.Map
	// toldSessionLost says that Reporter.SessionLost was called since the
	// member last had its place back: the group assigned it partitions
	// and, when it assigned some, the member had their commits (see
	// adjustOffsets). While the coordinator stays away, every attempt to
	// join again fails the same way; while it answers joins but not the
	// request for the commits, every assignment does.
	toldSessionLost bool
	// groupErr is the first error that ended a group session for good
	// (see groupHook) or refused a commit for good (see noteCommit); it
	// ends Run. commitRefused says it was a commit's.
	groupErr      error
	commitRefused bool
	// commits follows the commits that failed one after another; commitMu
	// guards it.
	commitMu sync.Mutex
	commits  commitStreak
	// closing is set once Run has made its final commit (or, without a
	// group, once it stopped fetching): a revoke while leaving commits
	// nothing more.
	closing bool
	// checked is when the loop last asked whether a topic whose fetches
	// failed as unknown was deleted; gone lists the topics that were
	// (see checkDeleted). probed is when probeStuck last probed.
	checked map[string]time.Time
	gone    []string
	probed  time.Time
	// grown is when addPartitions last began to look for added
	// partitions; looking says a look has not answered yet, and looked
	// takes its answer (an empty one when it failed).
	grown   time.Time
	looking bool
	looked  chan kadm.Metadata
	// clientCtx is the client's context; cancelClient ends what the
	// client still waits for (see leave).
	clientCtx    context.Context
	cancelClient context.CancelFunc
}

// Stats returns what Run did; call it after Run.
func (c *Consumer) Stats() Stats {
	st := c.stats
	if c.o.Group != "" {
		c.mu.Lock()
		st.NotJoined, st.JoinErr = c.rebalanced.IsZero(), c.joinErr
		c.mu.Unlock()
	}
	return st
}

// New returns a consumer of plan writing records to out and telling report
// what else happens.
func New(plan *Plan, o Options, out io.Writer, report Reporter) *Consumer {
	// The plan has just listed the partitions: the first look for added
	// ones is due a growCheck later.
	c := &Consumer{plan: plan, o: o, out: bufio.NewWriterSize(out, writeBufferSize), report: report, parts: map[TopicPartition]*partState{}, unreachable: map[string]silent{}, asked: map[string]*asked{}, checked: map[string]time.Time{}, grown: time.Now(), looked: make(chan kadm.Metadata, 1)}
	c.unpacker, _ = o.Layout.(format.Unpacker)
	if h, ok := o.Layout.(format.HeaderValueWriter); ok {
		c.headerValues = h.WritesHeaderValues()
	}
	c.clientCtx, c.cancelClient = context.WithCancel(context.Background())
	for tp, pos := range plan.Positions {
		c.parts[tp] = &partState{from: pos.From, next: pos.From, progress: time.Now(), stop: pos.Stop, assigned: o.Group == "", done: pos.Stop != NoStop && pos.From >= pos.Stop}
	}
	return c
}

// ClientOpts are the kgo options the consumer's client needs.
func (c *Consumer) ClientOpts() ([]kgo.Opt, error) {
	opts := []kgo.Opt{
		kgo.FetchMaxBytes(fetchMaxBytes),
		kgo.FetchMaxPartitionBytes(fetchMaxPartitionBytes),
		kgo.MaxConcurrentFetches(maxConcurrentFetches),
		kgo.BrokerMaxReadBytes(fetchResponseMax),
		// A partition whose start is known only after a fetch went out (a
		// group's commit checked against its leader epoch) joins the fetches
		// when the broker answers that one, which it holds up to this long
		// while nothing is new: franz-go's 5s delayed the partition's records
		// past a shorter --idle-timeout. 500ms is the Java client's and
		// librdkafka's fetch.max.wait.ms.
		kgo.FetchMaxWait(500 * time.Millisecond),
		// Control records (transaction markers) are the last offsets of a
		// partition that ends in a transaction: seeing them is how -e knows
		// the end was reached. They are never written.
		kgo.KeepControlRecords(),
		// An offset that falls out of the log while consuming resumes at the
		// log start: never skip a record that still exists.
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		// The client retries the fetches of a deleted topic for ever,
		// answered at once: UNKNOWN_TOPIC_OR_PARTITION or UNKNOWN_TOPIC_ID
		// must reach the poll for consume to notice (see checkDeleted). It
		// passes over the other retriable errors. This also brings to the
		// poll a metadata refresh's error for a whole topic (partition
		// -1), the only word of a deleted topic that a group member gets
		// when it holds none of the topic's partitions.
		kgo.KeepRetryableFetchErrors(),
		// A broker that cannot be reached, or that takes fetches and does
		// not answer them, is retried in silence: a tail would look idle,
		// and -e would wait without a word.
		kgo.WithHooks(dialHook{c}, answerHook{c}),
	}
	if c.o.ReadCommitted {
		opts = append(opts, kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	}
	if c.o.Group == "" {
		partitions := map[string]map[int32]kgo.Offset{}
		for tp, st := range c.parts {
			if st.done {
				continue
			}
			if partitions[tp.Topic] == nil {
				partitions[tp.Topic] = map[int32]kgo.Offset{}
			}
			partitions[tp.Topic][tp.Partition] = c.startAt(tp, st.from)
		}
		return append(opts, kgo.ConsumePartitions(partitions)), nil
	}
	balancer, err := Balancer(c.o.Balancer)
	if err != nil {
		return nil, err
	}
	opts = append(opts,
		// A member that tails a topic sees partitions added to it within
		// seconds, not after the default five minutes, and a member that
		// holds none of a topic's partitions sees it deleted as soon (see
		// KeepRetryableFetchErrors above).
		kgo.MetadataMaxAge(5*time.Second),
		kgo.ConsumerGroup(c.o.Group),
		kgo.ConsumeTopics(c.plan.Topics...),
		kgo.Balancers(balancer),
		kgo.AdjustFetchOffsetsFn(c.adjustOffsets),
		kgo.OnPartitionsRevoked(c.revoked),
		kgo.OnPartitionsLost(c.lost),
		kgo.OnPartitionsAssigned(c.assigned),
		kgo.WithHooks(groupHook{c}),
		// Cancelled only when leaving the group is stuck, so that Close
		// does not wait out a rebalance; see finishGroup.
		kgo.WithContext(c.clientCtx),
	)
	if c.o.InstanceID != "" {
		opts = append(opts, kgo.InstanceID(c.o.InstanceID))
	}
	if c.o.SessionTimeout > 0 {
		// Three heartbeats per session, as the Java client's defaults
		// (45s and 3s) leave room for many; never more seldom than the
		// default 3s.
		opts = append(opts, kgo.SessionTimeout(c.o.SessionTimeout), kgo.HeartbeatInterval(min(c.o.SessionTimeout/3, 3*time.Second)))
	}
	if c.o.NoCommit {
		return append(opts, kgo.DisableAutoCommit()), nil
	}
	return append(opts, kgo.AutoCommitMarks(), kgo.AutoCommitInterval(time.Second), kgo.AutoCommitCallback(c.autoCommitted)), nil
}

// Balancers are the names --balancer takes, the default (also "") first.
var Balancers = []string{"cooperative-sticky", "sticky", "range", "roundrobin"}

// Balancer returns the group balancer of the given name.
func Balancer(name string) (kgo.GroupBalancer, error) {
	switch name {
	case "", "cooperative-sticky":
		return kgo.CooperativeStickyBalancer(), nil
	case "sticky":
		return kgo.StickyBalancer(), nil
	case "range":
		return kgo.RangeBalancer(), nil
	case "roundrobin":
		return kgo.RoundRobinBalancer(), nil
	}
	return nil, fmt.Errorf("balancer %q: want cooperative-sticky, sticky, range or roundrobin", name)
}

// startAt is where fetching starts for a partition planned to start at from:
// a start past the end fetches from the end and skips what comes before
// from, so that it waits for new records instead of tripping the client's
// out-of-range handling.
func (c *Consumer) startAt(tp TopicPartition, from int64) kgo.Offset {
	if end, ok := c.plan.End[tp]; ok && from > end {
		from = end
	}
	return kgo.NewOffset().At(from)
}

// adjustOffsets starts the assigned partitions without a commit where the
// plan says; committed offsets win. An uncommitted partition arrives with
// the client's reset offset, which is negative (the log start). A commit
// below the log start captured when planning (records deleted by retention
// or DeleteRecords before the group read them) starts at that log start,
// with the warning an exact start below it gives, told once a partition:
// the client would reset there in silence. So does a commit past the
// partition's end (a log truncated, a topic deleted and created again),
// with a warning of its own: the client would reset to the log start in
// silence, and the records before the commit would be fetched and passed
// over. It is called once the group's commits for them were fetched: the
// member has its place back, and a later loss is told again.
func (c *Consumer) adjustOffsets(ctx context.Context, offsets map[string]map[int32]kgo.Offset) (map[string]map[int32]kgo.Offset, error) {
	past := c.pastEnd(ctx, offsets)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.toldSessionLost = false
	pause, resume := map[string][]int32{}, map[string][]int32{}
	for topic, ps := range offsets {
		for p, off := range ps {
			tp := TopicPartition{topic, p}
			st := c.parts[tp]
			from := off.EpochOffset().Offset
			end, isPast := past[tp]
			switch {
			case st == nil:
				// A partition added since consume started: from its
				// start; with -e it ended before it existed.
				st = &partState{stop: NoStop}
				if c.plan.Exit {
					st.stop = 0
				}
				c.parts[tp] = st
				from = max(from, 0)
			case from < 0:
				from = c.plan.Positions[tp].From
				ps[p] = c.startAt(tp, from)
				if warn := c.plan.Warn[tp]; warn != nil {
					delete(c.plan.Warn, tp) // told once
					warn(c.report)
				}
			case from < c.plan.Start[tp]:
				if !st.toldOutsideLog {
					st.toldOutsideLog = true
					c.report.BelowStart(tp, from, c.plan.Start[tp])
				}
				from = c.plan.Start[tp]
				ps[p] = c.startAt(tp, from)
			case isPast:
				if !st.toldOutsideLog {
					st.toldOutsideLog = true
					c.report.PastEnd(c.o.Group, tp, from, end, c.plan.Start[tp])
				}
				from = c.plan.Start[tp]
				ps[p] = c.startAt(tp, from)
			}
			st.from, st.next, st.progress, st.assigned = from, from, time.Now(), true
			st.assignment++
			st.done = st.stop != NoStop && from >= st.stop
			if st.done {
				pause[topic] = append(pause[topic], p)
			} else {
				resume[topic] = append(resume[topic], p)
			}
		}
	}
	// A partition paused at its stop can come back at an older commit (a
	// lost session, a coordinator that moved): fetching must resume, or
	// the consumer waits for it forever.
	if c.cl != nil {
		c.cl.ResumeFetchPartitions(resume)
		c.cl.PauseFetchPartitions(pause)
	}
	if c.finishedLocked() && c.wake != nil {
		c.wake()
	}
	return offsets, nil
}

// pastEnd is the end offset (high watermark) of each partition whose
// commit in offsets is past it. Only a commit past the end captured when
// planning is looked at again, as the partition's end now: another member
// may have committed records produced since. A partition whose end cannot
// be listed is left to the client.
func (c *Consumer) pastEnd(ctx context.Context, offsets map[string]map[int32]kgo.Offset) map[TopicPartition]int64 {
	var names []string
	for topic, ps := range offsets {
		for p, off := range ps {
			if end, ok := c.plan.End[TopicPartition{topic, p}]; ok && off.EpochOffset().Offset > end {
				names = append(names, topic)
				break
			}
		}
	}
	c.mu.Lock()
	cl := c.cl
	c.mu.Unlock()
	if len(names) == 0 || cl == nil {
		return nil
	}
	listCtx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	ends, err := kadm.NewClient(cl).ListEndOffsets(listCtx, names...)
	if err != nil {
		return nil
	}
	past := map[TopicPartition]int64{}
	ends.Each(func(l kadm.ListedOffset) {
		if off, ok := offsets[l.Topic][l.Partition]; ok && l.Err == nil && off.EpochOffset().Offset > l.Offset {
			past[TopicPartition{l.Topic, l.Partition}] = l.Offset
		}
	})
	return past
}

// idleFor is how long no record has arrived, lastRecord being the last
// one (or the start): a group member waiting for the group to assign its
// partitions (a join can take the broker's initial rebalance delay, 3s,
// or a heartbeat interval of every other member) is not idle, so that
// --idle-timeout 1s does not end a member before it had a partition; one
// that cannot join at all is, from its first failed try.
func (c *Consumer) idleFor(lastRecord time.Time) time.Duration {
	if c.o.Group == "" {
		return time.Since(lastRecord)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.rebalanced.IsZero() && !c.joinFailed.IsZero():
		return time.Since(c.joinFailed)
	case c.held != nil || c.rebalanced.IsZero():
		return 0
	}
	return time.Since(latest(lastRecord, c.rebalanced))
}

// JoinError is a member whose run ended (Within: "--idle-timeout 5s")
// before it could join the group: nothing was read.
type JoinError struct {
	Group  string
	Within string
	Err    error // the last try's; nil when no try failed
}

func (e *JoinError) Error() string {
	why := "no answer from its coordinator"
	if e.Err != nil {
		why = e.Err.Error()
	}
	return fmt.Sprintf("could not join group %q within %s (%s): nothing was read", e.Group, e.Within, why)
}

func (e *JoinError) Unwrap() error { return e.Err }

// notJoined is the run's end by IdleTimeout when the member never joined
// the group because every try failed: a *JoinError; nil otherwise.
func (c *Consumer) notJoined() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.rebalanced.IsZero() || c.joinErr == nil {
		return nil
	}
	return &JoinError{Group: c.o.Group, Within: fmt.Sprintf("--idle-timeout %s", c.o.IdleTimeout), Err: c.joinErr}
}

// idleLeft is how long a poll may wait before --idle-timeout is due: the
// timeout less idleFor, so that a member whose partitions came while a poll
// waited ends IdleTimeout after they came, not a whole IdleTimeout after
// that poll ended; at least a millisecond, as 0 means no idle timeout.
func (c *Consumer) idleLeft(lastRecord time.Time) time.Duration {
	if c.o.IdleTimeout == 0 {
		return 0
	}
	return max(c.o.IdleTimeout-c.idleFor(lastRecord), time.Millisecond)
}

// latest returns the later of a and b.
func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// unread is the run's end by IdleTimeout: an *IncompleteError when records
// that were in the log at start remain before a partition's stop (-e or a
// range), after a probe of the partitions that have any; their leader did
// not send them, and the output lacks them.
func (c *Consumer) unread(ctx context.Context, cl *kgo.Client) error {
	if err := c.probeQuiet(ctx, cl, 0); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var left []UnreadRange
	for tp, st := range c.parts {
		if !st.assigned || st.done || st.stop == NoStop {
			continue
		}
		if to := min(st.stop, c.plan.End[tp]); st.next < to {
			left = append(left, UnreadRange{TopicPartition: tp, From: st.next, To: to})
		}
	}
	if len(left) == 0 {
		return nil
	}
	slices.SortFunc(left, func(a, b UnreadRange) int { return a.compare(b.TopicPartition) })
	return &IncompleteError{IdleTimeout: c.o.IdleTimeout, Unread: left}
}

// finished reports whether every assigned partition reached its stop (and
// at least one is assigned, in a group).
func (c *Consumer) finished() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.finishedLocked()
}

func (c *Consumer) finishedLocked() bool {
	assigned := 0
	for _, st := range c.parts {
		if !st.assigned {
			continue
		}
		assigned++
		if !st.done {
			return false
		}
	}
	return assigned > 0 || c.o.Group == ""
}

// Run fetches and writes records until every partition reached its stop,
// Count records were written, nothing arrived for IdleTimeout, or ctx ends;
// all of these are a normal end and return nil. Output is flushed after
// every fetch; in a group, a record's offset is marked for commit only once
// the record was flushed, and marked offsets are committed before Run
// returns, with the position of every other partition assigned (see
// finalOffsets). A failed write (a closed stdout) ends Run with that error.
//
// Records that could not be decoded are written raw, each reported to
// Undecodable; records that the layout's unpack directives cannot read are
// not written, each reported to Unpackable; without Until, records that
// Filter failed on are not written, each reported to FilterFailed. Run then
// returns a *RecordsError.
func (c *Consumer) Run(ctx context.Context, cl *kgo.Client) error {
	c.mu.Lock()
	c.cl = cl
	c.mu.Unlock()
	var marks []*kgo.Record
	if c.o.Filter != nil && c.o.Timeout > 0 {
		c.watch = watchFilter(ctx, c.o.Timeout)
	}
	err := c.loop(ctx, cl, &marks)
	if c.watch != nil {
		c.watch.close()
	}
	if err != nil {
		c.stats.Stop = StopFailed
	}
	if c.o.Until && c.stats.Stop == StopContext {
		c.stats.Silent = c.silentBrokers(cl)
	}
	if c.o.Group == "" {
		// Nothing is asked of the brokers any more: what they leave
		// unanswered says nothing (see answerHook).
		c.mu.Lock()
		c.closing = true
		c.mu.Unlock()
	}
	c.outMu.Lock()
	if ferr := c.out.Flush(); ferr == nil {
		c.mark(cl, marks)
	} else if err == nil {
		err = ferr
	}
	if err == nil && (c.undecoded > 0 || c.unpackable > 0 || c.unfiltered() > 0) {
		bad := &RecordsError{Undecoded: c.undecoded, Unpackable: c.unpackable, Unfiltered: c.unfiltered()}
		if c.o.Filter != nil {
			bad.Filter = c.filterFlag()
		}
		err = bad
	}
	c.outMu.Unlock()
	if c.o.Group != "" {
		err = errors.Join(err, c.finishGroup(cl, err))
	}
	return err
}

// loop leaves in *marks the last written record of each partition of the
// batch it was writing, not yet flushed.
func (c *Consumer) loop(ctx context.Context, cl *kgo.Client, marks *[]*kgo.Record) error {
	var buf []byte
	lastRecord := time.Now()
	for !c.finished() {
		// Poll at most until the idle timeout is due, until it is time to
		// probe partitions that have a stop and sit without records, or
		// until it is time to look for added partitions.
		timeout := c.idleLeft(lastRecord)
		if c.hasStops() && (timeout == 0 || timeout > probeAfter) {
			timeout = probeAfter
		}
		if c.plan.Grow && (timeout == 0 || timeout > growCheck) {
			timeout = growCheck
		}
		pollCtx, cancel := context.WithCancel(ctx)
		if timeout > 0 {
			pollCtx, cancel = context.WithTimeout(ctx, timeout)
		}
		c.mu.Lock()
		c.wake = cancel
		groupErr := c.groupErr
		c.mu.Unlock()
		if groupErr != nil {
			cancel()
			return groupErr
		}
		fetches := cl.PollFetches(pollCtx)
		cancel()
		if ctx.Err() != nil || fetches.IsClientClosed() {
			c.stats.Stop = StopContext
			return nil
		}
		if err := c.fetchErrors(ctx, cl, fetches); err != nil {
			return err
		}
		c.addPartitions(ctx, cl)
		// The poll ended by its timeout or a wake, or brought errors only.
		if fetches.NumRecords() == 0 {
			if c.o.IdleTimeout > 0 && c.idleFor(lastRecord) >= c.o.IdleTimeout {
				c.stats.Stop = StopIdle
				if err := c.notJoined(); err != nil {
					return err
				}
				return c.unread(ctx, cl)
			}
			if err := c.probeStuck(ctx, cl); err != nil {
				return err
			}
			continue
		}
		lastRecord = time.Now()
		c.notePolled(fetches)
		if !c.awaitRebalance(ctx) {
			c.stats.Stop = StopContext
			return nil
		}
		stopAll, err := c.writeFetches(ctx, cl, fetches, &buf, marks)
		if err != nil || stopAll {
			return err
		}
	}
	c.stats.Stop = StopEnd
	return nil
}

// fetchErrors reports the errors of a poll that consuming goes on after,
// and returns the first that ends it. The end of the poll's own context is
// no error, nor is one that the client retries, unless it shows a topic
// deleted (see checkDeleted).
func (c *Consumer) fetchErrors(ctx context.Context, cl *kgo.Client, fetches kgo.Fetches) error {
	for _, fe := range fetches.Errors() {
		var loss *kgo.ErrDataLoss
		switch {
		case errors.Is(fe.Err, context.Canceled), errors.Is(fe.Err, context.DeadlineExceeded):
		case errors.As(fe.Err, &loss):
			c.report.DataLoss(TopicPartition{fe.Topic, fe.Partition}, fe.Err)
		case sessionLost(fe.Err):
			if first, joined := c.firstSessionLoss(errors.Unwrap(fe.Err)); first {
				c.report.SessionLost(c.o.Group, errors.Unwrap(fe.Err), joined)
			}
		case unknownTopic(fe.Err):
			// Retried by the client, unless the topic was deleted.
			// Partition -1 is a metadata refresh's error for the
			// whole topic.
			if err := c.checkDeleted(ctx, cl, fe.Topic); err != nil {
				return err
			}
		case kerr.IsRetriable(fe.Err):
			// Retried by the client: a leader that moved, a broker
			// not ready (see ClientOpts).
		default:
			return fetchFailure(fe)
		}
	}
	return nil
}

// fetchFailure is the error that ends consuming on fe, a fetch error the
// client does not retry. An answer larger than fetchResponseMax, which
// the client reports for partition -1 of no topic as 'invalid large
// response size N > limit M: response exceeds BrokerMaxReadBytes', says
// what it is: a record batch too large for shore, which only a start past
// it or another client gets around.
func fetchFailure(fe kgo.FetchError) error {
	if strings.Contains(fe.Err.Error(), "response exceeds BrokerMaxReadBytes") {
		return fmt.Errorf("fetch: a record batch larger than shore's fetch limit of %d MiB (the topic's max.message.bytes let it in); shore cannot read it: start after it (-o OFFSET, or shore groups commit for a group), or read it with a client whose fetch limit is larger", fetchResponseMax>>20)
	}
	if errors.Is(fe.Err, kerr.TopicAuthorizationFailed) {
		return fmt.Errorf("fetch %s:%d: %w", fe.Topic, fe.Partition, &topics.NotAuthorizedError{Topics: []string{fe.Topic}, Operation: topics.Read})
	}
	return fmt.Errorf("fetch %s:%d: %w", fe.Topic, fe.Partition, fe.Err)
}

// writeFetches writes, flushes and marks the records of one poll. It holds
// outMu, so that a revoke's commit covers everything written before it.
func (c *Consumer) writeFetches(ctx context.Context, cl *kgo.Client, fetches kgo.Fetches, buf *[]byte, marks *[]*kgo.Record) (stopAll bool, err error) {
	c.outMu.Lock()
	defer c.outMu.Unlock()
	*marks = (*marks)[:0]
	pause := map[string][]int32{}
	fetches.EachPartition(func(p kgo.FetchTopicPartition) {
		if err != nil || stopAll {
			return
		}
		var last *kgo.Record
		var done bool
		last, done, stopAll, err = c.writePartition(ctx, cl, p, buf)
		if last != nil {
			*marks = append(*marks, last)
		}
		if done {
			pause[p.Topic] = append(pause[p.Topic], p.Partition)
		}
	})
	if err != nil {
		return false, err
	}
	if err := c.out.Flush(); err != nil {
		return false, err
	}
	c.mark(cl, *marks)
	*marks = (*marks)[:0]
	c.pauseDone(pause)
	return stopAll, nil
}

// pauseDone stops fetching those of the partitions that are still done and
// assigned: the group may have taken one away and handed it back at an
// older offset since it reached its stop.
func (c *Consumer) pauseDone(tps map[string][]int32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	pause := map[string][]int32{}
	for topic, ps := range tps {
		for _, p := range ps {
			if st := c.parts[TopicPartition{topic, p}]; st != nil && st.done && st.assigned {
				pause[topic] = append(pause[topic], p)
			}
		}
	}
	if len(pause) > 0 {
		c.cl.PauseFetchPartitions(pause)
	}
}

// writePartition writes the records of one fetched partition that lie
// between its start and stop, skipping control records. It returns the last
// record handled and not yet marked, whether the partition reached its stop,
// and whether the run is over (Count reached, or Until's match written).
// With a Filter, a record it does not match counts as handled: it is
// marked for commit like a written one.
func (c *Consumer) writePartition(ctx context.Context, cl *kgo.Client, p kgo.FetchTopicPartition, buf *[]byte) (last *kgo.Record, done, stopAll bool, err error) {
	c.mu.Lock()
	st := c.parts[TopicPartition{p.Topic, p.Partition}]
	if st == nil || st.done || !st.assigned || st.polled != st.assignment {
		c.mu.Unlock()
		return nil, false, false, nil
	}
	from, stop, assignment := st.from, st.stop, st.assignment
	if n := len(p.Records); n > 0 {
		st.next, st.progress = max(st.next, p.Records[n-1].Offset+1), time.Now()
	}
	c.mu.Unlock()
	defer func() {
		if done {
			c.mu.Lock()
			st.done = st.done || st.assignment == assignment
			c.mu.Unlock()
		}
	}()
	for _, r := range p.Records {
		if stop != NoStop && r.Offset >= stop {
			return last, true, false, nil
		}
		if r.Offset < from {
			continue
		}
		if r.Attrs.IsControl() {
			// Nothing to write, but committing past it is what leaves
			// a group with no lag when a partition ends in one.
			last = r
		} else {
			c.stats.Read++
			r.Timestamp = fetchedTime(r.Timestamp)
			if err := c.decode(ctx, r); err != nil {
				if ctx.Err() != nil {
					// Interrupted while fetching r's schema: r is
					// neither written nor marked.
					c.stats.Stop = StopContext
					return last, false, true, nil
				}
				// The records before r were written: they are
				// marked once flushed, so a group goes on from r.
				return last, false, false, err
			}
			match, halt, interrupted := c.matches(ctx, r)
			switch {
			case interrupted:
				// Interrupted while the filter ran on r: r is
				// neither written nor marked.
				c.stats.Stop = StopContext
				return last, false, true, nil
			case halt != nil && halt.Failure():
				return last, false, false, &HaltedError{Flag: c.filterFlag(), At: RecordAt{TopicPartition{r.Topic, r.Partition}, r.Offset}, Err: halt}
			case halt != nil:
				c.stats.Stop, c.stats.Halted = StopHalt, RecordAt{TopicPartition{r.Topic, r.Partition}, r.Offset}
				return last, false, true, nil
			}
			last = r
			// A record the layout cannot unpack is reported instead:
			// Until still stops at it, as it was found.
			if match && (c.unpacker == nil || c.unpacks(r)) {
				*buf = c.appendRecord((*buf)[:0], &p.FetchPartition, r)
				if _, err := c.out.Write(*buf); err != nil {
					return nil, false, false, err
				}
				c.stats.Written++
				if c.headerValues != "" {
					c.noteNullHeader(r)
				}
			}
			if match {
				if c.o.Until {
					c.stats.Stop = StopMatch
					return last, false, true, nil
				}
				if c.o.Unbuffered {
					if err := c.out.Flush(); err != nil {
						return nil, false, false, err
					}
					c.mark(cl, []*kgo.Record{r})
					last = nil
				}
			}
		}
		// Count first: the last record before a partition's stop counts
		// too, and -o -1 -e -n 1 over several partitions writes one.
		atStop := stop != NoStop && r.Offset+1 >= stop
		if c.o.Count > 0 && c.counted() >= c.o.Count {
			c.stats.Stop = StopCount
			return last, atStop, true, nil
		}
		if atStop {
			return last, true, false, nil
		}
	}
	return last, false, false, nil
}

// decode decodes r into c.decoded when a Decoder is set. A record that
// cannot be decoded stays raw, with a warning; a registry that cannot be
// reached or refuses access ends the run instead, rather than a warning for
// every record, with an error naming r, and so does the end of ctx
// (returning its error).
func (c *Consumer) decode(ctx context.Context, r *kgo.Record) error {
	if c.o.Decoder == nil {
		return nil
	}
	var err error
	if c.decoded, err = c.o.Decoder.Decode(ctx, r); err == nil {
		return nil
	}
	if ctx.Err() != nil {
		// The run ends (Ctrl-C, stdout's reader gone, a deadline),
		// cutting a registry request short: the record is fine, and
		// whoever ended the run says whether that is a failure.
		var sw *schemaWaitError
		if errors.As(err, &sw) {
			c.stats.SchemaWait = &SchemaWait{TopicPartition{r.Topic, r.Partition}, r.Offset, sw.side, sw.id, sw.waited}
		}
		return ctx.Err()
	}
	// Only here, so that regErr's escape to the heap costs nothing for a
	// record that decodes.
	var regErr *schema.RegistryError
	if errors.As(err, &regErr) && !regErr.NotFound {
		// The records before it were written: say where the run stopped.
		return fmt.Errorf("%s:%d offset %d: %w", r.Topic, r.Partition, r.Offset, regErr)
	}
	c.undecoded++
	c.report.Undecodable(TopicPartition{r.Topic, r.Partition}, r.Offset, err)
	return nil
}

// appendRecord appends r in the layout, as decode left it.
func (c *Consumer) appendRecord(dst []byte, p *kgo.FetchPartition, r *kgo.Record) []byte {
	if c.o.Decoder == nil {
		return c.o.Layout.Append(dst, p, r)
	}
	return c.o.Layout.AppendDecoded(dst, p, r, &c.decoded)
}

// noteNullHeader tells NullHeaderValue of r's first null header value,
// the first time a record written has one.
func (c *Consumer) noteNullHeader(r *kgo.Record) {
	for _, h := range r.Headers {
		if h.Value == nil {
			c.report.NullHeaderValue(TopicPartition{r.Topic, r.Partition}, r.Offset, h.Key, c.headerValues)
			c.headerValues = ""
			return
		}
	}
}

// unpacks reports whether the layout's unpack directives can read r, as
// decode left it, reporting it to Unpackable when they cannot.
func (c *Consumer) unpacks(r *kgo.Record) bool {
	var d *format.Decoded
	if c.o.Decoder != nil {
		d = &c.decoded
	}
	err := c.unpacker.Unpack(r, d)
	if err == nil {
		return true
	}
	c.unpackable++
	c.report.Unpackable(TopicPartition{r.Topic, r.Partition}, r.Offset, err)
	return false
}

// unfiltered counts the records that Filter failed on and that are a
// failure of the run: those --filter did not deliver. Until's are taken as
// no match, which its answer tells of.
func (c *Consumer) unfiltered() int64 {
	if c.o.Until {
		return 0
	}
	return c.stats.FilterErrors
}

// RecordsError counts the records that were written raw because they
// could not be decoded, those not written because the layout could not
// unpack them, and those not written because the filter failed on them
// (each was reported). With a filter, named by Filter (--filter or
// --until), the records not decoded were matched raw, and written only
// when it matched them.
type RecordsError struct {
	Undecoded, Unpackable, Unfiltered int64
	Filter                            string
}

// UndecodedOutcome is what became of a record that could not be decoded:
// written raw, or with a filter (filterFlag, --filter or --until; "" for
// none) given raw to it, which writes it only if it matches.
func UndecodedOutcome(filterFlag string) string {
	if filterFlag != "" {
		return "given raw to " + filterFlag
	}
	return "written raw"
}

func (e *RecordsError) Error() string {
	var says []string
	outcome := UndecodedOutcome(e.Filter)
	if e.Undecoded == 1 {
		says = append(says, "1 record could not be decoded and was "+outcome)
	} else if e.Undecoded > 1 {
		says = append(says, fmt.Sprintf("%d records could not be decoded and were %s", e.Undecoded, outcome))
	}
	if e.Unpackable == 1 {
		says = append(says, "1 record could not be unpacked and was not written")
	} else if e.Unpackable > 1 {
		says = append(says, fmt.Sprintf("%d records could not be unpacked and were not written", e.Unpackable))
	}
	if e.Unfiltered == 1 {
		says = append(says, "--filter failed on 1 record, which was not written")
	} else if e.Unfiltered > 1 {
		says = append(says, fmt.Sprintf("--filter failed on %d records, which were not written", e.Unfiltered))
	}
	return strings.Join(says, "; ")
}

// filterFlag is the flag of Filter's expression: --filter, or --until.
func (c *Consumer) filterFlag() string {
	if c.o.Until {
		return "--until"
	}
	return "--filter"
}

// matches reports whether r is to be written, counting Filter's errors,
// the Halter that ends the run at r (Overdue when the filter ran on it for
// Timeout), or that ctx ended while the filter ran. The filter sees the
// decoded key and value where decode made them.
func (c *Consumer) matches(ctx context.Context, r *kgo.Record) (match bool, halt Halter, interrupted bool) {
	if c.o.Filter == nil {
		return true, nil, false
	}
	var decoded *format.Decoded
	if c.o.Decoder != nil {
		decoded = &c.decoded
	}
	var ok, inTime bool
	var err error
	if c.watch == nil {
		ok, err = c.o.Filter.Match(ctx, r, decoded)
		inTime = true
	} else {
		s := c.watch.begin()
		ok, err = c.o.Filter.Match(c.watch.ctx, r, decoded)
		inTime = c.watch.end(s)
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return false, nil, true
	case !inTime:
		return false, &Overdue{After: c.o.Timeout}, false
	}
	if errors.As(err, &halt) {
		return false, halt, false
	}
	if err != nil {
		c.stats.FilterErrors++
		c.report.FilterFailed(TopicPartition{r.Topic, r.Partition}, r.Offset, err)
	}
	return ok, nil, false
}

// counted is what Count limits: records written, or with Until read.
func (c *Consumer) counted() int64 {
	if c.o.Until {
		return c.stats.Read
	}
	return c.stats.Written
}

// hasStops reports whether an assigned partition waits for its stop.
func (c *Consumer) hasStops() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.parts {
		if st.assigned && !st.done && st.stop != NoStop {
			return true
		}
	}
	return false
}

// probeStuck probes the partitions that wait for a stop within the log as it
// was at start and have had no record for probeAfter, and finishes those
// with nothing left to write; it probes at most once per probeAfter. A
// topic deleted meanwhile would leave -e waiting for ever: see dropDeleted.
func (c *Consumer) probeStuck(ctx context.Context, cl *kgo.Client) error {
	if time.Since(c.probed) < probeAfter {
		return nil
	}
	return c.probeQuiet(ctx, cl, probeAfter)
}

// probeQuiet probes, all at once within one Timeout, the partitions that
// wait for a stop within the log as it was at start and have had no record
// for quiet, and finishes those with nothing left to write.
func (c *Consumer) probeQuiet(ctx context.Context, cl *kgo.Client, quiet time.Duration) error {
	c.probed = time.Now()
	type stuck struct {
		tp         TopicPartition
		next, stop int64
		finished   bool
		err        error
	}
	var todo []stuck
	c.mu.Lock()
	for tp, st := range c.parts {
		// A stop past the end captured at start waits for records not yet
		// produced: nothing to probe.
		if st.assigned && !st.done && st.stop != NoStop && st.stop <= c.plan.End[tp] && time.Since(st.progress) >= quiet {
			todo = append(todo, stuck{tp: tp, next: st.next, stop: st.stop})
		}
	}
	c.mu.Unlock()
	// A leader that does not answer holds its probes for Timeout: probed
	// one after another, its partitions would take that each.
	probeCtx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	var wg sync.WaitGroup
	for i := range todo {
		s := &todo[i]
		wg.Go(func() { s.finished, s.err = c.probe(probeCtx, cl, s.tp, s.next, s.stop) })
	}
	wg.Wait()
	cancel()
	pause := map[string][]int32{}
	for _, s := range todo {
		finished, err := s.finished, s.err
		var deleted *DeletedError
		if errors.As(err, &deleted) {
			if err := c.dropDeleted(cl, deleted); err != nil {
				return err
			}
		}
		if !finished {
			continue
		}
		c.mu.Lock()
		if st := c.parts[s.tp]; st != nil && st.next == s.next {
			st.done = true
			pause[s.tp.Topic] = append(pause[s.tp.Topic], s.tp.Partition)
		}
		c.mu.Unlock()
	}
	c.pauseDone(pause)
	return nil
}

// mark marks written records for the group's next commit.
func (c *Consumer) mark(cl *kgo.Client, rs []*kgo.Record) {
	if c.o.Group != "" && !c.o.NoCommit && len(rs) > 0 {
		cl.MarkCommitRecords(rs...)
	}
}
