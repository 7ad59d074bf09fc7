package cmd

import (
	"bytes"
	"context"
	"os"

	"github.com/spf13/pflag"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/internal/fileread"
	"github.com/kafkashore/shore/schema"
)

// schemaFlags are the flags consume and produce share for schemas: local
// schema files, Protobuf message types and import paths.
type schemaFlags struct {
	keyFile, valueFile       string
	keyMessage, valueMessage string
	protoPaths               []string
}

func (s *schemaFlags) add(fl *pflag.FlagSet, verb string) {
	fl.StringVar(&s.valueFile, "value-schema-file", "", "a local schema file that "+verb+" values without a registry header: .avsc (Avro), .proto (Protobuf) or .json (JSON Schema); .avro, an Avro data file's name, is refused")
	fl.StringVar(&s.keyFile, "key-schema-file", "", "as --value-schema-file, for keys")
	fl.StringVar(&s.valueMessage, "value-message", "", "the Protobuf message type of values: its full name (shop.Order.Line), its name in the package (Order.Line) or, when no other message has it, its short name (Line) (default: the first message of the file)")
	fl.StringVar(&s.keyMessage, "key-message", "", "as --value-message, for keys")
	addProtoPathFlag(fl, &s.protoPaths)
	markPaths(fl, "value-schema-file", "key-schema-file")
}

// emptyFlag is a flag that takes no empty value, and what to say of one.
type emptyFlag struct{ name, value, want string }

// refuseEmpty refuses a schema flag given empty, as --value-schema-file
// "$FILE" gives it with FILE unset: taken as not given, it would have
// produce send each document as its JSON text, which the topic's readers
// cannot decode, and consume leave the records undecoded. more are the
// command's own such flags.
func (s *schemaFlags) refuseEmpty(given flagsGiven, named func(string) string, more ...emptyFlag) error {
	for _, f := range append([]emptyFlag{
		{"value-schema-file", s.valueFile, "empty file name"},
		{"key-schema-file", s.keyFile, "empty file name"},
		{"value-message", s.valueMessage, "empty message name"},
		{"key-message", s.keyMessage, "empty message name"},
	}, more...) {
		if given(f.name) && f.value == "" {
			return usageErrorf("%s \"\": %s", named(f.name), f.want)
		}
	}
	return nil
}

// addProtoPathFlag adds -I, --proto-path, the directories where the
// imports of a .proto file are found.
func addProtoPathFlag(fl *pflag.FlagSet, dirs *[]string) {
	fl.StringSliceVarP(dirs, "proto-path", "I", nil, "a directory where imports of .proto files are found, which must exist (repeatable; the file's own directory is searched last)")
	markPaths(fl, "proto-path")
}

// localFile reads and parses a local schema file. Its errors are usage
// errors that name flag, the file's setting as the user gave it
// ("--value-schema-file"), and the file, as fileread.Error does; the end
// of ctx ends a read that waits, with its cause.
func (s *schemaFlags) localFile(ctx context.Context, flag, file string) (*schema.LocalFile, error) {
	text, err := fileread.Read(ctx, flag, file, fileread.MaxSize, config.DefaultTimeout)
	if fileread.Interrupted(err) {
		return nil, err
	}
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	if err := refuseEmptySchema(flag, file, text); err != nil {
		return nil, err
	}
	return parseWithImports(ctx, flag, file, text, s.protoPaths, schema.ParseFile)
}

// parseWithImports compiles text, the schema file that where names as
// file, with parse, its imports found in the directories dirs (--proto-path)
// then beside it. Its errors are usage errors that name where and file,
// but for the end of ctx, which ends the read of an import that waits.
func parseWithImports(ctx context.Context, where, file string, text []byte, dirs []string, parse func(path string, text []byte, importPaths []string, read func(path string) ([]byte, error)) (*schema.LocalFile, error)) (*schema.LocalFile, error) {
	// An import path that is no directory would be searched in vain, and
	// one that is the schema file itself made it known by the name ".".
	for _, dir := range dirs {
		st, err := os.Stat(dir)
		switch {
		case err != nil:
			return nil, usageErrorf("%v", fileread.Problem("--proto-path", dir, err))
		case !st.IsDir():
			return nil, usageErrorf("%v", fileread.Errorf("--proto-path", dir, "is a file, not a directory"))
		}
	}
	// An import is read within the cap and time bound of the schema
	// file itself; its errors name the file.
	readImport := func(path string) ([]byte, error) {
		return fileread.Read(ctx, "", path, fileread.MaxSize, config.DefaultTimeout)
	}
	lf, err := parse(file, text, dirs, readImport)
	if err != nil && ctx.Err() != nil {
		// An import's read that a signal ended, whatever the compiler
		// made of it.
		return nil, context.Cause(ctx)
	}
	if err != nil {
		return nil, usageErrorf("%w", fileread.Errorf(where, file, "%w", err))
	}
	return lf, nil
}

// refuseEmptySchema refuses the text of a schema file, which where named
// as path, that holds nothing but white space: a usage error naming both.
func refuseEmptySchema(where, path string, text []byte) error {
	if len(bytes.TrimSpace(text)) == 0 {
		return usageErrorf("%v", fileread.Errorf(where, path, "is empty"))
	}
	return nil
}

// localCodec compiles a local schema file, as localFile reads it; "" is
// none.
func (s *schemaFlags) localCodec(ctx context.Context, flag, file, message string) (schema.Codec, error) {
	if file == "" {
		return nil, nil
	}
	lf, err := s.localFile(ctx, flag, file)
	if err != nil {
		return nil, err
	}
	c, err := lf.Codec(message)
	if err != nil {
		return nil, usageErrorf("%v", fileread.Errorf(flag, file, "%v", err))
	}
	return c, nil
}
