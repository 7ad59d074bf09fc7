package format

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

func TestParseDelimiter(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		err  string
	}{
		{in: `\n`, want: "\n"},
		{in: `\r\n`, want: "\r\n"},
		{in: `\t`, want: "\t"},
		{in: `\0`, want: "\x00"},
		{in: `\x1e`, want: "\x1e"},
		{in: `\xFF\x00`, want: "\xff\x00"},
		{in: `\\`, want: `\`},
		{in: `;;`, want: ";;"},
		{in: "\n", want: "\n"},
		{in: ``, err: `empty delimiter`},
		{in: `\`, err: `at byte 0: a lone \ at the end (write \\ for a backslash)`},
		{in: `\q`, err: `at byte 0: unknown escape \q (want \n \t \r \0 \xNN or \\)`},
		{in: `;\x1`, err: `at byte 1: \x needs two hex digits`},
		{in: `\xzz`, err: `at byte 0: \xzz is not two hex digits`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDelimiter(tc.in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("ParseDelimiter(%q) = %q, %v; want error %q", tc.in, got, err, tc.err)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Errorf("ParseDelimiter(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

// splitAll returns every piece, with "<too large N>" for a skipped one.
func splitAll(t *testing.T, r io.Reader, delim string, max int64) []string {
	t.Helper()
	s := NewSplitter(r, []byte(delim), max)
	var out []string
	for {
		p, err := s.Next()
		var tl *TooLargeError
		switch {
		case errors.Is(err, io.EOF):
			return out
		case errors.As(err, &tl):
			out = append(out, "<too large "+strconv.FormatInt(tl.Size, 10)+">")
		case err != nil:
			t.Fatal(err)
		default:
			out = append(out, string(p))
		}
	}
}

func TestSplitter(t *testing.T) {
	big := strings.Repeat("b", 3<<20)
	for _, tc := range []struct {
		name, in, delim string
		max             int64
		want            []string
	}{
		{"empty input", "", "\n", 10, nil},
		{"lines", "a\nbb\n", "\n", 10, []string{"a", "bb"}},
		{"last line without newline", "a\nbb", "\n", 10, []string{"a", "bb"}},
		{"empty lines are pieces", "\n\na\n", "\n", 10, []string{"", "", "a"}},
		{"multi-byte delimiter", "a;;b;c;;", ";;", 10, []string{"a", "b;c"}},
		{"crlf", "a\r\nb\rc\r\n", "\r\n", 10, []string{"a", "b\rc"}},
		{"delimiter prefix at the end", "a;;b;", ";;", 10, []string{"a", "b;"}},
		{"too large skipped", "aaaa\nb\ncccccc", "\n", 3, []string{"<too large 4>", "b", "<too large 6>"}},
		{"exactly max", "abc\n", "\n", 3, []string{"abc"}},
		{"larger than the read buffer", "x\n" + big + "\ny", "\n", 4 << 20, []string{"x", big, "y"}},
		{"too large across buffers", big + "\ny\n", "\n", 1 << 20, []string{"<too large 3145728>", "y"}},
		{"multi-byte delimiter across buffers", big + "<>y<>", "<>", 4 << 20, []string{big, "y"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, r := range []io.Reader{strings.NewReader(tc.in), iotest.OneByteReader(strings.NewReader(tc.in))} {
				if len(tc.in) > 1<<20 {
					if _, ok := r.(*strings.Reader); !ok {
						continue
					}
				}
				got := splitAll(t, r, tc.delim, tc.max)
				if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
					t.Errorf("got %d pieces %.80q, want %d %.80q", len(got), got, len(tc.want), tc.want)
				}
			}
		})
	}
}

func TestSplitterCount(t *testing.T) {
	s := NewSplitter(strings.NewReader("a\ntoolong\nb"), []byte("\n"), 3)
	var counts []int64
	for {
		_, err := s.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		counts = append(counts, s.Count())
	}
	if len(counts) != 3 || counts[0] != 1 || counts[1] != 2 || counts[2] != 3 {
		t.Fatalf("counts %v, want [1 2 3]", counts)
	}
}

// TestSplitterBuffered reads what a writer flushed part way through a
// piece: the piece before it is whole in the buffer, the partial one is not.
func TestSplitterBuffered(t *testing.T) {
	s := NewSplitter(strings.NewReader("a;;b;;par"), []byte(";;"), 10)
	var got []string
	for {
		piece, err := s.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		got = append(got, fmt.Sprintf("%s %v", piece, s.Buffered()))
	}
	if want := "a true,b false,par false"; strings.Join(got, ",") != want {
		t.Fatalf("pieces and Buffered: %s, want %s", strings.Join(got, ","), want)
	}
}

func TestReadWhole(t *testing.T) {
	b, err := ReadWhole(strings.NewReader("a\nb\n"), 4, nil)
	if err != nil || string(b) != "a\nb\n" {
		t.Fatalf("ReadWhole = %q, %v", b, err)
	}
	_, err = ReadWhole(strings.NewReader("abcdef"), 4, nil)
	if err == nil || err.Error() != "record of 6 bytes exceeds --max-message-bytes 4" {
		t.Fatalf("ReadWhole too large: %v", err)
	}
}

// TestTooLargeCutSize: a piece too large is reported with its record's
// size, less -K's separator only when the piece holds it, found also
// across the reads of a piece larger than the read buffer, but not in the
// delimiter after the piece.
func TestTooLargeCutSize(t *testing.T) {
	big := strings.Repeat("v", 3<<20)
	spanning := big[:splitBufferSize-1] + "::" + big[splitBufferSize+1:]
	for _, tc := range []struct {
		name, in, delim, cut string
		want                 int64
	}{
		{"keyless, in the buffer", "short\n" + strings.Repeat("v", 20) + "\n", "\n", ":", 20},
		{"keyed, in the buffer", "k:" + strings.Repeat("v", 20) + "\n", "\n", ":", 21},
		{"keyless, past the buffer", big + "\n", "\n", ":", 3 << 20},
		{"keyed at the end, past the buffer", big + ":\n", "\n", ":", 3 << 20},
		{"a separator across two reads", spanning + "\n", "\n", "::", 3<<20 - 2},
		{"a separator ending in the delimiter", big + "a\r\n", "\r\n", "a\r", 3<<20 + 1},
		{"whole: keyless", big, "", ":", 3 << 20},
		{"whole: keyed", "k:" + big, "", ":", 3<<20 + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.delim == "" {
				_, err = ReadWhole(strings.NewReader(tc.in), 10, []byte(tc.cut))
			} else {
				s := NewSplitter(strings.NewReader(tc.in), []byte(tc.delim), 10)
				s.Cut([]byte(tc.cut))
				for err == nil {
					_, err = s.Next()
				}
			}
			var tooLarge *TooLargeError
			if !errors.As(err, &tooLarge) || tooLarge.Size != tc.want {
				t.Fatalf("error %v, want a record of %d bytes", err, tc.want)
			}
		})
	}
}

// TestCutFinder feeds every cut of a text into two chunks and wants the
// offset bytes.Index finds.
func TestCutFinder(t *testing.T) {
	for _, in := range []string{"abc::de", "::", "a:b:c", "abc", ":::", "x::"} {
		for _, sep := range []string{":", "::", ":::"} {
			for i := 0; i <= len(in); i++ {
				for j := i; j <= len(in); j++ {
					f := cutFinder{sep: []byte(sep), at: -1}
					f.feed([]byte(in[:i]))
					f.feed([]byte(in[i:j]))
					f.feed([]byte(in[j:]))
					if want := int64(strings.Index(in, sep)); f.at != want {
						t.Errorf("%q fed as %q %q %q, sep %q: at %d, want %d", in, in[:i], in[i:j], in[j:], sep, f.at, want)
					}
				}
			}
		}
	}
}

// FuzzSplitter checks the splitter against bytes.Split.
func FuzzSplitter(f *testing.F) {
	f.Add([]byte("a\nb\n\nc"), []byte("\n"))
	f.Add([]byte("a;;b;;;c"), []byte(";;"))
	f.Add([]byte(""), []byte("x"))
	f.Add([]byte("000"), []byte("00"))
	f.Fuzz(func(t *testing.T, in, delim []byte) {
		if len(delim) == 0 {
			return
		}
		want := bytes.Split(in, delim)
		if len(in) == 0 {
			want = nil
		} else if len(want[len(want)-1]) == 0 {
			want = want[:len(want)-1] // a trailing delimiter ends the last piece
		}
		s := NewSplitter(iotest.HalfReader(bytes.NewReader(in)), delim, int64(len(in)))
		var got [][]byte
		for {
			p, err := s.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, bytes.Clone(p))
		}
		if len(got) != len(want) {
			t.Fatalf("%q split at %q: %q, want %q", in, delim, got, want)
		}
		for i := range got {
			if !bytes.Equal(got[i], want[i]) {
				t.Fatalf("%q split at %q: %q, want %q", in, delim, got, want)
			}
		}
	})
}

func BenchmarkSplitter(b *testing.B) {
	line := strings.Repeat("k", 10) + ":" + strings.Repeat("v", 89) + "\n"
	in := []byte(strings.Repeat(line, 100000))
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		s := NewSplitter(bytes.NewReader(in), []byte("\n"), 1<<20)
		for {
			if _, err := s.Next(); err != nil {
				break
			}
		}
	}
}

// FuzzParseDelimiter checks that any delimiter parses without panicking,
// that text without escapes stands for itself, and that \xNN round-trips.
func FuzzParseDelimiter(f *testing.F) {
	f.Add(`\r\n`)
	f.Add(`\x1e`)
	f.Add(`a\`)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDelimiter(s)
		if !strings.Contains(s, `\`) && s != "" && (err != nil || string(got) != s) {
			t.Fatalf("ParseDelimiter(%q) = %q, %v; want it unchanged", s, got, err)
		}
		if err == nil && len(got) == 0 {
			t.Fatalf("ParseDelimiter(%q) accepted an empty delimiter", s)
		}
		var hexed strings.Builder
		for _, b := range []byte(s) {
			fmt.Fprintf(&hexed, `\x%02x`, b)
		}
		if s != "" {
			if back, err := ParseDelimiter(hexed.String()); err != nil || string(back) != s {
				t.Fatalf("ParseDelimiter(%q) = %q, %v; want %q", hexed.String(), back, err, s)
			}
		}
	})
}

// zeros is an input without an end, as /dev/zero is.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestReadWholeEndless(t *testing.T) {
	_, err := ReadWhole(zeros{}, 10, nil)
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) || !tooLarge.AtLeast || tooLarge.Size != 11+wholeCountMax {
		t.Fatalf("ReadWhole of an endless input: %v (%+v)", err, tooLarge)
	}
	if want := "record of more than 1073741835 bytes exceeds --max-message-bytes 10"; err.Error() != want {
		t.Fatalf("error %q, want %q", err, want)
	}
}
