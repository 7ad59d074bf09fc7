package config_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/kafkashore/shore/config"
)

// FuzzReadFile reads untrusted configuration files: never a panic, and a
// file that is refused is refused with a *config.Error (exit 2) that names
// the file.
func FuzzReadFile(f *testing.F) {
	example, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	for _, s := range []string{
		"current-profile: x\n",
		"profiles:\n  a:\n    brokers: [b:1]\n    timeout: -1s\n",
		"profiles: [1, 2]\n",
		"produce:\n  rate: NaN\n",
		"- a\n- b\n",
		"a: &x [*x]\n",
		"profiles: {}\n---\nproduce: {acks: all}\n",
		"\x00\xff",
		"profiles:\n  p:\n    tls: {enabled: maybe}\n",
		"profiles:\n  a: &a {timeout: 1s, tls: &t {ca-file: c}}\n  b:\n    <<: [*a, {sasl: *t}]\n    tls: *t\n",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "config.yaml")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := config.ReadFile(context.Background(), path, "--config", config.DefaultTimeout)
		var cfgErr *config.Error
		if err != nil && !errors.As(err, &cfgErr) {
			t.Fatalf("%q: %T %v, want a *config.Error", data, err, err)
		}
	})
}
