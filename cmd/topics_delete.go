package cmd

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/format"
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
		// the shell's word, and other tools'
		SuggestFor: []string{"rm", "remove"},
		Long: `Delete topics and all their records, and print the names deleted. If any
named topic does not exist, nothing is deleted (exit 1), and so when one is
internal to Kafka (such as __consumer_offsets, which holds every group's
commits and which Kafka's controller would delete). A topic that does not
exist is named with the topic a typo away, if one is, never one of those
named with it ('delete orders-v2 orders-v' says 'shore: unknown topic
"orders-v" (did you mean "orders-v3"?); nothing deleted (--if-exists deletes
the others)').

delete returns once no broker lists the topics any more: Kafka's brokers forget
a deleted topic each at its own pace, and until they have, creating it again
fails and a produce may create it anew. It waits at most --timeout; past that a
warning names the brokers that still list them (exit 0: they are deleted).
--if-exists, for teardown scripts, passes over the topics that do not exist
(kafka-topics --if-exists) and deletes the others (not past a topic the login
may not describe, of which Kafka does not say whether it exists: nothing is
deleted, exit 1), and one line on stderr names those passed over ('shore:
topic "b" does not exist; passed over (--if-exists)'), before the line that
says what stopped the others, if anything did; when none exists, a line on
stderr says so and nothing is printed (-o json writes [], and nothing on
stderr, as topics list does).

There is no --dry-run: ` + topicsDeletePreview + `. A TOPIC is a name, never a
regular expression (as kafka-topics --delete --topic 'orders.*' and rpk's -r
take): 'shore topics list -r REGEX -o json' names the topics one matches.

-o json writes [{"name"}]; [] when nothing is deleted.

` + exitStatus{failures: []string{"unknown or internal topic", refusedByKafka}}.String(),
		Example: `  $ shore topics delete orders
  $ shore topics delete scratch-1 scratch-2 -o json
  $ shore topics delete scratch-1 --if-exists`,
		Args: argsFromUse,
		Annotations: otherToolFlags("shore topics delete TOPIC...",
			"dry-run", "delete has none: "+topicsDeletePreview,
			"-r", "rpk's -r: "+topicsDeleteMatching,
			"regex", "rpk's --regex: "+topicsDeleteMatching,
			"if-not-exists", "delete's is --if-exists; --if-not-exists is create's"),
		ValidArgsFunction: completeTopics(f),
		RunE:              parsedRunE(f, opts.parse, runF, runTopicsDelete),
	}
	addOutputFlag(c, &opts.Output)
	c.Flags().BoolVar(&opts.IfExists, "if-exists", false, "succeed for a topic that does not exist, deleting the others")
	return c
}

// topicsDeleteMatching answers a regular expression given to delete, as
// an argument or with rpk's -r/--regex.
const topicsDeleteMatching = `delete takes names, not regular expressions: shore topics list -r REGEX -o json | jq -r '.[].name' | xargs -r shore topics delete`

// topicsDeletePreview is what shows the topics that delete would delete,
// as it has no --dry-run.
const topicsDeletePreview = "'shore topics list TOPIC...' lists the topics it would delete, and fails as delete does when one does not exist"

// runTopicsDelete prints the topics it deleted even when others failed,
// once no broker lists them (topics.AwaitGone); when it deleted none,
// -o json writes [] and a table nothing.
func runTopicsDelete(ctx context.Context, f *Factory, opts *topicsDeleteOptions) error {
	return f.clientRound(ctx, func(ctx context.Context, cl *kgo.Client, adm *kadm.Client) error {
		deleted, passed, err := topics.Delete(ctx, adm, opts.Topics, opts.IfExists)
		if len(passed) > 0 && (len(deleted) > 0 || err != nil) {
			// Neither the table nor the JSON names them, nor the
			// error that stopped the others.
			fmt.Fprintf(f.IO.ErrOut, "shore: %s\n", passed.Are("does not exist; passed over (--if-exists)", "do not exist; passed over (--if-exists)"))
		}
		if err != nil && deleted == nil {
			return f.unanswered(err, "shore topics list "+strings.Join(opts.Topics, " "))
		}
		names := make([]string, len(deleted))
		for i, d := range deleted {
			names[i] = d.Name
		}
		if werr := f.afterWait(ctx, topics.AwaitGone(ctx, adm, cl, names), lingering); werr != nil {
			return werr
		}
		if len(deleted) == 0 && opts.Output == "table" {
			if err != nil {
				return err
			}
			// --if-exists found none of them: as topics list says an
			// empty cluster, not with a table of headers alone.
			fmt.Fprintf(f.IO.ErrOut, "shore: %s\n", passed.Are("does not exist; nothing deleted", "do not exist; nothing deleted"))
			return nil
		}
		if werr := writeDeleted(f.IO.Out, opts.Output, deleted); werr != nil && err == nil {
			err = werr
		}
		return err
	})
}

// lingering words the deleted topics some brokers still listed when
// --timeout ran out: "broker 1 (h:9092) still lists deleted topic "t"
// after --timeout 10s; ...".
func lingering(still *topics.Lingering, timeout time.Duration) string {
	topic, it := "topic", "it"
	if len(still.Topics) > 1 {
		topic, it = "topics", "them"
	}
	names := format.Quoted(still.Topics, "and")
	switch len(still.Brokers) {
	case 0:
		return fmt.Sprintf("no broker said within --timeout %s whether it still lists deleted %s %s; creating %s again may fail for a while", timeout, topic, names, it)
	case 1:
		return fmt.Sprintf("broker %s still lists deleted %s %s after --timeout %s; creating %s again fails until it does not", still.Brokers[0], topic, names, timeout, it)
	}
	return fmt.Sprintf("brokers %s still list deleted %s %s after --timeout %s; creating %s again fails until none does", strings.Join(still.Brokers, ", "), topic, names, timeout, it)
}

// parse checks the topic names by Kafka's rules and takes them; one that
// is a regular expression (kafka-topics --delete --topic 'orders.*') is
// answered with how to delete the topics it matches.
func (o *topicsDeleteOptions) parse(args []string, _ flagsGiven) (*topicsDeleteOptions, error) {
	if expr := regexArg(args); expr != "" {
		return nil, usageErrorf("%v; %s", topics.CheckName(expr), topicsDeleteMatching)
	}
	if err := checkTopicNames(args...); err != nil {
		return nil, err
	}
	o.Topics = args
	return o, nil
}
