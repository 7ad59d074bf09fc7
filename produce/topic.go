package produce

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/topics"
)

// Spread is how a topic's partitions lie on the cluster.
type Spread struct {
	Partitions int32
	// Leaders is how many brokers lead its partitions, at least 1.
	Leaders int
}

// CheckTopic asks the cluster about topic, until ctx ends, and returns how
// its partitions spread. A topic that does not exist is an error naming it
// (not while another broker knows it: the one asked has not heard of it
// yet); with autoCreate the request asks the broker to create it, and the
// error says when the broker would not.
func CheckTopic(ctx context.Context, cl *kgo.Client, topic string, autoCreate bool) (Spread, error) {
	req := kmsg.NewPtrMetadataRequest()
	rt := kmsg.NewMetadataRequestTopic()
	rt.Topic = kmsg.StringPtr(topic)
	req.Topics = append(req.Topics, rt)
	req.AllowAutoTopicCreation = autoCreate
	for {
		resp, err := req.RequestWith(ctx, cl)
		if err != nil {
			if ctx.Err() != nil && autoCreate {
				return Spread{}, fmt.Errorf("unknown topic %q, and the broker did not create it (is auto.create.topics.enable off?)", topic)
			}
			return Spread{}, err
		}
		if len(resp.Topics) != 1 {
			return Spread{}, fmt.Errorf("topic %q: the broker answered about %d topics", topic, len(resp.Topics))
		}
		rt := resp.Topics[0]
		err = kerr.ErrorForCode(rt.ErrorCode)
		switch {
		case err == nil && len(rt.Partitions) > 0:
			leaders := map[int32]bool{}
			for _, p := range rt.Partitions {
				if p.Leader >= 0 {
					leaders[p.Leader] = true
				}
			}
			return Spread{Partitions: int32(len(rt.Partitions)), Leaders: max(len(leaders), 1)}, nil
		case !autoCreate && errors.Is(err, kerr.UnknownTopicOrPartition) && !topics.KnownElsewhere(ctx, cl, topic):
			return Spread{}, unknownTopic(ctx, cl, topic)
		case errors.Is(err, kerr.TopicAuthorizationFailed):
			return Spread{}, &topics.NotAuthorizedError{Topics: []string{topic}}
		case err != nil && !kerr.IsRetriable(err):
			return Spread{}, fmt.Errorf("topic %q: %w", topic, err)
		}
		// Being created, or its leaders being elected: ask again.
		select {
		case <-ctx.Done():
			if autoCreate {
				return Spread{}, fmt.Errorf("unknown topic %q, and the broker did not create it (is auto.create.topics.enable off?)", topic)
			}
			return Spread{}, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// unknownTopic is the error for topic, which does not exist: it names the
// topic a typo or two away (or in another case), if one is, as the other
// commands name it ('did you mean "orders"?'), else how to have it made.
func unknownTopic(ctx context.Context, cl *kgo.Client, topic string) error {
	if e := topics.Suggested(ctx, kadm.NewClient(cl), []string{topic}, nil, nil)[0].(*topics.UnknownTopicError); e.Near != "" {
		return e
	}
	return fmt.Errorf("unknown topic %q (create it, or pass --allow-auto-create)", topic)
}

// TopicSettings are the settings of a topic that decide which records it
// takes.
type TopicSettings struct {
	// MaxMessageBytes is the largest record batch the topic accepts (its
	// max.message.bytes, or the broker's default for it), or 0 when
	// unknown.
	MaxMessageBytes int32
	// Compacted says that its cleanup.policy holds compact: Kafka refuses
	// a record without a key there.
	Compacted bool
}

// DescribeTopic returns topic's settings, or the zero TopicSettings when
// the cluster does not say (a principal without DescribeConfigs, an old
// broker).
func DescribeTopic(ctx context.Context, cl *kgo.Client, topic string) TopicSettings {
	var ts TopicSettings
	rcs, err := kadm.NewClient(cl).DescribeTopicConfigs(ctx, topic)
	if err != nil {
		return ts
	}
	rc, err := rcs.On(topic, nil)
	if err != nil || rc.Err != nil {
		return ts
	}
	for _, c := range rc.Configs {
		if c.Value == nil {
			continue
		}
		switch c.Key {
		case "max.message.bytes":
			if n, err := strconv.ParseInt(*c.Value, 10, 32); err == nil && n > 0 {
				ts.MaxMessageBytes = int32(n)
			}
		case "cleanup.policy":
			ts.Compacted = topics.Compacted(*c.Value)
		}
	}
	return ts
}
