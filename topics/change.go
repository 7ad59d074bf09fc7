package topics

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/format"
)

// UnansweredError is a request to change topics (create, delete, alter
// settings, add partitions) that failed as a whole, without the brokers'
// answer: one that timed out may have been carried out all the same.
type UnansweredError struct{ Err error }

func (e *UnansweredError) Error() string { return e.Err.Error() }
func (e *UnansweredError) Unwrap() error { return e.Err }

// unanswered is err, the failure of a change request as a whole, as an
// *UnansweredError; a validateOnly request's, which changes nothing, as it
// is.
func unanswered(err error, validateOnly bool) error {
	if validateOnly {
		return err
	}
	return &UnansweredError{Err: err}
}

// CreateRequest says which topics to create and how.
type CreateRequest struct {
	Names []string
	// Partitions and Replicas of -1 take the broker's defaults
	// (num.partitions, default.replication.factor).
	Partitions int32
	Replicas   int16
	Configs    map[string]*string
	// IfNotExists takes a topic that exists already as done when it has at
	// least Partitions partitions (any number when Partitions is -1);
	// its replicas and settings are not compared.
	IfNotExists bool
	// ValidateOnly has the brokers check the request and create nothing
	// (CreateTopics' validateOnly).
	ValidateOnly bool
}

// Created is one topic `shore topics create` made, or with IfNotExists
// found.
type Created struct {
	Name string `json:"name"`
	// Partitions and Replicas are nil for an internal topic that the
	// brokers say exists and do not describe (see checkExisting).
	Partitions *int32 `json:"partitions"`
	Replicas   *int16 `json:"replicas"`
	// ID is as Description's.
	ID format.Text `json:"id"`
	// Existed is true for a topic IfNotExists found.
	Existed bool `json:"existed,omitempty"`
}

// Create creates the topics in one request. It returns the topics it
// created, sorted by name (empty, not nil, when the brokers refused them
// all), and an error naming each topic it could not; nil topics mean the
// request itself failed. AwaitLed waits until every broker knows them. With
// req.ValidateOnly it returns the topics the brokers would create, without
// an id.
func Create(ctx context.Context, adm *kadm.Client, req CreateRequest) ([]Created, error) {
	create := adm.CreateTopics
	if req.ValidateOnly {
		create = adm.ValidateCreateTopics
	}
	resps, err := create(ctx, req.Partitions, req.Replicas, req.Configs, sortedUnique(req.Names)...)
	if err != nil {
		return nil, unanswered(err, req.ValidateOnly)
	}
	created := []Created{}
	var errs []error
	var found, denied []string
	// kadm's Sorted orders by topic id first, a random UUID.
	rs := resps.Sorted()
	slices.SortFunc(rs, func(a, b kadm.CreateTopicResponse) int { return strings.Compare(a.Topic, b.Topic) })
	for _, r := range rs {
		switch {
		case req.IfNotExists && errors.Is(r.Err, kerr.TopicAlreadyExists):
			found = append(found, r.Topic)
		case req.IfNotExists && errors.Is(r.Err, kerr.TopicAuthorizationFailed):
			// Kafka refuses a login without CREATE before it looks
			// for the topic: one that exists is still found.
			found, denied = append(found, r.Topic), append(denied, r.Topic)
		case errors.Is(r.Err, kerr.InvalidReplicationFactor) && r.ErrMessage == "":
			errs = append(errs, tooFewBrokers(ctx, adm, r.Topic, req.Replicas))
		case r.Err != nil:
			msg := unbracket(quoteEmpty(r.ErrMessage, req.Configs, func(name string) string { return "without -c " + name + " the topic takes the default" }), req.Configs, "-c")
			errs = append(errs, explainSettings(r.Topic, CreateOperation, r.Err, msg, settingNames(req.Configs, nil)))
		default:
			c := Created{Name: r.Topic, Partitions: &r.NumPartitions, Replicas: &r.ReplicationFactor, ID: topicID(r.ID)}
			if req.ValidateOnly {
				c.ID = "" // no topic has it, whatever id the broker made up
			}
			created = append(created, c)
		}
	}
	if len(found) > 0 {
		existed, err := checkExisting(ctx, adm, found, req.Partitions, denied)
		created = append(created, existed...)
		slices.SortFunc(created, func(a, b Created) int { return strings.Compare(a.Name, b.Name) })
		errs = append(errs, err)
	}
	return created, errors.Join(errs...)
}

// tooFewBrokers words a refused replication factor that the broker did not
// explain (kfake without shore dev's controls says only
// INVALID_REPLICATION_FACTOR's description, "below 1 or larger than the
// number of available brokers"; Apache Kafka and shore dev name both
// numbers): shore refuses a factor below 1 before it asks, so it is more
// than the brokers, and the line says how many there are.
func tooFewBrokers(ctx context.Context, adm *kadm.Client, topic string, replicas int16) error {
	factor := "the brokers' default.replication.factor"
	if replicas > 0 {
		factor = fmt.Sprintf("replication factor %d", replicas)
	}
	brokers, err := adm.ListBrokers(ctx)
	if err != nil {
		return fmt.Errorf("topic %q: %s is larger than the number of brokers", topic, factor)
	}
	return fmt.Errorf("topic %q: %s is larger than the cluster's %s", topic, factor, format.Count(len(brokers), "broker"))
}

// checkExisting describes the topics that exist already and accepts those
// with at least partitions partitions; one with fewer is an error that
// says how to add the rest, or for an internal topic, which add-partitions
// refuses, the broker setting its partition count comes from. An internal
// topic (IsInternalName) that the brokers do not describe is accepted as
// it is, its partitions not known:
// shore dev keeps groups' commits and transactions' state without those
// topics, and says they exist, as a Kafka whose groups were used does.
// Those of names in notCreated, which the brokers refused to create to
// this login, need not exist: one that the brokers do not describe is
// refused as not created (a *NotAuthorizedError naming CREATE).
func checkExisting(ctx context.Context, adm *kadm.Client, names []string, partitions int32, notCreated []string) ([]Created, error) {
	md, err := Metadata(ctx, adm, names...)
	if err != nil {
		return nil, err
	}
	var existed []Created
	var errs []error
	var denied, createDenied []string
	for _, name := range names {
		td, ok := md.Topics[name]
		if slices.Contains(notCreated, name) && (!ok || td.Err != nil) {
			createDenied = append(createDenied, name)
			continue
		}
		if (!ok || errors.Is(td.Err, kerr.UnknownTopicOrPartition)) && IsInternalName(name) {
			existed = append(existed, Created{Name: name, Existed: true})
			continue
		}
		if ok && errors.Is(td.Err, kerr.TopicAuthorizationFailed) {
			denied = append(denied, name)
			continue
		}
		if !ok || td.Err != nil {
			why := "the brokers' metadata does not list it"
			if ok {
				why = td.Err.Error()
			}
			errs = append(errs, fmt.Errorf("topic %q exists, but its metadata is not available: %s", name, why))
			continue
		}
		have := int32(len(td.Partitions))
		if partitions > 0 && have < partitions {
			errs = append(errs, fmt.Errorf("topic %q exists with %s, fewer than the %d asked%s", name, format.Count(have, "partition"), partitions, howToGrow(name, td.IsInternal, partitions)))
			continue
		}
		c := Created{Name: name, Partitions: &have, ID: topicID(td.ID), Existed: true}
		if p, ok := td.Partitions[0]; ok {
			replicas := int16(len(p.Replicas))
			c.Replicas = &replicas
		}
		existed = append(existed, c)
	}
	if len(denied) > 0 {
		errs = append(errs, &NotAuthorizedError{Topics: denied})
	}
	if len(createDenied) > 0 {
		errs = append(errs, &NotAuthorizedError{Topics: createDenied, Operation: CreateOperation})
	}
	return existed, errors.Join(errs...)
}

// howToGrow says, after a topic's partition count, how it gets the
// partitions asked: add-partitions for an ordinary topic; for an internal
// one, which it refuses, the brokers' setting when its name has one.
func howToGrow(name string, internal bool, partitions int32) string {
	kafkas, known := internalTopics[name]
	switch {
	case known:
		return fmt.Sprintf(": it is internal to Kafka, whose brokers set its partition count (%s)", kafkas.partitions)
	case internal:
		return ": it is internal to Kafka, whose brokers set its partition count"
	}
	return fmt.Sprintf(" ('shore topics add-partitions %s --total %d' adds them)", name, partitions)
}

// AwaitLed waits until every broker's metadata shows a leader for every
// partition of the topics just created or grown, each with the partition
// count it has now (any count where it is 0 or less). Kafka answers
// CreateTopics and CreatePartitions before its brokers' metadata has the
// change, and each broker learns of it at its own pace, so a command run
// right after create (`shore topics create t && shore produce t`) could
// otherwise be told by another broker that the topic is unknown. It
// returns as awaitBrokers does: nil once every broker that answers shows
// them led, else what the last round did not show led; the topics exist
// either way. adm wraps cl.
func AwaitLed(ctx context.Context, adm *kadm.Client, cl *kgo.Client, led []Created) *Lingering {
	partitions := make(map[string]int32, len(led))
	for _, c := range led {
		partitions[c.Name] = *c.Partitions
	}
	return awaitBrokers(ctx, adm, cl, slices.Collect(maps.Keys(partitions)), func(resp *kmsg.MetadataResponse, topic string) bool {
		return !showsLed(resp, topic, partitions[topic])
	})
}

// awaitBrokers asks every broker for the metadata of the topics names, in
// rounds 50ms apart, until no answer of a round shows one that lingers
// (lingers judges a broker's answer for a topic), or ctx ends. A round asks
// only of the topics the one before left, and a broker that does not
// answer within a second is left out of it: a command could not use it
// either. It returns nil when a round leaves none, or, when ctx ends
// first, what the last round answered left: the topics that linger and
// the brokers whose answers showed them so (the topics and no brokers
// when no round was answered).
func awaitBrokers(ctx context.Context, adm *kadm.Client, cl *kgo.Client, names []string, lingers func(resp *kmsg.MetadataResponse, topic string) bool) *Lingering {
	if len(names) == 0 {
		return nil
	}
	last := &Lingering{Topics: sortedUnique(names)}
	for {
		if brokers, err := adm.ListBrokers(ctx); err == nil {
			slices.SortFunc(brokers, func(a, b kadm.BrokerDetail) int { return cmp.Compare(a.NodeID, b.NodeID) })
			answers := askEveryBroker(ctx, cl, brokers, last.Topics)
			if ctx.Err() == nil {
				if last = lingeringIn(brokers, answers, last.Topics, lingers); last == nil {
					return nil
				}
			}
		}
		select {
		case <-ctx.Done():
			return last
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// lingeringIn is what the answers of brokers (askEveryBroker's) show
// lingering of names, or nil when none shows any.
func lingeringIn(brokers kadm.BrokerDetails, answers []*kmsg.MetadataResponse, names []string, lingers func(resp *kmsg.MetadataResponse, topic string) bool) *Lingering {
	left := map[string]bool{}
	var by []string
	for i, resp := range answers {
		if resp == nil {
			continue
		}
		lags := false
		for _, name := range names {
			if lingers(resp, name) {
				left[name], lags = true, true
			}
		}
		if lags {
			b := brokers[i]
			by = append(by, fmt.Sprintf("%d (%s:%d)", b.NodeID, b.Host, b.Port))
		}
	}
	if len(left) == 0 {
		return nil
	}
	return &Lingering{Topics: slices.Sorted(maps.Keys(left)), Brokers: by}
}

// askEveryBroker asks each broker for the metadata of the named topics, all
// at once, and returns their answers, nil for a broker that failed or did
// not answer within a second.
func askEveryBroker(ctx context.Context, cl *kgo.Client, brokers kadm.BrokerDetails, names []string) []*kmsg.MetadataResponse {
	answers := make([]*kmsg.MetadataResponse, len(brokers))
	var wg sync.WaitGroup
	for i, b := range brokers {
		wg.Go(func() {
			// A request each: the client sets the version on the
			// request it sends, which each broker may choose apart.
			req := kmsg.NewPtrMetadataRequest()
			for _, name := range names {
				rt := kmsg.NewMetadataRequestTopic()
				rt.Topic = kmsg.StringPtr(name)
				req.Topics = append(req.Topics, rt)
			}
			bctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			if resp, err := req.RequestWith(bctx, cl.Broker(int(b.NodeID))); err == nil {
				answers[i] = resp
			}
		})
	}
	wg.Wait()
	return answers
}

// KnownElsewhere reports whether some broker of the cluster knows topic.
// One broker's "unknown topic" is not the last word on a topic just
// created: each broker learns of it at its own pace, and a command asks
// again while another broker knows it.
func KnownElsewhere(ctx context.Context, cl *kgo.Client, topic string) bool {
	brokers, err := kadm.NewClient(cl).ListBrokers(ctx)
	if err != nil {
		return false
	}
	for _, resp := range askEveryBroker(ctx, cl, brokers, []string{topic}) {
		if resp != nil && len(resp.Topics) == 1 && resp.Topics[0].ErrorCode == 0 && len(resp.Topics[0].Partitions) > 0 {
			return true
		}
	}
	return false
}

// showsLed reports whether resp shows topic with all its partitions
// (partitions of them, any number when 0 or less), each with a leader.
func showsLed(resp *kmsg.MetadataResponse, topic string, partitions int32) bool {
	i := slices.IndexFunc(resp.Topics, func(t kmsg.MetadataResponseTopic) bool { return t.Topic != nil && *t.Topic == topic })
	if i < 0 {
		return false
	}
	td := resp.Topics[i]
	// Older CreateTopics versions answer -1 partitions: any count will do.
	if td.ErrorCode != 0 || len(td.Partitions) == 0 || (partitions > 0 && len(td.Partitions) != int(partitions)) {
		return false
	}
	for _, p := range td.Partitions {
		if p.ErrorCode != 0 || p.Leader < 0 {
			return false
		}
	}
	return true
}

// Deleted is one topic `shore topics delete` removed.
type Deleted struct {
	Name string `json:"name"`
}

// Delete deletes the named topics. If any of them does not exist, it
// deletes none and says which, unless ifExists: then it passes over the
// topics that do not exist and returns them as passed. Either way each
// is named with the existing topic it may mean, never one of those named.
// The topics deleted are nil only when a request failed, and empty when
// the topics named kept it from deleting any.
func Delete(ctx context.Context, adm *kadm.Client, names []string, ifExists bool) (deleted []Deleted, passed UnknownTopicsError, err error) {
	tds, err := existing(ctx, adm, names)
	if tds == nil {
		return nil, nil, err
	}
	if ifExists {
		passed = unknownIn(err)
		names, err = present(tds, names)
	}
	if err != nil {
		kept, other := present(tds, names)
		switch {
		case len(kept) == 0:
			return []Deleted{}, passed, err
		case other == nil && !ifExists:
			// Only unknown topics stopped it.
			return []Deleted{}, passed, fmt.Errorf("%w; nothing deleted (--if-exists deletes the others)", err)
		}
		// Others named do exist: say they are kept, which create,
		// creating the others, would not lead one to expect.
		return []Deleted{}, passed, fmt.Errorf("%w; nothing deleted", err)
	}
	if err := refuseInternal(tds, names); err != nil {
		return []Deleted{}, passed, err
	}
	if len(names) == 0 {
		return []Deleted{}, passed, nil
	}
	resps, err := adm.DeleteTopics(ctx, sortedUnique(names)...)
	if err != nil {
		return nil, passed, unanswered(err, false)
	}
	deleted = []Deleted{}
	var errs []error
	rs := resps.Sorted() // by topic id first, as Create's
	slices.SortFunc(rs, func(a, b kadm.DeleteTopicResponse) int { return strings.Compare(a.Topic, b.Topic) })
	for _, r := range rs {
		if r.Err != nil {
			errs = append(errs, explain(r.Topic, DeleteOperation, r.Err, r.ErrMessage))
			continue
		}
		deleted = append(deleted, Deleted{Name: r.Topic})
	}
	return deleted, passed, errors.Join(errs...)
}

// refuseInternal fails when names hold an internal topic: Apache Kafka's
// controller does not refuse to delete __consumer_offsets, and every
// group's commits would go with it.
func refuseInternal(tds kadm.TopicDetails, names []string) error {
	var internal []string
	for _, name := range sortedUnique(names) {
		if tds[name].IsInternal {
			internal = append(internal, name)
		}
	}
	switch len(internal) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("topic %s is internal to Kafka (as __consumer_offsets, which holds every group's commits): shore does not delete it; nothing deleted", format.Quoted(internal, "and"))
	}
	return fmt.Errorf("topics %s are internal to Kafka (as __consumer_offsets, which holds every group's commits): shore does not delete them; nothing deleted", format.Quoted(internal, "and"))
}

// Lingering is what AwaitGone or AwaitLed left: the topics whose change
// some brokers did not show when it stopped waiting (deleted topics they
// still listed; new topics or partitions they did not show led), and
// those brokers.
type Lingering struct {
	// Topics are sorted; Brokers are "ID (host:port)", sorted by ID.
	Topics, Brokers []string
}

// AwaitGone waits until no broker's metadata lists any of the topics just
// deleted. Kafka answers DeleteTopics once its controller has accepted,
// and each broker forgets the topic at its own pace: until then creating
// it again fails (TOPIC_ALREADY_EXISTS), and a producer that asks a broker
// still listing it may write to it, or have it created again where the
// brokers create topics automatically. It returns as awaitBrokers does:
// nil once none lists them, else what the last round still listed. adm
// wraps cl.
func AwaitGone(ctx context.Context, adm *kadm.Client, cl *kgo.Client, names []string) *Lingering {
	return awaitBrokers(ctx, adm, cl, names, lists)
}

// lists reports whether resp lists topic: a topic is gone from an answer
// that leaves it out or calls it unknown.
func lists(resp *kmsg.MetadataResponse, topic string) bool {
	return slices.ContainsFunc(resp.Topics, func(t kmsg.MetadataResponseTopic) bool {
		return t.Topic != nil && *t.Topic == topic && !errors.Is(kerr.ErrorForCode(t.ErrorCode), kerr.UnknownTopicOrPartition)
	})
}

// present returns those of names that exist in tds, and the errors of
// those that tds could not tell about.
func present(tds kadm.TopicDetails, names []string) ([]string, error) {
	var keep []string
	var errs []error
	for _, name := range sortedUnique(names) {
		td, ok := tds[name]
		switch {
		case !ok, errors.Is(td.Err, kerr.UnknownTopicOrPartition):
		case errors.Is(td.Err, kerr.TopicAuthorizationFailed):
			errs = append(errs, &NotAuthorizedError{Topics: []string{name}})
		case td.Err != nil:
			errs = append(errs, explain(name, "", td.Err, ""))
		default:
			keep = append(keep, name)
		}
	}
	return keep, errors.Join(errs...)
}

// ParseConfigs parses key=value settings given with flag (-c, --set). A
// value may contain '=' and ','; a key may not be empty, nor given twice:
// which of two values was meant is not for shore to guess, even when they
// are the same. A value in which a comma is followed by one of Kafka's
// topic settings and '=' (retention.ms=1,segment.bytes=1048576, as
// kafka-configs --add-config takes several) is refused, with the flags
// that give each setting on its own.
func ParseConfigs(flag string, pairs []string) (map[string]*string, error) {
	out := make(map[string]*string, len(pairs))
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		switch {
		case !ok:
			return nil, fmt.Errorf("config %q: want key=value, such as retention.ms=86400000", kv)
		case k == "":
			return nil, fmt.Errorf("config %q: no setting's name before '=', as in retention.ms=86400000", kv)
		case out[k] != nil:
			return nil, fmt.Errorf("config %q is given twice (%q, then %q): give it once", k, k+"="+*out[k], kv)
		}
		if each := splitSettings(kv); len(each) > 1 {
			return nil, fmt.Errorf("config %q holds %d settings: give each its own %s, as in %s %s", kv, len(each), flag, flag, strings.Join(each, " "+flag+" "))
		}
		out[k] = &v
	}
	return out, nil
}

// splitSettings splits kv where a comma is followed by a topic setting's
// name (Settings) and '=': "retention.ms=1,segment.bytes=1048576" is two
// settings, "cleanup.policy=compact,delete" one.
func splitSettings(kv string) []string {
	parts := strings.Split(kv, ",")
	each := []string{parts[0]}
	for _, p := range parts[1:] {
		if name, _, ok := strings.Cut(p, "="); ok && slices.Contains(Settings, strings.TrimSpace(name)) {
			each = append(each, p)
			continue
		}
		each[len(each)-1] += "," + p
	}
	return each
}

// Configured is a topic's settings after `shore topics alter-config`.
type Configured struct {
	Name string `json:"name"`
	// Configs are the settings that no longer come from the built-in
	// default, as in Description.Configs.
	Configs []ConfigEntry `json:"configs"`
	// Replicas is the fewest replicas a partition of the topic has, 0
	// when it has no partition; it is for MinISRAboveReplicas, not in the
	// JSON, which describe's partitions give.
	Replicas int `json:"-"`
}

// fewestReplicas is the fewest replicas a partition of td has, 0 when it
// has none.
func fewestReplicas(td kadm.TopicDetail) int {
	fewest := 0
	for _, p := range td.Partitions {
		if fewest == 0 || len(p.Replicas) < fewest {
			fewest = len(p.Replicas)
		}
	}
	return fewest
}

// AlterConfig sets and deletes (reverts to the default) settings of each
// named topic incrementally, leaving its other settings alone, each topic
// answered on its own, as Kafka answers them. changed holds, sorted by
// name, the non-default settings afterwards of each topic changed; failed
// one error for each of the others: first one for each that does not
// exist (an *UnknownTopicError, its Near set) or that the brokers do not
// describe, then one for each that has no setting to --delete of that name
// (unknownDeleted), then the brokers' reason for each they refused, each
// kind sorted by name. err is a request that got no answer
// (*UnansweredError) or was never sent. With validateOnly the brokers only
// check the change (IncrementalAlterConfigs' validateOnly), and the
// settings returned are those the topics would have (afterChange). adm
// wraps cl.
func AlterConfig(ctx context.Context, adm *kadm.Client, cl *kgo.Client, names []string, set map[string]*string, del []string, validateOnly bool) (changed []Configured, failed []error, err error) {
	tds, failed, err := lookUp(ctx, adm, names)
	if err != nil {
		return nil, nil, err
	}
	dropFailed(tds)
	alterable := tds.Names()
	if len(del) > 0 && len(alterable) > 0 {
		configs, refused, unread, err := topicConfigs(ctx, cl, alterable, true)
		if err != nil {
			return nil, nil, err
		}
		failed = append(failed, refused...)
		// Settings the login may not read go unchecked: the brokers
		// refuse to change them, as ALTER_CONFIGS implies
		// DESCRIBE_CONFIGS, naming what the login lacks.
		alterable = unread
		for _, name := range slices.Sorted(maps.Keys(configs)) {
			if err := unknownDeleted(name, configs[name], del); err != nil {
				failed = append(failed, err)
				continue
			}
			alterable = append(alterable, name)
		}
		slices.Sort(alterable)
	}
	changed = []Configured{}
	if len(alterable) == 0 {
		return changed, failed, nil
	}
	var alter []kadm.AlterConfig
	for _, k := range sortedKeys(set) {
		alter = append(alter, kadm.AlterConfig{Op: kadm.SetConfig, Name: k, Value: set[k]})
	}
	for _, k := range sortedUnique(del) {
		alter = append(alter, kadm.AlterConfig{Op: kadm.DeleteConfig, Name: k})
	}
	alterConfigs := adm.AlterTopicConfigs
	if validateOnly {
		alterConfigs = adm.ValidateAlterTopicConfigs
	}
	resps, err := alterConfigs(ctx, alter, alterable...)
	if err != nil {
		return nil, nil, unanswered(err, validateOnly)
	}
	var done []string
	slices.SortFunc(resps, func(a, b kadm.AlterConfigsResponse) int { return strings.Compare(a.Name, b.Name) })
	for _, r := range resps {
		if r.Err != nil {
			msg := unbracket(quoteEmpty(r.ErrMessage, set, func(name string) string { return "--delete " + name + " returns the setting to its default" }), set, "--set")
			failed = append(failed, explainSettings(r.Name, AlterConfigsOperation, r.Err, msg, settingNames(set, del)))
			continue
		}
		done = append(done, r.Name)
	}
	if len(done) == 0 {
		return changed, failed, nil
	}
	// Apache Kafka answers the change before every broker's view of the
	// topic has it: describe until the view shows the change, or ctx ends.
	for {
		configs, refused, unread, err := topicConfigs(ctx, cl, done, true)
		if err != nil {
			return nil, nil, err
		}
		if len(unread) > 0 {
			refused = append(refused, &SettingsDeniedError{Topics: unread})
		}
		if len(refused) > 0 {
			return nil, nil, errors.Join(refused...)
		}
		changed = changed[:0]
		shown := true
		for _, name := range done {
			cs := configs[name]
			if validateOnly {
				cs = afterChange(cs, set, del)
			}
			nd := nonDefault(cs)
			shown = shown && (validateOnly || applied(nd, set, del))
			changed = append(changed, Configured{Name: name, Configs: nd, Replicas: fewestReplicas(tds[name])})
		}
		if shown || ctx.Err() != nil {
			return changed, failed, nil
		}
		select {
		case <-ctx.Done():
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// unknownDeleted refuses a setting to delete that the topic's settings cs
// (every one the brokers know, defaults included) do not name: Apache
// Kafka deletes a name it does not know without a word, so that
// '--delete min.insync.replica' changed nothing and exited 0. The refusal
// is Kafka's for setting such a name, explained as the brokers' is.
func unknownDeleted(topic string, cs []kadm.Config, del []string) error {
	for _, name := range sortedUnique(del) {
		if !slices.ContainsFunc(cs, func(c kadm.Config) bool { return c.Key == name }) {
			return explainSettings(topic, AlterConfigsOperation, kerr.InvalidConfig, "Unknown topic config name: "+name, []string{name})
		}
	}
	return nil
}

// afterChange is the topic's settings cs as they would be once set is set
// and del deleted: a value set comes from the topic
// (DYNAMIC_TOPIC_CONFIG); a value deleted from the topic falls back to its
// first synonym from elsewhere (a broker's setting, or the built-in
// default), as the brokers list them in the order they apply them.
func afterChange(cs []kadm.Config, set map[string]*string, del []string) []kadm.Config {
	out := make([]kadm.Config, 0, len(cs)+len(set))
	described := map[string]bool{}
	for _, c := range cs {
		described[c.Key] = true
		if v, ok := set[c.Key]; ok {
			c.Source = kmsg.ConfigSourceDynamicTopicConfig
			if !c.Sensitive {
				c.Value = v
			}
		} else if c.Source == kmsg.ConfigSourceDynamicTopicConfig && slices.Contains(del, c.Key) {
			c = fallBack(c)
		}
		out = append(out, c)
	}
	for _, k := range sortedKeys(set) {
		if !described[k] {
			out = append(out, kadm.Config{Key: k, Value: set[k], Source: kmsg.ConfigSourceDynamicTopicConfig})
		}
	}
	return out
}

// fallBack is c, a setting of the topic's own, once deleted: the value and
// source of its first synonym that is not the topic's and has a value (a
// broker takes the next one where a synonym has none: log.retention.ms,
// then log.retention.hours), or the built-in default when there is none. A
// broker's synonym in hours or minutes is converted to the topic's
// milliseconds (retention.ms), as the brokers show it.
func fallBack(c kadm.Config) kadm.Config {
	c.Source, c.Value = kmsg.ConfigSourceDefaultConfig, nil
	for _, syn := range c.Synonyms {
		if syn.Source == kmsg.ConfigSourceDynamicTopicConfig || syn.Value == nil {
			continue
		}
		c.Source, c.Value = syn.Source, syn.Value
		if ms, ok := inMillis(c.Key, syn.Key, syn.Value); ok {
			c.Value = &ms
		}
		break
	}
	return c
}

// inMillis converts value, a broker's setting synonym given in hours or
// minutes, to milliseconds for key, a topic's setting in milliseconds.
func inMillis(key, synonym string, value *string) (string, bool) {
	if !strings.HasSuffix(key, ".ms") || value == nil {
		return "", false
	}
	unit := map[string]int64{".hours": 3_600_000, ".minutes": 60_000}
	for suffix, ms := range unit {
		if strings.HasSuffix(synonym, suffix) {
			n, err := strconv.ParseInt(*value, 10, 64)
			if err != nil {
				return "", false
			}
			return strconv.FormatInt(n*ms, 10), true
		}
	}
	return "", false
}

// applied reports whether configs shows the settings set on the topic and
// none of those deleted.
func applied(configs []ConfigEntry, set map[string]*string, del []string) bool {
	onTopic := map[string]*string{}
	for _, c := range configs {
		if c.Source == "DYNAMIC_TOPIC_CONFIG" {
			onTopic[c.Name] = c.Value
		}
	}
	for k, v := range set {
		got, ok := onTopic[k]
		if !ok || (got != nil && v != nil && *got != *v) {
			return false
		}
	}
	for _, k := range del {
		if _, ok := onTopic[k]; ok {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]*string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return sortedUnique(keys)
}

// Resized is a topic after `shore topics add-partitions`.
type Resized struct {
	Name       string `json:"name"`
	Partitions int    `json:"partitions"`
}

// AddPartitions grows each named topic to total partitions, sorted by
// name, each answered on its own, as Kafka answers them: grown holds those
// grown, failed one error for each of the others: first one for each that
// does not exist (an *UnknownTopicError, its Near set) or that the brokers
// do not describe (not authorized), then a
// refusal for each internal topic or one that has total partitions or
// more (Kafka never removes partitions; the message says its count), then
// the brokers' reason for each they refused, each kind sorted by name. err is a request that got no answer
// (*UnansweredError) or was never sent. AwaitLed waits until every broker
// shows the new partitions. With validateOnly the brokers only check the
// request (CreatePartitions' validateOnly).
func AddPartitions(ctx context.Context, adm *kadm.Client, names []string, total int, validateOnly bool) (grown []Resized, failed []error, err error) {
	tds, failed, err := lookUp(ctx, adm, names)
	if err != nil {
		return nil, nil, err
	}
	dropFailed(tds)
	var grow []string
	for _, name := range tds.Names() {
		td := tds[name]
		switch current := len(td.Partitions); {
		case td.IsInternal:
			// Kafka does not refuse it, and its coordinators then look
			// for groups and transactions in other partitions after a
			// restart.
			failed = append(failed, fmt.Errorf("topic %q is internal to Kafka, whose coordinators find each group's commits (and each transaction's state) in it by its partition count: shore does not add partitions to it", name))
		case total <= current:
			failed = append(failed, fmt.Errorf("topic %q already has %s; --total must be more (Kafka cannot remove partitions)", name, format.Count(current, "partition")))
		default:
			grow = append(grow, name)
		}
	}
	grown = []Resized{}
	if len(grow) > 0 {
		update := adm.UpdatePartitions
		if validateOnly {
			update = adm.ValidateUpdatePartitions
		}
		resps, err := update(ctx, total, grow...)
		if err != nil {
			return nil, nil, unanswered(err, validateOnly)
		}
		for _, r := range resps.Sorted() {
			if r.Err != nil {
				failed = append(failed, explain(r.Topic, AlterOperation, r.Err, r.ErrMessage))
				continue
			}
			grown = append(grown, Resized{Name: r.Topic, Partitions: total})
		}
	}
	return grown, failed, nil
}
