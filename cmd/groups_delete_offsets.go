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

// groupsDeleteOffsetsFlags are groups delete-offsets' flags as given.
type groupsDeleteOffsetsFlags struct {
	topics []string
	output string
}

// parse requires at least one --topic scope.
func (fl *groupsDeleteOffsetsFlags) parse(args []string, _ flagsGiven) (*groupsDeleteOffsetsOptions, error) {
	opts := &groupsDeleteOffsetsOptions{Group: args[0], Output: fl.output}
	if err := checkGroupNames(args[:1]); err != nil {
		return nil, err
	}
	if len(fl.topics) == 0 {
		return nil, usageErrorf("--topic is required: name the topics whose commits to delete")
	}
	var err error
	if opts.Scopes, err = parseScopes(fl.topics); err != nil {
		return nil, err
	}
	return opts, nil
}

// groupsDeleteOffsetsPreview is what shows the commits that delete-offsets
// would delete, as it has no --dry-run.
const groupsDeleteOffsetsPreview = "'shore groups describe GROUP --topic T --members' shows the group's commits for T and the members that read it"

func newGroupsDeleteOffsetsCmd(f *Factory, runF func(*groupsDeleteOffsetsOptions) error) *cobra.Command {
	fl := &groupsDeleteOffsetsFlags{}
	c := &cobra.Command{
		Use:   "delete-offsets GROUP --topic T[:P,...]...",
		Short: "Delete a group's committed offsets for some topics or partitions",
		Long: `Delete the commits of a group for the topics (every committed partition) or
partitions named by --topic (a partition named twice, as by T:1,1, is a
usage error), and print TOPIC, PARTITION, RESULT. The next
consumer of the group then starts where its offset reset policy says. A topic
that an active member reads, an unknown group and a topic without commits are
refused before anything is deleted (the topics without commits that the
cluster does not have are named in one line as unknown, each with the topic
it may mean, never another --topic); the commits of a topic that no member
reads any more are deleted while the group runs, as kafka-consumer-groups
--delete-offsets does (not on shore dev for a KIP-848 group, see 'shore dev
--help'). A partition named by T:P that has no commit is
reported as "no commit to delete" and makes the exit status 1 (the named
partitions that have one are deleted), where kafka-consumer-groups reports
it deleted. A group whose commits the login may not delete (no ACL allows it
DELETE on the group) is refused by the broker, naming it: 'not authorized to
delete the offsets of group "billing" (GROUP_AUTHORIZATION_FAILED: no ACL
allows this login DELETE on it)'. A --topic the login may not describe,
whose commits Kafka leaves out of its answer, is refused too, nothing
deleted: 'not authorized to describe topic "hidden"
(TOPIC_AUTHORIZATION_FAILED: ...)'.

-o json writes [{"group", "topic", "partition", "error"}], error present only
for a partition whose commit was not deleted.

There is no --dry-run, and no --execute as seek has: delete-offsets deletes when
run; ` + groupsDeleteOffsetsPreview + `.

` + exitStatus{failures: []string{"unknown group", "a topic or partition without commits", "a topic an active member reads", "a group or topic the login may not delete or describe"}}.String(),
		Example: `  $ shore groups delete-offsets billing --topic orders
  $ shore groups delete-offsets billing --topic orders:0,2 --topic audit`,
		Args: argsFromUse,
		// rpk group offset-delete does this job.
		SuggestFor: []string{"offset-delete"},
		Annotations: map[string]string{
			otherToolFlag + "dry-run": "delete-offsets has none: " + groupsDeleteOffsetsPreview,
			otherToolFlag + "execute": "delete-offsets deletes when run, without --execute, and has no dry run: " + groupsDeleteOffsetsPreview,
			otherToolFlag + "-t":      "rpk's -t T:P,... is --topic T:P,...",
		},
		ValidArgsFunction: firstArgOnly(completeGroups(f)),
		RunE:              parsedRunE(f, fl.parse, runF, runGroupsDeleteOffsets),
	}
	c.Flags().StringArrayVar(&fl.topics, "topic", nil, "topic T, or T:P,P,... (repeatable, required)")
	_ = c.RegisterFlagCompletionFunc("topic", completeTopics(f))
	addOutputFlag(c, &fl.output)
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
