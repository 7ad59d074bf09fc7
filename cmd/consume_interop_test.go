package cmd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/peers"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// The interop tests check that what other clients wrote is what
// `shore consume --json` shows. Each skips, saying why, when its client is
// not installed.

// jsonLines consumes topic to the end as JSON and returns the lines without
// topic and timestamp when stripTime is set (the producing client chose it).
func jsonLines(t *testing.T, topic string, stripTime bool) []string {
	t.Helper()
	res := shoretest.Run(t, "consume", topic, "-e", "-J")
	if res.Code != 0 {
		t.Fatalf("consume: exit %d: %s", res.Code, res.Stderr)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSuffix(res.Stdout, "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %s", line)
		}
		line = strings.Replace(line, `"topic":"`+topic+`",`, "", 1)
		if stripTime {
			line = strings.Replace(line, `"timestamp":`+strconv.FormatInt(int64(m["timestamp"].(float64)), 10)+`,`, "", 1)
		}
		out = append(out, line)
	}
	return out
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestConsumeInteropKafkaPython(t *testing.T) {
	t.Parallel()
	peers.Python(t)
	topic := testbroker.Topic(t, 1, nil)
	peers.RunPython(t, `
import sys
from kafka import KafkaProducer
p = KafkaProducer(bootstrap_servers=sys.argv[1].split(","))
t = sys.argv[2]
p.send(t, key=b"k1", value=b"v1", headers=[("h", b"x")], timestamp_ms=1763856000000)
p.send(t, key=b"k2", value=None, timestamp_ms=1763856001000)
p.send(t, key=b"\xff\x00", value="h\u00e9llo\n".encode(), headers=[("bin", b"\x00\xff"), ("empty", b"")], timestamp_ms=1763856002000)
p.flush()
`, brokers(t), topic)
	sameLines(t, jsonLines(t, topic, false), []string{
		`{"partition":0,"offset":0,"timestamp":1763856000000,"timestamp_type":"create","key":"k1","value":"v1","headers":[{"key":"h","value":"x"}],"leader_epoch":0}`,
		`{"partition":0,"offset":1,"timestamp":1763856001000,"timestamp_type":"create","key":"k2","value":null,"headers":[],"leader_epoch":0}`,
		`{"partition":0,"offset":2,"timestamp":1763856002000,"timestamp_type":"create","key":"/wA=","key_encoding":"base64","value":"héllo\n","headers":[{"key":"bin","value":"AP8=","value_encoding":"base64"},{"key":"empty","value":""}],"leader_epoch":0}`,
	})

	// A group's commits are what kafka-python reads back as committed.
	group := testbroker.Name(t, "group")
	if res := shoretest.Run(t, "consume", topic, "-g", group, "-o", "1", "-e"); res.Code != 0 || res.Stdout != "\nhéllo\n\n" {
		t.Fatalf("group consume: %+v", res)
	}
	committed := peers.RunPython(t, `
import sys
from kafka import KafkaConsumer, TopicPartition
c = KafkaConsumer(bootstrap_servers=sys.argv[1].split(","), group_id=sys.argv[3], enable_auto_commit=False)
print(c.committed(TopicPartition(sys.argv[2], 0)))
c.close()
`, brokers(t), topic, group)
	if committed != "3\n" {
		t.Errorf("kafka-python sees committed %q; want 3", committed)
	}
}

func TestConsumeInteropKcat(t *testing.T) {
	t.Parallel()
	kcat, err := exec.LookPath("kcat")
	if err != nil {
		t.Skip("kcat is not installed (Debian: kcat)")
	}
	topic := testbroker.Topic(t, 1, nil)
	c := exec.Command(kcat, "-P", "-b", strings.Join(testbroker.Brokers(t), ","), "-t", topic, "-K:", "-Z", "-H", "source=kcat", "-H", "trace=")
	c.Stdin = strings.NewReader("k1:v1\nk2:\n:v3\n")
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("kcat -P: %v\n%s", err, out)
	}
	headers := `"headers":[{"key":"source","value":"kcat"},{"key":"trace","value":""}]`
	sameLines(t, jsonLines(t, topic, true), []string{
		`{"partition":0,"offset":0,"timestamp_type":"create","key":"k1","value":"v1",` + headers + `,"leader_epoch":0}`,
		`{"partition":0,"offset":1,"timestamp_type":"create","key":"k2","value":null,` + headers + `,"leader_epoch":0}`,
		`{"partition":0,"offset":2,"timestamp_type":"create","key":null,"value":"v3",` + headers + `,"leader_epoch":0}`,
	})
}

func TestConsumeInteropJavaConsoleProducer(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	peers.JavaToolStdin(t, "h1:v1,h2:\tk1:v1\nh1:x\tk2:NULL\nh1:y\tNULL:v3\n", "org.apache.kafka.tools.ConsoleProducer",
		"--topic", topic,
		"--property", "parse.key=true", "--property", "key.separator=:",
		"--property", "parse.headers=true", "--property", "null.marker=NULL")
	sameLines(t, jsonLines(t, topic, true), []string{
		`{"partition":0,"offset":0,"timestamp_type":"create","key":"k1","value":"v1","headers":[{"key":"h1","value":"v1"},{"key":"h2","value":""}],"leader_epoch":0}`,
		`{"partition":0,"offset":1,"timestamp_type":"create","key":"k2","value":null,"headers":[{"key":"h1","value":"x"}],"leader_epoch":0}`,
		`{"partition":0,"offset":2,"timestamp_type":"create","key":null,"value":"v3","headers":[{"key":"h1","value":"y"}],"leader_epoch":0}`,
	})
}

// TestConsumeInteropGetOffsets: -o @TIME starts where kafka-get-offsets says
// the time is.
func TestConsumeInteropGetOffsets(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	base := time.UnixMilli(1763856000000)
	var recs []*kgo.Record
	for i := range 5 {
		recs = append(recs, &kgo.Record{Topic: topic, Value: []byte{'a' + byte(i)}, Timestamp: base.Add(time.Duration(i) * time.Minute)})
	}
	produceTo(t, recs...)
	at := strconv.FormatInt(base.Add(150*time.Second).UnixMilli(), 10)
	got := peers.JavaTool(t, "org.apache.kafka.tools.GetOffsetShell",
		"--topic", topic, "--time", at)
	res := shoretest.Run(t, "consume", topic, "-o", "@"+at, "-n", "1", "-f", `%t:%p:%o\n`)
	if got != res.Stdout || got != topic+":0:3\n" {
		t.Errorf("GetOffsetShell says %q, shore starts at %q; want %s:0:3", got, res.Stdout, topic)
	}
}

// TestConsumeProduceRoundTrip: consume --json piped into produce --json
// writes identical records to a second topic.
func TestConsumeProduceRoundTrip(t *testing.T) {
	t.Parallel()
	from, _ := fixture(t, 1)
	to := testbroker.Topic(t, 1, nil)
	dump := shoretest.Run(t, "consume", from, "-e", "-J")
	if res := shoretest.RunWith(t, shoretest.Opts{Stdin: dump.Stdout}, "produce", to, "--json"); res.Code != 0 {
		t.Fatalf("produce --json: exit %d: %s", res.Code, res.Stderr)
	}
	sameLines(t, jsonLines(t, to, false), jsonLines(t, from, false))
}

// TestCopyRecordWithoutTimestamp: a record without a timestamp (-1, which
// a client may send) is written with -1 by consume -J (as kcat -J writes
// it) and by a %d layout, and produce reads -1 back as none, so the copy
// goes through, stamped when sent as a record without a timestamp is.
func TestCopyRecordWithoutTimestamp(t *testing.T) {
	t.Parallel()
	from := testbroker.Topic(t, 1, nil)
	produceRawTimestamps(t, from, -1)
	for _, c := range []struct {
		read, write []string
		dump        string
	}{
		{[]string{"-J"}, []string{"--json"}, `{"topic":"` + from + `","partition":0,"offset":0,"timestamp":-1,"timestamp_type":"create","key":null,"value":"-1","headers":[],"leader_epoch":0}` + "\n"},
		{[]string{"-f", `%d %v\n`}, []string{"-f", `%d %v\n`}, "-1 -1\n"},
	} {
		dump := shoretest.Run(t, append([]string{"consume", from, "-e"}, c.read...)...)
		if dump.Code != 0 || dump.Stdout != c.dump {
			t.Fatalf("consume %s: exit %d, stdout %q, want %q", c.read, dump.Code, dump.Stdout, c.dump)
		}
		to := testbroker.Topic(t, 1, nil)
		before := time.Now().Add(-time.Second)
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: dump.Stdout}, append([]string{"produce", to}, c.write...)...)
		if res.Code != 0 || res.Stderr != "" {
			t.Fatalf("produce %s: exit %d, stderr %q", c.write, res.Code, res.Stderr)
		}
		got := readBack(t, to, 1)[0]
		if string(got.Value) != "-1" || got.Timestamp.Before(before) || got.Timestamp.After(time.Now().Add(time.Second)) {
			t.Errorf("produce %s sent value %q at %v, want -1 stamped when sent", c.write, got.Value, got.Timestamp)
		}
	}
}

// brokers is the test cluster's bootstrap list, as a client argument.
func brokers(t *testing.T) string { return strings.Join(testbroker.Brokers(t), ",") }

// TestConsumeFarFutureTimestamps: a timestamp after 2262 (which kafka-python,
// librdkafka and the Java producer all send) is shown as the record holds
// it, not wrapped to a time before 1970 as franz-go's fetch decodes it.
func TestConsumeFarFutureTimestamps(t *testing.T) {
	t.Parallel()
	stamps := []int64{1763856000000, 9223372036855, 253402300799999}
	t.Run("raw batch", func(t *testing.T) {
		topic := testbroker.Topic(t, 1, testbroker.AnyTimestamp())
		produceRawTimestamps(t, topic, stamps...)
		checkTimestamps(t, topic, stamps)
	})
	t.Run("kafka-python", func(t *testing.T) {
		topic := testbroker.Topic(t, 1, testbroker.AnyTimestamp())
		peers.RunPython(t, `
import sys
from kafka import KafkaProducer
p = KafkaProducer(bootstrap_servers=sys.argv[1].split(","))
for ts in sys.argv[3:]:
    p.send(sys.argv[2], value=ts.encode(), timestamp_ms=int(ts))
p.flush()
`, brokers(t), topic, "1763856000000", "9223372036855", "253402300799999")
		checkTimestamps(t, topic, stamps)
	})
}

// checkTimestamps consumes topic, whose record at offset i holds stamps[i],
// with --json and with a %d layout.
func checkTimestamps(t *testing.T, topic string, stamps []int64) {
	t.Helper()
	var want strings.Builder
	for i, ms := range stamps {
		fmt.Fprintf(&want, "%d %d %s\n", i, ms, time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z"))
	}
	res := shoretest.Run(t, "consume", topic, "-e", "-f", `%o %d %d{go#2006-01-02T15:04:05.000Z#}\n`)
	if res.Code != 0 || res.Stdout != want.String() {
		t.Errorf("consume -f: exit %d stderr %q stdout\n%s\nwant\n%s", res.Code, res.Stderr, res.Stdout, want.String())
	}
	res = shoretest.Run(t, "consume", topic, "-e", "-J")
	for i, line := range strings.Split(strings.TrimSuffix(res.Stdout, "\n"), "\n") {
		if i >= len(stamps) || !strings.Contains(line, fmt.Sprintf(`"offset":%d,"timestamp":%d,`, i, stamps[i])) {
			t.Errorf("consume -J line %d: %s; want timestamp %d", i, line, stamps[i%len(stamps)])
		}
	}
}

// produceRawTimestamps writes one record per timestamp to partition 0 of
// topic in a record batch of its own making, as any client may: franz-go's
// producer cannot send a timestamp after 2262.
func produceRawTimestamps(t *testing.T, topic string, stamps ...int64) {
	t.Helper()
	var records []byte
	for i, ms := range stamps {
		r := kmsg.Record{TimestampDelta64: ms - stamps[0], OffsetDelta: int32(i), Value: []byte(strconv.FormatInt(ms, 10))}
		r.Length = int32(len(r.AppendTo(nil)) - 1)
		records = r.AppendTo(records)
	}
	b := kmsg.RecordBatch{
		Magic: 2, LastOffsetDelta: int32(len(stamps) - 1),
		FirstTimestamp: stamps[0], MaxTimestamp: slices.Max(stamps),
		ProducerID: -1, ProducerEpoch: -1, FirstSequence: -1,
		NumRecords: int32(len(stamps)), Records: records,
	}
	b.Length = int32(len(b.AppendTo(nil)) - 12)
	b.CRC = int32(crc32.Checksum(b.AppendTo(nil)[21:], crc32.MakeTable(crc32.Castagnoli)))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req := kmsg.NewPtrProduceRequest()
	req.Acks, req.TimeoutMillis = -1, 10000
	md, err := testbroker.Admin(t).Metadata(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	rt := kmsg.NewProduceRequestTopic()
	rt.Topic, rt.TopicID = topic, md.Topics[topic].ID // produce v13 names the topic by its id
	rp := kmsg.NewProduceRequestTopicPartition()
	rp.Records = b.AppendTo(nil)
	rt.Partitions = append(rt.Partitions, rp)
	req.Topics = append(req.Topics, rt)
	leader, err := strconv.Atoi(leaderID(t, topic))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := req.RequestWith(ctx, testbroker.Client(t).Broker(leader))
	if err != nil {
		t.Fatal(err)
	}
	if err := kerr.ErrorForCode(resp.Topics[0].Partitions[0].ErrorCode); err != nil {
		t.Fatalf("produce a raw batch to %s: %v", topic, err)
	}
}

// TestConsumeProduceBinaryHeaderName: a header name that is not UTF-8,
// which kcat sends as any other, survives consume --json | produce --json.
func TestConsumeProduceBinaryHeaderName(t *testing.T) {
	t.Parallel()
	peers.Kcat(t)
	from, to := testbroker.Topic(t, 1, nil), testbroker.Topic(t, 1, nil)
	peers.RunKcat(t, "v\n", "-P", "-b", brokers(t), "-t", from, "-H", "\xff\xfe=x", "-H", "ok=\xc3")
	dump := shoretest.Run(t, "consume", from, "-e", "-J")
	if want := `"headers":[{"key":"//4=","key_encoding":"base64","value":"x"},{"key":"ok","value":"ww==","value_encoding":"base64"}]`; !strings.Contains(dump.Stdout, want) {
		t.Fatalf("consume -J: exit %d stderr %q\n%s\nwant %s", dump.Code, dump.Stderr, dump.Stdout, want)
	}
	if res := shoretest.RunWith(t, shoretest.Opts{Stdin: dump.Stdout}, "produce", to, "--json"); res.Code != 0 {
		t.Fatalf("produce --json: exit %d: %s", res.Code, res.Stderr)
	}
	got := peers.RunKcat(t, "", "-C", "-b", brokers(t), "-t", to, "-e", "-q", "-f", `%h\n`)
	sameOutput(t, "kcat", got, "\xff\xfe=x,ok=\xc3\n")
}

// TestConsumeNullLengths: a layout writes a null key or value as an empty
// one, and its %K or %V as -1, as kcat does; a null header value, which
// kcat's layouts write as NULL, is empty too, its %V -1 (shore help layouts
// says so); --json keeps them apart.
func TestConsumeNullLengths(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	produceManual(t, &kgo.Record{Topic: topic, Headers: []kgo.RecordHeader{{Key: "h"}}},
		&kgo.Record{Topic: topic, Key: []byte{}, Value: []byte{}, Headers: []kgo.RecordHeader{{Key: "h", Value: []byte{}}}})
	res := shoretest.Run(t, "consume", topic, "-e", "-f", `[%k][%v]%K %V %h{%k:%V}\n`)
	if want := "[][]-1 -1 h:-1\n[][]0 0 h:0\n"; res.Code != 0 || res.Stdout != want {
		t.Errorf("consume -f: exit %d stderr %q stdout %q; want %q", res.Code, res.Stderr, res.Stdout, want)
	}
	sameLines(t, jsonLines(t, topic, true), []string{
		`{"partition":0,"offset":0,"timestamp_type":"create","key":null,"value":null,"headers":[{"key":"h","value":null}],"leader_epoch":0}`,
		`{"partition":0,"offset":1,"timestamp_type":"create","key":"","value":"","headers":[{"key":"h","value":""}],"leader_epoch":0}`,
	})
}

// TestLayoutCopyKeepsNulls: consume -f writes a null key or value's length
// as -1, and produce -f reads it back as null, in digits or as a number's
// bytes, with a %h{...} apart from its %H too: a copy through the same
// layout keeps null and empty apart.
func TestLayoutCopyKeepsNulls(t *testing.T) {
	t.Parallel()
	from := testbroker.Topic(t, 1, nil)
	produceTo(t, &kgo.Record{Topic: from, Value: []byte("v")}, &kgo.Record{Topic: from, Key: []byte("k"), Value: nil},
		&kgo.Record{Topic: from, Key: []byte{}, Value: []byte("x y")})
	for layout, dump := range map[string]string{
		`%K{big32}%k%V{big32}%v`:     "\xff\xff\xff\xff\x00\x00\x00\x01v" + "\x00\x00\x00\x01k\xff\xff\xff\xff" + "\x00\x00\x00\x00\x00\x00\x00\x03x y",
		`%K %V %k%v\n`:               "-1 1 v\n1 -1 k\n0 3 x y\n",
		`%H %K %k %h{%k=%v;}%V %v\n`: "0 -1  1 v\n0 1 k -1 \n0 0  3 x y\n",
	} {
		t.Run(layout, func(t *testing.T) {
			t.Parallel()
			for i, r := range copyThroughLayout(t, from, layout, dump, 3) {
				switch {
				case i == 0 && (r.Key != nil || string(r.Value) != "v"),
					i == 1 && (string(r.Key) != "k" || r.Value != nil),
					i == 2 && (r.Key == nil || len(r.Key) != 0 || string(r.Value) != "x y"):
					t.Errorf("record %d of the copy: key %q (null %v), value %q (null %v)", i, r.Key, r.Key == nil, r.Value, r.Value == nil)
				}
			}
		})
	}
}

// TestLayoutCopyKeepsNullHeaderValues: a %V inside %h{...} writes a null
// header value's length as -1, and produce -f reads it back as null, in
// digits or in bytes: a copy through the same layout keeps null and empty
// header values apart, as --json does, and reads a value that holds the
// layout's delimiter by its length.
func TestLayoutCopyKeepsNullHeaderValues(t *testing.T) {
	t.Parallel()
	from := testbroker.Topic(t, 1, nil)
	headers := []kgo.RecordHeader{{Key: "n"}, {Key: "e", Value: []byte{}}, {Key: "x", Value: []byte("y;z")}}
	produceTo(t, &kgo.Record{Topic: from, Value: []byte("v"), Headers: headers}, &kgo.Record{Topic: from, Value: []byte("w")})
	for layout, dump := range map[string]string{
		`%H %h{%k=%V:%v;}%v\n`:                  "3 n=-1:;e=0:;x=3:y;z;v\n0 w\n",
		`%H{big8}%h{%K{byte}%k%V{big16}%v}%v\n`: "\x03\x01n\xff\xff\x01e\x00\x00\x01x\x00\x03y;zv\n\x00w\n",
	} {
		t.Run(layout, func(t *testing.T) {
			t.Parallel()
			got := copyThroughLayout(t, from, layout, dump, 2)
			if !slices.EqualFunc(got[0].Headers, headers, func(a, b kgo.RecordHeader) bool {
				return a.Key == b.Key && sameNullable(a.Value, b.Value)
			}) || len(got[1].Headers) != 0 {
				t.Errorf("headers of the copy: %q, %q; want %q and none", got[0].Headers, got[1].Headers, headers)
			}
		})
	}
}

// TestLayoutCopyEncodedSizes: a %K or %V before a {base64} or {hex} field,
// in a header too, is the length of the raw bytes both ways: consume
// writes it (kcat's %S) and produce reads that many bytes' encoding, so a
// copy through the same layout keeps binary, empty and null keys, values
// and header values byte for byte.
func TestLayoutCopyEncodedSizes(t *testing.T) {
	t.Parallel()
	from := testbroker.Topic(t, 1, nil)
	recs := []*kgo.Record{
		{Topic: from, Key: []byte("k\x00"), Value: []byte("\xff\n\x00 ;"),
			Headers: []kgo.RecordHeader{{Key: "h", Value: []byte("\x01")}, {Key: "n"}, {Key: "e", Value: []byte{}}}},
		{Topic: from, Value: []byte{}},
		{Topic: from, Key: []byte{}},
	}
	produceTo(t, recs...)
	for layout, dump := range map[string]string{
		`%K %k{base64} %V %v{base64} %H %h{%K %k{hex} %V %v{base64};}\n`: "2 awA= 5 /woAIDs= 3 1 68 1 AQ==;1 6e -1 ;1 65 0 ;\n" +
			"-1  0  0 \n" + "0  -1  0 \n",
		`%K{big32}%k{hex}%V{hex16}%v{hex}%H{byte}%h{%K{byte}%k{base64}%V{big16}%v{hex}}`: "\x00\x00\x00\x026b000005ff0a00203b\x03\x01aA==\x00\x0101\x01bg==\xff\xff\x01ZQ==\x00\x00" +
			"\xff\xff\xff\xff0000\x00" + "\x00\x00\x00\x00ffff\x00",
	} {
		t.Run(layout, func(t *testing.T) {
			t.Parallel()
			for i, r := range copyThroughLayout(t, from, layout, dump, len(recs)) {
				want := recs[i]
				if !sameNullable(r.Key, want.Key) || !sameNullable(r.Value, want.Value) || !slices.EqualFunc(r.Headers, want.Headers, func(a, b kgo.RecordHeader) bool {
					return a.Key == b.Key && sameNullable(a.Value, b.Value)
				}) {
					t.Errorf("record %d of the copy: key %q (null %v), value %q (null %v), headers %q; want %q (null %v), %q (null %v), %q",
						i, r.Key, r.Key == nil, r.Value, r.Value == nil, r.Headers, want.Key, want.Key == nil, want.Value, want.Value == nil, want.Headers)
				}
			}
		})
	}
}

// TestLayoutCopyBase64Raw: a {base64raw} field is base64 of the standard
// alphabet without padding both ways, sized by its raw bytes' length: a
// copy through the layout that consume wrote shows the same records to
// consume -J, null apart from empty where a %K or %V says -1; without one
// a null reads back empty.
func TestLayoutCopyBase64Raw(t *testing.T) {
	t.Parallel()
	from := testbroker.Topic(t, 1, nil)
	produceTo(t,
		&kgo.Record{Topic: from, Key: []byte("\xfb\xff"), Value: []byte("hi?"),
			Headers: []kgo.RecordHeader{{Key: "h", Value: []byte("\x01")}, {Key: "n"}, {Key: "e", Value: []byte{}}}},
		&kgo.Record{Topic: from, Value: []byte{}},
		&kgo.Record{Topic: from, Key: []byte{}})
	source := jsonLines(t, from, true)
	emptied := []string{
		`{"partition":0,"offset":0,"timestamp_type":"create","key":"+/8=","key_encoding":"base64","value":"hi?","headers":[{"key":"h","value":"\u0001"},{"key":"n","value":""},{"key":"e","value":""}],"leader_epoch":0}`,
		`{"partition":0,"offset":1,"timestamp_type":"create","key":"","value":"","headers":[],"leader_epoch":0}`,
		`{"partition":0,"offset":2,"timestamp_type":"create","key":"","value":"","headers":[],"leader_epoch":0}`,
	}
	for _, c := range []struct {
		layout, dump, warning string
		want                  []string
	}{
		{`%K %k{base64raw} %V %v{base64raw} %H %h{%K %k{base64raw} %V %v{base64raw};}\n`,
			"2 +/8 3 aGk/ 3 1 aA 1 AQ;1 bg -1 ;1 ZQ 0 ;\n" + "-1  0  0 \n" + "0  -1  0 \n", "", source},
		{`%K{big16}%k{base64raw}%V{hex8}%v{base64raw}%H{byte}%h{%k{base64raw}=%V{big8}%v{base64raw};}`,
			"\x00\x02+/803aGk/\x03aA=\x01AQ;bg=\xff;ZQ=\x00;" + "\xff\xff00\x00" + "\x00\x00ff\x00", "", source},
		{`%k{base64raw} %v{base64raw} %H %h{%k{base64raw}=%v{base64raw};}\n`,
			"+/8 aGk/ 3 aA=AQ;bg=;ZQ=;\n" + "  0 \n" + "  0 \n",
			"shore: warning: " + from + ":0 offset 0: header \"n\" has a null value: %h{%k{base64raw}=%v{base64raw};} writes it (and any later one, not named) as an empty one; a %V in its braces writes -1 for it, --json null\n",
			emptied},
	} {
		t.Run(c.layout, func(t *testing.T) {
			t.Parallel()
			to := testbroker.Topic(t, 1, nil)
			out := shoretest.Run(t, "consume", from, "-e", "-f", c.layout)
			wantRun(t, out, 0, c.dump, c.warning)
			wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: out.Stdout}, "produce", to, "-f", c.layout), 0, "", "")
			sameLines(t, jsonLines(t, to, true), c.want)
		})
	}
}

// sameNullable reports whether a and b hold the same bytes and are both
// null or both not.
func sameNullable(a, b []byte) bool { return (a == nil) == (b == nil) && bytes.Equal(a, b) }

// copyThroughLayout copies topic from to a new topic with consume -f
// layout, which must write dump, and produce -f layout, and reads the n
// records of the copy back.
func copyThroughLayout(t *testing.T, from, layout, dump string, n int) []*kgo.Record {
	t.Helper()
	to := testbroker.Topic(t, 1, nil)
	out := shoretest.Run(t, "consume", from, "-e", "-f", layout)
	wantRun(t, out, 0, dump, "")
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: out.Stdout}, "produce", to, "-f", layout), 0, "", "")
	return readBack(t, to, n)
}
