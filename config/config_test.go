package config

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func noEnv(string) string { return "" }

// The example documents every key: it must load, every key recognised, and
// mean what its comments say.
func TestExampleLoads(t *testing.T) {
	cfg, err := Load(Overrides{ConfigFile: "../config.example.yaml"}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Profile != "local" || !reflect.DeepEqual(cfg.Brokers, []string{"localhost:9092"}) {
		t.Errorf("current profile: %+v", cfg)
	}
	want := map[string]map[string]string{"produce": {"compression": "zstd"}, "consume": {"format": `%k %v\n`}}
	if !reflect.DeepEqual(cfg.Defaults, want) {
		t.Errorf("defaults %v, want %v", cfg.Defaults, want)
	}

	prod, err := Load(Overrides{ConfigFile: "../config.example.yaml", Profile: "prod"}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	wantProd := &Config{
		File:     "../config.example.yaml",
		Profile:  "prod",
		Brokers:  []string{"kafka-1.example.com:9093", "kafka-2.example.com:9093"},
		ClientID: "shore-ops",
		Timeout:  20 * time.Second,
		TLS: TLS{Enabled: true, CAFile: "/etc/shore/ca.pem", CertFile: "/etc/shore/client.pem",
			KeyFile: "/etc/shore/client-key.pem", ServerName: "kafka.example.com"},
		SASL:     SASL{Mechanism: "SCRAM-SHA-512", Username: "ops", PasswordFile: "/etc/shore/ops.password"},
		Defaults: want,
	}
	if !reflect.DeepEqual(prod, wantProd) {
		t.Errorf("prod profile:\n%+v\nwant\n%+v", prod, wantProd)
	}
}

func TestUnknownKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	body := "currnt-profile: a\nprofiles:\n  a:\n    broker: [x:1]\n    tls:\n      enable: true\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(Overrides{ConfigFile: path}, noEnv)
	want := "config file " + path + ": unknown key currnt-profile, profiles.a.broker, profiles.a.tls.enable (config.example.yaml lists every key)"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}
