package cmd

import (
	"context"
	"time"
)

// RunAnswerAfter is Run with consume warning of a fetch or a join left
// unanswered for d instead of consume.AnswerAfter: for a test whose
// in-process broker, slowed by the race detector on a loaded machine, may
// take longer than that to begin a large answer, when the warning is not
// what it tests and its stderr must still be exact.
func RunAnswerAfter(ctx context.Context, d time.Duration, args []string, io *IOStreams, env map[string]string) int {
	f := newFactory(args, io, env)
	f.answerAfter = d
	return run(ctx, f)
}
