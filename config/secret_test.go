package config_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
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
			`sasl password-command "echo Leaked-Secret-1; echo vault is sealed >&2; exit 3" failed: exit status 3`, "vault is sealed\n"},
		{"command not found", scram(config.SASL{PasswordCommand: "no-such-secret-tool 2>/dev/null"}), 0,
			`sasl password-command "no-such-secret-tool 2>/dev/null" failed: exit status 127`, ""},
		{"slow command", scram(config.SASL{PasswordCommand: "sleep 5"}), time.Second,
			`sasl password-command "sleep 5" did not finish within 1s`, ""},
		{"command prints nothing", config.SASL{Mechanism: "OAUTHBEARER", TokenCommand: "echo"}, 0,
			`sasl token-command "echo" printed no token`, ""},
		{"empty password file", scram(config.SASL{PasswordFile: empty}), 0,
			"sasl password-file " + empty + " is empty", ""},
		{"missing token file", config.SASL{Mechanism: "OAUTHBEARER", TokenFile: filepath.Join(dir, "nope")}, 0,
			"sasl token-file: open " + filepath.Join(dir, "nope") + ": no such file or directory", ""},
		{"no password", scram(config.SASL{}), 0,
			`sasl: SCRAM-SHA-256 needs a password for user "alice": set SHORE_SASL_PASSWORD, --sasl-password-file, --sasl-password-command or the profile's sasl.password-file`, ""},
		{"no user", config.SASL{Mechanism: "PLAIN", Password: "x"}, 0,
			"sasl: PLAIN needs a username: set --sasl-username, SHORE_SASL_USERNAME or the profile's sasl.username", ""},
		{"no token", config.SASL{Mechanism: "OAUTHBEARER"}, 0,
			"sasl: OAUTHBEARER needs a token: set SHORE_SASL_TOKEN, --sasl-token-file, --sasl-token-command or the profile's sasl.token-file", ""},
		{"unknown mechanism", config.SASL{Mechanism: "GSSAPI"}, 0,
			`sasl: unknown mechanism "GSSAPI" (want PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER)`, ""},
		{"command gives the password", scram(config.SASL{PasswordCommand: "printf '%s\\n' " + testbroker.SASLPassword}), 0, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr cmd.Buffer
			got := connect(t, config.Config{Brokers: s.SASL, Timeout: tc.timeout, SASL: tc.sasl}, &stderr)
			if got != tc.want || stderr.String() != tc.stderr {
				t.Errorf("error %q, stderr %q\nwant %q, %q", got, stderr.String(), tc.want, tc.stderr)
			}
		})
	}
}

func TestSecretLayers(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, []byte(`current-profile: p
profiles:
  p:
    sasl:
      mechanism: SCRAM-SHA-512
      username: ops
      password-command: pass show kafka
      token-file: /run/token
  both:
    sasl:
      password: a
      password-file: /b
`), 0o600); err != nil {
		t.Fatal(err)
	}
	flag := func(s string) *string { return &s }
	for _, tc := range []struct {
		name string
		env  map[string]string
		o    config.SASLOverrides
		want config.SASL
		err  string
	}{
		{"profile", nil, config.SASLOverrides{},
			config.SASL{Mechanism: "SCRAM-SHA-512", Username: "ops", PasswordCommand: "pass show kafka", TokenFile: "/run/token"}, ""},
		{"environment replaces the profile's source", map[string]string{"SHORE_SASL_PASSWORD": "pw", "SHORE_SASL_TOKEN_COMMAND": "gcloud auth print-access-token"}, config.SASLOverrides{},
			config.SASL{Mechanism: "SCRAM-SHA-512", Username: "ops", Password: "pw", TokenCommand: "gcloud auth print-access-token"}, ""},
		{"flag replaces the environment's source", map[string]string{"SHORE_SASL_PASSWORD": "pw"}, config.SASLOverrides{PasswordFile: flag("/etc/pw")},
			config.SASL{Mechanism: "SCRAM-SHA-512", Username: "ops", PasswordFile: "/etc/pw", TokenFile: "/run/token"}, ""},
		{"two sources in the environment", map[string]string{"SHORE_SASL_PASSWORD": "pw", "SHORE_SASL_PASSWORD_FILE": "/f"}, config.SASLOverrides{}, config.SASL{},
			"SHORE_SASL_PASSWORD and SHORE_SASL_PASSWORD_FILE are both set; keep one"},
		{"two sources in flags", nil, config.SASLOverrides{TokenFile: flag("/t"), TokenCommand: flag("c")}, config.SASL{},
			"--sasl-token-file and --sasl-token-command are both set; keep one"},
		{"two sources in a profile", map[string]string{"SHORE_PROFILE": "both"}, config.SASLOverrides{}, config.SASL{},
			"config file " + file + ": profile both: sasl.password and sasl.password-file are both set; keep one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := config.Load(config.Overrides{ConfigFile: file, SASL: tc.o}, func(k string) string { return tc.env[k] })
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(cfg.SASL, tc.want) {
				t.Errorf("got %+v\nwant %+v", cfg.SASL, tc.want)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	withPassword := "profiles:\n  p:\n    sasl:\n      password: hunter2\n"
	withToken := "profiles:\n  p:\n    sasl:\n      token: eyJhbGciOi\n"
	noSecret := "profiles:\n  p:\n    sasl:\n      password-command: pass show kafka\n"
	open := write("open.yaml", withPassword, 0o644)
	group := write("group.yaml", withToken, 0o640)
	on := true
	for _, tc := range []struct {
		name string
		o    config.Overrides
		env  map[string]string
		want []string
	}{
		{"nothing to say", config.Overrides{ConfigFile: write("closed.yaml", withPassword, 0o600)}, nil, nil},
		{"a file without secrets", config.Overrides{ConfigFile: write("plain.yaml", noSecret, 0o644)}, nil, nil},
		{"password in an open file", config.Overrides{ConfigFile: open}, nil,
			[]string{open + " holds a SASL password and group or others can read it (mode 0644); run: chmod 600 " + open}},
		{"token in a group-readable file", config.Overrides{ConfigFile: group}, nil,
			[]string{group + " holds a SASL token and group or others can read it (mode 0640); run: chmod 600 " + group}},
		{"insecure flag", config.Overrides{TLS: config.TLSOverrides{InsecureSkipVerify: &on}}, nil,
			[]string{"TLS certificate verification is off (--tls-insecure, tls.insecure-skip-verify): anyone on the network path can read and change this traffic"}},
		{"insecure environment", config.Overrides{}, map[string]string{"SHORE_TLS_INSECURE": "true"},
			[]string{"TLS certificate verification is off (--tls-insecure, tls.insecure-skip-verify): anyone on the network path can read and change this traffic"}},
		{"password flag", config.Overrides{SASL: config.SASLOverrides{Password: &withToken}}, nil,
			[]string{"--sasl-password shows in the process list to every user of this machine; use SHORE_SASL_PASSWORD, --sasl-password-file or --sasl-password-command"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"HOME": dir}
			for k, v := range tc.env {
				env[k] = v
			}
			cfg, err := config.Load(tc.o, func(k string) string { return env[k] })
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(cfg.Warnings, tc.want) {
				t.Errorf("warnings %q\nwant %q", cfg.Warnings, tc.want)
			}
		})
	}
}

func TestNoSecretInFormattedConfig(t *testing.T) {
	cfg := config.Config{Brokers: []string{"b:1"}, SASL: config.SASL{Mechanism: "PLAIN", Username: "u", Password: "Pw-Secret-8", Token: "Tok-Secret-8"}}
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(f, cfg)
		if strings.Contains(out, "Secret-8") || !strings.Contains(out, "password:********") {
			t.Errorf("%s shows %s", f, out)
		}
	}
}
