package cmd_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// base is when the test records were written: a day ago, so that real
// brokers accept the timestamps, at a whole minute, so that seeks by time
// land exactly.
var base = time.Now().Add(-24 * time.Hour).Truncate(time.Minute)

var coordinatorLine = regexp.MustCompile(`(?m)^COORDINATOR  \d+ \(\S+:\d+\)$`)

// maskCoordinator replaces the coordinator's id and address, which depend on
// the cluster.
func maskCoordinator(s string) string {
	return coordinatorLine.ReplaceAllString(s, "COORDINATOR  N (HOST:PORT)")
}

var protocolLine = regexp.MustCompile(`(?m)^PROTOCOL     \S+$`)

func summary(group, kind, state, protocol string, members int, lag int64) string {
	return fmt.Sprintf("GROUP        %s\nTYPE         %s\nSTATE        %s\nCOORDINATOR  N (HOST:PORT)\nPROTOCOL     %s\nMEMBERS      %d\nTOTAL-LAG    %d\n", group, kind, state, protocol, members, lag)
}

var partitionHeader = []string{"TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-START", "LOG-END", "LAG", "MEMBER-ID", "CLIENT-ID", "HOST"}

func TestGroupsDescribe(t *testing.T) {
	kinds(t, func(t *testing.T, kip848 bool, kind string) {
		orders := testbroker.Topic(t, 3, nil)
		audit := testbroker.Topic(t, 1, nil)
		fill(t, orders, 3, 10)
		fill(t, audit, 1, 4)
		group := testbroker.Name(t, "group")
		commitAfterReading(t, group, orders, kip848, map[int32]int64{0: 3, 1: 7})
		commitAfterReading(t, group, audit, kip848, map[int32]int64{0: 4})

		res := shoretest.Run(t, "groups", "describe", group)
		res.Stdout = protocolLine.ReplaceAllString(maskCoordinator(res.Stdout), "PROTOCOL     -")
		rows := [][]string{
			{orders, "0", "3", "0", "10", "7", "-", "-", "-"},
			{orders, "1", "7", "0", "10", "3", "-", "-", "-"},
		}
		auditRow := []string{audit, "0", "4", "0", "4", "0", "-", "-", "-"}
		lags := [][]string{{orders, "10"}, {audit, "0"}}
		if audit < orders {
			rows = append([][]string{auditRow}, rows...)
			lags[0], lags[1] = lags[1], lags[0]
		} else {
			rows = append(rows, auditRow)
		}
		want := summary(group, kind, "Empty", "-", 0, 10) + "\n" + tableOf(partitionHeader, rows...) + "\n" + tableOf([]string{"TOPIC", "LAG"}, lags...)
		wantRun(t, res, 0, want, "")

		// --members on a group without members adds no table, as a
		// section without rows is left out: MEMBERS 0 says it.
		res = shoretest.Run(t, "groups", "describe", group, "--members")
		res.Stdout = protocolLine.ReplaceAllString(maskCoordinator(res.Stdout), "PROTOCOL     -")
		wantRun(t, res, 0, want, "")

		res = shoretest.Run(t, "groups", "describe", group, "--topic", orders, "-o", "csv")
		wantRun(t, res, 0, orders+",0,3\n"+orders+",1,7\n", "")

		res = shoretest.Run(t, "groups", "describe", group, "-o", "json")
		var ds []map[string]any
		if err := json.Unmarshal([]byte(res.Stdout), &ds); err != nil || res.Code != 0 {
			t.Fatalf("json: %v, exit %d: %s%s", err, res.Code, res.Stdout, res.Stderr)
		}
		if len(ds) != 1 || ds[0]["group"] != group || ds[0]["type"] != kind || ds[0]["state"] != "Empty" || ds[0]["total_lag"] != 10.0 {
			t.Errorf("json summary: %v", ds)
		}
		// The table's PROTOCOL -, for an Empty group without one, is null.
		if protocol, ok := ds[0]["protocol"]; !ok || protocol == "" {
			t.Errorf("json protocol %q (given %v); want null or the assignor: %v", protocol, ok, ds)
		}
		parts := ds[0]["partitions"].([]any)
		p1 := parts[1].(map[string]any)
		if audit < orders {
			p1 = parts[2].(map[string]any)
		}
		if len(parts) != 3 || p1["topic"] != orders || p1["partition"] != 1.0 || p1["current_offset"] != 7.0 || p1["log_end"] != 10.0 || p1["lag"] != 3.0 || p1["member_id"] != nil || p1["client_id"] != nil || p1["host"] != nil {
			t.Errorf("json partitions: %v", parts)
		}

		// A live member owns the partitions; --members lists it.
		live := consumer(t, group, orders, "live-"+kind, kip848)
		live.PollFetches(context.Background())
		waitMembers(t, group, 1)
		res = shoretest.Run(t, "groups", "describe", group, "--members", "--topic", orders)
		member := regexp.MustCompile(`(?m)^(\S+) +- +live-\S+ +(\S+) +\S+$`).FindStringSubmatch(res.Stdout)
		if member == nil {
			t.Fatalf("no member in\n%s", res.Stdout)
		}
		res.Stdout = protocolLine.ReplaceAllString(maskCoordinator(res.Stdout), "PROTOCOL     -")
		m, h, c := member[1], member[2], "live-"+kind
		want = summary(group, kind, "Stable", "-", 1, 10) + "\n" +
			tableOf([]string{"MEMBER-ID", "INSTANCE-ID", "CLIENT-ID", "HOST", "ASSIGNMENT"}, []string{m, "-", c, h, orders + ":0,1,2"}) + "\n" +
			tableOf(partitionHeader,
				[]string{orders, "0", "3", "0", "10", "7", m, c, h},
				[]string{orders, "1", "7", "0", "10", "3", m, c, h},
				[]string{orders, "2", "-", "0", "10", "-", m, c, h},
			)
		wantRun(t, res, 0, want, "")
	})
}

// TestGroupsDeleteIfExists: a teardown script's groups delete passes over
// the groups that do not exist with --if-exists, as topics delete does,
// naming them on stderr, and exits 0; without a flag for it, a group the
// job never created failed the teardown (exit 1), and '|| true' hid the
// failures that matter, such as active members.
func TestGroupsDeleteIfExists(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 2)
	group, other := testbroker.Name(t, "group"), testbroker.Name(t, "other")
	commitAfterReading(t, group, topic, false, map[int32]int64{0: 1})
	commitAfterReading(t, other, topic, false, map[int32]int64{0: 1})
	missing := testbroker.Name(t, "missing")
	wantRun(t, shoretest.Run(t, "groups", "delete", group, missing, "--if-exists"), 0, tableOf([]string{"GROUP", "RESULT"}, []string{group, "deleted"}),
		fmt.Sprintf("shore: unknown group %q; passed over (--if-exists)\n", missing))
	wantRun(t, shoretest.Run(t, "groups", "delete", group, missing, "--if-exists"), 0, "",
		fmt.Sprintf("shore: unknown groups %q and %q; nothing deleted\n", group, missing))
	wantRun(t, shoretest.Run(t, "groups", "delete", missing, "--if-exists", "-o", "json"), 0, "[]\n", "")
	wantRun(t, shoretest.Run(t, "groups", "delete", other, missing, "--if-exists", "-o", "json"), 0, fmt.Sprintf("[\n  {\n    \"group\": %q\n  }\n]\n", other),
		fmt.Sprintf("shore: unknown group %q; passed over (--if-exists)\n", missing))
}

func TestGroupsDescribeErrors(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 2)
	group := testbroker.Name(t, "group")
	commitAfterReading(t, group, topic, false, map[int32]int64{0: 1})
	missing := testbroker.Name(t, "missing")
	wantRun(t, shoretest.Run(t, "groups", "describe", missing), 1, "", fmt.Sprintf("shore: unknown group %q\n", missing))
	// The known group is described, as kafka-consumer-groups and rpk
	// describe it, and the unknown ones named in one line after it,
	// which printed nothing of the known one; -o json is one array of it.
	unknownLine := fmt.Sprintf("shore: unknown groups %q and %q\n", missing, missing+"2")
	known := shoretest.Run(t, "groups", "describe", group)
	wantRun(t, shoretest.Run(t, "groups", "describe", group, missing, missing+"2"), 1, known.Stdout, unknownLine)
	knownJSON := shoretest.Run(t, "groups", "describe", group, "-o", "json")
	wantRun(t, shoretest.Run(t, "groups", "describe", missing, group, missing+"2", "-o", "json"), 1, knownJSON.Stdout, unknownLine)
	// With none known, -o json is still a document for jq, as topics
	// describe's is; the table and the csv are nothing.
	wantRun(t, shoretest.Run(t, "groups", "describe", missing, missing+"2", "-o", "json"), 1, "[]\n", unknownLine)
	wantRun(t, shoretest.Run(t, "groups", "describe", missing, missing+"2"), 1, "", unknownLine)
	// Groups joined by commas, as --topic takes topics, are one name
	// that a group may have: unknown, it gets the arguments to give.
	wantRun(t, shoretest.Run(t, "groups", "describe", group+","+missing), 1, "",
		fmt.Sprintf("shore: unknown group %q; give each group its own argument: %s %s\n", group+","+missing, group, missing))
	// A pattern, as rpk's group describe -r takes, is a name that a group
	// may have: unknown, it gets how to name the groups matching one.
	patternHint := `; a GROUP is a name, not a pattern: the groups whose names match a regular expression are shore groups list -o json | jq -r '.[].group | select(test("REGEX"))'`
	wantRun(t, shoretest.Run(t, "groups", "describe", missing+"-*"), 1, "", fmt.Sprintf("shore: unknown group %q%s\n", missing+"-*", patternHint))
	wantRun(t, shoretest.Run(t, "groups", "delete", missing+"-*"), 1, tableOf([]string{"GROUP", "RESULT"}, []string{missing + "-*", "unknown group"}),
		fmt.Sprintf("shore: group %q not deleted: unknown group%s\n", missing+"-*", patternHint))
	// A typo of a group the cluster has names it, as an unknown topic
	// does, where describe, delete and delete-offsets said only
	// 'unknown group "...-group-5d0c4e2x"'.
	typo := group[:len(group)-1] + "x"
	wantRun(t, shoretest.Run(t, "groups", "describe", typo, missing), 1, "",
		fmt.Sprintf("shore: unknown groups %q (did you mean %q?) and %q\n", typo, group, missing))
	wantRun(t, shoretest.Run(t, "groups", "delete", typo), 1, tableOf([]string{"GROUP", "RESULT"}, []string{typo, "unknown group"}),
		fmt.Sprintf("shore: group %q not deleted: unknown group (did you mean %q?)\n", typo, group))
	wantRun(t, shoretest.Run(t, "groups", "delete-offsets", typo, "--topic", topic), 1, "",
		fmt.Sprintf("shore: unknown group %q (did you mean %q?)\n", typo, group))
	// So is a group named in another case, as a dashboard or a runbook
	// writes it: Kafka's names are case-sensitive.
	upper := strings.ToUpper(group)
	wantRun(t, shoretest.Run(t, "groups", "describe", upper, "--max-lag", "0"), 1, "",
		fmt.Sprintf("shore: unknown group %q (did you mean %q?)\n", upper, group))
	wantRun(t, shoretest.Run(t, "groups", "describe", group, "--topic", strings.ToUpper(topic), "--max-lag", "0"), 1, "",
		fmt.Sprintf("shore: unknown topic %q (did you mean %q?)\n", strings.ToUpper(topic), topic))
	// A lag gate's breaches come first; the unknown group makes it exit 1.
	wantRun(t, shoretest.Run(t, "groups", "describe", group, missing, "--max-lag", "0", "-o", "json"), 1, knownJSON.Stdout,
		fmt.Sprintf("shore: group %q: %s:0 lag 1 > 0\nshore: unknown group %q\n", group, topic, missing))
	// A mistyped --topic is an unknown topic, not an empty description
	// (exit 0) or a lag the gate cannot know (exit 3).
	// A group named twice is one group, as the table shows it once.
	wantRun(t, shoretest.Run(t, "groups", "describe", group, group, "-o", "csv"), 0, topic+",0,1\n", "")
	for _, args := range [][]string{{"--topic", missing}, {"--topic", topic + "," + missing, "-o", "csv"}, {"--topic", missing, "--max-lag", "0"}} {
		wantRun(t, shoretest.Run(t, append([]string{"groups", "describe", group}, args...)...), 1, "", fmt.Sprintf("shore: unknown topic %q\n", missing))
	}
	// An unknown group and an unknown --topic are both named, one line
	// each, groups first, as the command line names them, whether a
	// known group is named or none.
	nope := testbroker.Name(t, "nope")
	both := fmt.Sprintf("shore: unknown group %q\nshore: unknown topic %q\n", missing, nope)
	wantRun(t, shoretest.Run(t, "groups", "describe", group, missing, "--topic", nope), 1, "", both)
	wantRun(t, shoretest.Run(t, "groups", "describe", missing, "--topic", nope, "-o", "json"), 1, "", both)
	wantRun(t, shoretest.Run(t, "groups", "describe", group, missing, "--topic", nope, "--watch", "1s"), 1, "", fmt.Sprintf("shore: unknown group %q; unknown topic %q\n", missing, nope))
	for _, tc := range []struct {
		args   []string
		stderr string
		help   string
	}{
		{[]string{"groups", "describe"}, "shore: groups describe: missing GROUP (usage: shore groups describe GROUP...)", seeHelpFor("groups describe")},
		{[]string{"groups", "describe", "a", ""}, "shore: empty group name", seeHelpFor("groups describe")},
		{[]string{"groups", "seek", "", "--to", "end"}, "shore: empty group name", seeHelpFor("groups seek")},
		{[]string{"groups", "describe", "a", "b", "-o", "csv"}, "shore: -o csv writes the offsets of one group; 2 given", seeHelpFor("groups describe")},
		{[]string{"groups", "describe", "a", "-o", "yaml"}, `shore: --output "yaml": want table, json or csv`, seeHelpFor("groups describe")},
		{[]string{"groups", "describe", "a", "--watch", "0s"}, "shore: --watch 0s: want an interval of 100ms or more, such as 2s", seeHelpFor("groups describe")},
		{[]string{"groups", "describe", "a", "--watch", "1s", "-o", "csv"}, "shore: --watch does not go with -o csv", seeHelpFor("groups describe")},
		{[]string{"groups", "list", "--state", "Sleepy"}, `shore: --state "Sleepy": want one of Stable, Empty, PreparingRebalance, CompletingRebalance, Assigning, Reconciling, Dead`, seeHelpFor("groups list")},
		{[]string{"groups", "seek", "g"}, "shore: none of --to, --shift or --from-file is given; give exactly one", seeHelpFor("groups seek")},
		{[]string{"groups", "seek", "g", "--to", "start", "--shift", "1"}, "shore: --to and --shift are both given; give exactly one of --to, --shift or --from-file", seeHelpFor("groups seek")},
		{[]string{"groups", "seek", "g", "--to", "begin"}, `shore: --to "begin": want start, end, an offset (0 or more) or @TIME`, seeHelpFor("groups seek")},
		{[]string{"groups", "seek", "g", "--to", "@soon"}, `shore: --to "@soon": want ` + format.TimeSyntax, seeHelpFor("groups seek")},
		{[]string{"groups", "seek", "g", "--to", "@1000-01-01"}, `shore: --to "@1000-01-01": 1000-01-01T00:00:00Z is before 1970-01-01T00:00:00Z, where Kafka timestamps start`, seeHelpFor("groups seek")},
		{[]string{"groups", "seek", "g", "--to", ""}, `shore: --to "": want start, end, an offset (0 or more) or @TIME`, seeHelpFor("groups seek")},
		{[]string{"groups", "seek", "g", "--shift", "x"}, `shore: --shift "x": not a whole number`, seeHelpFor("groups seek")},
		{[]string{"groups", "seek", "g", "--to", "end", "--topic", "t:x"}, `shore: --topic "t:x": "x" is not a partition number (0 or more)`, seeHelpFor("groups seek")},
		{[]string{"groups", "seek", "g", "--from-file", "/nonexistent.csv"}, "shore: --from-file /nonexistent.csv: no such file or directory", seeHelpFor("groups seek")},
		{[]string{"groups", "seek", "g", "--from-file", "-", "--topic", "t"}, "shore: --from-file names its partitions; it does not go with --topic", seeHelpFor("groups seek")},
		{[]string{"groups", "commit", "g"}, "shore: groups commit: missing TOPIC:PARTITION=OFFSET (usage: shore groups commit GROUP TOPIC:PARTITION=OFFSET...)", seeHelpFor("groups commit")},
		{[]string{"groups", "commit", "g", "t:0"}, `shore: "t:0": want TOPIC:PARTITION=OFFSET`, seeHelpFor("groups commit")},
		{[]string{"groups", "commit", "g", "t:0=1", "t:0=2"}, "shore: t:0 is given twice", seeHelpFor("groups commit")},
		{[]string{"groups", "delete-offsets", "g"}, "shore: --topic is required: name the topics whose commits to delete", seeHelpFor("groups delete-offsets")},
		{[]string{"groups", "delete"}, "shore: groups delete: missing GROUP (usage: shore groups delete GROUP...)", seeHelpFor("groups delete")},
	} {
		wantRun(t, shoretest.Run(t, tc.args...), 2, "", tc.stderr+"\n"+tc.help)
	}
}

// TestGroupsDescribeCommitOutsideLog: a commit past its partition's log end
// shows lag 0, as kadm and rpk count it, and one before its log start a lag
// that counts records deleted unread, as kafka-consumer-groups counts it, so
// a warning names each: the group's next consumer does not start there but
// where its reset policy says, and a lag gate passes the first. The one
// before the log start had no word.
func TestGroupsDescribeCommitOutsideLog(t *testing.T) {
	topic := testbroker.Topic(t, 2, nil)
	fill(t, topic, 2, 5)
	offsets := kadm.Offsets{}
	offsets.AddOffset(topic, 1, 4, -1)
	deleteRecords(t, offsets)
	group := testbroker.Name(t, "group")
	commitOffsets(t, group, topic+":0=9", topic+":1=2")
	warning := fmt.Sprintf("shore: warning: group %q: %s:0: commit 9 is past the log end 5; the group's next consumer starts where its offset reset policy says\n", group, topic) +
		fmt.Sprintf("shore: warning: group %q: %s:1: commit 2 is before the log start 4 (2 records deleted unread); the group's next consumer starts where its offset reset policy says\n", group, topic)
	res := shoretest.Run(t, "groups", "describe", group, "-o", "csv", "--max-lag", "3")
	wantRun(t, res, 0, fmt.Sprintf("%s,0,9\n%s,1,2\n", topic, topic), warning)
	res = shoretest.Run(t, "groups", "describe", group)
	res.Stdout = maskCoordinator(res.Stdout)
	wantRun(t, res, 0, summary(group, "classic", "Empty", "-", 0, 3)+"\n"+tableOf(partitionHeader,
		[]string{topic, "0", "9", "0", "5", "0", "-", "-", "-"},
		[]string{topic, "1", "2", "4", "5", "3", "-", "-", "-"}), warning)
}

// TestGroupsDescribeCSVWithoutCommits: -o csv of a group without commits
// (on the --topic given) writes nothing, and says so on stderr as seek's
// error does, the topics quoted: an empty plan file read like a failed
// export, and seek refused it later as "no offsets in the file".
func TestGroupsDescribeCSVWithoutCommits(t *testing.T) {
	read := testbroker.Topic(t, 1, nil)
	other := testbroker.Topic(t, 1, nil)
	fill(t, read, 1, 5)
	group := testbroker.Name(t, "group")
	commitOffsets(t, group, read+":0=2")
	wantRun(t, shoretest.Run(t, "groups", "describe", group, "-o", "csv", "--topic", other), 0, "",
		fmt.Sprintf("shore: group %q has no commits for topic %q\n", group, other))
	third := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.Run(t, "groups", "describe", group, "-o", "csv", "--topic", third+","+other), 0, "",
		fmt.Sprintf("shore: group %q has no commits for topics %q or %q\n", group, min(other, third), max(other, third)))
	wantRun(t, shoretest.Run(t, "groups", "describe", group, "-o", "csv", "--topic", read), 0, read+",0,2\n", "")
	// A --topic without commits is named beside one with, which said
	// nothing: the plan file left it out without a word.
	wantRun(t, shoretest.Run(t, "groups", "describe", group, "-o", "csv", "--topic", read+","+other), 0, read+",0,2\n",
		fmt.Sprintf("shore: group %q has no commits for topic %q\n", group, other))
	if res := shoretest.Run(t, "groups", "delete-offsets", group, "--topic", read); res.Code != 0 {
		t.Fatalf("delete-offsets: exit %d: %s", res.Code, res.Stderr)
	}
	wantRun(t, shoretest.Run(t, "groups", "describe", group, "-o", "csv"), 0, "", fmt.Sprintf("shore: group %q has no commits\n", group))
}

// TestGroupsDescribeTableWithoutCommits: the table of a group with no
// commit and no member on the --topic given is its summary alone, which
// said nothing of why; stderr now says it as -o csv does, of each group
// so described, and of each --topic without rows beside others with.
func TestGroupsDescribeTableWithoutCommits(t *testing.T) {
	read := testbroker.Topic(t, 1, nil)
	other := testbroker.Topic(t, 1, nil)
	fill(t, read, 1, 5)
	group := testbroker.Name(t, "group")
	idle := testbroker.Name(t, "group")
	commitOffsets(t, group, read+":0=2")
	commitOffsets(t, idle, other+":0=0")
	res := shoretest.Run(t, "groups", "describe", group, "--topic", other)
	res.Stdout = maskCoordinator(res.Stdout)
	noLag := strings.Replace(summary(group, "classic", "Empty", "-", 0, 0), "TOTAL-LAG    0", "TOTAL-LAG    -", 1)
	wantRun(t, res, 0, noLag, fmt.Sprintf("shore: group %q has no commits for topic %q\n", group, other))
	res = shoretest.Run(t, "groups", "describe", group, idle, "--topic", read)
	if res.Code != 0 || res.Stderr != fmt.Sprintf("shore: group %q has no commits for topic %q\n", idle, read) {
		t.Fatalf("exit %d stderr %q", res.Code, res.Stderr)
	}
	res = shoretest.Run(t, "groups", "describe", group, "--topic", read)
	if res.Code != 0 || res.Stderr != "" || res.Stdout == "" {
		t.Fatalf("exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
	}
	// A --topic without rows is named beside one with rows, which said
	// nothing of it.
	wantRun(t, shoretest.Run(t, "groups", "describe", group, "--topic", other+","+read), 0, res.Stdout,
		fmt.Sprintf("shore: group %q has no commits for topic %q\n", group, other))
}

// TestGroupsDescribeDeletedTopic: a topic deleted while a member still has
// it assigned showed - as its log offsets and lag without a word, and a lag
// gate blamed the partitions' leader, which does not answer only for a
// topic that exists. A warning now says the topic does not exist, and so do
// the breaches. A classic group: a KIP-848 group's coordinator takes the
// topic out of the assignment itself.
func TestGroupsDescribeDeletedTopic(t *testing.T) {
	group, topic := readerOfDeletedTopic(t)
	// The warning says what the output shows: null in JSON, - in a table.
	warning := func(shown string) string {
		return fmt.Sprintf("shore: warning: group %q: topic %q does not exist (deleted while the group read it): its log offsets and lag are unknown, shown as %s\n", group, topic, shown)
	}
	var rows describedJSON
	shoretest.Eventually(t, 10*time.Second, func() error {
		res := shoretest.Run(t, "groups", "describe", group, "-o", "json")
		if res.Code != 0 || res.Stderr != warning("null") {
			return fmt.Errorf("exit %d\nstderr:\n%s\nwant exit 0\nstderr:\n%s", res.Code, res.Stderr, warning("null"))
		}
		return json.Unmarshal([]byte(res.Stdout), &rows)
	})
	if len(rows) != 1 || len(rows[0].Partitions) != 2 || rows[0].Partitions[0].LogEnd != nil || rows[0].Partitions[1].Lag != nil || rows[0].Partitions[1].ClientID != "reader" {
		t.Fatalf("partitions of group %s: %+v", group, rows)
	}
	breach := fmt.Sprintf("shore: group %q: %s:%%d lag unknown (the topic does not exist)\n", group, topic)
	res := shoretest.Run(t, "groups", "describe", group, "--max-lag", "0")
	if want := warning("-") + fmt.Sprintf(breach, 0) + fmt.Sprintf(breach, 1) + "shore: lag gate: 2 breaches\n"; res.Code != 3 || res.Stderr != want {
		t.Fatalf("exit %d\nstderr:\n%s\nwant exit 3\nstderr:\n%s", res.Code, res.Stderr, want)
	}
}

// TestGroupsDescribeTopicNotAuthorized: a group with commits on a topic the
// login may not describe (no ACL allows it DESCRIBE there, so its log
// offsets cannot be listed) is described with - (null in JSON) as that
// topic's log offsets and lag and a warning naming it and the ACL, exit 0,
// where describe failed whole with 'not authorized to describe topic
// "hidden" ...' and showed none of the rows it could read. A lag gate
// breaches on the partitions whose lag it cannot know, saying why. kfake
// answers the commits on such a topic; Kafka leaves them out, so there the
// rows come only from a member that has the topic assigned, without their
// commits (see groups describe --help).
func TestGroupsDescribeTopicNotAuthorized(t *testing.T) {
	t.Parallel()
	admin, alice := aclCluster(t, []string{"orders", "hidden"}, topicACL("orders", kmsg.ACLOperationAll),
		groupACL("billing", kmsg.ACLOperationDescribe), groupACL("billing", kmsg.ACLOperationRead))
	produced := admin
	produced.Stdin = "a\nb\n"
	wantRun(t, shoretest.RunWith(t, produced, "produce", "orders"), 0, "", "")
	wantRun(t, shoretest.RunWith(t, admin, "groups", "commit", "billing", "orders:0=0", "hidden:0=0"), 0,
		tableOf(resultHeader, []string{"hidden", "0", "-", "0", "0", "0", "0", "committed"}, []string{"orders", "0", "-", "0", "0", "2", "2", "committed"}), "")
	run := func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, alice, append([]string{"groups", "describe", "billing"}, args...)...)
	}
	warning := func(shown string) string {
		return `shore: warning: group "billing": not authorized to describe topic "hidden" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists): its log offsets and lag are unknown` + shown + "\n"
	}
	summary := "GROUP        billing\nTYPE         classic\nSTATE        Empty\nCOORDINATOR  " + testbroker.ACLNode(t) + " (" + alice.Env["SHORE_BROKERS"] + ")\nPROTOCOL     -\nMEMBERS      0\nTOTAL-LAG    2\n\n"
	if testbroker.Real() {
		// Kafka leaves the commit on hidden out of its answer, without a
		// word: the lag gate passes on what the login may see.
		want := summary + tableOf([]string{"TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-START", "LOG-END", "LAG", "MEMBER-ID", "CLIENT-ID", "HOST"},
			[]string{"orders", "0", "0", "0", "2", "2", "-", "-", "-"})
		wantRun(t, run(), 0, want, "")
		wantRun(t, run("-o", "csv"), 0, "orders,0,0\n", "")
		wantRun(t, run("--max-lag", "5"), 0, want, "")
		return
	}
	want := summary + tableOf([]string{"TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-START", "LOG-END", "LAG", "MEMBER-ID", "CLIENT-ID", "HOST"},
		[]string{"hidden", "0", "0", "-", "-", "-", "-", "-", "-"},
		[]string{"orders", "0", "0", "0", "2", "2", "-", "-", "-"}) + "\n" + tableOf([]string{"TOPIC", "LAG"}, []string{"hidden", "-"}, []string{"orders", "2"})
	wantRun(t, run(), 0, want, warning(", shown as -"))
	wantRun(t, run("-o", "csv"), 0, "hidden,0,0\norders,0,0\n", warning(""))
	wantRun(t, run("--max-lag", "5"), 3, want, warning(", shown as -")+`shore: group "billing": hidden:0 lag unknown (the login may not describe the topic)`+"\n")
	res := run("-o", "json")
	var rows describedJSON
	if err := json.Unmarshal([]byte(res.Stdout), &rows); err != nil || res.Code != 0 || res.Stderr != warning(", shown as null") ||
		len(rows) != 1 || len(rows[0].Partitions) != 2 || rows[0].Partitions[0].LogEnd != nil || rows[0].Partitions[0].Lag != nil || *rows[0].Partitions[1].Lag != 2 {
		t.Fatalf("-o json: exit %d (%v), stdout:\n%s\nstderr %q", res.Code, err, res.Stdout, res.Stderr)
	}
}

// TestGroupsDescribeWatchWarnings: under --watch, the warnings that a run
// of describe prints on stderr come too, each once while it stays (the
// frames are appended: stdout is not a terminal), where the watch dropped
// them: the rows of a topic the login may not describe, or deleted while a
// member reads it, showed - in every frame without a word of why. The
// hidden topic's rows come from the group's commit on it, which kfake
// answers and Kafka leaves out (there, a member's assignment brings them).
func TestGroupsDescribeWatchWarnings(t *testing.T) {
	t.Parallel()
	t.Run("topic not authorized", func(t *testing.T) {
		t.Parallel()
		admin, alice := aclCluster(t, []string{"orders", "hidden"}, topicACL("orders", kmsg.ACLOperationAll),
			groupACL("billing", kmsg.ACLOperationDescribe), groupACL("billing", kmsg.ACLOperationRead))
		wantRun(t, shoretest.RunWith(t, admin, "groups", "commit", "billing", "orders:0=0", "hidden:0=0"), 0,
			tableOf(resultHeader, []string{"hidden", "0", "-", "0", "0", "0", "0", "committed"}, []string{"orders", "0", "-", "0", "0", "0", "0", "committed"}), "")
		alice.Timeout = 1500 * time.Millisecond
		res := shoretest.RunWith(t, alice, "groups", "describe", "billing", "--watch", "200ms")
		warning := `shore: warning: group "billing": not authorized to describe topic "hidden" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists): its log offsets and lag are unknown, shown as -` + "\n"
		if testbroker.Real() {
			warning = "" // Kafka leaves the commit on hidden out of its answer
		}
		if frames := strings.Count(res.Stdout, "GROUP        billing\n"); res.Code != 0 || frames < 3 || res.Stderr != warning {
			t.Fatalf("exit %d, %d frames, stderr:\n%s\nwant exit 0, 3 frames or more, stderr:\n%s", res.Code, frames, res.Stderr, warning)
		}
	})
	t.Run("topic deleted", func(t *testing.T) {
		t.Parallel()
		group, topic := readerOfDeletedTopic(t)
		res := shoretest.RunWith(t, shoretest.Opts{Timeout: 1500 * time.Millisecond}, "groups", "describe", group, "--watch", "200ms", "-o", "json")
		warning := fmt.Sprintf("shore: warning: group %q: topic %q does not exist (deleted while the group read it): its log offsets and lag are unknown, shown as null\n", group, topic)
		if frames := strings.Count(res.Stdout, "\n\n["); res.Code != 0 || frames < 2 || res.Stderr != warning {
			t.Fatalf("exit %d, %d frames after the first, stderr:\n%s\nwant exit 0, 2 or more, stderr:\n%s", res.Code, frames, res.Stderr, warning)
		}
	})
}

// TestGroupsMembersHidden: a KIP-848 group whose members read a topic the
// login may not describe, which Kafka then refuses to describe
// (TOPIC_AUTHORIZATION_FAILED, not naming the topic; a fault stands in for
// the ACL, which kfake does not check there), is listed and described with
// - (null in JSON) as what is unknown and a warning that says why, exit 0,
// where list and describe failed whole with 'describe groups: group
// "billing": TOPIC_AUTHORIZATION_FAILED: Not authorized to access topics:
// [Topic authorization failed.]'. A lag gate breaches on it (which
// partitions its members own is unknown); seek names it.
func TestGroupsMembersHidden(t *testing.T) {
	t.Parallel()
	c, opts := faultCluster(t)
	member, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.ConsumerGroup("billing"), kgo.ConsumeTopics("orders"),
		kgo.ServerSideBalancer(), kgo.Balancers(kgo.RangeBalancer()), kgo.DisableAutoCommit(), kgo.FetchMaxWait(100*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(member.Close)
	go member.PollFetches(t.Context())
	shoretest.Eventually(t, 10*time.Second, func() error {
		if res := shoretest.RunWith(t, opts, "groups", "list"); !strings.Contains(res.Stdout, "billing  consumer  Stable  range     1 ") {
			return fmt.Errorf("no member in billing yet:\n%s%s", res.Stdout, res.Stderr)
		}
		return nil
	})
	member.CommitOffsetsSync(t.Context(), map[string]map[int32]kgo.EpochOffset{"orders": {0: {Epoch: -1, Offset: 0}}}, func(_ *kgo.Client, _ *kmsg.OffsetCommitRequest, _ *kmsg.OffsetCommitResponse, err error) {
		if err != nil {
			t.Error(err)
		}
	})
	c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.ConsumerGroupDescribe}, Group: "billing", Err: kerr.TopicAuthorizationFailed, Count: -1})
	run := func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, opts, append([]string{"groups"}, args...)...)
	}
	hidden := `not authorized to describe the members of group "billing" (TOPIC_AUTHORIZATION_FAILED: they read a topic no ACL allows this login DESCRIBE on; Kafka does not say which)`
	wantRun(t, run("list"), 0, tableOf([]string{"GROUP", "TYPE", "STATE", "PROTOCOL", "MEMBERS", "COORDINATOR"}, []string{"billing", "consumer", "Stable", "-", "-", "0"}),
		"shore: warning: "+hidden+": its protocol and members are unknown, shown as -\n")
	warning := "shore: warning: " + hidden + ": its state, protocol and members are unknown, shown as -\n"
	want := "GROUP        billing\nTYPE         consumer\nSTATE        -\nCOORDINATOR  0 (" + opts.Env["SHORE_BROKERS"] + ")\nPROTOCOL     -\nMEMBERS      -\nTOTAL-LAG    0\n\n" +
		tableOf([]string{"TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-START", "LOG-END", "LAG", "MEMBER-ID", "CLIENT-ID", "HOST"}, []string{"orders", "0", "0", "0", "0", "0", "-", "-", "-"})
	wantRun(t, run("describe", "billing"), 0, want, warning)
	wantRun(t, run("describe", "billing", "--max-lag", "5"), 3, want,
		warning+`shore: group "billing": total lag unknown (the login may not describe a topic its members read, and so not which partitions they own)`+"\n")
	res := run("describe", "billing", "-o", "json")
	var described []map[string]any
	if err := json.Unmarshal([]byte(res.Stdout), &described); err != nil || res.Code != 0 || len(described) != 1 || described[0]["members"] != nil || described[0]["state"] != nil {
		t.Fatalf("-o json: exit %d (%v), stdout:\n%s\nstderr %q", res.Code, err, res.Stdout, res.Stderr)
	}
	wantRun(t, run("seek", "billing", "--to", "start", "--topic", "orders"), 1, "", "shore: "+hidden+"\n")
}

// readerOfDeletedTopic returns a classic group whose member still has
// topic, of 2 partitions, assigned after it was deleted.
func readerOfDeletedTopic(t *testing.T) (group, topic string) {
	t.Helper()
	topic = testbroker.Topic(t, 2, nil)
	fill(t, topic, 2, 3)
	group = testbroker.Name(t, "group")
	go consumer(t, group, topic, "reader", false).PollFetches(t.Context())
	waitMembers(t, group, 1)
	deleted, err := testbroker.Admin(t).DeleteTopics(t.Context(), topic)
	if err == nil {
		err = deleted.Error()
	}
	if err != nil {
		t.Fatalf("delete topic %s: %v", topic, err)
	}
	return group, topic
}
