package cmd

import (
	"context"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/topics"
)

type topicsAddPartitionsOptions struct {
	// Topics are the topics to grow, sorted, each once.
	Topics []string
	Total  int32
	Output string
	DryRun bool
}

// topicsAddPartitionsFlags are topics add-partitions' flags as given.
type topicsAddPartitionsFlags struct {
	total  int32
	output string
	dryRun bool
}

// parse requires --total, at least 1, and topic names Kafka accepts.
// Without --total, a whole-number argument is the count without its flag.
func (fl *topicsAddPartitionsFlags) parse(args []string, given flagsGiven) (*topicsAddPartitionsOptions, error) {
	if err := checkTopicNames(args...); err != nil {
		return nil, err
	}
	if !given("total") {
		if i := slices.IndexFunc(args, func(a string) bool { return strings.Trim(a, "0123456789") == "" }); i >= 0 {
			return nil, usageErrorf("%q looks like the partition count: --total %s", args[i], args[i])
		}
		return nil, usageErrorf("--total is required: the partition count to grow to")
	}
	if fl.total < 1 {
		return nil, usageErrorf("--total %d: a topic needs at least 1 partition", fl.total)
	}
	names := slices.Compact(slices.Sorted(slices.Values(args)))
	return &topicsAddPartitionsOptions{Topics: names, Total: fl.total, Output: fl.output, DryRun: fl.dryRun}, nil
}

func newTopicsAddPartitionsCmd(f *Factory, runF func(*topicsAddPartitionsOptions) error) *cobra.Command {
	fl := &topicsAddPartitionsFlags{}
	c := &cobra.Command{
		Use:   "add-partitions TOPIC... --total N",
		Short: "Grow topics to N partitions",
		Long: `Grow each topic to --total partitions. Kafka cannot remove partitions, so N
must be more than a topic's current count; a whole number among the TOPICs
without --total (add-partitions orders 6) is a usage error that says to
write --total 6. Adding partitions moves where keys land: records with the
same key may go to a different partition from now on. An internal topic
(__consumer_offsets, __transaction_state) is refused: Kafka finds each
group's commits and each transaction's state in it by the partition count,
and would grow it.

Each topic is answered on its own, as Kafka answers them: the topics grown
are printed; one line on stderr names the topics that do not exist, and each
other topic not grown (internal, already that large, refused by the
brokers) gets one line that says why; then the exit status is 1.

Returns once every broker's metadata shows a leader for every new partition,
as create does, so a command run right after it (produce -p to a new
partition) finds them, whichever broker it asks: at most --timeout, then a
warning names the brokers that do not.

-o json writes {"name", "partitions"} for one TOPIC, as it always has (null
when it is not grown), and an array of them, one per topic grown, for several
([] when none is), as kubectl get does for one name and for several: jq
always reads a document.

` + dryRunHelp + ` Nothing waits for the brokers' metadata.

` + exitStatus{failures: []string{"a topic unknown, internal or not grown", refusedByKafka}}.String(),
		Example: `  $ shore topics add-partitions orders --total 6
  $ shore topics add-partitions orders payments --total 6
  $ shore topics add-partitions orders --total 6 --dry-run`,
		Args: argsFromUse,
		// kafka-topics --alter and kaf topic update grow a topic; their
		// settings are alter-config's.
		SuggestFor: []string{"alter", "update"},
		Annotations: otherToolFlags("shore topics add-partitions TOPIC... --total N",
			"partitions", "kafka-topics' --alter --partitions N is --total N",
			"num", "rpk's --num N adds N partitions; --total N is the count to grow to",
			"-n", "rpk's -n N adds N partitions; --total N is the count to grow to"),
		ValidArgsFunction: completeTopics(f),
		RunE:              parsedRunE(f, fl.parse, runF, runTopicsAddPartitions),
	}
	c.Flags().Int32Var(&fl.total, "total", 0, "partition count to grow to, 1 to 2147483647 (required)")
	setFlagMin(c.Flags(), "total", 1)
	addDryRunFlag(c, &fl.dryRun)
	addOutputFlag(c, &fl.output)
	return c
}

func runTopicsAddPartitions(ctx context.Context, f *Factory, opts *topicsAddPartitionsOptions) error {
	return f.clientRound(ctx, func(ctx context.Context, cl *kgo.Client, adm *kadm.Client) error {
		grown, failed, err := topics.AddPartitions(ctx, adm, opts.Topics, int(opts.Total), opts.DryRun)
		if err != nil {
			return f.unanswered(err, "shore topics describe "+strings.Join(opts.Topics, " "))
		}
		if !opts.DryRun {
			led := make([]topics.Created, len(grown))
			for i, g := range grown {
				led[i] = topics.Created{Name: g.Name, Partitions: &opts.Total}
			}
			if werr := f.afterWait(ctx, topics.AwaitLed(ctx, adm, cl, led), unled(true)); werr != nil {
				return werr
			}
		}
		return afterReport(writeResized(f.IO.Out, opts.Output, grown, len(opts.Topics) == 1), func() error {
			if opts.DryRun && len(grown) > 0 {
				noteDryRun(f.IO.ErrOut)
			}
			return f.leftOut(failed, nil)
		})
	})
}
