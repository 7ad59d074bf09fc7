//go:build !unix

package cmd

import (
	"context"
	"io"
)

// untilReaderGone is ctx's child: without poll(2), a closed reader is
// noticed at the next write.
func untilReaderGone(ctx context.Context, _ io.Writer) (context.Context, context.CancelFunc) {
	return context.WithCancel(ctx)
}
