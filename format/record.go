package format

import (
	"strings"

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
func NewLayout(layout string) (RecordLayout, error) {
	f, err := NewFormatter(layout)
	if err != nil {
		return nil, err
	}
	return textLayout{f}, nil
}

// NewFormatter is kgo.NewRecordFormatter with the mistakes it words
// without a place (a % at the end, a { never closed) named with the byte
// of the layout they are at.
func NewFormatter(layout string) (*kgo.RecordFormatter, error) {
	if err := checkFormatterLayout(layout); err != nil {
		return nil, err
	}
	return kgo.NewRecordFormatter(layout)
}

// checkFormatterLayout finds a lone % at the end of layout and a
// directive's { without its }, counted as the record formatter counts
// them: nested braces pair, and a byte after % is never a brace.
func checkFormatterLayout(layout string) error {
	for i := 0; i < len(layout); i++ {
		switch layout[i] {
		case '\\':
			i++
		case '%':
			if i+1 == len(layout) {
				return lonePercent(i)
			}
			if i+2 >= len(layout) || layout[i+2] != '{' || strings.IndexByte("%{}", layout[i+1]) >= 0 {
				i++
				continue
			}
			end := closingBrace(layout, i+3)
			if end < 0 {
				return unclosedBrace(layout, i)
			}
			i = end
		}
	}
	return nil
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

type textLayout struct{ f *kgo.RecordFormatter }

func (l textLayout) Append(dst []byte, p *kgo.FetchPartition, r *kgo.Record) []byte {
	return l.f.AppendPartitionRecord(dst, p, r)
}

func (l textLayout) AppendDecoded(dst []byte, p *kgo.FetchPartition, r *kgo.Record, d *Decoded) []byte {
	if d == nil || (d.Key == nil && d.Value == nil) {
		return l.f.AppendPartitionRecord(dst, p, r)
	}
	shown := *r
	if d.Key != nil {
		shown.Key = d.Key.JSON
	}
	if d.Value != nil {
		shown.Value = d.Value.JSON
	}
	return l.f.AppendPartitionRecord(dst, p, &shown)
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
