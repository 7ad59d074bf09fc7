package topics

import (
	"reflect"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/format"
)

// Health selects the partitions kafka-topics --describe's filters would
// list, any of the states asked for, and leaves out topics left with none.
func TestHealthKeep(t *testing.T) {
	p := func(n, leader int32, isr ...int32) Partition {
		return Partition{Partition: n, Leader: format.BrokerID(leader), Replicas: []int32{1, 2, 3}, ISR: isr}
	}
	healthy := p(0, 1, 1, 2, 3)
	under := p(1, 1, 1, 2)    // at min.insync.replicas 2
	belowMin := p(2, 2, 2)    // under it
	leaderless := p(3, -1, 3) // under it, and unavailable
	noISR := p(4, -1)         // the same, with no replica in sync
	orders := Description{Name: "orders", Partitions: []Partition{healthy, under, belowMin, leaderless, noISR}, minISR: 2}
	quiet := Description{Name: "quiet", Partitions: []Partition{p(0, 1, 1, 2, 3)}, minISR: 2}
	// min.insync.replicas unknown: only leaderless partitions are under it.
	unknown := Description{Name: "unknown", Partitions: []Partition{p(0, 1, 1), p(1, -1)}}
	ds := []Description{orders, quiet, unknown}
	only := func(d Description, ps ...Partition) Description {
		d.Partitions = ps
		return d
	}
	for _, tc := range []struct {
		name string
		h    Health
		want []Description
	}{
		{"none asked", Health{}, []Description{}},
		{"under-replicated", Health{UnderReplicated: true}, []Description{
			only(orders, under, belowMin, leaderless, noISR), only(unknown, p(0, 1, 1), p(1, -1))}},
		{"under min isr", Health{UnderMinISR: true}, []Description{
			only(orders, belowMin, leaderless, noISR), only(unknown, p(1, -1))}},
		{"at min isr", Health{AtMinISR: true}, []Description{only(orders, under)}},
		{"unavailable", Health{Unavailable: true}, []Description{
			only(orders, leaderless, noISR), only(unknown, p(1, -1))}},
		{"at or under min isr", Health{UnderMinISR: true, AtMinISR: true}, []Description{
			only(orders, under, belowMin, leaderless, noISR), only(unknown, p(1, -1))}},
	} {
		if got := tc.h.Keep(ds); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
	if len(orders.Partitions) != 5 {
		t.Errorf("Keep changed its input: %+v", orders)
	}
}

func TestMinInsyncReplicas(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, tc := range []struct {
		configs []kadm.Config
		want    int
	}{
		{[]kadm.Config{{Key: "retention.ms", Value: s("1")}, {Key: "min.insync.replicas", Value: s("2")}}, 2},
		{[]kadm.Config{{Key: "min.insync.replicas"}}, 0},
		{[]kadm.Config{{Key: "min.insync.replicas", Value: s("two")}}, 0},
		{nil, 0},
	} {
		if got := minInsyncReplicas(tc.configs); got != tc.want {
			t.Errorf("%+v: %d, want %d", tc.configs, got, tc.want)
		}
	}
}

// MinISRAboveReplicas warns only of a min.insync.replicas set, as a
// number, above the topic's replicas.
func TestMinISRAboveReplicas(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, tc := range []struct {
		replicas int
		set      map[string]*string
		want     string
	}{
		{3, map[string]*string{"min.insync.replicas": s("4")}, `topic "t": min.insync.replicas=4 is more than its 3 replicas: Kafka 3.7 and later take it as 3, so an acks=all produce (produce's default) fails with NOT_ENOUGH_REPLICAS unless every replica is in sync; earlier brokers fail every one`},
		{1, map[string]*string{"min.insync.replicas": s(" 2")}, `topic "t": min.insync.replicas=2 is more than its 1 replica: Kafka 3.7 and later take it as 1, so an acks=all produce (produce's default) fails with NOT_ENOUGH_REPLICAS unless every replica is in sync; earlier brokers fail every one`},
		{3, map[string]*string{"min.insync.replicas": s("3")}, ""},
		{3, map[string]*string{"min.insync.replicas": s("x")}, ""},
		{3, map[string]*string{"min.insync.replicas": nil}, ""},
		{3, map[string]*string{"retention.ms": s("9")}, ""},
		{0, map[string]*string{"min.insync.replicas": s("4")}, ""},
	} {
		if got := MinISRAboveReplicas("t", tc.replicas, tc.set); got != tc.want {
			t.Errorf("%d replicas, %v: %q, want %q", tc.replicas, tc.set, got, tc.want)
		}
	}
}
