package cmd_test

import (
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testserve"
)

// brokerCommands are every command that talks to the brokers, each with
// the stdin it reads and the prefix its line of a failed first contact
// has, and its exit status then: check and ready are gates (exit 3), and
// a port that is no Kafka broker's ends their --wait at once.
var brokerCommands = []struct {
	args   []string
	stdin  string
	code   int
	prefix string
}{
	{[]string{"produce", "orders"}, "a\n", 1, ""},
	{[]string{"consume", "orders", "-e"}, "", 1, ""},
	{[]string{"consume", "orders", "-g", "billing", "-e"}, "", 1, ""},
	{[]string{"topics", "list"}, "", 1, ""},
	{[]string{"topics", "describe", "orders"}, "", 1, ""},
	{[]string{"topics", "create", "orders"}, "", 1, ""},
	{[]string{"groups", "list"}, "", 1, ""},
	{[]string{"groups", "describe", "billing"}, "", 1, ""},
	{[]string{"offsets", "orders"}, "", 1, ""},
	{[]string{"cluster"}, "", 1, ""},
	{[]string{"check", "orders"}, "", 3, "check failed at connect: "},
	{[]string{"check", "orders", "--wait", "1m"}, "", 3, "check failed at connect: "},
	{[]string{"ready", "orders", "--wait", "1m"}, "", 3, "not ready: "},
}

// sshPort starts a server that, as SSH does, speaks first, and returns
// its address.
func sshPort(t *testing.T) string {
	t.Helper()
	return testserve.Each(t, func(conn net.Conn) {
		_, _ = io.WriteString(conn, "SSH-2.0-OpenSSH_9.6\r\n")
		_, _ = io.Copy(io.Discard, conn)
	})
}

// wantWithinTimeout runs shore with --timeout 5s and args, and wants exit
// code, nothing on stdout and stderr, within 8s: the timeout, the probes
// that tell what is at a wrong address (at most a second), and a moment
// on a loaded machine. No case waits for the timeout: each ends when the
// port answers, which with TLS and fifty commands at once on two loaded
// cores took more than 2s ('no answer within 2s').
func wantWithinTimeout(t *testing.T, o shoretest.Opts, args []string, code int, stderr string) {
	t.Helper()
	start := time.Now()
	res := shoretest.RunWith(t, o, append([]string{"--timeout", "5s"}, args...)...)
	wantRun(t, res, code, "", stderr)
	if took := time.Since(start); took > 8*time.Second {
		t.Errorf("took %s with --timeout 5s", took)
	}
}

// TestWrongPortAsBroker: every command given, as its broker, a port that
// is no Kafka broker's ends within --timeout (5s) and a little, exit 1 (3
// for the gates, whose --wait 1m it ends), with one line that names the
// address and what answered there; a port that closes at once, as a
// listener that wants SASL first may, is tried again until --wait. ready
// and check --wait tried a port that answers in HTTP or another protocol
// until --wait. A server that speaks first (SSH) or answers in its own protocol
// was franz-go's 'invalid large response size 1397966893 > limit
// 104857600: response exceeds BrokerMaxReadBytes' or 'correlation ID
// mismatch'; one that closes at once, as it had read nothing, Go's 'read
// tcp 127.0.0.1:35900->127.0.0.1:34987: read: connection reset by peer'
// (or, by the race, 'the broker closed the connection; it may require SASL
// authentication', which did not say it may be no broker's port); an HTTPS server
// with TLS on 'no answer within 2s'.
func TestWrongPortAsBroker(t *testing.T) {
	t.Parallel()
	https := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(https.Close)
	ssh := sshPort(t)
	// four bytes of size, then what is no Kafka response of that size
	garbage := testserve.Each(t, func(conn net.Conn) {
		if _, err := conn.Read(make([]byte, 512)); err == nil {
			_, _ = io.WriteString(conn, "\x00\x00\x00\x10garbage-garbage!")
			_, _ = io.Copy(io.Discard, conn)
		}
	})
	closes := testserve.Each(t, func(net.Conn) {})
	httpsAddr := strings.TrimPrefix(https.URL, "https://")
	httpsCA := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(httpsCA, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: https.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	notKafka := func(addr, said string) string {
		return "cannot connect to " + addr + ": it answered with something that is not Kafka's protocol (" + said +
			"), so it is no Kafka broker's port; give --brokers a Kafka broker's address, such as localhost:9092"
	}
	for _, port := range []struct {
		name  string
		flags []string
		line  string
		// retried: ready and check --wait try it again until --wait
		retried bool
	}{
		{"speaks first", []string{"-b", ssh}, notKafka(ssh, `"SSH-2.0-OpenSSH_9.6\r\n"`), false},
		{"answers garbage", []string{"-b", garbage}, notKafka(garbage, `"\x00\x00\x00\x10garbage-garbage!"`), false},
		{"closes at once", []string{"-b", closes},
			"cannot connect to " + closes + ": it closed the connection without answering: it may be no Kafka broker's port, or a listener that requires SASL authentication (--sasl-mechanism)", true},
		{"HTTPS with TLS", []string{"-b", httpsAddr, "--tls-ca", httpsCA},
			"cannot connect to " + httpsAddr + ": it answered like an HTTP server (a schema registry?), not a Kafka broker; give --brokers a Kafka broker's address, such as localhost:9092", false},
	} {
		for _, c := range brokerCommands {
			args, prefix, suffix := c.args, c.prefix, ""
			if port.retried && slices.Contains(args, "--wait") {
				args, prefix = []string{args[0], "orders", "--wait", "1s"}, strings.Replace(prefix, "not ready: ", "not ready after 1s: ", 1)
				if args[0] == "check" {
					suffix = "; tried for --wait 1s"
				}
			}
			t.Run(port.name+"/"+strings.Join(args, " "), func(t *testing.T) {
				t.Parallel()
				wantWithinTimeout(t, shoretest.Opts{Stdin: c.stdin, Env: map[string]string{"SHORE_BROKERS": testbroker.Closed(t)}},
					append(append([]string{}, port.flags...), args...), c.code, "shore: "+prefix+port.line+suffix+"\n")
			})
		}
	}
}

// registryStdin is what the produce commands of registryCommands read: a
// record of the schema they name.
const registryStdin = `{"id":"a"}` + "\n"

// registryCommands are commands that ask the schema registry, on a topic
// of their own that holds a record in the registry's wire format (schema
// id 1), each with the prefix its line of a failed registry request has.
func registryCommands(t *testing.T) []struct {
	args   []string
	prefix string
} {
	t.Helper()
	topic := testbroker.Topic(t, 1, nil)
	// magic byte 0, schema id 1
	testbroker.Produce(t, &kgo.Record{Topic: topic, Value: []byte("\x00\x00\x00\x00\x01\x02x")})
	avsc := schemaFile(t, "p.avsc", `{"type":"record","name":"P","fields":[{"name":"id","type":"string"}]}`)
	return []struct {
		args   []string
		prefix string
	}{
		{[]string{"registry", "list"}, ""},
		{[]string{"registry", "show", "orders-value"}, ""},
		{[]string{"produce", topic, "--value-schema-file", avsc, "--register"}, "--value-schema-file " + avsc + ": "},
		{[]string{"produce", topic, "--value-schema", "orders-value"}, ""},
		{[]string{"consume", topic, "-e", "--decode", "value"}, topic + ":0 offset 0: "},
	}
}

// TestWrongPortAsRegistry: every command that asks the schema registry,
// given as its URL a port that is no registry's, ends within --timeout
// (2s) and a little, exit 1, with one line that names the URL and what is
// there. A Kafka broker's was 'no answer within 2s' (shore dev's broker
// waits for the rest of a request the size "GET " spells; Apache Kafka
// closes the connection: 'EOF') or, for https://, Go's 'read tcp
// A->B: read: connection reset by peer'; a server that speaks first was
// 'net/http: HTTP/1.x transport connection broken: malformed HTTP response
// "SSH-2.0-OpenSSH_9.6"'; one that closes at once 'EOF'; a URL without a
// port 'connection refused', not saying that port 80 was tried. A
// broker that took a second to answer whether it speaks Kafka was one
// that closed the connection.
func TestWrongPortAsRegistry(t *testing.T) {
	t.Parallel()
	commands := registryCommands(t)
	kafka := testbroker.Brokers(t)[0]
	ssh := sshPort(t)
	closes := testserve.Each(t, func(net.Conn) {})
	// Apache Kafka closes the connection on an HTTP request (its first
	// four bytes make a size it refuses), and this one, as a broker on a
	// loaded machine may, answers ApiVersions after a second, where shore
	// waited half a second and said it closed the connection.
	slowKafka := testserve.Each(t, func(conn net.Conn) {
		var size [4]byte
		if _, err := io.ReadFull(conn, size[:]); err != nil || binary.BigEndian.Uint32(size[:]) != 10 {
			return
		}
		time.Sleep(time.Second)
		// a response of 4 bytes to correlation id 1
		_, _ = conn.Write([]byte{0, 0, 0, 4, 0, 0, 0, 1})
	})
	isKafka := ": it speaks Kafka's protocol, not HTTP: that is a Kafka broker's address, not the schema registry's"
	closed := ": it closed the connection without answering: "
	urls := []struct{ name, url, line string }{
		{"a Kafka broker", "http://" + kafka, isKafka},
		{"a Kafka broker, https", "https://" + kafka, isKafka},
		{"a Kafka broker slow to answer", "http://" + slowKafka, isKafka},
		{"speaks first", "http://" + ssh, `: it answered with something that is not HTTP ("SSH-2.0-OpenSSH_9.6"), so it is no schema registry's port`},
		{"closes at once", "http://" + closes, closed + "is this the schema registry's address?"},
		{"closes at once, https", "https://" + closes, closed + "does it expect plain HTTP (an http:// URL)?"},
	}
	if conn, err := net.Dial("tcp", "127.0.0.1:80"); err == nil {
		conn.Close()
	} else {
		urls = append(urls, struct{ name, url, line string }{"no port", "http://127.0.0.1",
			": connection refused on port 80, which a URL without a port means; Confluent's registry and shore dev's listen on 8081"})
	}
	for _, u := range urls {
		for _, c := range commands {
			t.Run(u.name+"/"+strings.Join(c.args, " "), func(t *testing.T) {
				t.Parallel()
				wantWithinTimeout(t, shoretest.Opts{Stdin: registryStdin}, append([]string{"--registry", u.url}, c.args...),
					1, "shore: "+c.prefix+"cannot reach schema registry "+u.url+u.line+"\n")
			})
		}
	}
}

// TestRegistryProbeWithinTimeout: a registry URL whose port takes the
// HTTP request and never answers it, a silent server's or, as shore dev's
// broker did, a Kafka broker's that waits for the rest of a request of
// the size "GET " spells, ends every registry command within --timeout,
// with the same line as before. Whether the port is a Kafka broker's was
// asked after the request timed out, for up to half a second more:
// --timeout 2s ended after 2.5s, saying 'no answer ... within 2s'. The
// question (an ApiVersions request) must come while the HTTP request still
// waits: the server, when it arrives, looks whether the client has closed
// the request's connection, which it does when it gives up on it. A server
// that answers in HTTP and then stalls before the end of its answer is
// asked nothing: it was asked after the timeout too.
func TestRegistryProbeWithinTimeout(t *testing.T) {
	t.Parallel()
	commands := registryCommands(t)
	for _, server := range []struct {
		name   string
		answer string // what it sends on an HTTP request
		kafka  bool   // answers the ApiVersions request
		line   string
	}{
		{"silent", "", false, "no answer from schema registry %s within 2s"},
		{"a Kafka broker", "", true, "cannot reach schema registry %s: it speaks Kafka's protocol, not HTTP: that is a Kafka broker's address, not the schema registry's"},
		{"stalls its answer", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{", false, "no answer from schema registry %s within 2s"},
	} {
		for _, c := range commands {
			t.Run(server.name+"/"+strings.Join(c.args, " "), func(t *testing.T) {
				t.Parallel()
				requests := make(chan net.Conn, 1)
				waiting := make(chan bool, 1) // whether the request waited still when the probe came
				addr := testserve.Each(t, func(conn net.Conn) {
					var size [4]byte
					if _, err := io.ReadFull(conn, size[:]); err != nil {
						return
					}
					if binary.BigEndian.Uint32(size[:]) != 10 { // "GET ", "POST"
						_, _ = io.WriteString(conn, server.answer)
						select {
						case requests <- conn:
							<-t.Context().Done()
						default:
						}
						return
					}
					if server.kafka {
						// a response of 4 bytes to correlation id 1
						_, _ = conn.Write([]byte{0, 0, 0, 4, 0, 0, 0, 1})
					}
					waiting <- stillOpen(<-requests)
				})
				url := "http://" + addr
				res := shoretest.RunWith(t, shoretest.Opts{Stdin: registryStdin}, append([]string{"--registry", url, "--timeout", "2s"}, c.args...)...)
				wantRun(t, res, 1, "", "shore: "+c.prefix+fmt.Sprintf(server.line, url)+"\n")
				// A probe came before the command ended, made after the
				// timeout or not; the server sees it within a moment.
				select {
				case open := <-waiting:
					switch {
					case server.answer != "":
						t.Error("a Kafka probe came, of a port that answered in HTTP")
					case !open:
						t.Error("the Kafka probe came after the HTTP request gave up; want it while the request waits")
					}
				case <-time.After(2 * time.Second):
					if server.answer == "" {
						t.Error("no Kafka probe came")
					}
				}
			})
		}
	}
}

// stillOpen reports whether the other side of conn keeps it open: what it
// sent is read, and no end follows within a moment.
func stillOpen(conn net.Conn) bool {
	_ = conn.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	_, err := io.Copy(io.Discard, conn)
	return errors.Is(err, os.ErrDeadlineExceeded)
}

// TestWrongSeedBesideGood: consume -e given, beside a good broker, a web
// port as a seed (which holds the first contact until it is given up on)
// reads the records and says nothing on stderr: first contact went on
// with the seed that answered, and the partitions are read from the
// brokers the cluster names. It warned 'cannot reach broker ADDR (read
// tcp A->B: i/o timeout); retrying until it answers' of the seed, which
// it never needed again.
func TestWrongSeedBesideGood(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	testbroker.Produce(t, &kgo.Record{Topic: topic, Value: []byte("v1")})
	web := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(web.Close)
	brokers := strings.TrimPrefix(web.URL, "http://") + "," + strings.Join(testbroker.Brokers(t), ",")
	res := shoretest.Run(t, "-b", brokers, "--timeout", "2s", "consume", topic, "-e")
	wantRun(t, res, 0, "v1\n", "")
}
