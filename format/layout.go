package format

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/jsontext"
)

// LayoutReader reads records in a kgo.RecordReader layout (-f '%k %v\n').
// Unlike the bare RecordReader it accepts a last record that lacks the
// layout's closing delimiter, and a text layout that ends with a newline
// reads each line on its own: a line that does not match is an error, never
// merged with the next one.
type LayoutReader struct {
	rr recordReader
	// HasPartition is whether the layout reads a partition (%p).
	HasPartition bool
	// Lines is whether records are cut at newlines before they are parsed,
	// so that a record's number is its line number.
	Lines bool

	partitionAsOffset bool // %p is read as %o: see readPartitionAsOffset
	// layout is as written, which directives' bytes count in.
	layout string
	// directives are the layout's, for an error that names the one that
	// could not read its field.
	directives []directive
	// reads says which of key, value and header values the layout reads:
	// one it reads empty is empty, not null (see Next).
	reads  layoutReads
	pieces *Splitter
	piece  pieceReader
	// parts, when the layout has a %K, %V or %T outside braces or a
	// %h{...} that reads a length (see readParts), read each record in
	// turn instead of rr: those sizes and the fields they size are read
	// here, so that a length of -1 reads as null, as consume writes a
	// null key, value or header value (kcat's %K, %S and %R); the pieces
	// of the layout between them are record readers of their own,
	// sharing one buffered input.
	parts []readPart
	// null says, for the record being read, whether its key and value
	// (by slot) had the length -1.
	null   [2]bool
	suffix []byte
	// br is the input the record readers share, which Next peeks at to
	// tell the end of input from a record it ends in the middle of.
	br *bufio.Reader
	// jsonFirst is whether the layout begins with a {json} field, which
	// reads past the whitespace before its document: whitespace that ends
	// the input (jq's last newline) is no record then.
	jsonFirst bool
	// cut is the end of the suffix, from its newline on, where Lines
	// cuts records.
	cut []byte
	// suffixed is the input that ends with the suffix, for a layout
	// with one that is not read line by line.
	suffixed *suffixReader
	// lineEnd is the plain %k or %v, read up to the \n that ends each
	// line, that keeps the \r of a line ending in \r\n; its text is ""
	// when the layout has none (see KeptCR).
	lineEnd directive
}

// NewLayoutReader compiles layout and reads r with it. A bad layout is an
// error naming the directive at fault. A record (line) longer than max is
// skipped and reported as *TooLargeError.
func NewLayoutReader(r io.Reader, layout string, max int64) (*LayoutReader, error) {
	scan, err := scanLayout(layout)
	if err != nil {
		return nil, err
	}
	suffix := scan.suffix
	l := &LayoutReader{HasPartition: scan.partition, layout: layout, suffix: suffix, reads: scan.reads, directives: scan.directives}
	if len(scan.directives) > 0 {
		first := scan.directives[0]
		l.jsonFirst = first.at == 0 && first.body == "json"
	}
	if lineLayout(layout, suffix) {
		// Cut at the newline, not at the whole suffix: a line that
		// lacks the suffix's bytes before it (%v;\n reading "b\n")
		// does not match, and is not merged with the next line.
		l.Lines = true
		l.cut = suffix[bytes.IndexByte(suffix, '\n'):]
		if string(suffix) == "\n" {
			l.lineEnd = lineEnd(scan.directives)
		}
		l.pieces = NewSplitter(r, l.cut, max)
		r = &l.piece
	} else if len(suffix) > 0 {
		l.suffixed = &suffixReader{r: r, suffix: suffix}
		r = l.suffixed
	}
	if scan.partition {
		layout, l.partitionAsOffset = readPartitionAsOffset(layout)
	}
	// The record readers share one buffered input: the record reader
	// buffers a *bufio.Reader no further.
	br := bufio.NewReader(r)
	rr, err := newRecordReader(br, layout, 0, len(layout), scan.directives)
	if err != nil {
		return nil, err
	}
	l.rr, l.br = rr, br
	if l.parts, err = readParts(layout, scan, br); err != nil {
		return nil, err
	}
	if slices.ContainsFunc(l.parts, func(p readPart) bool { return p.headers != nil }) {
		// Header values are read here, and an empty one is not null.
		l.reads.headerValues = false
	}
	return l, nil
}

// lineEnd is the last of dirs, those of a layout whose suffix is \n alone,
// when it is a plain %k or %v that nothing sizes, which reads up to that
// \n; the zero directive when it is not.
func lineEnd(dirs []directive) directive {
	if len(dirs) == 0 {
		return directive{}
	}
	last := dirs[len(dirs)-1]
	size := last.text[1] - 'a' + 'A'
	if !last.top || last.text != "%k" && last.text != "%v" || slices.ContainsFunc(dirs, func(d directive) bool { return d.top && d.text[1] == size }) {
		return directive{}
	}
	return last
}

// KeptCR reports whether rec, the record just read, kept the \r of a line
// that ends in \r\n (a Windows file's) at the end of its key or value:
// the layout's field that reads up to the \n ending each line (d, as "%v
// at byte 3"; key when it is %k) ends in \r. ok is false for a layout with
// no such field, as for one that ends in \r\n.
func (l *LayoutReader) KeptCR(rec *kgo.Record) (d string, key, ok bool) {
	field := rec.Value
	switch l.lineEnd.text {
	case "":
		return "", false, false
	case "%k":
		field, key = rec.Key, true
	}
	return l.lineEnd.String(), key, bytes.HasSuffix(field, []byte("\r"))
}

// readPart is one part of a layout that LayoutReader.parts reads: a piece
// of the layout (rr), or a %K or %V outside braces (size), or the %k or %v
// it sizes (field), or a %H (count) and its %h{...} (headers, the parts
// of its braces).
type readPart struct {
	rr                 *recordReader
	size, field, count directive
	headers            []readPart
	br                 *bufio.Reader
}

// recordReader is a kgo.RecordReader of a part of a layout that reads
// its {base64raw} fields, which the record reader does not know, as they
// are written, and decodes them after each record.
type recordReader struct {
	rr *kgo.RecordReader
	// raw are the %t, %k and %v of the record, and of its headers, that
	// are {base64raw}: the last of each, whose field the record keeps.
	raw []directive
}

// newRecordReader compiles layout[from:to], whose directives are those of
// dirs from byte from on, to read br, its {base64raw} fields as text.
func newRecordReader(br *bufio.Reader, layout string, from, to int, dirs []directive) (recordReader, error) {
	var r recordReader
	var text strings.Builder
	type field struct {
		top bool
		c   byte
	}
	kept := map[field]bool{}
	last := from // of layout, written to text
	for _, d := range dirs {
		if d.at < from || d.at >= to || d.body != "base64raw" {
			continue
		}
		end := d.at + len(d.text)
		text.WriteString(layout[last : d.at+2])
		if end < to && layout[end] == '{' {
			// A { after the field's braces is a literal one, which
			// would open braces right after %v.
			text.WriteString("%")
		}
		last = end
	}
	text.WriteString(layout[last:to])
	for i := len(dirs) - 1; i >= 0; i-- {
		d := dirs[i]
		f := field{d.top, d.text[1]}
		if d.at < from || d.at >= to || strings.IndexByte("tkv", f.c) < 0 || kept[f] {
			continue
		}
		kept[f] = true
		if d.body == "base64raw" {
			r.raw = append(r.raw, d)
		}
	}
	var err error
	r.rr, err = kgo.NewRecordReader(br, text.String())
	return r, err
}

// ReadRecordInto reads the next record into rec, as the record reader
// does, and decodes its {base64raw} fields.
func (r recordReader) ReadRecordInto(rec *kgo.Record) error {
	if err := r.rr.ReadRecordInto(rec); err != nil {
		return err
	}
	for _, d := range r.raw {
		var err error
		switch c := d.text[1]; {
		case !d.top:
			for i := range rec.Headers {
				h := &rec.Headers[i]
				if c == 'k' {
					var key []byte
					key, err = decodeRaw(d, []byte(h.Key))
					h.Key = string(key)
				} else if h.Value != nil {
					h.Value, err = decodeRaw(d, h.Value)
				}
				if err != nil {
					break
				}
			}
		case c == 't':
			var topic []byte
			topic, err = decodeRaw(d, []byte(rec.Topic))
			rec.Topic = string(topic)
		case c == 'k' && rec.Key != nil:
			rec.Key, err = decodeRaw(d, rec.Key)
		case c == 'v' && rec.Value != nil:
			rec.Value, err = decodeRaw(d, rec.Value)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// decodeRaw decodes the text b of d, a {base64raw} field: base64 of the
// standard alphabet without padding, as consume writes it.
func decodeRaw(d directive, b []byte) ([]byte, error) {
	decoded, err := base64.RawStdEncoding.AppendDecode(nil, b)
	var corrupt base64.CorruptInputError
	if errors.As(err, &corrupt) {
		return nil, fmt.Errorf("%s: not base64 without padding (at its byte %d)", d, int64(corrupt))
	}
	return decoded, err
}

// readParts cuts layout at its %K, %V and %T outside braces and the
// fields they size, so that a length of -1 reads as null and one before an
// encoded field as its raw bytes' length; and at its %H and %h{...} when
// the %h{...} has a %V inside that reads a length, or a size of an encoded
// field, or the layout is cut anyway (the record reader reads a %h only
// after its %H). It is nil when there is none of them to cut at: the
// record reader reads the whole layout.
func readParts(layout string, scan layoutScan, br *bufio.Reader) ([]readPart, error) {
	var top []directive
	for _, d := range scan.directives {
		if d.top {
			top = append(top, d)
		}
	}
	sized := slices.ContainsFunc(top, func(d directive) bool { return strings.IndexByte("TKV", d.text[1]) >= 0 })
	var headers []readPart
	if span, inner, lengths := headerDirectives(scan); len(scan.headers) == 1 && (lengths || sized) {
		// A header is read as a record of its name and value.
		for i := range inner {
			inner[i].top = true
		}
		var err error
		if headers, err = cutParts(layout, span[0]+3, span[1]-1, inner, nil, br); err != nil {
			return nil, err
		}
		at, _ := slices.BinarySearchFunc(top, span[0], func(d directive, at int) int { return d.at - at })
		top = slices.Insert(top, at, directive{text: layout[span[0]:span[1]], at: span[0], top: true})
	}
	if !sized && headers == nil {
		return nil, nil
	}
	return cutParts(layout, 0, len(layout), top, headers, br)
}

// headerDirectives returns the layout's %h{...}, when it has one (after
// its one %H: see scanLayout), and its directives; lengths is whether
// they read a header value's length (%V, but a count such as %V{3}) or
// size a {hex}, {base64} or {base64raw} field, which are read here.
func headerDirectives(scan layoutScan) (span [2]int, inner []directive, lengths bool) {
	if len(scan.headers) != 1 {
		return span, nil, false
	}
	span = scan.headers[0]
	for _, d := range scan.directives {
		if d.at > span[0] && d.at < span[1] {
			inner = append(inner, d)
			if _, err := strconv.Atoi(d.body); d.text[1] == 'V' && err != nil {
				lengths = true
			}
		}
	}
	_, encoded := encodedSized(inner)
	return span, inner, lengths || encoded
}

// encodedSized returns the first {hex}, {base64} or {base64raw} field of
// dirs that a %T, %K or %V before it (in the same braces, or outside any)
// sizes.
func encodedSized(dirs []directive) (directive, bool) {
	var sized [2][3]bool // outside braces or inside, by slot
	for _, d := range dirs {
		in := 0
		if !d.top {
			in = 1
		}
		switch c := d.text[1]; {
		case c == 'T' || c == 'K' || c == 'V':
			sized[in][slot(d)] = true
		case strings.IndexByte("tkv", c) >= 0 && sized[in][slot(d)]:
			if d.body == "hex" || d.body == "base64" || d.body == "base64raw" {
				return d, true
			}
			sized[in][slot(d)] = false
		}
	}
	return directive{}, false
}

// cutParts cuts layout[from:to] at those of dirs (in order) that readParts
// reads here: with headers, the parts of a %h{...}'s braces, also at its
// %H and at it (a directive of its whole text). The pieces between are
// record readers of their own.
func cutParts(layout string, from, to int, dirs []directive, headers []readPart, br *bufio.Reader) ([]readPart, error) {
	var parts []readPart
	piece := func(to int) error {
		if to == from {
			return nil
		}
		rr, err := newRecordReader(br, layout, from, to, dirs)
		parts = append(parts, readPart{rr: &rr})
		return err
	}
	var sized [3]bool // by slot, a size not yet followed by its field
	for _, d := range dirs {
		var part readPart
		switch c := d.text[1]; {
		case c == 'K' || c == 'V' || c == 'T':
			sized[slot(d)] = true
			part.size = d
		case (c == 't' || c == 'k' || c == 'v') && sized[slot(d)]:
			sized[slot(d)] = false
			part.field = d
		case c == 'H' && headers != nil:
			part.count = d
		case c == 'h':
			part.headers = headers
		default:
			continue
		}
		if err := piece(d.at); err != nil {
			return nil, err
		}
		part.br = br
		parts = append(parts, part)
		from = d.at + len(d.text)
	}
	if err := piece(to); err != nil {
		return nil, err
	}
	return parts, nil
}

// slot is 0 for a directive of the key (%k, %K), 1 for the value's, 2
// for the topic's.
func slot(d directive) int {
	switch d.text[1] {
	case 'k', 'K':
		return 0
	case 't', 'T':
		return 2
	}
	return 1
}

// readRecord reads the next record into rec part by part. It is io.EOF
// only when the input ends before the record's first byte.
func (l *LayoutReader) readRecord(rec *kgo.Record) error {
	var err error
	l.null, err = readInto(l.parts, rec)
	return err
}

// readInto reads parts into rec: a record, or a header as a record of its
// name and value. null says, by slot, which of key and value had the
// length -1. It is io.EOF only when the input ends before the first part.
func readInto(parts []readPart, rec *kgo.Record) (null [2]bool, err error) {
	var length [3]int64 // by slot
	var headers int64
	for i, p := range parts {
		switch {
		case p.rr != nil:
			err = p.rr.ReadRecordInto(rec)
		case p.size.text != "":
			at := slot(p.size)
			length[at], err = p.readLength()
			if at < len(null) {
				null[at] = length[at] < 0
			}
		case p.count.text != "":
			headers, err = p.readCount()
		case p.headers != nil:
			err = readHeaders(p.headers, headers, rec)
		default:
			err = p.readField(rec, length[slot(p.field)])
		}
		switch {
		case err == nil:
		case i == 0 && err == io.EOF:
			return null, io.EOF
		case errors.Is(err, io.EOF):
			return null, io.ErrUnexpectedEOF
		default:
			return null, err
		}
	}
	return null, nil
}

// readHeaders reads n headers into rec, each with parts: a header value
// whose %V is -1 is null, any other read empty is empty.
func readHeaders(parts []readPart, n int64, rec *kgo.Record) error {
	rec.Headers = nil
	for range n {
		var h kgo.Record
		null, err := readInto(parts, &h)
		if err != nil {
			return err
		}
		if h.Value == nil && !null[1] {
			h.Value = []byte{}
		}
		rec.Headers = append(rec.Headers, kgo.RecordHeader{Key: string(h.Key), Value: h.Value})
	}
	return nil
}

// readCount reads the number of headers, as readLength reads a length.
func (p readPart) readCount() (int64, error) {
	n, err := readPart{size: p.count, br: p.br}.readLength()
	if err == nil && n < 0 {
		return 0, fmt.Errorf("%s: %d is no number of headers", p.count, n)
	}
	return n, err
}

// readLength reads the length of a %K or %V in its number format: -1, in
// digits or as its format's bytes all ones (ff ff ff ff in {big32}), is
// null; a count ({3}) reads nothing. It is io.EOF when the input ends
// before it.
func (p readPart) readLength() (int64, error) {
	d := p.size
	if n, err := strconv.Atoi(d.body); err == nil {
		return int64(n), nil
	}
	if digits, ok := hexWidths[d.body]; ok {
		return p.readHex(digits)
	}
	width := map[string]int{"byte": 1, "big8": 1, "little8": 1, "big16": 2, "little16": 2, "big32": 4, "little32": 4, "big64": 8, "little64": 8}[d.body]
	if width == 0 {
		return p.readDigits()
	}
	b := make([]byte, width)
	if _, err := io.ReadFull(p.br, b); err != nil {
		return 0, err
	}
	if strings.HasPrefix(d.body, "little") {
		slices.Reverse(b)
	}
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	switch {
	case n == 1<<(8*width)-1: // 0 less 1, all ones, at width 8
		return -1, nil
	case n > math.MaxInt32:
		return 0, fmt.Errorf("%s: %d is longer than a record can be", d, n)
	}
	return int64(n), nil
}

// hexWidths are the number formats that read a number in hex digits, as
// consume writes one: how many digits each reads.
var hexWidths = map[string]int{"hex4": 1, "hex8": 2, "hex16": 4, "hex32": 8, "hex64": 16}

// readHex reads a length of that many hex digits: all f (ffffffff in
// {hex32}), as consume writes a null's -1, is -1.
func (p readPart) readHex(digits int) (int64, error) {
	b := make([]byte, digits)
	if _, err := io.ReadFull(p.br, b); err != nil {
		return 0, err
	}
	n, err := strconv.ParseUint(string(b), 16, 64)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%s: %q is not %d hex digits", p.size, b, digits)
	case n == 1<<(4*digits)-1:
		return -1, nil
	case n > math.MaxInt32:
		return 0, fmt.Errorf("%s: %d is longer than a record can be", p.size, n)
	}
	return int64(n), nil
}

// readDigits reads a length written in digits, or -1.
func (p readPart) readDigits() (int64, error) {
	var digits []byte
	for {
		c, err := p.br.ReadByte()
		if err != nil {
			if len(digits) == 0 {
				return 0, err
			}
			break
		}
		if (c < '0' || c > '9') && (c != '-' || len(digits) > 0) {
			_ = p.br.UnreadByte()
			break
		}
		digits = append(digits, c)
	}
	n, err := strconv.ParseInt(string(digits), 10, 32)
	switch {
	case len(digits) == 0 || string(digits) == "-":
		return 0, fmt.Errorf("%s: no number where it reads one", p.size)
	case err != nil:
		return 0, fmt.Errorf("%s: %s is out of range", p.size, digits)
	case n < -1:
		return 0, fmt.Errorf("%s: %d is no length (-1 is null)", p.size, n)
	}
	return n, nil
}

// readField reads a sized %t, %k or %v of n bytes into rec; null when n
// is -1. n is the length of the raw bytes, as consume writes it, so a
// {hex}, {base64} or {base64raw} field reads those bytes' encoding, 2n
// hex digits, 4 base64 characters for every 3 bytes or part of 3 (padded
// with =), or as many as hold 8n bits without padding, and decodes it.
func (p readPart) readField(rec *kgo.Record, n int64) error {
	var b []byte
	if n >= 0 {
		encoded := n
		switch p.field.body {
		case "hex":
			encoded = int64(hex.EncodedLen(int(n)))
		case "base64":
			encoded = int64(base64.StdEncoding.EncodedLen(int(n)))
		case "base64raw":
			encoded = int64(base64.RawStdEncoding.EncodedLen(int(n)))
		}
		var err error
		if b, err = io.ReadAll(io.LimitReader(p.br, encoded)); err != nil {
			return err
		}
		if int64(len(b)) < encoded {
			return io.ErrUnexpectedEOF
		}
		text := len(b)
		switch p.field.body {
		case "hex":
			b, err = hex.AppendDecode(nil, b)
		case "base64":
			b, err = base64.StdEncoding.AppendDecode(nil, b)
		case "base64raw":
			b, err = decodeRaw(p.field, b)
		}
		switch {
		case err != nil:
			return err
		case int64(len(b)) != n:
			return fmt.Errorf("%s: the length before it is %s, but its %d characters hold %d", p.field, Count(n, "byte"), text, len(b))
		}
	}
	switch p.field.text[1] {
	case 't':
		rec.Topic = string(b)
	case 'k':
		rec.Key = b
	default:
		rec.Value = b
	}
	return nil
}

// LayoutReadsKey reports whether layout reads a key (%k); false for a
// layout that does not compile.
func LayoutReadsKey(layout string) bool {
	scan, err := scanLayout(layout)
	return err == nil && scan.reads.key
}

// readPartitionAsOffset turns the layout's %p into %o when it has no %o:
// the record reader keeps an offset in 64 bits but cuts a partition to 32
// without a word (4294967297 would be partition 1), and a produced record's
// offset is the broker's to give.
func readPartitionAsOffset(layout string) (string, bool) {
	b := []byte(layout)
	var at []int
	for i := 0; i+1 < len(b); i++ {
		switch {
		case b[i] == '\\':
			i++
		case b[i] == '%' && b[i+1] == 'o':
			return layout, false
		case b[i] == '%' && b[i+1] == 'p':
			at = append(at, i+1)
			i++
		case b[i] == '%':
			i++
		}
	}
	for _, i := range at {
		b[i] = 'o'
	}
	return string(b), len(at) > 0
}

// Next reads the next record into rec: io.EOF at the end of input, or an
// error saying how the input does not match the layout. A key, value or
// header value the layout reads is null only when its %K or %V reads -1:
// read empty, it is empty, as an empty line is an empty value (the record
// reader makes it null).
func (l *LayoutReader) Next(rec *kgo.Record) error {
	var line []byte
	if l.pieces != nil {
		piece, err := l.pieces.Next()
		if err != nil {
			return err
		}
		line = piece
		end := l.cut
		if l.pieces.Unterminated() {
			end = missingSuffix(piece, l.suffix)
		}
		l.piece.set(piece, end)
	} else if end, err := l.atEnd(); end || err != nil {
		return err
	}
	if l.jsonFirst {
		// The record reader would name only the mark's first byte
		// ("'ï' cannot be there").
		if b, _ := l.br.Peek(3); jsontext.HasBOM(b) {
			return fmt.Errorf("does not match the layout: %s: %v", l.directives[0], jsontext.ErrBOM)
		}
	}
	var err error
	if l.parts != nil {
		err = l.readRecord(rec)
	} else {
		err = l.rr.ReadRecordInto(rec)
	}
	switch {
	case err == nil:
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		// Input was left (see the Peek above), so a record reader's
		// io.EOF is a record the input ends in: one whose %h{...}
		// read to the end says io.EOF, as if there were no record.
		if l.pieces == nil {
			return errors.New("the input ends in the middle of a record")
		}
		if missing := l.missingText(line); missing != "" {
			return fmt.Errorf("does not match the layout: %s", missing)
		}
		return errors.New("the line does not match the layout")
	default:
		if l.pieces != nil && strings.HasPrefix(err.Error(), "exact text mismatch, ") {
			// The record reader names the bytes it read where the
			// layout's text was, not where: the line says it.
			if missing := l.missingText(line); missing != "" {
				return fmt.Errorf("does not match the layout: %s", missing)
			}
		}
		return fmt.Errorf("does not match the layout: %v", readError(err, l.directives))
	}
	l.reads.notNull(rec, l.null)
	if l.partitionAsOffset {
		p := rec.Offset
		rec.Offset = 0
		if p < 0 || p > math.MaxInt32 {
			return fmt.Errorf("partition %d: want 0 to %d", p, math.MaxInt32)
		}
		rec.Partition = int32(p)
	}
	if l.HasPartition && rec.Partition < 0 {
		return fmt.Errorf("partition %d: want 0 or more", rec.Partition)
	}
	switch ms := rec.Timestamp.UnixMilli(); {
	case rec.Timestamp.IsZero():
	case ms == noTimestamp:
		rec.Timestamp = time.Time{}
	default:
		return checkSendMillis(ms)
	}
	return nil
}

// Unread is the number of bytes read from the input and not yet read into
// a record: what follows the last record, which a seekable input can be set
// back by for a following reader, as head -n leaves a file.
func (l *LayoutReader) Unread() int {
	if l.pieces != nil {
		return l.pieces.Unread()
	}
	n := l.br.Buffered()
	if l.suffixed != nil {
		// The suffix added at the end is what was buffered last.
		n = max(0, n-l.suffixed.added)
	}
	return n
}

// missingText names the first text of the layout that line, which ended
// before the layout did, lacks: each field is read up to the text after
// it, as the record reader reads it ("the line has no \" \" after %k at
// byte 0"). It is "" for a layout with a field that does not end at a
// text ({json}, {re...}) or with headers, where it cannot tell.
func (l *LayoutReader) missingText(line []byte) string {
	var after *directive // the field before the text
	from, read := 0, 0   // in the layout and in line
	for i := 0; i <= len(l.directives); i++ {
		to := len(l.layout)
		if i < len(l.directives) {
			d := l.directives[i]
			if !d.top || d.body == "json" || strings.HasPrefix(d.body, "re") {
				return ""
			}
			to = d.at
		}
		text, ok := layoutText(l.layout[from:to])
		if !ok {
			return ""
		}
		if i == len(l.directives) {
			text = bytes.TrimSuffix(text, l.cut)
		}
		at := bytes.Index(line[read:], text)
		switch {
		case len(text) == 0:
		case after == nil && at != 0:
			return fmt.Sprintf("the line does not begin with %q", text)
		case at < 0:
			return fmt.Sprintf("the line has no %q after %s", text, after)
		}
		read += at + len(text)
		if i < len(l.directives) {
			after = &l.directives[i]
			from = after.at + len(after.text)
		}
	}
	return ""
}

// layoutText is the bytes that the text of a layout between two
// directives reads, its escapes decoded; not ok when it holds a directive
// (%h{...}, which directives do not list).
func layoutText(text string) ([]byte, bool) {
	var b []byte
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\\':
			e, last, err := escapeAt(text, i)
			if err != nil {
				return nil, false
			}
			b, i = append(b, e), last
		case c == '%' && i+1 < len(text) && strings.IndexByte("%{}", text[i+1]) >= 0:
			b, i = append(b, text[i+1]), i+1
		case c == '%':
			return nil, false
		default:
			b = append(b, c)
		}
	}
	return b, true
}

// atEnd reports whether the input of a layout that is not read line by
// line ends before the next record (io.EOF, or only whitespace before it
// when the layout begins with a {json} field), or the error reading it.
func (l *LayoutReader) atEnd() (bool, error) {
	for {
		b, err := l.br.Peek(1)
		switch {
		case errors.Is(err, io.EOF):
			return true, io.EOF
		case err != nil:
			return false, err
		case !l.jsonFirst || !isJSONSpace(b[0]):
			return false, nil
		}
		_, _ = l.br.Discard(1)
	}
}

// isJSONSpace reports whether c is whitespace between JSON tokens.
func isJSONSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// pieceReader hands the record reader one record's bytes at a time: the
// piece, then the layout's suffix that the splitter cut off, then io.EOF.
type pieceReader struct {
	piece, suffix []byte
}

func (p *pieceReader) set(piece, suffix []byte) { p.piece, p.suffix = piece, suffix }

func (p *pieceReader) Read(b []byte) (int, error) {
	switch {
	case len(p.piece) > 0:
		n := copy(b, p.piece)
		p.piece = p.piece[n:]
		return n, nil
	case len(p.suffix) > 0:
		n := copy(b, p.suffix)
		p.suffix = p.suffix[n:]
		return n, nil
	}
	return 0, io.EOF
}

// missingSuffix is what a last record without its closing newline lacks of
// suffix: all of it, or what follows the longest start of suffix that piece
// ends with ("}" of "}\n" for a line "{b}" of {%v}\n).
func missingSuffix(piece, suffix []byte) []byte {
	for k := len(suffix) - 1; k > 0; k-- {
		if bytes.HasSuffix(piece, suffix[:k]) {
			return suffix[k:]
		}
	}
	return suffix
}

// lineLayout reports whether a layout reads one record per line: its one
// newline is in the suffix that closes each record, and it reads no sized
// fields, whose bytes may hold newlines.
func lineLayout(layout string, suffix []byte) bool {
	newlines := strings.Count(layout, `\n`) + strings.Count(layout, "\n")
	return newlines == 1 && bytes.IndexByte(suffix, '\n') >= 0 && !binaryLayout(layout)
}

// binaryLayout reports whether a layout reads sized fields (%V{3}%v,
// %K{big32}) or numbers in bytes (%H{byte}): their bytes may hold newlines,
// so lines cannot be cut first. A count outside %K, %V and %T reads nothing
// (%H{1} is one header, whose %h{%k=%v;} reads text up to its delimiters).
func binaryLayout(layout string) bool {
	for i := 0; i+2 < len(layout); i++ {
		if layout[i] == '%' && layout[i+2] == '{' {
			body := layout[i+3:]
			if end := strings.IndexByte(body, '}'); end >= 0 {
				body = body[:end]
			}
			sizes := strings.IndexByte("KVT", layout[i+1]) >= 0
			if sizes && body != "" && body[0] >= '0' && body[0] <= '9' {
				return true
			}
			for _, prefix := range []string{"big", "little", "byte"} {
				if strings.HasPrefix(body, prefix) {
					return true
				}
			}
		}
	}
	return false
}

// layoutReads says which parts of a record a layout reads.
type layoutReads struct {
	key, value, headerValues bool
}

// notNull makes the parts the layout reads empty where the record reader
// left them null, but for the key and value (by slot) that null says a
// length of -1 gave.
func (r layoutReads) notNull(rec *kgo.Record, null [2]bool) {
	if r.key && rec.Key == nil && !null[0] {
		rec.Key = []byte{}
	}
	if r.value && rec.Value == nil && !null[1] {
		rec.Value = []byte{}
	}
	if r.headerValues {
		for i := range rec.Headers {
			if rec.Headers[i].Value == nil {
				rec.Headers[i].Value = []byte{}
			}
		}
	}
}

// layoutScan is what scanLayout finds in a layout.
type layoutScan struct {
	// suffix is the literal bytes the layout ends with, what closes each
	// record.
	suffix    []byte
	partition bool // whether it reads a partition (%p)
	reads     layoutReads
	// directives are those that read a field, in order, with those of
	// %h{...} but not %h itself.
	directives []directive
	// headers are the bytes [start, end) of each %h{...}.
	headers [][2]int
}

// directive is one directive of a layout as written ("%d", "%v{hex}"), at
// byte at; body is what its braces hold ("" without braces).
type directive struct {
	text, body string
	at         int
	top        bool // outside any braces (not in %h{...})
}

func (d directive) String() string { return fmt.Sprintf("%s at byte %d", d.text, d.at) }

// scanLayout returns what a layout ends with and what it reads. It checks
// the escapes the record reader would otherwise reject with less context.
func scanLayout(layout string) (layoutScan, error) {
	var scan layoutScan
	depth := 0
	inHeaders := false // within the braces of %h{...}
	openAt := -1       // the byte of the directive whose { is open at depth 0
	headerFrom := 0    // where the directives of the open %h{...} start in scan.directives
	for i := 0; i < len(layout); i++ {
		c := layout[i]
		switch {
		case c == '\\':
			b, last, err := escapeAt(layout, i)
			if err != nil {
				return layoutScan{}, err
			}
			i = last
			if depth == 0 {
				scan.suffix = append(scan.suffix, b)
			}
		case c == '%':
			if i+1 == len(layout) {
				return layoutScan{}, lonePercent(i)
			}
			i++
			switch d := layout[i]; d {
			case '%', '{', '}':
				if depth == 0 {
					scan.suffix = append(scan.suffix, d)
				}
			case 't', 'T', 'k', 'K', 'v', 'V', 'h', 'H', 'p', 'o', 'e', 'd', 'x', 'y':
				if strings.HasPrefix(layout[i+1:], "{}") {
					return layoutScan{}, emptyBraces(layout, i-1)
				}
				if err := headerDirective(layout, i-1, inHeaders, scan.directives); err != nil {
					return layoutScan{}, err
				}
				if d == 'h' && depth == 0 && len(scan.headers) > 0 {
					// The record reader would send the last one's
					// headers, and lose what the first one read.
					first := scan.headers[0]
					return layoutScan{}, fmt.Errorf("%%h at byte %d reads the record's headers again, after %s at byte %d: a record has one list of headers; write one %%h{...}", i-1, layout[first[0]:first[1]], first[0])
				}
				if (depth == 0 || inHeaders) && i+1 < len(layout) && layout[i+1] == '{' {
					if depth == 0 {
						openAt = i - 1
					}
					var err error
					switch {
					case strings.IndexByte("TKVHpoedxy", d) >= 0:
						err = checkNumberFormat(layout, i-1)
					case strings.IndexByte("tkv", d) >= 0:
						err = checkFieldEncoding(layout, i-1)
					}
					if err != nil {
						return layoutScan{}, err
					}
				}
				if d != 'h' || depth > 0 {
					dir := directiveAt(layout, i-1)
					dir.top = depth == 0
					if err := readsAgain(scan.directives, dir); err != nil {
						return layoutScan{}, err
					}
					scope := scan.directives
					if !dir.top {
						scope = scope[headerFrom:]
					}
					if err := sizedAgain(scope, dir); err != nil {
						return layoutScan{}, err
					}
					scan.directives = append(scan.directives, dir)
				}
				switch {
				case depth == 0:
					scan.suffix = scan.suffix[:0]
					scan.partition = scan.partition || d == 'p'
					scan.reads.key = scan.reads.key || d == 'k'
					scan.reads.value = scan.reads.value || d == 'v'
					inHeaders = d == 'h'
					if inHeaders {
						headerFrom = len(scan.directives)
					}
				case inHeaders && d == 'v':
					scan.reads.headerValues = true
				}
			default:
				return layoutScan{}, unknownDirective(layout, i-1)
			}
		case c == '{' && (depth > 0 || openAt == i-2):
			// Only a directive's { opens braces (%h{, %v{hex}): as
			// for the record reader, any other { is a literal one.
			depth++
			scan.suffix = scan.suffix[:0]
		case c == '}':
			if depth > 0 {
				depth--
			} else {
				scan.suffix = append(scan.suffix, c)
			}
			if depth == 0 && inHeaders {
				scan.headers = append(scan.headers, [2]int{openAt, i + 1})
			}
			if depth == 0 {
				inHeaders, openAt = false, -1
			}
		default:
			if depth == 0 {
				scan.suffix = append(scan.suffix, c)
			}
		}
	}
	if depth > 0 && openAt >= 0 {
		return layoutScan{}, unclosedBrace(layout, openAt)
	}
	if err := unended(layout, scan.directives); err != nil {
		return layoutScan{}, err
	}
	return scan, nil
}

// unended refuses a %t, %k or %v of dirs that reads up to the text after
// it (no size before it, no {json} or {re...}) where no text follows it: a
// directive follows at once, or it is the last of %h{...} and the layout
// goes on after the braces. The record reader would read it to the end of
// the input, so that no record could match, each saying only that it does
// not.
func unended(layout string, dirs []directive) error {
	for i, d := range dirs {
		c := d.text[1]
		if strings.IndexByte("tkv", c) < 0 || d.body == "json" || strings.HasPrefix(d.body, "re") {
			continue
		}
		size := c - 'a' + 'A'
		if slices.ContainsFunc(dirs[:i], func(e directive) bool { return e.top == d.top && e.text[1] == size }) {
			continue
		}
		end := d.at + len(d.text)
		switch {
		case end+1 < len(layout) && layout[end] == '%' && strings.IndexByte("%{}", layout[end+1]) < 0:
			next := directiveAt(layout, end)
			if next.text[1] == 'h' {
				next.text = "%h"
			}
			return fmt.Errorf("%s is followed at once by %s, with no text between them where %s ends: it would read to the end of the input, and no record would match; write a delimiter between them (%s %s), or %%%c before %s for its size", d, next, d.text[:2], d.text, next.text, size, d.text[:2])
		case !d.top && end+1 < len(layout) && layout[end] == '}':
			return fmt.Errorf("%s is the last of %%h{...}, with no text after it where it ends, and the layout goes on after the braces: it would read to the end of the input, and no record would match; end each header with a delimiter (a ; before the closing }, as in %%h{%%k=%%v;}), or %%%c before %s for its size", d, size, d.text[:2])
		}
	}
	return nil
}

// headerDirective refuses the directive at byte at when it is a record's
// inside %h{...} (inHeaders), which reads only a header's key and value,
// as consume's layouts refuse it there; and a %h with no %H among dirs
// before it, the number of headers it reads, which the record reader
// would refuse without saying where.
func headerDirective(layout string, at int, inHeaders bool, dirs []directive) error {
	d := layout[at+1]
	switch {
	case inHeaders && strings.IndexByte("kKvV", d) < 0:
		return fmt.Errorf("%s at byte %d is inside %%h{...}, which reads only a header's %%k, %%K, %%v and %%V: write it outside the braces", directiveAt(layout, at).text, at)
	case d == 'h' && !inHeaders && !slices.ContainsFunc(dirs, func(d directive) bool { return d.top && d.text[1] == 'H' }):
		return fmt.Errorf("%%h at byte %d needs a %%H before it, the number of headers it reads (%%H{1}%%h{%%k=%%v;} reads one)", at)
	}
	return nil
}

// sentFields name the fields of a record that a layout's top-level
// directive reads and produce sends.
var sentFields = map[byte]string{'k': "key", 'v': "value", 'p': "partition", 'd': "timestamp"}

// readsAgain refuses a top-level directive that reads a field of the
// record sent (key, value, partition, timestamp) that an earlier one of
// dirs reads: the record would keep only the last one's, and the bytes the
// first one read would be lost without a word.
func readsAgain(dirs []directive, dir directive) error {
	field, sent := sentFields[dir.text[1]]
	if !dir.top || !sent {
		return nil
	}
	for _, d := range dirs {
		if d.top && d.text[1] == dir.text[1] {
			return fmt.Errorf("%s reads the record's %s again, after %s: a record has one %s; to skip a field, read it with %%t (the topic, which is not sent)", dir, field, d, field)
		}
	}
	return nil
}

// sizeNames name what a size directive reads, of a record (top) or of a
// header (within %h{...}); %H reads the number of headers.
var sizeNames = map[bool]map[byte]string{
	true:  {'T': "the topic's size", 'K': "the key's size", 'V': "the value's size", 'H': "the number of headers"},
	false: {'K': "the header key's size", 'V': "the header value's size"},
}

// sizedAgain refuses a size directive (%T, %K, %V, %H) that an earlier one
// of scope, the directives before it in the layout or in its %h{...},
// reads already, or that comes after the field it sizes: the record
// reader refuses both without saying where.
func sizedAgain(scope []directive, dir directive) error {
	what, ok := sizeNames[dir.top][dir.text[1]]
	if !ok {
		return nil
	}
	of := "record"
	if !dir.top {
		of = "header"
	}
	for _, d := range scope {
		switch {
		case d.top != dir.top:
		case d.text[1] == dir.text[1]:
			return fmt.Errorf("%s reads %s again, after %s: a %s has one", dir, what, d, of)
		case d.text[1] == dir.text[1]+'a'-'A':
			return fmt.Errorf("%s reads %s after %s: write %s before %s", dir, what, d, dir.text[:2], d.text[:2])
		}
	}
	return nil
}

// directiveAt is the directive whose % is at byte at, with its braces
// when it has any.
func directiveAt(layout string, at int) directive {
	d := directive{text: layout[at : at+2], at: at}
	if at+2 < len(layout) && layout[at+2] == '{' {
		if end := strings.IndexByte(layout[at+2:], '}'); end >= 0 {
			d.text = layout[at : at+3+end]
			d.body = layout[at+3 : at+2+end]
		}
	}
	return d
}

// escapeAt reads the escape whose \ is at byte i of layout, as the record
// reader and formatter do: the byte it stands for and the byte it ends at.
// Its errors name the byte.
func escapeAt(layout string, i int) (b byte, last int, err error) {
	if i+1 == len(layout) {
		return 0, 0, fmt.Errorf("a lone \\ at byte %d", i)
	}
	b, last, err = Unescape(layout, i+1, false)
	if err != nil {
		return 0, 0, fmt.Errorf("at byte %d: %v", i, err)
	}
	return b, last, nil
}

// checkNumberFormat checks the braces of the number directive at byte at
// (%H{2}, %K{big32}, %p{ascii}), which the record reader would refuse
// in strconv's words.
func checkNumberFormat(layout string, at int) error {
	body, err := braces(layout, at)
	if err != nil {
		return err
	}
	switch body {
	case "ascii", "number", "byte", "big8", "big16", "big32", "big64", "little8", "little16", "little32", "little64":
		return nil
	}
	if _, ok := hexWidths[body]; ok {
		return nil
	}
	if n, err := strconv.Atoi(body); err == nil && n > 0 {
		return countReadsNothing(layout, at, n)
	}
	return notNumberFormat(layout, at, body, "a count (1 or more), ascii, hex8, hex16, hex32, hex64, byte, big16, big32, big64, little16, little32 or little64")
}

// constantNames name what a count in the braces of %p, %d, %o, %e, %x or
// %y would set (see countReadsNothing).
var constantNames = map[byte]string{'p': "partition", 'd': "timestamp", 'o': "offset", 'e': "leader epoch", 'x': "producer id", 'y': "producer epoch"}

// countReadsNothing refuses a count in the braces of the number directive
// at byte at but for %K, %V and %T, whose count is the size of the field
// they size, and %H, whose count is the number of headers: the record
// reader takes %p{1} as partition 1 for every record, reading nothing,
// where a person means one digit ("12x" would go to partition 1 whole).
func countReadsNothing(layout string, at, n int) error {
	name, ok := constantNames[layout[at+1]]
	if !ok {
		return nil
	}
	d := layout[at : at+2]
	return fmt.Errorf("%s{%d} at byte %d: a count would give every record %s %d and read nothing (a count is the size of %%K, %%V and %%T, and the number of headers of %%H): read the digits with %s, or a number format such as %s{hex8}", d, n, at, name, n, d, d)
}

// checkFieldEncoding checks the braces of the %t, %k or %v at byte at,
// which the record reader would refuse without saying where.
func checkFieldEncoding(layout string, at int) error {
	if strings.HasPrefix(layout[at+3:], "re") {
		return checkRegexp(layout, at) // its own delimiters may hold }
	}
	body, err := braces(layout, at)
	if err != nil {
		return err
	}
	switch body {
	case "base64", "base64raw", "hex", "json":
		return nil
	}
	return notFieldEncoding(layout, at, body, "{base64}, {base64raw}, {hex}, {json} or {re#REGEXP#}")
}

// checkRegexp checks the {re#REGEXP#} of the %t, %k or %v at byte at,
// which the record reader would refuse without naming the directive
// ("re parse err: missing end delim"): its delimiters, the } after them,
// and the regular expression.
func checkRegexp(layout string, at int) error {
	d, rest := layout[at:at+2], layout[at+5:]
	if rest == "" || rest[0] == '}' || rest[0] >= utf8.RuneSelf {
		return fmt.Errorf("%s{re at byte %d: re needs its regular expression between delimiters, as in {re#[a-z]+#}", d, at)
	}
	opening, closing, expr, after, ok := splitDelimited(rest)
	switch {
	case !ok:
		return fmt.Errorf("%s{re%s at byte %d: the regular expression after re%s has no closing %s", d, opening, at, opening, closing)
	case after == "":
		return unclosedBrace(layout, at)
	case after[0] != '}':
		extra, _, _ := strings.Cut(after, "}")
		return fmt.Errorf("%s{re%s%s%s at byte %d: %q follows the closing %s of the regular expression, where } goes", d, opening, expr, closing, at, extra, closing)
	}
	if expr == "" {
		return emptyFormat(fmt.Sprintf("%s{re%s%s}", d, opening, closing), at, "re")
	}
	if _, err := CompileRegexp(expr, ""); err != nil {
		return fmt.Errorf("%s{re%s%s%s} at byte %d: %w", d, opening, expr, closing, at, err)
	}
	return nil
}

// notNumberFormat is the error for the number directive at byte at whose
// braces hold body, not a number format; want lists those taken.
func notNumberFormat(layout string, at int, body, want string) error {
	return fmt.Errorf("%s{%s} at byte %d: {%s} is not a number format: want %s", layout[at:at+2], body, at, body, want)
}

// notFieldEncoding is the error for the %t, %k or %v at byte at whose
// braces hold body, not an encoding; want lists those taken.
func notFieldEncoding(layout string, at int, body, want string) error {
	return fmt.Errorf("%s{%s} at byte %d: {%s} is not a field encoding: want %s", layout[at:at+2], body, at, body, want)
}

// braces returns what the braces of the directive at byte at (%v{hex})
// hold, up to the first }.
func braces(layout string, at int) (string, error) {
	body := layout[at+3:]
	end := strings.IndexByte(body, '}')
	if end < 0 {
		return "", unclosedBrace(layout, at)
	}
	return body[:end], nil
}

// unclosedBrace is the error for the directive at byte at whose { has no }.
func unclosedBrace(layout string, at int) error {
	return fmt.Errorf("%s{ at byte %d has no closing }", layout[at:at+2], at)
}

// emptyBraces is the error for the directive at byte at whose braces hold
// nothing (%v{}), in a layout to read or to write: they choose no format,
// so they are a mistake, whichever directive they follow.
func emptyBraces(layout string, at int) error {
	d := layout[at : at+2]
	if d == "%h" {
		return fmt.Errorf("%%h{} at byte %d has empty braces: %%h{...} is the layout of each header (%%k and %%v its key and value)", at)
	}
	return fmt.Errorf("%s{} at byte %d has empty braces: write %s without them, or a format in them (see shore help layouts)", d, at, d)
}

// unknownDirective is the error for the unknown directive at byte at (the
// %), which may be a character of more than one byte. kcat's directives
// for the value, which the record formatter names otherwise, say which
// directive it is here; a layout written for kcat that has a %T means
// kcat's timestamp by it, which is valid here as the topic's length and
// would be written so, silently, once the value's directive is mended.
func unknownDirective(layout string, at int) error {
	d, _ := utf8.DecodeRuneInString(layout[at+1:])
	if k, ok := kcatDirectives[d]; ok {
		timestamp := ""
		if topLevelDirective(layout, 'T') >= 0 {
			timestamp = ", and its %T (the timestamp) is %d: %T here is the topic's length"
		}
		return fmt.Errorf("unknown directive %%%c at byte %d: kcat's %%%c (%s) is %s here%s", d, at, d, k.what, k.here, timestamp)
	}
	return fmt.Errorf("unknown directive %%%c at byte %d", d, at)
}

// topLevelDirective returns the byte of the first directive %d in layout
// outside any braces, or -1: %d{strftime[%T]} holds strftime's %T, not a
// directive.
func topLevelDirective(layout string, d byte) int {
	depth := 0
	for i := 0; i < len(layout); i++ {
		switch c := layout[i]; {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == '%' && i+1 < len(layout):
			if layout[i+1] == d && depth == 0 {
				return i
			}
			i++ // %% and %{ are one character, not the start of another
		}
	}
	return -1
}

// KcatTimestamp returns the byte of a %T in the record layout that has no
// braces, or -1. Such a %T writes the length of the topic's name in
// digits, which kcat's %T, its timestamp, makes likely a mistake that
// nothing would show; %T{ascii} writes the same digits on purpose.
func KcatTimestamp(layout string) int {
	for from := 0; ; {
		at := topLevelDirective(layout[from:], 'T')
		if at < 0 {
			return -1
		}
		at += from
		if !strings.HasPrefix(layout[at+2:], "{") {
			return at
		}
		from = at + 2 // outside braces, as at
	}
}

// kcatDirectives are kcat's -f directives that the record formatter does
// not have: what each writes, and the directive that writes it here.
var kcatDirectives = map[rune]struct{ what, here string }{
	's': {"the value", "%v"},
	'S': {"the value's length", "%V"},
	'R': {"the value's length, 4 bytes big-endian", "%V{big32}"},
}

// lonePercent is the error for a % that ends a layout at byte at.
func lonePercent(at int) error {
	return fmt.Errorf("a lone %% at byte %d (write %%%% for a percent sign)", at)
}

// readError words the record reader's errors about the input in a field's
// terms, not in those of the Go package that parsed it, naming the
// directive of dirs that reads such a field ("%d at byte 3: no number where
// it reads one"). The record reader does not say which directive failed:
// when the layout has several that could, all of them are named ("%p at
// byte 0 or %d at byte 3").
func readError(err error, dirs []directive) error {
	var invalidHex hex.InvalidByteError
	var corrupt base64.CorruptInputError
	var num *strconv.NumError
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &invalidHex):
		return fmt.Errorf("%s: %q is not a hex digit", fieldReaders(dirs, "hex"), rune(invalidHex))
	case errors.Is(err, hex.ErrLength):
		return fmt.Errorf("%s: an odd number of hex digits", fieldReaders(dirs, "hex"))
	case errors.As(err, &corrupt):
		return fmt.Errorf("%s: not base64 (at its byte %d)", fieldReaders(dirs, "base64"), int64(corrupt))
	case errors.As(err, &syntax):
		return fmt.Errorf("%s: not JSON (at its byte %d)", fieldReaders(dirs, "json"), syntax.Offset)
	case strings.HasPrefix(err.Error(), "invalid input "):
		// The record reader's one error of its own about input: a byte
		// that its JSON scanner ({json}) finds where JSON cannot have it.
		return fmt.Errorf("%s: not JSON (%s cannot be there)", fieldReaders(dirs, "json"), strings.TrimPrefix(err.Error(), "invalid input "))
	case errors.As(err, &num) && num.Num == "":
		return fmt.Errorf("%s: no number where it reads one", numberReaders(dirs))
	case errors.As(err, &num) && errors.Is(num.Err, strconv.ErrRange):
		return fmt.Errorf("%s: %s is out of range", numberReaders(dirs), num.Num)
	case errors.As(err, &num):
		return fmt.Errorf("%s: %q is not a number", numberReaders(dirs), num.Num)
	case err.Error() == `exact text mismatch, read "\r" when expecting "\n"`:
		// A field that ends where its text does ({json}, a number)
		// leaves a CRLF line's \r before the layout's \n.
		return errors.New(`a \r where the layout has its \n: the line ends in \r\n, as a Windows file's lines do; end the layout with \r\n`)
	case strings.HasPrefix(err.Error(), "exact text mismatch, "):
		var read, want string
		if _, serr := fmt.Sscanf(err.Error(), "exact text mismatch, read %q when expecting %q", &read, &want); serr == nil {
			return fmt.Errorf("%q where the layout has %q", read, want)
		}
	case strings.HasPrefix(err.Error(), "regexp text mismatch, saw "):
		// The record reader's words name neither the field nor its
		// expression; what it saw is the text it tried, quoted.
		saw := strings.TrimPrefix(err.Error(), "regexp text mismatch, saw ")
		return fmt.Errorf("%s: its regular expression does not match the text there, %s", readers(dirs, "a {re...} field", func(d directive) bool {
			return strings.HasPrefix(d.body, "re")
		}), saw)
	}
	return err
}

// fieldReaders names the %t, %k and %v of dirs that read an encoding
// ({hex}).
func fieldReaders(dirs []directive, encoding string) string {
	return readers(dirs, "a {"+encoding+"} field", func(d directive) bool {
		return strings.IndexByte("tkv", d.text[1]) >= 0 && d.body == encoding
	})
}

// numberReaders names the directives of dirs that read a number as text
// (%p, %d, %K{ascii}, %o{hex8}), not as bytes (%K{big16}) or a count
// (%v{3}).
func numberReaders(dirs []directive) string {
	return readers(dirs, "a number field", func(d directive) bool {
		return strings.IndexByte("TKVHpoedxy", d.text[1]) >= 0 && (d.body == "" || d.body == "ascii" || strings.HasPrefix(d.body, "hex"))
	})
}

// readers names the directives of dirs that reads keeps, with "or"
// (format.List), or is none when it keeps none.
func readers(dirs []directive, none string, reads func(directive) bool) string {
	var who []string
	for _, d := range dirs {
		if reads(d) {
			who = append(who, d.String())
		}
	}
	if len(who) == 0 {
		return none
	}
	return List(who, "or")
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
	// added counts the bytes of suffix handed out, which the input
	// does not hold.
	added int
}

func (s *suffixReader) Read(p []byte) (int, error) {
	if s.eof {
		if len(s.pending) == 0 {
			return 0, io.EOF
		}
		n := copy(p, s.pending)
		s.pending = s.pending[n:]
		s.added += n
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
