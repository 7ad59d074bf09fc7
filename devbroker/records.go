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

	"github.com/kafkashore/shore/topics"
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
//     refused, INVALID_TIMESTAMP.
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
				if kc.LeaderFor(info.Topic, p.Partition) != node {
					continue // kfake answers NOT_LEADER_OR_FOLLOWER first, as Kafka does
				}
				refusal := rules.check(p.Records, p.Partition, now)
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
	// before and after bound how far a record's timestamp may be from the
	// broker's clock, in milliseconds, on a CreateTime topic.
	before, after int64
}

// defaultAfterMaxMs is Apache Kafka 4's message.timestamp.after.max.ms:
// an hour.
const defaultAfterMaxMs = 3600000

func rulesOf(info *kfake.TopicInfo) recordRules {
	rules := recordRules{topic: info.Topic, before: math.MaxInt64, after: defaultAfterMaxMs}
	value := func(name string) string {
		if v := info.Configs[name]; v != nil {
			return strings.TrimSpace(*v)
		}
		return ""
	}
	rules.compacted = topics.Compacted(value("cleanup.policy"))
	rules.createTime = value("message.timestamp.type") != "LogAppendTime"
	// The values parse: refuseWhatKafkaRefuses checked them.
	if n, err := strconv.ParseInt(value("message.timestamp.before.max.ms"), 10, 64); err == nil {
		rules.before = n
	}
	if n, err := strconv.ParseInt(value("message.timestamp.after.max.ms"), 10, 64); err == nil {
		rules.after = n
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
