package cmd_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

func TestGroupsList(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 2)
	classic, kip848 := testbroker.Name(t, "classic"), testbroker.Name(t, "kip848")
	commitAfterReading(t, classic, topic, false, map[int32]int64{0: 1})
	commitAfterReading(t, kip848, topic, true, map[int32]int64{0: 2})
	live := consumer(t, classic, topic, "lister", false)
	live.PollFetches(t.Context())
	waitMembers(t, classic, 1)

	// Other tests' groups share the cluster: look at ours only.
	ours := func(out string) string {
		var keep []string
		for _, line := range strings.SplitAfter(out, "\n") {
			if strings.HasPrefix(line, "GROUP ") || strings.HasPrefix(line, classic+" ") || strings.HasPrefix(line, kip848+" ") {
				keep = append(keep, line)
			}
		}
		return strings.Join(keep, "")
	}
	res := shoretest.Run(t, "groups", "list")
	if res.Code != 0 || res.Stderr != "" {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	// The KIP-848 group's assignor is the broker's choice when it is empty.
	got := regexp.MustCompile(`(?m)^(`+regexp.QuoteMeta(kip848)+` +consumer +Empty +)\S+`).ReplaceAllString(ours(res.Stdout), "${1}ASSIGNOR")
	lines := strings.Split(got, "\n")
	want := []*regexp.Regexp{
		regexp.MustCompile(`^GROUP +TYPE +STATE +PROTOCOL +MEMBERS +COORDINATOR$`),
		regexp.MustCompile(`^` + regexp.QuoteMeta(classic) + ` +classic +Stable +cooperative-sticky +1 +\d+$`),
		regexp.MustCompile(`^` + regexp.QuoteMeta(kip848) + ` +consumer +Empty +ASSIGNOR +0 +\d+$`),
	}
	if classic > kip848 {
		want[1], want[2] = want[2], want[1]
	}
	if len(lines) != 4 || lines[3] != "" {
		t.Fatalf("list:\n%s", got)
	}
	for i, re := range want {
		if !re.MatchString(lines[i]) {
			t.Errorf("line %d %q does not match %s", i, lines[i], re)
		}
	}

	res = shoretest.Run(t, "groups", "list", "--state", "empty", "-o", "json")
	var groups []struct {
		Group, Type, State string
		Members            []any
		Coordinator        struct{ Host string }
	}
	if err := json.Unmarshal([]byte(res.Stdout), &groups); err != nil || res.Code != 0 {
		t.Fatalf("json: %v: %s%s", err, res.Stdout, res.Stderr)
	}
	found := map[string]string{}
	for _, g := range groups {
		if g.State != "Empty" || g.Coordinator.Host == "" {
			t.Errorf("--state Empty listed %+v", g)
		}
		found[g.Group] = g.Type
	}
	if _, listed := found[classic]; listed || found[kip848] != "consumer" {
		t.Errorf("--state Empty: classic listed %v, kip848 type %q", listed, found[kip848])
	}
}

// TestGroupsListShareGroup checks that a group shore does not describe is
// still listed, with its type and state.
func TestGroupsListShareGroup(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 1)
	group := testbroker.Name(t, "share")
	share := testbroker.Client(t, kgo.ShareGroup(group), kgo.ConsumeTopics(topic))
	go share.PollFetches(t.Context())
	shoretest.Eventually(t, 30*time.Second, func() error {
		res := shoretest.Run(t, "groups", "list")
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(group) + ` +share +Stable +- +- +\d+$`).MatchString(res.Stdout) {
			return fmt.Errorf("share group %s not listed:\n%s", group, res.Stdout)
		}
		return nil
	})
}

func TestGroupsDescribeWatch(t *testing.T) {
	group, topic := behindByTwo(t)
	res := shoretest.RunWith(t, shoretest.Opts{Timeout: 1500 * time.Millisecond}, "groups", "describe", group, "--watch", "200ms", "-o", "csv")
	if res.Code != 2 {
		t.Fatalf("--watch with csv: exit %d", res.Code)
	}
	frame := shoretest.Run(t, "groups", "describe", group, "--topic", topic).Stdout
	res = shoretest.RunWith(t, shoretest.Opts{Timeout: 1500 * time.Millisecond}, "groups", "describe", group, "--watch", "200ms", "--topic", topic)
	// Each frame is the description, then the lag trend (groups_lag_test.go).
	frames := strings.SplitAfter(res.Stdout, "CAUGHT-UP-IN\n")
	n := len(frames) - 1
	ok := res.Code == 0 && res.Stderr == "" && n >= 3
	for i := 0; ok && i < n; i++ {
		prefix := frame
		if i > 0 {
			// The row of the previous frame's trend, then a blank line.
			prefix = strings.SplitAfterN(frames[i], "\n", 2)[0] + "\n" + frame
		}
		ok = strings.HasPrefix(frames[i], prefix)
	}
	if !ok {
		t.Fatalf("exit %d, %d frames, stderr %q:\n%s", res.Code, n, res.Stderr, res.Stdout)
	}
	if !strings.Contains(frame, fmt.Sprintf("%s  0          1               0          3        2    -", topic)) {
		t.Errorf("frame:\n%s", frame)
	}
}

// TestGroupsDescribeWatchJSON: under --watch, -o json writes one whole
// array per frame, which a JSON stream reader (jq) takes one by one.
func TestGroupsDescribeWatchJSON(t *testing.T) {
	group, _ := behindByTwo(t)
	res := shoretest.RunWith(t, shoretest.Opts{Timeout: 1500 * time.Millisecond}, "groups", "describe", group, "--watch", "200ms", "-o", "json")
	dec := json.NewDecoder(strings.NewReader(res.Stdout))
	frames := 0
	for {
		var frame []struct {
			Group    string `json:"group"`
			TotalLag int64  `json:"total_lag"`
		}
		if err := dec.Decode(&frame); errors.Is(err, io.EOF) {
			break
		} else if err != nil || len(frame) != 1 || frame[0].Group != group || frame[0].TotalLag != 2 {
			t.Fatalf("frame %d: %v %+v in:\n%s", frames, err, frame, res.Stdout)
		}
		frames++
	}
	if res.Code != 0 || res.Stderr != "" || frames < 3 || !strings.Contains(res.Stdout, "]\n\n[") {
		t.Fatalf("exit %d, %d frames, stderr %q:\n%s", res.Code, frames, res.Stderr, res.Stdout)
	}
}

// TestGroupsWatchInterrupt runs the binary: Ctrl-C is how --watch ends, so
// it exits 0 after the frames it drew.
func TestGroupsWatchInterrupt(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 1)
	group := testbroker.Name(t, "group")
	commitAfterReading(t, group, topic, false, map[int32]int64{0: 1})
	c, stdout, stderr := startBinary(t, nil, "groups", "describe", group, "--watch", "100ms")
	frame := "GROUP        " + group + "\n"
	shoretest.Eventually(t, 10*time.Second, func() error {
		if n := strings.Count(stdout.String(), frame); n < 2 {
			return fmt.Errorf("%d frames drawn", n)
		}
		return nil
	})
	if err := c.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	code := waitExit(t, c, 10*time.Second)
	if n := strings.Count(stdout.String(), frame); code != 0 || n < 2 || stderr.String() != "" {
		t.Fatalf("exit %d after %d frames, stderr %q", code, n, stderr.String())
	}
}

// No group listed, on a cluster without groups or through a --state that
// matches none, is said on stderr, as topics list says an empty cluster;
// -o json is the empty list.
func TestGroupsListNone(t *testing.T) {
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--no-registry", "--topic", "orders")
	wantRun(t, against(t, addr, "groups", "list"), 0, "", "shore: no groups\n")
	if res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n", Env: map[string]string{"SHORE_BROKERS": addr}}, "produce", "orders"); res.Code != 0 {
		t.Fatalf("produce: exit %d stderr %q", res.Code, res.Stderr)
	}
	wantRun(t, against(t, addr, "consume", "orders", "-g", "billing", "-e"), 0, "a\n", "")
	wantRun(t, against(t, addr, "groups", "list", "--state", "stable"), 0, "", "shore: no groups in state Stable\n")
	wantRun(t, against(t, addr, "groups", "list", "--state", "Stable,dead,Stable"), 0, "", "shore: no groups in states Dead or Stable\n")
	// Spaces around the items of a comma list, as consume -p "0, 2" takes.
	wantRun(t, against(t, addr, "groups", "list", "--state", "stable, dead ,"+"\tStable"), 0, "", "shore: no groups in states Dead or Stable\n")
	wantRun(t, against(t, addr, "groups", "list", "--state", "Stable", "-o", "json"), 0, "[]\n", "")
}

// TestGroupsControlCharacters: a group's name and its members' client ids
// are anyone's strings; a terminal escape or a newline in them is written
// escaped, so that it can neither drive the operator's terminal nor forge a
// line of the table. -o json has them exact.
func TestGroupsControlCharacters(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 2)
	group := testbroker.Name(t, "group") + "\nSTATE        Empty"
	clientID := "evil\x1b]0;owned\x07\x1b[2J\nforged  row"
	cl := testbroker.Client(t, kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic), kgo.ClientID(clientID),
		kgo.DisableAutoCommit(), kgo.FetchMaxWait(100*time.Millisecond))
	go cl.PollFetches(t.Context())
	waitMembers(t, group, 1)

	res := shoretest.Run(t, "groups", "describe", group, "--members")
	if res.Code != 0 || res.Stderr != "" {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	if strings.ContainsAny(res.Stdout, "\x1b\x07") || strings.Contains(res.Stdout, "\nforged") || strings.Contains(res.Stdout, "\nSTATE        Empty") {
		t.Errorf("raw control characters in:\n%q", res.Stdout)
	}
	escapedGroup := strings.ReplaceAll(group, "\n", `\n`)
	if first, _, _ := strings.Cut(res.Stdout, "\n"); first != "GROUP        "+escapedGroup {
		t.Errorf("first line %q; want the group's name escaped", first)
	}
	if want := `evil\x1b]0;owned\x07\x1b[2J\nforged  row`; !strings.Contains(res.Stdout, "  "+want+"  ") {
		t.Errorf("no client id %s in:\n%s", want, res.Stdout)
	}
	res = shoretest.Run(t, "groups", "seek", group, "--to", "start", "--topic", topic, "--allow-new")
	wantRun(t, res, 1, "", fmt.Sprintf("shore: group %q has 1 active member (%s): stop its consumers before changing its offsets ('shore groups describe '%s' --members' shows them)\n",
		group, `evil\x1b]0;owned\x07\x1b[2J\nforged  row`, escapedGroup))
	res = shoretest.Run(t, "groups", "describe", group, "-o", "json")
	var ds []struct {
		Group   string
		Members []struct {
			ClientID string `json:"client_id"`
		}
	}
	if err := json.Unmarshal([]byte(res.Stdout), &ds); err != nil || len(ds) != 1 || ds[0].Group != group || len(ds[0].Members) != 1 || ds[0].Members[0].ClientID != clientID {
		t.Errorf("json %v: %s", err, res.Stdout)
	}
}

// TestGroupsListNoneDescribed: no group listed to a login that Kafka lists
// only the groups it may describe (it is not allowed DESCRIBE on the
// cluster) is said so, 'no groups this login may describe', where 'no
// groups' told it that a cluster that has some had none. stdout is as
// before: empty, [] with -o json, the header with -o csv. A login that
// Kafka lists every group to is told as before.
func TestGroupsListNoneDescribed(t *testing.T) {
	t.Parallel()
	admin, alice := aclCluster(t, []string{"orders"}, topicACL("orders", kmsg.ACLOperationAll), groupACL("audit", kmsg.ACLOperationDescribe))
	commit := func(group string) {
		wantRun(t, shoretest.RunWith(t, admin, "groups", "commit", group, "orders:0=0"), 0, tableOf(resultHeader, []string{"orders", "0", "-", "0", "0", "0", "0", "committed"}), "")
	}
	run := func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, alice, append([]string{"groups", "list"}, args...)...)
	}
	commit("billing")
	wantRun(t, run(), 0, "", "shore: no groups this login may describe\n")
	wantRun(t, run("--state", "empty,stable"), 0, "", "shore: no groups in states Empty or Stable this login may describe\n")
	wantRun(t, run("-o", "json"), 0, "[]\n", "")
	wantRun(t, run("-o", "csv"), 0, "GROUP,TYPE,STATE,PROTOCOL,MEMBERS,COORDINATOR\n", "")
	wantRun(t, shoretest.RunWith(t, admin, "groups", "list", "--state", "Dead"), 0, "", "shore: no groups in state Dead\n")
	commit("audit")
	wantRun(t, run(), 0, tableOf([]string{"GROUP", "TYPE", "STATE", "PROTOCOL", "MEMBERS", "COORDINATOR"},
		[]string{"audit", "classic", "Empty", "-", "0", testbroker.ACLNode(t)}), "")
}

// TestGroupsListNotAuthorized: a group that the brokers list but will not
// describe to this login, as Kafka lists every group to a login allowed
// DESCRIBE on the cluster and describes only those it is allowed DESCRIBE
// on (a fault stands in for the ACL, refusing the lookup of its
// coordinator as Kafka does: kfake lists only the groups it would
// describe), is listed with its type and state from the listing, - (null in
// JSON) as its protocol and members, and a warning naming it and the ACL,
// exit 0, where list failed whole with 'not authorized to describe group
// "audit" ...' and listed no group.
func TestGroupsListNotAuthorized(t *testing.T) {
	t.Parallel()
	c, opts := faultCluster(t)
	for _, group := range []string{"audit", "billing"} {
		wantRun(t, shoretest.RunWith(t, opts, "groups", "commit", group, "orders:0=0"), 0, tableOf(resultHeader, []string{"orders", "0", "-", "0", "0", "0", "0", "committed"}), "")
	}
	c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.FindCoordinator}, Group: "audit", Err: kerr.GroupAuthorizationFailed, Count: -1})
	warning := func(shown string) string {
		return `shore: warning: not authorized to describe group "audit" (GROUP_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists): its protocol and members are unknown, shown as ` + shown + "\n"
	}
	wantRun(t, shoretest.RunWith(t, opts, "groups", "list"), 0, tableOf([]string{"GROUP", "TYPE", "STATE", "PROTOCOL", "MEMBERS", "COORDINATOR"},
		[]string{"audit", "classic", "Empty", "-", "-", "0"}, []string{"billing", "classic", "Empty", "-", "0", "0"}), warning("-"))
	wantRun(t, shoretest.RunWith(t, opts, "groups", "list", "-o", "csv"), 0, "GROUP,TYPE,STATE,PROTOCOL,MEMBERS,COORDINATOR\naudit,classic,Empty,-,-,0\nbilling,classic,Empty,-,0,0\n", warning("-"))
	res := shoretest.RunWith(t, opts, "groups", "list", "-o", "json")
	var list []struct {
		Group   string
		Members []json.RawMessage
	}
	if err := json.Unmarshal([]byte(res.Stdout), &list); err != nil || res.Code != 0 || res.Stderr != warning("null") ||
		len(list) != 2 || list[0].Group != "audit" || list[0].Members != nil || list[1].Members == nil {
		t.Fatalf("-o json: exit %d (%v), stdout:\n%s\nstderr %q", res.Code, err, res.Stdout, res.Stderr)
	}
}
