package cmd

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/groups"
)

type groupsDeleteOffsetsOptions struct {
	Group  string
	Scopes []groups.Scope
	Output string
}

func newGroupsDeleteOffsetsCmd(f *Factory, runF func(*groupsDeleteOffsetsOptions) error) *cobra.Command {
	opts := &groupsDeleteOffsetsOptions{}
	var topics []string
	c := &cobra.Command{
		Use:   "delete-offsets GROUP --topic T[:P,...]...",
		Short: "Delete a group's committed offsets for some topics or partitions",
		Long: `Delete the commits of a group for the topics (every committed partition) or
partitions named by --topic, and print TOPIC, PARTITION, RESULT. The next
consumer of the group then starts where its offset reset policy says. A group
with active members, an unknown group and a topic without commits are refused
before anything is deleted.

-o json writes [{"group", "topic", "partition", "error"}], error present only
for a partition whose commit was not deleted.
` + groupsExitStatus,
		Example: `  $ shore groups delete-offsets billing --topic orders
  $ shore groups delete-offsets billing --topic orders:0,2 --topic audit`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: firstArgOnly(completeGroups(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Group = args[0]
			if err := checkGroupNames(args[:1]); err != nil {
				return err
			}
			if len(topics) == 0 {
				return usageErrorf("--topic is required: name the topics whose commits to delete")
			}
			var err error
			if opts.Scopes, err = parseScopes(topics); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runGroupsDeleteOffsets(cmd.Context(), f, opts)
		},
	}
	c.Flags().StringArrayVar(&topics, "topic", nil, "topic T, or T:P,P,... (repeatable, required)")
	addOutputFlag(c, &opts.Output)
	return c
}

func runGroupsDeleteOffsets(ctx context.Context, f *Factory, opts *groupsDeleteOffsetsOptions) error {
	return withGroups(ctx, f, func(gc *groups.Client) error {
		ctx, cancel := f.requestContext(ctx)
		defer cancel()
		results, err := gc.DeleteOffsets(ctx, opts.Group, opts.Scopes)
		if err != nil {
			return err
		}
		return writeDeleteResults(f, results, opts.Output, []string{"TOPIC", "PARTITION", "RESULT"}, func(r groups.DeleteResult) []string {
			return []string{r.Topic, strconv.Itoa(int(*r.Partition))}
		})
	})
}
