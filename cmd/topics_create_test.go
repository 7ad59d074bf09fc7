package cmd_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

func TestTopicsCreateIfNotExists(t *testing.T) {
	old := testbroker.Topic(t, 3, nil)
	fresh := testbroker.Name(t, "fresh")
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", fresh) })
	w := []int{max(len(old), len(fresh)), len("PARTITIONS"), len("REPLICAS")}
	header := pad(w, "NAME", "PARTITIONS", "REPLICAS")

	res := shoretest.Run(t, "topics", "create", old, fresh, "-p", "3", "--if-not-exists")
	rows := []string{pad(w, old, "3", "1"), pad(w, fresh, "3", "1")}
	if old > fresh {
		rows[0], rows[1] = rows[1], rows[0]
	}
	wantRun(t, res, 0, header+rows[0]+rows[1], "")

	// Fewer partitions asked than it has, or none: it will do.
	for _, args := range [][]string{{"-p", "2"}, {}} {
		res = shoretest.Run(t, append([]string{"topics", "create", old, "--if-not-exists", "-o", "json"}, args...)...)
		want := fmt.Sprintf(`[
  {
    "name": %q,
    "partitions": 3,
    "replicas": 1,
    "id": "%s",
    "existed": true
  }
]
`, old, topicIDOf(t, shoretest.Opts{}, old))
		wantRun(t, res, 0, want, "")
	}

	res = shoretest.Run(t, "topics", "create", old, "-p", "4", "--if-not-exists")
	wantRun(t, res, 1, "", fmt.Sprintf("shore: topic %q exists with 3 partitions, fewer than the 4 asked ('shore topics add-partitions %s --total 4' adds them)\n", old, old))
}

// TestTopicsCreateIfNotExistsInternal: an internal topic with fewer
// partitions than asked is not pointed at add-partitions, which refuses
// it: the line names the brokers' setting its count comes from. shore
// dev's broker does not describe internal topics, so a kfake of the
// test's own holds them, marked internal as Kafka marks them.
func TestTopicsCreateIfNotExistsInternal(t *testing.T) {
	c := testbroker.Own(t, kfake.NumBrokers(1))
	for _, name := range []string{"__consumer_offsets", "kept"} {
		if err := c.CreateTopic(name, 1, map[string]string{"kfake.is_internal": "true"}); err != nil {
			t.Fatal(err)
		}
	}
	addr := c.ListenAddrs()[0]
	wantRun(t, shoretest.Run(t, "-b", addr, "topics", "create", "__consumer_offsets", "-p", "100", "--if-not-exists"), 1, "",
		"shore: topic \"__consumer_offsets\" exists with 1 partition, fewer than the 100 asked: it is internal to Kafka, whose brokers set its partition count (offsets.topic.num.partitions)\n")
	wantRun(t, shoretest.Run(t, "-b", addr, "topics", "create", "kept", "-p", "2", "--if-not-exists"), 1, "",
		"shore: topic \"kept\" exists with 1 partition, fewer than the 2 asked: it is internal to Kafka, whose brokers set its partition count\n")
}

// TestTopicsCreateInternalAndNew: a request that names an internal topic
// with a new one creates the new one, as Apache Kafka answers each topic
// for itself (TOPIC_ALREADY_EXISTS for __consumer_offsets), on shore dev
// too. Against Apache Kafka the test is skipped: were __consumer_offsets
// not made yet, it would be made.
func TestTopicsCreateInternalAndNew(t *testing.T) {
	if testbroker.Real() {
		t.Skip("asks to create __consumer_offsets: not on a shared Apache Kafka cluster")
	}
	fresh := testbroker.Name(t, "fresh")
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", fresh) })
	w := []int{max(len(fresh), len("__consumer_offsets")), len("PARTITIONS"), len("REPLICAS")}
	wantRun(t, shoretest.Run(t, "topics", "create", "__consumer_offsets", fresh, "--if-not-exists"), 0,
		pad(w, "NAME", "PARTITIONS", "REPLICAS")+pad(w, fresh, "1", "1")+pad(w, "__consumer_offsets", "-", "-"),
		"shore: topic \"__consumer_offsets\" is internal to Kafka and exists; the brokers do not describe it, so its partitions and replicas are not known\n")
	wantRun(t, shoretest.Run(t, "topics", "list", "-o", "csv", fresh), 0, "NAME,PARTITIONS,REPLICAS\n"+fresh+",1,1\n", "")

	other := testbroker.Name(t, "other")
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", other) })
	w[0] = len(other)
	wantRun(t, shoretest.Run(t, "topics", "create", "__transaction_state", other), 1,
		pad(w, "NAME", "PARTITIONS", "REPLICAS")+pad(w, other, "1", "1"),
		"shore: topic \"__transaction_state\" already exists\n")
	wantRun(t, shoretest.Run(t, "topics", "list", "-o", "csv", other), 0, "NAME,PARTITIONS,REPLICAS\n"+other+",1,1\n", "")
}

// TestTopicsCreatePartlyRefused: a request one of whose topics the
// brokers refuse creates the others, as Apache Kafka answers each topic
// for itself, on shore dev too: the table shows those created, the line
// says why the refused one is not, and the exit code is 1.
func TestTopicsCreatePartlyRefused(t *testing.T) {
	dotted := testbroker.Name(t, "x.y")
	testbroker.CreateTopic(t, dotted, 1, nil)
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", dotted) })
	colliding := strings.ReplaceAll(dotted, ".", "_")
	for _, tc := range []struct {
		refused, stderr string
	}{
		{colliding, fmt.Sprintf("shore: topic %q collides with existing topic %q: it differs only in '.' and '_', which Kafka counts as the same\n", colliding, dotted)},
		{"__cluster_metadata", "shore: topic \"__cluster_metadata\": creation of internal topic __cluster_metadata is prohibited\n"},
	} {
		first, second := testbroker.Name(t, "first"), testbroker.Name(t, "second")
		t.Cleanup(func() { shoretest.Run(t, "topics", "delete", first, second) })
		w := []int{max(len(first), len(second)), len("PARTITIONS"), len("REPLICAS")}
		wantRun(t, shoretest.Run(t, "topics", "create", first, tc.refused, second), 1,
			pad(w, "NAME", "PARTITIONS", "REPLICAS")+pad(w, first, "1", "1")+pad(w, second, "1", "1"), tc.stderr)
		wantRun(t, shoretest.Run(t, "topics", "list", "-o", "csv", first, second), 0,
			"NAME,PARTITIONS,REPLICAS\n"+first+",1,1\n"+second+",1,1\n", "")
	}
}

// topicIDOf is the topic's id as -o json shows it, from describe run with
// login.
func topicIDOf(t *testing.T, login shoretest.Opts, topic string) string {
	t.Helper()
	res := shoretest.RunWith(t, login, "topics", "describe", topic, "-o", "json")
	var ds []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &ds); err != nil || len(ds) != 1 {
		t.Fatalf("describe %s: %v %q", topic, err, res.Stdout)
	}
	return ds[0].ID
}

// TestTopicsCreateCollision: a name Kafka takes for an existing one ('.'
// and '_' count as the same) is refused naming the existing topic, which
// Kafka's message gives (on shore dev too) with the new name said twice
// ("topic "a_b": topic 'a_b' collides with existing topic: a.b"), and
// nothing is created: describe points at the existing one.
func TestTopicsCreateCollision(t *testing.T) {
	dotted := testbroker.Name(t, "a.b")
	testbroker.CreateTopic(t, dotted, 1, nil)
	underscored := strings.Replace(dotted, "a.b", "a_b", 1)
	res := shoretest.Run(t, "topics", "create", underscored)
	wantRun(t, res, 1, "", fmt.Sprintf("shore: topic %q collides with existing topic %q: it differs only in '.' and '_', which Kafka counts as the same\n", underscored, dotted))
	wantRun(t, shoretest.Run(t, "topics", "describe", underscored), 1, "", fmt.Sprintf("shore: unknown topic %q (did you mean %q?)\n", underscored, dotted))
}

// TestTopicsCreateCollidingNames: two names of one create that Kafka takes
// for the same ('.' and '_') are a usage error before anything is asked:
// Apache Kafka compares a new name with the existing topics only, and
// would create both.
func TestTopicsCreateCollidingNames(t *testing.T) {
	dotted := testbroker.Name(t, "c.d")
	underscored := strings.Replace(dotted, "c.d", "c_d", 1)
	res := shoretest.Run(t, "topics", "create", dotted, underscored, "-p", "2")
	wantRun(t, res, 2, "", fmt.Sprintf("shore: topics %q and %q differ only in '.' and '_', which Kafka counts as the same: create one of them\n", dotted, underscored)+seeHelpFor("topics create"))
	for _, name := range []string{dotted, underscored} {
		wantRun(t, shoretest.Run(t, "topics", "describe", name), 1, "", fmt.Sprintf("shore: unknown topic %q\n", name))
	}
}

// TestTopicsCreateDecimal: a count with leading zeros is decimal, as
// Kafka's tools read it: -p 010 is 10 partitions, not Go's octal 8, which
// no command could take back; and so is add-partitions --total.
func TestTopicsCreateDecimal(t *testing.T) {
	name := testbroker.Name(t, "decimal")
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", name) })
	w := []int{len(name), len("PARTITIONS"), len("REPLICAS")}
	res := shoretest.Run(t, "topics", "create", name, "-p", "010", "-r", "01")
	wantRun(t, res, 0, pad(w, "NAME", "PARTITIONS", "REPLICAS")+pad(w, name, "10", "1"), "")
	res = shoretest.Run(t, "topics", "add-partitions", name, "--total", "012", "-o", "json")
	wantRun(t, res, 0, fmt.Sprintf("{\n  \"name\": %q,\n  \"partitions\": 12\n}\n", name), "")
}

// TestTopicsCreateReplicasOverBrokers: a replication factor larger than the
// cluster's brokers is refused in Kafka's words, which name both numbers,
// on shore dev too, and nothing is created; a dry run is refused alike.
func TestTopicsCreateReplicasOverBrokers(t *testing.T) {
	name := testbroker.Name(t, "overreplicated")
	registered, err := testbroker.Admin(t).ListBrokers(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	brokers := len(registered)
	for _, dryRun := range []string{"--dry-run=false", "--dry-run"} {
		res := shoretest.Run(t, "topics", "create", name, "-r", "100", dryRun)
		wantRun(t, res, 1, "", fmt.Sprintf("shore: topic %q: unable to replicate the partition 100 time(s): The target replication factor of 100 cannot be reached because only %d broker(s) are registered or some brokers have all their log directories cordoned\n", name, brokers))
		wantRun(t, shoretest.Run(t, "topics", "describe", name), 1, "", fmt.Sprintf("shore: unknown topic %q\n", name))
	}
}

// TestTopicsRefusedAllJSON: create and delete -o json write [] when the
// brokers refused every topic (one that exists; one that does not, to
// delete), as describe, alter-config and add-partitions do, so that a
// pipe into jq reads a document, not nothing; the table stays empty. A
// dry run that validated nothing does not say it validated.
func TestTopicsRefusedAllJSON(t *testing.T) {
	old := testbroker.Topic(t, 1, nil)
	missing := testbroker.Name(t, "missing")
	exists := fmt.Sprintf("shore: topic %q already exists\n", old)
	for _, tc := range []struct {
		args         []string
		stdout, line string
	}{
		{[]string{"create", old, "-o", "json"}, "[]\n", exists},
		{[]string{"create", old, "-o", "json", "--dry-run"}, "[]\n", exists},
		{[]string{"create", old}, "", exists},
		{[]string{"create", old, "--dry-run"}, "", exists},
		{[]string{"delete", missing, "-o", "json"}, "[]\n", fmt.Sprintf("shore: unknown topic %q\n", missing)},
		{[]string{"delete", missing, old, "-o", "json"}, "[]\n",
			fmt.Sprintf("shore: unknown topic %q; nothing deleted (--if-exists deletes the others)\n", missing)},
		{[]string{"delete", missing}, "", fmt.Sprintf("shore: unknown topic %q\n", missing)},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			wantRun(t, shoretest.Run(t, append([]string{"topics"}, tc.args...)...), 1, tc.stdout, tc.line)
		})
	}
}

// TestTopicsCreateIfNotExistsNotAuthorized: --if-not-exists names an
// existing topic the login may not describe, and so cannot check the
// partitions of, where it said 'TOPIC_AUTHORIZATION_FAILED: Not authorized
// to access topics: [Topic authorization failed.]' of no topic and left
// out the others.
func TestTopicsCreateIfNotExistsNotAuthorized(t *testing.T) {
	t.Parallel()
	mayCreate := kfake.ACL{Resource: kmsg.ACLResourceTypeCluster, Name: "kafka-cluster", Pattern: kmsg.ACLResourcePatternTypeLiteral, Operation: kmsg.ACLOperationCreate, Allow: true}
	_, alice := aclCluster(t, []string{"seen", "hidden"}, mayCreate, topicACL("seen", kmsg.ACLOperationDescribe))
	res := shoretest.RunWith(t, alice, "topics", "create", "seen", "hidden", "--if-not-exists")
	wantRun(t, res, 1, "NAME  PARTITIONS  REPLICAS\nseen  1           1\n",
		`shore: not authorized to describe topic "hidden" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists)`+"\n")
}

// TestTopicsChangeNotAuthorized: a change to a topic that the login may
// describe but not change is refused naming the ACL it lacks, where create,
// delete, alter-config --set and add-partitions said 'topic "seen": not
// authorized' and alter-config --delete, which reads the settings first,
// 'TOPIC_AUTHORIZATION_FAILED: Not authorized to access topics: [Topic
// authorization failed.]'. --if-not-exists passes over a topic that
// exists, which Kafka refuses to a login without CREATE before it looks
// for the topic, where it failed with that refusal.
func TestTopicsChangeNotAuthorized(t *testing.T) {
	t.Parallel()
	_, alice := aclCluster(t, []string{"seen"}, topicACL("seen", kmsg.ACLOperationDescribe))
	run := func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, alice, append([]string{"topics"}, args...)...)
	}
	refused := func(doing, op string) string {
		return fmt.Sprintf("shore: not authorized to %s topic %q (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login %s on it", doing, "seen", op)
	}
	settings := refused("change the settings of", "ALTER_CONFIGS") + ")\n"
	wantRun(t, run("create", "new"), 1, "", `shore: not authorized to create topic "new" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login CREATE on it or on the cluster)`+"\n")
	wantRun(t, run("create", "seen"), 1, "", refused("create", "CREATE")+" or on the cluster)\n")
	wantRun(t, run("create", "seen", "--if-not-exists"), 0, "NAME  PARTITIONS  REPLICAS\nseen  1           1\n", "")
	wantRun(t, run("delete", "seen"), 1, "", refused("delete", "DELETE")+")\n")
	wantRun(t, run("alter-config", "seen", "--set", "retention.ms=1000"), 1, "", settings)
	wantRun(t, run("alter-config", "seen", "--delete", "retention.ms"), 1, "", settings)
	wantRun(t, run("add-partitions", "seen", "--total", "2"), 1, "", refused("add partitions to", "ALTER")+")\n")
}
