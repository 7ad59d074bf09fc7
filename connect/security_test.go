package connect_test

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testcerts"
)

// dial checks cfg and runs connect.NewClient as a command does, with -v
// logging into log, and returns the error's text ("" for success); it
// fails the test when the answer took longer than the timeout allows.
func dial(t *testing.T, cfg config.Config, log *cmd.Buffer) string {
	t.Helper()
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	cfg.ClientID = "shore-test"
	if err := cfg.Check(); err != nil {
		return err.Error()
	}
	start := time.Now()
	cl, err := connect.NewClient(context.Background(), &cfg, connect.ClientOptions{Log: log, Stderr: log})
	// Two seconds of slack, for a parallel case that waits its whole
	// timeout on a loaded machine under -race; a first contact that waited
	// the timeout twice still fails.
	if took := time.Since(start); took > cfg.Timeout+2*time.Second {
		t.Errorf("took %s with timeout %s", took, cfg.Timeout)
	}
	if err != nil {
		return err.Error()
	}
	cl.Close()
	return ""
}

func TestSecuredListeners(t *testing.T) {
	s := testbroker.Secured(t)
	passFile := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(passFile, []byte(testbroker.SASLPassword+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ca := config.TLS{CAFile: s.Certs.CA}
	mtls := config.TLS{CAFile: s.Certs.CA, CertFile: s.Certs.ClientCert, KeyFile: s.Certs.ClientKey}
	type tc struct {
		name    string
		brokers []string
		tls     config.TLS
		sasl    config.SASL
	}
	cases := []tc{{"mutual TLS", s.TLS, mtls, config.SASL{}}}
	for _, m := range testbroker.SASLMechanisms {
		cases = append(cases,
			tc{m + " password", s.SASL, config.TLS{}, config.SASL{Mechanism: m, Username: testbroker.SASLUser, Password: testbroker.SASLPassword}},
			tc{m + " password-file over TLS", s.SASLSSL, ca, config.SASL{Mechanism: m, Username: testbroker.SASLUser, PasswordFile: passFile}},
			tc{m + " password-command over TLS", s.SASLSSL, ca, config.SASL{Mechanism: strings.ToLower(m), Username: testbroker.SASLUser, PasswordCommand: "cat " + passFile}},
		)
	}
	if testbroker.Real() {
		token := testbroker.UnsignedToken()
		tokenFile := filepath.Join(t.TempDir(), "token")
		if err := os.WriteFile(tokenFile, []byte(token+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		cases = append(cases,
			tc{"OAUTHBEARER token-file over TLS", s.SASLSSL, ca, config.SASL{Mechanism: "OAUTHBEARER", TokenFile: tokenFile}},
			tc{"OAUTHBEARER token-command over TLS", s.SASLSSL, ca, config.SASL{Mechanism: "OAUTHBEARER", TokenCommand: "cat " + tokenFile}},
		)
	} else {
		t.Log("OAUTHBEARER is tested against Apache Kafka only (make test-kafka): kfake does not implement it")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var log cmd.Buffer
			if got := dial(t, config.Config{Brokers: c.brokers, TLS: c.tls, SASL: c.sasl}, &log); got != "" {
				t.Fatalf("error %q; log:\n%s", got, log.String())
			}
			if strings.Contains(log.String(), testbroker.SASLPassword) {
				t.Errorf("the -v log shows the password:\n%s", log.String())
			}
		})
	}
}

func TestFirstContactErrors(t *testing.T) {
	s := testbroker.Secured(t)
	plain := testbroker.Brokers(t)
	set, files := testcerts.Temp(t)
	server := func(p testcerts.Pair) []string {
		cfg, err := set.ServerTLS(p, false)
		if err != nil {
			t.Fatal(err)
		}
		return []string{testbroker.TLSServer(t, cfg)}
	}
	expired, wrongHost, untrusted := server(set.Expired), server(set.WrongHost), server(set.Untrusted)
	expiredAt := certificate(t, set.Expired).NotAfter.UTC().Format(time.RFC3339)

	user := testbroker.SASLUser
	wrong := "Wrong-Password-5d1e"
	ca := config.TLS{CAFile: s.Certs.CA}
	join := func(b []string) string { return strings.Join(b, ",") }

	type tc struct {
		name    string
		brokers []string
		timeout time.Duration
		tls     config.TLS
		sasl    config.SASL
		want    []string // any of these
	}
	cases := []tc{
		{"untrusted certificate", untrusted, 0, config.TLS{CAFile: files.CA}, config.SASL{},
			[]string{"cannot connect to " + join(untrusted) + ": the broker's TLS certificate is signed by CN=unknown CA, which is not in the CA file " + files.CA}},
		{"certificate of the system roots", untrusted, 0, config.TLS{Enabled: true}, config.SASL{},
			[]string{"cannot connect to " + join(untrusted) + ": the broker's TLS certificate is signed by CN=unknown CA, which the system does not trust; name its CA file with --tls-ca"}},
		{"expired certificate", expired, 0, config.TLS{CAFile: files.CA}, config.SASL{},
			[]string{"cannot connect to " + join(expired) + ": the broker's TLS certificate (CN=localhost) expired at " + expiredAt}},
		{"host name mismatch", wrongHost, 0, config.TLS{CAFile: files.CA}, config.SASL{},
			[]string{"cannot connect to " + join(wrongHost) + ": the broker's TLS certificate is for kafka.invalid, not 127.0.0.1; connect by one of those names or set --tls-server-name"}},
		{"server name that is not the certificate's", wrongHost, 0, config.TLS{CAFile: files.CA, ServerName: "kafka.example"}, config.SASL{},
			[]string{"cannot connect to " + join(wrongHost) + ": the broker's TLS certificate is for kafka.invalid, not kafka.example, the name --tls-server-name gives; change it to one of those"}},
		{"server name override", wrongHost, 0, config.TLS{CAFile: files.CA, ServerName: "kafka.invalid"}, config.SASL{}, []string{""}},
		{"insecure skips the checks", expired, 0, config.TLS{InsecureSkipVerify: true}, config.SASL{}, []string{""}},
		{"no client certificate", s.TLS, 0, ca, config.SASL{}, []string{
			"cannot connect to " + join(s.TLS) + ": the broker refused the TLS connection (certificate required): it requires a client certificate; set --tls-cert and --tls-key",
			"cannot connect to " + join(s.TLS) + ": the broker refused the TLS connection (bad certificate): it requires a client certificate; set --tls-cert and --tls-key",
		}},
		{"client certificate of another CA", s.TLS, 0, config.TLS{CAFile: s.Certs.CA, CertFile: s.Certs.UntrustedCert, KeyFile: s.Certs.UntrustedKey}, config.SASL{}, []string{
			"cannot connect to " + join(s.TLS) + ": the broker refused the client certificate " + s.Certs.UntrustedCert + " (certificate required): it trusts no CA that signed it",
			"cannot connect to " + join(s.TLS) + ": the broker refused the client certificate " + s.Certs.UntrustedCert + " (bad certificate): check that a CA the broker trusts signed it and that it has not expired",
			"cannot connect to " + join(s.TLS) + ": the broker refused the client certificate " + s.Certs.UntrustedCert + " (unknown certificate authority): check that a CA the broker trusts signed it and that it has not expired",
			"cannot connect to " + join(s.TLS) + ": the broker refused the client certificate " + s.Certs.UntrustedCert + " (certificate unknown): check that a CA the broker trusts signed it and that it has not expired",
		}},
		{"plaintext to a TLS port", s.TLS, 0, config.TLS{}, config.SASL{},
			[]string{"cannot connect to " + join(s.TLS) + ": the broker speaks TLS on this port; connect with --tls (and --tls-ca if a private CA signed its certificate)"}},
		{"TLS to a plaintext port", plain, 2 * time.Second, ca, config.SASL{}, []string{
			"cannot connect to " + join(plain) + ": no answer to the TLS handshake within 2s; is it a plaintext port? (try without --tls)",
			"cannot connect to " + join(plain) + ": the broker closed the connection during the TLS handshake; is it a plaintext port? (try without --tls)",
		}},
		{"no SASL on a SASL port", s.SASL, 0, config.TLS{}, config.SASL{},
			[]string{"cannot connect to " + join(s.SASL) + ": the broker closed the connection; it may require SASL authentication (--sasl-mechanism)"}},
		{"mechanism not enabled", s.SASL, 0, config.TLS{}, config.SASL{Mechanism: "OAUTHBEARER", Token: "Token-Secret-77aa"},
			[]string{"cannot connect to " + join(s.SASL) + ": the broker does not enable SASL mechanism OAUTHBEARER; it enables PLAIN, SCRAM-SHA-256, SCRAM-SHA-512"}},
	}
	for _, m := range testbroker.SASLMechanisms {
		cases = append(cases,
			tc{m + " wrong password", s.SASL, 0, config.TLS{}, config.SASL{Mechanism: m, Username: user, Password: wrong},
				[]string{"cannot connect to " + join(s.SASL) + `: authentication failed for user "alice" with ` + m + ", using the password from --sasl-password"}},
			tc{m + " unknown user over TLS", s.SASLSSL, 0, ca, config.SASL{Mechanism: m, Username: "mallory", Password: wrong},
				[]string{"cannot connect to " + join(s.SASLSSL) + `: authentication failed for user "mallory" with ` + m + ", using the password from --sasl-password"}},
		)
	}
	cases = append(cases, tc{"SASL on a port without it", plain, 0, config.TLS{}, config.SASL{Mechanism: "PLAIN", Username: user, Password: wrong},
		[]string{"cannot connect to " + join(plain) + ": the broker does not use SASL on this listener; drop --sasl-mechanism or connect to its SASL listener"}})
	if testbroker.Real() {
		cases = append(cases, tc{"OAUTHBEARER bad token", s.SASLSSL, 0, ca, config.SASL{Mechanism: "OAUTHBEARER", Token: "Token-Secret-77aa"},
			[]string{"cannot connect to " + join(s.SASLSSL) + ": authentication failed with OAUTHBEARER: the broker refused the token"}})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			// The client may still log from its own goroutines while the
			// test reads the log, as it may on a real stderr.
			var log cmd.Buffer
			got := dial(t, config.Config{Brokers: c.brokers, Timeout: c.timeout, TLS: c.tls, SASL: c.sasl}, &log)
			ok := false
			for _, w := range c.want {
				ok = ok || got == w
			}
			if !ok {
				t.Errorf("error\n%q\nwant one of\n%q", got, c.want)
			}
			for _, secret := range []string{wrong, testbroker.SASLPassword, "Token-Secret-77aa"} {
				if strings.Contains(got+log.String(), secret) {
					t.Errorf("error or -v log shows a secret:\n%s\n%s", got, log.String())
				}
			}
		})
	}
}

func certificate(t *testing.T, p testcerts.Pair) *x509.Certificate {
	t.Helper()
	block, _ := pem.Decode(p.CertPEM)
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A first bootstrap broker that accepts connections and never answers must
// not fail the command while the next one is healthy (kcat goes on too).
func TestSilentFirstBroker(t *testing.T) {
	cfg := config.Config{Brokers: append([]string{testbroker.Silent(t)}, testbroker.Brokers(t)...), ClientID: "shore-test", Timeout: 5 * time.Second}
	cl, err := connect.NewClient(context.Background(), &cfg, connect.ClientOptions{})
	if err != nil {
		t.Fatalf("first contact: %v", err)
	}
	adm := connect.Admin(cl, &cfg)
	defer adm.Close()
	ctx, cancel := context.WithTimeout(context.Background(), cfg.Timeout)
	defer cancel()
	if _, err := adm.ListTopics(ctx); err != nil {
		t.Fatalf("a request after first contact: %v", err)
	}
}

// The certificate files are read within a size cap and, for a pipe, the
// timeout: /dev/zero, a directory or a FIFO nobody writes is one line.
func TestTLSFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "ca.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := os.OpenFile(fifo, os.O_RDWR, 0) // a writer that never writes
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, tc := range []struct {
		name string
		tls  config.TLS
		want string
	}{
		{"CA of zeros", config.TLS{CAFile: "/dev/zero"}, "tls.ca-file /dev/zero: larger than 4 MiB; is it the right file?"},
		{"CA is a directory", config.TLS{CAFile: dir}, "tls.ca-file " + dir + ": is a directory, not a file"},
		{"CA is a silent FIFO", config.TLS{CAFile: fifo}, "tls.ca-file " + fifo + ": no end of file within 1s"},
		{"certificate of zeros", config.TLS{CertFile: "/dev/zero", KeyFile: "/dev/zero"}, "tls.cert-file /dev/zero: larger than 4 MiB; is it the right file?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := connect.TLSConfig(context.Background(), &config.Config{TLS: tc.tls, Timeout: time.Second})
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}
