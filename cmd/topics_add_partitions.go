package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

type topicsAddPartitionsOptions struct {
	Topic  string
	Total  int
	Output string
}

func newTopicsAddPartitionsCmd(f *Factory, runF func(*topicsAddPartitionsOptions) error) *cobra.Command {
	opts := &topicsAddPartitionsOptions{}
	c := &cobra.Command{
		Use:   "add-partitions TOPIC --total N",
		Short: "Grow a topic to N partitions",
		Long: `Grow a topic to --total partitions. Kafka cannot remove partitions, so N must
be more than the current count. Adding partitions moves where keys land:
records with the same key may go to a different partition from now on.

-o json writes {"name", "partitions"}.

` + adminExitStatus,
		Example:           `  $ shore topics add-partitions orders --total 6`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: firstArgOnly(completeTopics(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("total") {
				return usageErrorf("--total is required: the partition count to grow to")
			}
			if opts.Total < 1 {
				return usageErrorf("--total %d: a topic needs at least 1 partition", opts.Total)
			}
			opts.Topic = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runTopicsAddPartitions(cmd.Context(), f, opts)
		},
	}
	c.Flags().IntVar(&opts.Total, "total", 0, "partition count to grow to (required)")
	addOutputFlag(c, &opts.Output)
	return c
}

func runTopicsAddPartitions(ctx context.Context, f *Factory, opts *topicsAddPartitionsOptions) error {
	return f.adminRound(ctx, func(ctx context.Context, adm *kadm.Client) error {
		res, err := topics.AddPartitions(ctx, adm, opts.Topic, opts.Total)
		if err != nil {
			return err
		}
		return writeResized(f.IO.Out, opts.Output, res)
	})
}
