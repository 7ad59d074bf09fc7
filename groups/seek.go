package groups

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafkashore/shore/internal/partial"
	shoretopics "github.com/kafkashore/shore/topics"
)

// SeekRequest says which offsets of a group to move, and where.
type SeekRequest struct {
	Group string
	// Scopes limit the seek to topics or partitions; none means every
	// partition the group has a commit for. Ignored when Offsets is set.
	Scopes []Scope
	// Offsets are per-partition targets (a plan file, or the arguments of
	// groups commit); Target.Kind is then ToResolved or Exact.
	Offsets []Offset
	Target  Target
	// AllowNew allows planning commits for a group or topic that has none.
	AllowNew bool
}

// PlanSeek gathers what Plan needs and returns the plan. It refuses a group
// with active members (*ActiveMembersError), a topic that does not exist,
// and, unless AllowNew, a group or topic without commits (*NoCommitsError).
// Nothing is changed. It only fetches, and names the topics that unknown
// ones may mean (shoretopics.Suggest); SeekTopics and PlanFrom decide.
func (c *Client) PlanSeek(ctx context.Context, req SeekRequest) ([]Move, error) {
	described, err := c.describe(ctx, []string{req.Group})
	if err != nil {
		return nil, err
	}
	g, known := described[req.Group]
	if err := Active(g); err != nil {
		return nil, err
	}
	in := SeekInputs{Commits: make(Offsets)}
	if known {
		fetched, err := c.adm.FetchOffsets(ctx, req.Group)
		if err != nil && !errors.Is(err, kerr.GroupIDNotFound) {
			return nil, fmt.Errorf("fetch the offsets of group %q: %w", req.Group, err)
		}
		in.Commits = committed(fetched)
	}
	topics, err := SeekTopics(req, in.Commits)
	if err != nil {
		return nil, c.whyNoCommits(ctx, err, known)
	}
	var missing error
	if in.Starts, in.Ends, missing, err = c.bounds(ctx, topics); err != nil {
		return nil, deniedCommits(req, topics, in.Ends, missing, err)
	}
	var unreachable *partial.Error
	if errors.As(missing, &unreachable) {
		unreachable.Missing = "a seek needs the log offsets of the partitions led there"
		return nil, unreachable
	}
	if req.Target.Kind == ToTime {
		if in.AtTime, err = c.offsetsAfter(ctx, req.Target.Time.UnixMilli(), topics, in.Ends); err != nil {
			return nil, err
		}
	}
	moves, err := PlanFrom(req, topics, in)
	var named []string
	if len(req.Scopes) > 0 || len(req.Offsets) > 0 {
		named = topics
	}
	return moves, shoretopics.Suggest(ctx, c.adm, c.whyNoCommits(ctx, err, known), named)
}

// deniedCommits is err, the refusal to list the log offsets of topics for
// req, which names none, because the login may not describe some of the
// group's committed topics, with how to move the others: their --topic,
// those that exist (ends has their offsets, or missing leaves it unknown).
// The seek moves all of the group's commits that the brokers name or none:
// a subset moved without a word would leave the group's lag on the others
// where the user meant to move it. Kafka names none on a topic the login
// may not describe (it leaves them out of its answer to a fetch of all of a
// group's commits, and a seek's group has no member whose assignment would
// name the topic), so this is the answer of brokers that do, as kfake
// (shore dev). Any other err is returned as it is.
func deniedCommits(req SeekRequest, topics []string, ends Offsets, missing, err error) error {
	var refused *shoretopics.NotAuthorizedError
	if !errors.As(err, &refused) || len(req.Scopes) > 0 || len(req.Offsets) > 0 {
		return err
	}
	var others []string
	for _, t := range topics {
		if !slices.Contains(refused.Topics, t) && (len(ends[t]) > 0 || missing != nil) {
			others = append(others, "--topic "+t)
		}
	}
	if len(others) == 0 {
		return fmt.Errorf("%w, where group %q has commits", err, req.Group)
	}
	return fmt.Errorf("%w, where group %q has commits; without --topic, seek moves every committed topic the brokers name or none: %s moves the others", err, req.Group, strings.Join(others, " "))
}

// whyNoCommits sets, in err's *NoCommitsError of a whole group, why the
// group may show none: of a group that the cluster does not have (known
// is false), the group it may mean, where --allow-new, which the error
// suggests, would create a group of the typo; of one it has, whether its
// commits may be on topics the brokers hide from this login.
func (c *Client) whyNoCommits(ctx context.Context, err error, known bool) error {
	var none *NoCommitsError
	if !errors.As(err, &none) || len(none.Topics) > 0 {
		return err
	}
	if known {
		none.Hidden = c.HidesTopics(ctx)
	} else {
		none.Near = c.NearGroup(ctx, none.Group)
	}
	return err
}

// SeekInputs are what the cluster says about a seek: the group's commits,
// the log start and end offsets of the topics, and, for a seek to a time,
// the first offset at or after it in each partition.
type SeekInputs struct {
	Commits, Starts, Ends, AtTime Offsets
}

// SeekTopics returns the topics a seek needs the offsets of, sorted, given
// the group's commits; a group without commits and a request that names no
// topic is refused (*NoCommitsError). PlanFrom refuses the rest.
func SeekTopics(req SeekRequest, commits Offsets) ([]string, error) {
	if len(commits) == 0 && len(req.Scopes) == 0 && len(req.Offsets) == 0 {
		return nil, &NoCommitsError{Group: req.Group, AllowNew: req.AllowNew}
	}
	var topics []string
	switch {
	case len(req.Offsets) > 0:
		for _, o := range req.Offsets {
			topics = append(topics, o.Topic)
		}
	case len(req.Scopes) > 0:
		for _, s := range req.Scopes {
			topics = append(topics, s.Topic)
		}
	default:
		for t := range commits {
			topics = append(topics, t)
		}
	}
	return slices.Compact(slices.Sorted(slices.Values(topics))), nil
}

// PlanFrom is the pure core of PlanSeek: the positions of the partitions
// the request names (the plan's offsets, the scopes' partitions, or every
// committed partition), checked against the topics' offsets in in, and
// planned by Plan. The topics that do not exist are refused first, all
// named in one error (shoretopics.Missing), for --allow-new would not help
// them; then, unless req.AllowNew, a group or the topics without commits,
// all named (*NoCommitsError).
func PlanFrom(req SeekRequest, topics []string, in SeekInputs) ([]Move, error) {
	var unknown []string
	for _, t := range topics {
		if len(in.Ends[t]) == 0 {
			unknown = append(unknown, t)
		}
	}
	if len(unknown) > 0 {
		return nil, shoretopics.Missing(unknown)
	}
	if err := namedPartitionsExist(req, in.Ends); err != nil {
		return nil, err
	}
	if !req.AllowNew && len(in.Commits) == 0 {
		return nil, &NoCommitsError{Group: req.Group, Named: true}
	}
	var uncommitted []string
	for _, t := range topics {
		if !req.AllowNew && len(in.Commits[t]) == 0 {
			uncommitted = append(uncommitted, t)
		}
	}
	if len(uncommitted) > 0 {
		return nil, &NoCommitsError{Group: req.Group, Topics: uncommitted}
	}
	want := make(Offsets)
	switch {
	case len(req.Offsets) > 0:
		for _, o := range req.Offsets {
			want.Set(o.Topic, o.Partition, o.Offset)
		}
	case len(req.Scopes) > 0:
		for _, s := range req.Scopes {
			parts := s.Partitions
			if len(parts) == 0 {
				for p := range in.Ends[s.Topic] {
					parts = append(parts, p)
				}
			}
			for _, p := range parts {
				want.Set(s.Topic, p, 0)
			}
		}
	default:
		for t, ps := range in.Commits {
			for p := range ps {
				want.Set(t, p, 0)
			}
		}
	}
	var positions []PartitionState
	// A commit on a partition its topic no longer has (deleted and made
	// again with fewer): every such one, named in one error.
	var gone []*shoretopics.UnknownPartitionError
	for t, ps := range want {
		for p, off := range ps {
			end, ok := in.Ends.Lookup(t, p)
			if !ok {
				gone = append(gone, &shoretopics.UnknownPartitionError{Topic: t, Partition: p, Partitions: len(in.Ends[t])})
				continue
			}
			start, ok := in.Starts.Lookup(t, p)
			if !ok {
				return nil, fmt.Errorf("no log start offset for %s:%d", t, p)
			}
			pos := PartitionState{Topic: t, Partition: p, Current: -1, Start: start, End: end, Resolved: off}
			if c, ok := in.Commits.Lookup(t, p); ok {
				pos.Current = c
			}
			if req.Target.Kind == ToTime {
				at, ok := in.AtTime.Lookup(t, p)
				if !ok || at < 0 {
					return nil, fmt.Errorf("the broker gave no offset by time for %s:%d", t, p)
				}
				pos.Resolved = at
			}
			positions = append(positions, pos)
		}
	}
	if err := shoretopics.UnknownPartitions(gone); err != nil {
		return nil, err
	}
	slices.SortFunc(positions, func(a, b PartitionState) int {
		return cmp.Or(cmp.Compare(a.Topic, b.Topic), cmp.Compare(a.Partition, b.Partition))
	})
	return Plan(positions, req.Target)
}

// namedPartitionsExist refuses the partitions that the request's offsets
// or scopes name and their topics do not have in ends, all named in one
// error, as unknown topics are refused: before the group's commits are
// looked at.
func namedPartitionsExist(req SeekRequest, ends Offsets) error {
	var unknown []*shoretopics.UnknownPartitionError
	exists := func(t string, p int32) {
		if _, ok := ends.Lookup(t, p); !ok {
			unknown = append(unknown, &shoretopics.UnknownPartitionError{Topic: t, Partition: p, Partitions: len(ends[t])})
		}
	}
	for _, o := range req.Offsets {
		exists(o.Topic, o.Partition)
	}
	for _, s := range req.Scopes {
		for _, p := range s.Partitions {
			exists(s.Topic, p)
		}
	}
	return shoretopics.UnknownPartitions(unknown)
}

// offsetsAfter lists the first offset at or after millis in every partition
// of topics (the end offset in ends, listed before, where there is none).
func (c *Client) offsetsAfter(ctx context.Context, millis int64, topics []string, ends Offsets) (Offsets, error) {
	listed, err := shoretopics.OffsetsAfter(ctx, c.adm, millis, topics, ends.Lookup)
	if err != nil {
		return nil, fmt.Errorf("list offsets by time: %w", err)
	}
	out := make(Offsets)
	listed.Each(func(o kadm.ListedOffset) {
		if o.Err == nil && o.Partition >= 0 {
			out.Set(o.Topic, o.Partition, o.Offset)
		}
	})
	return out, nil
}

// Execute commits the new offsets of moves for group in one request and
// returns the moves with Error set where a partition was refused. A refusal
// because members joined meanwhile is told as such, and one of a topic
// because no ACL allows this login READ on it names the topic. A refusal
// of the group itself (no ACL allows this login READ on it), which Kafka
// gives every partition, is a *NotAuthorizedError.
func (c *Client) Execute(ctx context.Context, group string, moves []Move) ([]Move, error) {
	offsets := make(kadm.Offsets)
	for _, m := range moves {
		offsets.Add(kadm.Offset{Topic: m.Topic, Partition: m.Partition, At: m.New, LeaderEpoch: -1})
	}
	resp, err := c.adm.CommitOffsets(ctx, group, offsets)
	groupRefused := errors.Is(err, kerr.GroupAuthorizationFailed)
	resp.EachError(func(r kadm.OffsetResponse) {
		groupRefused = groupRefused || errors.Is(r.Err, kerr.GroupAuthorizationFailed)
	})
	switch {
	case groupRefused:
		return nil, &NotAuthorizedError{Groups: []string{group}, Operation: shoretopics.Read}
	case err != nil:
		return nil, fmt.Errorf("commit the offsets of group %q: %w", group, explainCommit(err))
	}
	out := slices.Clone(moves)
	for i := range out {
		r, ok := resp.Lookup(out[i].Topic, out[i].Partition)
		switch {
		case !ok:
			out[i].Error = "no answer from the broker"
		case errors.Is(r.Err, kerr.TopicAuthorizationFailed):
			out[i].Error = (&shoretopics.NotAuthorizedError{Topics: []string{r.Topic}, Operation: shoretopics.Read}).Error()
		case r.Err != nil:
			out[i].Error = explainCommit(r.Err).Error()
		}
	}
	return out, nil
}

// readsTopic reports whether a member of g is assigned a partition of topic.
func readsTopic(g Group, topic string) bool {
	for _, m := range g.Members {
		for _, a := range m.Assignment {
			if a.Topic == topic {
				return true
			}
		}
	}
	return false
}

// explainCommit rewrites the errors a commit gets when members are active.
func explainCommit(err error) error {
	for _, e := range []error{kerr.UnknownMemberID, kerr.RebalanceInProgress, kerr.IllegalGeneration, kerr.StaleMemberEpoch} {
		if errors.Is(err, e) {
			return errors.New("the group has active members now; stop them and run again")
		}
	}
	return err
}

// DeleteResult is the outcome of deleting one group or one partition's
// commit.
type DeleteResult struct {
	Group     string `json:"group"`
	Topic     string `json:"topic,omitempty"`
	Partition *int32 `json:"partition,omitempty"`
	// Error is empty when the deletion succeeded.
	Error string `json:"error,omitempty"`
	// Unknown is whether the cluster does not know the group, and Near
	// the group of the cluster its name may be a typo of.
	Unknown bool   `json:"-"`
	Near    string `json:"-"`
}

// DeleteGroups deletes the named groups (one batched request per
// coordinator) and returns one result per group, sorted by name.
func (c *Client) DeleteGroups(ctx context.Context, names []string) ([]DeleteResult, error) {
	names = slices.Compact(slices.Sorted(slices.Values(names)))
	resp, err := c.deleteGroups(ctx, names)
	hidden := lookupRefused(err)
	var noCoordinator *NoCoordinatorError
	if err != nil && !someAnswered(err) && len(hidden) == 0 && (!errors.As(err, &noCoordinator) || len(resp) == 0) {
		return nil, fmt.Errorf("delete groups: %w", err)
	}
	active := c.activeMembersOf(ctx, resp)
	out := make([]DeleteResult, 0, len(names))
	for _, n := range names {
		r := DeleteResult{Group: n}
		d, ok := resp[n]
		switch {
		case !ok && hidden[n]:
			r.Error = (&NotAuthorizedError{Groups: []string{n}}).Error()
		case !ok && noCoordinator != nil:
			r.Error = fmt.Sprintf("no broker coordinates it yet (%v)", noCoordinator.Err)
		case !ok:
			r.Error = "no answer from the group's coordinator"
		case errors.Is(d.Err, kerr.GroupIDNotFound):
			r.Error, r.Unknown = "unknown group", true
		case errors.Is(d.Err, kerr.GroupAuthorizationFailed):
			r.Error = shoretopics.Refusal("group", "delete", []string{n}, shoretopics.DeleteOperation)
		case errors.Is(d.Err, kerr.NonEmptyGroup) && active[n] == nil:
			r.Error = "the group has active members; stop its consumers first"
		case errors.Is(d.Err, kerr.NonEmptyGroup) && active[n].Static:
			r.Error = "the group has " + active[n].named() + "; stop its consumers first (a static member stays for its session timeout after its consumer stops)"
		case errors.Is(d.Err, kerr.NonEmptyGroup):
			r.Error = "the group has " + active[n].named() + "; stop its consumers first"
		case d.Err != nil:
			r.Error = d.Err.Error()
		}
		out = append(out, r)
	}
	var unknown []string
	for _, r := range out {
		if r.Unknown {
			unknown = append(unknown, r.Group)
		}
	}
	if len(unknown) > 0 {
		near := c.NearGroups(ctx, unknown)
		for i := range out {
			out[i].Near = near[out[i].Group]
		}
	}
	return out, nil
}

// lookupRefused is the groups of err, a sharded request's failure, whose
// coordinator the brokers would not name to this login: no ACL allows it
// DESCRIBE on them (GROUP_AUTHORIZATION_FAILED before the request is sent).
func lookupRefused(err error) map[string]bool {
	var se *kadm.ShardErrors
	if !errors.As(err, &se) {
		return nil
	}
	out := map[string]bool{}
	for _, e := range se.Errs {
		if asked, _ := askedGroups(e.Req); e.Broker.NodeID < 0 && errors.Is(e.Err, kerr.GroupAuthorizationFailed) {
			for _, g := range asked {
				out[g] = true
			}
		}
	}
	return out
}

// deleteGroups deletes names, asking again for the groups whose
// coordinator is not ready (see askCoordinators) until ctx ends; the error
// is the last request's.
func (c *Client) deleteGroups(ctx context.Context, names []string) (kadm.DeleteGroupResponses, error) {
	out := make(kadm.DeleteGroupResponses, len(names))
	var notReady error
	for try := 1; ; try++ {
		resp, err := c.adm.DeleteGroups(ctx, names...)
		maps.Copy(out, resp)
		if ctx.Err() != nil && notReady != nil {
			// The time ran out while asking again.
			return out, &NoCoordinatorError{Groups: names, Err: notReady}
		}
		var se *kadm.ShardErrors
		if !errors.As(err, &se) {
			return out, err
		}
		names, notReady = nil, nil
		for _, e := range se.Errs {
			if asked, _ := askedGroups(e.Req); e.Broker.NodeID < 0 && coordinatorNotReady(e.Err) {
				names, notReady = append(names, asked...), e.Err
			}
		}
		if len(names) == 0 {
			return out, err
		}
		if !pauseForCoordinator(ctx, try) {
			return out, &NoCoordinatorError{Groups: names, Err: notReady}
		}
	}
}

// activeMembersOf names the members of the groups that the broker did not
// delete for them, as the refusals of seek name them. A group it cannot
// describe, or whose members left since, is absent.
func (c *Client) activeMembersOf(ctx context.Context, resp kadm.DeleteGroupResponses) map[string]*ActiveMembersError {
	var nonEmpty []string
	for n, d := range resp {
		if errors.Is(d.Err, kerr.NonEmptyGroup) {
			nonEmpty = append(nonEmpty, n)
		}
	}
	out := make(map[string]*ActiveMembersError)
	described, _, _, _ := c.describeReachable(ctx, nonEmpty)
	for n, g := range described {
		if len(g.Members) > 0 {
			out[n] = activeMembers(g)
		}
	}
	return out
}

// uncommittedPartitionsExist refuses the partitions that scopes name without
// a commit in commits and that their topics do not have, all named in one
// error (shoretopics.UnknownPartitions). A committed partition is deleted
// whatever the topic has now: its topic may have been deleted since.
func (c *Client) uncommittedPartitionsExist(ctx context.Context, scopes []Scope, commits Offsets) error {
	var look []string
	for _, s := range scopes {
		for _, p := range s.Partitions {
			if _, has := commits.Lookup(s.Topic, p); !has {
				look = append(look, s.Topic)
				break
			}
		}
	}
	if len(look) == 0 {
		return nil
	}
	tds, err := c.adm.ListTopics(ctx, look...)
	if err != nil {
		return listTopicsError(ctx, c.adm, look, err)
	}
	var unknown []*shoretopics.UnknownPartitionError
	for _, s := range scopes {
		td, ok := tds[s.Topic]
		if !ok || td.Err != nil {
			continue
		}
		for _, p := range s.Partitions {
			if _, has := commits.Lookup(s.Topic, p); !has && int(p) >= len(td.Partitions) {
				unknown = append(unknown, &shoretopics.UnknownPartitionError{Topic: s.Topic, Partition: p, Partitions: len(td.Partitions)})
			}
		}
	}
	return shoretopics.UnknownPartitions(unknown)
}

// listTopicsError is err, of a listing of the named topics: the topics
// the login may not describe named (shoretopics.Denied), where kadm fails
// the listing whole without naming them.
func listTopicsError(ctx context.Context, adm *kadm.Client, names []string, err error) error {
	if denied := shoretopics.Denied(ctx, adm, names, err); denied != err {
		return denied
	}
	return fmt.Errorf("list topics: %w", err)
}

// allHaveCommits refuses the topics of scopes that group has no commits
// for: those that do not exist, all named in one error with the topics
// they may mean, none of the scopes' (shoretopics.Unknown), else the
// others, all named too.
func (c *Client) allHaveCommits(ctx context.Context, group string, scopes []Scope, commits Offsets) error {
	var named, uncommitted []string
	for _, s := range scopes {
		named = append(named, s.Topic)
		if len(commits[s.Topic]) == 0 {
			uncommitted = append(uncommitted, s.Topic)
		}
	}
	if len(uncommitted) == 0 {
		return nil
	}
	uncommitted = slices.Compact(slices.Sorted(slices.Values(uncommitted)))
	tds, err := c.adm.ListTopics(ctx, uncommitted...)
	if err != nil {
		return listTopicsError(ctx, c.adm, uncommitted, err)
	}
	var unknown []string
	for _, t := range uncommitted {
		if td, ok := tds[t]; !ok || errors.Is(td.Err, kerr.UnknownTopicOrPartition) {
			unknown = append(unknown, t)
		}
	}
	if len(unknown) > 0 {
		return shoretopics.Unknown(ctx, c.adm, unknown, named)
	}
	// Not wrapped: --allow-new, which the error explains, is seek's.
	return fmt.Errorf("%v to delete", &NoCommitsError{Group: group, Topics: uncommitted})
}

// DeleteOffsets deletes the commits of group in the scopes (a scope without
// partitions means every committed partition of its topic). It refuses a
// topic that an active member reads, an unknown group and a partition its
// topic does not have, and returns one result per partition, sorted. The
// commits of a topic no member reads any more are deleted while the group
// runs, as Kafka allows (KIP-496); the broker refuses a topic the members
// subscribe to without being assigned it yet, which a result says.
func (c *Client) DeleteOffsets(ctx context.Context, group string, scopes []Scope) ([]DeleteResult, error) {
	described, err := c.describe(ctx, []string{group})
	if err != nil {
		return nil, err
	}
	g, known := described[group]
	if !known {
		return nil, &UnknownGroupError{Groups: []string{group}, Near: c.NearGroups(ctx, []string{group})}
	}
	var read []string
	for _, s := range scopes {
		if readsTopic(g, s.Topic) && !slices.Contains(read, s.Topic) {
			read = append(read, s.Topic)
		}
	}
	if len(read) > 0 {
		active := activeMembers(g)
		slices.Sort(read)
		active.Topics = read
		return nil, active
	}
	fetched, err := c.adm.FetchOffsets(ctx, group)
	if err != nil {
		return nil, fmt.Errorf("fetch the offsets of group %q: %w", group, err)
	}
	commits := committed(fetched)
	if err := c.allHaveCommits(ctx, group, scopes, commits); err != nil {
		return nil, err
	}
	set := make(kadm.TopicsSet)
	for _, s := range scopes {
		if len(s.Partitions) > 0 {
			set.Add(s.Topic, s.Partitions...)
			continue
		}
		for p := range commits[s.Topic] {
			set.Add(s.Topic, p)
		}
	}
	if err := c.uncommittedPartitionsExist(ctx, scopes, commits); err != nil {
		return nil, err
	}
	resp, err := c.adm.DeleteOffsets(ctx, group, set)
	if errors.Is(err, kerr.NonEmptyGroup) && len(g.Members) > 0 {
		// A broker that deletes nothing of a running group (kfake for
		// KIP-848 groups; Kafka for groups of other protocols than
		// consumer) refuses as the check above does.
		return nil, Active(g)
	}
	if errors.Is(err, kerr.GroupAuthorizationFailed) {
		return nil, &NotAuthorizedError{Groups: []string{group}, Operation: shoretopics.DeleteOperation}
	}
	if err != nil {
		return nil, fmt.Errorf("delete the offsets of group %q: %w", group, explainCommit(err))
	}
	var out []DeleteResult
	for _, tp := range set.Sorted() {
		for _, p := range tp.Partitions {
			r := DeleteResult{Group: group, Topic: tp.Topic, Partition: &p}
			if _, has := commits.Lookup(tp.Topic, p); !has {
				r.Error = "no commit to delete"
			} else if e, ok := resp.Lookup(tp.Topic, p); ok && e != nil {
				r.Error = explainCommit(e).Error()
			}
			out = append(out, r)
		}
	}
	return out, nil
}
