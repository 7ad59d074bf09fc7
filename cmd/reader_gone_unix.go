//go:build unix

package cmd

import (
	"context"
	"errors"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// readerGonePollMillis is how often the watch in untilReaderGone wakes to see
// whether its context ended; a hang-up itself is noticed at once.
const readerGonePollMillis = 250

// untilReaderGone returns a context that is also cancelled once nobody reads
// w any more: w is a pipe or socket whose reading end was closed (`| head`).
// A writer learns that only when it next writes, which on a quiet topic may
// be never; polling the descriptor for an error or hang-up learns it without
// writing. For any other w the context is ctx's child and nothing is watched.
func untilReaderGone(ctx context.Context, w io.Writer) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	if sw, ok := w.(stdoutWriter); ok {
		w = sw.w
	}
	f, ok := w.(*os.File)
	if !ok {
		return ctx, cancel
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&(os.ModeNamedPipe|os.ModeSocket) == 0 {
		return ctx, cancel
	}
	fd := int32(f.Fd())
	go func() {
		for ctx.Err() == nil {
			// No events asked for: poll reports only POLLERR (a pipe
			// without readers) and POLLHUP (a socket closed).
			fds := []unix.PollFd{{Fd: fd}}
			n, err := unix.Poll(fds, readerGonePollMillis)
			if err != nil && !errors.Is(err, unix.EINTR) {
				return
			}
			if n > 0 && fds[0].Revents&(unix.POLLERR|unix.POLLHUP|unix.POLLNVAL) != 0 {
				cancel()
				return
			}
		}
	}()
	return ctx, cancel
}
