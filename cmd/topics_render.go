package cmd

import (
	"io"
	"net"
	"strconv"
	"strings"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/topics"
)

// The tables of the topics verbs, offsets and cluster; -o json renders the
// topics package's structs instead (see render).

// topicsHeader heads the tables of list, create and describe's summary.
var topicsHeader = []string{"NAME", "PARTITIONS", "REPLICAS"}

// topicsTable is NAME PARTITIONS REPLICAS, for create and describe.
func topicsTable(w io.Writer, rows [][3]string) error {
	table := make([][]string, len(rows))
	for i, r := range rows {
		table[i] = r[:]
	}
	return format.Table(w, topicsHeader, table)
}

func writeTopicList(w io.Writer, output string, list []topics.Summary) error {
	rows := make([][]string, 0, len(list))
	for _, s := range list {
		rows = append(rows, []string{s.Name, strconv.Itoa(s.Partitions), strconv.Itoa(s.Replicas)})
	}
	return renderRows(w, output, list, topicsHeader, rows)
}

func writeCreated(w io.Writer, output string, created []topics.Created) error {
	return render(w, output, created, func(w io.Writer) error {
		rows := make([][3]string, 0, len(created))
		for _, c := range created {
			rows = append(rows, [3]string{c.Name, orNone(c.Partitions), orNone(c.Replicas)})
		}
		return topicsTable(w, rows)
	})
}

func writeDeleted(w io.Writer, output string, deleted []topics.Deleted) error {
	return render(w, output, deleted, func(w io.Writer) error {
		rows := make([][]string, 0, len(deleted))
		for _, d := range deleted {
			rows = append(rows, []string{d.Name})
		}
		return format.Table(w, []string{"NAME"}, rows)
	})
}

// renderEach renders what a verb that answers each named topic on its own
// did (done, one per topic): -o json of the one topic named (one) is its
// object, as before the verb took several, and of several an array; when
// nothing was done, the table writes nothing and -o json null for the one
// topic, [] for several, so that jq reads a document of the shape it
// expects.
func renderEach[T any](w io.Writer, output string, done []T, one bool, table func(io.Writer) error) error {
	var v any = done
	switch {
	case len(done) == 0 && output == "table":
		return nil
	case one && len(done) == 1:
		v = done[0]
	case one:
		v = nil
	}
	return render(w, output, v, table)
}

// writeResized prints the topics add-partitions grew (see renderEach).
func writeResized(w io.Writer, output string, grown []topics.Resized, one bool) error {
	return renderEach(w, output, grown, one, func(w io.Writer) error {
		rows := make([][]string, len(grown))
		for i, r := range grown {
			rows[i] = []string{r.Name, strconv.Itoa(r.Partitions)}
		}
		return format.Table(w, []string{"NAME", "PARTITIONS"}, rows)
	})
}

// writeConfigured prints the settings of the topics alter-config changed
// (see renderEach): for the one topic named (one), its CONFIG table; for
// several, one table with TOPIC first. The table leaves out what has no
// row (a topic without settings of its own), which the caller says on
// stderr.
func writeConfigured(w io.Writer, output string, changed []topics.Configured, one bool) error {
	return renderEach(w, output, changed, one, func(w io.Writer) error {
		var header []string
		var rows [][]string
		for _, c := range changed {
			for _, row := range configRows(c.Configs) {
				if !one {
					row = append([]string{c.Name}, row...)
				}
				rows = append(rows, row)
			}
		}
		if len(rows) == 0 {
			return nil
		}
		if !one {
			header = []string{"TOPIC"}
		}
		return format.Table(w, append(header, configsHeader...), rows)
	})
}

// configsHeader heads the table of a topic's settings.
var configsHeader = []string{"CONFIG", "VALUE", "SOURCE"}

// configsTable is CONFIG VALUE SOURCE; a sensitive value shows as -, and
// settings not known (known false) as one row of -.
func configsTable(w io.Writer, cs []topics.ConfigEntry, known bool) error {
	rows := configRows(cs)
	if !known {
		rows = [][]string{{format.None, format.None, format.None}}
	}
	return format.Table(w, configsHeader, rows)
}

// configRows are the rows of configsTable.
func configRows(cs []topics.ConfigEntry) [][]string {
	rows := make([][]string, 0, len(cs))
	for _, c := range cs {
		value := format.None
		if c.Value != nil {
			value = *c.Value
		}
		rows = append(rows, []string{c.Name, value, c.Source})
	}
	return rows
}

// writeTopicDescriptions renders each topic as a summary table, a CONFIG table
// when it has non-default settings, and a PARTITION table; topics are
// separated by a blank line. -o csv is one line per partition of every
// topic (partitionsHeader), as a spreadsheet takes it, and so is the table
// of the partitions a filter found (flat).
func writeTopicDescriptions(w io.Writer, output string, ds []topics.Description, flat bool) error {
	if flat || output == "csv" {
		return renderRows(w, output, ds, partitionsHeader, partitionRows(ds))
	}
	return render(w, output, ds, func(w io.Writer) error {
		for i, d := range ds {
			if i > 0 {
				if _, err := io.WriteString(w, "\n"); err != nil {
					return err
				}
			}
			if err := describeTables(w, d); err != nil {
				return err
			}
		}
		return nil
	})
}

func describeTables(w io.Writer, d topics.Description) error {
	replicas := 0
	if len(d.Partitions) > 0 {
		replicas = len(d.Partitions[0].Replicas)
	}
	if err := topicsTable(w, [][3]string{{d.Name, strconv.Itoa(len(d.Partitions)), strconv.Itoa(replicas)}}); err != nil {
		return err
	}
	if len(d.Configs) > 0 || !d.SettingsKnown() {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
		if err := configsTable(w, d.Configs, d.SettingsKnown()); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	rows := make([][]string, 0, len(d.Partitions))
	for _, p := range d.Partitions {
		rows = append(rows, partitionCells(p))
	}
	return format.Table(w, partitionsHeader[1:], rows)
}

// partitionsHeader heads the partitions of described topics, one table
// for all (-o csv), or without TOPIC under each topic's summary.
var partitionsHeader = []string{"TOPIC", "PARTITION", "LEADER", "REPLICAS", "ISR", "LOG-START", "LOG-END"}

// partitionRows is a row of partitionsHeader for each partition of ds.
func partitionRows(ds []topics.Description) [][]string {
	var rows [][]string
	for _, d := range ds {
		for _, p := range d.Partitions {
			rows = append(rows, append([]string{d.Name}, partitionCells(p)...))
		}
	}
	return rows
}

// partitionCells is a partition's row, from PARTITION on.
func partitionCells(p topics.Partition) []string {
	return []string{
		strconv.Itoa(int(p.Partition)), p.Leader.String(), joinIDs(p.Replicas), joinIDs(p.ISR),
		offsetOrNone(p.LogStart), offsetOrNone(p.LogEnd),
	}
}

// writeOffsets renders TOPIC PARTITION LOG-START LOG-END, plus AT when
// listed after a time.
func writeOffsets(w io.Writer, output string, rows []topics.PartitionOffsets, withAt bool) error {
	header := []string{"TOPIC", "PARTITION", "LOG-START", "LOG-END"}
	if withAt {
		header = append(header, "AT")
	}
	table := make([][]string, 0, len(rows))
	for _, r := range rows {
		line := []string{r.Topic, strconv.Itoa(int(r.Partition)), offsetOrNone(r.LogStart), offsetOrNone(r.LogEnd)}
		if withAt {
			at := format.None
			if r.At != nil {
				at = offsetOrNone(*r.At)
			}
			line = append(line, at)
		}
		table = append(table, line)
	}
	return renderRows(w, output, rows, header, table)
}

// writeCluster renders two tables: the cluster, then its brokers. -o csv
// is the brokers' table alone, the one with a row per item.
func writeCluster(w io.Writer, output string, info topics.ClusterInfo) error {
	header := []string{"BROKER", "ADDRESS", "RACK"}
	rows := make([][]string, 0, len(info.Brokers))
	for _, b := range info.Brokers {
		rack := format.None
		if b.Rack != nil && *b.Rack != "" {
			rack = *b.Rack
		}
		rows = append(rows, []string{
			strconv.Itoa(int(b.ID)),
			net.JoinHostPort(b.Host, strconv.Itoa(int(b.Port))),
			rack,
		})
	}
	if output == "csv" {
		return renderRows(w, output, info, header, rows)
	}
	return render(w, output, info, func(w io.Writer) error {
		if err := format.Table(w, []string{"CLUSTER", "CONTROLLER"}, [][]string{{info.ID.String(), info.Controller.String()}}); err != nil {
			return err
		}
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
		return format.Table(w, header, rows)
	})
}

// offsetOrNone renders an offset, or - for an unknown one.
func offsetOrNone(o topics.Offset) string {
	if !o.Known() {
		return format.None
	}
	return strconv.FormatInt(int64(o), 10)
}

// joinIDs renders broker ids as "0,1,2", or - for none.
func joinIDs(ids []int32) string {
	if len(ids) == 0 {
		return format.None
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(int(id))
	}
	return strings.Join(parts, ",")
}
