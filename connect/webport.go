package connect

import (
	"context"
	"errors"
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
// never sends. ping asks the seeds in HTTP once half its wait (at most
// webProbeAfter) passed without an answer in Kafka, and firstContact does
// for the first two, so that the error says what the address is.

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
	return "it answered like an HTTP server (a schema registry?), not a Kafka broker; give " +
		settingName(cfg, "brokers") + " a Kafka broker's address, such as localhost:9092"
}

// webSeed returns the first of seeds to answer an HTTP request as an HTTP
// server does, or "" when none did before ctx ended.
func webSeed(ctx context.Context, seeds []string) string {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	answers := make(chan string, len(seeds))
	for _, s := range seeds {
		go func() {
			addr := seedAddr(s)
			if !speaksHTTP(ctx, addr) {
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
// status line before ctx ends.
func speaksHTTP(ctx context.Context, addr string) bool {
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return false
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()
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
	var firstEOF *kgo.ErrFirstReadEOF
	// A seed that refused the connection may have been the client's first
	// choice of several, the web port among the others.
	refused := len(seeds) > 1 && errors.Is(err, syscall.ECONNREFUSED)
	if errors.As(err, &firstEOF) || strings.Contains(err.Error(), "'HTTP' in ascii") || refused {
		ctx, cancel := context.WithTimeout(ctx, webProbeAfter)
		defer cancel()
		return webSeed(ctx, seeds)
	}
	return ""
}
