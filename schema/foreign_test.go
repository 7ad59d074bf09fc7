package schema

import (
	"errors"
	"net"
	"testing"
	"time"

	"github.com/kafkashore/shore/internal/testserve"
)

// TestForeignCauseBeforeRequest: a server can speak or close before Go's
// HTTP client has written the request on a connection, and the client then
// says only "readLoopPeekFailLocked: <nil>" (an unsolicited response) or
// "http: server closed idle connection", which shore printed as it was. A
// server that speaks first (SSH) is asked what it says, as for a malformed
// answer; one that closed is a connection closed without an answer.
func TestForeignCauseBeforeRequest(t *testing.T) {
	for _, tc := range []struct {
		name  string
		serve func(net.Conn)
		err   string
		want  string
	}{
		{"speaks first", func(conn net.Conn) {
			_, _ = conn.Write([]byte("SSH-2.0-OpenSSH_9.6\r\n"))
			time.Sleep(time.Second)
		}, "net/http: HTTP/1.x transport connection broken: readLoopPeekFailLocked: %!w(<nil>)",
			`it answered with something that is not HTTP ("SSH-2.0-OpenSSH_9.6"), so it is no schema registry's port`},
		{"closes at once", func(net.Conn) {}, "http: server closed idle connection",
			"it closed the connection without answering: is this the schema registry's address?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := testserve.Each(t, tc.serve)
			r, err := NewRegistry(RegistryConfig{URL: "http://" + addr, Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.foreignCause(errors.New(tc.err)); got != tc.want {
				t.Errorf("foreignCause = %q; want %q", got, tc.want)
			}
		})
	}
}
