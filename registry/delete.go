package registry

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/schema"
)

// Deletion is one version that Delete removes (or, in a plan, would).
type Deletion struct {
	Subject string `json:"subject"`
	Version int    `json:"version"`
	ID      int    `json:"id"`
	// Result is "soft-deleted" or "deleted" (permanently); in a plan,
	// "would soft-delete" or "would delete".
	Result string `json:"result"`
}

// PlanDelete lists what Delete would remove: version (Latest or a number)
// of subject, or every version for 0. A permanent deletion includes the
// versions soft-deleted already.
func (c *Client) PlanDelete(ctx context.Context, subject string, version int, permanent bool) ([]Deletion, error) {
	result := "would soft-delete"
	if permanent {
		result = "would delete"
		ctx = sr.WithParams(ctx, sr.ShowDeleted)
	}
	versions := []int{version}
	if version == 0 {
		var err error
		if versions, err = c.r.Client.SubjectVersions(ctx, subject); err != nil {
			return nil, c.explainNotLive(ctx, err, schema.Target{Subject: subject}, permanent)
		}
	}
	out := make([]Deletion, 0, len(versions))
	for _, v := range versions {
		s, err := c.r.Client.SchemaByVersion(ctx, subject, v)
		if err != nil {
			return nil, c.explainNotLive(ctx, err, schema.Target{Subject: subject, Version: v}, permanent)
		}
		if err := c.refuseReferenced(ctx, subject, s.Version); err != nil {
			return nil, err
		}
		out = append(out, Deletion{Subject: subject, Version: s.Version, ID: s.ID, Result: result})
	}
	return out, nil
}

// explainNotLive is Explain for what a soft deletion looked up: a subject
// or version the registry has only soft-deleted is said to be so, with
// what deletes it for good, as Confluent's registry says on DELETE
// (40404, 40406), where a lookup answers "not found" as if there were
// nothing to delete. A permanent deletion looks among the soft-deleted
// versions already. A subject the registry does not have is named with
// the one it may mean (NearSubject).
func (c *Client) explainNotLive(ctx context.Context, err error, target schema.Target, permanent bool) error {
	err = c.r.Explain(err, target)
	if !permanent {
		if _, gone, ok := c.softDeleted(ctx, err, target.Subject, cmp.Or(target.Version, Latest)); ok {
			return &schema.RegistryError{Msg: fmt.Sprintf("schema registry %s: %s is soft-deleted already; give --permanent to delete it for good", c.r.URL, gone), NotFound: true, Err: err}
		}
	}
	return c.NearSubject(ctx, err, target.Subject)
}

// refuseReferenced fails when live schemas refer to version of subject,
// which registries refuse to delete ("Cannot delete schema S:1 as it is
// still referenced by schema IDs: [2]"), naming the subject versions that
// refer to it, so that --dry-run does not promise what will not happen. A
// registry that does not answer GET .../referencedby is left to refuse by
// itself. The registry answers an id for each subject version that refers
// to it, so one schema registered under two subjects is named once.
func (c *Client) refuseReferenced(ctx context.Context, subject string, version int) error {
	var ids []int
	path := "/subjects/" + url.PathEscape(subject) + "/versions/" + strconv.Itoa(version) + "/referencedby"
	if err := c.r.Client.Do(ctx, http.MethodGet, path, nil, &ids); err != nil || len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var by []string
	for _, id := range ids {
		name := fmt.Sprintf("schema id %d", id)
		if used, err := c.r.SubjectVersionsByID(ctx, id); err == nil && len(used) > 0 {
			where := make([]string, 0, len(used))
			for _, u := range used {
				where = append(where, SubjectVersion{Subject: u.Subject, Version: u.Version}.String())
			}
			name += " (" + strings.Join(where, ", ") + ")"
		}
		by = append(by, name)
	}
	refers, that := "refers", "that"
	if len(by) > 1 {
		refers, that = "refer", "those"
	}
	return &schema.RegistryError{Msg: fmt.Sprintf("schema registry %s will not delete %s while %s %s to it; delete %s first", c.r.URL, schema.Target{Subject: subject, Version: version}, strings.Join(by, " and "), refers, that)}
}

// Delete removes what PlanDelete lists: soft-deletes it, or, when
// permanent, deletes it for good (soft first where the registry wants that).
func (c *Client) Delete(ctx context.Context, subject string, version int, permanent bool) ([]Deletion, error) {
	plan, err := c.PlanDelete(ctx, subject, version, permanent)
	if err != nil {
		return nil, err
	}
	if version != 0 {
		// "latest" moves once the latest is soft-deleted.
		version = plan[0].Version
	}
	del := func(how sr.DeleteHow) error {
		if version == 0 {
			_, err := c.r.Client.DeleteSubject(ctx, subject, how)
			return err
		}
		return c.r.Client.DeleteSchema(ctx, subject, version, how)
	}
	result := "soft-deleted"
	if permanent {
		result = "deleted"
		// Confluent's registry wants a soft deletion first; Apicurio
		// deletes at once, and refuses to soft-delete twice.
		if err = del(sr.HardDelete); notSoftDeleted(err) {
			if err = del(sr.SoftDelete); err == nil {
				err = del(sr.HardDelete)
			}
		}
	} else {
		err = del(sr.SoftDelete)
	}
	if err != nil {
		return nil, c.r.Explain(err, schema.Target{Subject: subject, Version: version})
	}
	for i := range plan {
		plan[i].Result = result
	}
	return plan, nil
}

// notSoftDeleted tells whether a permanent deletion failed for want of a
// soft one first.
func notSoftDeleted(err error) bool {
	var re *sr.ResponseError
	return errors.As(err, &re) && (re.ErrorCode == sr.ErrSubjectNotSoftDeleted.Code || re.ErrorCode == sr.ErrSchemaVersionNotSoftDeleted.Code)
}
