package cmd

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kafkashore/shore/consume"
)

// The warning of failing commits says for how long they failed, and when
// the group kept rebalancing meanwhile, that it did.
func TestCommitsFailingLine(t *testing.T) {
	var b strings.Builder
	r := newConsumeReport(&b)
	failure := errors.New("ILLEGAL_GENERATION: Specified group generation id is not valid")
	r.CommitsFailing("g", failure, false)
	r.CommitsFailing("g", failure, true)
	const tail = ": ILLEGAL_GENERATION: Specified group generation id is not valid; records written since the last commit would be consumed again by the next owner of their partitions or a restart\n"
	want := `shore: warning: commits of group "g" have failed for 10s` + tail +
		`shore: warning: commits of group "g" have failed for 30s while the group kept rebalancing` + tail
	if b.String() != want {
		t.Errorf("got\n%swant\n%s", b.String(), want)
	}
}

// The warning of a fetch unanswered names the partitions that wait for the
// broker, the first ten of many, and says "its partitions" when the
// client's metadata could not tell which. It says how long the Consumer
// waited, which a test may have set to other than consume.AnswerAfter.
func TestFetchUnansweredLine(t *testing.T) {
	var b strings.Builder
	r := newConsumeReport(&b)
	var waiting []consume.TopicPartition
	for p := range int32(12) {
		waiting = append(waiting, consume.TopicPartition{Topic: "t", Partition: p})
	}
	for _, n := range []int{0, 1, 2, 12} {
		r.FetchUnanswered("h:9092", consume.AnswerAfter, waiting[:n])
	}
	const head, tail = "shore: warning: broker h:9092 has not answered a fetch for 6s (", " for it); waiting until it does (Ctrl-C or --idle-timeout ends the wait)\n"
	want := head + "its partitions wait" + tail +
		head + "t:0 waits" + tail +
		head + "t:0, t:1 wait" + tail +
		head + "t:0, t:1, t:2, t:3, t:4, t:5, t:6, t:7, t:8, t:9 and 2 more partitions wait" + tail
	r.FetchUnanswered("h:9092", time.Minute, waiting[:1])
	want += "shore: warning: broker h:9092 has not answered a fetch for 1m0s (t:0 waits" + tail
	if b.String() != want {
		t.Errorf("got\n%swant\n%s", b.String(), want)
	}
}
