package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/internal/fileread"
	"github.com/kafkashore/shore/internal/jsonsrc"
	"github.com/kafkashore/shore/internal/protosrc"
	"github.com/kafkashore/shore/registry"
	"github.com/kafkashore/shore/schema"
)

func newRegistryCmd(f *Factory) *cobra.Command {
	c := asNoun(&cobra.Command{
		Use:   "registry",
		Short: "List, show, register and check schemas in a schema registry",
		// rpk registry schema ..., confluent schema-registry ...
		SuggestFor: []string{"schema", "schemas", "schema-registry", "sr"},
		Annotations: map[string]string{
			otherToolArg + "schema":  "rpk's 'registry schema VERB' is 'shore registry VERB': get is show, create is register, check-compatibility is check",
			otherToolArg + "subject": "rpk's 'registry subject list' and 'subject delete' are 'shore registry list' and 'shore registry delete'",
		},
		Long: `Work with a schema registry that speaks Confluent's REST API (Confluent's
own, Confluent Cloud's, Apicurio's /apis/ccompat/v7, or the one shore dev
serves): list its subjects and their versions, show a schema, register one
from a file, check a file's compatibility before a deploy, get, set and
unset compatibility levels, and delete versions.

The registry is --registry (SHORE_REGISTRY_URL, the profile's registry.url;
default http://localhost:8081, where shore dev serves one), one URL where
Confluent's clients take a comma-separated list (give one of its URLs),
with basic auth (--registry-username and a password from
SHORE_REGISTRY_PASSWORD, --registry-password-file or
--registry-password-command; a Confluent Cloud API key and secret go there),
or a bearer token (SHORE_REGISTRY_TOKEN, --registry-token-file,
--registry-token-command), and --registry-ca for a private CA. Every request
is bounded by --timeout.
` + registryExitStatus,
	})
	c.AddCommand(
		newRegistryListCmd(f, nil),
		newRegistryShowCmd(f, nil),
		newRegistryRegisterCmd(f, nil),
		newRegistryCheckCmd(f, nil),
		newRegistryCompatCmd(f, nil),
		newRegistryDeleteCmd(f, nil),
	)
	return c
}

// registryExitStatus ends the Long help of every registry verb.
const registryExitStatus = `
EXIT STATUS
  0    success; for check, the schema is compatible
  1    failure: unreachable registry, refused credentials, unknown subject, version or id, a schema that does not parse or is refused
  2    usage error: bad flag or argument, a schema file that cannot be read or is empty
  3    check only: the schema is not compatible
  130  interrupted`

// checkSubject refuses an empty subject name: the registry would be asked
// for a path it does not serve (GET /subjects//versions/latest), and its 404
// would read as no schema registry there at all.
func checkSubject(subject string) error {
	if subject == "" {
		return usageErrorf("empty subject name")
	}
	return nil
}

// checkSubjectFile checks the SUBJECT FILE of registry verb (register,
// check): a SUBJECT that is a schema file, before a FILE that is no file,
// is the two given the other way round, which would have been told to give
// --type for the subject's name.
func checkSubjectFile(verb, subject, file string) error {
	if err := checkSubject(subject); err != nil {
		return err
	}
	if _, err := os.Stat(file); err == nil || file == "-" {
		return nil
	}
	if _, err := registry.TypeOf("", subject); err != nil {
		return nil
	}
	if st, err := os.Stat(subject); err == nil && st.Mode().IsRegular() {
		return usageErrorf("%s is a schema file and %s is no file: SUBJECT comes first, then FILE: shore registry %s %s %s", shellWord(subject), shellWord(file), verb, shellWord(file), shellWord(subject))
	}
	return nil
}

// checkSubjects checks each of subjects (checkSubject) and returns them
// in the order given, a subject named again left out, as topics and groups
// named twice are: 'registry list s s' listed its versions twice.
func checkSubjects(subjects []string) ([]string, error) {
	var out []string
	for _, s := range subjects {
		if err := checkSubject(s); err != nil {
			return nil, err
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// withRegistry runs fn with a registry client, its requests bounded
// together by --timeout.
func withRegistry(ctx context.Context, f *Factory, fn func(ctx context.Context, rc *registry.Client) error) error {
	reg, err := f.Registry(ctx)
	if err != nil {
		return errOrInterrupted(ctx, err)
	}
	rctx, cancel := f.requestContext(ctx)
	defer cancel()
	return errOrInterrupted(ctx, fn(rctx, registry.New(reg)))
}

// withSchemaFile reads the schema that sf names and runs fn with it, its
// references' versions resolved, within withRegistry; a .proto file's
// imports found in sf.ProtoPaths are registered first and referred to. A reference whose
// name the schema never uses is warned of first, since a name typed wrong
// would be registered without a word, and so are a JSON Schema's draft-07
// keywords that the draft it is read as lacks. A schema that does not
// parse is named by its file (stdin for -).
func withSchemaFile(ctx context.Context, f *Factory, sf schemaFileFlags, fn func(ctx context.Context, rc *registry.Client, s sr.Schema) error) error {
	s, lf, err := sf.parse(ctx, f.IO.In)
	if err != nil {
		return err
	}
	for _, u := range schema.UnusedReferences(s) {
		fmt.Fprintf(f.IO.ErrOut, "shore: warning: --ref %q is not used by %s (%s)\n", u.Name, fileread.Name(sf.File), u.Uses)
	}
	for _, hint := range schema.Draft07Hints(s) {
		fmt.Fprintf(f.IO.ErrOut, "shore: warning: %s: %s\n", fileread.Name(sf.File), hint)
	}
	return withRegistry(ctx, f, func(ctx context.Context, rc *registry.Client) error {
		if lf != nil {
			var imports []schema.Import
			if s.References, imports, err = rc.RegisterImports(ctx, lf); err != nil {
				return fmt.Errorf("%s: %w", fileread.Name(sf.File), err)
			}
			sayImports(f.IO.ErrOut, fileread.Name(sf.File), imports)
		}
		if s.References, err = rc.ResolveReferences(ctx, s.References); err != nil {
			return err
		}
		err := fn(ctx, rc, s)
		var invalid *registry.InvalidSchemaError
		if !errors.As(err, &invalid) {
			return err
		}
		// What the schema lacks may be in a reference not given.
		var missingImport *protosrc.MissingImportError
		switch name, file := missingReference(err); {
		case file && sf.registersImports && len(sf.Refs) == 0 && errors.As(err, &missingImport):
			return fmt.Errorf("%s: %w; register %s and give --ref %s=SUBJECT, or give -I DIR, a directory that holds it, to register it first", fileread.Name(sf.File), err, name, name)
		case file:
			return fmt.Errorf("%s: %w; register %s and give --ref %s=SUBJECT", fileread.Name(sf.File), err, name, name)
		case name != "":
			return fmt.Errorf("%s: %w; if another schema defines it, register that and give --ref %s=SUBJECT", fileread.Name(sf.File), err, name)
		}
		return fmt.Errorf("%s: %w", fileread.Name(sf.File), err)
	})
}

// sayImports names the files that file imports, under the subjects of
// their import paths, with their versions: the ones registered, then the
// ones their subjects had already, which are not registered twice.
func sayImports(w io.Writer, file string, imports []schema.Import) {
	var registered, had []string
	for _, i := range imports {
		version := registry.SubjectVersion{Subject: i.Subject, Version: i.Version}.String()
		if i.Existed {
			had = append(had, version)
		} else {
			registered = append(registered, version)
		}
	}
	switch {
	case len(had) == 0 && len(registered) > 0:
		fmt.Fprintf(w, "shore: %s refers to the files it imports, registered under their import paths: %s\n", file, strings.Join(registered, ", "))
	case len(registered) == 0 && len(had) > 0:
		fmt.Fprintf(w, "shore: %s refers to the files it imports, which the subjects of their import paths have already: %s\n", file, strings.Join(had, ", "))
	case len(had) > 0:
		fmt.Fprintf(w, "shore: %s refers to the files it imports, registered under their import paths: %s; and to the ones their subjects have already: %s\n", file, strings.Join(registered, ", "), strings.Join(had, ", "))
	}
}

// missingReference is what err, a schema that does not compile, lacks and
// a reference (--ref NAME=SUBJECT) could give: an Avro type's name, or a
// file's (a Protobuf import, a JSON Schema $ref), when file is true; "" for
// none, and for a name that err takes for a typo of one it knows (Avro's
// "strin", Protobuf's "google/protobuf/timestmp.proto"), since the hint
// would send the user to register what they only mistyped.
func missingReference(err error) (name string, file bool) {
	var missing *protosrc.MissingImportError
	var ref *jsonsrc.UnresolvedRefError
	var unknown *schema.UnknownTypeError
	switch {
	case errors.As(err, &missing) && missing.Near == "":
		return missing.Path, true
	case errors.As(err, &ref):
		return ref.Ref, true
	case errors.As(err, &unknown) && unknown.Near == "":
		return unknown.Name, false
	}
	return "", false
}

// completeSubjects completes the SUBJECT arguments of a registry verb
// from the registry, skipping names already given; arguments after the
// first are files for register and check, and subjects for compat. A
// registry that cannot be reached completes nothing.
func completeSubjects(f *Factory, allArgs bool) completionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 && !allArgs {
			return nil, cobra.ShellCompDirectiveDefault
		}
		if cfg, err := f.Config(cmd.Context()); err == nil {
			cfg.Timeout = min(cfg.Timeout, completionTimeout)
		}
		var names []string
		err := withRegistry(cmd.Context(), f, func(ctx context.Context, rc *registry.Client) error {
			all, err := rc.Names(ctx)
			names = candidates(all, args, toComplete)
			return err
		})
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}

// schemaFileFlags are register's and check's way to name a schema: a file
// (or - for stdin), its type and its references, and for register the
// import paths of a .proto file, whose imports it registers.
type schemaFileFlags struct {
	File       string
	Type       string
	Refs       []string
	ProtoPaths []string
	// registersImports is set for register, which registers a .proto
	// file's imports, found in -I or, without -I and --ref, beside it, as
	// produce --register does; an import missing when no --ref is given
	// is named with -I.
	registersImports bool
}

func (s *schemaFileFlags) add(c *cobra.Command) {
	c.Flags().StringVar(&s.Type, "type", "", "schema type: avro, protobuf or json (default: from FILE's extension, .avsc, .proto or .json)")
	c.Flags().StringArrayVar(&s.Refs, "ref", nil, "reference NAME=SUBJECT[:VERSION] (default version: the latest), repeatable; NAME is the Avro type's full name, the imported .proto file or the JSON $ref")
}

// parse checks the flags and reads the file; a Protobuf schema with
// import paths, or for register without --ref those beside it, is
// compiled, its imports read, into lf (nil otherwise, and for a file that
// does not compile with the imports beside it).
// Every problem is a usage error, but for the end of ctx, which ends the
// read of a FIFO.
func (s *schemaFileFlags) parse(ctx context.Context, stdin io.Reader) (_ sr.Schema, lf *schema.LocalFile, _ error) {
	if s.File == "" {
		// FILE "$F" with F unset; - is stdin
		return sr.Schema{}, nil, usageErrorf("schema file \"\": empty file name")
	}
	t, err := registry.TypeOf(s.Type, s.File)
	if err != nil {
		if s.File == "-" && s.Type == "" {
			return sr.Schema{}, nil, usageErrorf("a schema on stdin needs --type")
		}
		return sr.Schema{}, nil, usageErrorf("%v", err)
	}
	out := sr.Schema{Type: t}
	withImports := len(s.ProtoPaths) > 0 && t == sr.TypeProtobuf
	// Without -I, the imports found beside a file, when --ref gives none.
	beside := !withImports && s.registersImports && t == sr.TypeProtobuf && s.File != "-" && len(s.Refs) == 0
	if withImports && len(s.Refs) > 0 {
		return sr.Schema{}, nil, usageErrorf("--ref and --proto-path both give the imports of %s: -I registers each import it finds under its import path and refers to it; give one of them", fileread.Name(s.File))
	}
	given := map[string]string{}
	for _, r := range s.Refs {
		ref, err := registry.ParseReference(r)
		if err != nil {
			return sr.Schema{}, nil, usageErrorf("--ref: %v", err)
		}
		// A registry keeps both, as a new version of the schema, and a
		// reader may resolve the name by either.
		if first, twice := given[ref.Name]; twice {
			return sr.Schema{}, nil, usageErrorf("--ref: reference %q is given twice (%s, then %s): a name refers to one schema", ref.Name, first, r)
		}
		given[ref.Name] = r
		out.References = append(out.References, ref)
	}
	text, err := fileread.ReadNamed(ctx, "schema file", s.File, stdin, fileread.MaxSize, config.DefaultTimeout)
	if fileread.Interrupted(err) {
		return sr.Schema{}, nil, err
	}
	if err != nil {
		return sr.Schema{}, nil, usageErrorf("%v", err)
	}
	if err := refuseEmptySchema("schema file", fileread.Name(s.File), text); err != nil {
		return sr.Schema{}, nil, err
	}
	out.Schema = string(text)
	switch {
	case withImports:
		if lf, err = parseWithImports(ctx, "schema file", fileread.Name(s.File), text, s.ProtoPaths, schema.ParseProto); err != nil {
			return sr.Schema{}, nil, err
		}
	case beside:
		// A file that does not compile so is sent as it is, as before:
		// what it lacks, or where it is wrong, is then said as for stdin.
		if lf, err = parseWithImports(ctx, "schema file", fileread.Name(s.File), text, nil, schema.ParseProto); err != nil {
			if ctx.Err() != nil {
				return sr.Schema{}, nil, err
			}
			lf = nil
		}
	}
	return out, lf, nil
}
