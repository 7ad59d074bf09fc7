// Package testserve starts the plain TCP servers that tests point shore at
// in place of a broker or a registry: one that speaks first, closes at
// once, or answers in another protocol.
package testserve

import (
	"net"
	"testing"
)

// Each starts a server on 127.0.0.1 that runs serve on each connection it
// accepts, closing the connection when serve returns, until the test ends,
// and returns its address.
func Each(t testing.TB, serve func(net.Conn)) string {
	t.Helper()
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
			go func() {
				defer conn.Close()
				serve(conn)
			}()
		}
	}()
	return ln.Addr().String()
}
