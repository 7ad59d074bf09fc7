package cmd

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"strconv"
	"time"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/check"
	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/format"
)

type checkOptions struct {
	Check check.Options
	// Wait is how long to wait for the cluster and the topic first; 0
	// tries once.
	Wait   time.Duration
	Output string
}

// maxProbes bounds --probes: probes go one after the other, a round trip
// each, and the run keeps a channel slot and three latencies per probe, so
// a mistyped count would exhaust memory before the first probe; 100000 is
// minutes of probing.
const maxProbes = 100000

// checkFlags are check's flags as given.
type checkFlags struct {
	probes int
	wait   time.Duration
	output string
}

func (fl *checkFlags) parse(args []string, _ flagsGiven) (*checkOptions, error) {
	if err := checkTopicName(args[0]); err != nil {
		return nil, err
	}
	if fl.probes < 1 || fl.probes > maxProbes {
		return nil, usageErrorf("--probes %d: want 1 to %d", fl.probes, maxProbes)
	}
	if fl.wait < 0 {
		return nil, usageErrorf("--wait %s: want 0 or more", fl.wait)
	}
	return &checkOptions{Check: check.Options{Topic: args[0], Probes: fl.probes}, Wait: fl.wait, Output: fl.output}, nil
}

func newCheckCmd(f *Factory, runF func(*checkOptions) error) *cobra.Command {
	fl := &checkFlags{}
	c := &cobra.Command{
		Use:   "check TOPIC",
		Short: "Prove a cluster works: send probe records to a topic and read them back",
		Long: `Send -n probe records to TOPIC, one after the other, each to the next
partition in turn, and read each back, then print three latencies (p50,
p99 and max, nearest rank, to the microsecond) and which broker leads each
partition:

  PRODUCE-ACK     from the send until the acknowledgement (acks=all).
  END-TO-END      from the send until a consumer has the probe. The consumer,
                  started at the end of every partition before the first
                  probe, is already waiting in a fetch when a probe is sent,
                  as a running consumer would be: this is the delay an
                  application sees.
  ACK-THEN-FETCH  from the send until a fetch sent only once the
                  acknowledgement came back returns the probe (with
                  fetch.max.wait.ms 0, again while the answer is empty).
                  This is the sequence Kafka's own EndToEndLatency tool
                  (kafka-e2e-latency.sh) times, for comparing with it; it is
                  about PRODUCE-ACK plus one fetch round trip. That tool
                  prints whole milliseconds, rounded down.

The probes carry the header ` + check.ProbeHeader + ` (its value the run's id), so that
consumers of the topic can skip them, as
  --filter 'all(.headers[]; .key != "` + check.ProbeHeader + `")'
does. They stay in the topic like any record.

Each probe must come back within --timeout. The check fails (exit 3) at the
first step that does not work, and names it: connect (no broker answers),
metadata (the topic is unknown, the login may not describe it, or a
partition has no leader; a topic whose
name is a typo or two from one that exists names that one: 'topic "ordres"
(did you mean "orders"?) does not exist'), produce (a probe was refused or
not acknowledged, or too large for a topic whose max.message.bytes is
below a probe's batch, about 110 bytes: the line names the setting and
its value), fetch (a probe did not come back, to the consumer or to the
fetch after the acknowledgement). A login that may not write to TOPIC,
or not read it, fails at produce or fetch at once, saying so ('not
authorized to read topic "orders" (TOPIC_AUTHORIZATION_FAILED: no ACL
allows this login READ on it)'). What was measured until then is still
printed, with how many probes were sent
('PROBES    1 of 5 sent, 1 acknowledged, 0 back').

--wait D first waits up to D for the brokers to answer and the topic to
exist, as 'shore ready' does, for a cluster that is starting (saying so
on stderr once the tries have found the same failure for ` + check.StillTryingAfter.String() + `). When D
runs out, the check fails at connect or metadata, where the last try
stopped, with what it found and for how long it tried ('check failed at
connect: cannot reach localhost:9092: connection refused; tried for --wait
1m0s'); it fails at connect at once when the one broker address answers
in another protocol than Kafka's (HTTP, as a schema registry's port), as
ready ends then.

-o json writes {"topic", "probes", "sent", "acked", "returned",
"produce_ack_ms": {"p50", "p99", "max"}, "end_to_end_ms": {...},
"ack_then_fetch_ms": {...}, "partitions": [{"partition", "leader", "host",
"port"}], "failed_step", "error"}: "probes" the number asked for, "sent"
those sent before the check ended, the latencies above in milliseconds
(null before a probe was measured), "returned" the probes the consumer had;
"leader", "host" and "port" null for a partition without a leader;
"failed_step" and "error" only when the check failed.

EXIT STATUS
  0    every probe came back within --timeout
  1    writing the report to stdout failed (a full disk)
  2    usage error (bad flag or argument)
  3    the check failed at connect, metadata, produce or fetch
  130  interrupted`,
		Example: `  $ shore check orders
  $ shore check orders -n 100 -o json
  $ shore check orders --wait 60s`,
		Args:              argsFromUse,
		ValidArgsFunction: completeTopics(f),
		RunE:              parsedRunE(f, fl.parse, runF, runCheck),
	}
	c.Flags().IntVarP(&fl.probes, "probes", "n", 5, "number of probe records, 1 to "+strconv.Itoa(maxProbes))
	setFlagMin(c.Flags(), "probes", 1)
	setFlagMax(c.Flags(), "probes", maxProbes)
	c.Flags().DurationVar(&fl.wait, "wait", 0, "first wait this long for the brokers and the topic, e.g. 60s (default 0: try once)")
	addOutputFlag(c, &fl.output)
	return c
}

func runCheck(ctx context.Context, f *Factory, opts *checkOptions) error {
	cfg, err := f.Config(ctx)
	if err != nil {
		return err
	}
	var rep *check.Report
	if opts.Wait > 0 {
		_, err = waitReady(ctx, f, []string{opts.Check.Topic}, nil, opts.Wait, nil, nil)
		var notReady *check.NotReadyError
		switch {
		case errors.As(err, &notReady):
			rep, err = check.NotReady(opts.Check, notReady.Step, triedFor(notReady))
		case err != nil:
			return err
		}
	}
	if rep == nil {
		opts.Check.Timeout = cfg.Timeout
		opts.Check.RunID = runID()
		rep, err = check.Run(ctx, f.newClientFunc(), opts.Check)
	}
	var stepErr *check.StepError
	switch {
	case errors.As(err, &stepErr):
		var cfgErr *config.Error
		if errors.As(err, &cfgErr) {
			return cfgErr
		}
		if advertised := advertisedFault(stepErr.Err); advertised != nil {
			// As exitCode tells it for every other command, on stderr
			// and in the JSON report alike.
			stepErr.Err, rep.Error = advertised, advertised.Error()
		}
		failed := func() error { return &conditionError{err: err} }
		if rep.Acked > 0 || opts.Output == "json" {
			return afterReport(writeCheckReport(f.IO.Out, opts.Output, rep), failed)
		}
		return failed()
	case err != nil:
		return errOrInterrupted(ctx, err)
	}
	return writeCheckReport(f.IO.Out, opts.Output, rep)
}

// triedFor is what check says of a wait for the cluster and the topic in
// vain: what the last try found, and how long the tries went on, in the
// words of ready's line while it tries ('...; trying until --wait 1m0s').
// A wait that ended at once (the one broker address is no Kafka broker's)
// says what that one try found, as check without --wait does, and one
// whose tries all went unanswered says --wait already.
func triedFor(e *check.NotReadyError) error {
	var unreachable *connect.UnreachableError
	if e.Waited == 0 || errors.As(e.Last, &unreachable) && unreachable.Cause == noAnswerWithin(e.Waited) {
		return e.Last
	}
	return fmt.Errorf("%w; tried for --wait %s", e.Last, e.Waited)
}

// noAnswerWithin is the cause of brokers that took the connections of
// every try within --wait and answered none.
func noAnswerWithin(wait time.Duration) string {
	return fmt.Sprintf("no answer within --wait %s", wait)
}

// writeCheckReport writes a summary and two tables (the latencies, and the
// leader of each partition), or the report's JSON.
func writeCheckReport(w io.Writer, output string, rep *check.Report) error {
	return render(w, output, rep, func(w io.Writer) error {
		sent := strconv.Itoa(rep.Sent)
		if rep.Sent < rep.Probes {
			sent += " of " + strconv.Itoa(rep.Probes)
		}
		fmt.Fprintf(w, "TOPIC     %s\nPROBES    %s sent, %d acknowledged, %d back\n\n", rep.Topic, sent, rep.Acked, rep.Returned)
		rows := [][]string{latencyRow("PRODUCE-ACK", rep.ProduceAck), latencyRow("END-TO-END", rep.EndToEnd),
			latencyRow("ACK-THEN-FETCH", rep.AckThenFetch)}
		if err := format.Table(w, []string{"LATENCY", "P50", "P99", "MAX"}, rows); err != nil {
			return err
		}
		rows = rows[:0]
		for _, l := range rep.Partitions {
			addr := format.None
			if l.Port != nil {
				addr = net.JoinHostPort(string(l.Host), strconv.Itoa(int(*l.Port)))
			}
			rows = append(rows, []string{strconv.Itoa(int(l.Partition)), l.Leader.String(), addr})
		}
		if len(rows) == 0 {
			return nil
		}
		fmt.Fprintln(w)
		return format.Table(w, []string{"PARTITION", "LEADER", "ADDRESS"}, rows)
	})
}

// latencyRow is P50 P99 MAX as durations (1.234ms), or - before a probe
// was measured.
func latencyRow(name string, l *check.Latency) []string {
	if l == nil {
		return []string{name, format.None, format.None, format.None}
	}
	// Rounded to the microsecond the report holds: the float product
	// alone turns 1.043 into 1.042999ms.
	ms := func(v float64) string { return (time.Duration(math.Round(v*1000)) * time.Microsecond).String() }
	return []string{name, ms(l.P50), ms(l.P99), ms(l.Max)}
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

// waitReady waits up to wait for the cluster and topics, or tries once
// when wait is 0. A bad configuration ends it at once; so does a broker
// address, the only one given, that answers in another protocol than
// Kafka's, which no retry turns into a broker: not ready, as the one try
// of wait 0 finds it. told, when not nil, says whether the caller has told
// the user what a try found already: the tries finding it for long are then
// not told of again. A missing topic is never said to mean one of topics or
// of others, the other topics the command names. A signal during the wait
// ends it with a line saying what the tries found: stopped, when not nil,
// words it for the caller's wait, and is given nil when the signal came
// before any try ended.
func waitReady(ctx context.Context, f *Factory, topics, others []string, wait time.Duration, told func(error) bool, stopped func(*check.NotReadyError) string) (check.Readiness, error) {
	cfg, err := f.Config(ctx)
	if err != nil {
		return check.Readiness{}, err
	}
	badConfig := func(err error) bool {
		var cfgErr *config.Error
		return errors.As(err, &cfgErr)
	}
	if wait == 0 {
		r, err := check.TryOnce(ctx, f.newClientFunc(), topics, others, badConfig)
		return r, errOrInterrupted(ctx, err)
	}
	notKafka := func(err error) bool {
		var unreachable *connect.UnreachableError
		return len(cfg.Brokers) == 1 && errors.As(err, &unreachable) && unreachable.NotKafka
	}
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	stillTrying := func(err error) {
		if told != nil && told(err) {
			return
		}
		fmt.Fprintf(f.IO.ErrOut, "shore: still trying: %v; trying until --wait %s\n", err, wait)
	}
	r, err := check.Ready(wctx, f.newClientFunc(), topics, others, func(err error) bool { return badConfig(err) || notKafka(err) }, stillTrying)
	var notReady *check.NotReadyError
	switch {
	case ctx.Err() != nil && errors.Is(err, context.Canceled) && (errors.As(err, &notReady) || stopped != nil):
		// A script's timeout sends SIGTERM (timeout 30 shore ready
		// ...): its log still says what the tries found, or, before
		// any try ended, what the caller waits for.
		stop := interruption(ctx)
		var found string
		if stopped != nil {
			found = stopped(notReady)
		} else {
			found = notReady.Error()
		}
		fmt.Fprintf(f.IO.ErrOut, "shore: stopped by %s: %s\n", stop.by, found)
		return r, stop
	case errors.As(err, &notReady):
		// The limit, not the milliseconds around it that the clock saw.
		notReady.Waited = wait
		if errors.Is(notReady.Last, context.DeadlineExceeded) {
			// No try ended within the limit (a broker that accepts
			// connections and says nothing, --timeout longer than
			// --wait): name whom the tries waited for.
			notReady.Last = &connect.UnreachableError{Brokers: cfg.Brokers, Cause: noAnswerWithin(wait)}
		}
	case notKafka(err):
		return r, &check.NotReadyError{Last: err, Step: check.StepConnect}
	}
	return r, errOrInterrupted(ctx, err)
}
