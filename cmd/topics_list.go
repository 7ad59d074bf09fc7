package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/topics"
)

type topicsListOptions struct {
	Select topics.Selection
	Output string
}

type topicsListFlags struct {
	opts  topicsListOptions
	regex bool
}

func newTopicsListCmd(f *Factory, runF func(*topicsListOptions) error) *cobra.Command {
	fl := &topicsListFlags{}
	c := &cobra.Command{
		Use:     "list [TOPIC...]",
		Aliases: []string{"ls"},
		Short:   "List topics with their partition count and replication factor",
		Long: `List the cluster's topics, sorted by name, with their partition count and
replication factor. Internal topics (__consumer_offsets, __transaction_state)
are left out unless --internal is given.

With TOPIC arguments, only those topics are listed, internal ones too; a
topic that does not exist is left out, with a line on stderr (one for all
of them) and exit status 1, as describe leaves it out. With -r/--regex the arguments are regular expressions (Go's
RE2 syntax), as consume -r takes them: a topic is listed when one of them
matches anywhere in its name, so orders matches old-orders too, and
'^orders$' only orders.

When no topic is listed, stdout is empty, a line on stderr says so ("shore:
no topics", or with -r 'shore: no topic matches "REGEX"') and the exit status
is 0; -o json writes [], -o csv its header, and nothing on stderr. Kafka
lists to a login only the topics it may describe, without a word of the
others: to a login it may hide some from (one not allowed CLUSTER_ACTION on
the cluster, as superusers are), which shore asks the brokers about in one
more request, the line says so ("shore: no topics this login may describe",
'shore: no topic this login may describe matches "REGEX"').

-o json writes [{"name", "partitions", "replicas", "internal"}]. -o csv
writes the table as comma-separated lines after a header line
(NAME,PARTITIONS,REPLICAS); with no topic, the header alone.

` + exitStatus{failures: []string{"unknown topic", refusedByKafka}}.String(),
		Example: `  $ shore topics list
  $ shore topics list orders payments
  $ shore topics list -r '^pay' -o json
  $ shore topics list --internal -o json
  $ shore topics list -o csv > topics.csv`,
		Args: argsFromUse,
		// kafkactl get topics lists them.
		SuggestFor: []string{"get"},
		Annotations: otherToolFlags("shore topics list -r REGEX...",
			"topic", "topics are arguments, regular expressions with -r: shore topics list -r REGEX...",
			"exclude-internal", "internal topics are left out unless --internal is given",
			"detailed", "rpk's topic list --detailed is 'shore topics describe', whose table has each partition",
			"-d", "rpk's topic list -d is 'shore topics describe', whose table has each partition"),
		ValidArgsFunction: completeTopics(f),
		RunE:              parsedRunE(f, fl.parse, runF, runTopicsList),
	}
	c.Flags().BoolVarP(&fl.opts.Select.Internal, "internal", "i", false, "include internal topics such as __consumer_offsets")
	c.Flags().BoolVarP(&fl.regex, "regex", "r", false, "treat the TOPIC arguments as regular expressions")
	addOutputFlag(c, &fl.opts.Output, csvFormats...)
	return c
}

// parse takes the arguments as topic names, checked by Kafka's rules, or
// with -r as regular expressions; every problem is a usage error.
func (fl *topicsListFlags) parse(args []string, _ flagsGiven) (*topicsListOptions, error) {
	o := fl.opts
	var err error
	o.Select.Names, o.Select.Regexes, err = topicArgs(args, fl.regex, "shore topics list -r REGEX...")
	if err != nil {
		return nil, err
	}
	return &o, nil
}

func runTopicsList(ctx context.Context, f *Factory, opts *topicsListOptions) error {
	return f.clientRound(ctx, func(ctx context.Context, cl *kgo.Client, adm *kadm.Client) error {
		list, failed, err := topics.List(ctx, adm, opts.Select)
		if err != nil {
			return err
		}
		if len(list) == 0 && opts.Output == "table" {
			if len(failed) == 0 {
				// As groups list and registry list say it: a table
				// of headers alone reads like a failure to list.
				fmt.Fprintln(f.IO.ErrOut, "shore: "+noTopics(ctx, cl, opts.Select.Regexes))
			}
			return f.leftOut(failed, nil)
		}
		return afterReport(writeTopicList(f.IO.Out, opts.Output, list), func() error { return f.leftOut(failed, nil) })
	})
}

// noTopics says that a list of topics is empty, naming the expressions
// that selected them, if any, and, when the brokers plausibly hide some
// from this login (topics.HidesTopics asks cl), that it lists those it may
// describe: "no topics" alone would say that the cluster has none.
func noTopics(ctx context.Context, cl *kgo.Client, rs topics.Regexes) string {
	hidden := topics.HidesTopics(ctx, cl)
	if len(rs) > 0 {
		return (&topics.NoMatchError{Regexes: rs, Hidden: hidden}).Error()
	}
	if hidden {
		return "no topics this login may describe"
	}
	return "no topics"
}
