package cmd_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kafkashore/shore/internal/testbroker"
)

// A signal ends shore at once while it reads a file a flag names that is
// a FIFO whose writer says nothing, however long the FIFO's bound: exit
// 130 and the one line that names the signal, not a problem with the file
// ("is empty", "no PEM certificate in it"); shore dev, which a signal
// stops with exit 0, stops so before it serves too.
func TestInterruptWhileReadingFIFO(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file string
		args       []string
		sig        syscall.Signal
		code       int
		stderr     string
	}{
		{"config file", "shore.yaml", []string{"--config", "FIFO", "topics", "list"}, syscall.SIGINT, 130, "shore: interrupted\n"},
		{"TLS CA", "ca.pem", []string{"topics", "list", "-b", "127.0.0.1:1", "--tls-ca", "FIFO"}, syscall.SIGINT, 130, "shore: interrupted\n"},
		{"TLS certificate", "client.pem", []string{"topics", "list", "-b", "127.0.0.1:1", "--tls-cert", "FIFO"}, syscall.SIGTERM, 130, "shore: terminated\n"},
		{"password file", "password", []string{"topics", "list", "-b", "127.0.0.1:1", "--sasl-mechanism", "PLAIN", "--sasl-username", "alice", "--sasl-password-file", "FIFO"}, syscall.SIGINT, 130, "shore: interrupted\n"},
		{"schema file", "value.avsc", []string{"produce", "orders", "-b", "127.0.0.1:1", "--value-schema-file", "FIFO"}, syscall.SIGINT, 130, "shore: interrupted\n"},
		{"proto import", "common.proto", []string{"produce", "orders", "-b", "127.0.0.1:1", "--value-schema-file", "DIR/order.proto"}, syscall.SIGINT, 130, "shore: interrupted\n"},
		{"registry schema file", "value.avsc", []string{"registry", "register", "orders-value", "FIFO", "--registry", "http://127.0.0.1:1"}, syscall.SIGINT, 130, "shore: interrupted\n"},
		{"plan file", "plan.csv", []string{"groups", "seek", "billing", "-b", "127.0.0.1:1", "--from-file", "FIFO"}, syscall.SIGTERM, 130, "shore: terminated\n"},
		{"dev certificate", "server.pem", []string{"dev", "--listen", "127.0.0.1:0", "--no-registry", "--server-cert", "FIFO", "--server-key", "FIFO"}, syscall.SIGTERM, 0, ""},
		// Input is streamed, not read whole: produce tells what it sent.
		{"produce input", "records.txt", []string{"produce", "TOPIC", "FIFO"}, syscall.SIGINT, 130, "shore: stopped by interrupt: 0 records read, 0 delivered\nshore: interrupted\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			fifo := filepath.Join(dir, tc.file)
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Fatal(err)
			}
			// DIR/order.proto imports the FIFO of the proto import.
			if err := os.WriteFile(filepath.Join(dir, "order.proto"), []byte("syntax = \"proto3\";\nimport \"common.proto\";\nmessage Order { Common common = 1; }\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = strings.NewReplacer("FIFO", fifo, "DIR", dir).Replace(a)
				if a == "TOPIC" {
					args[i] = testbroker.Topic(t, 1, nil)
				}
			}
			res, took := signalWhenStuck(t, nil, readerWaits(t, fifo), tc.sig, args...)
			// The FIFO's bound is 10s: well before it.
			if took > 5*time.Second {
				t.Errorf("took %s after the signal to stop reading", took)
			}
			wantRun(t, res, tc.code, "", tc.stderr)
		})
	}
}

// readerWaits is a stuck condition for signalWhenStuck: shore holds the
// FIFO open to read it. Opening it for writing succeeds only then; the
// writer it opens stays open and silent until the test ends.
func readerWaits(t *testing.T, fifo string) func() error {
	return func() error {
		w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if errors.Is(err, syscall.ENXIO) {
			return errors.New("shore has not opened the FIFO yet")
		}
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { w.Close() })
		return nil
	}
}

// A signal ends shore at once while it reads a file named - from a
// standard input that gives nothing and stays open: exit 130 and the one
// line, not "no offsets on stdin" or "is empty" once the input ends. The
// run is in-process (its context is what a signal cancels), as nothing
// outside shows when the binary has begun to read.
func TestInterruptWhileReadingStdin(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"groups", "seek", "billing", "-b", "127.0.0.1:1", "--from-file", "-"},
		{"registry", "register", "orders-value", "-", "--type", "avro", "--registry", "http://127.0.0.1:1"},
	} {
		t.Run(args[0], func(t *testing.T) {
			t.Parallel()
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { r.Close(); w.Close() })
			ctx, cancel := context.WithCancel(context.Background())
			run := startShoreIn(ctx, nil, r, args...)
			time.Sleep(200 * time.Millisecond)
			cancel()
			code := run.exit(t, 5*time.Second)
			if code != 130 || run.errOut.String() != "shore: interrupted\n" {
				t.Fatalf("exit %d, stderr %q; want 130 and shore: interrupted", code, run.errOut.String())
			}
		})
	}
}
