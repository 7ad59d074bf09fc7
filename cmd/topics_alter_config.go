package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

type topicsAlterConfigOptions struct {
	Topic  string
	Set    map[string]*string
	Delete []string
	Output string
}

func newTopicsAlterConfigCmd(f *Factory, runF func(*topicsAlterConfigOptions) error) *cobra.Command {
	opts := &topicsAlterConfigOptions{}
	var (
		set []string
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
			if len(set) == 0 && len(opts.Delete) == 0 {
				return usageErrorf("nothing to change: give --set key=value or --delete key")
			}
			var err error
			if opts.Set, err = topics.ParseConfigs(set); err != nil {
				return usageErrorf("--set: %v", err)
			}
			opts.Topic = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runTopicsAlterConfig(cmd.Context(), f, opts)
		},
	}
	c.Flags().StringArrayVar(&set, "set", nil, "setting key=value to set, repeatable")
	c.Flags().StringArrayVar(&opts.Delete, "delete", nil, "setting to return to the default, repeatable")
	addOutputFlag(c, &opts.Output)
	return c
}

func runTopicsAlterConfig(ctx context.Context, f *Factory, opts *topicsAlterConfigOptions) error {
	return f.adminRound(ctx, func(ctx context.Context, adm *kadm.Client) error {
		res, err := topics.AlterConfig(ctx, adm, opts.Topic, opts.Set, opts.Delete)
		if err != nil {
			return err
		}
		return writeConfigured(f.IO.Out, opts.Output, res)
	})
}
