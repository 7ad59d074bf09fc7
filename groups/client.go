package groups

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/partial"
	shoretopics "github.com/kafkashore/shore/topics"
)

// UnknownGroupError names groups the cluster does not know.
type UnknownGroupError struct {
	Groups []string
	// Near is, by unknown group, the group of the cluster it may be a
	// typo of (NearGroups).
	Near map[string]string
}

// Error names each group with the one it may mean: unknown group "bilin"
// (did you mean "billing"?).
func (e *UnknownGroupError) Error() string {
	if len(e.Groups) == 1 {
		return "unknown group " + e.quoted(e.Groups[0])
	}
	names := make([]string, len(e.Groups))
	for i, g := range e.Groups {
		names[i] = e.quoted(g)
	}
	return "unknown groups " + format.List(names, "and")
}

func (e *UnknownGroupError) quoted(group string) string {
	if near := e.Near[group]; near != "" {
		return fmt.Sprintf("%q (did you mean %q?)", group, near)
	}
	return strconv.Quote(group)
}

// ActiveMembersError refuses to change the offsets of a group that has
// members: they would overwrite the change with their next commit, or the
// broker would refuse it.
type ActiveMembersError struct {
	Group string
	// Members name each member by its client id, followed by its host
	// when another member has the same client id (consumers of one
	// service often do: "billing on /10.0.0.5"), and a static member by
	// its instance id too ("billing as static instance billing-a"), sorted.
	Members []string
	// Static is set when some member is static: it stays in the group
	// after its consumer stops, until its session times out.
	Static bool
	// Topics are the topics of the refused request that the members read,
	// when only those are refused (delete-offsets), sorted.
	Topics []string
}

func (e *ActiveMembersError) Error() string {
	reading := ""
	switch len(e.Topics) {
	case 0:
	case 1:
		reading = fmt.Sprintf(" reading topic %q", e.Topics[0])
	default:
		reading = " reading topics " + format.Quoted(e.Topics, "and")
	}
	return fmt.Sprintf("group %q has %s%s", e.Group, e.named(), reading)
}

// named is "2 active members (billing-1, billing-2)".
func (e *ActiveMembersError) named() string {
	noun := "members"
	if len(e.Members) == 1 {
		noun = "member"
	}
	return fmt.Sprintf("%d active %s (%s)", len(e.Members), noun, strings.Join(e.Members, ", "))
}

// NoCommitsError says that a group, or some topics in it, has no
// committed offsets to move.
type NoCommitsError struct {
	Group  string
	Topics []string // none: the whole group; sorted
	// Named is set when the request named its topics (--topic or a plan
	// file), so that --allow-new alone would create the commits.
	Named bool
	// AllowNew is set when the request allowed new commits but named no
	// topic to make them on.
	AllowNew bool
	// Near is a group of the cluster that Group, which the cluster does
	// not have, may be a typo of: --allow-new would make a new group.
	Near string
	// Hidden is set when the cluster has the group and the brokers
	// plausibly hide topics from this login (shoretopics.HidesTopics):
	// Kafka leaves a group's commits on a topic the login may not describe
	// out of its answer without a word, so the group may have some.
	Hidden bool
}

func (e *NoCommitsError) Error() string {
	switch {
	case len(e.Topics) == 0 && e.Near != "":
		return fmt.Sprintf("group %q has no commits (did you mean %q?)", e.Group, e.Near)
	case len(e.Topics) == 0 && e.Hidden:
		return fmt.Sprintf("group %q has no commits this login may see (Kafka hides those on topics it may not describe)", e.Group)
	case len(e.Topics) == 0:
		return fmt.Sprintf("group %q has no commits", e.Group)
	case len(e.Topics) == 1:
		return fmt.Sprintf("group %q has no commits for topic %q", e.Group, e.Topics[0])
	}
	return fmt.Sprintf("group %q has no commits for topics %s", e.Group, format.Quoted(e.Topics, "or"))
}

// Client reads and changes groups through one Kafka client.
type Client struct {
	cl  *kgo.Client
	adm *kadm.Client
}

// NewClient wraps cl, and adm, an admin client over cl; closing cl is the
// caller's business.
func NewClient(cl *kgo.Client, adm *kadm.Client) *Client {
	return &Client{cl: cl, adm: adm}
}

// HidesTopics reports whether the brokers plausibly hide topics, and so a
// group's commits on them, from this login (shoretopics.HidesTopics).
func (c *Client) HidesTopics(ctx context.Context) bool {
	return shoretopics.HidesTopics(ctx, c.cl)
}

// describe describes the named groups with both DescribeGroups (classic) and
// ConsumerGroupDescribe (KIP-848), each one batched request per coordinator.
// A group that neither knows is absent from the result. A coordinator that
// does not answer fails the whole description, naming it: a group it
// coordinates must not look unknown. So does a group the brokers will not
// describe to this login, a *NotAuthorizedError, and one whose members
// read a topic the login may not describe, a *MembersHiddenError.
func (c *Client) describe(ctx context.Context, names []string) (map[string]Group, error) {
	out, denied, err := c.describeAllowed(ctx, names)
	if err == nil && len(denied) > 0 {
		return nil, &NotAuthorizedError{Groups: denied}
	}
	if hidden := membersHidden(out); len(hidden) > 0 {
		return nil, &MembersHiddenError{Groups: hidden}
	}
	return out, err
}

// membersHidden is the groups of described whose members the brokers will
// not describe to this login, sorted.
func membersHidden(described map[string]Group) []string {
	var hidden []string
	for name, g := range described {
		if g.MembersHidden {
			hidden = append(hidden, name)
		}
	}
	slices.Sort(hidden)
	return hidden
}

// MembersHiddenError is KIP-848 groups that the brokers will not describe
// to this login, though it may describe the groups, because their members
// read a topic that it may not describe (TOPIC_AUTHORIZATION_FAILED),
// which Kafka does not name.
type MembersHiddenError struct {
	Groups []string
}

func (e *MembersHiddenError) Error() string {
	return fmt.Sprintf("not authorized to describe the members of %s (TOPIC_AUTHORIZATION_FAILED: they read a topic no ACL allows this login DESCRIBE on; Kafka does not say which)", groupNames(e.Groups))
}

func (e *MembersHiddenError) Unwrap() error { return kerr.TopicAuthorizationFailed }

// describeAllowed is describe that leaves out the groups the brokers will
// not describe to this login (GROUP_AUTHORIZATION_FAILED) and returns them
// in denied, sorted, rather than fail.
func (c *Client) describeAllowed(ctx context.Context, names []string) (out map[string]Group, denied []string, err error) {
	out, _, denied, err = c.describeReachable(ctx, names)
	var unreachable *partial.Error
	if errors.As(err, &unreachable) {
		return nil, nil, &coordinatorsError{unreachable}
	}
	if err != nil {
		return nil, nil, err
	}
	return out, denied, nil
}

// coordinatorsError is a description that coordinators did not help make:
// not a partial answer, but a failure that names them.
type coordinatorsError struct{ missing *partial.Error }

func (e *coordinatorsError) Error() string { return e.missing.Error() }
func (e *coordinatorsError) Unwrap() error { return e.missing.Cause }

// describeReachable is describe that also returns, when some coordinators
// do not answer (dead or frozen), what the others know: the groups they
// coordinate are then absent from the result and in unreached, and err is
// a *partial.Error that names those coordinators. The groups the brokers
// will not describe to this login are absent too, and in denied, sorted
// as names are. Other failures fail the whole description.
func (c *Client) describeReachable(ctx context.Context, names []string) (out map[string]Group, unreached map[string]bool, denied []string, err error) {
	out = make(map[string]Group, len(names))
	unreached = make(map[string]bool)
	if len(names) == 0 {
		return out, unreached, nil, nil
	}
	unreachable := partial.New("the groups coordinated there cannot be described")
	classic, err := c.describeClassic(ctx, names, unreachable, unreached)
	if err != nil {
		return nil, nil, nil, err
	}
	var allowed []string
	for _, name := range names {
		if g, ok := classic[name]; ok && errors.Is(g.Err, kerr.GroupAuthorizationFailed) {
			denied = append(denied, name)
		} else {
			allowed = append(allowed, name)
		}
	}
	consumer, consumerErr := c.describeConsumer(ctx, allowed, unreachable, unreached)
	var missing []string
	for _, name := range allowed {
		if g, ok := consumer[name]; ok {
			out[name] = g
			continue
		}
		if unreached[name] {
			continue
		}
		if g, ok := classic[name]; ok && g.Err == nil && g.State != "Dead" {
			out[name] = fromClassic(g)
			continue
		}
		if g, ok := classic[name]; ok && g.Err != nil && !errors.Is(g.Err, kerr.GroupIDNotFound) {
			return nil, nil, nil, describeRefused([]string{name}, g.Err)
		}
		missing = append(missing, name)
	}
	// A KIP-848 group whose describe failed could pass for an empty
	// classic group on some brokers (kfake): fail unless the cluster
	// cannot have KIP-848 groups at all.
	if consumerErr != nil && (len(missing) > 0 || c.supportsKIP848(ctx)) {
		return nil, nil, nil, fmt.Errorf("describe groups: %w", consumerErr)
	}
	return out, unreached, denied, unreachable.Err()
}

// describeClassic describes names with DescribeGroups. A coordinator that
// does not answer goes into unreachable, and the groups asked of it into
// unreached. A group the brokers will not describe to this login is in the
// result with its Err (GROUP_AUTHORIZATION_FAILED), whether the lookup of
// its coordinator or the description was refused. Another error from
// Kafka, or coordinators still not found after lookupTries, fails the
// description.
func (c *Client) describeClassic(ctx context.Context, names []string, unreachable *partial.Error, unreached map[string]bool) (kadm.DescribedGroups, error) {
	out := make(kadm.DescribedGroups, len(names))
	var failed error // this try's shard errors, as kadm words them
	ask := func(names []string) ([]kgo.ResponseShard, error) {
		described, err := c.adm.DescribeGroups(ctx, names...)
		maps.Copy(out, described)
		var se *kadm.ShardErrors
		if err != nil && !errors.As(err, &se) {
			return nil, fmt.Errorf("describe groups: %w", err)
		}
		failed = err
		var shards []kgo.ResponseShard
		for _, e := range shardErrs(se) {
			shards = append(shards, kgo.ResponseShard{Meta: e.Broker, Req: e.Req, Err: e.Err})
		}
		return shards, nil
	}
	use := func(shard kgo.ResponseShard) error {
		if req, ok := shard.Req.(*kmsg.DescribeGroupsRequest); ok && errors.Is(shard.Err, kerr.GroupAuthorizationFailed) {
			for _, g := range req.Groups {
				out[g] = kadm.DescribedGroup{Group: g, Err: shard.Err}
			}
			return nil
		}
		if req, ok := shard.Req.(*kmsg.DescribeGroupsRequest); ok && isKafkaError(shard.Err) {
			return describeRefused(req.Groups, shard.Err)
		}
		if _, ok := shard.Req.(*kmsg.DescribeGroupsRequest); !ok || isKafkaError(shard.Err) {
			return fmt.Errorf("describe groups: %w", failed)
		}
		return fmt.Errorf("describe groups: find their coordinators: %w", shard.Err)
	}
	if err := askCoordinators(ctx, names, unreachable, unreached, ask, use); err != nil {
		return nil, err
	}
	return out, nil
}

// describeRefused is Kafka's refusal, err, to describe the groups names
// (or to say which broker coordinates them), naming them: kadm's words
// ('request DescribeGroups has 1 separate shard errors, first: ...') name
// none.
func describeRefused(names []string, err error) error {
	return fmt.Errorf("describe %s: %w", groupNames(names), err)
}

// NotAuthorizedError is groups on which the brokers refuse an operation to
// the login shore connects as (GROUP_AUTHORIZATION_FAILED): no ACL allows
// it the Operation there. Kafka refuses DESCRIBE so for a group that does
// not exist as well.
type NotAuthorizedError struct {
	Groups []string
	// Operation is the ACL operation refused: "" (DESCRIBE),
	// shoretopics.Read, which committing the group's offsets needs, or
	// shoretopics.DeleteOperation, which deleting them needs.
	Operation shoretopics.Operation
}

func (e *NotAuthorizedError) Error() string {
	doing := map[shoretopics.Operation]string{"": "describe", shoretopics.Read: "commit the offsets of", shoretopics.DeleteOperation: "delete the offsets of"}[e.Operation]
	return shoretopics.Refusal("group", doing, e.Groups, e.Operation)
}

func (e *NotAuthorizedError) Unwrap() error { return kerr.GroupAuthorizationFailed }

// lookupTries is how many times askCoordinators asks which brokers
// coordinate groups when the broker asked does not answer.
const lookupTries = 3

// NoCoordinatorError is groups that no broker coordinated yet when the
// time ran out: the lookup kept answering Err (COORDINATOR_NOT_AVAILABLE),
// as a new cluster does until it has made __consumer_offsets, which it
// does at its first group request, and as any cluster does while a
// partition of that topic has no leader.
type NoCoordinatorError struct {
	Groups []string
	Err    error
}

func (e *NoCoordinatorError) Error() string {
	return fmt.Sprintf("no broker coordinates %s yet (%v): a new cluster makes __consumer_offsets at its first group request, and its partitions need a leader; 'shore topics describe __consumer_offsets' shows them", groupNames(e.Groups), e.Err)
}

func (e *NoCoordinatorError) Unwrap() error { return e.Err }

// groupNames is `group "a"` or `groups "a" and "b"`.
func groupNames(names []string) string {
	if len(names) == 1 {
		return fmt.Sprintf("group %q", names[0])
	}
	return "groups " + format.Quoted(names, "and")
}

// coordinatorNotReady reports whether err, a failed lookup of a group's
// coordinator, may pass by itself: kgo does not ask again.
func coordinatorNotReady(err error) bool {
	return errors.Is(err, kerr.CoordinatorNotAvailable) || errors.Is(err, kerr.CoordinatorLoadInProgress)
}

// pauseForCoordinator waits before asking again for coordinators that were
// not ready after try tries: 50ms, doubled each time up to half a second (a
// new cluster's take about a second). It reports false when ctx ended
// first.
func pauseForCoordinator(ctx context.Context, try int) bool {
	t := time.NewTimer(min(50*time.Millisecond<<min(try-1, 4), 500*time.Millisecond))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// askCoordinators sends ask's request about names, which kgo shards into one
// request per coordinator, and hands each shard to use, in order: answers,
// errors from Kafka, and lookups of coordinators that failed for the last
// time; an error from use ends the asking. A coordinator that does not
// answer goes into unreachable, and the groups asked of it into unreached.
// kgo asks one broker, without retrying, which brokers coordinate the
// groups, so a broker that does not answer fails the lookup of every group:
// those are asked again, up to lookupTries times in all, which goes to
// another broker (kgo takes turns, and refuses at once a broker found
// silent). Groups whose coordinator is not ready (coordinatorNotReady) are
// asked again until ctx ends, and then fail with a *NoCoordinatorError, as
// the Java admin client waits for them.
func askCoordinators(ctx context.Context, names []string, unreachable *partial.Error, unreached map[string]bool, ask func(names []string) ([]kgo.ResponseShard, error), use func(kgo.ResponseShard) error) error {
	var notReady []string
	var notReadyErr error
	for try := 1; len(names) > 0; try++ {
		if len(notReady) > 0 && !pauseForCoordinator(ctx, try-1) {
			return &NoCoordinatorError{Groups: notReady, Err: notReadyErr}
		}
		shards, err := ask(names)
		if ctx.Err() != nil && len(notReady) > 0 {
			// The time ran out while asking again.
			return &NoCoordinatorError{Groups: notReady, Err: notReadyErr}
		}
		if err != nil {
			return err
		}
		names, notReady = nil, nil
		for _, shard := range shards {
			asked, known := askedGroups(shard.Req)
			switch {
			case known && shard.Meta.NodeID < 0 && coordinatorNotReady(shard.Err):
				names = append(names, asked...)
				notReady, notReadyErr = append(notReady, asked...), shard.Err
			case shard.Err == nil || isKafkaError(shard.Err) || !known:
				err = use(shard)
			case shard.Meta.NodeID < 0 && try < lookupTries && ctx.Err() == nil:
				names = append(names, asked...)
			case shard.Meta.NodeID < 0:
				err = use(shard)
			default:
				unreachable.Add(shard.Meta, shard.Err)
				for _, g := range asked {
					unreached[g] = true
				}
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// askedGroups is the groups a describe or delete request asks about; known
// is false for another request.
func askedGroups(req kmsg.Request) (groups []string, known bool) {
	switch r := req.(type) {
	case *kmsg.DescribeGroupsRequest:
		return r.Groups, true
	case *kmsg.ConsumerGroupDescribeRequest:
		return r.Groups, true
	case *kmsg.DeleteGroupsRequest:
		return r.Groups, true
	}
	return nil, false
}

// shardErrs is se's errors, none when se is nil.
func shardErrs(se *kadm.ShardErrors) []kadm.ShardError {
	if se == nil {
		return nil
	}
	return se.Errs
}

// supportsKIP848 reports whether any broker answers ConsumerGroupDescribe.
func (c *Client) supportsKIP848(ctx context.Context) bool {
	versions, err := c.adm.ApiVersions(ctx)
	if err != nil {
		return true
	}
	key := kmsg.NewPtrConsumerGroupDescribeRequest().Key()
	supported := false
	versions.Each(func(v kadm.BrokerApiVersions) {
		if _, ok := v.KeyMaxVersion(key); ok && v.Err == nil {
			supported = true
		}
	})
	return supported
}

// describeConsumer describes the KIP-848 groups among names. A group whose
// members read a topic that the login may not describe is in the result
// with MembersHidden, and no state, protocol or members: Kafka answers
// TOPIC_AUTHORIZATION_FAILED for it, and nothing else. It sends
// ConsumerGroupDescribe itself rather than through kadm, because a broker
// may name an assigned topic only by its ID (kfake does), and kadm keys
// assignments by name; IDs are resolved with one metadata request. A
// coordinator that does not answer goes into unreachable, and the groups
// asked of it into unreached.
func (c *Client) describeConsumer(ctx context.Context, names []string, unreachable *partial.Error, unreached map[string]bool) (map[string]Group, error) {
	out := make(map[string]Group)
	var firstErr error
	var idNames map[kadm.TopicID]string
	// Groups whose coordinator did not answer DescribeGroups are not asked
	// again.
	names = slices.DeleteFunc(slices.Clone(names), func(g string) bool { return unreached[g] })
	var shards []kgo.ResponseShard
	ask := func(names []string) ([]kgo.ResponseShard, error) {
		req := kmsg.NewPtrConsumerGroupDescribeRequest()
		req.Groups = names
		return c.cl.RequestSharded(ctx, req), nil
	}
	keep := func(shard kgo.ResponseShard) error {
		shards = append(shards, shard)
		return nil
	}
	// Neither ask nor keep fails, only coordinators never ready: a
	// shard's error is read below.
	if err := askCoordinators(ctx, names, unreachable, unreached, ask, keep); err != nil {
		return nil, err
	}
	for _, shard := range shards {
		if shard.Err != nil {
			firstErr = cmp.Or(firstErr, shard.Err)
			continue
		}
		resp := shard.Resp.(*kmsg.ConsumerGroupDescribeResponse)
		for _, rg := range resp.Groups {
			coordinator := Coordinator{ID: shard.Meta.NodeID, Host: shard.Meta.Host, Port: shard.Meta.Port}
			err := kerr.ErrorForCode(rg.ErrorCode)
			switch {
			case errors.Is(err, kerr.TopicAuthorizationFailed):
				out[rg.Group] = Group{Group: rg.Group, Type: TypeConsumer, Coordinator: coordinator, MembersHidden: true}
				continue
			case errors.Is(err, kerr.GroupIDNotFound):
				continue
			case err != nil:
				firstErr = cmp.Or(firstErr, fmt.Errorf("group %q: %w", rg.Group, err))
				continue
			}
			g := Group{
				Group: rg.Group, Type: TypeConsumer, State: format.Text(rg.State), Protocol: format.Text(rg.AssignorName),
				Coordinator: coordinator, Members: []Member{},
			}
			for _, rm := range rg.Members {
				set := make(kadm.TopicsSet)
				for _, tp := range rm.Assignment.TopicPartitions {
					topic := tp.Topic
					if topic == "" {
						if idNames == nil {
							idNames = c.topicNames(ctx)
						}
						topic = cmp.Or(idNames[tp.TopicID], kadm.TopicID(tp.TopicID).String())
					}
					set.Add(topic, tp.Partitions...)
				}
				m := Member{MemberID: rm.MemberID, ClientID: rm.ClientID, Host: rm.ClientHost, Assignment: assignments(set)}
				if rm.InstanceID != nil {
					m.InstanceID = *rm.InstanceID
				}
				g.Members = append(g.Members, m)
			}
			sortMembers(g.Members)
			out[g.Group] = g
		}
	}
	return out, firstErr
}

// topicNames maps the cluster's topic IDs to names (empty if metadata
// fails: the IDs are then shown as they are).
func (c *Client) topicNames(ctx context.Context) map[kadm.TopicID]string {
	names := make(map[kadm.TopicID]string)
	md, err := c.adm.Metadata(ctx)
	if err != nil {
		return names
	}
	for _, td := range md.Topics {
		names[td.ID] = td.Topic
	}
	return names
}

// someAnswered reports whether err leaves some of a sharded answer usable.
func someAnswered(err error) bool {
	var se *kadm.ShardErrors
	return errors.As(err, &se) && !se.AllFailed
}

// unreached reports whether err is a sharded request that no broker
// answered only because none could be reached (dead, frozen or cut off),
// as when one broker leads every partition asked about and is down: with
// the rest of the command answered by others, that is a partial answer. A
// refusal from Kafka, or ctx ending, fails it.
func unreached(ctx context.Context, err error) bool {
	var se *kadm.ShardErrors
	return ctx.Err() == nil && errors.As(err, &se) && !slices.ContainsFunc(se.Errs, func(e kadm.ShardError) bool { return isKafkaError(e.Err) })
}

func fromClassic(g kadm.DescribedGroup) Group {
	out := Group{
		Group: g.Group, Type: TypeClassic, State: format.Text(g.State), Protocol: format.Text(g.Protocol),
		Coordinator: Coordinator{ID: g.Coordinator.NodeID, Host: g.Coordinator.Host, Port: g.Coordinator.Port},
		Members:     []Member{},
	}
	for _, m := range g.Members {
		mm := Member{MemberID: m.MemberID, ClientID: m.ClientID, Host: m.ClientHost, Assignment: []Assignment{}}
		if m.InstanceID != nil {
			mm.InstanceID = *m.InstanceID
		}
		if a, ok := m.Assigned.AsConsumer(); ok {
			set := make(kadm.TopicsSet)
			for _, t := range a.Topics {
				set.Add(t.Topic, t.Partitions...)
			}
			mm.Assignment = assignments(set)
		}
		out.Members = append(out.Members, mm)
	}
	sortMembers(out.Members)
	return out
}

func assignments(set kadm.TopicsSet) []Assignment {
	out := []Assignment{}
	for _, t := range set.Sorted() {
		out = append(out, Assignment{Topic: t.Topic, Partitions: t.Partitions})
	}
	return out
}

func sortMembers(ms []Member) {
	slices.SortFunc(ms, func(a, b Member) int {
		return cmp.Or(cmp.Compare(a.ClientID, b.ClientID), cmp.Compare(a.MemberID, b.MemberID))
	})
}

// Active returns an *ActiveMembersError when g has members.
func Active(g Group) error {
	if len(g.Members) == 0 {
		return nil
	}
	return activeMembers(g)
}

// activeMembers names the members of g, which has some.
func activeMembers(g Group) *ActiveMembersError {
	e := &ActiveMembersError{Group: g.Group, Members: make([]string, len(g.Members))}
	clients := make(map[string]int)
	for _, m := range g.Members {
		clients[m.ClientID]++
	}
	for i, m := range g.Members {
		// Client and instance ids are anyone's strings.
		e.Members[i] = format.Printable(m.ClientID)
		if clients[m.ClientID] > 1 {
			e.Members[i] += " on " + format.Printable(m.Host)
		}
		if m.InstanceID != "" {
			e.Members[i] += " as static instance " + format.Printable(m.InstanceID)
			e.Static = true
		}
	}
	slices.Sort(e.Members)
	return e
}

// List lists the groups of the cluster, in the given states when states is
// not empty, described (type, assignor, members) with batched requests, and
// sorted by name. A group that shore cannot describe (a share or streams
// group) is listed with its type and state from the listing and nil
// Members, and so is one that the brokers list but will not describe to
// this login, also returned in denied, sorted: Kafka lists every group to
// a login allowed DESCRIBE on the cluster, and describes only those it is
// allowed DESCRIBE on. So is a KIP-848 group whose members read a topic the
// login may not describe, also returned in hidden, sorted. Brokers that do
// not answer leave out the groups they coordinate: the list of the others
// comes with a *partial.Error.
func (c *Client) List(ctx context.Context, states []string) (list []Group, denied, hidden []string, err error) {
	// A group whose coordinator moved to a broker that does not answer is
	// left out too, as if that broker had listed it.
	unreachable := partial.New("the groups coordinated there are not listed")
	listed, err := c.listGroups(ctx, states)
	if !unreachable.Take(err) {
		return nil, nil, nil, err
	}
	names := slices.Sorted(maps.Keys(listed))
	described, unreached, denied, err := c.describeReachable(ctx, names)
	if !unreachable.Take(err) {
		return nil, nil, nil, err
	}
	out := make([]Group, 0, len(names))
	for _, name := range names {
		if g, ok := described[name]; ok && !g.MembersHidden {
			out = append(out, g)
		} else if !unreached[name] {
			out = append(out, listed[name])
		}
	}
	return out, denied, membersHidden(described), unreachable.Err()
}

// HidesGroups reports whether the brokers hide groups from this login:
// Kafka lists every group to a login allowed DESCRIBE on the cluster, and
// to the others only the groups they may describe. It is one request, for
// a message that would otherwise mislead: false when the brokers do not
// say (shoretopics.MayOnCluster).
func (c *Client) HidesGroups(ctx context.Context) bool {
	may, known := shoretopics.MayOnCluster(ctx, c.cl, kmsg.ACLOperationDescribe)
	return known && !may
}

// NearGroup is the group of the cluster that group may be a typo of, or
// differ from only in case (format.NearestName), or "" when the cluster
// has group itself, none is near, or the groups cannot be listed: a hint,
// never a failure of its own.
func (c *Client) NearGroup(ctx context.Context, group string) string {
	return c.NearGroups(ctx, []string{group})[group]
}

// NearGroups is NearGroup of each of groups, from one listing of the
// cluster's groups: those without one are left out.
func (c *Client) NearGroups(ctx context.Context, groups []string) map[string]string {
	listed, err := c.listGroups(ctx, nil)
	if err != nil && len(listed) == 0 {
		return nil
	}
	names := make([]string, 0, len(listed))
	for name := range listed {
		names = append(names, name)
	}
	slices.Sort(names)
	near := map[string]string{}
	for _, g := range groups {
		if _, has := listed[g]; has {
			continue
		}
		if n := format.NearestName(g, names); n != "" {
			near[g] = n
		}
	}
	return near
}

// listGroups sends ListGroups to every broker itself, because kadm's
// listing drops the group type (classic, consumer, share, streams). A
// broker that does not answer (dead or frozen) is named in a
// *partial.Error that comes with the others' groups; one that refuses, or
// every broker failing, fails the listing.
func (c *Client) listGroups(ctx context.Context, states []string) (map[string]Group, error) {
	req := kmsg.NewPtrListGroupsRequest()
	req.StatesFilter = states
	out := make(map[string]Group)
	shards := c.cl.RequestSharded(ctx, req)
	unreachable := partial.New("")
	for _, shard := range shards {
		if shard.Err != nil && len(shards) > 1 && !isKafkaError(shard.Err) {
			unreachable.Add(shard.Meta, shard.Err)
			continue
		}
		err := shard.Err
		if err == nil {
			err = kerr.ErrorForCode(shard.Resp.(*kmsg.ListGroupsResponse).ErrorCode)
		}
		if err != nil {
			return nil, fmt.Errorf("list groups on broker %d: %w", shard.Meta.NodeID, err)
		}
		for _, g := range shard.Resp.(*kmsg.ListGroupsResponse).Groups {
			out[g.Group] = Group{
				Group: g.Group, Type: format.Text(g.GroupType), State: format.Text(g.GroupState),
				Coordinator: Coordinator{ID: shard.Meta.NodeID, Host: shard.Meta.Host, Port: shard.Meta.Port},
			}
		}
	}
	if len(unreachable.Brokers) == len(shards) {
		return nil, fmt.Errorf("list groups: %w", unreachable.Cause)
	}
	return out, unreachable.Err()
}

// isKafkaError reports whether err is an error code a broker answered
// with: asking again elsewhere would not change it.
func isKafkaError(err error) bool {
	var ke *kerr.Error
	return errors.As(err, &ke)
}

// Gather describes the named groups with their commits and the log start and
// end offsets of their partitions, in few batched requests, sorted by name.
// The groups the cluster does not know are left out and returned in
// unknown, sorted, and so are those the brokers will not describe to this
// login, in denied. topics, when not empty, keeps only those topics; one
// that no group has commits for or is assigned and that the cluster does
// not have is an unknown topic (shoretopics.Unknown names every such
// topic, with the one it may mean, never one of topics), returned with
// unknown and denied, which a known group or none is checked for; so is
// one that the login may not describe (a *shoretopics.NotAuthorizedError).
// A topic of a group's rows that the login may not describe leaves their
// log offsets unknown, and is in the description's Denied. Brokers that do
// not answer leave unknown the log offsets of the partitions they lead:
// the descriptions come with a *partial.Error.
func (c *Client) Gather(ctx context.Context, names, topics []string) (ds []Description, unknown, denied []string, err error) {
	names = slices.Compact(slices.Sorted(slices.Values(names)))
	described, denied, err := c.describeAllowed(ctx, names)
	if err != nil {
		return nil, nil, nil, err
	}
	var known []string
	for _, n := range names {
		if _, ok := described[n]; ok {
			known = append(known, n)
		} else if !slices.Contains(denied, n) {
			unknown = append(unknown, n)
		}
	}
	names = known
	fetched := c.adm.FetchManyOffsets(ctx, names...)
	commits := make(map[string]Offsets, len(names))
	want := make(kadm.TopicsSet)
	keep := func(t string) bool { return len(topics) == 0 || slices.Contains(topics, t) }
	for _, n := range names {
		r, ok := fetched[n]
		if !ok || r.Err != nil {
			err := r.Err
			if err == nil {
				err = errors.New("no answer")
			}
			return nil, nil, nil, fmt.Errorf("fetch the offsets of group %q: %w", n, err)
		}
		commits[n] = committed(r.Fetched)
		for t, ps := range commits[n] {
			for p := range ps {
				if keep(t) {
					want.Add(t, p)
				}
			}
		}
		for _, m := range described[n].Members {
			for _, a := range m.Assignment {
				if keep(a.Topic) {
					want.Add(a.Topic, a.Partitions...)
				}
			}
		}
	}
	// A topic the filter names that no group reads is listed too, so that
	// a typo in it (--topic ordres) is an unknown topic, not a group
	// without lag that passes --max-lag.
	listed := want.Topics()
	for _, t := range topics {
		if _, ok := want[t]; !ok {
			listed = append(listed, t)
		}
	}
	starts, ends, missing, err := c.bounds(ctx, listed)
	// A topic the groups read that the login may not describe leaves its
	// rows without log offsets, not the others unshown; one that only
	// topics names is refused, as Kafka refuses it whether or not it
	// exists.
	var refused *shoretopics.NotAuthorizedError
	var deniedTopics []string
	if errors.As(err, &refused) {
		notRead := slices.DeleteFunc(slices.Clone(refused.Topics), func(t string) bool { return want[t] != nil })
		if len(notRead) > 0 {
			return nil, nil, nil, &shoretopics.NotAuthorizedError{Topics: notRead}
		}
		deniedTopics, err = refused.Topics, nil
	}
	if err != nil {
		return nil, nil, nil, err
	}
	// With every broker answering, a topic without offsets does not exist
	// (PlanFrom decides so too).
	gone := func(t string) bool { return len(ends[t]) == 0 && missing == nil && !slices.Contains(deniedTopics, t) }
	var unknownTopics []string
	for _, t := range topics {
		if _, ok := want[t]; !ok && gone(t) {
			unknownTopics = append(unknownTopics, t)
		}
	}
	if len(unknownTopics) > 0 {
		return nil, unknown, denied, shoretopics.Unknown(ctx, c.adm, unknownTopics, topics)
	}
	out := make([]Description, 0, len(names))
	for _, n := range names {
		d := Describe(described[n], commits[n], starts, ends, topics)
		for _, t := range d.Topics {
			if gone(t.Topic) {
				d.Gone = append(d.Gone, t.Topic)
			}
			if slices.Contains(deniedTopics, t.Topic) {
				d.Denied = append(d.Denied, t.Topic)
			}
		}
		out = append(out, d)
	}
	return out, unknown, denied, missing
}

// committed keeps the partitions that have a commit.
func committed(rs kadm.OffsetResponses) Offsets {
	out := make(Offsets)
	rs.Each(func(r kadm.OffsetResponse) {
		if r.Err == nil && r.At >= 0 {
			out.Set(r.Topic, r.Partition, r.At)
		}
	})
	return out
}

// bounds lists the log start and end offsets of topics. A topic that does
// not exist (any more) has no entries. Brokers that do not answer leave
// their partitions out, named in missing, a *partial.Error that comes with
// the lists; err is a failure of the whole listing, but for topics the
// login may not describe: they have no entries either, and err is then a
// *shoretopics.NotAuthorizedError naming every such topic, which comes
// with the lists (and missing) of the others.
func (c *Client) bounds(ctx context.Context, topics []string) (starts, ends Offsets, missing, err error) {
	starts, ends, missing, err = c.listBounds(ctx, topics)
	var refused *shoretopics.NotAuthorizedError
	if !errors.As(err, &refused) {
		return starts, ends, missing, err
	}
	// kadm fails a listing whole on such a topic, without naming it: the
	// others are listed without them.
	readable := slices.DeleteFunc(slices.Clone(topics), func(t string) bool { return slices.Contains(refused.Topics, t) })
	starts, ends, missing, err = c.listBounds(ctx, readable)
	if err != nil {
		return nil, nil, nil, err
	}
	return starts, ends, missing, refused
}

// listBounds is bounds that fails whole, with a
// *shoretopics.NotAuthorizedError, on topics the login may not describe.
func (c *Client) listBounds(ctx context.Context, topics []string) (starts, ends Offsets, missing, err error) {
	starts, ends = make(Offsets), make(Offsets)
	if len(topics) == 0 {
		return starts, ends, nil, nil
	}
	unreachable := partial.Unknown("the log offsets and lag of the partitions led there")
	for _, l := range []struct {
		list func(context.Context, ...string) (kadm.ListedOffsets, error)
		into Offsets
		what string
	}{
		{c.adm.ListStartOffsets, starts, "start"},
		{c.adm.ListEndOffsets, ends, "end"},
	} {
		listed, err := l.list(ctx, topics...)
		var se *kadm.ShardErrors
		if err != nil && !someAnswered(err) && !unreached(ctx, err) {
			err = shoretopics.Denied(ctx, c.adm, topics, err)
			if errors.As(err, new(*shoretopics.NotAuthorizedError)) {
				return nil, nil, nil, err
			}
			return nil, nil, nil, fmt.Errorf("list %s offsets: %w", l.what, err)
		}
		if errors.As(err, &se) {
			for _, e := range se.Errs {
				if !isKafkaError(e.Err) {
					unreachable.Add(e.Broker, e.Err)
				}
			}
		}
		listed.Each(func(o kadm.ListedOffset) {
			if o.Err == nil && o.Partition >= 0 {
				l.into.Set(o.Topic, o.Partition, o.Offset)
			}
		})
	}
	return starts, ends, unreachable.Err(), nil
}
