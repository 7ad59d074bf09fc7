package devbroker

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// TestConsumerGroups: a group is a consumer group from a heartbeat that
// joins it until it is gone or holds a member no heartbeat named, and a
// member that left with a heartbeat is no longer one of its own.
func TestConsumerGroups(t *testing.T) {
	heartbeat := func(cg *consumerGroups, group, member string, epoch int32) {
		req := kmsg.NewPtrConsumerGroupHeartbeatRequest()
		req.Group, req.MemberID, req.MemberEpoch = group, member, epoch
		cg.heartbeat(req)
	}
	info := func(members ...string) *kfake.GroupInfo {
		i := &kfake.GroupInfo{}
		for _, m := range members {
			i.Members = append(i.Members, kfake.GroupMember{MemberID: m})
		}
		return i
	}
	cg := &consumerGroups{members: map[string]map[string]bool{}}
	heartbeat(cg, "g", "m1", 5) // not a join: a group from before is not known
	if cg.known("g") {
		t.Fatal("a heartbeat of epoch 5 made g known")
	}
	heartbeat(cg, "g", "m1", 0)
	heartbeat(cg, "g", "m2", 0)
	heartbeat(cg, "g", "m2", 3)
	for _, tc := range []struct {
		name     string
		info     *kfake.GroupInfo
		consumer bool
	}{
		{"its members", info("m1", "m2"), true},
		{"one left by session timeout", info("m2"), true},
		{"a member no heartbeat named since", info("m1", "m2"), false},
	} {
		if got := cg.consumerGroup("g", tc.info); got != tc.consumer {
			t.Errorf("%s: consumer group %v, want %v", tc.name, got, tc.consumer)
		}
	}
	if cg.known("g") {
		t.Error("g is known after a member no heartbeat named")
	}

	heartbeat(cg, "h", "m1", 0)
	heartbeat(cg, "h", "m1", -1)
	if !cg.consumerGroup("h", info()) {
		t.Error("h, empty after its member left, is not a consumer group")
	}
	if cg.consumerGroup("h", nil) || cg.known("h") {
		t.Error("h, gone, is still known")
	}
	heartbeat(cg, "c", "m1", 0) // refused: classic members are in c
	if cg.consumerGroup("c", info("classic-1")) || cg.known("c") {
		t.Error("c, with a classic member, is taken for a consumer group")
	}
}

// TestListGroupsFiltersAsKafka: ListGroups filters by state and type
// regardless of case, as Kafka does; the Java admin client (kafka-consumer-
// groups --list) asks for the types "Classic" and "Consumer".
func TestListGroupsFiltersAsKafka(t *testing.T) {
	c, err := Start(Options{Listen: "127.0.0.1:0", Brokers: 1, Topics: []TopicSpec{{Name: "orders"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Addrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var offsets kadm.Offsets
	offsets.Add(kadm.Offset{Topic: "orders", Partition: 0, At: 0, LeaderEpoch: -1})
	if err := kadm.NewClient(cl).CommitAllOffsets(ctx, "billing", offsets); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		states, types []string
		want          string
	}{
		{nil, []string{"Classic", "Consumer"}, "billing"},
		{[]string{" EMPTY"}, nil, "billing"},
		{[]string{"Stable"}, []string{"classic"}, ""},
		{nil, []string{"Consumer"}, ""},
	} {
		req := kmsg.NewPtrListGroupsRequest()
		req.StatesFilter, req.TypesFilter = tc.states, tc.types
		resp, err := req.RequestWith(ctx, cl)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, g := range resp.Groups {
			got = append(got, g.Group)
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("states %q, types %q: listed %q, want %q", tc.states, tc.types, got, tc.want)
		}
	}
}
