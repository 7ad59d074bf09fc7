package format

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/twmb/franz-go/pkg/kgo"
)

// LayoutReader reads records in a kgo.RecordReader layout (-f '%k %v\n').
// Unlike the bare RecordReader it accepts a last record that lacks the
// layout's closing delimiter.
type LayoutReader struct {
	rr *kgo.RecordReader
	// HasPartition is whether the layout reads a partition (%p).
	HasPartition bool
}

// NewLayoutReader compiles layout and reads r with it. A bad layout is an
// error naming the directive at fault.
func NewLayoutReader(r io.Reader, layout string) (*LayoutReader, error) {
	suffix, hasPartition, err := scanLayout(layout)
	if err != nil {
		return nil, err
	}
	if len(suffix) > 0 {
		r = &suffixReader{r: r, suffix: suffix}
	}
	rr, err := kgo.NewRecordReader(r, layout)
	if err != nil {
		return nil, err
	}
	return &LayoutReader{rr: rr, HasPartition: hasPartition}, nil
}

// Next reads the next record into rec: io.EOF at the end of input, or an
// error saying how the input does not match the layout.
func (l *LayoutReader) Next(rec *kgo.Record) error {
	err := l.rr.ReadRecordInto(rec)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, io.EOF):
		return io.EOF
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the input ends in the middle of a record")
	}
	return fmt.Errorf("does not match the layout: %v", err)
}

// scanLayout returns the literal bytes a layout ends with (what closes each
// record) and whether it reads a partition. It checks the escapes the record
// reader would otherwise reject with less context.
func scanLayout(layout string) (suffix []byte, hasPartition bool, err error) {
	depth := 0
	for i := 0; i < len(layout); i++ {
		c := layout[i]
		switch {
		case c == '\\':
			if i+1 == len(layout) {
				return nil, false, fmt.Errorf("a lone \\ at byte %d", i)
			}
			b, last, err := Unescape(layout, i+1, false)
			if err != nil {
				return nil, false, fmt.Errorf("at byte %d: %v", i, err)
			}
			i = last
			if depth == 0 {
				suffix = append(suffix, b)
			}
		case c == '%':
			if i+1 == len(layout) {
				return nil, false, fmt.Errorf("a lone %% at byte %d (write %%%% for a percent sign)", i)
			}
			i++
			switch d := layout[i]; d {
			case '%', '{', '}':
				if depth == 0 {
					suffix = append(suffix, d)
				}
			case 't', 'T', 'k', 'K', 'v', 'V', 'h', 'H', 'p', 'o', 'e', 'd', 'x', 'y':
				if depth == 0 {
					suffix = suffix[:0]
					hasPartition = hasPartition || d == 'p'
				}
			default:
				return nil, false, fmt.Errorf("unknown directive %%%c at byte %d", d, i-1)
			}
		case c == '{':
			depth++
			suffix = suffix[:0]
		case c == '}':
			if depth > 0 {
				depth--
			} else {
				suffix = append(suffix, c)
			}
		default:
			if depth == 0 {
				suffix = append(suffix, c)
			}
		}
	}
	return suffix, hasPartition, nil
}

// suffixReader ends its input with suffix when the input does not already
// end with it, so a last line without a trailing newline is still read.
type suffixReader struct {
	r       io.Reader
	suffix  []byte
	tail    []byte // the last len(suffix) bytes read
	any     bool
	pending []byte
	eof     bool
}

func (s *suffixReader) Read(p []byte) (int, error) {
	if s.eof {
		if len(s.pending) == 0 {
			return 0, io.EOF
		}
		n := copy(p, s.pending)
		s.pending = s.pending[n:]
		return n, nil
	}
	n, err := s.r.Read(p)
	if n > 0 {
		s.any = true
		s.tail = append(s.tail, p[:n]...)
		if len(s.tail) > len(s.suffix) {
			s.tail = append(s.tail[:0], s.tail[len(s.tail)-len(s.suffix):]...)
		}
	}
	if errors.Is(err, io.EOF) {
		s.eof = true
		if s.any && !bytes.Equal(s.tail, s.suffix) {
			s.pending = s.suffix
		}
		if n > 0 || len(s.pending) > 0 {
			return n, nil
		}
	}
	return n, err
}
