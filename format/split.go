package format

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// ErrEmptyDelimiter is ParseDelimiter's error for a delimiter of no bytes.
var ErrEmptyDelimiter = errors.New("empty delimiter")

// ParseDelimiter turns a delimiter as typed on a command line into its bytes.
// It understands the escapes of [Unescape] and \0; any other byte stands
// for itself. An empty delimiter is an error; a bad escape's error names
// the byte where its \ is, as a layout's does, and leaves the delimiter
// to the caller, which names it as typed.
func ParseDelimiter(s string) ([]byte, error) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		if i+1 == len(s) {
			return nil, fmt.Errorf("at byte %d: a lone \\ at the end (write \\\\ for a backslash)", i)
		}
		b, last, err := Unescape(s, i+1, true)
		if err != nil {
			return nil, fmt.Errorf("at byte %d: %v", i, err)
		}
		out = append(out, b)
		i = last
	}
	if len(out) == 0 {
		return nil, ErrEmptyDelimiter
	}
	return out, nil
}

// Unescape decodes the escape whose letter is s[i], after a backslash: \n
// \t \r \\ and \xNN (two hex digits), and \0 when nul is set. It returns the
// byte and the index of the escape's last byte. It is the one escape
// decoder of -D delimiters and -f layouts; a layout, which the record
// formatter and reader read without \0, is told to write \x00 for it.
func Unescape(s string, i int, nul bool) (b byte, last int, err error) {
	switch s[i] {
	case 'n':
		return '\n', i, nil
	case 't':
		return '\t', i, nil
	case 'r':
		return '\r', i, nil
	case '\\':
		return '\\', i, nil
	case '0':
		if nul {
			return 0, i, nil
		}
	case 'x':
		if i+3 > len(s) {
			return 0, i, errors.New("\\x needs two hex digits")
		}
		n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return 0, i, fmt.Errorf("\\x%s is not two hex digits", s[i+1:i+3])
		}
		return byte(n), i + 2, nil
	}
	switch {
	case nul:
		return 0, i, fmt.Errorf("unknown escape \\%c (want \\n \\t \\r \\0 \\xNN or \\\\)", s[i])
	case s[i] == '0':
		return 0, i, errors.New(`unknown escape \0 (want \n \t \r \xNN or \\): a NUL byte is \x00 in a layout`)
	}
	return 0, i, fmt.Errorf("unknown escape \\%c (want \\n \\t \\r \\xNN or \\\\)", s[i])
}

// TooLargeError is a piece of input longer than the splitter's maximum. The
// piece was skipped; reading may go on with the next one. Size is the
// record's: the piece's, less the separator a Cut names when the piece
// holds it.
type TooLargeError struct {
	Size, Max int64
	// AtLeast says that the input went on past Size without an end in
	// sight (/dev/zero), and reading stopped there.
	AtLeast bool
}

func (e *TooLargeError) Error() string {
	if e.AtLeast {
		return fmt.Sprintf("record of more than %d bytes exceeds --max-message-bytes %d", e.Size, e.Max)
	}
	return fmt.Sprintf("record of %d bytes exceeds --max-message-bytes %d", e.Size, e.Max)
}

// Splitter cuts a stream into the pieces between delimiters, with no limit
// on a piece's size but Max. The last piece need not end with the delimiter.
// Memory stays bounded by the reader's buffer and Max.
type Splitter struct {
	r     *bufio.Reader
	delim []byte
	max   int64
	acc   []byte
	n     int64
	done  bool
	// cut finds the separator of Cut in a piece too large to keep.
	cut cutFinder
}

// splitBufferSize is the read buffer: large enough that most pieces are
// returned straight from it, with one read system call for many records.
const splitBufferSize = 1 << 20

// NewSplitter returns a splitter of r at delim; pieces longer than max bytes
// are skipped and reported as *TooLargeError.
func NewSplitter(r io.Reader, delim []byte, max int64) *Splitter {
	return &Splitter{r: bufio.NewReaderSize(r, splitBufferSize), delim: delim, max: max}
}

// Cut names the separator that cuts a piece into key and value (-K), which
// is not part of the record: a piece too large is reported with the size
// of the record it holds, less the separator when it holds one.
func (s *Splitter) Cut(sep []byte) { s.cut.sep = sep }

// Unterminated reports whether the input ended after the last piece
// returned without a delimiter to close it.
func (s *Splitter) Unterminated() bool { return s.done }

// Count is the number of pieces returned so far, including skipped ones:
// for newline-delimited input, the line number of the last piece.
func (s *Splitter) Count() int64 { return s.n }

// Buffered reports whether a whole piece is already read ahead, delimiter
// included, so that Next returns without waiting for the reader. The start
// of a piece whose end has not come yet (a writer that flushes part of a
// line) is not one: Next would wait for the rest.
func (s *Splitter) Buffered() bool {
	ahead, _ := s.r.Peek(s.r.Buffered())
	return bytes.Contains(ahead, s.delim)
}

// Unread is the number of bytes read from the reader and not yet returned
// (nor skipped): what follows the last piece, which a seekable input can be
// set back by for a following reader, as head -n leaves a file.
func (s *Splitter) Unread() int { return s.r.Buffered() }

// Next returns the next piece without its delimiter. The slice is valid
// until the next call. At the end of input it returns io.EOF; a piece larger
// than the maximum returns *TooLargeError, and the next call goes on after
// it. Other errors are the reader's.
func (s *Splitter) Next() ([]byte, error) {
	if s.done {
		return nil, io.EOF
	}
	last := s.delim[len(s.delim)-1]
	s.acc = s.acc[:0]
	s.cut.reset()
	var total int64 // bytes of the piece read so far, delimiter included
	tooLarge := false
	for {
		chunk, err := s.r.ReadSlice(last)
		total += int64(len(chunk))
		if err == nil && len(s.acc) == 0 && !tooLarge && bytes.HasSuffix(chunk, s.delim) {
			// The common case: the whole piece is in the buffer.
			s.n++
			piece := chunk[:len(chunk)-len(s.delim)]
			if int64(len(piece)) > s.max {
				s.cut.feed(piece)
				return nil, s.tooLarge(int64(len(piece)))
			}
			return piece, nil
		}
		s.cut.feed(chunk)
		s.acc = append(s.acc, chunk...)
		if !tooLarge && int64(len(s.acc)) > s.max+int64(len(s.delim)) {
			tooLarge = true
		}
		if tooLarge && len(s.acc) > len(s.delim) {
			// Keep only what a delimiter spanning two chunks needs.
			s.acc = append(s.acc[:0], s.acc[len(s.acc)-len(s.delim):]...)
		}
		switch {
		case err == nil:
			if bytes.HasSuffix(s.acc, s.delim) {
				return s.finish(total-int64(len(s.delim)), s.acc[:len(s.acc)-len(s.delim)], tooLarge)
			}
		case errors.Is(err, bufio.ErrBufferFull):
		case errors.Is(err, io.EOF):
			s.done = true
			if total == 0 {
				return nil, io.EOF
			}
			return s.finish(total, s.acc, tooLarge)
		default:
			return nil, err
		}
	}
}

func (s *Splitter) finish(size int64, piece []byte, tooLarge bool) ([]byte, error) {
	s.n++
	if tooLarge || size > s.max {
		return nil, s.tooLarge(size)
	}
	return piece, nil
}

// tooLarge is the error of a piece of size bytes, whose bytes s.cut was fed.
func (s *Splitter) tooLarge(size int64) *TooLargeError {
	return &TooLargeError{Size: s.cut.record(size), Max: s.max}
}

// cutFinder finds the first sep in a piece fed to it chunk by chunk,
// keeping only the bytes a sep spanning two chunks needs.
type cutFinder struct {
	sep  []byte
	tail []byte // the last len(sep)-1 bytes fed, or fewer
	fed  int64
	at   int64 // the offset of the first sep, or -1
}

func (f *cutFinder) reset() {
	f.tail, f.fed, f.at = f.tail[:0], 0, -1
}

func (f *cutFinder) feed(b []byte) {
	defer func() { f.fed += int64(len(b)) }()
	if len(f.sep) == 0 || f.at >= 0 {
		return
	}
	span := append(f.tail, b[:min(len(b), len(f.sep)-1)]...)
	if i := bytes.Index(span, f.sep); i >= 0 {
		f.at = f.fed - int64(len(f.tail)) + int64(i)
		return
	}
	if i := bytes.Index(b, f.sep); i >= 0 {
		f.at = f.fed + int64(i)
		return
	}
	keep := len(f.sep) - 1
	if len(b) >= keep {
		f.tail = append(f.tail[:0], b[len(b)-keep:]...)
		return
	}
	f.tail = append(f.tail, b...)
	f.tail = append(f.tail[:0], f.tail[max(0, len(f.tail)-keep):]...)
}

// record is the size of the record a piece of size bytes holds: less the
// sep, when one lies within them.
func (f *cutFinder) record(size int64) int64 {
	if f.at >= 0 && f.at+int64(len(f.sep)) <= size {
		return size - int64(len(f.sep))
	}
	return size
}

// ReadWhole reads all of r as one piece of at most max bytes. A larger
// input is read to its end, or 1 GiB past max, and reported as
// *TooLargeError, with the size of the record it holds, less the first cut
// (-K's separator, or nil) when it holds one.
func ReadWhole(r io.Reader, max int64, cut []byte) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		f := cutFinder{sep: cut, at: -1}
		f.feed(b)
		rest, err := io.Copy(cutWriter{&f}, io.LimitReader(r, wholeCountMax))
		if err != nil {
			return nil, err
		}
		return nil, &TooLargeError{Size: f.record(int64(len(b)) + rest), Max: max, AtLeast: rest == wholeCountMax}
	}
	return b, nil
}

// cutWriter feeds what is written to a cutFinder, and drops it.
type cutWriter struct{ f *cutFinder }

func (w cutWriter) Write(b []byte) (int, error) {
	w.f.feed(b)
	return len(b), nil
}

// wholeCountMax bounds how far ReadWhole reads past the maximum to tell
// the size: an input without an end (/dev/zero) must not be read forever.
const wholeCountMax = 1 << 30
