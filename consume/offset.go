// Package consume reads records from Kafka for `shore consume`: ParseOffset
// turns an offset spec into a Spec, Plan resolves it against a cluster's
// offsets, and Run fetches and writes records until the plan says stop.
// While it runs, a Consumer follows partitions added to its topics
// (grow.go), ends the run when a topic is deleted (deleted.go) and, as a
// group member, commits what it wrote and warns when commits keep failing
// (group.go, commits.go).
package consume

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/topics"
)

// BoundKind says what a Bound is relative to.
type BoundKind uint8

// The kinds of Bound.
const (
	// Start is the partition's log start offset.
	Start BoundKind = iota
	// End is the partition's end offset (high watermark, or last stable
	// offset when reading committed) captured when consuming begins.
	End
	// AtOffset is the offset N.
	AtOffset
	// AfterStart is N offsets after the log start.
	AfterStart
	// BeforeEnd is N offsets before the end, never before the log start.
	BeforeEnd
	// Time is the first offset whose timestamp is at or after Time; the end
	// when there is none.
	Time
)

// Bound is one side of a range: where to start or where to stop.
type Bound struct {
	Kind BoundKind
	N    int64
	Time time.Time
	// UTC is true for a Time written without a zone
	// (format.WithoutZone), which is read as UTC.
	UTC bool
}

// Range is where a partition starts and, when To is set, where it stops
// (exclusive).
type Range struct {
	From Bound
	To   *Bound
}

// Spec is a parsed offset spec. Default applies to every partition that
// Partitions does not name; a nil Default means only the named partitions
// are consumed.
type Spec struct {
	Default    *Range
	Partitions map[int32]Range
}

const boundSyntax = "want start, end, N, +N, -N or @TIME"

// ParseOffset parses an offset spec: comma-separated parts, each a range for
// every partition or, as P=RANGE, for partition P. A range is a bound, or
// FROM:TO with either side optional (FROM defaults to start; no TO means
// follow). A bound is start (beginning, oldest), end (newest), N, +N, -N or
// @TIME, TIME being relative to now. The error quotes the piece that does
// not parse, unless that is all of s, which the caller names with its flag.
func ParseOffset(s string, now time.Time) (Spec, error) {
	spec, err := parseSpec(s, now)
	if p := (*pieceError)(nil); errors.As(err, &p) && p.piece == strings.TrimSpace(s) {
		return Spec{}, errors.New(p.reason)
	}
	return spec, err
}

// pieceError is a piece of an offset spec (a part, a range, a bound) that
// does not parse, and why.
type pieceError struct{ piece, reason string }

func (e *pieceError) Error() string { return fmt.Sprintf("%q: %s", e.piece, e.reason) }

func pieceErrorf(piece, format string, args ...any) error {
	return &pieceError{piece: piece, reason: fmt.Sprintf(format, args...)}
}

func parseSpec(s string, now time.Time) (Spec, error) {
	if strings.TrimSpace(s) == "" {
		return Spec{}, fmt.Errorf("empty offset spec: %s", boundSyntax)
	}
	spec := Spec{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		rangeText := part
		partition := int32(-1)
		if i := strings.IndexByte(part, '='); i >= 0 {
			p, err := topics.ParsePartition(strings.TrimSpace(part[:i]))
			if err != nil {
				return Spec{}, pieceErrorf(part, "%v", err)
			}
			partition, rangeText = p, strings.TrimSpace(part[i+1:])
		}
		r, err := parseRange(rangeText, now)
		if err != nil {
			return Spec{}, err
		}
		switch {
		case partition < 0 && spec.Default != nil:
			return Spec{}, pieceErrorf(part, "a second spec for all partitions; name the partition as P=%s", rangeText)
		case partition < 0:
			spec.Default = &r
		default:
			if _, dup := spec.Partitions[partition]; dup {
				return Spec{}, pieceErrorf(part, "partition %d is given twice", partition)
			}
			if spec.Partitions == nil {
				spec.Partitions = map[int32]Range{}
			}
			spec.Partitions[partition] = r
		}
	}
	return spec, nil
}

// parseRange parses a bound or FROM:TO. A time may itself contain colons,
// so the text is first tried as one bound, then split at each colon from the
// left until both sides parse. When none does, the error is about the longest
// side that fails while the other parses, else about the whole text. A range
// that stops before it starts is an error.
func parseRange(s string, now time.Time) (Range, error) {
	if s == "" {
		return Range{}, fmt.Errorf("empty part: %s", boundSyntax)
	}
	from, wholeErr := parseBound(s, now)
	if wholeErr == nil {
		return Range{From: from}, nil
	}
	var (
		sideErr error
		sideLen int // the length of the side sideErr is about
	)
	for i := 0; i < len(s); i++ {
		if s[i] != ':' {
			continue
		}
		r, fromErr, toErr := parseSplit(s[:i], s[i+1:], now)
		switch {
		case fromErr == nil && toErr == nil:
			if r.reversed() {
				return Range{}, pieceErrorf(s, "the range stops before it starts (FROM:TO, FROM first)")
			}
			return r, nil
		case timeColon(s, i):
			// 23:59:61 is a bad time, not a range from 23:59 to 61.
		case fromErr == nil && len(s)-i-1 > sideLen:
			sideErr, sideLen = toErr, len(s)-i-1
		case toErr == nil && i > sideLen:
			sideErr, sideLen = fromErr, i
		}
	}
	if hint := kcatTimeHint(s); hint != "" {
		// The hint for a side alone (:@T for e@T) would be wrong in the
		// range: @-1h:e@-5m is @-1h:@-5m, not @-1h::@-5m.
		return Range{}, pieceErrorf(s, "%s; %s", boundSyntax, hint)
	}
	if p := (*pieceError)(nil); errors.As(sideErr, &p) && strings.Contains(p.piece, ":") {
		// start:end:5 is a range and a bound, not a bad bound start:end.
		if _, err := parseRange(p.piece, now); err == nil {
			return Range{}, pieceErrorf(s, "one ':' makes a range (FROM:TO), and %q is a range already", p.piece)
		}
	}
	if sideErr != nil {
		return Range{}, sideErr
	}
	return Range{}, wholeErr
}

// timeColon reports whether the colon at s[i] sits between digits of a time
// (@...T10:00): a colon that separates a range is next to something else.
func timeColon(s string, i int) bool {
	digit := func(j int) bool { return j >= 0 && j < len(s) && s[j] >= '0' && s[j] <= '9' }
	return s[0] == '@' && digit(i-1) && digit(i+1)
}

// reversed reports whether the range stops before it starts, whatever the
// partition's offsets: both sides of one kind in the wrong order, or from
// the end back to the start.
func (r Range) reversed() bool {
	if r.To == nil {
		return false
	}
	from, to := r.From, *r.To
	if from.Kind == End && to.Kind == Start {
		return true
	}
	if from.Kind != to.Kind {
		return false
	}
	switch from.Kind {
	case AtOffset, AfterStart:
		return from.N > to.N
	case BeforeEnd:
		return from.N < to.N
	case Time:
		return from.Time.After(to.Time)
	}
	return false
}

// parseSplit parses the two sides of FROM:TO, each without the spaces
// around it: 2 : 4 is 2:4, as 0 = 2 is 0=2 and "end, 0=2" is end,0=2.
func parseSplit(fromText, toText string, now time.Time) (r Range, fromErr, toErr error) {
	fromText, toText = strings.TrimSpace(fromText), strings.TrimSpace(toText)
	r = Range{From: Bound{Kind: Start}}
	if fromText != "" {
		r.From, fromErr = parseBound(fromText, now)
	}
	if toText != "" {
		var b Bound
		if b, toErr = parseBound(toText, now); toErr == nil {
			r.To = &b
		}
	}
	return r, fromErr, toErr
}

func parseBound(s string, now time.Time) (Bound, error) {
	if atEnd, ok := format.LogEndWord(s); ok && atEnd {
		return Bound{Kind: End}, nil
	} else if ok {
		return Bound{Kind: Start}, nil
	}
	if s == "" {
		return Bound{}, fmt.Errorf("empty bound: %s", boundSyntax)
	}
	if s[0] == '@' {
		t, err := format.ParseTimeAfter("@", s[1:], now)
		if err != nil {
			return Bound{}, pieceErrorf(s, "%v", err)
		}
		return Bound{Kind: Time, Time: t, UTC: format.WithoutZone(s[1:])}, nil
	}
	kind, digits := AtOffset, s
	switch s[0] {
	case '+':
		kind, digits = AfterStart, s[1:]
	case '-':
		kind, digits = BeforeEnd, s[1:]
	}
	n, ok, tooLarge := format.ParseCount(digits)
	switch {
	case tooLarge && kind == BeforeEnd:
		// -N is a number below 0, so its bound is the least one.
		return Bound{}, pieceErrorf(s, "out of range: want at least %d", -int64(math.MaxInt64))
	case tooLarge:
		return Bound{}, pieceErrorf(s, "%s", format.OffsetTooLarge)
	}
	if !ok {
		hint := format.TimeHint(s, now)
		if kind == AtOffset {
			// Only an unsigned piece can be kcat's s@T or e@T.
			hint = cmp.Or(hint, kcatTimeHint(s))
		}
		if s == "stored" {
			hint = "kcat's stored is what -g GROUP does: the group's committed offsets win over -o"
		}
		if hint != "" {
			return Bound{}, pieceErrorf(s, "%s; %s", boundSyntax, hint)
		}
		return Bound{}, pieceErrorf(s, "%s", boundSyntax)
	}
	return Bound{Kind: kind, N: n}, nil
}

// kcatTimeHint is s in this syntax when it is written as kcat's -o takes a
// time, s@TIME (start there) and e@TIME (stop there): "@-1h:@-5m" for
// s@-1h:e@-5m; "" for anything else.
func kcatTimeHint(s string) string {
	t := s
	if rest, ok := strings.CutPrefix(t, "s@"); ok {
		t = "@" + rest
	} else if rest, ok := strings.CutPrefix(t, "e@"); ok {
		t = ":@" + rest
	}
	if t = strings.Replace(t, ":e@", ":@", 1); t == s {
		return ""
	}
	return "kcat's s@T and e@T are @T and :@T here: " + t
}

// Times returns the distinct times the spec's bounds name, to look up.
func (s Spec) Times() []time.Time {
	var out []time.Time
	seen := map[int64]bool{}
	add := func(b *Bound) {
		if b != nil && b.Kind == Time && !seen[b.Time.UnixMilli()] {
			seen[b.Time.UnixMilli()] = true
			out = append(out, b.Time)
		}
	}
	for _, r := range s.ranges() {
		add(&r.From)
		add(r.To)
	}
	return out
}

// Zoneless returns the distinct times, in order, of the spec's bounds
// written without a zone (Bound.UTC), where it starts (from) and where it
// stops (to).
func (s Spec) Zoneless() (from, to []time.Time) {
	add := func(times []time.Time, b *Bound) []time.Time {
		if b == nil || b.Kind != Time || !b.UTC || slices.ContainsFunc(times, b.Time.Equal) {
			return times
		}
		return append(times, b.Time)
	}
	for _, r := range s.ranges() {
		from, to = add(from, &r.From), add(to, r.To)
	}
	slices.SortFunc(from, time.Time.Compare)
	slices.SortFunc(to, time.Time.Compare)
	return from, to
}

// ranges is the spec's ranges: its default, if it has one, and each
// partition's.
func (s Spec) ranges() []Range {
	ranges := make([]Range, 0, len(s.Partitions)+1)
	if s.Default != nil {
		ranges = append(ranges, *s.Default)
	}
	for _, r := range s.Partitions {
		ranges = append(ranges, r)
	}
	return ranges
}

// For returns the range of partition p, and false when the spec does not
// consume p.
func (s Spec) For(p int32) (Range, bool) {
	if r, ok := s.Partitions[p]; ok {
		return r, true
	}
	if s.Default != nil {
		return *s.Default, true
	}
	return Range{}, false
}

// LogBounds are what a partition's bounds resolve against.
type LogBounds struct {
	// Start is the log start offset, End the end offset captured at start.
	Start, End int64
	// AtTime maps a time's unix milliseconds to the first offset at or
	// after it (End when there is none).
	AtTime map[int64]int64
}

// Span is a resolved range: consume from From, stop before Stop (no
// stop when Stop is NoStop). BelowStart says an exact From was no longer in
// the log and was moved up to the log start.
type Span struct {
	From, Stop int64
	BelowStart bool
}

// NoStop is the Stop of a partition that is followed until interrupted.
const NoStop int64 = -1

// Resolve turns r into exact offsets for one partition.
func (r Range) Resolve(o LogBounds) Span {
	pos := Span{From: r.From.resolve(o), Stop: NoStop}
	if pos.From < o.Start {
		pos.From, pos.BelowStart = o.Start, true
	}
	if r.To != nil {
		pos.Stop = max(r.To.resolve(o), o.Start)
	}
	return pos
}

func (b Bound) resolve(o LogBounds) int64 {
	switch b.Kind {
	case End:
		return o.End
	case AtOffset:
		return b.N
	case AfterStart:
		if b.N > math.MaxInt64-o.Start {
			return math.MaxInt64
		}
		return o.Start + b.N
	case BeforeEnd:
		if b.N > o.End-o.Start {
			return o.Start
		}
		return o.End - b.N
	case Time:
		if off, ok := o.AtTime[b.Time.UnixMilli()]; ok {
			return off
		}
		return o.End
	}
	return o.Start
}
