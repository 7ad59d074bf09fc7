package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

func newTopicsAlterConfigCmd(f *Factory) *cobra.Command {
	var (
		output string
		set    []string
		del    []string
	)
	c := &cobra.Command{
		Use:   "alter-config TOPIC",
		Short: "Set or reset a topic's settings",
		Long: `Change a topic's settings incrementally: --set key=value sets one, --delete
key returns one to the brokers' default; settings not named stay as they are.
Then print the topic's settings that differ from the built-in defaults.

-o json writes {"name", "configs": [{"name", "value", "source", "sensitive"}]}.

` + adminExitStatus,
		Example: `  $ shore topics alter-config orders --set retention.ms=3600000
  $ shore topics alter-config orders --delete retention.ms --set cleanup.policy=compact`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: firstArgOnly(completeTopics(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			asJSON, err := jsonOutput(output)
			if err != nil {
				return err
			}
			if len(set) == 0 && len(del) == 0 {
				return usageErrorf("nothing to change: give --set key=value or --delete key")
			}
			values, err := topics.ParseConfigs(set)
			if err != nil {
				return usageErrorf("--set: %v", err)
			}
			return f.adminRound(cmd.Context(), func(ctx context.Context, adm *kadm.Client) error {
				res, err := topics.AlterConfig(ctx, adm, args[0], values, del)
				if err != nil {
					return err
				}
				return topics.WriteConfigured(f.IO.Out, res, asJSON)
			})
		},
	}
	c.Flags().StringArrayVar(&set, "set", nil, "setting key=value to set, repeatable")
	c.Flags().StringArrayVar(&del, "delete", nil, "setting to return to the default, repeatable")
	addOutputFlag(c, &output)
	return c
}
