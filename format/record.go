package format

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/twmb/franz-go/pkg/kgo"
)

// RecordLayout appends one consumed record as text. p is the fetch
// partition the record came in, for the log start, last stable and high
// watermark offsets.
type RecordLayout interface {
	Append(dst []byte, p *kgo.FetchPartition, r *kgo.Record) []byte
	// AppendDecoded writes the decoded key and value of d, where set, in
	// place of the record's bytes: JSON values in JSON lines, JSON text in
	// a layout's %k and %v.
	AppendDecoded(dst []byte, p *kgo.FetchPartition, r *kgo.Record, d *Decoded) []byte
}

// NewLayout compiles a layout in franz-go's record formatter syntax
// (kgo.NewRecordFormatter), once, for every record of a run.
//
// A layout with unpack directives (%v{unpack[>I]}) is also an Unpacker.
func NewLayout(layout string) (RecordLayout, error) { return newLayout(layout, false) }

// NewTerminalLayout is NewLayout for a terminal: the bytes of the record
// that the layout writes as they are (%t, %k, %v, a header's %k and %v,
// and what their unpack writes) show their control characters other than
// newline and tab as \xNN, as NewTerminalWriter shows them, so that a
// binary value cannot garble the terminal, while the layout's own text (a
// colour's \x1b[1m, a \r before the \n) is written as it is.
func NewTerminalLayout(layout string) (RecordLayout, error) { return newLayout(layout, true) }

func newLayout(layout string, terminal bool) (RecordLayout, error) {
	var scan formatterScan
	if err := checkFormatter(layout, &scan); err != nil {
		return nil, err
	}
	cuts := scan.cuts
	if terminal {
		cuts = headerCuts(layout, cuts)
	}
	l, err := newTextLayout(layout, cuts, terminal)
	if err != nil {
		return nil, err
	}
	l.headerValues = scan.headerValues
	l.partitionOffsets = scan.partitionOffsets
	if len(scan.unpacks) > 0 {
		return unpackLayout{l, scan.unpacks}, nil
	}
	return l, nil
}

// formatterScan is what checkFormatterLayout finds in a layout besides
// its mistakes.
type formatterScan struct {
	unpacks []unpackField
	// cuts are the parts that textLayout writes itself, in order: the %K
	// and %V outside any braces, and each %h{...} with a %V inside.
	cuts []layoutCut
	// headerValue and headerSizes are what the %h{...} being checked
	// writes: a value (%v), the values' lengths (%V, as in cuts).
	// headerValues is the first %h{...} that writes values without their
	// lengths, as the layout has it.
	headerValue  bool
	headerSizes  []layoutCut
	headerValues string
	// partitionOffsets is the layout's first %[, %| or %], as it has it.
	partitionOffsets string
}

// layoutCut is a part of a layout, its bytes [from, to) with its braces,
// that textLayout writes: a %K or %V, or a %h{...} whose %V it writes;
// sizes are then those %V, in bytes from the one after the {.
type layoutCut struct {
	from, to int
	sizes    []layoutCut
}

// checkFormatter checks layout as kgo.NewRecordFormatter reads it, with
// every mistake named by the directive (or escape) at fault and its byte,
// as the layouts produce reads are: a % at the end, a { never closed, an
// unknown %q or \q, braces that hold no format the directive knows
// (%k{bogus}, %T{big33}, %d{soon}), a strftime, go or unpack format whose
// delimiters do not close (%d{strftime#%F}), and whatever else the record
// formatter refuses in one directive, in its words. It notes in scan what
// else it finds.
func checkFormatter(layout string, scan *formatterScan) error {
	if err := checkFormatterLayout(layout, 0, len(layout), false, scan); err != nil {
		return err
	}
	_, err := kgo.NewRecordFormatter(layout)
	return err
}

// The braces the record formatter takes after its directives, and how
// errors list them.
var (
	writeNumberFormats = []string{"ascii", "number", "hex", "hex4", "hex8", "hex16", "hex32", "hex64", "byte", "big8", "big16", "big32", "big64", "little8", "little16", "little32", "little64", "bool"}
	writeEncodings     = []string{"base64", "base64raw", "hex"}
	attributes         = []string{"compression", "timestamp-type", "transactional-bit", "control-bit"}
)

const (
	wantWriteNumber   = "ascii, hex, hex4, hex8, hex16, hex32, hex64, byte, big16, big32, big64, little16, little32, little64 or bool"
	wantWriteEncoding = "{base64}, {base64raw}, {hex} or {unpack[...]}"
	wantAttribute     = "{compression}, {timestamp-type}, {transactional-bit} or {control-bit}, each also as {NAME;FORMAT} with a number format"
	wantTime          = "{strftime[...]}, {go[...]} or a number format (" + wantWriteNumber + ")"
)

// checkFormatterLayout checks layout[from:to] directive by directive, as
// the record formatter reads it: nested braces pair, and a byte after % is
// never a brace. Errors give bytes of the whole layout, so the headers'
// layout inside %h{...} is checked in place (header is true there). The
// unpack directives, and the %K and %V outside braces, are noted in scan.
func checkFormatterLayout(layout string, from, to int, header bool, scan *formatterScan) error {
	for i := from; i < to; i++ {
		switch layout[i] {
		case '\\':
			_, last, err := escapeAt(layout[:to], i)
			if err != nil {
				return err
			}
			i = last
		case '%':
			if i+1 == to {
				return lonePercent(i)
			}
			if strings.IndexByte("%{}", layout[i+1]) >= 0 {
				i++
				continue
			}
			end := i + 2 // just past the directive and its braces
			if i+2 < to && layout[i+2] == '{' {
				closing := closingBrace(layout[:to], i+3)
				if closing < 0 {
					return unclosedBrace(layout, i)
				}
				end = closing + 1
			}
			if err := checkFormatterDirective(layout, i, end, header, scan); err != nil {
				return err
			}
			i = end - 1
		}
	}
	return nil
}

// recordDirectives are the directives of a record that the headers'
// layout inside %h{...} does not have: the record formatter writes each
// header as a record of its key and value alone, so that %o there is 0,
// %t empty and %[ "<nil>", whatever the record.
const recordDirectives = "tTHpoeixyD[|]adAh"

// checkFormatterDirective checks the directive layout[at:end], with its
// braces if it has any.
func checkFormatterDirective(layout string, at, end int, header bool, scan *formatterScan) error {
	d := layout[at+1]
	hasBraces := end > at+2
	body := ""
	if hasBraces {
		body = layout[at+3 : end-1]
	}
	switch {
	case hasBraces && body == "" && d != 'a':
		return emptyBraces(layout, at)
	case header && strings.IndexByte(recordDirectives, d) >= 0:
		return fmt.Errorf("%s at byte %d is inside %%h{...}, which writes only a header's %%k, %%K, %%v and %%V: write it outside the braces", layout[at:end], at)
	case strings.IndexByte("TKVHpoeixyD[|]", d) >= 0:
		if hasBraces && !slices.Contains(writeNumberFormats, body) {
			return notNumberFormat(layout, at, body, wantWriteNumber)
		}
		if strings.IndexByte("[|]", d) >= 0 && scan.partitionOffsets == "" {
			scan.partitionOffsets = layout[at:end]
		}
		switch {
		case (d == 'K' || d == 'V') && !header:
			scan.cuts = append(scan.cuts, layoutCut{from: at, to: end})
		case d == 'V':
			scan.headerSizes = append(scan.headerSizes, layoutCut{from: at, to: end})
		}
	case strings.IndexByte("tkv", d) >= 0:
		scan.headerValue = scan.headerValue || (header && d == 'v')
		switch {
		case !hasBraces:
		case strings.HasPrefix(body, "unpack"):
			format, err := checkDelimited(layout[at:end], at, body, "unpack")
			if err != nil {
				return err
			}
			if err := checkUnpack(format); err != nil {
				return fmt.Errorf("%s at byte %d: %v", layout[at:end], at, err)
			}
			scan.unpacks = append(scan.unpacks, newUnpackField(layout[at:end], d, header, format))
		case !slices.Contains(writeEncodings, body):
			return notFieldEncoding(layout, at, body, wantWriteEncoding)
		}
	case d == 'a':
		if !hasBraces {
			return fmt.Errorf("%%a at byte %d needs braces: want %s", at, wantAttribute)
		}
		name, number, hasNumber := strings.Cut(body, ";")
		if !slices.Contains(attributes, name) {
			return fmt.Errorf("%%a{%s} at byte %d: {%s} is not an attribute: want %s", body, at, name, wantAttribute)
		}
		switch {
		case hasNumber && number == "":
			return fmt.Errorf("%%a{%s} at byte %d: no number format after the ;: want %s", body, at, wantWriteNumber)
		case hasNumber && !slices.Contains(writeNumberFormats, number):
			return fmt.Errorf("%%a{%s} at byte %d: %s is not a number format: want %s", body, at, number, wantWriteNumber)
		}
	case d == 'h':
		if !hasBraces {
			return fmt.Errorf("%%h at byte %d needs braces: %%h{...} is the layout of each header (%%k and %%v its key and value); kcat's %%h (name=value, comma-separated) is %%h{%%k=%%v,}, a comma after each", at)
		}
		scan.headerValue, scan.headerSizes = false, nil
		if err := checkFormatterLayout(layout, at+3, end-1, true, scan); err != nil {
			return err
		}
		if len(scan.headerSizes) > 0 {
			cut := layoutCut{from: at, to: end}
			for _, size := range scan.headerSizes {
				cut.sizes = append(cut.sizes, layoutCut{from: size.from - (at + 3), to: size.to - (at + 3)})
			}
			scan.cuts = append(scan.cuts, cut)
		} else if scan.headerValue && scan.headerValues == "" {
			scan.headerValues = layout[at:end]
		}
		return nil
	case d == 'd' || d == 'A':
		switch {
		case !hasBraces, slices.Contains(writeNumberFormats, body):
		case strings.HasPrefix(body, "strftime"):
			format, err := checkDelimited(layout[at:end], at, body, "strftime")
			if err != nil {
				return err
			}
			if err := checkStrftime(format); err != nil {
				return fmt.Errorf("%s at byte %d: %v", layout[at:end], at, err)
			}
		case strings.HasPrefix(body, "go"):
			if _, err := checkDelimited(layout[at:end], at, body, "go"); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%%%c{%s} at byte %d: {%s} is not a time format: want %s", d, body, at, body, wantTime)
		}
	default:
		return unknownDirective(layout, at)
	}
	if _, err := kgo.NewRecordFormatter(layout[at:end]); err != nil {
		return fmt.Errorf("%s at byte %d: %v", layout[at:end], at, err)
	}
	return nil
}

// checkDelimited checks the braces of the directive at byte at, written
// directive, which hold a format between delimiters after name
// (%d{strftime[%F]}, %d{go#2006#}, %v{unpack[>iq]}), as the record
// formatter reads them: one or more of an opening byte, the format, and as
// many of the closing byte, which is the same byte but for ], } and ).
// A delimiter is an ASCII byte: the formatter reads them byte by byte. It
// returns the format between the delimiters.
func checkDelimited(directive string, at int, body, name string) (string, error) {
	rest := body[len(name):]
	if rest == "" || rest[0] >= utf8.RuneSelf {
		return "", fmt.Errorf("%s at byte %d: %s needs its format between delimiters, as in {%s[...]}", directive, at, name, name)
	}
	opening, closing, format, after, ok := splitDelimited(rest)
	if !ok {
		return "", fmt.Errorf("%s at byte %d: the format after %s%s has no closing %s", directive, at, name, opening, closing)
	}
	if after != "" {
		return "", fmt.Errorf("%s at byte %d: %q follows the closing %s of the %s format", directive, at, after, closing, name)
	}
	if format == "" {
		return "", emptyFormat(directive, at, name)
	}
	return format, nil
}

// emptyFormat is the error for the directive at byte at, written directive,
// whose name's format between its delimiters is empty (%d{strftime[]}): it
// would write or read nothing, as empty braces would.
func emptyFormat(directive string, at int, name string) error {
	return fmt.Errorf("%s at byte %d: the %s format between the delimiters is empty", directive, at, name)
}

// splitDelimited cuts rest, which starts with one or more of an opening
// delimiter byte, as the record formatter and reader read it: the opening
// run, the closing run (as many of the same byte, but for ], } and ) that
// close [, { and (), the format between them and what follows; ok is false
// when the closing run never comes.
func splitDelimited(rest string) (opening, closing, format, after string, ok bool) {
	n := 1
	for n < len(rest) && rest[n] == rest[0] {
		n++
	}
	closer := rest[0]
	switch closer {
	case '[':
		closer = ']'
	case '{':
		closer = '}'
	case '(':
		closer = ')'
	}
	opening, closing = rest[:n], strings.Repeat(string([]byte{closer}), n)
	i := strings.Index(rest[n:], closing)
	if i < 0 {
		return opening, closing, "", "", false
	}
	return opening, closing, rest[n : n+i], rest[n+i+n:], true
}

// cStrftime rewrites the strftime formats of text, a piece of a checked
// layout, so that the record formatter writes what strftime(3) writes in
// the C locale: %x is %m/%d/%y there (the formatter's %D), where the
// formatter writes %d/%m/%y, and an E or O modifier changes nothing (%EY
// is %Y), where the formatter skipped the letter after it too, writing
// nothing. The hour on the 12-hour clock (%I, %l, %r) runs from 12 through
// 11, where the formatter's runs from 0, writing 00:30:00 AM for half past
// midnight and 00:30:00 PM for half past noon: a go format writes it
// instead (03 for %I, 03:04:05 PM for %r), and %l, which pads it with a
// space, is a part of its own (see strftimePart). text comes back in
// parts, one unless it has an %l.
func cStrftime(text string) []strftimePart {
	var parts []strftimePart
	var b []byte
	last := 0
	for i := 0; i+1 < len(text); i++ {
		if text[i] != '%' {
			continue
		}
		if d := text[i+1]; d != 'd' && d != 'A' || !strings.HasPrefix(text[i+2:], "{strftime") {
			i++ // a directive's letter, or the second % of %%
			continue
		}
		from := i + len("%d{strftime")
		opening, closing, format, _, ok := splitDelimited(text[from:])
		if !ok {
			continue
		}
		at := from + len(opening)
		b = append(b, text[last:i]...)
		open := text[i:at]
		// opened is where the format written since the directive was
		// last opened starts: one that is still empty when it closes
		// is left out with its delimiters.
		b = append(b, open...)
		opened := len(b)
		closeFormat := func() {
			if len(b) == opened {
				b = b[:opened-len(open)]
				return
			}
			b = append(b, closing+"}"...)
		}
		for j := 0; j < len(format); j++ {
			c := format[j]
			if c != '%' || j+1 == len(format) {
				b = append(b, c)
				continue
			}
			j++
			if c = format[j]; (c == 'E' || c == 'O') && j+1 < len(format) {
				j++
				c = format[j]
			}
			hour12 := ""
			switch c {
			case 'x':
				c = 'D'
			case 'I':
				hour12 = "03"
			case 'r':
				hour12 = "03:04:05 PM"
			case 'l':
				hour12 = "3"
			}
			if hour12 == "" {
				b = append(b, '%', c)
				continue
			}
			closeFormat()
			goFormat := "%" + text[i+1:i+2] + "{go#" + hour12 + "#}"
			if c == 'l' {
				parts = append(parts, strftimePart{text: string(b)}, strftimePart{text: goFormat, spaced: true})
				b = nil
			} else {
				b = append(b, goFormat...)
			}
			b = append(b, open...)
			opened = len(b)
		}
		closeFormat()
		last = at + len(format) + len(closing) + 1
		i = last - 1
	}
	b = append(b, text[last:]...)
	return append(parts, strftimePart{text: string(b)})
}

// strftimePart is a part of a layout's text that cStrftime rewrote: text
// for the record formatter or, when spaced is set, a go format of the hour
// on the 12-hour clock (1 to 12) that textLayout pads to two with a space
// before it, strftime's %l.
type strftimePart struct {
	text   string
	spaced bool
}

// unpackLetters are the letters of the record formatter's unpack, Python
// struct's that it has.
const unpackLetters = "x<>bBhHiIqQc.s$"

// checkUnpack checks that an unpack format uses only unpackLetters, and
// nothing after $ (the end of the input), where the record formatter's own
// error names neither the directive nor the letters it takes.
func checkUnpack(format string) error {
	if i := strings.IndexFunc(format, func(r rune) bool { return !strings.ContainsRune(unpackLetters, r) }); i >= 0 {
		c, _ := utf8.DecodeRuneInString(format[i:])
		return fmt.Errorf("unpack has no %c: want %s", c, strings.Join(strings.Split(unpackLetters, ""), " "))
	}
	if i := strings.IndexByte(format, '$'); i >= 0 && i < len(format)-1 {
		return fmt.Errorf("%q follows unpack's $, which is the end of the input", format[i+1:])
	}
	return nil
}

// strftimeLetters are the conversions of the record formatter's strftime,
// those of strftime(3): it writes any other %X as it is, so that
// %d{strftime[%T.%L]} wrote "12:00:00.%L".
const strftimeLetters = "aAbhBcCdDeFGgHIjklmMnpPrRsStTuUVwWxXyYzZ+%"

// checkStrftime checks that a strftime format uses only strftimeLetters
// (after an E or O modifier too, which strftime ignores).
func checkStrftime(format string) error {
	for i := 0; i+1 < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if (format[i] == 'E' || format[i] == 'O') && i+1 < len(format) {
			i++
		}
		if c, _ := utf8.DecodeRuneInString(format[i:]); !strings.ContainsRune(strftimeLetters, c) {
			return fmt.Errorf("strftime has no %%%c; %s", c, strftimeInstead(c))
		}
	}
	return nil
}

// strftimeInstead says what to write for %c, which strftime(3) does not
// have: the fractions of a second that date(1), Ruby and Python write (%N,
// %3N, %L, %f) and glibc's padding flags (%-d, %_H, %0e, %^a, %#Z) are a go
// format's; for any other letter, strftime(3) lists those it has.
func strftimeInstead(c rune) string {
	switch {
	case strings.ContainsRune("NLf", c) || c >= '1' && c <= '9':
		return "for milliseconds write a go format, as %d{go#2006-01-02 15:04:05.000#}"
	case strings.ContainsRune("-_0^#", c):
		return "glibc's flags are not strftime(3)'s: for numbers without padding write a go format, as %d{go#2/1/2006 3:04 PM#}"
	}
	return "strftime(3) lists the letters it has"
}

// closingBrace returns the byte of the } that closes a { just before
// layout[from:], or -1.
func closingBrace(layout string, from int) int {
	depth := 1
	for i := from; i < len(layout); i++ {
		switch layout[i] {
		case '%':
			i++
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// textLayout writes records with the record formatter, but for the %K
// and %V outside any braces: the formatter writes 0 for a null key or
// value, and a null one is -1 here, as kcat's %K, %S and %R write it
// (4 bytes ff ff ff ff in {big32}); and for %h{...} with a %V inside,
// whose null header values' %V is -1 too. The layout is cut at them into
// pieces, each a formatter of its own, called in turn for every record (so
// %i counts alike in each); a %K or %V piece is a formatter of %o in the
// same number format, given the length as the offset, and a %h{...} piece
// a textLayout of its braces, given each header as a record of its name
// and value, as the record formatter writes headers.
type textLayout struct {
	pieces []layoutPiece
	// scratch is where a piece that shows a field for a terminal writes
	// it first (NewTerminalLayout).
	scratch *[]byte
	// headerValues is the layout's first %h{...} that writes header
	// values (see HeaderValueWriter).
	headerValues string
	// partitionOffsets is the layout's first %[, %| or %] (see
	// PartitionOffsetsWriter).
	partitionOffsets string
}

// HeaderValueWriter is a RecordLayout whose %h{...} writes header values
// (%v) without their lengths (%V): a null header value is written as an
// empty one, so the text cannot tell them apart, and produce -f with the
// same layout sends it empty.
type HeaderValueWriter interface {
	// WritesHeaderValues returns the first %h{...} of the layout that
	// writes header values without their lengths, as the layout has it;
	// "" when none does.
	WritesHeaderValues() string
}

func (l textLayout) WritesHeaderValues() string { return l.headerValues }

// PartitionOffsetsWriter is a RecordLayout that writes a partition's log
// start offset, last stable offset or high watermark (%[ %| %]), which a
// fetch response carries: written without a *kgo.FetchPartition, as for a
// produced record, each is the text <nil>.
type PartitionOffsetsWriter interface {
	// WritesPartitionOffsets returns the layout's first %[, %| or %], as
	// the layout has it; "" when it has none.
	WritesPartitionOffsets() string
}

func (l textLayout) WritesPartitionOffsets() string { return l.partitionOffsets }

type layoutPiece struct {
	f *kgo.RecordFormatter
	// size is 'K' or 'V' for a piece that writes the key's or the value's
	// length, 'h' for one that writes headers (with headers, not f), 'l'
	// for strftime's %l (the hour on the 12-hour clock, which the piece
	// pads to two with a space), 0 for one that writes its part of the
	// layout.
	size    byte
	headers *textLayout
	// terminal says that the piece writes a field of the record's own
	// bytes, shown for a terminal (NewTerminalLayout).
	terminal bool
}

// newTextLayout cuts layout, which checkFormatterLayout accepted, at its
// cuts (formatterScan.cuts); for a terminal also at each %t, %k and %v
// (see NewTerminalLayout), whose cuts must then include every %h{...}.
func newTextLayout(layout string, cuts []layoutCut, terminal bool) (textLayout, error) {
	var l textLayout
	if terminal {
		l.scratch = new([]byte)
	}
	addOne := func(text string, size byte, field bool) error {
		if text == "" {
			return nil
		}
		for _, part := range cStrftime(text) {
			if part.text == "" {
				continue
			}
			f, err := kgo.NewRecordFormatter(part.text)
			if err != nil {
				return err
			}
			piece := layoutPiece{f: f, size: size, terminal: field}
			if part.spaced {
				piece.size = 'l'
			}
			l.pieces = append(l.pieces, piece)
		}
		return nil
	}
	add := func(text string, size byte) error {
		if !terminal || size != 0 {
			return addOne(text, size, false)
		}
		for _, part := range fieldParts(text) {
			if err := addOne(part.text, 0, part.field); err != nil {
				return err
			}
		}
		return nil
	}
	from := 0
	for _, cut := range cuts {
		if err := add(layout[from:cut.from], 0); err != nil {
			return textLayout{}, err
		}
		var err error
		if d := layout[cut.from+1]; d == 'h' {
			var headers textLayout
			headers, err = newTextLayout(layout[cut.from+3:cut.to-1], cut.sizes, terminal)
			l.pieces = append(l.pieces, layoutPiece{size: d, headers: &headers})
		} else {
			err = add("%o"+layout[cut.from+2:cut.to], d)
		}
		if err != nil {
			return textLayout{}, err
		}
		from = cut.to
	}
	return l, add(layout[from:], 0)
}

// eachDirective calls visit with the bytes [at, end) of each directive of
// layout, which checkFormatterLayout accepted, that is outside any braces,
// its braces included: not %%, %{ and %}, which are text.
func eachDirective(layout string, visit func(at, end int)) {
	for i := 0; i < len(layout); i++ {
		switch layout[i] {
		case '\\':
			_, last, _ := escapeAt(layout, i)
			i = last
		case '%':
			if strings.IndexByte("%{}", layout[i+1]) >= 0 {
				i++
				continue
			}
			end := i + 2
			if end < len(layout) && layout[end] == '{' {
				end = closingBrace(layout, end+1) + 1
			}
			visit(i, end)
			i = end - 1
		}
	}
}

// headerCuts adds to cuts every %h{...} of layout that is not one of them,
// in the order of the layout, for a terminal layout to show each header's
// fields (see newTextLayout).
func headerCuts(layout string, cuts []layoutCut) []layoutCut {
	all := slices.Clone(cuts)
	eachDirective(layout, func(at, end int) {
		if layout[at+1] == 'h' && !slices.ContainsFunc(cuts, func(c layoutCut) bool { return c.from == at }) {
			all = append(all, layoutCut{from: at, to: end})
		}
	})
	slices.SortFunc(all, func(a, b layoutCut) int { return a.from - b.from })
	return all
}

// layoutPart is a part of a layout's text: a directive that writes a field
// of the record's own bytes (%t, %k, %v), or the text between them.
type layoutPart struct {
	text  string
	field bool
}

// fieldParts cuts text, a part of a layout that checkFormatterLayout
// accepted and that holds no %h{...}, at its %t, %k and %v.
func fieldParts(text string) []layoutPart {
	var parts []layoutPart
	from := 0
	eachDirective(text, func(at, end int) {
		if strings.IndexByte("tkv", text[at+1]) < 0 {
			return
		}
		if at > from {
			parts = append(parts, layoutPart{text: text[from:at]})
		}
		parts = append(parts, layoutPart{text: text[at:end], field: true})
		from = end
	})
	if from < len(text) {
		parts = append(parts, layoutPart{text: text[from:]})
	}
	return parts
}

func (l textLayout) Append(dst []byte, p *kgo.FetchPartition, r *kgo.Record) []byte {
	if len(l.pieces) == 1 && l.pieces[0].size == 0 && !l.pieces[0].terminal {
		return l.pieces[0].f.AppendPartitionRecord(dst, p, r)
	}
	for _, piece := range l.pieces {
		if piece.terminal {
			*l.scratch = piece.f.AppendPartitionRecord((*l.scratch)[:0], p, r)
			dst = appendTerminalSafe(dst, *l.scratch, len(dst) > 0 && dst[len(dst)-1] == c1Lead, false)
			continue
		}
		switch piece.size {
		case 'K':
			dst = piece.f.AppendRecord(dst, &kgo.Record{Offset: nullableSize(r.Key)})
		case 'V':
			dst = piece.f.AppendRecord(dst, &kgo.Record{Offset: nullableSize(r.Value)})
		case 'l':
			at := len(dst)
			if dst = piece.f.AppendPartitionRecord(dst, p, r); len(dst)-at == 1 {
				dst = append(dst[:at], ' ', dst[at])
			}
		case 'h':
			for _, h := range r.Headers {
				dst = piece.headers.Append(dst, p, &kgo.Record{Key: []byte(h.Key), Value: h.Value})
			}
		default:
			dst = piece.f.AppendPartitionRecord(dst, p, r)
		}
	}
	return dst
}

func (l textLayout) AppendDecoded(dst []byte, p *kgo.FetchPartition, r *kgo.Record, d *Decoded) []byte {
	if d == nil || (d.Key == nil && d.Value == nil) {
		return l.Append(dst, p, r)
	}
	shown := *r
	if d.Key != nil {
		shown.Key = d.Key.JSON
	}
	if d.Value != nil {
		shown.Value = d.Value.JSON
	}
	return l.Append(dst, p, &shown)
}

// NewJSONLayout writes each record as one AppendJSON line.
func NewJSONLayout(o JSONOptions) RecordLayout { return jsonLayout(o) }

type jsonLayout JSONOptions

func (l jsonLayout) Append(dst []byte, _ *kgo.FetchPartition, r *kgo.Record) []byte {
	return AppendJSON(dst, r, JSONOptions(l))
}

func (l jsonLayout) AppendDecoded(dst []byte, _ *kgo.FetchPartition, r *kgo.Record, d *Decoded) []byte {
	return AppendJSONDecoded(dst, r, JSONOptions(l), d)
}
