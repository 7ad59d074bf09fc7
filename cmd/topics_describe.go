package cmd

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/topics"
)

type topicsDescribeOptions struct {
	// Topics are the topics to describe; with neither Topics nor Regexes,
	// every topic (only with a Health filter).
	Topics []string
	// Regexes, when set, replace Topics: the non-internal topics they
	// match when describe starts.
	Regexes topics.Regexes
	// Health, when it asks for a state, keeps only the partitions in one
	// of its states and makes finding any exit 3.
	Health topics.Health
	// All shows every setting, those at Kafka's built-in defaults too.
	All    bool
	Output string
}

type topicsDescribeFlags struct {
	opts  topicsDescribeOptions
	regex bool
}

// healthFilters are describe's partition filters: the flag, the state it
// asks for in a message, kafka-topics' name for it, and whether it reads
// the topic's settings (min.insync.replicas).
var healthFilters = []struct {
	flag, state, kafkaTopics string
	needsSettings            bool
	asked                    func(*topics.Health) *bool
}{
	{"under-replicated", "under-replicated", "under-replicated-partitions", false, func(h *topics.Health) *bool { return &h.UnderReplicated }},
	{"under-min-isr", "under min.insync.replicas", "under-min-isr-partitions", true, func(h *topics.Health) *bool { return &h.UnderMinISR }},
	{"at-min-isr", "at min.insync.replicas", "at-min-isr-partitions", true, func(h *topics.Health) *bool { return &h.AtMinISR }},
	{"unavailable", "without a leader", "unavailable-partitions", false, func(h *topics.Health) *bool { return &h.Unavailable }},
}

func newTopicsDescribeCmd(f *Factory, runF func(*topicsDescribeOptions) error) *cobra.Command {
	fl := &topicsDescribeFlags{}
	annotations := otherToolFlags("shore topics describe TOPIC...",
		"topics-with-overrides", "describe shows every topic's settings that differ from the defaults, under its name",
		"internal", "describe takes an internal topic by name: shore topics describe __consumer_offsets; a partition filter without TOPIC looks at internal topics too, -r at none",
		"print-partitions", "rpk's --print-partitions is the partition table that describe always prints",
		"-p", "rpk's -p is the partition table that describe always prints",
		"-a", "rpk's -a is every table, which describe always prints; --all adds the settings at their defaults",
		"print-all", "rpk's --print-all is every table, which describe always prints; --all adds the settings at their defaults",
		"print-configs", "rpk's --print-configs is the settings table that describe always prints: the settings that differ from the defaults, every setting with --all",
		"-c", "rpk's -c is the settings table that describe always prints: the settings that differ from the defaults, every setting with --all")
	for _, hf := range healthFilters {
		annotations[otherToolFlag+hf.kafkaTopics] = "kafka-topics' --" + hf.kafkaTopics + " is --" + hf.flag
	}
	c := &cobra.Command{
		Use:   "describe [TOPIC...]",
		Short: "Show topics' partitions, replicas, offsets and non-default settings",
		Long: `Show each topic: its partition count and replication factor, the settings
that differ from Kafka's built-in defaults (set on the topic or on the
brokers; source other than DEFAULT_CONFIG), and every partition with its
leader, replicas, in-sync replicas, log start offset (LOG-START) and end
offset (LOG-END, the high watermark). '-' stands for none. --all shows
every setting, those at the built-in defaults too (source DEFAULT_CONFIG),
as kafka-configs --describe --all does.

A named topic that does not exist is left out: the others are described
as usual (-o json is still one document, [] when none exists), one line on
stderr names those left out, each with the existing topic a typo away
('shore: unknown topics "ordres" (did you mean "orders"?) and "x"'), and the
exit status is 1, even when a partition filter found a partition; so is
one the login may not describe ('not authorized to describe topic "x"').
A topic the login may describe but whose settings it may not read (no ACL
allows it DESCRIBE_CONFIGS there, as a consumer's often do not) is
described without them: its CONFIG table is one row of - (configs null in
JSON), one warning on stderr names such topics and what the login lacks
('shore: warning: not authorized to describe the settings of topic
"orders" (...)'), and the exit status is what it would be otherwise.
The settings are asked for only where the output shows them or a filter
compares with them: -o csv, and the table of --under-replicated and
--unavailable (which need no setting), show none and say nothing of them,
and their -o json asks only for those of the topics it shows;
--under-min-isr and --at-min-isr need min.insync.replicas, so with either
such a topic fails the command, exit 1, with nothing on stdout ('...;
--under-min-isr needs its min.insync.replicas').
With -r/--regex the arguments are regular expressions, matched as topics
list -r matches them (anywhere in a name: '^orders$' for orders alone),
internal topics never; when none matches, the table's line on stderr says so
('shore: no topic matches "REGEX"', or to a login that Kafka may hide topics
from 'shore: no topic this login may describe matches "REGEX"', as topics
list says it; -o json writes [], -o csv its header, and nothing on stderr,
as topics list; with a partition filter, whose [] would read as no
partition in those states, the line comes in every format) and the exit
status is 0.
When brokers do not answer (dead, or frozen: see 'shore help config-file'),
the offsets of the partitions they lead are shown as - (null in JSON), one
warning on stderr names them and says which of the two the output shows,
and the exit status is 0.

PARTITION FILTERS (for CI and scripts)
--under-replicated (fewer in-sync replicas than replicas), --under-min-isr
(fewer than the topic's min.insync.replicas, or no leader: acks=all writes
fail, unless the partition has fewer replicas than that, since Kafka 4 then
asks only for all of them), --at-min-isr (exactly min.insync.replicas: one
more lost replica stops them) and --unavailable (no leader) show only the
partitions in one of the states given, as kafka-topics --describe's filters of
those names (--under-replicated-partitions ...) do; several may be given.
Without TOPIC they look at every topic, internal ones too. The table is then
one row per such partition, TOPIC first, as -o csv writes it; -o json keeps its
shape, with only those partitions and the topics that have any. When a
partition is found the exit status is 3 and stderr says how many ("shore: 2
partitions are under-replicated"); when none is, stdout is empty (-o json [],
-o csv its header), the table's stderr says so ("shore: no partition is
under-replicated") and the exit status is 0.

-o json writes [{"name", "id", "internal", "partitions": [{"partition",
"leader", "replicas", "isr", "log_start", "log_end"}], "configs":
[{"name", "value", "source", "sensitive"}] (null when not readable)}].
-o csv writes one line per partition of every topic, after a header line
(TOPIC,PARTITION,LEADER,REPLICAS,ISR,LOG-START,LOG-END; a list of broker
ids is quoted: "0,1,2"), '-' for none; the settings are in the table and
the JSON.

` + exitStatus{failures: []string{"unknown topic", refusedByKafka}, gate: "a partition filter found a partition in its states"}.String(),
		Example: `  $ shore topics describe orders
  $ shore topics describe orders --all
  $ shore topics describe orders payments -o json
  $ shore topics describe -r '^pay'
  $ shore topics describe -r '^pay' -o csv > partitions.csv
  $ shore topics describe --under-replicated --unavailable
  $ shore topics describe orders --under-min-isr -o json`,
		Args:              argsFromUse,
		Annotations:       annotations,
		ValidArgsFunction: completeTopics(f),
		RunE:              parsedRunE(f, fl.parse, runF, runTopicsDescribe),
	}
	c.Flags().BoolVarP(&fl.regex, "regex", "r", false, "treat the TOPIC arguments as regular expressions")
	c.Flags().BoolVar(&fl.opts.All, "all", false, "show every setting, those at Kafka's built-in defaults too")
	c.Flags().BoolVar(&fl.opts.Health.UnderReplicated, "under-replicated", false, "only partitions with fewer in-sync replicas than replicas; exit 3 if any")
	c.Flags().BoolVar(&fl.opts.Health.UnderMinISR, "under-min-isr", false, "only partitions under min.insync.replicas or without a leader; exit 3 if any")
	c.Flags().BoolVar(&fl.opts.Health.AtMinISR, "at-min-isr", false, "only partitions with exactly min.insync.replicas in sync; exit 3 if any")
	c.Flags().BoolVar(&fl.opts.Health.Unavailable, "unavailable", false, "only partitions without a leader; exit 3 if any")
	addOutputFlag(c, &fl.opts.Output, csvFormats...)
	return c
}

func runTopicsDescribe(ctx context.Context, f *Factory, opts *topicsDescribeOptions) error {
	return f.round(ctx, connect.ReadAdmin, func(ctx context.Context, cl *kgo.Client, adm *kadm.Client) error {
		var ds []topics.Description
		var failed []error
		var err error
		switch {
		case len(opts.Regexes) > 0:
			ds, err = topics.DescribeMatching(ctx, adm, opts.Regexes)
		case len(opts.Topics) > 0:
			ds, failed, err = topics.Describe(ctx, adm, opts.Topics)
		default:
			ds, err = topics.DescribeAll(ctx, adm)
		}
		if err = f.warnUnreachable(ctx, err, unknownAs(opts.Output)); err != nil {
			return err
		}
		// The settings are read only where they are used, as a login may
		// see thousands of topics: the table and -o json show them, and
		// --under-min-isr and --at-min-isr compare with
		// min.insync.replicas; -o csv and a filter's table show none, and
		// a filter's -o json only those of the topics it keeps.
		readSettings := func(ds []topics.Description) error {
			if err := topics.ReadSettings(ctx, cl, ds); err != nil {
				return err
			}
			if opts.All {
				for i := range ds {
					ds[i] = ds[i].WithDefaults()
				}
			}
			if err := settingsDenied(f.IO.ErrOut, opts, ds); err != nil {
				return f.leftOut(failed, err)
			}
			return nil
		}
		comparesSettings := len(settingsFilters(opts.Health)) > 0
		if comparesSettings || !opts.Health.Asked() && opts.Output != "csv" {
			if err := readSettings(ds); err != nil {
				return err
			}
		}
		// Only expressions match no topic: a name that is not one is
		// left out with its error. A partition filter's [] (or header
		// alone) would read as a cluster in good health, so a gate whose
		// expressions match nothing says so in every format.
		if len(ds) == 0 && len(failed) == 0 && (opts.Output == "table" || opts.Health.Asked() && len(opts.Regexes) > 0) {
			fmt.Fprintln(f.IO.ErrOut, "shore: "+noTopics(ctx, cl, opts.Regexes))
		}
		if len(ds) == 0 && opts.Output == "table" {
			return f.leftOut(failed, nil)
		}
		if !opts.Health.Asked() {
			return afterReport(writeTopicDescriptions(f.IO.Out, opts.Output, ds, false), func() error { return f.leftOut(failed, nil) })
		}
		ds = opts.Health.Keep(ds)
		if !comparesSettings && opts.Output == "json" {
			if err := readSettings(ds); err != nil {
				return err
			}
		}
		found := 0
		for _, d := range ds {
			found += len(d.Partitions)
		}
		if found == 0 && opts.Output == "table" {
			fmt.Fprintf(f.IO.ErrOut, "shore: no partition is %s\n", healthStates(opts.Health))
			return f.leftOut(failed, nil)
		}
		return afterReport(writeTopicDescriptions(f.IO.Out, opts.Output, ds, true), func() error {
			if found == 0 {
				return f.leftOut(failed, nil)
			}
			verb := "are"
			if found == 1 {
				verb = "is"
			}
			return f.leftOut(failed, conditionErrorf("%s %s %s", format.Count(found, "partition"), verb, healthStates(opts.Health)))
		})
	})
}

// settingsDenied says which topics of ds the login may not read the
// settings of: an error when a partition filter of opts compares their
// partitions with min.insync.replicas, which their settings hold, else a
// warning on stderr, which says how the output shows them when it shows
// every topic's (the table and -o json without a filter).
func settingsDenied(stderr io.Writer, opts *topicsDescribeOptions, ds []topics.Description) error {
	denied := topics.SettingsDenied(ds)
	if denied == nil {
		return nil
	}
	its := "its"
	if len(denied.Topics) > 1 {
		its = "their"
	}
	if needs := settingsFilters(opts.Health); len(needs) > 0 {
		verb := "needs"
		if len(needs) > 1 {
			verb = "need"
		}
		return fmt.Errorf("%w; %s %s %s min.insync.replicas", denied, format.List(needs, "and"), verb, its)
	}
	shown := ""
	if !opts.Health.Asked() {
		shown = fmt.Sprintf("; %s settings are shown as %s", its, unknownAs(opts.Output))
	}
	fmt.Fprintf(stderr, "shore: warning: %v%s\n", denied, shown)
	return nil
}

// settingsFilters are the flags of the partition filters h asks for that
// compare with the topics' min.insync.replicas, one of their settings.
func settingsFilters(h topics.Health) []string {
	var flags []string
	for _, hf := range healthFilters {
		if hf.needsSettings && *hf.asked(&h) {
			flags = append(flags, "--"+hf.flag)
		}
	}
	return flags
}

// healthStates words the states h asks for: "under-replicated or without a
// leader".
func healthStates(h topics.Health) string {
	var states []string
	for _, hf := range healthFilters {
		if *hf.asked(&h) {
			states = append(states, hf.state)
		}
	}
	return format.List(states, "or")
}

// parse takes the arguments as topic names, checked by Kafka's rules, or
// with -r as regular expressions; no argument is every topic, which only a
// partition filter asks for.
func (fl *topicsDescribeFlags) parse(args []string, _ flagsGiven) (*topicsDescribeOptions, error) {
	o := fl.opts
	if len(args) == 0 && !fl.regex && !o.Health.Asked() {
		flags := make([]string, len(healthFilters))
		for i, hf := range healthFilters {
			flags[i] = "--" + hf.flag
		}
		return nil, usageErrorf("topics describe: missing TOPIC, or %s for every topic (usage: shore topics describe [TOPIC...])", format.List(flags, "or"))
	}
	switch {
	case o.All && o.Output == "csv":
		return nil, usageErrorf("--all shows settings, which -o csv does not write: use -o table or json")
	case o.All && o.Health.Asked() && o.Output == "table":
		return nil, usageErrorf("--all shows settings, which a partition filter's table does not write: use -o json")
	}
	var err error
	if o.Topics, o.Regexes, err = topicArgs(args, fl.regex, "shore topics describe -r REGEX..."); err != nil {
		return nil, err
	}
	return &o, nil
}
