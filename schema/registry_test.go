package schema

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/sr"
	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testcerts"
)

const userSchema = `{"type":"record","name":"User","fields":[{"name":"id","type":"string"}]}`

func newTestRegistry(t *testing.T, c RegistryConfig) *Registry {
	t.Helper()
	if c.Timeout == 0 {
		c.Timeout = 5 * time.Second
	}
	r, err := NewRegistry(c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRegistryErrorsNameWhatWasAskedFor(t *testing.T) {
	fake := srfake.New()
	t.Cleanup(fake.Close)
	fake.SeedSchema("users-value", 1, 1, sr.Schema{Schema: userSchema})
	r := newTestRegistry(t, RegistryConfig{URL: fake.URL()})
	ctx := context.Background()

	_, err := r.SchemaByID(ctx, 42)
	wantRegistryError(t, err, "schema registry "+fake.URL()+" has no schema with id 42", true)
	_, err = r.SchemaByVersion(ctx, "nope-value", -1)
	wantRegistryError(t, err, `schema registry `+fake.URL()+` has no subject "nope-value"`, true)
	_, err = r.SchemaByVersion(ctx, "users-value", 3)
	wantRegistryError(t, err, `schema registry `+fake.URL()+` has no version 3 of subject "users-value"`, true)

	s, err := r.SchemaByVersion(ctx, "users-value", -1)
	if err != nil || s.ID != 1 || s.Version != 1 || s.Schema.Schema != userSchema {
		t.Fatalf("latest users-value = %+v, %v", s, err)
	}
}

func TestRegistryNotARegistry(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	r := newTestRegistry(t, RegistryConfig{URL: srv.URL + "/apis"})
	_, err := r.SchemaByID(context.Background(), 1)
	wantRegistryError(t, err, srv.URL+"/apis does not answer as a schema registry (HTTP 404 for GET /schemas/ids/1); an Apicurio registry's URL ends in /apis/ccompat/v7", false)
}

func TestRegistryCachesByID(t *testing.T) {
	fake := srfake.New()
	t.Cleanup(fake.Close)
	fake.SeedSchema("users-value", 1, 7, sr.Schema{Schema: userSchema})
	var requests atomic.Int32
	fake.Intercept(func(http.ResponseWriter, *http.Request) bool {
		requests.Add(1)
		return false
	})
	r := newTestRegistry(t, RegistryConfig{URL: fake.URL()})
	for range 3 {
		s, err := r.SchemaByID(context.Background(), 7)
		if err != nil || s.Schema != userSchema {
			t.Fatalf("SchemaByID(7) = %+v, %v", s, err)
		}
		if _, err := r.SchemaByVersion(context.Background(), "users-value", 1); err != nil {
			t.Fatal(err)
		}
	}
	if n := requests.Load(); n != 2 {
		t.Fatalf("the registry saw %d requests for one id and one version asked three times each, want 2", n)
	}
}

func TestRegistryAuth(t *testing.T) {
	// Confluent Cloud authenticates an API key and secret as basic auth.
	fake := authRegistry(t, "Basic "+base64.StdEncoding.EncodeToString([]byte("CLOUDKEY:cloud/secret+1")))
	fake.SeedSchema("users-value", 1, 1, sr.Schema{Schema: userSchema})
	ctx := context.Background()

	for _, c := range []RegistryConfig{
		{URL: fake.URL(), Username: "CLOUDKEY", Password: "cloud/secret+1"},
		{URL: strings.Replace(fake.URL(), "://", "://CLOUDKEY:cloud%2Fsecret+1@", 1)},
	} {
		if _, err := newTestRegistry(t, c).SchemaByID(ctx, 1); err != nil {
			t.Fatalf("with the right key and secret: %v", err)
		}
	}

	_, err := newTestRegistry(t, RegistryConfig{URL: fake.URL(), Username: "CLOUDKEY", Password: "wrong"}).SchemaByID(ctx, 1)
	wantRegistryError(t, err, "schema registry "+fake.URL()+" refused the credentials (HTTP 401): check the registry username and password, or token", false)
	_, err = newTestRegistry(t, RegistryConfig{URL: fake.URL()}).SchemaByID(ctx, 1)
	wantRegistryError(t, err, "schema registry "+fake.URL()+" wants credentials (HTTP 401): set a registry username and password, or a token", false)

	withCreds := newTestRegistry(t, RegistryConfig{URL: strings.Replace(fake.URL(), "://", "://CLOUDKEY:topsecret@", 1)})
	if withCreds.URL != fake.URL() {
		t.Errorf("URL shown as %q, want %q without the credentials", withCreds.URL, fake.URL())
	}

	bearer := authRegistry(t, "Bearer tok-123")
	bearer.SeedSchema("users-value", 1, 1, sr.Schema{Schema: userSchema})
	if _, err := newTestRegistry(t, RegistryConfig{URL: bearer.URL(), Token: "tok-123"}).SchemaByID(ctx, 1); err != nil {
		t.Fatalf("with the right token: %v", err)
	}
}

// authRegistry is a registry that answers a request without the expected
// Authorization header as Confluent's does: 401. (srfake answers wrong
// credentials with 403.)
func authRegistry(t *testing.T, expected string) *srfake.Registry {
	fake := srfake.New()
	t.Cleanup(fake.Close)
	fake.Intercept(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Header.Get("Authorization") == expected {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error_code":401,"message":"Unauthorized"}`))
		return true
	})
	return fake
}

func TestRegistryForbidden(t *testing.T) {
	fake := srfake.New()
	t.Cleanup(fake.Close)
	fake.Intercept(func(w http.ResponseWriter, _ *http.Request) bool {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"error_code":40301,"message":"User is denied operation Read on Subject: users-value"}`))
		return true
	})
	r := newTestRegistry(t, RegistryConfig{URL: fake.URL(), Username: "u", Password: "p"})
	_, err := r.SchemaByVersion(context.Background(), "users-value", -1)
	wantRegistryError(t, err, `schema registry `+fake.URL()+` denied access to the latest version of subject "users-value" (HTTP 403 for GET /subjects/users-value/versions/latest)`, false)
}

func TestRegistryUnreachable(t *testing.T) {
	url := "http://" + testbroker.Closed(t)
	_, err := newTestRegistry(t, RegistryConfig{URL: url}).SchemaByID(context.Background(), 1)
	wantRegistryError(t, err, "cannot reach schema registry "+url+": connection refused", false)
}

// TestRegistryRedirectUnreachable: a registry URL that redirects to a host
// that refuses the connection names where it was sent, not only the URL
// given, which did answer.
func TestRegistryRedirectUnreachable(t *testing.T) {
	target := "http://" + testbroker.Closed(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(srv.Close)
	_, err := newTestRegistry(t, RegistryConfig{URL: srv.URL}).SchemaByID(context.Background(), 1)
	wantRegistryError(t, err, "cannot reach schema registry "+srv.URL+", redirected to "+target+"/schemas/ids/1: connection refused", false)
}

// TestRegistrySchemaAnswerWithoutSchema: a web server that answers a schema
// lookup with JSON of its own is no registry; the schema was not read as
// an empty one, which the codecs refused with their own words.
func TestRegistrySchemaAnswerWithoutSchema(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"foo":1}`))
	}))
	t.Cleanup(srv.Close)
	r := newTestRegistry(t, RegistryConfig{URL: srv.URL})
	_, err := r.SchemaByID(context.Background(), 1)
	wantRegistryError(t, err, srv.URL+" does not answer as a schema registry (HTTP 200 for GET /schemas/ids/1, an answer that holds no schema)", false)
	_, err = r.SchemaByVersion(context.Background(), "users-value", -1)
	wantRegistryError(t, err, srv.URL+" does not answer as a schema registry (HTTP 200 for GET /subjects/users-value/versions/latest, an answer that holds no schema)", false)
}

func TestRegistrySilentIsBoundedByTimeout(t *testing.T) {
	// A port that accepts connections and never answers.
	url := "http://" + testbroker.Silent(t)
	r := newTestRegistry(t, RegistryConfig{URL: url, Timeout: 200 * time.Millisecond})
	_, err := r.SchemaByVersion(context.Background(), "users-value", -1)
	wantRegistryError(t, err, "no answer from schema registry "+url+" within 200ms", false)
}

func TestRegistryTLSWithItsOwnCA(t *testing.T) {
	set, err := testcerts.New()
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(set.CA.CertPEM)
	fake := srfake.NewRegistry()
	fake.SeedSchema("users-value", 1, 1, sr.Schema{Schema: userSchema})
	srv := httptest.NewUnstartedServer(fake.Handler())
	tlsCfg, err := set.ServerTLS(set.Server, false)
	if err != nil {
		t.Fatal(err)
	}
	srv.TLS = tlsCfg
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes below
	srv.StartTLS()
	t.Cleanup(srv.Close)
	url := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	ctx := context.Background()

	if _, err := newTestRegistry(t, RegistryConfig{URL: url, RootCAs: roots}).SchemaByID(ctx, 1); err != nil {
		t.Fatalf("with the CA file: %v", err)
	}
	_, err = newTestRegistry(t, RegistryConfig{URL: url}).SchemaByID(ctx, 1)
	wantRegistryError(t, err, "cannot reach schema registry "+url+": its TLS certificate is not trusted (x509: certificate signed by unknown authority); name the CA that signs it with --registry-ca (SHORE_REGISTRY_CA, a profile's registry.ca-file)", false)
	// a certificate for another host, or out of date: the CA is not what to fix
	for _, tc := range []struct {
		pair testcerts.Pair
		want string
	}{
		{set.WrongHost, "its TLS certificate is for kafka.invalid, not localhost; use a URL with one of those names"},
		{set.Expired, "its TLS certificate is not valid (x509: certificate has expired or is not yet valid: "},
	} {
		other := httptest.NewUnstartedServer(fake.Handler())
		if other.TLS, err = set.ServerTLS(tc.pair, false); err != nil {
			t.Fatal(err)
		}
		other.Config.ErrorLog = log.New(io.Discard, "", 0)
		other.StartTLS()
		t.Cleanup(other.Close)
		otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
		_, err = newTestRegistry(t, RegistryConfig{URL: otherURL, RootCAs: roots}).SchemaByID(ctx, 1)
		if want := "cannot reach schema registry " + otherURL + ": " + tc.want; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("got %v\nwant %s...", err, want)
		}
	}
	_, err = newTestRegistry(t, RegistryConfig{URL: strings.Replace(url, "https:", "http:", 1)}).SchemaByID(ctx, 1)
	if err == nil {
		t.Fatal("plain HTTP to a TLS port worked")
	}
}

func TestNewRegistryRejectsBadSettings(t *testing.T) {
	for _, c := range []struct {
		cfg  RegistryConfig
		want string
	}{
		{RegistryConfig{Timeout: time.Second}, "no schema registry: set --registry, SHORE_REGISTRY_URL or a profile's registry.url"},
		{RegistryConfig{URL: "localhost:8081", Timeout: time.Second}, `schema registry URL "localhost:8081": want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one`},
		{RegistryConfig{URL: "ftp://u:secret@host", Timeout: time.Second}, `schema registry URL "ftp://u:********@host": want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one`},
		{RegistryConfig{URL: "http://:8081", Timeout: time.Second}, `schema registry URL "http://:8081": want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one`},
		{RegistryConfig{URL: "http://u:secret@h:0", Timeout: time.Second}, `schema registry URL "http://u:********@h:0": port "0" is not a number from 1 to 65535`},
		{RegistryConfig{URL: "http://h", Token: "t", Username: "u", Timeout: time.Second}, "schema registry: both a bearer token and a username are set; keep one"},
		{RegistryConfig{URL: "http://h", Password: "p", Timeout: time.Second}, "schema registry: a password is set but no username"},
		{RegistryConfig{URL: "http://h", Username: "u", Timeout: time.Second}, "schema registry: a username is set but no password"},
		{RegistryConfig{URL: "http://u@h", Timeout: time.Second}, "schema registry: a username is set but no password"},
		{RegistryConfig{URL: "http://h"}, "schema registry timeout must be positive, got 0s"},
	} {
		_, err := NewRegistry(c.cfg)
		if err == nil || err.Error() != c.want {
			t.Errorf("NewRegistry(%+v) = %v, want %q", c.cfg, err, c.want)
		}
	}
}

func wantRegistryError(t *testing.T, err error, msg string, notFound bool) {
	t.Helper()
	var re *RegistryError
	if !errors.As(err, &re) {
		t.Fatalf("error %v (%T), want a *RegistryError %q", err, err, msg)
	}
	if re.Error() != msg {
		t.Errorf("error\n got %q\nwant %q", re.Error(), msg)
	}
	if re.NotFound != notFound {
		t.Errorf("NotFound = %v, want %v", re.NotFound, notFound)
	}
}

// TestRegistryNotFoundOnRealRegistry checks the messages against the
// registry make test-kafka starts (Apicurio answers a missing subject
// differently from Confluent and srfake).
func TestRegistryNotFoundOnRealRegistry(t *testing.T) {
	url := os.Getenv("SHORE_TEST_REGISTRY")
	if url == "" {
		t.Skip("SHORE_TEST_REGISTRY is not set")
	}
	r := newTestRegistry(t, RegistryConfig{URL: url})
	ctx := context.Background()
	_, err := r.SchemaByID(ctx, 987654)
	wantRegistryError(t, err, "schema registry "+url+" has no schema with id 987654", true)
	_, err = r.SchemaByVersion(ctx, "shore-no-such-subject", -1)
	wantRegistryError(t, err, `schema registry `+url+` has no subject "shore-no-such-subject"`, true)
}

func TestRegistryLogsRequests(t *testing.T) {
	fake := srfake.New()
	t.Cleanup(fake.Close)
	var log strings.Builder
	r := newTestRegistry(t, RegistryConfig{URL: fake.URL(), Log: &log})
	if _, err := r.Client.Subjects(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := log.String(); !strings.HasPrefix(got, "shore: ") || !strings.HasSuffix(got, " registry: sending request method=GET URL="+fake.URL()+"/subjects\n") {
		t.Fatalf("log %q", got)
	}
}

// TestCacheNamesIDs looks up the subject and version of a schema id once,
// beside the schema: of the subject versions that hold it, the first subject
// by name and its lowest version, or those of the subject SubjectIn names
// when it holds the id.
func TestCacheNamesIDs(t *testing.T) {
	fake := srfake.New()
	t.Cleanup(fake.Close)
	fake.SeedSchema("users-value", 1, 7, sr.Schema{Schema: userSchema})
	var requests []string
	fake.Intercept(func(w http.ResponseWriter, req *http.Request) bool {
		requests = append(requests, req.URL.Path)
		if !strings.HasSuffix(req.URL.Path, "/versions") {
			return false
		}
		// as a registry may list them: in no order
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[{"subject":"users-value","version":1},{"subject":"accounts-value","version":4},{"subject":"accounts-value","version":3}]`))
		return true
	})
	var notes strings.Builder
	c := NewCache(newTestRegistry(t, RegistryConfig{URL: fake.URL()}))
	c.Names, c.Notes = true, &notes
	for range 3 {
		s, err := c.ByID(context.Background(), 7)
		if err != nil || s.Subject != "accounts-value" || s.Version != 3 {
			t.Fatalf("ByID(7) = %+v, %v; want subject accounts-value version 3", s, err)
		}
		if subject, version := s.SubjectIn("users-value"); subject != "users-value" || version != 1 {
			t.Fatalf("SubjectIn(users-value) = %s %d; want its own, version 1", subject, version)
		}
		if subject, version := s.SubjectIn("orders-value"); subject != "accounts-value" || version != 3 {
			t.Fatalf("SubjectIn(orders-value) = %s %d; want the first, accounts-value version 3", subject, version)
		}
	}
	if want := "/schemas/ids/7 /schemas/ids/7/versions"; strings.Join(requests, " ") != want || notes.Len() > 0 {
		t.Fatalf("requests %v, notes %q; want %s and no note", requests, notes.String(), want)
	}
}

// TestCacheNamesUnknown leaves the subject unknown, with one note, when the
// registry cannot say which subject an id belongs to.
func TestCacheNamesUnknown(t *testing.T) {
	fake := srfake.New()
	t.Cleanup(fake.Close)
	fake.SeedSchema("users-value", 1, 7, sr.Schema{Schema: userSchema})
	fake.Intercept(func(w http.ResponseWriter, req *http.Request) bool {
		if !strings.HasSuffix(req.URL.Path, "/versions") {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error_code":404,"message":"HTTP 404 Not Found"}`))
		return true
	})
	var notes strings.Builder
	c := NewCache(newTestRegistry(t, RegistryConfig{URL: fake.URL()}))
	c.Names, c.Notes = true, &notes
	for range 2 {
		s, err := c.ByID(context.Background(), 7)
		if err != nil || s.Subject != "" || s.Version != 0 {
			t.Fatalf("ByID(7) = %+v, %v; want no subject", s, err)
		}
	}
	want := "shore: schema id 7 is shown without its subject and version: schema registry " + fake.URL() + ": schema id 7: HTTP 404 Not Found (HTTP 404)\n"
	if notes.String() != want {
		t.Fatalf("notes %q, want %q", notes.String(), want)
	}
}
