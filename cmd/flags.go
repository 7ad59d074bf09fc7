package cmd

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
)

// A command whose flags need checking or converting keeps them in a struct of
// raw flags (topicsCreateFlags, groupsSeekFlags, ...) with a parse method
// that returns the command's options or a usage error; tests call parse
// directly with tables, without cobra. A command whose flags are its options
// binds them to the options struct directly, which then has the parse method
// (for its arguments), or passes asGiven. Every command's RunE is parsedRunE.

// flagsGiven reports whether the command line gave the named flag (cobra's
// Changed): a flag left at its default is not given.
type flagsGiven func(name string) bool

// exactlyOne is a usage error unless exactly one of names was given; it
// says which were given, or that none was.
func (given flagsGiven) exactlyOne(names ...string) error {
	switch set := given.which(names); len(set) {
	case 1:
		return nil
	case 0:
		return usageErrorf("none of %s is given; give exactly one", flagList(names, "or"))
	case 2:
		return usageErrorf("%s are both given; give exactly one of %s", flagList(set, "and"), flagList(names, "or"))
	default:
		return usageErrorf("%s are given; give exactly one of %s", flagList(set, "and"), flagList(names, "or"))
	}
}

// exclusive is a usage error when more than one of names was given; why
// says what they each do ("both set the key").
func (given flagsGiven) exclusive(why string, names ...string) error {
	if set := given.which(names); len(set) > 1 {
		return usageErrorf("%s %s: choose one", flagList(set, "and"), why)
	}
	return nil
}

// together is a usage error when some of names were given but not all.
func (given flagsGiven) together(names ...string) error {
	set := given.which(names)
	if len(set) == 0 || len(set) == len(names) {
		return nil
	}
	var missing []string
	for _, n := range names {
		if !given(n) {
			missing = append(missing, n)
		}
	}
	return usageErrorf("%s go together: give %s too", flagList(names, "and"), flagList(missing, "and"))
}

func (given flagsGiven) which(names []string) []string {
	var set []string
	for _, n := range names {
		if given(n) {
			set = append(set, n)
		}
	}
	return set
}

// flagList words names as "--a, --b and --c" (or "or").
func flagList(names []string, conj string) string {
	dashed := make([]string, len(names))
	for i, n := range names {
		dashed[i] = "--" + n
	}
	return format.List(dashed, conj)
}

// parsedRunE is the RunE of a command whose flags and arguments parse into
// options O: parse (a problem is a usage error, before anything is read or
// dialed), then runF when a test captures the options, else run.
func parsedRunE[O any](f *Factory, parse func(args []string, given flagsGiven) (*O, error), runF func(*O) error, run func(context.Context, *Factory, *O) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		opts, err := parse(args, cmd.Flags().Changed)
		if err != nil {
			return err
		}
		if runF != nil {
			return runF(opts)
		}
		return run(cmd.Context(), f, opts)
	}
}

// asGiven is the parse of a command whose flags are its options as they
// are and that takes no arguments.
func asGiven[O any](opts *O) func([]string, flagsGiven) (*O, error) {
	return func([]string, flagsGiven) (*O, error) { return opts, nil }
}

// trimItems trims the spaces around each item of a comma-separated list
// flag, which pflag keeps: --state "stable, empty" is Stable and Empty, as
// consume -p "0, 2" is partitions 0 and 2.
func trimItems(items []string) []string {
	out := make([]string, len(items))
	for i, item := range items {
		out[i] = strings.TrimSpace(item)
	}
	return out
}

// jsonLayout is the usage error of the layout json, given as flag (-f, or
// the configuration file's default): rpk's -f json is JSON, but as a layout
// it is the word json, written (or read) as each record. JSON lines are
// jsonFlag.
func jsonLayout(flag, jsonFlag string) error {
	return usageErrorf("%s 'json' is a layout, the word json for each record; JSON lines are %s (rpk's -f json)", flag, jsonFlag)
}
