package testbroker

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/devbroker"
	"github.com/kafkashore/shore/internal/testcerts"
)

// The SASL users every secured test cluster knows, one per mechanism.
const (
	SASLUser     = "alice"
	SASLPassword = "alice-Secret-9f3b"
)

// SASLMechanisms are the mechanisms the SASL listeners enable: shore dev's.
var SASLMechanisms = devbroker.SASLMechanisms

// Environment variables that point the secured tests at a real cluster's
// listeners (see scripts/security-kafka.sh); each holds host:port,...
const (
	EnvTLSBrokers     = "SHORE_TEST_TLS_BROKERS"      // SSL with a client certificate
	EnvSASLBrokers    = "SHORE_TEST_SASL_BROKERS"     // SASL_PLAINTEXT
	EnvSASLSSLBrokers = "SHORE_TEST_SASL_SSL_BROKERS" // SASL_SSL
	EnvCertDir        = "SHORE_TEST_CERT_DIR"         // the testcerts files of that cluster
)

// Secure is a cluster's secured listeners and the files a client needs.
type Secure struct {
	// Certs are the CA and client certificate files (testcerts.Set.Write).
	Certs testcerts.Files
	// TLS demands a client certificate signed by Certs.CA.
	TLS []string
	// SASL is SASL_PLAINTEXT; SASLSSL is SASL over TLS. Both know SASLUser
	// for every mechanism of SASLMechanisms.
	SASL, SASLSSL []string
}

var secure struct {
	once sync.Once
	s    Secure
	err  error
	dir  string // the certificates written for the in-process clusters
}

// Main runs a package's tests and then removes the files the secured
// in-process clusters needed; call it from the package's TestMain.
func Main(m *testing.M) int {
	code := m.Run()
	RemoveFiles()
	return code
}

// RemoveFiles removes the files Secured wrote, if it wrote any.
func RemoveFiles() {
	if secure.dir != "" {
		_ = os.RemoveAll(secure.dir)
	}
}

// Secured returns the secured listeners of the test cluster: those of the
// real cluster when SHORE_TEST_BROKERS is set (the test is skipped, and says
// why, when that cluster has none), else in-process clusters shared by the
// test binary: shore dev's, for TLS with a client certificate, SASL and
// SASL_SSL.
func Secured(t testing.TB) Secure {
	t.Helper()
	if Real() {
		s := Secure{
			TLS:     splitEnv(EnvTLSBrokers),
			SASL:    splitEnv(EnvSASLBrokers),
			SASLSSL: splitEnv(EnvSASLSSLBrokers),
		}
		dir := os.Getenv(EnvCertDir)
		if s.TLS == nil || s.SASL == nil || s.SASLSSL == nil || dir == "" {
			t.Skipf("the real cluster has no secured listeners: set %s, %s, %s and %s (make test-kafka does)",
				EnvTLSBrokers, EnvSASLBrokers, EnvSASLSSLBrokers, EnvCertDir)
		}
		s.Certs = testcerts.Existing(dir)
		secure.once.Do(func() { secure.err = createSCRAMUsers(s.SASL) })
		if secure.err != nil {
			t.Fatalf("create the SCRAM users: %v", secure.err)
		}
		return s
	}
	secure.once.Do(func() { secure.s, secure.err = startSecure() })
	if secure.err != nil {
		t.Fatalf("start the secured test clusters: %v", secure.err)
	}
	return secure.s
}

// createSCRAMUsers gives SASLUser its SCRAM credentials over the plaintext
// listener and waits until the SASL listener accepts them.
func createSCRAMUsers(saslBrokers []string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cl, err := kgo.NewClient(kgo.SeedBrokers(strings.Split(os.Getenv(EnvBrokers), ",")...))
	if err != nil {
		return err
	}
	defer cl.Close()
	// Kafka refuses one user twice in a request, even for two mechanisms.
	for _, m := range []kadm.ScramMechanism{kadm.ScramSha256, kadm.ScramSha512} {
		if err := upsertSCRAM(ctx, kadm.NewClient(cl), saslBrokers, SASLUser, SASLPassword, m); err != nil {
			return err
		}
	}
	return nil
}

func splitEnv(name string) []string {
	if v := os.Getenv(name); v != "" {
		return strings.Split(v, ",")
	}
	return nil
}

func startSecure() (Secure, error) {
	set, err := testcerts.New()
	if err != nil {
		return Secure{}, err
	}
	dir, err := os.MkdirTemp("", "shore-certs-")
	if err != nil {
		return Secure{}, err
	}
	secure.dir = dir
	s := Secure{}
	if s.Certs, err = set.Write(dir); err != nil {
		return Secure{}, err
	}
	// All three listeners are shore dev's: --server-cert, --server-key and
	// --client-ca; --sasl, and over TLS --server-cert and --server-key too.
	// The clusters live as long as the test binary.
	mtls, err := devbroker.Start(context.Background(), devbroker.Options{Listen: "127.0.0.1:0", Brokers: 1,
		TLSCertFile: s.Certs.ServerCert, TLSKeyFile: s.Certs.ServerKey, ClientCAFile: s.Certs.CA})
	if err != nil {
		return Secure{}, err
	}
	s.TLS = mtls.Addrs()
	user := &devbroker.Credentials{User: SASLUser, Password: SASLPassword}
	sasl, err := devbroker.Start(context.Background(), devbroker.Options{Listen: "127.0.0.1:0", Brokers: 1, SASL: user})
	if err != nil {
		return Secure{}, err
	}
	s.SASL = sasl.Addrs()
	saslSSL, err := devbroker.Start(context.Background(), devbroker.Options{Listen: "127.0.0.1:0", Brokers: 1, SASL: user,
		TLSCertFile: s.Certs.ServerCert, TLSKeyFile: s.Certs.ServerKey})
	if err != nil {
		return Secure{}, err
	}
	s.SASLSSL = saslSSL.Addrs()
	return s, nil
}

// TLSServer starts a kfake cluster that serves TLS with cfg, for tests of
// what a client sees of a broker's certificate.
func TLSServer(t testing.TB, cfg *tls.Config) string {
	t.Helper()
	return Own(t, kfake.NumBrokers(1), kfake.TLS(cfg)).ListenAddrs()[0]
}

// Own starts a kfake cluster of the test's own, closed when the test ends:
// for a test that holds or answers its requests itself (ControlKey).
func Own(t testing.TB, opts ...kfake.Opt) *kfake.Cluster {
	t.Helper()
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// KafkaSecurityProperties configures an Apache Kafka broker's listeners
// SASL_PLAINTEXT and SASL_SSL (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512; the
// PLAIN user is SASLUser, the SCRAM users are created by Secured; SASL_SSL
// also takes OAUTHBEARER with unsigned tokens, see UnsignedToken) and SSL
// (a client certificate required), with the set's server certificate as an
// inline PEM keystore, and Kafka's authorizer, which lets superUsers do
// anything and others what their ACLs allow.
func KafkaSecurityProperties(set *testcerts.Set) string {
	var b strings.Builder
	b.WriteString("# Written by internal/testbroker/securekafka.\n")
	fmt.Fprintf(&b, "sasl.enabled.mechanisms=%s\n", strings.Join(SASLMechanisms, ","))
	for _, l := range []string{"sasl_plaintext", "sasl_ssl"} {
		mechanisms := strings.Join(SASLMechanisms, ",")
		if l == "sasl_ssl" {
			// Unsigned tokens, checked by Kafka's unsecured validator:
			// enough to prove that shore sends the token it was given.
			mechanisms += ",OAUTHBEARER"
			fmt.Fprintf(&b, "listener.name.%s.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;\n", l)
		}
		fmt.Fprintf(&b, "listener.name.%s.sasl.enabled.mechanisms=%s\n", l, mechanisms)
		fmt.Fprintf(&b, "listener.name.%s.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_%s=\"%s\";\n", l, SASLUser, SASLPassword)
		for _, m := range []string{"scram-sha-256", "scram-sha-512"} {
			fmt.Fprintf(&b, "listener.name.%s.%s.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;\n", l, m)
		}
	}
	b.WriteString("ssl.keystore.type=PEM\n")
	fmt.Fprintf(&b, "ssl.keystore.certificate.chain=%s\n", propertyPEM(set.Server.CertPEM))
	fmt.Fprintf(&b, "ssl.keystore.key=%s\n", propertyPEM(set.Server.KeyPEM))
	b.WriteString("ssl.truststore.type=PEM\n")
	fmt.Fprintf(&b, "ssl.truststore.certificates=%s\n", propertyPEM(set.CA.CertPEM))
	b.WriteString("listener.name.ssl.ssl.client.auth=required\n")
	// ACLs as a managed cluster has them, for ACLCluster's logins; every
	// other test's login may do anything.
	b.WriteString("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer\n")
	fmt.Fprintf(&b, "super.users=%s\n", superUsers)
	return b.String()
}

// propertyPEM writes PEM as one .properties value, its lines continued with
// a backslash, as Kafka's documentation shows for inline PEM stores.
func propertyPEM(pem []byte) string {
	return strings.Join(strings.Split(strings.TrimSpace(string(pem)), "\n"), " \\\n  ")
}

// UnsignedToken is an OAUTHBEARER token for SASLUser that Kafka's unsecured
// validator accepts (a JWT with "alg":"none", valid for an hour). kfake does
// not implement OAUTHBEARER.
func UnsignedToken() string {
	enc := base64.RawURLEncoding.EncodeToString
	now := time.Now().Unix()
	claims := fmt.Sprintf(`{"sub":%q,"iat":%d,"exp":%d}`, SASLUser, now, now+3600)
	return enc([]byte(`{"alg":"none"}`)) + "." + enc([]byte(claims)) + "."
}
