package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

type topicsListOptions struct {
	Internal bool
	Output   string
}

func newTopicsListCmd(f *Factory, runF func(*topicsListOptions) error) *cobra.Command {
	opts := &topicsListOptions{}
	c := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List topics with their partition count and replication factor",
		Long: `List the cluster's topics, sorted by name, with their partition count and
replication factor. Internal topics (__consumer_offsets, __transaction_state)
are left out unless --internal is given. When there is none, stdout is empty
and a line on stderr says so ("shore: no topics"); -o json writes [].

-o json writes [{"name", "partitions", "replicas", "internal"}].

` + adminExitStatus,
		Example: `  $ shore topics list
  $ shore topics list --internal -o json`,
		Args: argsFromUse,
		Annotations: map[string]string{
			otherToolFlag + "topic":            "list shows every topic; 'shore topics describe TOPIC...' shows the ones named",
			otherToolFlag + "exclude-internal": "internal topics are left out unless --internal is given",
		},
		RunE: parsedRunE(f, asGiven(opts), runF, runTopicsList),
	}
	c.Flags().BoolVar(&opts.Internal, "internal", false, "include internal topics such as __consumer_offsets")
	addOutputFlag(c, &opts.Output)
	return c
}

func runTopicsList(ctx context.Context, f *Factory, opts *topicsListOptions) error {
	return f.adminRound(ctx, func(ctx context.Context, adm *kadm.Client) error {
		list, err := topics.List(ctx, adm, opts.Internal)
		if err != nil {
			return err
		}
		if len(list) == 0 && opts.Output == "table" {
			// As groups list and registry list say it: a table of
			// headers alone reads like a failure to list.
			fmt.Fprintln(f.IO.ErrOut, "shore: no topics")
			return nil
		}
		return writeTopicList(f.IO.Out, opts.Output, list)
	})
}
