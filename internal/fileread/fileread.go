// Package fileread reads a small file whole, within a size cap and a time
// bound, so that a path to /dev/zero, a FIFO that never ends or a directory
// is one clear error rather than exhausted memory or a hang, and a signal
// ends a read that waits. Its *Error is how shore words every problem with a
// file a user named.
package fileread

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// MaxSize is the cap for files shore reads whole (configuration, secrets,
// certificates, schemas): 4 MiB holds the largest CA bundle many times over.
const MaxSize = 4 << 20

// Error is a problem with a file a user named, worded the one way shore
// words them: the setting that named it as the user gave it (a flag as
// typed, an environment variable, or a configuration file's key with its
// line), the file, and what is wrong: "--tls-ca ca.pem: no such file or
// directory". Without Where it starts at the file.
type Error struct {
	Where, Path string
	Err         error
}

func (e *Error) Error() string {
	if e.Where == "" {
		return e.Path + ": " + e.Err.Error()
	}
	return e.Where + " " + e.Path + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Problem is the *Error about file path, which where named, that err
// says; a *os.PathError, which names the file itself, gives its cause.
func Problem(where, path string, err error) error {
	return &Error{Where: where, Path: path, Err: pathCause(err)}
}

// Errorf is the *Error about file path, which where named, that format
// and args say.
func Errorf(where, path, format string, args ...any) error {
	return &Error{Where: where, Path: path, Err: fmt.Errorf(format, args...)}
}

// Read returns the content of path, which where named (see Error; "" for
// none). It fails when the file is a directory, is larger than limit bytes,
// or (a pipe or FIFO) gives no end within timeout; timeout 0 means no
// bound. A FIFO that no one has opened for writing yet is waited for, as
// cat waits for it, within the same bound. Its errors are *Error, but for
// the end of ctx, which ends a wait at once: then the error is
// context.Cause(ctx) itself (see Interrupted), for nothing is wrong with
// the file.
func Read(ctx context.Context, where, path string, limit int64, timeout time.Duration) ([]byte, error) {
	b, err := read(ctx, path, limit, timeout)
	switch {
	case errors.Is(err, errEnded):
		return nil, context.Cause(ctx)
	case err != nil:
		return nil, &Error{Where: where, Path: path, Err: err}
	}
	return b, nil
}

// Interrupted reports whether err, an error of Read or ReadNamed, is the
// end of the context the read was given rather than a problem with the
// file: callers pass it on unchanged, so that an interrupted read is told
// as the interruption it is.
func Interrupted(err error) bool {
	var fe *Error
	return err != nil && !errors.As(err, &fe)
}

// Stdin is what a user named "-" for: a file, read whole as Read reads
// one, but from in.
const Stdin = "stdin"

// ReadStdin returns what in holds, the standard input a user named for
// where, and fails as Read does when it is larger than limit bytes, naming
// it Stdin. It has no time bound: the command that writes to a pipe may
// take its time. Its errors are *Error, but for the end of ctx, which
// ends the wait at once with context.Cause(ctx), as Read's does; the read
// of in goes on, unseen, until shore exits.
func ReadStdin(ctx context.Context, where string, in io.Reader, limit int64) ([]byte, error) {
	if IsDir(in) {
		return nil, &Error{Where: where, Path: Stdin, Err: errIsDir}
	}
	// A standard input is not in the runtime's poller, so no deadline
	// ends its read; the read is left to itself instead.
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := io.ReadAll(io.LimitReader(in, limit+1))
		done <- result{b, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
	b, err := r.b, r.err
	switch {
	case err != nil:
		return nil, &Error{Where: where, Path: Stdin, Err: err}
	case int64(len(b)) > limit:
		return nil, &Error{Where: where, Path: Stdin, Err: tooLarge(limit)}
	}
	return b, nil
}

// IsDir reports whether in, a standard input, is a directory, as a
// shell's redirection from one (< /etc) makes it; its reads fail with the
// device's path, /dev/stdin, which is not what the user named.
func IsDir(in io.Reader) bool {
	f, ok := in.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.IsDir()
}

// errIsDir is a directory named where a file goes.
var errIsDir = errors.New("is a directory, not a file")

// Name is how messages name the file a user named: Stdin for "-".
func Name(name string) string {
	if name == "-" {
		return Stdin
	}
	return name
}

// ReadNamed reads the file a user named for where: "-" is in (ReadStdin),
// any other name a file (Read).
func ReadNamed(ctx context.Context, where, name string, in io.Reader, limit int64, timeout time.Duration) ([]byte, error) {
	if name == "-" {
		return ReadStdin(ctx, where, in, limit)
	}
	return Read(ctx, where, name, limit, timeout)
}

// errEnded is read's error when ctx ended the read.
var errEnded = errors.New("context ended")

// read is Read with errors that do not name the file; the end of ctx is
// errEnded.
func read(ctx context.Context, path string, limit int64, timeout time.Duration) ([]byte, error) {
	// O_NONBLOCK: opening a FIFO that no one writes to must not block;
	// reads still wait, through the runtime's poller, which honours the
	// deadline below.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, pathCause(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, pathCause(err)
	}
	if st.IsDir() {
		return nil, errIsDir
	}
	if st.Mode().IsRegular() && st.Size() > limit {
		return nil, tooLarge(limit)
	}
	if timeout > 0 {
		// Regular files and devices do not support deadlines; for them
		// the size cap is the bound.
		_ = f.SetReadDeadline(time.Now().Add(timeout))
	}
	// The end of ctx (a signal) ends a wait at once, through the same
	// deadline.
	stop := context.AfterFunc(ctx, func() { _ = f.SetReadDeadline(time.Now()) })
	defer stop()
	var b []byte
	if st.Mode()&os.ModeNamedPipe != 0 {
		err = awaitWriter(f)
	}
	if err == nil {
		b, err = io.ReadAll(io.LimitReader(f, limit+1))
	}
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil:
		return nil, errEnded
	case errors.Is(err, os.ErrDeadlineExceeded):
		return nil, fmt.Errorf("no end of file within %s", timeout)
	case err != nil:
		return nil, pathCause(err)
	case int64(len(b)) > limit:
		return nil, tooLarge(limit)
	}
	return b, nil
}

// awaitWriter waits, within f's read deadline, until the FIFO f has
// something to read or its writer has come and gone. Opened without
// blocking, a FIFO that no one has opened for writing yet reads as empty,
// which it is not: a user may start its writer after shore. poll, unlike
// read, tells the two apart (Linux reports no hang-up before a first
// writer), and the runtime's poller waits for the writer's first event.
func awaitWriter(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var pollErr error
	err = rc.Read(func(fd uintptr) bool {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, 0)
		for err == unix.EINTR {
			n, err = unix.Poll(fds, 0)
		}
		pollErr = err
		return err != nil || n > 0
	})
	if err != nil {
		return err
	}
	return pollErr
}

// pathCause is the reason in a *os.PathError, which names the file again.
func pathCause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func tooLarge(limit int64) error {
	return fmt.Errorf("larger than %s; is it the right file?", SizeText(limit))
}

// SizeText writes a limit exactly, in the largest unit that divides it:
// 64 MiB, not 65536 KiB; 1536 KiB, not 1.5 MiB.
func SizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
