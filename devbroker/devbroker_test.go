package devbroker

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

func TestParseTopicSpec(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want TopicSpec
		err  string
	}{
		{"orders", TopicSpec{"orders", 0}, ""},
		{"orders:3", TopicSpec{"orders", 3}, ""},
		{"a.b_c-D9:12", TopicSpec{"a.b_c-D9", 12}, ""},
		{"", TopicSpec{}, `topic "": empty name: want NAME[:PARTITIONS]`},
		{":3", TopicSpec{}, `topic ":3": empty name: want NAME[:PARTITIONS]`},
		{"orders:", TopicSpec{}, `topic "orders:": partitions "": want a whole number of at least 1`},
		{"orders:0", TopicSpec{}, `topic "orders:0": partitions "0": want a whole number of at least 1`},
		{"orders:x", TopicSpec{}, `topic "orders:x": partitions "x": want a whole number of at least 1`},
		{"orders:1:2", TopicSpec{}, `topic "orders:1:2": partitions "1:2": want a whole number of at least 1`},
		{"orders:10000", TopicSpec{"orders", 10000}, ""},
		{"orders:10001", TopicSpec{}, `topic "orders:10001": 10001 partitions: shore dev holds at most 10000 in one topic`},
		{"orders:99999999999", TopicSpec{}, `topic "orders:99999999999": 99999999999 partitions: shore dev holds at most 10000 in one topic`},
		{"my topic", TopicSpec{}, `topic name "my topic": ' ' is not allowed (only ASCII letters, digits, '.', '_' and '-')`},
		{"..", TopicSpec{}, `topic name "..": '.' and '..' are not topic names`},
		{strings.Repeat("x", 250), TopicSpec{}, `topic name "xxxxxxxxxxxxxxxxxxxx"...: 250 characters, longer than Kafka's 249`},
	} {
		got, err := ParseTopicSpec(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseTopicSpec(%q) error %v, want %s", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseTopicSpec(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func FuzzParseTopicSpec(f *testing.F) {
	for _, s := range []string{"orders", "orders:3", ":", "a:0", "x:99999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spec, err := ParseTopicSpec(s)
		if err != nil {
			return
		}
		if spec.Partitions < 0 || spec.Partitions > MaxPartitions || spec.Partitions == 0 && strings.Contains(s, ":") || spec.Name == "" || strings.Contains(spec.Name, ":") || !strings.HasPrefix(s, spec.Name) {
			t.Fatalf("ParseTopicSpec(%q) = %+v", s, spec)
		}
	})
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		o   Options
		err string
	}{
		{Options{Listen: "127.0.0.1:9092", Brokers: 1}, ""},
		{Options{Listen: "127.0.0.1:0", Brokers: 5}, ""},
		{Options{Listen: "localhost:65535", Brokers: 1}, ""},
		{Options{Listen: "9092", Brokers: 1}, `listen "9092": want host:port, such as 127.0.0.1:9092 (port 0 picks a free one)`},
		{Options{Listen: ":9092", Brokers: 1}, `listen ":9092": want host:port, such as 127.0.0.1:9092 (port 0 picks a free one)`},
		{Options{Listen: "127.0.0.1:http", Brokers: 1}, `listen "127.0.0.1:http": port "http" is not a number from 0 to 65535`},
		{Options{Listen: "127.0.0.1:9092", Brokers: 0}, "brokers 0: want at least 1"},
		{Options{Listen: "127.0.0.1:65535", Brokers: 2}, "listen 127.0.0.1:65535: 2 brokers need ports up to 65536, past 65535"},
		{Options{Listen: "127.0.0.1:0", Brokers: 1, RegistryListen: "8081"}, `registry-listen "8081": want host:port, such as 127.0.0.1:8081 (port 0 picks a free one)`},
	} {
		t.Run(tc.o.Listen, func(t *testing.T) {
			err := tc.o.Check()
			if got := ""; err != nil {
				got = err.Error()
				if got != tc.err {
					t.Errorf("%+v: %s, want %s", tc.o, got, tc.err)
				}
			} else if tc.err != "" {
				t.Errorf("%+v: no error, want %s", tc.o, tc.err)
			}
		})
	}
}

func TestPortInUse(t *testing.T) {
	c, err := Start(context.Background(), Options{Listen: "127.0.0.1:0", Brokers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	addr := c.Addrs()[0]
	_, err = Start(context.Background(), Options{Listen: addr, Brokers: 1})
	if err == nil || err.Error() != "cannot listen on "+addr+": address already in use" {
		t.Fatalf("second cluster on %s: %v", addr, err)
	}
	// Two brokers from the port below the busy one: the second one's
	// consecutive port is the busy one.
	host, p, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(p)
	below := net.JoinHostPort(host, strconv.Itoa(port-1))
	_, err = Start(context.Background(), Options{Listen: below, Brokers: 2})
	switch {
	case err != nil && strings.HasPrefix(err.Error(), "cannot listen on "+below+":"):
		t.Skipf("%s is busy too: %v", below, err)
	case err == nil || err.Error() != "cannot listen on "+addr+": address already in use":
		t.Fatalf("brokers from %s: %v, want %s in use", below, err, addr)
	}
}

// Brokers advertised at an address this machine does not reach, a port
// forwarded to them from elsewhere, are told to clients as advertised, and
// still ask themselves what they need: a created topic comes back with
// every setting, which kafka-topics --create needs.
func TestAdvertisedElsewhere(t *testing.T) {
	free, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	listen := free.Addr().String()
	free.Close()
	c, err := Start(context.Background(), Options{Listen: listen, Brokers: 1, Advertise: "kafka.invalid:19092"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	if got := strings.Join(c.Addrs(), ","); got != "kafka.invalid:19092" {
		t.Fatalf("addresses %s, want kafka.invalid:19092", got)
	}
	forwarded := func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, listen)
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Addrs()...), kgo.Dialer(forwarded))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	md, err := kmsg.NewPtrMetadataRequest().RequestWith(ctx, cl)
	if err != nil {
		t.Fatal(err)
	}
	if b := md.Brokers; len(b) != 1 || b[0].Host != "kafka.invalid" || b[0].Port != 19092 {
		t.Errorf("metadata's brokers %+v, want kafka.invalid:19092", b)
	}
	create := kmsg.NewPtrCreateTopicsRequest()
	rt := kmsg.NewCreateTopicsRequestTopic()
	rt.Topic, rt.NumPartitions, rt.ReplicationFactor = "forwarded", 1, -1
	create.Topics = append(create.Topics, rt)
	created, err := create.RequestWith(ctx, cl)
	if err != nil {
		t.Fatal(err)
	}
	if got := created.Topics[0]; got.ErrorCode != 0 || len(got.Configs) < 10 {
		t.Errorf("created: error %d, settings %+v; want every setting", got.ErrorCode, got.Configs)
	}
}

func TestUnusableDataDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Start(context.Background(), Options{Listen: "127.0.0.1:0", Brokers: 1, DataDir: file})
	if want := "cannot use data directory " + file + ": not a directory"; err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

func TestRegistryPortInUse(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	addr := busy.Addr().String()
	_, err = Start(context.Background(), Options{Listen: "127.0.0.1:0", Brokers: 1, RegistryListen: addr})
	if want := "cannot listen on " + addr + ": address already in use (the schema registry's; see --registry-listen and --no-registry)"; err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

// A --registry-listen among the brokers' ports names the broker that
// holds it, not another process.
func TestRegistryListenOnBrokerPort(t *testing.T) {
	free, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	first := free.Addr().(*net.TCPAddr).Port
	free.Close()
	second := net.JoinHostPort("127.0.0.1", strconv.Itoa(first+1))
	_, err = Start(context.Background(), Options{Listen: free.Addr().String(), Brokers: 2, RegistryListen: second})
	want := "cannot listen on " + second + ": address already in use by broker 1 of this shore dev (the schema registry's: give --registry-listen a port that no broker listens on, or --no-registry)"
	// Another process may take a broker's port between the probe and
	// Start, the second one too: then a broker fails to listen, not the
	// registry, and there is nothing to test.
	var le *ListenError
	if errors.As(err, &le) && (le.Addr != second || !strings.Contains(le.Cause, "schema registry")) {
		t.Skipf("a port of the brokers was taken meanwhile: %v", err)
	}
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

func TestRegistryListenFor(t *testing.T) {
	for listen, want := range map[string]string{
		"127.0.0.1:9092": "127.0.0.1:8081",
		"localhost:0":    "localhost:0",
		"[::1]:19092":    "[::1]:8081",
	} {
		if got := RegistryListenFor(listen); got != want {
			t.Errorf("RegistryListenFor(%q) = %q, want %q", listen, got, want)
		}
	}
}

// startClient starts a cluster of one broker on a free port with o's
// topics, and a client of it with opts, both closed when the test ends; ctx
// bounds the test's requests.
func startClient(t *testing.T, o Options, opts ...kgo.Opt) (*kgo.Client, context.Context) {
	t.Helper()
	o.Listen, o.Brokers = "127.0.0.1:0", 1
	c, err := Start(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	cl, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(c.Addrs()...)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return cl, ctx
}

// Brokers listening on every interface advertise this machine's name, as
// Apache Kafka does without advertised.listeners (kfake advertised [::],
// which a client reaches only by luck), or 127.0.0.1 where the name does
// not resolve; a listen address that is no wildcard is advertised as it
// is (""), and --advertise wins over both.
func TestAdvertisedForWildcard(t *testing.T) {
	host, err := os.Hostname()
	if _, lookErr := net.LookupHost(host); err != nil || lookErr != nil {
		host = "127.0.0.1"
	}
	for _, c := range []struct {
		o    Options
		host string
		port int
	}{
		{Options{Listen: "0.0.0.0:9092"}, host, 0},
		{Options{Listen: "[::]:0"}, host, 0},
		{Options{Listen: "127.0.0.1:9092"}, "", 0},
		{Options{Listen: "0.0.0.0:9092", Advertise: "kafka.example.com:19092"}, "kafka.example.com", 19092},
	} {
		if h, p := c.o.advertised(context.Background()); h != c.host || p != c.port {
			t.Errorf("--listen %s --advertise %q: advertised %q, %d; want %q, %d", c.o.Listen, c.o.Advertise, h, p, c.host, c.port)
		}
	}
}
