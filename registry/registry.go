// Package registry is what `shore registry` does with a schema registry:
// list subjects, show, register and check schemas, get and set
// compatibility levels, delete. [Client] wraps a [schema.Registry]; its
// results are the rows the command prints, with json tags that are the
// documented -o json shape. The parsers of the command's arguments
// ([ParseVersion], [ParseReference], [ParseLevel], [TypeOf]) are pure.
package registry

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/schema"
)

// Version numbers with a meaning of their own, as franz-go's sr takes them.
const (
	// Latest is a subject's newest live version.
	Latest = -1
	// All is every live version of a subject, for a compatibility check.
	All = schema.AllVersions
)

// Client runs the registry command's requests.
type Client struct {
	r *schema.Registry
}

// New returns a Client of r.
func New(r *schema.Registry) *Client { return &Client{r: r} }

// Names returns the subjects' names, sorted: one request, for completion.
func (c *Client) Names(ctx context.Context) ([]string, error) {
	names, err := c.r.Client.Subjects(ctx)
	if err != nil {
		return nil, c.r.Explain(err, schema.Target{})
	}
	sort.Strings(names)
	return names, nil
}

// Subject is one row of List: a subject and its latest version.
type Subject struct {
	Subject string `json:"subject"`
	Latest  int    `json:"latest"`
	ID      int    `json:"id"`
	Type    string `json:"type"`
	// Deleted is set for a soft-deleted subject, which List gives only
	// when asked to; Latest is then its latest soft-deleted version.
	Deleted bool `json:"deleted,omitempty"`
}

// listConcurrency bounds the requests List has in flight.
const listConcurrency = 8

// List returns every live subject, sorted, with its latest version, and,
// when withDeleted, the soft-deleted subjects too. A subject whose latest
// version the registry no longer has (40401 subject not found, 40402
// version not found) was deleted between the listing and the asking, and
// is left out, as a listing a moment later would leave it out.
func (c *Client) List(ctx context.Context, withDeleted bool) ([]Subject, error) {
	names, err := c.r.Client.Subjects(ctx)
	if err != nil {
		return nil, c.r.Explain(err, schema.Target{})
	}
	var softDeleted map[string]bool
	if withDeleted {
		all, err := c.r.Client.Subjects(sr.WithParams(ctx, sr.ShowDeleted))
		if err != nil {
			return nil, c.r.Explain(err, schema.Target{})
		}
		live := make(map[string]bool, len(names))
		for _, name := range names {
			live[name] = true
		}
		softDeleted = make(map[string]bool)
		for _, name := range all {
			if !live[name] {
				live[name], softDeleted[name] = true, true
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	out := make([]Subject, len(names))
	errs := make([]error, len(names))
	deleted := make([]bool, len(names))
	sem := make(chan struct{}, listConcurrency)
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			ask := ctx
			if softDeleted[name] {
				ask = sr.WithParams(ctx, sr.ShowDeleted)
			}
			s, err := c.r.Client.SchemaByVersion(ask, name, Latest)
			var re *sr.ResponseError
			switch {
			case errors.As(err, &re) && (re.ErrorCode == sr.ErrSubjectNotFound.Code || re.ErrorCode == sr.ErrVersionNotFound.Code):
				deleted[i] = true
			case err != nil:
				errs[i] = c.r.Explain(err, schema.Target{Subject: name, Version: Latest})
			default:
				out[i] = Subject{Subject: name, Latest: s.Version, ID: s.ID, Type: typeName(s.Type), Deleted: softDeleted[name]}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	live := out[:0]
	for i, s := range out {
		if !deleted[i] {
			live = append(live, s)
		}
	}
	return live, nil
}

// Version is one row of Versions: a version of a subject.
type Version struct {
	Subject string `json:"subject"`
	Version int    `json:"version"`
	ID      int    `json:"id"`
	Type    string `json:"type"`
	// Deleted is set for a soft-deleted version, which Versions gives
	// only when asked to.
	Deleted bool `json:"deleted,omitempty"`
}

// Versions returns the live versions of each subject, in the order given,
// each subject's in ascending order, and, when withDeleted, its
// soft-deleted versions too, marked. The subjects the registry does not
// have are left out, named in one error of failed (an
// *UnknownSubjectsError), and so are, without withDeleted, those whose
// versions are all soft-deleted, in one error after it that says so.
func (c *Client) Versions(ctx context.Context, subjects []string, withDeleted bool) (out []Version, failed []error, err error) {
	out = []Version{}
	var unknown, gone []string
	for _, subject := range subjects {
		live, err := c.r.Client.SubjectVersions(ctx, subject)
		if err != nil {
			err = c.r.Explain(err, schema.Target{Subject: subject})
			_, _, ok := c.softDeleted(ctx, err, subject, Latest)
			var rerr *schema.RegistryError
			switch {
			case !ok && errors.As(err, &rerr) && rerr.NotFound:
				unknown = appendNew(unknown, subject)
				continue
			case !ok:
				return nil, nil, err
			case !withDeleted:
				gone = appendNew(gone, subject)
				continue
			}
		}
		versions := live
		if withDeleted {
			if versions, err = c.r.Client.SubjectVersions(sr.WithParams(ctx, sr.ShowDeleted), subject); err != nil {
				return nil, nil, c.r.Explain(err, schema.Target{Subject: subject})
			}
		}
		slices.Sort(versions)
		for _, v := range versions {
			deleted := !slices.Contains(live, v)
			ask := ctx
			if deleted {
				ask = sr.WithParams(ctx, sr.ShowDeleted)
			}
			s, err := c.r.Client.SchemaByVersion(ask, subject, v)
			if err != nil {
				return nil, nil, c.r.Explain(err, schema.Target{Subject: subject, Version: v})
			}
			out = append(out, Version{Subject: subject, Version: v, ID: s.ID, Type: typeName(s.Type), Deleted: deleted})
		}
	}
	if len(unknown) > 0 {
		failed = append(failed, c.Unknown(ctx, unknown))
	}
	if len(gone) > 0 {
		names := Subjects{Names: gone}
		failed = append(failed, &schema.RegistryError{Msg: fmt.Sprintf("schema registry %s: %s %s soft-deleted; give --deleted to list %s", c.r.URL, names, names.Agree("is", "are"), names.Agree("it", "them")), NotFound: true})
	}
	return out, failed, nil
}

// appendNew appends name to names unless it is there already: a subject
// given twice is named once.
func appendNew(names []string, name string) []string {
	if slices.Contains(names, name) {
		return names
	}
	return append(names, name)
}

// Subjects names subjects in one clause of a message, in the order given:
// subject "a", or subjects "a" (did you mean "ab"?) and "b".
type Subjects struct {
	Names []string
	// Near holds, when set, for each of Names a live subject whose name
	// is a typo or two away or differs only in case, the one meant most
	// likely, or "".
	Near []string
}

func (s Subjects) String() string {
	quoted := make([]string, len(s.Names))
	for i, name := range s.Names {
		quoted[i] = strconv.Quote(name)
		if i < len(s.Near) && s.Near[i] != "" {
			quoted[i] += fmt.Sprintf(" (did you mean %q?)", s.Near[i])
		}
	}
	if len(quoted) == 1 {
		return "subject " + quoted[0]
	}
	return "subjects " + format.List(quoted, "and")
}

// Agree is one, or many when s names several subjects: the words after
// s agree with it.
func (s Subjects) Agree(one, many string) string {
	if len(s.Names) > 1 {
		return many
	}
	return one
}

// UnknownSubjectsError is subjects that a registry does not have, named in
// one line: schema registry URL has no subjects "a" and "b".
type UnknownSubjectsError struct {
	URL      string
	Subjects Subjects
}

func (e *UnknownSubjectsError) Error() string {
	return fmt.Sprintf("schema registry %s has no %s", e.URL, e.Subjects)
}

// Unknown is the error for names, subjects the registry does not have,
// each with the live subject it may mean (see Near).
func (c *Client) Unknown(ctx context.Context, names []string) *UnknownSubjectsError {
	return &UnknownSubjectsError{URL: c.r.URL, Subjects: c.Near(ctx, names)}
}

// Near names names with, for each, the live subject nearest to it, if
// one is: one request, GET /subjects. A registry that does not answer it
// suggests none.
func (c *Client) Near(ctx context.Context, names []string) Subjects {
	out := Subjects{Names: names}
	live, err := c.r.Client.Subjects(ctx)
	if err != nil {
		return out
	}
	out.Near = make([]string, len(names))
	for i, name := range names {
		out.Near[i] = format.NearestName(name, live)
	}
	return out
}

// NearOther is, for each of subjects, ones a registration has just made,
// the live subject other than it that it looks mistyped from (Mistyped), or
// "": one request, GET /subjects, for all. A registry that does not answer
// it suggests none.
func (c *Client) NearOther(ctx context.Context, subjects []string) []string {
	out := make([]string, len(subjects))
	live, err := c.r.Client.Subjects(ctx)
	if err != nil {
		return out
	}
	for i, subject := range subjects {
		out[i] = Mistyped(subject, live)
	}
	return out
}

// Mistyped is the one of live, a registry's subjects, that subject, a new
// subject's name, looks like a slip of the hand from, or "": one that
// differs from it only in case, by two neighbouring characters swapped
// (ordres-value), or by one letter added, left out or replaced
// (order-value). A digit or separator that differs (orders2-value,
// orders-v2-value or orders_value beside orders-value), or a letter that
// is a word alone (events-b-value beside events-a-value), is taken as
// meant: a new version or sibling of a subject is named so on purpose, and
// a warning each time would cry wolf. Of several, the nearest
// (format.NearestName).
func Mistyped(subject string, live []string) string {
	var slips []string
	for _, s := range live {
		if s != subject && slip(subject, s) {
			slips = append(slips, s)
		}
	}
	return format.NearestName(subject, slips)
}

// slip reports whether a and b, which differ, differ only in case, by two
// neighbouring characters swapped, or by one letter that is not a word
// alone (shard-a for shard-b names another shard). It counts characters,
// not bytes: zrüich is zürich's two neighbours swapped.
func slip(as, bs string) bool {
	if strings.EqualFold(as, bs) {
		return true
	}
	a, b := []rune(as), []rune(bs)
	if len(a) < len(b) {
		a, b = b, a
	}
	i := 0 // the first character where they differ
	for i < len(b) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b)+1:
		return slices.Equal(a[i+1:], b[i:]) && unicode.IsLetter(a[i]) && !wordAlone(a, i)
	case len(a) != len(b):
		return false
	case slices.Equal(a[i+1:], b[i+1:]):
		return unicode.IsLetter(a[i]) && unicode.IsLetter(b[i]) && !wordAlone(a, i)
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && slices.Equal(a[i+2:], b[i+2:])
}

// wordAlone reports whether s's character at i is a word of its own:
// neither neighbour a letter or a digit.
func wordAlone(s []rune, i int) bool {
	return (i == 0 || !isWordChar(s[i-1])) && (i+1 == len(s) || !isWordChar(s[i+1]))
}

// isWordChar is a letter or a digit.
func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// NearSubject is err, an explained answer that the registry has no
// subject (NoSubject), naming the live subject it may mean as list does:
// schema registry URL has no subject "ordres-value" (did you mean
// "orders-value"?). Other errors, and a subject near none, are as they
// are.
func (c *Client) NearSubject(ctx context.Context, err error, subject string) error {
	var rerr *schema.RegistryError
	if !errors.As(err, &rerr) || !rerr.NoSubject {
		return err
	}
	near := c.Near(ctx, []string{subject})
	if len(near.Near) == 0 || near.Near[0] == "" {
		return err
	}
	return &schema.RegistryError{Msg: (&UnknownSubjectsError{URL: c.r.URL, Subjects: near}).Error(), NotFound: true, NoSubject: true, Err: err}
}

// typeName is the registry's name of a schema type; AVRO for the default.
func typeName(t sr.SchemaType) string { return t.String() }

// Reference is a named reference of a schema to a version of a subject.
type Reference struct {
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Version int    `json:"version"`
}

// SubjectVersion is a version of a subject that holds a schema.
type SubjectVersion struct {
	Subject string `json:"subject"`
	Version int    `json:"version"`
	// Deleted is set for a soft-deleted version.
	Deleted bool `json:"deleted,omitempty"`
}

// String is v as shore's messages and tables name a subject version:
// "orders-value version 3".
func (v SubjectVersion) String() string {
	return fmt.Sprintf("%s version %d", v.Subject, v.Version)
}

// Schema is what Show returns.
type Schema struct {
	// Subject and Version are set when the schema was asked for by them.
	Subject string `json:"subject,omitempty"`
	Version int    `json:"version,omitempty"`
	ID      int    `json:"id"`
	Type    string `json:"type"`
	// References are never null in JSON.
	References []Reference `json:"references"`
	// UsedBy are the subject versions that hold the schema, soft-deleted
	// ones too, when it was asked for by id (then never null in JSON).
	UsedBy *[]SubjectVersion `json:"used_by,omitempty"`
	// Deleted is set when the version is soft-deleted, which Show gives
	// only when asked to.
	Deleted bool `json:"deleted,omitempty"`
	// Schema is the schema's text as the registry keeps it, except a
	// Protobuf schema kept as a base64 FileDescriptorProto, which is
	// printed as .proto source.
	Schema string `json:"schema"`
	// Descriptor is the base64 FileDescriptorProto the registry keeps
	// when Schema is its .proto source.
	Descriptor string `json:"descriptor,omitempty"`
	// NotSource says why a schema kept as a base64 FileDescriptorProto is
	// in Schema as kept: it did not compile with its references.
	NotSource error `json:"-"`
}

func references(refs []sr.SchemaReference) []Reference {
	out := make([]Reference, 0, len(refs))
	for _, r := range refs {
		out = append(out, Reference{Name: r.Name, Subject: r.Subject, Version: r.Version})
	}
	return out
}

// Show returns version (or Latest) of subject; a soft-deleted one only
// when withDeleted, and then marked. A soft-deleted one asked for without
// withDeleted is an error that says so.
func (c *Client) Show(ctx context.Context, subject string, version int, withDeleted bool) (Schema, error) {
	s, err := c.r.Client.SchemaByVersion(ctx, subject, version)
	deleted := false
	if err != nil {
		err = c.r.Explain(err, schema.Target{Subject: subject, Version: version})
		kept, gone, ok := c.softDeleted(ctx, err, subject, version)
		if !ok {
			return Schema{}, c.NearSubject(ctx, err, subject)
		}
		if !withDeleted {
			return Schema{}, &schema.RegistryError{Msg: fmt.Sprintf("schema registry %s: %s is soft-deleted; give --deleted to show it", c.r.URL, gone), NotFound: true, Err: err}
		}
		s, deleted = kept, true
	}
	if err := c.r.HoldsSchema(s.Schema, schema.Target{Subject: subject, Version: version}); err != nil {
		return Schema{}, err
	}
	out := Schema{Subject: s.Subject, Version: s.Version, ID: s.ID, Type: typeName(s.Type), References: references(s.References), Deleted: deleted}
	err = c.setText(ctx, &out, s.Schema)
	return out, err
}

// softDeleted looks for version (Latest or a number) of subject among the
// soft-deleted versions when err, the explained answer to a lookup among
// the live ones, says it was not found; ok is set when the registry has it
// soft-deleted. gone names what is soft-deleted: the version, or for Latest
// the subject, since only a whole subject's deletion leaves no latest
// version.
func (c *Client) softDeleted(ctx context.Context, err error, subject string, version int) (kept sr.SubjectSchema, gone schema.Target, ok bool) {
	var rerr *schema.RegistryError
	if !errors.As(err, &rerr) || !rerr.NotFound {
		return kept, gone, false
	}
	kept, err = c.r.Client.SchemaByVersion(sr.WithParams(ctx, sr.ShowDeleted), subject, version)
	if err != nil {
		return kept, gone, false
	}
	gone = schema.Target{Subject: subject, Version: version}
	if version == Latest {
		gone.Version = 0
	}
	return kept, gone, true
}

// setText sets out's text from the schema kept: a base64
// FileDescriptorProto as .proto source, the descriptor beside it. One that
// does not compile is shown as kept, NotSource saying why; an error is
// returned only when the time ran out or the command was interrupted
// while its references were fetched.
func (c *Client) setText(ctx context.Context, out *Schema, kept sr.Schema) error {
	out.Schema = kept.Schema
	src, ok, err := schema.NewCache(c.r).ProtoSource(ctx, kept)
	switch {
	case err != nil && ctx.Err() != nil:
		return err
	case err != nil:
		out.NotSource = err
	case ok:
		out.Schema, out.Descriptor = src, kept.Schema
	}
	return nil
}

// ShowID returns the schema with id and the subject versions that hold it.
func (c *Client) ShowID(ctx context.Context, id int) (Schema, error) {
	s, err := c.r.SchemaByID(ctx, id)
	if err != nil {
		return Schema{}, err
	}
	live, err := c.r.SubjectVersionsByID(ctx, id)
	if err != nil {
		return Schema{}, err
	}
	// The soft-deleted versions that hold it tell where old records came
	// from.
	all, err := c.r.SubjectVersionsByID(sr.WithParams(ctx, sr.ShowDeleted), id)
	if err != nil {
		return Schema{}, err
	}
	used := make([]SubjectVersion, 0, len(all))
	for _, u := range all {
		used = append(used, SubjectVersion{Subject: u.Subject, Version: u.Version, Deleted: !slices.Contains(live, u)})
	}
	out := Schema{ID: id, Type: typeName(s.Type), References: references(s.References), UsedBy: &used}
	err = c.setText(ctx, &out, s)
	return out, err
}

// MaxNumber is the largest schema id and version: a registry numbers both
// with Java's int, and the wire format gives an id 4 bytes.
const MaxNumber = math.MaxInt32

// ErrOutOfRange is in the error of an id or a version above MaxNumber.
var ErrOutOfRange = errors.New("out of range")

// ParseVersion parses a version argument: a number from 1 to MaxNumber,
// or "latest".
func ParseVersion(s string) (int, error) {
	if strings.EqualFold(s, "latest") {
		return Latest, nil
	}
	return parseNumber(s, "version %q: %w: want a number from 1 to %d, or latest", "version %q: want a number from 1, or latest")
}

// ParseID parses a schema id: a number from 1 to MaxNumber.
func ParseID(s string) (int, error) {
	return parseNumber(s, "%q is %w: want a schema id from 1 to %d", "%q is not a schema id (1 or more)")
}

// parseNumber parses s as a schema id or version, from 1 to MaxNumber.
// Its errors are worded by outOfRange (of s, ErrOutOfRange and
// MaxNumber) for a number above MaxNumber, and by notNumber (of s) for
// anything else.
func parseNumber(s, outOfRange, notNumber string) (int, error) {
	n, ok, tooLarge := format.ParseInt32(s, 1)
	switch {
	case tooLarge:
		return 0, fmt.Errorf(outOfRange, s, ErrOutOfRange, MaxNumber)
	case !ok:
		return 0, fmt.Errorf(notNumber, s)
	}
	return int(n), nil
}

// ParseSubjectVersion parses SUBJECT[:VERSION]; no version (or "latest")
// is Latest. The version follows the last ':', so that a subject may hold
// one: those of a subject qualified by a Confluent context,
// :.CONTEXT:SUBJECT, are its own.
func ParseSubjectVersion(s string) (subject string, version int, err error) {
	name := 0 // where the subject's name starts, after its context
	if ctx, ok := strings.CutPrefix(s, ":."); ok {
		if i := strings.IndexByte(ctx, ':'); i >= 0 {
			name = len(":.") + i + 1
		}
	}
	subject, version = s, Latest
	if i := strings.LastIndexByte(s[name:], ':'); i >= 0 {
		if version, err = ParseVersion(s[name+i+1:]); err != nil {
			return "", 0, err
		}
		subject = s[:name+i]
	}
	if subject == "" {
		return "", 0, ErrEmptySubject
	}
	return subject, version, nil
}

// ErrEmptySubject is a SUBJECT[:VERSION] without the subject.
var ErrEmptySubject = errors.New("empty subject")

// ParseReference parses NAME=SUBJECT[:VERSION], the target as
// ParseSubjectVersion does; no version (or "latest") is Latest, which
// ResolveReferences turns into a number.
func ParseReference(s string) (sr.SchemaReference, error) {
	name, target, ok := strings.Cut(s, "=")
	if !ok || name == "" || target == "" {
		return sr.SchemaReference{}, fmt.Errorf("reference %q: want NAME=SUBJECT[:VERSION]", s)
	}
	subject, version, err := ParseSubjectVersion(target)
	switch {
	case errors.Is(err, ErrEmptySubject):
		return sr.SchemaReference{}, fmt.Errorf("reference %q: %v; want NAME=SUBJECT[:VERSION]", s, err)
	case err != nil:
		return sr.SchemaReference{}, fmt.Errorf("reference %q: %v", s, err)
	}
	return sr.SchemaReference{Name: name, Subject: subject, Version: version}, nil
}

// ResolveReferences replaces a Latest version by the number it is now, as
// the registry wants numbers, and makes sure each version exists: a
// registry words a missing one inside its reason for refusing the schema,
// as raw JSON. The references to subjects the registry does not have are
// named together, in one error; otherwise the first that fails is.
func (c *Client) ResolveReferences(ctx context.Context, refs []sr.SchemaReference) ([]sr.SchemaReference, error) {
	out := make([]sr.SchemaReference, len(refs))
	var names, unknown []string
	var first error
	for i, ref := range refs {
		s, err := c.r.SchemaByVersion(ctx, ref.Subject, ref.Version)
		var rerr *schema.RegistryError
		switch {
		case errors.As(err, &rerr) && rerr.NoSubject:
			names = append(names, ref.Name)
			unknown = appendNew(unknown, ref.Subject)
		case err != nil && rerr != nil && rerr.NotFound:
			if first == nil {
				first = fmt.Errorf("reference %s: %w", ref.Name, err)
			}
		case err != nil:
			// Unreachable, refused credentials: the others would fail
			// the same way.
			return nil, fmt.Errorf("reference %s: %w", ref.Name, err)
		}
		ref.Version = s.Version
		out[i] = ref
	}
	switch {
	case len(names) == 1:
		return nil, fmt.Errorf("reference %s: %w", names[0], c.Unknown(ctx, unknown))
	case len(names) > 1:
		return nil, fmt.Errorf("references %s: %w", format.List(names, "and"), c.Unknown(ctx, unknown))
	case first != nil:
		return nil, first
	}
	return out, nil
}

// TypeOf is the schema type named by a --type value, or, when that is
// empty, by the file's extension: .avsc Avro, .proto Protobuf, .json JSON
// Schema; .avro, an Avro data file's, is refused (schema.ErrAvroDataFile).
func TypeOf(flag, path string) (sr.SchemaType, error) {
	if flag == "" {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".avsc":
			return sr.TypeAvro, nil
		case ".avro":
			return 0, fmt.Errorf("%s: %w", path, schema.ErrAvroDataFile)
		case ".proto":
			return sr.TypeProtobuf, nil
		case ".json":
			return sr.TypeJSON, nil
		}
		return 0, fmt.Errorf("cannot tell the schema type of %s from its name (.avsc, .proto or .json); give --type", path)
	}
	var t sr.SchemaType
	if err := t.UnmarshalText([]byte(strings.ToUpper(flag))); err != nil {
		return 0, fmt.Errorf("--type %q: want avro, protobuf or json", flag)
	}
	return t, nil
}

// Registered is what Register returns.
type Registered struct {
	Subject string `json:"subject"`
	Version int    `json:"version"`
	ID      int    `json:"id"`
	// Near is, when the registry did not have the subject, the live
	// subject it looks mistyped from (Mistyped), or "".
	Near string `json:"-"`
}

// RegisterImports registers the files a local .proto file imports and
// returns its references to them, and every file it imports, registered or
// found registered, as schema.Registry.RegisterImports does.
func (c *Client) RegisterImports(ctx context.Context, lf *schema.LocalFile) ([]sr.SchemaReference, []schema.Import, error) {
	return c.r.RegisterImports(ctx, lf)
}

// Register adds s to subject as a new version, or finds it there already.
func (c *Client) Register(ctx context.Context, subject string, s sr.Schema) (Registered, error) {
	var near string
	if live, err := c.r.Client.Subjects(ctx); err == nil && !slices.Contains(live, subject) {
		near = Mistyped(subject, live)
	}
	id, err := c.r.Client.RegisterSchema(ctx, subject, s, -1, -1)
	if err != nil {
		return Registered{}, c.explainRefused(ctx, err, subject, s)
	}
	found, err := c.r.Client.LookupSchema(ctx, subject, s)
	if err != nil {
		return Registered{}, c.r.Explain(err, schema.Target{Subject: subject})
	}
	return Registered{Subject: subject, Version: found.Version, ID: id, Near: near}, nil
}

// explainRefused words a refused registration of s: an invalid schema
// (422) quotes the registry's reason unless shore's parser says where it is
// wrong (whyInvalid); the rest, an incompatible one among them, as produce
// --register words them (schema.Registry.ExplainRegister).
func (c *Client) explainRefused(ctx context.Context, err error, subject string, s sr.Schema) error {
	var re *sr.ResponseError
	if errors.As(err, &re) && re.StatusCode == http.StatusUnprocessableEntity {
		if invalid := c.whyInvalid(ctx, s); invalid != nil {
			return invalid
		}
		return &schema.RegistryError{Msg: fmt.Sprintf("schema registry %s refused the schema for subject %q as invalid: %s", c.r.URL, subject, oneLine(re.Error())), Err: err}
	}
	return c.r.ExplainRegister(ctx, err, subject, s)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
