package cmd

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
)

// choiceFlag is the value of a flag that takes one of a list of words:
// -o/--output's formats, produce's --partitioner and -z/--compression. A
// value outside them fails flag parsing, and a flag default from the
// configuration file alike, so it is a usage error before anything is read
// or dialed. typ is the word --help shows for the value.
type choiceFlag struct {
	dst     *string
	choices []string
	typ     string
}

func (o *choiceFlag) String() string { return *o.dst }
func (o *choiceFlag) Type() string   { return o.typ }

func (o *choiceFlag) Set(v string) error {
	if !slices.Contains(o.choices, v) {
		return fmt.Errorf("want %s", orList(o.choices))
	}
	*o.dst = v
	return nil
}

// addOutputFlag declares -o/--output on c, storing into dst, for a command
// that renders formats (table and json when none are named); the first is
// the default.
func addOutputFlag(c *cobra.Command, dst *string, formats ...string) {
	if len(formats) == 0 {
		formats = []string{"table", "json"}
	}
	*dst = formats[0]
	addChoiceFlag(c, dst, "output", "o", "format", "output format: "+orList(formats), formats)
}

// addChoiceFlag declares --name (and -short, unless "") on c, taking one
// of choices into dst; dst's value is the default, and --help shows typ
// for the value. Completion offers the choices.
func addChoiceFlag(c *cobra.Command, dst *string, name, short, typ, usage string, choices []string) {
	c.Flags().VarP(&choiceFlag{dst: dst, choices: choices, typ: typ}, name, short, usage)
	_ = c.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(choices, cobra.ShellCompDirectiveNoFileComp))
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
