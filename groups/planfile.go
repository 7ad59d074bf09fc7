package groups

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/topics"
)

// PlanFileError names the line of a plan file that does not parse.
type PlanFileError struct {
	Line int
	Msg  string
}

func (e *PlanFileError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ErrNoOffsets is a plan without offsets: empty, blank, a CSV header
// alone or an empty JSON array. It names no line, there being none to fix.
var ErrNoOffsets = errors.New("no offsets")

// ParsePlanFile reads the offsets of a seek plan: either CSV lines
// topic,partition,offset (kafka-consumer-groups' --from-file format, and what
// `groups describe -o csv` writes; blank lines are skipped, and a first line
// that is the header topic,partition,offset, as a spreadsheet exports it, is
// too) or a JSON array of {"topic","partition","offset"} objects, either
// after a byte order mark. Each offset has the line it is on. A partition
// given twice is an error, and a plan without offsets is ErrNoOffsets.
func ParsePlanFile(r io.Reader) ([]Offset, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	// A spreadsheet's "CSV UTF-8", and some Windows editors' JSON, start
	// with a byte order mark.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var offsets []Offset
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(trimmed) > 0 && trimmed[0] == '[':
		offsets, err = parseJSONPlan(data)
	case len(trimmed) > 0 && trimmed[0] == '{':
		// Such as what seek -o json writes: not a plan, and not CSV either.
		line := 1 + bytes.Count(data[:len(data)-len(trimmed)], []byte("\n"))
		return nil, &PlanFileError{Line: line, Msg: `a JSON object, where a plan is a JSON array of {"topic","partition","offset"} or topic,partition,offset lines, as seek -o csv writes them`}
	default:
		offsets, err = parseCSVPlan(data)
	}
	if err != nil {
		return nil, err
	}
	if len(offsets) == 0 {
		return nil, ErrNoOffsets
	}
	return offsets, nil
}

// GroupColumnError is a plan file of group,topic,partition,offset lines,
// what kafka-consumer-groups --export writes for several groups, where a
// seek of one group takes its topic,partition,offset lines.
type GroupColumnError struct {
	Line int
	// Groups are the groups the file has lines of, sorted.
	Groups []string
}

// maxGroupsNamed bounds how many of a file's groups an error names.
const maxGroupsNamed = 5

func (e *GroupColumnError) Error() string {
	list := ""
	if len(e.Groups) > 0 {
		list = " (" + format.QuotedFew(e.Groups, "and", maxGroupsNamed) + ")"
	}
	export := "an export of several groups" + list
	if len(e.Groups) == 1 {
		// kafka-consumer-groups --export writes the group column for one
		// group too, given --all-groups in a cluster of one group.
		export = fmt.Sprintf("an export of group %q", e.Groups[0])
	}
	return fmt.Sprintf("line %d: group,topic,partition,offset lines, %s, where a seek takes one group's topic,partition,offset lines", e.Line, export)
}

// groupLine returns the group of fields when they are those of a line
// group,topic,partition,offset.
func groupLine(fields []string) (string, bool) {
	if len(fields) != 4 {
		return "", false
	}
	_, partitionErr := topics.ParsePartition(strings.TrimSpace(fields[2]))
	_, offsetErr := parseOffset(strings.TrimSpace(fields[3]))
	return strings.TrimSpace(fields[0]), partitionErr == nil && offsetErr == nil
}

// isGroupHeader reports whether fields are the header
// group,topic,partition,offset, in any case.
func isGroupHeader(fields []string) bool {
	return len(fields) == 4 && isCSVHeader(strings.Join(fields[1:], ",")) && strings.EqualFold(strings.TrimSpace(fields[0]), "group")
}

// groupsIn returns the groups of the group,topic,partition,offset lines
// of data, sorted.
func groupsIn(data []byte) []string {
	var out []string
	for line := range strings.Lines(string(data)) {
		if g, ok := groupLine(strings.Split(strings.TrimSpace(line), ",")); ok {
			out = append(out, g)
		}
	}
	return slices.Compact(slices.Sorted(slices.Values(out)))
}

type seen map[string]map[int32]int

// add records o from line, or returns an error naming the earlier line,
// unless that is line too (a JSON plan on one line, as jq -c writes it).
func (s seen) add(o Offset, line int) error {
	ps := s[o.Topic]
	if ps == nil {
		ps = make(map[int32]int)
		s[o.Topic] = ps
	}
	switch first, dup := ps[o.Partition]; {
	case dup && first == line:
		return &PlanFileError{Line: line, Msg: fmt.Sprintf("%s:%d is given twice", o.Topic, o.Partition)}
	case dup:
		return &PlanFileError{Line: line, Msg: fmt.Sprintf("%s:%d is already given on line %d", o.Topic, o.Partition, first)}
	}
	ps[o.Partition] = line
	return nil
}

// isCSVHeader reports whether text is the header line topic,partition,offset,
// in any case and with spaces around its fields.
func isCSVHeader(text string) bool {
	fields := strings.Split(text, ",")
	if len(fields) != 3 {
		return false
	}
	for i, want := range []string{"topic", "partition", "offset"} {
		if !strings.EqualFold(strings.TrimSpace(fields[i]), want) {
			return false
		}
	}
	return true
}

// isOtherHeader reports whether fields, a plan's first line, name its
// columns otherwise than topic,partition,offset, as a spreadsheet's or
// another tool's header does (TOPIC,PARTITION,NEW-OFFSET, or the columns in
// another order): a field names a topic, a partition or an offset, and
// neither the partition nor the offset is a number, as they are in a line
// of data, whose topic may be named topic.
func isOtherHeader(fields []string) bool {
	if len(fields) != 3 {
		return false
	}
	names := slices.ContainsFunc(fields, func(f string) bool {
		f = strings.ToLower(f)
		return strings.Contains(f, "topic") || strings.Contains(f, "partition") || strings.Contains(f, "offset")
	})
	_, partitionErr := topics.ParsePartition(strings.TrimSpace(fields[1]))
	_, offsetErr := parseOffset(strings.TrimSpace(fields[2]))
	return names && partitionErr != nil && offsetErr != nil
}

func parseCSVPlan(data []byte) ([]Offset, error) {
	var offsets []Offset
	dups := make(seen)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	first := true
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		// Before the header's checks: "topic","partition","offset", as
		// R's write.csv writes it, is the header quoted, not another one.
		switch {
		case strings.IndexByte(text, 0) >= 0:
			return nil, &PlanFileError{Line: line, Msg: "a NUL byte: a plan file is text, topic,partition,offset per line"}
		case strings.IndexByte(text, '"') >= 0:
			return nil, &PlanFileError{Line: line, Msg: fmt.Sprintf("%q: quotes are not part of the format: want topic,partition,offset, unquoted", text)}
		}
		if first {
			first = false
			if isCSVHeader(text) {
				continue
			}
			if isOtherHeader(strings.Split(text, ",")) {
				return nil, &PlanFileError{Line: line, Msg: fmt.Sprintf("%q: a header other than topic,partition,offset, the one a plan may start with (or none)", text)}
			}
		}
		fields := strings.Split(text, ",")
		if _, ok := groupLine(fields); ok || isGroupHeader(fields) {
			return nil, &GroupColumnError{Line: line, Groups: groupsIn(data)}
		}
		if len(fields) == 1 && len(strings.Fields(text)) == 3 {
			return nil, &PlanFileError{Line: line, Msg: fmt.Sprintf("%q: want topic,partition,offset, with commas where rpk's --to-file has spaces", text)}
		}
		if len(fields) == 1 && len(strings.Split(text, ";")) == 3 {
			// A spreadsheet's CSV in locales whose decimal mark is ','.
			return nil, &PlanFileError{Line: line, Msg: fmt.Sprintf("%q: want topic,partition,offset, with commas where this has ';'", text)}
		}
		if len(fields) != 3 {
			return nil, &PlanFileError{Line: line, Msg: fmt.Sprintf("%q: want topic,partition,offset", text)}
		}
		o := Offset{Topic: strings.TrimSpace(fields[0]), Line: line}
		if err := topics.CheckName(o.Topic); err != nil {
			return nil, &PlanFileError{Line: line, Msg: err.Error()}
		}
		var err error
		if o.Partition, err = topics.ParsePartition(strings.TrimSpace(fields[1])); err != nil {
			return nil, &PlanFileError{Line: line, Msg: err.Error()}
		}
		if o.Offset, err = parseOffset(strings.TrimSpace(fields[2])); err != nil {
			return nil, &PlanFileError{Line: line, Msg: err.Error()}
		}
		if err := dups.add(o, line); err != nil {
			return nil, err
		}
		offsets = append(offsets, o)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return offsets, nil
}

// jsonEntry has pointers so that a missing field is told from a zero.
type jsonEntry struct {
	Topic     *string `json:"topic"`
	Partition *int32  `json:"partition"`
	Offset    *int64  `json:"offset"`
}

func parseJSONPlan(data []byte) ([]Offset, error) {
	lineAt := func(off int64) int { return 1 + bytes.Count(data[:min(int(off), len(data))], []byte("\n")) }
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	wrap := func(err error) error {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return &PlanFileError{Line: lineAt(syn.Offset), Msg: "invalid JSON: " + syn.Error()}
		case errors.As(err, &typ):
			if msg, ok := wholeNumberOutOfRange(typ); ok {
				return &PlanFileError{Line: lineAt(typ.Offset), Msg: msg}
			}
			return &PlanFileError{Line: lineAt(typ.Offset), Msg: fmt.Sprintf("%s must be a %s", typ.Field, jsonKind(typ.Type.Kind().String()))}
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return &PlanFileError{Line: lineAt(int64(len(data))), Msg: "unexpected end of JSON"}
		}
		msg := err.Error()
		// DisallowUnknownFields' error has no type of its own.
		if field, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
			msg = "unknown field " + field + `: want {"topic","partition","offset"} entries`
		}
		return &PlanFileError{Line: lineAt(dec.InputOffset()), Msg: msg}
	}
	if _, err := dec.Token(); err != nil {
		return nil, wrap(err)
	}
	var offsets []Offset
	dups := make(seen)
	for dec.More() {
		start := lineAt(dec.InputOffset()) + countLeadingNewlines(data[dec.InputOffset():])
		var e jsonEntry
		if err := dec.Decode(&e); err != nil {
			if describeOutput(data) {
				return nil, &PlanFileError{Line: start, Msg: `groups describe -o json's output, where a plan is a JSON array of {"topic","partition","offset"} or topic,partition,offset lines: 'shore groups describe GROUP -o csv' writes the group's commits as such lines, and 'shore groups seek GROUP --to ... -o csv' a plan`}
			}
			return nil, wrap(err)
		}
		switch {
		case e.Topic == nil:
			return nil, &PlanFileError{Line: start, Msg: `entry without "topic"`}
		case topics.CheckName(*e.Topic) != nil:
			return nil, &PlanFileError{Line: start, Msg: topics.CheckName(*e.Topic).Error()}
		case e.Partition == nil:
			return nil, &PlanFileError{Line: start, Msg: `entry without "partition"`}
		case e.Offset == nil:
			return nil, &PlanFileError{Line: start, Msg: `entry without "offset"`}
		case *e.Partition < 0:
			return nil, &PlanFileError{Line: start, Msg: fmt.Sprintf("partition %d is not 0 or more", *e.Partition)}
		case *e.Offset < 0:
			return nil, &PlanFileError{Line: start, Msg: fmt.Sprintf("offset %d is not 0 or more", *e.Offset)}
		}
		o := Offset{Topic: *e.Topic, Partition: *e.Partition, Offset: *e.Offset, Line: start}
		if err := dups.add(o, start); err != nil {
			return nil, err
		}
		offsets = append(offsets, o)
	}
	if _, err := dec.Token(); err != nil {
		return nil, wrap(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &PlanFileError{Line: lineAt(dec.InputOffset()), Msg: "unexpected data after the JSON array"}
	}
	return offsets, nil
}

// describeOutput reports whether data is what groups describe -o json
// writes, an array of groups, the first with its "group" and "partitions",
// piped into seek for a plan.
func describeOutput(data []byte) bool {
	var described []struct {
		Group      *string           `json:"group"`
		Partitions []json.RawMessage `json:"partitions"`
	}
	return json.Unmarshal(data, &described) == nil && len(described) > 0 && described[0].Group != nil && described[0].Partitions != nil
}

// countLeadingNewlines counts the newlines in the separators (commas and
// white space) before the next JSON value, so that an entry's line is the
// line of its opening brace.
func countLeadingNewlines(b []byte) int {
	n := 0
	for _, c := range b {
		switch c {
		case '\n':
			n++
		case ' ', '\t', '\r', ',':
		default:
			return n
		}
	}
	return n
}

// wholeNumberOutOfRange words the error of a partition or an offset that
// is a whole number beyond its field's type, above or below: 99999999999
// is no partition for being too large, not for being no whole number.
func wholeNumberOutOfRange(typ *json.UnmarshalTypeError) (string, bool) {
	n, isNumber := strings.CutPrefix(typ.Value, "number ")
	digits, negative := strings.CutPrefix(n, "-")
	if !isNumber || digits == "" || strings.Trim(digits, "0123456789") != "" {
		return "", false
	}
	switch {
	case negative:
		return fmt.Sprintf("%s %s is not 0 or more", typ.Field, n), true
	case typ.Field == "partition":
		return fmt.Sprintf("partition %s is %s", n, format.PartitionTooLarge), true
	}
	return fmt.Sprintf("%s %s is %s", typ.Field, n, format.OffsetTooLarge), true
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "string"
	case "int32", "int64":
		return "whole number"
	}
	return k
}

// WriteCSV writes offsets as topic,partition,offset lines, the format
// ParsePlanFile and kafka-consumer-groups --from-file read.
func WriteCSV(w io.Writer, offsets []Offset) error {
	rows := make([][]string, len(offsets))
	for i, o := range offsets {
		rows[i] = []string{o.Topic, strconv.Itoa(int(o.Partition)), strconv.FormatInt(o.Offset, 10)}
	}
	return format.CSV(w, nil, rows)
}
