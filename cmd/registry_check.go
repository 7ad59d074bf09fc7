package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/fileread"
	"github.com/kafkashore/shore/registry"
	"github.com/kafkashore/shore/schema"
)

type registryCheckOptions struct {
	Subject string
	Schema  schemaFileFlags
	// Version is registry.All, registry.Latest or a number.
	Version int
	Output  string
}

// registryCheckFlags are registry check's flags as given.
type registryCheckFlags struct {
	schema  schemaFileFlags
	version string
	output  string
}

// parse reads --version: all, latest or a number.
func (fl *registryCheckFlags) parse(args []string, _ flagsGiven) (*registryCheckOptions, error) {
	opts := &registryCheckOptions{Subject: args[0], Schema: fl.schema, Version: registry.All, Output: fl.output}
	opts.Schema.File = args[1]
	if err := checkSubjectFile("check", opts.Subject, opts.Schema.File); err != nil {
		return nil, err
	}
	if fl.version != "all" {
		v, err := registry.ParseVersion(fl.version)
		switch {
		case errors.Is(err, registry.ErrOutOfRange):
			return nil, usageErrorf("--version %q: out of range: want all, latest or a number from 1 to %d", fl.version, registry.MaxNumber)
		case err != nil:
			return nil, usageErrorf("--version %q: want all, latest or a number from 1", fl.version)
		}
		opts.Version = v
	}
	return opts, nil
}

func newRegistryCheckCmd(f *Factory, runF func(*registryCheckOptions) error) *cobra.Command {
	fl := &registryCheckFlags{}
	c := &cobra.Command{
		Use:   "check SUBJECT FILE",
		Short: "Check whether a schema file may become a subject's next version",
		// rpk registry schema check-compatibility, confluent
		// schema-registry schema compatibility validate
		SuggestFor: []string{"check-compatibility", "compatibility", "validate"},
		Annotations: map[string]string{
			otherToolFlag + "schema":         "rpk's --schema FILE is the FILE argument: shore registry check SUBJECT FILE",
			otherToolFlag + "schema-version": "rpk's --schema-version V is --version V",
			otherToolFlag + "references":     "rpk's --references is --ref NAME=SUBJECT[:VERSION], once for each",
		},
		Long: `Ask the registry whether the schema in FILE (- for stdin, with --type) is
compatible with SUBJECT under the subject's compatibility level, without
registering it: the gate a CI job runs before a deploy. Exit status 0 means
compatible, 3 incompatible (the registry's reasons on stderr); a subject with
no versions yet accepts any schema that parses, which shore checks itself
(exit 1 when it does not: no registry reads it). So does a subject whose
versions are all soft-deleted, since a registry does not compare with them: a
warning on stderr says how many there are. A subject the registry does not
have whose name is a typo or two from one it has, or differs from it only in
case, is warned of on stderr with that one ("did you mean "orders-value"?"): a
gate on the wrong subject passes whatever the schema.

--version compares with all versions the level looks at (all, the default:
the latest, or every one for the *_TRANSITIVE levels), the latest, or one
version; a soft-deleted version is not compared with (exit 1, saying so).
FILE, --type and --ref are as for register; check has no -I, since it
registers nothing: a .proto file's imports are named with --ref, registered
(by 'registry register' or produce --register) under subjects named by
their import paths: --ref shop/common.proto=shop/common.proto.

shore dev's registry checks Avro for real and finds every Protobuf and JSON
Schema compatible; Apicurio's default level is NONE (anything goes) until
'shore registry compat --set' says otherwise.

-o json writes {"subject", "against", "level", "compatible", "new_subject",
"messages": [...]}, then exits as above.
` + registryExitStatus,
		Example: `  $ shore registry check orders-value orders.avsc
  $ shore registry check orders-value orders.avsc --version latest -o json | jq .messages`,
		Args:              argsFromUse,
		ValidArgsFunction: completeSubjects(f, false),
		RunE:              parsedRunE(f, fl.parse, runF, runRegistryCheck),
	}
	fl.schema.add(c)
	c.Flags().StringVar(&fl.version, "version", "all", "the versions to compare with: all (as the level says), latest, or a number")
	addOutputFlag(c, &fl.output)
	return c
}

func runRegistryCheck(ctx context.Context, f *Factory, opts *registryCheckOptions) error {
	return withSchemaFile(ctx, f, opts.Schema, func(ctx context.Context, rc *registry.Client, s sr.Schema) error {
		res, err := rc.Check(ctx, opts.Subject, opts.Version, s)
		if err != nil {
			return err
		}
		switch {
		case res.SoftDeleted > 0:
			fmt.Fprintf(f.IO.ErrOut, "shore: warning: subject %q has only soft-deleted versions (%d), which a check does not compare with: the schema is checked as for a new subject (shore registry list %s --deleted shows them)\n", opts.Subject, res.SoftDeleted, opts.Subject)
		case res.Near != "":
			fmt.Fprintf(f.IO.ErrOut, "shore: warning: the registry has no subject %q (did you mean %q?): the schema is checked as for a new subject, which takes any schema that parses\n", opts.Subject, res.Near)
		}
		werr := render(f.IO.Out, opts.Output, res, func(w io.Writer) error {
			verdict := "compatible"
			switch {
			case res.NewSubject:
				verdict = "compatible (no versions yet)"
			case !res.Compatible:
				verdict = "incompatible"
			}
			return format.Table(w, []string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"},
				[][]string{{res.Subject, res.Against, res.Level.String(), verdict}})
		})
		return afterReport(werr, func() error {
			if res.Compatible {
				return nil
			}
			return &conditionError{err: notCompatible(opts.Schema.File, res.Incompatible())}
		})
	})
}

// notCompatible is check's verdict on file, a schema not compatible with
// a subject, which register gives too when the registry refuses one.
func notCompatible(file string, e *schema.IncompatibleError) error {
	return errors.New(e.Of(fileread.Name(file)))
}
