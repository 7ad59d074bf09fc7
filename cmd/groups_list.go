package cmd

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/groups"
)

type groupsListOptions struct {
	States []string
	Output string
}

// groupsListFlags are groups list's flags as given.
type groupsListFlags struct {
	states []string
	output string
}

// parse spells the --state values the way the broker does.
func (fl *groupsListFlags) parse(_ []string, given flagsGiven) (*groupsListOptions, error) {
	opts := &groupsListOptions{Output: fl.output}
	// pflag reads --state "" as no states, which would be every state.
	if given("state") && len(fl.states) == 0 {
		_, err := canonicalState("")
		return nil, err
	}
	for _, s := range trimItems(fl.states) {
		canon, err := canonicalState(s)
		if err != nil {
			return nil, err
		}
		opts.States = append(opts.States, canon)
	}
	return opts, nil
}

// groupsListPattern answers a pattern given to list, as an argument or
// with topics list's -r.
const groupsListPattern = "list takes no pattern and names every group; those whose names match a regular expression: " + groupsMatching

func newGroupsListCmd(f *Factory, runF func(*groupsListOptions) error) *cobra.Command {
	fl := &groupsListFlags{}
	c := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"}, // as topics list has, and rpk's group list
		// kafkactl get consumer-groups.
		SuggestFor: []string{"get"},
		Short:      "List the consumer groups of the cluster",
		Long: `List every group with its type (classic, or consumer for KIP-848 groups),
state, assignor, number of members and coordinator's broker id, sorted by
name. --state keeps the groups in the given states (Kafka's names, any case:
Stable, Empty, PreparingRebalance, CompletingRebalance, Assigning,
Reconciling, Dead); kafka-consumer-groups' --list --state, without one, adds
the STATE column, which this list always has. When no group is listed, stdout is empty and a line on
stderr says so ("shore: no groups", or "shore: no groups in state Dead");
-o json writes [], -o csv its header, and nothing on stderr. Kafka lists to
a login not allowed DESCRIBE on the cluster only the groups it may
describe, without a word of the others: to such a login, which shore asks
the brokers about in one more request, the line says so ("shore: no groups
this login may describe").

A broker that does not answer (dead, or frozen: see 'shore help
config-file') leaves out the groups it coordinates; one warning on stderr
names it, and the exit status is 0. Kafka lists every group to a login
allowed DESCRIBE on the cluster, and describes only those it is allowed
DESCRIBE on: the others are listed with their type and state, - (null in
JSON) as their protocol and members, and a warning on stderr names them and
the ACL ('not authorized to describe group "audit"
(GROUP_AUTHORIZATION_FAILED: ...)'); the exit status is 0. So is a
KIP-848 group whose members read a topic the login may not describe, which
Kafka will not describe for that ('not authorized to describe the members
of group "billing" (TOPIC_AUTHORIZATION_FAILED: ...)').

-o json writes an array of
  {"group", "type", "state", "protocol", "members": [...], "coordinator": {"id", "host", "port"}}
with the members as in 'shore groups describe -o json' (null, and - in the
table, for share and streams groups, which shore does not describe, and
groups the login may not describe or whose members it may not), and
protocol null (-) when the group has none (an Empty classic group) or is
not described. -o csv
writes the table as comma-separated lines after a header line
(GROUP,TYPE,STATE,PROTOCOL,MEMBERS,COORDINATOR).

` + exitStatus{}.String(),
		Example: `  $ shore groups list
  $ shore groups list --state Empty -o json | jq -r '.[].group'
  $ shore groups list -o json | jq -r '.[].group | select(test("^billing-"))'
  $ shore groups list -o csv > groups.csv`,
		Args: argsFromUse,
		Annotations: map[string]string{
			anyOtherArg:                 "list takes no GROUP and names every group; describe shows the ones named: shore groups describe {args}",
			patternArg:                  groupsListPattern,
			otherToolFlag + "regex":     groupsListPattern,
			otherToolFlag + "-r":        groupsListPattern,
			otherToolFlag + "watch":     "list draws once; groups describe GROUP --watch D re-draws a group, and watch -n 2 shore groups list re-runs list",
			otherToolFlag + "type":      `kafka-consumer-groups' --type is the TYPE column: shore groups list -o json | jq -r '.[] | select(.type == "consumer") | .group'`,
			otherToolBareFlag + "state": "kafka-consumer-groups' --state alone is the STATE column, which list always shows; --state STATE keeps the groups in that state: " + strings.Join(groupStates, ", "),
		},
		RunE: parsedRunE(f, fl.parse, runF, runGroupsList),
	}
	c.Flags().StringSliceVar(&fl.states, "state", nil, "only groups in these states, comma-separated (default: all)")
	_ = c.RegisterFlagCompletionFunc("state", cobra.FixedCompletions(groupStates, cobra.ShellCompDirectiveNoFileComp))
	addOutputFlag(c, &fl.output, csvFormats...)
	return c
}

var groupStates = []string{"Stable", "Empty", "PreparingRebalance", "CompletingRebalance", "Assigning", "Reconciling", "Dead"}

// canonicalState spells a state the way the broker does.
func canonicalState(s string) (string, error) {
	for _, st := range groupStates {
		if strings.EqualFold(s, st) {
			return st, nil
		}
	}
	return "", usageErrorf("--state %q: want one of %s", s, strings.Join(groupStates, ", "))
}

func runGroupsList(ctx context.Context, f *Factory, opts *groupsListOptions) error {
	return withGroups(ctx, f, func(gc *groups.Client) error {
		ctx, cancel := f.requestContext(ctx)
		defer cancel()
		list, denied, hidden, err := gc.List(ctx, opts.States)
		if err = f.warnUnreachable(ctx, err, ""); err != nil {
			return err
		}
		// Both are listed as the listing has them.
		warn := func(refused error, groups int) {
			fmt.Fprintf(f.IO.ErrOut, "shore: warning: %v: %s protocol and members are unknown, shown as %s\n",
				refused, format.Agree(groups, "its", "their"), unknownAs(opts.Output))
		}
		if len(denied) > 0 {
			warn(&groups.NotAuthorizedError{Groups: denied}, len(denied))
		}
		if len(hidden) > 0 {
			warn(&groups.MembersHiddenError{Groups: hidden}, len(hidden))
		}
		if len(list) == 0 && opts.Output == "table" {
			// As topics list says an empty cluster: a table of headers
			// alone reads like a failure to list. Listed to a login that
			// sees only some, "no groups" alone would say that the
			// cluster has none.
			seen := ""
			if gc.HidesGroups(ctx) {
				seen = " this login may describe"
			}
			fmt.Fprintf(f.IO.ErrOut, "shore: no groups%s%s\n", filterText(" in state ", " in states ", opts.States), seen)
			return nil
		}
		rows := make([][]string, 0, len(list))
		for _, g := range list {
			rows = append(rows, []string{
				g.Group, g.Type.String(), g.State.String(), g.Protocol.String(),
				membersCount(g), strconv.Itoa(int(g.Coordinator.ID)),
			})
		}
		return renderRows(f.IO.Out, opts.Output, list, []string{"GROUP", "TYPE", "STATE", "PROTOCOL", "MEMBERS", "COORDINATOR"}, rows)
	})
}
