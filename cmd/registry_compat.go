package cmd

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/registry"
)

type registryCompatOptions struct {
	Subjects []string
	// Set, when not nil, is the level to set.
	Set *sr.CompatibilityLevel
	// Unset removes the subjects' own levels first.
	Unset  bool
	Output string
}

// registryCompatFlags are registry compat's flags as given.
type registryCompatFlags struct {
	set    string
	unset  bool
	output string
}

// parse checks the subjects and the level --set names.
func (fl *registryCompatFlags) parse(args []string, given flagsGiven) (*registryCompatOptions, error) {
	subjects, err := checkSubjects(args)
	if err != nil {
		return nil, err
	}
	opts := &registryCompatOptions{Subjects: subjects, Unset: fl.unset, Output: fl.output}
	if err := given.exclusive("contradict each other", "set", "unset"); err != nil {
		return nil, err
	}
	if fl.unset && len(args) == 0 {
		return nil, usageErrorf("--unset needs a SUBJECT whose own level to remove; the global level is changed with --set")
	}
	if given("set") {
		level, err := registry.ParseLevel(fl.set)
		if err != nil {
			return nil, usageErrorf("--set %q: %v", fl.set, err)
		}
		opts.Set = &level
	}
	return opts, nil
}

func newRegistryCompatCmd(f *Factory, runF func(*registryCompatOptions) error) *cobra.Command {
	fl := &registryCompatFlags{}
	c := &cobra.Command{
		Use:   "compat [SUBJECT...]",
		Short: "Get, set or unset compatibility levels",
		// rpk registry compatibility-level, confluent schema-registry
		// configuration
		SuggestFor: []string{"compatibility-level", "compatibility", "config", "configuration"},
		Annotations: map[string]string{
			otherToolFlag + "level":  "rpk's --level L is --set L",
			otherToolFlag + "global": "rpk's --global is compat without a SUBJECT: shore registry compat --set L",
		},
		Long: `Print the compatibility level of each SUBJECT (its own, or the global level
it falls back to; once for a subject named twice), or the global level when
no subject is given. With --set LEVEL, set it first, for each SUBJECT or
globally, and print the levels now in force. With --unset, remove each
SUBJECT's own level first (DELETE /config/SUBJECT), so that it falls back
to the global level, and print the levels now in force; a subject without
a level of its own keeps none.

A SUBJECT that is not registered and has no level of its own (a typo,
most likely; with --unset, had none to remove), or is soft-deleted and
has none, is left out rather than shown with the global level: the other
subjects are printed as usual (-o json is still one document, [] when
none is), then one line on stderr names those not registered, each with
the subject it may mean, another those soft-deleted, and the exit status
is 1, as registry list SUBJECT... does. (This needs a registry
that answers a subject without a level of its own with error 40408, as
Confluent's and shore dev's do.)

LEVEL is one of ` + strings.Join(registry.LevelNames, ", ") + ` (any case).
Confluent's registry and shore dev's start at BACKWARD, Apicurio at NONE.

-o json writes [{"subject", "level"}], subject "" for the global level.
` + registryExitStatus,
		Example: `  $ shore registry compat
  $ shore registry compat orders-value --set FULL_TRANSITIVE
  $ shore registry compat orders-value --unset`,
		Args:              argsFromUse,
		ValidArgsFunction: completeSubjects(f, true),
		RunE:              parsedRunE(f, fl.parse, runF, runRegistryCompat),
	}
	c.Flags().StringVar(&fl.set, "set", "", "set this level first, for each SUBJECT or globally")
	c.Flags().BoolVar(&fl.unset, "unset", false, "remove each SUBJECT's own level first, so that the global level applies")
	_ = c.RegisterFlagCompletionFunc("set", cobra.FixedCompletions(registry.LevelNames, cobra.ShellCompDirectiveNoFileComp))
	addOutputFlag(c, &fl.output)
	return c
}

func runRegistryCompat(ctx context.Context, f *Factory, opts *registryCompatOptions) error {
	return withRegistry(ctx, f, func(ctx context.Context, rc *registry.Client) error {
		var levels []registry.Level
		var err error
		var unknown map[string]bool
		switch {
		case opts.Unset:
			// Which subjects are unknown is asked before their levels
			// go: one whose own level --unset removes was no typo,
			// though it has no version yet.
			if unknown, err = rc.Unregistered(ctx, opts.Subjects); err == nil {
				if err = rc.UnsetLevel(ctx, opts.Subjects); err == nil {
					levels, err = rc.Levels(ctx, opts.Subjects)
				}
			}
		case opts.Set != nil:
			levels, err = rc.SetLevel(ctx, *opts.Set, opts.Subjects)
		default:
			if levels, err = rc.Levels(ctx, opts.Subjects); err == nil {
				unknown, err = rc.Unregistered(ctx, opts.Subjects)
			}
		}
		if err != nil {
			return err
		}
		// A subject the registry does not know would show the global
		// level, which hides a typo: it is named on stderr instead,
		// after the levels of the others, as registry list names the
		// subjects it leaves out.
		known := make([]registry.Level, 0, len(levels))
		var unregistered, softDeleted []string
		global := ""
		for _, l := range levels {
			deleted, ok := unknown[l.Subject]
			switch {
			case !ok:
				known = append(known, l)
				continue
			case deleted && !slices.Contains(softDeleted, l.Subject):
				softDeleted = append(softDeleted, l.Subject)
			case !deleted && !slices.Contains(unregistered, l.Subject):
				unregistered = append(unregistered, l.Subject)
			}
			global = l.Level
		}
		var werr error
		if len(known) > 0 || opts.Output == "json" {
			werr = renderLevels(f.IO.Out, opts.Output, known)
		}
		var left []error
		if len(unregistered) > 0 {
			left = append(left, noLevel(rc.Near(ctx, unregistered), "not registered", global))
		}
		if len(softDeleted) > 0 {
			left = append(left, noLevel(registry.Subjects{Names: softDeleted}, "soft-deleted (shore registry list --deleted)", global))
		}
		return afterReport(werr, func() error { return f.leftOut(left, nil) })
	})
}

// noLevel says that subjects, which are what, have no compatibility level
// of their own, and that the global level would apply to them.
func noLevel(subjects registry.Subjects, what, global string) error {
	return fmt.Errorf("%s %s %s and %s no compatibility level of %s own (the global level, %s, would apply)",
		subjects, subjects.Agree("is", "are"), what, subjects.Agree("has", "have"), subjects.Agree("its", "their"), global)
}

// renderLevels writes levels as a table of SUBJECT and LEVEL, or as JSON.
func renderLevels(out io.Writer, output string, levels []registry.Level) error {
	return render(out, output, levels, func(w io.Writer) error {
		rows := make([][]string, 0, len(levels))
		for _, l := range levels {
			subject := l.Subject
			if subject == "" {
				subject = "(global)"
			}
			rows = append(rows, []string{subject, l.Level})
		}
		return format.Table(w, []string{"SUBJECT", "LEVEL"}, rows)
	})
}
