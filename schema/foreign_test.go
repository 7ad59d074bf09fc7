package schema

import (
	"errors"
	"net"
	"testing"
	"time"
)

// TestForeignCauseUnsolicited: a server that speaks first (SSH) can say
// its banner before Go's HTTP client has written the request; the client
// then fails it with only "readLoopPeekFailLocked: <nil>", which shore
// printed as it was. The port is asked what it says, as for a malformed
// answer.
func TestForeignCauseUnsolicited(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			_, _ = conn.Write([]byte("SSH-2.0-OpenSSH_9.6\r\n"))
			time.AfterFunc(time.Second, func() { conn.Close() })
		}
	}()
	r, err := NewRegistry(RegistryConfig{URL: "http://" + ln.Addr().String(), Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	got := r.foreignCause(errors.New("net/http: HTTP/1.x transport connection broken: readLoopPeekFailLocked: %!w(<nil>)"))
	want := `it answered with something that is not HTTP ("SSH-2.0-OpenSSH_9.6"), so it is no schema registry's port`
	if got != want {
		t.Errorf("foreignCause = %q; want %q", got, want)
	}
}

// TestForeignCauseClosedIdle: a server that closes each connection at once
// can close it before Go's HTTP client has written the request; the client
// then says only "http: server closed idle connection", which shore
// printed as it was. It is a connection closed without an answer.
func TestForeignCauseClosedIdle(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
	r, err := NewRegistry(RegistryConfig{URL: "http://" + ln.Addr().String(), Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	got := r.foreignCause(errors.New("http: server closed idle connection"))
	want := "it closed the connection without answering: is this the schema registry's address?"
	if got != want {
		t.Errorf("foreignCause = %q; want %q", got, want)
	}
}
