package cmd_test

import (
	"regexp"
	"testing"

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
