package cmd_test

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// TestProduceMetadataOutputFails writes -m lines where they cannot go: the
// run stops reading and says what was delivered, so that a script does not
// send it all again.
func TestProduceMetadataOutputFails(t *testing.T) {
	t.Run("full disk", func(t *testing.T) {
		topic := testbroker.Topic(t, 1, nil)
		code, stderr := runToFullDisk(t, "a\nb\nc\n", "produce", topic, "-m")
		want := "shore: writing -m lines: write /dev/stdout: no space left on device; stopped reading: 3 records read, 3 delivered, 0 of them printed\n"
		if code != 1 || stderr != want {
			t.Fatalf("exit %d stderr %q; want 1 and %q", code, stderr, want)
		}
		if n := recordsIn(t, topic); n != 3 {
			t.Fatalf("the topic holds %d records; want the 3 delivered", n)
		}
	})
	t.Run("closed pipe", func(t *testing.T) {
		topic := testbroker.Topic(t, 1, nil)
		c := exec.Command(shoretest.Binary(t), "produce", topic, "-m")
		c.Env = shoretest.Environ(t, nil)
		c.Stdin = strings.NewReader(strings.Repeat("record\n", 50000))
		var stderr bytes.Buffer
		c.Stderr = &stderr
		out, err := c.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadFull(out, make([]byte, 10)); err != nil { // | head -c 10
			t.Fatal(err)
		}
		out.Close()
		_ = c.Wait()
		m := regexp.MustCompile(`^shore: writing -m lines: write /dev/stdout: broken pipe; stopped reading: (\d+) records? read, (\d+) delivered, (\d+) of them printed\n$`).FindStringSubmatch(stderr.String())
		if code := c.ProcessState.ExitCode(); code != 1 || m == nil {
			t.Fatalf("exit %d stderr %q; want 1 and the counts", code, stderr.String())
		}
		read, _ := strconv.ParseInt(m[1], 10, 64)
		delivered, _ := strconv.ParseInt(m[2], 10, 64)
		printed, _ := strconv.ParseInt(m[3], 10, 64)
		if delivered != read || printed >= delivered || read >= 50000 {
			t.Fatalf("%d read, %d delivered, %d printed: want every record read delivered, fewer printed, and reading stopped", read, delivered, printed)
		}
		if n := recordsIn(t, topic); n != delivered {
			t.Fatalf("the topic holds %d records; stderr says %d were delivered", n, delivered)
		}
	})
}

// runToFullDisk runs the built shore with args, stdin as its input and
// /dev/full as its stdout, and returns its exit status and stderr.
func runToFullDisk(t *testing.T, stdin string, args ...string) (int, string) {
	t.Helper()
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer full.Close()
	c := exec.Command(shoretest.Binary(t), args...)
	c.Env = shoretest.Environ(t, nil)
	c.Stdin = strings.NewReader(stdin)
	c.Stdout = full
	var stderr bytes.Buffer
	c.Stderr = &stderr
	_ = c.Run()
	return c.ProcessState.ExitCode(), stderr.String()
}
