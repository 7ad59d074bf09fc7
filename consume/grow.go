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

// addPartitions consumes the partitions added to the followed topics that
// the last look found, from their start, and starts the next look once a
// growCheck has passed since the last began. A look runs apart from the
// loop, so that a broker that does not answer (a frozen one, up to
// --timeout) never holds records back; one that fails is passed over, and
// the next asks again. A deleted topic is left to checkDeleted, and one
// created again under another ID is not added to.
func (c *Consumer) addPartitions(ctx context.Context, cl *kgo.Client) {
	if !c.plan.Grow {
		return
	}
	select {
	case md := <-c.looked:
		c.looking = false
		c.addFound(cl, md)
	default:
	}
	if c.looking || time.Since(c.grown) < growCheck {
		return
	}
	c.grown, c.looking = time.Now(), true
	go func() {
		askCtx, cancel := context.WithTimeout(ctx, c.o.Timeout)
		defer cancel()
		md, err := kadm.NewClient(cl).Metadata(askCtx, c.plan.Topics...)
		if err != nil {
			md = kadm.Metadata{}
		}
		c.looked <- md
		// The answer is taken at the next turn of the loop: end the
		// poll that waits meanwhile.
		c.mu.Lock()
		if c.wake != nil {
			c.wake()
		}
		c.mu.Unlock()
	}()
}

// addFound consumes the partitions of md that are not consumed yet.
func (c *Consumer) addFound(cl *kgo.Client, md kadm.Metadata) {
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
