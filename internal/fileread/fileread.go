// Package fileread reads a small file whole, within a size cap and a time
// bound, so that a path to /dev/zero, a FIFO that never ends or a directory
// is one clear error rather than exhausted memory or a hang.
package fileread

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// MaxSize is the cap for files shore reads whole (configuration, secrets,
// certificates): 4 MiB holds the largest CA bundle many times over.
const MaxSize = 4 << 20

// Read returns the content of path. It fails when the file is a directory,
// is larger than limit bytes, or (a pipe or FIFO) gives no end within
// timeout; timeout 0 means no bound. Errors name the path once.
func Read(path string, limit int64, timeout time.Duration) ([]byte, error) {
	// O_NONBLOCK: opening a FIFO that no one writes to must not block;
	// reads still wait, through the runtime's poller, which honours the
	// deadline below.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: %w", path, pe.Err)
		}
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a file", path)
	}
	if st.Mode().IsRegular() && st.Size() > limit {
		return nil, tooLarge(path, limit)
	}
	if timeout > 0 {
		// Regular files and devices do not support deadlines; for them
		// the size cap is the bound.
		_ = f.SetReadDeadline(time.Now().Add(timeout))
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return nil, fmt.Errorf("%s: no end of file within %s", path, timeout)
	case err != nil:
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: %w", path, pe.Err)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	case int64(len(b)) > limit:
		return nil, tooLarge(path, limit)
	}
	return b, nil
}

func tooLarge(path string, limit int64) error {
	return fmt.Errorf("%s: larger than %d KiB; is it the right file?", path, limit>>10)
}
