package fileread

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	if err := os.WriteFile(small, []byte("hello\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, 2048), 0o600); err != nil {
		t.Fatal(err)
	}
	silent, unopened := silentFIFOs(t, dir)
	for _, tc := range []struct {
		name, path, want, err string
	}{
		{"small file", small, "hello\n", ""},
		{"over the cap", big, "", big + ": larger than 1 KiB; is it the right file?"},
		{"endless device", "/dev/zero", "", "/dev/zero: larger than 1 KiB; is it the right file?"},
		{"directory", dir, "", dir + ": is a directory, not a file"},
		{"missing", filepath.Join(dir, "nope"), "", filepath.Join(dir, "nope") + ": no such file or directory"},
		{"silent FIFO", silent, "", silent + ": no end of file within 200ms"},
		{"FIFO without a writer", unopened, "", unopened + ": no end of file within 200ms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(context.Background(), "", tc.path, 1024, 200*time.Millisecond)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("got %q, %v", got, err)
			}
		})
	}
}

// The end of the context ends a read that waits at once, whether a writer
// holds the FIFO or none came yet, and is told by its cause, not as a
// problem with the file.
func TestReadEndsWithContext(t *testing.T) {
	silent, unopened := silentFIFOs(t, t.TempDir())
	stopped := errors.New("stopped")
	for _, path := range []string{silent, unopened} {
		ctx, cancel := context.WithCancelCause(context.Background())
		time.AfterFunc(100*time.Millisecond, func() { cancel(stopped) })
		start := time.Now()
		_, err := Read(ctx, "--tls-ca", path, 1024, time.Minute)
		if err != stopped || !Interrupted(err) {
			t.Errorf("%s: error %v, want the cause", path, err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: took %s", path, took)
		}
	}
}

// silentFIFOs makes two FIFOs in dir that give nothing: silent, which a
// writer holds open until the test ends and never writes to, and
// unopened, whose writer has not come yet (it is not empty: it is waited
// for).
func silentFIFOs(t *testing.T, dir string) (silent, unopened string) {
	t.Helper()
	silent, unopened = filepath.Join(dir, "silent"), filepath.Join(dir, "unopened")
	for _, p := range []string{silent, unopened} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w, err := os.OpenFile(silent, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return silent, unopened
}

// A file a setting named is told after the setting, as the user gave it.
func TestErrorNamesWhere(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "ca.pem")
	if _, err := Read(context.Background(), "--tls-ca", missing, 1024, 0); err == nil || err.Error() != "--tls-ca "+missing+": no such file or directory" {
		t.Errorf("Read: %v", err)
	}
	if err := Errorf("config file c.yaml:3: tls.ca-file", "ca.pem", "no PEM certificate in it"); err.Error() != "config file c.yaml:3: tls.ca-file ca.pem: no PEM certificate in it" {
		t.Errorf("Errorf: %v", err)
	}
}

// Standard input is read within the cap as a file is, and named stdin.
func TestReadStdin(t *testing.T) {
	if got, err := ReadStdin(context.Background(), "--from-file", strings.NewReader("hello\n"), 6); err != nil || string(got) != "hello\n" {
		t.Errorf("at the cap: %q, %v", got, err)
	}
	if _, err := ReadStdin(context.Background(), "--from-file", strings.NewReader(strings.Repeat("x", 1025)), 1024); err == nil || err.Error() != "--from-file stdin: larger than 1 KiB; is it the right file?" {
		t.Errorf("over the cap: %v", err)
	}
}

// The end of the context ends the wait for a standard input that gives
// nothing, with its cause.
func TestReadStdinEndsWithContext(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	stopped := errors.New("stopped")
	ctx, cancel := context.WithCancelCause(context.Background())
	time.AfterFunc(100*time.Millisecond, func() { cancel(stopped) })
	if _, err := ReadStdin(ctx, "--from-file", r, 1024); err != stopped || !Interrupted(err) {
		t.Errorf("error %v, want the cause", err)
	}
}

// TestTooLarge writes the cap in whole MiB when it is some, else in KiB or
// bytes, exactly.
func TestTooLarge(t *testing.T) {
	for _, tc := range []struct {
		limit int64
		want  string
	}{
		{64 << 20, "larger than 64 MiB; is it the right file?"},
		{MaxSize, "larger than 4 MiB; is it the right file?"},
		{1 << 20, "larger than 1 MiB; is it the right file?"},
		{1536 << 10, "larger than 1536 KiB; is it the right file?"},
		{1024, "larger than 1 KiB; is it the right file?"},
		{1000, "larger than 1000 bytes; is it the right file?"},
	} {
		if got := tooLarge(tc.limit).Error(); got != tc.want {
			t.Errorf("tooLarge(%d) = %q, want %q", tc.limit, got, tc.want)
		}
	}
}
