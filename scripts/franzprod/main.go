// Command franzprod is the floor that scripts/bench-produce.sh measures
// shore produce against: the plainest franz-go producer of a keyed file. It
// reads the whole file into memory, cuts each line into key and value at
// the first ':', and produces every record with kgo's defaults (acks=all,
// idempotent) except two, which make it send what shore and kcat send: no
// compression (kgo's default is snappy) and the partitioner shore and kcat
// use. It counts failures.
// Whatever time shore takes beyond this program's is shore's own; what
// this program takes beyond kcat is the client library's and the broker's.
//
//	franzprod BROKERS TOPIC FILE
package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/twmb/franz-go/pkg/kgo"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: franzprod BROKERS TOPIC FILE")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "franzprod:", err)
		os.Exit(1)
	}
}

func run(brokers, topic, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	cl, err := kgo.NewClient(
		kgo.SeedBrokers(strings.Split(brokers, ",")...),
		kgo.DefaultProduceTopic(topic),
		kgo.RecordPartitioner(kgo.StickyKeyPartitioner(nil)),
		kgo.ProducerBatchCompression(kgo.NoCompression()),
	)
	if err != nil {
		return err
	}
	defer cl.Close()
	var wg sync.WaitGroup
	var failed atomic.Int64
	var firstErr atomic.Value
	promise := func(_ *kgo.Record, err error) {
		if err != nil && failed.Add(1) == 1 {
			firstErr.Store(err)
		}
		wg.Done()
	}
	n := 0
	for line := range bytes.Lines(data) {
		line = bytes.TrimSuffix(line, []byte("\n"))
		key, value, _ := bytes.Cut(line, []byte(":"))
		wg.Add(1)
		n++
		cl.Produce(context.Background(), &kgo.Record{Key: key, Value: value}, promise)
	}
	wg.Wait()
	if f := failed.Load(); f > 0 {
		return fmt.Errorf("%d of %d records failed, the first: %v", f, n, firstErr.Load())
	}
	return nil
}
