package topics

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
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
	// JSON) until ReadSettings reads them, and when the login may not
	// (SettingsKnown).
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
// brokers' reason for one they do not describe (not authorized). The
// topics' settings are left out: ReadSettings reads them. Brokers that do
// not answer leave their partitions' offsets unknown, returned with a
// *partial.Error.
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

// describe describes the topics names, sorted, whose details tds holds,
// without their settings (ReadSettings).
func describe(ctx context.Context, adm *kadm.Client, tds kadm.TopicDetails, names []string) ([]Description, error) {
	if len(names) == 0 {
		// Asked of no topics, kadm would ask of every topic.
		return []Description{}, nil
	}
	starts, ends, missing, err := bounds(ctx, adm, names)
	if err != nil {
		return nil, err
	}
	out := make([]Description, 0, len(names))
	for _, name := range names {
		td := tds[name]
		d := Description{Name: name, ID: topicID(td.ID), Internal: td.IsInternal, Partitions: []Partition{}}
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

// ReadSettings reads the settings of the described topics ds into them,
// in one request (topicConfigs): Configs, WithDefaults' and
// min.insync.replicas, which Health's UnderMinISR and AtMinISR compare
// with. Describe and the others leave them out, as not every output shows
// them and a login may see thousands of topics. A topic whose settings the
// login may not read (no ACL allows it DESCRIBE_CONFIGS there) is marked
// so (SettingsKnown, SettingsDenied); the brokers' refusal of any other
// topic's settings is returned, naming each topic refused.
func ReadSettings(ctx context.Context, cl *kgo.Client, ds []Description) error {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = d.Name
	}
	configs, refused, denied, err := topicConfigs(ctx, cl, names, false)
	if err != nil {
		return err
	}
	if len(refused) > 0 {
		return errors.Join(refused...)
	}
	for i := range ds {
		cs, ok := configs[ds[i].Name]
		if !ok {
			_, ds[i].settingsDenied = slices.BinarySearch(denied, ds[i].Name)
			continue
		}
		ds[i].Configs = nonDefault(cs)
		ds[i].all = configEntries(cs, func(kadm.Config) bool { return true })
		ds[i].minISR = minInsyncReplicas(cs)
	}
	return nil
}

// topicConfigs asks for every setting of each named topic, those at
// Kafka's built-in defaults too, in one DescribeConfigs request, with each
// setting's synonyms (the broker settings and default it falls back to, in
// the order the brokers apply them) when synonyms is set. It returns the
// settings of each topic the brokers describe; sorted by name, the
// brokers' reason for each other topic; and, sorted, the topics whose
// settings the login may not read (no ACL allows it DESCRIBE_CONFIGS).
// Kafka answers each topic of the request on its own, where kadm fails the
// whole request on one such topic without saying which, so the request is
// sent here.
func topicConfigs(ctx context.Context, cl *kgo.Client, names []string, synonyms bool) (configs map[string][]kadm.Config, refused []error, denied []string, err error) {
	configs = map[string][]kadm.Config{}
	if len(names) == 0 {
		// Nothing to ask.
		return configs, nil, nil, nil
	}
	req := kmsg.NewPtrDescribeConfigsRequest()
	req.IncludeSynonyms = synonyms
	for _, name := range names {
		rr := kmsg.NewDescribeConfigsRequestResource()
		rr.ResourceType = kmsg.ConfigResourceTypeTopic
		rr.ResourceName = name
		req.Resources = append(req.Resources, rr)
	}
	resp, err := req.RequestWith(ctx, cl)
	if err != nil {
		return nil, nil, nil, err
	}
	slices.SortFunc(resp.Resources, func(a, b kmsg.DescribeConfigsResponseResource) int {
		return strings.Compare(a.ResourceName, b.ResourceName)
	})
	for _, r := range resp.Resources {
		switch err := kerr.ErrorForCode(r.ErrorCode); {
		case errors.Is(err, kerr.TopicAuthorizationFailed):
			denied = append(denied, r.ResourceName)
		case err != nil:
			msg := ""
			if r.ErrorMessage != nil {
				msg = *r.ErrorMessage
			}
			refused = append(refused, explain(r.ResourceName, "", err, msg))
		default:
			cs := make([]kadm.Config, 0, len(r.Configs))
			for _, c := range r.Configs {
				kc := kadm.Config{Key: c.Name, Value: c.Value, Sensitive: c.IsSensitive, Source: c.Source}
				for _, syn := range c.ConfigSynonyms {
					kc.Synonyms = append(kc.Synonyms, kadm.ConfigSynonym{Key: syn.Name, Value: syn.Value, Source: syn.Source})
				}
				cs = append(cs, kc)
			}
			configs[r.ResourceName] = cs
		}
	}
	return configs, refused, denied, nil
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
