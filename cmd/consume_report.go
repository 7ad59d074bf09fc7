package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/kafkashore/shore/consume"
)

// consumeReport words what consume tells the user besides the records, as
// warnings on stderr.
type consumeReport struct{ w io.Writer }

func (r consumeReport) BelowStart(tp consume.TopicPartition, offset, logStart int64) {
	fmt.Fprintf(r.w, "shore: warning: %s/%d: offset %d is no longer in the log; starting at the log start %d\n", tp.Topic, tp.Partition, offset, logStart)
}

func (r consumeReport) DataLoss(tp consume.TopicPartition, err error) {
	fmt.Fprintf(r.w, "shore: warning: %s/%d: %v\n", tp.Topic, tp.Partition, err)
}

func (r consumeReport) SessionLost(group string, err error) {
	fmt.Fprintf(r.w, "shore: warning: group %s dropped this member (%v); rejoining, and records written since the last commit may be written again\n", group, err)
}

func (r consumeReport) Undecodable(tp consume.TopicPartition, offset int64, err error) {
	fmt.Fprintf(r.w, "shore: warning: %s/%d offset %d: cannot decode %s; written raw\n", tp.Topic, tp.Partition, offset, strings.ReplaceAll(err.Error(), "\n", "; "))
}

func (r consumeReport) TopicDeleted(topic string) {
	fmt.Fprintf(r.w, "shore: warning: topic %s was deleted while it was consumed; consuming goes on with the other topics matched\n", topic)
}

func (r consumeReport) RevokeCommitFailed(group string, err error) {
	fmt.Fprintf(r.w, "shore: warning: commit offsets of group %s before a rebalance: %v; the next owner of the partitions consumes them again\n", group, err)
}
