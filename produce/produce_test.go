package produce

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/testbroker"
)

func stdinSource(t *testing.T, in string) *Source {
	t.Helper()
	src, err := NewSource([]Input{{Name: "stdin", Open: func() (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(in)), nil
	}}}, ParseOptions{Delimiter: []byte("\n"), Partition: -1, MaxBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// TestProgress checks the live line a terminal shows once a run lasts a
// second, and that it is cleared at the end.
func TestProgress(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	cl := testbroker.Client(t, kgo.DefaultProduceTopic(topic))
	var diag bytes.Buffer
	res, err := Run(context.Background(), cl, stdinSource(t, "1\n2\n3\n4\n5\n"), Options{
		Topic: topic, Rate: 3, Window: 10, Diag: &diag, Progress: true,
	})
	if err != nil || res.Read != 5 || res.Delivered != 5 {
		t.Fatalf("Run = %+v, %v", res, err)
	}
	progress := regexp.MustCompile(`^(\r\x1b\[K[1-5] records, [1-5] B, \d+ records/s)+\r\x1b\[K$`)
	if !progress.MatchString(diag.String()) {
		t.Fatalf("stderr %q: want progress lines, then the line cleared", diag.String())
	}
}
