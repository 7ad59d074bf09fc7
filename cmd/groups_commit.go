package cmd

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/groups"
)

type groupsCommitOptions struct {
	Group   string
	Offsets []groups.Offset
	Output  string
}

// groupsCommitFlags are groups commit's flags as given.
type groupsCommitFlags struct {
	output string
}

// parse reads the TOPIC:PARTITION=OFFSET arguments; a partition given twice
// is a usage error.
func (fl *groupsCommitFlags) parse(args []string, _ flagsGiven) (*groupsCommitOptions, error) {
	opts := &groupsCommitOptions{Group: args[0], Output: fl.output}
	if err := groupAfterOffsets(args); err != nil {
		return nil, err
	}
	if err := checkGroupNames(args[:1]); err != nil {
		return nil, err
	}
	seen := make(groups.Offsets)
	for i, a := range args[1:] {
		o, err := groups.ParseAssignment(a)
		if err != nil {
			if split := splitAssignment(args[1+i:]); split != "" {
				return nil, usageErrorf("%s", split)
			}
			return nil, usageErrorf("%v", err)
		}
		if _, dup := seen.Lookup(o.Topic, o.Partition); dup {
			return nil, usageErrorf("%s:%d is given twice", o.Topic, o.Partition)
		}
		seen.Set(o.Topic, o.Partition, o.Offset)
		opts.Offsets = append(opts.Offsets, o)
	}
	return opts, nil
}

// splitAssignment says how to write the assignment that args, from one
// that is not TOPIC:PARTITION=OFFSET, split into two or three words, as a
// person writes them with spaces (orders:0 5, orders 0 5, orders:0= 5), or
// "" when they are not that.
func splitAssignment(args []string) string {
	type joining struct {
		words int
		meant string
	}
	var tries []joining
	if len(args) > 1 {
		tries = append(tries, joining{2, args[0] + "=" + args[1]}, joining{2, args[0] + args[1]})
	}
	if len(args) > 2 {
		tries = append(tries, joining{3, args[0] + ":" + args[1] + "=" + args[2]})
	}
	for _, try := range tries {
		if isAssignment(try.meant) {
			quoted := make([]string, try.words)
			for i, w := range args[:try.words] {
				quoted[i] = strconv.Quote(w)
			}
			return fmt.Sprintf("%s: want each TOPIC:PARTITION=OFFSET as one argument, without spaces: %s", strings.Join(quoted, " "), try.meant)
		}
	}
	return ""
}

// groupAfterOffsets is the usage error of args whose GROUP comes after
// the offsets (groups commit orders:0=5 billing), which would take the
// first offset for the group and refuse the group as an offset: the first
// argument is then an assignment, and the group the one argument that has
// no ':' or '=' of one. It is nil otherwise.
func groupAfterOffsets(args []string) error {
	if !isAssignment(args[0]) {
		return nil
	}
	var offsets, others []string
	for _, a := range args {
		if isAssignment(a) {
			offsets = append(offsets, shellWord(a))
		} else {
			others = append(others, a)
		}
	}
	if len(others) != 1 || strings.ContainsAny(others[0], ":=") {
		return nil
	}
	group := shellWord(others[0])
	return usageErrorf("groups commit: GROUP %s after the offsets (the group comes first: shore groups commit %s %s)", group, group, strings.Join(offsets, " "))
}

// isAssignment reports whether arg is a TOPIC:PARTITION=OFFSET.
func isAssignment(arg string) bool {
	_, err := groups.ParseAssignment(arg)
	return err == nil
}

// groupsCommitPreview is what shows what groups commit would commit, as it
// has no --dry-run.
const groupsCommitPreview = "'shore groups seek GROUP --from-file - --allow-new' shows the same offsets, as topic,partition,offset lines on stdin, as a plan and changes nothing (it clamps an offset outside the log, which commit commits as given)"

// kafGroupCommitFlags says what kaf group commit's flags are in commit,
// whose offsets are arguments, and that it has no --dry-run.
func kafGroupCommitFlags() map[string]string {
	const kaf = "kaf's -t T -p P --offset N is the argument T:P=N; its --offset oldest or newest, or --all-partitions, is 'shore groups seek GROUP --to start|end|N --topic T --execute'"
	hints := map[string]string{
		otherToolFlag + "dry-run": "commit has none: " + groupsCommitPreview,
		otherToolFlag + "execute": "commit commits when run, without --execute, and has no dry run: " + groupsCommitPreview,
	}
	for _, flag := range []string{"topic", "-t", "partition", "-p", "offset", "all-partitions"} {
		hints[otherToolFlag+flag] = kaf
	}
	return hints
}

func newGroupsCommitCmd(f *Factory, runF func(*groupsCommitOptions) error) *cobra.Command {
	fl := &groupsCommitFlags{}
	c := &cobra.Command{
		Use:   "commit GROUP TOPIC:PARTITION=OFFSET...",
		Short: "Commit exactly the given offsets for a group",
		Long: `Commit the given offsets for a group in one request, for scripts: skipping one
poison record is committing the offset after it. Offsets are committed as
given, even outside [log start, log end], with a warning: there the group's
next consumer starts where its offset reset policy says (auto.offset.reset;
earliest rereads the log), not at the offset. A group that does not exist yet
is created, with a warning when its name is a typo of a group the cluster has
('the cluster has no group "bilin" (did you mean "billing"?); this commit
creates it'); a group with active members is refused before anything is sent.
The result per partition is printed as by 'shore groups seek --execute' (-o
json: the same shape, "executed": true), and a login that ACLs refuse is told
as seek tells it. Each TOPIC:PARTITION=OFFSET is an argument of its own
(orders:0=10 orders:1=20); a list joined by commas, as orders:0=10,orders:1=20
or orders:0=10,1=20, is refused with the arguments to write.

There is no --dry-run, and no --execute as seek has: commit commits when run;
` + groupsCommitPreview + `.

` + exitStatus{failures: []string{"unknown topic or partition", "a topic the login may not describe", "active members", "a refused commit"}, usage: []string{"offset"}}.String(),
		Example: `  $ shore groups commit billing orders:2=1042
  $ shore groups commit billing orders:0=10 orders:1=20 -o json`,
		Args:              argsFromUse,
		Annotations:       kafGroupCommitFlags(),
		ValidArgsFunction: firstArgOnly(completeGroups(f)),
		RunE:              parsedRunE(f, fl.parse, runF, runGroupsCommit),
	}
	addOutputFlag(c, &fl.output)
	return c
}

func runGroupsCommit(ctx context.Context, f *Factory, opts *groupsCommitOptions) error {
	return withGroups(ctx, f, func(gc *groups.Client) error {
		ctx, cancel := f.requestContext(ctx)
		defer cancel()
		moves, err := gc.PlanSeek(ctx, groups.SeekRequest{
			Group: opts.Group, Offsets: opts.Offsets, Target: groups.Target{Kind: groups.Exact}, AllowNew: true,
		})
		if err != nil {
			return err
		}
		warnOutside(f.IO.ErrOut, moves)
		warnTypoGroup(ctx, f.IO.ErrOut, gc, opts.Group, moves, "this commit creates it")
		return executeMoves(ctx, f, gc, opts.Group, moves, opts.Output)
	})
}

// warnOutside tells on stderr which exact offsets lie outside the log, and
// what the group's next consumer does there: a fetch out of range starts
// where its offset reset policy says, which for earliest rereads the log.
func warnOutside(w io.Writer, moves []groups.Move) {
	for _, m := range moves {
		switch {
		case m.New < m.LogStart:
			fmt.Fprintf(w, "shore: warning: %s:%d: offset %d is before the log start %d; committed as given: the group's next consumer starts where its offset reset policy says, not at %d\n", m.Topic, m.Partition, m.New, m.LogStart, m.New)
		case m.New > m.LogEnd:
			fmt.Fprintf(w, "shore: warning: %s:%d: offset %d is past the log end %d; committed as given: until the log reaches it, the group's next consumer starts where its offset reset policy says, not at %d\n", m.Topic, m.Partition, m.New, m.LogEnd, m.New)
		}
	}
}
