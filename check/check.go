// Package check proves that a Kafka cluster works end to end: Run sends
// probe records to a topic and reads them back, timing the acknowledgement
// and two ways of reading (a consumer already waiting, and a fetch sent
// only after the acknowledgement, as Kafka's EndToEndLatency tool does);
// Ready waits until the brokers answer and topics exist.
package check

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/consume"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/produce"
	shoretopics "github.com/kafkashore/shore/topics"
)

// ProbeHeader is the header every probe record carries, its value the run's
// id, so that consumers of the topic can recognise and skip probes.
const ProbeHeader = "shore-check"

// The steps of a check, in order; a StepError names the one that failed.
const (
	StepConnect  = "connect"
	StepMetadata = "metadata"
	StepProduce  = "produce"
	StepFetch    = "fetch"
)

// StepError is a check that failed at Step.
type StepError struct {
	Step string
	Err  error
}

func (e *StepError) Error() string { return fmt.Sprintf("check failed at %s: %v", e.Step, e.Err) }
func (e *StepError) Unwrap() error { return e.Err }

// NewClient builds a Kafka client with extra options and checks that a
// broker answers.
type NewClient func(ctx context.Context, extra ...kgo.Opt) (*kgo.Client, error)

// Options say what to check.
type Options struct {
	Topic string
	// Probes is the number of probe records, sent one after the other,
	// each once the previous one came back; they go to the topic's
	// partitions in turn.
	Probes int
	// Timeout bounds each probe's round trip.
	Timeout time.Duration
	// RunID marks this run's probes (the ProbeHeader value).
	RunID string
}

// Latency summarises durations in milliseconds.
type Latency struct {
	P50 float64 `json:"p50"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

// Leader is the broker that leads a partition. Without one (or when the
// metadata did not list the leader's address) Leader is none and Host and
// Port are empty: null in JSON, as every unknown value of -o json.
type Leader struct {
	Partition int32           `json:"partition"`
	Leader    format.BrokerID `json:"leader"`
	Host      format.Text     `json:"host"`
	Port      *int32          `json:"port"`
}

// Report is what a check found; with -o json its tags are the shape.
type Report struct {
	Topic  string `json:"topic"`
	Probes int    `json:"probes"`
	// Sent is how many of the Probes were sent before the check ended: a
	// check stops at its first failure.
	Sent     int `json:"sent"`
	Acked    int `json:"acked"`
	Returned int `json:"returned"`
	// ProduceAck, EndToEnd and AckThenFetch are nil before a probe was
	// measured. ProduceAck is from the send to the acknowledgement;
	// EndToEnd from the send to the moment a consumer, already waiting in
	// a fetch, has the probe; AckThenFetch from the send to the moment a
	// fetch sent only once the acknowledgement came back returns it (the
	// sequence Kafka's EndToEndLatency tool times).
	ProduceAck   *Latency `json:"produce_ack_ms"`
	EndToEnd     *Latency `json:"end_to_end_ms"`
	AckThenFetch *Latency `json:"ack_then_fetch_ms"`
	Partitions   []Leader `json:"partitions"`
	// FailedStep and Error are set when the check failed.
	FailedStep string `json:"failed_step,omitempty"`
	Error      string `json:"error,omitempty"`

	acks, trips, ackFetches []time.Duration
}

// arrival is a probe the consumer saw, and when.
type arrival struct {
	probe int
	at    time.Time
}

// Run checks the topic: it connects, reads the topic's metadata and end
// offsets, starts a consumer at the ends, then sends the probes one by one.
// After each acknowledgement it fetches the probe itself, then waits for
// the consumer to have it too. The report holds what was measured up to a
// failure, which is returned as a *StepError.
func Run(ctx context.Context, newClient NewClient, o Options) (*Report, error) {
	rep := &Report{Topic: o.Topic, Probes: o.Probes, Partitions: []Leader{}}
	err := rep.run(ctx, newClient, o)
	rep.ProduceAck, rep.EndToEnd, rep.AckThenFetch = summarise(rep.acks), summarise(rep.trips), summarise(rep.ackFetches)
	var se *StepError
	if errors.As(err, &se) {
		rep.FailedStep, rep.Error = se.Step, se.Err.Error()
	}
	return rep, err
}

// NotReady is the report and error of a check that waited for the cluster
// and the topic (Ready) in vain, before any probe: it failed at step, the
// one the wait's last try reached (a NotReadyError's Step), for the reason
// err gives.
func NotReady(o Options, step string, err error) (*Report, error) {
	rep := &Report{Topic: o.Topic, Probes: o.Probes, Partitions: []Leader{}, FailedStep: step, Error: err.Error()}
	return rep, &StepError{Step: step, Err: err}
}

func (rep *Report) run(ctx context.Context, newClient NewClient, o Options) error {
	prod, err := newClient(ctx, kgo.RecordPartitioner(kgo.ManualPartitioner()), kgo.ProducerLinger(0))
	if err != nil {
		return stepError(ctx, StepConnect, err)
	}
	defer prod.Close()
	t, err := rep.metadata(ctx, kadm.NewClient(prod), o)
	if err != nil {
		return stepError(ctx, StepMetadata, err)
	}
	at := map[int32]kgo.Offset{}
	for _, p := range t.partitions {
		at[p] = kgo.NewOffset().At(t.ends[p])
	}
	cons, err := newClient(ctx, kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{o.Topic: at}), kgo.FetchMaxWait(time.Second))
	if err != nil {
		return stepError(ctx, StepConnect, err)
	}
	defer cons.Close()
	arrivals := make(chan arrival, o.Probes)
	fetchErr := make(chan error, 1)
	consumeCtx, stop := context.WithCancel(ctx)
	defer stop()
	go watchProbes(consumeCtx, cons, o.RunID, arrivals, fetchErr)

	for i := range o.Probes {
		p := t.partitions[i%len(t.partitions)]
		rec := &kgo.Record{
			Topic: o.Topic, Partition: p,
			Key:     []byte(o.RunID + "-" + strconv.Itoa(i)),
			Value:   []byte(strconv.Itoa(i)),
			Headers: []kgo.RecordHeader{{Key: ProbeHeader, Value: []byte(o.RunID)}},
		}
		probeCtx, cancel := context.WithTimeout(ctx, o.Timeout)
		sent := time.Now()
		rep.Sent++
		err := produceProbe(probeCtx, prod, rec)
		if err != nil {
			cancel()
			switch {
			case ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded):
				err = fmt.Errorf("not acknowledged within %s", o.Timeout)
			case errors.Is(err, kerr.TopicAuthorizationFailed):
				err = &shoretopics.NotAuthorizedError{Topics: []string{o.Topic}, Operation: shoretopics.Write}
			case errors.Is(err, kerr.ClusterAuthorizationFailed):
				err = &shoretopics.ProducerIDRefusedError{Topic: o.Topic, Producer: "check's idempotent producer"}
			case errors.Is(err, kerr.MessageTooLarge):
				err = tooSmall(ctx, prod, o.Topic)
			}
			return stepError(ctx, StepProduce, fmt.Errorf("probe %d to partition %d: %w", i+1, p, err))
		}
		rep.Acked++
		rep.acks = append(rep.acks, time.Since(sent))
		// The producer's client fetches: the consumer's connection is
		// taken by its waiting fetch, which the broker answers first.
		err = fetchAfterAck(probeCtx, prod, t, rec)
		var back time.Time
		if err == nil {
			rep.ackFetches = append(rep.ackFetches, time.Since(sent))
			back, err = awaitProbe(probeCtx, i, arrivals, fetchErr)
		}
		cancel()
		if err != nil {
			// A fetch whose connection timed out (i/o timeout) before
			// probeCtx did is the same answer: none in time.
			switch {
			case ctx.Err() == nil && (errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded)):
				err = fmt.Errorf("probe %d (partition %d, offset %d) did not come back within %s", i+1, p, rec.Offset, o.Timeout)
			case errors.Is(err, kerr.TopicAuthorizationFailed):
				err = fmt.Errorf("probe %d (partition %d): %w", i+1, p, &shoretopics.NotAuthorizedError{Topics: []string{o.Topic}, Operation: shoretopics.Read})
			}
			return stepError(ctx, StepFetch, err)
		}
		rep.Returned++
		rep.trips = append(rep.trips, back.Sub(sent))
	}
	return nil
}

// produceProbe sends rec and waits for its acknowledgement until ctx ends.
// ProduceSync would wait longer: once its request is on the wire, kgo keeps
// an idempotent record until the broker answers or the request times out
// (its 10s, then retries), whatever ctx says, so a broker that froze under
// a probe held the check, and a Ctrl-C, for as long. The record is left to
// the client, whose Close fails it.
func produceProbe(ctx context.Context, prod *kgo.Client, rec *kgo.Record) error {
	acked := make(chan error, 1)
	prod.Produce(ctx, rec, func(_ *kgo.Record, err error) { acked <- err })
	select {
	case err := <-acked:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// tooSmall is the error of a probe the broker refused as too large: the
// topic's max.message.bytes is below the batch of one probe record (a
// batch of about 110 bytes, 61 of them the batch's framing), which
// produce words as it words a record too large for the topic, with the
// setting's value when the cluster says it.
func tooSmall(ctx context.Context, cl *kgo.Client, topic string) error {
	setting := "max.message.bytes"
	if n := produce.DescribeTopic(ctx, cl, topic).MaxMessageBytes; n > 0 {
		setting = fmt.Sprintf("max.message.bytes %d", n)
	}
	return fmt.Errorf("the probe record does not fit a batch that topic %q accepts (%s): raise the topic's max.message.bytes, as 'shore topics alter-config %s --set max.message.bytes=1048588' (Kafka's default), or check another topic", topic, setting, topic)
}

// stepError wraps err for step, except an interruption, which stays the
// context's error.
func stepError(ctx context.Context, step string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return &StepError{Step: step, Err: err}
}

// mostNamed bounds the partitions a failure names, the rest counted, so
// that a topic of thousands of partitions, all without a leader, is one
// readable line.
const mostNamed = 10

// layout is what a check needs to know of its topic.
type layout struct {
	id         [16]byte // all 0 from a broker without topic IDs
	partitions []int32
	leaders    map[int32]int32
	ends       map[int32]int64
}

// metadata fills rep.Partitions with the topic's leaders and returns its
// layout; every partition needs a leader.
func (rep *Report) metadata(ctx context.Context, adm *kadm.Client, o Options) (*layout, error) {
	mctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	md, err := shoretopics.Metadata(mctx, adm, o.Topic)
	if err != nil {
		return nil, unanswered(mctx, fmt.Sprintf("topic %q: no metadata", o.Topic), o.Timeout, err)
	}
	td, ok := md.Topics[o.Topic]
	switch {
	case !ok:
		return nil, fmt.Errorf("topic %q: not in the brokers' answer", o.Topic)
	case errors.Is(td.Err, kerr.UnknownTopicOrPartition):
		return nil, fmt.Errorf("topic %s does not exist", shoretopics.Suggested(mctx, adm, []string{o.Topic}, nil, nil).Names())
	case errors.Is(td.Err, kerr.TopicAuthorizationFailed):
		return nil, &shoretopics.NotAuthorizedError{Topics: []string{o.Topic}}
	case td.Err != nil:
		return nil, fmt.Errorf("topic %q: %w", o.Topic, td.Err)
	}
	t := &layout{id: td.ID, leaders: map[int32]int32{}, ends: map[int32]int64{}}
	var leaderless []int32
	for _, p := range td.Partitions.Sorted() {
		l := Leader{Partition: p.Partition, Leader: format.BrokerID(p.Leader)}
		for _, b := range md.Brokers {
			if b.NodeID == p.Leader {
				l.Host, l.Port = format.Text(b.Host), &b.Port
			}
		}
		rep.Partitions = append(rep.Partitions, l)
		t.partitions = append(t.partitions, p.Partition)
		t.leaders[p.Partition] = p.Leader
		if p.Leader < 0 || p.Err != nil {
			leaderless = append(leaderless, p.Partition)
		}
	}
	if len(leaderless) > 0 {
		ids := make([]string, len(leaderless))
		for i, p := range leaderless {
			ids[i] = strconv.Itoa(int(p))
		}
		if len(ids) == 1 {
			return nil, fmt.Errorf("topic %q: partition %s has no leader", o.Topic, ids[0])
		}
		return nil, fmt.Errorf("topic %q: partitions %s have no leader", o.Topic, format.Few(ids, "and", mostNamed))
	}
	if len(t.partitions) == 0 {
		return nil, fmt.Errorf("topic %q has no partitions", o.Topic)
	}
	listed, err := adm.ListEndOffsets(mctx, o.Topic)
	if err != nil {
		return nil, unanswered(mctx, fmt.Sprintf("topic %q: no end offsets", o.Topic), o.Timeout, err)
	}
	for _, p := range t.partitions {
		lo, ok := listed.Lookup(o.Topic, p)
		switch {
		case !ok:
			return nil, fmt.Errorf("topic %q: no end offset of partition %d in the brokers' answer", o.Topic, p)
		case lo.Err != nil:
			return nil, fmt.Errorf("topic %q: no end offset of partition %d: %w", o.Topic, p, lo.Err)
		}
		t.ends[p] = lo.Offset
	}
	return t, nil
}

// unanswered is err of a request within ctx, which timeout bounds: when
// that bound passed, "WHAT within TIMEOUT", as a person reads it, rather
// than the client's words (kadm's 'request ListOffsets has 1 separate shard
// errors, first: context deadline exceeded').
func unanswered(ctx context.Context, what string, timeout time.Duration, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s within %s", what, timeout)
	}
	return err
}

// watchProbes passes on each probe of this run the consumer sees, and the
// first fetch error.
func watchProbes(ctx context.Context, cl *kgo.Client, runID string, arrivals chan<- arrival, fetchErr chan<- error) {
	for ctx.Err() == nil {
		fs := cl.PollFetches(ctx)
		now := time.Now()
		for _, fe := range fs.Errors() {
			if !errors.Is(fe.Err, context.Canceled) && !errors.Is(fe.Err, kgo.ErrClientClosed) {
				select {
				case fetchErr <- fmt.Errorf("%s:%d: %w", fe.Topic, fe.Partition, fe.Err):
				default:
				}
			}
		}
		fs.EachRecord(func(r *kgo.Record) {
			if n, ok := probeNumber(r, runID); ok {
				select {
				case arrivals <- arrival{n, now}:
				default:
				}
			}
		})
	}
}

// probeNumber is the number of a probe of this run, from its value.
func probeNumber(r *kgo.Record, runID string) (int, bool) {
	for _, h := range r.Headers {
		if h.Key == ProbeHeader && string(h.Value) == runID {
			n, err := strconv.Atoi(string(r.Value))
			return n, err == nil
		}
	}
	return 0, false
}

// fetchAfterAck fetches an acknowledged record from its partition's leader,
// as Kafka's EndToEndLatency tool does once the acknowledgement is back:
// with fetch.max.wait.ms 0 (the broker answers at once, with what it has)
// and again while the answer is empty, until it holds the record. After a
// failed fetch it asks who leads the partition and tries again, until ctx
// ends; then it returns the last failure, or ctx's error if the last answer
// was an empty one. A refusal to let the login read ends it at once.
func fetchAfterAck(ctx context.Context, cl *kgo.Client, t *layout, rec *kgo.Record) error {
	f := consume.PartitionFetch{Topic: rec.Topic, TopicID: t.id, Partition: rec.Partition, Leader: t.leaders[rec.Partition]}
	var last error
	for {
		got, err := fetchOnce(ctx, cl, f, rec)
		switch {
		case got:
			return nil
		case ctx.Err() != nil:
			// The failure that ctx cut short says less than the one before.
			if last != nil {
				return last
			}
			return ctx.Err()
		case errors.Is(err, kerr.TopicAuthorizationFailed):
			// No leader will answer otherwise: the login may not read.
			return err
		case err != nil:
			last = err
			select {
			case <-ctx.Done():
			case <-time.After(refetchBackoff):
			}
			f.Leader = leaderNow(ctx, cl, rec, f.Leader)
		default:
			last = nil
		}
	}
}

// refetchBackoff is the pause after a failed fetch: a new leader takes
// some time to be elected, and a broker that refuses should not be pressed.
const refetchBackoff = 100 * time.Millisecond

// fetchOnce fetches rec's partition with f from rec's offset and says
// whether the answer holds rec.
func fetchOnce(ctx context.Context, cl *kgo.Client, f consume.PartitionFetch, rec *kgo.Record) (bool, error) {
	rp, err := f.From(ctx, cl, rec.Offset)
	if err == nil && len(rp.RecordBatches) > 0 {
		var b kmsg.RecordBatch
		if err = b.ReadFrom(rp.RecordBatches); err == nil {
			return b.FirstOffset <= rec.Offset && rec.Offset <= b.FirstOffset+int64(b.LastOffsetDelta), nil
		}
	}
	if err != nil {
		return false, fmt.Errorf("fetch %s:%d after the acknowledgement: %w", rec.Topic, rec.Partition, err)
	}
	return false, nil
}

// leaderNow asks the brokers who leads rec's partition; it keeps was when
// they cannot say.
func leaderNow(ctx context.Context, cl *kgo.Client, rec *kgo.Record, was int32) int32 {
	md, err := kadm.NewClient(cl).Metadata(ctx, rec.Topic)
	if err != nil {
		return was
	}
	if p, ok := md.Topics[rec.Topic].Partitions[rec.Partition]; ok && p.Leader >= 0 {
		return p.Leader
	}
	return was
}

// awaitProbe waits until probe i arrives and returns when it did, or
// until a fetch fails or ctx ends.
func awaitProbe(ctx context.Context, i int, arrivals <-chan arrival, fetchErr <-chan error) (time.Time, error) {
	for {
		select {
		case a := <-arrivals:
			if a.probe == i {
				return a.at, nil
			}
		case err := <-fetchErr:
			return time.Time{}, err
		case <-ctx.Done():
			return time.Time{}, ctx.Err()
		}
	}
}

// summarise gives the 50th and 99th percentiles (nearest rank) and the
// maximum of ds, in milliseconds; nil for none.
func summarise(ds []time.Duration) *Latency {
	if len(ds) == 0 {
		return nil
	}
	s := slices.Sorted(slices.Values(ds))
	rank := func(q float64) float64 {
		i := int(math.Ceil(q*float64(len(s)))) - 1
		return ms(s[max(i, 0)])
	}
	return &Latency{P50: rank(0.50), P99: rank(0.99), Max: ms(s[len(s)-1])}
}

// ms is d in milliseconds, to the microsecond.
func ms(d time.Duration) float64 {
	return float64(d.Round(time.Microsecond)) / float64(time.Millisecond)
}
