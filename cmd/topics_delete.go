package cmd

import (
	"context"
	"fmt"
	"slices"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

type topicsDeleteOptions struct {
	Topics   []string
	Output   string
	IfExists bool
}

func newTopicsDeleteCmd(f *Factory, runF func(*topicsDeleteOptions) error) *cobra.Command {
	opts := &topicsDeleteOptions{}
	c := &cobra.Command{
		Use:   "delete TOPIC...",
		Short: "Delete topics and all their records",
		Long: `Delete topics and all their records, and print the names deleted. If any
named topic does not exist, nothing is deleted (exit 1). --if-exists, for
teardown scripts, passes over the topics that do not exist (kafka-topics
--if-exists) and deletes the others; when none exists, a line on stderr says
so and nothing is printed.

-o json writes [{"name"}].

` + adminExitStatus,
		Example: `  $ shore topics delete orders
  $ shore topics delete scratch-1 scratch-2 -o json
  $ shore topics delete scratch-1 --if-exists`,
		Args:              argsFromUse,
		Annotations:       otherToolFlags("shore topics delete TOPIC..."),
		ValidArgsFunction: completeTopics(f),
		RunE:              parsedRunE(f, opts.parse, runF, runTopicsDelete),
	}
	addOutputFlag(c, &opts.Output)
	c.Flags().BoolVar(&opts.IfExists, "if-exists", false, "succeed for a topic that does not exist, deleting the others")
	return c
}

// runTopicsDelete prints the topics it deleted even when others failed.
func runTopicsDelete(ctx context.Context, f *Factory, opts *topicsDeleteOptions) error {
	return f.adminRound(ctx, func(ctx context.Context, adm *kadm.Client) error {
		deleted, err := topics.Delete(ctx, adm, opts.Topics, opts.IfExists)
		if err != nil && len(deleted) == 0 {
			return err
		}
		if len(deleted) == 0 && opts.Output == "table" {
			// --if-exists found none of them: as topics list says an
			// empty cluster, not with a table of headers alone.
			names := slices.Compact(slices.Sorted(slices.Values(opts.Topics)))
			if len(names) == 1 {
				fmt.Fprintf(f.IO.ErrOut, "shore: topic %q does not exist; nothing deleted\n", names[0])
			} else {
				fmt.Fprintf(f.IO.ErrOut, "shore: topics %s do not exist; nothing deleted\n", topics.QuoteNames(names))
			}
			return nil
		}
		if werr := writeDeleted(f.IO.Out, opts.Output, deleted); werr != nil && err == nil {
			err = werr
		}
		return err
	})
}

// parse checks the topic names by Kafka's rules and takes them.
func (o *topicsDeleteOptions) parse(args []string, _ flagsGiven) (*topicsDeleteOptions, error) {
	if err := checkTopicNames(args...); err != nil {
		return nil, err
	}
	o.Topics = args
	return o, nil
}
