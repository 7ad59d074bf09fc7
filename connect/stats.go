package connect

import (
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/format"
)

// Stats counts what the clients of one command did, for -v: the brokers
// reached, requests and bytes each way, and records and bytes produced and
// fetched. Add it to a client with kgo.WithHooks; it is safe for the
// client's concurrent use.
type Stats struct {
	mu                          sync.Mutex
	brokers                     map[string]bool
	requests                    int
	sent, received              int64
	produced, fetched           int64 // records
	producedBytes, fetchedBytes int64 // uncompressed
	registryRequests            int
	kafkaClient                 bool // a Kafka client was made
	dialed                      bool // a broker connection was tried
	firstAnswer                 time.Duration
	start                       time.Time
}

// NewStats starts counting at start.
func NewStats(start time.Time) *Stats {
	return &Stats{brokers: map[string]bool{}, start: start}
}

// OnNewClient implements kgo.HookNewClient.
func (s *Stats) OnNewClient(*kgo.Client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kafkaClient = true
}

// OnBrokerConnect implements kgo.HookBrokerConnect.
func (s *Stats) OnBrokerConnect(meta kgo.BrokerMetadata, _ time.Duration, _ net.Conn, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dialed = true
	if err != nil {
		return
	}
	s.brokers[net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))] = true
}

// OnBrokerWrite implements kgo.HookBrokerWrite.
func (s *Stats) OnBrokerWrite(_ kgo.BrokerMetadata, _ int16, n int, _, _ time.Duration, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent += int64(n)
	if err == nil {
		s.requests++
	}
}

// OnBrokerRead implements kgo.HookBrokerRead.
func (s *Stats) OnBrokerRead(_ kgo.BrokerMetadata, _ int16, n int, _, _ time.Duration, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.received += int64(n)
	if err == nil && s.firstAnswer == 0 {
		s.firstAnswer = time.Since(s.start)
	}
}

// OnProduceBatchWritten implements kgo.HookProduceBatchWritten.
func (s *Stats) OnProduceBatchWritten(_ kgo.BrokerMetadata, _ string, _ int32, m kgo.ProduceBatchMetrics) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.produced += int64(m.NumRecords)
	s.producedBytes += int64(m.UncompressedBytes)
}

// OnFetchBatchRead implements kgo.HookFetchBatchRead.
func (s *Stats) OnFetchBatchRead(_ kgo.BrokerMetadata, _ string, _ int32, m kgo.FetchBatchMetrics) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fetched += int64(m.NumRecords)
	s.fetchedBytes += int64(m.UncompressedBytes)
}

// OnRegistryRequest counts one HTTP request to the schema registry.
func (s *Stats) OnRegistryRequest() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.registryRequests++
}

// Summary is one line of what was counted, ending at end:
// "2 brokers reached (a:9092, b:9092); 14 requests, 2.1 KiB sent, 880 KiB
// received; 1000 records produced (97.7 KiB); 2 schema registry requests;
// first answer after 4ms, 310ms in all". A command that asked only the
// schema registry says only that: "3 schema registry requests, 12ms in all";
// one that made no Kafka client and asked the registry nothing (its
// password command failed) has nothing to say: "".
func (s *Stats) Summary(end time.Time) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.registryRequests > 0 && !s.dialed:
		return fmt.Sprintf("%s, %s in all", format.Count(s.registryRequests, "schema registry request"), end.Sub(s.start).Round(time.Millisecond))
	case !s.kafkaClient:
		return ""
	}
	brokers := make([]string, 0, len(s.brokers))
	for b := range s.brokers {
		brokers = append(brokers, b)
	}
	slices.Sort(brokers)
	var b strings.Builder
	fmt.Fprintf(&b, "%s reached", format.Count(len(brokers), "broker"))
	if len(brokers) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(brokers, ", "))
	}
	fmt.Fprintf(&b, "; %s, %s sent, %s received", format.Count(s.requests, "request"), bytes(s.sent), bytes(s.received))
	if s.produced > 0 {
		fmt.Fprintf(&b, "; %s produced (%s)", format.Count(s.produced, "record"), bytes(s.producedBytes))
	}
	if s.fetched > 0 {
		fmt.Fprintf(&b, "; %s fetched (%s)", format.Count(s.fetched, "record"), bytes(s.fetchedBytes))
	}
	if s.registryRequests > 0 {
		fmt.Fprintf(&b, "; %s", format.Count(s.registryRequests, "schema registry request"))
	}
	if s.firstAnswer > 0 {
		fmt.Fprintf(&b, "; first answer after %s", s.firstAnswer.Round(time.Millisecond))
	}
	fmt.Fprintf(&b, ", %s in all", end.Sub(s.start).Round(time.Millisecond))
	return b.String()
}

// bytes renders a byte count as B, KiB or MiB.
func bytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
