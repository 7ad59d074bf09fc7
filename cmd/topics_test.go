package cmd_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/devregistry"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testserve"
)

// pad renders one table row the way format.Table aligns it: each cell but
// the last padded to its column width plus two spaces.
func pad(widths []int, cells ...string) string {
	var b strings.Builder
	for i, c := range cells {
		if i == len(cells)-1 {
			b.WriteString(c)
			break
		}
		fmt.Fprintf(&b, "%-*s", widths[i]+2, c)
	}
	return b.String() + "\n"
}

// configTable is the CONFIG table describe and alter-config show for topic:
// the topic's own settings given, plus those the cluster sets for every
// topic (a real Kafka 4 sets min.insync.replicas as a dynamic default).
func configTable(t *testing.T, topic string, own ...[]string) string {
	t.Helper()
	return table(append([][]string{{"CONFIG", "VALUE", "SOURCE"}}, configRows(t, topic, own...)...)...)
}

// configRows are the rows of configTable.
func configRows(t *testing.T, topic string, own ...[]string) [][]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rcs, err := testbroker.Admin(t).DescribeTopicConfigs(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	rows := own
	for _, rc := range rcs {
		for _, c := range rc.Configs {
			if c.Source != kmsg.ConfigSourceDefaultConfig && c.Source != kmsg.ConfigSourceDynamicTopicConfig {
				rows = append(rows, []string{c.Key, c.MaybeValue(), c.Source.String()})
			}
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i][0] < rows[j][0] })
	return rows
}

// describe --all shows every setting of the topic, those at Kafka's
// built-in defaults too, as kafka-configs --describe --all does, in the
// table and in the JSON.
func TestTopicsDescribeAll(t *testing.T) {
	t.Parallel()
	name := testbroker.Name(t, "topic")
	if res := shoretest.Run(t, "topics", "create", name, "-c", "retention.ms=86400000"); res.Code != 0 {
		t.Fatalf("create: exit %d: %s", res.Code, res.Stderr)
	}
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", name) })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rcs, err := testbroker.Admin(t).DescribeTopicConfigs(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	defaults := 0
	for _, c := range rcs[0].Configs {
		rows = append(rows, []string{c.Key, c.MaybeValue(), c.Source.String()})
		if c.Source == kmsg.ConfigSourceDefaultConfig {
			defaults++
		}
	}
	if defaults == 0 {
		t.Fatalf("the broker gives topic %s no setting at its default", name)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i][0] < rows[j][0] })
	settings := table(append([][]string{{"CONFIG", "VALUE", "SOURCE"}}, rows...)...)

	res := shoretest.Run(t, "topics", "describe", name, "--all")
	if sections := strings.Split(res.Stdout, "\n\n"); res.Code != 0 || res.Stderr != "" || len(sections) != 3 || sections[1]+"\n" != settings {
		t.Fatalf("describe --all: exit %d, stdout:\n%s\nstderr:\n%s\nwant the settings table:\n%s", res.Code, res.Stdout, res.Stderr, settings)
	}
	res = shoretest.Run(t, "topics", "describe", name, "--all", "-o", "json")
	var ds []struct {
		Configs []struct{ Name, Source string }
	}
	if err := json.Unmarshal([]byte(res.Stdout), &ds); err != nil || res.Code != 0 || len(ds) != 1 || len(ds[0].Configs) != len(rows) {
		t.Fatalf("describe --all -o json: exit %d, %v, want %d settings:\n%s%s", res.Code, err, len(rows), res.Stdout, res.Stderr)
	}
}

func TestTopicsCreateDescribeAlterDelete(t *testing.T) {
	name := testbroker.Name(t, "topic")
	w := []int{len(name), len("PARTITIONS"), len("REPLICAS")}
	res := shoretest.Run(t, "topics", "create", name, "-p", "3", "-c", "retention.ms=86400000")
	wantRun(t, res, 0, pad(w, "NAME", "PARTITIONS", "REPLICAS")+pad(w, name, "3", "1"), "")
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", name) })

	res = shoretest.Run(t, "topics", "create", name)
	wantRun(t, res, 1, "", fmt.Sprintf("shore: topic %q already exists\n", name))

	// A real broker elects leaders (and deletes topics) a moment after it
	// answers; what is shown before that is not what this test is about.
	shoretest.Eventually(t, 10*time.Second, func() error {
		if leaderID(t, name) == "-1" {
			return fmt.Errorf("topic %s has a partition without a leader", name)
		}
		return nil
	})
	b := leaderID(t, name)
	summary := pad(w, "NAME", "PARTITIONS", "REPLICAS") + pad(w, name, "3", "1")
	pw := []int{len("PARTITION"), max(len("LEADER"), len(b)), max(len("REPLICAS"), len(b)), max(len("ISR"), len(b)), len("LOG-START"), len("LOG-END")}
	partitions := pad(pw, "PARTITION", "LEADER", "REPLICAS", "ISR", "LOG-START", "LOG-END")
	for p := range 3 {
		partitions += pad(pw, strconv.Itoa(p), b, b, b, "0", "0")
	}
	res = shoretest.Run(t, "topics", "describe", name)
	wantRun(t, res, 0, summary+"\n"+
		configTable(t, name, []string{"retention.ms", "86400000", "DYNAMIC_TOPIC_CONFIG"})+"\n"+
		partitions, "")

	res = shoretest.Run(t, "topics", "alter-config", name, "--set", "cleanup.policy=compact", "--delete", "retention.ms")
	wantRun(t, res, 0, configTable(t, name, []string{"cleanup.policy", "compact", "DYNAMIC_TOPIC_CONFIG"}), "")

	res = shoretest.Run(t, "topics", "describe", name, "-o", "json")
	var ds []map[string]any
	if err := json.Unmarshal([]byte(res.Stdout), &ds); err != nil || res.Code != 0 {
		t.Fatalf("describe -o json: exit %d, %v\n%s%s", res.Code, err, res.Stdout, res.Stderr)
	}
	if id, _ := ds[0]["id"].(string); len(ds) != 1 || ds[0]["name"] != name || len(id) != 22 || len(ds[0]["partitions"].([]any)) != 3 {
		t.Fatalf("describe -o json: %s", res.Stdout)
	}
	var topicConfigs []any
	for _, c := range ds[0]["configs"].([]any) {
		if c.(map[string]any)["source"] == "DYNAMIC_TOPIC_CONFIG" {
			topicConfigs = append(topicConfigs, c)
		}
	}
	configs, _ := json.Marshal(topicConfigs)
	if string(configs) != `[{"name":"cleanup.policy","sensitive":false,"source":"DYNAMIC_TOPIC_CONFIG","value":"compact"}]` {
		t.Fatalf("describe -o json configs: %s", configs)
	}
	firstPartition, _ := json.Marshal(ds[0]["partitions"].([]any)[0])
	if want := fmt.Sprintf(`{"isr":[%s],"leader":%[1]s,"log_end":0,"log_start":0,"partition":0,"replicas":[%[1]s]}`, b); string(firstPartition) != want {
		t.Fatalf("describe -o json partition: %s, want %s", firstPartition, want)
	}

	res = shoretest.Run(t, "topics", "add-partitions", name, "--total", "5")
	w2 := []int{len(name), len("PARTITIONS")}
	wantRun(t, res, 0, pad(w2, "NAME", "PARTITIONS")+pad(w2, name, "5"), "")
	res = shoretest.Run(t, "topics", "add-partitions", name, "--total", "4")
	wantRun(t, res, 1, "", fmt.Sprintf("shore: topic %q already has 5 partitions; --total must be more (Kafka cannot remove partitions)\n", name))

	res = shoretest.Run(t, "topics", "delete", name, "-o", "json")
	wantRun(t, res, 0, fmt.Sprintf("[\n  {\n    \"name\": %q\n  }\n]\n", name), "")
	shoretest.Eventually(t, 10*time.Second, func() error {
		if res := shoretest.Run(t, "topics", "describe", name); res.Code != 1 {
			return fmt.Errorf("topics describe %s: exit %d", name, res.Code)
		}
		return nil
	})
	res = shoretest.Run(t, "topics", "describe", name)
	wantRun(t, res, 1, "", fmt.Sprintf("shore: unknown topic %q\n", name))
}

// Several topics created or deleted at once are listed by name, whatever
// the order of the ids the broker gave them (which kadm sorts by).
func TestTopicsCreateDeleteSorted(t *testing.T) {
	base := testbroker.Name(t, "sorted")
	var names []string
	for _, suffix := range []string{"f", "c", "a", "e", "b", "d"} {
		names = append(names, base+"-"+suffix)
	}
	t.Cleanup(func() { shoretest.Run(t, append([]string{"topics", "delete"}, names...)...) })
	sorted := slices.Sorted(slices.Values(names))
	w := []int{len(names[0]), len("PARTITIONS"), len("REPLICAS")}
	want := pad(w, "NAME", "PARTITIONS", "REPLICAS")
	for _, n := range sorted {
		want += pad(w, n, "1", "1")
	}
	wantRun(t, shoretest.Run(t, append([]string{"topics", "create", "-p", "1", "-r", "1"}, names...)...), 0, want, "")
	wantRun(t, shoretest.Run(t, append([]string{"topics", "delete"}, names...)...), 0, "NAME\n"+strings.Join(sorted, "\n")+"\n", "")
}

// TestTopicsAlterConfigLast deletes a topic's only setting of its own:
// where nothing differs from the defaults any more (the embedded broker
// sets no dynamic default for every topic, as a real Kafka 4 does) a line
// on stderr says so, instead of a table of headers alone; -o json lists no
// configs.
func TestTopicsAlterConfigLast(t *testing.T) {
	name := testbroker.Topic(t, 1, map[string]*string{"retention.ms": ptrTo("1000")})
	res := shoretest.Run(t, "topics", "alter-config", name, "--delete", "retention.ms")
	if table := configTable(t, name); strings.Count(table, "\n") > 1 {
		wantRun(t, res, 0, table, "")
		return
	}
	wantRun(t, res, 0, "", fmt.Sprintf("shore: topic %q has no settings other than the defaults\n", name))
	res = shoretest.Run(t, "topics", "alter-config", name, "--delete", "retention.ms", "-o", "json")
	wantRun(t, res, 0, fmt.Sprintf("{\n  \"name\": %q,\n  \"configs\": []\n}\n", name), "")
}

// TestTopicsAlterConfigSeveral: alter-config changes each topic it can,
// in one table with TOPIC first, and gives each other one a line of its
// own on stderr, then exits 1. -o json is an array for several topics.
func TestTopicsAlterConfigSeveral(t *testing.T) {
	t.Parallel()
	a, b := testbroker.Topic(t, 1, nil), testbroker.Topic(t, 1, nil)
	a, b = min(a, b), max(a, b)
	ghost := testbroker.Name(t, "ghost")
	unknown := fmt.Sprintf("shore: unknown topic %q\n", ghost)
	// rows is the table of a's and b's settings, retention.ms set to ms.
	rows := func(ms string) string {
		rows := [][]string{{"TOPIC", "CONFIG", "VALUE", "SOURCE"}}
		for _, name := range []string{a, b} {
			for _, row := range configRows(t, name, []string{"retention.ms", ms, "DYNAMIC_TOPIC_CONFIG"}) {
				rows = append(rows, append([]string{name}, row...))
			}
		}
		return table(rows...)
	}

	res := shoretest.Run(t, "topics", "alter-config", b, ghost, a, "--set", "retention.ms=1000")
	wantRun(t, res, 1, rows("1000"), unknown)
	res = shoretest.Run(t, "topics", "alter-config", b, a, "--set", "retention.ms=2000", "--dry-run")
	wantRun(t, res, 0, rows("2000"), "shore: dry run: validated only, nothing changed\n")

	res = shoretest.Run(t, "topics", "alter-config", a, b, "--set", "retention.ms=3000", "-o", "json")
	type setting struct {
		Name, Source string
		Value        *string
	}
	var changed []struct {
		Name    string    `json:"name"`
		Configs []setting `json:"configs"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &changed); err != nil || res.Code != 0 || len(changed) != 2 || changed[0].Name != a || changed[1].Name != b {
		t.Fatalf("-o json: exit %d, %v\n%s%s", res.Code, err, res.Stdout, res.Stderr)
	}
	for _, c := range changed {
		if !slices.ContainsFunc(c.Configs, func(e setting) bool {
			return e.Name == "retention.ms" && e.Value != nil && *e.Value == "3000" && e.Source == "DYNAMIC_TOPIC_CONFIG"
		}) {
			t.Errorf("-o json: %s has no retention.ms 3000 of its own: %+v", c.Name, c.Configs)
		}
	}

	refused := fmt.Sprintf("shore: topic %q: unknown topic config name: retention.mss (did you mean retention.ms?)\n", a) +
		fmt.Sprintf("shore: topic %q: unknown topic config name: retention.mss (did you mean retention.ms?)\n", b)
	wantRun(t, shoretest.Run(t, "topics", "alter-config", a, b, "--delete", "retention.mss", "-o", "json"), 1, "[]\n", refused)
	wantRun(t, shoretest.Run(t, "topics", "alter-config", a, b, "--delete", "retention.mss"), 1, "", refused)
	// One TOPIC's object, when it is not changed, is null, not nothing.
	wantRun(t, shoretest.Run(t, "topics", "alter-config", a, "--delete", "retention.mss", "-o", "json"), 1, "null\n",
		fmt.Sprintf("shore: topic %q: unknown topic config name: retention.mss (did you mean retention.ms?)\n", a))
	wantRun(t, shoretest.Run(t, "topics", "alter-config", ghost, "--set", "retention.ms=1", "-o", "json"), 1, "null\n", unknown)
}

// TestTopicsAlterConfigDeleteSpaces: --delete drops the spaces around a
// setting's name, as --set does, where the brokers called ' retention.ms'
// an unknown setting.
func TestTopicsAlterConfigDeleteSpaces(t *testing.T) {
	name := testbroker.Topic(t, 1, map[string]*string{"retention.ms": ptrTo("1000"), "cleanup.policy": ptrTo("compact")})
	res := shoretest.Run(t, "topics", "alter-config", name, "--delete", " retention.ms ")
	wantRun(t, res, 0, configTable(t, name, []string{"cleanup.policy", "compact", "DYNAMIC_TOPIC_CONFIG"}), "")
}

// TestTopicsMinISRAboveReplicas: a min.insync.replicas above the topic's
// replicas, which Kafka takes, is set or created, with a warning.
func TestTopicsMinISRAboveReplicas(t *testing.T) {
	name := testbroker.Topic(t, 1, nil)
	warning := func(topic string) string {
		return fmt.Sprintf("shore: warning: topic %q: min.insync.replicas=2 is more than its 1 replica: Kafka 3.7 and later take it as 1, so an acks=all produce (produce's default) fails with NOT_ENOUGH_REPLICAS unless every replica is in sync; earlier brokers fail every one\n", topic)
	}
	wantRun(t, shoretest.Run(t, "topics", "alter-config", name, "--set", "min.insync.replicas=2"), 0,
		configTable(t, name, []string{"min.insync.replicas", "2", "DYNAMIC_TOPIC_CONFIG"}), warning(name))
	wantRun(t, shoretest.Run(t, "topics", "alter-config", name, "--set", "min.insync.replicas=1"), 0,
		configTable(t, name, []string{"min.insync.replicas", "1", "DYNAMIC_TOPIC_CONFIG"}), "")
	created := testbroker.Name(t, "topic")
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", created, "--if-exists") })
	res := shoretest.Run(t, "topics", "create", created, "-r", "1", "-c", "min.insync.replicas=2")
	wantRun(t, res, 0, pad([]int{len(created), len("PARTITIONS")}, "NAME", "PARTITIONS", "REPLICAS")+pad([]int{len(created), len("PARTITIONS")}, created, "1", "1"), warning(created))
}

// TestTopicsAlterConfigEmptyList: Apache Kafka takes an empty
// cleanup.policy (no cleanup at all), and so does shore dev.
func TestTopicsAlterConfigEmptyList(t *testing.T) {
	name := testbroker.Topic(t, 1, nil)
	res := shoretest.Run(t, "topics", "alter-config", name, "--set", "cleanup.policy=")
	wantRun(t, res, 0, configTable(t, name, []string{"cleanup.policy", "", "DYNAMIC_TOPIC_CONFIG"}), "")
}

// topics delete --if-exists passes over topics that do not exist, as
// kafka-topics --if-exists does, and deletes the others.
func TestTopicsDeleteIfExists(t *testing.T) {
	name := testbroker.Topic(t, 1, nil)
	ghost := testbroker.Name(t, "ghost")
	wantRun(t, shoretest.Run(t, "topics", "delete", name, ghost), 1, "", fmt.Sprintf("shore: unknown topic %q; nothing deleted (--if-exists deletes the others)\n", ghost))
	wantRun(t, shoretest.Run(t, "topics", "delete", name, ghost, "--if-exists"), 0, "NAME\n"+name+"\n",
		fmt.Sprintf("shore: topic %q does not exist; passed over (--if-exists)\n", ghost))
	wantRun(t, shoretest.Run(t, "topics", "delete", ghost, "--if-exists", "-o", "json"), 0, "[]\n", "")
	wantRun(t, shoretest.Run(t, "topics", "delete", ghost, "--if-exists"), 0, "", fmt.Sprintf("shore: topic %q does not exist; nothing deleted\n", ghost))
	other := testbroker.Name(t, "ghost")
	wantRun(t, shoretest.Run(t, "topics", "delete", other, ghost, other, "--if-exists"), 0, "",
		fmt.Sprintf("shore: topics %q and %q do not exist; nothing deleted\n", min(ghost, other), max(ghost, other)))
	kept := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.Run(t, "topics", "delete", other, kept, ghost, "--if-exists", "-o", "json"), 0, fmt.Sprintf("[\n  {\n    \"name\": %q\n  }\n]\n", kept),
		fmt.Sprintf("shore: topics %q and %q do not exist; passed over (--if-exists)\n", min(ghost, other), max(ghost, other)))
}

func TestTopicsList(t *testing.T) {
	name := testbroker.Topic(t, 2, nil)
	res := shoretest.Run(t, "topics", "list", "-o", "json")
	var list []struct {
		Name       string `json:"name"`
		Partitions int    `json:"partitions"`
		Replicas   int    `json:"replicas"`
		Internal   bool   `json:"internal"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &list); err != nil || res.Code != 0 {
		t.Fatalf("exit %d, %v\n%s%s", res.Code, err, res.Stdout, res.Stderr)
	}
	found := false
	for i, s := range list {
		if i > 0 && list[i-1].Name >= s.Name {
			t.Errorf("not sorted: %q before %q", list[i-1].Name, s.Name)
		}
		if s.Internal {
			t.Errorf("internal topic %q listed without --internal", s.Name)
		}
		if s.Name == name {
			found = true
			if s.Partitions != 2 || s.Replicas != 1 {
				t.Errorf("got %+v, want 2 partitions, 1 replica", s)
			}
		}
	}
	if !found {
		t.Fatalf("%s not listed:\n%s", name, res.Stdout)
	}
	res = shoretest.Run(t, "topics", "ls")
	if res.Code != 0 || !strings.HasPrefix(res.Stdout, "NAME ") || !strings.Contains(res.Stdout, "\n"+name+" ") {
		t.Fatalf("table: exit %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
}

// topics list takes topic names, each of which must exist, or with -r
// regular expressions that match anywhere in a name, as consume -r's do.
func TestTopicsListSelected(t *testing.T) {
	t.Parallel()
	base := testbroker.Name(t, "sel")
	orders, payments, old := base+".orders", base+".payments", "old-"+base+".orders"
	testbroker.CreateTopic(t, orders, 3, nil)
	testbroker.CreateTopic(t, payments, 1, nil)
	testbroker.CreateTopic(t, old, 2, nil)
	q := regexp.QuoteMeta(base)
	// rows is the table of the named topics, sorted by name as list sorts
	// them (byte order: old-... after the test's upper-case name)
	rows := func(names ...string) string {
		w := []int{len("NAME"), len("PARTITIONS"), len("REPLICAS")}
		for _, n := range names {
			w[0] = max(w[0], len(n))
		}
		out := pad(w, "NAME", "PARTITIONS", "REPLICAS")
		for _, n := range slices.Sorted(slices.Values(names)) {
			out += pad(w, n, map[string]string{orders: "3", payments: "1", old: "2"}[n], "1")
		}
		return out
	}
	wantRun(t, shoretest.Run(t, "topics", "list", payments, orders, payments), 0, rows(orders, payments), "")
	wantRun(t, shoretest.Run(t, "topics", "ls", old), 0, rows(old), "")
	ghost := testbroker.Name(t, "ghost")
	wantRun(t, shoretest.Run(t, "topics", "list", orders, ghost), 1, rows(orders), fmt.Sprintf("shore: unknown topic %q\n", ghost))

	wantRun(t, shoretest.Run(t, "topics", "list", "-r", "^"+q+`\.`), 0, rows(orders, payments), "")
	wantRun(t, shoretest.Run(t, "topics", "list", "-r", q+`\.orders$`), 0, rows(old, orders), "")
	wantRun(t, shoretest.Run(t, "topics", "list", "--regex", "^"+q+`\.pay`, "^old-"+q), 0, rows(old, payments), "")
	wantRun(t, shoretest.Run(t, "topics", "list", "-r", "^"+q+`\.pay`, "-o", "json"), 0,
		fmt.Sprintf("[\n  {\n    \"name\": %q,\n    \"partitions\": 1,\n    \"replicas\": 1,\n    \"internal\": false\n  }\n]\n", payments), "")

	none := "^" + q + `\.none$`
	wantRun(t, shoretest.Run(t, "topics", "list", "-r", none, "^"+q+"x"), 0, "", "shore: no topic matches \""+none+"\" or \"^"+q+"x\"\n")
	wantRun(t, shoretest.Run(t, "topics", "list", "-r", none, "-o", "json"), 0, "[]\n", "")
}

// An internal topic is matched by -r only with --internal, and listed
// whenever it is named. kfake marks a topic internal by a setting of its
// own, which a real broker refuses.
func TestTopicsListSelectedInternal(t *testing.T) {
	t.Parallel()
	if testbroker.Real() {
		t.Skip("kfake.is_internal is kfake's")
	}
	internal := testbroker.Name(t, "internal")
	yes := "true"
	testbroker.CreateTopic(t, internal, 1, map[string]*string{"kfake.is_internal": &yes})
	w := []int{len(internal), len("PARTITIONS"), len("REPLICAS")}
	table := pad(w, "NAME", "PARTITIONS", "REPLICAS") + pad(w, internal, "1", "1")
	re := "^" + regexp.QuoteMeta(internal) + "$"
	wantRun(t, shoretest.Run(t, "topics", "list", "-r", re), 0, "", "shore: no topic matches \""+re+"\"\n")
	wantRun(t, shoretest.Run(t, "topics", "list", "-r", re, "--internal"), 0, table, "")
	wantRun(t, shoretest.Run(t, "topics", "list", internal), 0, table, "")
}

// topics describe -r describes the topics its expressions match, as if
// they were named, and says when none does.
func TestTopicsDescribeRegex(t *testing.T) {
	t.Parallel()
	base := testbroker.Name(t, "sel")
	a, b := base+".a", base+".b"
	testbroker.CreateTopic(t, a, 2, nil)
	testbroker.CreateTopic(t, b, 1, nil)
	q := regexp.QuoteMeta(base)
	named := shoretest.Run(t, "topics", "describe", a, b)
	if named.Code != 0 || !strings.Contains(named.Stdout, "\n"+b+" ") {
		t.Fatalf("describe %s %s: %+v", a, b, named)
	}
	wantRun(t, shoretest.Run(t, "topics", "describe", "-r", "^"+q+`\.`), 0, named.Stdout, named.Stderr)
	wantRun(t, shoretest.Run(t, "topics", "describe", "--regex", q+`\.b$`, "-o", "json"), 0, shoretest.Run(t, "topics", "describe", b, "-o", "json").Stdout, "")
	none := "^" + q + `\.none$`
	wantRun(t, shoretest.Run(t, "topics", "describe", "-r", none), 0, "", "shore: no topic matches \""+none+"\"\n")
	wantRun(t, shoretest.Run(t, "topics", "describe", "-r", none, "-o", "json"), 0, "[]\n", "")
	// A gate whose expression matches no topic, mistyped, says so in
	// every format: its [] reads as healthy partitions. It said nothing
	// in -o json and -o csv.
	for _, tc := range []struct{ output, stdout string }{
		{"table", ""},
		{"json", "[]\n"},
		{"csv", "TOPIC,PARTITION,LEADER,REPLICAS,ISR,LOG-START,LOG-END\n"},
	} {
		wantRun(t, shoretest.Run(t, "topics", "describe", "-r", none, "--under-replicated", "-o", tc.output), 0, tc.stdout, "shore: no topic matches \""+none+"\"\n")
	}
}

// A cluster without topics, as a fresh shore dev is, says so on stderr, as
// groups list and registry list do; -o json is the empty list.
func TestTopicsListNone(t *testing.T) {
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--no-registry")
	wantRun(t, against(t, addr, "topics", "list"), 0, "", "shore: no topics\n")
	wantRun(t, against(t, addr, "topics", "list", "-o", "json"), 0, "[]\n", "")
}

// TestTopicsListNoneDescribed: no topic listed to a login that Kafka shows
// only the topics it may describe (it is not allowed CLUSTER_ACTION on the
// cluster, which superusers are) is said so, 'no topics this login may
// describe', where 'no topics' told it that a cluster that has some had
// none; as are topics describe, offsets and consume -r. stdout is as before: empty,
// [] with -o json, the header with -o csv. A superuser is told as before.
func TestTopicsListNoneDescribed(t *testing.T) {
	t.Parallel()
	admin, alice := aclCluster(t, []string{"orders"}, groupACL("billing", kmsg.ACLOperationAll))
	run := func(opts shoretest.Opts, args ...string) shoretest.Result {
		return shoretest.RunWith(t, opts, args...)
	}
	wantRun(t, run(alice, "topics", "list"), 0, "", "shore: no topics this login may describe\n")
	wantRun(t, run(alice, "topics", "list", "-r", "ord", "-r", "^pay"), 0, "", `shore: no topic this login may describe matches "ord" or "^pay"`+"\n")
	wantRun(t, run(alice, "topics", "list", "-o", "json"), 0, "[]\n", "")
	wantRun(t, run(alice, "topics", "list", "-o", "csv"), 0, "NAME,PARTITIONS,REPLICAS\n", "")
	wantRun(t, run(alice, "topics", "describe", "--unavailable"), 0, "", "shore: no topics this login may describe\n")
	wantRun(t, run(alice, "topics", "describe", "-r", "ord"), 0, "", `shore: no topic this login may describe matches "ord"`+"\n")
	wantRun(t, run(alice, "offsets", "-r", "ord"), 0, "", `shore: no topic this login may describe matches "ord"`+"\n")
	wantRun(t, run(alice, "consume", "-r", "ord", "-e"), 1, "", `shore: no topic this login may describe matches "ord"`+"\n")
	wantRun(t, run(admin, "topics", "list", "-r", "^nosuch$"), 0, "", `shore: no topic matches "^nosuch$"`+"\n")
	wantRun(t, run(admin, "consume", "-r", "^nosuch$", "-e"), 1, "", `shore: no topic matches "^nosuch$"`+"\n")
	wantRun(t, run(admin, "topics", "list", "orders"), 0, tableOf([]string{"NAME", "PARTITIONS", "REPLICAS"}, []string{"orders", "1", "1"}), "")
}

func TestOffsets(t *testing.T) {
	name := testbroker.Topic(t, 2, nil)
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	cl := testbroker.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var recs []*kgo.Record
	for i := range 3 {
		recs = append(recs, &kgo.Record{Topic: name, Partition: 0, Value: []byte("v"), Timestamp: t0.Add(time.Duration(i) * time.Hour)})
	}
	recs = append(recs, &kgo.Record{Topic: name, Partition: 1, Value: []byte("v"), Timestamp: t0})
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}

	w := []int{len(name), len("PARTITION"), len("LOG-START"), len("LOG-END"), len("AT")}
	res := shoretest.Run(t, "offsets", name)
	wantRun(t, res, 0, pad(w[:4], "TOPIC", "PARTITION", "LOG-START", "LOG-END")+pad(w[:4], name, "0", "0", "3")+pad(w[:4], name, "1", "0", "1"), "")

	res = shoretest.Run(t, "offsets", name, "--at", "2026-11-23T09:30:00Z")
	wantRun(t, res, 0, pad(w, "TOPIC", "PARTITION", "LOG-START", "LOG-END", "AT")+pad(w, name, "0", "0", "3", "1")+pad(w, name, "1", "0", "1", "1"), "")
	// @TIME, as consume -o and groups seek --to write it
	res = shoretest.Run(t, "offsets", name, "--at", "@2026-11-23T09:30:00Z")
	wantRun(t, res, 0, pad(w, "TOPIC", "PARTITION", "LOG-START", "LOG-END", "AT")+pad(w, name, "0", "0", "3", "1")+pad(w, name, "1", "0", "1", "1"), "")
	// A TIME without a zone is UTC: stderr says the instant, stdout is
	// the table alone.
	res = shoretest.Run(t, "offsets", name, "--at", "2026-11-23T09:30")
	wantRun(t, res, 0, pad(w, "TOPIC", "PARTITION", "LOG-START", "LOG-END", "AT")+pad(w, name, "0", "0", "3", "1")+pad(w, name, "1", "0", "1", "1"),
		"shore: --at: the first offset at or after 2026-11-23T09:30:00Z (UTC, as the TIME has no zone: add one, as 2026-11-23T09:30:00-05:00, for another)\n")

	// now: no record is that recent, so AT is the end offset
	res = shoretest.Run(t, "offsets", name, "--at", "now")
	wantRun(t, res, 0, pad(w, "TOPIC", "PARTITION", "LOG-START", "LOG-END", "AT")+pad(w, name, "0", "0", "3", "3")+pad(w, name, "1", "0", "1", "1"), "")
	// -r: the topics an expression matches, as GetOffsetShell's --topic
	// takes one; none matching is said on stderr with the table, exit 0
	re := "^" + regexp.QuoteMeta(name) + "$"
	res = shoretest.Run(t, "offsets", "-r", re, "--at", "now")
	wantRun(t, res, 0, pad(w, "TOPIC", "PARTITION", "LOG-START", "LOG-END", "AT")+pad(w, name, "0", "0", "3", "3")+pad(w, name, "1", "0", "1", "1"), "")
	// -p: those partitions alone, as GetOffsetShell's --partitions; one
	// a topic lacks is named, exit 1, with the others shown
	res = shoretest.Run(t, "offsets", name, "-p", "1")
	wantRun(t, res, 0, pad(w[:4], "TOPIC", "PARTITION", "LOG-START", "LOG-END")+pad(w[:4], name, "1", "0", "1"), "")
	res = shoretest.Run(t, "offsets", name, "-p", "5,0", "-p", "7", "-o", "csv")
	wantRun(t, res, 1, "TOPIC,PARTITION,LOG-START,LOG-END\n"+name+",0,0,3\n", fmt.Sprintf("shore: topic %q has no partitions 5 and 7 (it has 0-1)\n", name))
	none := "^" + regexp.QuoteMeta(name) + `\.none$`
	wantRun(t, shoretest.Run(t, "offsets", "-r", none), 0, "", "shore: no topic matches \""+none+"\"\n")
	wantRun(t, shoretest.Run(t, "offsets", "-r", none, "-o", "json"), 0, "[]\n", "")

	res = shoretest.Run(t, "offsets", name, "--at", strconv.FormatInt(t0.UnixMilli(), 10), "-o", "json")
	want := fmt.Sprintf(`[
  {
    "topic": %[1]q,
    "partition": 0,
    "log_start": 0,
    "log_end": 3,
    "at": 0
  },
  {
    "topic": %[1]q,
    "partition": 1,
    "log_start": 0,
    "log_end": 1,
    "at": 0
  }
]
`, name)
	wantRun(t, res, 0, want, "")
}

// TestOffsetsPartitionRanges: -p takes ranges, FIRST-LAST both included,
// with numbers, in one -p or several. With -r, a topic that lacks the
// partitions asked is left out without a word, as GetOffsetShell filters
// its topics, and the exit status is 1 only when no topic matched has one
// of them; a topic named must have them all, alone or beside others, as
// before.
func TestOffsetsPartitionRanges(t *testing.T) {
	t.Parallel()
	one, three, re := oneAndThree(t)
	header := "TOPIC,PARTITION,LOG-START,LOG-END\n"
	rows := func(topic string, partitions ...string) string {
		var b strings.Builder
		for _, p := range partitions {
			fmt.Fprintf(&b, "%s,%s,0,%d\n", topic, p, map[string]int{one: 1, three: 2}[topic])
		}
		return b.String()
	}

	wantRun(t, shoretest.Run(t, "offsets", three, "-p", "1-2", "-o", "csv"), 0, header+rows(three, "1", "2"), "")
	wantRun(t, shoretest.Run(t, "offsets", three, "-p", "2", "-p", "0-0", "-o", "csv"), 0, header+rows(three, "0", "2"), "")
	w := []int{len(three), len("PARTITION"), len("LOG-START"), len("LOG-END")}
	wantRun(t, shoretest.Run(t, "offsets", three, "-p", "0-1"), 0, pad(w, "TOPIC", "PARTITION", "LOG-START", "LOG-END")+pad(w, three, "0", "0", "2")+pad(w, three, "1", "0", "2"), "")
	wantRun(t, shoretest.Run(t, "offsets", three, "-p", "1-6", "-o", "csv"), 1, header+rows(three, "1", "2"), fmt.Sprintf("shore: topic %q has no partitions 3-6 (it has 0-2)\n", three))

	wantRun(t, shoretest.Run(t, "offsets", "-r", re, "-p", "1-2", "-o", "csv"), 0, header+rows(three, "1", "2"), "")
	wantRun(t, shoretest.Run(t, "offsets", "-r", re, "-p", "0,2", "-o", "csv"), 0, header+rows(one, "0")+rows(three, "0", "2"), "")
	noneMatched := fmt.Sprintf("shore: no topic that \"%s\" matches has partitions 3-5 and 9: %q has only 0 and %q has 0-2\n", re, one, three)
	wantRun(t, shoretest.Run(t, "offsets", "-r", re, "-p", "3-5,9"), 1, "", noneMatched)
	wantRun(t, shoretest.Run(t, "offsets", "-r", re, "-p", "3-5,9", "-o", "json"), 1, "[]\n", noneMatched)

	wantRun(t, shoretest.Run(t, "offsets", one, three, "-p", "2", "-o", "csv"), 1, header+rows(three, "2"),
		fmt.Sprintf("shore: topic %q has no partition 2 (it has only 0)\n", one))
	wantRun(t, shoretest.Run(t, "offsets", one, three, "-p", "7"), 1, "",
		fmt.Sprintf("shore: topic %q has no partition 7 (it has only 0); topic %q has no partition 7 (it has 0-2)\n", one, three))
}

func TestUnknownTopic(t *testing.T) {
	ghost := testbroker.Name(t, "ghost")
	known := testbroker.Topic(t, 1, nil)
	want := fmt.Sprintf("shore: unknown topic %q\n", ghost)
	for _, args := range [][]string{
		{"topics", "describe", ghost},
		{"topics", "alter-config", ghost, "--set", "retention.ms=1"},
		{"topics", "add-partitions", ghost, "--total", "2"},
		{"offsets", ghost},
		{"offsets", ghost, "--at", "-1h"},
	} {
		wantRun(t, shoretest.Run(t, args...), 1, "", want)
	}
	// delete named an unknown topic, so it deleted nothing, and says so.
	wantRun(t, shoretest.Run(t, "topics", "delete", known, ghost), 1, "", fmt.Sprintf("shore: unknown topic %q; nothing deleted (--if-exists deletes the others)\n", ghost))
	wantRun(t, shoretest.Run(t, "topics", "delete", ghost), 1, "", want)
	if res := shoretest.Run(t, "offsets", known); res.Code != 0 {
		t.Fatalf("%s was deleted: %s", known, res.Stderr)
	}
}

// TestUnknownTopicNear: an unknown topic whose name is a typo or two from
// an existing topic's names that topic, in every verb that looks topics
// up; none when two are as close.
func TestUnknownTopicNear(t *testing.T) {
	known := testbroker.Topic(t, 1, nil)
	typo := known[:len(known)-1]
	want := fmt.Sprintf("shore: unknown topic %q (did you mean %q?)\n", typo, known)
	for _, args := range [][]string{
		{"topics", "describe", typo},
		{"topics", "list", typo},
		{"topics", "alter-config", typo, "--set", "retention.ms=1"},
		{"topics", "add-partitions", typo, "--total", "2"},
		{"topics", "delete", typo},
		{"offsets", typo},
		{"consume", typo, "-e"},
		{"produce", typo},
	} {
		wantRun(t, shoretest.Run(t, args...), 1, "", want)
	}
	ghost := testbroker.Name(t, "ghost")
	near := fmt.Sprintf("%q (did you mean %q?)", typo, known)
	both := []string{fmt.Sprintf("%q", ghost), near}
	if typo < ghost {
		both[0], both[1] = both[1], both[0]
	}
	wantRun(t, shoretest.Run(t, "topics", "delete", ghost, typo), 1, "", "shore: unknown topics "+both[0]+" and "+both[1]+"\n")
	// Given beside it, the topic it may mean is not named (TestNearNamed).
	wantRun(t, shoretest.Run(t, "consume", known, ghost, typo, "-e"), 1, "", fmt.Sprintf("shore: unknown topics %q and %q\n", min(ghost, typo), max(ghost, typo)))
	// ready and check say it in their own words, exit 3.
	wantRun(t, shoretest.Run(t, "ready", typo, "--wait", "0"), 3, "", fmt.Sprintf("shore: not ready: brokers answer, but topic %s does not exist\n", near))
	wantRun(t, shoretest.Run(t, "ready", ghost, typo, "--wait", "0"), 3, "", "shore: not ready: brokers answer, but topics "+both[0]+" and "+both[1]+" do not exist\n")
	wantRun(t, shoretest.Run(t, "check", typo), 3, "", fmt.Sprintf("shore: check failed at metadata: topic %s does not exist\n", near))
	wantRun(t, shoretest.Run(t, "check", typo, "--wait", "1s"), 3, "", fmt.Sprintf("shore: check failed at metadata: brokers answer, but topic %s does not exist; tried for --wait 1s\n", near))
	// A name in another case is named too.
	upper := strings.ToUpper(known)
	wantRun(t, shoretest.Run(t, "offsets", upper), 1, "", fmt.Sprintf("shore: unknown topic %q (did you mean %q?)\n", upper, known))

	twin := testbroker.Name(t, "twin")
	testbroker.CreateTopic(t, twin+"1", 1, nil)
	testbroker.CreateTopic(t, twin+"2", 1, nil)
	wantRun(t, shoretest.Run(t, "topics", "describe", twin), 1, "", fmt.Sprintf("shore: unknown topic %q\n", twin))
}

// describe, list and offsets given names show the topics that exist all
// the same, as kafka-topics and rpk do, and name the unknown ones in one
// line of stderr, each with the topic it may mean, none of those named, as
// consume and delete do; the exit status is then 1. -o json stays one
// document, [] when no named topic exists.
func TestNamedTopicsLeaveOutUnknown(t *testing.T) {
	t.Parallel()
	known := testbroker.Topic(t, 2, nil)
	typo := known[:len(known)-1]
	ghost := testbroker.Name(t, "ghost")
	stderr := fmt.Sprintf("shore: unknown topics %q and %q (did you mean %q?)\n", ghost, typo, known)
	if typo < ghost {
		stderr = fmt.Sprintf("shore: unknown topics %q (did you mean %q?) and %q\n", typo, known, ghost)
	}
	// Given beside known, typo is not said to mean it.
	besideKnown := fmt.Sprintf("shore: unknown topics %q and %q\n", min(ghost, typo), max(ghost, typo))
	for _, verb := range [][]string{{"topics", "describe"}, {"offsets"}, {"offsets", "--at=-1h"}} {
		for _, output := range []string{"table", "json", "csv"} {
			alone := shoretest.Run(t, append(verb, known, "-o", output)...)
			if alone.Code != 0 || !strings.Contains(alone.Stdout, known) {
				t.Fatalf("%v %s -o %s: %+v", verb, known, output, alone)
			}
			wantRun(t, shoretest.Run(t, append(verb, ghost, known, typo, "-o", output)...), 1, alone.Stdout, besideKnown)
		}
		wantRun(t, shoretest.Run(t, append(verb, ghost, typo, "-o", "json")...), 1, "[]\n", stderr)
		wantRun(t, shoretest.Run(t, append(verb, ghost, typo)...), 1, "", stderr)
	}
	wantRun(t, shoretest.Run(t, "offsets", ghost, typo, "-o", "csv"), 1, "TOPIC,PARTITION,LOG-START,LOG-END\n", stderr)
	wantRun(t, shoretest.Run(t, "topics", "describe", known, ghost, typo, "--unavailable"), 1, "", "shore: no partition is without a leader\n"+besideKnown)

	list := shoretest.Run(t, "topics", "list", known, "-o", "json")
	wantRun(t, shoretest.Run(t, "topics", "list", typo, known, ghost, "-o", "json"), 1, list.Stdout, besideKnown)
	wantRun(t, shoretest.Run(t, "topics", "list", typo, ghost, "-o", "json"), 1, "[]\n", stderr)
}

func TestTopicsUsageErrorsDoNotDial(t *testing.T) {
	addr := testbroker.Closed(t)
	for _, tc := range []struct {
		args []string
		msg  string
		help string
	}{
		{[]string{"topics", "create", "x", "-p", "0"}, "--partitions 0: a topic needs at least 1 partition", seeHelpFor("topics create")},
		{[]string{"topics", "create", "x", "-r", "0"}, "--replicas 0: a topic needs at least 1 replica", seeHelpFor("topics create")},
		{[]string{"topics", "create", "x", "-c", "retention.ms"}, `--topic-config: config "retention.ms": want key=value, such as retention.ms=86400000`, seeHelpFor("topics create")},
		{[]string{"topics", "create"}, "topics create: missing TOPIC (usage: shore topics create TOPIC...)", seeHelpFor("topics create")},
		{[]string{"topics", "list", "-o", "yaml"}, `--output "yaml": want table, json or csv`, seeHelpFor("topics list")},
		{[]string{"config", "view", "-o", "table"}, `--output "table": want yaml or json`, seeHelpFor("config view")},
		{[]string{"groups", "describe", "g", "-o", "xml"}, `--output "xml": want table, json or csv`, seeHelpFor("groups describe")},
		{[]string{"topics", "alter-config", "x"}, "nothing to change: give --set key=value or --delete key", seeHelpFor("topics alter-config")},
		{[]string{"topics", "alter-config", "x", "--set", "=1"}, `--set: config "=1": no setting's name before '=', as in retention.ms=86400000`, seeHelpFor("topics alter-config")},
		{[]string{"topics", "alter-config", "x", "--delete", "retention.ms=5"}, `--delete "retention.ms=5": want a setting's name, not key=value (--delete retention.ms)`, seeHelpFor("topics alter-config")},
		{[]string{"topics", "add-partitions", "x"}, "--total is required: the partition count to grow to", seeHelpFor("topics add-partitions")},
		{[]string{"topics", "add-partitions", "x", "--total", "0"}, "--total 0: a topic needs at least 1 partition", seeHelpFor("topics add-partitions")},
		{[]string{"offsets", "x", "--at", "yesterday"}, `--at "yesterday": want unix milliseconds (1795392000000), RFC 3339 (2026-11-23T09:00:00Z; UTC when it has no zone, as 2026-11-23T09:00:00), a date (2026-11-23, midnight UTC), a duration ago (-1h, -30m, -2d) or now`, seeHelpFor("offsets")},
		{[]string{"offsets", "orders.*"}, `topic name "orders.*": '*' is not allowed (only ASCII letters, digits, '.', '_' and '-'); for a regular expression, add -r (shore offsets -r REGEX...)`, seeHelpFor("offsets")},
		{[]string{"offsets", "-r", "orders("}, `bad regular expression "orders(" (argument of -r/--regex): missing closing )`, seeHelpFor("offsets")},
		{[]string{"cluster", "extra"}, `cluster: unexpected argument "extra" (usage: shore cluster)`, seeHelpFor("cluster")},
	} {
		res := shoretest.Run(t, append(tc.args, "-b", addr)...)
		wantRun(t, res, 2, "", "shore: "+tc.msg+"\n"+tc.help)
	}
}

func TestUnreachableBroker(t *testing.T) {
	addr := testbroker.Closed(t)
	start := time.Now()
	res := shoretest.Run(t, "topics", "list", "-b", addr, "--timeout", "2s")
	wantRun(t, res, 1, "", "shore: cannot reach "+addr+": connection refused\n")
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s, want at most --timeout + 1s", d)
	}
}

// TestSilentBroker: every command that meets a broker that accepts and never
// answers says it waited --timeout for it, and has: an admin client's
// request gives up on a broker after a third of the timeout, which is not
// the end of first contact. Nor does it wait --timeout twice. --timeout is
// 3s so that the margin up to twice that is one a loaded machine needs:
// with 1s and a bound of 3s, a run under -race beside other suites took
// 3.5s, and a run that waited twice passed.
func TestSilentBroker(t *testing.T) {
	t.Parallel()
	addr := testbroker.Silent(t)
	for _, tc := range []struct {
		stdin string
		args  []string
	}{
		{"", []string{"topics", "list"}},
		{"", []string{"topics", "describe", "orders"}},
		{"", []string{"cluster"}},
		{"", []string{"offsets", "orders"}},
		{"", []string{"groups", "list"}},
		{"", []string{"groups", "describe", "billing"}},
		{"", []string{"consume", "orders", "-e"}},
		{"a\n", []string{"produce", "orders"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			res := shoretest.RunWith(t, shoretest.Opts{Stdin: tc.stdin}, append(tc.args, "-b", addr, "--timeout", "3s")...)
			d := time.Since(start)
			wantRun(t, res, 1, "", "shore: cannot reach "+addr+": no answer within 3s\n")
			if d < 3*time.Second || d >= 6*time.Second {
				t.Errorf("took %s, want --timeout (3s) and less than twice that", d)
			}
		})
	}
}

// TestWebPortAsBroker: --brokers given a web port, shore dev's schema
// registry (Go's HTTP server, which waits for the end of a request line
// Kafka never sends) or a server that answers Kafka's bytes with an HTTP
// error page at once (as Jetty and nginx do), says that the port answered
// like an HTTP server, not a Kafka broker, in well under --timeout, exit 1.
// It said 'no answer within 10s' of the one, and franz-go's 'invalid large
// response size 1213486160 > limit 104857600; the four size bytes are
// 'HTTP' in ascii ...' of the other. ready and check --wait, given it as
// their one broker, end at once (exit 3) with the line of --wait 0's one
// try: it will not turn into a broker; they tried until --wait. Beside
// another broker address, which may yet start, ready tries it until --wait.
func TestWebPortAsBroker(t *testing.T) {
	t.Parallel()
	reg, err := devregistry.Start(devregistry.Options{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(reg.Close)
	for name, addr := range map[string]string{
		"shore dev's registry": strings.TrimPrefix(reg.URL(), "http://"),
		"error page at once":   httpErrorPage(t),
	} {
		for _, tc := range []struct {
			stdin  string
			args   []string
			code   int
			prefix string
		}{
			{"", []string{"topics", "list", "-b", addr}, 1, ""},
			{"", []string{"consume", "orders", "-e", "-b", addr}, 1, ""},
			{"a\n", []string{"produce", "orders", "-b", addr}, 1, ""},
			{"", []string{"cluster", "-b", testbroker.Closed(t) + "," + addr}, 1, ""},
			{"", []string{"ready", "--wait", "1m", "-b", addr}, 3, "not ready: "},
			{"", []string{"ready", "--wait", "0", "-b", addr}, 3, "not ready: "},
			{"", []string{"check", "orders", "--wait", "1m", "-b", addr}, 3, "check failed at connect: "},
			{"", []string{"ready", "--wait", "2s", "-b", testbroker.Closed(t) + "," + addr}, 3, "not ready after 2s: "},
		} {
			t.Run(name+"/"+strings.Join(tc.args[:len(tc.args)-1], " "), func(t *testing.T) {
				t.Parallel()
				start := time.Now()
				res := shoretest.RunWith(t, shoretest.Opts{Stdin: tc.stdin}, append(tc.args, "--timeout", "10s")...)
				wantRun(t, res, tc.code, "", "shore: "+tc.prefix+"cannot connect to "+addr+": it answered like an HTTP server (a schema registry?), not a Kafka broker; give --brokers a Kafka broker's address, such as localhost:9092\n")
				if d := time.Since(start); d > 5*time.Second {
					t.Errorf("took %s; the port is asked in HTTP after 1s", d)
				}
			})
		}
	}
}

// httpErrorPage starts a server on 127.0.0.1 that answers whatever a
// connection sends first with an HTTP 400 page and closes it, and returns
// its address.
func httpErrorPage(t *testing.T) string {
	t.Helper()
	return testserve.Each(t, func(conn net.Conn) {
		if _, err := conn.Read(make([]byte, 512)); err == nil {
			_, _ = io.WriteString(conn, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		}
	})
}

// A first bootstrap broker that never answers does not fail a command while
// the next one is healthy, as with kcat.
func TestSilentFirstBroker(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	brokers := append([]string{testbroker.Silent(t)}, testbroker.Brokers(t)...)
	res := shoretest.Run(t, "topics", "list", "-b", strings.Join(brokers, ","), "--timeout", "5s")
	if res.Code != 0 || res.Stderr != "" || !strings.Contains(res.Stdout, "\n"+topic+" ") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and %s listed", res.Code, res.Stdout, res.Stderr, topic)
	}
}

func TestCluster(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	md, err := testbroker.Admin(t).BrokerMetadata(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ctrl := "-"
	if md.Controller >= 0 {
		ctrl = strconv.Itoa(int(md.Controller))
	}
	want := table([]string{"CLUSTER", "CONTROLLER"}, []string{md.Cluster, ctrl}) + "\n"
	rows := [][]string{{"BROKER", "ADDRESS", "RACK"}}
	for _, b := range md.Brokers {
		rack := "-"
		if b.Rack != nil {
			rack = *b.Rack
		}
		rows = append(rows, []string{strconv.Itoa(int(b.NodeID)), net.JoinHostPort(b.Host, strconv.Itoa(int(b.Port))), rack})
	}
	want += table(rows...)
	wantRun(t, shoretest.Run(t, "cluster"), 0, want, "")
}

func TestCompleteTopics(t *testing.T) {
	a := testbroker.Topic(t, 1, nil)
	b := testbroker.Topic(t, 1, nil)
	// testbroker.Name gives TEST-topic-RANDOM: both topics share this prefix.
	prefix := t.Name() + "-topic-"
	first, second := min(a, b), max(a, b)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"topics", "describe", prefix}, first + "\n" + second + "\n"},
		{[]string{"topics", "describe", first, prefix}, second + "\n"},
		{[]string{"offsets", prefix}, first + "\n" + second + "\n"},
		{[]string{"topics", "add-partitions", first, prefix}, second + "\n"},
	} {
		res := shoretest.Run(t, append([]string{"__complete"}, tc.args...)...)
		if res.Code != 0 || res.Stdout != tc.want+":4\n" {
			t.Errorf("%v: exit %d stdout %q stderr %q, want %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.want+":4\n")
		}
	}
}

// TestCompleteAdminFlags: TAB after the admin commands' flags offers what
// they take (topics, profiles, SASL mechanisms, seek targets, group
// states), help its topics besides the commands, and after a command that
// takes no argument or a new name nothing, not the files of the current
// directory (":0", cobra's default, is file completion).
func TestCompleteAdminFlags(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	prefix := t.Name() + "-topic-"
	file := writeConfig(t, "current-profile: local\nprofiles:\n  local:\n    brokers: [localhost:9092]\n  prod:\n    brokers: [kafka:9093]\n")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"groups", "describe", "g", "--topic", prefix}, topic + "\n:4\n"},
		{[]string{"groups", "seek", "g", "--topic", prefix}, topic + "\n:4\n"},
		{[]string{"groups", "delete-offsets", "g", "--topic", prefix}, topic + "\n:4\n"},
		{[]string{"groups", "seek", "g", "--to", ""}, "start\nend\n:4\n"},
		{[]string{"groups", "list", "--state", ""}, "Stable\nEmpty\nPreparingRebalance\nCompletingRebalance\nAssigning\nReconciling\nDead\n:4\n"},
		{[]string{"--config", file, "--profile", ""}, "local\nprod\n:4\n"},
		{[]string{"--config", file, "topics", "list", "--profile", "p"}, "prod\n:4\n"},
		{[]string{"--sasl-mechanism", ""}, "PLAIN\nSCRAM-SHA-256\nSCRAM-SHA-512\nOAUTHBEARER\n:4\n"},
		{[]string{"topics", "list", "--sasl-mechanism", "S"}, "PLAIN\nSCRAM-SHA-256\nSCRAM-SHA-512\nOAUTHBEARER\n:4\n"},
		{[]string{"cluster", ""}, ":4\n"},
		{[]string{"groups", "list", ""}, ":4\n"},
		{[]string{"topics", "create", ""}, ":4\n"},
		{[]string{"config", "view", ""}, ":4\n"},
		{[]string{"help", "e"}, "exit-codes\tWhat each exit status means; stdout and stderr\n:4\n"},
		{[]string{"help", "conn"}, "connection\tThe flags, variables and profile keys that say how to reach Kafka\n:4\n"},
	} {
		res := shoretest.Run(t, append([]string{"__complete"}, tc.args...)...)
		if res.Code != 0 || res.Stdout != tc.want {
			t.Errorf("%v: exit %d stdout %q stderr %q, want %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.want)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, marker := range map[string]string{
		"bash": "__start_shore",
		"zsh":  "#compdef shore",
		"fish": "complete -c shore ",
	} {
		res := shoretest.Run(t, "completion", shell)
		if res.Code != 0 || !strings.Contains(res.Stdout, marker) || res.Stderr != "" {
			t.Errorf("completion %s: exit %d, %q not in stdout, stderr %q", shell, res.Code, marker, res.Stderr)
		}
	}
}

func TestCompleteUnreachable(t *testing.T) {
	t.Parallel()
	start := time.Now()
	res := shoretest.Run(t, "__complete", "-b", testbroker.Silent(t), "--timeout", "10s", "topics", "describe", "")
	if res.Code != 0 || res.Stdout != ":5\n" {
		t.Fatalf("exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
	}
	// Completion gives up after 2s; the margin up to --timeout (10s) is for
	// a loaded machine, and still fails a completion that waits it out.
	if d := time.Since(start); d > 7*time.Second {
		t.Errorf("took %s; completion waits at most 2s", d)
	}
}

func TestInterruptWhileConnecting(t *testing.T) {
	t.Parallel()
	silent, accepted := testbroker.SilentCounting(t)
	res, took := signalWhenStuck(t, nil, acceptedOne(accepted), syscall.SIGINT, "topics", "list", "-b", silent, "--timeout", "20s")
	if took > 5*time.Second {
		t.Errorf("took %s after SIGINT to leave the silent broker", took)
	}
	wantRun(t, res, 130, "", "shore: interrupted\n")
}

func TestTopicsCreatePartly(t *testing.T) {
	old := testbroker.Topic(t, 1, nil)
	fresh := testbroker.Name(t, "fresh")
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", fresh) })
	res := shoretest.Run(t, "topics", "create", old, fresh, "-p", "2", "-o", "json")
	var created []struct {
		Name       string `json:"name"`
		Partitions int    `json:"partitions"`
		Replicas   int    `json:"replicas"`
		ID         string `json:"id"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &created); err != nil {
		t.Fatalf("stdout %q: %v", res.Stdout, err)
	}
	if res.Code != 1 || res.Stderr != fmt.Sprintf("shore: topic %q already exists\n", old) ||
		len(created) != 1 || created[0].Name != fresh || created[0].Partitions != 2 || created[0].Replicas != 1 || len(created[0].ID) != 22 {
		t.Fatalf("exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
	}
}

// A script that creates a topic and produces to it at once must not be told
// the topic is unknown: Kafka answers CreateTopics before its metadata has
// the topic, so create waits until every partition has a leader.
func TestTopicsCreateThenProduceAtOnce(t *testing.T) {
	for i := range 5 {
		name := testbroker.Name(t, "topic")
		if res := shoretest.Run(t, "topics", "create", name, "-p", "3"); res.Code != 0 {
			t.Fatalf("create: exit %d: %s", res.Code, res.Stderr)
		}
		t.Cleanup(func() { shoretest.Run(t, "topics", "delete", name) })
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\n"}, "produce", name)
		if res.Code != 0 || res.Stderr != "" {
			t.Fatalf("round %d: produce right after create: exit %d, stderr %q", i, res.Code, res.Stderr)
		}
	}
}

// topics list --help's examples and describe's -r run as written on shore
// dev with the topics they name.
func TestTopicsSelectExamplesRun(t *testing.T) {
	t.Parallel()
	run := devShell(t, "--topic", "orders:3", "--topic", "payments")
	table := "NAME      PARTITIONS  REPLICAS\norders    3           1\npayments  1           1\n"
	paymentsJSON := "  {\n    \"name\": \"payments\",\n    \"partitions\": 1,\n    \"replicas\": 1,\n    \"internal\": false\n  }\n"
	ordersJSON := strings.Replace(strings.Replace(paymentsJSON, "payments", "orders", 1), "1,", "3,", 1)
	for _, tc := range []struct{ part, stdout string }{
		{"list", table}, // the first example, the plain one
		{"orders payments", table},
		{"-r", "[\n" + paymentsJSON + "]\n"},
		{"--internal", "[\n" + ordersJSON[:len(ordersJSON)-1] + ",\n" + paymentsJSON + "]\n"},
	} {
		line := example(t, "topics list", tc.part)
		code, stdout, stderr := run(line)
		if code != 0 || stdout != tc.stdout || stderr != "" {
			t.Errorf("%s\nexit %d, stdout:\n%s\nstderr:\n%s\nwant exit 0, stdout:\n%s", line, code, stdout, stderr, tc.stdout)
		}
	}
	_, payments, _ := run("shore topics describe payments")
	line := example(t, "topics describe", "-r")
	if code, stdout, stderr := run(line); code != 0 || stdout != payments || !strings.HasPrefix(stdout, "NAME      PARTITIONS  REPLICAS\npayments  1") || stderr != "" {
		t.Errorf("%s\nexit %d, stdout:\n%s\nstderr:\n%s\nwant exit 0, stdout:\n%s", line, code, stdout, stderr, payments)
	}
}

// TestTopicsChangeUnanswered: a request to change topics that the brokers
// answer only after --timeout fails (exit 1), and says that they may have
// made the change all the same and which command shows whether; they did.
// A script that read exit 1 as "nothing changed" would find the topic
// there when it ran the command again.
func TestTopicsChangeUnanswered(t *testing.T) {
	if testbroker.Real() {
		t.Skip("delays requests of a cluster of its own")
	}
	const kept = "kept"
	for _, tc := range []struct {
		key   kmsg.Key
		args  []string
		check string
		done  func(res shoretest.Result) bool
	}{
		{kmsg.CreateTopics, []string{"topics", "create", "fresh", "-p", "2"}, "shore topics list fresh",
			func(res shoretest.Result) bool { return res.Code == 0 }},
		{kmsg.DeleteTopics, []string{"topics", "delete", kept}, "shore topics list kept",
			func(res shoretest.Result) bool { return res.Code == 1 && strings.Contains(res.Stderr, "unknown topic") }},
		{kmsg.IncrementalAlterConfigs, []string{"topics", "alter-config", kept, "--set", "retention.ms=1000"}, "shore topics describe kept",
			func(res shoretest.Result) bool {
				return regexp.MustCompile(`retention.ms +1000 `).MatchString(res.Stdout)
			}},
		{kmsg.CreatePartitions, []string{"topics", "add-partitions", kept, "--total", "3"}, "shore topics describe kept",
			func(res shoretest.Result) bool {
				return strings.HasPrefix(res.Stdout, "NAME  PARTITIONS  REPLICAS\nkept  3 ")
			}},
	} {
		t.Run(tc.args[1], func(t *testing.T) {
			t.Parallel()
			c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, kept))
			c.ControlKey(tc.key.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
				c.KeepControl()
				c.SleepControl(func() { time.Sleep(4 * time.Second) })
				return nil, nil, false
			})
			opts := shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}}
			res := shoretest.RunWith(t, opts, append(tc.args, "--timeout", "2s")...)
			suffix := fmt.Sprintf("; the brokers may have made the change all the same: '%s' shows whether\n", tc.check)
			if res.Code != 1 || res.Stdout != "" || !strings.HasPrefix(res.Stderr, "shore: no answer from ") || !strings.HasSuffix(res.Stderr, suffix) {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 1, 'no answer from ...%s'", res.Code, res.Stdout, res.Stderr, suffix)
			}
			shoretest.Eventually(t, 10*time.Second, func() error {
				if res := shoretest.RunWith(t, opts, strings.Fields(tc.check)[1:]...); !tc.done(res) {
					return fmt.Errorf("%s: exit %d\n%s%s", tc.check, res.Code, res.Stdout, res.Stderr)
				}
				return nil
			})
		})
	}
}

// TestNearNamed: a topic that does not exist is not said to mean another
// topic the same command names, in every command that takes several, where
// 'describe a b' said 'unknown topic "b" (did you mean "a"?)' of the "a"
// given beside it; the nearest topic not named is named instead (two as
// near named none before). topics delete's is TestTopicsDeleteNearNamed.
func TestNearNamed(t *testing.T) {
	typo := testbroker.Name(t, "near")
	named, other := typo+"a", typo+"b"
	testbroker.CreateTopic(t, named, 1, nil)
	testbroker.CreateTopic(t, other, 1, nil)
	group := testbroker.Name(t, "group")
	if res := shoretest.Run(t, "groups", "commit", group, named+":0=0"); res.Code != 0 {
		t.Fatalf("groups commit: exit %d: %s", res.Code, res.Stderr)
	}
	unknown := fmt.Sprintf("topic %q (did you mean %q?)", typo, other)
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"topics", "describe", named, typo}, 1, "unknown " + unknown},
		{[]string{"topics", "list", named, typo}, 1, "unknown " + unknown},
		{[]string{"topics", "alter-config", named, typo, "--set", "retention.ms=1000"}, 1, "unknown " + unknown},
		{[]string{"offsets", named, typo}, 1, "unknown " + unknown},
		{[]string{"consume", named, typo, "-e"}, 1, "unknown " + unknown},
		{[]string{"groups", "describe", group, "--topic", named, "--topic", typo}, 1, "unknown " + unknown},
		{[]string{"groups", "seek", group, "--topic", named, "--topic", typo, "--to", "start"}, 1, "unknown " + unknown},
		{[]string{"groups", "commit", group, named + ":0=0", typo + ":0=0"}, 1, "unknown " + unknown},
		{[]string{"groups", "delete-offsets", group, "--topic", named, "--topic", typo}, 1, "unknown " + unknown},
		{[]string{"ready", named, typo, "--wait", "0"}, 3, "not ready: brokers answer, but " + unknown + " does not exist"},
		{[]string{"topics", "add-partitions", named, typo, "--total", "2"}, 1, "unknown " + unknown},
	} {
		command := tc.args[:slices.IndexFunc(tc.args, func(arg string) bool { return arg == named || arg == group })]
		t.Run(strings.Join(command, " "), func(t *testing.T) {
			// stdout is the named topic's rows, where the command has any.
			if res := shoretest.Run(t, tc.args...); res.Code != tc.code || res.Stderr != "shore: "+tc.stderr+"\n" {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit %d, stderr:\nshore: %s", res.Code, res.Stderr, tc.code, tc.stderr)
			}
		})
	}
}
