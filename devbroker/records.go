package devbroker

import (
	"fmt"
	"strings"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// refuseRecordsKafkaRefuses makes the embedded broker refuse the produced
// records Apache Kafka's log validator refuses and kfake takes: a record
// without a key for a compacted topic (cleanup.policy holds compact). As
// on Kafka, the partition's whole batch is answered INVALID_RECORD, with
// Kafka's message naming each refused record's index in the batch, and
// none of it is appended; the request's other partitions are appended as
// usual.
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
		var faults []kfake.Fault
		for _, t := range req.Topics {
			var info *kfake.TopicInfo
			if req.Version >= 13 {
				info = kc.TopicIDInfo(t.TopicID)
			} else {
				info = kc.TopicInfo(t.Topic)
			}
			if info == nil || !compacted(info.Configs) {
				continue
			}
			for _, p := range t.Partitions {
				if kc.LeaderFor(info.Topic, p.Partition) != node {
					continue // kfake answers NOT_LEADER_OR_FOLLOWER first, as Kafka does
				}
				refusal := refuseBatch(p.Records, info.Topic, p.Partition)
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

// compacted reports whether a topic's settings make it compacted.
func compacted(configs map[string]*string) bool {
	policy := configs["cleanup.policy"]
	if policy == nil {
		return false
	}
	for _, w := range strings.Split(*policy, ",") {
		if strings.TrimSpace(w) == "compact" {
			return true
		}
	}
	return false
}

// refuseBatch is Kafka's answer to a batch of records for a partition of a
// compacted topic, in Kafka's words, or nil when Kafka takes it. A batch
// that does not parse is left to kfake, which answers CORRUPT_MESSAGE.
func refuseBatch(raw []byte, topic string, partition int32) *kerr.Error {
	var batch kmsg.RecordBatch
	if err := batch.ReadFrom(raw); err != nil {
		return nil
	}
	records, err := kfake.BatchRecords(batch)
	if err != nil {
		return nil
	}
	var errs []string
	for i, r := range records {
		if r.Key == nil {
			errs = append(errs, fmt.Sprintf("RecordError(batchIndex=%d, message='Compacted topic cannot accept message without key in topic partition %s-%d')", i, topic, partition))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &kerr.Error{
		Message: fmt.Sprintf("One or more records have been rejected due to %d record errors in total, and only showing the first three errors at most: [%s]",
			len(errs), strings.Join(errs[:min(len(errs), 3)], ", ")),
		Code:        kerr.InvalidRecord.Code,
		Description: kerr.InvalidRecord.Description,
	}
}
