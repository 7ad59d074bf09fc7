package connect

import (
	"net"
	"testing"

	"github.com/twmb/franz-go/pkg/kmsg"
)

// TestFetchWatch: the bytes that arrive on a connection whose last request
// was a fetch are told of, with the broker's address; those answering any
// other request are not, so that a broker answering metadata while it
// leaves a fetch unanswered still counts as silent on the fetch.
func TestFetchWatch(t *testing.T) {
	client, broker := net.Pipe()
	defer client.Close()
	defer broker.Close()
	var told []string
	d := &dialer{fetchReceiving: func(addr string) { told = append(told, addr) }}
	conn := d.watchFetches("127.0.0.1:9092", client)
	exchange := func(key kmsg.Key) {
		t.Helper()
		// size, API key, API version, correlation id: the client writes
		// the request whole
		request := []byte{0, 0, 0, 8, 0, byte(key.Int16()), 0, 12, 0, 0, 0, 1}
		go func() {
			buf := make([]byte, len(request))
			if _, err := broker.Read(buf); err == nil {
				_, _ = broker.Write([]byte("answer"))
			}
		}()
		if _, err := conn.Write(request); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Read(make([]byte, 16)); err != nil {
			t.Fatal(err)
		}
	}
	exchange(kmsg.Metadata)
	if len(told) != 0 {
		t.Fatalf("a metadata answer was told of as a fetch's: %q", told)
	}
	exchange(kmsg.Fetch)
	if len(told) != 1 || told[0] != "127.0.0.1:9092" {
		t.Fatalf("a fetch answer told %q; want 127.0.0.1:9092 once", told)
	}
	if plain := (&dialer{}).watchFetches("127.0.0.1:9092", client); plain != client {
		t.Fatal("without FetchReceiving, the connection was wrapped")
	}
}
