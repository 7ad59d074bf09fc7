package cmd

import (
	"bytes"
	"testing"
	"time"

	"github.com/kafkashore/shore/produce"
)

// TestProduceProgressOneRecord: the live line of a run that reads one
// record a second words the count and the rate in the singular.
func TestProduceProgressOneRecord(t *testing.T) {
	var stderr bytes.Buffer
	p := &produceReport{w: &stderr, progress: true}
	p.Progress(produce.Progress{Read: 1, Bytes: 2, Elapsed: time.Second})
	if want := "\r\033[K1 record, 2 B, 1 record/s"; stderr.String() != want {
		t.Errorf("progress %q, want %q", stderr.String(), want)
	}
}
