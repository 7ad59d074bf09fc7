// Package testbroker gives integration tests a Kafka to talk to: the brokers
// in SHORE_TEST_BROKERS (a real Apache Kafka, see make test-kafka) or, when
// that is unset, one in-process cluster per test binary, the embedded broker
// of shore dev (devbroker: kfake with Apache Kafka's refusals added). The
// same tests run against both, so they assert what Kafka does and shore dev
// does alike. Secured's SASL listeners are shore dev's too. Own, TLSServer
// and Secured's TLS listener are plain kfake: their tests hold or answer
// requests themselves, or need a broker that asks for a client certificate
// or presents a certificate of the test's, which shore dev does not do.
package testbroker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/devbroker"
)

// EnvBrokers names the environment variable that points the tests at a real
// cluster.
const EnvBrokers = "SHORE_TEST_BROKERS"

var shared struct {
	once    sync.Once
	brokers []string
	err     error
}

// Brokers returns the seed brokers every integration test of this binary
// shares. Tests keep out of each other's way by using their own topic and
// group names (Topic, Name).
func Brokers(t testing.TB) []string {
	t.Helper()
	shared.once.Do(func() {
		if env := os.Getenv(EnvBrokers); env != "" {
			shared.brokers = strings.Split(env, ",")
			return
		}
		// No schema registry: testregistry starts the tests' own.
		c, err := devbroker.Start(context.Background(), devbroker.Options{Listen: "127.0.0.1:0", Brokers: 1})
		if err != nil {
			shared.err = err
			return
		}
		// The cluster lives as long as the test binary: the process exit
		// closes its listeners.
		shared.brokers = c.Addrs()
	})
	if shared.err != nil {
		t.Fatalf("start the embedded broker: %v", shared.err)
	}
	return shared.brokers
}

// Real reports whether the tests run against SHORE_TEST_BROKERS.
func Real() bool { return os.Getenv(EnvBrokers) != "" }

// Client returns a plain franz-go client of the test cluster, closed when
// the test ends.
func Client(t testing.TB, opts ...kgo.Opt) *kgo.Client {
	t.Helper()
	cl, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(Brokers(t)...)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	return cl
}

// Admin returns an admin client of the test cluster.
func Admin(t testing.TB) *kadm.Client {
	t.Helper()
	return kadm.NewClient(Client(t, freshMetadata))
}

// freshMetadata has a client's metadata asked again as soon as 50 ms
// after the last time: kadm answers its requests from the client's cached
// metadata, which by default stays 5 s, so a wait for a topic just
// created (or deleted) on Apache Kafka saw the first answer for 5 s.
var freshMetadata = kgo.MetadataMinAge(50 * time.Millisecond)

// Name returns a name unique to this test and run, for a topic or a group:
// the test's name, the kind, and a random suffix.
func Name(t testing.TB, kind string) string {
	t.Helper()
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	base := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.', r == '_':
			return r
		}
		return '-'
	}, t.Name())
	if len(base) > 80 {
		base = base[:80]
	}
	return fmt.Sprintf("%s-%s-%s", base, kind, hex.EncodeToString(b[:]))
}

// Topic creates a topic with a unique name and the given partition count,
// waits until every partition has a leader, and deletes it when the test
// ends.
func Topic(t testing.TB, partitions int32, configs map[string]*string) string {
	t.Helper()
	name := Name(t, "topic")
	CreateTopic(t, name, partitions, configs)
	return name
}

// AnyTimestamp is the configuration of a topic that takes records of any
// timestamp: Apache Kafka 4, and shore dev as it, refuses one more than an
// hour ahead of its clock (message.timestamp.after.max.ms).
func AnyTimestamp() map[string]*string {
	forever := "9223372036854775807"
	return map[string]*string{"message.timestamp.after.max.ms": &forever}
}

// CreateTopic creates the named topic and waits until it is usable.
func CreateTopic(t testing.TB, name string, partitions int32, configs map[string]*string) {
	t.Helper()
	adm := Admin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := adm.CreateTopic(ctx, partitions, 1, configs, name)
	if err == nil {
		err = resp.Err
	}
	if err != nil {
		t.Fatalf("create topic %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _ = adm.DeleteTopics(ctx, name)
	})
	waitPartitions(ctx, t, adm, name, partitions)
}

// AddPartitions grows topic to partitions and waits until the cluster's
// metadata shows them all with a leader: Apache Kafka answers
// CreatePartitions before every broker knows, and a client that asks one
// then sees the topic as it was.
func AddPartitions(t testing.TB, topic string, partitions int) {
	t.Helper()
	adm := Admin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := adm.UpdatePartitions(ctx, partitions, topic)
	if err == nil {
		err = resp.Error()
	}
	if err != nil {
		t.Fatalf("add partitions to %s: %v", topic, err)
	}
	waitPartitions(ctx, t, adm, topic, int32(partitions))
}

// waitPartitions waits until the metadata shows topic with partitions
// partitions, each with a leader, or fails the test when ctx ends.
func waitPartitions(ctx context.Context, t testing.TB, adm *kadm.Client, name string, partitions int32) {
	t.Helper()
	for {
		md, err := adm.Metadata(ctx, name)
		if err == nil {
			if td, ok := md.Topics[name]; ok && td.Err == nil && len(td.Partitions) == int(partitions) {
				ready := true
				for _, p := range td.Partitions {
					ready = ready && p.Leader >= 0 && p.Err == nil
				}
				if ready {
					return
				}
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("topic %s not ready with %d partitions: %v", name, partitions, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Produce writes records to the test cluster synchronously with a plain
// franz-go client, for tests that need data to exist before shore runs.
func Produce(t testing.TB, records ...*kgo.Record) []*kgo.Record {
	t.Helper()
	cl := Client(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx, records...).FirstErr(); err != nil {
		t.Fatalf("produce: %v", err)
	}
	return records
}

// Closed returns a local address that refuses connections until the test
// ends: a broker that is down. Its port is bound and not listening, so a
// dial is refused as by a closed port, and no listener of this or another
// test process (a Silent one, a kfake cluster) can be given it meanwhile,
// as one could a port that was listened on and closed again.
func Closed(t testing.TB) string {
	t.Helper()
	syscall.ForkLock.RLock()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err == nil {
		syscall.CloseOnExec(fd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		t.Fatalf("socket: %v", err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatalf("bind: %v", err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatalf("getsockname: %v", err)
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(sa.(*syscall.SockaddrInet4).Port))
}

// Silent returns the address of a listener that accepts connections
// and never answers: a hung broker, or a firewall that swallows packets
// after the handshake.
func Silent(t testing.TB) string {
	addr, _ := SilentCounting(t)
	return addr
}

// SilentCounting is Silent, and also returns how many connections the
// listener has accepted so far, so a test can wait until a client is stuck.
func SilentCounting(t testing.TB) (addr string, accepted func() int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var n atomic.Int32
	go func() {
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			conns = append(conns, c)
		}
	}()
	return ln.Addr().String(), func() int { return int(n.Load()) }
}
