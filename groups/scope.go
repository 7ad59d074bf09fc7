package groups

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/topics"
)

// Scope is one --topic value: a topic and, optionally, some of its
// partitions (none means every partition).
type Scope struct {
	Topic      string
	Partitions []int32
}

// ParseScope parses TOPIC or TOPIC:P,P,... (partitions sorted, spaces
// around them allowed). A partition given twice is refused, as groups
// commit and plan files refuse it: orders:1,1 is likelier a typo of
// orders:1,2 than a wish. The error names the topic or the partition at
// fault, not s, which the caller names with its flag: a topic that is all
// of s is not named again.
func ParseScope(s string) (Scope, error) {
	topic, parts, hasParts := strings.Cut(s, ":")
	if err := topics.CheckName(topic); err != nil {
		if !hasParts {
			return Scope{}, errors.New(topics.NameReason(topic))
		}
		return Scope{}, err
	}
	sc := Scope{Topic: topic}
	if !hasParts {
		return sc, nil
	}
	for _, f := range strings.Split(parts, ",") {
		p, err := topics.ParsePartition(strings.TrimSpace(f))
		if err != nil {
			return Scope{}, err
		}
		if slices.Contains(sc.Partitions, p) {
			return Scope{}, fmt.Errorf("%s:%d is given twice", topic, p)
		}
		sc.Partitions = append(sc.Partitions, p)
	}
	slices.Sort(sc.Partitions)
	return sc, nil
}

// Offset is one partition's offset, as given on the command line or in a
// plan file.
type Offset struct {
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
	Offset    int64  `json:"offset"`
	// Line is the plan file line it came from (for a JSON plan, the line
	// of its entry's opening brace); 0 when it came from elsewhere.
	Line int `json:"-"`
}

// ParseAssignment parses TOPIC:PARTITION=OFFSET, the argument of `groups
// commit`.
func ParseAssignment(s string) (Offset, error) {
	if args, ok := joinedAssignments(s); ok {
		return Offset{}, fmt.Errorf("%q: give each TOPIC:PARTITION=OFFSET as its own argument: %s", s, args)
	}
	tp, off, ok := strings.Cut(s, "=")
	topic, part, ok2 := strings.Cut(tp, ":")
	if !ok || !ok2 {
		return Offset{}, fmt.Errorf("%q: want TOPIC:PARTITION=OFFSET%s", s, assignmentHint(s))
	}
	if err := checkTopic(topic, s); err != nil {
		return Offset{}, err
	}
	p, err := topics.ParsePartition(part)
	if err != nil {
		return Offset{}, fmt.Errorf("%q: %v", s, err)
	}
	o, err := parseOffset(off)
	if err != nil {
		return Offset{}, fmt.Errorf("%q: %v", s, err)
	}
	return Offset{Topic: topic, Partition: p, Offset: o}, nil
}

// assignmentHint is what to write for s, which is not TOPIC:PARTITION=OFFSET:
// the assignment meant when a ':' stands for the '=' (orders:0:5), and,
// for a topic without its partition (orders=5), how to name it, or to move
// every partition of the topic with seek; "" otherwise.
func assignmentHint(s string) string {
	if i := strings.LastIndex(s, ":"); i > 0 && !strings.Contains(s, "=") {
		if meant := s[:i] + "=" + s[i+1:]; validAssignment(meant) {
			return "; write it " + meant
		}
	}
	topic, off, ok := strings.Cut(s, "=")
	if ok && !strings.Contains(topic, ":") && validAssignment(topic+":0="+off) {
		return fmt.Sprintf("; name the partition, as %s:0=%s, or move every partition of %s with 'shore groups seek GROUP --to %s --topic %s'", topic, off, topic, off, topic)
	}
	return ""
}

// validAssignment reports whether s is a TOPIC:PARTITION=OFFSET.
func validAssignment(s string) bool {
	_, err := ParseAssignment(s)
	return err == nil
}

// joinedAssignments reads s as several TOPIC:PARTITION=OFFSET joined by
// commas, as kafka-style lists write them (t:0=3,t:1=5, or t:0=3,1=5 with
// the topic once), and returns them as commit's arguments: t:0=3 t:1=5.
// An empty piece, of a comma at an end or doubled (t:0=3, as a list
// copied with its separator), is passed over. ok is false unless every
// other piece is an assignment.
func joinedAssignments(s string) (args string, ok bool) {
	pieces := strings.Split(s, ",")
	if len(pieces) < 2 {
		return "", false
	}
	topic := ""
	var assignments []string
	for _, piece := range pieces {
		if piece == "" {
			continue
		}
		if t, _, found := strings.Cut(piece, ":"); found {
			topic = t
		} else if topic != "" {
			piece = topic + ":" + piece
		}
		if _, err := ParseAssignment(piece); err != nil {
			return "", false
		}
		assignments = append(assignments, piece)
	}
	return strings.Join(assignments, " "), len(assignments) > 0
}

func checkTopic(topic, whole string) error {
	if err := topics.CheckName(topic); err != nil {
		return fmt.Errorf("%q: %v", whole, err)
	}
	return nil
}

// parseOffset takes digits only. It refuses a sign: +5 reads as a move
// from the commit, which an offset given here is not, and -0, which is no
// offset a tool writes, is refused with the other negative numbers.
func parseOffset(s string) (int64, error) {
	if strings.HasPrefix(s, "+") {
		return 0, fmt.Errorf("offset %q has a sign, but an offset is absolute; 'shore groups seek --shift' moves from the commit", s)
	}
	o, ok, tooLarge := format.ParseCount(s)
	switch {
	case tooLarge:
		return 0, fmt.Errorf("offset %q is %s", s, format.OffsetTooLarge)
	case !ok:
		return 0, fmt.Errorf("offset %q is not a number 0 or more", s)
	}
	return o, nil
}
