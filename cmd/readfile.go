package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// readWhole reads a file that shore takes whole (a plan file), or stdin for
// "-": at most max bytes, and only while ctx lasts, so that /dev/zero, a
// directory or a FIFO nobody writes is one clear error, never an
// out-of-memory crash or a hang. Errors name the file.
func readWhole(ctx context.Context, stdin io.Reader, name string, max int64) ([]byte, error) {
	shown := name
	if name == "-" {
		shown = "stdin"
	} else {
		info, err := os.Stat(name)
		switch {
		case err != nil:
			return nil, fmt.Errorf("%s: %w", name, pathCause(err))
		case info.IsDir():
			return nil, fmt.Errorf("%s: is a directory", name)
		}
	}
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		// Opening a FIFO blocks until a writer comes, so the open is
		// inside the bound too. When ctx ends first this goroutine is
		// left behind; the command ends soon after.
		r := stdin
		if name != "-" {
			file, err := os.Open(name)
			if err != nil {
				done <- result{err: pathCause(err)}
				return
			}
			defer file.Close()
			r = file
		}
		var buf bytes.Buffer
		_, err := io.Copy(&buf, io.LimitReader(r, max+1))
		done <- result{buf.Bytes(), err}
	}()
	select {
	case res := <-done:
		switch {
		case res.err != nil:
			return nil, fmt.Errorf("%s: %w", shown, res.err)
		case int64(len(res.data)) > max:
			return nil, fmt.Errorf("%s: larger than %d bytes, the most shore reads of such a file", shown, max)
		}
		return res.data, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: not read to its end within --timeout (a FIFO or device nobody writes to?)", shown)
	}
}

// pathCause is the reason in a *fs.PathError, which already names the file.
func pathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
