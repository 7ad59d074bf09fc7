package cmd

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/registry"
)

type registryListOptions struct {
	// Subjects, when given, are listed version by version.
	Subjects []string
	Deleted  bool
	Output   string
}

func newRegistryListCmd(f *Factory, runF func(*registryListOptions) error) *cobra.Command {
	opts := &registryListOptions{}
	c := &cobra.Command{
		Use:   "list [SUBJECT...]",
		Short: "List the subjects of the schema registry, or a subject's versions",
		// rpk registry subject list, confluent schema-registry subject list
		SuggestFor: []string{"subject", "subjects"},
		Long: `List every live subject, sorted by name, with its latest version, that
version's schema id and its type (AVRO, PROTOBUF or JSON). A subject
deleted while the list is made is left out. When there is none, stdout is
empty and a line on stderr says so ("shore: no subjects"); -o json writes [],
-o csv its header, and nothing on stderr.

--deleted lists the soft-deleted subjects too (those 'shore registry delete'
without --permanent left), each with its latest soft-deleted version, in a
DELETED column (yes or -).

With SUBJECTs, list every version of each instead (once for a subject named
twice), in order: SUBJECT, VERSION, ID and TYPE, and with --deleted the
soft-deleted versions too (DELETED yes). A subject that is not registered
is left out, and so is one whose versions are all soft-deleted, unless
--deleted: the other subjects are listed as usual (-o json is still one
document, [] when none is), then one line on stderr names those not
registered, each with the subject it may mean, a typo or two away or the same
in another case ("ordres-value" (did you mean "orders-value"?)), another those
soft-deleted, and the exit status is 1.

-o json writes [{"subject", "latest", "id", "type", "deleted"}], deleted
(true) only for a soft-deleted subject; with SUBJECTs,
[{"subject", "version", "id", "type", "deleted"}], deleted (true) only for
a soft-deleted version. -o csv writes the table as comma-separated lines
after a header line (SUBJECT,LATEST,ID,TYPE, or SUBJECT,VERSION,ID,TYPE
with SUBJECTs, and DELETED with --deleted).
` + registryExitStatus,
		Example: `  $ shore registry list
  $ shore registry list --deleted
  $ shore registry list orders-value
  $ shore registry list -o json | jq -r '.[].subject'
  $ shore registry list -o csv > subjects.csv`,
		Args:              argsFromUse,
		ValidArgsFunction: completeSubjects(f, true),
		RunE: func(cmd *cobra.Command, args []string) error {
			subjects, err := checkSubjects(args)
			if err != nil {
				return err
			}
			opts.Subjects = subjects
			if runF != nil {
				return runF(opts)
			}
			return runRegistryList(cmd.Context(), f, opts)
		},
	}
	c.Flags().BoolVar(&opts.Deleted, "deleted", false, "list soft-deleted subjects (or, with SUBJECTs, versions) too")
	addOutputFlag(c, &opts.Output, csvFormats...)
	return c
}

func runRegistryList(ctx context.Context, f *Factory, opts *registryListOptions) error {
	if len(opts.Subjects) > 0 {
		return runRegistryVersions(ctx, f, opts)
	}
	return withRegistry(ctx, f, func(ctx context.Context, rc *registry.Client) error {
		subjects, err := rc.List(ctx, opts.Deleted)
		if err != nil {
			return err
		}
		if len(subjects) == 0 && opts.Output == "table" {
			fmt.Fprintln(f.IO.ErrOut, "shore: no subjects")
			return nil
		}
		return renderList(f.IO.Out, opts, subjects, "LATEST", func(s registry.Subject) registry.Version {
			return registry.Version{Subject: s.Subject, Version: s.Latest, ID: s.ID, Type: s.Type, Deleted: s.Deleted}
		})
	})
}

// runRegistryVersions lists every version of opts.Subjects.
func runRegistryVersions(ctx context.Context, f *Factory, opts *registryListOptions) error {
	return withRegistry(ctx, f, func(ctx context.Context, rc *registry.Client) error {
		versions, failed, err := rc.Versions(ctx, opts.Subjects, opts.Deleted)
		if err != nil {
			return err
		}
		if len(versions) == 0 && opts.Output == "table" {
			return f.leftOut(failed, nil)
		}
		return afterReport(renderList(f.IO.Out, opts, versions, "VERSION", func(v registry.Version) registry.Version { return v }), func() error { return f.leftOut(failed, nil) })
	})
}

// renderList writes list's items, each as cells gives it: SUBJECT, second
// (LATEST or VERSION), ID, TYPE, and with --deleted DELETED (yes or -).
func renderList[T any](w io.Writer, opts *registryListOptions, items []T, second string, cells func(T) registry.Version) error {
	header := []string{"SUBJECT", second, "ID", "TYPE"}
	if opts.Deleted {
		header = append(header, "DELETED")
	}
	rows := make([][]string, 0, len(items))
	for _, item := range items {
		v := cells(item)
		row := []string{v.Subject, strconv.Itoa(v.Version), strconv.Itoa(v.ID), v.Type}
		if opts.Deleted {
			deleted := format.None
			if v.Deleted {
				deleted = "yes"
			}
			row = append(row, deleted)
		}
		rows = append(rows, row)
	}
	return renderRows(w, opts.Output, items, header, rows)
}
