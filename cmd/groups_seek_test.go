package cmd_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

var (
	planHeader   = []string{"TOPIC", "PARTITION", "CURRENT", "NEW", "LOG-START", "LOG-END", "LAG-AFTER"}
	resultHeader = []string{"TOPIC", "PARTITION", "PREVIOUS", "NEW", "LOG-START", "LOG-END", "LAG-AFTER", "RESULT"}
)

const dryRun = "shore: dry run: nothing changed; add --execute to commit these offsets\n"

func TestGroupsSeek(t *testing.T) {
	kinds(t, func(t *testing.T, kip848 bool, kind string) {
		topic := testbroker.Topic(t, 2, nil)
		fill(t, topic, 2, 10)
		group := testbroker.Name(t, "group")
		commitAfterReading(t, group, topic, kip848, map[int32]int64{0: 3, 1: 7})
		before := fmt.Sprintf("%s,0,3\n%s,1,7\n", topic, topic)

		// A dry run by time: record i was written at base + i minutes.
		at := "@" + base.Add(5*time.Minute).Format(time.RFC3339)
		res := shoretest.Run(t, "groups", "seek", group, "--to", at)
		wantRun(t, res, 0, tableOf(planHeader, []string{topic, "0", "3", "5", "0", "10", "5"}, []string{topic, "1", "7", "5", "0", "10", "5"}), dryRun)
		if got := csvOf(t, group); got != before {
			t.Fatalf("the dry run changed the commits: %q", got)
		}

		res = shoretest.Run(t, "groups", "seek", group, "--to", at, "--execute")
		wantRun(t, res, 0, tableOf(resultHeader, []string{topic, "0", "3", "5", "0", "10", "5", "committed"}, []string{topic, "1", "7", "5", "0", "10", "5", "committed"}), "")
		if got, want := csvOf(t, group), fmt.Sprintf("%s,0,5\n%s,1,5\n", topic, topic); got != want {
			t.Fatalf("after seek: %q; want %q", got, want)
		}

		// Shift one partition back past the start: clamped, with a warning.
		res = shoretest.Run(t, "groups", "seek", group, "--shift", "-8", "--topic", topic+":1", "--execute")
		wantRun(t, res, 0, tableOf(resultHeader, []string{topic, "1", "5", "0", "0", "10", "10", "committed"}),
			fmt.Sprintf("shore: warning: %s:1: offset -3 is before the log start; using 0\n", topic))

		res = shoretest.Run(t, "groups", "seek", group, "--to", "99", "-o", "json")
		var plan struct {
			Group      string
			Executed   bool
			Partitions []map[string]any
		}
		if err := json.Unmarshal([]byte(res.Stdout), &plan); err != nil || res.Code != 0 {
			t.Fatalf("json: %v: %s%s", err, res.Stdout, res.Stderr)
		}
		p0 := plan.Partitions[0]
		if plan.Group != group || plan.Executed || len(plan.Partitions) != 2 || p0["current"] != 5.0 || p0["requested"] != 99.0 || p0["new"] != 10.0 || p0["clamped"] != true || p0["lag_after"] != 0.0 {
			t.Errorf("json plan: %+v", plan)
		}
		if want := fmt.Sprintf("shore: warning: %s:0: offset 99 is past the log end; using 10\nshore: warning: %s:1: offset 99 is past the log end; using 10\n", topic, topic) + dryRun; res.Stderr != want {
			t.Errorf("stderr %q; want %q", res.Stderr, want)
		}

		// describe -o csv, then seek --from-file, round-trips.
		saved := filepath.Join(t.TempDir(), "offsets.csv")
		if err := os.WriteFile(saved, []byte(csvOf(t, group)), 0o600); err != nil {
			t.Fatal(err)
		}
		wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "end", "--execute"), 0,
			tableOf(resultHeader, []string{topic, "0", "5", "10", "0", "10", "0", "committed"}, []string{topic, "1", "0", "10", "0", "10", "0", "committed"}), "")
		wantRun(t, shoretest.Run(t, "groups", "seek", group, "--from-file", saved, "--execute"), 0,
			tableOf(resultHeader, []string{topic, "0", "10", "5", "0", "10", "5", "committed"}, []string{topic, "1", "10", "0", "0", "10", "10", "committed"}), "")

		// The same offsets under a spreadsheet's header line: a dry run
		// plans to leave them where they are.
		headed := filepath.Join(t.TempDir(), "headed.csv")
		if err := os.WriteFile(headed, []byte("Topic, Partition, Offset\r\n"+csvOf(t, group)), 0o600); err != nil {
			t.Fatal(err)
		}
		wantRun(t, shoretest.Run(t, "groups", "seek", group, "--from-file", headed), 0,
			tableOf(planHeader, []string{topic, "0", "5", "5", "0", "10", "5"}, []string{topic, "1", "0", "0", "0", "10", "10"}), dryRun)

		// JSON plan on stdin, also after a byte order mark, as a Windows
		// editor saves it.
		for _, bom := range []string{"", "\ufeff"} {
			res = shoretest.RunWith(t, shoretest.Opts{Stdin: bom + fmt.Sprintf(`[{"topic":%q,"partition":1,"offset":2}]`, topic)}, "groups", "seek", group, "--from-file", "-")
			wantRun(t, res, 0, tableOf(planHeader, []string{topic, "1", "0", "2", "0", "10", "8"}), dryRun)
		}
	})
}

// A dry run's -o csv is the plan as kafka-consumer-groups --export writes
// it: the NEW offsets as topic,partition,offset lines, which --from-file
// then commits as they are, where a time planned again later might give
// others.
func TestGroupsSeekPlanCSV(t *testing.T) {
	topic := testbroker.Topic(t, 2, nil)
	fill(t, topic, 2, 10)
	group := testbroker.Name(t, "group")
	wantRun(t, shoretest.Run(t, "groups", "commit", group, topic+":0=1", topic+":1=2"), 0,
		tableOf(resultHeader, []string{topic, "0", "-", "1", "0", "10", "9", "committed"}, []string{topic, "1", "-", "2", "0", "10", "8", "committed"}), "")
	res := shoretest.Run(t, "groups", "seek", group, "--to", "@"+base.Add(5*time.Minute).Format(time.RFC3339), "-o", "csv")
	plan := fmt.Sprintf("%s,0,5\n%s,1,5\n", topic, topic)
	wantRun(t, res, 0, plan, dryRun)
	if got, want := csvOf(t, group), fmt.Sprintf("%s,0,1\n%s,1,2\n", topic, topic); got != want {
		t.Fatalf("the dry run changed the commits: %q; want %q", got, want)
	}
	// Clamped targets are written as the offsets the plan uses.
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--shift", "-5", "-o", "csv"), 0, fmt.Sprintf("%s,0,0\n%s,1,0\n", topic, topic),
		fmt.Sprintf("shore: warning: %s:0: offset -4 is before the log start; using 0\nshore: warning: %s:1: offset -3 is before the log start; using 0\n", topic, topic)+dryRun)
	saved := filepath.Join(t.TempDir(), "plan.csv")
	if err := os.WriteFile(saved, []byte(plan), 0o600); err != nil {
		t.Fatal(err)
	}
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--from-file", saved, "--execute"), 0,
		tableOf(resultHeader, []string{topic, "0", "1", "5", "0", "10", "5", "committed"}, []string{topic, "1", "2", "5", "0", "10", "5", "committed"}), "")
	if got := csvOf(t, group); got != plan {
		t.Fatalf("after --from-file: %q; want %q", got, plan)
	}
}

// A seek whose result cannot be written has still committed: the error
// says so, where 'write /dev/stdout: no space left on device' alone read
// as the commit's failure, and a script that ran the --shift again moved
// the group twice.
func TestGroupsSeekResultToFullDisk(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 10)
	group := testbroker.Name(t, "group")
	wantRun(t, shoretest.Run(t, "groups", "commit", group, topic+":0=2"), 0, tableOf(resultHeader, []string{topic, "0", "-", "2", "0", "10", "8", "committed"}), "")
	code, stderr := runToFullDisk(t, "", "groups", "seek", group, "--shift", "3", "--execute")
	want := fmt.Sprintf("shore: group %q: the commit was made, but its result was not written (write /dev/stdout: no space left on device); 'shore groups describe %s' shows the commits\n", group, group)
	if code != 1 || stderr != want {
		t.Fatalf("exit %d stderr %q; want 1 and %q", code, stderr, want)
	}
	if got, want := csvOf(t, group), topic+",0,5\n"; got != want {
		t.Fatalf("commits %q; want %q", got, want)
	}
}

func TestGroupsSeekRefusals(t *testing.T) {
	topic := testbroker.Topic(t, 2, nil)
	other := testbroker.Topic(t, 1, nil)
	fill(t, topic, 2, 4)
	group := testbroker.Name(t, "group")
	commitAfterReading(t, group, topic, false, map[int32]int64{0: 1})
	fresh := testbroker.Name(t, "fresh")

	wantRun(t, shoretest.Run(t, "groups", "seek", fresh, "--to", "start"), 1, "",
		fmt.Sprintf("shore: group %q has no commits: pass --allow-new with --topic to create them\n", fresh))
	wantRun(t, shoretest.Run(t, "groups", "seek", fresh, "--to", "start", "--topic", topic), 1, "",
		fmt.Sprintf("shore: group %q has no commits: pass --allow-new to create them\n", fresh))
	// A typo of a group the cluster has is named with it: --allow-new,
	// which the error suggests, would make a group of the typo.
	typo := group[:len(group)-1]
	wantRun(t, shoretest.Run(t, "groups", "seek", typo, "--to", "start"), 1, "",
		fmt.Sprintf("shore: group %q has no commits (did you mean %q?): pass --allow-new with --topic to create them\n", typo, group))
	wantRun(t, shoretest.Run(t, "groups", "seek", typo, "--to", "start", "--topic", topic), 1, "",
		fmt.Sprintf("shore: group %q has no commits (did you mean %q?): pass --allow-new to create them\n", typo, group))
	// With --allow-new the plan goes on, and says what it would make.
	wantRun(t, shoretest.Run(t, "groups", "seek", typo, "--to", "start", "--topic", topic, "--allow-new"), 0,
		tableOf(planHeader, []string{topic, "0", "-", "0", "0", "4", "4"}, []string{topic, "1", "-", "0", "0", "4", "4"}),
		fmt.Sprintf("shore: warning: the cluster has no group %q (did you mean %q?); --execute would create it\n", typo, group)+dryRun)
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "start", "--topic", other), 1, "",
		fmt.Sprintf("shore: group %q has no commits for topic %q: pass --allow-new to create them\n", group, other))
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--shift", "1", "--topic", topic), 1, "",
		fmt.Sprintf("shore: %s:1 has no commit to shift from; --topic %s:0 shifts the partitions that have one, --to moves them all\n", topic, topic))
	missing := testbroker.Name(t, "nosuchtopic")
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "start", "--topic", missing, "--allow-new"), 1, "",
		fmt.Sprintf("shore: unknown topic %q\n", missing))
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "start", "--topic", topic+":5"), 1, "",
		fmt.Sprintf("shore: topic %q has no partition 5 (it has 0-1)\n", topic))
	wantRun(t, shoretest.Run(t, "groups", "seek", fresh, "--to", "start", "--topic", topic+":5"), 1, "",
		fmt.Sprintf("shore: topic %q has no partition 5 (it has 0-1)\n", topic))
	wantRun(t, shoretest.Run(t, "groups", "commit", fresh, topic+":5=1"), 1, "",
		fmt.Sprintf("shore: topic %q has no partition 5 (it has 0-1)\n", topic))

	// rpk's --to reads these digits as unix milliseconds: as an offset
	// past every log end they would move the group past all it has not
	// read, so the seek is refused with the @TIME to write, the commits
	// untouched.
	before := csvOf(t, group)
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "1796590973029", "--execute"), 1, "",
		"shore: --to 1796590973029 is an offset past the log end of every partition, which would skip all the group has not read; as unix milliseconds, as rpk's --to reads it, it is 2026-12-06T21:02:53Z; to seek to that time: --to @1796590973029\n")
	if after := csvOf(t, group); after != before {
		t.Fatalf("commits changed: %q, were %q", after, before)
	}

	// --allow-new creates the commits of a new group.
	wantRun(t, shoretest.Run(t, "groups", "seek", fresh, "--to", "end", "--topic", topic, "--allow-new", "--execute"), 0,
		tableOf(resultHeader, []string{topic, "0", "-", "4", "0", "4", "0", "committed"}, []string{topic, "1", "-", "4", "0", "4", "0", "committed"}), "")
	if got, want := csvOf(t, fresh), fmt.Sprintf("%s,0,4\n%s,1,4\n", topic, topic); got != want {
		t.Fatalf("new group: %q; want %q", got, want)
	}

	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte(topic+",0,1\n"+topic+",1,ten\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--from-file", bad), 2, "",
		fmt.Sprintf("shore: --from-file %s line 2: offset \"ten\" is not a number 0 or more\n", bad)+seeHelpFor("groups seek"))

	// commit makes a group it is given, and says so of a typo.
	wantRun(t, shoretest.Run(t, "groups", "commit", typo, topic+":0=1"), 0,
		tableOf(resultHeader, []string{topic, "0", "-", "1", "0", "4", "3", "committed"}),
		fmt.Sprintf("shore: warning: the cluster has no group %q (did you mean %q?); this commit creates it\n", typo, group))
}

// TestGroupsActiveMembersRefused checks that nothing is sent to a group
// with members: its commits stay as they were.
func TestGroupsActiveMembersRefused(t *testing.T) {
	kinds(t, func(t *testing.T, kip848 bool, kind string) {
		topic := testbroker.Topic(t, 2, nil)
		fill(t, topic, 2, 4)
		group := testbroker.Name(t, "group")
		commitAfterReading(t, group, topic, kip848, map[int32]int64{0: 1, 1: 2})
		before := csvOf(t, group)
		for _, id := range []string{"billing-2", "billing-1"} {
			c := consumer(t, group, topic, id, kip848)
			go c.PollFetches(t.Context())
		}
		waitMembers(t, group, 2)
		refused := fmt.Sprintf("shore: group %q has 2 active members (billing-1, billing-2): stop its consumers before changing its offsets ('shore groups describe %s --members' shows them)\n", group, group)
		for _, args := range [][]string{
			{"seek", group, "--to", "start", "--execute"},
			{"seek", group, "--to", "start"},
			{"commit", group, topic + ":0=0"},
		} {
			wantRun(t, shoretest.Run(t, append([]string{"groups"}, args...)...), 1, "", refused)
		}
		wantRun(t, shoretest.Run(t, "groups", "delete-offsets", group, "--topic", topic), 1, "",
			fmt.Sprintf("shore: group %q has 2 active members (billing-1, billing-2) reading topic %q: stop its consumers before changing its offsets ('shore groups describe %s --members' shows them)\n", group, topic, group))
		if after := csvOf(t, group); after != before {
			t.Errorf("commits changed: %q, were %q", after, before)
		}
		// delete names the members, as the refusals above do.
		deleteRefused := "the group has 2 active members (billing-1, billing-2); stop its consumers first"
		res := shoretest.Run(t, "groups", "delete", group)
		wantRun(t, res, 1, tableOf([]string{"GROUP", "RESULT"}, []string{group, deleteRefused}), fmt.Sprintf("shore: group %q not deleted: %s\n", group, deleteRefused))
	})
}

func TestGroupsCommitAndDelete(t *testing.T) {
	kinds(t, func(t *testing.T, kip848 bool, kind string) {
		topic := testbroker.Topic(t, 3, nil)
		fill(t, topic, 3, 5)
		group := testbroker.Name(t, "group")
		commitAfterReading(t, group, topic, kip848, map[int32]int64{0: 1, 1: 2, 2: 3})

		wantRun(t, shoretest.Run(t, "groups", "commit", group, topic+":1=4", topic+":0=9"), 0,
			tableOf(resultHeader, []string{topic, "0", "1", "9", "0", "5", "0", "committed"}, []string{topic, "1", "2", "4", "0", "5", "1", "committed"}),
			fmt.Sprintf("shore: warning: %s:0: offset 9 is past the log end 5; committed as given: until the log reaches it, the group's next consumer starts where its offset reset policy says, not at 9\n", topic))
		if got, want := csvOf(t, group), fmt.Sprintf("%s,0,9\n%s,1,4\n%s,2,3\n", topic, topic, topic); got != want {
			t.Fatalf("after commit: %q; want %q", got, want)
		}

		wantRun(t, shoretest.Run(t, "groups", "delete-offsets", group, "--topic", topic+":0,2"), 0,
			tableOf([]string{"TOPIC", "PARTITION", "RESULT"}, []string{topic, "0", "deleted"}, []string{topic, "2", "deleted"}), "")
		if got, want := csvOf(t, group), fmt.Sprintf("%s,1,4\n", topic); got != want {
			t.Fatalf("after delete-offsets: %q; want %q", got, want)
		}
		// A partition the topic does not have is refused before anything
		// is deleted; one it has without a commit is only reported.
		wantRun(t, shoretest.Run(t, "groups", "delete-offsets", group, "--topic", topic+":1,9"), 1, "",
			fmt.Sprintf("shore: topic %q has no partition 9 (it has 0-2)\n", topic))
		if got, want := csvOf(t, group), fmt.Sprintf("%s,1,4\n", topic); got != want {
			t.Fatalf("after delete-offsets of partition 9: %q; want %q", got, want)
		}
		wantRun(t, shoretest.Run(t, "groups", "delete-offsets", group, "--topic", topic+":0"), 1,
			tableOf([]string{"TOPIC", "PARTITION", "RESULT"}, []string{topic, "0", "no commit to delete"}),
			fmt.Sprintf("shore: %s:0 of group %q not deleted: no commit to delete\n", topic, group))
		other := testbroker.Topic(t, 1, nil)
		wantRun(t, shoretest.Run(t, "groups", "delete-offsets", group, "--topic", other), 1, "",
			fmt.Sprintf("shore: group %q has no commits for topic %q to delete\n", group, other))

		missing := testbroker.Name(t, "missing")
		res := shoretest.Run(t, "groups", "delete", group, missing, "-o", "json")
		var results []map[string]any
		if err := json.Unmarshal([]byte(res.Stdout), &results); err != nil || res.Code != 1 || res.Stderr != fmt.Sprintf("shore: group %q not deleted: unknown group\nshore: 1 of 2 not deleted\n", missing) {
			t.Fatalf("delete: %v exit %d\n%s%s", err, res.Code, res.Stdout, res.Stderr)
		}
		wantResults := map[string]any{group: nil, missing: "unknown group"}
		for _, r := range results {
			if r["error"] != wantResults[r["group"].(string)] {
				t.Errorf("delete result %v", r)
			}
		}
		wantRun(t, shoretest.Run(t, "groups", "describe", group), 1, "", fmt.Sprintf("shore: unknown group %q\n", group))
		// Groups joined by commas are one name, which a group may have:
		// unknown, it gets the arguments to give, as describe's does.
		joined := group + "," + missing
		wantRun(t, shoretest.Run(t, "groups", "delete", joined), 1, tableOf([]string{"GROUP", "RESULT"}, []string{joined, "unknown group"}),
			fmt.Sprintf("shore: group %q not deleted: unknown group; give each group its own argument: %s %s\n", joined, group, missing))
	})
}

// TestGroupsStaticMemberRefused checks that a group refused for a static
// member whose consumer has stopped says why it is still there: a static
// member stays in the group, after its consumer stops, until its session
// times out, so "stop its consumers" alone sends the operator looking for a
// process that is not running.
func TestGroupsStaticMemberRefused(t *testing.T) {
	kinds(t, func(t *testing.T, kip848 bool, kind string) {
		topic := testbroker.Topic(t, 1, nil)
		fill(t, topic, 1, 2)
		group := testbroker.Name(t, "group")
		opts := []kgo.Opt{
			kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic), kgo.ClientID("billing"),
			kgo.InstanceID("billing-a"), kgo.SessionTimeout(time.Minute), kgo.DisableAutoCommit(),
			kgo.FetchMaxWait(100 * time.Millisecond),
		}
		if kip848 {
			opts = append(opts, kgo.ServerSideBalancer(), kgo.Balancers(kgo.RangeBalancer()))
		}
		cl := testbroker.Client(t, opts...)
		go cl.PollFetches(t.Context())
		waitMembers(t, group, 1)
		cl.Close()
		wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "start", "--topic", topic, "--allow-new"), 1, "",
			fmt.Sprintf("shore: group %q has 1 active member (billing as static instance billing-a): stop its consumers before changing its offsets; a static member stays for its session timeout after its consumer stops ('shore groups describe %s --members' shows them)\n", group, group))
		static := "the group has 1 active member (billing as static instance billing-a); stop its consumers first (a static member stays for its session timeout after its consumer stops)"
		wantRun(t, shoretest.Run(t, "groups", "delete", group), 1, tableOf([]string{"GROUP", "RESULT"}, []string{group, static}),
			fmt.Sprintf("shore: group %q not deleted: %s\n", group, static))
	})
}

// TestGroupsDeleteOffsetsOfUnreadTopic deletes, as kafka-consumer-groups
// --delete-offsets does (KIP-496), the commits a running group keeps on a
// topic none of its members reads any more, which would otherwise stay in
// its lag and its lag gates; the commits of the topic its members read stay
// refused.
func TestGroupsDeleteOffsetsOfUnreadTopic(t *testing.T) {
	kinds(t, func(t *testing.T, kip848 bool, kind string) {
		read, old := testbroker.Topic(t, 1, nil), testbroker.Topic(t, 2, nil)
		fill(t, read, 1, 2)
		fill(t, old, 2, 2)
		group := testbroker.Name(t, "group")
		commitOffsets(t, group, read+":0=1", old+":0=1", old+":1=2")
		c := consumer(t, group, read, "billing-1", kip848)
		go c.PollFetches(t.Context())
		waitMembers(t, group, 1)

		refused := fmt.Sprintf("shore: group %q has 1 active member (billing-1): stop its consumers before changing its offsets ('shore groups describe %s --members' shows them)\n", group, group)
		refusedRead := fmt.Sprintf("shore: group %q has 1 active member (billing-1) reading topic %q: stop its consumers before changing its offsets ('shore groups describe %s --members' shows them)\n", group, read, group)
		want := []string{read + ",0,1\n"}
		// Kafka deletes them for a KIP-848 group too; kfake deletes
		// nothing of a running KIP-848 group, which is then the one
		// refusal line.
		if res := shoretest.Run(t, "groups", "delete-offsets", group, "--topic", old); kip848 && res.Code == 1 {
			wantRun(t, res, 1, "", refused)
			want = append(want, old+",0,1\n", old+",1,2\n")
		} else {
			wantRun(t, res, 0, tableOf([]string{"TOPIC", "PARTITION", "RESULT"}, []string{old, "0", "deleted"}, []string{old, "1", "deleted"}), "")
		}
		wantRun(t, shoretest.Run(t, "groups", "delete-offsets", group, "--topic", read), 1, "", refusedRead)
		wantRun(t, shoretest.Run(t, "groups", "delete-offsets", group, "--topic", old, "--topic", read), 1, "", refusedRead)
		// describe -o csv sorts by topic.
		slices.Sort(want)
		if got := csvOf(t, group); got != strings.Join(want, "") {
			t.Errorf("commits %q; want %q", got, want)
		}
	})
}

// TestGroupsActiveHintQuoted: the command that the refusal of a group with
// members suggests works for a group whose name a shell would split.
func TestGroupsActiveHintQuoted(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 2)
	group := testbroker.Name(t, "group") + " it's"
	c := consumer(t, group, topic, "billing-1", false)
	go c.PollFetches(t.Context())
	waitMembers(t, group, 1)
	wantRun(t, shoretest.Run(t, "groups", "commit", group, topic+":0=1"), 1, "",
		fmt.Sprintf("shore: group %q has 1 active member (billing-1): stop its consumers before changing its offsets ('shore groups describe '%s' --members' shows them)\n",
			group, strings.ReplaceAll(group, "'", `'\''`)))
}

// TestGroupsCommaListsWithSpaces: the comma lists of groups' flags take
// spaces around their items, as consume -p "0, 2" does, where pflag kept
// them and " 1" was no partition and " audit" no topic.
func TestGroupsCommaListsWithSpaces(t *testing.T) {
	orders := testbroker.Topic(t, 2, nil)
	audit := testbroker.Topic(t, 1, nil)
	fill(t, orders, 2, 4)
	fill(t, audit, 1, 4)
	group := testbroker.Name(t, "group")
	commitOffsets(t, group, orders+":0=1", orders+":1=2", audit+":0=3")
	want := fmt.Sprintf("%s,0,1\n%s,1,2\n%s,0,3\n", orders, orders, audit)
	if audit < orders {
		want = fmt.Sprintf("%s,0,3\n%s,0,1\n%s,1,2\n", audit, orders, orders)
	}
	wantRun(t, shoretest.Run(t, "groups", "describe", group, "-o", "csv", "--topic", orders+", "+audit), 0, want, "")
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "end", "--topic", orders+":0, 1"), 0,
		tableOf(planHeader, []string{orders, "0", "1", "4", "0", "4", "0"}, []string{orders, "1", "2", "4", "0", "4", "0"}), dryRun)
}

// TestGroupsSeekMovedLog: seek plans against the log as it is now, as
// kafka-consumer-groups --reset-offsets does. A log start that deleted
// records moved up is where --to start goes and what a target before it is
// clamped to; partitions added after the commits move only when --topic
// names their topic (by default the committed partitions move); a time
// after every record is the log end, 0 in a partition that has none.
func TestGroupsSeekMovedLog(t *testing.T) {
	topic := testbroker.Topic(t, 2, nil)
	fill(t, topic, 2, 10)
	group := testbroker.Name(t, "group")
	commitOffsets(t, group, topic+":0=2", topic+":1=4")
	gone := kadm.Offsets{}
	gone.AddOffset(topic, 0, 6, -1)
	deleteRecords(t, gone)
	if res := shoretest.Run(t, "topics", "add-partitions", topic, "--total", "3"); res.Code != 0 {
		t.Fatalf("add-partitions: exit %d: %s", res.Code, res.Stderr)
	}

	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "start"), 0,
		tableOf(planHeader, []string{topic, "0", "2", "6", "6", "10", "4"}, []string{topic, "1", "4", "0", "0", "10", "10"}), dryRun)
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--shift", "-1", "--topic", topic+":0"), 0,
		tableOf(planHeader, []string{topic, "0", "2", "6", "6", "10", "4"}),
		fmt.Sprintf("shore: warning: %s:0: offset 1 is before the log start; using 6\n", topic)+dryRun)
	before := "@" + base.Add(-time.Minute).Format(time.RFC3339)
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", before, "--topic", topic), 0,
		tableOf(planHeader, []string{topic, "0", "2", "6", "6", "10", "4"}, []string{topic, "1", "4", "0", "0", "10", "10"}, []string{topic, "2", "-", "0", "0", "0", "0"}), dryRun)
	// A time without a zone is UTC, where kafka-consumer-groups reads
	// local time: the dry run and --execute say the instant.
	utc := func(at time.Time) string {
		return fmt.Sprintf("shore: --to: the first offset at or after %s (UTC, as the TIME has no zone, where kafka-consumer-groups reads local time: add one, as @%s-05:00, for another)\n",
			at.UTC().Format(time.RFC3339), at.UTC().Format("2006-01-02T15:04:05"))
	}
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "@"+base.Add(-time.Minute).UTC().Format("2006-01-02T15:04:05"), "--topic", topic), 0,
		tableOf(planHeader, []string{topic, "0", "2", "6", "6", "10", "4"}, []string{topic, "1", "4", "0", "0", "10", "10"}, []string{topic, "2", "-", "0", "0", "0", "0"}), utc(base.Add(-time.Minute))+dryRun)

	after := "@" + base.Add(time.Hour).UTC().Format("2006-01-02T15:04:05")
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", after, "--topic", topic, "--execute"), 0,
		tableOf(resultHeader, []string{topic, "0", "2", "10", "6", "10", "0", "committed"}, []string{topic, "1", "4", "10", "0", "10", "0", "committed"}, []string{topic, "2", "-", "0", "0", "0", "0", "committed"}), utc(base.Add(time.Hour)))
	if got, want := csvOf(t, group), fmt.Sprintf("%s,0,10\n%s,1,10\n%s,2,0\n", topic, topic, topic); got != want {
		t.Fatalf("after seek: %q; want %q", got, want)
	}

	// commit takes an offset before the log start as given, and says what
	// the group's next consumer does there.
	wantRun(t, shoretest.Run(t, "groups", "commit", group, topic+":0=3"), 0,
		tableOf(resultHeader, []string{topic, "0", "10", "3", "6", "10", "7", "committed"}),
		fmt.Sprintf("shore: warning: %s:0: offset 3 is before the log start 6; committed as given: the group's next consumer starts where its offset reset policy says, not at 3\n", topic))

	// A time in the future, as a local time east of UTC written without
	// its zone is, moves every partition to its log end: said on stderr.
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "@2100-01-01T00:00"), 0,
		tableOf(planHeader, []string{topic, "0", "3", "10", "6", "10", "0"}, []string{topic, "1", "10", "10", "0", "10", "0"}, []string{topic, "2", "0", "0", "0", "0", "0"}),
		utc(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))+"shore: warning: --to @2100-01-01T00:00:00Z is in the future (a time without a zone is UTC, not local time): a partition without a record that recent moves to its log end\n"+dryRun)
}

// TestGroupsUnknownTopicsOneLine checks that every groups command that
// takes topics names all those the cluster does not have in one line, each
// with the topic it may mean, as consume does: not only the first, and not
// without the suggestion that shows the typo.
func TestGroupsUnknownTopicsOneLine(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 2)
	group := testbroker.Name(t, "group")
	commitAfterReading(t, group, topic, false, map[int32]int64{0: 1})
	typo, missing := topic+"x", testbroker.Name(t, "missing")
	named := map[string]string{typo: fmt.Sprintf("%q (did you mean %q?)", typo, topic), missing: fmt.Sprintf("%q", missing)}
	first, second := min(typo, missing), max(typo, missing)
	both := fmt.Sprintf("unknown topics %s and %s\n", named[first], named[second])
	for _, args := range [][]string{
		{"seek", group, "--to", "start", "--topic", typo, "--topic", missing + ":0"},
		{"commit", group, typo + ":0=1", missing + ":0=1"},
		{"delete-offsets", group, "--topic", typo, "--topic", missing},
		{"describe", group, "--topic", typo + "," + missing},
	} {
		wantRun(t, shoretest.Run(t, append([]string{"groups"}, args...)...), 1, "", "shore: "+both)
	}
	wantRun(t, shoretest.Run(t, "groups", "commit", group, typo+":0=1"), 1, "", "shore: unknown topic "+named[typo]+"\n")
	// seek and delete-offsets name every topic that exists without
	// commits too.
	idle, idle2 := testbroker.Topic(t, 1, nil), testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "start", "--topic", idle2, "--topic", topic, "--topic", idle), 1, "",
		fmt.Sprintf("shore: group %q has no commits for topics %q or %q: pass --allow-new to create them\n", group, min(idle, idle2), max(idle, idle2)))
	wantRun(t, shoretest.Run(t, "groups", "delete-offsets", group, "--topic", idle2, "--topic", idle), 1, "",
		fmt.Sprintf("shore: group %q has no commits for topics %q or %q to delete\n", group, min(idle, idle2), max(idle, idle2)))
	// A plan file's lines that name them, in the order of the file; the
	// topic its other line names is not said to be meant (TestNearNamed).
	plan := fmt.Sprintf("%s,0,1\n%s,0,1\n%s,0,1\n", second, topic, first)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: plan}, "groups", "seek", group, "--from-file", "-"), 1, "",
		fmt.Sprintf("shore: --from-file stdin lines 1 and 3: unknown topics %q and %q\n", first, second))
}

// TestGroupsUnknownPartitionsOneLine checks that seek, commit and
// delete-offsets name every partition that its topic does not have in one
// line, a clause per topic, not only the first.
func TestGroupsUnknownPartitionsOneLine(t *testing.T) {
	topic, other := testbroker.Topic(t, 2, nil), testbroker.Topic(t, 1, nil)
	fill(t, topic, 2, 2)
	group := testbroker.Name(t, "group")
	commitAfterReading(t, group, topic, false, map[int32]int64{0: 1})
	first, second := fmt.Sprintf("topic %q has no partitions 4 and 9 (it has 0-1)", topic), fmt.Sprintf("topic %q has no partition 3 (it has only 0)", other)
	if other < topic {
		first, second = second, first
	}
	both := "shore: " + first + "; " + second + "\n"
	wantRun(t, shoretest.Run(t, "groups", "commit", group, topic+":9=1", other+":3=1", topic+":4=1", topic+":0=1"), 1, "", both)
	wantRun(t, shoretest.Run(t, "groups", "seek", group, "--to", "start", "--topic", topic+":0,9,4", "--topic", other+":3"), 1, "", both)
	wantRun(t, shoretest.Run(t, "groups", "delete-offsets", group, "--topic", topic+":9,4"), 1, "",
		fmt.Sprintf("shore: topic %q has no partitions 4 and 9 (it has 0-1)\n", topic))
}

// TestGroupsCommitNotAuthorized: commit and seek --execute name what the
// login lacks, where they passed on Kafka's words: a group it may describe
// but not commit for (no ACL allows it READ on the group) is refused
// whole, where each partition's RESULT was 'GROUP_AUTHORIZATION_FAILED:
// Not authorized to access group: Group authorization failed.'; a topic it
// may not describe was 'list start offsets: TOPIC_AUTHORIZATION_FAILED: Not
// authorized to access topics: [Topic authorization failed.]' (and so
// did describe's --topic); a topic it may describe but not read is that
// partition's RESULT, the others committed.
func TestGroupsCommitNotAuthorized(t *testing.T) {
	t.Parallel()
	_, alice := aclCluster(t, []string{"orders", "shown", "hidden"},
		topicACL("orders", kmsg.ACLOperationAll), topicACL("shown", kmsg.ACLOperationDescribe),
		groupACL("billing", kmsg.ACLOperationDescribe), groupACL("billing", kmsg.ACLOperationRead), groupACL("lookonly", kmsg.ACLOperationDescribe))
	run := func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, alice, append([]string{"groups"}, args...)...)
	}
	noRead := `shore: not authorized to commit the offsets of group "lookonly" (GROUP_AUTHORIZATION_FAILED: no ACL allows this login READ on it)` + "\n"
	wantRun(t, run("commit", "lookonly", "orders:0=0"), 1, "", noRead)
	wantRun(t, run("seek", "lookonly", "--to", "start", "--topic", "orders", "--allow-new", "--execute"), 1, "", noRead)
	hidden := `shore: not authorized to describe topic "hidden" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists)` + "\n"
	wantRun(t, run("commit", "billing", "hidden:0=0"), 1, "", hidden)
	wantRun(t, run("seek", "billing", "--to", "start", "--topic", "hidden", "--allow-new"), 1, "", hidden)
	wantRun(t, run("describe", "billing", "--topic", "hidden"), 1, "", hidden)
	want := tableOf([]string{"TOPIC", "PARTITION", "PREVIOUS", "NEW", "LOG-START", "LOG-END", "LAG-AFTER", "RESULT"},
		[]string{"orders", "0", "-", "0", "0", "0", "0", "committed"},
		[]string{"shown", "0", "-", "0", "0", "0", "0", `not authorized to read topic "shown" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login READ on it)`})
	wantRun(t, run("commit", "billing", "orders:0=0", "shown:0=0"), 1, want, `shore: 1 of 2 partitions of group "billing" were not committed`+"\n")
}

// TestGroupsDeleteOffsetsNotAuthorized: a group whose commits the login may
// not delete (no ACL allows it DELETE on the group) is named with what it
// lacks, where delete-offsets said 'delete the offsets of group "billing":
// GROUP_AUTHORIZATION_FAILED: Not authorized to access group: Group
// authorization failed.'; so is a --topic the login may not describe,
// where it said 'list topics: TOPIC_AUTHORIZATION_FAILED: Not authorized
// to access topics: [Topic authorization failed.]'.
func TestGroupsDeleteOffsetsNotAuthorized(t *testing.T) {
	t.Parallel()
	admin, alice := aclCluster(t, []string{"orders", "hidden"}, topicACL("orders", kmsg.ACLOperationAll),
		groupACL("billing", kmsg.ACLOperationDescribe), groupACL("billing", kmsg.ACLOperationRead), groupACL("free", kmsg.ACLOperationAll))
	wantRun(t, shoretest.RunWith(t, admin, "groups", "commit", "billing", "orders:0=0"), 0, "TOPIC   PARTITION  PREVIOUS  NEW  LOG-START  LOG-END  LAG-AFTER  RESULT\norders  0          -         0    0          0        0          committed\n", "")
	wantRun(t, shoretest.RunWith(t, alice, "groups", "delete-offsets", "billing", "--topic", "orders"), 1, "",
		`shore: not authorized to delete the offsets of group "billing" (GROUP_AUTHORIZATION_FAILED: no ACL allows this login DELETE on it)`+"\n")
	wantRun(t, shoretest.RunWith(t, admin, "groups", "commit", "free", "hidden:0=0", "orders:0=0"), 0,
		tableOf(resultHeader, []string{"hidden", "0", "-", "0", "0", "0", "0", "committed"}, []string{"orders", "0", "-", "0", "0", "0", "0", "committed"}), "")
	hidden := `shore: not authorized to describe topic "hidden" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists)` + "\n"
	if !testbroker.Real() {
		// kfake names the commit on hidden to alice and deletes it, where
		// Kafka names none and refuses; then it is as on Kafka.
		wantRun(t, shoretest.RunWith(t, alice, "groups", "delete-offsets", "free", "--topic", "hidden"), 0,
			tableOf([]string{"TOPIC", "PARTITION", "RESULT"}, []string{"hidden", "0", "deleted"}), "")
	}
	for _, topics := range [][]string{{"--topic", "hidden"}, {"--topic", "hidden", "--topic", "orders"}, {"--topic", "hidden:0"}} {
		wantRun(t, shoretest.RunWith(t, alice, append([]string{"groups", "delete-offsets", "free"}, topics...)...), 1, "", hidden)
	}
}

// TestGroupsDeleteNotAuthorized: a group the login may not see (no ACL
// allows it DESCRIBE, so the brokers will not name its coordinator) or
// may not delete (DELETE) is named with what it lacks in its RESULT and
// on stderr, the others deleted, where delete said 'delete groups: request
// DeleteGroups has 1 separate shard errors, first: GROUP_AUTHORIZATION_FAILED:
// ...' for the first, 'no answer from the group's coordinator' for it
// beside others, and Kafka's 'GROUP_AUTHORIZATION_FAILED: Not authorized to
// access group: Group authorization failed.' for the second.
func TestGroupsDeleteNotAuthorized(t *testing.T) {
	t.Parallel()
	admin, alice := aclCluster(t, []string{"orders"}, topicACL("orders", kmsg.ACLOperationAll),
		groupACL("audit", kmsg.ACLOperationDescribe), groupACL("free", kmsg.ACLOperationAll))
	for _, group := range []string{"billing", "audit", "free"} {
		wantRun(t, shoretest.RunWith(t, admin, "groups", "commit", group, "orders:0=0"), 0, "TOPIC   PARTITION  PREVIOUS  NEW  LOG-START  LOG-END  LAG-AFTER  RESULT\norders  0          -         0    0          0        0          committed\n", "")
	}
	hidden := `not authorized to describe group "billing" (GROUP_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists)`
	noDelete := `not authorized to delete group "audit" (GROUP_AUTHORIZATION_FAILED: no ACL allows this login DELETE on it)`
	wantRun(t, shoretest.RunWith(t, alice, "groups", "delete", "billing"), 1, tableOf([]string{"GROUP", "RESULT"}, []string{"billing", hidden}),
		`shore: group "billing" not deleted: `+hidden+"\n")
	wantRun(t, shoretest.RunWith(t, alice, "groups", "delete", "free", "audit", "billing"), 1,
		tableOf([]string{"GROUP", "RESULT"}, []string{"audit", noDelete}, []string{"billing", hidden}, []string{"free", "deleted"}),
		`shore: group "audit" not deleted: `+noDelete+"\n"+`shore: group "billing" not deleted: `+hidden+"\nshore: 2 of 3 not deleted\n")
}

// TestGroupsSeekCommitsNotAuthorized: a seek without --topic of a group with
// commits on a topic the login may not describe, which the broker names, is
// refused whole, naming that topic and the --topic that moves the others,
// where it said only 'not authorized to describe topic "hidden" (...)',
// which did not say that the group's commits were the topic's way in, nor
// how to move the rest. Nothing is moved: the --topic it names does. kfake
// names such commits; Kafka leaves them out of its answer, and the seek
// moves the others (see groups seek --help).
func TestGroupsSeekCommitsNotAuthorized(t *testing.T) {
	t.Parallel()
	admin, alice := aclCluster(t, []string{"orders", "payments", "hidden"},
		topicACL("orders", kmsg.ACLOperationAll), topicACL("payments", kmsg.ACLOperationAll),
		groupACL("billing", kmsg.ACLOperationAll), groupACL("audit", kmsg.ACLOperationAll))
	wantRun(t, shoretest.RunWith(t, admin, "groups", "commit", "billing", "hidden:0=0", "orders:0=0", "payments:0=0"), 0,
		tableOf(resultHeader, []string{"hidden", "0", "-", "0", "0", "0", "0", "committed"}, []string{"orders", "0", "-", "0", "0", "0", "0", "committed"},
			[]string{"payments", "0", "-", "0", "0", "0", "0", "committed"}), "")
	wantRun(t, shoretest.RunWith(t, admin, "groups", "commit", "audit", "hidden:0=0"), 0,
		tableOf(resultHeader, []string{"hidden", "0", "-", "0", "0", "0", "0", "committed"}), "")
	run := func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, alice, append([]string{"groups", "seek"}, args...)...)
	}
	refused := `shore: not authorized to describe topic "hidden" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists)`
	plan := tableOf(planHeader, []string{"orders", "0", "0", "0", "0", "0", "0"}, []string{"payments", "0", "0", "0", "0", "0", "0"})
	if testbroker.Real() {
		// Kafka leaves the commits on hidden out of its answer: the seek
		// moves the others, and a group with none but those shows none,
		// which the refusal says may be why.
		wantRun(t, run("billing", "--to", "end"), 0, plan, dryRun)
		wantRun(t, run("audit", "--to", "end"), 1, "", `shore: group "audit" has no commits this login may see (Kafka hides those on topics it may not describe): pass --allow-new with --topic to create them`+"\n")
		wantRun(t, run("billing", "--to", "end", "--topic", "hidden"), 1, "", refused+"\n")
		return
	}
	for _, target := range [][]string{{"--to", "end"}, {"--shift", "1", "--execute"}} {
		wantRun(t, run(append([]string{"billing"}, target...)...), 1, "",
			refused+`, where group "billing" has commits; without --topic, seek moves every committed topic the brokers name or none: --topic orders --topic payments moves the others`+"\n")
	}
	wantRun(t, run("billing", "--to", "end", "--topic", "orders", "--topic", "payments"), 0, plan, dryRun)
	wantRun(t, run("audit", "--to", "end"), 1, "", refused+`, where group "audit" has commits`+"\n")
	wantRun(t, run("billing", "--to", "end", "--topic", "hidden"), 1, "", refused+"\n")
}

// TestGroupsSeekNoCommitsSeen: a group the cluster has, without a commit
// the login is shown, is refused saying that Kafka hides the commits on
// topics the login may not describe, when the brokers hide some from it
// (no ACL allows it CLUSTER_ACTION on the cluster, which superusers
// have), where it said 'group "billing" has no commits', which a login
// that may not describe the topics of the group's commits on Kafka was
// told of a group that has them (see TestGroupsSeekCommitsNotAuthorized).
// A login that sees every topic is told as before. Here the group's
// commits are deleted, as kfake shows a login commits it may not describe.
// commitsDeleted leaves the group billing known to the cluster as admin
// sees it, without commits: it commits orders:0 and deletes the commit.
// kfake answers a login the commits on topics it may not describe, which
// Kafka leaves out: a group with none is what such a login sees there.
func commitsDeleted(t *testing.T, admin shoretest.Opts) {
	t.Helper()
	wantRun(t, shoretest.RunWith(t, admin, "groups", "commit", "billing", "orders:0=0"), 0,
		tableOf(resultHeader, []string{"orders", "0", "-", "0", "0", "0", "0", "committed"}), "")
	wantRun(t, shoretest.RunWith(t, admin, "groups", "delete-offsets", "billing", "--topic", "orders"), 0,
		tableOf([]string{"TOPIC", "PARTITION", "RESULT"}, []string{"orders", "0", "deleted"}), "")
}

func TestGroupsSeekNoCommitsSeen(t *testing.T) {
	t.Parallel()
	admin, alice := aclCluster(t, []string{"orders"}, topicACL("orders", kmsg.ACLOperationAll), groupACL("billing", kmsg.ACLOperationAll))
	commitsDeleted(t, admin)
	hidden := `shore: group "billing" has no commits this login may see (Kafka hides those on topics it may not describe): `
	wantRun(t, shoretest.RunWith(t, alice, "groups", "seek", "billing", "--to", "end"), 1, "", hidden+"pass --allow-new with --topic to create them\n")
	wantRun(t, shoretest.RunWith(t, alice, "groups", "seek", "billing", "--to", "end", "--topic", "orders"), 1, "", hidden+"pass --allow-new to create them\n")
	wantRun(t, shoretest.RunWith(t, alice, "groups", "seek", "billing", "--to", "end", "--allow-new"), 1, "",
		hidden+"--allow-new creates them on the topics --topic names; add --topic\n")
	wantRun(t, shoretest.RunWith(t, admin, "groups", "seek", "billing", "--to", "end"), 1, "",
		`shore: group "billing" has no commits: pass --allow-new with --topic to create them`+"\n")
}

// TestGroupsDescribeNoCommitsSeen: describe says of a group that shows a
// least-privileged login no commits what seek says: Kafka leaves commits
// on topics the login may not describe out of its answer (see
// commitsDeleted).
func TestGroupsDescribeNoCommitsSeen(t *testing.T) {
	t.Parallel()
	admin, alice := aclCluster(t, []string{"orders"}, topicACL("orders", kmsg.ACLOperationAll), groupACL("billing", kmsg.ACLOperationAll))
	commitsDeleted(t, admin)
	wantRun(t, shoretest.RunWith(t, alice, "groups", "describe", "billing", "-o", "csv"), 0, "", noCommitsSeen)
	wantRun(t, shoretest.RunWith(t, admin, "groups", "describe", "billing", "-o", "csv"), 0, "", `shore: group "billing" has no commits`+"\n")
	res := shoretest.RunWith(t, alice, "groups", "describe", "billing")
	if summary := "GROUP        billing\nTYPE         classic\nSTATE        Empty\n"; res.Code != 0 || !strings.HasPrefix(res.Stdout, summary) || res.Stderr != noCommitsSeen {
		t.Errorf("exit %d, stdout:\n%s\nstderr %q; want 0, the summary alone (%q...), stderr %q", res.Code, res.Stdout, res.Stderr, summary, noCommitsSeen)
	}
}

// noCommitsSeen is what describe says of billing to a login shown none of
// its commits.
const noCommitsSeen = `shore: group "billing" has no commits this login may see (Kafka hides those on topics it may not describe)` + "\n"

// TestGroupsDescribeNoCommitsSeenWatch: a --watch asks the brokers what
// the login may see once, not in each frame.
func TestGroupsDescribeNoCommitsSeenWatch(t *testing.T) {
	t.Parallel()
	c, admin, alice := aclClusterOf(t, []string{"orders"}, topicACL("orders", kmsg.ACLOperationAll), groupACL("billing", kmsg.ACLOperationAll))
	commitsDeleted(t, admin)
	var asked atomic.Int32
	c.ControlKey(kmsg.DescribeCluster.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		asked.Add(1)
		return nil, nil, false
	})
	alice.Timeout = 2 * time.Second
	res := shoretest.RunWith(t, alice, "groups", "describe", "billing", "--watch", "100ms")
	frames := strings.Count(res.Stdout, "GROUP ")
	if frames < 2 || !strings.HasPrefix(res.Stderr, noCommitsSeen) || asked.Load() != 1 {
		t.Errorf("%d frames, %d DescribeCluster requests, stderr %q; want 2 or more frames, 1 request, stderr starting %q", frames, asked.Load(), res.Stderr, noCommitsSeen)
	}
}
