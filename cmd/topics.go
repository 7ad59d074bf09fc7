package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/topics"
)

func newTopicsCmd(f *Factory) *cobra.Command {
	c := asNoun(&cobra.Command{
		Use:   "topics",
		Short: "List, describe, create, delete and change topics",
		Long: `List, describe, create, delete and change topics. Inspection never creates
a topic, whatever the broker's auto.create.topics.enable says. Every verb
writes a table (-o table, the default) or JSON (-o json); list and describe
also CSV (-o csv).

` + exitStatus{failures: []string{"unknown or existing topic", refusedByKafka}, gate: "describe with a partition filter found a partition in its states"}.String(),
	})
	c.AddCommand(
		newTopicsListCmd(f, nil),
		newTopicsDescribeCmd(f, nil),
		newTopicsCreateCmd(f, nil),
		newTopicsDeleteCmd(f, nil),
		newTopicsAlterConfigCmd(f, nil),
		newTopicsAddPartitionsCmd(f, nil),
	)
	actionFlags(c, "kafka-topics", "list", "list", "describe", "describe", "create", "create", "delete", "delete", "alter", "add-partitions")
	return c
}

// otherToolFlags is a command's Annotations that answer, in its unknown-flag
// error, another tool's flags for the command's job with shore's (see
// otherToolFlag): --topic, which kafka-topics, kafka-configs and
// GetOffsetShell take where shore takes arguments, answered with usage, and
// the pairs given, each a flag name without dashes and what to write
// instead.
func otherToolFlags(usage string, pairs ...string) map[string]string {
	m := map[string]string{otherToolFlag + "topic": "topics are arguments: " + usage}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[otherToolFlag+pairs[i]] = pairs[i+1]
	}
	return m
}

// dryRunHelp is the paragraph of --dry-run in the help of the topics verbs
// that change topics.
const dryRunHelp = `--dry-run: the brokers only check the request (Kafka's validateOnly); stdout
and the exit status are as without it (1 with the brokers' reason for a
refusal), and stderr says "shore: dry run: validated only, nothing changed".`

// addDryRunFlag declares --dry-run, and answers the names other tools give
// it (rpk's --dry, kafkactl's --validate-only) in the unknown-flag error.
func addDryRunFlag(c *cobra.Command, dryRun *bool) {
	c.Flags().BoolVar(dryRun, "dry-run", false, "have the brokers only check the request")
	c.Annotations[otherToolFlag+"dry"] = "shore's is --dry-run"
	c.Annotations[otherToolFlag+"validate-only"] = "kafkactl's --validate-only is --dry-run"
}

// noteDryRun says on stderr, after a dry run's output, that it changed
// nothing.
func noteDryRun(w io.Writer) {
	fmt.Fprintln(w, "shore: dry run: validated only, nothing changed")
}

// afterWait ends a wait for the brokers to show a change
// (topics.AwaitGone, topics.AwaitLed): what it left when --timeout ran out
// is a warning on stderr, which words words; a wait that a signal ended is
// that signal's error.
func (f *Factory) afterWait(ctx context.Context, still *topics.Lingering, words func(*topics.Lingering, time.Duration) string) error {
	if still == nil {
		return nil
	}
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return ctx.Err() // interrupted: the round says so
	}
	fmt.Fprintf(f.IO.ErrOut, "shore: warning: %s\n", words(still, f.cfg.Timeout))
	return nil
}

// unled words what topics.AwaitLed left when --timeout ran out: "broker 1
// (h:9092) does not show new topic "t" with a leader for every partition
// after --timeout 10s; a command that asks it may not find it yet". grown
// words a grown topic's new partitions instead (add-partitions).
func unled(grown bool) func(*topics.Lingering, time.Duration) string {
	return func(still *topics.Lingering, timeout time.Duration) string {
		names := format.Quoted(still.Topics, "and")
		what, it := "new topic "+names, "it"
		switch {
		case grown:
			what, it = "the new partitions of topic "+names, "them"
		case len(still.Topics) > 1:
			what, it = "new topics "+names, "them"
		}
		switch len(still.Brokers) {
		case 0:
			return fmt.Sprintf("no broker said within --timeout %s whether it shows %s with a leader for every partition; a command run right away may not find %s", timeout, what, it)
		case 1:
			return fmt.Sprintf("broker %s does not show %s with a leader for every partition after --timeout %s; a command that asks it may not find %s yet", still.Brokers[0], what, timeout, it)
		}
		return fmt.Sprintf("brokers %s do not show %s with a leader for every partition after --timeout %s; a command that asks them may not find %s yet", strings.Join(still.Brokers, ", "), what, timeout, it)
	}
}

// leftOut ends list or describe of named topics. With none left out,
// verdict (what the command returns otherwise) is the outcome. Else the
// exit status is 1: verdict's line, if any, comes first, as a condition's
// answer before a failure, then one line for the topics left out that do
// not exist ('shore: unknown topics "x" (did you mean "y"?) and "z"') and
// one for each left out for another reason (failed, as topics.Describe
// returns them) that says why.
func (f *Factory) leftOut(failed []error, verdict error) error {
	if len(failed) == 0 {
		return verdict
	}
	if verdict != nil {
		fmt.Fprintf(f.IO.ErrOut, "shore: %s\n", oneLine(verdict))
	}
	for _, err := range topics.JoinUnknown(failed) {
		fmt.Fprintf(f.IO.ErrOut, "shore: %s\n", oneLine(err))
	}
	return errReported
}

// checkTopicNames makes a topic name Kafka would refuse a usage error,
// before any request is sent, with what the name most likely is instead
// (see topicNameHint), of a command that takes several TOPIC arguments.
func checkTopicNames(names ...string) error {
	for _, n := range names {
		if err := topics.CheckName(n); err != nil {
			return usageErrorf("%w%s", err, topicNameHint(n, true))
		}
	}
	return nil
}

// checkTopicName is checkTopicNames of a command's one TOPIC (produce,
// check), whose topics joined by commas are not told to go in arguments
// of their own: the next would be taken for another FILE or refused.
func checkTopicName(name string) error {
	if err := topics.CheckName(name); err != nil {
		return usageErrorf("%w%s", err, topicNameHint(name, false))
	}
	return nil
}

// topicNameHint says what a TOPIC that Kafka refuses most likely is
// instead, or "": brokers' addresses, as kcat's -b and the Kafka tools'
// --bootstrap-server take them ('shore ready localhost:9092' for 'until
// kcat -b localhost:9092 -L'), or topics joined by commas, as a variable
// may hold them, when several is set: the command takes several TOPIC
// arguments. An address is host:port with a port from 1024 on, where
// brokers listen, so that a topic and partition (orders:0) is not taken
// for one.
func topicNameHint(name string, several bool) string {
	pieces := strings.Split(name, ",")
	addrs := make([]string, len(pieces))
	for i, p := range pieces {
		if _, addr, ok := strings.Cut(p, "://"); ok {
			p = addr // a listener's scheme, which -b does not take
		}
		addrs[i] = p
	}
	if host, port, err := net.SplitHostPort(addrs[0]); err == nil && host != "" {
		if n, err := strconv.Atoi(port); err == nil && n >= 1024 && n <= 65535 {
			return "; a broker address goes to -b/--brokers: -b " + shellWord(strings.Join(addrs, ","))
		}
	}
	if !several || len(pieces) < 2 || slices.ContainsFunc(pieces, func(p string) bool { return topics.CheckName(p) != nil }) {
		return ""
	}
	return "; give each topic its own argument: " + strings.Join(pieces, " ")
}

// partitionArg is the usage error for the first of args, TOPIC arguments
// of a command that takes -p (consume, offsets, produce), written
// TOPIC:PARTITION, as GetOffsetShell's --topic-partitions writes one, or
// nil when none is. Kafka refuses a ':' in a topic's name; the error gives
// the command with -p. For offsets (withTime), TOPIC:PARTITION:TIME is kcat's
// -Q -t, whose TIME is --at's, but for its -1 and -2, the ends that
// offsets always shows. A broker's address (orders:9092) is left to
// topicNameHint.
func partitionArg(command string, args []string, withTime bool) error {
	for _, arg := range args {
		refused := topics.CheckName(arg)
		if refused == nil || topicNameHint(arg, true) != "" {
			continue
		}
		topic, rest, _ := strings.Cut(arg, ":")
		partition, at, hasTime := strings.Cut(rest, ":")
		if _, err := strconv.ParseUint(partition, 10, 31); err != nil || topics.CheckName(topic) != nil || hasTime && (!withTime || at == "") {
			continue
		}
		fix := "shore " + command + " " + topic + " -p " + partition
		switch {
		case !hasTime:
			return usageErrorf("%v; a partition is given with -p: %s", refused, fix)
		case at == "-1" || at == "-2":
			return usageErrorf("%v; kcat's -Q -t TOPIC:PARTITION:TIME is -p PARTITION --at TIME, and its -1 and -2 are LOG-END and LOG-START, always shown: %s", refused, fix)
		}
		return usageErrorf("%v; kcat's -Q -t TOPIC:PARTITION:TIME is -p PARTITION --at TIME: %s --at %s", refused, fix, shellWord(at))
	}
	return nil
}

// regexArg is the first of args that holds a character of a regular
// expression, which no topic name may hold ('orders.*', as kafka-topics
// --topic takes it), or "" when none does.
func regexArg(args []string) string {
	if i := slices.IndexFunc(args, func(a string) bool { return strings.ContainsAny(a, `*+?^$|()[]{}\`) }); i >= 0 {
		return args[i]
	}
	return ""
}

// topicArgs reads a command's TOPIC arguments: names checked by Kafka's
// rules, or with -r (regex) regular expressions, of which there must be
// one at least (usage shows how to write them). A name refused for a
// character of a regular expression ('orders.*', as kafka-topics --topic
// takes it) says that -r reads it as one.
func topicArgs(args []string, regex bool, usage string) ([]string, topics.Regexes, error) {
	if !regex {
		if expr := regexArg(args); expr != "" {
			return nil, nil, usageErrorf("%v; for a regular expression, add -r (%s)", topics.CheckName(expr), usage)
		}
		return args, nil, checkTopicNames(args...)
	}
	if len(args) == 0 {
		return nil, nil, usageErrorf("-r/--regex needs at least one REGEX argument (usage: %s)", usage)
	}
	rs, err := topics.CompileRegexes(args, "argument of -r/--regex")
	if err != nil {
		return nil, nil, &usageError{err: err}
	}
	return nil, rs, nil
}
