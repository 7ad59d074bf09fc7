package topics

import (
	"reflect"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// TestAfterChange: the settings a dry run of alter-config prints are those
// the brokers would describe after the change. A deleted setting falls back
// to its first synonym from elsewhere that has a value, in the topic's unit;
// one without such a synonym to the built-in default, which is not shown.
func TestAfterChange(t *testing.T) {
	s := func(v string) *string { return &v }
	own := func(k, v string, syns ...kadm.ConfigSynonym) kadm.Config {
		return kadm.Config{Key: k, Value: s(v), Source: kmsg.ConfigSourceDynamicTopicConfig, Synonyms: syns}
	}
	cs := []kadm.Config{
		own("retention.ms", "1000",
			kadm.ConfigSynonym{Key: "retention.ms", Value: s("1000"), Source: kmsg.ConfigSourceDynamicTopicConfig},
			kadm.ConfigSynonym{Key: "log.retention.ms", Source: kmsg.ConfigSourceDefaultConfig},
			kadm.ConfigSynonym{Key: "log.retention.hours", Value: s("24"), Source: kmsg.ConfigSourceStaticBrokerConfig},
			kadm.ConfigSynonym{Key: "log.retention.hours", Value: s("168"), Source: kmsg.ConfigSourceDefaultConfig}),
		own("cleanup.policy", "compact",
			kadm.ConfigSynonym{Key: "log.cleanup.policy", Value: s("delete"), Source: kmsg.ConfigSourceDefaultConfig}),
		own("segment.ms", "60000"),
		{Key: "min.insync.replicas", Value: s("2"), Source: kmsg.ConfigSourceDynamicDefaultBrokerConfig},
		{Key: "max.message.bytes", Value: s("1048588"), Source: kmsg.ConfigSourceDefaultConfig},
		{Key: "secret", Source: kmsg.ConfigSourceDynamicTopicConfig, Sensitive: true},
	}
	set := map[string]*string{"max.message.bytes": s("2000000"), "secret": s("hunter2"), "segment.bytes": s("1024")}
	got := nonDefault(afterChange(cs, set, []string{"retention.ms", "cleanup.policy", "segment.ms", "min.insync.replicas"}))
	want := []ConfigEntry{
		{Name: "max.message.bytes", Value: s("2000000"), Source: "DYNAMIC_TOPIC_CONFIG"},
		{Name: "min.insync.replicas", Value: s("2"), Source: "DYNAMIC_DEFAULT_BROKER_CONFIG"},
		{Name: "retention.ms", Value: s("86400000"), Source: "STATIC_BROKER_CONFIG"},
		{Name: "secret", Source: "DYNAMIC_TOPIC_CONFIG", Sensitive: true},
		{Name: "segment.bytes", Value: s("1024"), Source: "DYNAMIC_TOPIC_CONFIG"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %s\nwant %s", show(got), show(want))
	}
}

func show(cs []ConfigEntry) string {
	out := ""
	for _, c := range cs {
		v := "<nil>"
		if c.Value != nil {
			v = *c.Value
		}
		out += "\n  " + c.Name + "=" + v + " " + c.Source
	}
	return out
}
