package cmd_test

import (
	"testing"

	"github.com/kafkashore/shore/internal/shoretest"
)

// A missing or extra argument is named, with the command and its usage
// line, whatever count the command takes: at least one, exactly some, a
// range, or none. An unknown verb is one line, with the verbs cobra finds
// close to it. The hint after each names the help of the command, the
// noun's for an unknown verb, and the root's only for an unknown command.
func TestArgumentCountErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		line string
		help string
	}{
		// one or more
		{[]string{"produce"}, "shore: produce: missing TOPIC (usage: shore produce TOPIC [FILE...])", seeHelpFor("produce")},
		// none only with a partition filter
		{[]string{"topics", "describe"}, "shore: topics describe: missing TOPIC, or --under-replicated, --under-min-isr, --at-min-isr or --unavailable for every topic (usage: shore topics describe [TOPIC...])", seeHelpFor("topics describe")},
		{[]string{"groups", "commit"}, "shore: groups commit: missing GROUP and TOPIC:PARTITION=OFFSET (usage: shore groups commit GROUP TOPIC:PARTITION=OFFSET...)", seeHelpFor("groups commit")},
		{[]string{"groups", "commit", "g"}, "shore: groups commit: missing TOPIC:PARTITION=OFFSET (usage: shore groups commit GROUP TOPIC:PARTITION=OFFSET...)", seeHelpFor("groups commit")},
		// exactly
		{[]string{"registry", "check"}, "shore: registry check: missing SUBJECT and FILE (usage: shore registry check SUBJECT FILE)", seeHelpFor("registry check")},
		{[]string{"registry", "check", "s"}, "shore: registry check: missing FILE (usage: shore registry check SUBJECT FILE)", seeHelpFor("registry check")},
		{[]string{"registry", "register", "s", "a.avsc", "b.avsc"}, `shore: registry register: unexpected argument "b.avsc" (usage: shore registry register SUBJECT FILE)`, seeHelpFor("registry register")},
		{[]string{"config", "use", "a", "b"}, `shore: config use: unexpected argument "b" (usage: shore config use PROFILE)`, seeHelpFor("config use")},
		{[]string{"topics", "add-partitions", "--total", "3"}, "shore: topics add-partitions: missing TOPIC (usage: shore topics add-partitions TOPIC... --total N)", seeHelpFor("topics add-partitions")},
		{[]string{"topics", "add-partitions", "t", "3"}, `shore: "3" looks like the partition count: --total 3`, seeHelpFor("topics add-partitions")},
		{[]string{"groups", "seek", "--to", "end"}, "shore: groups seek: missing GROUP (usage: shore groups seek GROUP (--to start|end|OFFSET|@TIME | --shift N | --from-file FILE))", seeHelpFor("groups seek")},
		{[]string{"groups", "delete-offsets", "g", "t"}, `shore: groups delete-offsets: unexpected argument "t" (usage: shore groups delete-offsets GROUP --topic T[:P,...]...)`, seeHelpFor("groups delete-offsets")},
		// a range
		{[]string{"registry", "delete"}, "shore: registry delete: missing SUBJECT (usage: shore registry delete SUBJECT [VERSION])", seeHelpFor("registry delete")},
		{[]string{"registry", "delete", "s", "1", "2"}, `shore: registry delete: unexpected argument "2" (usage: shore registry delete SUBJECT [VERSION])`, seeHelpFor("registry delete")},
		{[]string{"registry", "show", "s", "1", "x", "y"}, `shore: registry show: unexpected arguments "x" and "y" (usage: shore registry show {SUBJECT [VERSION] | --id ID})`, seeHelpFor("registry show")},
		// none
		{[]string{"groups", "list", "x"}, `shore: groups list: unexpected argument "x" (list takes no GROUP and names every group; describe shows the ones named: shore groups describe x)`, seeHelpFor("groups list")},
		{[]string{"cluster", "a", "b", "c"}, `shore: cluster: unexpected arguments "a", "b" and "c" (usage: shore cluster)`, seeHelpFor("cluster")},
		// another tool's word for the command's job
		{[]string{"cluster", "info"}, `shore: cluster: unexpected argument "info" (rpk's 'cluster info' is 'shore cluster')`, seeHelpFor("cluster")},
		{[]string{"cluster", "metadata"}, `shore: cluster: unexpected argument "metadata" (rpk's 'cluster metadata' is 'shore cluster')`, seeHelpFor("cluster")},
		{[]string{"version", "a", "b", "c", "d", "e"}, `shore: version: unexpected arguments "a", "b" and 3 more (usage: shore version)`, seeHelpFor("version")},
		{[]string{"completion", "bash", "x"}, `shore: completion bash: unexpected argument "x" (usage: shore completion bash)`, seeHelpFor("completion bash")},
		// a noun's unknown verb
		// with no verb close to it, the noun's verbs
		{[]string{"config", "set"}, `shore: unknown command "set" for "shore config" (want profiles, use or view)`, seeHelpFor("config")},
		{[]string{"topics", "x"}, `shore: unknown command "x" for "shore topics" (want add-partitions, alter-config, create, delete, describe or list)`, seeHelpFor("topics")},
		{[]string{"completion", "klingon"}, `shore: unknown command "klingon" for "shore completion" (want bash, fish, powershell or zsh)`, seeHelpFor("completion")},
		{[]string{"completion", "tcsh"}, `shore: unknown command "tcsh" for "shore completion" (want bash, fish, powershell or zsh)`, seeHelpFor("completion")},
		{[]string{"consum", "orders"}, `shore: unknown command "consum" (did you mean consume?)`, seeRootHelp},
		{[]string{"cosnume", "orders"}, `shore: unknown command "cosnume" (did you mean consume?)`, seeRootHelp},
		{[]string{"completion", "bsh"}, `shore: unknown command "bsh" for "shore completion" (did you mean bash or zsh?)`, seeHelpFor("completion")},
		{[]string{"grops", "list"}, `shore: unknown command "grops" (did you mean groups?)`, seeRootHelp},
		{[]string{"topics", "lst"}, `shore: unknown command "lst" for "shore topics" (did you mean list?)`, seeHelpFor("topics")},
		{[]string{"topics", "de", "orders"}, `shore: unknown command "de" for "shore topics" (did you mean delete or describe?)`, seeHelpFor("topics")},
		// other tools' names for a verb
		{[]string{"topics", "rm", "orders"}, `shore: unknown command "rm" for "shore topics" (did you mean delete?)`, seeHelpFor("topics")},
		{[]string{"nodes"}, `shore: unknown command "nodes" (did you mean cluster?)`, seeRootHelp},
		{[]string{"schema", "list"}, `shore: unknown command "schema" (did you mean registry?)`, seeRootHelp},
		{[]string{"schema-registry", "list"}, `shore: unknown command "schema-registry" (did you mean registry?)`, seeRootHelp},
		{[]string{"node", "ls"}, `shore: unknown command "node" (did you mean cluster?)`, seeRootHelp},
		{[]string{"metadata"}, `shore: unknown command "metadata" (did you mean cluster?)`, seeRootHelp},
		{[]string{"profile", "use", "local"}, `shore: unknown command "profile" (did you mean config?)`, seeRootHelp},
		{[]string{"config", "use-cluster", "local"}, `shore: unknown command "use-cluster" for "shore config" (did you mean use?)`, seeHelpFor("config")},
		{[]string{"config", "current-context"}, `shore: unknown command "current-context" for "shore config" (did you mean view?)`, seeHelpFor("config")},
		{[]string{"config", "get-clusters"}, `shore: unknown command "get-clusters" for "shore config" (did you mean profiles?)`, seeHelpFor("config")},
		{[]string{"groups", "remove", "billing"}, `shore: unknown command "remove" for "shore groups" (did you mean delete?)`, seeHelpFor("groups")},
		{[]string{"topics", "config", "orders"}, `shore: unknown command "config" for "shore topics" (did you mean alter-config?)`, seeHelpFor("topics")},
		{[]string{"topics", "alter", "orders", "--partitions", "8"}, `shore: unknown command "alter" for "shore topics" (did you mean add-partitions or alter-config?)`, seeHelpFor("topics")},
		{[]string{"topics", "update", "orders"}, `shore: unknown command "update" for "shore topics" (did you mean add-partitions or alter-config?)`, seeHelpFor("topics")},
		// the unknown verb, not the flags after it that the noun lacks
		{[]string{"topics", "lst", "-o", "json"}, `shore: unknown command "lst" for "shore topics" (did you mean list?)`, seeHelpFor("topics")},
		{[]string{"consum", "orders", "-e"}, `shore: unknown command "consum" (did you mean consume?)`, seeRootHelp},
		// help suggests as an unknown command does, over the help topics too
		{[]string{"help", "consum"}, `shore: help consum: no such command or help topic (did you mean consume?)`, seeRootHelp},
		{[]string{"help", "conection"}, `shore: help conection: no such command or help topic (did you mean connection?)`, seeRootHelp},
		{[]string{"help", "lay"}, `shore: help lay: no such command or help topic (did you mean layouts?)`, seeRootHelp},
		{[]string{"help", "topics", "lst"}, `shore: help topics lst: no such command or help topic (did you mean list?)`, seeRootHelp},
		// --help after an unknown command says so, as help COMMAND does,
		// instead of the parent's help, exit 0, as if asked for
		{[]string{"consum", "--help"}, `shore: unknown command "consum" (did you mean consume?)`, seeRootHelp},
		{[]string{"groups", "lag", "-h"}, `shore: unknown command "lag" for "shore groups" (did you mean describe?)`, seeHelpFor("groups")},
		{[]string{"topics", "lst", "-o", "json", "--help"}, `shore: unknown command "lst" for "shore topics" (did you mean list?)`, seeHelpFor("topics")},
	} {
		res := shoretest.Run(t, tc.args...)
		wantRun(t, res, 2, "", tc.line+"\n"+tc.help)
	}
}
