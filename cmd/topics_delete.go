package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

func newTopicsDeleteCmd(f *Factory) *cobra.Command {
	var output string
	c := &cobra.Command{
		Use:   "delete TOPIC...",
		Short: "Delete topics and all their records",
		Long: `Delete topics and all their records, and print the names deleted. If any
named topic does not exist, nothing is deleted (exit 1).

-o json writes [{"name"}].

` + adminExitStatus,
		Example: `  $ shore topics delete orders
  $ shore topics delete scratch-1 scratch-2 -o json`,
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: completeTopics(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			asJSON, err := jsonOutput(output)
			if err != nil {
				return err
			}
			return f.adminRound(cmd.Context(), func(ctx context.Context, adm *kadm.Client) error {
				deleted, err := topics.Delete(ctx, adm, args)
				if err != nil && len(deleted) == 0 {
					return err
				}
				if werr := topics.WriteDeleted(f.IO.Out, deleted, asJSON); werr != nil && err == nil {
					err = werr
				}
				return err
			})
		},
	}
	addOutputFlag(c, &output)
	return c
}
