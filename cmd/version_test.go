package cmd_test

import (
	"strings"
	"testing"

	"github.com/kafkashore/shore/internal/shoretest"
)

// version's exit codes are the ones its help lists: 1 when its line
// cannot be written, 2 for a bad flag.
func TestVersionExitStatus(t *testing.T) {
	code, stderr := runToFullDisk(t, "", "version")
	if code != 1 || stderr != "shore: write /dev/stdout: no space left on device\n" {
		t.Errorf("version > /dev/full: exit %d stderr %q; want 1 and the write error", code, stderr)
	}
	wantRun(t, shoretest.Run(t, "version", "--short"), 2, "", "shore: unknown flag: --short\nRun 'shore version --help' for usage.\n")
	help := shoretest.Run(t, "version", "--help").Stdout
	for _, line := range []string{"  1  writing to stdout failed (a full disk)\n", "  2  usage error (bad flag or argument)\n"} {
		if !strings.Contains(help, line) {
			t.Errorf("version --help does not list %q:\n%s", line, help)
		}
	}
}

// completion's exit codes are the ones its help lists: 1 when the script
// cannot be written, which its help left out.
func TestCompletionExitStatus(t *testing.T) {
	code, stderr := runToFullDisk(t, "", "completion", "bash")
	if code != 1 || stderr != "shore: write /dev/stdout: no space left on device\n" {
		t.Errorf("completion bash > /dev/full: exit %d stderr %q; want 1 and the write error", code, stderr)
	}
	for _, args := range [][]string{{"completion", "--help"}, {"completion", "bash", "--help"}} {
		if help := shoretest.Run(t, args...).Stdout; !strings.Contains(help, "  1  writing the script to stdout failed (a full disk)\n") {
			t.Errorf("%s does not list exit status 1:\n%s", strings.Join(args, " "), help)
		}
	}
}

// shore --version is shore version: an argument after it is the same usage
// error, where --version printed its line and ignored the argument; so is a
// connection flag, which --version ignored too. -v is version's flag.
func TestVersionFlagArguments(t *testing.T) {
	for _, args := range [][]string{{"--version", "extra"}, {"version", "extra"}} {
		wantRun(t, shoretest.Run(t, args...), 2, "", "shore: version: unexpected argument \"extra\" (usage: shore version)\nRun 'shore version --help' for usage.\n")
	}
	for _, args := range [][]string{{"-b", "x:1", "--version"}, {"version", "-b", "x:1"}} {
		wantRun(t, shoretest.Run(t, args...), 2, "", "shore: -b/--brokers is a connection flag, which shore version does not take: it connects to no Kafka\nRun 'shore version --help' for usage.\n")
	}
	for _, args := range [][]string{{"--version"}, {"-v", "--version"}} {
		if res := shoretest.Run(t, args...); res.Code != 0 || !strings.HasPrefix(res.Stdout, "shore ") || res.Stderr != "" {
			t.Errorf("%v: exit %d stdout %q stderr %q; want 0 and the version line", args, res.Code, res.Stdout, res.Stderr)
		}
	}
}
