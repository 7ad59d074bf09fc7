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

	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/groups"
	"github.com/kafkashore/shore/internal/partial"
	"github.com/kafkashore/shore/topics"
)

type groupsDescribeOptions struct {
	Groups  []string
	Topics  []string
	Members bool
	Watch   time.Duration
	Output  string
	// Gate is whether Limits are checked (--max-lag, --max-total-lag).
	Gate   bool
	Limits groups.LagLimits
}

// groupsDescribeFlags are groups describe's flags as given.
type groupsDescribeFlags struct {
	topics  []string
	members bool
	watch   time.Duration
	output  string
	lag     groupsLagFlags
}

// minWatch is the shortest --watch: each redraw is a round of requests to
// the cluster, and a person cannot read faster.
const minWatch = 100 * time.Millisecond

// parse checks what goes together: -o csv takes one group, no --members
// and no --watch.
func (fl *groupsDescribeFlags) parse(args []string, given flagsGiven) (*groupsDescribeOptions, error) {
	opts := &groupsDescribeOptions{Groups: args, Topics: trimItems(fl.topics), Members: fl.members, Watch: fl.watch, Output: fl.output}
	if err := checkGroupNames(args); err != nil {
		return nil, err
	}
	// A group named twice is described once, in the table as in the csv.
	if distinct := len(slices.Compact(slices.Sorted(slices.Values(args)))); opts.Output == "csv" && distinct > 1 {
		return nil, usageErrorf("-o csv writes the offsets of one group; %d given", distinct)
	}
	// The csv is a seek plan, which shore and kafka-consumer-groups read
	// as three columns: members have no place in it.
	if opts.Output == "csv" && opts.Members {
		return nil, usageErrorf("--members does not go with -o csv, a seek plan of the commits; the table and -o json show the members")
	}
	if given("watch") {
		if opts.Watch < minWatch {
			return nil, usageErrorf("--watch %s: want an interval of %s or more, such as 2s", opts.Watch, minWatch)
		}
		if opts.Output == "csv" {
			return nil, usageErrorf("--watch does not go with -o csv")
		}
	}
	// pflag reads --topic "" as no topics, which would be every topic.
	if given("topic") && len(opts.Topics) == 0 {
		return nil, usageErrorf("--topic \"\": empty topic name")
	}
	for _, t := range opts.Topics {
		// T:P is how seek and delete-offsets name partitions; describe
		// shows a topic whole, as its per-topic lag needs every partition.
		if strings.Contains(t, ":") {
			return nil, usageErrorf("--topic %q: groups describe takes topic names and shows every partition of each; groups seek and groups delete-offsets take T:P,P,...", t)
		}
	}
	if err := checkTopicNames(opts.Topics...); err != nil {
		return nil, usageErrorf("--topic: %v", err)
	}
	if err := fl.lag.parse(given, opts); err != nil {
		return nil, err
	}
	return opts, nil
}

func newGroupsDescribeCmd(f *Factory, runF func(*groupsDescribeOptions) error) *cobra.Command {
	fl := &groupsDescribeFlags{}
	c := &cobra.Command{
		Use:   "describe GROUP...",
		Short: "Show a group's members, committed offsets and lag",
		// kcl's group lag; kafka-consumer-groups --describe --offsets.
		SuggestFor: []string{"lag", "offsets"},
		Long: `For each group: a summary (type, state, coordinator, assignor, members, total
lag), then one row per partition that the group has a commit for or that a
member owns: TOPIC, PARTITION, CURRENT-OFFSET, LOG-START, LOG-END, LAG,
MEMBER-ID, CLIENT-ID, HOST, with - where there is no commit or no member. A
group reading more than one topic also gets its lag per topic, - for a topic
none of whose partitions has a lag (no commit on it yet), as TOTAL-LAG is -
for a group none of whose partitions has one. --members adds a table of the
members and their assignments, left out, as the partition rows are when there
are none, for a group without members (MEMBERS 0). Groups the cluster does not know are named on
stderr in one line, each with a group it may be a typo of ("shore: unknown
groups "bilin" (did you mean "billing"?) and "b"") after the others
are described (in -o json, an array of the known ones, [] when none is;
a name that joins groups with commas, as --topic joins topics, is answered
with the arguments to give, and a pattern, as billing-*, with how to name the
groups that match one), and make the exit status 1, even when a lag gate passes or is breached;
so do groups the login may not describe, in a line of their own after that
('not authorized to describe group "billing" (GROUP_AUTHORIZATION_FAILED:
...)'): their lag was not checked. When every group named is one of those
(but for -o json's []), or under --watch, nothing is described. A --topic that the cluster
does not have and no group reads is an error too, said on a line after the
unknown groups' (under --watch, in the same line). A group with no
commit and no member on the --topic given is its summary alone; a line on
stderr names the --topic that a group has no row of, whether or not its
other topics have some, as with -o csv (with --max-lag or --max-total-lag,
the breach says it).
A partition whose leader does not answer (dead, or frozen: see 'shore help
config-file') has - (null in JSON) as its log offsets and lag, which the
total leaves out; one warning on stderr names the broker and says which of
the two the output shows (neither with -o csv). A topic deleted
while a member still has it assigned (kafka-consumer-groups fails on it) has -
too, and a warning that it does not exist. Kafka leaves a group's commits
on a topic the login may not describe (no ACL allows it DESCRIBE there)
out of its answer without a word, as kafka-consumer-groups shows too: the
rows, the lag gate and -o csv have only the topics the login may describe,
and an Empty group's commits on the others go unseen (a group with none
but those has no commits to shore: to a login that Kafka may hide topics
from, its line says "has no commits this login may see (Kafka hides those
on topics it may not describe)", as groups seek's refusal does, asked of
the brokers once a run, not in each frame of --watch). A topic that a member has assigned is
known from the assignment: its rows have - as their commits, log offsets
and lag (shore dev, which answers the commits, shows them), with a warning
that names it and the ACL, exit 0. A --topic the login may not
describe of which a group has no row fails the command, as Kafka refuses
it whether or not it exists. A KIP-848 group whose members read a topic the
login may not describe, which Kafka will not describe for that (naming no
topic), is described from its commits: its state, protocol and members are
- (null in JSON), a warning says why ('not authorized to describe the
members of group "billing" (TOPIC_AUTHORIZATION_FAILED: ...)', not with -o
csv), exit 0. A group whose
coordinator does not answer fails the command, naming it. A commit past its
partition's log end (the log was truncated, or an offset not yet written was
committed) has lag 0, and one before its log start (retention deleted records
the group had not read) has a lag that counts them, as kafka-consumer-groups
does; a warning on stderr names either: the group's next
consumer starts where its offset reset policy says.

--watch INTERVAL redraws the description every INTERVAL, 100ms or more (in
place on a terminal, appended otherwise) until interrupted or until stdout's
reader goes away ('| head -n 20' ends it at once, not a frame later); it then
exits 0 (130 when a signal came before the first frame: the brokers had not
answered). The warning about a broker that does not answer comes when it first appears
and again only when what is missing changes (on a terminal, under every
frame), and one line says when the answer is whole again. The other
warnings above come too, each when it first appears and again when it
changes or comes back after a frame without it, not after every frame,
where they would bury the frames of a log (on a terminal, where each frame
clears the last, under every frame). Only the first
round's failure ends the watch: a later one leaves the last frame, says
why on stderr (once, until the error changes) and tries again.

-o json writes an array with one object per group:
  {"group", "type", "state", "protocol",
   "coordinator": {"id", "host", "port"},
   "members": [{"member_id", "instance_id", "client_id", "host",
                "assignment": [{"topic", "partitions": [0, 1]}]}],
   "total_lag", "topics": [{"topic", "lag"}],
   "partitions": [{"topic", "partition", "current_offset", "log_start",
                   "log_end", "lag", "member_id", "client_id", "host"}]}
where protocol is null when the group has none (an Empty classic group) or
is unknown, as are state and members when Kafka will not describe them,
current_offset, log_start, log_end and lag are null when unknown (a
topic's lag and total_lag when none of their partitions has one) and the
member fields are null when no member owns the partition; a member has
"instance_id" only when it is static (--instance-id, group.instance.id).
Under --watch each frame is such an array, a blank line before all but the
first (jq reads them one by one); RATE and CAUGHT-UP-IN are the table's.

-o csv (one group, without --members) writes the committed offsets as
topic,partition,offset lines, without a header line: the plan format of
'shore groups seek --from-file' and of kafka-consumer-groups --from-file.
Commits on a topic the login may not describe are not among them (see
above). When the group has no commits (on a --topic given), a line on stderr says so
("shore: group "billing" has no commits for topic "audit""); with none at
all, stdout is empty.

` + groupsLagHelp + `

` + exitStatus{success: "with --max-lag or --max-total-lag, every group within them", failures: []string{"unknown group or --topic, a group or --topic the login may not describe"}, gate: groupsLagGate}.String(),
		Example: `  $ shore groups describe billing
  $ shore groups describe billing audit --topic orders --members
  $ shore groups describe billing --watch 2s
  $ shore groups describe billing -o csv > billing-offsets.csv
  $ shore groups describe billing --max-lag 1000 --max-total-lag 5000`,
		Args: argsFromUse,
		// kafka-consumer-groups --describe's views, and rpk group
		// describe's and kafkactl describe consumer-group's, are parts of
		// one here. kafkactl's -m would otherwise get the root's answer
		// for kcat's -m, a timeout.
		Annotations: map[string]string{
			otherToolFlag + "offsets":             "kafka-consumer-groups' --offsets is the partition table that describe always prints",
			otherToolFlag + "state":               "kafka-consumer-groups' --state is the summary that describe always prints; groups list --state filters by state",
			otherToolFlag + "print-commits":       groupsRpkCommits,
			otherToolFlag + "-c":                  groupsRpkCommits,
			otherToolFlag + "print-summary":       groupsRpkSummary,
			otherToolFlag + "-s":                  groupsRpkSummary,
			otherToolFlag + "print-lag-per-topic": groupsRpkLagPerTopic,
			otherToolFlag + "-t":                  groupsRpkLagPerTopic + "; kafkactl's -t T is --topic T",
			otherToolFlag + "regex":               groupsRpkRegex,
			otherToolFlag + "-r":                  groupsRpkRegex,
			otherToolFlag + "instance-ID":         groupsRpkInstanceID,
			otherToolFlag + "-i":                  groupsRpkInstanceID,
			otherToolFlag + "only-with-lag":       groupsKafkactlOnlyWithLag,
			otherToolFlag + "-l":                  groupsKafkactlOnlyWithLag,
			otherToolFlag + "print-topics":        groupsKafkactlTopics,
			otherToolFlag + "-T":                  groupsKafkactlTopics,
			otherToolFlag + "print-members":       groupsKafkactlMembers,
			otherToolFlag + "-m":                  groupsKafkactlMembers,
			otherToolFlag + "lag":                 "describe always shows each partition's LAG and the group's TOTAL-LAG; --max-lag N and --max-total-lag N make them a gate",
			otherToolFlag + "wait":                "describe answers at once; to wait until the lag is within --max-lag, " + groupsLagWait("max-lag"),
		},
		ValidArgsFunction: completeGroups(f),
		RunE:              parsedRunE(f, fl.parse, runF, runGroupsDescribe),
	}
	c.Flags().StringSliceVar(&fl.topics, "topic", nil, "only these topics, whole (names, not T:P), comma-separated or repeated (default: all)")
	_ = c.RegisterFlagCompletionFunc("topic", completeTopics(f))
	c.Flags().BoolVar(&fl.members, "members", false, "also show the members and their assignments")
	c.Flags().DurationVar(&fl.watch, "watch", 0, "redraw every INTERVAL (such as 2s) until interrupted")
	fl.lag.add(c.Flags())
	addOutputFlag(c, &fl.output, csvFormats...)
	return c
}

// groupsMatching names the groups whose names match a regular expression,
// which no groups command takes.
const groupsMatching = `shore groups list -o json | jq -r '.[].group | select(test("REGEX"))'`

// What describe's unknown-flag error says of rpk group describe's and
// kafkactl describe consumer-group's flags.
const (
	groupsRpkCommits          = "rpk's -c/--print-commits is the partition table that describe always prints; -o csv writes the commits alone"
	groupsRpkSummary          = "rpk's -s/--print-summary is the summary that describe always prints; 'shore groups list' has a line per group"
	groupsRpkLagPerTopic      = "rpk's -t/--print-lag-per-topic is the TOPIC LAG table that describe prints for a group of several topics"
	groupsRpkRegex            = "rpk's -r/--regex is: " + groupsMatching + " | xargs -r shore groups describe"
	groupsRpkInstanceID       = "rpk's -i/--instance-ID is the INSTANCE-ID column of --members"
	groupsKafkactlOnlyWithLag = "kafkactl's -l/--only-with-lag is: shore groups describe GROUP -o json | jq '.[].partitions[] | select(.lag > 0)'; --max-lag 0 names them on stderr (exit 3)"
	groupsKafkactlTopics      = "kafkactl's -T/--print-topics is the partition table that describe always prints"
	groupsKafkactlMembers     = "kafkactl's -m/--print-members is --members"
)

func runGroupsDescribe(ctx context.Context, f *Factory, opts *groupsDescribeOptions) error {
	return withGroups(ctx, f, func(gc *groups.Client) error {
		var ds []groups.Description
		var unknown, denied []string
		var near map[string]string
		var trends lagTrends
		// Asked of the brokers once a run, when a group shows no
		// commits: not again in each frame of a watch.
		var hides *bool
		hidden := func() bool {
			if hides == nil {
				h := gc.HidesTopics(ctx)
				hides = &h
			}
			return *hides
		}
		// -o csv writes the commits alone, not the log offsets and lag.
		shownAs := unknownAs(opts.Output)
		if opts.Output == "csv" {
			shownAs = ""
		}
		gather := func() error {
			rctx, cancel := f.requestContext(ctx)
			defer cancel()
			var err error
			ds, unknown, denied, err = gc.Gather(rctx, opts.Groups, opts.Topics)
			if len(unknown) > 0 {
				near = gc.NearGroups(rctx, unknown)
			}
			absent := absentGroups(unknown, near, denied)
			if len(absent) > 0 && errors.As(err, new(*topics.UnknownTopicError)) {
				// Both are named, in the command line's order:
				// groups, then --topic; one line each, but in
				// the one line that a watch's frame fails with.
				if opts.Watch > 0 {
					return oneError(append(absent, err))
				}
				return lastError(f.IO.ErrOut, append(absent, err))
			}
			// The described groups are shown, and the others named
			// after them, unless there is nothing to show (but -o
			// json's empty array, a document for jq, as topics
			// describe writes) or the watch, whose frames replace
			// each other, would lose the lines.
			switch {
			case len(absent) > 0 && opts.Watch > 0:
				return oneError(absent)
			case len(absent) > 0 && len(ds) == 0 && opts.Output != "json":
				return lastError(f.IO.ErrOut, absent)
			}
			return err
		}
		write := func(w io.Writer) error {
			if err := writeDescriptions(w, ds, opts); err != nil || opts.Watch == 0 || opts.Output != "table" {
				return err
			}
			trends.add(ds, f.Now())
			return trends.write(w, ds)
		}
		if opts.Watch > 0 {
			return watch(ctx, f, opts.Watch, func(w, warnings io.Writer) (*partial.Error, error) {
				unreachable, err := f.partialAnswer(ctx, gather(), shownAs)
				if err != nil {
					return nil, err
				}
				if err := write(w); err != nil {
					return nil, err
				}
				warnDescribed(warnings, ds, opts, shownAs, hidden)
				return unreachable, nil
			})
		}
		if err := f.warnUnreachable(ctx, gather(), shownAs); err != nil {
			return err
		}
		// A group unknown or not described to this login fails the
		// command (exit 1) after the breaches of the others: their lag
		// was not all checked.
		verdict := func() error {
			var breached error
			if opts.Gate {
				breached = gateLag(f.IO.ErrOut, ds, opts)
			}
			if absent := absentGroups(unknown, near, denied); len(absent) > 0 {
				return lastError(f.IO.ErrOut, absent)
			}
			return breached
		}
		if err := write(f.IO.Out); err != nil {
			return afterReport(err, verdict)
		}
		warnDescribed(f.IO.ErrOut, ds, opts, shownAs, hidden)
		return verdict()
	})
}

// warnDescribed writes on w, a line each, the warnings about the
// descriptions ds that stderr gets after them, in a run and in each frame
// of a watch (which says each only when it first appears: see watch).
// hidden says whether the brokers plausibly hide topics from this login.
func warnDescribed(w io.Writer, ds []groups.Description, opts *groupsDescribeOptions, shownAs string, hidden func() bool) {
	warnNoCommits(w, ds, opts, hidden)
	warnOutsideLog(w, ds)
	warnNoLogOffsets(w, ds, shownAs)
	warnMembersHidden(w, ds, shownAs)
}

// absentGroups is the errors that name the groups asked for and not
// described, one for each reason: those the cluster does not know
// (unknownGroups, each with the group it may mean in near), then those it
// will not describe to this login; none when every group was described.
func absentGroups(unknown []string, near map[string]string, denied []string) []error {
	var errs []error
	if len(unknown) > 0 {
		errs = append(errs, unknownGroups(unknown, near))
	}
	if len(denied) > 0 {
		errs = append(errs, &groups.NotAuthorizedError{Groups: denied})
	}
	return errs
}

// lastError prints each of errs but the last on w, a line each as exitCode
// prints an error, and returns the last, for exitCode to print.
func lastError(w io.Writer, errs []error) error {
	for _, err := range errs[:len(errs)-1] {
		fmt.Fprintf(w, "shore: %v\n", err)
	}
	return errs[len(errs)-1]
}

// oneError is errs in one line, '; ' between them.
func oneError(errs []error) error {
	err := errs[0]
	for _, next := range errs[1:] {
		err = fmt.Errorf("%w; %w", err, next)
	}
	return err
}

// unknownGroups is the error that names the groups the cluster does not
// know, each with the group it may mean in near, and splitGroups' hint for
// those that join others with commas.
func unknownGroups(names []string, near map[string]string) error {
	err := &groups.UnknownGroupError{Groups: names, Near: near}
	if hint := unknownGroupsHint(names); hint != "" {
		return fmt.Errorf("%w%s", err, hint)
	}
	return err
}

// unknownGroupsHint is the hint for unknown group names that join others
// with commas, as describe's --topic takes topics: "; give each group its
// own argument: billing audit", or, when one is a pattern (rpk's group
// describe -r), how to name the groups matching one. A group's name may
// hold a comma or a '*', so shore asks for it as written first, and hints
// only when it is unknown.
func unknownGroupsHint(unknown []string) string {
	var split []string
	for _, n := range unknown {
		pieces := strings.Split(n, ",")
		if len(pieces) < 2 || slices.Contains(pieces, "") {
			continue
		}
		for _, p := range pieces {
			split = append(split, shellWord(p))
		}
	}
	switch {
	case len(split) > 0:
		return "; give each group its own argument: " + strings.Join(split, " ")
	case slices.ContainsFunc(unknown, isPattern):
		return "; a GROUP is a name, not a pattern: the groups whose names match a regular expression are " + groupsMatching
	}
	return ""
}

// warnNoCommits says on stderr which groups have no commits on a --topic
// given (or, without --topic, none at all), as seek's error does, the
// topics quoted as messages quote them: in -o csv, whose plan file would
// leave the topic out without a word (and an empty one reads like a failed
// export, which seek refuses later without saying why), and in a table that
// has no row of the topic, no member reading it either; unless a lag gate
// is set, whose breach says it of that group. A group with none at all
// that hidden (asked only then) says the brokers may hide topics from this
// login is said to have none this login may see, as seek says it: Kafka
// leaves commits on topics a login may not describe out of its answer.
func warnNoCommits(w io.Writer, ds []groups.Description, opts *groupsDescribeOptions, hidden func() bool) {
	if opts.Output == "json" || opts.Output == "table" && opts.Gate {
		return
	}
	for _, d := range ds {
		shown := make(map[string]bool)
		for _, r := range d.Partitions {
			if opts.Output == "table" || r.CurrentOffset != nil {
				shown[r.Topic] = true
			}
		}
		var named []string
		for _, t := range opts.Topics {
			if !shown[t] {
				named = append(named, topics.QuoteName(t))
			}
		}
		if len(named) > 0 || len(opts.Topics) == 0 && len(shown) == 0 {
			none := &groups.NoCommitsError{Group: d.Group.Group, Hidden: len(opts.Topics) == 0 && hidden()}
			fmt.Fprintf(w, "shore: %v%s\n", none, filterText(" for topic ", " for topics ", named))
		}
	}
}

// warnOutsideLog names the commits outside their partition's log: past
// its end (after the log was truncated, or a commit of an offset not yet
// written), whose lag shows as 0, and before its start (records deleted by
// retention before the group read them), whose lag counts the deleted
// records as kafka-consumer-groups does. The group's next consumer starts at
// neither, but where its offset reset policy says.
func warnOutsideLog(w io.Writer, ds []groups.Description) {
	for _, d := range ds {
		for _, r := range d.Partitions {
			var where string
			switch {
			case r.CurrentOffset == nil:
				continue
			case r.LogEnd != nil && *r.CurrentOffset > *r.LogEnd:
				where = fmt.Sprintf("past the log end %d", *r.LogEnd)
			case r.LogStart != nil && *r.CurrentOffset < *r.LogStart:
				where = fmt.Sprintf("before the log start %d (%s deleted unread)", *r.LogStart, format.Count(*r.LogStart-*r.CurrentOffset, "record"))
			default:
				continue
			}
			fmt.Fprintf(w, "shore: warning: group %q: %s:%d: commit %d is %s; the group's next consumer starts where its offset reset policy says\n",
				d.Group.Group, r.Topic, r.Partition, *r.CurrentOffset, where)
		}
	}
}

// warnNoLogOffsets names the topics of a group's rows whose log offsets
// cannot be listed: those the cluster does not have, deleted while the
// group read them and still assigned to a member until it notices
// (kafka-consumer-groups fails on them), and those the login may not
// describe, in one line per group. Their rows have no log offsets and no
// lag, shown as shownAs (none said when "").
func warnNoLogOffsets(w io.Writer, ds []groups.Description, shownAs string) {
	shown := ""
	if shownAs != "" {
		shown = ", shown as " + shownAs
	}
	for _, d := range ds {
		for _, t := range d.Gone {
			fmt.Fprintf(w, "shore: warning: group %q: topic %s does not exist (deleted while the group read it): its log offsets and lag are unknown%s\n",
				d.Group.Group, topics.QuoteName(t), shown)
		}
		if len(d.Denied) > 0 {
			fmt.Fprintf(w, "shore: warning: group %q: %v: %s log offsets and lag are unknown%s\n",
				d.Group.Group, &topics.NotAuthorizedError{Topics: d.Denied}, format.Agree(len(d.Denied), "its", "their"), shown)
		}
	}
}

// warnMembersHidden names the KIP-848 groups whose members the brokers will
// not describe to this login, because they read a topic it may not
// describe: their state, protocol and members are shown as shownAs; -o
// csv, which shows none of them (shownAs ""), says nothing.
func warnMembersHidden(w io.Writer, ds []groups.Description, shownAs string) {
	if shownAs == "" {
		return
	}
	for _, d := range ds {
		if d.MembersHidden {
			fmt.Fprintf(w, "shore: warning: %v: its state, protocol and members are unknown, shown as %s\n", &groups.MembersHiddenError{Groups: []string{d.Group.Group}}, shownAs)
		}
	}
}

// watch calls render every interval until ctx ends: on a terminal each
// frame replaces the last, otherwise frames are appended, a blank line apart.
// A partial answer's warning goes to stderr after the frame (watchWarning
// says when), then the frame's warnings, which render writes a line each:
// each when it first appears, or comes back after a frame without it, not
// again while it stays (newWarnings). A failed round ends the watch only
// when it is the first. A signal ends the watch normally once it has shown
// a frame; before the first, it interrupted the command, as it does while
// connecting. A closed stdout ends it normally too.
func watch(ctx context.Context, f *Factory, interval time.Duration, render func(frame, warnings io.Writer) (*partial.Error, error)) error {
	// A reader that went away (`| head -n 20`) ends the watch at once,
	// not at the next frame's write, an interval later.
	readerCtx, stop := untilReaderGone(ctx, f.IO.Out)
	defer stop()
	var frame, warnings bytes.Buffer
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	// Clearing the terminal for a frame clears the warning under the last.
	redraws := f.IO.OutTTY && f.IO.ErrTTY
	var shown *partial.Error
	var shownWarnings []string
	failed := ""
	for first := true; ; first = false {
		frame.Reset()
		warnings.Reset()
		unreachable, err := render(&frame, &warnings)
		switch {
		case err != nil && ctx.Err() != nil && first:
			return interruption(ctx)
		case err != nil && ctx.Err() != nil:
			return nil
		case err != nil && first:
			return err
		case err != nil:
			// An incident view outlives a failed round: the last
			// frame stays, and the error is told once until it
			// changes, in the words the first round's failure
			// ends the command with (withGroups).
			err = connect.ExplainTimeout(f.cfg, f.waiting, err)
			if err.Error() != failed {
				failed = err.Error()
				fmt.Fprintf(f.IO.ErrOut, "shore: warning: no new frame: %v; trying again every %s\n", err, interval)
			}
		default:
			failed = ""
			prefix := ""
			switch {
			case f.IO.OutTTY:
				prefix = "\x1b[H\x1b[2J"
			case !first:
				prefix = "\n"
			}
			if _, err := io.WriteString(f.IO.Out, prefix+frame.String()); err != nil {
				return err
			}
			if line := watchWarning(shown, unreachable, redraws); line != "" {
				fmt.Fprintln(f.IO.ErrOut, line)
			}
			shown = unreachable
			now := slices.Collect(strings.Lines(warnings.String()))
			for _, line := range newWarnings(shownWarnings, now, redraws) {
				fmt.Fprint(f.IO.ErrOut, line)
			}
			shownWarnings = now
		}
		select {
		case <-readerCtx.Done():
			return nil
		case <-ticker.C:
		}
	}
}

// watchWarning is the line, if any, that a frame whose answer lacks now
// adds to stderr after a frame that lacked shown: the warning when it first
// appears and when other brokers or another part of the answer are missing,
// not every frame; one line when it clears. When each frame clears the
// terminal (redraws), the warning is repeated under every frame, or it would
// vanish with the frame it came with.
func watchWarning(shown, now *partial.Error, redraws bool) string {
	switch {
	case now != nil && (redraws || !shown.Same(now)):
		return fmt.Sprintf("shore: warning: %v", now)
	case now == nil && shown != nil:
		return "shore: the answer is whole again: no broker is missing from it"
	}
	return ""
}

// newWarnings is the lines of now, a frame's warnings, that stderr gets
// after a frame whose warnings were shown: those that shown did not have,
// which appeared or changed since (a commit outside its log names its
// offsets), not those that stay. When each frame clears the terminal
// (redraws), every one, or it would vanish with the frame it came with.
func newWarnings(shown, now []string, redraws bool) []string {
	if redraws {
		return now
	}
	return slices.DeleteFunc(slices.Clone(now), func(line string) bool { return slices.Contains(shown, line) })
}

func writeDescriptions(w io.Writer, ds []groups.Description, opts *groupsDescribeOptions) error {
	switch opts.Output {
	case "json":
		return format.JSON(w, ds)
	case "csv":
		return groups.WriteCSV(w, committedOffsets(ds[0]))
	}
	for i, d := range ds {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := writeDescription(w, d, opts.Members); err != nil {
			return err
		}
	}
	return nil
}

// committedOffsets is the commits of d, what -o csv writes.
func committedOffsets(d groups.Description) []groups.Offset {
	var offsets []groups.Offset
	for _, r := range d.Partitions {
		if r.CurrentOffset != nil {
			offsets = append(offsets, groups.Offset{Topic: r.Topic, Partition: r.Partition, Offset: *r.CurrentOffset})
		}
	}
	return offsets
}

func writeDescription(w io.Writer, d groups.Description, members bool) error {
	summary := [][2]string{
		{"GROUP", d.Group.Group},
		{"TYPE", d.Type.String()},
		{"STATE", d.State.String()},
		{"COORDINATOR", fmt.Sprintf("%d (%s)", d.Coordinator.ID, hostPort(d.Coordinator))},
		{"PROTOCOL", d.Protocol.String()},
		{"MEMBERS", membersCount(d.Group)},
		{"TOTAL-LAG", orNone(d.TotalLag)},
	}
	for _, kv := range summary {
		fmt.Fprintf(w, "%-13s%s\n", kv[0], format.Printable(kv[1]))
	}
	if members && len(d.Members) > 0 {
		rows := make([][]string, 0, len(d.Members))
		for _, m := range d.Members {
			rows = append(rows, []string{m.MemberID, textOrNone(m.InstanceID), m.ClientID, m.Host, assignmentText(m.Assignment)})
		}
		fmt.Fprintln(w)
		if err := format.Table(w, []string{"MEMBER-ID", "INSTANCE-ID", "CLIENT-ID", "HOST", "ASSIGNMENT"}, rows); err != nil {
			return err
		}
	}
	if len(d.Partitions) > 0 {
		rows := make([][]string, 0, len(d.Partitions))
		for _, r := range d.Partitions {
			rows = append(rows, []string{
				r.Topic, strconv.Itoa(int(r.Partition)), orNone(r.CurrentOffset), orNone(r.LogStart), orNone(r.LogEnd),
				orNone(r.Lag), r.MemberID.String(), r.ClientID.String(), r.Host.String(),
			})
		}
		fmt.Fprintln(w)
		header := []string{"TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-START", "LOG-END", "LAG", "MEMBER-ID", "CLIENT-ID", "HOST"}
		if err := format.Table(w, header, rows); err != nil {
			return err
		}
	}
	if len(d.Topics) > 1 {
		rows := make([][]string, 0, len(d.Topics))
		for _, t := range d.Topics {
			rows = append(rows, []string{t.Topic, orNone(t.Lag)})
		}
		fmt.Fprintln(w)
		return format.Table(w, []string{"TOPIC", "LAG"}, rows)
	}
	return nil
}

// membersCount is how many members g has, or - when they are unknown.
func membersCount(g groups.Group) string {
	if g.Members == nil {
		return format.None
	}
	return strconv.Itoa(len(g.Members))
}

func hostPort(c groups.Coordinator) string {
	if c.Host == "" {
		return format.None
	}
	return c.Host + ":" + strconv.Itoa(int(c.Port))
}

// assignmentText is "orders:0,1 payments:2", or - for none.
func assignmentText(as []groups.Assignment) string {
	var parts []string
	for _, a := range as {
		ps := make([]string, len(a.Partitions))
		for i, p := range a.Partitions {
			ps[i] = strconv.Itoa(int(p))
		}
		parts = append(parts, a.Topic+":"+strings.Join(ps, ","))
	}
	return textOrNone(strings.Join(parts, " "))
}
