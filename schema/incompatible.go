package schema

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/sr"
)

// AllVersions, as the version of CheckSchema, checks a schema against every
// live version of the subject.
const AllVersions = -2

// IncompatibleError is a schema that may not follow the versions of
// Subject under its compatibility level: a registration the registry
// refused as such (HTTP 409), or a check that said so. Its reasons are the
// registry's, worded alike whatever the registry (Reasons), where a 409's
// own text differs from registry to registry (Confluent's quotes the whole
// old schema).
type IncompatibleError struct {
	Subject string
	// Against is "latest", "all" or a version number.
	Against string
	// Level is the subject's compatibility level, "" when the registry
	// did not say.
	Level   string
	Reasons []string
	Err     error
}

func (e *IncompatibleError) Error() string { return e.Of("the schema") }

func (e *IncompatibleError) Unwrap() error { return e.Err }

// Of is the verdict on name, the schema checked or refused: "NAME is not
// compatible with subject "S" (BACKWARD, against all): REASONS", as
// registry check, registry register and produce --register say it.
func (e *IncompatibleError) Of(name string) string {
	against := "against " + e.Against
	if e.Level != "" {
		against = e.Level + ", " + against
	}
	return fmt.Sprintf("%s is not compatible with subject %q (%s): %s", name, e.Subject, against, e.Why())
}

// Why is the registry's reasons that the schema is not compatible, in one
// clause: "the registry gave no reason" when it gave none.
func (e *IncompatibleError) Why() string {
	if len(e.Reasons) == 0 {
		return "the registry gave no reason"
	}
	return strings.Join(e.Reasons, "; ")
}

// CheckSchema asks the registry whether s may follow version (a number, -1
// for the latest or AllVersions) of subject: POST
// /compatibility/subjects/S/versions[/V]?verbose=true. It returns the
// registry's reasons (Reasons) when it may not; Apicurio answers so with
// HTTP 409, which is taken as its answer. Any other error is the
// registry's, unexplained, for the caller to word.
func (r *Registry) CheckSchema(ctx context.Context, subject string, version int, s sr.Schema) (compatible bool, reasons []string, _ error) {
	path := "/compatibility/subjects/" + url.PathEscape(subject) + "/versions"
	switch {
	case version == -1:
		path += "/latest"
	case version != AllVersions:
		path += "/" + strconv.Itoa(version)
	}
	// Confluent's registry gives its reasons as messages, Apicurio as one
	// reason.
	var res struct {
		Is       bool     `json:"is_compatible"`
		Messages []string `json:"messages"`
		Reason   string   `json:"reason"`
	}
	err := r.Client.Do(sr.WithParams(ctx, sr.Verbose), http.MethodPost, path, s, &res)
	var re *sr.ResponseError
	switch {
	case err == nil:
		reasons = Reasons(res.Messages)
		if res.Reason != "" {
			reasons = append(reasons, registryLine(res.Reason))
		}
		return res.Is, reasons, nil
	case errors.As(err, &re) && re.StatusCode == http.StatusConflict:
		return false, Reasons(splitDetails(re.Error())), nil
	}
	return false, nil, err
}

// Level is subject's compatibility level, its own or the global one, or ""
// when the registry does not say (it is shown, never acted on).
func (r *Registry) Level(ctx context.Context, subject string) string {
	res := r.Client.Compatibility(sr.WithParams(ctx, sr.DefaultToGlobal), subject)
	if res[0].Err == nil {
		return res[0].Level.String()
	}
	res = r.Client.Compatibility(ctx)
	if res[0].Err == nil {
		return res[0].Level.String()
	}
	return ""
}

// incompatible words err, a registration of s under subject that the
// registry refused with HTTP 409, as registry check words the schema: the
// registry is asked to check it (one request more, on refusal only) for
// its reasons, the 409's own taken when the check gives none (an older
// Confluent), and for the subject's level. A 409 that the check does not
// confirm is nil.
func (r *Registry) incompatible(ctx context.Context, err error, re *sr.ResponseError, subject string, s sr.Schema) *IncompatibleError {
	compatible, reasons, cerr := r.CheckSchema(ctx, subject, AllVersions, s)
	if cerr != nil || compatible {
		return nil
	}
	if len(reasons) == 0 {
		reasons = Reasons(splitDetails(re.Error()))
	}
	return &IncompatibleError{Subject: subject, Against: "all", Level: r.Level(ctx, subject), Reasons: reasons, Err: err}
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
		m = registryLine(m)
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
// (shore dev's), into the reasons; a text without details is one reason.
func splitDetails(text string) []string {
	_, list, ok := strings.Cut(registryLine(text), "details: [")
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
