package consume

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/topics"
)

// A topic deleted while it is consumed never sends another record, and
// franz-go does not give up on it: it fetches it again at once, for ever,
// and each poll returns the same UNKNOWN_TOPIC_ID (thousands a second).
// A failed fetch alone is no proof (a broker may not host a topic created a
// moment ago, or not know it yet after a restart), so consume asks the
// cluster (see deleted) before it gives up on the topic. A group member that
// holds none of the topic's partitions fetches nothing of it: for it, the
// failure is the client's next metadata refresh, which finds the topic
// unknown (see ClientOpts).

// recheckDeleted is how soon consume asks again whether a topic whose
// fetches fail as unknown was deleted, after the cluster said it was not.
const recheckDeleted = time.Second

// DeletedError is a topic deleted while it was consumed.
type DeletedError struct {
	Topic string
	// Partition did not reach its stop Stop (-e or a range); Stop is
	// NoStop when the topic was followed.
	Partition int32
	Stop      int64
	// Last says the topic was the last left of those a regular
	// expression matched.
	Last bool
}

func (e *DeletedError) Error() string {
	msg := fmt.Sprintf("topic %q was deleted while it was consumed", e.Topic)
	if e.Stop != NoStop {
		msg += fmt.Sprintf(", before partition %d reached offset %d", e.Partition, e.Stop)
	}
	if e.Last {
		msg += "; no other matched topic is left"
	}
	return msg
}

// unknownTopic reports whether a fetch error says that the broker does not
// host the topic, or not under the ID consumed.
func unknownTopic(err error) bool {
	return errors.Is(err, kerr.UnknownTopicID) || errors.Is(err, kerr.UnknownTopicOrPartition) || errors.Is(err, kerr.InconsistentTopicID)
}

// deleted reports whether topic is confirmed deleted: the metadata says it
// does not exist and no broker of the cluster knows it (one broker's word
// is not enough: one just restarted may not know the topic yet), or it
// exists under another ID than when consuming started (deleted and created
// again). Any failure to ask reports false.
func (c *Consumer) deleted(ctx context.Context, cl *kgo.Client, topic string) bool {
	md, err := kadm.NewClient(cl).Metadata(ctx, topic)
	if err != nil {
		return false
	}
	td, ok := md.Topics[topic]
	switch {
	case !ok:
		return false
	case errors.Is(td.Err, kerr.UnknownTopicOrPartition):
		return !topics.KnownElsewhere(ctx, cl, topic)
	case td.Err != nil:
		return false
	}
	var zero kadm.TopicID
	planned := c.plan.IDs[topic]
	return planned != zero && td.ID != zero && td.ID != planned
}

// checkDeleted is called for a fetch of topic that failed as unknown. It
// asks whether the topic was deleted, at most once per recheckDeleted, and
// when it was, ends consuming it (see dropDeleted).
func (c *Consumer) checkDeleted(ctx context.Context, cl *kgo.Client, topic string) error {
	if at, ok := c.checked[topic]; ok && time.Since(at) < recheckDeleted {
		return nil
	}
	c.checked[topic] = time.Now()
	checkCtx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	gone := c.deleted(checkCtx, cl, topic)
	cancel()
	if !gone {
		return nil
	}
	err := &DeletedError{Topic: topic, Stop: NoStop}
	c.mu.Lock()
	// The first partition still short of its stop, for -e's message.
	for tp, st := range c.parts {
		if tp.Topic == topic && st.assigned && !st.done && st.stop != NoStop && (err.Stop == NoStop || tp.Partition < err.Partition) {
			err.Partition, err.Stop = tp.Partition, st.stop
		}
	}
	c.mu.Unlock()
	return c.dropDeleted(cl, err)
}

// dropDeleted ends consuming the deleted topic. A topic named to consume
// ends the run with err: consume cannot do what it was asked. A topic a
// regular expression matched leaves the topics matched, with a warning,
// and consuming goes on with the others; the last one to leave ends the
// run. A topic already dropped is passed over.
func (c *Consumer) dropDeleted(cl *kgo.Client, err *DeletedError) error {
	c.mu.Lock()
	if slices.Contains(c.gone, err.Topic) {
		c.mu.Unlock()
		return nil
	}
	c.gone = append(c.gone, err.Topic)
	err.Last = c.plan.Matched && !slices.ContainsFunc(c.plan.Topics, func(t string) bool { return !slices.Contains(c.gone, t) })
	if !c.plan.Matched || err.Last {
		c.mu.Unlock()
		return err
	}
	for tp := range c.parts {
		if tp.Topic == err.Topic {
			delete(c.parts, tp)
		}
	}
	c.mu.Unlock()
	cl.PurgeTopicsFromConsuming(err.Topic)
	c.report.TopicDeleted(err.Topic)
	return nil
}
