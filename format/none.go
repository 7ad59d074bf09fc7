package format

import "strconv"

// BrokerID is a broker's id, negative where there is none (a partition
// without a leader) or it is not known (the controller). A table shows that
// as None and JSON as null, the rule of every -o json for a value that is
// unknown or none: a script reading -1 would take it for a broker.
type BrokerID int32

// Known reports whether the id names a broker.
func (id BrokerID) Known() bool { return id >= 0 }

// String is the id, or None.
func (id BrokerID) String() string {
	if !id.Known() {
		return None
	}
	return strconv.Itoa(int(id))
}

// MarshalJSON writes the id, or null.
func (id BrokerID) MarshalJSON() ([]byte, error) {
	if !id.Known() {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(id), 10), nil
}

// Text is a string that is empty where there is none (a topic without an
// id, a partition no member owns). A table shows that as None and JSON as
// null, where "" would read as a value.
type Text string

// String is the text, or None.
func (t Text) String() string {
	if t == "" {
		return None
	}
	return string(t)
}

// MarshalJSON writes the text as a JSON string, or null.
func (t Text) MarshalJSON() ([]byte, error) {
	if t == "" {
		return []byte("null"), nil
	}
	return MarshalJSON(string(t))
}
