package connect

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"sort"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/config"
)

// dialer opens the client's connections: TCP, then the TLS handshake when
// TLS is on. It does the handshake itself, rather than leave it to
// kgo.DialTLSConfig, to tell a handshake that got no answer at all (a
// plaintext port) from a slow network, and it sends the probes that explain
// a failed first contact.
type dialer struct {
	tls     *tls.Config // nil: plaintext
	timeout time.Duration
	// unanswered counts handshakes that are waiting or have failed
	// without receiving a single byte.
	unanswered atomic.Int32
	// spokeKafka is set once a broker answered a request, so the port
	// speaks Kafka in the way the client talks to it.
	spokeKafka atomic.Bool
	// silence, for an admin client, treats brokers that did not answer
	// as down; nil for other clients.
	silence *silence
	// passwordNote is what a refused login adds about the password
	// (see passwordNote in explain.go); "" for none.
	passwordNote string
	// fetchReceiving is ClientOptions.FetchReceiving; nil for none.
	fetchReceiving func(addr string)
	// heard is the first answer that arrived in plaintext before any
	// broker spoke Kafka, to quote what a port that is no Kafka
	// broker's said.
	heard atomic.Pointer[firstAnswer]
	// cfg is the configuration the client was made from: a failed dial
	// of an address that is none of its brokers is explained with it
	// (see advertised); nil explains none.
	cfg *config.Config
}

// firstAnswer is the beginning of what addr sent first.
type firstAnswer struct {
	addr  string
	bytes []byte
}

// wait bounds a dial and a TLS handshake: the timeout, or once an admin
// client made first contact the request bound, after which the broker is
// treated as silent.
func (d *dialer) wait() time.Duration {
	if d.silence != nil && d.silence.armed.Load() {
		return d.silence.bound
	}
	return d.timeout
}

// OnBrokerRead implements kgo.HookBrokerRead.
func (d *dialer) OnBrokerRead(_ kgo.BrokerMetadata, _ int16, _ int, _, _ time.Duration, err error) {
	// Load first: this runs for every response of the client's life.
	if err == nil && !d.spokeKafka.Load() {
		d.spokeKafka.Store(true)
	}
}

// handshakeError is a TLS handshake that failed.
type handshakeError struct {
	err      error
	answered bool // the other side sent something
}

func (e *handshakeError) Error() string { return "TLS handshake: " + e.err.Error() }
func (e *handshakeError) Unwrap() error { return e.err }

// DialContext has the signature kgo.Dialer wants.
func (d *dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	if err := d.silence.refusal(network, addr); err != nil {
		return nil, err
	}
	wait := d.wait()
	conn, err := (&net.Dialer{Timeout: wait}).DialContext(ctx, network, addr)
	if err != nil {
		var opErr *net.OpError
		if errors.As(err, &opErr) && opErr.Timeout() && ctx.Err() == nil {
			d.silence.mark(addr)
		}
		return nil, d.advertised(addr, err)
	}
	conn = d.silence.track(addr, conn)
	if d.tls == nil {
		if !d.spokeKafka.Load() {
			conn = &listening{Conn: conn, addr: addr, d: d}
		}
		return d.watchFetches(addr, conn), nil
	}
	c := d.tls.Clone()
	if c.ServerName == "" {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			host = addr
		}
		c.ServerName = host
	}
	d.unanswered.Add(1)
	counted := &firstRead{Conn: conn, onFirst: func() { d.unanswered.Add(-1) }}
	tc := tls.Client(counted, c)
	hctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	if err := tc.HandshakeContext(hctx); err != nil {
		if !counted.seen.Load() && hctx.Err() != nil && ctx.Err() == nil {
			d.silence.mark(addr)
		}
		conn.Close()
		return nil, d.advertised(addr, &handshakeError{err: err, answered: counted.seen.Load()})
	}
	return d.watchFetches(addr, tc), nil
}

// advertised returns err, the failed dial of addr, as an *AdvertisedError
// when addr is none of the bootstrap brokers (the client learned it from
// the cluster's metadata, which a bootstrap broker answered) and the
// address itself is at fault: its host does not resolve, or the TLS
// handshake there failed on a certificate. A refused or unanswered
// connection is left as it is: that broker may be down, which the
// commands report in their own words.
func (d *dialer) advertised(addr string, err error) error {
	if d.cfg == nil || slices.ContainsFunc(d.cfg.Brokers, func(b string) bool { return seedAddr(b) == addr }) {
		return err
	}
	var dnsErr *net.DNSError
	if !(errors.As(err, &dnsErr) && dnsErr.IsNotFound) && !errors.As(err, new(*tls.CertificateVerificationError)) && !isRemoteTLSAlert(err) {
		return err
	}
	return &AdvertisedError{Addr: addr, Seeds: d.cfg.Brokers, Cause: advertisedCause(d.cfg, clientLeaf(d.tls), err, d.wait()), err: err}
}

// watchFetches wraps conn, to addr, in a fetchWatch when the client's
// options ask to hear of fetch answers arriving.
func (d *dialer) watchFetches(addr string, conn net.Conn) net.Conn {
	if d.fetchReceiving == nil {
		return conn
	}
	return &fetchWatch{Conn: conn, addr: addr, receiving: d.fetchReceiving}
}

// fetchWatch calls receiving(addr) whenever bytes arrive on a connection
// whose last request was a fetch. It reads the API key of each request
// the client writes, in the clear: kgo writes a request whole, in one
// Write, and sends fetches on connections of their own.
type fetchWatch struct {
	net.Conn
	addr      string
	receiving func(addr string)
	fetching  atomic.Bool
}

func (c *fetchWatch) Write(p []byte) (int, error) {
	// A request is its size (4 bytes), then its API key (2).
	if len(p) >= 6 {
		c.fetching.Store(int16(binary.BigEndian.Uint16(p[4:6])) == kmsg.Fetch.Int16())
	}
	return c.Conn.Write(p)
}

func (c *fetchWatch) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 && c.fetching.Load() {
		c.receiving(c.addr)
	}
	return n, err
}

// listening keeps, in its dialer's heard, the beginning of the first bytes
// that arrive on it, if no connection's did before. kgo reads a connection
// from one goroutine at a time, so got needs no lock.
type listening struct {
	net.Conn
	addr string
	d    *dialer
	got  bool
}

// quoted is how much of a first answer an error quotes.
const quoted = 24

func (c *listening) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 && !c.got {
		c.got = true
		c.d.heard.CompareAndSwap(nil, &firstAnswer{c.addr, append([]byte(nil), p[:min(n, quoted)]...)})
	}
	return n, err
}

// firstRead calls onFirst once, when the first bytes arrive.
type firstRead struct {
	net.Conn
	seen    atomic.Bool
	onFirst func()
}

func (c *firstRead) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 && c.seen.CompareAndSwap(false, true) {
		c.onFirst()
	}
	return n, err
}

// speaksTLS reports whether addr completes (or rejects with an alert) a TLS
// handshake within two seconds.
func (d *dialer) speaksTLS(ctx context.Context, addr string) bool {
	ctx, cancel := context.WithTimeout(ctx, min(d.timeout, 2*time.Second))
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return false
	}
	defer conn.Close()
	// Only the handshake happens on this connection, to learn whether the
	// port speaks TLS at all; no data is sent, so its certificate does not
	// matter.
	tc := tls.Client(conn, &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12}) //nolint:gosec // see above
	err = tc.HandshakeContext(ctx)
	return err == nil || isRemoteTLSAlert(err)
}

// saslMechanisms asks addr which SASL mechanisms it enables, with a
// SaslHandshake request for mechanism (which it is expected to refuse).
func (d *dialer) saslMechanisms(ctx context.Context, addr, mechanism, clientID string) ([]string, error) {
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	req := kmsg.NewPtrSASLHandshakeRequest()
	req.Version = 1
	req.Mechanism = mechanism
	if _, err := conn.Write(kmsg.NewRequestFormatter(kmsg.FormatterClientID(clientID)).AppendRequest(nil, req, 1)); err != nil {
		return nil, err
	}
	var size [4]byte
	if _, err := io.ReadFull(conn, size[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(size[:])
	if n < 4 || n > 1<<20 {
		return nil, fmt.Errorf("SaslHandshake response of %d bytes", n)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(conn, body); err != nil {
		return nil, err
	}
	resp := req.ResponseKind().(*kmsg.SASLHandshakeResponse)
	if err := resp.ReadFrom(body[4:]); err != nil { // after the correlation id
		return nil, err
	}
	if len(resp.SupportedMechanisms) == 0 {
		return nil, errors.New("no mechanisms in the SaslHandshake response")
	}
	sort.Strings(resp.SupportedMechanisms)
	return resp.SupportedMechanisms, nil
}

// answersWithoutSASL reports whether addr answers a metadata request from a
// client that does not authenticate, as a listener without SASL does.
func (d *dialer) answersWithoutSASL(ctx context.Context, addr, clientID string) bool {
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.ClientID(clientID), kgo.Dialer(d.DialContext))
	if err != nil {
		return false
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(ctx, min(d.timeout, 2*time.Second))
	defer cancel()
	return cl.Ping(ctx) == nil
}
