// Package faults holds the fault suite: tests that run shore against a real
// three-node Apache Kafka (replication factor 3, min.insync.replicas=2)
// while nodes are killed, frozen and restarted, and count every record by
// its unique id with an independent reader. make test-faults starts the
// cluster and runs them; elsewhere they skip. The harness is
// internal/faultkit. The tests run one at a time: each takes nodes of the
// one cluster down and leaves it whole again.
package faults
