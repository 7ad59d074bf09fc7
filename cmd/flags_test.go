package cmd

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kafkashore/shore/devbroker"
	"github.com/kafkashore/shore/topics"
)

func TestTopicsCreateFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want topicsCreateOptions
	}{
		{[]string{"a"}, topicsCreateOptions{Output: "table", Request: topics.CreateRequest{Names: []string{"a"}, Partitions: -1, Replicas: -1, Configs: map[string]*string{}}}},
		{[]string{"a", "b", "-p", "6", "-r", "3", "-o", "json"}, topicsCreateOptions{Output: "json",
			Request: topics.CreateRequest{Names: []string{"a", "b"}, Partitions: 6, Replicas: 3, Configs: map[string]*string{}}}},
		{[]string{"a", "-c", "cleanup.policy=compact,delete", "--topic-config", "retention.ms=1"}, topicsCreateOptions{Output: "table",
			Request: topics.CreateRequest{Names: []string{"a"}, Partitions: -1, Replicas: -1,
				Configs: map[string]*string{"cleanup.policy": str("compact,delete"), "retention.ms": str("1")}}}},
		{[]string{"a", "--dry-run", "--if-not-exists"}, topicsCreateOptions{Output: "table",
			Request: topics.CreateRequest{Names: []string{"a"}, Partitions: -1, Replicas: -1, Configs: map[string]*string{}, IfNotExists: true, ValidateOnly: true}}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var got *topicsCreateOptions
			parse(t, newTopicsCreateCmd(testFactory(), func(o *topicsCreateOptions) error { got = o; return nil }), tc.args...)
			if !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("%v: %+v, want %+v", tc.args, *got, tc.want)
			}
		})
	}
}

func TestTopicsVerbFlags(t *testing.T) {
	f := testFactory()
	var alter *topicsAlterConfigOptions
	parse(t, newTopicsAlterConfigCmd(f, func(o *topicsAlterConfigOptions) error { alter = o; return nil }),
		"t", "--set", "a=1", "--set", "b=x=y", "--delete", "c", "--delete", "d", "--dry-run")
	if want := (topicsAlterConfigOptions{Output: "table", Topics: []string{"t"}, Set: map[string]*string{"a": str("1"), "b": str("x=y")}, Delete: []string{"c", "d"}, DryRun: true}); !reflect.DeepEqual(*alter, want) {
		t.Errorf("alter-config: %+v, want %+v", *alter, want)
	}
	var grow *topicsAddPartitionsOptions
	parse(t, newTopicsAddPartitionsCmd(f, func(o *topicsAddPartitionsOptions) error { grow = o; return nil }), "t", "a", "t", "--total", "8", "-o", "json", "--dry-run")
	if want := (topicsAddPartitionsOptions{Topics: []string{"a", "t"}, Total: 8, Output: "json", DryRun: true}); !reflect.DeepEqual(*grow, want) {
		t.Errorf("add-partitions: %+v, want %+v", *grow, want)
	}
	for _, tc := range []struct {
		args           []string
		names, regexes []string
		internal       bool
	}{
		{[]string{"--internal"}, nil, nil, true},
		{[]string{"a", "b"}, []string{"a", "b"}, nil, false},
		{[]string{"-r", "^a", `b\.`, "--internal"}, nil, []string{"^a", `b\.`}, true},
		{[]string{"--regex", "a"}, nil, []string{"a"}, false},
		{[]string{"-i"}, nil, nil, true}, // rpk topic list -i
	} {
		var list *topicsListOptions
		parse(t, newTopicsListCmd(f, func(o *topicsListOptions) error { list = o; return nil }), tc.args...)
		var regexes []string
		for _, re := range list.Select.Regexes {
			regexes = append(regexes, re.String())
		}
		if !slices.Equal(list.Select.Names, tc.names) || !slices.Equal(regexes, tc.regexes) || list.Select.Internal != tc.internal || list.Output != "table" {
			t.Errorf("list %q: %+v, want names %q, regexes %q, internal %v", tc.args, *list, tc.names, tc.regexes, tc.internal)
		}
	}
	var describe *topicsDescribeOptions
	parse(t, newTopicsDescribeCmd(f, func(o *topicsDescribeOptions) error { describe = o; return nil }), "a", "b")
	if want := (topicsDescribeOptions{Topics: []string{"a", "b"}, Output: "table"}); !reflect.DeepEqual(*describe, want) {
		t.Errorf("describe: %+v, want %+v", *describe, want)
	}
	var del *topicsDeleteOptions
	parse(t, newTopicsDeleteCmd(f, func(o *topicsDeleteOptions) error { del = o; return nil }), "a", "-o", "json")
	if want := (topicsDeleteOptions{Topics: []string{"a"}, Output: "json"}); !reflect.DeepEqual(*del, want) {
		t.Errorf("delete: %+v, want %+v", *del, want)
	}
	var cluster *clusterOptions
	parse(t, newClusterCmd(f, func(o *clusterOptions) error { cluster = o; return nil }), "-o", "json")
	if cluster.Output != "json" {
		t.Errorf("cluster: %+v", *cluster)
	}
}

func TestOffsetsFlags(t *testing.T) {
	f := testFactory()
	for _, tc := range []struct {
		args []string
		at   string
	}{
		{[]string{"a", "b"}, ""},
		{[]string{"a", "b", "--at", "-90m"}, "2026-11-23T10:30:00Z"},
		{[]string{"a", "b", "--at", "2026-11-20"}, "2026-11-20T00:00:00Z"},
		{[]string{"a", "b", "--at", "1763856000000"}, "2025-11-23T00:00:00Z"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var got *offsetsOptions
			parse(t, newOffsetsCmd(f, func(o *offsetsOptions) error { got = o; return nil }), tc.args...)
			at := ""
			if got.At != nil {
				at = got.At.UTC().Format(time.RFC3339)
			}
			if strings.Join(got.Topics, ",") != "a,b" || at != tc.at {
				t.Errorf("%v: topics %v at %q, want a,b and %q", tc.args, got.Topics, at, tc.at)
			}
		})
	}
}

func TestDevFlags(t *testing.T) {
	var got *devbroker.Options
	parse(t, newDevCmd(testFactory(), func(o *devbroker.Options) error { got = o; return nil }),
		"--listen", "localhost:19092", "--num-brokers", "3", "--topic", "a", "--topic", "b:4", "--auto-create", "--data-dir", "/tmp/x")
	want := devbroker.Options{Listen: "localhost:19092", Brokers: 3, AutoCreate: true, DataDir: "/tmp/x",
		Topics: []devbroker.TopicSpec{{Name: "a"}, {Name: "b", Partitions: 4}}, RegistryListen: "localhost:8081"}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("%+v, want %+v", *got, want)
	}
	parse(t, newDevCmd(testFactory(), func(o *devbroker.Options) error { got = o; return nil }))
	if want := (devbroker.Options{Listen: "127.0.0.1:9092", Brokers: 1, RegistryListen: "127.0.0.1:8081"}); !reflect.DeepEqual(*got, want) {
		t.Errorf("defaults %+v, want %+v", *got, want)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--listen", "127.0.0.1:0"}, "127.0.0.1:0"},
		{[]string{"--listen", "127.0.0.1:0", "--registry-listen", "127.0.0.1:18081"}, "127.0.0.1:18081"},
		{[]string{"--no-registry"}, ""},
	} {
		parse(t, newDevCmd(testFactory(), func(o *devbroker.Options) error { got = o; return nil }), tc.args...)
		if got.RegistryListen != tc.want {
			t.Errorf("%v: registry on %q, want %q", tc.args, got.RegistryListen, tc.want)
		}
	}
}
