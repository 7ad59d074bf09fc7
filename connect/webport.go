package connect

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/config"
)

// A web port given as a broker's address (a schema registry's, such as
// shore dev's second address) answers Kafka's first request in one of
// three ways: with an HTTP error page at once (Jetty, nginx; franz-go then
// reports an "invalid large response size" whose four bytes are 'HTTP'),
// by closing the connection, or, as Go's HTTP server does, with nothing at
// all, waiting for the end of a request line that Kafka's binary request
// never sends. ping asks the seeds in HTTP (over TLS, when TLS is on: an
// HTTPS port) once half its wait (at most webProbeAfter) passed without an
// answer in Kafka, and firstContact does for the first two, so that the
// error says what the address is.

// webProbeAfter is the longest first contact waits for a broker's answer
// before it asks the seeds whether they are web servers. A plaintext Kafka
// broker answers its first request in milliseconds; one that has not
// after a second is frozen or is no Kafka broker, and an HTTP request
// it then reads is one more request it refuses.
const webProbeAfter = time.Second

// webPortError is a first contact whose seed Addr answered in HTTP.
type webPortError struct{ Addr string }

func (e *webPortError) Error() string { return e.Addr + " answered like an HTTP server" }

// webCause says that a seed is a web port, and what --brokers (or where
// the brokers came from) wants instead.
func webCause(cfg *config.Config) string {
	return "it answered like an HTTP server (a schema registry?), not a Kafka broker; " + kafkaAddressHint(cfg)
}

// kafkaAddressHint ends the message of a seed that is no Kafka broker with
// what --brokers (or where the brokers came from) wants instead.
func kafkaAddressHint(cfg *config.Config) string {
	return "give " + cfg.Named("brokers") + " a Kafka broker's address, such as localhost:9092"
}

// foreignAnswer returns the first answer a seed sent, when err, a failed
// first contact in plaintext, is kgo's for an answer that is not a Kafka
// response (a size no response has, a correlation id that is not the
// request's) and no broker answered in Kafka: the port is some other
// server's that speaks first (SSH, SMTP) or answers in its own protocol.
// It is nil otherwise.
func foreignAnswer(d *dialer, err error) *firstAnswer {
	if d.tls != nil {
		return nil
	}
	switch msg := err.Error(); {
	// kgo checks the correlation id after its read hook saw an answer
	// of a size Kafka's could have, which set spokeKafka.
	case strings.Contains(msg, "correlation ID mismatch"):
	case d.spokeKafka.Load():
		return nil
	case !strings.Contains(msg, "invalid large response size") && !strings.Contains(msg, "invalid negative response size"):
		return nil
	}
	return d.heard.Load()
}

// foreignCause says that a seed answered with first, which is not Kafka.
func foreignCause(cfg *config.Config, first *firstAnswer) string {
	return fmt.Sprintf("it answered with something that is not Kafka's protocol (%q), so it is no Kafka broker's port; %s", first.bytes, kafkaAddressHint(cfg))
}

// closedUnanswered reports whether err is a connection the other side
// closed, or reset, before any broker answered in Kafka: a listener that
// wants SASL or TLS first, or a port that is no Kafka broker's.
func closedUnanswered(d *dialer, err error) bool {
	var firstEOF *kgo.ErrFirstReadEOF
	return errors.As(err, &firstEOF) || (!d.spokeKafka.Load() && errors.Is(err, syscall.ECONNRESET))
}

// webSeed returns the first of seeds to answer an HTTP request as an HTTP
// server does, over TLS when tlsOn (an HTTPS server), or "" when none did
// before ctx ended.
func webSeed(ctx context.Context, seeds []string, tlsOn bool) string {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	answers := make(chan string, len(seeds))
	for _, s := range seeds {
		go func() {
			addr := seedAddr(s)
			if !speaksHTTP(ctx, addr, tlsOn) {
				addr = ""
			}
			answers <- addr
		}()
	}
	for range seeds {
		if addr := <-answers; addr != "" {
			return addr
		}
	}
	return ""
}

// speaksHTTP reports whether addr answers a HEAD request with an HTTP
// status line before ctx ends, over TLS when tlsOn.
func speaksHTTP(ctx context.Context, addr string, tlsOn bool) bool {
	tcp, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return false
	}
	defer tcp.Close()
	// The deadline ends a wait over TLS too, whose reads and writes are
	// tcp's; the function runs in a goroutine of its own, so it reads
	// only what is set before it is registered.
	stop := context.AfterFunc(ctx, func() { _ = tcp.SetDeadline(time.Now()) })
	defer stop()
	conn := tcp
	if tlsOn {
		// Only a HEAD request goes over this connection, to learn
		// whether the port is a web server's, so its certificate does
		// not matter.
		conn = tls.Client(tcp, &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12}) //nolint:gosec // see above
	}
	if _, err := io.WriteString(conn, "HEAD / HTTP/1.0\r\n\r\n"); err != nil {
		return false
	}
	var status [len("HTTP/")]byte
	_, err = io.ReadFull(conn, status[:])
	return err == nil && string(status[:]) == "HTTP/"
}

// webAnswer returns the seed that err, a failed first contact in
// plaintext, shows to be a web port, asking the seeds (for at most
// webProbeAfter) when err is one that a web port gives (a response that
// begins with 'HTTP', a connection closed before any answer) or a refused
// connection to one of several seeds, and no broker answered in Kafka; ""
// for none.
func webAnswer(ctx context.Context, d *dialer, seeds []string, err error) string {
	var web *webPortError
	if errors.As(err, &web) {
		return web.Addr
	}
	if d.tls != nil || d.spokeKafka.Load() {
		return ""
	}
	// A seed that refused the connection may have been the client's first
	// choice of several, the web port among the others.
	refused := len(seeds) > 1 && errors.Is(err, syscall.ECONNREFUSED)
	if closedUnanswered(d, err) || strings.Contains(err.Error(), "'HTTP' in ascii") || refused {
		ctx, cancel := context.WithTimeout(ctx, webProbeAfter)
		defer cancel()
		return webSeed(ctx, seeds, false)
	}
	return ""
}
