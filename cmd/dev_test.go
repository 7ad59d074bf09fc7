package cmd_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/peers"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testserve"
)

// syncBuffer is a bytes.Buffer that a running command and the test may use
// at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// against runs shore with SHORE_BROKERS at addr.
func against(t *testing.T, addr string, args ...string) shoretest.Result {
	t.Helper()
	return shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": addr}}, args...)
}

func TestDevServesTopics(t *testing.T) {
	addr, registry, stop := startDevRegistry(t, "--listen", "127.0.0.1:0", "--topic", "orders:3", "--topic", "audit", "--auto-create")
	if _, _, err := net.SplitHostPort(addr); err != nil || strings.Contains(addr, ",") {
		t.Fatalf("first line %q is not one host:port", addr)
	}
	list := "NAME    PARTITIONS  REPLICAS\naudit   1           1\norders  3           1\n"
	wantRun(t, against(t, addr, "topics", "list"), 0, list, "")
	// The broker creates topics on first use, yet looking never does.
	wantRun(t, against(t, addr, "topics", "describe", "ghost"), 1, "", "shore: unknown topic \"ghost\"\n")
	wantRun(t, against(t, addr, "offsets", "ghost", "--at", "-1h"), 1, "", "shore: unknown topic \"ghost\"\n")
	wantRun(t, against(t, addr, "topics", "list"), 0, list, "")
	wantRun(t, against(t, addr, "offsets", "orders"), 0,
		"TOPIC   PARTITION  LOG-START  LOG-END\norders  0          0          0\norders  1          0          0\norders  2          0          0\n", "")
	// shore produce asks for the topic only with --allow-auto-create, as
	// dev --help says.
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n", Env: map[string]string{"SHORE_BROKERS": addr}}, "produce", "fresh")
	wantRun(t, res, 1, "", "shore: unknown topic \"fresh\" (create it, or pass --allow-auto-create)\n")
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n", Env: map[string]string{"SHORE_BROKERS": addr}}, "produce", "fresh", "--allow-auto-create")
	wantRun(t, res, 0, "", "")
	list = "NAME    PARTITIONS  REPLICAS\naudit   1           1\nfresh   1           1\norders  3           1\n"
	wantRun(t, against(t, addr, "topics", "list"), 0, list, "")

	code, stderr := stop()
	want := "shore dev: 1 broker at " + addr + ", schema registry at " + registry + ", in memory only: everything is lost when it stops; Ctrl-C stops\nshore dev: stopping\n"
	if code != 0 || stderr != want {
		t.Fatalf("stopped: exit %d stderr %q, want 0 and %q", code, stderr, want)
	}
}

// TestDevBrokerClosesHTTP: shore dev's broker closes the connection of an
// HTTP request at once, as Kafka does, so that a registry command given
// the broker's address says what it is within a moment, not after its
// --timeout; and a client whose first contact with the broker is slow,
// which then asks the address in HTTP whether it is a web port, is not
// told so by the broker (kfake answered such a question, in a make test
// on a busy machine: 'it answered like an HTTP server').
func TestDevBrokerClosesHTTP(t *testing.T) {
	addr, _, _ := startDevRegistry(t, "--listen", "127.0.0.1:0", "--topic", "orders")
	start := time.Now()
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Get("http://" + addr + "/subjects")
	if err == nil {
		resp.Body.Close()
		t.Errorf("GET http://%s/subjects: %s, want the connection closed", addr, resp.Status)
	} else if took := time.Since(start); took > 2*time.Second {
		t.Errorf("GET http://%s/subjects: %v after %s, want the connection closed at once", addr, err, took)
	}
	url := "http://" + addr
	for _, args := range [][]string{{"list"}, {"show", "orders-value"}, {"register", "orders-value", "-", "--type", "AVRO"}} {
		start := time.Now()
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: `{"type":"string"}`}, append([]string{"--registry", url, "--timeout", "10s", "registry"}, args...)...)
		wantRun(t, res, 1, "", "shore: cannot reach schema registry "+url+": it speaks Kafka's protocol, not HTTP: that is a Kafka broker's address, not the schema registry's\n")
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("registry %v took %s, want an answer well within --timeout 10s", args, took)
		}
	}
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n", Env: map[string]string{"SHORE_BROKERS": addr}}, "produce", "orders")
	wantRun(t, res, 0, "", "")
	wantRun(t, against(t, slowFirst(t, addr, 3*time.Second), "consume", "orders", "-e"), 0, "a\n", "")
}

// slowFirst listens on a port of its own and passes each connection to
// addr, holding what the first client sends for wait: a broker slow to
// answer a client's first request, as one on a busy machine is, while a
// second connection, such as the client's probe of whether the port is a
// web server's, is passed at once.
func slowFirst(t *testing.T, addr string, wait time.Duration) string {
	var conns atomic.Int32
	return testserve.Each(t, func(client net.Conn) {
		hold := wait
		if conns.Add(1) > 1 {
			hold = 0
		}
		server, err := net.Dial("tcp", addr)
		if err != nil {
			return
		}
		defer server.Close()
		go func() {
			_, _ = io.Copy(client, server)
			client.Close()
		}()
		time.Sleep(hold)
		_, _ = io.Copy(server, client)
	})
}

func TestDevBrokers(t *testing.T) {
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--num-brokers", "3")
	addrs := strings.Split(addr, ",")
	if len(addrs) != 3 {
		t.Fatalf("first line %q: want 3 addresses", addr)
	}
	res := against(t, addr, "cluster", "-o", "json")
	for i, a := range addrs {
		_, port, _ := net.SplitHostPort(a)
		if !strings.Contains(res.Stdout, fmt.Sprintf("\"id\": %d,\n      \"host\": \"127.0.0.1\",\n      \"port\": %s,", i, port)) {
			t.Errorf("broker %d at %s missing:\n%s%s", i, a, res.Stdout, res.Stderr)
		}
	}
}

// --advertise names the host clients are given in the brokers' addresses;
// with a port, broker i advertises PORT+i. The registry's URL names the
// address it listens on, which is one to connect to. (What a wildcard
// --listen advertises, this machine's name, is TestAdvertisedForWildcard's:
// a test listens on loopback only.)
func TestDevAdvertises(t *testing.T) {
	addr, registry, _ := startDevRegistry(t, "--listen", "127.0.0.1:0", "--advertise", "localhost")
	if !strings.HasPrefix(addr, "localhost:") {
		t.Fatalf("first line %q, want localhost:PORT", addr)
	}
	if !strings.HasPrefix(registry, "http://127.0.0.1:") {
		t.Errorf("second line %q, want http://127.0.0.1:PORT", registry)
	}
	wantRun(t, against(t, addr, "cluster", "-o", "csv"), 0, "BROKER,ADDRESS,RACK\n0,"+addr+",-\n", "")
	if out := peers.RunKcat(t, "", "-L", "-b", addr); !strings.Contains(out, "broker 0 at "+addr+" (controller)\n") {
		t.Errorf("kcat -L shows:\n%s\nwant broker 0 at %s", out, addr)
	}

	named, _ := startDev(t, "--listen", "127.0.0.1:0", "--num-brokers", "2", "--advertise", "localhost", "--no-registry")
	addrs := strings.Split(named, ",")
	wantRun(t, against(t, named, "cluster", "-o", "csv"), 0, "BROKER,ADDRESS,RACK\n0,"+addrs[0]+",-\n1,"+addrs[1]+",-\n", "")
	if !strings.HasPrefix(addrs[0], "localhost:") || !strings.HasPrefix(addrs[1], "localhost:") {
		t.Errorf("first line %q, want localhost:PORT,localhost:PORT", named)
	}
}

// The topics Apache Kafka keeps for itself are not made by clients:
// __consumer_offsets and __transaction_state exist already, as on a Kafka
// whose groups and transactions were used (kfake made ordinary topics of
// them, which held no commits), so --if-not-exists takes them as done;
// __cluster_metadata is no topic to
// create. Nor does asking for one create it. Described by name, one is
// unknown, with the reason.
func TestDevKeepsInternalTopicNames(t *testing.T) {
	t.Parallel() // the produce waits 10s for the topic the broker does not create
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--no-registry", "--auto-create")
	run := devRunner(t, addr)
	wantRun(t, run("", "topics", "create", "__consumer_offsets", "-p", "3"), 1, "", "shore: topic \"__consumer_offsets\" already exists\n")
	wantRun(t, run("", "topics", "create", "__transaction_state"), 1, "", "shore: topic \"__transaction_state\" already exists\n")
	// --if-not-exists takes them as done, as kafka-topics does, though
	// shore dev does not describe them
	w := []int{len("__consumer_offsets"), len("PARTITIONS"), len("REPLICAS")}
	wantRun(t, run("", "topics", "create", "__consumer_offsets", "--if-not-exists"), 0,
		pad(w, "NAME", "PARTITIONS", "REPLICAS")+pad(w, "__consumer_offsets", "-", "-"),
		"shore: topic \"__consumer_offsets\" is internal to Kafka and exists; the brokers do not describe it, so its partitions and replicas are not known\n")
	wantRun(t, run("", "topics", "create", "__transaction_state", "-p", "3", "--if-not-exists", "-o", "json"), 0,
		"[\n  {\n    \"name\": \"__transaction_state\",\n    \"partitions\": null,\n    \"replicas\": null,\n    \"id\": null,\n    \"existed\": true\n  }\n]\n",
		"shore: topic \"__transaction_state\" is internal to Kafka and exists; the brokers do not describe it, so its partitions and replicas are not known (-p 3 is not compared)\n")
	wantRun(t, run("", "topics", "create", "__cluster_metadata"), 1, "", "shore: topic \"__cluster_metadata\": creation of internal topic __cluster_metadata is prohibited\n")
	wantRun(t, run("x\n", "produce", "__consumer_offsets", "--allow-auto-create"), 1, "",
		"shore: unknown topic \"__consumer_offsets\", and the broker did not create it (is auto.create.topics.enable off?)\n")
	wantRun(t, run("", "topics", "list", "--internal", "-o", "csv"), 0, "NAME,PARTITIONS,REPLICAS\n", "")
	// one asked for by name is unknown, and the line says why
	wantRun(t, run("", "topics", "describe", "__consumer_offsets"), 1, "",
		"shore: unknown topic \"__consumer_offsets\" (Apache Kafka's brokers create it when a client first looks for a group's coordinator; shore dev's never do)\n")
	wantRun(t, run("", "offsets", "__transaction_state"), 1, "",
		"shore: unknown topic \"__transaction_state\" (Apache Kafka's brokers create it when a client first looks for a transaction's coordinator; shore dev's never do)\n")
}

// A topic name Kafka refuses is INVALID_TOPIC_EXCEPTION to a client that
// asks for it, as Apache Kafka answers, also with --auto-create: kcat's
// "Broker: Invalid topic", where kfake's "Unknown topic or partition" left
// the producer waiting for a topic to appear until its timeout. kcat -P
// fails at once, its words for it depending on when its metadata came
// ("Broker: Invalid topic" or "Local: Unknown topic").
func TestDevNamesInvalidTopics(t *testing.T) {
	kcat := peers.Kcat(t)
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--no-registry", "--auto-create")
	if out := peers.RunKcat(t, "", "-L", "-b", addr, "-t", "a/b"); !strings.HasSuffix(out, "topic \"a/b\" with 0 partitions: Broker: Invalid topic\n") {
		t.Errorf("kcat -L -t a/b:\n%s\nwant Broker: Invalid topic", out)
	}
	c := exec.Command(kcat, "-P", "-b", addr, "-t", "bad name", "-X", "message.timeout.ms=20000")
	c.Stdin = strings.NewReader("x\n")
	start := time.Now()
	out, err := c.CombinedOutput()
	if err == nil || time.Since(start) > 10*time.Second || !strings.Contains(string(out), ": Broker: Invalid topic\n") && !strings.Contains(string(out), ": Local: Unknown topic\n") {
		t.Errorf("kcat -P -t 'bad name': %v after %s\n%s\nwant Broker: Invalid topic at once", err, time.Since(start), out)
	}
}

func TestDevDataDir(t *testing.T) {
	dir := t.TempDir()
	addr, stop := startDev(t, "--listen", "127.0.0.1:0", "--data-dir", dir, "--topic", "keep:2")
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = cl.ProduceSync(ctx,
		&kgo.Record{Topic: "keep", Partition: 0, Value: []byte("a")},
		&kgo.Record{Topic: "keep", Partition: 0, Value: []byte("b")},
		&kgo.Record{Topic: "keep", Partition: 1, Value: []byte("c")},
	).FirstErr()
	cl.Close()
	if err != nil {
		t.Fatal(err)
	}
	// A second cluster on the directory while the first runs is refused:
	// when both stopped, the state of one would be written over the
	// other's, and its records lost.
	second := exec.CommandContext(ctx, shoretest.Binary(t), "dev", "--listen", "127.0.0.1:0", "--no-registry", "--data-dir", dir)
	second.Env = shoretest.Environ(t, nil)
	var secondOut, secondErr bytes.Buffer
	second.Stdout, second.Stderr = &secondOut, &secondErr
	err = second.Run()
	if want := "shore: cannot use data directory " + dir + ": another shore dev is using it; stop that one, or give this one another --data-dir\n"; second.ProcessState.ExitCode() != 1 || secondOut.String() != "" || secondErr.String() != want {
		t.Errorf("a second shore dev on %s: %v, stdout %q stderr %q, want exit 1 and %q", dir, err, secondOut.String(), secondErr.String(), want)
	}
	if code, stderr := stop(); code != 0 {
		t.Fatalf("stop: exit %d: %s", code, stderr)
	}

	addr, stop = startDev(t, "--listen", "127.0.0.1:0", "--data-dir", dir, "--topic", "keep:5", "--no-registry")
	wantRun(t, against(t, addr, "offsets", "keep"), 0,
		"TOPIC  PARTITION  LOG-START  LOG-END\nkeep   0          0          2\nkeep   1          0          1\n", "")
	want := "shore dev: topic \"keep\" exists with 2 partitions; --topic asked for 5, keeping 2\n" +
		"shore dev: 1 broker at " + addr + ", state kept in " + dir + "; Ctrl-C stops\nshore dev: stopping\n"
	if code, stderr := stop(); code != 0 || stderr != want {
		t.Fatalf("restart: exit %d stderr %q, want %q", code, stderr, want)
	}
}

// A --topic whose name differs from a topic kept in --data-dir only in '.'
// and '_' is named with the one it collides with, as topics create names
// it, not in the words of the broker's refusal.
func TestDevDataDirTopicCollides(t *testing.T) {
	dir := t.TempDir()
	_, stop := startDev(t, "--listen", "127.0.0.1:0", "--no-registry", "--data-dir", dir, "--topic", "a.b")
	if code, stderr := stop(); code != 0 {
		t.Fatalf("stop: exit %d: %s", code, stderr)
	}
	res := shoretest.Run(t, "dev", "--listen", "127.0.0.1:0", "--no-registry", "--data-dir", dir, "--topic", "a_b")
	wantRun(t, res, 1, "", "shore: --topic a_b collides with topic \"a.b\" kept in "+dir+": it differs only in '.' and '_', which Kafka counts as the same\n")
}

// shore dev's cluster id looks like Apache Kafka's, a UUID in 22 base64
// characters (kfake's own is "kfake"); each in-memory cluster has its own,
// and a --data-dir keeps it across restarts.
func TestDevClusterID(t *testing.T) {
	clusterID := func(args ...string) string {
		t.Helper()
		addr, stop := startDev(t, append([]string{"--listen", "127.0.0.1:0", "--no-registry"}, args...)...)
		table := against(t, addr, "cluster")
		if code, stderr := stop(); code != 0 || table.Code != 0 {
			t.Fatalf("exit %d, then %d: %s%s", table.Code, code, table.Stderr, stderr)
		}
		id, _, _ := strings.Cut(strings.TrimPrefix(table.Stdout, "CLUSTER                 CONTROLLER\n"), " ")
		if !regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_-]{21}$`).MatchString(id) {
			t.Fatalf("shore cluster shows %q, want a Kafka-style cluster id:\n%s", id, table.Stdout)
		}
		return id
	}
	if a, b := clusterID(), clusterID(); a == b {
		t.Errorf("two clusters in memory both have the id %s", a)
	}
	dir := t.TempDir()
	if a, b := clusterID("--data-dir", dir), clusterID("--data-dir", dir); a != b {
		t.Errorf("the cluster kept in %s had the id %s, then %s", dir, a, b)
	}
}

// What the embedded broker warns of is written as shore dev's other lines
// are, after "shore dev: broker: warning: ", where it began with a clock
// time and [WARN]: here the trailing bytes of a damaged groups.log.
func TestDevBrokerWarningLine(t *testing.T) {
	dir := t.TempDir()
	_, stop := startDev(t, "--listen", "127.0.0.1:0", "--data-dir", dir, "--no-registry")
	if code, stderr := stop(); code != 0 {
		t.Fatalf("stop: exit %d: %s", code, stderr)
	}
	f, err := os.OpenFile(filepath.Join(dir, "groups.log"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("garbage!!"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	addr, stop := startDev(t, "--listen", "127.0.0.1:0", "--data-dir", dir, "--no-registry")
	want := "shore dev: broker: warning: groups.log: discarding 9 corrupt trailing bytes\n" +
		"shore dev: 1 broker at " + addr + ", state kept in " + dir + "; Ctrl-C stops\nshore dev: stopping\n"
	if code, stderr := stop(); code != 0 || stderr != want {
		t.Fatalf("restart: exit %d stderr %q, want %q", code, stderr, want)
	}
}

// The names shore dev's flags had before still work for one release, with
// a warning on stderr (never on stdout, where the address goes).
func TestDevDeprecatedNames(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.pem")
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"--brokers", "0"}, "shore: warning: shore dev --brokers is deprecated and will be removed; use --num-brokers\n" +
			"shore: --brokers 0: want at least 1\n"},
		{[]string{"--tls-cert", missing}, "shore: warning: shore dev --tls-cert is deprecated and will be removed; use --server-cert\n" +
			"shore: --server-cert and --server-key go together: give --server-key too\n"},
		{[]string{"--tls-key", missing, "--server-cert", missing, "--sasl", "x"}, "shore: warning: shore dev --tls-key is deprecated and will be removed; use --server-key\n" +
			"shore: --sasl: want USER:PASSWORD\n"},
	} {
		res := shoretest.Run(t, append([]string{"dev", "--listen", "127.0.0.1:0"}, tc.args...)...)
		wantRun(t, res, 2, "", tc.stderr+seeHelpFor("dev"))
	}
	res := shoretest.Run(t, "dev", "--help")
	if strings.Contains(res.Stdout, "--brokers int") || strings.Contains(res.Stdout, "--tls-key string   ") {
		t.Errorf("help shows the old names:\n%s", res.Stdout)
	}
}

func TestDevUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--topic", "orders:0"}, `--topic: topic "orders:0": partitions "0": want a whole number of at least 1`},
		{[]string{"--topic", "orders:20000"}, `--topic: topic "orders:20000": 20000 partitions: shore dev holds at most 10000 in one topic`},
		{[]string{"--topic", "orders:99999999999"}, `--topic: topic "orders:99999999999": 99999999999 partitions: shore dev holds at most 10000 in one topic`},
		{[]string{"--topic", "bad name"}, `--topic: topic name "bad name": ' ' is not allowed (only ASCII letters, digits, '.', '_' and '-')`},
		{[]string{"--listen", "9092"}, `--listen "9092": want host:port, such as 127.0.0.1:9092 (port 0 picks a free one)`},
		{[]string{"--listen", "127.0.0.1:http"}, `--listen "127.0.0.1:http": port "http" is not a number from 0 to 65535`},
		{[]string{"--listen", "127.0.0.1:65535", "--num-brokers", "2"}, "--listen 127.0.0.1:65535: 2 brokers need ports up to 65536, past 65535"},
		{[]string{"--num-brokers", "0"}, "--num-brokers 0: want at least 1"},
		{[]string{"--num-brokers", "65"}, "--num-brokers 65: want at most 64, each a listener and goroutines in this one process"},
		{[]string{"--registry-listen", "8081"}, `--registry-listen "8081": want host:port, such as 127.0.0.1:8081 (port 0 picks a free one)`},
		{[]string{"--topic", "x:2", "--topic", "x:3"}, "--topic x is given twice (x:2, x:3)"},
		{[]string{"--topic", "a.b", "--topic", "a_b:2"}, "--topic a.b and a_b differ only in '.' and '_', which Kafka counts as the same: give one of them"},
		{[]string{"--no-registry", "--registry-listen", "127.0.0.1:8081"}, "--registry-listen and --no-registry contradict each other: choose one"},
		// The users, never their passwords.
		{[]string{"--sasl", "alice:a-Secret", "--sasl", "bob:b-Secret"}, `--sasl is given twice (users "alice" and "bob"): shore dev has one user, whom every client logs in as`},
	} {
		res := shoretest.Run(t, append([]string{"dev"}, tc.args...)...)
		wantRun(t, res, 2, "", "shore: "+tc.msg+"\n"+seeHelpFor("dev"))
	}
}

// devProcess starts the shore binary's dev command and returns it with the
// address from its first line.
func devProcess(t *testing.T, stderr io.Writer, args ...string) (*exec.Cmd, string) {
	t.Helper()
	c := exec.Command(shoretest.Binary(t), append([]string{"dev"}, args...)...)
	c.Env = shoretest.Environ(t, nil)
	c.Stderr = stderr
	out, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c.ProcessState == nil {
			_ = c.Process.Kill()
			_ = c.Wait()
		}
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("shore dev: no address line: %v", err)
	}
	return c, strings.TrimSuffix(line, "\n")
}

func TestDevBinaryStopsOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			var stderr syncBuffer
			c, addr := devProcess(t, &stderr, "--listen", "127.0.0.1:0")
			if res := against(t, addr, "topics", "list"); res.Code != 0 {
				t.Fatalf("topics list against the binary: %s", res.Stderr)
			}
			if err := c.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			waited := make(chan error, 1)
			go func() { waited <- c.Wait() }()
			select {
			case err := <-waited:
				if err != nil || !strings.HasSuffix(stderr.String(), "shore dev: stopping\n") {
					t.Fatalf("after %s: %v, stderr %q", sig, err, stderr.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("still running 10s after %s", sig)
			}
		})
	}
}

func TestDevBinaryPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	c := exec.Command(shoretest.Binary(t), "dev", "--listen", addr)
	c.Env = shoretest.Environ(t, nil)
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	err = c.Run()
	if c.ProcessState.ExitCode() != 1 || stdout.String() != "" || stderr.String() != "shore: cannot listen on "+addr+": address already in use\n" {
		t.Fatalf("exit %v stdout %q stderr %q", err, stdout.String(), stderr.String())
	}
}

func TestKcatProducesToDev(t *testing.T) {
	peers.Kcat(t)
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--topic", "clicks:3")
	var input strings.Builder
	ends := make([]int, 3)
	for i := range 20 {
		key := "user-" + strconv.Itoa(i%7)
		fmt.Fprintf(&input, "%s:click %d\n", key, i)
		ends[peers.KcatPartition(key, 3)]++
	}
	peers.RunKcat(t, input.String(), "-P", "-b", addr, "-t", "clicks", "-K:")

	var offsets, partitions strings.Builder
	offsets.WriteString("TOPIC   PARTITION  LOG-START  LOG-END\n")
	partitions.WriteString("PARTITION  LEADER  REPLICAS  ISR  LOG-START  LOG-END\n")
	for p, end := range ends {
		fmt.Fprintf(&offsets, "clicks  %d          0          %d\n", p, end)
		fmt.Fprintf(&partitions, "%d          0       0         0    0          %d\n", p, end)
	}
	wantRun(t, against(t, addr, "offsets", "clicks"), 0, offsets.String(), "")
	wantRun(t, against(t, addr, "topics", "describe", "clicks"), 0,
		"NAME    PARTITIONS  REPLICAS\nclicks  3           1\n\n"+partitions.String(), "")
}

const kafkaPythonRoundTrip = `
import sys
from kafka import KafkaProducer, KafkaConsumer
addr, topic = sys.argv[1], sys.argv[2]
p = KafkaProducer(bootstrap_servers=addr)
for i in range(3):
    p.send(topic, key=b"k%d" % i, value=b"v%d" % i, partition=i % 2).get(timeout=10)
p.close()
c = KafkaConsumer(topic, bootstrap_servers=addr, auto_offset_reset="earliest", consumer_timeout_ms=10000)
got = []
for m in c:
    got.append((m.partition, m.offset, m.key.decode(), m.value.decode()))
    if len(got) == 3:
        break
c.close()
got.sort()
for g in got:
    print(*g)
`

const kafkaPythonTopicConfigs = `
import sys
from kafka.admin import KafkaAdminClient, ConfigResource, ConfigResourceType
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1])
shown = ("segment.jitter.ms", "retention.ms", "min.cleanable.dirty.ratio", "unclean.leader.election.enable", "group.initial.rebalance.delay.ms")
for typ, name, names in ((ConfigResourceType.TOPIC, sys.argv[2], None),
                         (ConfigResourceType.TOPIC, sys.argv[2], {"retention.ms": None, "segment.jitter.ms": None}),
                         (ConfigResourceType.BROKER, "0", None)):
    res = admin.describe_configs([ConfigResource(typ, name, names)])
    configs = sorted(res[0].resources[0][4])
    print(len(configs) if typ == ConfigResourceType.TOPIC else "broker", " ".join("%s=%s/%d" % (c[0], c[1], c[3]) for c in configs if c[0] in shown))
admin.close()
`

// kafka-python's describe_configs lists every setting of a topic, as
// Apache Kafka 4.3 describes 33, each at Kafka's default (source 5,
// DEFAULT_CONFIG) unless set; kfake described ten. Asked for two, it
// lists those. A broker's lists group.initial.rebalance.delay.ms, 0 as
// kfake does it (source 4, STATIC_BROKER_CONFIG), which kfake left out.
func TestKafkaPythonDescribesSettings(t *testing.T) {
	peers.Python(t)
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--no-registry")
	wantRun(t, against(t, addr, "topics", "create", "settings", "-c", "retention.ms=1000"), 0, "NAME      PARTITIONS  REPLICAS\nsettings  1           1\n", "")
	want := "33 min.cleanable.dirty.ratio=0.5/5 retention.ms=1000/1 segment.jitter.ms=0/5 unclean.leader.election.enable=false/5\n" +
		"2 retention.ms=1000/1 segment.jitter.ms=0/5\n" +
		"broker group.initial.rebalance.delay.ms=0/4\n"
	if out := peers.RunPython(t, kafkaPythonTopicConfigs, addr, "settings"); out != want {
		t.Fatalf("kafka-python describe_configs:\n%swant\n%s", out, want)
	}
}

const kafkaPythonChangesTopics = `
import sys
from kafka.admin import KafkaAdminClient, NewPartitions, ConfigResource, ConfigResourceType
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1])
try:
    admin.create_partitions({"grown": NewPartitions(3), "huge": NewPartitions(10001)})
    print("create_partitions: no error")
except Exception as e:
    print("create_partitions:", type(e).__name__)
res = admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, "set", {"retention.ms": "3600000"}),
                           ConfigResource(ConfigResourceType.TOPIC, "badly-set", {"retention.ms": "abc"})])
for code, message, _, name in sorted(res.resources, key=lambda r: r[3]):
    print("alter_configs:", name, code, message)
admin.close()
`

// kafka-python grows two topics in one request, one past shore dev's
// 10000 partitions, and changes the settings of two, one to a value
// Kafka refuses: as Apache Kafka answers each topic for itself, the good
// ones are grown and changed, and each bad one is refused in its own
// answer (kafka-python raises for the refused growth). shore dev refused
// both requests whole, changing nothing.
func TestKafkaPythonChangesTopicsAlone(t *testing.T) {
	peers.Python(t)
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--no-registry", "--topic", "grown", "--topic", "huge", "--topic", "set", "--topic", "badly-set")
	want := "create_partitions: InvalidPartitionsError\n" +
		"alter_configs: badly-set 40 Invalid value abc for configuration retention.ms: Not a number of type LONG\n" +
		"alter_configs: set 0 None\n"
	if out := peers.RunPython(t, kafkaPythonChangesTopics, addr); out != want {
		t.Fatalf("kafka-python:\n%swant\n%s", out, want)
	}
	wantRun(t, against(t, addr, "topics", "list"), 0,
		"NAME       PARTITIONS  REPLICAS\nbadly-set  1           1\ngrown      3           1\nhuge       1           1\nset        1           1\n", "")
	partition := "PARTITION  LEADER  REPLICAS  ISR  LOG-START  LOG-END\n0          0       0         0    0          0\n"
	wantRun(t, against(t, addr, "topics", "describe", "set", "badly-set"), 0,
		"NAME       PARTITIONS  REPLICAS\nbadly-set  1           1\n\n"+partition+"\n"+
			"NAME  PARTITIONS  REPLICAS\nset   1           1\n\nCONFIG        VALUE    SOURCE\nretention.ms  3600000  DYNAMIC_TOPIC_CONFIG\n\n"+partition, "")
}

func TestKafkaPythonUsesDev(t *testing.T) {
	peers.Python(t)
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--topic", "py:2")
	if out := peers.RunPython(t, kafkaPythonRoundTrip, addr, "py"); out != "0 0 k0 v0\n0 1 k2 v2\n1 0 k1 v1\n" {
		t.Fatalf("kafka-python:\n%s", out)
	}
	wantRun(t, against(t, addr, "offsets", "py"), 0,
		"TOPIC  PARTITION  LOG-START  LOG-END\npy     0          0          2\npy     1          0          1\n", "")
}

func TestDemoScript(t *testing.T) {
	out, err := exec.Command("bash", "../scripts/demo.sh", shoretest.Binary(t)).CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/demo.sh: %v\n%s", err, out)
	}
	for _, want := range []string{
		"$ shore offsets orders\nTOPIC ",
		"| shore produce orders -K: -m\n{\"topic\":\"orders\",",
		// partitions in the order the broker's answers came
		"$ shore consume orders -e -f '%p/%o %k = %v\\n'\n",
		"\n0/0 customer-1 = order 1\n",
		"2/3 customer-9 = refund\n",
		"$ shore groups describe billing\nGROUP        billing\n",
		"shore: dry run: nothing changed; add --execute to commit these offsets\n",
		"$ shore groups seek billing --to start --execute\nTOPIC   PARTITION  PREVIOUS  NEW",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the demo does not show %q:\n%s", want, out)
		}
	}
}

// TestDevRefusesClassicMemberInConsumerGroup: shore dev does not mix a
// classic member (shore consume -g) into a KIP-848 consumer group with
// members, which kfake would take and then drop at every heartbeat for
// ever; the join is refused, and consume says why in one line and exits 1.
// Once the group is empty it takes shore and keeps its commits, as Kafka 4
// turns an empty consumer group classic: shore reads on from them.
func TestDevRefusesClassicMemberInConsumerGroup(t *testing.T) {
	t.Parallel()
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--no-registry", "--topic", "orders")
	run := devRunner(t, addr)
	wantRun(t, run("a\n", "produce", "orders"), 0, "", "")
	member := consumerProtocolMember(t, addr, "billing", "orders", 1)
	refused := `shore: group "billing": the broker refuses this member (INCONSISTENT_GROUP_PROTOCOL): ` +
		`the group's members speak another protocol, or none of them takes --balancer cooperative-sticky; ` +
		`shore dev also refuses a classic member, such as shore's, in a group of KIP-848 (consumer protocol) members, which Kafka 4 takes` + "\n"
	wantRun(t, run("", "consume", "orders", "-g", "billing", "-e"), 1, "", refused)
	member.Close()
	wantRun(t, run("b\n", "produce", "orders"), 0, "", "")
	wantRun(t, run("", "consume", "orders", "-g", "billing", "-e"), 0, "b\n", "")
	wantRun(t, run("", "consume", "orders", "-g", "billing", "-e"), 0, "", "")
}

// TestDevConsumerGroupKeptInDataDirTakesClassicMember: an empty KIP-848
// group kept in --data-dir takes a classic member after a restart and keeps
// its commits, as it does before (a classic join to it waited for ever).
func TestDevConsumerGroupKeptInDataDirTakesClassicMember(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	addr, stop := startDev(t, "--listen", "127.0.0.1:0", "--no-registry", "--data-dir", dir, "--topic", "orders")
	run := devRunner(t, addr)
	wantRun(t, run("a\n", "produce", "orders"), 0, "", "")
	consumerProtocolMember(t, addr, "billing", "orders", 1).Close()
	if code, stderr := stop(); code != 0 {
		t.Fatalf("shore dev: exit %d: %s", code, stderr)
	}
	addr, _ = startDev(t, "--listen", "127.0.0.1:0", "--no-registry", "--data-dir", dir)
	run = devRunner(t, addr)
	wantRun(t, run("b\n", "produce", "orders"), 0, "", "")
	wantRun(t, run("", "consume", "orders", "-g", "billing", "-e"), 0, "b\n", "")
}

// devRunner runs shore against the shore dev at addr, with stdin, within 20s.
func devRunner(t *testing.T, addr string) func(stdin string, args ...string) shoretest.Result {
	return func(stdin string, args ...string) shoretest.Result {
		return shoretest.RunWith(t, shoretest.Opts{Stdin: stdin, Timeout: 20 * time.Second, Env: map[string]string{"SHORE_BROKERS": addr}}, args...)
	}
}

// consumerProtocolMember is a KIP-848 member of group, with opts, that has
// read the first n records of topic and committed them; the test closes it.
func consumerProtocolMember(t *testing.T, addr, group, topic string, n int, opts ...kgo.Opt) *kgo.Client {
	t.Helper()
	member, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(addr), kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.ServerSideBalancer(), kgo.Balancers(kgo.RangeBalancer())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(member.Close)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	if fetches := member.PollFetches(ctx); fetches.NumRecords() != n {
		t.Fatalf("the KIP-848 member read %d records: %v", fetches.NumRecords(), fetches.Errors())
	}
	if err := member.CommitUncommittedOffsets(ctx); err != nil {
		t.Fatal(err)
	}
	return member
}
