package cmd

import (
	"context"
	"time"
)

// RunSlowAfter is Run with a broker counted as slow only after d: consume
// warns of a fetch or join left unanswered for d instead of
// consume.AnswerAfter, produce of records that waited d for an
// acknowledgement instead of slowDelivery. It is for a test of something
// else whose in-process broker, slowed by the race detector on a loaded
// machine, takes longer than those with a large record, and whose stderr
// must still be exact.
func RunSlowAfter(ctx context.Context, d time.Duration, args []string, io *IOStreams, env map[string]string) int {
	f := newFactory(args, io, env)
	f.slowAfter = d
	return run(ctx, f)
}
