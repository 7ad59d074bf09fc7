package cmd_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// topics list, topics describe and offsets write -o csv as a header line
// and a line per row, the cells as the table shows them; a selection of
// no topic is the header alone, with nothing on stderr, as -o json's [].
func TestTopicsCSV(t *testing.T) {
	t.Parallel()
	base := testbroker.Name(t, "csv")
	a, b := base+".a", base+".b"
	testbroker.CreateTopic(t, a, 2, nil)
	testbroker.CreateTopic(t, b, 1, nil)
	leader := leaderID(t, a) // CreateTopic waited for the leaders
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	cl := testbroker.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx,
		&kgo.Record{Topic: a, Partition: 1, Value: []byte("v"), Timestamp: at},
		&kgo.Record{Topic: a, Partition: 1, Value: []byte("v"), Timestamp: at.Add(time.Hour)}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	q := "^" + regexp.QuoteMeta(base) + `\.`
	none := "^" + regexp.QuoteMeta(base) + `\.none$`

	wantRun(t, shoretest.Run(t, "topics", "list", "-r", q, "-o", "csv"), 0,
		"NAME,PARTITIONS,REPLICAS\n"+a+",2,1\n"+b+",1,1\n", "")
	wantRun(t, shoretest.Run(t, "topics", "list", "-r", none, "-o", "csv"), 0, "NAME,PARTITIONS,REPLICAS\n", "")

	partitions := "TOPIC,PARTITION,LEADER,REPLICAS,ISR,LOG-START,LOG-END\n"
	wantRun(t, shoretest.Run(t, "topics", "describe", a, b, "-o", "csv"), 0, partitions+
		fmt.Sprintf("%s,0,%s,%[2]s,%[2]s,0,0\n", a, leader)+
		fmt.Sprintf("%s,1,%s,%[2]s,%[2]s,0,2\n", a, leader)+
		fmt.Sprintf("%s,0,%s,%[2]s,%[2]s,0,0\n", b, leader), "")
	wantRun(t, shoretest.Run(t, "topics", "describe", "-r", none, "-o", "csv"), 0, partitions, "")

	wantRun(t, shoretest.Run(t, "offsets", a, "-o", "csv"), 0,
		"TOPIC,PARTITION,LOG-START,LOG-END\n"+a+",0,0,0\n"+a+",1,0,2\n", "")
	wantRun(t, shoretest.Run(t, "offsets", a, "--at", "2026-11-23T09:30:00Z", "-o", "csv"), 0,
		"TOPIC,PARTITION,LOG-START,LOG-END,AT\n"+a+",0,0,0,0\n"+a+",1,0,2,1\n", "")
}

// cluster, groups list and registry list write -o csv as the others do; an
// empty list is the header alone, with nothing on stderr. On a fresh shore
// dev, so that the cluster holds only this test's brokers, groups and
// subjects.
func TestListsCSV(t *testing.T) {
	t.Parallel()
	addr, registry, _ := startDevRegistry(t, "--listen", "127.0.0.1:0", "--topic", "orders")
	run := func(stdin string, args ...string) shoretest.Result {
		return shoretest.RunWith(t, shoretest.Opts{Stdin: stdin, Env: map[string]string{"SHORE_BROKERS": addr, "SHORE_REGISTRY_URL": registry}}, args...)
	}
	wantRun(t, run("", "cluster", "-o", "csv"), 0, "BROKER,ADDRESS,RACK\n0,"+addr+",-\n", "")

	groups := "GROUP,TYPE,STATE,PROTOCOL,MEMBERS,COORDINATOR\n"
	wantRun(t, run("", "groups", "list", "-o", "csv"), 0, groups, "")
	wantRun(t, run("a\n", "produce", "orders"), 0, "", "")
	wantRun(t, run("", "consume", "orders", "-g", "billing", "-e"), 0, "a\n", "")
	wantRun(t, run("", "groups", "list", "-o", "csv"), 0, groups+"billing,classic,Empty,-,0,0\n", "")
	wantRun(t, run("", "groups", "list", "--state", "Stable", "-o", "csv"), 0, groups, "")

	subjects := "SUBJECT,LATEST,ID,TYPE\n"
	wantRun(t, run("", "registry", "list", "-o", "csv"), 0, subjects, "")
	wantRun(t, run(`"string"`, "registry", "register", "orders-value", "-", "--type", "avro"), 0, table([]string{"SUBJECT", "VERSION", "ID"}, []string{"orders-value", "1", "1"}), "")
	wantRun(t, run("", "registry", "list", "-o", "csv"), 0, subjects+"orders-value,1,1,AVRO\n", "")
	wantRun(t, run("", "registry", "list", "--deleted", "-o", "csv"), 0, "SUBJECT,LATEST,ID,TYPE,DELETED\norders-value,1,1,AVRO,-\n", "")
}
