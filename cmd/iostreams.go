package cmd

import (
	"bytes"
	"io"
	"os"
	"sync"

	"golang.org/x/term"
)

// IOStreams are the three standard streams of one command run. Domain code
// receives only the io.Reader or io.Writer it needs, never this type.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY, OutTTY, ErrTTY bool
	// Color is whether stderr may carry ANSI colour (a terminal, and
	// NO_COLOR unset).
	Color bool
}

// System returns the process's own streams.
func System() *IOStreams {
	isTTY := func(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
	s := &IOStreams{
		In: os.Stdin, Out: stdoutWriter{os.Stdout}, ErrOut: os.Stderr,
		InTTY: isTTY(os.Stdin), OutTTY: isTTY(os.Stdout), ErrTTY: isTTY(os.Stderr),
	}
	_, noColor := os.LookupEnv("NO_COLOR")
	s.Color = s.ErrTTY && !noColor
	return s
}

// TestStreams returns streams backed by buffers, and the buffers.
func TestStreams(stdin string) (s *IOStreams, out, errOut *Buffer) {
	out, errOut = &Buffer{}, &Buffer{}
	return &IOStreams{In: bytes.NewBufferString(stdin), Out: out, ErrOut: errOut}, out, errOut
}

// Buffer is a bytes.Buffer safe for concurrent writers, as a real stderr is:
// the Kafka client's logger and the command's diagnostics both write to it.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
