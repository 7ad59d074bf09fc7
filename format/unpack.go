package format

import (
	"fmt"
	"strconv"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Unpacker is a RecordLayout with unpack directives (%v{unpack[>I]}). The
// record formatter writes what it cannot unpack in the record's place
// (%!(have 2 bytes, need 4)); Unpack says so before the record is
// written.
type Unpacker interface {
	// Unpack returns an *UnpackError for the first field of r, as the
	// layout shows it (d's decoded key and value in place of the bytes,
	// when d is not nil), that an unpack directive cannot read; nil when
	// every one can.
	Unpack(r *kgo.Record, d *Decoded) error
}

// UnpackError is a field of a record that an unpack directive cannot read.
type UnpackError struct {
	// Directive is as the layout has it: %v{unpack[>I]}.
	Directive string
	// Field is the topic, key or value, or a header's name or value
	// (header "h"'s value).
	Field string
	// Len is the field's length in bytes.
	Len int
	// Reason is the record formatter's, without its %!(...): have 2
	// bytes, need 4; not end-of-input; no bytes available.
	Reason string
}

func (e *UnpackError) Error() string {
	return fmt.Sprintf("cannot unpack the %s (%s) with %s: %s", e.Field, Count(e.Len, "byte"), e.Directive, e.Reason)
}

// unpackField is one %t, %k or %v{unpack[...]} of a layout.
type unpackField struct {
	directive string
	field     byte // t, k or v
	header    bool // in %h's braces: k and v are each header's name and value
	format    string
	// size is the bytes that the format's fixed-size letters read; exact
	// says that the format ends in $ (with no s before it), so that a
	// field of more bytes is refused too.
	size  int
	exact bool
}

func newUnpackField(directive string, field byte, header bool, format string) unpackField {
	u := unpackField{directive: directive, field: field, header: header, format: format}
	for i := 0; i < len(format); i++ {
		switch c := format[i]; c {
		case 's':
			return u
		case '$':
			u.exact = true
			return u
		default:
			u.size += unpackSize(c)
		}
	}
	return u
}

// unpackSize is the bytes that the unpack letter c reads: 0 for x, < and >
// (x reads nothing in franz-go, unlike Python's pad byte).
func unpackSize(c byte) int {
	switch c {
	case 'b', 'B', 'c', '.':
		return 1
	case 'h', 'H':
		return 2
	case 'i', 'I':
		return 4
	case 'q', 'Q':
		return 8
	}
	return 0
}

// fits reports whether a field of n bytes can be unpacked.
func (u *unpackField) fits(n int) bool {
	return n == u.size || n > u.size && !u.exact
}

// reason is what the record formatter writes first for a field of n bytes
// that does not fit, without its %!(...).
func (u *unpackField) reason(n int) string {
	for i := 0; i < len(u.format); i++ {
		c := u.format[i]
		switch {
		case c == '$':
			return "not end-of-input"
		case (c == 'c' || c == '.') && n == 0:
			return "no bytes available"
		case n < unpackSize(c):
			return "have " + strconv.Itoa(n) + " bytes, need " + strconv.Itoa(unpackSize(c))
		}
		n -= unpackSize(c)
	}
	return ""
}

// fault is the error for a field of n bytes that does not fit; name is
// called only then.
func (u *unpackField) fault(n int, name func() string) error {
	if u.fits(n) {
		return nil
	}
	return &UnpackError{Directive: u.directive, Field: name(), Len: n, Reason: u.reason(n)}
}

type unpackLayout struct {
	textLayout
	fields []unpackField
}

func (l unpackLayout) Unpack(r *kgo.Record, d *Decoded) error {
	key, value := r.Key, r.Value
	if d != nil && d.Key != nil {
		key = d.Key.JSON
	}
	if d != nil && d.Value != nil {
		value = d.Value.JSON
	}
	for i := range l.fields {
		u := &l.fields[i]
		var err error
		switch {
		case u.header:
			err = u.checkHeaders(r.Headers)
		case u.field == 't':
			err = u.fault(len(r.Topic), func() string { return "topic" })
		case u.field == 'k':
			err = u.fault(len(key), func() string { return "key" })
		default:
			err = u.fault(len(value), func() string { return "value" })
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// checkHeaders checks each header as %h writes it: its name as the key,
// its value as the value, and an empty topic.
func (u *unpackField) checkHeaders(headers []kgo.RecordHeader) error {
	for _, h := range headers {
		n, part := len(h.Value), "value"
		switch u.field {
		case 't':
			n, part = 0, "topic"
		case 'k':
			n, part = len(h.Key), "name"
		}
		if err := u.fault(n, func() string { return fmt.Sprintf("header %q's %s", h.Key, part) }); err != nil {
			return err
		}
	}
	return nil
}
