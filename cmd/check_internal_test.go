package cmd

import (
	"strings"
	"testing"

	"github.com/kafkashore/shore/check"
)

// The latency table shows each figure to the microsecond, as the report
// holds it: 1.043ms, not the 1.042999ms of a float's rounding error.
func TestCheckLatencyTable(t *testing.T) {
	rep := &check.Report{Topic: "orders", Probes: 2, Sent: 2, Acked: 2, Returned: 2,
		ProduceAck:   &check.Latency{P50: 0.081, P99: 1.043, Max: 1.043},
		EndToEnd:     &check.Latency{P50: 0.076, P99: 2.001, Max: 1002.003},
		AckThenFetch: &check.Latency{P50: 1.101, P99: 1.103, Max: 1.103}}
	var b strings.Builder
	if err := writeCheckReport(&b, "table", rep); err != nil {
		t.Fatal(err)
	}
	const want = `TOPIC     orders
PROBES    2 sent, 2 acknowledged, 2 back

LATENCY         P50      P99      MAX
PRODUCE-ACK     81µs     1.043ms  1.043ms
END-TO-END      76µs     2.001ms  1.002003s
ACK-THEN-FETCH  1.101ms  1.103ms  1.103ms
`
	if b.String() != want {
		t.Errorf("got\n%swant\n%s", b.String(), want)
	}
}
