package cmd

import (
	"reflect"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/consume"
	"github.com/kafkashore/shore/topics"
)

func TestConsumeFlagsToOptions(t *testing.T) {
	o := parseConsumeFlags(t, "orders", "audit", "-o", "-10:end", "-e", "-p", "0,2", "-n", "5", "--idle-timeout", "3s", "-u", "--read-committed")
	end := consume.Bound{Kind: consume.End}
	wantTarget := consume.Target{
		Topics:        []string{"orders", "audit"},
		Partitions:    topics.PartitionSet{{First: 0, Last: 0}, {First: 2, Last: 2}},
		Offset:        consume.Spec{Default: &consume.Range{From: consume.Bound{Kind: consume.BeforeEnd, N: 10}, To: &end}},
		Exit:          true,
		ReadCommitted: true,
	}
	if !reflect.DeepEqual(o.Target, wantTarget) {
		t.Errorf("target %+v; want %+v", o.Target, wantTarget)
	}
	if o.Options.Count != 5 || o.Options.IdleTimeout != 3*time.Second || !o.Options.Unbuffered || !o.Options.ReadCommitted || o.Options.Group != "" {
		t.Errorf("options %+v", o.Options)
	}
	// -p adds up, as rpk's does: the last one does not replace the others.
	// A range includes its last partition, and touching ones merge.
	if o := parseConsumeFlags(t, "orders", "-p", "5", "-p", "0-2,3"); !reflect.DeepEqual(o.Target.Partitions, topics.PartitionSet{{First: 0, Last: 3}, {First: 5, Last: 5}}) {
		t.Errorf("-p 5 -p 0-2,3: partitions %v; want 0-3 and 5", o.Target.Partitions)
	}
	r := &kgo.Record{Topic: "orders", Key: []byte("k"), Value: []byte("v"), Timestamp: time.UnixMilli(1763856000000)}
	if got := string(o.Options.Layout.Append(nil, &kgo.FetchPartition{}, r)); got != "v\n" {
		t.Errorf("default layout writes %q", got)
	}

	o = parseConsumeFlags(t, "^orders-.*", "-r", "-o", "@-1h", "-g", "billing", "--balancer", "range", "--instance-id", "host-1", "--no-commit", "-J", "--key-encoding", "hex")
	if len(o.Target.Topics) != 0 || len(o.Target.Regex) != 1 || o.Target.Regex[0].String() != "^orders-.*" || !o.Target.Group {
		t.Errorf("regex target %+v", o.Target)
	}
	if from := o.Target.Offset.Default.From; from.Kind != consume.Time || !from.Time.Equal(time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)) {
		t.Errorf("-o @-1h is %+v", from)
	}
	if o.Options.Group != "billing" || o.Options.Balancer != "range" || o.Options.InstanceID != "host-1" || !o.Options.NoCommit {
		t.Errorf("group options %+v", o.Options)
	}
	if got := string(o.Options.Layout.Append(nil, &kgo.FetchPartition{}, r)); got != `{"topic":"orders","partition":0,"offset":0,"timestamp":1763856000000,"timestamp_type":"create","key":"6b","key_encoding":"hex","value":"v","headers":[],"leader_epoch":0}`+"\n" {
		t.Errorf("JSON layout writes %s", got)
	}
}
