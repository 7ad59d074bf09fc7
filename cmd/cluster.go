package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

type clusterOptions struct {
	Output string
}

func newClusterCmd(f *Factory, runF func(*clusterOptions) error) *cobra.Command {
	opts := &clusterOptions{}
	c := &cobra.Command{
		Use:   "cluster",
		Short: "Show the cluster id, the controller and the brokers",
		// kaf nodes, kaf node ls, rpk cluster metadata
		SuggestFor: []string{"nodes", "node", "brokers", "metadata"},
		Long: `Show the cluster id, the controller's broker id and every broker with its
address and rack ('-' where there is none).

-o json writes {"cluster_id", "controller", "brokers": [{"id", "host", "port",
"rack"}]}; cluster_id, controller and rack are null when there is none
or it is unknown. -o csv writes the
brokers' table as comma-separated lines after a header line
(BROKER,ADDRESS,RACK); the cluster id and the controller are in the table
and -o json.

` + exitStatus{failures: []string{refusedByKafka}}.String(),
		Example: `  $ shore cluster
  $ shore cluster -o json -b localhost:9092
  $ shore cluster -o csv`,
		Args: argsFromUse,
		Annotations: map[string]string{
			otherToolArg + "info":     "rpk's 'cluster info' is 'shore cluster'",
			otherToolArg + "metadata": "rpk's 'cluster metadata' is 'shore cluster'",
		},
		RunE: parsedRunE(f, asGiven(opts), runF, runCluster),
	}
	addOutputFlag(c, &opts.Output, csvFormats...)
	return c
}

func runCluster(ctx context.Context, f *Factory, opts *clusterOptions) error {
	return f.adminRound(ctx, func(ctx context.Context, adm *kadm.Client) error {
		info, err := topics.DescribeCluster(ctx, adm)
		if err != nil {
			return err
		}
		return writeCluster(f.IO.Out, opts.Output, info)
	})
}
