package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

func newTopicsAddPartitionsCmd(f *Factory) *cobra.Command {
	var (
		output string
		total  int
	)
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
			asJSON, err := jsonOutput(output)
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("total") {
				return usageErrorf("--total is required: the partition count to grow to")
			}
			if total < 1 {
				return usageErrorf("--total %d: a topic needs at least 1 partition", total)
			}
			return f.adminRound(cmd.Context(), func(ctx context.Context, adm *kadm.Client) error {
				res, err := topics.AddPartitions(ctx, adm, args[0], total)
				if err != nil {
					return err
				}
				return topics.WriteResized(f.IO.Out, res, asJSON)
			})
		},
	}
	c.Flags().IntVar(&total, "total", 0, "partition count to grow to (required)")
	addOutputFlag(c, &output)
	return c
}
