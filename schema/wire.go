package schema

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/twmb/franz-go/pkg/sr"
)

// maxIndexDepth bounds the Protobuf message-index path a wire header may
// carry: a nesting deeper than this is hostile input, not a schema.
const maxIndexDepth = 64

// ErrNoMagic is a payload that does not start with the wire format's zero
// magic byte and a schema id.
var ErrNoMagic = errors.New("no schema registry header (magic byte 0 and a 4-byte schema id)")

// HasHeader reports whether b starts like a Confluent wire-format payload.
func HasHeader(b []byte) bool { return len(b) >= 5 && b[0] == 0 }

// SplitHeader returns the schema id of a wire-format payload and the bytes
// after the magic byte and the id.
func SplitHeader(b []byte) (id int, rest []byte, err error) {
	var h sr.ConfluentHeader
	id, rest, err = h.DecodeID(b)
	if err != nil {
		return 0, nil, ErrNoMagic
	}
	return id, rest, nil
}

// SplitIndex reads the Protobuf message indexes that follow the schema id:
// their count, then each index.
func SplitIndex(b []byte) (index []int, rest []byte, err error) {
	var h sr.ConfluentHeader
	index, rest, err = h.DecodeIndex(b, maxIndexDepth)
	if err != nil {
		// sr's errors for a count out of range speak of a missing header
		// or registration, which is not what went wrong.
		count, n := binary.Varint(b)
		switch {
		case n > 0 && (count < 0 || count > maxIndexDepth):
			return nil, nil, fmt.Errorf("bad Protobuf message index: its count, %d, is not from 0 to %d", count, maxIndexDepth)
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return nil, nil, errors.New("the payload ends within its Protobuf message index")
		}
		return nil, nil, fmt.Errorf("bad Protobuf message index: %v", err)
	}
	for _, i := range index {
		if i < 0 {
			return nil, nil, fmt.Errorf("bad Protobuf message index %v", index)
		}
	}
	return index, rest, nil
}

// AppendHeader appends the wire header: the magic byte, the schema id and,
// for Protobuf, the message indexes.
func AppendHeader(dst []byte, id int, index []int) []byte {
	var h sr.ConfluentHeader
	dst, _ = h.AppendEncode(dst, id, index)
	return dst
}
