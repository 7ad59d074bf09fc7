package devregistry

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Confluent's registry counts a subject as live while it has a live
// version, and as soft-deleted once all its versions are soft-deleted,
// however they came to be: by deleting the subject, or its versions one by
// one. srfake counts a subject as soft-deleted only when the subject itself
// was deleted, so it lists a subject whose versions were all deleted one by
// one as live, and one whose versions were all deleted permanently too. The
// two answers below count as Confluent's registry does.

// serveSubjects answers GET /subjects: the live subjects; with
// ?deleted=true the soft-deleted ones too; with ?deletedOnly=true only
// those. ?subjectPrefix= narrows the list as srfake does.
func (r *Registry) serveSubjects(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	deletedOnly := q.Get("deletedOnly") == "true"
	withDeleted := deletedOnly || q.Get("deleted") == "true"
	q.Del("deletedOnly")
	q.Set("deleted", "true")
	var known []string
	if status, raw := r.call(http.MethodGet, "/subjects?"+q.Encode(), nil, &known); status != http.StatusOK {
		writeRaw(w, status, raw)
		return
	}
	subjects := []string{}
	for _, s := range known {
		live := len(r.versionsOf(s, false)) > 0
		var keep bool
		switch {
		case live:
			keep = !deletedOnly
		case withDeleted:
			// Versions deleted permanently leave nothing to list.
			keep = len(r.versionsOf(s, true)) > 0
		}
		if keep {
			subjects = append(subjects, s)
		}
	}
	respondJSON(w, http.StatusOK, subjects)
}

// serveVersions answers GET /subjects/S/versions with 40401 when S has no
// live version, or with ?deleted=true or ?deletedOnly=true no version at
// all; srfake answers null for a subject whose versions were deleted one by
// one.
func (r *Registry) serveVersions(w http.ResponseWriter, req *http.Request) {
	subject, ok := versionsSubject(w, req)
	if !ok {
		return
	}
	q := req.URL.Query()
	if len(r.versionsOf(subject, q.Get("deleted") == "true" || q.Get("deletedOnly") == "true")) == 0 {
		writeSubjectNotFound(w, subject)
		return
	}
	r.fake.Handler().ServeHTTP(w, req)
}

// versionsOf returns the numbers of the subject's live versions, with
// withDeleted its soft-deleted ones too, as srfake keeps them: none for a
// subject srfake does not know or counts as deleted.
func (r *Registry) versionsOf(subject string, withDeleted bool) []int {
	path := "/subjects/" + url.PathEscape(subject) + "/versions"
	if withDeleted {
		path += "?deleted=true"
	}
	var numbers []int
	if status, _ := r.call(http.MethodGet, path, nil, &numbers); status != http.StatusOK {
		return nil
	}
	return numbers
}

func writeSubjectNotFound(w http.ResponseWriter, subject string) {
	writeError(w, http.StatusNotFound, 40401, fmt.Sprintf("Subject '%s' not found.", subject))
}

// writeRaw writes an answer of srfake's as it came.
func writeRaw(w http.ResponseWriter, status int, raw []byte) {
	w.Header().Set("Content-Type", "application/vnd.schemaregistry.v1+json")
	w.WriteHeader(status)
	_, _ = w.Write(raw)
}

// versionSubject is the subject S of an escaped path /subjects/S/versions/V
// or below it (/subjects/S/versions/V/schema); false for other paths and
// an S that does not unescape.
func versionSubject(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "/subjects/")
	if !ok {
		return "", false
	}
	escaped, after, _ := strings.Cut(rest, "/")
	version, ok := strings.CutPrefix(after, "versions/")
	if !ok || escaped == "" || version == "" {
		return "", false
	}
	subject, err := url.PathUnescape(escaped)
	return subject, err == nil
}

// versionsSubject is the subject S of a request for /subjects/S/versions;
// when S does not unescape it answers 404, as a path that names no
// subject, and reports false.
func versionsSubject(w http.ResponseWriter, req *http.Request) (string, bool) {
	subject, err := url.PathUnescape(strings.TrimSuffix(strings.TrimPrefix(req.URL.EscapedPath(), "/subjects/"), "/versions"))
	if err != nil {
		writeError(w, http.StatusNotFound, http.StatusNotFound, "HTTP 404 Not Found")
		return "", false
	}
	return subject, true
}
