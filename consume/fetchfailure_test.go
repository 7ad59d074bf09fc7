package consume

import (
	"context"
	"crypto/rand"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/testbroker"
)

// TestFetchTooLarge: a fetch answer larger than the client reads ends
// consuming with one line saying that a record batch is larger than
// shore's fetch limit and what to do, not the Kafka client's 'fetch :-1:
// invalid large response size 300000000 > limit 268435456: response
// exceeds BrokerMaxReadBytes'. Such an answer needs a record batch over
// fetchResponseMax (256 MiB), more than a test should write: the client
// here reads at most 64 KiB, so that a record of 100 KiB makes one, and
// its error is the one it gives for 256 MiB.
func TestFetchTooLarge(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	value := make([]byte, 100<<10)
	rand.Read(value) // what no compression makes smaller
	testbroker.Produce(t, &kgo.Record{Topic: topic, Value: value})
	cl := testbroker.Client(t, kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.FetchMaxBytes(64<<10), kgo.FetchMaxPartitionBytes(64<<10), kgo.BrokerMaxReadBytes(64<<10))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		fetches := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			t.Fatal("no fetch error within 20s")
		}
		if len(fetches.Errors()) == 0 {
			continue
		}
		err := (&Consumer{}).fetchErrors(ctx, cl, fetches)
		want := "fetch: a record batch larger than shore's fetch limit of 256 MiB (the topic's max.message.bytes let it in); shore cannot read it: start after it (-o OFFSET, or shore groups commit for a group), or read it with a client whose fetch limit is larger"
		if err == nil || err.Error() != want {
			t.Fatalf("got %v\nwant %s", err, want)
		}
		return
	}
}
