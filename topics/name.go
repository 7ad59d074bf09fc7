package topics

import (
	"errors"
	"fmt"
)

// MaxNameLength is the longest topic name Kafka accepts.
const MaxNameLength = 249

// CheckName applies Apache Kafka's rules for topic names (its
// org.apache.kafka.common.internals.Topic.validate): not empty, not "." or
// "..", at most 249 characters, and only ASCII letters, digits, '.', '_'
// and '-'. The error quotes the name and says which rule it breaks.
func CheckName(name string) error {
	switch {
	case name == "":
		return errors.New("empty topic name")
	case name == "." || name == "..":
		return fmt.Errorf("topic name %q: '.' and '..' are not topic names", name)
	case len(name) > MaxNameLength:
		return fmt.Errorf("topic name %.20q...: %d characters, longer than Kafka's %d", name, len(name), MaxNameLength)
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !nameByte(c) {
			return fmt.Errorf("topic name %q: %s is not allowed (only letters, digits, '.', '_' and '-')", name, quoteByte(c))
		}
	}
	return nil
}

func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
}

// quoteByte shows a byte the way a person can read it: 'a', ' ', or \x00.
func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}
