package cmd

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kafkashore/shore/groups"
)

func TestGroupsSeekOptions(t *testing.T) {
	plan := filepath.Join(t.TempDir(), "plan.csv")
	if err := os.WriteFile(plan, []byte("orders,0,5\norders,2,7\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want groupsSeekOptions
	}{
		{[]string{"g", "--to", "start"}, groupsSeekOptions{Group: "g", Target: groups.Target{Kind: groups.ToStart}, Output: "table"}},
		// wc -l pads its count: the offset, not the time 42ms after 1970 that
		// '--to @      42' would be, as the error once suggested.
		{[]string{"g", "--to", "      42"}, groupsSeekOptions{Group: "g", Target: groups.Target{Kind: groups.ToOffset, Offset: 42}, Output: "table"}},
		{[]string{"g", "--to", "@-1h", "--execute", "-o", "json"}, groupsSeekOptions{Group: "g", Target: groups.Target{Kind: groups.ToTime, Time: time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)}, Execute: true, Output: "json"}},
		{[]string{"g", "--shift", "-100", "--topic", "orders:2,0", "--topic", "audit", "--allow-new"}, groupsSeekOptions{
			Group: "g", Target: groups.Target{Kind: groups.Shift, Offset: -100}, AllowNew: true, Output: "table",
			Scopes: []groups.Scope{{Topic: "orders", Partitions: []int32{0, 2}}, {Topic: "audit"}},
		}},
		{[]string{"g", "--from-file", plan}, groupsSeekOptions{
			Group: "g", Target: groups.Target{Kind: groups.ToResolved}, Output: "table", PlanFile: plan,
			Offsets: []groups.Offset{{Topic: "orders", Partition: 0, Offset: 5, Line: 1}, {Topic: "orders", Partition: 2, Offset: 7, Line: 2}},
		}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			got, err := parseOptions(t, newGroupsSeekCmd, "", tc.args...)
			if err != nil || !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("%v: %+v, %v\nwant %+v", tc.args, got, err, tc.want)
			}
		})
	}
}

func TestGroupsOtherOptions(t *testing.T) {
	d, err := parseOptions(t, newGroupsDescribeCmd, "", "a", "b", "--topic", "x,y", "--members", "--watch", "2s", "-o", "json")
	if want := (groupsDescribeOptions{Groups: []string{"a", "b"}, Topics: []string{"x", "y"}, Members: true, Watch: 2 * time.Second, Output: "json", Limits: groups.LagLimits{MaxPartition: -1, MaxTotal: -1}}); err != nil || !reflect.DeepEqual(*d, want) {
		t.Errorf("describe: %+v, %v", d, err)
	}
	l, err := parseOptions(t, newGroupsListCmd, "", "--state", "stable,EMPTY")
	if want := (groupsListOptions{States: []string{"Stable", "Empty"}, Output: "table"}); err != nil || !reflect.DeepEqual(*l, want) {
		t.Errorf("list: %+v, %v", l, err)
	}
	c, err := parseOptions(t, newGroupsCommitCmd, "", "billing", "orders:3=1042", "orders:0=1")
	if want := (groupsCommitOptions{Group: "billing", Offsets: []groups.Offset{{Topic: "orders", Partition: 3, Offset: 1042}, {Topic: "orders", Partition: 0, Offset: 1}}, Output: "table"}); err != nil || !reflect.DeepEqual(*c, want) {
		t.Errorf("commit: %+v, %v", c, err)
	}
	do, err := parseOptions(t, newGroupsDeleteOffsetsCmd, "", "billing", "--topic", "orders:1", "--topic", "audit", "-o", "json")
	if want := (groupsDeleteOffsetsOptions{Group: "billing", Scopes: []groups.Scope{{Topic: "orders", Partitions: []int32{1}}, {Topic: "audit"}}, Output: "json"}); err != nil || !reflect.DeepEqual(*do, want) {
		t.Errorf("delete-offsets: %+v, %v", do, err)
	}
	del, err := parseOptions(t, newGroupsDeleteCmd, "", "a", "b")
	if want := (groupsDeleteOptions{Groups: []string{"a", "b"}, Output: "table"}); err != nil || !reflect.DeepEqual(*del, want) {
		t.Errorf("delete: %+v, %v", del, err)
	}
}
