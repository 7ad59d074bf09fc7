package devbroker

import (
	"encoding/binary"
	"errors"
	"maps"
	"net"
	"slices"
	"strings"
	"sync"

	"github.com/twmb/franz-go/pkg/kbin"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/topics"
)

// amendments correct kfake's answers, after it made them, where they differ
// from Apache Kafka 4's in a way that Kafka's own Java clients trip on. A
// kfake control cannot: it runs before kfake and answers instead of it, so
// the answers are corrected on their way to the client (amendingListener).
// Each function amends a decoded answer in place, asking look what it
// needs; the request it answers is given for the keys in readsRequest,
// nil for others.
var amendments = map[int16]func(r kmsg.Response, req kmsg.Request, look *lookups){
	// Kafka 4 offers SaslHandshake versions 0 and 1; kfake offers only 1
	// (it does not do version 0's unframed tokens). librdkafka (kcat,
	// confluent-kafka) takes a broker without version 0 for one that
	// cannot do a handshake, and refuses to log in with PLAIN or SCRAM:
	// "SASL Handshake not supported by broker". Clients that know version
	// 1 ask for it, which kfake answers.
	kmsg.ApiVersions.Int16(): func(r kmsg.Response, _ kmsg.Request, _ *lookups) {
		resp := r.(*kmsg.ApiVersionsResponse)
		for i := range resp.ApiKeys {
			if k := &resp.ApiKeys[i]; k.ApiKey == kmsg.SASLHandshake.Int16() {
				k.MinVersion = 0
			}
		}
	},
	// Kafka lists a partition's eligible leader replicas and last known
	// ones, empty when there are none; kfake leaves both null, and the
	// Java admin client's describeTopics (kafka-topics --describe,
	// kafka-consumer-groups --describe and --reset-offsets,
	// kafka-get-offsets) throws a NullPointerException on null.
	kmsg.DescribeTopicPartitions.Int16(): func(r kmsg.Response, _ kmsg.Request, _ *lookups) {
		resp := r.(*kmsg.DescribeTopicPartitionsResponse)
		for i := range resp.Topics {
			t := &resp.Topics[i]
			t.ErrorCode = invalidIfMisnamed(t.Topic, t.ErrorCode)
			for j := range resp.Topics[i].Partitions {
				p := &resp.Topics[i].Partitions[j]
				p.EligibleLeaderReplicas = emptyIfNull(p.EligibleLeaderReplicas)
				p.LastKnownELR = emptyIfNull(p.LastKnownELR)
			}
		}
	},
	// A broker without broker.rack, as a stock Kafka is, has no rack;
	// kfake puts every broker in the rack "krack", which shore cluster,
	// kafka-python's describe_cluster and rack-aware clients (client.rack)
	// then see.
	kmsg.Metadata.Int16(): func(r kmsg.Response, _ kmsg.Request, _ *lookups) {
		resp := r.(*kmsg.MetadataResponse)
		for i := range resp.Brokers {
			resp.Brokers[i].Rack = nil
		}
		for i := range resp.Topics {
			t := &resp.Topics[i]
			t.ErrorCode = invalidIfMisnamed(t.Topic, t.ErrorCode)
		}
	},
	kmsg.DescribeCluster.Int16(): func(r kmsg.Response, _ kmsg.Request, _ *lookups) {
		resp := r.(*kmsg.DescribeClusterResponse)
		for i := range resp.Brokers {
			resp.Brokers[i].Rack = nil
		}
	},
	// A broker's broker.rack, as above, and its
	// group.initial.rebalance.delay.ms: kfake starts a classic group's
	// first rebalance at once, as a broker set to 0 does (Kafka's
	// default is 3000), and does not say so. And Kafka describes every
	// setting of a topic, kfake only the ten it knows (kafka-configs
	// --describe --all, kafka-python's describe_configs): the others are
	// added with Kafka's defaults, those the request asks for.
	kmsg.DescribeConfigs.Int16(): func(r kmsg.Response, req kmsg.Request, _ *lookups) {
		resp := r.(*kmsg.DescribeConfigsResponse)
		for i := range resp.Resources {
			if res := &resp.Resources[i]; res.ResourceType == kmsg.ConfigResourceTypeTopic && res.ErrorCode == 0 {
				addTopicDefaults(res, req, resp.Version)
			}
			if resp.Resources[i].ResourceType != kmsg.ConfigResourceTypeBroker {
				continue
			}
			if res := &resp.Resources[i]; res.ErrorCode == 0 && asksFor(req, res, initialRebalanceDelay) {
				c := kmsg.NewDescribeConfigsResponseResourceConfig()
				c.Name, c.Value, c.Source, c.ReadOnly = initialRebalanceDelay, kmsg.StringPtr("0"), kmsg.ConfigSourceStaticBrokerConfig, true
				if resp.Version >= 3 {
					c.ConfigType = kmsg.ConfigTypeInt
				}
				res.Configs = append(res.Configs, c)
			}
			for j := range resp.Resources[i].Configs {
				if c := &resp.Resources[i].Configs[j]; c.Name == "broker.rack" {
					c.Value, c.Source = nil, kmsg.ConfigSourceDefaultConfig
				}
			}
		}
	},
	// From version 5 on, Kafka answers a created topic with every one of
	// its settings, each with where its value comes from, as
	// DescribeConfigs then shows them; kfake answers only those given at
	// creation, null for a topic created without, and leaves every source
	// unknown (-1), and the Java admin client's createTopics (kafka-topics
	// --create) throws on null and -1. A topic look cannot describe (one
	// only validated) is answered with the settings given, as the topic's
	// own (DYNAMIC_TOPIC_CONFIG). A topic refused is answered with
	// Kafka's message, where kfake and its faults give none: the one kept
	// when it was refused (refuseEachAlone), or for a topic that exists
	// already Kafka's.
	kmsg.CreateTopics.Int16(): func(r kmsg.Response, _ kmsg.Request, look *lookups) {
		resp := r.(*kmsg.CreateTopicsResponse)
		for i := range resp.Topics {
			t := &resp.Topics[i]
			if !look.word(kmsg.CreateTopics, t.Topic, t.ErrorCode, &t.ErrorMessage) && t.ErrorCode == kerr.TopicAlreadyExists.Code && t.ErrorMessage == nil {
				t.ErrorMessage = kmsg.StringPtr(alreadyExists(t.Topic))
			}
		}
		if resp.Version < 5 {
			return
		}
		var created []string
		for _, t := range resp.Topics {
			if t.ErrorCode == 0 {
				created = append(created, t.Topic)
			}
		}
		settings := look.topicSettings(created)
		for i := range resp.Topics {
			t := &resp.Topics[i]
			if t.ErrorCode != 0 {
				continue
			}
			if all, ok := settings[t.Topic]; ok {
				t.Configs = all
				continue
			}
			if t.Configs == nil {
				t.Configs = []kmsg.CreateTopicsResponseTopicConfig{}
			}
			for j := range t.Configs {
				if t.Configs[j].Source < 0 {
					t.Configs[j].Source = int8(kmsg.ConfigSourceDynamicTopicConfig)
				}
			}
		}
	},
	// A topic refused in a request to add partitions or change settings
	// is answered with the message kept when it was refused
	// (refuseEachAlone), where the faults give none.
	kmsg.CreatePartitions.Int16(): func(r kmsg.Response, _ kmsg.Request, look *lookups) {
		resp := r.(*kmsg.CreatePartitionsResponse)
		for i := range resp.Topics {
			t := &resp.Topics[i]
			look.word(kmsg.CreatePartitions, t.Topic, t.ErrorCode, &t.ErrorMessage)
		}
	},
	kmsg.IncrementalAlterConfigs.Int16(): func(r kmsg.Response, _ kmsg.Request, look *lookups) {
		resp := r.(*kmsg.IncrementalAlterConfigsResponse)
		for i := range resp.Resources {
			if res := &resp.Resources[i]; res.ResourceType == kmsg.ConfigResourceTypeTopic {
				look.word(kmsg.IncrementalAlterConfigs, res.ResourceName, res.ErrorCode, &res.ErrorMessage)
			}
		}
	},
	kmsg.AlterConfigs.Int16(): func(r kmsg.Response, _ kmsg.Request, look *lookups) {
		resp := r.(*kmsg.AlterConfigsResponse)
		for i := range resp.Resources {
			if res := &resp.Resources[i]; res.ResourceType == kmsg.ConfigResourceTypeTopic {
				look.word(kmsg.AlterConfigs, res.ResourceName, res.ErrorCode, &res.ErrorMessage)
			}
		}
	},
	// Kafka names each topic of a KIP-848 member's assignments by id and
	// by name; kfake leaves the name empty, and kafka-consumer-groups
	// --describe of a consumer-protocol group then fails describing the
	// topic "".
	kmsg.ConsumerGroupDescribe.Int16(): func(r kmsg.Response, _ kmsg.Request, look *lookups) {
		resp := r.(*kmsg.ConsumerGroupDescribeResponse)
		for i := range resp.Groups {
			for j := range resp.Groups[i].Members {
				m := &resp.Groups[i].Members[j]
				for _, a := range []*kmsg.Assignment{&m.Assignment, &m.TargetAssignment} {
					for k := range a.TopicPartitions {
						if tp := &a.TopicPartitions[k]; tp.Topic == "" {
							tp.Topic = look.topicName(tp.TopicID)
						}
					}
				}
			}
		}
	},
}

// initialRebalanceDelay is the broker setting of the time a classic group
// waits for more members before its first rebalance.
const initialRebalanceDelay = "group.initial.rebalance.delay.ms"

// asksFor reports whether req, a DescribeConfigs request that decoded,
// asks for the setting name of the resource res describes: by name, or by
// asking for all of them.
func asksFor(req kmsg.Request, res *kmsg.DescribeConfigsResponseResource, name string) bool {
	asked, ok := req.(*kmsg.DescribeConfigsRequest)
	if !ok {
		return false
	}
	for _, rr := range asked.Resources {
		if rr.ResourceType == res.ResourceType && rr.ResourceName == res.ResourceName {
			return rr.ConfigNames == nil || slices.Contains(rr.ConfigNames, name)
		}
	}
	return false
}

// addTopicDefaults adds to a topic's settings, res, those Kafka has that
// kfake does not describe and req asks for, each with Kafka's default
// value, as a setting at its default is described.
func addTopicDefaults(res *kmsg.DescribeConfigsResponseResource, req kmsg.Request, version int16) {
	have := map[string]bool{}
	for _, c := range res.Configs {
		have[c.Name] = true
	}
	for _, name := range slices.Sorted(maps.Keys(topicConfigs)) {
		tc := topicConfigs[name]
		if have[name] || tc.kfakeOnly || !asksFor(req, res, name) {
			continue
		}
		c := kmsg.NewDescribeConfigsResponseResourceConfig()
		c.Name, c.Value, c.Source, c.IsDefault = name, kmsg.StringPtr(tc.def), kmsg.ConfigSourceDefaultConfig, true
		if version >= 3 {
			c.ConfigType = tc.configType()
		}
		res.Configs = append(res.Configs, c)
	}
}

// invalidIfMisnamed is the error code Kafka answers for a topic that does
// not exist, code: INVALID_TOPIC_EXCEPTION when its name is one Kafka
// refuses (kcat -L -t a/b: "Broker: Invalid topic"), where kfake answers
// UNKNOWN_TOPIC_OR_PARTITION.
func invalidIfMisnamed(topic *string, code int16) int16 {
	if code == kerr.UnknownTopicOrPartition.Code && topic != nil && topics.CheckName(*topic) != nil {
		return kerr.InvalidTopicException.Code
	}
	return code
}

func emptyIfNull(ids []int32) []int32 {
	if ids == nil {
		return []int32{}
	}
	return ids
}

// amendingListener hands kfake connections whose answers to the requests
// in amendments are amended, asking look. Its Addr is the address its
// broker advertises.
type amendingListener struct {
	net.Listener
	look *lookups
	addr net.Addr
}

func (l amendingListener) Addr() net.Addr { return l.addr }

func (l amendingListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &amendingConn{Conn: conn, asked: map[int32]asked{}, look: l.look}, nil
}

// lookups answer the amendments' questions about the running cluster: a
// topic's name by its id, and topics' settings; none before the cluster
// runs and after stop. kfake's lookups wait for the cluster's loop, which
// ends at its Close: a lookup after that would block its connection's
// writer for ever, so stop, before the cluster closes, waits for the
// lookups under way and lets no more start.
type lookups struct {
	mu     sync.RWMutex
	kc     *kfake.Cluster
	inside *insideClient

	// refused is Kafka's words for the topics of requests that a fault
	// answers (refuseEachAlone), by request key and topic, until their
	// answers are amended.
	refusedMu sync.Mutex
	refused   map[refusedTopic]problem
}

// refusedTopic is a topic refused in a request of key.
type refusedTopic struct {
	key  kmsg.Key
	name string
}

// refuse keeps p, Kafka's refusal of topic p.name in a request of key,
// for its answer.
func (l *lookups) refuse(key kmsg.Key, p problem) {
	l.refusedMu.Lock()
	defer l.refusedMu.Unlock()
	if l.refused == nil {
		l.refused = map[refusedTopic]problem{}
	}
	l.refused[refusedTopic{key, p.name}] = p
}

// word gives msg, the message of the answer code to topic name in a
// request of key, the words kept for refusing it, where kfake and its
// faults give none. It reports whether it did: not for an answer that is
// no refusal or has a message, nor when no words with code are kept.
func (l *lookups) word(key kmsg.Key, name string, code int16, msg **string) bool {
	if code == 0 || *msg != nil {
		return false
	}
	l.refusedMu.Lock()
	defer l.refusedMu.Unlock()
	k := refusedTopic{key, name}
	p, ok := l.refused[k]
	if !ok || p.err.Code != code {
		return false
	}
	delete(l.refused, k)
	*msg = kmsg.StringPtr(p.msg)
	return true
}

func (l *lookups) run(kc *kfake.Cluster, inside *insideClient) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.kc, l.inside = kc, inside
}

func (l *lookups) stop() { l.run(nil, nil) }

// topicName is the topic whose id is id, or "".
func (l *lookups) topicName(id [16]byte) string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.kc != nil {
		if info := l.kc.TopicIDInfo(id); info != nil {
			return info.Topic
		}
	}
	return ""
}

// topicSettings are the settings of the topics that exist, as
// DescribeConfigs gives them, sorted by name as Kafka sorts a created
// topic's; a topic it cannot describe is left out.
func (l *lookups) topicSettings(topics []string) map[string][]kmsg.CreateTopicsResponseTopicConfig {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.inside == nil || len(topics) == 0 {
		return nil
	}
	ctx, cancel := l.inside.context()
	defer cancel()
	req := kmsg.NewPtrDescribeConfigsRequest()
	for _, t := range topics {
		rr := kmsg.NewDescribeConfigsRequestResource()
		rr.ResourceType, rr.ResourceName = kmsg.ConfigResourceTypeTopic, t
		req.Resources = append(req.Resources, rr)
	}
	resp, err := req.RequestWith(ctx, l.inside.cl)
	if err != nil {
		return nil
	}
	settings := map[string][]kmsg.CreateTopicsResponseTopicConfig{}
	for _, rr := range resp.Resources {
		if rr.ErrorCode != 0 {
			continue
		}
		all := []kmsg.CreateTopicsResponseTopicConfig{}
		for _, c := range rr.Configs {
			tc := kmsg.NewCreateTopicsResponseTopicConfig()
			tc.Name, tc.Value, tc.ReadOnly, tc.Source, tc.IsSensitive = c.Name, c.Value, c.ReadOnly, int8(c.Source), c.IsSensitive
			all = append(all, tc)
		}
		slices.SortFunc(all, func(a, b kmsg.CreateTopicsResponseTopicConfig) int { return strings.Compare(a.Name, b.Name) })
		settings[rr.ResourceName] = all
	}
	return settings
}

// asked is a request whose answer is to be amended; req is the request
// for the keys in readsRequest, when it decodes.
type asked struct {
	key, version int16
	req          kmsg.Request
}

// readsRequest are the keys whose amendments read the request answered.
var readsRequest = map[int16]bool{kmsg.DescribeConfigs.Int16(): true}

// amendingConn reads the size and header of every request that passes from
// the client to kfake, notes by correlation id those whose answers are to
// be amended, and amends those answers as kfake writes them; everything
// else passes as it is. Kafka frames every request and answer with its size
// first; a request's header starts with its key, version and correlation
// id, an answer's with the correlation id.
type amendingConn struct {
	net.Conn
	look *lookups

	mu    sync.Mutex
	asked map[int32]asked

	// The request being read: its first 12 bytes (size, key, version,
	// correlation id) as far as they came, then the rest to skip, or to
	// gather (reqRest, reqNeed more to come) for a key in readsRequest.
	reqHead    [12]byte
	reqHave    int
	reqSkip    int
	reqGarbled bool // a size too small for a header: kfake drops the connection
	reqTLS     bool // a TLS handshake for a request: the connection is closed
	reqHTTP    bool // an HTTP request: the connection is closed
	reqRest    []byte
	reqNeed    int
	reqAsked   asked
	reqCorr    int32

	// The answer being written: its first 8 bytes (size, correlation id)
	// as far as they came; then either the rest to pass or the whole
	// answer gathered to be amended.
	respHead   [8]byte
	respHave   int
	respPass   int
	respAmend  []byte
	respNeed   int
	respAnswer asked
}

func (c *amendingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.readRequests(p[:n])
	switch {
	case c.reqTLS:
		c.Conn.Close()
		return 0, errTLSToPlaintext
	case c.reqHTTP:
		c.Conn.Close()
		return 0, errHTTPToKafka
	}
	return n, err
}

var (
	errTLSToPlaintext = errors.New("a TLS handshake on a plaintext listener")
	errHTTPToKafka    = errors.New("an HTTP request to a Kafka listener")
)

// httpMethods are the first four bytes of an HTTP request, by method. Read
// as a Kafka request's size they say more than a gigabyte (GET: 1.2 GB),
// which kfake would allocate and wait for, so that curl, or a schema
// registry client given a broker's address, waited out its timeout. Kafka
// closes such a connection at once (socket.request.max.bytes), and so does
// shore dev, rather than answer it: a client's probe for a web port given
// as a broker's address (connect's speaksHTTP, asked when a broker is slow
// to answer) would take an answering broker for a web server.
var httpMethods = []string{"GET ", "HEAD", "POST", "PUT ", "PATC", "DELE", "OPTI", "CONN", "TRAC"}

// httpRequest reports whether size, the first four bytes of a request,
// are those of an HTTP request.
func httpRequest(size []byte) bool {
	return slices.Contains(httpMethods, string(size))
}

// tlsHandshake reports whether size, the first four bytes of what a client
// sent, are those of a TLS handshake record: its type, 22, and version,
// 3.x. Read as a Kafka request's size they say some 369 MB, which kfake
// would allocate and wait for, so that the client saw its timeout run out.
// Kafka closes such a connection at once, the request being larger than
// socket.request.max.bytes (kfake takes larger requests, and shore dev
// records larger than its 100 MiB), and so does shore dev: the client
// hears that the connection closed during its TLS handshake.
func tlsHandshake(size []byte) bool {
	return size[0] == 22 && size[1] == 3
}

func (c *amendingConn) readRequests(b []byte) {
	for len(b) > 0 && !c.reqGarbled {
		if c.reqRest != nil {
			k := min(c.reqNeed, len(b))
			c.reqRest, b, c.reqNeed = append(c.reqRest, b[:k]...), b[k:], c.reqNeed-k
			c.gathered()
			continue
		}
		if c.reqSkip > 0 {
			k := min(c.reqSkip, len(b))
			b, c.reqSkip = b[k:], c.reqSkip-k
			continue
		}
		k := copy(c.reqHead[c.reqHave:], b)
		b, c.reqHave = b[k:], c.reqHave+k
		// kfake reads the size alone, then allocates the request.
		if c.reqHave >= 4 && tlsHandshake(c.reqHead[:4]) {
			c.reqTLS = true
			return
		}
		if c.reqHave >= 4 && httpRequest(c.reqHead[:4]) {
			c.reqHTTP = true
			return
		}
		if c.reqHave < len(c.reqHead) {
			return
		}
		c.reqHave = 0
		size := int(binary.BigEndian.Uint32(c.reqHead[:4]))
		if size < 8 {
			c.reqGarbled = true
			return
		}
		c.reqSkip = size - 8
		key := int16(binary.BigEndian.Uint16(c.reqHead[4:6]))
		if amendments[key] == nil {
			continue
		}
		a := asked{key: key, version: int16(binary.BigEndian.Uint16(c.reqHead[6:8]))}
		corr := int32(binary.BigEndian.Uint32(c.reqHead[8:12]))
		if readsRequest[key] {
			c.reqRest, c.reqNeed, c.reqAsked, c.reqCorr, c.reqSkip = []byte{}, c.reqSkip, a, corr, 0
			c.gathered()
			continue
		}
		c.note(corr, a)
	}
}

// gathered notes the request being gathered once all of it came.
func (c *amendingConn) gathered() {
	if c.reqNeed > 0 {
		return
	}
	c.reqAsked.req = decodeRequest(c.reqAsked, c.reqRest)
	c.note(c.reqCorr, c.reqAsked)
	c.reqRest = nil
}

func (c *amendingConn) note(corr int32, a asked) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.asked[corr] = a
}

// decodeRequest decodes the request a, rest being what follows its
// correlation id: the client id, the header's tags (flexible versions) and
// the body; nil when it does not decode.
func decodeRequest(a asked, rest []byte) kmsg.Request {
	req := kmsg.RequestForKey(a.key)
	req.SetVersion(a.version)
	r := kbin.Reader{Src: rest}
	r.NullableString()
	if req.IsFlexible() {
		kmsg.SkipTags(&r)
	}
	if !r.Ok() || req.ReadFrom(r.Src) != nil {
		return nil
	}
	return req
}

func (c *amendingConn) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		switch {
		case c.respPass > 0:
			k := min(c.respPass, len(p))
			if _, err := c.Conn.Write(p[:k]); err != nil {
				return 0, err
			}
			p, c.respPass = p[k:], c.respPass-k
		case c.respAmend != nil:
			k := min(c.respNeed, len(p))
			c.respAmend, p, c.respNeed = append(c.respAmend, p[:k]...), p[k:], c.respNeed-k
			if c.respNeed > 0 {
				continue
			}
			answer := amend(c.respAnswer, c.respAmend, c.look)
			c.respAmend = nil
			if _, err := c.Conn.Write(answer); err != nil {
				return 0, err
			}
		case c.respHave == 0 && len(p) >= len(c.respHead):
			// The usual case: kfake writes each answer whole, so
			// that one passes in one write.
			c.startAnswer(p[:len(c.respHead)], 0)
		default:
			k := copy(c.respHead[c.respHave:], p)
			p, c.respHave = p[k:], c.respHave+k
			if c.respHave < len(c.respHead) {
				continue
			}
			c.respHave = 0
			if c.startAnswer(c.respHead[:], len(c.respHead)) {
				if _, err := c.Conn.Write(c.respHead[:]); err != nil {
					return 0, err
				}
			}
		}
	}
	return n, nil
}

// startAnswer looks at an answer's first 8 bytes, head, of which taken
// have been consumed already: it gathers an answer to amend, or passes the
// rest of any other. It reports whether head is passed as it is.
func (c *amendingConn) startAnswer(head []byte, taken int) bool {
	size := int(binary.BigEndian.Uint32(head[:4]))
	corr := int32(binary.BigEndian.Uint32(head[4:8]))
	c.mu.Lock()
	a, ok := c.asked[corr]
	delete(c.asked, corr)
	c.mu.Unlock()
	if !ok {
		c.respPass = 4 + size - taken
		return true
	}
	c.respAnswer = a
	c.respAmend = append(make([]byte, 0, 4+size), head[:taken]...)
	c.respNeed = 4 + size - taken
	return false
}

// amend returns the answer frame, size first, amended; or as it is when it
// does not decode.
func amend(a asked, frame []byte, look *lookups) []byte {
	resp := kmsg.ResponseForKey(a.key)
	resp.SetVersion(a.version)
	// After the size and correlation id, a flexible answer's header has
	// its tagged fields; ApiVersions' never has (KIP-511), so that a
	// client reads it whatever version it asked for.
	r := kbin.Reader{Src: frame[8:]}
	if resp.IsFlexible() && a.key != kmsg.ApiVersions.Int16() {
		kmsg.SkipTags(&r)
	}
	if !r.Ok() || resp.ReadFrom(r.Src) != nil {
		return frame
	}
	// An ApiVersions version kfake does not serve is answered at version
	// 0 with an error (KIP-511), not in the version asked: passed as it is.
	if e, ok := resp.(*kmsg.ApiVersionsResponse); ok && e.ErrorCode != 0 {
		return frame
	}
	amendments[a.key](resp, a.req, look)
	out := append([]byte(nil), frame[:len(frame)-len(r.Src)]...)
	out = resp.AppendTo(out)
	binary.BigEndian.PutUint32(out[:4], uint32(len(out)-4))
	return out
}
