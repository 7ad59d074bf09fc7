package cmd

import (
	"cmp"
	"strings"

	"github.com/spf13/cobra"
)

// strictHelpCmd makes cobra's help command refuse what it cannot name:
// `shore help nope` or `shore help connection extra` is a usage error
// (exit 2), not the root's help and exit 0. A name close to a command or
// help topic is suggested as for an unknown command: `shore help consum`
// says (did you mean consume?). Its completion offers the help topics
// (connection, exit-codes ...) besides the commands cobra's offers.
func strictHelpCmd(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() != "help" {
			continue
		}
		c.Run = nil
		c.Annotations = map[string]string{noConnection: ""}
		commands := c.ValidArgsFunction
		c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			names, directive := commands(cmd, args, toComplete)
			if target, _, err := root.Find(args); err == nil {
				for _, topic := range target.Commands() {
					if topic.IsAdditionalHelpTopicCommand() && strings.HasPrefix(topic.Name(), toComplete) {
						names = append(names, cobra.CompletionWithDesc(topic.Name(), topic.Short))
					}
				}
			}
			return names, directive
		}
		c.RunE = func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err == nil && len(rest) == 0 {
				return target.Help()
			}
			hint := " ('shore --help' lists them)"
			if err == nil {
				hint = cmp.Or(didYouMean(nearCommands(target, rest[0], true)), hint)
			}
			return usageErrorf("help %s: no such command or help topic%s", strings.Join(args, " "), hint)
		}
	}
}
