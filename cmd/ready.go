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
each partition: the end of the 'until kcat -L; do sleep 1; done' loop in
CI scripts. ready tries every 250ms, each try connecting afresh and bounded
by --timeout, until one succeeds or --wait runs out. It prints nothing on
stdout; one line on stderr says how it ended:

  shore: ready after 55ms: 1 broker answers; topic "orders" exists
  shore: not ready after 1m0s: cannot reach localhost:9092: connection refused

Tried again until --wait runs out (then exit 3, saying what the last try
found):
  - no broker answers: nothing listens on the port, or a broker takes the
    connection and says nothing ("no answer within --wait 1m0s"), or no
    answer comes within --timeout ("no answer within 10s": a --timeout
    shorter than a round trip to the brokers never gets ready)
  - a broker refuses the connection: TLS or SASL settings that do not
    match its listener, a refused login (SASL users are often created after
    the broker starts)
  - a TOPIC does not exist yet, or a partition of it has no leader; a
    topic whose name is a typo or two from one that exists names that one,
    never another TOPIC ('topic "ordres" (did you mean "orders"?) does not
    exist')
  - the login may not describe a TOPIC: no ACL allows it DESCRIBE there
    yet ('not authorized to describe topic "orders"'; ACLs, too, are often
    created after the broker starts)
When the tries have found the same failure for ` + check.StillTryingAfter.String() + `, one line says so
('shore: still trying: ...; trying until --wait 1m0s'), and ready goes on.
Ctrl-C or SIGTERM (what 'timeout 30 shore ready' sends) stops the wait,
exit 130, after a line saying what the tries found ('shore: stopped by
SIGTERM: not ready after 29.5s: ...').

Ends at once:
  - exit 2, a configuration that cannot work: a bad flag or argument, a
    missing certificate file, an unknown SASL mechanism, a password file
    that cannot be read or a password command that fails
  - exit 3, the one --brokers address answers in another protocol than
    Kafka's, as a schema registry's HTTP port does ("shore: not ready:
    cannot connect to ..."); among several addresses it is tried again, as
    another may yet start
  - --wait 0: one try, as 'shore check' does by default; exit 3 when it
    is not ready ("shore: not ready: ..."), for a probe that must not wait

EXIT STATUS
  0    ready: a broker answers, and every TOPIC exists with a leader for each partition
  2    usage or configuration error, at once: bad flag or argument, a configuration that cannot work
  3    not ready: when --wait runs out, at once with --wait 0, or at once when the one broker address is no Kafka broker's; the line says why
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
	r, err := waitReady(ctx, f, opts.Topics, nil, opts.Wait, nil, nil)
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
