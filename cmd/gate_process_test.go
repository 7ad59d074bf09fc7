package cmd_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testregistry"
)

// runClosedStdout runs the built binary as `shore args... | true` does: its
// stdout is a pipe whose reader has gone before the first write. It
// returns the exit status and stderr.
func runClosedStdout(t *testing.T, env map[string]string, args ...string) (int, string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, shoretest.Binary(t), args...)
	c.Env = shoretest.Environ(t, env)
	c.Stdout = w
	var stderr strings.Builder
	c.Stderr = &stderr
	if err := c.Run(); err != nil && c.ProcessState == nil {
		t.Fatal(err)
	}
	return c.ProcessState.ExitCode(), stderr.String()
}

// TestGateClosedStdout: a gate's answer is its exit status whether or not
// anyone still reads its report (`shore groups describe g --max-lag 100 |
// head` in a pipefail script): a failed check, a lag over the limit and an
// incompatible schema are exit 3 with their lines on stderr, and a gate
// that holds is 0 and quiet, as any command whose reader went away.
func TestGateClosedStdout(t *testing.T) {
	t.Parallel()
	missing := testbroker.Name(t, "missing")
	probes := testbroker.Topic(t, 1, nil)
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 10)
	group := testbroker.Name(t, "group")
	commitAfterReading(t, group, topic, false, map[int32]int64{0: 8})
	registry := map[string]string{"SHORE_REGISTRY_URL": testregistry.URL(t)}
	users := testbroker.Name(t, "users-value")
	dir := writeFiles(t, map[string]string{"user.avsc": userAvsc, "user-bad.avsc": userBad})
	registered(t, users, dir+"/user.avsc")
	if res := withRegistry(t, "", "registry", "compat", users, "--set", "backward"); res.Code != 0 {
		t.Fatalf("compat --set: exit %d: %s", res.Code, res.Stderr)
	}
	for _, tc := range []struct {
		args   []string
		env    map[string]string
		code   int
		stderr string
	}{
		{[]string{"check", missing, "-o", "json"}, nil, 3, fmt.Sprintf("shore: check failed at metadata: topic %q does not exist\n", missing)},
		{[]string{"groups", "describe", group, "--max-lag", "1"}, nil, 3, fmt.Sprintf("shore: group %q: %s:0 lag 2 > 1\n", group, topic)},
		{[]string{"groups", "describe", group, "--max-total-lag", "0", "-o", "csv"}, nil, 3, fmt.Sprintf("shore: group %q: total lag 2 > 0\n", group)},
		{[]string{"groups", "describe", group, "--max-lag", "2"}, nil, 0, ""},
		{[]string{"check", probes}, nil, 0, ""},
		{[]string{"registry", "check", users, dir + "/user.avsc"}, registry, 0, ""},
	} {
		if code, stderr := runClosedStdout(t, tc.env, tc.args...); code != tc.code || stderr != tc.stderr {
			t.Errorf("%v | true: exit %d stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.stderr)
		}
	}
	code, stderr := runClosedStdout(t, registry, "registry", "check", users, dir+"/user-bad.avsc")
	if prefix := fmt.Sprintf("shore: %s/user-bad.avsc is not compatible with subject %q (BACKWARD, against all): ", dir, users); code != 3 || !strings.HasPrefix(stderr, prefix) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("registry check of an incompatible schema | true: exit %d stderr %q; want 3 and one line starting %q", code, stderr, prefix)
	}
}

// TestGroupsDescribeWatchClosedStdout is `shore groups describe g --watch 1m
// | head -n 1`: once the reader has gone, the watch ends at once, exit 0,
// where it waited for the next frame's write, a whole interval later.
func TestGroupsDescribeWatchClosedStdout(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 3)
	group := testbroker.Name(t, "group")
	commitAfterReading(t, group, topic, false, map[int32]int64{0: 3})
	c, out, closer, stderr := startPiped(t, nil, "groups", "describe", group, "--watch", "1m")
	first, err := out.ReadString('\n')
	if err != nil || first != "GROUP        "+group+"\n" {
		t.Fatalf("first line %q, %v; want the group's", first, err)
	}
	closer.Close()
	if code := waitExit(t, c, 10*time.Second); code != 0 || stderr.String() != "" {
		t.Errorf("exit %d stderr %q; want 0 and nothing", code, stderr.String())
	}
}
