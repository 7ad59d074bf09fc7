package cmd

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
)

// choiceFlag is the value of a flag that takes one of a list of words:
// -o/--output's formats, produce's --partitioner, -z/--compression and
// --acks. A value outside them fails flag parsing, and a flag default from
// the configuration file alike, so it is a usage error before anything is
// read or dialed. typ is the word --help shows for the value. aliases are
// other spellings of a word ({"-1", "all"}: the numbers kcat and the Java
// client take for --acks), stored as the word.
type choiceFlag struct {
	dst     *string
	choices []string
	aliases [][2]string
	typ     string
}

func (o *choiceFlag) String() string { return *o.dst }
func (o *choiceFlag) Type() string   { return o.typ }

func (o *choiceFlag) Set(v string) error {
	for _, alias := range o.aliases {
		if v == alias[0] {
			v = alias[1]
		}
	}
	if !slices.Contains(o.choices, v) {
		return fmt.Errorf("want %s", o.wanted())
	}
	*o.dst = v
	return nil
}

// wanted lists the choices for a refusal, each with its aliases: "all,
// leader or none", "all or -1, leader or 1, none or 0".
func (o *choiceFlag) wanted() string {
	if len(o.aliases) == 0 {
		return format.List(o.choices, "or")
	}
	labels := make([]string, len(o.choices))
	for i, choice := range o.choices {
		labels[i] = choice
		for _, alias := range o.aliases {
			if alias[1] == choice {
				labels[i] += " or " + alias[0]
			}
		}
	}
	return strings.Join(labels, ", ")
}

// addOutputFlag declares -o/--output on c, storing into dst, for a command
// that renders formats (table and json when none are named); the first is
// the default. kcat's -J (its -L -J) and a --json, as consume and produce
// take them, are answered with -o json.
func addOutputFlag(c *cobra.Command, dst *string, formats ...string) {
	if len(formats) == 0 {
		formats = []string{"table", "json"}
	}
	*dst = formats[0]
	addChoiceFlag(c, dst, "output", "o", "format", "output format: "+format.List(formats, "or"), formats)
	if !slices.Contains(formats, "json") {
		return
	}
	if c.Annotations == nil {
		c.Annotations = map[string]string{}
	}
	for flag, hint := range map[string]string{"-J": "kcat's -J is -o json here", "json": "JSON is -o json here"} {
		if _, said := c.Annotations[otherToolFlag+flag]; !said {
			c.Annotations[otherToolFlag+flag] = hint
		}
	}
}

// addChoiceFlag declares --name (and -short, unless "") on c, taking one
// of choices, or one of aliases for one, into dst; dst's value is the
// default, and --help shows typ for the value. Completion offers the
// choices.
func addChoiceFlag(c *cobra.Command, dst *string, name, short, typ, usage string, choices []string, aliases ...[2]string) {
	c.Flags().VarP(&choiceFlag{dst: dst, choices: choices, aliases: aliases, typ: typ}, name, short, usage)
	_ = c.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(choices, cobra.ShellCompDirectiveNoFileComp))
}

// unknownAs is how the format -o chose shows a value that is unknown: null
// in JSON, - in a table and in CSV; what a warning about such values says.
func unknownAs(output string) string {
	if output == "json" {
		return "null"
	}
	return format.None
}

// render writes v in the format -o chose: json as v's documented JSON shape
// (its struct tags), any other format through table.
func render(w io.Writer, output string, v any, table func(io.Writer) error) error {
	if output == "json" {
		return format.JSON(w, v)
	}
	return table(w)
}

// csvFormats are the -o formats of a command that also writes its rows
// as CSV.
var csvFormats = []string{"table", "json", "csv"}

// renderRows writes one table in the format -o chose: json as v's
// documented JSON shape, csv as a header line and comma-separated rows
// (for spreadsheets and scripts), table as a table; both show - for none.
func renderRows(w io.Writer, output string, v any, header []string, rows [][]string) error {
	if output == "csv" {
		return format.CSV(w, header, rows)
	}
	return render(w, output, v, func(w io.Writer) error { return format.Table(w, header, rows) })
}

// filterText is how a message names a list filter, items sorted and
// without duplicates: " in state Dead" (one + the item), " in states Dead
// or Empty" (many + the items), or nothing without items.
func filterText(one, many string, items []string) string {
	items = slices.Compact(slices.Sorted(slices.Values(items)))
	switch len(items) {
	case 0:
		return ""
	case 1:
		return one + items[0]
	}
	return many + format.List(items, "or")
}

// noteUTC says on stderr that a TIME given where (a flag, --to, or an
// input line, stdin line 3) was written without a zone, and so is read as
// UTC: the instant, after what it is to the command (at, "the first offset
// at or after"), and how to write it in another zone, after the mark where
// takes before a TIME ("@", or ""). A user west of UTC sees that it is
// hours before the time meant. more adds to the reason: a tool that reads
// such a time as local time (", where kafka-consumer-groups reads local
// time"), the other TIMEs read so too, or "".
func noteUTC(w io.Writer, where, at string, t time.Time, mark, more string) {
	t = t.UTC()
	fmt.Fprintf(w, "shore: %s: %s %s (UTC, as the TIME has no zone%s: add one, as %s%s-05:00, for another)\n",
		where, at, t.Format(time.RFC3339Nano), more, mark, t.Format("2006-01-02T15:04:05.999999999"))
}
