package check

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/kafkashore/shore/format"
)

// WriteReport writes rep as a summary and two tables (latencies, and the
// leader of each partition), or with asJSON as one JSON object.
func WriteReport(w io.Writer, rep *Report, asJSON bool) error {
	if asJSON {
		return format.JSON(w, rep)
	}
	fmt.Fprintf(w, "TOPIC     %s\nPROBES    %d sent, %d acknowledged, %d back\n\n", rep.Topic, rep.Probes, rep.Acked, rep.Returned)
	rows := [][]string{
		latencyRow("PRODUCE-ACK", rep.ProduceAck),
		latencyRow("END-TO-END", rep.EndToEnd),
	}
	if err := format.Table(w, []string{"LATENCY", "P50", "P99", "MAX"}, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, l := range rep.Partitions {
		leader, addr := format.None, format.None
		if l.Leader >= 0 {
			leader = strconv.Itoa(int(l.Leader))
		}
		if l.Host != "" {
			addr = l.Host + ":" + strconv.Itoa(int(l.Port))
		}
		rows = append(rows, []string{strconv.Itoa(int(l.Partition)), leader, addr})
	}
	if len(rows) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	return format.Table(w, []string{"PARTITION", "LEADER", "ADDRESS"}, rows)
}

func latencyRow(name string, l *Latency) []string {
	if l == nil {
		return []string{name, format.None, format.None, format.None}
	}
	return []string{name, msText(l.P50), msText(l.P99), msText(l.Max)}
}

// msText writes milliseconds as a duration: 1.234ms, 12ms, 1.5s.
func msText(ms float64) string {
	return time.Duration(ms * float64(time.Millisecond)).String()
}
