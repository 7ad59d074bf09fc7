package topics

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxNameLength is the longest topic name Kafka accepts.
const MaxNameLength = 249

// internalTopics are the topics Apache Kafka 4 keeps for itself (its
// Topic.isInternal): groups' commits, transactions' state and share
// groups' state, each with the broker setting of the partition count Kafka
// creates it with and when a broker creates it: a Kafka broker creates each
// when a client first asks it for the coordinator the topic serves
// (FindCoordinator), which a consumer group's first member does before it
// joins or commits; shore dev never creates them.
var internalTopics = map[string]struct{ partitions, createdWhen string }{
	"__consumer_offsets":  {"offsets.topic.num.partitions", "a client first looks for a group's coordinator"},
	"__transaction_state": {"transaction.state.log.num.partitions", "a client first looks for a transaction's coordinator"},
	"__share_group_state": {"share.coordinator.state.topic.num.partitions", "a share group is first used"},
}

// IsInternalName reports whether name is one of the topics Apache Kafka 4
// keeps for itself: __consumer_offsets, __transaction_state and
// __share_group_state.
func IsInternalName(name string) bool {
	_, ok := internalTopics[name]
	return ok
}

// CheckName applies Apache Kafka's rules for topic names (its
// org.apache.kafka.common.internals.Topic.validate): not empty, not "." or
// "..", at most 249 characters, and only ASCII letters, digits, '.', '_'
// and '-'. The error, a *NameError, quotes the name (its first 20
// characters when it is too long) and says which rule it breaks.
func CheckName(name string) error {
	switch {
	case name == "":
		return &NameError{Reason: "empty topic name"}
	case name == "." || name == "..":
		return &NameError{Name: name, Reason: "'.' and '..' are not topic names"}
	case len(name) > MaxNameLength:
		return &NameError{Name: name, Reason: fmt.Sprintf("%d characters, longer than Kafka's %d", len(name), MaxNameLength)}
	}
	for i, r := range name {
		if r >= utf8.RuneSelf || !nameByte(byte(r)) {
			return &NameError{Name: name, Reason: fmt.Sprintf("%s is not allowed (only ASCII letters, digits, '.', '_' and '-')", quoteChar(name[i:], r))}
		}
	}
	return nil
}

// CheckCollisions fails when two of names differ only in '.' and '_',
// which Kafka counts as the same character (the two topics' metrics would
// have one name). Apache Kafka refuses a new topic that collides with an
// existing one, but not with another new one of the same request: asked
// for both, it creates both. The error quotes the first two such names.
func CheckCollisions(names []string) error {
	first := map[string]string{}
	for _, n := range names {
		unified := strings.ReplaceAll(n, ".", "_")
		if other, ok := first[unified]; ok && other != n {
			return fmt.Errorf("topics %q and %q differ only in '.' and '_', which Kafka counts as the same: create one of them", other, n)
		}
		first[unified] = n
	}
	return nil
}

// NameError is a topic name Kafka refuses. Reason says why without the
// name, for a caller that already names the value (a flag and what was
// typed); Error names it first.
type NameError struct {
	Name, Reason string
}

func (e *NameError) Error() string {
	if e.Name == "" {
		return e.Reason
	}
	return fmt.Sprintf("topic name %s: %s", QuoteName(e.Name), e.Reason)
}

// QuoteName quotes a value typed as a topic name for an error; one
// longer than any topic name is quoted by its first 20 characters.
func QuoteName(name string) string {
	if len(name) > MaxNameLength {
		return fmt.Sprintf("%.20q...", name)
	}
	return fmt.Sprintf("%q", name)
}

// NameReason is why CheckName refuses name, without the name: for an
// error that already quotes it. It is "" for a name Kafka accepts.
func NameReason(name string) string {
	var e *NameError
	if errors.As(CheckName(name), &e) {
		return e.Reason
	}
	return ""
}

func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
}

// quoteChar shows the character r that starts s the way a person can read
// it: ' ', 'ü', '\x00'; a byte that is not UTF-8 as byte 0xc3.
func quoteChar(s string, r rune) string {
	if r == utf8.RuneError && !strings.HasPrefix(s, string(utf8.RuneError)) {
		return fmt.Sprintf("byte 0x%02x", s[0])
	}
	return strconv.QuoteRune(r)
}
