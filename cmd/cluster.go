package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

func newClusterCmd(f *Factory) *cobra.Command {
	var output string
	c := &cobra.Command{
		Use:   "cluster",
		Short: "Show the cluster id, the controller and the brokers",
		Long: `Show the cluster id, the controller's broker id and every broker with its
address and rack ('-' where there is none).

-o json writes {"cluster_id", "controller", "brokers": [{"id", "host", "port",
"rack"}]}; controller is -1 and rack null when unknown.

` + adminExitStatus,
		Example: `  $ shore cluster
  $ shore cluster -o json -b localhost:9092`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			asJSON, err := jsonOutput(output)
			if err != nil {
				return err
			}
			return f.adminRound(cmd.Context(), func(ctx context.Context, adm *kadm.Client) error {
				info, err := topics.Cluster(ctx, adm)
				if err != nil {
					return err
				}
				return topics.WriteCluster(f.IO.Out, info, asJSON)
			})
		},
	}
	addOutputFlag(c, &output)
	return c
}
