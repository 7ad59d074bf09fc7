package cmd_test

import (
	"encoding/json"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/peers"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// TestReadyInterrupted: SIGTERM, what a script's timeout sends, stops a
// wait with a line saying what the tries found, before 'shore: terminated'
// (exit 130), where the log held that line alone. So does Ctrl-C.
func TestReadyInterrupted(t *testing.T) {
	missing := testbroker.Name(t, "missing")
	for sig, by := range map[syscall.Signal]string{syscall.SIGTERM: "SIGTERM", syscall.SIGINT: "interrupt"} {
		t.Run(by, func(t *testing.T) {
			t.Parallel()
			shore, stderr := startSignalled(t, nil, "ready", missing, "--wait", "1m")
			// Tries a few milliseconds long, one every half second.
			time.Sleep(2 * time.Second)
			if err := shore.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			want := regexp.MustCompile(`^shore: stopped by ` + by + `: not ready after \d+(\.\d+)?m?s: brokers answer, but topic "` + missing + `" does not exist\nshore: (terminated|interrupted)\n$`)
			if code := waitExit(t, shore, 30*time.Second); code != 130 || !want.MatchString(stderr.String()) {
				t.Fatalf("exit %d; stderr:\n%s\nwant 130 and %s", code, stderr.String(), want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	topic := testbroker.Topic(t, 2, nil)
	res := shoretest.Run(t, "check", topic, "-n", "4")
	latency := `\d+(\.\d+)?(µs|ms|s)`
	want := regexp.MustCompile(`^TOPIC     ` + regexp.QuoteMeta(topic) + `
PROBES    4 sent, 4 acknowledged, 4 back

LATENCY         P50 +P99 +MAX
PRODUCE-ACK     ` + latency + ` +` + latency + ` +` + latency + `
END-TO-END      ` + latency + ` +` + latency + ` +` + latency + `
ACK-THEN-FETCH  ` + latency + ` +` + latency + ` +` + latency + `

PARTITION  LEADER  ADDRESS
0          \d+ +\S+:\d+
1          \d+ +\S+:\d+
$`)
	if res.Code != 0 || res.Stderr != "" || !want.MatchString(res.Stdout) {
		t.Fatalf("exit %d stderr %q stdout:\n%s", res.Code, res.Stderr, res.Stdout)
	}

	res = shoretest.Run(t, "check", topic, "-n", "3", "-o", "json")
	var rep struct {
		Topic                   string
		Probes, Acked, Returned int
		ProduceAck              map[string]float64 `json:"produce_ack_ms"`
		EndToEnd                map[string]float64 `json:"end_to_end_ms"`
		AckThenFetch            map[string]float64 `json:"ack_then_fetch_ms"`
		Partitions              []struct{ Partition, Leader, Port int }
		FailedStep              *string `json:"failed_step"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &rep); err != nil || res.Code != 0 {
		t.Fatalf("-o json: exit %d %v\n%s%s", res.Code, err, res.Stdout, res.Stderr)
	}
	if rep.Topic != topic || rep.Probes != 3 || rep.Acked != 3 || rep.Returned != 3 || rep.FailedStep != nil ||
		len(rep.Partitions) != 2 || rep.Partitions[1].Partition != 1 || rep.Partitions[0].Leader < 0 ||
		rep.EndToEnd["p50"] <= 0 || rep.EndToEnd["max"] < rep.EndToEnd["p99"] || rep.ProduceAck["p99"] < rep.ProduceAck["p50"] {
		t.Fatalf("-o json: %s", res.Stdout)
	}
	// Each probe's ack-then-fetch time is its acknowledgement time plus a
	// fetch, so every rank of the one is above the same rank of the other.
	for _, q := range []string{"p50", "p99", "max"} {
		if rep.AckThenFetch[q] <= rep.ProduceAck[q] {
			t.Errorf("-o json: ack_then_fetch_ms %s %v, not above produce_ack_ms %v", q, rep.AckThenFetch[q], rep.ProduceAck[q])
		}
	}

	// Another client sees the 7 probes, each marked with the run's header.
	out := peers.RunKcat(t, "", "-C", "-b", strings.Join(testbroker.Brokers(t), ","), "-t", topic, "-e", "-q", "-f", "%h %k\n")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	probe := regexp.MustCompile(`^shore-check=([0-9a-f]{12}) ([0-9a-f]{12})-\d$`)
	for _, l := range lines {
		if m := probe.FindStringSubmatch(l); m == nil || m[1] != m[2] {
			t.Errorf("kcat read %q; want a probe with its run's header", l)
		}
	}
	if len(lines) != 7 {
		t.Errorf("kcat read %d probes; want 7:\n%s", len(lines), out)
	}
}

func TestCheckFails(t *testing.T) {
	missing := testbroker.Name(t, "missing")
	tiny := testbroker.Topic(t, 1, map[string]*string{"max.message.bytes": ptrTo("10")})
	for _, tc := range []struct {
		args   []string
		env    map[string]string
		stderr *regexp.Regexp
	}{
		{[]string{missing}, nil, regexp.MustCompile(`^shore: check failed at metadata: topic "` + missing + `" does not exist\n$`)},
		{[]string{missing, "--timeout", "2s"}, map[string]string{"SHORE_BROKERS": "127.0.0.1:1"}, regexp.MustCompile(`^shore: check failed at connect: cannot reach 127\.0\.0\.1:1: connection refused\n$`)},
		{[]string{tiny}, nil, regexp.MustCompile(`^shore: check failed at produce: probe 1 to partition 0: the probe record does not fit a batch that topic "` + tiny + `" accepts \(max\.message\.bytes 10\): raise the topic's max\.message\.bytes, as 'shore topics alter-config ` + tiny + ` --set max\.message\.bytes=1048588' \(Kafka's default\), or check another topic\n$`)},
		{[]string{missing, "--wait", "3s"}, nil, regexp.MustCompile(`^shore: check failed at metadata: brokers answer, but topic "` + missing + `" does not exist; tried for --wait 3s\n$`)},
		{[]string{missing, "--wait", "1s", "--timeout", "1s"}, map[string]string{"SHORE_BROKERS": "127.0.0.1:1"}, regexp.MustCompile(`^shore: check failed at connect: cannot reach 127\.0\.0\.1:1: connection refused; tried for --wait 1s\n$`)},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, append([]string{"check"}, tc.args...)...)
		if res.Code != 3 || !tc.stderr.MatchString(res.Stderr) {
			t.Errorf("%v: exit %d stderr %q; want 3 and %s", tc.args, res.Code, res.Stderr, tc.stderr)
		}
	}
	res := shoretest.Run(t, "check", missing, "-o", "json")
	if res.Code != 3 || !strings.Contains(res.Stdout, `"failed_step": "metadata"`) || !strings.Contains(res.Stdout, `"end_to_end_ms": null`) ||
		!strings.Contains(res.Stdout, `"ack_then_fetch_ms": null`) {
		t.Errorf("-o json of a failed check: exit %d stdout %s", res.Code, res.Stdout)
	}
	// With --wait too: a CI job that reads the JSON gets it whichever way
	// the check failed.
	res = shoretest.Run(t, "check", missing, "--wait", "1s", "-o", "json")
	wantRun(t, res, 3, fmt.Sprintf(`{
  "topic": %q,
  "probes": 5,
  "sent": 0,
  "acked": 0,
  "returned": 0,
  "produce_ack_ms": null,
  "end_to_end_ms": null,
  "ack_then_fetch_ms": null,
  "partitions": [],
  "failed_step": "metadata",
  "error": "brokers answer, but topic \"%s\" does not exist; tried for --wait 1s"
}
`, missing, missing), `shore: check failed at metadata: brokers answer, but topic "`+missing+`" does not exist; tried for --wait 1s`+"\n")
	res = shoretest.Run(t, "check", missing, "-n", "0")
	wantRun(t, res, 2, "", "shore: --probes 0: want 1 to 100000\n"+seeHelpFor("check"))
	// A count that would take all memory is refused before anything dials.
	res = shoretest.Run(t, "-b", "127.0.0.1:1", "check", missing, "-n", "1000000000000")
	wantRun(t, res, 2, "", "shore: --probes 1000000000000: want 1 to 100000\n"+seeHelpFor("check"))
}

func ptrTo(s string) *string { return &s }

// TestCheckFailsAtFetch: a cluster that takes probes and answers no fetch
// fails the check at fetch after the first probe, and the report says that
// one probe of five was sent, where it said '5 sent, 1 acknowledged' as if
// four probes had gone unacknowledged.
func TestCheckFailsAtFetch(t *testing.T) {
	run := unanswered(t, "probes", kmsg.Fetch)
	stderr := regexp.MustCompile(`^shore: check failed at fetch: probe 1 \(partition 0, offset \d+\) did not come back within 1s\n$`)
	res := run()
	if res.Code != 3 || !stderr.MatchString(res.Stderr) || !strings.Contains(res.Stdout, "\nPROBES    1 of 5 sent, 1 acknowledged, 0 back\n") {
		t.Errorf("exit %d stderr %q stdout:\n%s\nwant exit 3, PROBES    1 of 5 sent, 1 acknowledged, 0 back", res.Code, res.Stderr, res.Stdout)
	}
	res = run("-o", "json")
	var rep struct{ Probes, Sent, Acked, Returned int }
	if err := json.Unmarshal([]byte(res.Stdout), &rep); err != nil || res.Code != 3 || rep.Probes != 5 || rep.Sent != 1 || rep.Acked != 1 || rep.Returned != 0 {
		t.Errorf("-o json: exit %d %v stdout:\n%s\nwant probes 5, sent 1, acked 1, returned 0", res.Code, err, res.Stdout)
	}
}

func TestReady(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	other := testbroker.Topic(t, 1, nil)
	for _, tc := range []struct {
		args []string
		what string
	}{
		{[]string{topic}, `topic "` + topic + `" exists`},
		{[]string{topic, topic}, `topic "` + topic + `" exists`},
		{[]string{topic, other, topic}, `topics "` + topic + `" and "` + other + `" exist`},
	} {
		res := shoretest.Run(t, append([]string{"ready", "--wait", "10s"}, tc.args...)...)
		if res.Code != 0 || res.Stdout != "" || !regexp.MustCompile(`^shore: ready after \d+(\.\d+)?m?s: \d+ brokers? answers?; `+tc.what+`\n$`).MatchString(res.Stderr) {
			t.Errorf("%q: exit %d stdout %q stderr %q; want 0 and %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.what)
		}
	}
	missing, gone := testbroker.Name(t, "missing"), testbroker.Name(t, "gone")
	res := shoretest.Run(t, "ready", missing, gone, missing, "--wait", "1s")
	if want := "shore: not ready after 1s: brokers answer, but topics \"" + gone + "\" and \"" + missing + "\" do not exist\n"; res.Code != 3 || res.Stderr != want {
		t.Errorf("missing topics: exit %d stderr %q; want 3 and %q", res.Code, res.Stderr, want)
	}
	res = shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": "127.0.0.1:1"}}, "ready", "--wait", "1s")
	if res.Code != 3 || res.Stderr != "shore: not ready after 1s: cannot reach 127.0.0.1:1: connection refused\n" {
		t.Errorf("unreachable: exit %d stderr %q", res.Code, res.Stderr)
	}
	// A broker that accepts connections and never answers, with --wait
	// shorter than --timeout (10s): no try ends, and the line still names
	// the broker, as consume --wait does.
	silent := testbroker.Silent(t)
	env := map[string]string{"SHORE_BROKERS": silent}
	res = shoretest.RunWith(t, shoretest.Opts{Env: env}, "ready", "--wait", "1s")
	wantRun(t, res, 3, "", "shore: not ready after 1s: cannot reach "+silent+": no answer within --wait 1s\n")
	res = shoretest.RunWith(t, shoretest.Opts{Env: env}, "check", topic, "--wait", "1s")
	wantRun(t, res, 3, "", "shore: check failed at connect: cannot reach "+silent+": no answer within --wait 1s\n")
	// A --timeout shorter than any round trip cuts every try short, and
	// each is tried again: ready never passes, as its help says.
	res = shoretest.Run(t, "ready", "--wait", "1s", "--timeout", "1ns")
	if res.Code != 3 || !regexp.MustCompile(`^shore: not ready after 1s: cannot reach \S+: no answer within 1ns\n$`).MatchString(res.Stderr) {
		t.Errorf("--timeout 1ns: exit %d stderr %q", res.Code, res.Stderr)
	}
	// --wait 0 is one try, as check's default: no wait when it fails.
	res = shoretest.Run(t, "ready", topic, "--wait", "0")
	if res.Code != 0 || res.Stdout != "" || !regexp.MustCompile(`^shore: ready after \d+(\.\d+)?m?s: \d+ brokers? answers?; topic "`+topic+`" exists\n$`).MatchString(res.Stderr) {
		t.Errorf("--wait 0: exit %d stdout %q stderr %q; want 0, ready", res.Code, res.Stdout, res.Stderr)
	}
	started := time.Now()
	res = shoretest.Run(t, "ready", missing, "--wait", "0")
	wantRun(t, res, 3, "", "shore: not ready: brokers answer, but topic \""+missing+"\" does not exist\n")
	if took := time.Since(started); took > 5*time.Second {
		t.Errorf("ready --wait 0 took %s: want one try, not a wait", took)
	}
	res = shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": "127.0.0.1:1"}}, "ready", "--wait", "0")
	wantRun(t, res, 3, "", "shore: not ready: cannot reach 127.0.0.1:1: connection refused\n")
	res = shoretest.Run(t, "ready", "--wait", "-1s")
	wantRun(t, res, 2, "", "shore: --wait -1s: want 0 or more\n"+seeHelpFor("ready"))
	// A password command that gives no password is a configuration
	// error, as a password file that cannot be read is: no try helps, and
	// ready ends at once.
	res = shoretest.Run(t, "ready", "--wait", "2s", "--sasl-mechanism", "PLAIN", "--sasl-username", "u", "--sasl-password-command", "exit 3")
	wantRun(t, res, 2, "", configError("ready", `--sasl-password-command "exit 3" failed: exit status 3`))
}

// TestReadyWaitsForTopic: ready waits while the topic is missing and
// returns once another client created it.
func TestReadyWaitsForTopic(t *testing.T) {
	topic := testbroker.Name(t, "later")
	done := make(chan shoretest.Result, 1)
	started := time.Now()
	go func() { done <- shoretest.Run(t, "ready", topic, "--wait", "60s") }()
	// Until the topic exists ready keeps trying; what is checked is that it
	// then returns, whenever that is.
	for time.Since(started) < time.Second {
		select {
		case res := <-done:
			t.Fatalf("ready returned before the topic existed: exit %d stderr %q", res.Code, res.Stderr)
		case <-time.After(100 * time.Millisecond):
		}
	}
	testbroker.CreateTopic(t, topic, 1, nil)
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", topic) })
	select {
	case res := <-done:
		if res.Code != 0 || !strings.HasPrefix(res.Stderr, "shore: ready after ") {
			t.Fatalf("exit %d stderr %q", res.Code, res.Stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("ready did not return within 30s of the topic's creation")
	}
}

// TestReadyListsTopicsOnce: while a topic is missing, ready --wait asks
// for it every try but lists the cluster's topics, for the one it may
// mean, once: it listed them on every try, four times a second, however
// many topics the cluster has.
func TestReadyListsTopicsOnce(t *testing.T) {
	if testbroker.Real() {
		t.Skip("counts the requests of a cluster of its own")
	}
	t.Parallel()
	c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "orders"))
	var named, all atomic.Int32
	c.ControlKey(kmsg.Metadata.Int16(), func(r kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		switch req := r.(*kmsg.MetadataRequest); {
		case req.Topics == nil:
			all.Add(1)
		case len(req.Topics) == 1 && req.Topics[0].Topic != nil && *req.Topics[0].Topic == "ordres":
			named.Add(1)
		}
		return nil, nil, false
	})
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": c.ListenAddrs()[0]}}, "ready", "ordres", "--wait", "1500ms")
	wantRun(t, res, 3, "", `shore: not ready after 1.5s: brokers answer, but topic "ordres" (did you mean "orders"?) does not exist`+"\n")
	if named.Load() < 3 || all.Load() != 1 {
		t.Fatalf("%d tries asked for the topic, %d listed every topic; want 3 or more, and 1", named.Load(), all.Load())
	}
}

// TestCheckFailsAtProduce: a broker that takes a probe and never
// acknowledges it (frozen under the probe) fails the check at produce within
// --timeout, where the check waited for kgo's own produce request timeout
// and its retries, and a Ctrl-C waited with it.
func TestCheckFailsAtProduce(t *testing.T) {
	run := unanswered(t, "unacked", kmsg.Produce)
	done := make(chan shoretest.Result, 1)
	go func() { done <- run() }()
	var res shoretest.Result
	select {
	case res = <-done:
	case <-time.After(time.Minute):
		t.Fatal("check --timeout 1s still waits for an acknowledgement after a minute")
	}
	wantRun(t, res, 3, "", "shore: check failed at produce: probe 1 to partition 0: not acknowledged within 1s\n")
}

// unanswered starts a cluster of its own with a one-partition topic whose
// broker reads requests of kind key and never answers them, and returns a
// runner of 'shore check topic --timeout 1s' against it.
func unanswered(t *testing.T, topic string, key kmsg.Key) func(args ...string) shoretest.Result {
	if testbroker.Real() {
		t.Skip("stops the requests of a cluster of its own")
	}
	c := testbroker.Own(t, kfake.SeedTopics(1, topic))
	c.Control(func(r kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return nil, nil, r.Key() == int16(key)
	})
	return func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}}, append([]string{"check", topic, "--timeout", "1s"}, args...)...)
	}
}

// TestCheckFailsAtMetadata: a broker that leaves the end offsets unanswered
// fails the check at metadata within --timeout, saying what had no answer;
// it said kadm's 'request ListOffsets has 1 separate shard errors, first:
// context deadline exceeded'.
func TestCheckFailsAtMetadata(t *testing.T) {
	run := unanswered(t, "no-ends", kmsg.ListOffsets)
	wantRun(t, run(), 3, "", "shore: check failed at metadata: topic \"no-ends\": no end offsets within 1s\n")
}

// TestCheckFailsAtMetadataAnswer: a topic whose partitions have no leader,
// or whose end offsets the brokers' answer leaves out, fails the check at
// metadata in words: it said 'partitions [0 1] have no leader' and 'end
// offset of t:0: <nil>'.
func TestCheckFailsAtMetadataAnswer(t *testing.T) {
	if testbroker.Real() {
		t.Skip("changes the answers of a cluster of its own")
	}
	t.Parallel()
	for _, tc := range []struct {
		name       string
		partitions int32
		key        kmsg.Key
		stderr     string
	}{
		{"one partition without a leader", 1, kmsg.Metadata, `shore: check failed at metadata: topic "t": partition 0 has no leader` + "\n"},
		{"partitions without a leader", 12, kmsg.Metadata, `shore: check failed at metadata: topic "t": partitions 0, 1, 2, 3, 4, 5, 6, 7, 8 and 3 more have no leader` + "\n"},
		{"no end offsets", 2, kmsg.ListOffsets, `shore: check failed at metadata: topic "t": no end offset of partition 0 in the brokers' answer` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(tc.partitions, "t"))
			addr := c.ListenAddrs()[0]
			c.ControlKey(tc.key.Int16(), func(r kmsg.Request) (kmsg.Response, error, bool) {
				c.KeepControl()
				switch req := r.(type) {
				case *kmsg.ListOffsetsRequest:
					return req.ResponseKind(), nil, true
				case *kmsg.MetadataRequest:
					if len(req.Topics) == 1 && req.Topics[0].Topic != nil && *req.Topics[0].Topic == "t" {
						return leaderless(t, req, addr, tc.partitions), nil, true
					}
				}
				return nil, nil, false
			})
			res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": addr}}, "check", "t", "--timeout", "5s")
			wantRun(t, res, 3, "", tc.stderr)
		})
	}
}

// leaderless answers req, which asks for topic t alone, with the broker at
// addr (node 0) and t's partitions, none with a leader.
func leaderless(t *testing.T, req *kmsg.MetadataRequest, addr string, partitions int32) kmsg.Response {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Error(err)
	}
	n, _ := strconv.Atoi(port)
	resp := req.ResponseKind().(*kmsg.MetadataResponse)
	b := kmsg.NewMetadataResponseBroker()
	b.NodeID, b.Host, b.Port = 0, host, int32(n)
	resp.Brokers = append(resp.Brokers, b)
	rt := kmsg.NewMetadataResponseTopic()
	rt.Topic = kmsg.StringPtr("t")
	for i := range partitions {
		rp := kmsg.NewMetadataResponseTopicPartition()
		rp.Partition, rp.Leader = i, -1
		rt.Partitions = append(rt.Partitions, rp)
	}
	resp.Topics = append(resp.Topics, rt)
	return resp
}

// A report that cannot be written fails the check (exit 1), as its help
// says, after the probes came back.
func TestCheckReportToFullDisk(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	for _, out := range []string{"table", "json"} {
		code, stderr := runToFullDisk(t, "", "check", topic, "-n", "2", "-o", out)
		if code != 1 || stderr != "shore: write /dev/stdout: no space left on device\n" {
			t.Errorf("check -o %s > /dev/full: exit %d stderr %q; want 1 and the write error", out, code, stderr)
		}
	}
	if help := shoretest.Run(t, "check", "--help").Stdout; !strings.Contains(help, "  1    writing the report to stdout failed (a full disk)\n") {
		t.Errorf("check --help does not say that exit 1 is a failed write:\n%s", help)
	}
}

// TestTopicNotAuthorized: a topic the login may not describe (no ACL
// allows it DESCRIBE) is named, where ready, check, consume and topics
// describe said only 'TOPIC_AUTHORIZATION_FAILED: Not authorized to access
// topics: [Topic authorization failed.]', of no topic, and topics describe
// left out the other topics named too: kadm fails a whole metadata request
// on such a topic.
func TestTopicNotAuthorized(t *testing.T) {
	t.Parallel()
	_, alice := aclCluster(t, []string{"ok", "secret", "hidden"}, topicACL("ok", kmsg.ACLOperationAll))
	run := func(args ...string) shoretest.Result { return shoretest.RunWith(t, alice, args...) }
	denied := `not authorized to describe topic "secret" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists)`
	wantRun(t, run("ready", "ok", "secret", "--wait", "0"), 3, "", "shore: not ready: brokers answer, but "+denied+"\n")
	wantRun(t, run("ready", "secret", "hidden", "ok", "--wait", "0"), 3, "",
		`shore: not ready: brokers answer, but not authorized to describe topics "hidden" and "secret" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on them; Kafka says so whether or not they exist)`+"\n")
	wantRun(t, run("check", "secret"), 3, "", "shore: check failed at metadata: "+denied+"\n")
	wantRun(t, run("consume", "ok", "secret", "--until", "true", "--wait", "5s"), 1, "", "shore: "+denied+"\n")
	res := run("topics", "describe", "secret", "ok", "-o", "csv")
	node := testbroker.ACLNode(t)
	wantRun(t, res, 1, "TOPIC,PARTITION,LEADER,REPLICAS,ISR,LOG-START,LOG-END\nok,0,"+node+","+node+","+node+",0,0\n", "shore: "+denied+"\n")
}

// TestCheckNotAuthorizedToWriteOrRead: a topic the login may describe but
// not write to, or not read, fails the check at produce or fetch saying
// which it may not do, and so does consume, where each said only
// 'TOPIC_AUTHORIZATION_FAILED: Not authorized to access topics: [Topic
// authorization failed.]', and check at fetch only after --timeout.
func TestCheckNotAuthorizedToWriteOrRead(t *testing.T) {
	t.Parallel()
	_, alice := aclCluster(t, []string{"readable", "writable"},
		topicACL("readable", kmsg.ACLOperationDescribe), topicACL("readable", kmsg.ACLOperationRead),
		topicACL("writable", kmsg.ACLOperationDescribe), topicACL("writable", kmsg.ACLOperationWrite))
	res := shoretest.RunWith(t, alice, "check", "readable")
	wantRun(t, res, 3, "", `shore: check failed at produce: probe 1 to partition 0: not authorized to write to topic "readable" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login WRITE on it)`+"\n")
	// A refusal is the answer at once: the check waited out --timeout,
	// asking again.
	started := time.Now()
	res = shoretest.RunWith(t, alice, "check", "writable", "--timeout", "30s")
	if took := time.Since(started); took > 10*time.Second {
		t.Errorf("check writable took %s: want the refusal at once, not --timeout 30s", took)
	}
	if want := `shore: check failed at fetch: probe 1 (partition 0): not authorized to read topic "writable" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login READ on it)` + "\n"; res.Code != 3 || res.Stderr != want || !strings.HasPrefix(res.Stdout, "TOPIC     writable\nPROBES    1 of 5 sent, 1 acknowledged, 0 back\n") {
		t.Errorf("check writable: exit %d\nstdout:\n%s\nstderr %q\nwant exit 3, the probe acknowledged, and %q", res.Code, res.Stdout, res.Stderr, want)
	}
	res = shoretest.RunWith(t, alice, "consume", "writable", "--until", "true", "--wait", "5s")
	wantRun(t, res, 1, "", `shore: fetch writable:0: not authorized to read topic "writable" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login READ on it)`+"\n")
	// A login that may write to no topic, the usual read-only one, is
	// refused the idempotent producer's id before the topic is looked at,
	// as produce is: that was 'CLUSTER_AUTHORIZATION_FAILED: Cluster
	// authorization failed.' alone.
	_, reader := aclCluster(t, []string{"readable"}, topicACL("readable", kmsg.ACLOperationDescribe), topicACL("readable", kmsg.ACLOperationRead))
	wantRun(t, shoretest.RunWith(t, reader, "check", "readable"), 3, "", `shore: check failed at produce: probe 1 to partition 0: not authorized to produce to topic "readable" (CLUSTER_AUTHORIZATION_FAILED: check's idempotent producer needs WRITE on a topic or IDEMPOTENT_WRITE on the cluster, and no ACL allows this login either)`+"\n")
}
