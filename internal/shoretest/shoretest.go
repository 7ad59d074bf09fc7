// Package shoretest runs shore command lines for tests: in-process through
// the real cobra tree (Run), or as the built binary (Binary) for what only a
// process shows (signals, pipes, exit codes).
package shoretest

import (
	"context"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/internal/testbroker"
)

// Result is what a user sees of one run.
type Result struct {
	Stdout, Stderr string
	Code           int
}

// Opts adjust a run: Stdin and extra environment. HOME is a fresh temporary
// directory unless Env sets it, so no user's configuration leaks in, and
// SHORE_BROKERS points at the test cluster unless Env sets it ("" unsets).
type Opts struct {
	Stdin   string
	Env     map[string]string
	Timeout time.Duration
}

// Run runs `shore args...` in-process against the test cluster.
func Run(t testing.TB, args ...string) Result {
	t.Helper()
	return RunWith(t, Opts{}, args...)
}

// RunWith runs `shore args...` in-process with the given stdin and environment.
func RunWith(t testing.TB, o Opts, args ...string) Result {
	t.Helper()
	env := Env(t, o.Env)
	timeout := o.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	streams, out, errOut := cmd.TestStreams(o.Stdin)
	code := cmd.Run(ctx, args, streams, env)
	return Result{Stdout: out.String(), Stderr: errOut.String(), Code: code}
}

// Env is the environment of a test run: HOME in a temporary directory,
// SHORE_BROKERS at the test cluster, then the overrides; an override ""
// unsets the variable (shore takes a variable set empty as given).
func Env(t testing.TB, overrides map[string]string) map[string]string {
	t.Helper()
	env := map[string]string{
		"HOME":          t.TempDir(),
		"SHORE_BROKERS": strings.Join(testbroker.Brokers(t), ","),
	}
	for k, v := range overrides {
		if v == "" {
			delete(env, k)
			continue
		}
		env[k] = v
	}
	return env
}

// Environ renders Env for exec.Cmd, on top of PATH.
func Environ(t testing.TB, overrides map[string]string) []string {
	t.Helper()
	out := []string{"PATH=" + os.Getenv("PATH")}
	for k, v := range Env(t, overrides) {
		out = append(out, k+"="+v)
	}
	return out
}

var built struct {
	once sync.Once
	dir  string
	path string
	err  error
	out  []byte
}

// Main runs the tests of a package that uses Binary and then removes the
// binary it built, and the files of testbroker.Secured; call it from the
// package's TestMain.
//
// A test binary started with SIGINT ignored (go test run as a script's
// background job) would pass the ignoring on to every shore it starts, and
// shore keeps an ignored SIGINT ignored: the tests that interrupt shore
// would wait for an exit that never comes. Main catches SIGINT and drops
// it then, so the tests stay deaf to it as they were started, and the
// processes they start have it at its default, as from a terminal.
func Main(m *testing.M) int {
	if signal.Ignored(os.Interrupt) {
		signal.Notify(make(chan os.Signal, 1), os.Interrupt)
	}
	code := m.Run()
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
	testbroker.RemoveFiles()
	return code
}

// Binary builds shore once per test binary and returns its path. The
// package's TestMain must call Main, which removes it afterwards.
func Binary(t testing.TB) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "shore-bin-")
		if err != nil {
			built.err = err
			return
		}
		built.dir = dir
		built.path = filepath.Join(dir, "shore")
		c := exec.Command("go", "build", "-o", built.path, "github.com/kafkashore/shore")
		built.out, built.err = c.CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build: %v\n%s", built.err, built.out)
	}
	return built.path
}

// Eventually polls cond until it returns nil, and fails the test with
// cond's last error when timeout passes first. It is how tests wait for
// something to happen, never a fixed sleep.
func Eventually(t testing.TB, timeout time.Duration, cond func() error) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		err := cond()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("not within %s: %v", timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
