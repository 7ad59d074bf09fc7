package topics

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kafkashore/shore/format"
)

// PartitionSet is the partitions that offsets -p and consume -p ask for:
// runs of consecutive partition numbers, sorted, none touching another.
// A nil set asks for every partition. Runs, not numbers, so that -p
// 0-2147483647 costs no more than -p 0.
type PartitionSet []PartitionRun

// PartitionRun is the partitions First to Last, both included.
type PartitionRun struct{ First, Last int32 }

// ParsePartitionSet reads a comma-separated list of partition numbers and
// ranges FIRST-LAST, both included, as 0-2,5; the error names the first
// item that is neither. Ranges include their last partition, where
// GetOffsetShell's --topic-partitions ranges leave it out.
func ParsePartitionSet(list string) (PartitionSet, error) {
	var runs []PartitionRun
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		first, last, isRange := strings.Cut(item, "-")
		if !isRange || first == "" {
			// a lone number, or one with a sign: -1 is no range
			first, last = item, item
		}
		from, err := parsePartition(first, item, orRange)
		if err != nil {
			return nil, err
		}
		if isRange && first != "" && last == "" {
			return nil, fmt.Errorf("%q has no last partition: a range is FIRST-LAST, both included, such as 0-2", item)
		}
		to, err := parsePartition(last, item, orRange)
		if err != nil {
			return nil, err
		}
		if to < from {
			return nil, fmt.Errorf("%q runs backwards: write %d-%d", item, to, from)
		}
		runs = append(runs, PartitionRun{from, to})
	}
	return setOf(runs), nil
}

// orRange is what else an item of ParsePartitionSet's list may be, for
// parsePartition's error.
const orRange = " nor a range of them (0-2)"

// ParsePartition reads s, a partition number: '"x" is not a partition
// number (0 or more)', as ParsePartitionSet words it, but for the ranges
// it takes.
func ParsePartition(s string) (int32, error) {
	return parsePartition(s, s, "")
}

// parsePartition reads s, a partition number in item (s, or a range);
// orElse says what else item may be.
func parsePartition(s, item, orElse string) (int32, error) {
	p, ok, tooLarge := format.ParsePartition(s)
	switch {
	case tooLarge:
		return 0, fmt.Errorf("%s is %s", s, format.PartitionTooLarge)
	case !ok:
		return 0, fmt.Errorf("%q is not a partition number (0 or more)%s", item, orElse)
	}
	return p, nil
}

// PartitionSetOf is the set of partitions, in any order, repeated or not.
func PartitionSetOf(partitions []int32) PartitionSet {
	runs := make([]PartitionRun, len(partitions))
	for i, p := range partitions {
		runs[i] = PartitionRun{p, p}
	}
	return setOf(runs)
}

// setOf sorts runs and merges those that overlap or touch.
func setOf(runs []PartitionRun) PartitionSet {
	slices.SortFunc(runs, func(a, b PartitionRun) int { return cmp.Compare(a.First, b.First) })
	var s PartitionSet
	for _, r := range runs {
		if n := len(s); n > 0 && int64(r.First) <= int64(s[n-1].Last)+1 {
			s[n-1].Last = max(s[n-1].Last, r.Last)
			continue
		}
		s = append(s, r)
	}
	return s
}

// Contains reports whether p is one of the set's partitions; every
// partition is one of a nil set's.
func (s PartitionSet) Contains(p int32) bool {
	if s == nil {
		return true
	}
	return slices.ContainsFunc(s, func(r PartitionRun) bool { return r.First <= p && p <= r.Last })
}

// HeldBy reports whether a topic of count partitions has one of the set's.
func (s PartitionSet) HeldBy(count int) bool {
	if s == nil {
		return count > 0
	}
	return int64(s[0].First) < int64(count)
}

// Lacking names the set's partitions that topics lack, counts giving how
// many partitions each has: nil when none lacks one, else an
// UnknownPartitions error.
func (s PartitionSet) Lacking(counts map[string]int) error {
	var unknown []*UnknownPartitionError
	for name, count := range counts {
		for _, r := range s.lackedBy(count) {
			unknown = append(unknown, &UnknownPartitionError{Topic: name, Partition: r.First, Last: r.Last, Partitions: count})
		}
	}
	return UnknownPartitions(unknown)
}

// lackedBy is the part of the set that a topic of count partitions does
// not have.
func (s PartitionSet) lackedBy(count int) PartitionSet {
	var lacked PartitionSet
	for _, r := range s {
		if int64(r.Last) >= int64(count) {
			lacked = append(lacked, PartitionRun{int32(max(int64(r.First), int64(count))), r.Last})
		}
	}
	return lacked
}

// String words the set for a message: partition 9, partitions 7 and 9,
// partitions 1, 3-5 and 9.
func (s PartitionSet) String() string {
	var items []string
	for _, r := range s {
		switch {
		case r.First == r.Last:
			items = append(items, strconv.Itoa(int(r.First)))
		case r.First+1 == r.Last:
			items = append(items, strconv.Itoa(int(r.First)), strconv.Itoa(int(r.Last)))
		default:
			items = append(items, fmt.Sprintf("%d-%d", r.First, r.Last))
		}
	}
	if len(items) == 1 && !strings.Contains(items[0], "-") {
		return "partition " + items[0]
	}
	return "partitions " + format.List(items, "and")
}

// PickPartitions checks the partitions asked of topics, counts giving how
// many partitions each has. Topics named (rs empty) must have every one:
// err names those each lacks, as UnknownPartitions does. Topics that rs
// matched asked for whichever have them: skip lists those that have none,
// to be left out, and err is returned only when every one is.
func PickPartitions(asked PartitionSet, counts map[string]int, rs Regexes) (skip []string, err error) {
	lacking := asked.Lacking(counts)
	if lacking == nil || len(rs) == 0 {
		return nil, lacking
	}
	for name, count := range counts {
		if !asked.HeldBy(count) {
			skip = append(skip, name)
		}
	}
	if len(skip) == len(counts) {
		return nil, &NoPartitionMatchError{Regexes: rs, Partitions: asked, Counts: counts}
	}
	slices.Sort(skip)
	return skip, nil
}

// NoPartitionMatchError says that none of the topics that Regexes match
// has any of Partitions, naming the topics and how many partitions each
// has (Counts): no topic that "^pay" matches has partition 7:
// "payments" has 0-2 and "payouts" only 0.
type NoPartitionMatchError struct {
	Regexes    Regexes
	Partitions PartitionSet
	Counts     map[string]int
}

func (e *NoPartitionMatchError) Error() string {
	names := make([]string, 0, len(e.Counts))
	for name := range e.Counts {
		names = append(names, name)
	}
	slices.Sort(names)
	held := make([]string, len(names))
	for i, name := range names {
		held[i] = strconv.Quote(name) + " has " + partitionsHeld(e.Counts[name])
	}
	return fmt.Sprintf("no topic that %s matches has %s: %s", format.List(e.Regexes.quoted(), "or"), e.Partitions, format.Few(held, "and", 5))
}
