package groups

import (
	"errors"
	"reflect"
	"testing"

	shoretopics "github.com/kafkashore/shore/topics"
)

// offsets builds Offsets from "topic", partition, offset triples.
func offsets(entries ...any) Offsets {
	o := make(Offsets)
	for i := 0; i+2 < len(entries); i += 3 {
		o.Set(entries[i].(string), int32(entries[i+1].(int)), int64(entries[i+2].(int)))
	}
	return o
}

func TestSeekTopics(t *testing.T) {
	commits := offsets("a", 0, 5, "b", 1, 7)
	for _, tc := range []struct {
		name    string
		req     SeekRequest
		commits Offsets
		want    []string
		err     error
	}{
		{"every committed topic", SeekRequest{Group: "g"}, commits, []string{"a", "b"}, nil},
		{"scopes", SeekRequest{Group: "g", Scopes: []Scope{{Topic: "b"}, {Topic: "a"}, {Topic: "b"}}}, commits, []string{"a", "b"}, nil},
		{"plan offsets", SeekRequest{Group: "g", Offsets: []Offset{{Topic: "a"}, {Topic: "a", Partition: 1}}}, commits, []string{"a"}, nil},
		{"no commits", SeekRequest{Group: "g"}, Offsets{}, nil, &NoCommitsError{Group: "g"}},
		{"no commits, allowed new but nothing named", SeekRequest{Group: "g", AllowNew: true}, Offsets{}, nil, &NoCommitsError{Group: "g", AllowNew: true}},
		{"new group allowed", SeekRequest{Group: "g", AllowNew: true, Scopes: []Scope{{Topic: "c"}}}, Offsets{}, []string{"c"}, nil},
		{"topic without commits: PlanFrom decides", SeekRequest{Group: "g", Scopes: []Scope{{Topic: "c"}}}, commits, []string{"c"}, nil},
		{"new group named topics: PlanFrom decides", SeekRequest{Group: "g", Scopes: []Scope{{Topic: "c"}}}, Offsets{}, []string{"c"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SeekTopics(tc.req, tc.commits)
			if !reflect.DeepEqual(err, tc.err) || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, %v; want %v, %v", got, err, tc.want, tc.err)
			}
		})
	}
}

func TestPlanFrom(t *testing.T) {
	in := SeekInputs{
		Commits: offsets("a", 0, 5, "a", 1, 50),
		Starts:  offsets("a", 0, 0, "a", 1, 10, "b", 0, 0),
		Ends:    offsets("a", 0, 20, "a", 1, 40, "b", 0, 3),
		AtTime:  offsets("a", 0, 12, "a", 1, 30),
	}
	cur := func(n int64) *int64 { return &n }
	for _, tc := range []struct {
		name   string
		req    SeekRequest
		topics []string
		want   []Move
		err    string
	}{
		{"every commit to the end", SeekRequest{Target: Target{Kind: ToEnd}}, []string{"a"}, []Move{
			{Topic: "a", Partition: 0, Current: cur(5), Requested: 20, New: 20, LogStart: 0, LogEnd: 20},
			{Topic: "a", Partition: 1, Current: cur(50), Requested: 40, New: 40, LogStart: 10, LogEnd: 40},
		}, ""},
		{"by time", SeekRequest{Target: Target{Kind: ToTime}, Scopes: []Scope{{Topic: "a", Partitions: []int32{1}}}}, []string{"a"}, []Move{
			{Topic: "a", Partition: 1, Current: cur(50), Requested: 30, New: 30, LogStart: 10, LogEnd: 40, LagAfter: 10},
		}, ""},
		{"a scope's every partition", SeekRequest{Target: Target{Kind: ToStart}, Scopes: []Scope{{Topic: "b"}}, AllowNew: true}, []string{"b"}, []Move{
			{Topic: "b", Partition: 0, Requested: 0, New: 0, LogStart: 0, LogEnd: 3, LagAfter: 3},
		}, ""},
		{"unknown topic", SeekRequest{Target: Target{Kind: ToEnd}, Scopes: []Scope{{Topic: "x"}}}, []string{"x"}, nil, `unknown topic "x"`},
		{"unknown partition", SeekRequest{Target: Target{Kind: ToStart}, Scopes: []Scope{{Topic: "a", Partitions: []int32{9}}}}, []string{"a"}, nil, `topic "a" has no partition 9 (it has 0-1)`},
		{"no offset by time", SeekRequest{Target: Target{Kind: ToTime}, Scopes: []Scope{{Topic: "b"}}, AllowNew: true}, []string{"b"}, nil, "the broker gave no offset by time for b:0"},
		{"topic without commits", SeekRequest{Group: "g", Target: Target{Kind: ToEnd}, Scopes: []Scope{{Topic: "b"}}}, []string{"b"}, nil, `group "g" has no commits for topic "b"`},
		{"unknown partition before no commits", SeekRequest{Group: "g", Target: Target{Kind: ToEnd}, Scopes: []Scope{{Topic: "b", Partitions: []int32{4}}}}, []string{"b"}, nil, `topic "b" has no partition 4 (it has only 0)`},
		{"unknown partition of an exact offset", SeekRequest{Group: "g", Target: Target{Kind: Exact}, Offsets: []Offset{{Topic: "a", Partition: 2, Offset: 1}}, AllowNew: true}, []string{"a"}, nil, `topic "a" has no partition 2 (it has 0-1)`},
		{"unknown topic before no commits", SeekRequest{Group: "g", Target: Target{Kind: ToEnd}, Scopes: []Scope{{Topic: "x"}}}, []string{"x"}, nil, `unknown topic "x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PlanFrom(tc.req, tc.topics, in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %+v, %v\nwant %+v", got, err, tc.want)
			}
		})
	}
	var unknown *shoretopics.UnknownTopicError
	if _, err := PlanFrom(SeekRequest{}, []string{"x"}, in); !errors.As(err, &unknown) {
		t.Fatalf("unknown topic: %v is not an *UnknownTopicError", err)
	}
	// commits on partitions their topics no longer have, each named
	shrunk := in
	shrunk.Commits = offsets("a", 0, 5, "a", 3, 1, "a", 2, 1, "b", 1, 1)
	want := `topic "a" has no partitions 2 and 3 (it has 0-1); topic "b" has no partition 1 (it has only 0)`
	if _, err := PlanFrom(SeekRequest{Target: Target{Kind: ToEnd}}, []string{"a", "b"}, shrunk); err == nil || err.Error() != want {
		t.Fatalf("commits beyond the partitions: error %v, want %q", err, want)
	}
}

func FuzzPlanFrom(f *testing.F) {
	f.Add(int64(5), int64(0), int64(20), int64(12), int64(3), uint8(1), uint8(2), false)
	f.Fuzz(func(t *testing.T, commit, start, end, atTime, n int64, kind, partitions uint8, scoped bool) {
		if start < 0 || end < start {
			t.Skip()
		}
		in := SeekInputs{Commits: make(Offsets), Starts: make(Offsets), Ends: make(Offsets), AtTime: make(Offsets)}
		for p := range int32(partitions % 4) {
			in.Starts.Set("t", p, start)
			in.Ends.Set("t", p, end)
			in.AtTime.Set("t", p, atTime)
			if commit >= 0 {
				in.Commits.Set("t", p, commit)
			}
		}
		req := SeekRequest{Group: "g", Target: Target{Kind: TargetKind(kind % uint8(numTargetKinds)), Offset: n}, AllowNew: true}
		if scoped {
			req.Scopes = []Scope{{Topic: "t"}}
		}
		topics, err := SeekTopics(req, in.Commits)
		if err != nil {
			return
		}
		moves, err := PlanFrom(req, topics, in)
		if err != nil {
			return
		}
		for _, m := range moves {
			if req.Target.Kind != Exact && (m.New < start || m.New > end) {
				t.Fatalf("new %d outside [%d, %d]", m.New, start, end)
			}
		}
	})
}
