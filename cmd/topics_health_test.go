package cmd_test

import (
	"fmt"
	"regexp"
	"sync/atomic"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// topics describe's partition filters show only the partitions in their
// states, one table TOPIC first, and exit 3 when they find one; finding
// none is exit 0, with a line on stderr for the table. A replication
// factor of 1 under min.insync.replicas 2 is a partition under it on any
// broker (the test cluster never has a replica out of sync).
func TestTopicsDescribeHealth(t *testing.T) {
	t.Parallel()
	base := testbroker.Name(t, "health")
	ok, short := base+".ok", base+".short"
	testbroker.CreateTopic(t, ok, 2, map[string]*string{"min.insync.replicas": kadm.StringPtr("1")})
	testbroker.CreateTopic(t, short, 1, map[string]*string{"min.insync.replicas": kadm.StringPtr("2")})
	b := leaderID(t, ok) // CreateTopic waited for the leaders
	header := "TOPIC,PARTITION,LEADER,REPLICAS,ISR,LOG-START,LOG-END\n"
	row := func(topic string, p int) string { return fmt.Sprintf("%s,%d,%s,%[3]s,%[3]s,0,0\n", topic, p, b) }

	// Healthy: nothing found.
	wantRun(t, shoretest.Run(t, "topics", "describe", ok, short, "--under-replicated"), 0, "", "shore: no partition is under-replicated\n")
	wantRun(t, shoretest.Run(t, "topics", "describe", ok, short, "--under-replicated", "--unavailable"), 0, "", "shore: no partition is under-replicated or without a leader\n")
	wantRun(t, shoretest.Run(t, "topics", "describe", ok, short, "--unavailable", "-o", "json"), 0, "[]\n", "")
	wantRun(t, shoretest.Run(t, "topics", "describe", ok, "--under-min-isr", "-o", "csv"), 0, header, "")

	// One replica in sync where two are the minimum.
	w := []int{len(short), len("PARTITION"), max(len("LEADER"), len(b)), max(len("REPLICAS"), len(b)), max(len("ISR"), len(b)), len("LOG-START"), len("LOG-END")}
	wantRun(t, shoretest.Run(t, "topics", "describe", ok, short, "--under-min-isr"), 3,
		pad(w, "TOPIC", "PARTITION", "LEADER", "REPLICAS", "ISR", "LOG-START", "LOG-END")+pad(w, short, "0", b, b, b, "0", "0"),
		"shore: 1 partition is under min.insync.replicas\n")
	whole := shoretest.Run(t, "topics", "describe", short, "-o", "json")
	wantRun(t, shoretest.Run(t, "topics", "describe", ok, short, "--under-min-isr", "--unavailable", "-o", "json"), 3,
		whole.Stdout, "shore: 1 partition is under min.insync.replicas or without a leader\n")
	// Several states are any of them; -r selects as without a filter.
	wantRun(t, shoretest.Run(t, "topics", "describe", "-r", "^"+regexp.QuoteMeta(base)+`\.`, "--at-min-isr", "-o", "csv"), 3,
		header+row(ok, 0)+row(ok, 1), "shore: 2 partitions are at min.insync.replicas\n")
	wantRun(t, shoretest.Run(t, "topics", "describe", ok, short, "--under-min-isr", "--at-min-isr", "-o", "csv"), 3,
		header+row(ok, 0)+row(ok, 1)+row(short, 0), "shore: 3 partitions are under min.insync.replicas or at min.insync.replicas\n")
}

// Without TOPIC, a partition filter looks at every topic of the cluster.
func TestTopicsDescribeHealthEveryTopic(t *testing.T) {
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--no-registry", "--topic", "orders:2")
	wantRun(t, against(t, addr, "topics", "describe", "--under-min-isr", "--under-replicated", "--unavailable"), 0, "",
		"shore: no partition is under-replicated, under min.insync.replicas or without a leader\n")
	if res := against(t, addr, "topics", "create", "audit", "-c", "min.insync.replicas=2"); res.Code != 0 {
		t.Fatalf("topics create: %+v", res)
	}
	wantRun(t, against(t, addr, "topics", "describe", "--under-min-isr", "-o", "csv"), 3,
		"TOPIC,PARTITION,LEADER,REPLICAS,ISR,LOG-START,LOG-END\naudit,0,0,0,0,0,0\n",
		"shore: 1 partition is under min.insync.replicas\n")
}

// TestTopicsDescribeSettingsNotAuthorized: a topic the login may see but
// whose settings it may not read (DESCRIBE without DESCRIBE_CONFIGS, a
// consumer's usual ACLs) is described without them, a CONFIG row of -
// (configs null in JSON), one warning naming it with what the login lacks
// where the output shows settings, and the exit status it would have had,
// where topics describe, and the --under-replicated gate over every topic,
// failed (exit 1) naming the topics and described none. The gate's output
// shows no settings, so nothing is said of them. The filters that compare
// the in-sync replicas with min.insync.replicas, one of those settings,
// still fail, saying so.
func TestTopicsDescribeSettingsNotAuthorized(t *testing.T) {
	t.Parallel()
	admin, alice := aclCluster(t, []string{"ok", "read", "seen", "hidden"}, topicACL("ok", kmsg.ACLOperationAll),
		topicACL("read", kmsg.ACLOperationDescribe), topicACL("read", kmsg.ACLOperationRead), topicACL("seen", kmsg.ACLOperationDescribe))
	const readDenied = `not authorized to describe the settings of topic "read" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE_CONFIGS on it)`
	const bothDenied = `not authorized to describe the settings of topics "read" and "seen" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE_CONFIGS on them)`
	node := testbroker.ACLNode(t)
	w := []int{len("PARTITION"), max(len("LEADER"), len(node)), max(len("REPLICAS"), len(node)), max(len("ISR"), len(node)), len("LOG-START"), len("LOG-END")}
	partition := "\n" + pad(w, "PARTITION", "LEADER", "REPLICAS", "ISR", "LOG-START", "LOG-END") + pad(w, "0", node, node, node, "0", "0")
	// Apache Kafka 4 gives every topic min.insync.replicas as a cluster
	// default (DYNAMIC_DEFAULT_BROKER_CONFIG); kfake none.
	okSettings := ""
	if testbroker.Real() {
		okSettings = "\n" + configTable(t, "ok")
	}
	tables := "NAME  PARTITIONS  REPLICAS\nok    1           1\n" + okSettings + partition +
		"\nNAME  PARTITIONS  REPLICAS\nread  1           1\n\nCONFIG  VALUE  SOURCE\n-       -      -\n" + partition

	for _, row := range []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"table", []string{"ok", "read"}, 0, tables, "shore: warning: " + readDenied + "; its settings are shown as -\n"},
		{"json", []string{"read", "-o", "json"}, 0, fmt.Sprintf(`[
  {
    "name": "read",
    "id": %[1]q,
    "internal": false,
    "partitions": [
      {
        "partition": 0,
        "leader": %[2]s,
        "replicas": [
          %[2]s
        ],
        "isr": [
          %[2]s
        ],
        "log_start": 0,
        "log_end": 0
      }
    ],
    "configs": null
  }
]
`, topicIDOf(t, admin, "read"), node), "shore: warning: " + readDenied + "; its settings are shown as null\n"},
		// A topic the login may not describe at all is left out, as before.
		{"not described", []string{"ok", "read", "hidden"}, 1, tables, "shore: warning: " + readDenied + "; its settings are shown as -\n" +
			`shore: not authorized to describe topic "hidden" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists)` + "\n"},
		// The gates over every topic the login may describe.
		{"under-replicated", []string{"--under-replicated"}, 0, "", "shore: no partition is under-replicated\n"},
		{"unavailable json", []string{"--under-replicated", "--unavailable", "-o", "json"}, 0, "[]\n", ""},
		{"under-min-isr", []string{"--under-min-isr"}, 1, "", "shore: " + bothDenied + "; --under-min-isr needs their min.insync.replicas\n"},
		{"at-min-isr", []string{"ok", "read", "--under-replicated", "--under-min-isr", "--at-min-isr", "-o", "json"}, 1, "",
			"shore: " + readDenied + "; --under-min-isr and --at-min-isr need its min.insync.replicas\n"},
	} {
		t.Run(row.name, func(t *testing.T) {
			wantRun(t, shoretest.RunWith(t, alice, append([]string{"topics", "describe"}, row.args...)...), row.code, row.stdout, row.stderr)
		})
	}
}

// TestTopicsDescribeSettingsRequests: topics describe asks for the settings
// of the topics it shows in one request, however many of them the login
// may not read, and asks for none when its output shows none and no filter
// compares with them, where a login that may not read the settings of some
// topics had each topic asked for again alone, one after another: a login
// seeing thousands of topics sent thousands of requests on every run of
// the --under-replicated --unavailable gate.
func TestTopicsDescribeSettingsRequests(t *testing.T) {
	t.Parallel()
	names := make([]string, 30)
	for i := range names {
		names[i] = fmt.Sprintf("seen-%02d", i)
	}
	c, _, alice := aclClusterOf(t, names, kfake.ACL{Resource: kmsg.ACLResourceTypeTopic, Name: "seen-",
		Pattern: kmsg.ACLResourcePatternTypePrefixed, Operation: kmsg.ACLOperationDescribe, Allow: true})
	var asked atomic.Int32
	c.ControlKey(kmsg.DescribeConfigs.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		asked.Add(1)
		return nil, nil, false
	})
	const denied = `not authorized to describe the settings of topics "seen-00", "seen-01", "seen-02", "seen-03", "seen-04", "seen-05", "seen-06", "seen-07", "seen-08" and 21 more (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE_CONFIGS on them)`
	for _, row := range []struct {
		args   []string
		asked  int32
		code   int
		stderr string
	}{
		{[]string{"-r", "^seen-"}, 1, 0, "shore: warning: " + denied + "; their settings are shown as -\n"},
		{[]string{"-r", "^seen-", "-o", "json"}, 1, 0, "shore: warning: " + denied + "; their settings are shown as null\n"},
		{[]string{"-r", "^seen-", "-o", "csv"}, 0, 0, ""},
		{[]string{"--under-replicated", "--unavailable"}, 0, 0, "shore: no partition is under-replicated or without a leader\n"},
		{[]string{"--under-replicated", "--unavailable", "-o", "json"}, 0, 0, ""},
		{[]string{"--under-min-isr", "-o", "csv"}, 1, 1, "shore: " + denied + "; --under-min-isr needs their min.insync.replicas\n"},
	} {
		asked.Store(0)
		res := shoretest.RunWith(t, alice, append([]string{"topics", "describe"}, row.args...)...)
		if res.Code != row.code || res.Stderr != row.stderr || asked.Load() != row.asked {
			t.Errorf("%q: exit %d, %d DescribeConfigs requests, stderr:\n%s\nwant exit %d, %d requests, stderr:\n%s",
				row.args, res.Code, asked.Load(), res.Stderr, row.code, row.asked, row.stderr)
		}
	}
}

// TestTopicsAlterConfigSettingsRequests: alter-config reads the settings of
// the topics it changes in one request, however many of them the login may
// not read (those the change refuses, naming what the login lacks), before
// the change for --delete and once after, where a login that may not read
// the settings of some topics had each topic asked for again alone, one
// after another, on each read.
func TestTopicsAlterConfigSettingsRequests(t *testing.T) {
	t.Parallel()
	c, _, alice := aclClusterOf(t, []string{"ok", "seen-a", "seen-b", "seen-c"}, topicACL("ok", kmsg.ACLOperationAll),
		kfake.ACL{Resource: kmsg.ACLResourceTypeTopic, Name: "seen-", Pattern: kmsg.ACLResourcePatternTypePrefixed, Operation: kmsg.ACLOperationDescribe, Allow: true})
	var asked atomic.Int32
	c.ControlKey(kmsg.DescribeConfigs.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		asked.Add(1)
		return nil, nil, false
	})
	var refused string
	for _, name := range []string{"seen-a", "seen-b", "seen-c"} {
		refused += fmt.Sprintf("shore: not authorized to change the settings of topic %q (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login ALTER_CONFIGS on it)\n", name)
	}
	const settings = "TOPIC  CONFIG        VALUE  SOURCE\nok     retention.ms  1000   DYNAMIC_TOPIC_CONFIG\n"
	for _, row := range []struct {
		args   []string
		asked  int32
		stderr string
	}{
		{[]string{"--set", "retention.ms=1000"}, 1, refused},
		{[]string{"--delete", "segment.ms", "--dry-run"}, 2, "shore: dry run: validated only, nothing changed\n" + refused},
		{[]string{"--delete", "segment.ms"}, 2, refused},
	} {
		asked.Store(0)
		res := shoretest.RunWith(t, alice, append([]string{"topics", "alter-config", "ok", "seen-a", "seen-b", "seen-c"}, row.args...)...)
		if res.Code != 1 || res.Stdout != settings || res.Stderr != row.stderr || asked.Load() != row.asked {
			t.Errorf("%q: exit %d, %d DescribeConfigs requests, stdout:\n%s\nstderr:\n%s\nwant exit 1, %d requests, stdout:\n%s\nstderr:\n%s",
				row.args, res.Code, asked.Load(), res.Stdout, res.Stderr, row.asked, settings, row.stderr)
		}
	}
}
