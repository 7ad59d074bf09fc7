package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

type topicsDescribeOptions struct {
	Topics []string
	Output string
}

func newTopicsDescribeCmd(f *Factory, runF func(*topicsDescribeOptions) error) *cobra.Command {
	opts := &topicsDescribeOptions{}
	c := &cobra.Command{
		Use:   "describe TOPIC...",
		Short: "Show topics' partitions, replicas, offsets and non-default settings",
		Long: `Show each topic: its partition count and replication factor, the settings
that differ from Kafka's built-in defaults (set on the topic or on the
brokers; source other than DEFAULT_CONFIG), and every partition with its
leader, replicas, in-sync replicas, log start offset (LOG-START) and end
offset (LOG-END, the high watermark). '-' stands for none.

A topic that does not exist fails the command before anything is printed.
When brokers do not answer (dead, or frozen: see 'shore help config-file'),
the offsets of the partitions they lead are shown as - (-1 in JSON), one
warning on stderr names them, and the exit status is 0.

-o json writes [{"name", "id", "internal", "partitions": [{"partition",
"leader", "replicas", "isr", "log_start", "log_end"}], "configs":
[{"name", "value", "source", "sensitive"}]}].

` + adminExitStatus,
		Example: `  $ shore topics describe orders
  $ shore topics describe orders payments -o json`,
		Args:              argsFromUse,
		Annotations:       otherToolFlags("shore topics describe TOPIC..."),
		ValidArgsFunction: completeTopics(f),
		RunE:              parsedRunE(f, opts.parse, runF, runTopicsDescribe),
	}
	addOutputFlag(c, &opts.Output)
	return c
}

func runTopicsDescribe(ctx context.Context, f *Factory, opts *topicsDescribeOptions) error {
	return f.readRound(ctx, func(ctx context.Context, adm *kadm.Client) error {
		ds, err := topics.Describe(ctx, adm, opts.Topics)
		if err = f.warnUnreachable(err); err != nil {
			return err
		}
		return writeTopicDescriptions(f.IO.Out, opts.Output, ds)
	})
}

// parse checks the topic names by Kafka's rules and takes them.
func (o *topicsDescribeOptions) parse(args []string, _ flagsGiven) (*topicsDescribeOptions, error) {
	if err := checkTopicNames(args...); err != nil {
		return nil, err
	}
	o.Topics = args
	return o, nil
}
