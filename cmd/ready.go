package cmd

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/check"
	"github.com/kafkashore/shore/format"
)

type readyOptions struct {
	Topics []string
	Wait   time.Duration
}

// readyFlags are ready's flags as given.
type readyFlags struct {
	wait time.Duration
}

func (fl *readyFlags) parse(args []string, _ flagsGiven) (*readyOptions, error) {
	if err := checkTopicNames(args...); err != nil {
		return nil, err
	}
	if fl.wait < 0 {
		return nil, usageErrorf("--wait %s: want 0 or more", fl.wait)
	}
	// A topic named twice is waited for, and reported, once.
	var topics []string
	for _, t := range args {
		if !slices.Contains(topics, t) {
			topics = append(topics, t)
		}
	}
	return &readyOptions{Topics: topics, Wait: fl.wait}, nil
}

func newReadyCmd(f *Factory, runF func(*readyOptions) error) *cobra.Command {
	fl := &readyFlags{}
	c := &cobra.Command{
		Use:   "ready [TOPIC...]",
		Short: "Wait until the brokers answer and topics exist",
		Long: `Wait until a broker answers and every TOPIC given exists with a leader for
each partition, trying every 250ms for at most --wait: the end of the
'until kcat -L; do sleep 1; done' loop in CI scripts. Each try connects
afresh, bounded by --timeout. When ready it says after how long on stderr,
and prints nothing on stdout.

A configuration that cannot work (a missing certificate file, a bad
mechanism) ends the wait at once (exit 2). So does a --brokers address, when
it is the only one, that answers in another protocol than Kafka's (HTTP, as
a schema registry's port does, or a server's own): no try again turns it
into a broker, so ready ends as --wait 0's one try does (exit 3, "shore: not
ready: cannot connect to ..."); given several addresses, ready goes on
trying, as another may yet start. A broker that refuses connections or authentication, or gives no
answer within --timeout, or a topic not yet created, is tried again. So ready passes once a try fits in
--timeout, and never when --timeout is shorter than a round trip to the
brokers: exit 3 at --wait, the line saying "no answer within" --timeout.
When the tries have found the same failure for ` + check.StillTryingAfter.String() + `, one line on stderr
says what, and that ready tries until --wait. --wait 0 tries once, as
'shore check' does by default: exit 3 at once when that try is not ready
("shore: not ready: ..."), for a probe that must not wait.

EXIT STATUS
  0    ready
  2    usage error (bad flag, argument or configuration)
  3    not ready within --wait, or at --wait 0's one try, or at once when the one broker address is no Kafka broker's; the line says why
  130  interrupted`,
		Example: `  $ shore ready --wait 60s
  $ shore ready orders payments --wait 60s && shore check orders
  $ shore ready orders --wait 0 || echo "not ready now"`,
		Args:              argsFromUse,
		ValidArgsFunction: completeTopics(f),
		RunE:              parsedRunE(f, fl.parse, runF, runReady),
	}
	c.Flags().DurationVar(&fl.wait, "wait", time.Minute, "give up after this long, e.g. 30s; 0: try once, as 'shore check' does")
	return c
}

func runReady(ctx context.Context, f *Factory, opts *readyOptions) error {
	r, err := waitReady(ctx, f, opts.Topics, opts.Wait)
	var notReady *check.NotReadyError
	switch {
	case errors.As(err, &notReady):
		return &conditionError{err: err}
	case err != nil:
		return err
	}
	what := fmt.Sprintf("%d brokers answer", r.Brokers)
	if r.Brokers == 1 {
		what = "1 broker answers"
	}
	switch len(opts.Topics) {
	case 0:
	case 1:
		what += fmt.Sprintf("; topic %q exists", opts.Topics[0])
	default:
		what += "; topics " + format.Quoted(opts.Topics, "and") + " exist"
	}
	fmt.Fprintf(f.IO.ErrOut, "shore: ready after %s: %s\n", r.Waited.Round(time.Millisecond), what)
	return nil
}
