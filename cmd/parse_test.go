package cmd

import (
	"context"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kafkashore/shore/consume"
	"github.com/kafkashore/shore/devbroker"
	"github.com/kafkashore/shore/groups"
	"github.com/kafkashore/shore/topics"
)

// The parse methods of the commands' raw flags, by table, without cobra:
// the flags as given in, the options or the usage error out.

func TestTopicsCreateParse(t *testing.T) {
	noConfigs := map[string]*string{}
	for _, tc := range []struct {
		name  string
		fl    topicsCreateFlags
		given flagsGiven
		want  *topicsCreateOptions
		err   string
	}{
		{"brokers' defaults", topicsCreateFlags{output: "table"}, givenOnly(),
			&topicsCreateOptions{Output: "table", Request: topics.CreateRequest{Names: []string{"a"}, Partitions: -1, Replicas: -1, Configs: noConfigs}}, ""},
		{"counts given", topicsCreateFlags{partitions: 3, replicas: 2, output: "json"}, givenOnly("partitions", "replicas"),
			&topicsCreateOptions{Output: "json", Request: topics.CreateRequest{Names: []string{"a"}, Partitions: 3, Replicas: 2, Configs: noConfigs}}, ""},
		{"zero partitions", topicsCreateFlags{}, givenOnly("partitions"), nil, "--partitions 0: a topic needs at least 1 partition"},
		{"negative replicas", topicsCreateFlags{replicas: -1}, givenOnly("replicas"), nil, "--replicas -1: a topic needs at least 1 replica"},
		{"setting without value", topicsCreateFlags{configs: []string{"retention.ms"}}, givenOnly("topic-config"), nil,
			`--topic-config: config "retention.ms": want key=value, such as retention.ms=86400000`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.fl.parse([]string{"a"}, tc.given)
			wantParse(t, got, err, tc.want, tc.err)
		})
	}
}

// topics describe's partition filters go together, with topics, -r or
// alone (every topic); without a filter a topic is needed.
func TestTopicsDescribeParse(t *testing.T) {
	under := topics.Health{UnderReplicated: true}
	for _, tc := range []struct {
		name string
		args []string
		fl   topicsDescribeFlags
		want *topicsDescribeOptions
		err  string
	}{
		{"topics", []string{"a", "b"}, topicsDescribeFlags{}, &topicsDescribeOptions{Topics: []string{"a", "b"}}, ""},
		{"filter alone: every topic", nil, topicsDescribeFlags{opts: topicsDescribeOptions{Health: under}},
			&topicsDescribeOptions{Health: under}, ""},
		{"filters together, on topics", []string{"a"}, topicsDescribeFlags{opts: topicsDescribeOptions{Health: topics.Health{UnderMinISR: true, Unavailable: true}}},
			&topicsDescribeOptions{Topics: []string{"a"}, Health: topics.Health{UnderMinISR: true, Unavailable: true}}, ""},
		{"neither", nil, topicsDescribeFlags{}, nil,
			"topics describe: missing TOPIC, or --under-replicated, --under-min-isr, --at-min-isr or --unavailable for every topic (usage: shore topics describe [TOPIC...])"},
		{"-r needs expressions, filter or not", nil, topicsDescribeFlags{regex: true, opts: topicsDescribeOptions{Health: under}}, nil,
			"-r/--regex needs at least one REGEX argument (usage: shore topics describe -r REGEX...)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.fl.parse(tc.args, givenOnly())
			wantParse(t, got, err, tc.want, tc.err)
		})
	}
}

func TestTopicsChangeParse(t *testing.T) {
	t.Run("add-partitions without --total", func(t *testing.T) {
		got, err := (&topicsAddPartitionsFlags{}).parse([]string{"t"}, givenOnly())
		wantParse(t, got, err, nil, "--total is required: the partition count to grow to")
	})
	t.Run("add-partitions to zero", func(t *testing.T) {
		got, err := (&topicsAddPartitionsFlags{}).parse([]string{"t"}, givenOnly("total"))
		wantParse(t, got, err, nil, "--total 0: a topic needs at least 1 partition")
	})
	t.Run("alter-config with nothing to change", func(t *testing.T) {
		got, err := (&topicsAlterConfigFlags{}).parse([]string{"t"}, givenOnly())
		wantParse(t, got, err, nil, "nothing to change: give --set key=value or --delete key")
	})
	t.Run("alter-config delete only", func(t *testing.T) {
		got, err := (&topicsAlterConfigFlags{delete: []string{"retention.ms"}, output: "table"}).parse([]string{"t"}, givenOnly("delete"))
		wantParse(t, got, err, &topicsAlterConfigOptions{Topics: []string{"t"}, Set: map[string]*string{}, Delete: []string{"retention.ms"}, Output: "table"}, "")
	})
}

func TestOffsetsParse(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	hourAgo := now.Add(-time.Hour)
	clock := func() time.Time { return now }
	for _, tc := range []struct {
		name  string
		fl    offsetsFlags
		given flagsGiven
		want  *offsetsOptions
		err   string
	}{
		{"no time", offsetsFlags{output: "table", now: clock}, givenOnly(), &offsetsOptions{Topics: []string{"a"}, Output: "table"}, ""},
		{"an hour ago", offsetsFlags{at: "-1h", output: "json", now: clock}, givenOnly("at"), &offsetsOptions{Topics: []string{"a"}, At: &hourAgo, Output: "json"}, ""},
		{"not a time", offsetsFlags{at: "yesterday", now: clock}, givenOnly("at"), nil,
			`--at "yesterday": want unix milliseconds (1795392000000), RFC 3339 (2026-11-23T09:00:00Z; UTC when it has no zone, as 2026-11-23T09:00:00), a date (2026-11-23, midnight UTC), a duration ago (-1h, -30m, -2d) or now`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.fl.parse([]string{"a"}, tc.given)
			wantParse(t, got, err, tc.want, tc.err)
		})
	}
}

func TestGroupsSeekParse(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	fl := func(f groupsSeekFlags) groupsSeekFlags {
		f.now = func() time.Time { return now }
		f.stdin = func() io.Reader { return strings.NewReader("orders,0,5\norders,1,7\n") }
		f.ctx = context.Background
		f.output = "table"
		return f
	}
	for _, tc := range []struct {
		name  string
		fl    groupsSeekFlags
		given flagsGiven
		want  *groupsSeekOptions
		err   string
	}{
		{"to the start", fl(groupsSeekFlags{to: "start"}), givenOnly("to"),
			&groupsSeekOptions{Group: "g", Target: groups.Target{Kind: groups.ToStart}, Output: "table"}, ""},
		{"shift back in one topic", fl(groupsSeekFlags{shift: -3, topics: []string{"orders:0,2"}, execute: true}), givenOnly("shift", "topic", "execute"),
			&groupsSeekOptions{Group: "g", Target: groups.Target{Kind: groups.Shift, Offset: -3}, Scopes: []groups.Scope{{Topic: "orders", Partitions: []int32{0, 2}}}, Execute: true, Output: "table"}, ""},
		{"plan from stdin", fl(groupsSeekFlags{fromFile: "-"}), givenOnly("from-file"),
			&groupsSeekOptions{Group: "g", Target: groups.Target{Kind: groups.ToResolved}, Output: "table", PlanFile: "stdin",
				Offsets: []groups.Offset{{Topic: "orders", Partition: 0, Offset: 5, Line: 1}, {Topic: "orders", Partition: 1, Offset: 7, Line: 2}}}, ""},
		{"no target", fl(groupsSeekFlags{}), givenOnly(), nil, "none of --to, --shift or --from-file is given; give exactly one"},
		{"two targets", fl(groupsSeekFlags{to: "end"}), givenOnly("to", "shift"), nil, "--to and --shift are both given; give exactly one of --to, --shift or --from-file"},
		{"plan and topics", fl(groupsSeekFlags{fromFile: "-", topics: []string{"orders"}}), givenOnly("from-file", "topic"), nil,
			"--from-file names its partitions; it does not go with --topic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.fl.parse([]string{"g"}, tc.given)
			wantParse(t, got, err, tc.want, tc.err)
		})
	}
}

func TestGroupsDescribeParse(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fl    groupsDescribeFlags
		args  []string
		given flagsGiven
		err   string
	}{
		{"csv of two groups", groupsDescribeFlags{output: "csv"}, []string{"a", "b"}, givenOnly("output"), "-o csv writes the offsets of one group; 2 given"},
		{"watch without interval", groupsDescribeFlags{output: "table"}, []string{"a"}, givenOnly("watch"), "--watch 0s: want an interval of 100ms or more, such as 2s"},
		{"watch csv", groupsDescribeFlags{output: "csv", watch: time.Second}, []string{"a"}, givenOnly("watch", "output"), "--watch does not go with -o csv"},
		{"empty topic", groupsDescribeFlags{output: "table", topics: []string{""}}, []string{"a"}, givenOnly("topic"), "--topic: empty topic name"},
		{"topic and partition", groupsDescribeFlags{output: "table", topics: []string{"orders:0"}}, []string{"a"}, givenOnly("topic"), `--topic "orders:0": groups describe takes topic names and shows every partition of each; groups seek and groups delete-offsets take T:P,P,...`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.fl.parse(tc.args, tc.given)
			wantParse(t, got, err, nil, tc.err)
		})
	}
}

func TestDevParse(t *testing.T) {
	got, err := (&devFlags{opts: devbroker.Options{Listen: "127.0.0.1:0", Brokers: 2}, topics: []string{"a:3"}, sasl: "alice:pw"}).parse(nil, givenOnly("topic", "sasl"))
	want := &devbroker.Options{Listen: "127.0.0.1:0", Brokers: 2, Topics: []devbroker.TopicSpec{{Name: "a", Partitions: 3}},
		SASL: &devbroker.Credentials{User: "alice", Password: "pw"}, RegistryListen: "127.0.0.1:0"}
	wantParse(t, got, err, want, "")
	_, err = (&devFlags{opts: devbroker.Options{Listen: "127.0.0.1:0", Brokers: 1}, sasl: "nocolon"}).parse(nil, givenOnly("sasl"))
	if err == nil || !strings.HasPrefix(err.Error(), "--sasl: ") {
		t.Fatalf("bad --sasl: %v", err)
	}
}

func TestProduceParse(t *testing.T) {
	defaults := func(f produceFlags) *produceFlags {
		f.opts.Partitioner, f.opts.Acks = "murmur2", "all"
		f.opts.BatchMaxBytes, f.opts.DeliveryTimeout = 1<<20, defaultDeliveryTimeout
		f.maxMessageBytes, f.partition = defaultMaxMessageBytes, -1
		if f.delimiter == "" {
			f.delimiter = `\n`
		}
		return &f
	}
	for _, tc := range []struct {
		name  string
		fl    *produceFlags
		given flagsGiven
		err   string
	}{
		{"lines", defaults(produceFlags{}), givenOnly(), ""},
		{"two input modes", defaults(produceFlags{whole: true, jsonLines: true}), givenOnly("whole", "json"),
			"--whole and --json are different ways to read input: choose one"},
		{"key twice", defaults(produceFlags{key: "k", keyDelimiter: ":"}), givenOnly("key", "key-delimiter"),
			"--key and --key-delimiter both set the key: choose one"},
		{"partition and partitioner", func() *produceFlags { f := defaults(produceFlags{}); f.partition = 1; return f }(), givenOnly("partition", "partitioner"),
			"--partition and --partitioner both choose the partition: choose one"},
		{"partition -1 and partitioner", defaults(produceFlags{}), givenOnly("partition", "partitioner"), ""},
		{"empty header", defaults(produceFlags{headers: []string{""}}), givenOnly("header"), `--header "": want name=value, or a name alone for a null value`},
		{"a transaction with acks all", defaults(produceFlags{opts: produceOptions{TransactionalID: "t"}}), givenOnly("transactional-id"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.fl.parse([]string{"orders"}, tc.given)
			if tc.err != "" {
				wantParse(t, got, err, nil, tc.err)
				return
			}
			if err != nil || got.Topic != "orders" {
				t.Fatalf("got %+v, %v", got, err)
			}
		})
	}
}

func TestConsumeParse(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }
	fl := func(f consumeFlags) *consumeFlags {
		f.now = now
		f.opts.Options.Balancer = "cooperative-sticky"
		if f.offset == "" {
			f.offset = "start"
		}
		return &f
	}
	for _, tc := range []struct {
		name  string
		fl    *consumeFlags
		given flagsGiven
		err   string
	}{
		{"defaults", fl(consumeFlags{}), givenOnly(), ""},
		{"json and a layout", fl(consumeFlags{asJSON: true, layout: "%v"}), givenOnly("json", "format"), "--json and --format exclude each other"},
		{"encoding without json", fl(consumeFlags{keyEnc: "hex"}), givenOnly("key-encoding"), "--key-encoding needs --json"},
		{"balancer without group", fl(consumeFlags{}), givenOnly("balancer"), "--balancer needs --group"},
		{"session timeout without group", fl(consumeFlags{}), givenOnly("session-timeout"), "--session-timeout needs --group"},
		{"two without group", fl(consumeFlags{opts: consumeOptions{Options: consume.Options{NoCommit: true, InstanceID: "i"}}}), givenOnly("no-commit", "instance-id"), "--no-commit and --instance-id need --group"},
		{"negative partition", fl(consumeFlags{partitions: []string{"0", "-1"}}), givenOnly("partitions"), `--partitions "0,-1": "-1" is not a partition number (0 or more) nor a range of them (0-2)`},
		{"bad regex", fl(consumeFlags{regex: true}), givenOnly("regex"), `bad regular expression "(" (argument of -r/--regex): missing closing )`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"orders"}
			if tc.fl.regex {
				args = []string{"("}
			}
			got, err := tc.fl.parse(context.Background(), args, tc.given)
			if tc.err != "" {
				wantParse(t, got, err, nil, tc.err)
				return
			}
			if err != nil || !reflect.DeepEqual(got.Target.Topics, args) {
				t.Fatalf("got %+v, %v", got, err)
			}
		})
	}
}

// TestProduceMaxBuffered: without --max-buffered-records, the records in
// flight are bounded by 10,000 per broker leading a partition of the topic
// (one with --partition), at most 50,000 in all; the flag overrides it.
func TestProduceMaxBuffered(t *testing.T) {
	for _, tc := range []struct {
		flag, partition int32
		leaders, want   int
	}{
		{0, -1, 1, 10000},
		{0, -1, 0, 10000},
		{0, -1, 3, 30000},
		{0, -1, 9, 50000},
		{0, 2, 3, 10000},
		{700, -1, 3, 700},
		{700, 2, 1, 700},
	} {
		o := &produceOptions{MaxBuffered: int(tc.flag)}
		o.Parse.Partition = tc.partition
		if got := o.maxBuffered(tc.leaders); got != tc.want {
			t.Errorf("--max-buffered-records %d, --partition %d, %d leaders: %d, want %d", tc.flag, tc.partition, tc.leaders, got, tc.want)
		}
	}
}
