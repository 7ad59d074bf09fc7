package topics

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafkashore/shore/format"
)

// brokerSynonyms maps the names of broker settings (server.properties,
// kafka-configs --entity-type brokers) to the topic setting each is the
// default of, as Apache Kafka's ServerTopicConfigSynonyms pairs them. Only
// names that differ are here: a broker setting of the topic's own name
// (min.insync.replicas, compression.type) is a topic setting too.
var brokerSynonyms = map[string]string{
	"log.segment.bytes":                   "segment.bytes",
	"log.roll.ms":                         "segment.ms",
	"log.roll.hours":                      "segment.ms",
	"log.roll.jitter.ms":                  "segment.jitter.ms",
	"log.roll.jitter.hours":               "segment.jitter.ms",
	"log.index.size.max.bytes":            "segment.index.bytes",
	"log.flush.interval.messages":         "flush.messages",
	"log.flush.interval.ms":               "flush.ms",
	"log.flush.scheduler.interval.ms":     "flush.ms",
	"log.retention.bytes":                 "retention.bytes",
	"log.retention.ms":                    "retention.ms",
	"log.retention.minutes":               "retention.ms",
	"log.retention.hours":                 "retention.ms",
	"message.max.bytes":                   "max.message.bytes",
	"log.index.interval.bytes":            "index.interval.bytes",
	"log.cleaner.delete.retention.ms":     "delete.retention.ms",
	"log.cleaner.min.compaction.lag.ms":   "min.compaction.lag.ms",
	"log.cleaner.max.compaction.lag.ms":   "max.compaction.lag.ms",
	"log.segment.delete.delay.ms":         "file.delete.delay.ms",
	"log.cleaner.min.cleanable.ratio":     "min.cleanable.dirty.ratio",
	"log.cleanup.policy":                  "cleanup.policy",
	"log.preallocate":                     "preallocate",
	"log.message.timestamp.type":          "message.timestamp.type",
	"log.message.timestamp.before.max.ms": "message.timestamp.before.max.ms",
	"log.message.timestamp.after.max.ms":  "message.timestamp.after.max.ms",
	"log.local.retention.ms":              "local.retention.ms",
	"log.local.retention.bytes":           "local.retention.bytes",
}

// Settings are the names of Apache Kafka 4's topic settings (its
// LogConfig), sorted: what a name the brokers refuse most likely meant is
// looked for among them. shore dev's brokers know the same.
var Settings = []string{
	"cleanup.policy", "compression.gzip.level", "compression.lz4.level",
	"compression.type", "compression.zstd.level", "delete.retention.ms",
	"file.delete.delay.ms", "flush.messages", "flush.ms",
	"follower.replication.throttled.replicas", "index.interval.bytes",
	"leader.replication.throttled.replicas", "local.retention.bytes",
	"local.retention.ms", "max.compaction.lag.ms", "max.message.bytes",
	"message.timestamp.after.max.ms", "message.timestamp.before.max.ms",
	"message.timestamp.type", "min.cleanable.dirty.ratio",
	"min.compaction.lag.ms", "min.insync.replicas", "preallocate",
	"remote.log.copy.disable", "remote.log.delete.on.disable",
	"remote.storage.enable", "retention.bytes", "retention.ms",
	"segment.bytes", "segment.index.bytes", "segment.jitter.ms", "segment.ms",
	"unclean.leader.election.enable",
}

// explainSettings is explain for a topic whose settings names the brokers
// refused. Kafka calls a broker setting's name an unknown topic config
// name; when names hold one (log.retention.ms, message.max.bytes: the
// names kafka-configs shows for a broker), the error says the topic's.
// Otherwise, when the refusal names a setting that Kafka does not have (or
// names none) and one of Settings is close to it (retention_ms,
// retention.mss), the error asks whether that one was meant.
func explainSettings(topic string, op Operation, err error, msg string, names []string) error {
	explained := explain(topic, op, err, msg)
	if !errors.Is(err, kerr.InvalidConfig) {
		return explained
	}
	for _, name := range sortedUnique(names) {
		if own, ok := brokerSynonyms[name]; ok {
			unit := ""
			if strings.HasSuffix(name, ".hours") || strings.HasSuffix(name, ".minutes") {
				unit = ", in milliseconds"
			}
			return fmt.Errorf("%w (%s is a broker setting; the topic's is %s%s)", explained, name, own, unit)
		}
	}
	for _, name := range sortedUnique(names) {
		if slices.Contains(Settings, name) || msg != "" && !strings.Contains(msg, name) {
			continue
		}
		if meant := nearestSetting(name); meant != "" {
			return fmt.Errorf("%w (did you mean %s?)", explained, meant)
		}
	}
	return explained
}

// quoteEmpty is msg, the brokers' refusal of settings set, with an empty
// value it refuses shown: Kafka writes the value as it is, and "Invalid
// value  for configuration retention.ms" hides it. The value is quoted,
// and the refusal says that it is empty and, in unset's words, how to
// leave the setting at its default instead. An empty value is not refused
// before it is sent: Kafka takes one for cleanup.policy (no cleanup) and
// for the lists of throttled replicas.
func quoteEmpty(msg string, set map[string]*string, unset func(name string) string) string {
	for _, name := range sortedKeys(set) {
		v := set[name]
		if v == nil || strings.TrimSpace(*v) != "" {
			continue
		}
		refused := fmt.Sprintf("Invalid value %s for configuration %s", *v, name)
		if strings.Contains(msg, refused) {
			quoted := fmt.Sprintf("Invalid value %q for configuration %s", *v, name)
			return fmt.Sprintf("%s (the value is empty; %s)", strings.Replace(format.Clause(msg), refused, quoted, 1), unset(name))
		}
	}
	return msg
}

// unbracket is msg, the brokers' refusal of settings set, with how to
// write a list without the brackets kafka-configs wraps one in
// (cleanup.policy=[compact,delete], which its --add-config needs to keep
// the commas from splitting the settings) when the refused value is so
// wrapped: flag is the one that sets a setting, -c or --set. Kafka takes
// the brackets as part of the value and refuses it (String must be one
// of: delete, compact); a bracketed value it takes is left alone.
func unbracket(msg string, set map[string]*string, flag string) string {
	for _, name := range sortedKeys(set) {
		v := set[name]
		if v == nil || len(*v) < 2 || (*v)[0] != '[' || (*v)[len(*v)-1] != ']' {
			continue
		}
		// Kafka names the value as it split it, at its commas ("Invalid
		// value [compact for configuration cleanup.policy"), or whole.
		if strings.Contains(msg, "for configuration "+name) {
			return fmt.Sprintf("%s (kafka-configs' [a,b] is a list written without brackets here: %s %s=%s)", format.Clause(msg), flag, name, (*v)[1:len(*v)-1])
		}
	}
	return msg
}

// nearestSetting is the one of Settings that name most likely meant: the
// same but for case and the separators '.', '_' and '-'
// (RETENTION_MS), or the closest within two typos (retention.mss,
// segmnet.ms); "" when none is that close, or two are equally close.
func nearestSetting(name string) string {
	return format.Nearest(format.FoldName(name), Settings, format.FoldName, 2)
}

// settingNames are the names of the settings a request sets and deletes.
func settingNames(set map[string]*string, del []string) []string {
	return slices.Concat(sortedKeys(set), del)
}
