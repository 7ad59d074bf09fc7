package testbroker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/kafkashore/shore/internal/testcerts"
)

// The principals that Kafka's authorizer lets do anything in make
// test-kafka (KafkaSecurityProperties): the plaintext listener's, the SASL
// user's and the client certificate's. Any other login may do only what
// its ACLs allow, as a user of ACLCluster's kfake cluster.
const superUsers = "User:ANONYMOUS;User:" + SASLUser + ";User:CN=" + testcerts.ClientName

// aclTests keeps the tests of ACLCluster on the real cluster to one at a
// time: they share their topics' and groups' names. held has the tests
// that hold it, as a test may call ACLCluster again.
var aclTests struct {
	sync.Mutex
	held sync.Map
}

// ACLCluster returns the environment of two logins to a cluster holding the
// topics (one partition each): admin, allowed everything, and user, allowed
// only what acls say. Without SHORE_TEST_BROKERS it is a kfake cluster of
// the test's own; with it, the real cluster (make test-kafka enables
// Kafka's StandardAuthorizer there), where user is a SCRAM login of the
// test's own over the SASL listener, the topics are created afresh, and
// they, user's ACLs and the groups committed on them are removed when the
// test ends. The real cluster's tests run one at a time.
func ACLCluster(t testing.TB, topics []string, acls ...kfake.ACL) (admin, user map[string]string) {
	t.Helper()
	if !Real() {
		_, admin, user = OwnACLCluster(t, topics, acls...)
		return admin, user
	}
	saslBrokers := splitEnv(EnvSASLBrokers)
	if saslBrokers == nil {
		t.Skipf("the real cluster has no SASL listener: set %s (make test-kafka does)", EnvSASLBrokers)
	}
	if _, again := aclTests.held.Load(t); !again {
		aclTests.Lock()
		aclTests.held.Store(t, true)
		t.Cleanup(func() {
			aclTests.held.Delete(t)
			aclTests.Unlock()
		})
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name, password := "acl-"+hex.EncodeToString(b[:]), "pw-"+hex.EncodeToString(b[:])
	cl := Client(t, freshMetadata)
	adm := kadm.NewClient(cl)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	removeACLWorld(ctx, t, cl, name, topics, acls)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		removeACLWorld(ctx, t, cl, name, topics, acls)
	})
	if err := upsertSCRAM(ctx, adm, saslBrokers, name, password, kadm.ScramSha256); err != nil {
		t.Fatalf("create SCRAM user %s: %v", name, err)
	}
	for _, topic := range topics {
		resp, err := adm.CreateTopic(ctx, 1, 1, nil, topic)
		if err == nil {
			err = resp.Err
		}
		if err != nil {
			t.Fatalf("create topic %s: %v", topic, err)
		}
		waitPartitions(ctx, t, adm, topic, 1)
	}
	createACLs(ctx, t, cl, "User:"+name, acls)
	return map[string]string{"SHORE_BROKERS": Brokers(t)[0]},
		map[string]string{"SHORE_BROKERS": saslBrokers[0], "SHORE_SASL_MECHANISM": "SCRAM-SHA-256", "SHORE_SASL_USERNAME": name, "SHORE_SASL_PASSWORD": password}
}

// OwnACLCluster is ACLCluster's kfake cluster, of the test's own whatever
// SHORE_TEST_BROKERS says, returned too, to watch the requests it is sent.
func OwnACLCluster(t testing.TB, topics []string, acls ...kfake.ACL) (c *kfake.Cluster, admin, user map[string]string) {
	t.Helper()
	c = Own(t, kfake.NumBrokers(1), kfake.EnableSASL(), kfake.EnableACLs(), kfake.Superuser("PLAIN", "admin", "admin"),
		kfake.User("PLAIN", "alice", "pw", acls...), kfake.SeedTopics(1, topics...))
	login := func(name, password string) map[string]string {
		return map[string]string{"SHORE_BROKERS": c.ListenAddrs()[0], "SHORE_SASL_MECHANISM": "PLAIN", "SHORE_SASL_USERNAME": name, "SHORE_SASL_PASSWORD": password}
	}
	return c, login("admin", "admin"), login("alice", "pw")
}

// createACLs gives principal acls and waits until the broker's authorizer
// lists them all: they reach it through the metadata log.
func createACLs(ctx context.Context, t testing.TB, cl *kgo.Client, principal string, acls []kfake.ACL) {
	t.Helper()
	if len(acls) == 0 {
		return
	}
	req := kmsg.NewPtrCreateACLsRequest()
	for _, a := range acls {
		c := kmsg.NewCreateACLsRequestCreation()
		c.ResourceType, c.ResourceName, c.ResourcePatternType = a.Resource, a.Name, a.Pattern
		c.Principal, c.Host, c.Operation = principal, "*", a.Operation
		c.PermissionType = kmsg.ACLPermissionTypeDeny
		if a.Allow {
			c.PermissionType = kmsg.ACLPermissionTypeAllow
		}
		req.Creations = append(req.Creations, c)
	}
	resp, err := req.RequestWith(ctx, cl)
	if err != nil {
		t.Fatalf("create ACLs: %v", err)
	}
	for _, r := range resp.Results {
		if err := kerr.ErrorForCode(r.ErrorCode); err != nil {
			t.Fatalf("create ACLs: %v", err)
		}
	}
	for {
		described, err := describeACLs(ctx, cl, principal)
		if err == nil && described == len(acls) {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the broker lists %d of %d ACLs of %s: %v", described, len(acls), principal, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// describeACLs counts the ACLs the broker lists for principal.
func describeACLs(ctx context.Context, cl *kgo.Client, principal string) (int, error) {
	req := kmsg.NewPtrDescribeACLsRequest()
	req.ResourceType, req.ResourcePatternType = kmsg.ACLResourceTypeAny, kmsg.ACLResourcePatternTypeAny
	req.Principal, req.Operation, req.PermissionType = &principal, kmsg.ACLOperationAny, kmsg.ACLPermissionTypeAny
	resp, err := req.RequestWith(ctx, cl)
	if err != nil {
		return 0, err
	}
	if err := kerr.ErrorForCode(resp.ErrorCode); err != nil {
		return 0, err
	}
	n := 0
	for _, r := range resp.Resources {
		n += len(r.ACLs)
	}
	return n, nil
}

// removeACLWorld removes what an ACLCluster test leaves on the real
// cluster: user's ACLs and SCRAM credentials, the groups with commits on
// the topics or named by acls, and the topics, and waits until the
// metadata no longer lists them, so the next test can create them again.
func removeACLWorld(ctx context.Context, t testing.TB, cl *kgo.Client, user string, topics []string, acls []kfake.ACL) {
	t.Helper()
	adm := kadm.NewClient(cl)
	principal := "User:" + user
	del := kmsg.NewPtrDeleteACLsRequest()
	f := kmsg.NewDeleteACLsRequestFilter()
	f.ResourceType, f.ResourcePatternType = kmsg.ACLResourceTypeAny, kmsg.ACLResourcePatternTypeAny
	f.Principal, f.Operation, f.PermissionType = &principal, kmsg.ACLOperationAny, kmsg.ACLPermissionTypeAny
	del.Filters = append(del.Filters, f)
	if _, err := del.RequestWith(ctx, cl); err != nil {
		t.Errorf("delete the ACLs of %s: %v", principal, err)
	}
	_, _ = adm.AlterUserSCRAMs(ctx, []kadm.DeleteSCRAM{{User: user, Mechanism: kadm.ScramSha256}}, nil)
	groups := map[string]bool{}
	for _, a := range acls {
		if a.Resource == kmsg.ACLResourceTypeGroup {
			groups[a.Name] = true
		}
	}
	if listed, err := adm.ListGroups(ctx); err == nil {
		fetched := adm.FetchManyOffsets(ctx, listed.Groups()...)
		for group, r := range fetched {
			r.Fetched.Each(func(o kadm.OffsetResponse) {
				if slices.Contains(topics, o.Topic) {
					groups[group] = true
				}
			})
		}
	}
	if len(groups) > 0 {
		names := make([]string, 0, len(groups))
		for g := range groups {
			names = append(names, g)
		}
		_, _ = adm.DeleteGroups(ctx, names...)
	}
	_, _ = adm.DeleteTopics(ctx, topics...)
	for {
		md, err := adm.Metadata(ctx, topics...)
		left := 0
		if err == nil {
			for _, td := range md.Topics {
				if td.Err == nil {
					left++
				}
			}
		}
		if err == nil && left == 0 {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("topics %v still listed after their delete: %v", topics, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// upsertSCRAM gives user its credentials for mechanism over the admin's
// listener and waits until the SASL listener accepts them: they reach the
// brokers through the metadata log.
func upsertSCRAM(ctx context.Context, adm *kadm.Client, saslBrokers []string, user, password string, m kadm.ScramMechanism) error {
	upsert := kadm.UpsertSCRAM{User: user, Mechanism: m, Iterations: 4096, Password: password}
	res, err := adm.AlterUserSCRAMs(ctx, nil, []kadm.UpsertSCRAM{upsert})
	if err == nil {
		err = res.Error()
	}
	if err != nil {
		return err
	}
	auth := scram.Auth{User: user, Pass: password}
	mechanism := auth.AsSha256Mechanism()
	if m == kadm.ScramSha512 {
		mechanism = auth.AsSha512Mechanism()
	}
	for {
		c, err := kgo.NewClient(kgo.SeedBrokers(saslBrokers...), kgo.SASL(mechanism))
		if err != nil {
			return err
		}
		err = c.Ping(ctx)
		c.Close()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("SCRAM login still fails: %w", err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// ACLNode is the node ID of ACLCluster's broker, as shore shows it: 0 on
// kfake's, the real cluster's first broker's otherwise.
func ACLNode(t testing.TB) string {
	t.Helper()
	if !Real() {
		return "0"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	md, err := Admin(t).BrokerMetadata(ctx)
	if err != nil || len(md.Brokers) == 0 {
		t.Fatalf("the real cluster's brokers: %v", err)
	}
	return strconv.Itoa(int(md.Brokers[0].NodeID))
}
