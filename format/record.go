package format

import (
	"fmt"

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
	f, err := kgo.NewRecordFormatter(layout)
	if err != nil {
		return nil, fmt.Errorf("layout %q: %v", layout, err)
	}
	return textLayout{f}, nil
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
