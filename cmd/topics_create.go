package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

type topicsCreateOptions struct {
	Request topics.CreateRequest
	JSON    bool
}

func newTopicsCreateCmd(f *Factory, runF func(*topicsCreateOptions) error) *cobra.Command {
	opts := &topicsCreateOptions{}
	var (
		output     string
		partitions int32
		replicas   int16
		configs    []string
	)
	c := &cobra.Command{
		Use:   "create TOPIC...",
		Short: "Create topics",
		Long: `Create topics, all with the same partition count, replication factor and
settings. Without -p or -r the brokers' defaults apply (num.partitions,
default.replication.factor), as with kafka-topics.sh and rpk.

Returns once every partition of the new topics has a leader (at most
--timeout), so a command run right after it finds them. Prints the topics it
created with their partition count and replication factor. A topic that
exists already is a failure (exit 1); the others are still created.

--if-not-exists, for setup scripts, takes a topic that exists already as
done when it has at least the -p partitions asked (any number without -p),
and prints it like a created one; one with fewer partitions is a failure
(exit 1) that says how many it has. Its replication factor and settings are
not compared.

-c/--topic-config sets a topic setting; --config remains shore's
configuration file, as for every command.

-o json writes [{"name", "partitions", "replicas", "id"}], with
"existed": true for a topic --if-not-exists found.

` + adminExitStatus,
		Example: `  $ shore topics create orders -p 3
  $ shore topics create orders -p 3 --if-not-exists
  $ shore topics create audit -p 1 -c cleanup.policy=compact -c retention.ms=-1`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.JSON, err = jsonOutput(output); err != nil {
				return err
			}
			opts.Request = topics.CreateRequest{Names: args, Partitions: -1, Replicas: -1, IfNotExists: opts.Request.IfNotExists}
			if cmd.Flags().Changed("partitions") {
				if partitions < 1 {
					return usageErrorf("--partitions %d: a topic needs at least 1 partition", partitions)
				}
				opts.Request.Partitions = partitions
			}
			if cmd.Flags().Changed("replicas") {
				if replicas < 1 {
					return usageErrorf("--replicas %d: a topic needs at least 1 replica", replicas)
				}
				opts.Request.Replicas = replicas
			}
			if opts.Request.Configs, err = topics.ParseConfigs(configs); err != nil {
				return usageErrorf("--topic-config: %v", err)
			}
			if runF != nil {
				return runF(opts)
			}
			return runTopicsCreate(cmd.Context(), f, opts)
		},
	}
	c.Flags().Int32VarP(&partitions, "partitions", "p", 0, "number of partitions (default: the brokers' num.partitions)")
	c.Flags().Int16VarP(&replicas, "replicas", "r", 0, "replication factor (default: the brokers' default.replication.factor)")
	c.Flags().BoolVar(&opts.Request.IfNotExists, "if-not-exists", false, "succeed for a topic that exists already with at least the partitions asked")
	c.Flags().StringArrayVarP(&configs, "topic-config", "c", nil, "topic setting key=value, repeatable (retention.ms=86400000); named as rpk names it, since --config is shore's configuration file")
	addOutputFlag(c, &output)
	return c
}

// runTopicsCreate prints the topics it created even when others failed.
func runTopicsCreate(ctx context.Context, f *Factory, opts *topicsCreateOptions) error {
	return f.adminRound(ctx, func(ctx context.Context, adm *kadm.Client) error {
		created, err := topics.Create(ctx, adm, opts.Request)
		if err != nil && len(created) == 0 {
			return err
		}
		if werr := topics.WriteCreated(f.IO.Out, created, opts.JSON); werr != nil && err == nil {
			err = werr
		}
		return err
	})
}
