package cmd_test

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testcerts"
)

// configError is what stderr says of a setting's bad value (exit 2) in a
// run of 'shore command': the line, and after it the hint to the command's
// --help when a flag gave the value, as for any mistake on the command
// line; a variable or the configuration file is not the command line to
// change.
func configError(command, msg string) string {
	if strings.HasPrefix(msg, "--") {
		return "shore: " + msg + "\n" + seeHelpFor(command)
	}
	return "shore: " + msg + "\n"
}

func TestSecurityWarnings(t *testing.T) {
	open := writeConfig(t, twoProfiles)
	if err := os.Chmod(open, 0o644); err != nil {
		t.Fatal(err)
	}
	closed := writeConfig(t, twoProfiles)
	insecure := writeInsecureConfig(t)
	urlPassword := writeConfig(t, "current-profile: p\nprofiles:\n  p:\n    registry: {url: 'https://key:s3cret@registry.example'}\n")
	if err := os.Chmod(urlPassword, 0o644); err != nil {
		t.Fatal(err)
	}
	noSecret := writeConfig(t, "current-profile: p\nprofiles:\n  p:\n    sasl: {mechanism: PLAIN, username: u}\n    registry: {username: u}\n")
	if err := os.Chmod(noSecret, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		env    map[string]string
		args   []string
		stderr string
	}{
		// config view talks to no broker: the brokers' certificates
		// not verified is told where shore talks to them
		// (TestInsecureWarnsWhereItApplies).
		{"insecure flag", nil, []string{"--tls-insecure"}, ""},
		{"insecure profile", nil, []string{"--config", insecure}, ""},
		{"password flag", nil, []string{"--sasl-mechanism", "PLAIN", "--sasl-username", "u", "--sasl-password", "Flag-Secret-31"},
			"shore: warning: --sasl-password shows in the process list to every user of this machine; use SHORE_SASL_PASSWORD, --sasl-password-file or --sasl-password-command\n"},
		{"secret in an open file", nil, []string{"--config", open},
			"shore: warning: " + open + " holds a SASL password and group or others can read it (mode 0644); run: chmod 600 " + open + "\n"},
		{"secret in a closed file", nil, []string{"--config", closed}, ""},
		{"registry URL with a password flag", nil, []string{"--registry", "https://key:Flag-Secret-31@registry.example"},
			"shore: warning: --registry holds a password, which shows in the process list to every user of this machine; use SHORE_REGISTRY_URL\n"},
		{"registry URL with a user and no password", nil, []string{"--registry", "https://key@registry.example"}, ""},
		{"registry URL with a password in an open file", nil, []string{"--config", urlPassword},
			"shore: warning: " + urlPassword + " holds a password in registry.url and group or others can read it (mode 0644); run: chmod 600 " + urlPassword + "\n"},
		{"password from the environment", map[string]string{"SHORE_SASL_MECHANISM": "PLAIN", "SHORE_SASL_USERNAME": "u", "SHORE_SASL_PASSWORD": "Env-Secret-31"}, nil, ""},
		// the environment's passwords are not the open file's
		{"passwords from the environment, the rest from an open file",
			map[string]string{"SHORE_SASL_PASSWORD": "Env-Secret-31", "SHORE_REGISTRY_PASSWORD": "Env-Secret-31"}, []string{"--config", noSecret}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, append([]string{"config", "view"}, tc.args...)...)
			if res.Code != 0 || res.Stderr != tc.stderr {
				t.Errorf("exit %d, stderr %q; want 0, %q", res.Code, res.Stderr, tc.stderr)
			}
			for _, secret := range []string{"Flag-Secret-31", "Env-Secret-31", "s3cret"} {
				if strings.Contains(res.Stdout+res.Stderr, secret) {
					t.Errorf("output shows a secret:\n%s%s", res.Stdout, res.Stderr)
				}
			}
		})
	}
}

// writeInsecureConfig writes a configuration file whose profile skips the
// brokers' certificate checks (at line 4).
func writeInsecureConfig(t *testing.T) string {
	t.Helper()
	return writeConfig(t, "current-profile: p\nprofiles:\n  p:\n    tls: {insecure-skip-verify: true}\n")
}

// TestInsecureWarnsWhereItApplies: --tls-insecure skips the Kafka
// brokers' certificate checks, not the schema registry's, so a command
// that talks to the brokers warns once, naming where it was set, and one
// that talks to the registry alone does not.
func TestInsecureWarnsWhereItApplies(t *testing.T) {
	insecure := writeInsecureConfig(t)
	warning := func(where string) string {
		return "shore: warning: the Kafka brokers' TLS certificates are not verified (" + where + "): anyone on the network path can read and change this traffic\n"
	}
	for _, tc := range []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		stderr string
	}{
		{"flag, brokers", nil, []string{"--tls-insecure", "topics", "list"}, 1, warning("--tls-insecure")},
		{"environment, brokers", map[string]string{"SHORE_TLS_INSECURE": "1"}, []string{"topics", "list"}, 1, warning("SHORE_TLS_INSECURE")},
		{"profile, brokers", nil, []string{"--config", insecure, "--brokers", "127.0.0.1:1", "topics", "list"}, 1,
			warning("config file " + insecure + ":4: profiles.p.tls.insecure-skip-verify")},
		{"turned off", map[string]string{"SHORE_TLS_INSECURE": "false"}, []string{"--config", insecure, "topics", "list"}, 1, ""},
		{"flag, registry", nil, []string{"--tls-insecure", "registry", "list"}, 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"SHORE_BROKERS": "127.0.0.1:1", "SHORE_REGISTRY_URL": "http://127.0.0.1:1"}
			maps.Copy(env, tc.env)
			res := shoretest.RunWith(t, shoretest.Opts{Env: env}, append([]string{"--timeout", "2s"}, tc.args...)...)
			if first, _, _ := strings.Cut(res.Stderr, "\n"); res.Code != tc.code || strings.Count(res.Stderr, "warning") != strings.Count(tc.stderr, "warning") ||
				(tc.stderr != "" && first+"\n" != tc.stderr) {
				t.Errorf("exit %d, stderr %q; want %d, first %q and no other warning", res.Code, res.Stderr, tc.code, tc.stderr)
			}
		})
	}
}

func TestConfigViewMasksSecrets(t *testing.T) {
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{
		"SHORE_SASL_MECHANISM": "OAUTHBEARER", "SHORE_SASL_TOKEN": "Token-Secret-42",
	}}, "config", "view", "-o", "json")
	if res.Code != 0 || !strings.Contains(res.Stdout, `"token": "********"`) || strings.Contains(res.Stdout, "Token-Secret-42") {
		t.Fatalf("exit %d stdout:\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	res = shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{
		"SHORE_SASL_MECHANISM": "PLAIN", "SHORE_SASL_USERNAME": "u", "SHORE_SASL_PASSWORD_COMMAND": "echo Command-Secret-42",
	}}, "config", "view")
	if res.Code != 0 || !strings.Contains(res.Stdout, "password-command: echo Command-Secret-42\n") || res.Stderr != "" {
		t.Fatalf("config view must show the command and not run it: exit %d stdout:\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
}

// A TLS file that cannot be used is named as the user gave it: the flag,
// the environment variable or the profile's key with its line.
func TestTLSFileErrors(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "not.pem")
	if err := os.WriteFile(notPEM, []byte("hello\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.pem")
	profile := writeConfig(t, "profiles:\n  p:\n    tls:\n      ca-file: "+missing+"\n      key-file: "+notPEM+"\n")
	for _, tc := range []struct {
		name   string
		env    map[string]string
		args   []string
		stderr string
	}{
		{"CA flag, no file", nil, []string{"--tls-ca", missing}, "--tls-ca " + missing + ": no such file or directory"},
		{"CA flag, not PEM", nil, []string{"--tls-ca", notPEM}, "--tls-ca " + notPEM + ": no PEM certificate in it"},
		{"CA variable", map[string]string{"SHORE_TLS_CA": notPEM}, nil, "SHORE_TLS_CA " + notPEM + ": no PEM certificate in it"},
		{"CA in the profile", nil, []string{"--config", profile, "--profile", "p", "--tls-cert", notPEM},
			"config file " + profile + ":4: profiles.p.tls.ca-file " + missing + ": no such file or directory"},
		{"certificate without key", nil, []string{"--tls-cert", notPEM},
			"--tls-cert: a client certificate needs its private key: set --tls-key, SHORE_TLS_KEY or the profile's tls.key-file, or put the key in the certificate's file"},
		{"key without certificate", map[string]string{"SHORE_TLS_KEY": notPEM}, nil,
			"SHORE_TLS_KEY: a private key needs its client certificate: set --tls-cert, SHORE_TLS_CERT or the profile's tls.cert-file"},
		{"certificate file missing", nil, []string{"--tls-cert", missing, "--tls-key", notPEM}, "--tls-cert " + missing + ": no such file or directory"},
		{"key in the profile, missing", map[string]string{"SHORE_TLS_CA": ""}, []string{"--config", profile, "--profile", "p", "--tls-ca", "", "--tls-key", missing, "--tls-cert", notPEM},
			"--tls-key " + missing + ": no such file or directory"},
		{"certificate not PEM", nil, []string{"--tls-cert", notPEM, "--tls-key", notPEM},
			"--tls-cert " + notPEM + ": no PEM certificate in it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"SHORE_BROKERS": "127.0.0.1:1"}
			for k, v := range tc.env {
				env[k] = v
			}
			res := shoretest.RunWith(t, shoretest.Opts{Env: env}, append(tc.args, "topics", "list")...)
			want := configError("topics list", tc.stderr)
			if res.Code != 2 || res.Stderr != want || res.Stdout != "" {
				t.Errorf("exit %d stdout %q stderr %q; want 2 and %q", res.Code, res.Stdout, res.Stderr, want)
			}
		})
	}
}

// A TLS file in another form than PEM (DER, a PKCS#12 or Java keystore, an
// encrypted key) or a key that is not its certificate's is told in a
// person's words, with the command that makes the file shore reads, where
// shore passed on crypto/tls's ("tls: failed to parse private key").
func TestTLSFileForms(t *testing.T) {
	set, files := testcerts.Temp(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	der := func(p []byte) []byte { b, _ := pem.Decode(p); return b.Bytes }
	caDER := write("ca.der", der(set.CA.CertPEM))
	keyDER := write("client-key.der", der(set.Client.KeyPEM))
	jks := write("truststore.jks", []byte("\xfe\xed\xfe\xed\x00\x00\x00\x02"))
	p12 := write("client.p12", []byte{0x30, 0x82, 0x09, 0x8f, 0x02, 0x01, 0x03})
	encrypted := write("enc-key.pem", pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{0x30, 0x00}}))
	caFirst := write("chain.pem", append(append([]byte{}, set.CA.CertPEM...), set.Client.CertPEM...))
	// Files that a hint's command would overwrite: it writes a new name.
	oldDER := write("old.der", der(set.CA.CertPEM))
	write("old.pem", set.CA.CertPEM)
	derNamedPEM := write("named.pem", der(set.CA.CertPEM))
	jksBesideP12 := write("keys.jks", []byte("\xfe\xed\xfe\xed\x00\x00\x00\x02"))
	write("keys.p12", []byte{0x30})
	encryptedAgain := write("enc2.pem", pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{0x30, 0x00}}))
	write("enc2-plain.pem", set.Client.KeyPEM)
	write("enc2-plain-2.pem", set.Client.KeyPEM)
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"DER CA", []string{"--tls-ca", caDER}, "--tls-ca " + caDER + ": a DER (binary) certificate, not PEM; convert it: openssl x509 -inform der -in " + caDER + " -out " + filepath.Join(dir, "ca.pem")},
		{"Java truststore", []string{"--tls-ca", jks}, "--tls-ca " + jks + ": a Java keystore (JKS), not PEM; export its certificates: keytool -exportcert -rfc -keystore " + jks + " -alias ALIAS -file " + filepath.Join(dir, "truststore.pem")},
		{"PKCS#12 as the CA", []string{"--tls-ca", p12}, "--tls-ca " + p12 + ": binary, not PEM: a PKCS#12 keystore? take its certificates out: openssl pkcs12 -in " + p12 + " -nokeys -out " + filepath.Join(dir, "client.pem")},
		{"key as the CA", []string{"--tls-ca", files.ClientKey}, "--tls-ca " + files.ClientKey + ": a private key and no certificate; name the file of the CA's certificate"},
		{"PKCS#12 as the certificate", []string{"--tls-cert", p12}, "--tls-cert " + p12 + ": binary, not PEM: a PKCS#12 keystore? take its certificate and key out into one PEM file: openssl pkcs12 -in " + p12 + " -nodes -out " + filepath.Join(dir, "client.pem") + " and chmod 600 it"},
		{"DER key", []string{"--tls-cert", files.ClientCert, "--tls-key", keyDER}, "--tls-key " + keyDER + ": a DER (binary) private key, not PEM; convert it: openssl pkey -inform der -in " + keyDER + " -out " + filepath.Join(dir, "client-key.pem") + " and chmod 600 it"},
		{"encrypted key", []string{"--tls-cert", files.ClientCert, "--tls-key", encrypted}, "--tls-key " + encrypted + ": the private key is encrypted, and shore cannot ask for its passphrase; write it decrypted (openssl pkey -in " + encrypted + " -out " + filepath.Join(dir, "enc-key-plain.pem") + ") and chmod 600 it"},
		{"DER CA beside its PEM", []string{"--tls-ca", oldDER}, "--tls-ca " + oldDER + ": a DER (binary) certificate, not PEM; convert it: openssl x509 -inform der -in " + oldDER + " -out " + filepath.Join(dir, "old-2.pem")},
		{"DER CA named .pem", []string{"--tls-ca", derNamedPEM}, "--tls-ca " + derNamedPEM + ": a DER (binary) certificate, not PEM; convert it: openssl x509 -inform der -in " + derNamedPEM + " -out " + filepath.Join(dir, "named-2.pem")},
		{"Java keystore beside its PKCS#12", []string{"--tls-cert", jksBesideP12}, "--tls-cert " + jksBesideP12 + ": a Java keystore (JKS), not PEM; make it PKCS#12 (keytool -importkeystore -srckeystore " + jksBesideP12 + " -destkeystore " + filepath.Join(dir, "keys-2.p12") + " -deststoretype PKCS12), then PEM with openssl pkcs12 -nodes"},
		{"encrypted key beside decrypted ones", []string{"--tls-cert", files.ClientCert, "--tls-key", encryptedAgain}, "--tls-key " + encryptedAgain + ": the private key is encrypted, and shore cannot ask for its passphrase; write it decrypted (openssl pkey -in " + encryptedAgain + " -out " + filepath.Join(dir, "enc2-plain-3.pem") + ") and chmod 600 it"},
		{"another's key", []string{"--tls-cert", files.ClientCert, "--tls-key", files.ServerKey}, "--tls-key " + files.ServerKey + " is not the private key of the first certificate in --tls-cert " + files.ClientCert + ", CN=shore-client"},
		{"chain with the CA first", []string{"--tls-cert", caFirst, "--tls-key", files.ClientKey}, "--tls-key " + files.ClientKey + " is not the private key of the first certificate in --tls-cert " + caFirst + ", CN=shore test CA"},
		{"key alone as the certificate", []string{"--tls-cert", files.ClientKey}, "--tls-cert " + files.ClientKey + " holds a private key and no certificate: the client certificate is missing; name its file there, and this one with --tls-key, SHORE_TLS_KEY or the profile's tls.key-file"},
		{"files switched", []string{"--tls-cert", files.ClientKey, "--tls-key", files.ClientCert}, "--tls-cert " + files.ClientKey + " holds a private key and no certificate; are the certificate and key files switched?"},
		{"certificate as the key", []string{"--tls-cert", files.ClientCert, "--tls-key", files.CA}, "--tls-key " + files.CA + " holds a certificate and no private key; are the certificate and key files switched?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": "127.0.0.1:1"}}, append(tc.args, "topics", "list")...)
			want := configError("topics list", tc.stderr)
			if res.Code != 2 || res.Stderr != want || res.Stdout != "" {
				t.Errorf("exit %d stdout %q stderr %q; want 2 and %q", res.Code, res.Stdout, res.Stderr, want)
			}
		})
	}
}

// A secret's file or command, the SASL mechanism and the registry's CA
// file are named as the user gave them: the flag, the environment variable
// or the profile's key with its line.
func TestSecretSettingErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing")
	profile := writeConfig(t, "profiles:\n  p:\n    sasl:\n      mechanism: PLAIN\n      username: u\n      password-file: "+missing+
		"\n    registry:\n      token-command: exit 4\n      ca-file: "+empty+"\n")
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("p\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	registryProfile := writeConfig(t, "profiles:\n  p:\n    registry:\n      password-command: echo p\n  t:\n    registry:\n      token-command: echo t\n")
	userProfile := writeConfig(t, "current-profile: p\nprofiles:\n  p:\n    registry:\n      username: alice\n")
	sasl := []string{"--sasl-mechanism", "PLAIN", "--sasl-username", "u"}
	inProfile := []string{"--config", profile, "--profile", "p"}
	noMechanism := writeConfig(t, "profiles:\n  password:\n    sasl:\n      username: u\n      password-file: "+pw+"\n  token:\n    sasl:\n      token-command: echo t\n")
	const setMechanism = "set --sasl-mechanism, SHORE_SASL_MECHANISM or the profile's sasl.mechanism"
	twoSources := writeConfig(t, "current-profile: p\nprofiles:\n  p:\n    sasl:\n      mechanism: PLAIN\n      password-file: /run/pw\n      password-command: pass show kafka\n")
	for _, tc := range []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		stderr string
	}{
		{"SASL password file flag", nil, append(sasl, "--sasl-password-file", empty, "topics", "list"), 2,
			"--sasl-password-file " + empty + ": is empty"},
		{"SASL password file variable", map[string]string{"SHORE_SASL_PASSWORD_FILE": missing}, append(sasl, "topics", "list"), 2,
			"SHORE_SASL_PASSWORD_FILE " + missing + ": no such file or directory"},
		{"SASL password file in the profile", nil, append(inProfile, "topics", "list"), 2,
			"config file " + profile + ":6: profiles.p.sasl.password-file " + missing + ": no such file or directory"},
		{"SASL token file", map[string]string{"SHORE_SASL_TOKEN_FILE": dir}, []string{"--sasl-mechanism", "OAUTHBEARER", "topics", "list"}, 2,
			"SHORE_SASL_TOKEN_FILE " + dir + ": is a directory, not a file"},
		{"SASL mechanism unknown", map[string]string{"SHORE_SASL_MECHANISM": "GSSAPI"}, []string{"topics", "list"}, 2,
			`SHORE_SASL_MECHANISM "GSSAPI": want PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER`},
		{"SASL mechanism without a username", nil, []string{"--config", profile, "--profile", "p", "--sasl-username", "", "topics", "list"}, 2,
			"config file " + profile + ":4: profiles.p.sasl.mechanism PLAIN needs a username: set --sasl-username, SHORE_SASL_USERNAME or the profile's sasl.username"},
		{"SASL username without a mechanism", nil, []string{"--sasl-username", "u", "topics", "list"}, 2,
			"--sasl-username: a username is set but no mechanism (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER): " + setMechanism},
		{"SASL password command flag without a mechanism", nil, []string{"--sasl-username", "u", "--sasl-password-command", "echo p", "topics", "list"}, 2,
			"--sasl-password-command: a password is set but no mechanism (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512): " + setMechanism},
		{"SASL password variable without a mechanism", map[string]string{"SHORE_SASL_PASSWORD": "p"}, []string{"topics", "list"}, 2,
			"SHORE_SASL_PASSWORD: a password is set but no mechanism (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512): " + setMechanism},
		{"SASL password file in the profile without a mechanism", nil, []string{"--config", noMechanism, "--profile", "password", "topics", "list"}, 2,
			"config file " + noMechanism + ":5: profiles.password.sasl.password-file: a password is set but no mechanism (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512): " + setMechanism},
		{"SASL token variable without a mechanism", map[string]string{"SHORE_SASL_TOKEN": "t"}, []string{"topics", "list"}, 2,
			"SHORE_SASL_TOKEN: a token is set but no mechanism (OAUTHBEARER): " + setMechanism},
		{"SASL token file flag without a mechanism", nil, []string{"--sasl-token-file", pw, "topics", "list"}, 2,
			"--sasl-token-file: a token is set but no mechanism (OAUTHBEARER): " + setMechanism},
		{"SASL token command in the profile without a mechanism", nil, []string{"--config", noMechanism, "--profile", "token", "topics", "list"}, 2,
			"config file " + noMechanism + ":8: profiles.token.sasl.token-command: a token is set but no mechanism (OAUTHBEARER): " + setMechanism},
		{"SASL password command", nil, append(sasl, "--sasl-password-command", "exit 3", "topics", "list"), 2,
			`--sasl-password-command "exit 3" failed: exit status 3`},
		{"registry password file", nil, []string{"--registry-username", "u", "--registry-password-file", missing, "registry", "list"}, 2,
			"--registry-password-file " + missing + ": no such file or directory"},
		{"registry token file", map[string]string{"SHORE_REGISTRY_TOKEN_FILE": empty}, []string{"registry", "list"}, 2,
			"SHORE_REGISTRY_TOKEN_FILE " + empty + ": is empty"},
		{"registry token command in the profile", nil, append(inProfile, "registry", "list"), 2,
			"config file " + profile + `:8: profiles.p.registry.token-command "exit 4" failed: exit status 4`},
		{"registry password file without a username", nil, []string{"--registry-password-file", pw, "registry", "list"}, 2,
			"--registry-password-file: a password needs a username: set --registry-username, SHORE_REGISTRY_USERNAME or the profile's registry.username"},
		{"registry password variable without a username", map[string]string{"SHORE_REGISTRY_PASSWORD": "p"}, []string{"registry", "list"}, 2,
			"SHORE_REGISTRY_PASSWORD: a password needs a username: set --registry-username, SHORE_REGISTRY_USERNAME or the profile's registry.username"},
		{"registry password command in the profile without a username", nil, []string{"--config", registryProfile, "--profile", "p", "registry", "list"}, 2,
			"config file " + registryProfile + ":4: profiles.p.registry.password-command: a password needs a username: set --registry-username, SHORE_REGISTRY_USERNAME or the profile's registry.username"},
		{"registry username flag without a password", nil, []string{"--registry-username", "alice", "registry", "list"}, 2,
			`--registry-username "alice" needs a password: set SHORE_REGISTRY_PASSWORD, --registry-password-file, --registry-password-command or the profile's registry.password-file`},
		{"registry username in the profile without a password", nil, []string{"--config", userProfile, "registry", "list"}, 2,
			"config file " + userProfile + `:5: profiles.p.registry.username "alice" needs a password: set SHORE_REGISTRY_PASSWORD, --registry-password-file, --registry-password-command or the profile's registry.password-file`},
		{"registry URL with a user and no password", map[string]string{"SHORE_REGISTRY_URL": "http://alice@127.0.0.1:1"}, []string{"registry", "list"}, 2,
			"SHORE_REGISTRY_URL carries a username and no password: give both (https://USER:PASSWORD@HOST) or neither"},
		{"registry token variable and username flag", map[string]string{"SHORE_REGISTRY_TOKEN": "t"}, []string{"--registry-username", "u", "registry", "list"}, 2,
			"SHORE_REGISTRY_TOKEN and --registry-username are both set; keep one: a bearer token or a username and password"},
		{"registry token in the profile and username variable", map[string]string{"SHORE_REGISTRY_USERNAME": "u"}, []string{"--config", registryProfile, "--profile", "t", "registry", "list"}, 2,
			"config file " + registryProfile + ":7: profiles.t.registry.token-command and SHORE_REGISTRY_USERNAME are both set; keep one: a bearer token or a username and password"},
		{"two password sources in a profile", nil, []string{"--config", twoSources, "topics", "list"}, 2,
			"config file " + twoSources + ":6: profiles.p.sasl.password-file and profiles.p.sasl.password-command (line 7) are both set; keep one"},
		{"registry URL user and password variable", map[string]string{"SHORE_REGISTRY_URL": "http://u@127.0.0.1:1", "SHORE_REGISTRY_PASSWORD": "p"}, []string{"registry", "list"}, 2,
			"SHORE_REGISTRY_URL carries credentials and SHORE_REGISTRY_PASSWORD is set too; keep one"},
		{"registry URL credentials and password flag", nil, []string{"--registry", "http://u@127.0.0.1:1", "--registry-password-file", pw, "registry", "list"}, 2,
			"--registry carries credentials and --registry-password-file is set too; keep one"},
		{"registry URL credentials and username flag", nil, []string{"--registry", "http://u@127.0.0.1:1", "--registry-username", "v", "registry", "list"}, 2,
			"--registry carries credentials and --registry-username is set too; keep one"},
		{"registry CA flag", nil, []string{"--registry-ca", missing, "registry", "list"}, 2,
			"--registry-ca " + missing + ": no such file or directory"},
		{"registry CA variable", map[string]string{"SHORE_REGISTRY_CA": empty}, []string{"registry", "list"}, 2,
			"SHORE_REGISTRY_CA " + empty + ": no PEM certificate in it"},
		{"registry CA in the profile", nil, append(inProfile, "--registry-token-command", "echo t", "registry", "list"), 2,
			"config file " + profile + ":9: profiles.p.registry.ca-file " + empty + ": no PEM certificate in it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"SHORE_BROKERS": "127.0.0.1:1", "SHORE_REGISTRY_URL": "http://127.0.0.1:1"}
			for k, v := range tc.env {
				env[k] = v
			}
			res := shoretest.RunWith(t, shoretest.Opts{Env: env}, tc.args...)
			want := "shore: " + tc.stderr + "\n"
			if tc.code == 2 {
				// Every row ends with its command: topics list or registry list.
				want = configError(strings.Join(tc.args[len(tc.args)-2:], " "), tc.stderr)
			}
			if res.Code != tc.code || res.Stderr != want || res.Stdout != "" {
				t.Errorf("exit %d stdout %q stderr %q; want %d and %q", res.Code, res.Stdout, res.Stderr, tc.code, want)
			}
		})
	}
}

// TLS to a plaintext port names the setting that turned TLS on, which need
// not be --tls: a variable or a profile's TLS key turns it on too. When
// several did, leaving one out would not turn it off, and --tls=false is
// offered.
func TestTLSToPlaintextNamesTheSetting(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		hint string
	}{
		{nil, []string{"--tls"}, "try without --tls"},
		{map[string]string{"SHORE_TLS_INSECURE": "true"}, nil, "try without SHORE_TLS_INSECURE"},
		{map[string]string{"SHORE_TLS_SERVER_NAME": "kafka.example"}, nil, "try without SHORE_TLS_SERVER_NAME"},
		{map[string]string{"SHORE_TLS_INSECURE": "true"}, []string{"--tls"}, "TLS is on by --tls and SHORE_TLS_INSECURE; try --tls=false"},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, append(tc.args, "--timeout", "1s", "topics", "list")...)
		want := "; is it a plaintext port? (" + tc.hint + ")\n"
		if res.Code != 1 || res.Stdout != "" || !strings.HasSuffix(res.Stderr, want) {
			t.Errorf("%v %q: exit %d stdout %q stderr %q; want 1 and a line ending %q", tc.env, tc.args, res.Code, res.Stdout, res.Stderr, want)
		}
	}
}

// SASL to a listener without it names the setting that asked for SASL,
// which need not be --sasl-mechanism: a variable or a profile's key does too.
func TestSASLToPlaintextNamesTheSetting(t *testing.T) {
	profile := writeConfig(t, "current-profile: p\nprofiles:\n  p:\n    sasl:\n      mechanism: PLAIN\n      username: u\n")
	for _, tc := range []struct {
		env  map[string]string
		args []string
		drop string
	}{
		{nil, []string{"--sasl-mechanism", "PLAIN", "--sasl-username", "u"}, "--sasl-mechanism"},
		{map[string]string{"SHORE_SASL_MECHANISM": "SCRAM-SHA-256", "SHORE_SASL_USERNAME": "u"}, nil, "SHORE_SASL_MECHANISM"},
		{map[string]string{"SHORE_CONFIG": profile}, nil, "config file " + profile + ":5: profiles.p.sasl.mechanism"},
	} {
		env := map[string]string{"SHORE_SASL_PASSWORD": "not-the-password"}
		maps.Copy(env, tc.env)
		res := shoretest.RunWith(t, shoretest.Opts{Env: env}, append(tc.args, "topics", "list")...)
		want := ": the broker does not use SASL on this listener; drop " + tc.drop + " or connect to its SASL listener\n"
		if res.Code != 1 || res.Stdout != "" || !strings.HasSuffix(res.Stderr, want) {
			t.Errorf("%v %q: exit %d stdout %q stderr %q; want 1 and a line ending %q", tc.env, tc.args, res.Code, res.Stdout, res.Stderr, want)
		}
	}
}

// TestTLSTurnedOff: tls.enabled given false (--tls=false, SHORE_TLS=false,
// a profile's enabled: false) keeps TLS off over the settings that would
// turn it on in its layer or a lower one, as precedence says: the command
// talks plaintext to the plaintext test broker, reads no CA file (it does
// not exist) and warns about no skipped verification. A TLS setting in a
// higher layer turns TLS on again.
func TestTLSTurnedOff(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing-ca.pem")
	profile := writeConfig(t, "current-profile: p\nprofiles:\n  p:\n    tls: {enabled: false, ca-file: "+missing+", insecure-skip-verify: true}\n")
	caOnly := writeConfig(t, "current-profile: p\nprofiles:\n  p:\n    tls: {ca-file: "+missing+"}\n")
	for _, tc := range []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		stderr string
	}{
		{"flag over the environment", map[string]string{"SHORE_TLS_CA": missing, "SHORE_TLS_INSECURE": "1"}, []string{"--tls=false"}, 0, ""},
		{"environment over the profile", map[string]string{"SHORE_TLS": "false"}, []string{"--config", caOnly}, 0, ""},
		{"profile beside its TLS keys", nil, []string{"--config", profile}, 0, ""},
		{"flag over the profile's enabled: false", nil, []string{"--config", profile, "--tls-server-name", "kafka.example"}, 2,
			"shore: warning: the Kafka brokers' TLS certificates are not verified (config file " + profile + ":4: profiles.p.tls.insecure-skip-verify): anyone on the network path can read and change this traffic\n" +
				"shore: config file " + profile + ":4: profiles.p.tls.ca-file " + missing + ": no such file or directory\n"},
		{"flag over the environment's false", map[string]string{"SHORE_TLS": "0"}, []string{"--tls-ca", missing}, 2,
			configError("cluster", "--tls-ca "+missing+": no such file or directory")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, append(tc.args, "--timeout", "5s", "cluster")...)
			if res.Code != tc.code || res.Stderr != tc.stderr || (tc.code == 0) != strings.Contains(res.Stdout, "CLUSTER") {
				t.Errorf("exit %d stdout %q stderr %q; want %d, %q", res.Code, res.Stdout, res.Stderr, tc.code, tc.stderr)
			}
		})
	}
}

// TestConfigViewTLSEnabled: config view's tls.enabled says whether commands
// speak TLS: true when only a CA file (or another TLS setting) turns it
// on, false when tls.enabled given false keeps it off.
func TestConfigViewTLSEnabled(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, nil, "  enabled: false\n"},
		{map[string]string{"SHORE_TLS_CA": "ca.pem"}, nil, "  enabled: true\n"},
		{nil, []string{"--tls-server-name", "kafka.example"}, "  enabled: true\n"},
		{map[string]string{"SHORE_TLS_CA": "ca.pem"}, []string{"--tls=false"}, "  enabled: false\n"},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, append([]string{"config", "view"}, tc.args...)...)
		if res.Code != 0 || res.Stderr != "" || !strings.Contains(res.Stdout, "tls:\n"+tc.want) {
			t.Errorf("%v %v: exit %d stderr %q stdout:\n%s\nwant tls:\n%s", tc.env, tc.args, res.Code, res.Stderr, res.Stdout, tc.want)
		}
	}
}

// A client certificate whose file holds its private key too, as
// kafka-python's ssl_certfile may, needs no --tls-key.
func TestTLSCertFileWithItsKey(t *testing.T) {
	s := testbroker.Secured(t)
	var both []byte
	for _, f := range []string{s.Certs.ClientCert, s.Certs.ClientKey} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		both = append(both, b...)
	}
	combined := filepath.Join(t.TempDir(), "client.pem")
	if err := os.WriteFile(combined, both, 0o600); err != nil {
		t.Fatal(err)
	}
	res := shoretest.Run(t, "-b", strings.Join(s.TLS, ","), "--tls-ca", s.Certs.CA, "--tls-cert", combined, "cluster")
	if res.Code != 0 || !strings.Contains(res.Stdout, "BROKER") {
		t.Fatalf("exit %d stdout:\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
}

// TestHomeInPaths: a path that starts with ~/ in the configuration file or
// a variable is in the home directory, as a shell would have it on the
// command line: SHORE_CONFIG, the profile's TLS files and a password file
// reach the secured listeners with them.
func TestHomeInPaths(t *testing.T) {
	s := testbroker.Secured(t)
	home := t.TempDir()
	if err := os.Mkdir(filepath.Join(home, "certs"), 0o700); err != nil {
		t.Fatal(err)
	}
	for from, to := range map[string]string{s.Certs.CA: "ca.pem", s.Certs.ClientCert: "client.pem", s.Certs.ClientKey: "client-key.pem"} {
		pem, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(home, "certs", to), pem, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"shore.yaml": "current-profile: tls\nprofiles:\n  tls:\n    brokers: [" + strings.Join(s.TLS, ", ") + "]\n" +
			"    tls: {ca-file: ~/certs/ca.pem, cert-file: ~/certs/client.pem, key-file: ~/certs/client-key.pem}\n",
		"password": testbroker.SASLPassword + "\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(home, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
	}{
		{"SHORE_CONFIG and the profile's TLS files", map[string]string{"SHORE_CONFIG": "~/shore.yaml", "SHORE_BROKERS": ""}, nil},
		{"SASL over TLS from variables", map[string]string{"SHORE_TLS_CA": "~/certs/ca.pem", "SHORE_SASL_PASSWORD_FILE": "~/password"},
			[]string{"-b", strings.Join(s.SASLSSL, ","), "--sasl-mechanism", testbroker.SASLMechanisms[0], "--sasl-username", testbroker.SASLUser}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.env["HOME"] = home
			res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, append(tc.args, "cluster")...)
			if res.Code != 0 || res.Stderr != "" {
				t.Fatalf("exit %d stderr %q; want 0 and nothing", res.Code, res.Stderr)
			}
		})
	}
}

// A relative path that the configuration file gives is from the current
// directory, as on the command line; when it is missing there and the
// file's directory has it (a profile that worked from there), the error
// says so and gives the path to write.
func TestRelativePathInConfigFile(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"ca.pem": "not read\n", "pw": "secret\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	profile := filepath.Join(dir, "shore.yaml")
	for _, tc := range []struct {
		name, body, stderr string
	}{
		{"CA file", "    tls: {ca-file: ca.pem}\n", ":4: profiles.p.tls.ca-file ca.pem: no such file or directory; a relative path is from the current directory, not the configuration file's: write " + filepath.Join(dir, "ca.pem")},
		{"password file", "    sasl: {mechanism: PLAIN, username: u, password-file: pw}\n", ":4: profiles.p.sasl.password-file pw: no such file or directory; a relative path is from the current directory, not the configuration file's: write " + filepath.Join(dir, "pw")},
		{"in neither directory", "    tls: {ca-file: nowhere.pem}\n", ":4: profiles.p.tls.ca-file nowhere.pem: no such file or directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(profile, []byte("profiles:\n  p:\n    brokers: [127.0.0.1:1]\n"+tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			res := shoretest.Run(t, "--config", profile, "--profile", "p", "topics", "list")
			want := "shore: config file " + profile + tc.stderr + "\n"
			if res.Code != 2 || res.Stderr != want || res.Stdout != "" {
				t.Errorf("exit %d stdout %q stderr %q; want 2 and %q", res.Code, res.Stdout, res.Stderr, want)
			}
		})
	}
}

// TestSecretCommandInterrupted: a signal while a password command runs
// (a secret manager waiting for a touch or a PIN) stops it and ends shore
// with exit 130 and the signal's one line, where shore said the command
// 'did not finish within' a --timeout that had not passed, exit 1.
func TestSecretCommandInterrupted(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		sig  syscall.Signal
		last string
	}{
		{"SASL", []string{"topics", "list", "--sasl-mechanism", "PLAIN", "--sasl-username", "u", "--sasl-password-command"}, syscall.SIGINT, "interrupted"},
		{"registry", []string{"registry", "list", "--registry", "http://127.0.0.1:1", "--registry-username", "u", "--registry-password-command"}, syscall.SIGTERM, "terminated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			started := filepath.Join(t.TempDir(), "started")
			commandStarted := func() error {
				_, err := os.Stat(started)
				return err
			}
			env := map[string]string{"SHORE_BROKERS": testbroker.Closed(t)}
			res, took := signalWhenStuck(t, env, commandStarted, tc.sig, append(tc.args, "touch '"+started+"'; exec sleep 30", "--timeout", "20s")...)
			if took > 5*time.Second {
				t.Errorf("took %s after %v to stop the command", took, tc.sig)
			}
			wantRun(t, res, 130, "", "shore: "+tc.last+"\n")
		})
	}
}

// TestAdvertisedAddress: a broker's address that the cluster gives in its
// metadata, which the client goes to after the bootstrap broker answered,
// is named when it fails, with the bootstrap broker that worked and what
// to fix: a certificate that does not hold the advertised host (one for
// localhost, reached as localhost, that advertises 127.0.0.1), or a host
// that does not resolve here (shore dev --advertise kafka.invalid). Before,
// stderr was 'unable to dial: TLS handshake: tls: failed to verify
// certificate: x509: ...', after 'list groups on broker 0: ' for groups;
// check said 'check failed at metadata: request ListOffsets has 1 separate
// shard errors, first: unable to dial: cannot connect to ...', on stderr
// and in -o json's "error".
func TestAdvertisedAddress(t *testing.T) {
	set, files := testcerts.Temp(t)
	cfg, err := set.ServerTLS(set.NameOnly, false)
	if err != nil {
		t.Fatal(err)
	}
	// check needs a topic to get past its connection to the seed.
	_, port, _ := strings.Cut(testbroker.Own(t, kfake.NumBrokers(1), kfake.TLS(cfg), kfake.SeedTopics(1, "probes")).ListenAddrs()[0], ":")
	seed := "localhost:" + port
	lines, _, _ := startDevLines(t, 1, "--listen", "127.0.0.1:0", "--advertise", "kafka.invalid", "--no-registry", "--topic", "probes")
	_, devPort, _ := strings.Cut(lines[0], ":")
	tlsCause := "cannot connect to 127.0.0.1:" + port + ", a broker's address that the cluster gave after " + seed +
		" answered: its TLS certificate is for localhost, not 127.0.0.1; the brokers must advertise (advertised.listeners) names their certificates hold, or set --tls-server-name to one of those"
	plainCause := "cannot connect to kafka.invalid:" + devPort + ", a broker's address that the cluster gave after 127.0.0.1:" + devPort +
		" answered: unknown host kafka.invalid; the brokers must advertise (advertised.listeners) an address this machine can reach"
	tlsLine, plainLine := "shore: "+tlsCause+"\n", "shore: "+plainCause+"\n"
	// A machine whose resolver cannot say that kafka.invalid does not
	// exist (none to ask) cannot show the second line.
	var dnsErr *net.DNSError
	_, lookupErr := net.LookupHost("kafka.invalid")
	resolverSays := errors.As(lookupErr, &dnsErr) && dnsErr.IsNotFound
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"TLS, topics create", []string{"-b", seed, "--tls-ca", files.CA, "topics", "create", "orders"}, 1, tlsLine},
		{"TLS, groups list", []string{"-b", seed, "--tls-ca", files.CA, "groups", "list"}, 1, tlsLine},
		{"TLS, check", []string{"-b", seed, "--tls-ca", files.CA, "check", "probes"}, 3, "shore: check failed at metadata: " + tlsCause + "\n"},
		{"plaintext, topics create", []string{"-b", "127.0.0.1:" + devPort, "topics", "create", "orders"}, 1, plainLine},
		{"plaintext, groups list", []string{"-b", "127.0.0.1:" + devPort, "groups", "list"}, 1, plainLine},
		{"plaintext, check", []string{"-b", "127.0.0.1:" + devPort, "check", "probes"}, 3, "shore: check failed at metadata: " + plainCause + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if strings.HasPrefix(tc.name, "plaintext") && !resolverSays {
				t.Skipf("this machine's resolver does not say that kafka.invalid does not exist: %v", lookupErr)
			}
			wantRun(t, shoretest.Run(t, append([]string{"--timeout", "5s"}, tc.args...)...), tc.code, "", tc.stderr)
		})
	}
	// check -o json gives the same words in its report.
	res := shoretest.Run(t, "--timeout", "5s", "-b", seed, "--tls-ca", files.CA, "check", "probes", "-o", "json")
	if want := `"error": "` + tlsCause + `"`; res.Code != 3 || !strings.Contains(res.Stdout, want) {
		t.Errorf("check -o json: exit %d, stdout:\n%s\nwant exit 3 and %s", res.Code, res.Stdout, want)
	}
	// The way out the line offers works.
	wantRun(t, shoretest.Run(t, "-b", seed, "--tls-ca", files.CA, "--tls-server-name", "localhost", "groups", "list"), 0, "", "shore: no groups\n")
}

// TestAdvertisedCertificateNamesNoHost: a broker at the address the
// cluster advertises, after the bootstrap address answered, whose
// certificate there names no host is said to name none, as at a bootstrap
// broker, where the line offered an empty list of names to connect by: 'its
// TLS certificate is for , not 127.0.0.1; the brokers must advertise
// (advertised.listeners) names their certificates hold, ...'. The broker,
// reached as localhost, presents a certificate for localhost; reached at
// 127.0.0.1, which it advertises (no server name asked), one for no host.
func TestAdvertisedCertificateNamesNoHost(t *testing.T) {
	set, files := testcerts.Temp(t)
	named, err := set.Server.TLS()
	if err != nil {
		t.Fatal(err)
	}
	noHost, err := set.NoHost.TLS()
	if err != nil {
		t.Fatal(err)
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
		if hello.ServerName == "localhost" {
			return &named, nil
		}
		return &noHost, nil
	}}
	addr := testbroker.Own(t, kfake.NumBrokers(1), kfake.TLS(cfg)).ListenAddrs()[0]
	_, port, _ := strings.Cut(addr, ":")
	wantRun(t, shoretest.Run(t, "--timeout", "5s", "-b", "localhost:"+port, "--tls-ca", files.CA, "groups", "list"), 1, "",
		"shore: cannot connect to "+addr+", a broker's address that the cluster gave after localhost:"+port+
			" answered: the broker's TLS certificate (CN=broker-2) names no host, so it cannot match 127.0.0.1\n")
}

// TestRegistryCertificateNames: a registry whose certificate does not hold
// the URL's host is told with the names it holds, as a broker's is, also
// when the URL gives an address and the certificate names only (Go's words
// were 'x509: cannot validate certificate for 127.0.0.1 because it doesn't
// contain any IP SANs', which named none).
func TestRegistryCertificateNames(t *testing.T) {
	set, files := testcerts.Temp(t)
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	var err error
	if srv.TLS, err = set.ServerTLS(set.NameOnly, false); err != nil {
		t.Fatal(err)
	}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	wantRun(t, shoretest.Run(t, "--registry", srv.URL, "--registry-ca", files.CA, "registry", "list"), 1, "",
		"shore: cannot reach schema registry "+srv.URL+": its TLS certificate is for localhost, not 127.0.0.1; use a URL with one of those names\n")
}

// TestExpiredClientCertificate: a client certificate past its date that
// a broker demanding one refuses is told so, with the date, whatever the
// alert (Go's broker sends "expired certificate", which was passed on
// alone, 'the broker refused the TLS connection (expired certificate)';
// Java's sends "certificate unknown").
func TestExpiredClientCertificate(t *testing.T) {
	set, files := testcerts.Temp(t)
	cfg, err := set.ServerTLS(set.Server, true)
	if err != nil {
		t.Fatal(err)
	}
	addr := testbroker.TLSServer(t, cfg)
	block, _ := pem.Decode(set.Expired.CertPEM)
	expired, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	wantRun(t, shoretest.Run(t, "-b", addr, "--tls-ca", files.CA, "--tls-cert", files.ExpiredCert, "--tls-key", files.ExpiredKey, "topics", "list"), 1, "",
		"shore: cannot connect to "+addr+": the broker refused the client certificate "+files.ExpiredCert+" (expired certificate): it expired at "+expired.NotAfter.UTC().Format(time.RFC3339)+"; renew it\n")
}
