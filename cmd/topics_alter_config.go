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

type topicsAlterConfigOptions struct {
	// Topics are the topics to change, sorted, each once.
	Topics []string
	Set    map[string]*string
	Delete []string
	Output string
	DryRun bool
}

// topicsAlterConfigFlags are topics alter-config's flags as given.
type topicsAlterConfigFlags struct {
	set, delete []string
	output      string
	dryRun      bool
}

// parse needs topic names Kafka accepts, at least one change, well-formed
// key=value settings, and no key given twice: set twice, deleted twice, or
// both set and deleted. Spaces around a key are dropped, --set's and
// --delete's alike. A key=value argument is a setting without its --set.
func (fl *topicsAlterConfigFlags) parse(args []string, _ flagsGiven) (*topicsAlterConfigOptions, error) {
	if i := slices.IndexFunc(args, func(a string) bool { return strings.Contains(a, "=") }); i >= 0 {
		return nil, usageErrorf("%q is a setting, not a topic name: --set %s", args[i], args[i])
	}
	if len(fl.set) == 0 && len(fl.delete) == 0 {
		return nil, usageErrorf("nothing to change: give --set key=value or --delete key")
	}
	if err := checkTopicNames(args...); err != nil {
		return nil, err
	}
	set, err := topics.ParseConfigs("--set", fl.set)
	if err != nil {
		return nil, usageErrorf("--set: %v", err)
	}
	del := make([]string, len(fl.delete))
	for i, k := range fl.delete {
		// As --set's: ' retention.ms' names retention.ms.
		k = strings.TrimSpace(k)
		if _, both := set[k]; both {
			return nil, usageErrorf("%s is given to both --set and --delete: choose one", k)
		}
		if k == "" {
			return nil, usageErrorf("--delete '': want a setting's name, such as retention.ms")
		}
		if name, _, isPair := strings.Cut(k, "="); isPair {
			// No setting's name holds '=': this is --set's form.
			return nil, usageErrorf("--delete %q: want a setting's name, not key=value (--delete %s)", k, name)
		}
		if strings.Contains(k, ",") {
			// No setting's name holds ',': kafka-configs' --delete-config k1,k2.
			names := strings.FieldsFunc(k, func(r rune) bool { return r == ',' || r == ' ' })
			return nil, usageErrorf("--delete %q: one setting per --delete, as in --delete %s", k, strings.Join(names, " --delete "))
		}
		if slices.Contains(del[:i], k) {
			return nil, usageErrorf("--delete %s is given twice: give it once", k)
		}
		del[i] = k
	}
	names := slices.Compact(slices.Sorted(slices.Values(args)))
	return &topicsAlterConfigOptions{Topics: names, Set: set, Delete: del, Output: fl.output, DryRun: fl.dryRun}, nil
}

func newTopicsAlterConfigCmd(f *Factory, runF func(*topicsAlterConfigOptions) error) *cobra.Command {
	fl := &topicsAlterConfigFlags{}
	c := &cobra.Command{
		Use:   "alter-config TOPIC...",
		Short: "Set or reset topics' settings",
		// kafka-configs' job; other tools' names for it (kaf topic update,
		// kafkactl alter topic --config)
		SuggestFor: []string{"config", "configs", "set-config", "update", "alter"},
		Long: `Change each topic's settings incrementally: --set key=value sets one,
--delete key returns one to the brokers' default; settings not named stay as
they are. Then print the topic's settings that differ from the built-in
defaults, or, when none does, say so on stderr. A setting is named once:
twice to --set or to --delete, or to both, is a usage error, as is a
key=value argument without its --set, or two in one --set or --delete
(kafka-configs' retention.ms=1,segment.ms=60000). A name the topic has no setting of is
refused, --delete's too (Kafka would delete it without a word). A list is
written without kafka-configs' brackets: --set cleanup.policy=compact,delete.
A min.insync.replicas above the topic's replicas is set, as Kafka takes it,
with a warning on stderr: brokers since Kafka 3.7 then refuse an acks=all
produce (produce's default) unless every replica is in sync, earlier ones
refuse every one.

Each topic is answered on its own, as Kafka answers them: the settings of
the topics changed are printed (for several, the table has a TOPIC column
first); one line on stderr names the topics that do not exist, and each other
topic not changed (a setting refused) gets one line that says why; then the
exit status is 1.

-o json writes {"name", "configs": [{"name", "value", "source",
"sensitive"}]} for one TOPIC, as it always has (null when it is not changed),
and an array of them, one per topic changed, for several ([] when none is),
as kubectl get does for one name and for several: jq always reads a
document.

` + dryRunHelp + ` The settings printed are those the
topics would have: --delete's fall back to the brokers' value or the default.

` + exitStatus{failures: []string{"a topic unknown or not changed", refusedByKafka}}.String(),
		Example: `  $ shore topics alter-config orders --set retention.ms=3600000
  $ shore topics alter-config orders payments --set retention.ms=3600000
  $ shore topics alter-config orders --delete retention.ms --set cleanup.policy=compact
  $ shore topics alter-config orders --set retention.ms=3600000 --dry-run`,
		Args: argsFromUse,
		Annotations: otherToolFlags("shore topics alter-config TOPIC...",
			"entity-name", "kafka-configs' --entity-name T is an argument: shore topics alter-config T",
			"add-config", "kafka-configs' --add-config k=v,k2=v2 is --set k=v --set k2=v2",
			"delete-config", "kafka-configs' --delete-config k is --delete k",
			"partitions", "kafkactl's alter topic --partitions N is shore topics add-partitions TOPIC --total N"),
		ValidArgsFunction: completeTopics(f),
		RunE:              parsedRunE(f, fl.parse, runF, runTopicsAlterConfig),
	}
	c.Flags().StringArrayVar(&fl.set, "set", nil, "setting key=value to set, repeatable, each key once")
	c.Flags().StringArrayVar(&fl.delete, "delete", nil, "setting to return to the default, repeatable, each key once")
	addDryRunFlag(c, &fl.dryRun)
	addOutputFlag(c, &fl.output)
	return c
}

func runTopicsAlterConfig(ctx context.Context, f *Factory, opts *topicsAlterConfigOptions) error {
	return f.clientRound(ctx, func(ctx context.Context, cl *kgo.Client, adm *kadm.Client) error {
		changed, failed, err := topics.AlterConfig(ctx, adm, cl, opts.Topics, opts.Set, opts.Delete, opts.DryRun)
		if err != nil {
			return f.unanswered(err, "shore topics describe "+strings.Join(opts.Topics, " "))
		}
		return afterReport(writeConfigured(f.IO.Out, opts.Output, changed, len(opts.Topics) == 1), func() error {
			if opts.Output == "table" {
				// A topic whose last setting of its own was deleted: as
				// topics list says an empty cluster, not with a table of
				// headers alone.
				has := "has"
				if opts.DryRun {
					has = "would have"
				}
				for _, c := range changed {
					if len(c.Configs) == 0 {
						fmt.Fprintf(f.IO.ErrOut, "shore: topic %q %s no settings other than the defaults\n", c.Name, has)
					}
				}
			}
			for _, c := range changed {
				warnMinISR(f.IO.ErrOut, c.Name, c.Replicas, opts.Set)
			}
			if opts.DryRun && len(changed) > 0 {
				noteDryRun(f.IO.ErrOut)
			}
			return f.leftOut(failed, nil)
		})
	})
}

// warnMinISR warns on w when configs set min.insync.replicas above the
// replicas of topic (see topics.MinISRAboveReplicas): Kafka takes it, and
// acks=all writes then fail more often than asked.
func warnMinISR(w io.Writer, topic string, replicas int, configs map[string]*string) {
	if warning := topics.MinISRAboveReplicas(topic, replicas, configs); warning != "" {
		fmt.Fprintf(w, "shore: warning: %s\n", warning)
	}
}
