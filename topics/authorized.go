package topics

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/format"
)

// NotAuthorizedError is named topics on which the brokers refuse an
// operation to the login shore connects as (TOPIC_AUTHORIZATION_FAILED): no
// ACL allows it the Operation there. Kafka refuses DESCRIBE so for a topic
// that does not exist as well, so that a login learns nothing of topics it
// may not see.
type NotAuthorizedError struct {
	Topics []string
	// Operation is the ACL operation refused: "" (DESCRIBE) or one of the
	// others below.
	Operation Operation
}

// Operation is an ACL operation on a topic or a group that Kafka may
// refuse.
type Operation string

// The operations besides DESCRIBE (the zero Operation) that a
// NotAuthorizedError, a SettingsDeniedError, or groups', may name.
const (
	Read                  Operation = "READ"
	Write                 Operation = "WRITE"
	DescribeConfigs       Operation = "DESCRIBE_CONFIGS"
	CreateOperation       Operation = "CREATE"
	DeleteOperation       Operation = "DELETE"
	AlterOperation        Operation = "ALTER"
	AlterConfigsOperation Operation = "ALTER_CONFIGS"
)

// Error names the topics sorted, each once.
func (e *NotAuthorizedError) Error() string {
	doing := map[Operation]string{"": "describe", Read: "read", Write: "write to", CreateOperation: "create", DeleteOperation: "delete",
		AlterOperation: "add partitions to", AlterConfigsOperation: "change the settings of"}[e.Operation]
	return Refusal("topic", doing, sortedUnique(e.Topics), e.Operation)
}

// Refusal words Kafka's refusal to let this login do op on the named
// resources of one kind ("topic", "group"), which doing says as a verb
// (op "" is DESCRIBE):
// 'not authorized to describe group "billing" (GROUP_AUTHORIZATION_FAILED:
// no ACL allows this login DESCRIBE on it; Kafka says so whether or not it
// exists)', 'not authorized to write to topics "a" and "b"
// (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login WRITE on them)'.
// Kafka refuses DESCRIBE of a resource that does not exist too, and says
// so; the other operations are refused only of one that exists, but for
// CREATE, refused before Kafka looks for the topic, which an ACL on the
// cluster allows as well (of any topic).
func Refusal(kind, doing string, names []string, op Operation) string {
	return RefusalFew(kind, doing, names, op, len(names))
}

// RefusalFew is Refusal naming at most most of names (2 or more), the rest
// counted ('topics "a", "b" and 3 more'), for refusals of topics a login
// may see thousands of.
func RefusalFew(kind, doing string, names []string, op Operation, most int) string {
	what, it, exists := fmt.Sprintf("%s %q", kind, names[0]), "it", "it exists"
	if len(names) > 1 {
		what, it, exists = kind+"s "+format.QuotedFew(names, "and", most), "them", "they exist"
	}
	if op == CreateOperation {
		it += " or on the cluster"
	}
	code := strings.ToUpper(kind) + "_AUTHORIZATION_FAILED"
	if op == "" {
		return fmt.Sprintf("not authorized to %s %s (%s: no ACL allows this login DESCRIBE on %s; Kafka says so whether or not %s)", doing, what, code, it, exists)
	}
	return fmt.Sprintf("not authorized to %s %s (%s: no ACL allows this login %s on %s)", doing, what, code, op, it)
}

func (e *NotAuthorizedError) Unwrap() error { return kerr.TopicAuthorizationFailed }

// ProducerIDRefusedError is Kafka's refusal (CLUSTER_AUTHORIZATION_FAILED)
// to give an idempotent producer, which Producer names, its id, which it
// asks for before it writes to Topic: Kafka gives one to a login allowed
// WRITE on some topic or IDEMPOTENT_WRITE on the cluster, and looks at
// the topic only then. A read-only login is refused so.
type ProducerIDRefusedError struct {
	Topic    string
	Producer string
}

func (e *ProducerIDRefusedError) Error() string {
	return fmt.Sprintf("not authorized to produce to topic %q (CLUSTER_AUTHORIZATION_FAILED: %s needs WRITE on a topic or IDEMPOTENT_WRITE on the cluster, and no ACL allows this login either)", e.Topic, e.Producer)
}

func (e *ProducerIDRefusedError) Unwrap() error { return kerr.ClusterAuthorizationFailed }

// Denied is err, a request about the named topics that kadm failed whole
// on a topic the login may not describe (TOPIC_AUTHORIZATION_FAILED, from
// the metadata request kadm sends first, which names no topic), as a
// *NotAuthorizedError naming every such topic, which Metadata finds. Any
// other err, or one of whose topics Metadata finds none denied, is
// returned as it is.
func Denied(ctx context.Context, adm *kadm.Client, names []string, err error) error {
	if !errors.Is(err, kerr.TopicAuthorizationFailed) {
		return err
	}
	md, merr := Metadata(ctx, adm, names...)
	if merr != nil {
		return err
	}
	var denied []string
	for _, name := range sortedUnique(names) {
		if errors.Is(md.Topics[name].Err, kerr.TopicAuthorizationFailed) {
			denied = append(denied, name)
		}
	}
	if len(denied) == 0 {
		return err
	}
	return &NotAuthorizedError{Topics: denied}
}

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

// MayOnCluster reports whether the brokers let this login do op on the
// cluster, as a broker's DescribeCluster answer says (Kafka 2.8 and
// later), and known false when it did not say: an error, or a broker too
// old to answer. Kafka answers no operation at all to a login it does not
// allow DESCRIBE on the cluster, and every one to a superuser or where
// the brokers have no authorizer.
func MayOnCluster(ctx context.Context, cl kmsg.Requestor, op kmsg.ACLOperation) (may, known bool) {
	req := kmsg.NewPtrDescribeClusterRequest()
	req.IncludeClusterAuthorizedOperations = true
	resp, err := req.RequestWith(ctx, cl)
	if err != nil || resp.ErrorCode != 0 || resp.ClusterAuthorizedOperations == math.MinInt32 {
		// MinInt32 is the field's default: the broker left it out.
		return false, false
	}
	return resp.ClusterAuthorizedOperations&(1<<op) != 0, true
}

// HidesTopics reports whether the brokers plausibly hide topics from this
// login: Kafka names to a login only the topics it may describe, in a
// listing and in a group's commits alike, without a word of the others,
// and lets every topic be described by a superuser, by a broker and
// wherever it has no authorizer, which are the logins it allows
// CLUSTER_ACTION (the brokers' own operation) on the cluster. It is one
// request, for a message that would otherwise mislead: false when the
// brokers do not say.
func HidesTopics(ctx context.Context, cl kmsg.Requestor) bool {
	may, known := MayOnCluster(ctx, cl, kmsg.ACLOperationClusterAction)
	return known && !may
}
