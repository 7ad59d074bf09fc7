package devbroker_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/devbroker"
	"github.com/kafkashore/shore/internal/shoretest"
)

// TestStaticMemberFenced: a static member of a KIP-848 group whose consumer
// stopped is listed until its session times out, then no more, as Kafka
// fences it: groups describe and list show the group Empty without members.
// kfake listed it for ever. The cluster fences after 1s here, not 45s.
func TestStaticMemberFenced(t *testing.T) {
	c, err := devbroker.Start(t.Context(), devbroker.Options{Listen: "127.0.0.1:0", Brokers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.FenceStaticMembersAfter(time.Second)
	env := shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": strings.Join(c.Addrs(), ",")}}
	run := func(args ...string) shoretest.Result { return shoretest.RunWith(t, env, args...) }
	if res := run("topics", "create", "orders"); res.Code != 0 {
		t.Fatalf("create: %+v", res)
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Addrs()...), kgo.ConsumerGroup("billing"), kgo.ConsumeTopics("orders"),
		kgo.InstanceID("billing-a"), kgo.ServerSideBalancer(), kgo.Balancers(kgo.RangeBalancer()))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go cl.PollFetches(ctx)
	shoretest.Eventually(t, 30*time.Second, func() error {
		if res := run("groups", "list"); !strings.Contains(res.Stdout, "Stable") {
			return fmt.Errorf("not stable: %+v", res)
		}
		return nil
	})
	cl.Close()
	if res := run("groups", "describe", "billing", "--members"); !strings.Contains(res.Stdout, "billing-a") {
		t.Fatalf("the static member is not listed right after its consumer stopped: %+v", res)
	}
	wantList := "GROUP    TYPE      STATE  PROTOCOL  MEMBERS  COORDINATOR\nbilling  consumer  Empty  range     0        0\n"
	shoretest.Eventually(t, 10*time.Second, func() error {
		if res := run("groups", "list"); res.Stdout != wantList {
			return fmt.Errorf("groups list: %+v; want stdout %q", res, wantList)
		}
		return nil
	})
	wantDescribe := fmt.Sprintf("GROUP        billing\nTYPE         consumer\nSTATE        Empty\nCOORDINATOR  0 (%s)\nPROTOCOL     range\nMEMBERS      0\nTOTAL-LAG    -\n", c.Addrs()[0])
	if res := run("groups", "describe", "billing", "--members"); res.Stdout != wantDescribe || res.Code != 0 {
		t.Errorf("groups describe: %+v; want stdout %q", res, wantDescribe)
	}
}

// TestDefaultReplicationFactor: a topic created without a replication factor
// gets 3 replicas, or one on every broker when there are fewer, as shore dev
// --help says (kfake's default; a stock Kafka's default.replication.factor
// is 1).
func TestDefaultReplicationFactor(t *testing.T) {
	for _, tc := range []struct{ brokers, replicas int }{{1, 1}, {2, 2}, {4, 3}} {
		t.Run(fmt.Sprint(tc.brokers), func(t *testing.T) {
			c, err := devbroker.Start(t.Context(), devbroker.Options{Listen: "127.0.0.1:0", Brokers: tc.brokers})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			env := shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": strings.Join(c.Addrs(), ",")}}
			want := fmt.Sprintf("NAME    PARTITIONS  REPLICAS\norders  1           %d\n", tc.replicas)
			if res := shoretest.RunWith(t, env, "topics", "create", "orders"); res.Stdout != want || res.Code != 0 {
				t.Errorf("topics create: %+v; want stdout %q", res, want)
			}
		})
	}
}
