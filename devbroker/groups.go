package devbroker

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/format"
)

// refuseClassicJoins answers INCONSISTENT_GROUP_PROTOCOL to a classic
// member's first JoinGroup for a KIP-848 consumer group with members, as
// Kafka answers a member it cannot take, so that the client stops with an
// error. Apache Kafka 4 mixes classic and consumer-protocol members in one
// group; kfake takes such a join, never assigns the member anything and
// drops it at every heartbeat (UNKNOWN_MEMBER_ID), so that it would rejoin
// for ever. For an empty consumer group, Kafka 4 turns the group classic
// and keeps its commits: so does this control, deleting the group and
// committing its offsets again through inside, before kfake takes the join.
//
// kfake does not tell a group's type. A ConsumerGroupHeartbeat that joins a
// group makes it a consumer group unless classic members are in it, and
// kfake never turns it back; so a group is taken for a consumer group from
// such a heartbeat on, until it is gone or holds a member whose id no
// heartbeat named (a classic one: the heartbeat was refused). A group kept
// in DataDir from an earlier run is known from the start (knownConsumerGroups).
//
// The controls ask kfake about groups and topics (GroupInfo,
// CoordinatorFor, TopicInfo) from the control function itself: while a
// control runs, the cluster's loop waits for its answer and serves such
// questions, also while the cluster closes. Never from a SleepControl
// wakeup: the loop ends at Close, and a question after that blocks for ever.
// Requests, which the loop serves only while the control sleeps, are sent
// from the wakeup, through inside, which Close closes first.
func refuseClassicJoins(kc *kfake.Cluster, cg *consumerGroups, inside *insideClient, warn func(format string, args ...any)) {
	kc.ControlKey(kmsg.ConsumerGroupHeartbeat.Int16(), func(req kmsg.Request) (kmsg.Response, error, bool) {
		hb := req.(*kmsg.ConsumerGroupHeartbeatRequest)
		if left, fenceIn := cg.heartbeat(hb, time.Now()); fenceIn > 0 {
			group, member := hb.Group, hb.MemberID // not the whole request, for 45s
			time.AfterFunc(fenceIn, func() { cg.fence(group, member, left, inside) })
		}
		return nil, nil, false
	})
	kc.ControlKey(kmsg.JoinGroup.Int16(), func(req kmsg.Request) (kmsg.Response, error, bool) {
		join := req.(*kmsg.JoinGroupRequest)
		// A member id means the broker took the member before: only
		// first joins are judged.
		if join.MemberID != "" || !cg.known(join.Group) {
			return nil, nil, false
		}
		info := kc.GroupInfo(join.Group)
		if !cg.consumerGroup(join.Group, info) {
			return nil, nil, false
		}
		if members, _ := cg.held(join.Group, time.Now()); members == 0 {
			cg.forget(join.Group)
			kc.SleepControl(func() {
				if err := inside.turnClassic(join.Group, info.Commits); err != nil {
					warn("group %q: turning the empty consumer group classic for a classic member: %v", join.Group, err)
				}
			})
			return nil, nil, false
		}
		kc.KeepControl()
		resp := join.ResponseKind().(*kmsg.JoinGroupResponse)
		resp.ErrorCode = kerr.InconsistentGroupProtocol.Code
		resp.Generation = -1
		return resp, nil, true
	})
}

// deleteGroupsAsKafka refuses, NON_EMPTY_GROUP, to delete a consumer group
// that holds a static member that left for now (MemberEpoch -2, as a
// static KIP-848 consumer leaves when it stops), as Kafka does until it
// fences the member at its session timeout; kfake deleted the group, and
// its commits. The other groups of such a request are deleted through
// inside, while the request sleeps.
func deleteGroupsAsKafka(kc *kfake.Cluster, cg *consumerGroups, inside *insideClient) {
	kc.ControlKey(kmsg.DeleteGroups.Int16(), func(kreq kmsg.Request) (kmsg.Response, error, bool) {
		req := kreq.(*kmsg.DeleteGroupsRequest)
		now, node := time.Now(), kc.CurrentNode()
		held := map[string]bool{}
		var others []string
		for _, g := range req.Groups {
			if cg.known(g) && kc.CoordinatorFor(g) == node && cg.consumerGroup(g, kc.GroupInfo(g)) {
				if _, staticLeft := cg.held(g, now); staticLeft {
					held[g] = true
					continue
				}
			}
			others = append(others, g)
		}
		if len(held) == 0 {
			return nil, nil, false
		}
		kc.KeepControl()
		deleted := make(chan map[string]int16, 1)
		if len(others) > 0 {
			kc.SleepControl(func() { deleted <- inside.deleteGroups(others) })
		}
		var codes map[string]int16
		select {
		case codes = <-deleted:
		default: // none to delete, or the cluster is closing
		}
		resp := req.ResponseKind().(*kmsg.DeleteGroupsResponse)
		for _, g := range req.Groups {
			rg := kmsg.NewDeleteGroupsResponseGroup()
			rg.Group, rg.ErrorCode = g, codes[g]
			switch {
			case held[g]:
				rg.ErrorCode = kerr.NonEmptyGroup.Code
			case codes == nil:
				rg.ErrorCode = kerr.CoordinatorNotAvailable.Code
			}
			resp.Groups = append(resp.Groups, rg)
		}
		return resp, nil, true
	})
}

// deleteGroups deletes the groups and returns each one's error code.
func (c *insideClient) deleteGroups(groups []string) map[string]int16 {
	ctx, cancel := c.context()
	defer cancel()
	codes := make(map[string]int16, len(groups))
	resps, err := c.adm.DeleteGroups(ctx, groups...)
	for _, g := range groups {
		r, ok := resps[g]
		var ke *kerr.Error
		switch {
		case ok && r.Err == nil:
		case ok && errors.As(r.Err, &ke):
			codes[g] = ke.Code
		case !ok && errors.As(err, &ke):
			codes[g] = ke.Code
		default:
			codes[g] = kerr.CoordinatorNotAvailable.Code
		}
	}
	return codes
}

// turnClassic deletes group, an empty consumer group, and commits its
// commits again: kfake then makes a classic group of it for the next
// classic join, holding the commits, as Kafka 4 turns such a group.
func (c *insideClient) turnClassic(group string, commits map[string]map[int32]kfake.GroupCommit) error {
	ctx, cancel := c.context()
	defer cancel()
	if _, err := c.adm.DeleteGroup(ctx, group); err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	var offsets kadm.Offsets
	n := 0
	for topic, ps := range commits {
		for p, oc := range ps {
			offsets.Add(kadm.Offset{Topic: topic, Partition: p, At: oc.Offset, LeaderEpoch: oc.LeaderEpoch, Metadata: oc.Metadata})
			n++
		}
	}
	if n == 0 {
		return nil
	}
	if err := c.adm.CommitAllOffsets(ctx, group, offsets); err != nil {
		return fmt.Errorf("commit %s again: %w", format.Count(n, "offset"), err)
	}
	return nil
}

// knownConsumerGroups notes, in cg, the consumer groups kc holds at start
// (from DataDir) with their members, through inside.
func knownConsumerGroups(kc *kfake.Cluster, cg *consumerGroups, inside *insideClient) error {
	ctx, cancel := inside.context()
	defer cancel()
	listed, err := inside.adm.ListGroupsByType(ctx, []string{"consumer"})
	if err != nil {
		return err
	}
	for _, name := range listed.Groups() {
		cg.note(name, kc.GroupInfo(name))
	}
	return nil
}

// consumerGroups are the groups a ConsumerGroupHeartbeat joined, each with
// the members, by id, that heartbeats named and did not leave with.
type consumerGroups struct {
	mu      sync.Mutex
	members map[string]map[string]memberNote
	// sessionTimeout is how long a static member that left for now is
	// held before it is fenced: staticSessionTimeout.
	sessionTimeout time.Duration
}

// memberNote is what a consumer group's member's heartbeats told.
type memberNote struct {
	static bool      // it joined with an instance id
	left   time.Time // when it left for now (MemberEpoch -2), a static member
}

func newConsumerGroups() *consumerGroups {
	return &consumerGroups{members: map[string]map[string]memberNote{}, sessionTimeout: staticSessionTimeout}
}

// staticSessionTimeout is how long Kafka keeps a static member that left
// for now before it fences it: group.consumer.session.timeout.ms, 45s by
// default. kfake keeps it in the group for ever: fence removes it.
const staticSessionTimeout = 45 * time.Second

// heartbeat notes the group a heartbeat joins and the member it names, at
// now: epoch 0 joins, -1 leaves, and -2 leaves for now, a static member
// (kfake takes -2 from a member that joined without an instance id as -1;
// the leave itself need not repeat the id). For a static member's leave
// for now it returns now and sessionTimeout, after which fence is to end
// it; otherwise fenceIn is 0.
func (cg *consumerGroups) heartbeat(req *kmsg.ConsumerGroupHeartbeatRequest, now time.Time) (left time.Time, fenceIn time.Duration) {
	cg.mu.Lock()
	defer cg.mu.Unlock()
	ids := cg.members[req.Group]
	if ids == nil {
		if req.MemberEpoch != 0 {
			return time.Time{}, 0
		}
		ids = map[string]memberNote{}
		cg.members[req.Group] = ids
	}
	n, had := ids[req.MemberID]
	switch {
	case req.MemberID == "":
	case req.MemberEpoch == -2 && n.static:
		n.left = now
		ids[req.MemberID] = n
		return now, cg.sessionTimeout
	case req.MemberEpoch < 0:
		delete(ids, req.MemberID)
	case !had:
		ids[req.MemberID] = memberNote{static: req.InstanceID != nil}
	case !n.left.IsZero():
		n.left = time.Time{}
		ids[req.MemberID] = n
	}
	return time.Time{}, 0
}

// fence removes member from group, through inside, as Kafka fences a
// static member that left for now (at left) once its session times out:
// the group then lists it no more and is Empty without other members.
// A member that came back, or was fenced already, is left alone.
func (cg *consumerGroups) fence(group, member string, left time.Time, inside *insideClient) {
	cg.mu.Lock()
	n, ok := cg.members[group][member]
	cg.mu.Unlock()
	if !ok || !n.left.Equal(left) {
		return
	}
	ctx, cancel := inside.context()
	defer cancel()
	leave := kmsg.NewPtrConsumerGroupHeartbeatRequest()
	leave.Group, leave.MemberID, leave.MemberEpoch = group, member, -1
	// An error leaves the member as kfake keeps it: the cluster is
	// closing, or kfake fenced it already.
	_, _ = leave.RequestWith(ctx, inside.cl)
}

// note takes group, as info shows it (nil: gone), for a consumer group.
func (cg *consumerGroups) note(group string, info *kfake.GroupInfo) {
	if info == nil {
		return
	}
	cg.mu.Lock()
	defer cg.mu.Unlock()
	ids := map[string]memberNote{}
	for _, m := range info.Members {
		ids[m.MemberID] = memberNote{static: m.InstanceID != nil}
	}
	cg.members[group] = ids
}

// forget takes group for a consumer group no more.
func (cg *consumerGroups) forget(group string) {
	cg.mu.Lock()
	defer cg.mu.Unlock()
	delete(cg.members, group)
}

// known reports whether a heartbeat joined group.
func (cg *consumerGroups) known(group string) bool {
	cg.mu.Lock()
	defer cg.mu.Unlock()
	return cg.members[group] != nil
}

// consumerGroup reports whether the known group, as info shows it now (nil
// when it is gone), is still a consumer group, and forgets it when not. Its
// members' ids are kept to those info lists.
func (cg *consumerGroups) consumerGroup(group string, info *kfake.GroupInfo) bool {
	cg.mu.Lock()
	defer cg.mu.Unlock()
	ids := cg.members[group]
	if ids == nil || info == nil {
		delete(cg.members, group)
		return false
	}
	kept := map[string]memberNote{}
	for _, m := range info.Members {
		n, ok := ids[m.MemberID]
		if !ok {
			delete(cg.members, group)
			return false
		}
		kept[m.MemberID] = n
	}
	cg.members[group] = kept
	return true
}

// held counts the members of the consumer group that Kafka holds at now,
// after consumerGroup: all but the static members that left longer than
// sessionTimeout ago, which Kafka has fenced; staticLeft is whether
// one it holds is a static member that left for now.
func (cg *consumerGroups) held(group string, now time.Time) (members int, staticLeft bool) {
	cg.mu.Lock()
	defer cg.mu.Unlock()
	for _, n := range cg.members[group] {
		switch {
		case n.left.IsZero():
			members++
		case now.Sub(n.left) < cg.sessionTimeout:
			members++
			staticLeft = true
		}
	}
	return members, staticLeft
}

// groupStates are the states kfake names groups by: the classic protocol's
// and the consumer protocol's.
var groupStates = []string{"Empty", "Stable", "PreparingRebalance", "CompletingRebalance", "Dead", "Assigning", "Reconciling"}

// filterGroupsAsKafka makes ListGroups filter by state and type regardless
// of case, as Kafka does; kfake compares them as they are spelled. The Java
// admin client asks for the types "Classic" and "Consumer" (GroupType's
// names), which kfake's "classic" and "consumer" groups never matched, so
// that kafka-consumer-groups --list listed none. The control spells the
// filters as kfake does and lets kfake answer.
func filterGroupsAsKafka(kc *kfake.Cluster) {
	kc.ControlKey(kmsg.ListGroups.Int16(), func(kreq kmsg.Request) (kmsg.Response, error, bool) {
		req := kreq.(*kmsg.ListGroupsRequest)
		for i, state := range req.StatesFilter {
			state = strings.TrimSpace(state)
			if j := slices.IndexFunc(groupStates, func(s string) bool { return strings.EqualFold(s, state) }); j >= 0 {
				state = groupStates[j]
			}
			req.StatesFilter[i] = state
		}
		for i, typ := range req.TypesFilter {
			req.TypesFilter[i] = strings.ToLower(typ)
		}
		return nil, nil, false
	})
}

// fetchOffsetsOfUnknownGroupsAsKafka answers an OffsetFetch for groups that
// kfake does not know as Kafka 4 answers it: no error and no commits, -1
// for each partition asked for (none when all were asked for). kfake
// answers GROUP_ID_NOT_FOUND, on which the Java admin client throws, so
// that kafka-consumer-groups --reset-offsets --shift-by or --to-current
// failed for a group without commits. A request for a group kfake knows
// (or for another broker's group) is left to kfake.
func fetchOffsetsOfUnknownGroupsAsKafka(kc *kfake.Cluster) {
	kc.ControlKey(kmsg.OffsetFetch.Int16(), func(kreq kmsg.Request) (kmsg.Response, error, bool) {
		req := kreq.(*kmsg.OffsetFetchRequest)
		groups := req.Groups
		if req.Version <= 7 {
			g := kmsg.NewOffsetFetchRequestGroup()
			g.Group = req.Group
			for _, t := range req.Topics {
				g.Topics = append(g.Topics, kmsg.OffsetFetchRequestGroupTopic{Topic: t.Topic, Partitions: t.Partitions})
			}
			groups = []kmsg.OffsetFetchRequestGroup{g}
		}
		node := kc.CurrentNode()
		for _, g := range groups {
			if g.Group == "" || kc.CoordinatorFor(g.Group) != node || kc.GroupInfo(g.Group) != nil {
				return nil, nil, false
			}
		}
		kc.KeepControl()
		resp := req.ResponseKind().(*kmsg.OffsetFetchResponse)
		for _, g := range groups {
			sg := kmsg.NewOffsetFetchResponseGroup()
			sg.Group = g.Group
			for _, t := range g.Topics {
				st := kmsg.NewOffsetFetchResponseGroupTopic()
				st.Topic, st.TopicID = t.Topic, t.TopicID
				for _, p := range t.Partitions {
					sp := kmsg.NewOffsetFetchResponseGroupTopicPartition()
					sp.Partition, sp.Offset, sp.LeaderEpoch, sp.Metadata = p, -1, -1, kmsg.StringPtr("")
					st.Partitions = append(st.Partitions, sp)
				}
				sg.Topics = append(sg.Topics, st)
			}
			resp.Groups = append(resp.Groups, sg)
		}
		if req.Version <= 7 {
			for _, t := range resp.Groups[0].Topics {
				st := kmsg.NewOffsetFetchResponseTopic()
				st.Topic = t.Topic
				for _, p := range t.Partitions {
					sp := kmsg.NewOffsetFetchResponseTopicPartition()
					sp.Partition, sp.Offset, sp.LeaderEpoch, sp.Metadata = p.Partition, -1, -1, kmsg.StringPtr("")
					st.Partitions = append(st.Partitions, sp)
				}
				resp.Topics = append(resp.Topics, st)
			}
			resp.Groups = nil
		}
		return resp, nil, true
	})
}
