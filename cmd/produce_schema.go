package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kafkashore/shore/internal/fileread"
	"github.com/kafkashore/shore/registry"
	"github.com/kafkashore/shore/schema"
)

// checkSchemaFlags checks the schema flags of produce without reading a
// file or asking the registry.
func (o *produceOptions) checkSchemaFlags() error {
	named := o.fromFile.name
	for _, side := range []struct{ name, spec, file, message string }{
		{"key", o.KeySchema, o.Schemas.keyFile, o.Schemas.keyMessage},
		{"value", o.ValueSchema, o.Schemas.valueFile, o.Schemas.valueMessage},
	} {
		if side.spec != "" {
			if _, _, _, err := parseSchemaSpec(side.spec); err != nil {
				return usageErrorf("%s %q: %v", named(side.name+"-schema"), side.spec, err)
			}
		}
		switch {
		case side.file != "" && side.spec != "" && !o.Register:
			return usageErrorf("%s and %s both choose the schema; add --register to register the file under --%s-schema's subject", named(side.name+"-schema"), named(side.name+"-schema-file"), side.name)
		case side.file != "" && o.Register && strings.HasPrefix(side.spec, "id:"):
			return usageErrorf("%s registers under a subject: %s %q is an id", named("register"), named(side.name+"-schema"), side.spec)
		case side.message != "" && side.spec == "" && side.file == "":
			return usageErrorf("%s needs --%s-schema or --%s-schema-file", named(side.name+"-message"), side.name, side.name)
		}
	}
	if o.Register && o.Schemas.keyFile == "" && o.Schemas.valueFile == "" {
		return usageErrorf("%s needs --value-schema-file or --key-schema-file", named("register"))
	}
	return nil
}

// parseSchemaSpec reads --value-schema: topic, id:N, SUBJECT or
// SUBJECT:VERSION (a number or latest). version is -1 for the latest.
func parseSchemaSpec(spec string) (subject string, version, id int, err error) {
	if rest, ok := strings.CutPrefix(spec, "id:"); ok {
		id, err := registry.ParseID(rest)
		return "", 0, id, err
	}
	subject, version, err = registry.ParseSubjectVersion(spec)
	return subject, version, 0, err
}

// encoders sets the key and value encoders of o.Parse: from the registry,
// or a local file (registered first with --register). Both sides' files
// are read and checked before either is registered, so that a usage
// error in one leaves the registry as it was.
func (o *produceOptions) encoders(ctx context.Context) error {
	sides := []struct {
		name, spec, file, message string
		enc                       **schema.Encoder
		messageFlag               *string
		local                     *schema.LocalFile
	}{
		{name: "key", spec: o.KeySchema, file: o.Schemas.keyFile, message: o.Schemas.keyMessage, enc: &o.Parse.KeyEncoder, messageFlag: &o.Parse.KeyMessageFlag},
		{name: "value", spec: o.ValueSchema, file: o.Schemas.valueFile, message: o.Schemas.valueMessage, enc: &o.Parse.ValueEncoder, messageFlag: &o.Parse.ValueMessageFlag},
	}
	for i := range sides {
		side := &sides[i]
		if side.message != "" {
			*side.messageFlag = o.fromFile.name(side.name + "-message")
		}
		if side.file == "" {
			continue
		}
		flag := o.fromFile.name(side.name + "-schema-file")
		lf, err := o.Schemas.localFile(ctx, flag, side.file)
		if err != nil {
			return withReferenceHint(err, side.name, side.file)
		}
		c, err := lf.Codec(side.message)
		if err != nil {
			return usageErrorf("%v", fileread.Errorf(flag, side.file, "%v", err))
		}
		if !o.Register {
			*side.enc = schema.RawEncoder(c)
		}
		side.local = lf
	}
	var cache *schema.Cache
	var reg *schema.Registry
	for _, side := range sides {
		if side.spec == "" && side.file == "" || side.file != "" && !o.Register {
			continue
		}
		if cache == nil {
			var err error
			if reg, err = o.Registry(ctx); err != nil {
				return err
			}
			cache = schema.NewCache(reg)
			cache.Warnings = o.IO.ErrOut
		}
		rctx, cancel := context.WithTimeout(ctx, o.Timeout)
		s, err := o.schemaOf(rctx, cache, side.name, side.spec, side.file, side.local)
		if err == nil && s.NewSubject {
			warnNewSubject(o.IO.ErrOut, s.Subject, registry.New(reg).NearOther(rctx, s.Subject), s.Version)
		}
		cancel()
		if err != nil {
			return err
		}
		if *side.enc, err = s.Encoder(side.message); err != nil {
			return usageErrorf("%s %s: %v", o.fromFile.name(side.name+"-message"), side.message, err)
		}
	}
	return nil
}

// schemaOf finds the schema of one side: the spec's, or that of file,
// read as lf, once registered.
func (o *produceOptions) schemaOf(ctx context.Context, cache *schema.Cache, side, spec, file string, lf *schema.LocalFile) (*schema.Schema, error) {
	subject, version, id, _ := parseSchemaSpec(spec)
	if subject == "" && id == 0 || subject == "topic" {
		subject = o.Topic + "-" + side
	}
	if lf != nil {
		s, err := cache.RegisterFile(ctx, subject, lf)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", o.fromFile.name(side+"-schema-file"), file, err)
		}
		return s, nil
	}
	if id > 0 {
		return cache.ByID(ctx, id)
	}
	s, err := cache.BySubject(ctx, subject, version)
	var re *schema.RegistryError
	switch {
	case errors.As(err, &re) && re.NoSubject:
		return nil, fmt.Errorf("%w; register a schema under it with 'shore registry register %s FILE', or add --%s-schema-file FILE --register", err, subject, side)
	case errors.As(err, &re) && re.SoftDeleted:
		return nil, fmt.Errorf("%w; produce with the id of one (--%s-schema id:N), which the registry still serves, or register a schema under it again", err, side)
	}
	return s, err
}

// withReferenceHint adds to err, the schema file of side refused, how to
// produce with a schema that refers to a type or schema of another file:
// shore follows no reference of a file (its Protobuf imports it reads from
// the import paths), and the registry holds them.
func withReferenceHint(err error, side, file string) error {
	name, _ := missingReference(err)
	if name == "" {
		return err
	}
	return usageErrorf("%w; if another schema defines it, register that, then this file with 'shore registry register SUBJECT %s --ref %s=ITS_SUBJECT', and produce with --%s-schema SUBJECT", err, shellWord(file), name, side)
}
