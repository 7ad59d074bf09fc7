package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
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
			// kafka-avro-console-producer's value.schema property takes
			// the schema's text; --value-schema takes where it is.
			if strings.IndexAny(strings.TrimSpace(side.spec), `{["`) == 0 {
				return usageErrorf("%s takes where the registry holds the schema (topic, SUBJECT, SUBJECT:VERSION or id:N), not the schema's text: write it to a file and give --%s-schema-file FILE --register, which registers it under %s", named(side.name+"-schema"), side.name, o.Topic+"-"+side.name)
			}
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
// or a local file. It returns the registrations --register asks for,
// which set the encoders of the files registered: runProduce makes them
// once the topic is known, so that a mistyped topic leaves the registry
// as it was. Both sides' files are read and checked before anything is
// asked of the registry, so that a usage error in one leaves it as it
// was too.
func (o *produceOptions) encoders(ctx context.Context) (register func(context.Context) error, err error) {
	sides := []schemaSide{
		{name: "key", spec: o.KeySchema, file: o.Schemas.keyFile, message: o.Schemas.keyMessage, enc: &o.Parse.KeyEncoder, messageFlag: &o.Parse.KeyMessageFlag},
		{name: "value", spec: o.ValueSchema, file: o.Schemas.valueFile, message: o.Schemas.valueMessage, enc: &o.Parse.ValueEncoder, messageFlag: &o.Parse.ValueMessageFlag},
	}
	var asks, registers []*schemaSide
	for i := range sides {
		side := &sides[i]
		if side.message != "" {
			*side.messageFlag = o.fromFile.name(side.name + "-message")
		}
		if side.file == "" {
			if side.spec != "" {
				asks = append(asks, side)
			}
			continue
		}
		flag := o.fromFile.name(side.name + "-schema-file")
		lf, err := o.Schemas.localFile(ctx, flag, side.file)
		if err != nil {
			return nil, withReferenceHint(err, side.name, side.file)
		}
		c, err := lf.Codec(side.message)
		if err != nil {
			return nil, usageErrorf("%v", fileread.Errorf(flag, side.file, "%v", err))
		}
		if o.Register {
			// Before anything is registered: a usage error changes
			// nothing.
			if side.name == "key" {
				if err := o.checkKey(schema.RawEncoder(c)); err != nil {
					return nil, err
				}
			}
			side.local = lf
			registers = append(registers, side)
		} else {
			*side.enc = schema.RawEncoder(c)
		}
	}
	if len(asks) == 0 && len(registers) == 0 {
		return func(context.Context) error { return nil }, nil
	}
	// The client is made here, whatever is asked of it later: its
	// settings' errors come before anything dials.
	reg, err := o.Registry(ctx)
	if err != nil {
		return nil, err
	}
	cache := schema.NewCache(reg)
	cache.Warnings = o.IO.ErrOut
	resolve := func(ctx context.Context, sides []*schemaSide) error {
		// made are the schemas registered under new subjects, warned of
		// once all are made, or before the error of one that fails.
		var made []*schema.Schema
		defer func() { o.warnNewSubjects(ctx, reg, made) }()
		for _, side := range sides {
			s, err := o.resolveSide(ctx, reg, cache, side)
			if err != nil {
				return err
			}
			if s.NewSubject {
				made = append(made, s)
			}
		}
		return nil
	}
	if err := resolve(ctx, asks); err != nil {
		return nil, err
	}
	return func(ctx context.Context) error { return resolve(ctx, registers) }, nil
}

// schemaSide is the key's or the value's schema of a produce.
type schemaSide struct {
	name, spec, file, message string
	enc                       **schema.Encoder
	messageFlag               *string
	// local is the file read, when --register registers it.
	local *schema.LocalFile
}

// resolveSide sets the encoder of side from the registry: the schema its
// spec names, or its file once registered, which it returns.
func (o *produceOptions) resolveSide(ctx context.Context, reg *schema.Registry, cache *schema.Cache, side *schemaSide) (*schema.Schema, error) {
	rctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	s, err := o.schemaOf(rctx, reg, cache, side.name, side.spec, side.file, side.local)
	if err != nil {
		return nil, err
	}
	if *side.enc, err = s.Encoder(side.message); err != nil {
		return nil, usageErrorf("%s %s: %v", o.fromFile.name(side.name+"-message"), side.message, err)
	}
	return s, nil
}

// warnNewSubjects warns of each of made, schemas registered under
// subjects the registry did not have, whose subject looks mistyped from
// one it has: the subjects are listed once for the key's and the value's.
func (o *produceOptions) warnNewSubjects(ctx context.Context, reg *schema.Registry, made []*schema.Schema) {
	if len(made) == 0 {
		return
	}
	rctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	subjects := make([]string, len(made))
	for i, s := range made {
		subjects[i] = s.Subject
	}
	for i, near := range registry.New(reg).NearOther(rctx, subjects) {
		warnNewSubject(o.IO.ErrOut, made[i].Subject, near, made[i].Version)
	}
}

// schemaOf finds the schema of one side: the spec's, or that of file,
// read as lf, once registered. A subject reg does not have is named with
// the one it may mean, as shore registry names it.
func (o *produceOptions) schemaOf(ctx context.Context, reg *schema.Registry, cache *schema.Cache, side, spec, file string, lf *schema.LocalFile) (*schema.Schema, error) {
	subject, version, id, _ := parseSchemaSpec(spec)
	if subject == "" && id == 0 || subject == "topic" {
		subject = o.Topic + "-" + side
	}
	if lf != nil {
		s, err := cache.RegisterFile(ctx, subject, lf)
		flag := o.fromFile.name(side + "-schema-file")
		// Refused as incompatible: check's words, the file named by its
		// flag. An import refused so is named by its import path.
		var incompatible *schema.IncompatibleError
		if errors.As(err, &incompatible) && incompatible.Subject == subject {
			return nil, errors.New(incompatible.Of(flag + " " + file))
		}
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", flag, file, err)
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
		return nil, fmt.Errorf("%w; %s", registry.New(reg).NearSubject(ctx, err, subject), o.noSubjectHint(subject, side))
	case errors.As(err, &re) && re.SoftDeleted:
		return nil, fmt.Errorf("%w; produce with the id of one (--%s-schema id:N), which the registry still serves, or register a schema under it again", err, side)
	}
	return s, err
}

// noSubjectHint says what to do about subject, the --value-schema (or
// --key-schema) of side that the registry does not have: what was likely
// meant by a schema file's name, an id or latest, else how to register a
// schema under it.
func (o *produceOptions) noSubjectHint(subject, side string) string {
	flag := "--" + side + "-schema"
	if st, err := os.Stat(subject); err == nil && st.Mode().IsRegular() {
		return fmt.Sprintf("%s is a file: give %s-file %s, with --register to register it under %s-%s", shellWord(subject), flag, shellWord(subject), o.Topic, side)
	}
	if _, err := registry.ParseID(subject); err == nil {
		return fmt.Sprintf("for the schema with id %s, give %s id:%s", subject, flag, subject)
	}
	if subject == "latest" {
		return fmt.Sprintf("for the latest schema of %s-%s, give %s topic (or SUBJECT:latest)", o.Topic, side, flag)
	}
	return fmt.Sprintf("register a schema under it with 'shore registry register %s FILE', or add %s-file FILE --register", subject, flag)
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
