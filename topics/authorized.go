package topics

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafkashore/shore/format"
)

// NotAuthorizedError is named topics on which the brokers refuse an
// operation to the login shore connects as (TOPIC_AUTHORIZATION_FAILED): no
// ACL allows it the Operation there. Kafka refuses DESCRIBE so for a topic
// that does not exist as well, so that a login learns nothing of topics it
// may not see.
type NotAuthorizedError struct {
	Topics []string
	// Operation is the ACL operation refused: "" (DESCRIBE), Read or Write.
	Operation Operation
}

// Operation is an ACL operation on a topic that Kafka may refuse.
type Operation string

// The operations besides DESCRIBE that a NotAuthorizedError may name.
const (
	Read  Operation = "READ"
	Write Operation = "WRITE"
)

// Error names the topics sorted, each once.
func (e *NotAuthorizedError) Error() string {
	names := sortedUnique(e.Topics)
	what, it, exists := fmt.Sprintf("topic %q", names[0]), "it", "it exists"
	if len(names) > 1 {
		what, it, exists = "topics "+format.Quoted(names, "and"), "them", "they exist"
	}
	switch e.Operation {
	case Read:
		return fmt.Sprintf("not authorized to read %s (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login READ on %s)", what, it)
	case Write:
		return fmt.Sprintf("not authorized to write to %s (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login WRITE on %s)", what, it)
	}
	return fmt.Sprintf("not authorized to describe %s (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on %s; Kafka says so whether or not %s)", what, it, exists)
}

func (e *NotAuthorizedError) Unwrap() error { return kerr.TopicAuthorizationFailed }

// Metadata is adm.Metadata of the named topics (one or more), except that
// a topic the brokers will not describe to this login is in Topics with
// the Err kerr.TopicAuthorizationFailed, beside the others, described as
// usual. kadm fails the whole request on such a topic, without saying
// which it was, so that no message could name it and no other named topic
// was described; then each topic is asked for alone.
func Metadata(ctx context.Context, adm *kadm.Client, names ...string) (kadm.Metadata, error) {
	md, err := adm.Metadata(ctx, names...)
	if len(names) == 0 || !errors.Is(err, kerr.TopicAuthorizationFailed) {
		return md, err
	}
	if md, err = adm.BrokerMetadata(ctx); err != nil {
		return md, err
	}
	md.Topics = kadm.TopicDetails{}
	for _, name := range sortedUnique(names) {
		one, err := adm.Metadata(ctx, name)
		switch {
		case errors.Is(err, kerr.TopicAuthorizationFailed):
			md.Topics[name] = kadm.TopicDetail{Topic: name, Err: kerr.TopicAuthorizationFailed}
		case err != nil:
			return kadm.Metadata{}, err
		default:
			maps.Copy(md.Topics, one.Topics)
		}
	}
	return md, nil
}
