package topics

import (
	"errors"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
)

func TestParseConfigs(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want map[string]string
		err  string
	}{
		{nil, map[string]string{}, ""},
		{[]string{"retention.ms=1000", "cleanup.policy=compact,delete"}, map[string]string{"retention.ms": "1000", "cleanup.policy": "compact,delete"}, ""},
		{[]string{"a=b=c", "empty="}, map[string]string{"a": "b=c", "empty": ""}, ""},
		{[]string{"cleanup.policy=compact,delete,retention.ms=1"}, nil, `config "cleanup.policy=compact,delete,retention.ms=1" holds 2 settings: give each its own --set, as in --set cleanup.policy=compact,delete --set retention.ms=1`},
		{[]string{"x=a,nosuch.setting=b"}, map[string]string{"x": "a,nosuch.setting=b"}, ""},
		{[]string{" retention.ms =5"}, map[string]string{"retention.ms": "5"}, ""},
		{[]string{"retention.ms"}, nil, `config "retention.ms": want key=value, such as retention.ms=86400000`},
		{[]string{"=5"}, nil, `config "=5": no setting's name before '=', as in retention.ms=86400000`},
		{[]string{"retention.ms=1", "retention.ms=2"}, nil, `config "retention.ms" is given twice ("retention.ms=1", then "retention.ms=2"): give it once`},
		{[]string{"retention.ms=1", " retention.ms =1"}, nil, `config "retention.ms" is given twice ("retention.ms=1", then " retention.ms =1"): give it once`},
	} {
		got, err := ParseConfigs("--set", tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseConfigs(%q) error %v, want %s", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || len(got) != len(tc.want) {
			t.Fatalf("ParseConfigs(%q) = %v, %v", tc.in, got, err)
		}
		for k, v := range tc.want {
			if got[k] == nil || *got[k] != v {
				t.Errorf("ParseConfigs(%q)[%s] = %v, want %q", tc.in, k, got[k], v)
			}
		}
	}
}

func FuzzParseConfigs(f *testing.F) {
	for _, s := range []string{"retention.ms=1", "a=b=c", "=", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseConfigs("--set", []string{s})
		if err != nil {
			return
		}
		before, after, _ := strings.Cut(s, "=")
		if v, ok := got[strings.TrimSpace(before)]; len(got) != 1 || !ok || *v != after {
			t.Fatalf("ParseConfigs(%q) = %v", s, got)
		}
	})
}

func TestExplain(t *testing.T) {
	for _, tc := range []struct {
		err  error
		msg  string
		want string
	}{
		{kerr.UnknownTopicOrPartition, "", `unknown topic "t"`},
		{kerr.TopicAlreadyExists, "Topic 't' already exists.", `topic "t" already exists`},
		{kerr.TopicAuthorizationFailed, "", `not authorized to delete topic "t" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DELETE on it)`},
		{kerr.InvalidReplicationFactor, "", `topic "t": replication factor is below 1 or larger than the number of available brokers`},
		{kerr.InvalidReplicationFactor, "Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered or some brokers have all their log directories cordoned.",
			`topic "t": unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered or some brokers have all their log directories cordoned`},
		{kerr.InvalidConfig, "Invalid value abc for configuration retention.ms", `topic "t": invalid value abc for configuration retention.ms`},
		{kerr.InvalidTopicException, "Topic 't' collides with existing topic: a.b", `topic "t" collides with existing topic "a.b": it differs only in '.' and '_', which Kafka counts as the same`},
		{kerr.InvalidTopicException, "Topic 't' collides with existing topics: a.b, a_b", `topic "t" collides with existing topics "a.b" and "a_b": it differs only in '.' and '_', which Kafka counts as the same`},
		{errors.New("boom"), "", `topic "t": boom`},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := explain("t", DeleteOperation, tc.err, tc.msg).Error(); got != tc.want {
				t.Errorf("explain(%v, %q) = %s, want %s", tc.err, tc.msg, got, tc.want)
			}
		})
	}
}

func TestSortedUnique(t *testing.T) {
	if got := strings.Join(sortedUnique([]string{"b", "a", "b", "c", "a"}), ","); got != "a,b,c" {
		t.Fatalf("got %s", got)
	}
}

func TestTopicID(t *testing.T) {
	id := kadm.TopicID{0xfb, 0xff, 0xbf, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	if got := topicID(id); got != "-_-_AwQFBgcICQoLDA0ODw" {
		t.Errorf("topicID = %s", got)
	}
	if got := topicID(kadm.TopicID{}); got != "" {
		t.Errorf("zero id = %q", got)
	}
}

func TestApplied(t *testing.T) {
	v := func(s string) *string { return &s }
	configs := []ConfigEntry{
		{Name: "cleanup.policy", Value: v("compact"), Source: "DYNAMIC_TOPIC_CONFIG"},
		{Name: "min.insync.replicas", Value: v("1"), Source: "DYNAMIC_DEFAULT_BROKER_CONFIG"},
		{Name: "retention.ms", Value: v("1000"), Source: "DYNAMIC_TOPIC_CONFIG"},
	}
	for _, tc := range []struct {
		name string
		set  map[string]*string
		del  []string
		want bool
	}{
		{"set and seen", map[string]*string{"cleanup.policy": v("compact")}, nil, true},
		{"set, old value still shown", map[string]*string{"retention.ms": v("2000")}, nil, false},
		{"set, not on the topic yet", map[string]*string{"min.insync.replicas": v("1")}, nil, false},
		{"deleted and gone", nil, []string{"segment.ms"}, true},
		{"deleted, still shown", nil, []string{"retention.ms"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := applied(configs, tc.set, tc.del); got != tc.want {
				t.Fatalf("applied = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestQuoteEmpty(t *testing.T) {
	unset := func(name string) string { return "--delete " + name + " resets it" }
	empty, blank, set := "", " ", "1"
	for _, tc := range []struct {
		msg  string
		set  map[string]*string
		want string
	}{
		{"Invalid value  for configuration retention.ms: Not a number of type LONG.", map[string]*string{"retention.ms": &empty, "segment.ms": &set},
			`Invalid value "" for configuration retention.ms: Not a number of type LONG (the value is empty; --delete retention.ms resets it)`},
		{"Invalid value   for configuration cleanup.policy: String must be one of: delete, compact", map[string]*string{"cleanup.policy": &blank},
			`Invalid value " " for configuration cleanup.policy: String must be one of: delete, compact (the value is empty; --delete cleanup.policy resets it)`},
		// a refusal of another setting than the empty one is left alone
		{"Invalid value 1 for configuration segment.ms: Value must be at least 1048576", map[string]*string{"retention.ms": &empty, "segment.ms": &set},
			"Invalid value 1 for configuration segment.ms: Value must be at least 1048576"},
		{"", map[string]*string{"retention.ms": &empty}, ""},
	} {
		if got := quoteEmpty(tc.msg, tc.set, unset); got != tc.want {
			t.Errorf("quoteEmpty(%q) = %s, want %s", tc.msg, got, tc.want)
		}
	}
}

func TestUnbracket(t *testing.T) {
	list, plain := "[compact,delete]", "1"
	set := map[string]*string{"cleanup.policy": &list, "segment.ms": &plain}
	for _, tc := range []struct{ msg, want string }{
		{"Invalid value [compact,delete] for configuration cleanup.policy: String must be one of: delete, compact",
			"Invalid value [compact,delete] for configuration cleanup.policy: String must be one of: delete, compact (kafka-configs' [a,b] is a list written without brackets here: --set cleanup.policy=compact,delete)"},
		// Apache Kafka names the first item of the list it split
		{"Invalid value [compact for configuration cleanup.policy: String must be one of: compact, delete.",
			"Invalid value [compact for configuration cleanup.policy: String must be one of: compact, delete (kafka-configs' [a,b] is a list written without brackets here: --set cleanup.policy=compact,delete)"},
		// a refusal of another setting than the bracketed one is left alone
		{"Invalid value 1 for configuration segment.ms: Value must be at least 1048576", "Invalid value 1 for configuration segment.ms: Value must be at least 1048576"},
	} {
		if got := unbracket(tc.msg, set, "--set"); got != tc.want {
			t.Errorf("unbracket(%q) = %s, want %s", tc.msg, got, tc.want)
		}
	}
}

func TestExplainSettings(t *testing.T) {
	unknown := func(name string) string { return "Unknown topic config name: " + name }
	for _, tc := range []struct {
		err   error
		msg   string
		names []string
		want  string
	}{
		{kerr.InvalidConfig, unknown("message.max.bytes"), []string{"retention.ms", "message.max.bytes"},
			`topic "t": unknown topic config name: message.max.bytes (message.max.bytes is a broker setting; the topic's is max.message.bytes)`},
		{kerr.InvalidConfig, unknown("log.retention.hours"), []string{"log.retention.hours"},
			`topic "t": unknown topic config name: log.retention.hours (log.retention.hours is a broker setting; the topic's is retention.ms, in milliseconds)`},
		{kerr.InvalidConfig, unknown("no.such.setting"), []string{"no.such.setting"}, `topic "t": unknown topic config name: no.such.setting`},
		{kerr.InvalidConfig, unknown("retention_ms"), []string{"retention_ms"}, `topic "t": unknown topic config name: retention_ms (did you mean retention.ms?)`},
		{kerr.InvalidConfig, unknown("Segmnet.MS"), []string{"cleanup.policy", "Segmnet.MS"}, `topic "t": unknown topic config name: Segmnet.MS (did you mean segment.ms?)`},
		{kerr.InvalidConfig, "", []string{"min.insync.replica"}, `topic "t": configuration is invalid (did you mean min.insync.replicas?)`},
		// a value refused: the unknown name beside it is not what it is about
		{kerr.InvalidConfig, "Invalid value x for configuration retention.ms: Not a number of type LONG", []string{"retention.ms", "retention_bytes"},
			`topic "t": invalid value x for configuration retention.ms: Not a number of type LONG`},
		// as close to two settings: neither is named
		{kerr.InvalidConfig, unknown("m.compaction.lag.ms"), []string{"m.compaction.lag.ms"}, `topic "t": unknown topic config name: m.compaction.lag.ms`},
		{kerr.TopicAlreadyExists, "", []string{"log.retention.ms"}, `topic "t" already exists`},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := explainSettings("t", AlterConfigsOperation, tc.err, tc.msg, tc.names).Error(); got != tc.want {
				t.Errorf("explainSettings(%v, %q, %q) = %s, want %s", tc.err, tc.msg, tc.names, got, tc.want)
			}
		})
	}
}

// TestSettingsDeniedWords: the refusal of topics' settings is Refusal's
// wording, naming at most mostDeniedNamed of the topics, the rest counted.
func TestSettingsDeniedWords(t *testing.T) {
	many := make([]string, 12)
	for i := range many {
		many[i] = string(rune('a' + i))
	}
	for _, tc := range []struct {
		topics []string
		want   string
	}{
		{[]string{"a"}, `not authorized to describe the settings of topic "a" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE_CONFIGS on it)`},
		{[]string{"a", "b"}, `not authorized to describe the settings of topics "a" and "b" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE_CONFIGS on them)`},
		{many, `not authorized to describe the settings of topics "a", "b", "c", "d", "e", "f", "g", "h", "i" and 3 more (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE_CONFIGS on them)`},
	} {
		if got := (&SettingsDeniedError{Topics: tc.topics}).Error(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}
