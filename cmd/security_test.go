package cmd_test

import (
	"os"
	"strings"
	"testing"

	"github.com/kafkashore/shore/internal/shoretest"
)

func TestSecurityWarnings(t *testing.T) {
	open := writeConfig(t, twoProfiles)
	if err := os.Chmod(open, 0o644); err != nil {
		t.Fatal(err)
	}
	closed := writeConfig(t, twoProfiles)
	for _, tc := range []struct {
		name   string
		env    map[string]string
		args   []string
		stderr string
	}{
		{"insecure flag", nil, []string{"--tls-insecure"},
			"shore: warning: TLS certificate verification is off (--tls-insecure, tls.insecure-skip-verify): anyone on the network path can read and change this traffic\n"},
		{"password flag", nil, []string{"--sasl-password", "Flag-Secret-31"},
			"shore: warning: --sasl-password shows in the process list to every user of this machine; use SHORE_SASL_PASSWORD, --sasl-password-file or --sasl-password-command\n"},
		{"secret in an open file", nil, []string{"--config", open},
			"shore: warning: " + open + " holds a SASL password and group or others can read it (mode 0644); run: chmod 600 " + open + "\n"},
		{"secret in a closed file", nil, []string{"--config", closed}, ""},
		{"password from the environment", map[string]string{"SHORE_SASL_PASSWORD": "Env-Secret-31"}, nil, ""},
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

func TestConfigViewMasksSecrets(t *testing.T) {
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{
		"SHORE_SASL_MECHANISM": "OAUTHBEARER", "SHORE_SASL_TOKEN": "Token-Secret-42",
	}}, "config", "view", "-o", "json")
	if res.Code != 0 || !strings.Contains(res.Stdout, `"token": "********"`) || strings.Contains(res.Stdout, "Token-Secret-42") {
		t.Fatalf("exit %d stdout:\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	res = shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{
		"SHORE_SASL_PASSWORD_COMMAND": "echo Command-Secret-42",
	}}, "config", "view")
	if res.Code != 0 || !strings.Contains(res.Stdout, "password-command: echo Command-Secret-42\n") || res.Stderr != "" {
		t.Fatalf("config view must show the command and not run it: exit %d stdout:\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
}
