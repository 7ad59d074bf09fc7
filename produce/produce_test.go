package produce

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/testbroker"
)

func stdinSource(t *testing.T, in string) *Source {
	t.Helper()
	src, err := NewSource([]Input{{Name: "stdin", Open: func() (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(in)), nil
	}}}, ParseOptions{Delimiter: []byte("\n"), Partition: -1, MaxBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// recorder is a Reporter that keeps what it is told.
type recorder struct {
	mu       sync.Mutex
	progress []Progress
	done     []Summary
}

func (r *recorder) Progress(p Progress) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.progress = append(r.progress, p)
}

func (r *recorder) Undelivered(Undelivered) {}

func (r *recorder) Stopping(int64, time.Duration) {}

func (r *recorder) Done(s Summary) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done = append(r.done, s)
}

// TestProgress checks that a run reports how far it has come while it
// lasts, and its outcome once.
func TestProgress(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	cl := testbroker.Client(t, kgo.DefaultProduceTopic(topic))
	rec := &recorder{}
	res, err := Run(context.Background(), cl, stdinSource(t, "1\n2\n3\n4\n5\n"), Options{
		Topic: topic, Rate: 3, MaxBuffered: 10, Report: rec,
	})
	if err != nil || res.Read != 5 || res.Delivered != 5 {
		t.Fatalf("Run = %+v, %v", res, err)
	}
	if len(rec.progress) < 4 {
		t.Fatalf("%d progress reports in a run of over a second; want one every 250ms", len(rec.progress))
	}
	// The first may come before the first record is read, on a loaded
	// machine: none read yet is a true report.
	for i, p := range rec.progress {
		if p.Read < 0 || p.Read > 5 || p.Bytes != p.Read || (i > 0 && (p.Elapsed < rec.progress[i-1].Elapsed || p.Read < rec.progress[i-1].Read)) {
			t.Fatalf("progress %d: %+v", i, p)
		}
	}
	if last := rec.progress[len(rec.progress)-1]; last.Read < 1 {
		t.Fatalf("the last progress report, at %s, read none", last.Elapsed)
	}
	if len(rec.done) != 1 || rec.done[0].Read != 5 || rec.done[0].Delivered != 5 || rec.done[0].Topic != topic {
		t.Fatalf("done %+v", rec.done)
	}
}

// TestReadsKeys: a key schema applies only to records that can have keys.
func TestReadsKeys(t *testing.T) {
	for _, tc := range []struct {
		o    ParseOptions
		want bool
	}{
		{ParseOptions{Mode: Delimited, Delimiter: []byte("\n")}, false},
		{ParseOptions{Mode: Delimited, Delimiter: []byte("\n"), KeyDelimiter: []byte(":")}, true},
		{ParseOptions{Mode: Whole, KeyDelimiter: []byte(":")}, true},
		{ParseOptions{Mode: Whole, Key: []byte("k")}, true},
		{ParseOptions{Mode: JSON}, true},
		{ParseOptions{Mode: Layout, Layout: `%v\n`}, false},
		{ParseOptions{Mode: Layout, Layout: `%h{%k=%v;}%v\n`}, false},
		{ParseOptions{Mode: Layout, Layout: `%k{hex} %v\n`}, true},
	} {
		if got := tc.o.ReadsKeys(); got != tc.want {
			t.Errorf("%+v: ReadsKeys %v, want %v", tc.o, got, tc.want)
		}
	}
}

// TestSummaryWhereAddedPartitions: records of unknown fate are listed by
// partition with where to look, from after the last acknowledged offset,
// also in a partition added while the run went on (from offset 0), which
// the list left out; a record never partitioned is in none.
func TestSummaryWhereAddedPartitions(t *testing.T) {
	r := &run{unknownIn: map[int32]int64{-1: 1, 0: 2, 3: 1}, lastAcked: make([]atomic.Int64, 2)}
	r.lastAcked[0].Store(41)
	r.lastAcked[1].Store(-1)
	got := r.summary(Result{}, time.Second, false).Where
	want := []UnknownIn{{Partition: 0, Records: 2, After: 41}, {Partition: 3, Records: 1, After: -1}}
	if !slices.Equal(got, want) {
		t.Fatalf("Where = %+v, want %+v", got, want)
	}
}

// pausingReader gives first, then, once that is read, waits pause before
// it gives then.
type pausingReader struct {
	first, then string
	pause       time.Duration
	paused      bool
}

func (p *pausingReader) Read(b []byte) (int, error) {
	switch {
	case p.first != "":
		n := copy(b, p.first)
		p.first = p.first[n:]
		return n, nil
	case !p.paused:
		p.paused = true
		time.Sleep(p.pause)
	}
	if p.then == "" {
		return 0, io.EOF
	}
	n := copy(b, p.then)
	p.then = p.then[n:]
	return n, nil
}

// TestDeliveryClocksSettle: every record's delivery clock is released once
// it is answered, also when the run waited for room in the middle of a
// batch (a budget of 7 records, batches of 256) and when records of the
// batch were refused before sending (keyless, for a compacted topic). A
// clock still counting a record would make the run see a record waiting
// through the input's pause.
func TestDeliveryClocksSettle(t *testing.T) {
	topic := testbroker.Topic(t, 3, nil)
	cl := testbroker.Client(t, kgo.DefaultProduceTopic(topic))
	warm(t, cl, 3)
	var lines strings.Builder
	for i := range 1000 {
		if i%5 == 2 {
			lines.WriteString("keyless\n")
		} else {
			fmt.Fprintf(&lines, "k%d:v\n", i)
		}
	}
	const pause = 1500 * time.Millisecond
	in := &pausingReader{first: lines.String(), then: "last:v\n", pause: pause}
	src, err := NewSource([]Input{{Name: "stdin", Open: func() (io.ReadCloser, error) { return io.NopCloser(in), nil }}},
		ParseOptions{Delimiter: []byte("\n"), KeyDelimiter: []byte(":"), Partition: -1, MaxBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	res, err := Run(context.Background(), cl, src, Options{
		Topic: topic, Partitions: 3, Compacted: true, MaxBuffered: 7, Report: rec,
		DeliveryTimeout: time.Minute, Grace: time.Minute,
	})
	if res.Read != 1001 || res.Delivered != 801 || res.Failed != 200 || res.Unknown != 0 {
		t.Fatalf("Run = %+v, %v; want 1001 read, 801 delivered, 200 failed", res, err)
	}
	if len(rec.done) != 1 || rec.done[0].LongestWait >= pause*2/3 {
		t.Fatalf("done %+v; want the longest wait for an acknowledgement well under the input's pause of %s", rec.done, pause)
	}
}

// warm has cl's first records to each of a new topic's partitions
// answered before a test times the client's waits: Apache Kafka may
// answer a new topic's first produce with a retriable error (its leaders
// still settling, the producer ID being allocated), and the client then
// waits out its metadata's minimum age, 5 s, which would count as a
// record waiting.
func warm(t *testing.T, cl *kgo.Client, partitions int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	seen := map[int32]bool{}
	for i := 0; len(seen) < partitions; i++ {
		if i == 100 {
			t.Fatalf("100 keys reached %d of %d partitions", len(seen), partitions)
		}
		r, err := cl.ProduceSync(ctx, &kgo.Record{Key: fmt.Appendf(nil, "warm%d", i)}).First()
		if err != nil {
			t.Fatal(err)
		}
		seen[r.Partition] = true
	}
}

// TestCheckTopicSpread: CheckTopic counts the brokers that lead the
// topic's partitions, which bound the records in flight by default: as
// many as the cluster's metadata names (the broker chooses them), and one
// for a topic of one partition.
func TestCheckTopicSpread(t *testing.T) {
	c := testbroker.Own(t, kfake.NumBrokers(3), kfake.SeedTopics(6, "six"), kfake.SeedTopics(1, "one"))
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	meta, err := kadm.NewClient(cl).Metadata(ctx, "six")
	if err != nil {
		t.Fatal(err)
	}
	leaders := map[int32]bool{}
	for _, p := range meta.Topics["six"].Partitions {
		leaders[p.Leader] = true
	}
	for topic, want := range map[string]Spread{"six": {Partitions: 6, Leaders: len(leaders)}, "one": {Partitions: 1, Leaders: 1}} {
		if got, err := CheckTopic(ctx, cl, topic, false); got != want || err != nil {
			t.Errorf("CheckTopic(%s) = %+v, %v; want %+v", topic, got, err, want)
		}
	}
}

// TestSettlingHoldsAndAdds: delivered records are added to the run's
// counters a few at a time, but never held once every record the budget
// counts has settled (the end of a run, or a sending goroutine waiting
// for room), nor beyond every (half of a small budget), nor past a flush.
func TestSettlingHoldsAndAdds(t *testing.T) {
	r := &run{budget: newBudget(10, 0)}
	r.settling = newSettling(&r.budget)
	c := &clock{}
	take := func(n int) []*item {
		r.budget.records.Add(int64(n))
		r.budget.bytes.Add(int64(10 * n))
		r.sent.Add(n)
		c.pending.Add(int64(n))
		items := make([]*item, n)
		for i := range items {
			items[i] = &item{clock: c, size: 10, rec: kgo.Record{Partition: -1}}
		}
		return items
	}
	check := func(when string, delivered, held int64) {
		t.Helper()
		out := 10 - delivered // taken below: 10 records
		if r.delivered.Load() != delivered || r.budget.records.Load() != out || r.budget.bytes.Load() != 10*out ||
			c.pending.Load() != out || int64(len(r.freed)) != delivered || r.settling.n != held {
			t.Fatalf("%s: delivered %d, budget %d records %d bytes, clock pending %d, %d freed, %d held; want %d delivered, %d held",
				when, r.delivered.Load(), r.budget.records.Load(), r.budget.bytes.Load(), c.pending.Load(), len(r.freed), r.settling.n, delivered, held)
		}
	}
	items := take(10)
	for _, it := range items[:4] {
		r.done(it)
	}
	check("4 of 10 settled", 0, 4)
	r.done(items[4])
	check("5 of 10 settled (half the budget)", 5, 0)
	r.done(items[5])
	r.settling.flush(r)
	check("a flush", 6, 0)
	for _, it := range items[6:9] {
		r.done(it)
	}
	check("9 of 10 settled", 6, 3)
	r.done(items[9])
	check("every record settled", 10, 0)
	settled := make(chan struct{})
	go func() {
		r.waitSettled(time.Minute)
		close(settled)
	}()
	select {
	case <-settled:
	case <-time.After(5 * time.Second):
		t.Fatal("r.sent still counts records after every one settled")
	}
}
