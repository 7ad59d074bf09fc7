package cmd

import (
	"context"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/registry"
)

type registryListOptions struct {
	Deleted bool
	Output  string
}

func newRegistryListCmd(f *Factory, runF func(*registryListOptions) error) *cobra.Command {
	opts := &registryListOptions{}
	c := &cobra.Command{
		Use:   "list",
		Short: "List the subjects of the schema registry",
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

-o json writes [{"subject", "latest", "id", "type", "deleted"}], deleted
(true) only for a soft-deleted subject. -o csv writes the table as
comma-separated lines after a header line (SUBJECT,LATEST,ID,TYPE, and
DELETED with --deleted).
` + registryExitStatus,
		Example: `  $ shore registry list
  $ shore registry list --deleted
  $ shore registry list -o json | jq -r '.[].subject'
  $ shore registry list -o csv > subjects.csv`,
		Args: argsFromUse,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runRegistryList(cmd.Context(), f, opts)
		},
	}
	c.Flags().BoolVar(&opts.Deleted, "deleted", false, "list soft-deleted subjects too")
	addOutputFlag(c, &opts.Output, csvFormats...)
	return c
}

func runRegistryList(ctx context.Context, f *Factory, opts *registryListOptions) error {
	return withRegistry(ctx, f, func(ctx context.Context, rc *registry.Client) error {
		subjects, err := rc.List(ctx, opts.Deleted)
		if err != nil {
			return err
		}
		if len(subjects) == 0 && opts.Output == "table" {
			fmt.Fprintln(f.IO.ErrOut, "shore: no subjects")
			return nil
		}
		header := []string{"SUBJECT", "LATEST", "ID", "TYPE"}
		if opts.Deleted {
			header = append(header, "DELETED")
		}
		rows := make([][]string, 0, len(subjects))
		for _, s := range subjects {
			row := []string{s.Subject, strconv.Itoa(s.Latest), strconv.Itoa(s.ID), s.Type}
			if opts.Deleted {
				deleted := format.None
				if s.Deleted {
					deleted = "yes"
				}
				row = append(row, deleted)
			}
			rows = append(rows, row)
		}
		return renderRows(f.IO.Out, opts.Output, subjects, header, rows)
	})
}
