package cmd

import (
	"strings"

	"github.com/spf13/cobra"
)

// strictHelpCmd makes cobra's help command refuse what it cannot name:
// `shore help nope` or `shore help connection extra` is a usage error
// (exit 2), not the root's help and exit 0.
func strictHelpCmd(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() != "help" {
			continue
		}
		c.Run = nil
		c.RunE = func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return usageErrorf("help %s: no such command or help topic ('shore --help' lists them)", strings.Join(args, " "))
			}
			return target.Help()
		}
	}
}
