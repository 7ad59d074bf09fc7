package connect_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/internal/testbroker"
)

func TestSecretSources(t *testing.T) {
	s := testbroker.Secured(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	scram := func(s config.SASL) config.SASL {
		s.Mechanism, s.Username = "SCRAM-SHA-256", testbroker.SASLUser
		return s
	}
	for _, tc := range []struct {
		name    string
		sasl    config.SASL
		timeout time.Duration
		want    string
		stderr  string
	}{
		{"failing command", scram(config.SASL{PasswordCommand: "echo Leaked-Secret-1; echo vault is sealed >&2; exit 3"}), 0,
			`sasl.password-command "echo Leaked-Secret-1; echo vault is sealed >&2; exit 3" failed: exit status 3`, "vault is sealed\n"},
		{"command not found", scram(config.SASL{PasswordCommand: "no-such-secret-tool 2>/dev/null"}), 0,
			`sasl.password-command "no-such-secret-tool 2>/dev/null" failed: exit status 127`, ""},
		{"slow command", scram(config.SASL{PasswordCommand: "sleep 5"}), time.Second,
			`sasl.password-command "sleep 5" did not finish within 1s`, ""},
		{"command leaves a process holding its output", scram(config.SASL{PasswordCommand: "sleep 3 & echo " + testbroker.SASLPassword}), 0,
			`sasl.password-command "sleep 3 & echo ` + testbroker.SASLPassword + `" exited, but a process it started in the background still holds its output open; send that one's output elsewhere (... >/dev/null &)`, ""},
		// Read as a file is, within its cap: not gigabytes into memory.
		{"command of too much output", scram(config.SASL{PasswordCommand: "head -c 5000000 /dev/zero"}), 0,
			`sasl.password-command "head -c 5000000 /dev/zero" printed more than 4 MiB; is it the right command?`, ""},
		{"command prints nothing", config.SASL{Mechanism: "OAUTHBEARER", TokenCommand: "echo"}, 0,
			`sasl.token-command "echo" printed no token`, ""},
		{"empty password file", scram(config.SASL{PasswordFile: empty}), 0,
			"sasl.password-file " + empty + ": is empty", ""},
		{"missing token file", config.SASL{Mechanism: "OAUTHBEARER", TokenFile: filepath.Join(dir, "nope")}, 0,
			"sasl.token-file " + filepath.Join(dir, "nope") + ": no such file or directory", ""},
		{"password file of zeros", scram(config.SASL{PasswordFile: "/dev/zero"}), 0,
			"sasl.password-file /dev/zero: larger than 4 MiB; is it the right file?", ""},
		{"password file is a directory", scram(config.SASL{PasswordFile: dir}), 0,
			"sasl.password-file " + dir + ": is a directory, not a file", ""},
		{"no password", scram(config.SASL{}), 0,
			`sasl.mechanism SCRAM-SHA-256 needs a password for user "alice": set SHORE_SASL_PASSWORD, --sasl-password-file, --sasl-password-command or the profile's sasl.password-file`, ""},
		{"no user", config.SASL{Mechanism: "PLAIN", Password: "x"}, 0,
			"sasl.mechanism PLAIN needs a username: set --sasl-username, SHORE_SASL_USERNAME or the profile's sasl.username", ""},
		{"no token", config.SASL{Mechanism: "OAUTHBEARER"}, 0,
			"sasl.mechanism OAUTHBEARER needs a token: set SHORE_SASL_TOKEN, --sasl-token-file, --sasl-token-command or the profile's sasl.token-file", ""},
		{"password for OAUTHBEARER", config.SASL{Mechanism: "OAUTHBEARER", PasswordFile: empty}, 0,
			"sasl.mechanism OAUTHBEARER takes a token, not the password --sasl-password-file gives: set SHORE_SASL_TOKEN, --sasl-token-file, --sasl-token-command or the profile's sasl.token-file", ""},
		{"token for SCRAM", scram(config.SASL{Token: "Token-Secret-1"}), 0,
			`sasl.mechanism SCRAM-SHA-256 needs a password for user "alice", not the token SHORE_SASL_TOKEN gives (a token is for OAUTHBEARER): set SHORE_SASL_PASSWORD, --sasl-password-file, --sasl-password-command or the profile's sasl.password-file`, ""},
		{"unknown mechanism", config.SASL{Mechanism: "GSSAPI"}, 0,
			`sasl.mechanism "GSSAPI": want PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER`, ""},
		{"command gives the password", scram(config.SASL{PasswordCommand: "printf '%s\\n' " + testbroker.SASLPassword}), 0, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr cmd.Buffer
			got := dial(t, config.Config{Brokers: s.SASL, Timeout: tc.timeout, SASL: tc.sasl}, &stderr)
			if got != tc.want || stderr.String() != tc.stderr {
				t.Errorf("error %q, stderr %q\nwant %q, %q", got, stderr.String(), tc.want, tc.stderr)
			}
		})
	}
}
