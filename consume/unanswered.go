package consume

import (
	"context"
	"net"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// AnswerAfter is how long a fetch, or the group's join, may go unanswered
// before the Reporter hears of it. A healthy broker holds a fetch for its
// max wait, 500ms (see ClientOpts), and answers it, empty when nothing is
// new: a quiet tail is no stall. A healthy coordinator holds the first join
// of a group for group.initial.rebalance.delay.ms, 3s by default, and a
// join into a running group until its other members rejoin, each within a
// heartbeat interval, 3s: twice that is a coordinator that does not answer
// or members that do not come. A fetch whose answer is coming in counts
// from the last bytes of it (see FetchReceiving): a large one on a slow
// link takes longer to arrive, and the broker did answer.
// Options.AnswerAfter changes it for one Consumer.
const AnswerAfter = 6 * time.Second

// answerAfter is how long c lets a fetch or a join go unanswered before
// it tells the Reporter.
func (c *Consumer) answerAfter() time.Duration {
	if c.o.AnswerAfter > 0 {
		return c.o.AnswerAfter
	}
	return AnswerAfter
}

// silent is what the Reporter was told of a broker that stopped answering
// (by its host:port, in Consumer.unreachable): once told, it hears of the
// broker again only when it answers.
type silent int

const (
	answering       silent = iota
	dialFailed             // BrokerUnreachable; a successful dial is its answer
	fetchUnanswered        // FetchUnanswered; an answered fetch is its answer
)

// asked follows the requests of one kind written to a broker (or, for the
// join, to the group's coordinator) and not yet answered.
type asked struct {
	pending int
	// since is when the broker was first asked without answering since it
	// last answered: a request that failed unanswered and was sent again
	// goes on counting from the first. Zero when it answered them all.
	since time.Time
	// told says that the Reporter heard of the join's silence; a
	// broker's fetches are told of in Consumer.unreachable.
	told bool
	addr string
	node int32
}

// answerHook tells the Reporter of a fetch, or a join or sync of the
// group, that a broker left unanswered for Consumer.answerAfter, and of
// the answer that ends the wait: a broker that takes requests and never
// answers them (frozen) is otherwise waited on without a word, for as
// long as the Kafka client's request timeout and again after each retry.
type answerHook struct{ c *Consumer }

// joinKey is the key of the group's joins and syncs in Consumer.asked:
// they go to one coordinator, wherever it moves.
const joinKey = ""

// askedKey is where a request of key to the broker at addr is followed in
// Consumer.asked, and false for the requests not followed.
func askedKey(key int16, addr string) (string, bool) {
	switch key {
	case kmsg.Fetch.Int16():
		return addr, true
	case kmsg.JoinGroup.Int16(), kmsg.SyncGroup.Int16():
		return joinKey, true
	}
	return "", false
}

// OnBrokerWrite implements kgo.HookBrokerWrite.
func (h answerHook) OnBrokerWrite(meta kgo.BrokerMetadata, key int16, _ int, _, _ time.Duration, err error) {
	addr := net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))
	k, ok := askedKey(key, addr)
	if !ok || err != nil {
		return
	}
	c := h.c
	c.mu.Lock()
	defer c.mu.Unlock()
	a := c.asked[k]
	if a == nil {
		a = &asked{}
		c.asked[k] = a
	}
	a.pending++
	a.addr, a.node = addr, meta.NodeID
	if a.since.IsZero() {
		c.awaitAnswerLocked(k, a)
	}
}

// awaitAnswerLocked starts counting a's silence from now.
func (c *Consumer) awaitAnswerLocked(k string, a *asked) {
	since := time.Now()
	a.since = since
	c.recheckAfter(c.answerAfter(), k, since)
}

// recheckAfter looks again at the requests followed at k after d. A timer
// that fires a second or more past its time (Go's are late by a few
// milliseconds, on a loaded machine by tens) says that shore itself did not
// run, stopped with SIGSTOP or its machine suspended: the silence was
// shore's own, the answers wait to be read, and the count starts again.
func (c *Consumer) recheckAfter(d time.Duration, k string, since time.Time) {
	due := time.Now().Add(d)
	time.AfterFunc(d, func() {
		if time.Since(due) >= time.Second {
			c.recheckAfter(c.answerAfter(), k, since)
			return
		}
		c.stillUnanswered(k, since)
	})
}

// OnBrokerRead implements kgo.HookBrokerRead. A read that failed (the
// request timed out, the connection broke) is no answer: the client asks
// again, and the silence goes on.
func (h answerHook) OnBrokerRead(meta kgo.BrokerMetadata, key int16, _ int, _, _ time.Duration, err error) {
	addr := net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))
	k, ok := askedKey(key, addr)
	if !ok {
		return
	}
	c := h.c
	c.mu.Lock()
	a := c.asked[k]
	if a == nil {
		c.mu.Unlock()
		return
	}
	a.pending = max(a.pending-1, 0)
	if err != nil {
		c.mu.Unlock()
		return
	}
	a.since = time.Time{}
	if a.pending > 0 {
		c.awaitAnswerLocked(k, a)
	}
	var told bool
	if k == joinKey {
		told, a.told = a.told, false
	} else {
		told = c.unreachable[addr] != answering
		c.unreachable[addr] = answering
	}
	closing := c.closing
	c.mu.Unlock()
	switch {
	case !told || closing:
	case k == joinKey:
		c.report.JoinAnswered(c.o.Group)
	default:
		c.report.BrokerAnswers(addr)
	}
}

// stillUnanswered tells the Reporter of the requests followed at k when they
// have waited for an answer since since.
func (c *Consumer) stillUnanswered(k string, since time.Time) {
	c.mu.Lock()
	a := c.asked[k]
	if a == nil || !a.since.Equal(since) || c.closing {
		c.mu.Unlock()
		return
	}
	addr, node := a.addr, a.node
	if k == joinKey {
		told := a.told
		a.told = true
		c.mu.Unlock()
		if !told {
			c.report.JoinUnanswered(c.o.Group, addr, c.answerAfter())
		}
		return
	}
	if c.unreachable[addr] != answering {
		// Told already that it cannot be reached; a dial that succeeds
		// again may still leave its fetches unanswered.
		c.mu.Unlock()
		c.recheckAfter(c.answerAfter(), k, since)
		return
	}
	if quiet := time.Since(c.fetchReceived(addr)); quiet < c.answerAfter() {
		// Its answer is still coming in: a large one, slow to read.
		c.mu.Unlock()
		c.recheckAfter(c.answerAfter()-quiet, k, since)
		return
	}
	// Told before the partitions are looked up, so that a second timer
	// of the same silence (a fetch answered meanwhile, the next one not)
	// does not tell it again.
	c.unreachable[addr] = fetchUnanswered
	cl := c.cl
	c.mu.Unlock()
	waiting, known := c.ledBy(cl, node)
	c.mu.Lock()
	// The broker answered while its partitions were looked up, or leads
	// none of them now (they moved to another leader).
	unchanged := a.since.Equal(since) && !c.closing && (len(waiting) > 0 || !known)
	if !unchanged {
		c.unreachable[addr] = answering
	}
	c.mu.Unlock()
	if unchanged {
		c.report.FetchUnanswered(addr, c.answerAfter(), waiting)
	}
}

// FetchReceiving notes that bytes of a fetch's answer arrived from the
// broker at addr (host:port), for connect.ClientOptions.FetchReceiving: a
// fetch whose answer is still coming in is not unanswered.
func (c *Consumer) FetchReceiving(addr string) {
	last, ok := c.received.Load(addr)
	if !ok {
		last, _ = c.received.LoadOrStore(addr, new(atomic.Int64))
	}
	last.(*atomic.Int64).Store(time.Now().UnixNano())
}

// fetchReceived is when bytes of a fetch's answer last arrived from addr;
// the zero time when none did.
func (c *Consumer) fetchReceived(addr string) time.Time {
	if last, ok := c.received.Load(addr); ok {
		return time.Unix(0, last.(*atomic.Int64).Load())
	}
	return time.Time{}
}

// ledBy lists, sorted, the partitions still to be read whose leader is the
// broker node, as the client's metadata has it; known is false when the
// client cannot tell within a second (it asks a broker when its metadata
// is stale).
func (c *Consumer) ledBy(cl *kgo.Client, node int32) (led []TopicPartition, known bool) {
	byNode, _, known := c.leaders(cl)
	return byNode[node], known
}

// leaders is, by the node that leads them, the partitions still to be read,
// each sorted, and the node of each broker by its host:port, as the
// client's metadata has them; known is false when the client cannot tell
// within a second (it asks a broker when its metadata is stale).
func (c *Consumer) leaders(cl *kgo.Client) (byNode map[int32][]TopicPartition, nodes map[string]int32, known bool) {
	if cl == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	var topics []string
	for tp, st := range c.parts {
		if st.assigned && !st.done && !slices.Contains(topics, tp.Topic) {
			topics = append(topics, tp.Topic)
		}
	}
	c.mu.Unlock()
	req := kmsg.NewPtrMetadataRequest()
	for _, topic := range topics {
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(topic)
		req.Topics = append(req.Topics, rt)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	// The client keeps its metadata fresh while it consumes: an hour
	// takes what it has.
	md, err := cl.RequestCachedMetadata(ctx, req, time.Hour)
	if err != nil {
		return nil, nil, false
	}
	nodes = map[string]int32{}
	for _, b := range md.Brokers {
		nodes[net.JoinHostPort(b.Host, strconv.Itoa(int(b.Port)))] = b.NodeID
	}
	byNode = map[int32][]TopicPartition{}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, t := range md.Topics {
		if t.Topic == nil {
			continue
		}
		for _, p := range t.Partitions {
			tp := TopicPartition{*t.Topic, p.Partition}
			if st := c.parts[tp]; st != nil && st.assigned && !st.done {
				byNode[p.Leader] = append(byNode[p.Leader], tp)
			}
		}
	}
	for _, led := range byNode {
		slices.SortFunc(led, TopicPartition.compare)
	}
	return byNode, nodes, true
}

// silentBrokers is each broker that the Reporter was told had stopped
// answering, a dial failed or a fetch unanswered, and that has not answered
// since, and that leads partitions still to be read (all of them, when the
// client cannot tell which it leads), sorted by address.
func (c *Consumer) silentBrokers(cl *kgo.Client) []SilentBroker {
	c.mu.Lock()
	var addrs []string
	for addr, told := range c.unreachable {
		if told != answering {
			addrs = append(addrs, addr)
		}
	}
	c.mu.Unlock()
	if len(addrs) == 0 {
		return nil
	}
	slices.Sort(addrs)
	byNode, nodes, known := c.leaders(cl)
	var silent []SilentBroker
	for _, addr := range addrs {
		node, ok := nodes[addr]
		switch {
		case !known:
			silent = append(silent, SilentBroker{Addr: addr})
		case ok && len(byNode[node]) > 0:
			silent = append(silent, SilentBroker{Addr: addr, Waiting: byNode[node]})
		}
	}
	return silent
}
