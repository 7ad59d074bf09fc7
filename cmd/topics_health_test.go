package cmd_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
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
// consumer's usual ACLs) is named with what the login lacks, where topics
// describe, and the partition filters' gate over every topic, said only
// 'TOPIC_AUTHORIZATION_FAILED: Not authorized to access topics: [Topic
// authorization failed.]', of no topic, though topics list showed it.
func TestTopicsDescribeSettingsNotAuthorized(t *testing.T) {
	t.Parallel()
	_, alice := aclCluster(t, []string{"ok", "read", "seen"}, topicACL("ok", kmsg.ACLOperationAll),
		topicACL("read", kmsg.ACLOperationDescribe), topicACL("read", kmsg.ACLOperationRead), topicACL("seen", kmsg.ACLOperationDescribe))
	res := shoretest.RunWith(t, alice, "topics", "describe", "--under-replicated")
	wantRun(t, res, 1, "", `shore: not authorized to describe the settings of topics "read" and "seen" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE_CONFIGS on them)`+"\n")
	res = shoretest.RunWith(t, alice, "topics", "describe", "ok", "read")
	wantRun(t, res, 1, "", `shore: not authorized to describe the settings of topic "read" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE_CONFIGS on it)`+"\n")
}
