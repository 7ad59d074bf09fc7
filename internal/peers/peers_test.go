package peers_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/kafkashore/shore/internal/peers"
)

// TestPartitionHashes checks both hashes against published values: with
// math.MaxInt32 partitions the partition is the hash itself. The murmur2
// values are those of Kafka's UtilsTest.testMurmur2, made positive as the
// Java producer does; the CRC32 ones are zlib's.
func TestPartitionHashes(t *testing.T) {
	for _, tc := range []struct {
		key            string
		murmur2, crc32 int
	}{
		{"21", -973932308 & math.MaxInt32, 4252452532 % math.MaxInt32},
		{"foobar", -790332482 & math.MaxInt32, 2666930069 % math.MaxInt32},
		{"abc", 479470107, 891568578},
		{"a-little-bit-long-string", -985981536 & math.MaxInt32, 4000435554 % math.MaxInt32},
	} {
		t.Run(tc.key, func(t *testing.T) {
			if got := peers.JavaPartition(tc.key, math.MaxInt32); got != tc.murmur2 {
				t.Errorf("JavaPartition(%q) = %d, want %d", tc.key, got, tc.murmur2)
			}
			if got := peers.KcatPartition(tc.key, math.MaxInt32); got != tc.crc32 {
				t.Errorf("KcatPartition(%q) = %d, want %d", tc.key, got, tc.crc32)
			}
		})
	}
}

const pythonPartitions = `
import sys, zlib
from kafka.partitioner.default import DefaultPartitioner
for key in sys.argv[1:]:
    for n in (1, 3, 7, 100):
        print(key, n, DefaultPartitioner()(key.encode(), list(range(n)), list(range(n))), zlib.crc32(key.encode()) % n)
`

// TestPartitionsAgreeWithKafkaPython asks kafka-python's own partitioner.
func TestPartitionsAgreeWithKafkaPython(t *testing.T) {
	keys := []string{"21", "foobar", "user-7", "a-little-bit-longer-string", "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"}
	var want strings.Builder
	for _, key := range keys {
		for _, n := range []int{1, 3, 7, 100} {
			fmt.Fprintf(&want, "%s %d %d %d\n", key, n, peers.JavaPartition(key, n), peers.KcatPartition(key, n))
		}
	}
	if got := peers.RunPython(t, pythonPartitions, keys...); got != want.String() {
		t.Fatalf("kafka-python:\n%s\npeers:\n%s", got, want.String())
	}
}
