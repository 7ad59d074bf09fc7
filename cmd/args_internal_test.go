package cmd

import (
	"reflect"
	"testing"

	"github.com/spf13/cobra"
)

func TestOperands(t *testing.T) {
	for _, tc := range []struct {
		use  string
		want []operand
	}{
		{"list", nil},
		{"check TOPIC", []operand{{name: "TOPIC"}}},
		{"consume TOPIC...", []operand{{name: "TOPIC", repeated: true}}},
		{"ready [TOPIC...]", []operand{{name: "TOPIC", optional: true, repeated: true}}},
		{"produce TOPIC [FILE...]", []operand{{name: "TOPIC"}, {name: "FILE", optional: true, repeated: true}}},
		{"delete SUBJECT [VERSION]", []operand{{name: "SUBJECT"}, {name: "VERSION", optional: true}}},
		{"commit GROUP TOPIC:PARTITION=OFFSET...", []operand{{name: "GROUP"}, {name: "TOPIC:PARTITION=OFFSET", repeated: true}}},
		{"add-partitions TOPIC --total N", []operand{{name: "TOPIC"}}},
		{"delete-offsets GROUP --topic T[:P,...]...", []operand{{name: "GROUP"}}},
		{"seek GROUP (--to start|end|OFFSET|@TIME | --shift N | --from-file FILE)", []operand{{name: "GROUP"}}},
		{"show {SUBJECT [VERSION] | --id ID}", []operand{{name: "SUBJECT", optional: true}, {name: "VERSION", optional: true}}},
		{"x (--all | A B) C", []operand{{name: "A", optional: true}, {name: "B", optional: true}, {name: "C"}}},
	} {
		if got := operands(tc.use); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("operands(%q) = %+v, want %+v", tc.use, got, tc.want)
		}
	}
}

// Every verb checks its arguments against its Use line, and every noun
// refuses an unknown verb: none is left with a cobra validator, whose
// message does not say which argument is wrong.
func TestEveryCommandChecksArgsFromUse(t *testing.T) {
	same := func(a, b cobra.PositionalArgs) bool {
		return a != nil && reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer()
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		switch {
		case c.Name() == "help" || c.IsAdditionalHelpTopicCommand():
		case c.HasSubCommands() && !same(c.Args, nounArgs):
			t.Errorf("%q groups verbs but does not check its arguments with nounArgs", c.CommandPath())
		case !c.HasSubCommands() && !same(c.Args, argsFromUse):
			t.Errorf("%q does not check its arguments with argsFromUse", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewRootCmd(testFactory()))
}
