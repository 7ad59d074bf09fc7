package schema

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// kafkaProbeWait bounds the question whether the registry's address is a
// Kafka broker's. One answers in milliseconds, but a broker on a loaded
// machine took longer than half a second, the bound before, and the
// error said only that the port closed the connection. The wait costs
// only a port that takes the question and never answers it, and only on
// a command that has already failed.
const kafkaProbeWait = 2 * time.Second

// probeWait is how long the Kafka question may wait for a request with
// left of its time: kafkaProbeWait, or half of a shorter time. A request
// still unanswered when only that much of its time is left asks it then,
// so that the answer is there when the request times out; one that the
// port closed earlier asks at once, for as long, and so ends in time too.
func probeWait(left time.Duration) time.Duration {
	return min(kafkaProbeWait, left/2)
}

// malformedHTTP finds what net/http quotes of an answer that is not HTTP.
var malformedHTTP = regexp.MustCompile(`malformed HTTP response ("(?:[^"\\]|\\.)*")`)

// foreignCause says what is at the registry's address in place of a
// registry, for a request err that got no HTTP answer there: a Kafka
// broker (which closes the connection on an HTTP request, as shore dev's
// does too), a server that answered in another protocol, or one that
// closed the connection without a word. It is "" for any other failure,
// and for a request that a redirect sent elsewhere.
func (r *Registry) foreignCause(err error) string {
	if r.redirectedTo(err) != "" {
		return ""
	}
	if m := malformedHTTP.FindStringSubmatch(err.Error()); m != nil {
		return notHTTP(m[1])
	}
	if strings.Contains(err.Error(), "readLoopPeekFailLocked") {
		// The server spoke before the request was written: Go's HTTP
		// client calls that an unsolicited response, and says no more.
		if first := firstLine(r.hostPort, kafkaProbeWait); first != "" {
			return notHTTP(strconv.Quote(first))
		}
	}
	// Go's HTTP client says "server closed idle connection" of a
	// connection closed before it wrote the request on it.
	closed := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		strings.Contains(err.Error(), "server closed idle connection")
	timedOut := errors.Is(err, context.DeadlineExceeded) || registryTimedOut(err)
	switch {
	// A request that timed out has no time left to ask in: the question
	// was asked while it waited.
	case closed && r.kafka.ask(probeWait(r.timeout)), !closed && timedOut && r.kafka.asked():
		return kafkaCause
	case !closed:
		return ""
	case r.scheme == "https":
		return "it closed the connection without answering: does it expect plain HTTP (an http:// URL)?"
	}
	return "it closed the connection without answering: is this the schema registry's address?"
}

// kafkaCause says that the registry's address is a Kafka broker's.
const kafkaCause = "it speaks Kafka's protocol, not HTTP: that is a Kafka broker's address, not the schema registry's"

// notHTTP says that the registry's port answered with quoted, which is
// not HTTP.
func notHTTP(quoted string) string {
	return "it answered with something that is not HTTP (" + quoted + "), so it is no schema registry's port"
}

// firstLine is the first line that addr sends unasked within wait, without
// its line end and at most 64 bytes of it: the banner of a server that
// speaks first (SSH, SMTP). It is "" when addr sends nothing.
func firstLine(addr string, wait time.Duration) string {
	conn, err := dialWithin(addr, wait)
	if err != nil {
		return ""
	}
	defer conn.Close()
	buf := make([]byte, 64)
	n, _ := io.ReadAtLeast(conn, buf, 1)
	line, _, _ := strings.Cut(string(buf[:n]), "\n")
	return strings.TrimSuffix(line, "\r")
}

// kafkaProbe asks once whether addr, the registry's host and port,
// answers a Kafka request as a broker does, in plaintext or, as a TLS
// listener's broker answers, over TLS.
type kafkaProbe struct {
	addr    string
	once    sync.Once
	started atomic.Bool
	isKafka bool
}

// ask reports whether addr is a Kafka broker's. The first call asks,
// waiting at most wait; the others wait for its answer.
func (p *kafkaProbe) ask(wait time.Duration) bool {
	p.once.Do(func() {
		p.started.Store(true)
		deadline := time.Now().Add(wait)
		p.isKafka = speaksKafka(p.addr, false, deadline) || speaksKafka(p.addr, true, deadline)
	})
	return p.isKafka
}

// asked is ask for a request that timed out: the answer of a question
// asked while it waited, and false when none was (a port that answered it
// in HTTP and then stalled), as asking now would outlast the timeout.
func (p *kafkaProbe) asked() bool {
	return p.started.Load() && p.ask(kafkaProbeWait)
}

// probingTransport asks probe, of a request to probe's address that has
// not been answered when only probeWait of its time is left, whether the
// address is a Kafka broker's.
type probingTransport struct {
	next  http.RoundTripper
	probe *kafkaProbe
}

func (t probingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	deadline, ok := req.Context().Deadline()
	left := time.Until(deadline)
	wait := probeWait(left)
	if !ok || wait <= 0 || hostPort(req.URL) != t.probe.addr {
		return t.next.RoundTrip(req)
	}
	timer := time.AfterFunc(left-wait, func() { t.probe.ask(wait) })
	defer timer.Stop()
	return t.next.RoundTrip(req)
}

// hostPort is where a request to base goes: its host and port, the
// scheme's when it names none.
func hostPort(base *url.URL) string {
	port := base.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[base.Scheme]
	}
	return net.JoinHostPort(base.Hostname(), port)
}

// speaksKafka reports whether addr answers an ApiVersions request with a
// Kafka response to it before deadline, in plaintext or over TLS.
func speaksKafka(addr string, overTLS bool, deadline time.Time) bool {
	conn, err := dialWithin(addr, time.Until(deadline))
	if err != nil {
		return false
	}
	defer conn.Close()
	if overTLS {
		// Only the ApiVersions request goes over this connection, to
		// learn what listens at the address, so its certificate does
		// not matter.
		conn = tls.Client(conn, &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12}) //nolint:gosec // see above
	}
	// size 10; API key 18 (ApiVersions), version 0, correlation id 1, no
	// client id
	request := []byte{0, 0, 0, 10, 0, 18, 0, 0, 0, 0, 0, 1, 0xff, 0xff}
	if _, err := conn.Write(request); err != nil {
		return false
	}
	var head [8]byte // the response's size and correlation id
	if _, err := io.ReadFull(conn, head[:]); err != nil {
		return false
	}
	size := binary.BigEndian.Uint32(head[:4])
	return size >= 4 && size < 1<<20 && binary.BigEndian.Uint32(head[4:]) == 1
}

// dialWithin connects to addr with a deadline wait from now for
// connecting and for all that follows on the connection.
func dialWithin(addr string, wait time.Duration) (net.Conn, error) {
	deadline := time.Now().Add(wait)
	conn, err := (&net.Dialer{Deadline: deadline}).Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	_ = conn.SetDeadline(deadline)
	return conn, nil
}
