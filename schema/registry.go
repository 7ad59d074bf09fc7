package schema

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/internal/registryurl"
	"github.com/kafkashore/shore/internal/secret"
	"github.com/kafkashore/shore/internal/tlsfile"
)

// RegistryConfig says how to reach a Confluent-compatible schema registry.
// Secrets arrive resolved: reading a password file or running a password
// command is the configuration layer's work.
type RegistryConfig struct {
	// URL is the registry's base URL, for example http://localhost:8081 or,
	// for Apicurio, http://host:8080/apis/ccompat/v7. Credentials in it
	// (https://key:secret@host) are taken as basic auth and never printed.
	URL string
	// Username and Password are HTTP basic auth; a Confluent Cloud API key
	// and secret go here.
	Username string
	Password string
	// Token is sent as "Authorization: Bearer TOKEN"; it excludes basic auth.
	Token string
	// RootCAs are the authorities that sign the registry's certificate;
	// nil means the system's.
	RootCAs *x509.CertPool
	// CAFile names the file RootCAs came from, for messages.
	CAFile string
	// Credentials says, for messages, which credentials are sent and
	// where they came from (user "KEY" with the password from
	// SHORE_REGISTRY_PASSWORD); "" for a general hint.
	Credentials string
	// Timeout bounds each request, connecting included; it must be positive.
	Timeout time.Duration
	// Log, when set, receives one line per HTTP request (-v).
	Log io.Writer
	// OnRequest, when set, is called once for each HTTP request sent, when
	// it is answered or fails (-v counts them).
	OnRequest func()
}

// countingTransport calls onRequest after each round trip of next.
type countingTransport struct {
	next      http.RoundTripper
	onRequest func()
}

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	defer t.onRequest()
	return t.next.RoundTrip(r)
}

// Registry is a schema registry client whose errors are one line naming the
// registry and what was asked for. Schemas fetched by id, and by subject and
// fixed version, are cached: one request per schema per Registry.
type Registry struct {
	// URL is the registry's address as shown in messages, without
	// credentials.
	URL string
	// Client is franz-go's client, for requests Registry has no method for;
	// pass its errors through Explain.
	Client *sr.Client

	timeout  time.Duration
	hasCreds bool
	creds    string // RegistryConfig.Credentials
	caFile   string // RegistryConfig.CAFile
	scheme   string // http or https
	hostPort string // where requests go
	noPort   bool   // the URL names no port: the scheme's is used
	kafka    *kafkaProbe

	mu        sync.Mutex
	byID      map[int]sr.Schema
	byVersion map[Target]sr.SubjectSchema
}

// The credentials of a RegistryConfig that do not go together; the caller,
// which knows where each was given, may name the settings instead.
var (
	ErrURLAndCredentials  = errors.New("schema registry: the URL carries credentials and others are set too; keep one")
	ErrTokenAndUsername   = errors.New("schema registry: both a bearer token and a username are set; keep one")
	ErrPasswordNoUsername = errors.New("schema registry: a password is set but no username")
	ErrUsernameNoPassword = errors.New("schema registry: a username is set but no password")
)

// NewRegistry checks c and builds a client; it does not contact the
// registry. Errors are problems with the configuration itself.
func NewRegistry(c RegistryConfig) (*Registry, error) {
	if c.URL == "" {
		return nil, errors.New("no schema registry: set --registry, SHORE_REGISTRY_URL or a profile's registry.url")
	}
	if c.Timeout <= 0 {
		return nil, fmt.Errorf("schema registry timeout must be positive, got %s", c.Timeout)
	}
	u, err := registryurl.Parse(c.URL)
	if err != nil {
		return nil, fmt.Errorf("schema registry URL %q: %w", secret.MaskURL(c.URL), err)
	}
	if u.User != nil {
		if c.Username != "" || c.Password != "" || c.Token != "" {
			return nil, ErrURLAndCredentials
		}
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
		u.User = nil
	}
	if c.Token != "" && c.Username != "" {
		return nil, ErrTokenAndUsername
	}
	if c.Username == "" && c.Password != "" {
		return nil, ErrPasswordNoUsername
	}
	// Basic auth with an empty password is refused as wrong credentials,
	// which would not say that the password is missing.
	if c.Username != "" && c.Password == "" {
		return nil, ErrUsernameNoPassword
	}
	base := strings.TrimSuffix(u.String(), "/")

	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: c.Timeout}).DialContext
	tr.TLSHandshakeTimeout = c.Timeout
	tr.ResponseHeaderTimeout = c.Timeout
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: c.RootCAs}
	kafka := &kafkaProbe{addr: hostPort(u)}
	var transport http.RoundTripper = probingTransport{next: tr, probe: kafka}
	if c.OnRequest != nil {
		transport = countingTransport{next: transport, onRequest: c.OnRequest}
	}
	opts := []sr.ClientOpt{
		sr.URLs(base),
		// One request never outlives the command's timeout, however slowly
		// the body arrives.
		sr.HTTPClient(&http.Client{Transport: transport, Timeout: c.Timeout}),
		sr.UserAgent("shore"),
	}
	switch {
	case c.Username != "":
		opts = append(opts, sr.BasicAuth(c.Username, c.Password))
	case c.Token != "":
		opts = append(opts, sr.BearerToken(c.Token))
	}
	if c.Log != nil {
		opts = append(opts, sr.LogLevel(sr.LogLevelInfo), sr.LogFn(func(_ int8, msg string, kv ...any) {
			line := fmt.Sprintf("shore: %s registry: %s", time.Now().Format("15:04:05.000"), msg)
			for i := 0; i+1 < len(kv); i += 2 {
				line += fmt.Sprintf(" %v=%v", kv[i], kv[i+1])
			}
			fmt.Fprintln(c.Log, line)
		}))
	}
	cl, err := sr.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("schema registry %s: %w", base, err)
	}
	return &Registry{
		URL:       base,
		Client:    cl,
		timeout:   c.Timeout,
		hasCreds:  c.Username != "" || c.Token != "",
		creds:     c.Credentials,
		caFile:    c.CAFile,
		scheme:    u.Scheme,
		hostPort:  kafka.addr,
		noPort:    u.Port() == "",
		kafka:     kafka,
		byID:      map[int]sr.Schema{},
		byVersion: map[Target]sr.SubjectSchema{},
	}, nil
}

// SchemaByID returns the schema with the given id, asking the registry only
// the first time.
func (r *Registry) SchemaByID(ctx context.Context, id int) (sr.Schema, error) {
	r.mu.Lock()
	s, ok := r.byID[id]
	r.mu.Unlock()
	if ok {
		return s, nil
	}
	s, err := r.Client.SchemaByID(ctx, id)
	if err != nil {
		return sr.Schema{}, r.Explain(err, Target{ID: id})
	}
	if err := r.HoldsSchema(s, Target{ID: id}); err != nil {
		return sr.Schema{}, err
	}
	r.mu.Lock()
	r.byID[id] = s
	r.mu.Unlock()
	return s, nil
}

// SubjectVersionsByID returns the subject versions that hold the schema
// with the given id, by subject and then version (registries list them in
// no fixed order).
func (r *Registry) SubjectVersionsByID(ctx context.Context, id int) ([]sr.SubjectVersion, error) {
	vs, err := r.Client.SchemaVersionsByID(ctx, id)
	if err != nil {
		return nil, r.Explain(err, Target{ID: id})
	}
	slices.SortFunc(vs, func(a, b sr.SubjectVersion) int {
		return cmp.Or(strings.Compare(a.Subject, b.Subject), cmp.Compare(a.Version, b.Version))
	})
	return vs, nil
}

// SchemaByVersion returns a subject's schema at version, or the latest for
// version -1. A fixed version is cached; the latest is asked for each time.
func (r *Registry) SchemaByVersion(ctx context.Context, subject string, version int) (sr.SubjectSchema, error) {
	key := Target{Subject: subject, Version: version}
	if version > 0 {
		r.mu.Lock()
		s, ok := r.byVersion[key]
		r.mu.Unlock()
		if ok {
			return s, nil
		}
	}
	s, err := r.Client.SchemaByVersion(ctx, subject, version)
	if err != nil {
		return sr.SubjectSchema{}, r.Explain(err, key)
	}
	if err := r.HoldsSchema(s.Schema, key); err != nil {
		return sr.SubjectSchema{}, err
	}
	r.mu.Lock()
	r.byVersion[Target{Subject: subject, Version: s.Version}] = s
	r.mu.Unlock()
	return s, nil
}

// HoldsSchema checks that s, the answer to a lookup of target (a schema id,
// or a subject's version), holds a schema: a web server that answers any
// path with JSON of its own, {"status":"ok"}, decodes to an empty schema,
// which no registry keeps and the codecs would refuse in their own words.
func (r *Registry) HoldsSchema(s sr.Schema, target Target) error {
	if s.Schema != "" {
		return nil
	}
	path := fmt.Sprintf("/schemas/ids/%d", target.ID)
	switch {
	case target.Subject != "" && target.Version == -1:
		path = "/subjects/" + url.PathEscape(target.Subject) + "/versions/latest"
	case target.Subject != "":
		path = fmt.Sprintf("/subjects/%s/versions/%d", url.PathEscape(target.Subject), target.Version)
	}
	return &RegistryError{Msg: fmt.Sprintf("%s does not answer as a schema registry (HTTP 200 for GET %s, an answer that holds no schema)", r.URL, path)}
}

// Target names what a request was about, for its error message: a schema
// id, a subject, or a subject's version (-1 the latest). The zero Target is
// the registry as a whole.
type Target struct {
	Subject string
	Version int
	ID      int
}

func (t Target) String() string {
	switch {
	case t.Subject != "" && t.Version == -1:
		return fmt.Sprintf("the latest version of subject %q", t.Subject)
	case t.Subject != "" && t.Version > 0:
		return fmt.Sprintf("version %d of subject %q", t.Version, t.Subject)
	case t.Subject != "":
		return fmt.Sprintf("subject %q", t.Subject)
	case t.ID > 0:
		return fmt.Sprintf("schema id %d", t.ID)
	}
	return "the registry"
}

// RegistryError is a failed registry request, as one line for a person.
type RegistryError struct {
	Msg string
	// NotFound is set when the registry answered that what was asked for
	// does not exist; NoSubject too when that is the subject itself, or
	// SoftDeleted when the subject is soft-deleted.
	NotFound, NoSubject, SoftDeleted bool
	Err                              error
}

func (e *RegistryError) Error() string { return e.Msg }
func (e *RegistryError) Unwrap() error { return e.Err }

// Explain turns an error of a request about target into one line naming
// the registry URL and the target: unreachable, no answer in time, refused
// credentials, no such subject, version or id.
func (r *Registry) Explain(err error, target Target) error {
	if err == nil {
		return nil
	}
	var re *sr.ResponseError
	if errors.As(err, &re) {
		return r.explainResponse(re, target)
	}
	if request, ok := r.notJSON(err); ok {
		return &RegistryError{Msg: fmt.Sprintf("%s does not answer as a schema registry (HTTP 200 for %s, an answer that is not a registry's JSON)", r.URL, request), Err: err}
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	where := r.URL + r.redirectedTo(err)
	msg := fmt.Sprintf("cannot reach schema registry %s: %s", where, r.transportCause(err))
	if cause := r.foreignCause(err); cause != "" {
		msg = fmt.Sprintf("cannot reach schema registry %s: %s", where, cause)
	} else if errors.Is(err, context.DeadlineExceeded) || registryTimedOut(err) {
		msg = fmt.Sprintf("no answer from schema registry %s within %s", where, r.timeout)
	}
	return &RegistryError{Msg: msg, Err: err}
}

// redirectedTo says where a request that failed without an answer had
// been redirected to (", redirected to http://host/schemas/ids/1"), or ""
// when it failed at the registry's URL: the URL given answered, and the
// place it sent the request to is the one that did not.
func (r *Registry) redirectedTo(err error) string {
	var ue *url.Error
	if !errors.As(err, &ue) || ue.URL == r.URL || strings.HasPrefix(ue.URL, r.URL+"/") {
		return ""
	}
	return ", redirected to " + ue.URL
}

// okRequest finds the request in the sr client's error for a 200 answer
// it could not decode: 'unable to decode ok response body from GET
// "http://host/subjects": ...'.
var okRequest = regexp.MustCompile(`from ([A-Z]+) ("(?:[^"\\]|\\.)*"): `)

// notJSON reports whether err is a 200 answer that is not the JSON a
// registry answers with, as a web server gives for any path (a web
// console's page, a login page a redirect led to), and the request
// (GET /subjects) that got it.
func (r *Registry) notJSON(err error) (string, bool) {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &syntaxErr) && !errors.As(err, &typeErr) {
		return "", false
	}
	request := "a request"
	if m := okRequest.FindStringSubmatch(err.Error()); m != nil {
		if u, uerr := strconv.Unquote(m[2]); uerr == nil {
			request = m[1] + " " + strings.TrimPrefix(u, r.URL)
		}
	}
	return request, true
}

// SoftDeleted reports whether the registry holds soft-deleted versions of
// subject: asked of a subject it says it does not have, whether that
// subject is soft-deleted rather than unknown.
func (r *Registry) SoftDeleted(ctx context.Context, subject string) bool {
	return r.SoftDeletedVersions(ctx, subject) > 0
}

// SoftDeletedVersions counts the versions of subject listed with
// ?deleted=true (the soft-deleted ones too): asked of a subject without
// live versions, its soft-deleted ones; 0 when the registry does not
// answer.
func (r *Registry) SoftDeletedVersions(ctx context.Context, subject string) int {
	versions, err := r.Client.SubjectVersions(sr.WithParams(ctx, sr.ShowDeleted), subject)
	if err != nil {
		return 0
	}
	return len(versions)
}

// ExplainRegister is Explain for a registration of s under subject. An
// incompatible schema (HTTP 409, from Confluent's registry, Apicurio and
// shore dev's alike) is an *IncompatibleError, with the subject's level
// and the registry's reasons as registry check gives them; a 409 that a
// check does not confirm quotes the registry's reason. A registry that
// answers with "no such subject" has the subject soft-deleted: Confluent's
// registry would add a new version, shore dev's (srfake) refuses; that is
// said, with what to do, rather than that the subject being registered
// does not exist.
func (r *Registry) ExplainRegister(ctx context.Context, err error, subject string, s sr.Schema) error {
	var re *sr.ResponseError
	if errors.As(err, &re) {
		switch {
		case re.StatusCode == http.StatusConflict:
			if incompatible := r.incompatible(ctx, err, re, subject, s); incompatible != nil {
				return incompatible
			}
			return &RegistryError{Msg: fmt.Sprintf("schema registry %s refused the schema for subject %q as incompatible: %s", r.URL, subject, registryLine(re.Error())), Err: err}
		case re.ErrorCode == sr.ErrSubjectNotFound.Code && r.SoftDeleted(ctx, subject):
			return &RegistryError{Msg: fmt.Sprintf("schema registry %s will not register under subject %q, which is soft-deleted (shore registry list --deleted); delete it for good first: shore registry delete %s --permanent", r.URL, subject, subject), Err: err}
		}
	}
	return r.Explain(err, Target{Subject: subject})
}

func (r *Registry) explainResponse(re *sr.ResponseError, target Target) error {
	e := &RegistryError{Err: re}
	request := re.Method + " " + strings.TrimPrefix(re.URL, r.URL)
	// A registry's errors are JSON objects with an error code.
	notRegistry := re.ErrorCode == 0 && !strings.HasPrefix(strings.TrimSpace(string(re.Raw)), "{")
	switch {
	case re.StatusCode == http.StatusUnauthorized && r.hasCreds && r.creds != "":
		e.Msg = fmt.Sprintf("schema registry %s refused the credentials (HTTP 401): %s", r.URL, r.creds)
	case re.StatusCode == http.StatusUnauthorized && r.hasCreds:
		e.Msg = fmt.Sprintf("schema registry %s refused the credentials (HTTP 401): check the registry username and password, or token", r.URL)
	case re.StatusCode == http.StatusUnauthorized:
		e.Msg = fmt.Sprintf("schema registry %s wants credentials (HTTP 401): set a registry username and password, or a token", r.URL)
	case re.StatusCode == http.StatusForbidden:
		e.Msg = fmt.Sprintf("schema registry %s denied access to %s (HTTP 403 for %s)", r.URL, target, request)
	// Apicurio answers a missing subject's latest version with "version not
	// found".
	case re.ErrorCode == sr.ErrSubjectNotFound.Code,
		re.ErrorCode == sr.ErrVersionNotFound.Code && target.Version <= 0:
		e.NotFound, e.NoSubject = true, true
		e.Msg = fmt.Sprintf("schema registry %s has no subject %q", r.URL, target.Subject)
	case re.ErrorCode == sr.ErrVersionNotFound.Code:
		e.NotFound = true
		e.Msg = fmt.Sprintf("schema registry %s has no %s", r.URL, target)
	case re.ErrorCode == sr.ErrSchemaNotFound.Code && target.ID > 0:
		e.NotFound = true
		e.Msg = fmt.Sprintf("schema registry %s has no schema with id %d", r.URL, target.ID)
	// Go's HTTPS servers (shore dev's among them) answer plain HTTP so.
	case re.StatusCode == http.StatusBadRequest && notRegistry && strings.Contains(string(re.Raw), "HTTP request to an HTTPS server"):
		e.Msg = fmt.Sprintf("cannot reach schema registry %s: it speaks HTTPS; use an https:// URL", r.URL)
	case re.StatusCode == http.StatusNotFound && notRegistry:
		e.Msg = fmt.Sprintf("%s does not answer as a schema registry (HTTP 404 for %s); %s", r.URL, request, cmp.Or(endpointHint(r.URL), pathHint(r.URL)))
	// Some other web server: a page for a method it does not take (501,
	// 405), or a proxy's for a registry that is down (502, 503).
	case notRegistry && len(bytes.TrimSpace(re.Raw)) > 0:
		e.Msg = fmt.Sprintf("%s does not answer as a schema registry (HTTP %d for %s)", r.URL, re.StatusCode, request)
		if hint := endpointHint(r.URL); hint != "" {
			e.Msg += "; " + hint
		}
	default:
		detail := re.Message
		if detail == "" {
			detail = http.StatusText(re.StatusCode)
		}
		e.Msg = fmt.Sprintf("schema registry %s: %s: %s (HTTP %d)", r.URL, target, registryLine(detail), re.StatusCode)
	}
	return e
}

// apicurioPath is where Apicurio serves Confluent's API.
const apicurioPath = "/apis/ccompat/v7"

// pathHint says where a registry answers, for a URL that found a web
// server but no registry: Apicurio's under apicurioPath, Confluent's and
// shore dev's at the root, which a URL already ending in apicurioPath
// needs.
func pathHint(base string) string {
	u, err := url.Parse(base)
	if err != nil || !strings.HasSuffix(strings.TrimSuffix(u.Path, "/"), apicurioPath) {
		return "an Apicurio registry's URL ends in " + apicurioPath
	}
	u.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), apicurioPath)
	return fmt.Sprintf("Confluent's registry and shore dev's answer at the root, not under %s: try %s", apicurioPath, u.String())
}

// endpoints are the first words of the paths of the registry's API, which
// a URL copied from a request (curl $URL/subjects) ends in.
var endpoints = []string{"subjects", "schemas", "config", "compatibility", "mode", "contexts"}

// endpointHint says, of a URL that found a web server but no registry and
// whose path goes on into the registry's API (.../subjects), that shore
// adds that itself, and which URL to try; "" for any other URL.
func endpointHint(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	segments := strings.Split(strings.Trim(u.Path, "/"), "/")
	for i, seg := range segments {
		if slices.Contains(endpoints, seg) {
			u.Path = "/" + strings.Join(segments[:i], "/")
			return fmt.Sprintf("the URL goes on into the registry's API (/%s), which shore asks for itself: try %s", strings.Join(segments[i:], "/"), strings.TrimSuffix(u.String(), "/"))
		}
	}
	return ""
}

// transportCause says why a request got no HTTP answer.
func (r *Registry) transportCause(err error) string {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	names, host := tlsfile.HostMismatch(err)
	switch {
	case errors.Is(err, syscall.ECONNREFUSED) && r.noPort:
		_, port, _ := net.SplitHostPort(r.hostPort)
		return fmt.Sprintf("connection refused on port %s, which a URL without a port means; Confluent's registry and shore dev's listen on 8081", port)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &dnsErr):
		return "unknown host " + dnsErr.Name
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "no route to host"
	case len(names) > 0:
		return fmt.Sprintf("its TLS certificate is for %s, not %s; use a URL with one of those names", strings.Join(names, ", "), host)
	case errors.As(err, &hostErr):
		return "its TLS certificate is not for this host (" + registryCertCause(err) + "); use a URL with a name the certificate holds"
	case errors.As(err, &invalid):
		return "its TLS certificate is not valid (" + registryCertCause(err) + ")"
	case errors.As(err, &unknownAuth) && unknownAuth.Cert != nil && r.caFile != "":
		return fmt.Sprintf("its TLS certificate is signed by %s, which is not in the CA file %s", unknownAuth.Cert.Issuer, r.caFile)
	case errors.As(err, &unknownAuth), errors.As(err, &certErr):
		return "its TLS certificate is not trusted (" + registryCertCause(err) + "); name the CA that signs it with --registry-ca (SHORE_REGISTRY_CA, a profile's registry.ca-file)"
	// net/http says so, in no error of its own type, when an https://
	// URL is answered in plain HTTP.
	case errors.As(err, &recordErr), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return "it does not speak TLS; use an http:// URL"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return registryLine(ue.Err.Error())
	}
	return registryLine(err.Error())
}

// registryCertCause is the innermost certificate complaint.
func registryCertCause(err error) string {
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) {
		return certErr.Err.Error()
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

func registryTimedOut(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func registryLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
