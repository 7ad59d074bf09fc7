package format

import (
	"strconv"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/jsontext"
)

// AppendProduceMetadata appends what the broker acknowledged for r, the line
// `shore produce -m` prints, with the fields of kafka-python's RecordMetadata:
//
//	{"topic":"t","partition":0,"offset":7,"timestamp":1763856000000,"key_size":1,"value_size":5,"headers_size":-1,"input_line":3}
//
// A size is -1 for a null key or value, and headers_size (the bytes of the
// header names and values) is -1 when the record has no headers. A
// non-empty input is written before input_line, "input":"events.txt", so
// that the lines of several inputs tell which one each record came from.
func AppendProduceMetadata(dst []byte, r *kgo.Record, input string, inputLine int64) []byte {
	dst = appendRecordPlace(dst, r)
	dst = append(dst, `,"key_size":`...)
	dst = strconv.AppendInt(dst, nullableSize(r.Key), 10)
	dst = append(dst, `,"value_size":`...)
	dst = strconv.AppendInt(dst, nullableSize(r.Value), 10)
	dst = append(dst, `,"headers_size":`...)
	headers := int64(-1)
	if len(r.Headers) > 0 {
		headers = 0
		for _, h := range r.Headers {
			headers += int64(len(h.Key) + len(h.Value))
		}
	}
	dst = strconv.AppendInt(dst, headers, 10)
	if input != "" {
		dst = append(dst, `,"input":`...)
		dst = jsontext.AppendString(dst, input)
	}
	dst = append(dst, `,"input_line":`...)
	dst = strconv.AppendInt(dst, inputLine, 10)
	return append(dst, "}\n"...)
}

// nullableSize is the length of b, -1 when it is null: -m's key_size and
// value_size, and a layout's %K and %V.
func nullableSize(b []byte) int64 {
	if b == nil {
		return -1
	}
	return int64(len(b))
}

// appendRecordPlace opens a JSON object with where r is: topic, partition,
// offset and timestamp.
func appendRecordPlace(dst []byte, r *kgo.Record) []byte {
	dst = append(dst, `{"topic":`...)
	dst = jsontext.AppendString(dst, r.Topic)
	dst = append(dst, `,"partition":`...)
	dst = strconv.AppendInt(dst, int64(r.Partition), 10)
	dst = append(dst, `,"offset":`...)
	dst = strconv.AppendInt(dst, r.Offset, 10)
	dst = append(dst, `,"timestamp":`...)
	dst = strconv.AppendInt(dst, r.Timestamp.UnixMilli(), 10)
	return dst
}
