package cmd

import (
	"errors"
	"strings"
	"testing"
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
