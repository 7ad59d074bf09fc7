package consume

import (
	"context"
	"slices"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// A consumer without a group fetches the partitions it planned, and
// franz-go does not add the ones created later; a group's balancer does
// (see ClientOpts). Records sent to an added partition of a followed topic
// would never be written, so consume asks for the topics' partitions every
// growCheck while it follows them (Plan.Grow) and consumes new ones from
// their start, as a group member does: everything in them came after
// consume started.

// growCheck is how often a followed topic is asked for added partitions:
// as soon as a group member sees them (MetadataMaxAge in ClientOpts).
const growCheck = 5 * time.Second

// addPartitions consumes the partitions added to the followed topics since
// the last check, from their start, at most once per growCheck. A failure
// to ask is passed over: the next check asks again. A deleted topic is left
// to checkDeleted, and one created again under another ID is not added to.
func (c *Consumer) addPartitions(ctx context.Context, cl *kgo.Client) {
	if !c.plan.Grow || time.Since(c.grown) < growCheck {
		return
	}
	c.grown = time.Now()
	askCtx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	md, err := kadm.NewClient(cl).Metadata(askCtx, c.plan.Topics...)
	cancel()
	if err != nil {
		return
	}
	var zero kadm.TopicID
	added := map[string]map[int32]kgo.Offset{}
	c.mu.Lock()
	for _, topic := range c.plan.Topics {
		td, ok := md.Topics[topic]
		planned := c.plan.IDs[topic]
		if !ok || td.Err != nil || slices.Contains(c.gone, topic) || planned != zero && td.ID != planned {
			continue
		}
		for p := range td.Partitions {
			tp := TopicPartition{topic, p}
			if _, ok := c.parts[tp]; ok {
				continue
			}
			c.parts[tp] = &partState{stop: NoStop, progress: time.Now(), assigned: true}
			if added[topic] == nil {
				added[topic] = map[int32]kgo.Offset{}
			}
			added[topic][p] = kgo.NewOffset().AtStart()
		}
	}
	c.mu.Unlock()
	if len(added) > 0 {
		cl.AddConsumePartitions(added)
	}
}
