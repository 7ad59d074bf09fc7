package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/topics"
)

type topicsDescribeOptions struct {
	Topics []string
	// Regexes, when set, replace Topics: the non-internal topics they
	// match when describe starts.
	Regexes topics.Regexes
	Output  string
}

type topicsDescribeFlags struct {
	opts  topicsDescribeOptions
	regex bool
}

func newTopicsDescribeCmd(f *Factory, runF func(*topicsDescribeOptions) error) *cobra.Command {
	fl := &topicsDescribeFlags{}
	c := &cobra.Command{
		Use:   "describe TOPIC...",
		Short: "Show topics' partitions, replicas, offsets and non-default settings",
		Long: `Show each topic: its partition count and replication factor, the settings
that differ from Kafka's built-in defaults (set on the topic or on the
brokers; source other than DEFAULT_CONFIG), and every partition with its
leader, replicas, in-sync replicas, log start offset (LOG-START) and end
offset (LOG-END, the high watermark). '-' stands for none.

A topic that does not exist fails the command before anything is printed.
With -r/--regex the arguments are regular expressions, matched as topics
list -r matches them (anywhere in a name: '^orders$' for orders alone),
internal topics never; when none matches, a line on stderr says so ("shore:
no topic matches REGEX"; -o json writes [], -o csv its header) and the
exit status is 0.
When brokers do not answer (dead, or frozen: see 'shore help config-file'),
the offsets of the partitions they lead are shown as - (-1 in JSON), one
warning on stderr names them, and the exit status is 0.

-o json writes [{"name", "id", "internal", "partitions": [{"partition",
"leader", "replicas", "isr", "log_start", "log_end"}], "configs":
[{"name", "value", "source", "sensitive"}]}]. -o csv writes one line per
partition of every topic, after a header line
(TOPIC,PARTITION,LEADER,REPLICAS,ISR,LOG-START,LOG-END; a list of broker
ids is quoted: "0,1,2"), '-' for none; the settings are in the table and
the JSON.

` + adminExitStatus,
		Example: `  $ shore topics describe orders
  $ shore topics describe orders payments -o json
  $ shore topics describe -r '^pay'
  $ shore topics describe -r '^pay' -o csv > partitions.csv`,
		Args:              argsFromUse,
		Annotations:       otherToolFlags("shore topics describe TOPIC..."),
		ValidArgsFunction: completeTopics(f),
		RunE:              parsedRunE(f, fl.parse, runF, runTopicsDescribe),
	}
	c.Flags().BoolVarP(&fl.regex, "regex", "r", false, "treat the TOPIC arguments as regular expressions")
	addOutputFlag(c, &fl.opts.Output, csvFormats...)
	return c
}

func runTopicsDescribe(ctx context.Context, f *Factory, opts *topicsDescribeOptions) error {
	return f.readRound(ctx, func(ctx context.Context, adm *kadm.Client) error {
		var ds []topics.Description
		var err error
		if len(opts.Regexes) > 0 {
			ds, err = topics.DescribeMatching(ctx, adm, opts.Regexes)
		} else {
			ds, err = topics.Describe(ctx, adm, opts.Topics)
		}
		if err = f.warnUnreachable(err); err != nil {
			return err
		}
		if len(ds) == 0 && opts.Output == "table" {
			// Only expressions match no topic: a name that is not one
			// is an error.
			fmt.Fprintln(f.IO.ErrOut, "shore: "+noTopics(opts.Regexes))
			return nil
		}
		return writeTopicDescriptions(f.IO.Out, opts.Output, ds)
	})
}

// parse takes the arguments as topic names, checked by Kafka's rules, or
// with -r as regular expressions.
func (fl *topicsDescribeFlags) parse(args []string, _ flagsGiven) (*topicsDescribeOptions, error) {
	o := fl.opts
	var err error
	if o.Topics, o.Regexes, err = topicArgs(args, fl.regex, "shore topics describe -r REGEX..."); err != nil {
		return nil, err
	}
	return &o, nil
}
