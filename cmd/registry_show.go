package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/registry"
	"github.com/kafkashore/shore/schema"
)

type registryShowOptions struct {
	Subject string
	// Version is registry.Latest or a number; unused with ID.
	Version int
	// ID, when positive, names the schema instead of Subject and Version.
	ID int
	// Deleted shows a soft-deleted version too.
	Deleted bool
	Output  string
}

// registryShowFlags are registry show's flags as given.
type registryShowFlags struct {
	id      int
	deleted bool
	output  string
}

// parse takes SUBJECT [VERSION], or --id alone.
func (fl *registryShowFlags) parse(args []string, given flagsGiven) (*registryShowOptions, error) {
	opts := &registryShowOptions{ID: fl.id, Version: registry.Latest, Deleted: fl.deleted, Output: fl.output}
	switch {
	case given("id") && len(args) > 0:
		return nil, usageErrorf("give SUBJECT [VERSION] or --id, not both")
	case given("id") && given("deleted"):
		return nil, usageErrorf("--deleted is for SUBJECT [VERSION]; --id finds a soft-deleted schema without it")
	case given("id") && (fl.id < 1 || fl.id > registry.MaxNumber):
		return nil, usageErrorf("--id %d: want a schema id from 1 to %d", fl.id, registry.MaxNumber)
	case !given("id") && len(args) == 0:
		return nil, usageErrorf("give SUBJECT [VERSION] or --id ID")
	}
	if len(args) > 0 {
		opts.Subject = args[0]
		if err := checkSubject(opts.Subject); err != nil {
			return nil, err
		}
	}
	if len(args) == 2 {
		v, err := registry.ParseVersion(args[1])
		if err != nil {
			return nil, usageErrorf("%v", err)
		}
		opts.Version = v
	}
	return opts, nil
}

func newRegistryShowCmd(f *Factory, runF func(*registryShowOptions) error) *cobra.Command {
	fl := &registryShowFlags{}
	c := &cobra.Command{
		Use:   "show {SUBJECT [VERSION] | --id ID}",
		Short: "Show a schema by subject and version, or by id",
		// rpk registry schema get, confluent schema-registry schema describe
		SuggestFor: []string{"get", "describe"},
		Annotations: map[string]string{
			otherToolFlag + "schema-version": "rpk's --schema-version V is the VERSION argument: shore registry show SUBJECT V",
			otherToolFlag + "print-schema":   "rpk's --print-schema is -o schema, the schema's text alone",
		},
		Long: `Show a schema: its subject, version, id, type and references, then its text
(Avro and JSON schemas indented). VERSION is a number from 1 or latest (the
default, which the registry's API also calls -1). With --id, the schema with
that id and the subject versions that hold it, soft-deleted ones marked
(a SUBJECT id:N, produce --value-schema's form, that the registry does not
have is told to be --id N). A SUBJECT the registry does not have is named
with the subject it may mean ("ordres-value" (did you mean
"orders-value"?)), as list does.

A soft-deleted subject or version (what 'shore registry delete' without
--permanent leaves) is shown only with --deleted, marked DELETED; without
it, shore says it is soft-deleted (exit 1).

A Protobuf schema that the registry keeps as a base64 FileDescriptorProto
(the form confluent-kafka-python registers, which Apicurio and shore dev
keep as given) is shown as .proto source, marked STORED AS in the table:
register and check take that text back, with the same --ref flags. A
descriptor keeps no comments. One that does not compile with its references
is shown as kept, with a warning on stderr.

-o schema writes the schema's text alone, as the registry keeps it (a
descriptor as .proto source), for a file or a diff. -o json writes
  {"subject", "version", "id", "type",
   "references": [{"name", "subject", "version"}],
   "used_by": [{"subject", "version", "deleted"}], "deleted", "schema",
   "descriptor"}
subject and version only when asked by them, used_by only with --id,
deleted (true) only for a soft-deleted version, descriptor (the base64 text
the registry keeps) only when schema is a descriptor's .proto source.
` + registryExitStatus,
		Example: `  $ shore registry show orders-value
  $ shore registry show orders-value 1 -o schema > orders-v1.avsc
  $ shore registry show --id 1
  $ shore registry show orders-value 2 --deleted`,
		Args:              argsFromUse,
		ValidArgsFunction: completeSubjects(f, false),
		RunE:              parsedRunE(f, fl.parse, runF, runRegistryShow),
	}
	c.Flags().IntVar(&fl.id, "id", 0, "the schema with this id, instead of SUBJECT [VERSION]")
	setFlagMin(c.Flags(), "id", 1)
	setFlagMax(c.Flags(), "id", registry.MaxNumber)
	c.Flags().BoolVar(&fl.deleted, "deleted", false, "show a soft-deleted subject or version too")
	addOutputFlag(c, &fl.output, "table", "json", "schema")
	return c
}

func runRegistryShow(ctx context.Context, f *Factory, opts *registryShowOptions) error {
	return withRegistry(ctx, f, func(ctx context.Context, rc *registry.Client) error {
		var s registry.Schema
		var err error
		if opts.ID > 0 {
			s, err = rc.ShowID(ctx, opts.ID)
		} else {
			s, err = rc.Show(ctx, opts.Subject, opts.Version, opts.Deleted)
		}
		if err != nil {
			return idAsSubject(err, opts.Subject)
		}
		if s.NotSource != nil {
			fmt.Fprintf(f.IO.ErrOut, "shore: warning: schema id %d is shown as the registry keeps it, a base64 FileDescriptorProto, not as .proto source: %v\n", s.ID, s.NotSource)
		}
		return render(f.IO.Out, opts.Output, s, func(w io.Writer) error {
			if opts.Output == "schema" {
				_, err := io.WriteString(w, withNewline(s.Schema))
				return err
			}
			return writeSchema(w, s)
		})
	})
}

// writeSchema writes the fields of s as a two-column table, a blank line
// and its text.
func writeSchema(w io.Writer, s registry.Schema) error {
	var rows [][]string
	if s.Subject != "" {
		rows = append(rows, []string{"SUBJECT", s.Subject}, []string{"VERSION", strconv.Itoa(s.Version)})
	}
	if s.Deleted {
		rows = append(rows, []string{"DELETED", "yes (soft-deleted)"})
	}
	rows = append(rows, []string{"ID", strconv.Itoa(s.ID)}, []string{"TYPE", s.Type})
	refs := make([]string, 0, len(s.References))
	for _, r := range s.References {
		refs = append(refs, r.Name+" = "+registry.SubjectVersion{Subject: r.Subject, Version: r.Version}.String())
	}
	rows = append(rows, []string{"REFERENCES", listOrNone(refs)})
	if s.Descriptor != "" {
		rows = append(rows, []string{"STORED AS", "a base64 FileDescriptorProto, shown as .proto source"})
	}
	if s.UsedBy != nil {
		used := make([]string, 0, len(*s.UsedBy))
		for _, u := range *s.UsedBy {
			deleted := ""
			if u.Deleted {
				deleted = " (soft-deleted)"
			}
			used = append(used, u.String()+deleted)
		}
		rows = append(rows, []string{"USED BY", listOrNone(used)})
	}
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%-11s %s\n", r[0], r[1])
	}
	b.WriteString("\n")
	text := s.Schema
	if s.Type != "PROTOBUF" {
		var indented bytes.Buffer
		if json.Indent(&indented, []byte(text), "", "  ") == nil {
			text = indented.String()
		}
	}
	b.WriteString(withNewline(text))
	_, err := io.WriteString(w, b.String())
	return err
}

func listOrNone(items []string) string {
	if len(items) == 0 {
		return format.None
	}
	return strings.Join(items, ", ")
}

func withNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// idAsSubject adds to err, a registry's answer that it has no subject
// named subject, how to show a schema by id when subject is produce's
// id:N, which registry show takes with --id.
func idAsSubject(err error, subject string) error {
	var rerr *schema.RegistryError
	rest, ok := strings.CutPrefix(subject, "id:")
	if _, nerr := strconv.Atoi(rest); !ok || nerr != nil || !errors.As(err, &rerr) || !rerr.NoSubject {
		return err
	}
	return fmt.Errorf("%w; a schema by its id is shown with --id: shore registry show --id %s", err, rest)
}
