package cmd_test

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/sasl/plain"

	"github.com/kafkashore/shore/internal/peers"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testcerts"
)

func TestDevSecured(t *testing.T) {
	_, files := testcerts.Temp(t)
	lines, stderrSoFar, stop := startDevLines(t, 2, "--listen", "127.0.0.1:0", "--topic", "orders",
		"--server-cert", files.ServerCert, "--server-key", files.ServerKey, "--sasl", "alice:Dev-Secret:1")
	addr, registry := lines[0], lines[1]
	run := func(env map[string]string, args ...string) shoretest.Result {
		e := map[string]string{"SHORE_BROKERS": addr}
		for k, v := range env {
			e[k] = v
		}
		return shoretest.RunWith(t, shoretest.Opts{Env: e}, args...)
	}
	login := []string{"--tls-ca", files.CA, "--sasl-mechanism", "SCRAM-SHA-256", "--sasl-username", "alice"}
	for _, m := range []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"} {
		res := run(map[string]string{"SHORE_SASL_PASSWORD": "Dev-Secret:1"}, "--tls-ca", files.CA, "--sasl-mechanism", m, "--sasl-username", "alice", "topics", "list")
		wantRun(t, res, 0, "NAME    PARTITIONS  REPLICAS\norders  1           1\n", "")
	}
	wantRun(t, run(map[string]string{"SHORE_SASL_PASSWORD": "nope"}, append(login, "topics", "list")...), 1, "",
		"shore: cannot connect to "+addr+": authentication failed for user \"alice\" with SCRAM-SHA-256, using the password from SHORE_SASL_PASSWORD\n")
	wantRun(t, run(nil, "topics", "list"), 1, "",
		"shore: cannot connect to "+addr+": the broker speaks TLS on this port; connect with --tls (and --tls-ca if a private CA signed its certificate)\n")
	// A CA file that does not sign the brokers' certificate is named with
	// where it came from: a variable left set replaces the profile's.
	profile := writeConfig(t, "profiles:\n  p:\n    tls: {ca-file: '"+files.CA+"'}\n")
	wantRun(t, run(map[string]string{"SHORE_TLS_CA": files.UntrustedCert}, "--config", profile, "--profile", "p", "topics", "list"), 1, "",
		"shore: cannot connect to "+addr+": the broker's TLS certificate is signed by CN=shore test CA, which is not in the CA file "+files.UntrustedCert+", from SHORE_TLS_CA\n")

	// The registry speaks HTTPS with the same certificate, as the help
	// says: clients name the CA with --registry-ca, not --tls-ca.
	if !strings.HasPrefix(registry, "https://") {
		t.Fatalf("registry URL %q; want https://", registry)
	}
	registryLogin := map[string]string{"SHORE_REGISTRY_URL": registry, "SHORE_REGISTRY_PASSWORD": "Dev-Secret:1"}
	wantRun(t, run(registryLogin, "--registry-ca", files.CA, "--registry-username", "alice", "registry", "list"), 0, "", "shore: no subjects\n")
	wantRun(t, run(registryLogin, "--tls-ca", files.CA, "--registry-username", "alice", "registry", "list"), 1, "",
		"shore: cannot reach schema registry "+registry+": its TLS certificate is not trusted (x509: certificate signed by unknown authority); name the CA that signs it with --registry-ca (SHORE_REGISTRY_CA, a profile's registry.ca-file)\n")
	// A CA file that does not sign it is named, as for the brokers; so is
	// the scheme to use, either way round.
	wantRun(t, run(registryLogin, "--registry-ca", files.UntrustedCert, "--registry-username", "alice", "registry", "list"), 1, "",
		"shore: cannot reach schema registry "+registry+": its TLS certificate is signed by CN=shore test CA, which is not in the CA file "+files.UntrustedCert+"\n")
	plainURL := "http://" + strings.TrimPrefix(registry, "https://")
	wantRun(t, run(registryLogin, "--registry", plainURL, "--registry-username", "alice", "registry", "list"), 1, "",
		"shore: cannot reach schema registry "+plainURL+": it speaks HTTPS; use an https:// URL\n")
	_, plainRegistry, stopPlain := startDevRegistry(t, "--listen", "127.0.0.1:0")
	httpsURL := "https://" + strings.TrimPrefix(plainRegistry, "http://")
	wantRun(t, run(nil, "--registry", httpsURL, "registry", "list"), 1, "",
		"shore: cannot reach schema registry "+httpsURL+": it does not speak TLS; use an http:// URL\n")
	stopPlain()

	// The registry tells of the clients that broke off: the two that did
	// not trust its certificate and the one that spoke plain HTTP. It
	// tells once it has read their last bytes, which can be after the
	// client has exited, and in any order: wait for the three lines
	// before stopping it, and compare them sorted.
	for deadline := time.Now().Add(10 * time.Second); strings.Count(stderrSoFar(), "TLS handshake error") < 3 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	code, stderr := stop()
	stderr = regexp.MustCompile(`from 127\.0\.0\.1:\d+:`).ReplaceAllString(stderr, "from 127.0.0.1:PORT:")
	brokeOff := "shore dev: registry: http: TLS handshake error from 127.0.0.1:PORT: "
	want := "shore dev: 1 broker at " + addr + " with TLS and SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) for user alice, schema registry at " + registry + ", in memory only: everything is lost when it stops; Ctrl-C stops\n" +
		brokeOff + "client sent an HTTP request to an HTTPS server\n" + brokeOff + "remote error: tls: bad certificate\n" + brokeOff + "remote error: tls: bad certificate\n" +
		"shore dev: stopping\n"
	if got := strings.SplitAfter(stderr, "\n"); len(got) == 6 {
		slices.Sort(got[1:4])
		stderr = strings.Join(got, "")
	}
	if code != 0 || stderr != want {
		t.Fatalf("exit %d stderr %q, want 0 and %q", code, stderr, want)
	}
}

// TestDevClientCertificates: --client-ca makes the brokers demand a client
// certificate that a CA in the file signed, as Kafka's
// ssl.client.auth=required does, from shore and from kcat; the registry
// asks for none.
func TestDevClientCertificates(t *testing.T) {
	peers.Kcat(t)
	_, files := testcerts.Temp(t)
	addr, registry, stop := startDevRegistry(t, "--listen", "127.0.0.1:0", "--topic", "orders",
		"--server-cert", files.ServerCert, "--server-key", files.ServerKey, "--client-ca", files.CA)
	peers.RunKcat(t, "by kcat\n", "-b", addr, "-X", "security.protocol=SSL", "-X", "ssl.ca.location="+files.CA,
		"-X", "ssl.certificate.location="+files.ClientCert, "-X", "ssl.key.location="+files.ClientKey, "-P", "-t", "orders")
	wantRun(t, against(t, addr, "--tls-ca", files.CA, "--tls-cert", files.ClientCert, "--tls-key", files.ClientKey, "consume", "orders", "-e"), 0, "by kcat\n", "")
	wantRun(t, against(t, addr, "--tls-ca", files.CA, "topics", "list"), 1, "",
		"shore: cannot connect to "+addr+": the broker refused the TLS connection (certificate required): it requires a client certificate; set --tls-cert and --tls-key\n")
	wantRun(t, against(t, addr, "--tls-ca", files.CA, "--tls-cert", files.UntrustedCert, "--tls-key", files.UntrustedKey, "topics", "list"), 1, "",
		"shore: cannot connect to "+addr+": the broker refused the client certificate "+files.UntrustedCert+" (certificate required): it trusts no CA that signed it\n")
	wantRun(t, shoretest.Run(t, "--registry", registry, "--registry-ca", files.CA, "registry", "list"), 0, "", "shore: no subjects\n")
	code, stderr := stop()
	want := "shore dev: 1 broker at " + addr + " with TLS and client certificates, schema registry at " + registry + ", in memory only: everything is lost when it stops; Ctrl-C stops\n" +
		"shore dev: stopping\n"
	if code != 0 || stderr != want {
		t.Fatalf("exit %d stderr %q, want 0 and %q", code, stderr, want)
	}
}

// TestKcatLogsInToSecuredDev: librdkafka (kcat, confluent-kafka) logs in
// to the secured rehearsal with each mechanism, as it does to Apache Kafka
// 4, and its records come back to kcat and to shore.
func TestKcatLogsInToSecuredDev(t *testing.T) {
	peers.Kcat(t)
	_, files := testcerts.Temp(t)
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--no-registry", "--topic", "logins",
		"--server-cert", files.ServerCert, "--server-key", files.ServerKey, "--sasl", "alice:dev-secret")
	login := func(mechanism string, args ...string) []string {
		return append([]string{"-b", addr, "-X", "security.protocol=SASL_SSL", "-X", "ssl.ca.location=" + files.CA,
			"-X", "sasl.mechanisms=" + mechanism, "-X", "sasl.username=alice", "-X", "sasl.password=dev-secret"}, args...)
	}
	var want strings.Builder
	for _, m := range []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"} {
		peers.RunKcat(t, "by "+m+"\n", login(m, "-P", "-t", "logins")...)
		want.WriteString("by " + m + "\n")
	}
	if got := peers.RunKcat(t, "", login("SCRAM-SHA-512", "-C", "-t", "logins", "-e", "-q")...); got != want.String() {
		t.Errorf("kcat read %q; want %q", got, want.String())
	}
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": addr, "SHORE_SASL_PASSWORD": "dev-secret"}},
		"--tls-ca", files.CA, "--sasl-mechanism", "PLAIN", "--sasl-username", "alice", "consume", "logins", "-e")
	wantRun(t, res, 0, want.String(), "")
}

// TestDevWarnsOfUnframedLogins: a client that logs in with SaslHandshake
// version 0 (kafka-python 2 does) is disconnected, and shore dev says why
// once, whatever the retries.
func TestDevWarnsOfUnframedLogins(t *testing.T) {
	set, files := testcerts.Temp(t)
	addr, stop := startDev(t, "--listen", "127.0.0.1:0", "--no-registry",
		"--server-cert", files.ServerCert, "--server-key", files.ServerKey, "--sasl", "alice:dev-secret")
	cas := x509.NewCertPool()
	cas.AppendCertsFromPEM(set.CA.CertPEM)
	handshake := kmsg.NewPtrSASLHandshakeRequest()
	handshake.Version, handshake.Mechanism = 0, "PLAIN"
	frame := kmsg.NewRequestFormatter(kmsg.FormatterClientID("kafka-python")).AppendRequest(nil, handshake, 1)
	for range 2 {
		conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: cas, MinVersion: tls.VersionTLS12})
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		if _, err := conn.Write(frame); err != nil {
			t.Fatal(err)
		}
		if n, err := conn.Read(make([]byte, 64)); err != io.EOF {
			t.Errorf("after a SaslHandshake version 0: read %d bytes, %v; want the connection closed", n, err)
		}
		conn.Close()
	}
	code, stderr := stop()
	want := "shore dev: 1 broker at " + addr + " with TLS and SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) for user alice, in memory only: everything is lost when it stops; Ctrl-C stops\n" +
		"shore dev: broker: warning: a client logging in with SaslHandshake version 0 (kafka-python 2 does) is disconnected: shore dev speaks version 1 only (Kafka's Java clients, librdkafka, franz-go)\n" +
		"shore dev: stopping\n"
	if code != 0 || stderr != want {
		t.Fatalf("exit %d stderr %q, want 0 and %q", code, stderr, want)
	}
}

func TestDevSecurityErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.pem")
	set, files := testcerts.Temp(t)
	block, _ := pem.Decode(set.Server.CertPEM)
	der := filepath.Join(dir, "server.der")
	encrypted := filepath.Join(dir, "key.pem")
	if err := os.WriteFile(der, block.Bytes, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(encrypted, pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{0x30, 0x00}}), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--sasl", "alice"}, 2, "shore: --sasl: want USER:PASSWORD\n"},
		{[]string{"--sasl", ":pw"}, 2, "shore: --sasl: empty user name: want USER:PASSWORD\n"},
		{[]string{"--sasl", "alice:"}, 2, "shore: --sasl: empty password for user \"alice\": want USER:PASSWORD\n"},
		{[]string{"--server-cert", missing}, 2, "shore: --server-cert and --server-key go together: give --server-key too\n"},
		{[]string{"--server-key", missing}, 2, "shore: --server-cert and --server-key go together: give --server-cert too\n"},
		{[]string{"--server-cert", missing, "--server-key", missing}, 1,
			"shore: --server-cert " + missing + ": no such file or directory\n"},
		{[]string{"--server-cert", der, "--server-key", files.ServerKey}, 1,
			"shore: --server-cert " + der + ": a DER (binary) certificate, not PEM; convert it: openssl x509 -inform der -in " + der + " -out " + filepath.Join(dir, "server.pem") + "\n"},
		{[]string{"--server-cert", files.ServerCert, "--server-key", encrypted}, 1,
			"shore: --server-key " + encrypted + ": the private key is encrypted, and shore cannot ask for its passphrase; write it decrypted (openssl pkey -in " + encrypted + " -out " + filepath.Join(dir, "key-plain.pem") + ") and chmod 600 it\n"},
		{[]string{"--client-ca", files.CA}, 2,
			"shore: --client-ca " + files.CA + ": the brokers ask for client certificates only over TLS: give --server-cert and --server-key too\n"},
		{[]string{"--server-cert", files.ServerCert, "--server-key", files.ServerKey, "--client-ca", missing}, 1,
			"shore: --client-ca " + missing + ": no such file or directory\n"},
		{[]string{"--server-cert", files.ServerCert, "--server-key", files.ServerKey, "--client-ca", files.ClientKey}, 1,
			"shore: --client-ca " + files.ClientKey + ": a private key and no certificate; name the file of the CA's certificate\n"},
		{[]string{"--server-cert", files.ServerCert, "--server-key", files.ClientKey}, 1,
			"shore: --server-key " + files.ClientKey + " is not the private key of the first certificate in --server-cert " + files.ServerCert + ", CN=localhost\n"},
	} {
		res := shoretest.Run(t, append([]string{"dev", "--listen", "127.0.0.1:0"}, tc.args...)...)
		if tc.code == 2 {
			tc.stderr += seeHelpFor("dev")
		}
		if res.Code != tc.code || res.Stderr != tc.stderr || res.Stdout != "" {
			t.Errorf("%v: exit %d stdout %q stderr %q; want %d, %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.code, tc.stderr)
		}
	}
}

// TestReadyTellsOfAFailureThatLasts: ready keeps trying a login the broker
// refuses (a SCRAM user is often created after the broker starts), but
// once the tries have found that for check.StillTryingAfter it says so,
// once, where it said nothing until --wait ran out.
func TestReadyTellsOfAFailureThatLasts(t *testing.T) {
	addr, stop := startDev(t, "--listen", "127.0.0.1:0", "--sasl", "alice:Dev-Secret:1")
	defer stop()
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": addr, "SHORE_SASL_PASSWORD": "nope"}},
		"--sasl-mechanism", "SCRAM-SHA-256", "--sasl-username", "alice", "ready", "--wait", "7s")
	refused := "cannot connect to " + addr + ": authentication failed for user \"alice\" with SCRAM-SHA-256, using the password from SHORE_SASL_PASSWORD"
	wantRun(t, res, 3, "", "shore: still trying: "+refused+"; trying until --wait 7s\nshore: not ready after 7s: "+refused+"\n")
}

// TestRefusedPasswordNamesItsSource: a refused login names where its
// password came from, so that a variable that replaced the profile's
// password-command shows; one that begins or ends with white space says
// so, where a password file written with a second newline was refused with
// nothing to show why (a file or command loses only one final newline).
func TestRefusedPasswordNamesItsSource(t *testing.T) {
	addr, stop := startDev(t, "--listen", "127.0.0.1:0", "--sasl", "alice:dev-secret")
	defer stop()
	file := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(file, []byte("dev-secret\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	profile := writeConfig(t, "profiles:\n  p:\n    sasl:\n      password-command: echo dev-secrets\n")
	refused := "shore: cannot connect to " + addr + ": authentication failed for user \"alice\" with PLAIN"
	for _, tc := range []struct {
		env    map[string]string
		args   []string
		stderr string
	}{
		{nil, []string{"--config", profile, "--profile", "p"}, ", using the password from config file " + profile + ":4: profiles.p.sasl.password-command"},
		{map[string]string{"SHORE_SASL_PASSWORD": "stale"}, []string{"--config", profile, "--profile", "p"}, ", using the password from SHORE_SASL_PASSWORD"},
		{nil, []string{"--sasl-password-file", file}, "; the password from --sasl-password-file ends with a newline, which is part of it (shore drops only one final newline)"},
		{nil, []string{"--sasl-password-command", "printf ' dev-secret'"}, "; the password from --sasl-password-command begins with a space, which is part of it"},
		{map[string]string{"SHORE_SASL_PASSWORD": "dev-secret "}, nil, "; the password from SHORE_SASL_PASSWORD ends with a space, which is part of it"},
	} {
		env := map[string]string{"SHORE_BROKERS": addr}
		maps.Copy(env, tc.env)
		res := shoretest.RunWith(t, shoretest.Opts{Env: env}, append(tc.args, "--sasl-mechanism", "PLAIN", "--sasl-username", "alice", "topics", "list")...)
		wantRun(t, res, 1, "", refused+tc.stderr+"\n")
	}
}

// TestDevRegistryLogsAsShoreDev: what the HTTPS registry's server has to
// say (a client that hung up during the TLS handshake) is a 'shore dev:
// registry:' line, where Go's log wrote '2026/12/04 22:00:00 http: TLS
// handshake error ...' among shore dev's own lines.
func TestDevRegistryLogsAsShoreDev(t *testing.T) {
	_, files := testcerts.Temp(t)
	lines, stderr, stop := startDevLines(t, 2, "--listen", "127.0.0.1:0", "--server-cert", files.ServerCert, "--server-key", files.ServerKey)
	conn, err := net.Dial("tcp", strings.TrimPrefix(lines[1], "https://"))
	if err != nil {
		t.Fatal(err)
	}
	from := conn.LocalAddr().String()
	conn.Close()
	want := "shore dev: registry: http: TLS handshake error from " + from + ": EOF\n"
	shoretest.Eventually(t, 10*time.Second, func() error {
		if !strings.Contains(stderr(), want) {
			return fmt.Errorf("stderr %q lacks %q", stderr(), want)
		}
		return nil
	})
	code, all := stop()
	started := "shore dev: 1 broker at " + lines[0] + " with TLS, schema registry at " + lines[1] + ", in memory only: everything is lost when it stops; Ctrl-C stops\n"
	if code != 0 || all != started+want+"shore dev: stopping\n" {
		t.Fatalf("exit %d, stderr %q; want 0 and %q", code, all, started+want+"shore dev: stopping\n")
	}
}

// The guide's recipe for a rehearsal of a secured cluster runs as written:
// the certificates its OpenSSL lines make serve shore dev's TLS (on a free
// port here), and the client line that follows logs in as alice.
func TestGuideCertificatesForDev(t *testing.T) {
	needTool(t, "openssl")
	_, recipe, _ := strings.Cut(repoFile(t, "docs/guide.md"), "To make the certificates for such a rehearsal")
	recipe, _, _ = strings.Cut(recipe, "\n#")
	var script []string
	var dev, client string
	for _, l := range strings.Split(recipe, "\n") {
		l = strings.TrimSpace(readmeComment.ReplaceAllString(strings.TrimPrefix(l, "    "), ""))
		switch {
		case strings.HasPrefix(l, "printf ") || strings.HasPrefix(l, "openssl "):
			script = append(script, l)
		case strings.HasPrefix(l, "shore dev "):
			dev = strings.TrimPrefix(l, "shore dev ")
		case strings.Contains(l, "shore "):
			client = l
		}
	}
	if len(script) == 0 || dev == "" || client == "" {
		t.Fatalf("the guide's recipe is not OpenSSL lines, shore dev and a client: %q", recipe)
	}
	dir := t.TempDir()
	sh := exec.Command("bash", "-e", "-c", strings.Join(script, "\n"))
	sh.Dir = dir
	if out, err := sh.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(script, "\n"), err, out)
	}
	args := strings.Fields(dev)
	for i, a := range args {
		if strings.HasSuffix(a, ".pem") {
			args[i] = filepath.Join(dir, a)
		}
	}
	addr, _, _ := startDevRegistry(t, append(args, "--listen", "127.0.0.1:0")...)
	c := exec.Command("bash", "-c", client)
	c.Dir = dir
	c.Env = append(shoretest.Environ(t, map[string]string{"SHORE_BROKERS": addr}), "PATH="+filepath.Dir(shoretest.Binary(t))+":"+os.Getenv("PATH"))
	var stdout, stderr strings.Builder
	c.Stdout, c.Stderr = &stdout, &stderr
	err := c.Run()
	if code := c.ProcessState.ExitCode(); err != nil || stdout.String() != "" || stderr.String() != "shore: no topics\n" {
		t.Errorf("%s: exit %d (%v), stdout %q, stderr %q; want exit 0 and shore: no topics", client, code, err, stdout.String(), stderr.String())
	}
}

// TestDevSecuredConsumerGroupTurnsClassic: with TLS and SASL, an empty
// KIP-848 group kept in --data-dir takes a classic member after a restart
// and keeps its commits (shore dev lists such groups at start, and turns
// one classic, through its own brokers).
func TestDevSecuredConsumerGroupTurnsClassic(t *testing.T) {
	set, files := testcerts.Temp(t)
	secured := []string{"--listen", "127.0.0.1:0", "--no-registry", "--data-dir", t.TempDir(),
		"--server-cert", files.ServerCert, "--server-key", files.ServerKey, "--sasl", "alice:Dev-Secret:1"}
	run := func(addr, stdin string, args ...string) shoretest.Result {
		login := []string{"--tls-ca", files.CA, "--sasl-mechanism", "PLAIN", "--sasl-username", "alice"}
		return shoretest.RunWith(t, shoretest.Opts{Stdin: stdin, Timeout: 20 * time.Second, Env: map[string]string{"SHORE_BROKERS": addr, "SHORE_SASL_PASSWORD": "Dev-Secret:1"}}, append(login, args...)...)
	}
	addr, stop := startDev(t, append(secured, "--topic", "orders")...)
	wantRun(t, run(addr, "a\n", "produce", "orders"), 0, "", "")
	cas := x509.NewCertPool()
	cas.AppendCertsFromPEM(set.CA.CertPEM)
	consumerProtocolMember(t, addr, "billing", "orders", 1, kgo.DialTLSConfig(&tls.Config{RootCAs: cas, MinVersion: tls.VersionTLS12}),
		kgo.SASL(plain.Auth{User: "alice", Pass: "Dev-Secret:1"}.AsMechanism())).Close()
	if code, stderr := stop(); code != 0 {
		t.Fatalf("shore dev: exit %d: %s", code, stderr)
	}
	addr, _ = startDev(t, secured...)
	wantRun(t, run(addr, "b\n", "produce", "orders"), 0, "", "")
	wantRun(t, run(addr, "", "consume", "orders", "-g", "billing", "-e"), 0, "b\n", "")
}

// TestDevTLSBrokerAsRegistry: a registry URL that is a TLS broker's
// address, https:// or http://, is named a Kafka broker's within a moment,
// as a plaintext broker's is: the question whether it speaks Kafka is
// asked over TLS too. https:// was 'does not answer as a schema registry
// (HTTP 400 for GET /subjects)' (shore dev's broker answers the request
// inside TLS, naming the registry), and with Apache Kafka, which closes
// the connection, 'it closed the connection without answering: does it
// expect plain HTTP (an http:// URL)?'; http:// was 'it closed the
// connection without answering: is this the schema registry's address?'.
func TestDevTLSBrokerAsRegistry(t *testing.T) {
	_, files := testcerts.Temp(t)
	addr, stop := startDev(t, "--listen", "127.0.0.1:0", "--server-cert", files.ServerCert, "--server-key", files.ServerKey)
	defer stop()
	for _, url := range []string{"https://" + addr, "http://" + addr} {
		start := time.Now()
		res := shoretest.Run(t, "--registry", url, "--registry-ca", files.CA, "--timeout", "10s", "registry", "list")
		wantRun(t, res, 1, "", "shore: cannot reach schema registry "+url+": it speaks Kafka's protocol, not HTTP: that is a Kafka broker's address, not the schema registry's\n")
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("%s took %s, want an answer well within --timeout 10s", url, took)
		}
	}
}

// TestDevClosesTLSToPlaintext: a client speaking TLS to a plaintext broker
// hears at once that the connection closed, as from Kafka, which closes a
// connection whose request says it is larger than socket.request.max.bytes
// (a TLS handshake reads as one of some 369 MB), where it waited for the
// rest of the "request" until its timeout ran out.
func TestDevClosesTLSToPlaintext(t *testing.T) {
	_, files := testcerts.Temp(t)
	addr, stop := startDev(t, "--listen", "127.0.0.1:0", "--no-registry")
	defer stop()
	start := time.Now()
	res := shoretest.Run(t, "-b", addr, "--tls-ca", files.CA, "--timeout", "5s", "topics", "list")
	wantRun(t, res, 1, "", "shore: cannot connect to "+addr+": the broker closed the connection during the TLS handshake; is it a plaintext port? (try without --tls-ca)\n")
	if took := time.Since(start); took > 4*time.Second {
		t.Errorf("took %s, want an answer well within --timeout 5s", took)
	}
}
