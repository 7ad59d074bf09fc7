package devbroker

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/topics"
)

// TestTopicSettingsAsShoreNamesThem: the settings shore dev's brokers know
// are those topics.Settings lists, which shore's commands suggest from.
func TestTopicSettingsAsShoreNamesThem(t *testing.T) {
	var known []string
	for name, tc := range topicConfigs {
		if !tc.kfakeOnly {
			known = append(known, name)
		}
	}
	slices.Sort(known)
	if !slices.Equal(known, topics.Settings) {
		t.Fatalf("shore dev knows\n%q\ntopics.Settings lists\n%q", known, topics.Settings)
	}
}

// TestRefusesWhatKafkaRefuses sends what Apache Kafka refuses straight to
// the embedded broker, as any client could, and checks Kafka's answer and
// that nothing was created or changed.
func TestRefusesWhatKafkaRefuses(t *testing.T) {
	cl, ctx := startClient(t, Options{AutoCreate: true})
	adm := kadm.NewClient(cl)
	str := func(s string) *string { return &s }

	for _, tc := range []struct {
		name    string
		configs map[string]*string
		want    *kerr.Error
		message string
	}{
		{"a/b", nil, kerr.InvalidTopicException, `topic name "a/b": '/' is not allowed`},
		{".", nil, kerr.InvalidTopicException, `topic name ".": '.' and '..' are not topic names`},
		{"has space", nil, kerr.InvalidTopicException, `' ' is not allowed`},
		{"bad-retention", map[string]*string{"retention.ms": str("abc")}, kerr.InvalidConfig, "Invalid value abc for configuration retention.ms: Not a number of type LONG"},
		{"bad-name", map[string]*string{"no.such.setting": str("1")}, kerr.InvalidConfig, "Unknown topic config name: no.such.setting"},
		{"bad-policy", map[string]*string{"cleanup.policy": str("compact,forever")}, kerr.InvalidConfig, "String must be one of: delete, compact"},
		{"bad-bool", map[string]*string{"preallocate": str("maybe")}, kerr.InvalidConfig, "Expected value to be either true or false"},
		{"no-isr", map[string]*string{"min.insync.replicas": str("0")}, kerr.InvalidConfig, "Invalid value 0 for configuration min.insync.replicas: Value must be at least 1"},
		{"tiny-segments", map[string]*string{"segment.bytes": str("1024")}, kerr.InvalidConfig, "Invalid value 1024 for configuration segment.bytes: Value must be at least 1048576"},
		{"huge-segments", map[string]*string{"segment.bytes": str("4294967296")}, kerr.InvalidConfig, "Invalid value 4294967296 for configuration segment.bytes: Not a number of type INT"},
		{"negative-max", map[string]*string{"max.message.bytes": str("-1")}, kerr.InvalidConfig, "Invalid value -1 for configuration max.message.bytes: Value must be at least 0"},
		{"no-roll", map[string]*string{"segment.ms": str("0")}, kerr.InvalidConfig, "Invalid value 0 for configuration segment.ms: Value must be at least 1"},
		{"bad-retention-floor", map[string]*string{"retention.ms": str("-2")}, kerr.InvalidConfig, "Invalid value -2 for configuration retention.ms: Value must be at least -1"},
		{"no-tombstones", map[string]*string{"delete.retention.ms": str("-1")}, kerr.InvalidConfig, "Invalid value -1 for configuration delete.retention.ms: Value must be at least 0"},
		// compression levels, by codec as Kafka's CompressionType bounds them
		{"gzip-past-9", map[string]*string{"compression.gzip.level": str("10")}, kerr.InvalidConfig, "Invalid value 10 for configuration compression.gzip.level: Value must be between 1 and 9 or equal to -1"},
		{"gzip-0", map[string]*string{"compression.gzip.level": str("0")}, kerr.InvalidConfig, "Invalid value 0 for configuration compression.gzip.level: Value must be between 1 and 9 or equal to -1"},
		{"lz4-0", map[string]*string{"compression.lz4.level": str("0")}, kerr.InvalidConfig, "Invalid value 0 for configuration compression.lz4.level: Value must be at least 1"},
		{"lz4-past-17", map[string]*string{"compression.lz4.level": str("18")}, kerr.InvalidConfig, "Invalid value 18 for configuration compression.lz4.level: Value must be no more than 17"},
		{"zstd-past-22", map[string]*string{"compression.zstd.level": str("23")}, kerr.InvalidConfig, "Invalid value 23 for configuration compression.zstd.level: Value must be no more than 22"},
		{"zstd-too-fast", map[string]*string{"compression.zstd.level": str("-131073")}, kerr.InvalidConfig, "Invalid value -131073 for configuration compression.zstd.level: Value must be at least -131072"},
	} {
		resp, err := adm.CreateTopic(ctx, 1, -1, tc.configs, tc.name)
		if err == nil {
			err = resp.Err
		}
		if !errors.Is(err, tc.want) || resp.ErrMessage == "" || !strings.Contains(resp.ErrMessage, tc.message) {
			t.Errorf("create %q %v: %v %q; want %v %q", tc.name, tc.configs, err, resp.ErrMessage, tc.want, tc.message)
		}
	}

	if resp, _ := adm.CreateTopic(ctx, MaxPartitions+1, -1, nil, "huge"); !errors.Is(resp.Err, kerr.InvalidPartitions) {
		t.Errorf("create %d partitions: %v", MaxPartitions+1, resp.Err)
	}

	// Good settings pass through to kfake; bad ones change nothing.
	if resp, err := adm.CreateTopic(ctx, 1, -1, map[string]*string{"cleanup.policy": str("compact,delete"), "retention.ms": str("-1"), "retention.bytes": str("-5"), "segment.bytes": str("1048576"),
		"compression.gzip.level": str("-1"), "compression.lz4.level": str("17"), "compression.zstd.level": str("-131072")}, "good"); err != nil || resp.Err != nil {
		t.Fatalf("create good: %v %v", err, resp.Err)
	}
	// An empty list, as Kafka takes it: cleanup.policy without a policy.
	alter, err := adm.AlterTopicConfigs(ctx, []kadm.AlterConfig{{Name: "cleanup.policy", Value: str("")}}, "good")
	if err != nil {
		t.Fatal(err)
	}
	if r := alter[0]; r.Err != nil {
		t.Errorf("alter cleanup.policy='': %v %q", r.Err, r.ErrMessage)
	}
	alter, err = adm.AlterTopicConfigs(ctx, []kadm.AlterConfig{{Name: "retention.ms", Value: str("abc")}}, "good")
	if err != nil {
		t.Fatal(err)
	}
	if r := alter[0]; !errors.Is(r.Err, kerr.InvalidConfig) || !strings.Contains(r.ErrMessage, "Not a number of type LONG") {
		t.Errorf("alter retention.ms=abc: %v %q", r.Err, r.ErrMessage)
	}
	alter, err = adm.AlterTopicConfigs(ctx, []kadm.AlterConfig{{Op: kadm.DeleteConfig, Name: "no.such.setting"}}, "good")
	if err != nil {
		t.Fatal(err)
	}
	if r := alter[0]; !errors.Is(r.Err, kerr.InvalidConfig) {
		t.Errorf("delete no.such.setting: %v %q", r.Err, r.ErrMessage)
	}
	grow, err := adm.UpdatePartitions(ctx, 2_000_000_000, "good")
	if err != nil {
		t.Fatal(err)
	}
	if r := grow["good"]; !errors.Is(r.Err, kerr.InvalidPartitions) {
		t.Errorf("grow to 2000000000: %v", r.Err)
	}

	// Auto-creation never makes a topic whose name Kafka refuses, which
	// is answered as Kafka answers it.
	req := kmsg.NewPtrMetadataRequest()
	req.AllowAutoTopicCreation = true
	rt := kmsg.NewMetadataRequestTopic()
	rt.Topic = str("auto/bad")
	req.Topics = append(req.Topics, rt)
	md, err := req.RequestWith(ctx, cl)
	if err != nil {
		t.Fatal(err)
	}
	if len(md.Topics) != 1 || md.Topics[0].ErrorCode != kerr.InvalidTopicException.Code {
		t.Errorf("metadata for auto/bad: %+v", md.Topics)
	}

	// Kafka's checks against the cluster, after the check that the topic
	// exists (--if-not-exists takes TOPIC_ALREADY_EXISTS, whatever else).
	for _, tc := range []struct {
		name       string
		partitions int32
		replicas   int16
		want       error
		message    string
	}{
		{"good", 1, 5, kerr.TopicAlreadyExists, "Topic 'good' already exists."},
		{"wide", 1, 2, kerr.InvalidReplicationFactor, "Unable to replicate the partition 2 time(s): The target replication factor of 2 cannot be reached because only 1 broker(s) are registered or some brokers have all their log directories cordoned."},
		{"unreplicated", 1, 0, kerr.InvalidReplicationFactor, "Replication factor must be larger than 0, or -1 to use the default value."},
		{"unpartitioned", 0, 1, kerr.InvalidPartitions, "Number of partitions was set to an invalid non-positive value."},
		{"x.y", 1, -1, nil, ""},
		{"x_y", 1, -1, kerr.InvalidTopicException, "Topic 'x_y' collides with existing topic: x.y"},
	} {
		resp, err := adm.CreateTopic(ctx, tc.partitions, tc.replicas, nil, tc.name)
		if err == nil {
			err = resp.Err
		}
		if !errors.Is(err, tc.want) || resp.ErrMessage != tc.message {
			t.Errorf("create %q, %d partitions, %d replicas: %v %q; want %v %q", tc.name, tc.partitions, tc.replicas, err, resp.ErrMessage, tc.want, tc.message)
		}
	}
	if _, err := adm.DeleteTopic(ctx, "x.y"); err != nil {
		t.Fatal(err)
	}

	listed, err := adm.ListTopics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if names := listed.Names(); len(names) != 1 || names[0] != "good" {
		t.Errorf("topics after the refusals: %v; want only good", names)
	}
	configs, err := adm.DescribeTopicConfigs(ctx, "good")
	if err != nil {
		t.Fatal(err)
	}
	if rc, err := configs.On("good", nil); err != nil {
		t.Fatal(err)
	} else {
		for _, c := range rc.Configs {
			if c.Key == "retention.ms" && c.MaybeValue() != "-1" {
				t.Errorf("retention.ms is %q after a refused alter", c.MaybeValue())
			}
		}
	}
}

// TestAnswersTopicsAlone: a CreateTopics request is answered topic by
// topic, as Apache Kafka answers it: each topic Kafka refuses with its
// code in Kafka's words, and the others created.
func TestAnswersTopicsAlone(t *testing.T) {
	cl, ctx := startClient(t, Options{})
	adm := kadm.NewClient(cl)
	if _, err := adm.CreateTopics(ctx, 1, -1, nil, "old", "x.y"); err != nil {
		t.Fatal(err)
	}
	topic := func(name string, partitions int32, replicas int16, configs ...string) kmsg.CreateTopicsRequestTopic {
		rt := kmsg.NewCreateTopicsRequestTopic()
		rt.Topic, rt.NumPartitions, rt.ReplicationFactor = name, partitions, replicas
		for i := 0; i < len(configs); i += 2 {
			c := kmsg.NewCreateTopicsRequestTopicConfig()
			c.Name, c.Value = configs[i], kmsg.StringPtr(configs[i+1])
			rt.Configs = append(rt.Configs, c)
		}
		return rt
	}
	req := kmsg.NewPtrCreateTopicsRequest()
	req.TimeoutMillis = 5000
	req.Topics = []kmsg.CreateTopicsRequestTopic{
		topic("fresh", 2, -1),
		topic("__consumer_offsets", 1, -1),
		topic("a/b", 1, -1),
		topic("__cluster_metadata", 1, -1),
		topic("huge", MaxPartitions+1, -1),
		topic("bad-setting", 1, -1, "retention.ms", "abc"),
		topic("unknown-setting", 1, -1, "no.such.setting", "1"),
		topic("wide", 1, 2),
		topic("unpartitioned", 0, -1),
		topic("x_y", 1, -1),
		topic("old", 1, -1),
		topic("compacted", 1, -1, "cleanup.policy", "compact"),
	}
	resp, err := req.RequestWith(ctx, cl)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, rt := range resp.Topics {
		answer := rt.Topic + " created"
		if err, _ := kerr.ErrorForCode(rt.ErrorCode).(*kerr.Error); err != nil {
			answer = fmt.Sprintf("%s %s %q", rt.Topic, err.Message, *rt.ErrorMessage)
		}
		got = append(got, answer)
	}
	want := []string{
		`fresh created`,
		`__consumer_offsets TOPIC_ALREADY_EXISTS "Topic '__consumer_offsets' already exists."`,
		`a/b INVALID_TOPIC_EXCEPTION "topic name \"a/b\": '/' is not allowed (only ASCII letters, digits, '.', '_' and '-')"`,
		`__cluster_metadata INVALID_REQUEST "Creation of internal topic __cluster_metadata is prohibited."`,
		`huge INVALID_PARTITIONS "10001 partitions: shore dev holds at most 10000 in one topic"`,
		`bad-setting INVALID_CONFIG "Invalid value abc for configuration retention.ms: Not a number of type LONG"`,
		`unknown-setting INVALID_CONFIG "Unknown topic config name: no.such.setting"`,
		`wide INVALID_REPLICATION_FACTOR "Unable to replicate the partition 2 time(s): The target replication factor of 2 cannot be reached because only 1 broker(s) are registered or some brokers have all their log directories cordoned."`,
		`unpartitioned INVALID_PARTITIONS "Number of partitions was set to an invalid non-positive value."`,
		`x_y INVALID_TOPIC_EXCEPTION "Topic 'x_y' collides with existing topic: x.y"`,
		`old TOPIC_ALREADY_EXISTS "Topic 'old' already exists."`,
		`compacted created`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("answers:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	listed, err := adm.ListTopics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if names := listed.Names(); !slices.Equal(names, []string{"compacted", "fresh", "old", "x.y"}) {
		t.Errorf("topics: %v; want compacted, fresh, old and x.y", names)
	}
	if d := listed["fresh"]; len(d.Partitions) != 2 {
		t.Errorf("fresh has %d partitions; want 2", len(d.Partitions))
	}
}

// TestRefusesKeylessRecordsOnCompactedTopics sends records without a key to
// a compacted topic straight to the embedded broker, as any client could:
// Apache Kafka refuses the batch that holds one (INVALID_RECORD) and
// appends none of it, and takes keyed records there and keyless ones
// elsewhere.
func TestRefusesKeylessRecordsOnCompactedTopics(t *testing.T) {
	compact := "compact"
	cl := newClusterWith(t, 2, map[string]map[string]*string{"compacted": {"cleanup.policy": &compact}, "plain": nil}, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	// One batch for partition 0 with a keyless record among keyed ones,
	// one of keyed records for partition 1, in one request.
	results := cl.ProduceSync(ctx,
		&kgo.Record{Topic: "compacted", Partition: 0, Key: []byte("k1"), Value: []byte("a")},
		&kgo.Record{Topic: "compacted", Partition: 0, Value: []byte("no key")},
		&kgo.Record{Topic: "compacted", Partition: 1, Key: []byte("k2"), Value: []byte("b")},
		&kgo.Record{Topic: "compacted", Partition: 1, Key: []byte{}, Value: []byte("an empty key is a key")},
		&kgo.Record{Topic: "plain", Partition: 0, Value: []byte("no key")},
	)
	var got []string
	for _, r := range results {
		got = append(got, fmt.Sprintf("%s/%d %q: %v", r.Record.Topic, r.Record.Partition, r.Record.Value, r.Err))
	}
	slices.Sort(got) // results come in the order of their answers
	want := []string{
		`compacted/0 "a": ` + kerr.InvalidRecord.Error(),
		`compacted/0 "no key": ` + kerr.InvalidRecord.Error(),
		`compacted/1 "an empty key is a key": <nil>`,
		`compacted/1 "b": <nil>`,
		`plain/0 "no key": <nil>`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("produce:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ends, err := kadm.NewClient(cl).ListEndOffsets(ctx, "compacted")
	if err != nil {
		t.Fatal(err)
	}
	if p0, _ := ends.Lookup("compacted", 0); p0.Offset != 0 {
		t.Errorf("partition 0 of the compacted topic ends at %d after the refused batch; want 0", p0.Offset)
	}
}

// TestRecordTimestampsAsKafka: on a CreateTime topic Apache Kafka 4 refuses
// a record more than message.timestamp.after.max.ms (an hour by default)
// ahead of its clock or message.timestamp.before.max.ms (any, by default)
// behind it, INVALID_TIMESTAMP, and a LogAppendTime topic takes any.
func TestRecordTimestampsAsKafka(t *testing.T) {
	str := func(s string) *string { return &s }
	cl := newClusterWith(t, 1, map[string]map[string]*string{
		"default":  nil,
		"recent":   {"message.timestamp.before.max.ms": str("86400000")},
		"any":      {"message.timestamp.after.max.ms": str("9223372036854775807")},
		"appended": {"message.timestamp.type": str("LogAppendTime")},
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	now := time.Now()
	for _, tc := range []struct {
		topic string
		ts    time.Time
		want  error
	}{
		{"default", now.Add(30 * time.Minute), nil},
		{"default", now.Add(2 * time.Hour), kerr.InvalidTimestamp},
		{"default", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), nil},
		{"recent", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), kerr.InvalidTimestamp},
		{"any", time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), nil},
		{"appended", time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), nil},
	} {
		err := cl.ProduceSync(ctx, &kgo.Record{Topic: tc.topic, Value: []byte("v"), Timestamp: tc.ts}).FirstErr()
		if !errors.Is(err, tc.want) || (err == nil) != (tc.want == nil) {
			t.Errorf("produce to %s at %s: %v; want %v", tc.topic, tc.ts.Format(time.RFC3339), err, tc.want)
		}
	}
}

// newClusterWith starts an embedded cluster of one broker with topics (each
// name with its settings, of partitions partitions) and returns a client of
// it; both end with the test.
func newClusterWith(t *testing.T, partitions int32, topics map[string]map[string]*string, opts ...kgo.Opt) *kgo.Client {
	t.Helper()
	cl, ctx := startClient(t, Options{}, opts...)
	for topic, configs := range topics {
		if resp, err := kadm.NewClient(cl).CreateTopic(ctx, partitions, -1, configs, topic); err != nil || resp.Err != nil {
			t.Fatalf("create %s: %v %v", topic, err, resp.Err)
		}
	}
	return cl
}

// TestAnswersPartitionsAndSettingsAlone: CreatePartitions,
// IncrementalAlterConfigs and AlterConfigs requests are answered topic by
// topic, as Apache Kafka answers them: each topic refused with its code in
// Kafka's words (shore dev's own for its partition bound), and the others
// grown or changed.
func TestAnswersPartitionsAndSettingsAlone(t *testing.T) {
	cl, ctx := startClient(t, Options{})
	adm := kadm.NewClient(cl)
	if _, err := adm.CreateTopics(ctx, 1, -1, nil, "grown", "huge", "set", "badly-set", "unknown-set", "replaced", "badly-replaced"); err != nil {
		t.Fatal(err)
	}
	grow := kmsg.NewPtrCreatePartitionsRequest()
	grow.TimeoutMillis = 5000
	for name, count := range map[string]int32{"grown": 3, "huge": MaxPartitions + 1, "missing": 2} {
		rt := kmsg.NewCreatePartitionsRequestTopic()
		rt.Topic, rt.Count = name, count
		grow.Topics = append(grow.Topics, rt)
	}
	incremental := kmsg.NewPtrIncrementalAlterConfigsRequest()
	for _, r := range []struct {
		name, setting string
		op            kmsg.IncrementalAlterConfigOp
	}{
		{"set", "retention.ms", kmsg.IncrementalAlterConfigOpSet},
		{"badly-set", "segment.bytes", kmsg.IncrementalAlterConfigOpSet},
		{"unknown-set", "no.such.setting", kmsg.IncrementalAlterConfigOpDelete},
	} {
		rr := kmsg.NewIncrementalAlterConfigsRequestResource()
		rr.ResourceType, rr.ResourceName = kmsg.ConfigResourceTypeTopic, r.name
		c := kmsg.NewIncrementalAlterConfigsRequestResourceConfig()
		c.Name, c.Op, c.Value = r.setting, r.op, kmsg.StringPtr("1024")
		rr.Configs = append(rr.Configs, c)
		incremental.Resources = append(incremental.Resources, rr)
	}
	replace := kmsg.NewPtrAlterConfigsRequest()
	for name, value := range map[string]string{"replaced": "7200000", "badly-replaced": "abc"} {
		rr := kmsg.NewAlterConfigsRequestResource()
		rr.ResourceType, rr.ResourceName = kmsg.ConfigResourceTypeTopic, name
		c := kmsg.NewAlterConfigsRequestResourceConfig()
		c.Name, c.Value = "retention.ms", kmsg.StringPtr(value)
		rr.Configs = append(rr.Configs, c)
		replace.Resources = append(replace.Resources, rr)
	}
	for _, tc := range []struct {
		req  kmsg.Request
		want []string
	}{
		{grow, []string{
			`grown done`,
			`huge INVALID_PARTITIONS "10001 partitions: shore dev holds at most 10000 in one topic"`,
			`missing UNKNOWN_TOPIC_OR_PARTITION`, // kfake's answer, without a message
		}},
		{incremental, []string{
			`badly-set INVALID_CONFIG "Invalid value 1024 for configuration segment.bytes: Value must be at least 1048576"`,
			`set done`,
			`unknown-set INVALID_CONFIG "Unknown topic config name: no.such.setting"`,
		}},
		{replace, []string{
			`badly-replaced INVALID_CONFIG "Invalid value abc for configuration retention.ms: Not a number of type LONG"`,
			`replaced done`,
		}},
	} {
		resp, err := cl.Request(ctx, tc.req)
		if err != nil {
			t.Fatal(err)
		}
		if got := eachAnswer(resp); !slices.Equal(got, tc.want) {
			t.Errorf("%s answers:\n%s\nwant\n%s", kmsg.NameForKey(tc.req.Key()), strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}

	listed, err := adm.ListTopics(ctx, "grown", "huge")
	if err != nil {
		t.Fatal(err)
	}
	if n, m := len(listed["grown"].Partitions), len(listed["huge"].Partitions); n != 3 || m != 1 {
		t.Errorf("grown has %d partitions, huge %d; want 3 and 1", n, m)
	}
	described, err := adm.DescribeTopicConfigs(ctx, "set", "badly-set", "replaced", "badly-replaced")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, rc := range described {
		for _, c := range rc.Configs {
			if c.Source == kmsg.ConfigSourceDynamicTopicConfig {
				got = append(got, rc.Name+" "+c.Key+"="+c.MaybeValue())
			}
		}
	}
	slices.Sort(got)
	if want := []string{"replaced retention.ms=7200000", "set retention.ms=1024"}; !slices.Equal(got, want) {
		t.Errorf("settings of the topics' own: %q; want %q", got, want)
	}
}

// eachAnswer is resp's answer to each topic, sorted: its name, then "done"
// or its error code and message.
func eachAnswer(resp kmsg.Response) []string {
	var got []string
	answer := func(name string, code int16, msg *string) {
		err, _ := kerr.ErrorForCode(code).(*kerr.Error)
		switch {
		case err == nil:
			got = append(got, name+" done")
		case msg == nil:
			got = append(got, name+" "+err.Message)
		default:
			got = append(got, fmt.Sprintf("%s %s %q", name, err.Message, *msg))
		}
	}
	switch r := resp.(type) {
	case *kmsg.CreatePartitionsResponse:
		for _, rt := range r.Topics {
			answer(rt.Topic, rt.ErrorCode, rt.ErrorMessage)
		}
	case *kmsg.IncrementalAlterConfigsResponse:
		for _, rr := range r.Resources {
			answer(rr.ResourceName, rr.ErrorCode, rr.ErrorMessage)
		}
	case *kmsg.AlterConfigsResponse:
		for _, rr := range r.Resources {
			answer(rr.ResourceName, rr.ErrorCode, rr.ErrorMessage)
		}
	}
	slices.Sort(got)
	return got
}
