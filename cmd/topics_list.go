package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

func newTopicsListCmd(f *Factory) *cobra.Command {
	var (
		output   string
		internal bool
	)
	c := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List topics with their partition count and replication factor",
		Long: `List the cluster's topics, sorted by name, with their partition count and
replication factor. Internal topics (__consumer_offsets, __transaction_state)
are left out unless --internal is given.

-o json writes [{"name", "partitions", "replicas", "internal"}].

` + adminExitStatus,
		Example: `  $ shore topics list
  $ shore topics list --internal -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			asJSON, err := jsonOutput(output)
			if err != nil {
				return err
			}
			return f.adminRound(cmd.Context(), func(ctx context.Context, adm *kadm.Client) error {
				list, err := topics.List(ctx, adm, internal)
				if err != nil {
					return err
				}
				return topics.WriteList(f.IO.Out, list, asJSON)
			})
		},
	}
	c.Flags().BoolVar(&internal, "internal", false, "include internal topics such as __consumer_offsets")
	addOutputFlag(c, &output)
	return c
}
