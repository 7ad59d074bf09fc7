package cmd_test

import (
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// TestSecondSignal runs the built binary from sh, with the signals the
// shell's trap ignores ignored when shore starts (as a script's background
// job has SIGINT ignored), producing a record its broker holds unanswered:
// the first signal stops reading and waits for the record, a second one
// ends shore at once, killed by that signal. A SIGINT ignored at the start
// stays ignored; SIGTERM stops shore whatever it started with, and is
// named as such, not as an interrupt.
func TestSecondSignal(t *testing.T) {
	if testbroker.Real() {
		t.Skip("holds a produce request in a cluster of its own")
	}
	stopping := map[syscall.Signal]string{
		syscall.SIGINT:  "shore: stopping: waiting up to 30s for 1 record in flight; interrupt again to quit at once\n",
		syscall.SIGTERM: "shore: stopping: waiting up to 30s for 1 record in flight; send SIGTERM again to quit at once\n",
	}
	for _, tc := range []struct {
		name    string
		ignored string           // the trap's signals
		before  []syscall.Signal // sent first, ignored
		first   syscall.Signal   // stops reading
		second  syscall.Signal   // sent once shore waits for the record
		killed  bool             // by second; else the record is let through
	}{
		{"SIGINT twice", "", nil, syscall.SIGINT, syscall.SIGINT, true},
		{"SIGTERM twice", "INT TERM", nil, syscall.SIGTERM, syscall.SIGTERM, true},
		{"SIGINT ignored", "INT", []syscall.Signal{syscall.SIGINT}, syscall.SIGTERM, syscall.SIGTERM, true},
		{"SIGINT ignored, second", "INT", []syscall.Signal{syscall.SIGINT}, syscall.SIGTERM, syscall.SIGINT, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "held"))
			held, release := make(chan struct{}), make(chan struct{})
			var once sync.Once
			c.ControlKey(int16(kmsg.Produce), func(kmsg.Request) (kmsg.Response, error, bool) {
				c.KeepControl()
				once.Do(func() {
					close(held)
					c.SleepControl(func() { <-release })
				})
				return nil, nil, false
			})
			letThrough := sync.OnceFunc(func() { close(release) })
			defer letThrough()

			script := "trap '' " + tc.ignored + `; exec "$0" "$@"`
			if tc.ignored == "" {
				script = `exec "$0" "$@"`
			}
			p := exec.Command("sh", "-c", script, shoretest.Binary(t), "produce", "held", "--linger", "0", "--timeout", "30s")
			p.Env = shoretest.Environ(t, map[string]string{"SHORE_BROKERS": c.ListenAddrs()[0]})
			stdin, err := p.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			stderr := &cmd.Buffer{}
			p.Stderr = stderr
			if err := p.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = p.Process.Kill() })
			if _, err := io.WriteString(stdin, "a\n"); err != nil {
				t.Fatal(err)
			}
			select {
			case <-held:
			case <-time.After(20 * time.Second):
				t.Fatalf("no produce request within 20s; stderr %q", stderr.String())
			}
			for _, sig := range append(tc.before, tc.first) {
				if err := p.Process.Signal(sig); err != nil {
					t.Fatal(err)
				}
			}
			shoretest.Eventually(t, 20*time.Second, func() error {
				if got := stderr.String(); !strings.Contains(got, stopping[tc.first]) {
					return fmt.Errorf("stderr %q, not yet %q", got, stopping[tc.first])
				}
				return nil
			})
			if err := p.Process.Signal(tc.second); err != nil {
				t.Fatal(err)
			}
			if !tc.killed {
				letThrough()
			}
			waited := make(chan struct{})
			go func() { _ = p.Wait(); close(waited) }()
			select {
			case <-waited:
			case <-time.After(20 * time.Second):
				t.Fatalf("still running 20s after the signals; stderr %q", stderr.String())
			}
			signals := append(tc.before, tc.first, tc.second)
			status := p.ProcessState.Sys().(syscall.WaitStatus)
			if tc.killed {
				if !status.Signaled() || status.Signal() != tc.second || stderr.String() != stopping[tc.first] {
					t.Fatalf("%v: %v, stderr %q; want killed by %v after %q", signals, p.ProcessState, stderr.String(), tc.second, stopping[tc.first])
				}
				return
			}
			want := stopping[tc.first] + "shore: stopped by SIGTERM: 1 record read, 1 delivered\nshore: terminated\n"
			if code := p.ProcessState.ExitCode(); code != 130 || stderr.String() != want {
				t.Fatalf("%v: %v, stderr %q; want exit 130 and %q", signals, p.ProcessState, stderr.String(), want)
			}
		})
	}
}
