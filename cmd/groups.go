package cmd

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/groups"
	"github.com/kafkashore/shore/topics"
)

func newGroupsCmd(f *Factory) *cobra.Command {
	c := asNoun(&cobra.Command{
		Use:   "groups",
		Short: "See and steer consumer groups",
		// kafka-consumer-groups' name, and kafkactl's noun and its alias
		// (kafkactl describe consumer-group g, get cg).
		SuggestFor: []string{"consumer-groups", "consumer-group", "cg"},
		Long: `See who is in a consumer group and how far behind it is, and move its
committed offsets safely. Classic groups and KIP-848 consumer groups work
alike.

seek and commit refuse a group that has active members before sending
anything: stop the consumers first. delete-offsets refuses only the topics
its members read.
seek only shows its plan unless given --execute.

A new cluster has no coordinator for any group until it has made
__consumer_offsets, which takes about a second after the first group request,
and a cluster whose __consumer_offsets partitions lost their leader has none
for theirs until one is elected: these commands ask again until --timeout.

` + exitStatus{failures: groupsMoveFailures, usage: []string{"offset", "plan file"}, gate: "groups describe: " + groupsLagGate}.String(),
	})
	c.AddCommand(
		newGroupsListCmd(f, nil),
		newGroupsDescribeCmd(f, nil),
		newGroupsSeekCmd(f, nil),
		newGroupsCommitCmd(f, nil),
		newGroupsDeleteCmd(f, nil),
		newGroupsDeleteOffsetsCmd(f, nil),
	)
	actionFlags(c, "kafka-consumer-groups", "list", "list", "describe", "describe", "reset-offsets", "seek", "delete", "delete", "delete-offsets", "delete-offsets")
	// kafka-consumer-groups takes --group where the verbs take arguments,
	// and --all-groups where the verbs that take several take the list's.
	for _, verb := range c.Commands() {
		if !strings.Contains(verb.Use, "GROUP") {
			continue
		}
		if verb.Annotations == nil {
			verb.Annotations = map[string]string{}
		}
		if _, said := verb.Annotations[otherToolFlag+"group"]; !said {
			verb.Annotations[otherToolFlag+"group"] = "kafka-consumer-groups' --group G is an argument: shore groups " + verb.Use
		}
		if strings.Contains(verb.Use, "GROUP...") {
			verb.Annotations[otherToolFlag+"all-groups"] = "kafka-consumer-groups' --all-groups is every group 'shore groups list' names: shore groups list -o json | jq -r '.[].group' | xargs -r shore groups " + verb.Name()
		}
	}
	return c
}

// groupsMoveFailures are what fails a seek (and, in the groups command's
// own help, any of its verbs) besides an unreachable broker.
var groupsMoveFailures = []string{"unknown group, topic or partition", "a topic the login may not describe", "active members", "a refused commit"}

// checkGroupNames rejects an empty group name, which Kafka would answer
// with a confusing error.
func checkGroupNames(names []string) error {
	for _, n := range names {
		if n == "" {
			return usageErrorf("empty group name")
		}
	}
	return nil
}

// parseScopes parses repeated --topic T[:P,...] values. A partition that
// two of them name (a topic whole names each of its partitions) is refused,
// as one named twice in a value is.
func parseScopes(values []string) ([]groups.Scope, error) {
	var scopes []groups.Scope
	for _, v := range values {
		s, err := groups.ParseScope(v)
		if err != nil {
			return nil, usageErrorf("--topic %s: %v%s", topics.QuoteName(v), err, splitScopes(v))
		}
		for _, prev := range scopes {
			if prev.Topic != s.Topic {
				continue
			}
			if len(prev.Partitions) == 0 || len(s.Partitions) == 0 {
				return nil, usageErrorf("--topic %s: topic %s is given twice (--topic T names every partition of T)", topics.QuoteName(v), topics.QuoteName(s.Topic))
			}
			for _, p := range s.Partitions {
				if slices.Contains(prev.Partitions, p) {
					return nil, usageErrorf("--topic %s: %s:%d is given twice", topics.QuoteName(v), s.Topic, p)
				}
			}
		}
		scopes = append(scopes, s)
	}
	return scopes, nil
}

// splitScopes is the hint for a --topic value that joins topics with
// commas, as groups describe's --topic takes them: "; give each topic its
// own --topic: --topic orders --topic audit:0,1". It is empty unless every
// name before the first colon is a topic name.
func splitScopes(v string) string {
	names, partitions, _ := strings.Cut(v, ":")
	split := strings.Split(names, ",")
	if len(split) < 2 {
		return ""
	}
	var flags []string
	for i, t := range split {
		t = strings.TrimSpace(t)
		if topics.CheckName(t) != nil {
			return ""
		}
		if i == len(split)-1 && partitions != "" {
			t += ":" + partitions
		}
		flags = append(flags, "--topic "+shellWord(t))
	}
	return "; give each topic its own --topic: " + strings.Join(flags, " ")
}

// withGroups runs fn with a groups client; fn bounds each round of
// requests with f.requestContext (--timeout). It is built on
// Factory.AdminClient rather than on a round because describing KIP-848
// groups needs a raw request that kadm does not offer.
func withGroups(ctx context.Context, f *Factory, fn func(*groups.Client) error) error {
	cl, err := f.AdminClient(ctx)
	if err != nil {
		return errOrInterrupted(ctx, err)
	}
	defer cl.Close()
	err = fn(groups.NewClient(cl, connect.ReadAdmin(cl, f.cfg)))
	if err != nil && ctx.Err() == nil {
		err = explainGroupsError(connect.ExplainTimeout(f.cfg, f.waiting, err))
	}
	return errOrInterrupted(ctx, err)
}

// explainGroupsError adds to the domain's errors what the user can do next.
func explainGroupsError(err error) error {
	var active *groups.ActiveMembersError
	var none *groups.NoCommitsError
	switch {
	case errors.As(err, &active):
		static := ""
		if active.Static {
			static = "; a static member stays for its session timeout after its consumer stops"
		}
		return fmt.Errorf("%w: stop its consumers before changing its offsets%s ('shore groups describe %s --members' shows them)", err, static, shellWord(active.Group))
	case errors.As(err, &none) && none.AllowNew:
		return fmt.Errorf("%w: --allow-new creates them on the topics --topic names; add --topic", err)
	case errors.As(err, &none) && len(none.Topics) == 0 && !none.Named:
		return fmt.Errorf("%w: pass --allow-new with --topic to create them", err)
	case errors.As(err, &none):
		return fmt.Errorf("%w: pass --allow-new to create them", err)
	}
	return err
}

// orNone formats an optional number (an offset, a count), - when absent.
func orNone[N int16 | int32 | int64](v *N) string {
	if v == nil {
		return format.None
	}
	return strconv.FormatInt(int64(*v), 10)
}

// textOrNone is s, or - when empty.
func textOrNone(s string) string {
	if s == "" {
		return format.None
	}
	return s
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// shellWord is s as one word of a command line to copy: bare when a shell
// leaves it whole, else in single quotes, with control characters escaped
// (format.Printable) as nobody types them anyway.
func shellWord(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-:/@+=,%", r))
	}) {
		return s
	}
	return format.Printable("'" + strings.ReplaceAll(s, "'", `'\''`) + "'")
}
