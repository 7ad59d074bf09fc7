package consume

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/kafkashore/shore/topics"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Target says what to consume: topics by name or by regular expression,
// optionally only some partitions, and where to start and stop.
type Target struct {
	Topics []string
	// Regex, when set, replaces Topics: every non-internal topic whose name
	// one of them matches, at the time consuming starts.
	Regex topics.Regexes
	// Partitions limits the partitions; nil means all.
	Partitions topics.PartitionSet
	Offset     Spec
	// Group means the group's committed offsets win; the spec's positions
	// apply to partitions without a commit, and partitions the spec does not
	// name start at the log start.
	Group bool
	// Exit stops each partition at its end offset captured now.
	Exit bool
	// ReadCommitted makes the end offset the last stable offset.
	ReadCommitted bool
	// Created are topics of Topics that did not exist when consume
	// started and were created since: everything in them came later, so
	// their end at start is their log start, and -o end or -N reads them
	// from there.
	Created []string
}

// TopicPartition names one partition of a topic.
type TopicPartition struct {
	Topic     string
	Partition int32
}

// compare orders partitions by topic, then number.
func (tp TopicPartition) compare(other TopicPartition) int {
	return cmp.Or(cmp.Compare(tp.Topic, other.Topic), cmp.Compare(tp.Partition, other.Partition))
}

// Plan is a Target resolved against the cluster: exact positions per
// partition.
type Plan struct {
	Topics    []string
	Positions map[TopicPartition]Span
	// Start and End are each partition's log start and end offsets
	// captured when planning.
	Start, End map[TopicPartition]int64
	// Exit is Target.Exit: a partition added later is already done.
	Exit bool
	// Grow says that partitions added to the topics while they are
	// followed are consumed too, from their start: without a group (which
	// assigns them itself), -e or -p, and with a spec for every partition
	// that has no stop.
	Grow bool
	// Matched says the topics were matched by Target.Regex: a topic
	// deleted while consumed leaves them, and consuming goes on with the
	// others.
	Matched bool
	// Warn is, in a group, the warning a partition's start gives
	// (startWarning), told when the group assigns the partition without a
	// commit (Consumer.adjustOffsets): a partition with one starts there.
	Warn map[TopicPartition]func(Reporter)
	// IDs are the topics' IDs when planning (zero from a broker older
	// than Kafka 2.8): a topic seen later under another ID was deleted
	// and created again.
	IDs map[string]kadm.TopicID
}

// NewPlan looks up the topics, their partitions and the offsets the spec
// needs, and resolves every partition's position. An unknown topic is an
// error naming it; the partitions -p and -o name that a topic does not have
// are named in one error, as topics.UnknownPartitions words them. An
// exact start no longer in the log starts at the log start, a range wholly
// below the log start reads nothing, and so does a start past where -e or a
// range stops, each with a warning to report.
func NewPlan(ctx context.Context, cl *kgo.Client, t Target, report Reporter) (*Plan, error) {
	adm := kadm.NewClient(cl)
	partitions, ids, err := topicPartitions(ctx, cl, adm, t)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(partitions))
	for name := range partitions {
		names = append(names, name)
	}
	sort.Strings(names)
	plan := &Plan{Topics: names, Positions: map[TopicPartition]Span{}, Start: map[TopicPartition]int64{}, End: map[TopicPartition]int64{}, Warn: map[TopicPartition]func(Reporter){}, Exit: t.Exit, Matched: len(t.Regex) > 0, IDs: ids}
	plan.Grow = !t.Group && !t.Exit && t.Partitions == nil && t.Offset.Default != nil && t.Offset.Default.To == nil
	if len(names) == 0 {
		return plan, nil
	}
	starts, err := adm.ListStartOffsets(ctx, names...)
	if err = listedErr(starts, err); err != nil {
		return nil, fmt.Errorf("list start offsets: %w", err)
	}
	listEnd := adm.ListEndOffsets
	if t.ReadCommitted {
		listEnd = adm.ListCommittedOffsets
	}
	ends, err := listEnd(ctx, names...)
	if err = listedErr(ends, err); err != nil {
		return nil, fmt.Errorf("list end offsets: %w", err)
	}
	atTime := map[int64]kadm.ListedOffsets{}
	for _, tm := range t.Offset.Times() {
		listed, err := topics.OffsetsAfter(ctx, adm, tm.UnixMilli(), names, topics.ListedEnds(ends))
		if err = listedErr(listed, err); err != nil {
			return nil, fmt.Errorf("list offsets at %s: %w", tm.UTC().Format("2006-01-02T15:04:05.000Z07:00"), err)
		}
		atTime[tm.UnixMilli()] = listed
	}
	for _, topic := range names {
		for _, p := range partitions[topic] {
			r, ok := t.Offset.For(p)
			if !ok && !t.Group {
				continue
			}
			if !ok {
				r = Range{From: Bound{Kind: Start}}
			}
			start, _ := starts.Lookup(topic, p)
			end, _ := ends.Lookup(topic, p)
			o := LogBounds{Start: start.Offset, End: end.Offset, AtTime: map[int64]int64{}}
			if slices.Contains(t.Created, topic) {
				o.End = o.Start
			}
			for ms, listed := range atTime {
				if l, ok := listed.Lookup(topic, p); ok {
					o.AtTime[ms] = l.Offset
				}
			}
			pos := r.Resolve(o)
			if t.Exit && (pos.Stop == NoStop || pos.Stop > o.End) {
				pos.Stop = o.End
			}
			tp := TopicPartition{topic, p}
			if warn := startWarning(tp, r, pos, o); warn != nil && t.Group {
				plan.Warn[tp] = warn
			} else if warn != nil {
				warn(report)
			}
			plan.Positions[tp] = pos
			plan.Start[tp], plan.End[tp] = o.Start, o.End
		}
	}
	return plan, nil
}

// startWarning is the warning that the partition's position pos, resolved
// from r in a log of bounds o, gives: an exact start no longer in the log,
// or a start past the stop; nil when there is none.
func startWarning(tp TopicPartition, r Range, pos Span, o LogBounds) func(Reporter) {
	switch {
	case pos.BelowStart && r.To != nil && r.To.resolve(o) <= o.Start:
		return func(report Reporter) { report.Deleted(tp, r.From.N, r.To.resolve(o), o.Start) }
	case pos.BelowStart:
		return func(report Reporter) { report.BelowStart(tp, r.From.N, o.Start) }
	case pos.Stop != NoStop && pos.From > pos.Stop:
		return func(report Reporter) { report.PastStop(tp, pos.From, pos.Stop, o.End) }
	}
	return nil
}

// namedTopics describes the named topics. While one is unknown to the
// broker asked but known to another (a topic just created, which each
// broker learns of at its own pace), it asks again, until ctx ends.
func namedTopics(ctx context.Context, cl *kgo.Client, adm *kadm.Client, names []string) (kadm.TopicDetails, error) {
	for {
		all, err := topics.Metadata(ctx, adm, names...)
		if err != nil {
			return nil, err
		}
		md := all.Topics
		lagging := slices.ContainsFunc(names, func(name string) bool {
			td, ok := md[name]
			return (!ok || errors.Is(td.Err, kerr.UnknownTopicOrPartition)) && topics.KnownElsewhere(ctx, cl, name)
		})
		if !lagging {
			return md, nil
		}
		select {
		case <-ctx.Done():
			return md, nil
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// topicPartitions returns the partitions to consume of each topic, and the
// topics' IDs.
func topicPartitions(ctx context.Context, cl *kgo.Client, adm *kadm.Client, t Target) (map[string][]int32, map[string]kadm.TopicID, error) {
	var md kadm.TopicDetails
	var err error
	if len(t.Regex) > 0 {
		md, err = adm.ListTopics(ctx)
	} else {
		md, err = namedTopics(ctx, cl, adm, t.Topics)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("metadata: %w", err)
	}
	out, ids := map[string][]int32{}, map[string]kadm.TopicID{}
	if len(t.Regex) > 0 {
		t.Regex.Keep(md)
		if len(md) == 0 {
			// Kafka lists to a login only the topics it may describe.
			return nil, nil, &topics.NoMatchError{Regexes: t.Regex, Hidden: topics.HidesTopics(ctx, cl)}
		}
		for name := range md {
			out[name] = nil
		}
	} else {
		var unknown, denied []string
		for _, name := range t.Topics {
			td, ok := md[name]
			switch {
			case !ok || errors.Is(td.Err, kerr.UnknownTopicOrPartition):
				unknown = append(unknown, name)
			case errors.Is(td.Err, kerr.TopicAuthorizationFailed):
				denied = append(denied, name)
			case td.Err != nil:
				return nil, nil, fmt.Errorf("topic %q: %w", name, td.Err)
			default:
				out[name] = nil
			}
		}
		if len(unknown) > 0 {
			// Every unknown one, each with the topic it may mean, none
			// of those consumed.
			return nil, nil, topics.Unknown(ctx, adm, unknown, t.Topics)
		}
		if len(denied) > 0 {
			return nil, nil, &topics.NotAuthorizedError{Topics: denied}
		}
	}
	counts := map[string]int{}
	for name := range out {
		ids[name] = md[name].ID
		counts[name] = len(md[name].Partitions)
	}
	// The partitions -p names, or -o's P=SPEC without -p (with -p they
	// are among its own); they choose the partitions consumed unless -o
	// gives the others a spec too, or the group does.
	asked := t.Partitions
	if asked == nil && len(t.Offset.Partitions) > 0 {
		asked = topics.PartitionSetOf(slices.Collect(maps.Keys(t.Offset.Partitions)))
	}
	switch {
	case asked == nil:
	case t.Partitions != nil || t.Offset.Default == nil && !t.Group:
		skip, err := topics.PickPartitions(asked, counts, t.Regex)
		if err != nil {
			return nil, nil, err
		}
		for _, name := range skip {
			delete(out, name)
			delete(ids, name)
		}
	default:
		// -o's P=SPEC beside a spec for the other partitions: every
		// topic must have the partitions it names.
		if err := asked.Lacking(counts); err != nil {
			return nil, nil, err
		}
	}
	for name := range out {
		for p := int32(0); p < int32(counts[name]); p++ {
			if t.Partitions.Contains(p) {
				out[name] = append(out[name], p)
			}
		}
	}
	return out, ids, nil
}

func listedErr(l kadm.ListedOffsets, err error) error {
	if err != nil {
		return err
	}
	return l.Error()
}
