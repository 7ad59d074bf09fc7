package cmd_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// lagDeletes makes broker 1 of c list topic for lag after each
// DeleteTopics, as one of Apache Kafka's brokers that learns of a deletion
// late does, and refuses to create a topic again meanwhile
// (TOPIC_ALREADY_EXISTS), as Kafka's controller does while it deletes.
func lagDeletes(t *testing.T, c *kfake.Cluster, topic string, lag time.Duration) {
	t.Helper()
	before := topicMetadata(t, c, topic)
	var staleUntil atomic.Int64
	stale := func() bool { return time.Now().UnixNano() < staleUntil.Load() }
	c.ControlKey(int16(kmsg.DeleteTopics), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		staleUntil.Store(time.Now().Add(lag).UnixNano())
		return nil, nil, false
	})
	c.ControlKey(int16(kmsg.Metadata), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		if c.CurrentNode() != 1 || !stale() {
			return nil, nil, false
		}
		old := *before
		old.Version = req.GetVersion()
		return &old, nil, true
	})
	c.ControlKey(int16(kmsg.CreateTopics), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		if !stale() {
			return nil, nil, false
		}
		creq := req.(*kmsg.CreateTopicsRequest)
		resp := creq.ResponseKind().(*kmsg.CreateTopicsResponse)
		for _, rt := range creq.Topics {
			st := kmsg.NewCreateTopicsResponseTopic()
			st.Topic = rt.Topic
			st.ErrorCode = kerr.TopicAlreadyExists.Code
			resp.Topics = append(resp.Topics, st)
		}
		return resp, nil, true
	})
}

// TestTopicsDeleteThenCreateAtOnce: delete returns once no broker lists
// the topic, so that creating it again right after succeeds: on the test
// cluster (Apache Kafka's brokers in make test-kafka), and while a broker
// learns of the deletion late (here kfake's broker 1, for half a second).
func TestTopicsDeleteThenCreateAtOnce(t *testing.T) {
	deleteThenCreate := func(t *testing.T, topic string, args ...string) {
		t.Helper()
		wantRun(t, shoretest.Run(t, append(args, "topics", "delete", topic)...), 0, "NAME\n"+topic+"\n", "")
		res := shoretest.Run(t, append(args, "topics", "create", topic, "-p", "1")...)
		if res.Code != 0 || res.Stderr != "" {
			t.Fatalf("create right after delete: exit %d stderr %q", res.Code, res.Stderr)
		}
	}
	t.Run("test cluster", func(t *testing.T) {
		deleteThenCreate(t, testbroker.Topic(t, 2, nil))
	})
	t.Run("a broker that lags", func(t *testing.T) {
		if testbroker.Real() {
			t.Skip("holds back the metadata of one of three kfake brokers")
		}
		c := testbroker.Own(t, kfake.NumBrokers(3), kfake.SeedTopics(2, "again"))
		lagDeletes(t, c, "again", 500*time.Millisecond)
		deleteThenCreate(t, "again", "-b", c.ListenAddrs()[0])
	})
}

// TestTopicsDeleteLingers: a broker that still lists the deleted topic when
// --timeout runs out is named in a warning; the topic is deleted (exit 0).
func TestTopicsDeleteLingers(t *testing.T) {
	if testbroker.Real() {
		t.Skip("holds back the metadata of one of three kfake brokers")
	}
	c := testbroker.Own(t, kfake.NumBrokers(3), kfake.SeedTopics(2, "lingers"))
	lagDeletes(t, c, "lingers", time.Hour)
	res := shoretest.Run(t, "-b", c.ListenAddrs()[0], "--timeout", "1s", "topics", "delete", "lingers")
	wantRun(t, res, 0, "NAME\nlingers\n", "shore: warning: broker 1 ("+c.ListenAddrs()[1]+") still lists deleted topic \"lingers\" after --timeout 1s; creating it again fails until it does not\n")
}

// TestTopicsDeleteInternal: an internal topic is refused before anything
// is deleted, the others named too: Apache Kafka's controller deletes
// __consumer_offsets when asked, and every group's commits with it.
func TestTopicsDeleteInternal(t *testing.T) {
	internal := internalTopic(t)
	other := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.Run(t, "topics", "delete", other, internal, "--if-exists"), 1, "",
		`shore: topic "`+internal+`" is internal to Kafka (as __consumer_offsets, which holds every group's commits): shore does not delete it; nothing deleted`+"\n")
	if res := shoretest.Run(t, "topics", "list", "-o", "csv", internal, other); res.Code != 0 || strings.Count(res.Stdout, "\n") != 3 {
		t.Fatalf("after the refusal: exit %d, stdout %q, stderr %q", res.Code, res.Stdout, res.Stderr)
	}
}

// TestTopicsDeleteRegex: delete takes names only. A regular expression,
// as kafka-topics --delete --topic takes one, or rpk's -r, is a usage
// error that shows how to delete the topics it matches, and that pipeline
// deletes them (on shore dev, as written but for REGEX).
func TestTopicsDeleteRegex(t *testing.T) {
	const how = "delete takes names, not regular expressions: shore topics list -r REGEX -o json | jq -r '.[].name' | xargs -r shore topics delete"
	res := shoretest.Run(t, "topics", "delete", "scratch-.*")
	wantRun(t, res, 2, "", `shore: topic name "scratch-.*": '*' is not allowed (only ASCII letters, digits, '.', '_' and '-'); `+how+"\n"+seeHelpFor("topics delete"))
	res = shoretest.Run(t, "topics", "delete", "-r", "^scratch-")
	wantRun(t, res, 2, "", "shore: unknown shorthand flag: 'r' in -r (rpk's -r: "+how+")\n"+seeHelpFor("topics delete"))

	needTool(t, "jq")
	run := devShell(t, "--topic", "scratch-1", "--topic", "scratch-2", "--topic", "orders")
	_, pipeline, _ := strings.Cut(how, ": ")
	code, stdout, stderr := run(strings.Replace(pipeline, "REGEX", "'^scratch-'", 1))
	if code != 0 || stdout != "NAME\nscratch-1\nscratch-2\n" || stderr != "" {
		t.Fatalf("%s\nexit %d, stdout:\n%s\nstderr:\n%s", pipeline, code, stdout, stderr)
	}
	if _, stdout, _ := run("shore topics list"); !strings.HasPrefix(stdout, "NAME    PARTITIONS  REPLICAS\norders  ") {
		t.Fatalf("left after the pipeline:\n%s", stdout)
	}
}

// TestTopicsDeleteNotAuthorized: delete stopped by a topic the login may
// not describe says that nothing was deleted, with --if-exists in the
// words it uses without, where it said 'topic "hidden": not authorized;
// nothing deleted (--if-exists deletes the others)', a flag already given.
func TestTopicsDeleteNotAuthorized(t *testing.T) {
	t.Parallel()
	_, alice := aclCluster(t, []string{"seen", "hidden"}, topicACL("seen", kmsg.ACLOperationDescribe), topicACL("seen", kmsg.ACLOperationDelete))
	const refused = `shore: not authorized to describe topic "hidden" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists); nothing deleted` + "\n"
	wantRun(t, shoretest.RunWith(t, alice, "topics", "delete", "seen", "hidden", "--if-exists"), 1, "", refused)
	wantRun(t, shoretest.RunWith(t, alice, "topics", "delete", "seen", "hidden"), 1, "", refused)
	wantRun(t, shoretest.RunWith(t, alice, "topics", "list", "seen"), 0, "NAME  PARTITIONS  REPLICAS\nseen  1           1\n", "")
}

// TestTopicsDeleteIfExistsNearDeleted: a topic passed over is not said to
// mean a topic the same command deletes, where 'delete a b --if-exists'
// said 'topic "b" (did you mean "a"?) does not exist' of the "a" it had
// just deleted; the nearest topic left is named instead.
func TestTopicsDeleteIfExistsNearDeleted(t *testing.T) {
	deleted := testbroker.Topic(t, 1, nil)
	typo := deleted[:len(deleted)-1]
	wantRun(t, shoretest.Run(t, "topics", "delete", deleted, typo, "--if-exists"), 0, "NAME\n"+deleted+"\n",
		fmt.Sprintf("shore: topic %q does not exist; passed over (--if-exists)\n", typo))
	// Two as near name none; once one is deleted, the other is nearest.
	typo = testbroker.Name(t, "near")
	testbroker.CreateTopic(t, typo+"a", 1, nil)
	testbroker.CreateTopic(t, typo+"b", 1, nil)
	wantRun(t, shoretest.Run(t, "topics", "delete", typo+"a", typo, "--if-exists"), 0, "NAME\n"+typo+"a\n",
		fmt.Sprintf("shore: topic %q (did you mean %q?) does not exist; passed over (--if-exists)\n", typo, typo+"b"))
}

// TestTopicsDeleteNearNamed: without --if-exists too, a topic that does
// not exist is not said to mean another topic the same command names,
// where 'delete a b' said 'unknown topic "b" (did you mean "a"?)' of the
// "a" given beside it; the nearest topic not named is named instead.
func TestTopicsDeleteNearNamed(t *testing.T) {
	named := testbroker.Topic(t, 1, nil)
	typo := named[:len(named)-1]
	wantRun(t, shoretest.Run(t, "topics", "delete", named, typo), 1, "",
		fmt.Sprintf("shore: unknown topic %q; nothing deleted (--if-exists deletes the others)\n", typo))
	// Two as near name none; with one named, the other is nearest.
	typo = testbroker.Name(t, "near")
	testbroker.CreateTopic(t, typo+"a", 1, nil)
	testbroker.CreateTopic(t, typo+"b", 1, nil)
	wantRun(t, shoretest.Run(t, "topics", "delete", typo+"a", typo), 1, "",
		fmt.Sprintf("shore: unknown topic %q (did you mean %q?); nothing deleted (--if-exists deletes the others)\n", typo, typo+"b"))
}

// TestTopicsDeletePassedOverStopped: with --if-exists, the topics passed
// over are named on their own line when something else stops the delete
// (a topic the login may not describe, an internal topic), before the line
// that says what, where only that line was written and they went unsaid.
func TestTopicsDeletePassedOverStopped(t *testing.T) {
	t.Parallel()
	_, alice := aclCluster(t, []string{"seen", "hidden"}, topicACL("seen", kmsg.ACLOperationDescribe), topicACL("seen", kmsg.ACLOperationDelete),
		topicACL("gone", kmsg.ACLOperationDescribe))
	const passed = `shore: topic "gone" does not exist; passed over (--if-exists)` + "\n"
	for _, output := range []string{"table", "json"} {
		stdout := map[string]string{"table": "", "json": "[]\n"}[output]
		wantRun(t, shoretest.RunWith(t, alice, "topics", "delete", "seen", "hidden", "gone", "--if-exists", "-o", output), 1, stdout,
			passed+`shore: not authorized to describe topic "hidden" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists); nothing deleted`+"\n")
	}
	internal := internalTopic(t)
	gone := testbroker.Name(t, "gone")
	wantRun(t, shoretest.Run(t, "topics", "delete", internal, gone, "--if-exists"), 1, "",
		fmt.Sprintf("shore: topic %q does not exist; passed over (--if-exists)\n", gone)+
			`shore: topic "`+internal+`" is internal to Kafka (as __consumer_offsets, which holds every group's commits): shore does not delete it; nothing deleted`+"\n")
}
