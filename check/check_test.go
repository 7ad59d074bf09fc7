package check

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/testbroker"
)

func TestSummarise(t *testing.T) {
	msList := func(ns ...int) []time.Duration {
		var ds []time.Duration
		for _, n := range ns {
			ds = append(ds, time.Duration(n)*time.Millisecond)
		}
		return ds
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i
	}
	for _, tc := range []struct {
		name string
		in   []time.Duration
		want *Latency
	}{
		{"none", nil, nil},
		{"one", msList(7), &Latency{7, 7, 7}},
		{"two", msList(9, 1), &Latency{1, 9, 9}},
		{"five", msList(5, 1, 4, 2, 3), &Latency{3, 5, 5}},
		{"a hundred", msList(hundred...), &Latency{50, 99, 100}},
		{"microseconds", []time.Duration{1234567 * time.Nanosecond}, &Latency{1.235, 1.235, 1.235}},
	} {
		got := summarise(tc.in)
		if (got == nil) != (tc.want == nil) || got != nil && *got != *tc.want {
			t.Errorf("%s: %+v; want %+v", tc.name, got, tc.want)
		}
	}
}

// TestReadyKeepsTheTellingError: when the wait limit cuts an attempt
// short, the error reported is the one before, which says what is wrong.
func TestReadyKeepsTheTellingError(t *testing.T) {
	refused := errors.New("cannot reach b:9092: connection refused")
	attempts := 0
	newClient := func(ctx context.Context, _ ...kgo.Opt) (*kgo.Client, error) {
		attempts++
		if attempts == 1 {
			return nil, refused
		}
		<-ctx.Done()
		return nil, ctx.Err()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err := Ready(ctx, newClient, nil, nil, func(error) bool { return false }, func(err error) { t.Errorf("still trying after %v: %v", StillTryingAfter, err) })
	var nr *NotReadyError
	if !errors.As(err, &nr) || nr.Last != refused {
		t.Fatalf("%v; want not ready with %v", err, refused)
	}

	attempts = 1
	ctx, cancel = context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := Ready(ctx, newClient, nil, nil, func(error) bool { return false }, func(err error) { t.Errorf("still trying after %v: %v", StillTryingAfter, err) }); !errors.As(err, &nr) || !errors.Is(nr.Last, context.DeadlineExceeded) {
		t.Fatalf("no attempt finished: %v", err)
	}

	fatal := errors.New("bad configuration")
	_, err = Ready(context.Background(), func(context.Context, ...kgo.Opt) (*kgo.Client, error) { return nil, fatal }, nil, nil, func(err error) bool { return err == fatal }, func(error) {})
	if err != fatal {
		t.Fatalf("a fatal error: %v", err)
	}
}

// TestFetchAfterAck: the fetch Kafka's EndToEndLatency sends after the
// acknowledgement returns a record that is there, keeps asking while the
// answers are empty until ctx ends, and after failed fetches returns the
// last failure.
func TestFetchAfterAck(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	rec := testbroker.Produce(t, &kgo.Record{Topic: topic, Value: []byte("probe")})[0]
	cl := testbroker.Client(t)
	md, err := kadm.NewClient(cl).Metadata(context.Background(), topic)
	if err != nil {
		t.Fatal(err)
	}
	td := md.Topics[topic]
	at := &layout{id: td.ID, leaders: map[int32]int32{0: td.Partitions[0].Leader}}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := fetchAfterAck(ctx, cl, at, rec); err != nil {
		t.Fatalf("a record that is there: %v", err)
	}

	ctx, cancel = context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	next := &kgo.Record{Topic: topic, Partition: 0, Offset: rec.Offset + 1}
	if err := fetchAfterAck(ctx, cl, at, next); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a record that never comes: %v; want the deadline", err)
	}

	ctx, cancel = context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	unknown := &layout{id: [16]byte{1, 2, 3}, leaders: at.leaders}
	err = fetchAfterAck(ctx, cl, unknown, rec)
	want := fmt.Sprintf("fetch %s:0 after the acknowledgement: UNKNOWN_TOPIC_ID: ", topic)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("a topic ID no broker knows: %v; want %q...", err, want)
	}
}
