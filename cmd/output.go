package cmd

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
)

// outputFlag is the value of a command's -o/--output: one of the formats
// the command renders. A value outside them fails flag parsing, so it is a
// usage error before anything is read or dialed.
type outputFlag struct {
	dst     *string
	formats []string
}

func (o *outputFlag) String() string { return *o.dst }
func (o *outputFlag) Type() string   { return "format" }

func (o *outputFlag) Set(v string) error {
	if !slices.Contains(o.formats, v) {
		return fmt.Errorf("want %s", orList(o.formats))
	}
	*o.dst = v
	return nil
}

// addOutputFlag declares -o/--output on c, storing into dst, for a command
// that renders formats (table and json when none are named); the first is
// the default. Completion offers the formats.
func addOutputFlag(c *cobra.Command, dst *string, formats ...string) {
	if len(formats) == 0 {
		formats = []string{"table", "json"}
	}
	*dst = formats[0]
	c.Flags().VarP(&outputFlag{dst: dst, formats: formats}, "output", "o", "output format: "+orList(formats))
	_ = c.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
}

// render writes v in the format -o chose: json as v's documented JSON shape
// (its struct tags), any other format through table.
func render(w io.Writer, output string, v any, table func(io.Writer) error) error {
	if output == "json" {
		return format.JSON(w, v)
	}
	return table(w)
}

// orList words formats as "a, b or c".
func orList(formats []string) string {
	if len(formats) == 1 {
		return formats[0]
	}
	return strings.Join(formats[:len(formats)-1], ", ") + " or " + formats[len(formats)-1]
}
