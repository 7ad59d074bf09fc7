package registry

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/schema"
)

// Check is what Check returns: whether a schema may follow the versions of
// a subject.
type Check struct {
	Subject string `json:"subject"`
	// Against is "latest", "all" or a version number.
	Against string `json:"against"`
	// Level is the subject's compatibility level, empty (null in JSON)
	// when the registry did not say.
	Level      format.Text `json:"level"`
	Compatible bool        `json:"compatible"`
	// NewSubject is set when the subject has no versions yet: anything is
	// compatible with nothing.
	NewSubject bool `json:"new_subject"`
	// SoftDeleted counts, with NewSubject, the subject's soft-deleted
	// versions, which a registry does not compare with.
	SoftDeleted int `json:"-"`
	// Near is, with NewSubject and no soft-deleted versions, a live
	// subject whose name is a typo or two away or differs only in case,
	// the one meant most likely, or "".
	Near string `json:"-"`
	// Messages are the registry's reasons; never null in JSON.
	Messages []string `json:"messages"`
}

// Against words a version for Check.Against.
func Against(version int) string {
	switch version {
	case Latest:
		return "latest"
	case All:
		return "all"
	}
	return strconv.Itoa(version)
}

// Check asks the registry whether s may follow version (Latest, All or a
// number) of subject under the subject's compatibility level.
func (c *Client) Check(ctx context.Context, subject string, version int, s sr.Schema) (Check, error) {
	out := Check{Subject: subject, Against: Against(version), Messages: []string{}}
	compatible, reasons, err := c.r.CheckSchema(ctx, subject, version, s)
	var re *sr.ResponseError
	switch {
	case err == nil:
		out.Compatible = compatible
		out.Messages = append(out.Messages, reasons...)
	case errors.As(err, &re) && re.StatusCode == http.StatusUnprocessableEntity:
		if invalid := c.whyInvalid(ctx, s); invalid != nil {
			return Check{}, invalid
		}
		return Check{}, &schema.RegistryError{Msg: fmt.Sprintf("schema registry %s refused the schema as invalid: %s", c.r.URL, oneLine(re.Error())), Err: err}
	default:
		target := schema.Target{Subject: subject, Version: version}
		if version == All {
			target.Version = 0 // the subject, not one version of it
		}
		err = c.r.Explain(err, target)
		if version > 0 {
			// One version asked for: it may be soft-deleted, which a
			// check does not compare with.
			if _, gone, ok := c.softDeleted(ctx, err, subject, version); ok {
				return Check{}, &schema.RegistryError{Msg: fmt.Sprintf("schema registry %s: %s is soft-deleted; a check compares with live versions only (shore registry list %s)", c.r.URL, gone, subject), NotFound: true, Err: err}
			}
			return Check{}, err
		}
		var rerr *schema.RegistryError
		if !errors.As(err, &rerr) || !rerr.NotFound {
			return Check{}, err
		}
		// A registry answers for a subject without versions before it
		// reads the schema: parse it here, so that a schema no registry
		// would take does not pass the gate.
		if err := c.parse(ctx, s); err != nil {
			return Check{}, err
		}
		out.Compatible, out.NewSubject = true, true
		// The same answer comes for a subject whose versions are all
		// soft-deleted: one request more tells them apart.
		out.SoftDeleted = c.r.SoftDeletedVersions(ctx, subject)
		if out.SoftDeleted == 0 {
			if near := c.Near(ctx, []string{subject}).Near; len(near) > 0 {
				out.Near = near[0]
			}
		}
	}
	if !out.NewSubject {
		out.Level = format.Text(c.r.Level(ctx, subject))
	}
	return out, nil
}

// Incompatible is the verdict of c, a check that found the schema not
// compatible, as registry register and produce --register give it too.
func (c Check) Incompatible() *schema.IncompatibleError {
	return &schema.IncompatibleError{Subject: c.Subject, Against: c.Against, Level: c.Level.String(), Reasons: c.Messages}
}

// InvalidSchemaError is a schema that does not parse, as shore's own
// parsers say, with the line and column where they have them.
type InvalidSchemaError struct{ Err error }

func (e *InvalidSchemaError) Error() string { return "the schema does not parse: " + e.Err.Error() }

func (e *InvalidSchemaError) Unwrap() error { return e.Err }

// parse compiles s as shore's decoders do, its references fetched: a
// schema that does not parse is an *InvalidSchemaError; a reference that
// cannot be fetched is the registry's error.
func (c *Client) parse(ctx context.Context, s sr.Schema) error {
	err := schema.NewCache(c.r).Validate(ctx, s)
	var rerr *schema.RegistryError
	if err == nil || errors.As(err, &rerr) || ctx.Err() != nil {
		return err
	}
	return &InvalidSchemaError{Err: err}
}

// whyInvalid is, for a schema the registry refused as invalid (HTTP 422),
// what shore's parser finds wrong with it, which says where (a registry's
// reason rarely does: a cut-short Avro file is "unknown type" and the
// file's text), or nil when shore's parser takes the schema.
func (c *Client) whyInvalid(ctx context.Context, s sr.Schema) error {
	var invalid *InvalidSchemaError
	if errors.As(c.parse(ctx, s), &invalid) {
		return invalid
	}
	return nil
}

// Level is a compatibility level: a subject's, or the global one when
// Subject is "".
type Level struct {
	Subject string `json:"subject"`
	Level   string `json:"level"`
}

// ParseLevel parses a compatibility level name, in any case. Its error
// lists the names, for a caller that names the value refused.
func ParseLevel(s string) (sr.CompatibilityLevel, error) {
	var l sr.CompatibilityLevel
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("want one of %s", strings.Join(LevelNames, ", "))
	}
	return l, nil
}

// LevelNames are the compatibility levels, weakest first.
var LevelNames = []string{"NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"}

// Levels returns the level of each subject (its own, else the global one),
// or the global level when no subject is given.
func (c *Client) Levels(ctx context.Context, subjects []string) ([]Level, error) {
	return c.levels(c.r.Client.Compatibility(sr.WithParams(ctx, sr.DefaultToGlobal), subjects...))
}

// Unregistered returns those of subjects that have no compatibility level
// of their own (GET /config/S answers 40408, or 40401) and no live version
// either (GET /subjects/S/versions answers 40401): names the registry does
// not know, most likely typed wrong, for which Levels gives the global
// level. Each is true when the subject is soft-deleted: its versions are
// there with ?deleted=true. A registry that answers GET /config/S with the
// global level finds none.
func (c *Client) Unregistered(ctx context.Context, subjects []string) (map[string]bool, error) {
	if len(subjects) == 0 {
		return nil, nil
	}
	out := map[string]bool{}
	for _, r := range c.r.Client.Compatibility(ctx, subjects...) {
		var re *sr.ResponseError
		if !errors.As(r.Err, &re) || re.ErrorCode != sr.ErrSubjectLevelCompatibilityNotConfigured.Code && re.ErrorCode != sr.ErrSubjectNotFound.Code {
			continue // a level of its own, or an answer that does not say
		}
		_, err := c.r.Client.SubjectVersions(ctx, r.Subject)
		switch {
		case errors.As(err, &re) && re.ErrorCode == sr.ErrSubjectNotFound.Code:
			out[r.Subject] = c.r.SoftDeleted(ctx, r.Subject)
		case err != nil:
			return nil, c.r.Explain(err, schema.Target{Subject: r.Subject})
		}
	}
	return out, nil
}

// SetLevel sets the level of each subject, or the global level when no
// subject is given, and returns the levels now in force.
func (c *Client) SetLevel(ctx context.Context, level sr.CompatibilityLevel, subjects []string) ([]Level, error) {
	return c.levels(c.r.Client.SetCompatibility(ctx, sr.SetCompatibility{Level: level}, subjects...))
}

// UnsetLevel removes each subject's own level, so that the global level
// applies to it. A subject without one is left as it is: registries answer
// it "not found" (Confluent's 40401, Apicurio's 40408).
func (c *Client) UnsetLevel(ctx context.Context, subjects []string) error {
	for _, r := range c.r.Client.ResetCompatibility(ctx, subjects...) {
		var re *sr.ResponseError
		if errors.As(r.Err, &re) && (re.ErrorCode == sr.ErrSubjectNotFound.Code || re.ErrorCode == sr.ErrSubjectLevelCompatibilityNotConfigured.Code) {
			continue
		}
		if r.Err != nil {
			return c.r.Explain(r.Err, schema.Target{Subject: r.Subject})
		}
	}
	return nil
}

func (c *Client) levels(results []sr.CompatibilityResult) ([]Level, error) {
	out := make([]Level, 0, len(results))
	for _, r := range results {
		if r.Err != nil {
			return nil, c.r.Explain(r.Err, schema.Target{Subject: r.Subject})
		}
		out = append(out, Level{Subject: r.Subject, Level: r.Level.String()})
	}
	return out, nil
}
