package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/groups"
	"github.com/kafkashore/shore/internal/fileread"
	"github.com/kafkashore/shore/topics"
)

type groupsSeekOptions struct {
	Group   string
	Target  groups.Target
	Offsets []groups.Offset // from --from-file
	// PlanFile is the --from-file as errors name it (stdin for -).
	PlanFile string
	Scopes   []groups.Scope
	AllowNew bool
	Execute  bool
	Output   string
}

// groupsSeekFlags are groups seek's flags as given.
type groupsSeekFlags struct {
	to, fromFile string
	shift        int64
	topics       []string
	allowNew     bool
	execute      bool
	output       string
	stdin        func() io.Reader       // --from-file -
	now          func() time.Time       // what --to @-1h is relative to
	ctx          func() context.Context // the run's: a signal ends reading --from-file
}

// parse takes exactly one target (--to, --shift or --from-file, which
// reads the plan file now) and the --topic scopes.
func (fl *groupsSeekFlags) parse(args []string, given flagsGiven) (*groupsSeekOptions, error) {
	opts := &groupsSeekOptions{Group: args[0], AllowNew: fl.allowNew, Execute: fl.execute, Output: fl.output}
	if err := checkGroupNames(args[:1]); err != nil {
		return nil, err
	}
	// The csv is a plan to review and pass to --from-file: what --execute
	// committed is the table's or -o json's RESULT.
	if fl.output == "csv" && fl.execute {
		return nil, usageErrorf("-o csv writes a plan to pass to --from-file and does not go with --execute: write it without, review it, then run --from-file FILE --execute")
	}
	if err := given.exactlyOne("to", "shift", "from-file"); err != nil {
		return nil, err
	}
	var err error
	switch {
	case given("to"):
		if opts.Target, err = groups.ParseTo(fl.to, fl.now()); err != nil {
			return nil, usageErrorf("--to %q: %v", fl.to, err)
		}
	case given("shift"):
		opts.Target = groups.Target{Kind: groups.Shift, Offset: fl.shift}
	default:
		if len(fl.topics) > 0 {
			return nil, usageErrorf("--from-file names its partitions; it does not go with --topic")
		}
		if opts.Offsets, err = readPlanFile(fl.ctx(), fl.stdin(), fl.fromFile, opts.Group); err != nil {
			return nil, err
		}
		opts.PlanFile = fileread.Name(fl.fromFile)
		opts.Target = groups.Target{Kind: groups.ToResolved}
	}
	if opts.Scopes, err = parseScopes(fl.topics); err != nil {
		return nil, err
	}
	return opts, nil
}

func newGroupsSeekCmd(f *Factory, runF func(*groupsSeekOptions) error) *cobra.Command {
	fl := &groupsSeekFlags{stdin: func() io.Reader { return f.IO.In }, now: f.Now}
	c := &cobra.Command{
		Use:   "seek GROUP (--to start|end|OFFSET|@TIME | --shift N | --from-file FILE)",
		Short: "Move a group's committed offsets (a dry run unless --execute)",
		// kafka-consumer-groups --reset-offsets does this job.
		SuggestFor:  []string{"reset", "reset-offsets"},
		Annotations: resetOffsetsFlags(),
		Long: `Plan, and with --execute commit, new offsets for a group. The target is one of
  --to start        the log start of each partition (also ` + format.LogStartAliases + `)
  --to end          the log end, skipping everything not yet read (also
                    ` + format.LogEndAliases + `)
  --to OFFSET       the same offset in every partition
  --to @TIME        the first offset at or after TIME (the log end if none;
                    a TIME in the future is warned of)
  --shift N         N past the current commit (negative: back)
  --from-file FILE  per-partition offsets: topic,partition,offset lines (what
                    'shore groups describe -o csv' writes; a first line
                    that is the header topic,partition,offset, in any
                    case, is skipped) or a JSON array of
                    {"topic","partition","offset"}; - reads stdin. At
                    most 64 MiB; a FIFO must end within 10s.
TIME is ` + format.TimeSyntax + `; ` + format.TimeDigitsRefused + `.
A TIME without a zone is UTC, as everywhere in shore, where
kafka-consumer-groups --to-datetime reads it as local time: the dry run and
--execute name on stderr the instant it is ('shore: --to: the first offset at
or after 2026-12-07T09:00:00Z (UTC, as the TIME has no zone, ...)').
A plan file of group,topic,partition,offset lines (kafka-consumer-groups
--export of several groups) is refused with a command that keeps the group's
own lines; groups describe -o json's output, with the commands that write
its commits (describe -o csv) or a plan (seek -o csv) as a plan file takes
them.

By default every partition the group has a commit for moves. --topic T
(repeatable) moves every partition of T instead, with a commit or not, as
kafka-consumer-groups --topic does; --topic T:0,2 only those. A partition
named twice (T:1,1, or --topic T with --topic T:1) is a usage error, where
kafka-consumer-groups takes it once: it is likelier a typo. A group or
topic without commits is refused unless --allow-new; a group the cluster
does not have is named with the one it may mean ('group "bilin" has no
commits (did you mean "billing"?)'), where --allow-new would make a new one,
as it then says on stderr. --shift refuses partitions
without a commit (as of partitions added after the group committed), naming
them and the --topic T:P,... of those of T that have one. Targets outside [log
start, log end] are clamped, with a warning on stderr; but --to OFFSET past
the log end of every partition is refused when its digits are a unix time
as rpk group seek's --to reads them (ten digits seconds, thirteen
milliseconds, nineteen nanoseconds), with the --to @TIME to write: it would
skip all the group has not read.

Without --execute shore prints the plan (TOPIC, PARTITION, CURRENT, NEW,
LOG-START, LOG-END, LAG-AFTER) and changes nothing. With --execute it commits
the plan in one request and prints the result per partition; a result that
cannot be written (a full disk) fails saying that the commit was made, since
a --shift run again would move the group again. A group with active members
is refused before anything is sent: stop its consumers first. So is a
--topic the login may not describe ('not authorized to describe topic
"orders"'). Without --topic, the seek moves the commits that Kafka shows
the login: Kafka leaves a group's commits on a topic the login may not
describe out of its answer without a word, so those stay where they are,
unseen: a group with none but those shows none, and to a login that Kafka
may hide topics from (one not allowed CLUSTER_ACTION on the cluster, as
superusers are; shore asks the brokers when the group shows none) the
refusal says so ('group "audit" has no commits this login may see (Kafka
hides those on topics it may not describe): pass --allow-new with --topic
to create them'). A broker
that names them (shore dev does) has the whole seek refused, and the line
names the --topic of each of the others ('..., where group "billing" has
commits; without --topic, seek moves every committed topic the brokers
name or none: --topic payments moves the others'). A group it may not commit for, where no ACL allows it
READ on the group, is refused by the broker ('not authorized to commit the
offsets of group "billing" (GROUP_AUTHORIZATION_FAILED: no ACL allows this
login READ on it)'), and a topic it may not read is that partition's result.

-o json writes {"group", "executed", "partitions": [{"topic", "partition",
"current", "requested", "new", "log_start", "log_end", "lag_after",
"clamped", "error"}]}; current is null where there was no commit, error is
present only for a partition the broker refused. -o csv (without --execute)
writes the plan's NEW offsets as topic,partition,offset lines, without a
header line, as kafka-consumer-groups --export does: review the file, then
commit exactly those offsets with --from-file FILE --execute, which a time
or --shift planned again later might not give.

` + exitStatus{failures: groupsMoveFailures, usage: []string{"offset", "plan file"}}.String(),
		Example: `  $ shore groups seek billing --to @-1h
  $ shore groups seek billing --to @2026-11-23T09:00:00Z --topic orders --execute
  $ shore groups seek billing --shift -100 --topic orders:0,2 --execute
  $ shore groups seek billing --to @-1h -o csv > plan.csv
  $ shore groups seek billing --from-file plan.csv --execute`,
		Args:              argsFromUse,
		ValidArgsFunction: firstArgOnly(completeGroups(f)),
		RunE:              parsedRunE(f, fl.parse, runF, runGroupsSeek),
	}
	fl.ctx = c.Context
	flags := c.Flags()
	flags.StringVar(&fl.to, "to", "", "target: start, end, OFFSET or @TIME")
	flags.Int64Var(&fl.shift, "shift", 0, "move each commit by N offsets (negative: back)")
	flags.StringVar(&fl.fromFile, "from-file", "", "per-partition offsets from FILE (csv or JSON; - for stdin)")
	flags.StringArrayVar(&fl.topics, "topic", nil, "only topic T, or T:P,P,... (repeatable; default: every committed topic Kafka shows the login)")
	_ = c.RegisterFlagCompletionFunc("to", cobra.FixedCompletions([]string{"start", "end"}, cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("topic", completeTopics(f))
	flags.BoolVar(&fl.allowNew, "allow-new", false, "allow creating commits for a group or topic that has none")
	flags.BoolVar(&fl.execute, "execute", false, "commit the plan (default: only show it)")
	addOutputFlag(c, &fl.output, csvFormats...)
	return c
}

// resetOffsetsFlags says what kafka-consumer-groups --reset-offsets' flags,
// rpk group seek's and kafkactl reset offset's, are in seek, for a person
// who types them.
func resetOffsetsFlags() map[string]string {
	return map[string]string{
		otherToolFlag + "to-earliest":      "kafka-consumer-groups' --to-earliest is --to start",
		otherToolFlag + "to-latest":        "kafka-consumer-groups' --to-latest is --to end",
		otherToolFlag + "to-offset":        "kafka-consumer-groups' --to-offset N is --to N",
		otherToolFlag + "shift-by":         "kafka-consumer-groups' --shift-by N is --shift N",
		otherToolFlag + "to-datetime":      "kafka-consumer-groups' --to-datetime T is --to @T",
		otherToolFlag + "by-duration":      "kafka-consumer-groups' --by-duration PT1H is --to @-1h",
		otherToolFlag + "to-current":       groups.ToCurrent,
		otherToolFlag + "dry-run":          "kafka-consumer-groups' --dry-run is the default: seek changes nothing without --execute",
		otherToolFlag + "all-topics":       "kafka-consumer-groups' --all-topics is the default: every topic the group has commits for",
		otherToolFlag + "group":            "the group is seek's first argument",
		otherToolFlag + "all-groups":       "seek moves one group, its first argument; 'shore groups list' names them",
		otherToolFlag + "export":           "kafka-consumer-groups' --export is -o csv, the plan as a file for --from-file; 'shore groups describe GROUP -o csv' writes the group's commits so",
		otherToolFlag + "to-file":          "rpk's --to-file is --from-file, whose lines are topic,partition,offset",
		otherToolFlag + "to-group":         "rpk's --to-group G is 'shore groups describe G -o csv | shore groups seek GROUP --from-file -'",
		otherToolFlag + "allow-new-topics": "rpk's --allow-new-topics is --allow-new",
		otherToolFlag + "topics":           "rpk's --topics a,b is --topic a --topic b, one topic each",
		otherToolFlag + "oldest":           "kafkactl's --oldest is --to start",
		otherToolFlag + "newest":           "kafkactl's --newest is --to end",
		otherToolFlag + "offset":           "kafkactl's --offset N is --to N",
		otherToolFlag + "partition":        "kafkactl's --partition P is --topic T:P",
		otherToolFlag + "-p":               "kafkactl's -p P is --topic T:P",
		otherToolFlag + "-t":               "kafkactl's -t T is --topic T",
		otherToolFlag + "-e":               "kafkactl's -e is --execute",
	}
}

// maxPlanFile bounds a plan file: a million partitions at 64 bytes a line.
const maxPlanFile = 64 << 20

// readPlanFile reads the plan file of a seek of group (- is stdin); one
// that cannot be read or does not parse is a usage error naming the file
// and line. A FIFO must end within config.DefaultTimeout, as a
// configuration file must; the end of ctx ends the wait, with its cause.
func readPlanFile(ctx context.Context, stdin io.Reader, name, group string) ([]groups.Offset, error) {
	data, err := fileread.ReadNamed(ctx, "--from-file", name, stdin, maxPlanFile, config.DefaultTimeout)
	if fileread.Interrupted(err) {
		return nil, err
	}
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	offsets, err := groups.ParsePlanFile(bytes.NewReader(data))
	var export *groups.GroupColumnError
	switch {
	case errors.Is(err, groups.ErrNoOffsets) && name == "-":
		return nil, usageErrorf("--from-file -: no offsets on stdin")
	case errors.Is(err, groups.ErrNoOffsets):
		return nil, usageErrorf("--from-file %s: no offsets in the file", name)
	case errors.As(err, &export):
		return nil, usageErrorf("--from-file %s %v; %s", fileread.Name(name), err, oneGroupOfExport(export, name, group))
	case err != nil:
		return nil, usageErrorf("--from-file %s %v", fileread.Name(name), err)
	}
	return offsets, nil
}

// oneGroupOfExport says how to seek group with its lines of the export
// of several groups in the plan file name: a command that keeps them and
// cuts off their group column.
func oneGroupOfExport(export *groups.GroupColumnError, name, group string) string {
	if !slices.Contains(export.Groups, group) {
		return fmt.Sprintf("it has no lines of group %q", group)
	}
	// grep's pattern is a basic regular expression: the group name's
	// special characters are escaped, to match it as written.
	special := strings.NewReplacer(`\`, `\\`, ".", `\.`, "*", `\*`, "[", `\[`, "]", `\]`, "^", `\^`, "$", `\$`)
	keep := "grep " + shellWord("^"+special.Replace(group)+",")
	seek := "shore groups seek " + shellWord(group) + " --from-file -"
	if name == "-" {
		return fmt.Sprintf("to seek group %q with its lines, pass them through %s | cut -d, -f2- to %s", group, keep, seek)
	}
	return fmt.Sprintf("to seek group %q with its lines: %s %s | cut -d, -f2- | %s", group, keep, shellWord(name), seek)
}

// inPlanFile names the plan file lines of the topics or the partitions that
// the cluster does not have, as the plan file's other errors are named:
// the line where the partition is, or the first line that names each
// topic, in the order of the lines.
func inPlanFile(opts *groupsSeekOptions, err error) error {
	if opts.PlanFile == "" {
		return err
	}
	var unknownTopics topics.UnknownTopicsError
	var unknownTopic *topics.UnknownTopicError
	var unknownPartitions topics.UnknownPartitionsError
	var unknownPartition *topics.UnknownPartitionError
	var names []func(groups.Offset) bool
	switch {
	case errors.As(err, &unknownTopics):
		for _, e := range unknownTopics {
			topic := e.(*topics.UnknownTopicError).Topic
			names = append(names, func(o groups.Offset) bool { return o.Topic == topic })
		}
	case errors.As(err, &unknownTopic):
		names = append(names, func(o groups.Offset) bool { return o.Topic == unknownTopic.Topic })
	case errors.As(err, &unknownPartitions):
		for _, e := range unknownPartitions {
			names = append(names, namesPartition(e.(*topics.UnknownPartitionError)))
		}
	case errors.As(err, &unknownPartition):
		names = append(names, namesPartition(unknownPartition))
	default:
		return err
	}
	var lines []int
	for _, named := range names {
		if i := slices.IndexFunc(opts.Offsets, named); i >= 0 && opts.Offsets[i].Line > 0 {
			lines = append(lines, opts.Offsets[i].Line)
		}
	}
	if len(lines) == 0 {
		return err
	}
	slices.Sort(lines)
	noun := "line"
	if len(lines) > 1 {
		noun = "lines"
	}
	numbers := make([]string, len(lines))
	for i, l := range lines {
		numbers[i] = strconv.Itoa(l)
	}
	return fmt.Errorf("--from-file %s %s %s: %w", opts.PlanFile, noun, format.List(numbers, "and"), err)
}

// namesPartition reports whether a plan file's offset is of the partition
// that u says its topic does not have.
func namesPartition(u *topics.UnknownPartitionError) func(groups.Offset) bool {
	return func(o groups.Offset) bool { return o.Topic == u.Topic && o.Partition == u.Partition }
}

func runGroupsSeek(ctx context.Context, f *Factory, opts *groupsSeekOptions) error {
	return withGroups(ctx, f, func(gc *groups.Client) error {
		ctx, cancel := f.requestContext(ctx)
		defer cancel()
		moves, err := gc.PlanSeek(ctx, groups.SeekRequest{
			Group: opts.Group, Scopes: opts.Scopes, Offsets: opts.Offsets,
			Target: opts.Target, AllowNew: opts.AllowNew,
		})
		if err != nil {
			return inPlanFile(opts, err)
		}
		noteToUTC(f.IO.ErrOut, opts.Target)
		warnFuture(f.IO.ErrOut, opts.Target, f.Now())
		warnClamped(f.IO.ErrOut, moves)
		if opts.AllowNew {
			creates := "this seek creates it"
			if !opts.Execute {
				creates = "--execute would create it"
			}
			warnTypoGroup(ctx, f.IO.ErrOut, gc, opts.Group, moves, creates)
		}
		if !opts.Execute {
			if err := writeMoves(f.IO.Out, opts.Group, moves, false, opts.Output); err != nil {
				return err
			}
			fmt.Fprintln(f.IO.ErrOut, "shore: dry run: nothing changed; add --execute to commit these offsets")
			return nil
		}
		return executeMoves(ctx, f, gc, opts.Group, moves, opts.Output)
	})
}

// executeMoves commits moves and prints the result per partition.
func executeMoves(ctx context.Context, f *Factory, gc *groups.Client, group string, moves []groups.Move, output string) error {
	done, err := gc.Execute(ctx, group, moves)
	if err != nil {
		return err
	}
	if err := writeMoves(f.IO.Out, group, done, true, output); err != nil {
		if onlyClosedStdout(err) {
			return err
		}
		// The commit is made: a script that took this failure for the
		// commit's and ran a --shift again would move the group twice.
		return fmt.Errorf("group %q: the commit was made, but its result was not written (%w); 'shore groups describe %s' shows the commits", group, err, shellWord(group))
	}
	failed := 0
	for _, m := range done {
		if m.Error != "" {
			failed++
		}
	}
	if failed > 0 {
		fmt.Fprintf(f.IO.ErrOut, "shore: %d of %s of group %q were not committed\n", failed, format.Count(len(done), "partition"), group)
		return errReported
	}
	return nil
}

// warnTypoGroup tells on stderr that moves, none from a commit, would
// create a group the cluster does not have whose name is a typo of one it
// has, naming that one; creates says what would create it.
func warnTypoGroup(ctx context.Context, w io.Writer, gc *groups.Client, group string, moves []groups.Move, creates string) {
	for _, m := range moves {
		if m.Current != nil {
			return
		}
	}
	if near := gc.NearGroup(ctx, group); near != "" {
		fmt.Fprintf(w, "shore: warning: the cluster has no group %q (did you mean %q?); %s\n", group, near, creates)
	}
}

// noteToUTC says on stderr, for a --to @TIME written without a zone, the
// instant it is read as (see noteUTC), where kafka-consumer-groups
// --to-datetime reads such a time as local time.
func noteToUTC(w io.Writer, target groups.Target) {
	if target.Kind == groups.ToTime && target.UTC {
		noteUTC(w, "--to", "the first offset at or after", target.Time, "@", ", where kafka-consumer-groups reads local time")
	}
}

// warnFuture tells on stderr that a --to @TIME is after now, which no
// record has yet unless stamped ahead: the partitions move to their log
// end. A local time written without its zone, which shore reads as UTC
// (kafka-consumer-groups' --to-datetime reads it as local), is such a time
// east of UTC, and would skip what the group has not read.
func warnFuture(w io.Writer, target groups.Target, now time.Time) {
	if target.Kind != groups.ToTime || !target.Time.After(now) {
		return
	}
	fmt.Fprintf(w, "shore: warning: --to @%s is in the future (a time without a zone is UTC, not local time): a partition without a record that recent moves to its log end\n",
		target.Time.UTC().Format(time.RFC3339Nano))
}

// warnClamped tells on stderr which targets were moved into the log.
func warnClamped(w io.Writer, moves []groups.Move) {
	for _, m := range moves {
		if !m.Clamped {
			continue
		}
		edge := "past the log end"
		if m.Requested < m.LogStart {
			edge = "before the log start"
		}
		fmt.Fprintf(w, "shore: warning: %s:%d: offset %d is %s; using %d\n", m.Topic, m.Partition, m.Requested, edge, m.New)
	}
}

// seekResult is the documented -o json shape of seek and commit.
type seekResult struct {
	Group      string        `json:"group"`
	Executed   bool          `json:"executed"`
	Partitions []groups.Move `json:"partitions"`
}

func writeMoves(w io.Writer, group string, moves []groups.Move, executed bool, output string) error {
	switch output {
	case "json":
		return format.JSON(w, seekResult{Group: group, Executed: executed, Partitions: moves})
	case "csv":
		plan := make([]groups.Offset, len(moves))
		for i, m := range moves {
			plan[i] = groups.Offset{Topic: m.Topic, Partition: m.Partition, Offset: m.New}
		}
		return groups.WriteCSV(w, plan)
	}
	header := []string{"TOPIC", "PARTITION", "CURRENT", "NEW", "LOG-START", "LOG-END", "LAG-AFTER"}
	if executed {
		header = []string{"TOPIC", "PARTITION", "PREVIOUS", "NEW", "LOG-START", "LOG-END", "LAG-AFTER", "RESULT"}
	}
	rows := make([][]string, 0, len(moves))
	for _, m := range moves {
		row := []string{m.Topic, strconv.Itoa(int(m.Partition)), orNone(m.Current), itoa(m.New), itoa(m.LogStart), itoa(m.LogEnd), itoa(m.LagAfter)}
		if executed {
			result := "committed"
			if m.Error != "" {
				result = m.Error
			}
			row = append(row, result)
		}
		rows = append(rows, row)
	}
	return format.Table(w, header, rows)
}
