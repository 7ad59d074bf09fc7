package cmd_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/internal/shoretest"
)

// readmeComment is a command line's trailing comment in the README: what
// the line prints on stdout (`# {"celsius":21.5}`), or its exit status and
// what it says on stderr (`# exit 1: ... missing property`).
var readmeComment = regexp.MustCompile(`\s{2,}# (.*)$`)

var readmeExit = regexp.MustCompile(`^exit (\d+): (.*)$`)

// readmeLines are the command lines of the README's indented blocks between
// the line containing from and the next line containing to.
func readmeLines(t *testing.T, readme, from, to string) []string {
	t.Helper()
	_, rest, ok := strings.Cut(readme, from)
	if !ok {
		t.Fatalf("README.md has no %q", from)
	}
	block, _, ok := strings.Cut(rest, to)
	if !ok {
		t.Fatalf("README.md has no %q after %q", to, from)
	}
	var lines []string
	for _, l := range strings.Split(block, "\n") {
		if l = strings.TrimPrefix(l, "    "); strings.HasPrefix(l, "shore ") || strings.HasPrefix(l, "printf ") || strings.HasPrefix(l, "echo ") {
			lines = append(lines, l)
		}
	}
	return lines
}

// devShell starts shore dev with args on a free port and returns a
// function that runs a command line with bash, as a user types it: in a
// temporary directory, with shore on PATH and SHORE_BROKERS and
// SHORE_REGISTRY_URL set to what shore dev printed.
func devShell(t *testing.T, args ...string) func(line string) (code int, stdout, stderr string) {
	t.Helper()
	addr, registry, _ := startDevRegistry(t, append(args, "--listen", "127.0.0.1:0")...)
	dir := t.TempDir()
	env := shoretest.Environ(t, map[string]string{"SHORE_BROKERS": addr, "SHORE_REGISTRY_URL": registry})
	for i, e := range env {
		if strings.HasPrefix(e, "PATH=") {
			env[i] = "PATH=" + filepath.Dir(shoretest.Binary(t)) + ":" + strings.TrimPrefix(e, "PATH=")
		}
	}
	return func(line string) (int, string, string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c := exec.CommandContext(ctx, "bash", "-c", line)
		c.Dir, c.Env = dir, env
		var stdout, stderr strings.Builder
		c.Stdout, c.Stderr = &stdout, &stderr
		err := c.Run()
		code := c.ProcessState.ExitCode()
		if err != nil && code <= 0 {
			t.Fatalf("%s: %v", line, err)
		}
		return code, stdout.String(), stderr.String()
	}
}

// The README's walkthroughs (the quickstart by hand, one example per
// schema format) run as written, one line after the other, against the
// shore dev the quickstart starts (on a free port): a new user following
// them sees every line succeed and print what its comment shows, or fail
// as its comment says.
func TestReadmeWalkthroughs(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	lines := append(readmeLines(t, readme, "Or by hand", "## Commands"),
		readmeLines(t, readme, "One example per format", "[docs/guide.md]")...)
	dev := readmeComment.ReplaceAllString(lines[0], "")
	if !strings.HasPrefix(dev, "shore dev ") {
		t.Fatalf("the quickstart does not start with shore dev: %q", lines[0])
	}
	run := devShell(t, strings.Fields(strings.TrimPrefix(dev, "shore dev "))...)
	for _, line := range lines[1:] {
		wantCode, wantStdout, wantStderr := 0, "", ""
		if m := readmeComment.FindStringSubmatch(line); m != nil {
			if x := readmeExit.FindStringSubmatch(m[1]); x != nil {
				wantCode, _ = strconv.Atoi(x[1])
				wantStderr = x[2]
			} else if strings.HasPrefix(m[1], "{") || strings.HasPrefix(m[1], `"`) {
				wantStdout = m[1]
			}
		}
		code, stdout, stderr := run(line)
		if code != wantCode || !strings.Contains(stdout, wantStdout) || !strings.Contains(stderr, wantStderr) || (wantCode == 0 && stderr != "") {
			t.Errorf("%s\nexit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d, stdout with %q, stderr with %q", line, code, stdout, stderr, wantCode, wantStdout, wantStderr)
		}
	}
}

// example is the first example line of the command at path (such as
// "groups delete") that contains part, without its "$ ".
func example(t *testing.T, path, part string) string {
	t.Helper()
	c, _, err := cmd.NewRootCmd(&cmd.Factory{}).Find(strings.Fields(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(c.Example, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "$ ") && strings.Contains(l, part) {
			return strings.TrimPrefix(l, "$ ")
		}
	}
	t.Fatalf("shore %s has no example with %q", path, part)
	return ""
}

// Examples that write to groups run as written on the quickstart's shore
// dev (orders with 3 partitions), each in its own cluster: committing to a
// partition orders has, and deleting the Empty groups when there are none.
func TestExamplesOnQuickstartDev(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("no jq:", err)
	}
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, poison, _ := strings.Cut(string(raw), "# skip one poison record\n")
	poison, _, _ = strings.Cut(strings.TrimSpace(poison), "\n")
	for _, tc := range []struct {
		line, stdout, stderr string
	}{
		{poison, "committed", "shore: warning: orders:2: offset 1042 is past the log end 0; committed as given\n"},
		{example(t, "groups commit", "1042"), "committed", "shore: warning: orders:2: offset 1042 is past the log end 0; committed as given\n"},
		{example(t, "groups delete", "xargs"), "", ""},
	} {
		run := devShell(t, "--topic", "orders:3")
		code, stdout, stderr := run(tc.line)
		if code != 0 || !strings.Contains(stdout, tc.stdout) || stderr != tc.stderr {
			t.Errorf("%s\nexit %d, stdout:\n%s\nstderr:\n%s\nwant exit 0, stdout with %q, stderr %q", tc.line, code, stdout, stderr, tc.stdout, tc.stderr)
		}
	}
}

// TestConsumeUntilExamplesRun: the --until examples of consume --help run
// as written on shore dev and find the record whose key they name, sent
// before (the example) or while (FILTER AND WAIT's CI pattern, with
// send-request as a function that produces it) they wait. The help's key
// was 42, which the expression sees as the number 42: .key == "42" waited
// out its 30s and exited 3.
func TestConsumeUntilExamplesRun(t *testing.T) {
	keyOf := regexp.MustCompile(`\.key == "([^"]+)"`)
	c, _, err := cmd.NewRootCmd(&cmd.Factory{}).Find([]string{"consume"})
	if err != nil {
		t.Fatal(err)
	}
	var pattern []string
	for _, l := range strings.Split(c.Long, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "shore consume replies ") || len(pattern) > 0 && len(pattern) < 4 {
			pattern = append(pattern, l)
		}
	}
	if len(pattern) != 4 || !strings.HasSuffix(pattern[1], "& waiter=$!") || !strings.HasPrefix(pattern[2], "send-request ") || pattern[3] != "wait $waiter" {
		t.Fatalf("consume --help's CI pattern is not the four lines expected: %q", pattern)
	}
	line := example(t, "consume", "--until")
	for _, tc := range []struct{ script, key string }{
		{"echo reply | shore produce orders -k KEY && " + line, keyOf.FindStringSubmatch(line)[1]},
		{"send-request() { echo reply | shore produce replies -k \"$1\"; }\n" + strings.Join(pattern, "\n"), keyOf.FindStringSubmatch(pattern[1])[1]},
	} {
		run := devShell(t, "--topic", "orders:3", "--topic", "replies")
		script := strings.ReplaceAll(tc.script, "KEY", tc.key)
		if code, stdout, stderr := run(script); code != 0 || stdout != "reply\n" || stderr != "" {
			t.Errorf("%s\nexit %d, stdout %q, stderr %q; want exit 0 and the reply", script, code, stdout, stderr)
		}
	}
}
