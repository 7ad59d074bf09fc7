package cmd

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
)

// argsFromUse is every shore command's argument check: the arguments its
// Use line names are the ones it takes, so the check and the help cannot
// tell different stories. A missing argument is named (groups commit:
// missing TOPIC:PARTITION=OFFSET) and an extra one quoted (topics list:
// unexpected argument "x"), each followed by the command's usage line, as
// a usage error. An extra argument that is another tool's word for the
// command's job (rpk's cluster info) says shore's instead of the usage
// line (see otherToolArg). See operands for how the Use line is read.
// cobra checks the arguments before PersistentPreRunE checks for a flag
// that took the next flag as its value (flagTakenAsValue), so that next
// flag's own value would stand here as an argument ('groups seek G --topic
// --to start': unexpected argument "start"): a wrong count of arguments is
// that flag's mistake when there is one.
func argsFromUse(c *cobra.Command, args []string) error {
	if err := countArgs(c, args); err != nil {
		return cmp.Or(flagTakenAsValue(c, commandLine(c.Context())), err)
	}
	return nil
}

// commandLineKey is the context key of the command line being run.
type commandLineKey struct{}

// withCommandLine is ctx holding args, the command line run, for the
// checks that need it as typed (commandLine).
func withCommandLine(ctx context.Context, args []string) context.Context {
	return context.WithValue(ctx, commandLineKey{}, args)
}

// commandLine is the command line that withCommandLine put in ctx; nil
// when ctx is nil or holds none.
func commandLine(ctx context.Context) []string {
	if ctx == nil {
		return nil
	}
	args, _ := ctx.Value(commandLineKey{}).([]string)
	return args
}

// countArgs is argsFromUse's check of the arguments themselves.
func countArgs(c *cobra.Command, args []string) error {
	ops := operands(c.Use)
	var required []string
	for _, op := range ops {
		if !op.optional {
			required = append(required, op.name)
		}
	}
	if len(args) < len(required) {
		if before := missingBefore(ops, args); before != "" {
			return argsError(c, before, "")
		}
		return argsError(c, "missing "+format.List(required[len(args):], "and"), "")
	}
	repeats := slices.ContainsFunc(ops, func(op operand) bool { return op.repeated })
	if extra := len(args) - len(ops); !repeats && extra > 0 {
		what := "unexpected argument "
		if extra > 1 {
			what = "unexpected arguments "
		}
		// At most three named: a shell glob can expand to many.
		hint := c.Annotations[otherToolArg+args[len(ops)]]
		if hint == "" && slices.ContainsFunc(args[len(ops):], isPattern) {
			hint = c.Annotations[patternArg]
		}
		if hint == "" {
			words := make([]string, 0, extra)
			for _, arg := range args[len(ops):] {
				words = append(words, shellWord(arg))
			}
			hint = strings.ReplaceAll(c.Annotations[anyOtherArg], "{args}", strings.Join(words, " "))
		}
		return argsError(c, what+format.QuotedFew(args[len(ops):], "and", 3), hint)
	}
	return nil
}

// missingBefore says that the first operand is missing before the first
// argument when that argument has the shape of a later operand and the
// first operand has none (groups commit orders:0=5: missing GROUP before
// orders:0=5, not the TOPIC:PARTITION=OFFSET given); "" otherwise. A shape
// is the punctuation of an operand's name or an argument (shapeOf).
func missingBefore(ops []operand, args []string) string {
	if len(args) == 0 || len(ops) < 2 || shapeOf(ops[0].name) != "" {
		return ""
	}
	for _, op := range ops[1:] {
		if shape := shapeOf(op.name); shape != "" && shape == shapeOf(args[0]) {
			return fmt.Sprintf("missing %s before %s", ops[0].name, shellWord(args[0]))
		}
	}
	return ""
}

// shapeOf is s without the characters of a name (letters, digits, '.', '_'
// and '-'): TOPIC:PARTITION=OFFSET and orders:0=5 are both ":=", GROUP
// and billing "".
func shapeOf(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._-", r) {
			return -1
		}
		return r
	}, s)
}

// otherToolArg prefixes the keys of a command's Annotations that name
// another tool's word for the command's job, which shore would take for an
// argument (rpk's cluster info), or for a noun's a verb (rpk's registry
// schema); the value says what shore's is, for the unexpected-argument or
// unknown-command error.
const otherToolArg = "other-tool-arg:"

// anyOtherArg is the key of a command's Annotations whose value answers
// unexpected arguments that otherToolArg does not, {args} standing for
// them as shell words: names given to a command that takes none (groups
// list billing). It is no otherToolArg key, which an argument spells
// ('*' would find it, and {args} unreplaced).
const anyOtherArg = "other-tool-any-arg"

// patternArg is the key of a command's Annotations whose value answers
// unexpected arguments of which one is a pattern (isPattern), before
// anyOtherArg: groups list 'bill*', which no group is likely named.
const patternArg = "other-tool-pattern-arg"

// isPattern reports whether arg holds a character of a shell glob or a
// regular expression that names seldom hold.
func isPattern(arg string) bool {
	return strings.ContainsAny(arg, `*?[]^$|\`)
}

// argsError names the command, says what is wrong with its arguments and
// shows hint, or without one the command's usage line.
func argsError(c *cobra.Command, what, hint string) error {
	path := strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" ")
	if hint == "" {
		hint = "usage: " + c.CommandPath()
		if _, rest, ok := strings.Cut(c.Use, " "); ok {
			hint += " " + rest
		}
	}
	return usageErrorf("%s: %s (%s)", path, what, hint)
}

// operand is one argument a Use line names.
type operand struct {
	name     string // as written, without brackets and the trailing "..."
	optional bool
	repeated bool // written with a trailing "...": one or more
}

// operands reads the arguments a Use line names after the command's name.
// A word in [ ] is optional, and one ending in "..." may repeat. A word
// starting with "-" is a flag, and the word after it the flag's value
// (--total N), not an argument. A word in a choice, ( ) or { } with its
// alternatives split by " | ", is optional here: an alternative may be a
// flag (show {SUBJECT [VERSION] | --id ID}), which the command checks.
func operands(use string) []operand {
	var ops []operand
	depth := 0 // of brackets of any kind around the word
	flagValue := false
	for _, word := range strings.Fields(use)[1:] {
		opened := len(word) - len(strings.TrimLeft(word, "[{("))
		word = word[opened:]
		bare := strings.TrimRight(word, "]})")
		closed := len(word) - len(bare)
		depth += opened
		switch {
		case bare == "|":
			flagValue = false
		case strings.HasPrefix(bare, "-"):
			flagValue = true
		case flagValue:
			flagValue = false
		default:
			name, repeated := strings.CutSuffix(bare, "...")
			ops = append(ops, operand{name: name, optional: depth > 0, repeated: repeated})
		}
		depth -= closed
	}
	return ops
}
