package cmd

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/check"
	"github.com/kafkashore/shore/config"
)

type checkOptions struct {
	Check check.Options
	// Wait is how long to wait for the cluster and the topic first; 0
	// tries once.
	Wait time.Duration
	JSON bool
}

func newCheckCmd(f *Factory, runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{}
	var output string
	c := &cobra.Command{
		Use:   "check TOPIC",
		Short: "Prove a cluster works: send probe records to a topic and read them back",
		Long: `Send -n probe records to TOPIC, one after the other, each to the next
partition in turn, and read each back with a fresh consumer started at the
end of every partition. Prints the produce acknowledgement latency and the
end-to-end latency (send to receive; p50, p99 and max) and which broker
leads each partition.

The probes carry the header ` + check.ProbeHeader + ` (its value the run's id), so that
consumers of the topic can skip them: --filter 'all(.headers[]; .key != "` + check.ProbeHeader + `")'.
They stay in the topic like any record.

Each probe must come back within --timeout. The check fails (exit 3) at the
first step that does not work, and names it: connect (no broker answers),
metadata (the topic is unknown or a partition has no leader), produce (a
probe was refused or not acknowledged), fetch (a probe did not come back).
What was measured until then is still printed.

--wait D first waits up to D for the brokers to answer and the topic to
exist, as 'shore ready' does, for a cluster that is starting.

-o json writes {"topic", "probes", "acked", "returned",
"produce_ack_ms": {"p50", "p99", "max"}, "end_to_end_ms": {...},
"partitions": [{"partition", "leader", "host", "port"}],
"failed_step", "error"}, the last two only when the check failed.

EXIT STATUS
  0    every probe came back within --timeout
  2    usage error (bad flag or argument)
  3    the check failed at connect, metadata, produce or fetch
  130  interrupted`,
		Example: `  $ shore check orders
  $ shore check orders -n 100 -o json
  $ shore check orders --wait 60s`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeTopics(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.JSON, err = jsonOutput(output); err != nil {
				return err
			}
			if opts.Check.Probes < 1 {
				return usageErrorf("--probes %d: want 1 or more", opts.Check.Probes)
			}
			if opts.Wait < 0 {
				return usageErrorf("--wait %s: want 0 or more", opts.Wait)
			}
			opts.Check.Topic = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runCheck(cmd.Context(), f, opts)
		},
	}
	c.Flags().IntVarP(&opts.Check.Probes, "probes", "n", 5, "number of probe records")
	c.Flags().DurationVar(&opts.Wait, "wait", 0, "first wait this long for the brokers and the topic, e.g. 60s (default 0: try once)")
	addOutputFlag(c, &output)
	return c
}

func runCheck(ctx context.Context, f *Factory, opts *checkOptions) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	if opts.Wait > 0 {
		if _, err := waitReady(ctx, f, []string{opts.Check.Topic}, opts.Wait); err != nil {
			var notReady *check.NotReadyError
			if errors.As(err, &notReady) {
				return conditionErrorf("check failed at connect or metadata: %v", err)
			}
			return err
		}
	}
	opts.Check.Timeout = cfg.Timeout
	opts.Check.RunID = runID()
	rep, err := check.Run(ctx, f.newClientFunc(), opts.Check)
	var stepErr *check.StepError
	switch {
	case errors.As(err, &stepErr):
		var cfgErr *config.Error
		if errors.As(err, &cfgErr) {
			return cfgErr
		}
		if rep.Acked > 0 || opts.JSON {
			if werr := check.WriteReport(f.IO.Out, rep, opts.JSON); werr != nil {
				return werr
			}
		}
		return &conditionError{err: err}
	case err != nil:
		return errOrInterrupted(ctx, err)
	}
	return check.WriteReport(f.IO.Out, rep, opts.JSON)
}

// newClientFunc is f.Client for the domain packages that build their own
// clients.
func (f *Factory) newClientFunc() check.NewClient {
	return func(ctx context.Context, extra ...kgo.Opt) (*kgo.Client, error) {
		return f.Client(ctx, extra...)
	}
}

// runID tells one run's probes from another's.
func runID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%x", b)
}

// waitReady waits up to wait for the cluster and topics; a bad
// configuration ends it at once.
func waitReady(ctx context.Context, f *Factory, topics []string, wait time.Duration) (check.Readiness, error) {
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	fatal := func(err error) bool {
		var cfgErr *config.Error
		return errors.As(err, &cfgErr)
	}
	r, err := check.Ready(wctx, f.newClientFunc(), topics, fatal)
	var notReady *check.NotReadyError
	if errors.As(err, &notReady) {
		// The limit, not the milliseconds around it that the clock saw.
		notReady.Waited = wait
	}
	return r, errOrInterrupted(ctx, err)
}
