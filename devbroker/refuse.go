package devbroker

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/topics"
)

// MaxPartitions bounds the partitions of one topic: kfake keeps every
// partition in memory, and a typo (--total 2000000000) must not take the
// cluster down.
const MaxPartitions = 10000

// refuseWhatKafkaRefuses makes the embedded broker answer as Apache Kafka
// does where kfake is lenient or says less: a topic name that breaks
// Kafka's rules, collides with an existing topic's or is one Kafka keeps
// for itself (checkReservedName), a replication factor above the brokers
// (brokers), a topic setting Kafka does not know or a value it cannot
// parse, and more partitions than MaxPartitions. CreateTopics,
// CreatePartitions and the alter-configs requests are answered topic by
// topic, as Kafka answers them: each refused topic with its code and
// message, and the request's other topics are created, grown or changed
// (refuseEachAlone). Produced records are checked by
// refuseRecordsKafkaRefuses.
func refuseWhatKafkaRefuses(kc *kfake.Cluster, brokers int, look *lookups) {
	refuseRecordsKafkaRefuses(kc)
	// A metadata request may create the topics it names (--auto-create),
	// but never one whose name Kafka refuses or keeps for itself: such a
	// request creates nothing and is answered as without auto-creation.
	kc.ControlKey(kmsg.Metadata.Int16(), func(req kmsg.Request) (kmsg.Response, error, bool) {
		r := req.(*kmsg.MetadataRequest)
		for _, t := range r.Topics {
			if t.Topic != nil && (topics.CheckName(*t.Topic) != nil || checkReservedName(*t.Topic).err != nil) {
				r.AllowAutoTopicCreation = false
			}
		}
		return nil, nil, false
	})
	refuseEachAlone(kc, look, kmsg.CreateTopics, func(req kmsg.Request) []problem {
		var ps []problem
		for _, t := range req.(*kmsg.CreateTopicsRequest).Topics {
			p := checkNewTopic(t)
			if p.err == nil && kc.TopicInfo(t.Topic) == nil {
				p = checkNewTopicInCluster(t, brokers, func(name string) bool { return kc.TopicInfo(name) != nil })
			}
			p.name = t.Topic
			ps = append(ps, p)
		}
		return ps
	})
	refuseEachAlone(kc, look, kmsg.CreatePartitions, func(req kmsg.Request) []problem {
		var ps []problem
		for _, t := range req.(*kmsg.CreatePartitionsRequest).Topics {
			p := problem{name: t.Topic}
			if t.Count > MaxPartitions {
				p.err, p.msg = kerr.InvalidPartitions, tooManyPartitions(strconv.Itoa(int(t.Count)))
			}
			ps = append(ps, p)
		}
		return ps
	})
	refuseEachAlone(kc, look, kmsg.IncrementalAlterConfigs, func(req kmsg.Request) []problem {
		var ps []problem
		for _, res := range req.(*kmsg.IncrementalAlterConfigsRequest).Resources {
			ps = append(ps, checkResource(res.ResourceType, res.ResourceName, res.Configs, incrementalSetting))
		}
		return ps
	})
	refuseEachAlone(kc, look, kmsg.AlterConfigs, func(req kmsg.Request) []problem {
		var ps []problem
		for _, res := range req.(*kmsg.AlterConfigsRequest).Resources {
			ps = append(ps, checkResource(res.ResourceType, res.ResourceName, res.Configs, func(c kmsg.AlterConfigsRequestResourceConfig) (string, *string) {
				return c.Name, c.Value
			}))
		}
		return ps
	})
}

// incrementalSetting is the name and value an IncrementalAlterConfigs
// config sets, the value nil for a delete.
func incrementalSetting(c kmsg.IncrementalAlterConfigsRequestResourceConfig) (string, *string) {
	if c.Op == kmsg.IncrementalAlterConfigOpDelete {
		return c.Name, nil
	}
	return c.Name, c.Value
}

// refuseEachAlone answers each topic of a request of key to kc that Kafka
// refuses with Kafka's code, and lets kfake carry out the others, as Kafka
// answers each topic for itself; check judges the request's topics, a
// problem naming each. A fault for the request answers each refused topic,
// kfake answers a topic a fault names before it acts on it, and the
// answer's amendment words each refusal as Kafka does (look keeps the
// words). The alter-configs requests name a topic as a
// config resource, which their faults select. Controls run one request at
// a time, in kc's control, where asking kc about its topics is safe; each
// removes the faults of the request of its key before, which kfake may
// have answered without reaching them (one naming a topic twice, one to a
// broker that is not the controller).
func refuseEachAlone(kc *kfake.Cluster, look *lookups, key kmsg.Key, check func(kmsg.Request) []problem) {
	var before *kfake.FaultHandle
	kc.ControlKey(key.Int16(), func(req kmsg.Request) (kmsg.Response, error, bool) {
		if before != nil {
			before.Remove()
			before = nil
		}
		var faults []kfake.Fault
		for _, p := range check(req) {
			if p.err == nil {
				continue
			}
			look.refuse(key, p)
			f := kfake.Fault{Keys: []kmsg.Key{key}, Err: p.err, When: func(r kmsg.Request) bool { return r == req }}
			if key == kmsg.CreateTopics || key == kmsg.CreatePartitions {
				f.Topic = p.name
			} else {
				f.Resource = p.name
			}
			faults = append(faults, f)
		}
		if faults != nil {
			before = kc.Fault(faults...)
		}
		return nil, nil, false
	})
}

// problem is Kafka's answer to one topic of a request, name: err nil when
// it is fine.
type problem struct {
	name string
	err  *kerr.Error
	msg  string
}

// checkResource checks the settings of one resource of an alter request,
// configs, each a name and value (nil: a delete) as setting gives them:
// those of a topic by Kafka's rules, others not at all.
func checkResource[Config any](typ kmsg.ConfigResourceType, name string, configs []Config, setting func(Config) (string, *string)) problem {
	p := problem{name: name}
	if typ != kmsg.ConfigResourceTypeTopic {
		return p
	}
	for _, c := range configs {
		if p.err, p.msg = checkTopicConfig(setting(c)); p.err != nil {
			break
		}
	}
	return p
}

// checkNewTopic applies Kafka's checks to one topic of a CreateTopics
// request, and the partition bound.
func checkNewTopic(t kmsg.CreateTopicsRequestTopic) problem {
	if err := topics.CheckName(t.Topic); err != nil {
		return problem{err: kerr.InvalidTopicException, msg: err.Error()}
	}
	if p := checkReservedName(t.Topic); p.err != nil {
		return p
	}
	if t.NumPartitions > MaxPartitions {
		return problem{err: kerr.InvalidPartitions, msg: tooManyPartitions(strconv.Itoa(int(t.NumPartitions)))}
	}
	for _, c := range t.Configs {
		if err, msg := checkTopicConfig(c.Name, c.Value); err != nil {
			return problem{err: err, msg: msg}
		}
	}
	return problem{}
}

// checkReservedName is Kafka's answer to creating a topic it keeps for
// itself: an internal topic (topics.IsInternalName) exists already, as on
// a Kafka whose consumer groups, transactions or share groups were used
// (kfake keeps those without topics, where one created by a client would
// be an ordinary topic that holds none of them), and its KRaft metadata
// log is no topic to create.
func checkReservedName(name string) problem {
	switch {
	case name == "__cluster_metadata":
		return problem{err: kerr.InvalidRequest, msg: "Creation of internal topic __cluster_metadata is prohibited."}
	case topics.IsInternalName(name):
		return problem{err: kerr.TopicAlreadyExists, msg: alreadyExists(name)}
	}
	return problem{}
}

// alreadyExists is Kafka's message for a topic that exists already.
func alreadyExists(name string) string {
	return fmt.Sprintf("Topic '%s' already exists.", name)
}

// checkNewTopicInCluster applies Kafka's checks of a new topic against
// the cluster, where kfake answers the same codes without a message: a
// replication factor or partition count below 1 (but -1, the default), a
// replication factor above the brokers, and a name that differs from an
// existing topic's, which exists reports, only in '.' and '_'.
func checkNewTopicInCluster(t kmsg.CreateTopicsRequestTopic, brokers int, exists func(string) bool) problem {
	if other := collidingTopic(t.Topic, exists); other != "" {
		return problem{err: kerr.InvalidTopicException, msg: fmt.Sprintf("Topic '%s' collides with existing topic: %s", t.Topic, other)}
	}
	if len(t.ReplicaAssignment) > 0 {
		return problem{} // kfake checks an assignment as Kafka does
	}
	switch rf := t.ReplicationFactor; {
	case rf == 0 || rf < -1:
		return problem{err: kerr.InvalidReplicationFactor, msg: "Replication factor must be larger than 0, or -1 to use the default value."}
	case int(rf) > brokers:
		return problem{err: kerr.InvalidReplicationFactor, msg: fmt.Sprintf("Unable to replicate the partition %d time(s): The target replication factor of %d cannot be reached because only %d broker(s) are registered or some brokers have all their log directories cordoned.", rf, rf, brokers)}
	}
	if t.NumPartitions == 0 || t.NumPartitions < -1 {
		return problem{err: kerr.InvalidPartitions, msg: "Number of partitions was set to an invalid non-positive value."}
	}
	return problem{}
}

// maxCollisionChars bounds the '.' and '_' in a name whose collisions are
// looked for: each spelling of them is looked up, 2^n in all. kfake
// refuses a colliding name with more of them too, without a message.
const maxCollisionChars = 10

// collidingTopic is a topic that exists whose name differs from name only
// in '.' and '_', which Kafka counts as the same character; "" for none.
func collidingTopic(name string, exists func(string) bool) string {
	var at []int
	for i := range len(name) {
		if name[i] == '.' || name[i] == '_' {
			at = append(at, i)
		}
	}
	if len(at) > maxCollisionChars {
		return ""
	}
	spelled := []byte(name)
	for variant := range 1 << len(at) {
		for bit, i := range at {
			spelled[i] = "._"[variant>>bit&1]
		}
		if other := string(spelled); other != name && exists(other) {
			return other
		}
	}
	return ""
}

// tooManyPartitions says why a topic of n partitions (in decimal) is
// refused.
func tooManyPartitions(n string) string {
	return fmt.Sprintf("%s partitions: shore dev holds at most %d in one topic", n, MaxPartitions)
}

// configKind is how Kafka parses a topic setting's value.
type configKind uint8

const (
	kindString configKind = iota
	kindInt               // a whole number that fits 32 bits
	kindLong              // a whole number that fits 64 bits
	kindBool
	kindRatio // a number from 0 to 1
	kindList  // comma-separated, from a set of words
)

// topicConfig is one setting Apache Kafka 4 knows for a topic.
type topicConfig struct {
	kind  configKind
	words []string // the values a kindList or an enumerated kindString takes
	// least is the least value of a kindInt or kindLong setting, as
	// Kafka's atLeast validator gives it; unbounded ones have
	// math.MinInt64.
	least int64
	// within, when set, is a further rule for a kindInt or kindLong value
	// of least or more: Kafka's reason to refuse n, or "" when n keeps it.
	within func(n int64) string
	// def is Kafka 4.3's default value, as DescribeConfigs gives it.
	def string
	// kfakeOnly marks kfake's own setting, which Kafka does not have.
	kfakeOnly bool
}

// byDefault is c with Kafka's default value def.
func (c topicConfig) byDefault(def string) topicConfig {
	c.def = def
	return c
}

// configType is the type DescribeConfigs gives the setting.
func (c topicConfig) configType() kmsg.ConfigType {
	switch c.kind {
	case kindInt:
		return kmsg.ConfigTypeInt
	case kindLong:
		return kmsg.ConfigTypeLong
	case kindBool:
		return kmsg.ConfigTypeBoolean
	case kindRatio:
		return kmsg.ConfigTypeDouble
	case kindList:
		return kmsg.ConfigTypeList
	}
	return kmsg.ConfigTypeString
}

// Numbers as Kafka's LogConfig defines them: their type and their least
// value.
func intAtLeast(n int64) topicConfig  { return topicConfig{kind: kindInt, least: n} }
func longAtLeast(n int64) topicConfig { return topicConfig{kind: kindLong, least: n} }

// levelBetween is a codec's compression level from least to most, as
// Kafka's CompressionType bounds lz4's and zstd's (ConfigDef.Range.between).
func levelBetween(least, most int64) topicConfig {
	return topicConfig{kind: kindInt, least: least, within: func(n int64) string {
		if n > most {
			return fmt.Sprintf("Value must be no more than %d", most)
		}
		return ""
	}}
}

// gzipLevel is compression.gzip.level as Kafka's CompressionType bounds
// it: 1 to 9, or -1, java.util.zip.Deflater's default.
var gzipLevel = topicConfig{kind: kindInt, least: math.MinInt64, within: func(n int64) string {
	if n > 9 || n < 1 && n != -1 {
		return "Value must be between 1 and 9 or equal to -1"
	}
	return ""
}}

// topicConfigs are Apache Kafka 4's topic settings (LogConfig) with their
// defaults, and kfake's own kfake.is_internal.
var topicConfigs = map[string]topicConfig{
	"cleanup.policy":                          {kind: kindList, words: []string{"delete", "compact"}, def: "delete"},
	"compression.gzip.level":                  gzipLevel.byDefault("-1"),
	"compression.lz4.level":                   levelBetween(1, 17).byDefault("9"),
	"compression.type":                        {words: []string{"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"}, def: "producer"},
	"compression.zstd.level":                  levelBetween(-131072, 22).byDefault("3"), // zstd's negative levels are its fastest
	"delete.retention.ms":                     longAtLeast(0).byDefault("86400000"),
	"file.delete.delay.ms":                    longAtLeast(0).byDefault("60000"),
	"flush.messages":                          longAtLeast(1).byDefault(maxLong),
	"flush.ms":                                longAtLeast(0).byDefault(maxLong),
	"follower.replication.throttled.replicas": {},
	"index.interval.bytes":                    intAtLeast(0).byDefault("4096"),
	"leader.replication.throttled.replicas":   {},
	"local.retention.bytes":                   longAtLeast(-2).byDefault("-2"),
	"local.retention.ms":                      longAtLeast(-2).byDefault("-2"),
	"max.compaction.lag.ms":                   longAtLeast(1).byDefault(maxLong),
	"max.message.bytes":                       intAtLeast(0).byDefault("1048588"),
	"message.timestamp.after.max.ms":          longAtLeast(0).byDefault("3600000"),
	"message.timestamp.before.max.ms":         longAtLeast(0).byDefault(maxLong),
	"message.timestamp.type":                  {words: []string{"CreateTime", "LogAppendTime"}, def: "CreateTime"},
	"min.cleanable.dirty.ratio":               {kind: kindRatio, def: "0.5"},
	"min.compaction.lag.ms":                   longAtLeast(0).byDefault("0"),
	"min.insync.replicas":                     intAtLeast(1).byDefault("1"), // 0 would make acks=all wait for no replica
	"preallocate":                             {kind: kindBool, def: "false"},
	"remote.log.copy.disable":                 {kind: kindBool, def: "false"},
	"remote.log.delete.on.disable":            {kind: kindBool, def: "false"},
	"remote.storage.enable":                   {kind: kindBool, def: "false"},
	"retention.bytes":                         longAtLeast(math.MinInt64).byDefault("-1"),
	"retention.ms":                            longAtLeast(-1).byDefault("604800000"),
	"segment.bytes":                           intAtLeast(1 << 20).byDefault("1073741824"),
	"segment.index.bytes":                     intAtLeast(4).byDefault("10485760"),
	"segment.jitter.ms":                       longAtLeast(0).byDefault("0"),
	"segment.ms":                              longAtLeast(1).byDefault("604800000"),
	"unclean.leader.election.enable":          {kind: kindBool, def: "false"},
	"kfake.is_internal":                       {kind: kindBool, kfakeOnly: true},
}

// maxLong is Java's Long.MAX_VALUE, Kafka's default of the settings that
// are off by default.
var maxLong = strconv.FormatInt(math.MaxInt64, 10)

// checkTopicConfig is Kafka's answer to setting name to value (nil: only
// the name is checked, as for a delete), in Kafka's words.
func checkTopicConfig(name string, value *string) (*kerr.Error, string) {
	tc, ok := topicConfigs[name]
	if !ok {
		return kerr.InvalidConfig, fmt.Sprintf("Unknown topic config name: %s", name)
	}
	if value == nil {
		return nil, ""
	}
	v := strings.TrimSpace(*value)
	invalid := func(why string) (*kerr.Error, string) {
		return kerr.InvalidConfig, fmt.Sprintf("Invalid value %s for configuration %s: %s", *value, name, why)
	}
	switch tc.kind {
	case kindInt, kindLong:
		bits, typ := 64, "LONG"
		if tc.kind == kindInt {
			bits, typ = 32, "INT"
		}
		n, err := strconv.ParseInt(v, 10, bits)
		switch {
		case err != nil:
			return invalid("Not a number of type " + typ)
		case n < tc.least:
			return invalid(fmt.Sprintf("Value must be at least %d", tc.least))
		case tc.within != nil && tc.within(n) != "":
			return invalid(tc.within(n))
		}
	case kindBool:
		if v != "true" && v != "false" {
			return invalid("Expected value to be either true or false")
		}
	case kindRatio:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1 {
			return invalid("Value must be a number from 0 to 1")
		}
	case kindList:
		if v == "" {
			return nil, "" // Kafka's empty list: for cleanup.policy, no cleanup at all
		}
		for _, w := range strings.Split(v, ",") {
			if !slices.Contains(tc.words, strings.TrimSpace(w)) {
				return invalid("String must be one of: " + strings.Join(tc.words, ", "))
			}
		}
	default:
		if tc.words != nil && !slices.Contains(tc.words, v) {
			return invalid("String must be one of: " + strings.Join(tc.words, ", "))
		}
	}
	return nil, ""
}
