package cmd

import (
	"bytes"
	"testing"

	"github.com/kafkashore/shore/groups"
)

// TestWarnOutsideLogOneRecord: a commit one record before the log start
// says "1 record deleted unread".
func TestWarnOutsideLogOneRecord(t *testing.T) {
	commit, logStart, logEnd := int64(3), int64(4), int64(5)
	d := groups.Description{Group: groups.Group{Group: "billing"}, Partitions: []groups.Row{
		{Topic: "orders", Partition: 1, CurrentOffset: &commit, LogStart: &logStart, LogEnd: &logEnd},
	}}
	var stderr bytes.Buffer
	warnOutsideLog(&stderr, []groups.Description{d})
	want := `shore: warning: group "billing": orders:1: commit 3 is before the log start 4 (1 record deleted unread); the group's next consumer starts where its offset reset policy says` + "\n"
	if stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}
