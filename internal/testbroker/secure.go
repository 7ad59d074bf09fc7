package testbroker

import (
	"crypto/tls"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafkashore/shore/internal/testcerts"
)

// The SASL users every secured test cluster knows, one per mechanism.
const (
	SASLUser     = "alice"
	SASLPassword = "alice-Secret-9f3b"
)

// SASLMechanisms are the mechanisms the SASL listeners enable.
var SASLMechanisms = []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}

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
}

// Secured returns the secured listeners of the test cluster: those of the
// real cluster when SHORE_TEST_BROKERS is set (the test is skipped, and says
// why, when that cluster has none), else in-process kfake clusters shared by
// the test binary.
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
		return s
	}
	secure.once.Do(func() { secure.s, secure.err = startSecure() })
	if secure.err != nil {
		t.Fatalf("start secured kfake clusters: %v", secure.err)
	}
	return secure.s
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
	s := Secure{}
	if s.Certs, err = set.Write(dir); err != nil {
		return Secure{}, err
	}
	mtls, err := set.ServerTLS(set.Server, true)
	if err != nil {
		return Secure{}, err
	}
	serverOnly, err := set.ServerTLS(set.Server, false)
	if err != nil {
		return Secure{}, err
	}
	if s.TLS, err = Start(kfake.TLS(mtls)); err != nil {
		return Secure{}, err
	}
	if s.SASL, err = Start(SASLOpts()...); err != nil {
		return Secure{}, err
	}
	if s.SASLSSL, err = Start(append(SASLOpts(), kfake.TLS(serverOnly))...); err != nil {
		return Secure{}, err
	}
	return s, nil
}

// SASLOpts enable SASL on a kfake cluster with SASLUser for every mechanism.
func SASLOpts() []kfake.Opt {
	opts := []kfake.Opt{kfake.EnableSASL()}
	for _, m := range SASLMechanisms {
		opts = append(opts, kfake.Superuser(m, SASLUser, SASLPassword))
	}
	return opts
}

// Start starts a one-broker kfake cluster that lives as long as the test
// binary and returns its address.
func Start(opts ...kfake.Opt) ([]string, error) {
	c, err := kfake.NewCluster(append([]kfake.Opt{kfake.NumBrokers(1)}, opts...)...)
	if err != nil {
		return nil, err
	}
	return c.ListenAddrs(), nil
}

// TLSServer starts a kfake cluster that serves TLS with cfg, for tests of
// what a client sees of a broker's certificate.
func TLSServer(t testing.TB, cfg *tls.Config) string {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.TLS(cfg))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c.ListenAddrs()[0]
}
