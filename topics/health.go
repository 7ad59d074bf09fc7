package topics

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/format"
)

// Health selects the partitions of described topics by the state of their
// replicas, as kafka-topics --describe's --under-replicated-partitions,
// --under-min-isr-partitions, --at-min-isr-partitions and
// --unavailable-partitions do. A partition is selected when it is in any of
// the states asked for; the zero Health asks for none.
type Health struct {
	// UnderReplicated selects a partition with fewer in-sync replicas than
	// replicas.
	UnderReplicated bool
	// UnderMinISR selects a partition with fewer in-sync replicas than its
	// topic's min.insync.replicas, where acks=all writes fail (unless it has
	// fewer replicas than that: Kafka 4 then asks only for all of them), or
	// without a leader, where every write does.
	UnderMinISR bool
	// AtMinISR selects a partition with exactly min.insync.replicas in
	// sync: losing one more replica stops acks=all writes.
	AtMinISR bool
	// Unavailable selects a partition without a leader.
	Unavailable bool
}

// Asked says whether h asks for any state.
func (h Health) Asked() bool { return h != Health{} }

// Keep returns ds with only the partitions h selects, leaving out the
// topics with none; ds is not changed. UnderMinISR and AtMinISR compare
// with the topics' min.insync.replicas, which ReadSettings reads: a topic
// whose min.insync.replicas is not known (not read, or the brokers did not
// give it) has no partition at or under it but a leaderless one.
func (h Health) Keep(ds []Description) []Description {
	out := []Description{}
	for _, d := range ds {
		var kept []Partition
		for _, p := range d.Partitions {
			if h.selects(p, d.minISR) {
				kept = append(kept, p)
			}
		}
		if len(kept) > 0 {
			d.Partitions = kept
			out = append(out, d)
		}
	}
	return out
}

// selects says whether p, of a topic with min.insync.replicas minISR (0
// when unknown), is in a state h asks for.
func (h Health) selects(p Partition, minISR int) bool {
	leaderless := !p.Leader.Known()
	inSync := len(p.ISR)
	return h.UnderReplicated && inSync < len(p.Replicas) ||
		h.UnderMinISR && (leaderless || inSync < minISR) ||
		h.AtMinISR && minISR > 0 && inSync == minISR ||
		h.Unavailable && leaderless
}

// minInsyncReplicas is the min.insync.replicas among a topic's settings, or
// 0 when they do not hold it or its value is not a number.
func minInsyncReplicas(configs []kadm.Config) int {
	for _, c := range configs {
		if c.Key == "min.insync.replicas" && c.Value != nil {
			if n, err := strconv.Atoi(*c.Value); err == nil {
				return n
			}
		}
	}
	return 0
}

// MinISRAboveReplicas words, for a warning, what set does when it sets
// min.insync.replicas above replicas, the fewest replicas a partition of
// the topic has. Kafka takes such a setting: brokers since 3.7 ask an
// acks=all write for every replica in sync instead (the effective min ISR
// is the smaller of the two), so that one replica out of sync stops such
// writes; earlier brokers refuse every one. It is "" when set leaves
// min.insync.replicas out or sets it to a number no more than replicas
// (or not a number, which Kafka refuses), or replicas is not known (0).
func MinISRAboveReplicas(topic string, replicas int, set map[string]*string) string {
	v := set["min.insync.replicas"]
	if v == nil || replicas <= 0 {
		return ""
	}
	n, err := strconv.Atoi(strings.TrimSpace(*v))
	if err != nil || n <= replicas {
		return ""
	}
	return fmt.Sprintf("topic %q: min.insync.replicas=%d is more than its %s: Kafka 3.7 and later take it as %d, so an acks=all produce (produce's default) fails with NOT_ENOUGH_REPLICAS unless every replica is in sync; earlier brokers fail every one", topic, n, format.Count(replicas, "replica"), replicas)
}
