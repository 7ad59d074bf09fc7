package cmd

import (
	"fmt"
	"testing"
)

func TestExitCode(t *testing.T) {
	cases := []struct {
		name       string
		err        error
		want       int
		wantStderr string
	}{
		{"nil", nil, ExitOK, ""},
		{"failure", fmt.Errorf("boom"), ExitFailure, "shore: boom\n"},
		{"reported", errReported, ExitFailure, ""},
		{"usage", usageErrorf("bad --flag (see --help)"), ExitUsage, "shore: bad --flag (see --help)\n"},
		{"condition", conditionErrorf("lag 7 over --max-lag 5"), ExitCondition, "shore: lag 7 over --max-lag 5\n"},
		{"condition already reported", &conditionError{err: errReported}, ExitCondition, ""},
		{"interrupted", errInterrupted, ExitInterrupted, "shore: interrupted\n"},
		{"terminated", errTerminated, ExitInterrupted, "shore: terminated\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stderr Buffer
			if got := exitCode(c.err, nil, &stderr); got != c.want {
				t.Errorf("exit code %d, want %d", got, c.want)
			}
			if got := stderr.String(); got != c.wantStderr {
				t.Errorf("stderr %q, want %q", got, c.wantStderr)
			}
		})
	}
}
