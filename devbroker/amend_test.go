package devbroker

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kmsg"
)

// TestAnswersAsKafka asks the embedded broker what Kafka's Java admin
// client asks and checks the parts of the answers it needs, where kfake's
// own answer differs from Apache Kafka 4's: empty lists, not null, of
// eligible leader replicas (kafka-topics --describe, kafka-get-offsets,
// kafka-consumer-groups --describe threw on null), and every setting of a
// created topic with its source (kafka-topics --create threw).
func TestAnswersAsKafka(t *testing.T) {
	cl, ctx := startClient(t, Options{Topics: []TopicSpec{{Name: "orders", Partitions: 2}}})

	describe := kmsg.NewPtrDescribeTopicPartitionsRequest()
	describe.Topics = []kmsg.DescribeTopicPartitionsRequestTopic{{Topic: "orders"}}
	described, err := describe.RequestWith(ctx, cl)
	if err != nil {
		t.Fatal(err)
	}
	if len(described.Topics) != 1 || len(described.Topics[0].Partitions) != 2 {
		t.Fatalf("DescribeTopicPartitions: %+v", described.Topics)
	}
	for _, p := range described.Topics[0].Partitions {
		if p.EligibleLeaderReplicas == nil || len(p.EligibleLeaderReplicas) != 0 || p.LastKnownELR == nil || len(p.LastKnownELR) != 0 {
			t.Errorf("partition %d: eligible leader replicas %#v, last known %#v; want empty lists, not null", p.Partition, p.EligibleLeaderReplicas, p.LastKnownELR)
		}
		if p.LeaderID != 0 || len(p.Replicas) != 1 || len(p.ISR) != 1 {
			t.Errorf("partition %d: leader %d, replicas %v, ISR %v", p.Partition, p.LeaderID, p.Replicas, p.ISR)
		}
	}

	create := kmsg.NewPtrCreateTopicsRequest()
	create.TimeoutMillis = 10000
	for _, name := range []string{"plain", "kept"} {
		rt := kmsg.NewCreateTopicsRequestTopic()
		rt.Topic, rt.NumPartitions, rt.ReplicationFactor = name, 1, -1
		if name == "kept" {
			rt.Configs = []kmsg.CreateTopicsRequestTopicConfig{{Name: "retention.ms", Value: kmsg.StringPtr("1000")}}
		}
		create.Topics = append(create.Topics, rt)
	}
	created, err := create.RequestWith(ctx, cl)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"plain": "cleanup.policy=delete 5, retention.ms=604800000 5",
		"kept":  "cleanup.policy=delete 5, retention.ms=1000 1",
	}
	for _, rt := range created.Topics {
		var got []string
		for _, c := range rt.Configs {
			if c.Name == "cleanup.policy" || c.Name == "retention.ms" {
				got = append(got, fmt.Sprintf("%s=%s %d", c.Name, *c.Value, c.Source))
			}
		}
		if rt.ErrorCode != 0 || strings.Join(got, ", ") != want[rt.Topic] {
			t.Errorf("created %s: error %d, settings %+v; want no error, every setting with its source: %s", rt.Topic, rt.ErrorCode, rt.Configs, want[rt.Topic])
		}
	}
}

// TestAmendingConnFraming feeds an amendingConn requests and answers cut
// at every byte: the answer to a DescribeTopicPartitions request is
// amended however kfake's writes cut it, and another answer passes byte
// for byte; a DescribeConfigs request is read whole however it is cut,
// and its answer amended.
func TestAmendingConnFraming(t *testing.T) {
	frame := func(head []byte, body []byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(len(head)+len(body)))
		return append(append(b, head...), body...)
	}
	request := func(key kmsg.Key, version int16, corr int32) []byte {
		head := binary.BigEndian.AppendUint16(nil, uint16(key))
		head = binary.BigEndian.AppendUint16(head, uint16(version))
		head = binary.BigEndian.AppendUint32(head, uint32(corr))
		return frame(head, []byte{0xff, 0xff, 0}) // null client id, no tags
	}
	answer := func(corr int32, resp kmsg.Response) []byte {
		return frame(binary.BigEndian.AppendUint32(nil, uint32(corr)), resp.AppendTo([]byte{0}))
	}
	describeAnswer := func(elr []int32) kmsg.Response {
		resp := kmsg.NewPtrDescribeTopicPartitionsResponse()
		topic := kmsg.NewDescribeTopicPartitionsResponseTopic()
		topic.Topic = kmsg.StringPtr("t")
		p := kmsg.NewDescribeTopicPartitionsResponseTopicPartition()
		p.Replicas, p.ISR, p.EligibleLeaderReplicas, p.LastKnownELR = []int32{0}, []int32{0}, elr, elr
		topic.Partitions = append(topic.Partitions, p)
		resp.Topics = append(resp.Topics, topic)
		return resp
	}
	// A DescribeConfigs request, read whole: its answer gets the
	// settings kfake does not describe.
	configsRequest := kmsg.NewPtrDescribeConfigsRequest()
	configsRequest.Version = 4
	resource := kmsg.NewDescribeConfigsRequestResource()
	resource.ResourceType, resource.ResourceName = kmsg.ConfigResourceTypeTopic, "t"
	configsRequest.Resources = append(configsRequest.Resources, resource)
	configsHead := binary.BigEndian.AppendUint16(nil, uint16(kmsg.DescribeConfigs))
	configsHead = binary.BigEndian.AppendUint16(configsHead, 4)
	configsHead = binary.BigEndian.AppendUint32(configsHead, 9)
	configsAnswer := kmsg.NewPtrDescribeConfigsResponse()
	configsAnswer.Version = 4
	configsAnswer.Resources = append(configsAnswer.Resources, kmsg.DescribeConfigsResponseResource{ResourceType: kmsg.ConfigResourceTypeTopic, ResourceName: "t"})
	configsAmended := kmsg.NewPtrDescribeConfigsResponse()
	configsAmended.Version = 4
	configsAmended.Resources = append(configsAmended.Resources, configsAnswer.Resources[0])
	addTopicDefaults(&configsAmended.Resources[0], configsRequest, 4)
	if n := len(configsAmended.Resources[0].Configs); n != 33 {
		t.Fatalf("a topic's settings: %d, want Kafka 4.3's 33", n)
	}

	metadata := kmsg.NewPtrMetadataResponse()
	metadata.Version = 12
	requests := append(request(kmsg.Metadata, 12, 7), request(kmsg.DescribeTopicPartitions, 0, 8)...)
	requests = append(requests, frame(configsHead, configsRequest.AppendTo([]byte{0xff, 0xff, 0}))...)
	answers := append(answer(7, metadata), answer(8, describeAnswer(nil))...)
	answers = append(answers, answer(9, configsAnswer)...)
	want := append(answer(7, metadata), answer(8, describeAnswer([]int32{}))...)
	want = append(want, answer(9, configsAmended)...)

	for cut := 1; cut < len(answers); cut++ {
		conn := &recordingConn{in: bytes.NewReader(requests)}
		ac := &amendingConn{Conn: conn, asked: map[int32]asked{}, look: &lookups{}}
		buf := make([]byte, cut)
		for {
			if _, err := ac.Read(buf); err != nil {
				break
			}
		}
		for rest := answers; len(rest) > 0; {
			k := min(cut, len(rest))
			if n, err := ac.Write(rest[:k]); err != nil || n != k {
				t.Fatalf("cut %d: write %d bytes: %d, %v", cut, k, n, err)
			}
			rest = rest[k:]
		}
		if !bytes.Equal(conn.out.Bytes(), want) {
			t.Fatalf("cut %d: wrote\n%x\nwant\n%x", cut, conn.out.Bytes(), want)
		}
	}
}

// recordingConn reads from in and records what is written.
type recordingConn struct {
	net.Conn
	in  *bytes.Reader
	out bytes.Buffer
}

func (c *recordingConn) Read(p []byte) (int, error)  { return c.in.Read(p) }
func (c *recordingConn) Write(p []byte) (int, error) { return c.out.Write(p) }

// TestConsumerGroupDescribeNamesTopics: a KIP-848 member's assignments name
// their topics, as Kafka's do (kafka-consumer-groups --describe of a
// consumer-protocol group failed describing the topic "").
func TestConsumerGroupDescribeNamesTopics(t *testing.T) {
	cl, ctx := startClient(t, Options{Topics: []TopicSpec{{Name: "orders", Partitions: 2}}})
	heartbeat := kmsg.NewPtrConsumerGroupHeartbeatRequest()
	heartbeat.Group, heartbeat.MemberID, heartbeat.MemberEpoch = "billing", "member-1", 0
	heartbeat.RebalanceTimeoutMillis, heartbeat.SubscribedTopicNames = 30000, []string{"orders"}
	heartbeat.Topics = []kmsg.ConsumerGroupHeartbeatRequestTopic{} // none owned yet
	if resp, err := heartbeat.RequestWith(ctx, cl); err != nil || resp.ErrorCode != 0 {
		t.Fatalf("heartbeat: %v %+v", err, resp)
	}
	describe := kmsg.NewPtrConsumerGroupDescribeRequest()
	describe.Groups = []string{"billing"}
	resp, err := describe.RequestWith(ctx, cl)
	if err != nil || len(resp.Groups) != 1 || len(resp.Groups[0].Members) != 1 {
		t.Fatalf("describe: %v %+v", err, resp)
	}
	m := resp.Groups[0].Members[0]
	for _, a := range []kmsg.Assignment{m.Assignment, m.TargetAssignment} {
		if len(a.TopicPartitions) != 1 || a.TopicPartitions[0].Topic != "orders" {
			t.Errorf("assignment %+v: want orders named", a.TopicPartitions)
		}
	}
}

// TestTopicNamesAfterClose: an answer that names a topic by its id as the
// cluster closes (a KIP-848 group's description, at exit) gets no name and
// its connection goes on, where kfake's lookup after Close blocked the
// connection's writer for ever.
func TestTopicNamesAfterClose(t *testing.T) {
	c, err := Start(context.Background(), Options{Listen: "127.0.0.1:0", Brokers: 1, Topics: []TopicSpec{{Name: "orders"}}})
	if err != nil {
		t.Fatal(err)
	}
	id := c.kc.TopicInfo("orders").TopicID
	if got := c.look.topicName(id); got != "orders" {
		t.Fatalf("the running cluster names %q, want orders", got)
	}
	c.Close()
	named := make(chan string, 1)
	go func() { named <- c.look.topicName(id) }()
	select {
	case got := <-named:
		if got != "" {
			t.Errorf("the closed cluster names %q, want none", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("naming a topic blocks after Close")
	}
}

// TestNoRack: the brokers are in no rack, as a stock Kafka's are without
// broker.rack, where kfake put every one in "krack": kafka-configs
// --describe --broker shows broker.rack without a value, from its default.
func TestNoRack(t *testing.T) {
	cl, ctx := startClient(t, Options{})
	req := kmsg.NewPtrDescribeConfigsRequest()
	rr := kmsg.NewDescribeConfigsRequestResource()
	rr.ResourceType, rr.ResourceName = kmsg.ConfigResourceTypeBroker, "0"
	req.Resources = append(req.Resources, rr)
	resp, err := req.RequestWith(ctx, cl)
	if err != nil || len(resp.Resources) != 1 {
		t.Fatalf("describe broker 0: %v, %+v", err, resp)
	}
	var got []string
	for _, c := range resp.Resources[0].Configs {
		if c.Name == "broker.rack" {
			got = append(got, fmt.Sprintf("%v %s", c.Value, c.Source))
		}
	}
	if want := []string{"<nil> DEFAULT_CONFIG"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("broker.rack: %q; want %q", got, want)
	}
}
