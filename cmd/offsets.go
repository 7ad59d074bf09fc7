package cmd

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/topics"
)

type offsetsOptions struct {
	Topics []string
	// Regexes, when set, replace Topics: the non-internal topics they
	// match.
	Regexes topics.Regexes
	// At, when set, asks for the first offset at or after that time.
	At *time.Time
	// AtUTC is true for an At written without a zone
	// (format.WithoutZone), which is read as UTC.
	AtUTC  bool
	Output string
	// Partitions, when set, are the only partitions shown of each topic.
	Partitions topics.PartitionSet
}

// offsetsFlags are offsets' flags as given.
type offsetsFlags struct {
	regex      bool
	at         string
	output     string
	partitions []string
	now        func() time.Time // what --at -1h is relative to
}

// parse checks the topic names, or with -r compiles the expressions, and
// reads --at.
func (fl *offsetsFlags) parse(args []string, given flagsGiven) (*offsetsOptions, error) {
	opts := &offsetsOptions{Output: fl.output}
	var err error
	if !fl.regex {
		if err := partitionArg("offsets", args, true); err != nil {
			return nil, err
		}
	}
	if opts.Topics, opts.Regexes, err = topicArgs(args, fl.regex, "shore offsets -r REGEX..."); err != nil {
		return nil, err
	}
	if given("at") {
		// @TIME too, as consume -o and groups seek --to write a time.
		at, mark := fl.at, ""
		if rest, ok := strings.CutPrefix(at, "@"); ok {
			at, mark = rest, "@"
		}
		if why := logEndAt(at); why != "" {
			return nil, usageErrorf("--at %q: %s; --at takes a TIME, such as -1h", fl.at, why)
		}
		t, err := format.ParseTimeAfter(mark, at, fl.now())
		if err != nil {
			return nil, usageErrorf("--at %q: %v", fl.at, err)
		}
		opts.At, opts.AtUTC = &t, format.WithoutZone(at)
	}
	if given("partitions") {
		if opts.Partitions, err = parsePartitions("-p/--partitions", strings.Join(fl.partitions, ",")); err != nil {
			return nil, err
		}
	}
	return opts, nil
}

// logEndAt says why at, given for --at, is no TIME to look up when it is
// an end of the log or GetOffsetShell's --time for one (-1 latest, -2
// earliest, -3 the largest timestamp's): the two ends are always shown.
// It is "" for anything else.
func logEndAt(at string) string {
	switch atEnd, ok := format.LogEndWord(at); {
	case at == "-1" || ok && atEnd:
		return "the latest offset is LOG-END, always shown"
	case at == "-2" || ok:
		return "the earliest offset is LOG-START, always shown"
	case at == "-3" || at == "max-timestamp":
		return "the offset of the largest timestamp (GetOffsetShell's -3) is not one that offsets shows"
	}
	return ""
}

func newOffsetsCmd(f *Factory, runF func(*offsetsOptions) error) *cobra.Command {
	fl := &offsetsFlags{now: f.Now}
	c := &cobra.Command{
		Use:   "offsets TOPIC...",
		Short: "Show each partition's start and end offsets, or the offset at a time",
		Long: `Show, for every partition of the topics, the log start offset (LOG-START,
the oldest record still stored) and the end offset (LOG-END, the high
watermark: the offset the next record gets). LOG-END - LOG-START is how many
records a partition holds, when nothing was compacted away.

--at TIME adds AT: the first offset whose timestamp is at or after TIME, or the
end offset when no record is that recent. TIME is ` + format.TimeSyntax + `,
with or without the @ that consume -o and groups seek --to put before it;
` + format.TimeDigitsRefused + `. A TIME without a zone is UTC, as everywhere
in shore: a line on stderr names the instant, as groups seek --to does
('shore: --at: the first offset at or after 2026-11-23T09:00:00Z (UTC, as the
TIME has no zone: ...)'). The latest and earliest offsets
(GetOffsetShell's --time -1 and -2) are LOG-END and LOG-START, always shown:
--at latest, end, -1, earliest, start or -2 is refused as no TIME, and so is
-3 (max-timestamp), the offset of the largest timestamp, which offsets does
not show. kcat's -Q -t TOPIC:PARTITION:TIME is offsets TOPIC -p PARTITION
--at TIME: a TOPIC written so (or TOPIC:PARTITION, as GetOffsetShell's
--topic-partitions writes it, to consume and produce too) is refused with
the command that does it.

With -r/--regex the arguments are regular expressions, matched as topics
describe -r matches them (anywhere in a name unless anchored, internal topics
left out), as GetOffsetShell's --topic takes one. None matching is no
failure: the table is empty and stderr says 'shore: no topic matches
"REGEX"' (to a login that Kafka may hide topics from, 'shore: no topic this
login may describe matches "REGEX"', as topics list says it); -o json
writes [] and -o csv its header; the exit status is 0.

-o json writes [{"topic", "partition", "log_start", "log_end", "at"}]; "at"
only with --at. -o csv writes the table as comma-separated lines after a
header line (TOPIC,PARTITION,LOG-START,LOG-END, and AT with --at). An
offset is null in JSON ('-' in the table and CSV) when the partition's
leader did not answer (dead, or frozen: see 'shore help config-file'); one
warning on stderr names such brokers and says which of the two the output
shows, and the exit status is 0.

-p/--partitions LIST shows only those partitions of each topic, as consume -p
chooses them (GetOffsetShell's --partitions takes numbers alone). ` + partitionsHelp + ` A topic named that lacks some has its others
shown all the same.

A named topic that does not exist is left out, as topics describe leaves it
out: the others' partitions are shown as usual (-o json is still one
document, [] when none exists), one line on stderr names those left out,
each with the existing topic a typo away, never one named with it ('shore:
unknown topics "ordres" (did you mean "orders"?) and "x"'), and the exit
status is 1.

` + exitStatus{failures: []string{"unknown topic or partition", refusedByKafka}}.String(),
		Example: `  $ shore offsets orders
  $ shore offsets orders payments --at -1h
  $ shore offsets -r '^pay' --at now
  $ shore offsets orders --at 2026-11-23T09:00:00Z -o json
  $ shore offsets orders payments -o csv
  $ shore offsets orders -p 0,2
  $ shore offsets -r '^orders' -p 0-2,5`,
		Args: argsFromUse,
		Annotations: otherToolFlags("shore offsets TOPIC...",
			"topic", "topics are arguments, regular expressions with -r: shore offsets -r REGEX...",
			"time", "GetOffsetShell's --time T is --at T; the earliest (-2) and latest (-1) offsets are always shown, as LOG-START and LOG-END",
			"partition", "GetOffsetShell's --partitions is -p/--partitions 0,2",
			"topic-partitions", "GetOffsetShell's --topic-partitions T:0-3 is T -p 0-2, with -r for a pattern: its ranges leave their last partition out, shore's include it"),
		ValidArgsFunction: completeTopics(f),
		RunE:              parsedRunE(f, fl.parse, runF, runOffsets),
	}
	c.Flags().BoolVarP(&fl.regex, "regex", "r", false, "treat the TOPIC arguments as regular expressions")
	c.Flags().StringVar(&fl.at, "at", "", "also show the first offset at or after TIME (RFC 3339, Unix ms, -1h or now)")
	c.Flags().VarP(listFlag{&fl.partitions}, "partitions", "p", "show only these partitions: numbers and ranges, e.g. 0-2,5 or -p 0 -p 2 (default: all)")
	addOutputFlag(c, &fl.output, csvFormats...)
	return c
}

func runOffsets(ctx context.Context, f *Factory, opts *offsetsOptions) error {
	return f.round(ctx, connect.ReadAdmin, func(ctx context.Context, cl *kgo.Client, adm *kadm.Client) error {
		var rows []topics.PartitionOffsets
		var failed []error
		var err error
		if len(opts.Regexes) > 0 {
			rows, err = topics.OffsetsMatching(ctx, adm, opts.Regexes, opts.At)
		} else {
			rows, failed, err = topics.Offsets(ctx, adm, opts.Topics, opts.At)
		}
		if err = f.warnUnreachable(ctx, err, unknownAs(opts.Output)); err != nil {
			return err
		}
		if opts.AtUTC {
			noteUTC(f.IO.ErrOut, "--at", "the first offset at or after", *opts.At, "", "")
		}
		if len(rows) == 0 && len(opts.Regexes) > 0 && opts.Output == "table" {
			fmt.Fprintln(f.IO.ErrOut, "shore: "+noTopics(ctx, cl, opts.Regexes))
		}
		if opts.Partitions != nil {
			var unknown error
			if rows, unknown = onlyPartitions(rows, opts.Partitions, opts.Regexes); unknown != nil {
				failed = append(failed, unknown)
			}
		}
		if len(rows) == 0 && opts.Output == "table" {
			// No named topic exists, or no partition asked for: a
			// table of headers alone would read as topics without
			// partitions.
			return f.leftOut(failed, nil)
		}
		return afterReport(writeOffsets(f.IO.Out, opts.Output, rows, opts.At != nil), func() error { return f.leftOut(failed, nil) })
	})
}

// onlyPartitions keeps the rows of the partitions asked, and returns the
// error of those that topics.PickPartitions does not let a topic lack.
func onlyPartitions(rows []topics.PartitionOffsets, asked topics.PartitionSet, rs topics.Regexes) ([]topics.PartitionOffsets, error) {
	counts := map[string]int{}
	for _, r := range rows {
		counts[r.Topic]++
	}
	_, err := topics.PickPartitions(asked, counts, rs)
	rows = slices.DeleteFunc(rows, func(r topics.PartitionOffsets) bool { return !asked.Contains(r.Partition) })
	return rows, err
}
