package consume

import (
	"io"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// fetchStallReporter counts what a Consumer tells of unanswered fetches.
type fetchStallReporter struct {
	Reporter
	unanswered atomic.Int32
}

func (r *fetchStallReporter) FetchUnanswered(string, time.Duration, []TopicPartition) {
	r.unanswered.Add(1)
}

// TestFetchAnswerComingIn: a fetch whose answer is still arriving, bytes
// at a time, after AnswerAfter (a 100 MiB record read on a loaded
// machine, in CI) is no fetch left unanswered: the warning that the
// broker is frozen came with the record. Once the bytes stop for
// AnswerAfter, it comes.
func TestFetchAnswerComingIn(t *testing.T) {
	t.Parallel()
	report := &fetchStallReporter{}
	c := New(&Plan{}, Options{}, io.Discard, report)
	const addr = "127.0.0.1:9092"
	answerHook{c}.OnBrokerWrite(kgo.BrokerMetadata{Host: "127.0.0.1", Port: 9092}, kmsg.Fetch.Int16(), 0, 0, 0, nil)
	for end := time.Now().Add(AnswerAfter + 2*time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		c.FetchReceiving(addr)
	}
	if n := report.unanswered.Load(); n != 0 {
		t.Fatalf("told %d times of an unanswered fetch while its answer came in; want none", n)
	}
	deadline := time.Now().Add(AnswerAfter + 10*time.Second)
	for report.unanswered.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if n := report.unanswered.Load(); n != 1 {
		t.Fatalf("told %d times once no byte came for %s; want once", n, AnswerAfter)
	}
}
