package topics

import (
	"errors"
	"regexp"
	"testing"
)

func TestParsePartitionSet(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{"0", "partition 0", ""},
		{"0-2,5", "partitions 0-2 and 5", ""},
		{"5, 0-2", "partitions 0-2 and 5", ""},
		{"0-1", "partitions 0 and 1", ""},
		{"3-3,1", "partitions 1 and 3", ""},
		{"0-2,3,4-6", "partitions 0-6", ""},
		{"1-4,2-3,9,9", "partitions 1-4 and 9", ""},
		{"0-2147483647", "partitions 0-2147483647", ""},
		{"2-0", "", `"2-0" runs backwards: write 0-2`},
		{"0,1-", "", `"1-" has no last partition: a range is FIRST-LAST, both included, such as 0-2`},
		{"x", "", `"x" is not a partition number (0 or more) nor a range of them (0-2)`},
		{"-1", "", `"-1" is not a partition number (0 or more) nor a range of them (0-2)`},
		{"-3-5", "", `"-3-5" is not a partition number (0 or more) nor a range of them (0-2)`},
		{"1-x", "", `"1-x" is not a partition number (0 or more) nor a range of them (0-2)`},
		{"1-2-3", "", `"1-2-3" is not a partition number (0 or more) nor a range of them (0-2)`},
		{"0,,1", "", `"" is not a partition number (0 or more) nor a range of them (0-2)`},
		{"0-2147483648", "", "2147483648 is out of range: want a partition number from 0 to 2147483647"},
	} {
		got, err := ParsePartitionSet(tc.in)
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("ParsePartitionSet(%q) error %v, want %s", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || got.String() != tc.want):
			t.Errorf("ParsePartitionSet(%q) = %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestPartitionSetContains(t *testing.T) {
	s, _ := ParsePartitionSet("1-3,7")
	for p, want := range map[int32]bool{0: false, 1: true, 3: true, 4: false, 7: true, 8: false} {
		if s.Contains(p) != want {
			t.Errorf("1-3,7 contains %d: %v", p, !want)
		}
	}
	if !PartitionSet(nil).Contains(5) || !PartitionSet(nil).HeldBy(1) || PartitionSet(nil).HeldBy(0) {
		t.Error("a nil set is not every partition")
	}
	if s.HeldBy(1) || !s.HeldBy(2) {
		t.Error("1-3,7 held by a topic of 1 or 2 partitions")
	}
}

func TestPickPartitions(t *testing.T) {
	asked, _ := ParsePartitionSet("1-4")
	rs := Regexes{regexp.MustCompile("^o")}
	for _, tc := range []struct {
		name          string
		counts        map[string]int
		rs            Regexes
		skip          []string
		err           string
		noPartitionRE bool
	}{
		{"one topic with all", map[string]int{"a": 5}, nil, nil, "", false},
		{"one topic lacking some", map[string]int{"a": 3}, nil, nil, `topic "a" has no partitions 3 and 4 (it has 0-2)`, false},
		{"one topic lacking all", map[string]int{"a": 1}, nil, nil, `topic "a" has no partitions 1-4 (it has only 0)`, false},
		{"named, some lacking", map[string]int{"a": 1, "b": 3, "c": 5}, nil, nil, `topic "a" has no partitions 1-4 (it has only 0); topic "b" has no partitions 3 and 4 (it has 0-2)`, false},
		{"named, all lacking", map[string]int{"a": 1, "b": 1}, nil, nil, `topic "a" has no partitions 1-4 (it has only 0); topic "b" has no partitions 1-4 (it has only 0)`, false},
		{"matched, some lacking", map[string]int{"oa": 1, "ob": 3}, rs, []string{"oa"}, "", false},
		{"matched one, lacking some", map[string]int{"oa": 2}, rs, nil, "", false},
		{"matched, all lacking", map[string]int{"oa": 1, "ob": 0}, rs, nil, `no topic that "^o" matches has partitions 1-4: "oa" has only 0 and "ob" has none`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			skip, err := PickPartitions(asked, tc.counts, tc.rs)
			if len(skip) != len(tc.skip) || len(skip) > 0 && skip[0] != tc.skip[0] {
				t.Errorf("skip %v, want %v", skip, tc.skip)
			}
			if errString(err) != tc.err {
				t.Errorf("err %v; want %q", err, tc.err)
			}
			if errors.As(err, new(*NoPartitionMatchError)) != tc.noPartitionRE {
				t.Errorf("err %T", err)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
