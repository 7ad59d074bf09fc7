package connect_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/devregistry"
	"github.com/kafkashore/shore/schema"
)

func TestRegistrySecretSources(t *testing.T) {
	reg, err := devregistry.Start(devregistry.Options{Listen: "127.0.0.1:0", User: "KEY", Password: "s3cret/+="})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(reg.Close)
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte("s3cret/+=\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pwFile+".wrong", []byte("nope\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		rc   config.Registry
		err  string
	}{
		{"inline", config.Registry{Password: "s3cret/+="}, ""},
		{"file", config.Registry{PasswordFile: pwFile}, ""},
		{"command", config.Registry{PasswordCommand: "printf 's3cret/+=\\n'"}, ""},
		{"wrong", config.Registry{Password: "nope"},
			"schema registry " + reg.URL() + ` refused the credentials (HTTP 401): user "KEY" with the password from --registry-password`},
		{"wrong, from a file", config.Registry{PasswordFile: pwFile + ".wrong"},
			"schema registry " + reg.URL() + ` refused the credentials (HTTP 401): user "KEY" with the password from --registry-password-file`},
		{"missing file", config.Registry{PasswordFile: pwFile + ".missing"},
			"registry.password-file " + pwFile + ".missing: no such file or directory"},
		{"failing command", config.Registry{PasswordCommand: "exit 3"},
			`registry.password-command "exit 3" failed: exit status 3`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.rc.URL, tc.rc.Username = reg.URL(), "KEY"
			cfg := &config.Config{Timeout: 5 * time.Second, Registry: tc.rc}
			r, err := connect.NewRegistry(ctx, cfg, connect.ClientOptions{})
			if err == nil {
				_, err = r.Client.Subjects(ctx)
				err = r.Explain(err, schema.Target{})
			}
			switch {
			case tc.err == "" && err != nil:
				t.Fatal(err)
			case tc.err != "" && (err == nil || err.Error() != tc.err):
				t.Fatalf("error %v, want %q", err, tc.err)
			}
		})
	}
	var cfgErr *config.Error
	_, err = connect.NewRegistry(ctx, &config.Config{Timeout: time.Second, Registry: config.Registry{URL: reg.URL(), Password: "x"}}, connect.ClientOptions{})
	if !errors.As(err, &cfgErr) || !strings.HasPrefix(err.Error(), "registry.password: a password needs a username") {
		t.Fatalf("a password without a user: %v (%T), want a configuration error", err, err)
	}
}
