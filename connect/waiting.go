package connect

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Waiting counts, per broker, the requests written and not yet answered,
// and notes the brokers whose last dial failed, so that a command that ran
// out of time can name the brokers that did not answer (a frozen broker
// leaves a dial or a request hanging) rather than every bootstrap address.
// Add it to a client with kgo.WithHooks; it is safe for the client's
// concurrent use.
type Waiting struct {
	mu        sync.Mutex
	pending   map[int32]int
	undialled map[int32]bool
	addr      map[int32]string
}

// NewWaiting returns an empty count.
func NewWaiting() *Waiting {
	return &Waiting{pending: map[int32]int{}, undialled: map[int32]bool{}, addr: map[int32]string{}}
}

// OnBrokerConnect implements kgo.HookBrokerConnect. A dial cancelled by
// the request that started it is no failed dial of the broker: first
// contact cancels the dials to the seeds that did not answer first (see
// contact), which are as healthy as the one that did.
func (w *Waiting) OnBrokerConnect(meta kgo.BrokerMetadata, _ time.Duration, _ net.Conn, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.undialled[meta.NodeID] = err != nil && !errors.Is(err, context.Canceled)
	w.addr[meta.NodeID] = net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))
}

// OnBrokerWrite implements kgo.HookBrokerWrite.
func (w *Waiting) OnBrokerWrite(meta kgo.BrokerMetadata, _ int16, _ int, _, _ time.Duration, err error) {
	if err != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pending[meta.NodeID]++
	w.addr[meta.NodeID] = net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))
}

// OnBrokerDisconnect implements kgo.HookBrokerDisconnect. kgo fails the
// requests of a closed connection without reading them. A bootstrap
// address's connections close when first contact keeps the seed that
// answered first (see contact), and what the others were asked was answered
// there, so they no longer wait; a broker's requests lost with its
// connection went unanswered, and still count.
func (w *Waiting) OnBrokerDisconnect(meta kgo.BrokerMetadata, _ net.Conn) {
	if meta.NodeID >= 0 {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.pending, meta.NodeID)
}

// OnBrokerRead implements kgo.HookBrokerRead.
func (w *Waiting) OnBrokerRead(meta kgo.BrokerMetadata, _ int16, _ int, _, _ time.Duration, _ error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.pending[meta.NodeID] > 0 {
		w.pending[meta.NodeID]--
	}
}

// Silent names the brokers with requests still unanswered or a failed last
// dial, "broker 3 (host:port)" for a broker the cluster's metadata named,
// the address alone for a bootstrap address; "" when there are none.
func (w *Waiting) Silent() string {
	return w.names(func(id int32) bool { return w.pending[id] > 0 || w.undialled[id] })
}

// Undialled names, as Silent does, the brokers whose last dial failed:
// those an admin client treats as down.
func (w *Waiting) Undialled() string {
	return w.names(func(id int32) bool { return w.undialled[id] })
}

// names names the brokers for which named holds, under w.mu.
func (w *Waiting) names(named func(id int32) bool) string {
	if w == nil {
		return ""
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	var ids []int32
	for id := range w.addr {
		if named(id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	byID := map[string]bool{} // addresses of brokers named by id
	for _, id := range ids {
		if id >= 0 {
			byID[w.addr[id]] = true
		}
	}
	var names []string
	for _, id := range ids {
		switch addr := w.addr[id]; {
		case id >= 0:
			names = append(names, fmt.Sprintf("broker %d (%s)", id, addr))
		case !byID[addr]: // a bootstrap address
			names = append(names, addr)
		}
	}
	return strings.Join(names, ", ")
}
