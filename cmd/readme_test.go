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
	addr, registry, _ := startDevRegistry(t, append(strings.Fields(strings.TrimPrefix(dev, "shore dev ")), "--listen", "127.0.0.1:0")...)
	dir := t.TempDir()
	env := shoretest.Environ(t, map[string]string{"SHORE_BROKERS": addr, "SHORE_REGISTRY_URL": registry})
	for i, e := range env {
		if strings.HasPrefix(e, "PATH=") {
			env[i] = "PATH=" + filepath.Dir(shoretest.Binary(t)) + ":" + strings.TrimPrefix(e, "PATH=")
		}
	}
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
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		c := exec.CommandContext(ctx, "bash", "-c", line)
		c.Dir, c.Env = dir, env
		var stdout, stderr strings.Builder
		c.Stdout, c.Stderr = &stdout, &stderr
		err := c.Run()
		cancel()
		code := c.ProcessState.ExitCode()
		if err != nil && code <= 0 {
			t.Fatalf("%s: %v", line, err)
		}
		if code != wantCode || !strings.Contains(stdout.String(), wantStdout) || !strings.Contains(stderr.String(), wantStderr) || (wantCode == 0 && stderr.Len() > 0) {
			t.Errorf("%s\nexit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d, stdout with %q, stderr with %q", line, code, stdout.String(), stderr.String(), wantCode, wantStdout, wantStderr)
		}
	}
}
