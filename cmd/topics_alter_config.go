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
	JSON   bool
}

func newTopicsAlterConfigCmd(f *Factory, runF func(*topicsAlterConfigOptions) error) *cobra.Command {
	opts := &topicsAlterConfigOptions{}
	var (
		output string
		set    []string
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
			var err error
			if opts.JSON, err = jsonOutput(output); err != nil {
				return err
			}
			if len(set) == 0 && len(opts.Delete) == 0 {
				return usageErrorf("nothing to change: give --set key=value or --delete key")
			}
			if opts.Set, err = topics.ParseConfigs(set); err != nil {
				return usageErrorf("--set: %v", err)
			}
			for _, k := range opts.Delete {
				if _, both := opts.Set[k]; both {
					return usageErrorf("%s is given to both --set and --delete: choose one", k)
				}
				if k == "" {
					return usageErrorf("--delete '': want a setting's name, such as retention.ms")
				}
			}
			if err := checkTopicNames(args[0]); err != nil {
				return err
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
	addOutputFlag(c, &output)
	return c
}

func runTopicsAlterConfig(ctx context.Context, f *Factory, opts *topicsAlterConfigOptions) error {
	return f.adminRound(ctx, func(ctx context.Context, adm *kadm.Client) error {
		res, err := topics.AlterConfig(ctx, adm, opts.Topic, opts.Set, opts.Delete)
		if err != nil {
			return err
		}
		return topics.WriteConfigured(f.IO.Out, res, opts.JSON)
	})
}
