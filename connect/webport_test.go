package connect

import (
	"context"
	"testing"
	"time"

	"github.com/kafkashore/shore/internal/testbroker"
)

// TestSpeaksHTTPSilent: a port that takes the connection and never answers
// is no web server, and the probe gives up when its context ends, over TLS
// too (the handshake waits for an answer). Ending a TLS probe raced with
// the probe's own switch to TLS (go test -race failed it).
func TestSpeaksHTTPSilent(t *testing.T) {
	addr := testbroker.Silent(t)
	for _, tlsOn := range []bool{false, true} {
		ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
		start := time.Now()
		web := speaksHTTP(ctx, addr, tlsOn)
		took := time.Since(start)
		cancel()
		if web || took > 5*time.Second {
			t.Errorf("TLS %v: speaksHTTP = %v after %s; want false once its context ends, after 200ms", tlsOn, web, took.Round(time.Millisecond))
		}
	}
}
