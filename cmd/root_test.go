package cmd_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/internal/shoretest"
)

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"--no-such-flag"}, "shore: unknown flag: --no-such-flag\nRun 'shore --help' or 'shore COMMAND --help' for usage.\n"},
		{[]string{"nosuch"}, "shore: unknown command \"nosuch\" for \"shore\"\nRun 'shore --help' or 'shore COMMAND --help' for usage.\n"},
		{[]string{"config", "nosuch"}, "shore: unknown command \"nosuch\" for \"shore config\"\nRun 'shore --help' or 'shore COMMAND --help' for usage.\n"},
		{[]string{"version", "extra"}, "shore: unknown command \"extra\" for \"shore version\"\nRun 'shore --help' or 'shore COMMAND --help' for usage.\n"},
		{[]string{"--timeout", "soon", "version"}, "shore: invalid argument \"soon\" for \"--timeout\" flag: time: invalid duration \"soon\"\nRun 'shore --help' or 'shore COMMAND --help' for usage.\n"},
	} {
		res := shoretest.Run(t, tc.args...)
		if res.Code != 2 || res.Stderr != tc.stderr || res.Stdout != "" {
			t.Errorf("%v: exit %d stdout %q stderr %q; want 2 and %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	res := shoretest.Run(t, "version")
	if res.Code != 0 || !regexp.MustCompile(`^shore \S+ \(franz-go \S+, go1\.\S+\)\n$`).MatchString(res.Stdout) {
		t.Fatalf("exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
	}
}

// Every command's help is its manual: it ends with the exit status, and its
// examples are shore command lines.
func TestHelpEndsWithExitStatus(t *testing.T) {
	f := &cmd.Factory{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		if !regexp.MustCompile(`\nEXIT STATUS\n(  \d+ +\S.*\n?)+$`).MatchString(c.Long) {
			t.Errorf("%q: Long does not end with an EXIT STATUS section", c.CommandPath())
		}
		for _, line := range strings.Split(c.Example, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "$ shore ") {
				t.Errorf("%q: example line %q is neither a comment nor $ shore ...", c.CommandPath(), line)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(cmd.NewRootCmd(f))
}
