package cmd_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// dryRunNote is what every --dry-run of the topics verbs says on stderr
// after its output.
const dryRunNote = "shore: dry run: validated only, nothing changed\n"

// partitionsOf is the topic's partition count as topics list shows it, or
// -1 when the topic does not exist.
func partitionsOf(t *testing.T, topic string) int {
	t.Helper()
	res := shoretest.Run(t, "topics", "list", topic, "-o", "json")
	if res.Code == 1 && res.Stderr == fmt.Sprintf("shore: unknown topic %q\n", topic) {
		return -1
	}
	var list []struct {
		Partitions int `json:"partitions"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &list); err != nil || len(list) != 1 {
		t.Fatalf("topics list %s: exit %d, %v\n%s%s", topic, res.Code, err, res.Stdout, res.Stderr)
	}
	return list[0].Partitions
}

// A dry run waits for no broker's metadata to show what it did not make:
// it answers at once, far within --timeout.
func wantQuick(t *testing.T, took time.Duration) {
	t.Helper()
	if took > 5*time.Second {
		t.Fatalf("the dry run took %s of its --timeout 10s: it waited for a change it did not make", took)
	}
}

// TestTopicsCreateDryRun: create --dry-run prints the table create would,
// says on stderr that nothing changed, and creates nothing; -o json gives
// no id. A topic that exists is refused as create refuses it (exit 1), and
// the others of the same run are still validated.
func TestTopicsCreateDryRun(t *testing.T) {
	name := testbroker.Name(t, "dry")
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", name, "--if-exists") })
	w := []int{len(name), len("PARTITIONS"), len("REPLICAS")}
	start := time.Now()
	res := shoretest.Run(t, "--timeout", "10s", "topics", "create", name, "-p", "3", "-c", "retention.ms=86400000", "--dry-run")
	wantQuick(t, time.Since(start))
	wantRun(t, res, 0, pad(w, "NAME", "PARTITIONS", "REPLICAS")+pad(w, name, "3", "1"), dryRunNote)
	if n := partitionsOf(t, name); n != -1 {
		t.Fatalf("topic %s exists after a dry run, with %d partitions", name, n)
	}

	res = shoretest.Run(t, "topics", "create", name, "-p", "2", "--dry-run", "-o", "json")
	want := fmt.Sprintf("[\n  {\n    \"name\": %q,\n    \"partitions\": 2,\n    \"replicas\": 1,\n    \"id\": null\n  }\n]\n", name)
	wantRun(t, res, 0, want, dryRunNote)

	old := testbroker.Topic(t, 1, nil)
	res = shoretest.Run(t, "topics", "create", old, "--dry-run")
	wantRun(t, res, 1, "", fmt.Sprintf("shore: topic %q already exists\n", old))

	res = shoretest.Run(t, "topics", "create", old, name, "-p", "1", "--dry-run")
	wantRun(t, res, 1, pad(w, "NAME", "PARTITIONS", "REPLICAS")+pad(w, name, "1", "1"), dryRunNote+fmt.Sprintf("shore: topic %q already exists\n", old))
	if n := partitionsOf(t, name); n != -1 {
		t.Fatalf("topic %s exists after a dry run, with %d partitions", name, n)
	}
}

// TestTopicsDryRunBadSetting: a setting the brokers refuse (a value they
// cannot parse, a name they do not know) is refused by a dry run too, with
// the brokers' reason (exit 1); shore dev refuses them as Kafka does.
func TestTopicsDryRunBadSetting(t *testing.T) {
	name := testbroker.Name(t, "dry")
	kept := testbroker.Topic(t, 1, nil)
	for _, args := range [][]string{
		{"topics", "create", name, "-c", "retention.ms=soon", "--dry-run"},
		{"topics", "create", name, "-c", "retention.mss=1", "--dry-run"},
		{"topics", "create", name, "-c", "min.insync.replicas=0", "--dry-run"},
		{"topics", "alter-config", kept, "--set", "retention.ms=soon", "--dry-run"},
		{"topics", "alter-config", kept, "--set", "retention.mss=1", "--dry-run"},
	} {
		res := shoretest.Run(t, args...)
		if res.Code != 1 || res.Stdout != "" || !strings.HasPrefix(res.Stderr, fmt.Sprintf("shore: topic %q: ", args[2])) || !strings.Contains(res.Stderr, strings.Split(args[4], "=")[0]) {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", args, res.Code, res.Stdout, res.Stderr)
		}
	}
	wantRun(t, shoretest.Run(t, "topics", "list", name), 1, "", fmt.Sprintf("shore: unknown topic %q\n", name))
}

// TestTopicsAlterConfigDryRun: alter-config --dry-run prints the settings
// the topic would have, which are what the change then prints, and leaves
// the topic's settings as they were.
func TestTopicsAlterConfigDryRun(t *testing.T) {
	name := testbroker.Topic(t, 1, map[string]*string{"retention.ms": ptrTo("86400000")})
	before := shoretest.Run(t, "topics", "describe", name)
	change := []string{"topics", "alter-config", name, "--set", "cleanup.policy=compact", "--delete", "retention.ms"}

	res := shoretest.Run(t, append(change, "--dry-run")...)
	wantRun(t, res, 0, configTable(t, name, []string{"cleanup.policy", "compact", "DYNAMIC_TOPIC_CONFIG"}), dryRunNote)
	wantRun(t, shoretest.Run(t, "topics", "describe", name), 0, before.Stdout, "")

	asJSON := shoretest.Run(t, append(change, "--dry-run", "-o", "json")...)
	wantRun(t, shoretest.Run(t, change...), 0, res.Stdout, "")
	wantRun(t, shoretest.Run(t, append(change, "-o", "json")...), 0, asJSON.Stdout, "")
}

// TestTopicsAlterConfigDryRunLast: a dry run that would leave no setting
// other than the defaults says so as the change would, in the conditional.
func TestTopicsAlterConfigDryRunLast(t *testing.T) {
	name := testbroker.Topic(t, 1, map[string]*string{"retention.ms": ptrTo("1000")})
	res := shoretest.Run(t, "topics", "alter-config", name, "--delete", "retention.ms", "--dry-run")
	if table := configTable(t, name); strings.Count(table, "\n") > 1 {
		// A real Kafka 4 sets a dynamic default for every topic.
		wantRun(t, res, 0, table, dryRunNote)
		return
	}
	wantRun(t, res, 0, "", fmt.Sprintf("shore: topic %q would have no settings other than the defaults\n", name)+dryRunNote)
	wantRun(t, shoretest.Run(t, "topics", "alter-config", name, "--set", "retention.ms=1000", "--dry-run"), 0,
		configTable(t, name, []string{"retention.ms", "1000", "DYNAMIC_TOPIC_CONFIG"}), dryRunNote)
}

// TestTopicsAddPartitionsDryRun: add-partitions --dry-run prints what
// add-partitions would, adds nothing and waits for no metadata; a count the
// topic has already is refused as add-partitions refuses it.
func TestTopicsAddPartitionsDryRun(t *testing.T) {
	name := testbroker.Topic(t, 2, nil)
	w := []int{len(name), len("PARTITIONS")}
	start := time.Now()
	res := shoretest.Run(t, "--timeout", "10s", "topics", "add-partitions", name, "--total", "4", "--dry-run")
	wantQuick(t, time.Since(start))
	wantRun(t, res, 0, pad(w, "NAME", "PARTITIONS")+pad(w, name, "4"), dryRunNote)
	if n := partitionsOf(t, name); n != 2 {
		t.Fatalf("topic %s has %d partitions after a dry run, want 2", name, n)
	}
	res = shoretest.Run(t, "topics", "add-partitions", name, "--total", "2", "--dry-run")
	wantRun(t, res, 1, "", fmt.Sprintf("shore: topic %q already has 2 partitions; --total must be more (Kafka cannot remove partitions)\n", name))

	asJSON := shoretest.Run(t, "topics", "add-partitions", name, "--total", "3", "--dry-run", "-o", "json")
	wantRun(t, asJSON, 0, fmt.Sprintf("{\n  \"name\": %q,\n  \"partitions\": 3\n}\n", name), dryRunNote)
	wantRun(t, shoretest.Run(t, "topics", "add-partitions", name, "--total", "3", "-o", "json"), 0, asJSON.Stdout, "")
}

// TestTopicsDryRunRefused: each dry run asks with validateOnly set, and a
// refusal is the brokers' reason, exit 1, with nothing on stdout. The
// broker here refuses every request as Apache Kafka refuses a bad setting
// (kfake refuses none) or a policy's veto.
func TestTopicsDryRunRefused(t *testing.T) {
	if testbroker.Real() {
		t.Skip("answers the requests of kfake brokers of its own")
	}
	c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "kept"))
	// refusal is the reason a request is refused for: reason, or, when it
	// lacks validateOnly, that it does.
	refusal := func(validateOnly bool, reason string) *string {
		if !validateOnly {
			reason = "validateOnly not set"
		}
		return kmsg.StringPtr(reason)
	}
	const badValue = "Invalid value soon for configuration retention.ms: Not a number of type LONG"
	c.ControlKey(int16(kmsg.CreateTopics), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		r := req.(*kmsg.CreateTopicsRequest)
		resp := r.ResponseKind().(*kmsg.CreateTopicsResponse)
		for _, rt := range r.Topics {
			st := kmsg.NewCreateTopicsResponseTopic()
			st.Topic, st.ErrorCode, st.ErrorMessage = rt.Topic, kerr.InvalidConfig.Code, refusal(r.ValidateOnly, badValue)
			resp.Topics = append(resp.Topics, st)
		}
		return resp, nil, true
	})
	c.ControlKey(int16(kmsg.IncrementalAlterConfigs), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		r := req.(*kmsg.IncrementalAlterConfigsRequest)
		resp := r.ResponseKind().(*kmsg.IncrementalAlterConfigsResponse)
		for _, rr := range r.Resources {
			st := kmsg.NewIncrementalAlterConfigsResponseResource()
			st.ResourceName, st.ResourceType = rr.ResourceName, rr.ResourceType
			st.ErrorCode, st.ErrorMessage = kerr.InvalidConfig.Code, refusal(r.ValidateOnly, badValue)
			resp.Resources = append(resp.Resources, st)
		}
		return resp, nil, true
	})
	c.ControlKey(int16(kmsg.CreatePartitions), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		r := req.(*kmsg.CreatePartitionsRequest)
		resp := r.ResponseKind().(*kmsg.CreatePartitionsResponse)
		for _, rt := range r.Topics {
			st := kmsg.NewCreatePartitionsResponseTopic()
			st.Topic, st.ErrorCode, st.ErrorMessage = rt.Topic, kerr.PolicyViolation.Code, refusal(r.ValidateOnly, "Partitions are capped at 3")
			resp.Topics = append(resp.Topics, st)
		}
		return resp, nil, true
	})
	b := c.ListenAddrs()[0]
	refused := fmt.Sprintf("shore: topic %%q: %s\n", "invalid value soon for configuration retention.ms: Not a number of type LONG")
	wantRun(t, shoretest.Run(t, "-b", b, "topics", "create", "new", "-c", "retention.ms=soon", "--dry-run"), 1, "", fmt.Sprintf(refused, "new"))
	wantRun(t, shoretest.Run(t, "-b", b, "topics", "alter-config", "kept", "--set", "retention.ms=soon", "--dry-run"), 1, "", fmt.Sprintf(refused, "kept"))
	wantRun(t, shoretest.Run(t, "-b", b, "topics", "add-partitions", "kept", "--total", "9", "--dry-run"), 1, "", "shore: topic \"kept\": partitions are capped at 3\n")
}
