package groups

import (
	"reflect"
	"testing"
)

func TestDescribeRows(t *testing.T) {
	g := Group{Group: "billing", Type: TypeClassic, State: "Stable", Members: []Member{
		{MemberID: "m-1", ClientID: "c-1", Host: "/10.0.0.1", Assignment: []Assignment{{Topic: "orders", Partitions: []int32{0, 2}}}},
		{MemberID: "m-2", ClientID: "c-2", Host: "/10.0.0.2", Assignment: []Assignment{{Topic: "audit", Partitions: []int32{0}}}},
	}}
	commits := Offsets{"orders": {0: 5, 1: 30}, "audit": {0: 7}, "old": {0: 3}}
	starts := Offsets{"orders": {0: 0, 1: 10, 2: 0}, "audit": {0: 0}}
	ends := Offsets{"orders": {0: 10, 1: 25, 2: 4}, "audit": {0: 9}}

	d := Describe(g, commits, starts, ends, nil)
	want := []Row{
		{Topic: "audit", Partition: 0, CurrentOffset: ptr(7), LogStart: ptr(0), LogEnd: ptr(9), Lag: ptr(2), MemberID: "m-2", ClientID: "c-2", Host: "/10.0.0.2"},
		// deleted topic: its commit stays, the log offsets are unknown
		{Topic: "old", Partition: 0, CurrentOffset: ptr(3)},
		{Topic: "orders", Partition: 0, CurrentOffset: ptr(5), LogStart: ptr(0), LogEnd: ptr(10), Lag: ptr(5), MemberID: "m-1", ClientID: "c-1", Host: "/10.0.0.1"},
		// commit past the end (the log was truncated): lag 0, not negative
		{Topic: "orders", Partition: 1, CurrentOffset: ptr(30), LogStart: ptr(10), LogEnd: ptr(25), Lag: ptr(0)},
		// assigned, never committed: no lag
		{Topic: "orders", Partition: 2, LogStart: ptr(0), LogEnd: ptr(4), MemberID: "m-1", ClientID: "c-1", Host: "/10.0.0.1"},
	}
	if !reflect.DeepEqual(d.Partitions, want) {
		t.Errorf("rows\n%+v\nwant\n%+v", d.Partitions, want)
	}
	if !reflect.DeepEqual(d.TotalLag, ptr(7)) || !reflect.DeepEqual(d.Topics, []TopicLag{{"audit", ptr(2)}, {"old", nil}, {"orders", ptr(5)}}) {
		t.Errorf("total %v topics %+v", d.TotalLag, d.Topics)
	}

	only := Describe(g, commits, starts, ends, []string{"orders"})
	if len(only.Partitions) != 3 || !reflect.DeepEqual(only.TotalLag, ptr(5)) || len(only.Topics) != 1 {
		t.Errorf("--topic orders: %+v", only)
	}

	// a topic none of whose partitions has a commit: its lag is unknown,
	// not 0
	idle := Describe(g, Offsets{"orders": {0: 5}}, starts, ends, nil)
	if !reflect.DeepEqual(idle.Topics, []TopicLag{{"audit", nil}, {"orders", ptr(5)}}) {
		t.Errorf("topics without commits: %+v", idle.Topics)
	}

	// a group without any commit: its total lag is unknown too, not 0
	if none := Describe(g, Offsets{}, starts, ends, nil); none.TotalLag != nil {
		t.Errorf("total lag without commits: %d, want none", *none.TotalLag)
	}

	empty := Describe(Group{Group: "new"}, Offsets{}, Offsets{}, Offsets{}, nil)
	if empty.Partitions == nil || empty.Topics == nil || len(empty.Partitions) != 0 {
		t.Errorf("empty group must have empty, non-nil lists: %+v", empty)
	}
}

func TestActive(t *testing.T) {
	if err := Active(Group{Group: "g"}); err != nil {
		t.Fatal(err)
	}
	err := Active(Group{Group: "g", Members: []Member{{ClientID: "b"}, {ClientID: "a"}}})
	if err == nil || err.Error() != `group "g" has 2 active members (a, b)` {
		t.Fatalf("got %v", err)
	}
	err = Active(Group{Group: "g", Members: []Member{
		{ClientID: "billing", Host: "/10.0.0.7"},
		{ClientID: "audit", Host: "/10.0.0.5"},
		{ClientID: "billing", Host: "/10.0.0.5"},
	}})
	if err == nil || err.Error() != `group "g" has 3 active members (audit, billing on /10.0.0.5, billing on /10.0.0.7)` {
		t.Fatalf("got %v", err)
	}
	err = Active(Group{Group: "g", Members: []Member{{ClientID: "a"}}})
	if err == nil || err.Error() != `group "g" has 1 active member (a)` {
		t.Fatalf("got %v", err)
	}
}
