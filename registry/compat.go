package registry

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
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
	path := "/compatibility/subjects/" + url.PathEscape(subject) + "/versions"
	if version != All {
		path += "/" + url.PathEscape(out.Against)
	}
	// Confluent's registry gives its reasons as messages, Apicurio as one
	// reason.
	var res struct {
		Is       bool     `json:"is_compatible"`
		Messages []string `json:"messages"`
		Reason   string   `json:"reason"`
	}
	err := c.r.Client.Do(sr.WithParams(ctx, sr.Verbose), http.MethodPost, path, s, &res)
	var re *sr.ResponseError
	switch {
	case err == nil:
		out.Compatible = res.Is
		out.Messages = append(out.Messages, Reasons(res.Messages)...)
		if res.Reason != "" {
			out.Messages = append(out.Messages, oneLine(res.Reason))
		}
	// Apicurio answers an incompatible schema with 409 rather than
	// is_compatible false.
	case errors.As(err, &re) && re.StatusCode == http.StatusConflict:
		out.Messages = append(out.Messages, Reasons(splitDetails(re.Error()))...)
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
		out.Level = format.Text(c.level(ctx, subject))
	}
	return out, nil
}

// Why is the registry's reasons that the schema is not compatible, in one
// clause: "the registry gave no reason" when it gave none.
func (c Check) Why() string {
	if len(c.Messages) == 0 {
		return "the registry gave no reason"
	}
	return strings.Join(c.Messages, "; ")
}

// Reasons are the reasons among a registry's messages about an
// incompatible schema, each on one line. Confluent's registry gives each
// as {errorType:'T', description:'D', additionalInfo:'A'}, which is D,
// followed by the version compared with, {oldSchemaVersion: N}, which
// begins them ("version N: D"), its text, {oldSchema: '...'}, and its
// level, {validateFields: 'false', compatibility: 'BACKWARD'}, which are
// left out: the old schema is the registry's to show, the level is said
// beside the reasons. Other messages (shore dev's, Apicurio's) are as
// given.
func Reasons(messages []string) []string {
	out := []string{}
	from := 0 // the first reason of the version not yet named
	for _, m := range messages {
		m = oneLine(m)
		switch {
		case strings.HasPrefix(m, "{oldSchemaVersion:"):
			v := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(m, "{oldSchemaVersion:"), "}"))
			for i := from; i < len(out); i++ {
				out[i] = "version " + v + ": " + out[i]
			}
			from = len(out)
		case strings.HasPrefix(m, "{oldSchema:"), strings.HasPrefix(m, "{validateFields:"), strings.HasPrefix(m, "{compatibility:"):
		case strings.HasPrefix(m, "{errorType:"):
			out = append(out, confluentDescription(m))
		default:
			out = append(out, m)
		}
	}
	return out
}

// confluentDescription is the description of a reason of Confluent's
// registry, {errorType:'T', description:'D', additionalInfo:'A'}, or the
// reason as given when it has none. D may hold quotes of its own ('age').
func confluentDescription(m string) string {
	const key = "description:'"
	i := strings.Index(m, key)
	if i < 0 {
		return m
	}
	d := m[i+len(key):]
	if j := strings.LastIndex(d, "', additionalInfo:"); j >= 0 {
		return d[:j]
	}
	return strings.TrimSuffix(d, "'}")
}

// splitDetails splits the text of a registry's 409, which holds its
// reasons as details: [R, R] (Confluent's: each R a {...}, the old schema
// among them, or, before 7.3, an Incompatibility{...}) or details: [R; R]
// (shore dev's), into the reasons; a text
// without details is one reason.
func splitDetails(text string) []string {
	_, list, ok := strings.Cut(oneLine(text), "details: [")
	if !ok || !strings.HasSuffix(list, "]") {
		return []string{text}
	}
	list = strings.TrimSuffix(list, "]")
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(list); i++ {
		switch {
		case list[i] == '{':
			depth++
		case list[i] == '}':
			depth--
		case depth == 0 && (strings.HasPrefix(list[i:], ", {") || strings.HasPrefix(list[i:], ", Incompatibility{") || list[i] == ';'):
			out = append(out, strings.TrimSpace(list[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(list[start:]))
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

// level is subject's compatibility level, its own or the global one, or ""
// when the registry does not say (it is shown, never acted on).
func (c *Client) level(ctx context.Context, subject string) string {
	res := c.r.Client.Compatibility(sr.WithParams(ctx, sr.DefaultToGlobal), subject)
	if res[0].Err == nil {
		return res[0].Level.String()
	}
	res = c.r.Client.Compatibility(ctx)
	if res[0].Err == nil {
		return res[0].Level.String()
	}
	return ""
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
