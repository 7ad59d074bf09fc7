package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/registry"
	"github.com/kafkashore/shore/schema"
)

type registryRegisterOptions struct {
	Subject string
	Schema  schemaFileFlags
	Output  string
}

func newRegistryRegisterCmd(f *Factory, runF func(*registryRegisterOptions) error) *cobra.Command {
	opts := &registryRegisterOptions{Schema: schemaFileFlags{registersImports: true}}
	c := &cobra.Command{
		Use:   "register SUBJECT FILE",
		Short: "Register a schema file as a new version of a subject",
		// rpk registry schema create, confluent schema-registry schema create
		SuggestFor: []string{"create"},
		Annotations: map[string]string{
			otherToolFlag + "schema":     "rpk's --schema FILE is the FILE argument: shore registry register SUBJECT FILE",
			otherToolFlag + "references": "rpk's --references is --ref NAME=SUBJECT[:VERSION], once for each",
		},
		Long: `Register the schema in FILE (- for stdin, with --type) under SUBJECT and
print the subject, its version and the schema id. A schema the subject has
already is not registered twice: its existing version and id are printed.
The registry refuses a schema that is invalid, or incompatible with the
subject's versions under its compatibility level (exit 1, with its reason;
for one that does not parse, shore's parser says at which line and column
of FILE; an incompatible one is worded as 'registry check' words it, with
the level and the registry's reasons, and without the old schema that
Confluent's registry quotes). A SUBJECT the registry did not have that looks
mistyped from one it has (in another case, two neighbouring characters
swapped, or one letter added, left out or replaced: Orders-value, ordres-value,
order-value) is registered all the same, and warned of on stderr with that one
("did you mean "orders-value"?"); a digit or separator more or less
(orders2-value, orders-v2-value), or a letter that is a word alone
(events-b-value beside events-a-value), is taken as meant, and not warned
of.

FILE's type comes from its extension (.avsc Avro, .proto Protobuf, .json JSON
Schema; .avro, an Avro data file's, is refused) unless --type says. Each --ref NAME=SUBJECT[:VERSION] declares a
reference: NAME is how the schema refers to it (an Avro type's full name, an
imported .proto file's name, a JSON $ref as written, or, when the schema's
$id is an absolute URL, the absolute URL the $ref reaches against it),
SUBJECT[:VERSION] where it is
registered (default: its latest version); a NAME given twice is a usage
error, and one a Protobuf or JSON schema never uses (no import of that
path, no $ref that reaches it) is warned of on stderr, with what the schema
does refer to. The references to subjects the registry does not have are
named in one line. A type (Avro, Protobuf) or import (Protobuf) the schema
lacks is named with the one a typo or two from it that Avro or Protobuf
has, or the schema (or a .proto file it imports) defines ("did you mean
"string"?"), by the name that reaches it from the field: a message's nested
Line, written alone outside it, is named Order.Line; an Avro type or an
import near none gets the hint to register the schema that defines it and
give --ref. A JSON Schema without "$schema" is read as draft 2020-12: one
that has draft-07's "dependencies" or "additionalItems", which that draft
lacks, gets a hint on stderr for each.

A .proto FILE's imports are registered as produce --register registers
them: each file it imports, directly or not, found in the -I DIR
directories (--proto-path, repeatable) and then beside FILE, is registered
first under a subject named by its import path (shop/common.proto),
referring to the files it imports in turn, and FILE refers to them; a file
its subject has already keeps its version, and Protobuf's own
google/protobuf/ imports are left to the registry, which knows them. A line
on stderr names them, with their versions, the ones registered apart from
the ones their subjects have already. Without -I, a FILE whose imports
are not all beside it is sent as it is (the missing one is named), and so
is one given --ref, which names its imports; with -I, an import found in no
directory is a usage error naming it and the directories searched, and
--ref is a usage error. A schema on stdin has its imports found only with
-I; -I is ignored for a schema that is not Protobuf.

-o json writes {"subject", "version", "id"}.
` + registryExitStatus,
		Example: `  $ shore registry register orders-value orders.avsc
  $ shore registry register address-value address.avsc
  $ shore registry register orders-value orders.avsc --ref shop.Address=address-value
  $ shore registry register clicks-value clicks.proto -o json | jq .id
  $ shore registry register orders-value orders.proto -I protos`,
		Args:              argsFromUse,
		ValidArgsFunction: completeSubjects(f, false),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Subject, opts.Schema.File = args[0], args[1]
			if err := checkSubjectFile("register", opts.Subject, opts.Schema.File); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runRegistryRegister(cmd.Context(), f, opts)
		},
	}
	opts.Schema.add(c)
	addProtoPathFlag(c.Flags(), &opts.Schema.ProtoPaths)
	addOutputFlag(c, &opts.Output)
	return c
}

func runRegistryRegister(ctx context.Context, f *Factory, opts *registryRegisterOptions) error {
	return withSchemaFile(ctx, f, opts.Schema, func(ctx context.Context, rc *registry.Client, s sr.Schema) error {
		got, err := rc.Register(ctx, opts.Subject, s)
		var incompatible *schema.IncompatibleError
		if errors.As(err, &incompatible) {
			return notCompatible(opts.Schema.File, incompatible)
		}
		if err != nil {
			return err
		}
		warnNewSubject(f.IO.ErrOut, got.Subject, got.Near, got.Version)
		return render(f.IO.Out, opts.Output, got, func(w io.Writer) error {
			return format.Table(w, []string{"SUBJECT", "VERSION", "ID"},
				[][]string{{got.Subject, strconv.Itoa(got.Version), strconv.Itoa(got.ID)}})
		})
	})
}

// warnNewSubject warns that a registration made subject, which looks
// mistyped from near, another subject the registry has
// (registry.Mistyped); nothing when near is "".
func warnNewSubject(w io.Writer, subject, near string, version int) {
	if near != "" {
		fmt.Fprintf(w, "shore: warning: the registry had no subject %q (did you mean %q?); the schema is registered under it as version %d\n", subject, near, version)
	}
}
