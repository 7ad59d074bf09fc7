package format

import "io"

// NewTerminalWriter returns a writer for a terminal that shows every control
// character except newline and tab as \xNN, so that the bytes of a binary
// key or value cannot move the cursor, clear the screen or switch the
// terminal's character set. Everything else passes through unchanged.
func NewTerminalWriter(w io.Writer) io.Writer { return &terminalWriter{w: w} }

type terminalWriter struct {
	w   io.Writer
	buf []byte
}

func (t *terminalWriter) Write(p []byte) (int, error) {
	t.buf = appendTerminalSafe(t.buf[:0], p)
	if _, err := t.w.Write(t.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// appendTerminalSafe appends p with control characters other than newline
// and tab (C0 and DEL) written as \xNN.
func appendTerminalSafe(dst, p []byte) []byte {
	start := 0
	for i, c := range p {
		if (c >= 0x20 && c != 0x7f) || c == '\n' || c == '\t' {
			continue
		}
		dst = append(dst, p[start:i]...)
		dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
		start = i + 1
	}
	return append(dst, p[start:]...)
}
