// Package devregistry runs the schema registry of `shore dev`: franz-go's
// in-memory srfake, which speaks Confluent's REST API, with what srfake
// leaves out and shore needs. [Start] takes [Options] and returns a serving
// [Registry].
//
// Beyond srfake it
//   - refuses a schema that does not parse (HTTP 422, as Confluent's
//     registry does): an Avro schema, a Protobuf one that does not compile,
//     a JSON Schema that does not compile with its references (a $ref to
//     none of them);
//   - checks compatibility for real for Avro schemas (hamba/avro's
//     resolution rules), both on POST /compatibility/... and when a new
//     version is registered (409, as Confluent's registry does); Protobuf and
//     JSON Schema versions are always compatible, as in srfake;
//   - answers GET /schemas/types, and GET /schemas/ids/N whatever subject
//     ?subject= names, as Confluent's registry does;
//   - counts a subject whose versions are all soft-deleted, however they
//     were deleted, as soft-deleted, and one without versions as gone, as
//     Confluent's registry does, in GET /subjects and GET
//     /subjects/S/versions (srfake counts a subject as deleted only when
//     it was deleted whole);
//   - answers GET /config/S for a subject without a level of its own with
//     40408 unless ?defaultToGlobal=true, as Confluent's registry does
//     (srfake falls back to the global level unless told false);
//   - serves ?format=serialized as Confluent's registry does: a Protobuf
//     schema registered as .proto source comes back as a base64
//     FileDescriptorProto, which confluent-kafka-python's deserializer
//     needs;
//   - finds a Protobuf schema that a subject has by what it means, on
//     registering and looking up, as Confluent's registry does: the same
//     file spaced otherwise, or as source where a base64
//     FileDescriptorProto was registered (srfake compares texts);
//   - with a data directory, journals every change it accepted and replays
//     the journal at start, so that subjects, versions, ids and
//     compatibility levels survive a restart;
//   - optionally asks for basic auth and speaks TLS, to rehearse a secured
//     registry.
package devregistry

import (
	"bufio"
	"bytes"
	"crypto/subtle"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/sr/srfake"
)

// JournalFile is the file in the data directory that keeps the registry's
// changes.
const JournalFile = "schema-registry.jsonl"

// maxBody bounds a request body, as srfake does for schemas.
const maxBody = 1 << 20

// Options configure the registry.
type Options struct {
	// Listen is host:port; port 0 picks a free port.
	Listen string
	// URLHost, when set, is the host the URL names when Listen's is a
	// wildcard (0.0.0.0, ::), which is no address to connect to.
	URLHost string
	// DataDir, when set, keeps the registry's changes in DataDir/JournalFile.
	DataDir string
	// TLS, when set, makes the registry speak only HTTPS.
	TLS *tls.Config
	// User and Password, when User is set, are the basic auth credentials
	// every request must carry.
	User, Password string
	// Log receives the HTTP server's errors (a client that broke off a TLS
	// handshake), each a line after "shore dev: registry: "; nil discards
	// them, where net/http would write them to the process's stderr.
	Log io.Writer
}

// Registry is a running registry.
type Registry struct {
	fake    *srfake.Registry
	handler http.Handler
	srv     *http.Server
	url     string

	// mu keeps changes in one order, so that the journal replays them
	// with the same ids.
	mu      sync.Mutex
	journal *os.File
}

// Start replays the journal of o.DataDir, if any, and serves the registry;
// it accepts connections when Start returns. When it cannot listen, the
// error is net.Listen's.
func Start(o Options) (*Registry, error) {
	r := &Registry{fake: srfake.NewRegistry()}
	if o.DataDir != "" {
		if err := r.openJournal(filepath.Join(o.DataDir, JournalFile)); err != nil {
			return nil, err
		}
	}
	var h http.Handler = http.HandlerFunc(r.serve)
	if o.User != "" {
		h = basicAuth(h, o.User, o.Password)
	}
	r.handler = h
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		r.closeJournal()
		return nil, err
	}
	scheme := "http"
	if o.TLS != nil {
		scheme = "https"
		ln = tls.NewListener(ln, o.TLS)
	}
	addr := ln.Addr().String()
	if tcp := ln.Addr().(*net.TCPAddr); tcp.IP.IsUnspecified() && o.URLHost != "" {
		addr = net.JoinHostPort(o.URLHost, strconv.Itoa(tcp.Port))
	}
	r.url = scheme + "://" + addr
	errLog := io.Discard
	if o.Log != nil {
		errLog = o.Log
	}
	r.srv = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(errLog, "shore dev: registry: ", 0)}
	go func() { _ = r.srv.Serve(ln) }()
	return r, nil
}

// URL is the registry's base URL, for clients.
func (r *Registry) URL() string { return r.url }

// Close stops serving and closes the journal.
func (r *Registry) Close() {
	_ = r.srv.Close()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closeJournal()
}

func (r *Registry) closeJournal() {
	if r.journal != nil {
		_ = r.journal.Close()
		r.journal = nil
	}
}

func basicAuth(next http.Handler, user, password string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		u, p, ok := req.BasicAuth()
		if !ok || subtle.ConstantTimeCompare([]byte(u), []byte(user)) != 1 || subtle.ConstantTimeCompare([]byte(p), []byte(password)) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="shore dev schema registry"`)
			writeError(w, http.StatusUnauthorized, http.StatusUnauthorized, "Unauthorized")
			return
		}
		next.ServeHTTP(w, req)
	})
}

// entry is one accepted change, as the journal keeps it.
type entry struct {
	Method string          `json:"method"`
	Path   string          `json:"path"` // escaped
	Query  string          `json:"query,omitempty"`
	Body   json.RawMessage `json:"body,omitempty"`
}

// openJournal replays path, if it exists, and opens it for appending. A
// last line cut short (shore dev killed mid-write) is dropped.
func (r *Registry) openJournal(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("schema registry: cannot use %s: %v", path, pathCause(err))
	}
	var good int64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4*maxBody)
	line := 0
	for sc.Scan() {
		line++
		var e entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			break
		}
		target := e.Path
		if e.Query != "" {
			target += "?" + e.Query
		}
		req := httptest.NewRequest(e.Method, target, bytes.NewReader(e.Body))
		rec := httptest.NewRecorder()
		r.fake.Handler().ServeHTTP(rec, req)
		if rec.Code >= 300 {
			f.Close()
			return fmt.Errorf("schema registry: %s line %d (%s %s) no longer applies: %s", path, line, e.Method, e.Path, strings.TrimSpace(rec.Body.String()))
		}
		good += int64(len(sc.Bytes())) + 1
	}
	if err := sc.Err(); err != nil {
		f.Close()
		return fmt.Errorf("schema registry: read %s: %v", path, err)
	}
	// Drop a torn last line, and start appending after the good ones.
	if err := f.Truncate(good); err != nil {
		f.Close()
		return fmt.Errorf("schema registry: %s: %v", path, err)
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return fmt.Errorf("schema registry: %s: %v", path, err)
	}
	r.journal = f
	return nil
}

func pathCause(err error) error {
	var pathErr *os.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err
	}
	return err
}

// serve routes a request: the few that srfake lacks or gets wrong here,
// every change through the journal, the rest to srfake.
func (r *Registry) serve(w http.ResponseWriter, req *http.Request) {
	switch {
	case req.Method == http.MethodGet && req.URL.Path == "/schemas/types":
		respondJSON(w, http.StatusOK, []string{"AVRO", "PROTOBUF", "JSON"})
	case req.Method == http.MethodPost && strings.HasPrefix(req.URL.Path, "/compatibility/subjects/"):
		r.serveCheck(w, req)
	case req.Method == http.MethodGet && strings.HasPrefix(req.URL.Path, "/config/") && req.URL.Query().Get("defaultToGlobal") != "true":
		r.serveOwnLevel(w, req)
	case req.Method == http.MethodGet && req.URL.Path == "/subjects":
		r.serveSubjects(w, req)
	case req.Method == http.MethodGet && isSubjectPath(req.URL.EscapedPath(), "versions"):
		r.serveVersions(w, req)
	case req.Method == http.MethodGet || req.Method == http.MethodHead:
		// Confluent's registry answers a version of a subject without
		// versions (none, or only soft-deleted ones unless ?deleted=true)
		// 40401, subject not found; srfake answers 40402, version not
		// found, as for a version its subject lacks.
		if subject, ok := versionSubject(req.URL.EscapedPath()); ok && len(r.versionsOf(subject, req.URL.Query().Get("deleted") == "true")) == 0 {
			writeSubjectNotFound(w, subject)
			return
		}
		if strings.HasPrefix(req.URL.Path, "/schemas/ids/") {
			// Confluent's registry finds an id whatever ?subject= says
			// (it only picks a schema context), and its clients send the
			// subject they would have used: confluent-kafka asks for
			// TOPIC-value even when the writer registered elsewhere.
			// srfake answers 404 then.
			q := req.URL.Query()
			if !strings.HasPrefix(q.Get("subject"), ":") {
				q.Del("subject")
				req.URL.RawQuery = q.Encode()
			}
		}
		if req.URL.Query().Get("format") == "serialized" {
			r.serveSerialized(w, req)
			return
		}
		r.fake.Handler().ServeHTTP(w, req)
	case req.Method == http.MethodPost && isSubjectPath(req.URL.EscapedPath(), "versions"):
		r.serveRegister(w, req)
	case req.Method == http.MethodPost && isSubjectPath(req.URL.EscapedPath(), ""):
		// POST /subjects/S looks a schema up; it changes nothing.
		r.serveLookup(w, req)
	default:
		r.change(w, req, nil)
	}
}

// serveOwnLevel answers GET /config/S with the subject's own level, or
// 40408 when it has none (srfake's 40401 then, whether or not the subject
// is registered).
func (r *Registry) serveOwnLevel(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	q.Set("defaultToGlobal", "false")
	req.URL.RawQuery = q.Encode()
	rec := httptest.NewRecorder()
	r.fake.Handler().ServeHTTP(rec, req)
	var answer struct {
		Code int `json:"error_code"`
	}
	if rec.Code == http.StatusNotFound && json.Unmarshal(rec.Body.Bytes(), &answer) == nil && answer.Code == 40401 {
		subject := strings.TrimPrefix(req.URL.Path, "/config/")
		writeError(w, http.StatusNotFound, 40408, fmt.Sprintf("Subject '%s' does not have subject-level compatibility configured", subject))
		return
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// isSubjectPath tells whether the escaped path is /subjects/S/tail (or
// /subjects/S for an empty tail); a subject may hold an escaped slash
// (confluent-kafka names the subjects of Protobuf imports after their
// files).
func isSubjectPath(path, tail string) bool {
	rest, ok := strings.CutPrefix(path, "/subjects/")
	if !ok || rest == "" {
		return false
	}
	subject, after, found := strings.Cut(rest, "/")
	if tail == "" {
		return !found && subject != ""
	}
	return found && subject != "" && after == tail
}

// change passes a request that changes state to srfake and journals it if
// srfake accepted it. body is the request body when the caller has read it
// already.
func (r *Registry) change(w http.ResponseWriter, req *http.Request, body []byte) {
	if body == nil {
		var err error
		if body, err = readBody(w, req); err != nil {
			return
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.applyLocked(w, req, body)
}

// applyLocked runs the change on srfake and journals it when accepted;
// r.mu is held.
func (r *Registry) applyLocked(w http.ResponseWriter, req *http.Request, body []byte) {
	rec := httptest.NewRecorder()
	inner := req.Clone(req.Context())
	inner.Body = io.NopCloser(bytes.NewReader(body))
	inner.ContentLength = int64(len(body))
	r.fake.Handler().ServeHTTP(rec, inner)
	if rec.Code < 300 && r.journal != nil {
		if err := r.record(entry{Method: req.Method, Path: req.URL.EscapedPath(), Query: req.URL.RawQuery, Body: jsonOrNil(body)}); err != nil {
			writeError(w, http.StatusInternalServerError, 50001, "cannot keep the change in the journal: "+err.Error())
			return
		}
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// readBody reads a request's body, up to maxBody; it answers 413 for a
// longer one.
func readBody(w http.ResponseWriter, req *http.Request) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, maxBody))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, 42201, "request body too large")
	}
	return body, err
}

func jsonOrNil(body []byte) json.RawMessage {
	if len(bytes.TrimSpace(body)) == 0 || !json.Valid(body) {
		return nil
	}
	return body
}

// record appends e to the journal and syncs it.
func (r *Registry) record(e entry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := r.journal.Write(append(line, '\n')); err != nil {
		return err
	}
	return r.journal.Sync()
}

func respondJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/vnd.schemaregistry.v1+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status, code int, msg string) {
	respondJSON(w, status, map[string]any{"error_code": code, "message": msg})
}
