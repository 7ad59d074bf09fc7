package format

import "io"

// NewJSONTerminalWriter returns a writer for a terminal of JSON text, whose
// strings are where control characters can be: it writes every control
// character except newline and tab (C0, DEL, and a C1 control as UTF-8
// writes it: \xc2\x9b for U+009B, which xterm reads as ESC [) as JSON's
// \u00NN escape (\u007f, \u009b for the two bytes of U+009B), so that the
// bytes of a binary key or value cannot move the cursor, clear the screen
// or switch the terminal's character set, and the terminal shows lines that
// are still JSON, holding the same text. The lead byte of a C1 control that
// ends a write waits for the next one. A layout's text is shown for a
// terminal by NewTerminalLayout instead.
func NewJSONTerminalWriter(w io.Writer) io.Writer { return &terminalWriter{w: w} }

type terminalWriter struct {
	w   io.Writer
	buf []byte
	// leadC1 says that the last write ended in the byte that begins a
	// C1 control in UTF-8 (0xc2), held back to be escaped with its
	// second byte.
	leadC1 bool
}

func (t *terminalWriter) Write(p []byte) (int, error) {
	t.buf = t.buf[:0]
	in := p
	if t.leadC1 {
		in = append([]byte{c1Lead}, p...)
	}
	t.leadC1 = len(in) > 0 && in[len(in)-1] == c1Lead
	if t.leadC1 {
		in = in[:len(in)-1]
	}
	t.buf = appendTerminalSafe(t.buf, in, false, true)
	if _, err := t.w.Write(t.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// c1Lead is the first byte of a C1 control (U+0080 to U+009F) in UTF-8,
// whose second byte is 0x80 to 0x9f.
const c1Lead = 0xc2

// appendTerminalSafe appends p with control characters other than newline
// and tab (C0, DEL and C1) written as \xNN, byte by byte, or with json as
// \u00NN, character by character. afterLead says that the byte before p
// was c1Lead.
func appendTerminalSafe(dst, p []byte, afterLead, json bool) []byte {
	start := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		n := 0 // bytes to escape from i
		switch {
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
			n = 1
		case c == c1Lead && i+1 < len(p) && isC1Second(p[i+1]):
			n = 2
		case i == 0 && afterLead && isC1Second(c):
			n = 1
		}
		if n == 0 {
			continue
		}
		dst = append(dst, p[start:i]...)
		if json {
			r := p[i+n-1] // the character's one byte, or a C1's second: U+0080 is c2 80
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&0xf])
		} else {
			for _, b := range p[i : i+n] {
				dst = append(dst, '\\', 'x', hexDigits[b>>4], hexDigits[b&0xf])
			}
		}
		i += n - 1
		start = i + 1
	}
	return append(dst, p[start:]...)
}

// isC1Second reports whether b is the second byte of a C1 control in UTF-8.
func isC1Second(b byte) bool { return b >= 0x80 && b <= 0x9f }
