package cmd

import (
	"context"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/groups"
)

type groupsDeleteOptions struct {
	Groups   []string
	Output   string
	IfExists bool
}

// groupsDeletePreview is what shows what groups delete would delete, as it
// has no --dry-run.
const groupsDeletePreview = "'shore groups describe GROUP... --members' shows the groups it would delete and the members that would make the broker refuse"

func newGroupsDeleteCmd(f *Factory, runF func(*groupsDeleteOptions) error) *cobra.Command {
	opts := &groupsDeleteOptions{}
	c := &cobra.Command{
		Use:   "delete GROUP...",
		Short: "Delete groups and their committed offsets",
		// the shell's word, and other tools'
		SuggestFor: []string{"rm", "remove"},
		Long: `Delete the groups (one request per coordinator) and print GROUP, RESULT for
each. The broker refuses to delete a group that has active members, and the
refusal names them as seek's does ("the group has 2 active members
(billing-1, billing-2); stop its consumers first"); an unknown group is
reported as such, on stderr with a group it may be a typo of ("unknown group
(did you mean "billing"?)"), and one whose name joins groups with commas on
stderr with the arguments to give ("give each group its own argument:
billing audit"). A group the login may not see or delete is named with the
ACL it lacks ("not authorized to delete group "audit" (GROUP_AUTHORIZATION_FAILED:
no ACL allows this login DELETE on it)"), the others deleted. Any group not
deleted makes the exit status 1.

--if-exists, for teardown scripts, passes over the groups that do not exist
and deletes the others: one line on stderr names those passed over
('shore: unknown group "ci-run-7"; passed over (--if-exists)'), and when none
exists it says so ('...; nothing deleted'), nothing on stdout (-o json writes
[], and nothing on stderr). A group refused or not answered for is still a
failure.

-o json writes [{"group", "error"}], error present only for a group that
was not deleted.

There is no --dry-run, and no --execute as seek has: delete deletes when run;
` + groupsDeletePreview + `.

` + exitStatus{failures: []string{"unknown group", "active members"}}.String(),
		Example: `  $ shore groups delete billing-test
  $ shore groups list --state Empty -o json | jq -r '.[].group' | xargs -r shore groups delete
  $ shore groups delete ci-run-7 --if-exists`,
		Args: argsFromUse,
		Annotations: map[string]string{
			otherToolFlag + "dry-run": "delete has none: " + groupsDeletePreview,
			otherToolFlag + "execute": "delete deletes when run, without --execute, and has no dry run: " + groupsDeletePreview,
		},
		ValidArgsFunction: completeGroups(f),
		RunE:              parsedRunE(f, opts.parse, runF, runGroupsDelete),
	}
	addOutputFlag(c, &opts.Output)
	c.Flags().BoolVar(&opts.IfExists, "if-exists", false, "succeed for a group that does not exist, deleting the others")
	return c
}

func runGroupsDelete(ctx context.Context, f *Factory, opts *groupsDeleteOptions) error {
	return withGroups(ctx, f, func(gc *groups.Client) error {
		ctx, cancel := f.requestContext(ctx)
		defer cancel()
		results, err := gc.DeleteGroups(ctx, opts.Groups)
		if err != nil {
			return err
		}
		if opts.IfExists {
			var passed []string
			near := map[string]string{}
			results = slices.DeleteFunc(results, func(r groups.DeleteResult) bool {
				if r.Unknown {
					passed = append(passed, r.Group)
					near[r.Group] = r.Near
				}
				return r.Unknown
			})
			switch {
			case len(passed) > 0 && len(results) > 0:
				fmt.Fprintf(f.IO.ErrOut, "shore: %v; passed over (--if-exists)\n", unknownGroups(passed, near))
			case len(passed) > 0 && opts.Output == "table":
				// As topics delete --if-exists says it: no table of
				// headers alone.
				fmt.Fprintf(f.IO.ErrOut, "shore: %v; nothing deleted\n", unknownGroups(passed, near))
				return nil
			}
		}
		return writeDeleteResults(f, results, opts.Output, []string{"GROUP", "RESULT"}, func(r groups.DeleteResult) []string {
			return []string{r.Group}
		})
	})
}

// writeDeleteResults prints one row per result (key columns, then RESULT),
// tells each failure and its reason on stderr (and how many failed, when
// there were several), and makes any failure exit status 1.
func writeDeleteResults(f *Factory, results []groups.DeleteResult, output string, header []string, key func(groups.DeleteResult) []string) error {
	failed := 0
	rows := make([][]string, 0, len(results))
	for _, r := range results {
		result := "deleted"
		if r.Error != "" {
			result = r.Error
			failed++
		}
		rows = append(rows, append(key(r), result))
	}
	var err error
	if output == "json" {
		err = format.JSON(f.IO.Out, results)
	} else {
		err = format.Table(f.IO.Out, header, rows)
	}
	if err != nil {
		return err
	}
	if failed == 0 {
		return nil
	}
	for _, r := range results {
		if r.Error == "" {
			continue
		}
		what, hint := fmt.Sprintf("group %q", r.Group), ""
		if r.Partition != nil {
			what = fmt.Sprintf("%s:%d of group %q", r.Topic, *r.Partition, r.Group)
		} else if r.Unknown {
			hint = unknownGroupsHint([]string{r.Group})
		}
		if hint == "" && r.Near != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", r.Near)
		}
		fmt.Fprintf(f.IO.ErrOut, "shore: %s not deleted: %s%s\n", what, r.Error, hint)
	}
	if len(results) > 1 {
		fmt.Fprintf(f.IO.ErrOut, "shore: %d of %d not deleted\n", failed, len(results))
	}
	return errReported
}

// parse checks the group names and takes them.
func (o *groupsDeleteOptions) parse(args []string, _ flagsGiven) (*groupsDeleteOptions, error) {
	if err := checkGroupNames(args); err != nil {
		return nil, err
	}
	o.Groups = args
	return o, nil
}
