package config_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kafkashore/shore/config"
)

func TestRegistrySettings(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, []byte(`current-profile: p
profiles:
  p:
    registry:
      url: https://psrc-a1b2c.eu-west-1.aws.confluent.cloud
      username: KEY
      password-command: pass show registry
      ca-file: /etc/ca.pem
  bad:
    registry:
      url: localhost:8081
`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want config.Registry
		err  string
	}{
		{"default", map[string]string{"SHORE_CONFIG": "/dev/null"}, nil, config.Registry{URL: "http://localhost:8081"}, ""},
		{"profile", nil, []string{"--config", file},
			config.Registry{URL: "https://psrc-a1b2c.eu-west-1.aws.confluent.cloud", Username: "KEY", PasswordCommand: "pass show registry", CAFile: "/etc/ca.pem"}, ""},
		{"environment over the profile", map[string]string{"SHORE_REGISTRY_URL": "http://127.0.0.1:18081", "SHORE_REGISTRY_PASSWORD": "secret"}, []string{"--config", file},
			config.Registry{URL: "http://127.0.0.1:18081", Username: "KEY", Password: "secret", CAFile: "/etc/ca.pem"}, ""},
		{"flags over the environment", map[string]string{"SHORE_REGISTRY_URL": "http://a:1", "SHORE_REGISTRY_TOKEN": "tok"},
			[]string{"--config", file, "--registry", "http://b:2", "--registry-username", "", "--registry-token-file", "/run/tok", "--registry-ca", "/ca2.pem", "--registry-password-file", "/pw"},
			config.Registry{URL: "http://b:2", PasswordFile: "/pw", TokenFile: "/run/tok", CAFile: "/ca2.pem"}, ""},
		{"two password sources", map[string]string{"SHORE_REGISTRY_PASSWORD": "a", "SHORE_REGISTRY_PASSWORD_FILE": "/b"}, []string{"--config", file}, config.Registry{},
			"SHORE_REGISTRY_PASSWORD and SHORE_REGISTRY_PASSWORD_FILE are both set; keep one"},
		{"not a URL", nil, []string{"--registry", "localhost:8081"}, config.Registry{},
			`--registry "localhost:8081": want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one`},
		{"not a URL in a profile", map[string]string{"SHORE_PROFILE": "bad"}, []string{"--config", file}, config.Registry{},
			`config file ` + file + `:11: profiles.bad.registry.url "localhost:8081": want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := load(t, tc.args, tc.env)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(cfg.Registry, tc.want) {
				t.Errorf("got %+v\nwant %+v", cfg.Registry, tc.want)
			}
		})
	}
}

func TestRegistrySecretsNeverShow(t *testing.T) {
	cfg, err := load(t, []string{"--registry-password", "Reg-Secret-9"}, map[string]string{"SHORE_CONFIG": "/dev/null", "SHORE_REGISTRY_TOKEN": "Tok-Secret-9"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"--registry-password shows in the process list to every user of this machine; use SHORE_REGISTRY_PASSWORD, --registry-password-file or --registry-password-command"}
	if !reflect.DeepEqual(cfg.Warnings, want) {
		t.Errorf("warnings %q, want %q", cfg.Warnings, want)
	}
	for _, f := range []string{"%v", "%+v", "%#v"} {
		if out := fmt.Sprintf(f, cfg.Registry); strings.Contains(out, "Secret-9") {
			t.Errorf("%s shows %s", f, out)
		}
	}
	values, err := cfg.Values()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range values {
		if strings.Contains(fmt.Sprint(v.Value), "Secret-9") {
			t.Errorf("config view shows %s = %v", v.Key, v.Value)
		}
	}
}
