package cmd

import (
	"fmt"
	"testing"

	"github.com/spf13/cobra"
)

func TestExitCode(t *testing.T) {
	root := &cobra.Command{Use: "shore"}
	topics := &cobra.Command{Use: "topics"}
	create := &cobra.Command{Use: "create TOPIC..."}
	root.AddCommand(topics)
	topics.AddCommand(create)
	cases := []struct {
		name       string
		err        error
		ran        *cobra.Command
		want       int
		wantStderr string
	}{
		{"nil", nil, nil, ExitOK, ""},
		{"failure", fmt.Errorf("boom"), create, ExitFailure, "shore: boom\n"},
		{"reported", errReported, nil, ExitFailure, ""},
		{"usage", usageErrorf("bad --flag (see --help)"), create, ExitUsage, "shore: bad --flag (see --help)\n"},
		{"usage of a command", usageErrorf("bad --flag"), create, ExitUsage, "shore: bad --flag\nRun 'shore topics create --help' for usage.\n"},
		{"usage of a noun", usageErrorf("unknown command"), topics, ExitUsage, "shore: unknown command\nRun 'shore topics --help' for usage.\n"},
		{"usage of the noun of an unknown verb", &usageError{err: fmt.Errorf("unknown command"), of: topics}, root, ExitUsage, "shore: unknown command\nRun 'shore topics --help' for usage.\n"},
		{"usage at the root", usageErrorf("unknown command"), root, ExitUsage, "shore: unknown command\nRun 'shore --help' or 'shore COMMAND --help' for usage.\n"},
		{"usage before a command", usageErrorf("bad --flag"), nil, ExitUsage, "shore: bad --flag\nRun 'shore --help' or 'shore COMMAND --help' for usage.\n"},
		{"condition", conditionErrorf("lag 7 over --max-lag 5"), nil, ExitCondition, "shore: lag 7 over --max-lag 5\n"},
		{"condition already reported", &conditionError{err: errReported}, nil, ExitCondition, ""},
		{"interrupted", errInterrupted, nil, ExitInterrupted, "shore: interrupted\n"},
		{"terminated", errTerminated, nil, ExitInterrupted, "shore: terminated\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stderr Buffer
			if got := exitCode(c.err, nil, c.ran, &stderr); got != c.want {
				t.Errorf("exit code %d, want %d", got, c.want)
			}
			if got := stderr.String(); got != c.wantStderr {
				t.Errorf("stderr %q, want %q", got, c.wantStderr)
			}
		})
	}
}
