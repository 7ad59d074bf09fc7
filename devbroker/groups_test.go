package devbroker

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/kversion"
)

// TestConsumerGroups: a group is a consumer group from a heartbeat that
// joins it until it is gone or holds a member no heartbeat named, and a
// member that left with a heartbeat is no longer one of its own.
func TestConsumerGroups(t *testing.T) {
	heartbeat := func(cg *consumerGroups, group, member string, epoch int32) {
		req := kmsg.NewPtrConsumerGroupHeartbeatRequest()
		req.Group, req.MemberID, req.MemberEpoch = group, member, epoch
		cg.heartbeat(req, time.Now())
	}
	info := func(members ...string) *kfake.GroupInfo {
		i := &kfake.GroupInfo{}
		for _, m := range members {
			i.Members = append(i.Members, kfake.GroupMember{MemberID: m})
		}
		return i
	}
	cg := newConsumerGroups()
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
	cg.note("kept", info("m1")) // from DataDir, with a member restored
	if !cg.consumerGroup("kept", info("m1")) {
		t.Error("kept, noted at start, is not a consumer group")
	}
	cg.forget("kept")
	if cg.known("kept") {
		t.Error("kept is known after it was forgotten")
	}
	// A static member that leaves for now is held for its session timeout.
	at := time.Now()
	static := kmsg.NewPtrConsumerGroupHeartbeatRequest()
	static.Group, static.MemberID, static.InstanceID = "s", "m1", kmsg.StringPtr("i1")
	cg.heartbeat(static, at)
	static.MemberEpoch, static.InstanceID = -2, nil // kgo's leave names no instance
	if left, fenceIn := cg.heartbeat(static, at); !left.Equal(at) || fenceIn != staticSessionTimeout {
		t.Errorf("a static leave for now: fence at %v in %v; want %v in %v", left, fenceIn, at, staticSessionTimeout)
	}
	for _, tc := range []struct {
		after      time.Duration
		members    int
		staticLeft bool
	}{{0, 1, true}, {staticSessionTimeout, 0, false}} {
		if members, staticLeft := cg.held("s", at.Add(tc.after)); members != tc.members || staticLeft != tc.staticLeft {
			t.Errorf("%v after a static leave: %d members held, static left %v; want %d, %v", tc.after, members, staticLeft, tc.members, tc.staticLeft)
		}
	}
	static.MemberEpoch = 0 // back, with the same id: fence leaves it be
	cg.heartbeat(static, at)
	if members, staticLeft := cg.held("s", at.Add(staticSessionTimeout)); members != 1 || staticLeft {
		t.Errorf("a static member back after its leave: %d members held, static left %v; want 1, false", members, staticLeft)
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
	cl, ctx := startClient(t, Options{Topics: []TopicSpec{{Name: "orders"}}})
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

// TestFetchOffsetsOfUnknownGroupAsKafka: the offsets of a group the broker
// does not know are none, without an error, as Kafka answers (kafka-
// consumer-groups --reset-offsets --to-current failed on
// GROUP_ID_NOT_FOUND); a known group's are its commits.
func TestFetchOffsetsOfUnknownGroupAsKafka(t *testing.T) {
	cl, ctx := startClient(t, Options{Topics: []TopicSpec{{Name: "orders", Partitions: 2}}})
	var offsets kadm.Offsets
	offsets.Add(kadm.Offset{Topic: "orders", Partition: 1, At: 5, LeaderEpoch: -1})
	if err := kadm.NewClient(cl).CommitAllOffsets(ctx, "billing", offsets); err != nil {
		t.Fatal(err)
	}
	// Kafka 2.8's versions (OffsetFetch v7) ask for one group as v8 asks for many.
	old, err := kgo.NewClient(kgo.SeedBrokers(cl.OptValue(kgo.SeedBrokers).([]string)...), kgo.MaxVersions(kversion.V2_8_0()))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	for _, client := range []*kgo.Client{cl, old} {
		for _, tc := range []struct {
			group  string
			topics []kmsg.OffsetFetchRequestGroupTopic
			want   string
		}{
			{"nobody", nil, ""},
			{"nobody", []kmsg.OffsetFetchRequestGroupTopic{{Topic: "orders", Partitions: []int32{0, 1}}}, "orders:0=-1 orders:1=-1"},
			{"billing", []kmsg.OffsetFetchRequestGroupTopic{{Topic: "orders", Partitions: []int32{0, 1}}}, "orders:0=-1 orders:1=5"},
		} {
			req := kmsg.NewPtrOffsetFetchRequest()
			g := kmsg.NewOffsetFetchRequestGroup()
			g.Group, g.Topics = tc.group, tc.topics
			req.Groups = []kmsg.OffsetFetchRequestGroup{g}
			resp, err := req.RequestWith(ctx, client)
			if err != nil || len(resp.Groups) != 1 {
				t.Fatalf("OffsetFetch %s: %v %+v", tc.group, err, resp)
			}
			var got []string
			for _, t := range resp.Groups[0].Topics {
				for _, p := range t.Partitions {
					got = append(got, fmt.Sprintf("%s:%d=%d", t.Topic, p.Partition, p.Offset))
				}
			}
			if code := resp.Groups[0].ErrorCode; code != 0 || strings.Join(got, " ") != tc.want {
				t.Errorf("v%d %s %v: error %d, offsets %q; want no error, %q", resp.Version, tc.group, tc.topics, code, got, tc.want)
			}
		}
	}
}
