package topics

import (
	"context"
	"errors"
	"sort"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/format"
)

// Summary is one row of `shore topics list`.
type Summary struct {
	Name       string `json:"name"`
	Partitions int    `json:"partitions"`
	// Replicas is the replication factor (of the first partition).
	Replicas int  `json:"replicas"`
	Internal bool `json:"internal"`
}

// Selection says which topics List summarises: the Names given, each of
// which must exist, internal or not; or, with Regexes, the topics one of
// them matches; or, with neither, every topic. Internal topics such as
// __consumer_offsets are matched or listed only with Internal.
type Selection struct {
	Names    []string
	Regexes  Regexes
	Internal bool
}

// List summarises the selected topics, sorted by name. A named topic that
// does not exist, or that the brokers do not describe, is left out and
// has its error in failed, as Describe's.
func List(ctx context.Context, adm *kadm.Client, sel Selection) (list []Summary, failed []error, err error) {
	var tds kadm.TopicDetails
	if len(sel.Names) > 0 {
		tds, failed, err = lookUp(ctx, adm, sel.Names)
		dropFailed(tds)
	} else {
		tds, err = adm.ListTopicsWithInternal(ctx)
	}
	if err != nil {
		return nil, nil, err
	}
	if len(sel.Names) == 0 && !sel.Internal {
		tds.FilterInternal()
	}
	if len(sel.Regexes) > 0 {
		sel.Regexes.Keep(tds)
	}
	out := []Summary{}
	for _, td := range tds.Sorted() {
		out = append(out, Summary{
			Name:       td.Topic,
			Partitions: len(td.Partitions),
			Replicas:   td.Partitions.NumReplicas(),
			Internal:   td.IsInternal,
		})
	}
	return out, failed, nil
}

// Description is what `shore topics describe` shows of one topic.
type Description struct {
	Name string `json:"name"`
	// ID is Kafka's topic id in base64url, empty (null in JSON) when the
	// cluster gives none.
	ID         format.Text `json:"id"`
	Internal   bool        `json:"internal"`
	Partitions []Partition `json:"partitions"`
	// Configs are the settings that do not come from the built-in default
	// (source other than DEFAULT_CONFIG), sorted by name; nil (null in
	// JSON) when the login may not read them (SettingsKnown).
	Configs []ConfigEntry `json:"configs"`
	// settingsDenied says that no ACL allows the login DESCRIBE_CONFIGS on
	// the topic, so that its settings, min.insync.replicas too, are unknown.
	settingsDenied bool
	// minISR is the topic's min.insync.replicas, 0 when not known; Health
	// compares the in-sync replicas with it.
	minISR int
	// all is every setting of the topic, its built-in defaults too, sorted
	// by name (WithDefaults).
	all []ConfigEntry
}

// SettingsKnown says whether the topic's settings could be read: the
// brokers refuse them to a login that no ACL allows DESCRIBE_CONFIGS on
// the topic, as a consumer's often do not, while they describe its
// partitions.
func (d Description) SettingsKnown() bool { return !d.settingsDenied }

// WithDefaults is d with every setting of the topic in Configs, those at
// Kafka's built-in default (source DEFAULT_CONFIG) too, sorted by name, as
// kafka-configs --describe --all lists them.
func (d Description) WithDefaults() Description {
	d.Configs = d.all
	return d
}

// Partition is one partition of a described topic.
type Partition struct {
	Partition int32 `json:"partition"`
	// Leader is the leader's broker id, none (null in JSON) when the
	// partition has none.
	Leader   format.BrokerID `json:"leader"`
	Replicas []int32         `json:"replicas"`
	ISR      []int32         `json:"isr"`
	// LogStart and LogEnd are the first offset still stored and the high
	// watermark (the offset the next record gets); unknown when the
	// partition's leader did not answer.
	LogStart Offset `json:"log_start"`
	LogEnd   Offset `json:"log_end"`
}

// ConfigEntry is one topic setting.
type ConfigEntry struct {
	Name string `json:"name"`
	// Value is nil for a sensitive setting, which brokers never reveal.
	Value     *string `json:"value"`
	Source    string  `json:"source"`
	Sensitive bool    `json:"sensitive"`
}

// Describe describes the named topics that exist, sorted by name; no topic
// is ever created by asking. failed holds, sorted by name, one error for
// each named topic left out: an *UnknownTopicError for one that does not
// exist (its Near names the existing topic a typo away, if one is), or the
// brokers' reason for one they do not describe (not authorized). A topic
// whose settings the login may not read is described without them
// (SettingsKnown). Brokers that do not answer leave their partitions'
// offsets unknown, returned with a *partial.Error.
func Describe(ctx context.Context, adm *kadm.Client, names []string) (ds []Description, failed []error, err error) {
	tds, failed, err := lookUp(ctx, adm, names)
	if err != nil {
		return nil, nil, err
	}
	dropFailed(tds)
	ds, err = describe(ctx, adm, tds, tds.Names())
	return ds, failed, err
}

// DescribeMatching describes the non-internal topics that rs match, sorted
// by name, as Describe does; none matching is an empty list. It lists the
// cluster's topics once, to match them and to describe them.
func DescribeMatching(ctx context.Context, adm *kadm.Client, rs Regexes) ([]Description, error) {
	tds, err := adm.ListTopics(ctx)
	if err != nil {
		return nil, err
	}
	rs.Keep(tds)
	return describe(ctx, adm, tds, tds.Names())
}

// DescribeAll describes every topic of the cluster, internal ones too,
// sorted by name, as Describe does; a topic listed with an error (one
// being deleted) is left out.
func DescribeAll(ctx context.Context, adm *kadm.Client) ([]Description, error) {
	tds, err := adm.ListTopicsWithInternal(ctx)
	if err != nil {
		return nil, err
	}
	dropFailed(tds)
	return describe(ctx, adm, tds, tds.Names())
}

// describe describes the topics names, sorted, whose details tds holds.
func describe(ctx context.Context, adm *kadm.Client, tds kadm.TopicDetails, names []string) ([]Description, error) {
	if len(names) == 0 {
		// Asked of no topics, kadm would ask of every topic.
		return []Description{}, nil
	}
	starts, ends, missing, err := bounds(ctx, adm, names)
	if err != nil {
		return nil, err
	}
	rcs, err := adm.DescribeTopicConfigs(ctx, names...)
	denied := map[string]bool{}
	if errors.Is(err, kerr.TopicAuthorizationFailed) {
		rcs, err = configsEach(ctx, adm, names, denied, err)
	}
	if err != nil {
		return nil, err
	}
	configs := map[string][]ConfigEntry{}
	all := map[string][]ConfigEntry{}
	minISRs := map[string]int{}
	for _, rc := range rcs {
		if rc.Err != nil {
			return nil, explain(rc.Name, rc.Err, rc.ErrMessage)
		}
		configs[rc.Name] = nonDefault(rc.Configs)
		all[rc.Name] = configEntries(rc.Configs, func(kadm.Config) bool { return true })
		minISRs[rc.Name] = minInsyncReplicas(rc.Configs)
	}
	out := make([]Description, 0, len(names))
	for _, name := range names {
		td := tds[name]
		d := Description{Name: name, ID: topicID(td.ID), Internal: td.IsInternal, Partitions: []Partition{}, Configs: configs[name], settingsDenied: denied[name], minISR: minISRs[name], all: all[name]}
		for _, pd := range td.Partitions.Sorted() {
			d.Partitions = append(d.Partitions, Partition{
				Partition: pd.Partition, Leader: format.BrokerID(pd.Leader), Replicas: ids(pd.Replicas), ISR: ids(pd.ISR),
				LogStart: offsetIn(starts, name, pd.Partition), LogEnd: offsetIn(ends, name, pd.Partition),
			})
		}
		out = append(out, d)
	}
	return out, missing
}

// configsEach is the settings of names, each topic asked for alone, after
// err, the refusal to describe the settings of one or more of them: kadm
// fails the whole request on one such topic, without saying which. Those
// the login may not describe the settings of (no ACL allows it
// DESCRIBE_CONFIGS there) are set in denied; when none is, err is
// returned.
func configsEach(ctx context.Context, adm *kadm.Client, names []string, denied map[string]bool, err error) (kadm.ResourceConfigs, error) {
	var rcs kadm.ResourceConfigs
	for _, name := range names {
		one, oneErr := adm.DescribeTopicConfigs(ctx, name)
		switch {
		case errors.Is(oneErr, kerr.TopicAuthorizationFailed):
			denied[name] = true
		case oneErr != nil:
			return nil, oneErr
		default:
			rcs = append(rcs, one...)
		}
	}
	if len(denied) == 0 {
		return nil, err
	}
	return rcs, nil
}

// mostDeniedNamed bounds the topics a refusal names, the rest counted: a
// login may see thousands of topics and read the settings of none.
const mostDeniedNamed = 10

// SettingsDeniedError is described topics whose settings the login may
// not read: no ACL allows it DESCRIBE_CONFIGS on them.
type SettingsDeniedError struct {
	Topics []string
}

// SettingsDenied is the error naming the topics of ds whose settings are
// not known (SettingsKnown), nil when every topic's are.
func SettingsDenied(ds []Description) *SettingsDeniedError {
	var denied []string
	for _, d := range ds {
		if !d.SettingsKnown() {
			denied = append(denied, d.Name)
		}
	}
	if len(denied) == 0 {
		return nil
	}
	return &SettingsDeniedError{Topics: denied}
}

// Error names at most mostDeniedNamed of the topics, in the order given.
func (e *SettingsDeniedError) Error() string {
	return RefusalFew("topic", "describe the settings of", e.Topics, DescribeConfigs, mostDeniedNamed)
}

func (e *SettingsDeniedError) Unwrap() error { return kerr.TopicAuthorizationFailed }

func ids(in []int32) []int32 {
	out := append([]int32{}, in...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// nonDefault is the settings of cs that do not come from Kafka's built-in
// defaults, sorted by name.
func nonDefault(cs []kadm.Config) []ConfigEntry {
	return configEntries(cs, func(c kadm.Config) bool { return c.Source != kmsg.ConfigSourceDefaultConfig })
}

// configEntries is the settings of cs that keep takes, sorted by name.
func configEntries(cs []kadm.Config, keep func(kadm.Config) bool) []ConfigEntry {
	out := []ConfigEntry{}
	for _, c := range cs {
		if !keep(c) {
			continue
		}
		out = append(out, ConfigEntry{Name: c.Key, Value: c.Value, Source: c.Source.String(), Sensitive: c.Sensitive})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
