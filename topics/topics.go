// Package topics inspects and changes a cluster's topics through a
// [kadm.Client]: the cluster and its brokers ([DescribeCluster]), topic
// summaries and descriptions ([List], [Describe]), creation, deletion,
// configuration and partition changes, and partition offsets ([Offsets]).
// [Regexes] select topics by name for consume -r and topics list/describe
// -r. Results are plain structs whose json tags are shore's documented -o
// json shapes; package cmd renders them.
package topics

import (
	"cmp"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafkashore/shore/format"
)

// UnknownTopicError says that a named topic does not exist. Near, when
// set, is a topic that does, whose name is a typo or two away: the one
// meant, most likely.
type UnknownTopicError struct{ Topic, Near string }

func (e *UnknownTopicError) Error() string { return "unknown topic " + e.quoted() }

// quoted is the topic's name quoted, and the one it may have meant; for
// one of Kafka's internal topics, when a broker creates it.
func (e *UnknownTopicError) quoted() string {
	if e.Near != "" {
		return fmt.Sprintf("%q (did you mean %q?)", e.Topic, e.Near)
	}
	if internal, ok := internalTopics[e.Topic]; ok {
		return fmt.Sprintf("%q (Apache Kafka's brokers create it when %s; shore dev's never do)", e.Topic, internal.createdWhen)
	}
	return fmt.Sprintf("%q", e.Topic)
}

// UnknownTopicsError is several topics that do not exist, named in one
// clause: unknown topics "a" and "b". Each is an *UnknownTopicError.
type UnknownTopicsError []error

func (e UnknownTopicsError) Error() string { return "unknown topics " + e.Names() }

// Names is the topics quoted, each with the one it may mean, and listed:
// "a" (did you mean "b"?) and "c". It is how a message in other words than
// Error's names them: topics "a" (did you mean "b"?) and "c" do not exist.
func (e UnknownTopicsError) Names() string {
	names := make([]string, len(e))
	for i, err := range e {
		names[i] = err.(*UnknownTopicError).quoted()
	}
	return format.List(names, "and")
}

func (e UnknownTopicsError) Unwrap() []error { return e }

// Are says of the topics what one (is) or several (are) are: topic "a"
// (did you mean "b"?) does not exist, topics "a" and "c" were not created.
func (e UnknownTopicsError) Are(is, are string) string {
	if len(e) == 1 {
		return "topic " + e.Names() + " " + is
	}
	return "topics " + e.Names() + " " + are
}

// nearTopics sets the Near of each unknown topic to the existing topic
// whose name is closest to its own, within two typos (one for a name of
// up to four characters) or else only in case (format.NearestName), if one
// is, and never one of named, the topics the command names: a topic given
// beside the unknown one is not the one meant, and the next nearest is
// named instead, or none. It lists the cluster's topics to find them, and
// sets none when that fails (it returns false). A client that asked for a
// topic before (consume's) lists it among them, with an error when it does
// not exist: those are left out too.
func nearTopics(ctx context.Context, adm *kadm.Client, unknown []error, named []string) bool {
	tds, err := adm.ListTopicsWithInternal(ctx)
	if err != nil {
		return false
	}
	dropFailed(tds)
	for _, name := range named {
		delete(tds, name)
	}
	names := tds.Names()
	for _, err := range unknown {
		e := err.(*UnknownTopicError)
		e.Near = format.NearestName(e.Topic, names)
	}
	return true
}

// Unknown is the error for the unknown topics, which do not exist (see
// Missing), each with the existing topic it may mean, never one of named,
// the topics the command names (see Suggest).
func Unknown(ctx context.Context, adm *kadm.Client, unknown, named []string) error {
	return Suggest(ctx, adm, Missing(unknown), named)
}

// Missing is the error for the named topics, which do not exist: an
// *UnknownTopicError for one, and for several an UnknownTopicsError, named
// in order, once each. It names no topic they may mean: Suggest adds
// those, where a client is at hand.
func Missing(names []string) error {
	unknown := missing(names)
	if len(unknown) == 1 {
		return unknown[0]
	}
	return unknown
}

// Suggested is the named topics, which do not exist, in order, once each,
// with the existing topic each may mean, never one of named, the topics
// the command names (see nearTopics), for a message that says in its own
// words that they do not exist (see Names). known,
// when not nil, keeps what was found for each name: a name it holds is
// not looked up again, so that a caller that asks every few hundred
// milliseconds (ready --wait) lists the cluster's topics once, not on
// every try.
func Suggested(ctx context.Context, adm *kadm.Client, names, named []string, known map[string]string) UnknownTopicsError {
	unknown := missing(names)
	var ask []error
	for _, err := range unknown {
		e := err.(*UnknownTopicError)
		near, ok := known[e.Topic]
		if !ok {
			ask = append(ask, e)
		}
		e.Near = near
	}
	if len(ask) > 0 && nearTopics(ctx, adm, ask, named) && known != nil {
		for _, err := range ask {
			e := err.(*UnknownTopicError)
			known[e.Topic] = e.Near
		}
	}
	return unknown
}

// missing is an *UnknownTopicError for each of names, in order, once each.
func missing(names []string) UnknownTopicsError {
	var unknown UnknownTopicsError
	for _, name := range sortedUnique(names) {
		unknown = append(unknown, &UnknownTopicError{Topic: name})
	}
	return unknown
}

// Suggest sets, in the unknown topics that err names (an
// UnknownTopicsError or an *UnknownTopicError, wrapped or not), the
// existing topic each may mean, never one of named, the topics the command
// names (see nearTopics), and returns err.
func Suggest(ctx context.Context, adm *kadm.Client, err error, named []string) error {
	if unknown := unknownIn(err); unknown != nil {
		nearTopics(ctx, adm, unknown, named)
	}
	return err
}

// unknownIn is the unknown topics that err names, an UnknownTopicsError or
// an *UnknownTopicError, wrapped or not; nil when it names none.
func unknownIn(err error) UnknownTopicsError {
	var many UnknownTopicsError
	var one *UnknownTopicError
	switch {
	case errors.As(err, &many):
		return many
	case errors.As(err, &one):
		return UnknownTopicsError{one}
	}
	return nil
}

// UnknownPartitionError says that a topic does not have a partition a
// command was given, or partitions Partition to Last when Last is more:
// like an unknown topic, a fact about the cluster, not a mistake in how
// the command was called. Partitions is how many the topic has.
type UnknownPartitionError struct {
	Topic      string
	Partition  int32
	Last       int32
	Partitions int
}

func (e *UnknownPartitionError) Error() string {
	return hasNoPartitions(e.Topic, PartitionSet{e.run()}, e.Partitions)
}

// run is the partitions e names.
func (e *UnknownPartitionError) run() PartitionRun {
	return PartitionRun{e.Partition, max(e.Partition, e.Last)}
}

// hasNoPartitions says that topic, which has count partitions, has none of
// partitions: topic "t" has no partition 9 (it has 0-2).
func hasNoPartitions(topic string, partitions PartitionSet, count int) string {
	return fmt.Sprintf("topic %q has no %s (it has %s)", topic, partitions, partitionsHeld(count))
}

// partitionsHeld words the partitions of a topic of count: 0-2, only 0,
// none.
func partitionsHeld(count int) string {
	switch count {
	case 0:
		return "none"
	case 1:
		return "only 0"
	}
	return fmt.Sprintf("0-%d", count-1)
}

// PartitionList words partition numbers for a message, in order and each
// once: partition 9, partitions 7 and 9, partitions 1, 3-5 and 9.
func PartitionList(partitions []int32) string {
	return PartitionSetOf(partitions).String()
}

// UnknownPartitionsError is several partitions that their topics do not
// have, named in one line, a clause per topic: topic "a" has no partitions
// 7 and 9 (it has 0-2); topic "b" has no partition 3 (it has only 0).
// Each is an *UnknownPartitionError, sorted by topic and partition.
type UnknownPartitionsError []error

func (e UnknownPartitionsError) Error() string {
	var clauses []string
	for i := 0; i < len(e); {
		first := e[i].(*UnknownPartitionError)
		var runs []PartitionRun
		for ; i < len(e) && e[i].(*UnknownPartitionError).Topic == first.Topic; i++ {
			runs = append(runs, e[i].(*UnknownPartitionError).run())
		}
		clauses = append(clauses, hasNoPartitions(first.Topic, setOf(runs), first.Partitions))
	}
	return strings.Join(clauses, "; ")
}

func (e UnknownPartitionsError) Unwrap() []error { return e }

// UnknownPartitions is the error for partitions that their topics do not
// have: nil for none, the one itself, or for several an
// UnknownPartitionsError naming them all in one line.
func UnknownPartitions(unknown []*UnknownPartitionError) error {
	slices.SortFunc(unknown, func(a, b *UnknownPartitionError) int {
		return cmp.Or(cmp.Compare(a.Topic, b.Topic), cmp.Compare(a.Partition, b.Partition))
	})
	switch len(unknown) {
	case 0:
		return nil
	case 1:
		return unknown[0]
	}
	errs := make(UnknownPartitionsError, len(unknown))
	for i, u := range unknown {
		errs[i] = u
	}
	return errs
}

// explain words an error Kafka returned for one topic the way a person reads
// it: `topic "orders" already exists`, not TOPIC_ALREADY_EXISTS. msg is the
// broker's own explanation, if it sent one; op is the ACL operation the
// request needs, which a refusal for authorization names (a
// *NotAuthorizedError).
func explain(topic string, op Operation, err error, msg string) error {
	var ke *kerr.Error
	if !errors.As(err, &ke) {
		return fmt.Errorf("topic %q: %w", topic, err)
	}
	switch ke {
	case kerr.UnknownTopicOrPartition, kerr.UnknownTopicID:
		return &UnknownTopicError{Topic: topic}
	case kerr.TopicAlreadyExists:
		return fmt.Errorf("topic %q already exists", topic)
	case kerr.TopicAuthorizationFailed:
		return &NotAuthorizedError{Topics: []string{topic}, Operation: op}
	case kerr.InvalidTopicException:
		// shore refuses a malformed name before it asks, so a name the
		// broker still refuses collides with another (Apache Kafka and
		// shore dev say which; kfake alone says nothing).
		if msg == "" {
			return fmt.Errorf("topic %q: the broker refuses the name: it differs from another topic's only in '.' and '_', which Kafka counts as the same", topic)
		}
		// Apache Kafka's words (and shore dev's): "Topic 'a_b' collides
		// with existing topic: a.b" (KRaft), "... existing topics: a.b"
		// (ZooKeeper), the name said twice.
		if _, other, ok := strings.Cut(msg, " collides with existing topic"); ok {
			if _, other, ok = strings.Cut(other, ": "); ok {
				others := strings.Split(other, ", ")
				what := "existing topic "
				if len(others) > 1 {
					what = "existing topics "
				}
				return fmt.Errorf("topic %q collides with %s%s: it differs only in '.' and '_', which Kafka counts as the same", topic, what, format.Quoted(others, "and"))
			}
		}
	}
	words := format.Clause(msg)
	if words == "" {
		words = format.Clause(ke.Description)
	}
	return fmt.Errorf("topic %q: %s", topic, lowerFirst(words))
}

func lowerFirst(s string) string {
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && (s[1] < 'A' || s[1] > 'Z') {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

// existing looks the named topics up without creating any (shore's clients
// never ask for automatic topic creation) and fails naming every topic that
// does not exist, each with the topic it may mean (see lookUp).
func existing(ctx context.Context, adm *kadm.Client, names []string) (kadm.TopicDetails, error) {
	tds, failed, err := lookUp(ctx, adm, names)
	if err != nil {
		return nil, err
	}
	return tds, errors.Join(JoinUnknown(failed)...)
}

// JoinUnknown returns failed with its *UnknownTopicErrors named in one
// error that comes first ('unknown topics "a" (did you mean "b"?) and
// "c"'), the others after it in their order: one line for the topics that
// do not exist, however many.
func JoinUnknown(failed []error) []error {
	var unknown UnknownTopicsError
	var others []error
	for _, err := range failed {
		if errors.As(err, new(*UnknownTopicError)) {
			unknown = append(unknown, err)
		} else {
			others = append(others, err)
		}
	}
	switch len(unknown) {
	case 0:
		return others
	case 1:
		return append([]error{unknown[0]}, others...)
	}
	return append([]error{unknown}, others...)
}

// lookUp looks the named topics up without creating any (shore's clients
// never ask for automatic topic creation). It returns the brokers' details
// of those they know, with an Err for each they would not describe, and,
// sorted by name, one error for each named topic that is not described:
// an *UnknownTopicError for one that does not exist, its Near set to the
// existing topic it may mean, never one of those named (see nearTopics), a
// *NotAuthorizedError for one the login may not describe, or the brokers'
// reason.
func lookUp(ctx context.Context, adm *kadm.Client, names []string) (kadm.TopicDetails, []error, error) {
	md, err := Metadata(ctx, adm, names...)
	if err != nil {
		return nil, nil, err
	}
	tds := md.Topics
	var failed, unknown []error
	for _, name := range sortedUnique(names) {
		td, ok := tds[name]
		var err error
		switch {
		case !ok:
			err = &UnknownTopicError{Topic: name}
		case errors.Is(td.Err, kerr.TopicAuthorizationFailed):
			err = &NotAuthorizedError{Topics: []string{name}}
		case td.Err != nil:
			err = explain(name, "", td.Err, "")
		default:
			continue
		}
		failed = append(failed, err)
		if errors.As(err, new(*UnknownTopicError)) {
			unknown = append(unknown, err)
		}
	}
	if len(unknown) > 0 {
		nearTopics(ctx, adm, unknown, names)
	}
	return tds, failed, nil
}

// dropFailed removes from tds the topics the brokers listed with an error
// (not authorized; being deleted).
func dropFailed(tds kadm.TopicDetails) {
	for name, td := range tds {
		if td.Err != nil {
			delete(tds, name)
		}
	}
}

func sortedUnique(names []string) []string {
	out := append([]string(nil), names...)
	sort.Strings(out)
	n := 0
	for i, s := range out {
		if i == 0 || s != out[n-1] {
			out[n] = s
			n++
		}
	}
	return out[:n]
}

// topicID renders a topic id as Kafka's tools do (base64url without
// padding), or empty when the broker sent none.
func topicID(id kadm.TopicID) format.Text {
	if id == (kadm.TopicID{}) {
		return ""
	}
	return format.Text(base64.RawURLEncoding.EncodeToString(id[:]))
}

// Compacted reports whether a topic whose cleanup.policy is policy is
// compacted: the comma-separated list holds compact (alone, or with
// delete). Kafka refuses a record without a key for such a topic.
func Compacted(policy string) bool {
	return slices.ContainsFunc(strings.Split(policy, ","), func(w string) bool {
		return strings.TrimSpace(w) == "compact"
	})
}
