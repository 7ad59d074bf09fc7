package cmd

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/groups"
)

type groupsCommitOptions struct {
	Group   string
	Offsets []groups.Offset
	Output  string
}

func newGroupsCommitCmd(f *Factory, runF func(*groupsCommitOptions) error) *cobra.Command {
	opts := &groupsCommitOptions{}
	c := &cobra.Command{
		Use:   "commit GROUP TOPIC:PARTITION=OFFSET...",
		Short: "Commit exactly the given offsets for a group",
		Long: `Commit the given offsets for a group in one request, for scripts: skipping one
poison record is committing the offset after it. Offsets are committed as
given, even outside [log start, log end] (with a warning). A group that does
not exist yet is created; a group with active members is refused before
anything is sent. The result per partition is printed as by 'shore groups
seek --execute' (-o json: the same shape, "executed": true).
` + groupsExitStatus,
		Example: `  $ shore groups commit billing orders:3=1042
  $ shore groups commit billing orders:0=10 orders:1=20 -o json`,
		Args:              cobra.MinimumNArgs(2),
		ValidArgsFunction: firstArgOnly(completeGroups(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Group = args[0]
			if err := checkGroupNames(args[:1]); err != nil {
				return err
			}
			seen := make(groups.Offsets)
			for _, a := range args[1:] {
				o, err := groups.ParseAssignment(a)
				if err != nil {
					return usageErrorf("%v", err)
				}
				if _, dup := seen.Lookup(o.Topic, o.Partition); dup {
					return usageErrorf("%s:%d is given twice", o.Topic, o.Partition)
				}
				seen.Set(o.Topic, o.Partition, o.Offset)
				opts.Offsets = append(opts.Offsets, o)
			}
			if runF != nil {
				return runF(opts)
			}
			return runGroupsCommit(cmd.Context(), f, opts)
		},
	}
	addOutputFlag(c, &opts.Output)
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
		return executeMoves(ctx, f, gc, opts.Group, moves, opts.Output)
	})
}

// warnOutside tells on stderr which exact offsets lie outside the log.
func warnOutside(w io.Writer, moves []groups.Move) {
	for _, m := range moves {
		switch {
		case m.New < m.LogStart:
			fmt.Fprintf(w, "shore: warning: %s:%d: offset %d is before the log start %d; committed as given\n", m.Topic, m.Partition, m.New, m.LogStart)
		case m.New > m.LogEnd:
			fmt.Fprintf(w, "shore: warning: %s:%d: offset %d is past the log end %d; committed as given\n", m.Topic, m.Partition, m.New, m.LogEnd)
		}
	}
}
