package devbroker

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// refuseRecordsKafkaRefuses makes the embedded broker append produced
// records as Apache Kafka's log validator does where kfake differs:
//
//   - a record without a key for a compacted topic (cleanup.policy holds
//     compact) is refused, INVALID_RECORD;
//   - on a topic whose message.timestamp.type is CreateTime, a record whose
//     timestamp is further from the broker's clock than the topic's
//     message.timestamp.before.max.ms (default: any) or
//     message.timestamp.after.max.ms (default: an hour, Kafka 4's) is
//     refused, INVALID_TIMESTAMP;
//   - with acks=all, a batch for a partition with fewer in-sync replicas
//     than the topic's min.insync.replicas is refused, NOT_ENOUGH_REPLICAS,
//     before its records are looked at (kfake's replicas are always in
//     sync, so that is a topic of fewer replicas: one on a single broker).
//
// As on Kafka, a refused record fails its partition's whole batch, with
// Kafka's message, and none of it is appended; the request's other
// partitions are appended as usual.
//
// The control answers nothing itself: for each refused batch it installs a
// kfake fault that answers that partition of this one request, and lets
// kfake handle the rest.
func refuseRecordsKafkaRefuses(kc *kfake.Cluster) {
	// Requests are handled one at a time: the faults of the request before
	// have answered by the time the next one comes, or never will (a
	// request refused before its partitions were looked at).
	var previous *kfake.FaultHandle
	brokers := len(kc.ListenAddrs())
	kc.ControlKey(kmsg.Produce.Int16(), func(kreq kmsg.Request) (kmsg.Response, error, bool) {
		if previous != nil {
			previous.Remove()
			previous = nil
		}
		req := kreq.(*kmsg.ProduceRequest)
		node := kc.CurrentNode()
		now := time.Now().UnixMilli()
		var faults []kfake.Fault
		for _, t := range req.Topics {
			var info *kfake.TopicInfo
			if req.Version >= 13 {
				info = kc.TopicIDInfo(t.TopicID)
			} else {
				info = kc.TopicInfo(t.Topic)
			}
			if info == nil {
				continue // kfake answers UNKNOWN_TOPIC_OR_PARTITION
			}
			rules := rulesOf(info)
			for _, p := range t.Partitions {
				leader := kc.LeaderFor(info.Topic, p.Partition)
				if leader != node {
					continue // kfake answers NOT_LEADER_OR_FOLLOWER first, as Kafka does
				}
				var refusal *kerr.Error
				if isr := min(info.NumReplicas, brokers); req.Acks == -1 && int64(isr) < rules.minISR {
					refusal = rules.notEnoughReplicas(p.Partition, leader, isr, brokers)
				} else {
					refusal = rules.check(p.Records, p.Partition, now)
				}
				if refusal == nil {
					continue
				}
				faults = append(faults, kfake.Fault{
					Keys:       []kmsg.Key{kmsg.Produce},
					Topic:      info.Topic,
					Partitions: []int32{p.Partition},
					Err:        refusal,
					When:       func(r kmsg.Request) bool { return r == kreq },
				})
			}
		}
		if len(faults) > 0 {
			previous = kc.Fault(faults...)
		}
		return nil, nil, false
	})
}

// recordRules are the settings of a topic that decide which records Kafka
// appends.
type recordRules struct {
	topic      string
	compacted  bool
	createTime bool
	minISR     int64
	// before and after bound how far a record's timestamp may be from the
	// broker's clock, in milliseconds, on a CreateTime topic.
	before, after int64
}

// defaultAfterMaxMs is Apache Kafka 4's message.timestamp.after.max.ms:
// an hour.
const defaultAfterMaxMs = 3600000

func rulesOf(info *kfake.TopicInfo) recordRules {
	rules := recordRules{topic: info.Topic, before: math.MaxInt64, after: defaultAfterMaxMs, minISR: 1}
	value := func(name string) string {
		if v := info.Configs[name]; v != nil {
			return strings.TrimSpace(*v)
		}
		return ""
	}
	for _, w := range strings.Split(value("cleanup.policy"), ",") {
		rules.compacted = rules.compacted || strings.TrimSpace(w) == "compact"
	}
	rules.createTime = value("message.timestamp.type") != "LogAppendTime"
	// The values parse: refuseWhatKafkaRefuses checked them.
	if n, err := strconv.ParseInt(value("message.timestamp.before.max.ms"), 10, 64); err == nil {
		rules.before = n
	}
	if n, err := strconv.ParseInt(value("message.timestamp.after.max.ms"), 10, 64); err == nil {
		rules.after = n
	}
	if n, err := strconv.ParseInt(value("min.insync.replicas"), 10, 64); err == nil {
		rules.minISR = n
	}
	return rules
}

// check is Kafka's answer to a batch of records for partition, in Kafka's
// words, or nil when Kafka appends it. A batch that does not parse is left
// to kfake, which answers CORRUPT_MESSAGE. Only a batch that may hold a
// refused record is decoded: one for a compacted topic, or whose latest
// timestamp is too far ahead, or on a topic that bounds how far behind.
func (rules recordRules) check(raw []byte, partition int32, now int64) *kerr.Error {
	var batch kmsg.RecordBatch
	if err := batch.ReadFrom(raw); err != nil {
		return nil
	}
	checkTimes := rules.createTime && (rules.before != math.MaxInt64 || batch.MaxTimestamp-now > rules.after)
	if !rules.compacted && !checkTimes {
		return nil
	}
	return rules.refuse(batch, partition, now, checkTimes)
}

// refuse looks at each record of batch as Kafka's log validator does: its
// key first, then, with checkTimes, its timestamp.
func (rules recordRules) refuse(batch kmsg.RecordBatch, partition int32, now int64, checkTimes bool) *kerr.Error {
	records, err := kfake.BatchRecords(batch)
	if err != nil {
		return nil
	}
	var keyless []string
	for i, r := range records {
		ts := batch.FirstTimestamp + r.TimestampDelta64
		switch {
		case rules.compacted && r.Key == nil:
			keyless = append(keyless, fmt.Sprintf("RecordError(batchIndex=%d, message='Compacted topic cannot accept message without key in topic partition %s-%d')", i, rules.topic, partition))
		case checkTimes && ts != -1 && (now-ts > rules.before || ts-now > rules.after):
			// Kafka words a batch with any such record alike.
			return &kerr.Error{
				Message:     "One or more records have been rejected due to invalid timestamp",
				Code:        kerr.InvalidTimestamp.Code,
				Description: kerr.InvalidTimestamp.Description,
			}
		}
	}
	if len(keyless) > 0 {
		return &kerr.Error{
			Message: fmt.Sprintf("One or more records have been rejected due to %d record errors in total, and only showing the first three errors at most: [%s]",
				len(keyless), strings.Join(keyless[:min(len(keyless), 3)], ", ")),
			Code:        kerr.InvalidRecord.Code,
			Description: kerr.InvalidRecord.Description,
		}
	}
	return nil
}

// notEnoughReplicas is Kafka's refusal of a batch with acks=all for a
// partition whose isr in-sync replicas (kfake's: the leader and the
// brokers after it) are fewer than min.insync.replicas.
func (rules recordRules) notEnoughReplicas(partition, leader int32, isr, brokers int) *kerr.Error {
	ids := make([]string, isr)
	for i := range ids {
		ids[i] = strconv.Itoa((int(leader) + i) % brokers)
	}
	return &kerr.Error{
		Message: fmt.Sprintf("The size of the current ISR Set(%s) is insufficient to satisfy the min.isr requirement of %d for partition %s-%d",
			strings.Join(ids, ", "), rules.minISR, rules.topic, partition),
		Code:        kerr.NotEnoughReplicas.Code,
		Retriable:   true,
		Description: kerr.NotEnoughReplicas.Description,
	}
}
