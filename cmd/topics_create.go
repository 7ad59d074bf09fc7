package cmd

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/topics"
)

type topicsCreateOptions struct {
	Request topics.CreateRequest
	Output  string
}

// topicsCreateFlags are topics create's flags as given.
type topicsCreateFlags struct {
	partitions int32
	replicas   int16
	configs    []string
	output     string
	ifNotExist bool
	dryRun     bool
}

// parse checks the names (Kafka's rules, and no two that differ only in '.'
// and '_'), the counts (given ones only: without -p/-r the brokers'
// defaults apply) and the key=value settings.
func (fl *topicsCreateFlags) parse(args []string, given flagsGiven) (*topicsCreateOptions, error) {
	if err := checkTopicNames(args...); err != nil {
		return nil, err
	}
	if err := topics.CheckCollisions(args); err != nil {
		return nil, &usageError{err: err}
	}
	opts := &topicsCreateOptions{Output: fl.output, Request: topics.CreateRequest{Names: args, Partitions: -1, Replicas: -1, IfNotExists: fl.ifNotExist, ValidateOnly: fl.dryRun}}
	if given("partitions") {
		if fl.partitions < 1 {
			return nil, usageErrorf("--partitions %d: a topic needs at least 1 partition", fl.partitions)
		}
		opts.Request.Partitions = fl.partitions
	}
	if given("replicas") {
		if fl.replicas < 1 {
			return nil, usageErrorf("--replicas %d: a topic needs at least 1 replica", fl.replicas)
		}
		opts.Request.Replicas = fl.replicas
	}
	var err error
	if opts.Request.Configs, err = topics.ParseConfigs("-c", fl.configs); err != nil {
		return nil, usageErrorf("--topic-config: %v", err)
	}
	return opts, nil
}

func newTopicsCreateCmd(f *Factory, runF func(*topicsCreateOptions) error) *cobra.Command {
	fl := &topicsCreateFlags{}
	c := &cobra.Command{
		Use:   "create TOPIC...",
		Short: "Create topics",
		Long: `Create topics, all with the same partition count, replication factor and
settings (-c/--topic-config; --config remains shore's configuration file).
Without -p or -r the brokers' defaults apply, as with kafka-topics.sh and rpk.
A -c min.insync.replicas above the replicas is warned of (alter-config --help).

Prints the topics it created once every broker's metadata shows them led, so
a command run right after finds them on any broker: at most --timeout, then a
warning names the brokers that do not (a dry run waits for none). A topic
that exists already fails (exit 1), the others are still created; names that
differ only in '.' and '_' are a usage error.

--if-not-exists (setup scripts) takes a topic that exists with at least the
-p partitions asked (any number without -p; replicas and settings are not
compared) as done, Kafka's internal topics too; one with fewer fails (exit 1).

-o json writes [{"name", "partitions", "replicas", "id"}] ([] if none is),
with "existed": true for a topic --if-not-exists found, "id": null on a dry run.

` + dryRunHelp + `

` + exitStatus{failures: []string{"existing topic", refusedByKafka}}.String(),
		Example: `  $ shore topics create orders -p 3
  $ shore topics create orders -p 3 --if-not-exists
  $ shore topics create audit -p 1 -c cleanup.policy=compact -c retention.ms=-1
  $ shore topics create audit -p 3 -c retention.ms=86400000 --dry-run`,
		Args: argsFromUse,
		Annotations: otherToolFlags("shore topics create TOPIC...",
			"replication-factor", "kafka-topics' --replication-factor is -r/--replicas",
			"if-exists", "create's is --if-not-exists; --if-exists is delete's"),
		RunE: parsedRunE(f, fl.parse, runF, runTopicsCreate),
	}
	c.Flags().Int32VarP(&fl.partitions, "partitions", "p", 0, "number of partitions (default: the brokers' num.partitions)")
	c.Flags().Int16VarP(&fl.replicas, "replicas", "r", 0, "replication factor (default: the brokers' default.replication.factor)")
	setFlagMin(c.Flags(), "partitions", 1)
	setFlagMin(c.Flags(), "replicas", 1)
	c.Flags().BoolVar(&fl.ifNotExist, "if-not-exists", false, "succeed for a topic that exists already with at least the partitions asked")
	c.Flags().StringArrayVarP(&fl.configs, "topic-config", "c", nil, "setting key=value, repeatable, each key once")
	addDryRunFlag(c, &fl.dryRun)
	addOutputFlag(c, &fl.output)
	return c
}

// runTopicsCreate prints the topics it created even when others failed,
// once every broker shows them led (topics.AwaitLed); when the brokers
// refused them all, -o json writes [] and a table nothing.
func runTopicsCreate(ctx context.Context, f *Factory, opts *topicsCreateOptions) error {
	return f.clientRound(ctx, func(ctx context.Context, cl *kgo.Client, adm *kadm.Client) error {
		created, err := topics.Create(ctx, adm, opts.Request)
		if err != nil && created == nil {
			return f.unanswered(err, "shore topics list "+strings.Join(opts.Request.Names, " "))
		}
		if !opts.Request.ValidateOnly {
			made := slices.DeleteFunc(slices.Clone(created), func(c topics.Created) bool { return c.Existed })
			if werr := f.afterWait(ctx, topics.AwaitLed(ctx, adm, cl, made), unled(false)); werr != nil {
				return werr
			}
		}
		var werr error
		if len(created) > 0 || opts.Output != "table" {
			werr = writeCreated(f.IO.Out, opts.Output, created)
		}
		if werr == nil {
			noteUndescribed(f.IO.ErrOut, created, opts.Request.Partitions)
			for _, c := range created {
				if !c.Existed && c.Replicas != nil {
					warnMinISR(f.IO.ErrOut, c.Name, int(*c.Replicas), opts.Request.Configs)
				}
			}
		}
		if opts.Request.ValidateOnly && werr == nil && len(created) > 0 {
			noteDryRun(f.IO.ErrOut)
		}
		if werr != nil && err == nil {
			err = werr
		}
		return err
	})
}

// noteUndescribed says on stderr which of the topics found are internal
// topics the brokers say exist and do not describe (topics.Create), whose
// partitions (compared with partitions, -p, when more than 0) and replicas
// are not known.
func noteUndescribed(w io.Writer, created []topics.Created, partitions int32) {
	for _, c := range created {
		if c.Partitions != nil {
			continue
		}
		unchecked := ""
		if partitions > 0 {
			unchecked = fmt.Sprintf(" (-p %d is not compared)", partitions)
		}
		fmt.Fprintf(w, "shore: topic %q is internal to Kafka and exists; the brokers do not describe it, so its partitions and replicas are not known%s\n", c.Name, unchecked)
	}
}
