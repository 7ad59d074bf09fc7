package config_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/kafkashore/shore/config"
)

// load runs Load as shore's root command does: the command line args
// against the flags of the settings table, and the environment env.
func load(t *testing.T, args []string, env map[string]string) (*config.Config, error) {
	t.Helper()
	fs := pflag.NewFlagSet("shore", pflag.ContinueOnError)
	config.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return config.Load(context.Background(), config.Sources{Flags: fs, Env: env})
}

// A command section's number or time reaches its flag as typed, in a list
// too, not as YAML decodes and Go prints it.
func TestSectionValuesAsTyped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	raw := "produce:\n  transactional-id: 007\n  rate: 1e-400\n  header: [a=b, 007, 2026-12-01T10:00:00Z, 1.50, true]\n"
	if err := os.WriteFile(path, []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := load(t, []string{"--config", path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"transactional-id": {"007"}, "rate": {"1e-400"}, "header": {"a=b", "007", "2026-12-01T10:00:00Z", "1.50", "true"}}
	if !reflect.DeepEqual(cfg.Defaults["produce"], want) {
		t.Errorf("defaults %q, want %q", cfg.Defaults["produce"], want)
	}
}

// A profile's number is taken as typed: a SASL username or password of
// digits with a leading 0 was YAML's octal number.
func TestProfileValuesAsTyped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	raw := "current-profile: p\nprofiles:\n  p:\n    client-id: 007\n    sasl: {mechanism: PLAIN, username: 0123, password: 0777}\n    registry: {username: 1.50}\n"
	if err := os.WriteFile(path, []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := load(t, []string{"--config", path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ClientID != "007" || cfg.SASL.Username != "0123" || cfg.SASL.Password != "0777" || cfg.Registry.Username != "1.50" {
		t.Errorf("client id %q, SASL user %q, password %q, registry user %q; want 007, 0123, 0777, 1.50", cfg.ClientID, cfg.SASL.Username, cfg.SASL.Password, cfg.Registry.Username)
	}
}

// current-profile set to YAML's null (~, null) names no profile, as an
// empty value does: not a profile called "~".
func TestCurrentProfileNull(t *testing.T) {
	for _, null := range []string{"", "~", "null"} {
		path := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(path, []byte("current-profile: "+null+"\nprofiles:\n  p:\n    client-id: from-p\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, err := load(t, []string{"--config", path}, nil)
		if err != nil {
			t.Errorf("current-profile: %s: %v", null, err)
			continue
		}
		if cfg.Profile != "" || cfg.ClientID != "shore" {
			t.Errorf("current-profile: %s: profile %q, client id %q; want no profile", null, cfg.Profile, cfg.ClientID)
		}
	}
}

// A file that starts or ends with a document marker (---) is one document
// still, and read as such; a second document is refused (TestConfigErrors).
func TestDocumentMarkers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("---\nprofiles:\n  p:\n    client-id: from-p\n---\n# nothing more\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := load(t, []string{"--config", path, "--profile", "p"}, nil)
	if err != nil || cfg.ClientID != "from-p" {
		t.Errorf("client id %q (%v), want from-p", cfg.ClientID, err)
	}
}

// A profile takes settings from another through YAML's anchors, aliases
// and merge keys, as YAML reads them: its own keys win, and a merged group
// (sasl:) is taken whole or not at all. An anchor that an alias uses, and
// a tag of YAML's own, are not a value that starts with & or ! unquoted,
// which is refused (TestConfigErrors).
func TestProfileMergeKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	raw := `profiles:
  base: &base
    timeout: 20s
    client-id: &id !!str 0123
    tls: &tls
      ca-file: /etc/ca.pem
      server-name: kafka.example
    sasl: {mechanism: PLAIN, username: ops}
  prod:
    <<: *base
    brokers: [prod:9093]
    sasl: {username: prod-ops}
  stage:
    <<: [*base]
    timeout: 5s
    tls: *tls
    client-id: *id
`
	if err := os.WriteFile(path, []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	tls := config.TLS{CAFile: "/etc/ca.pem", ServerName: "kafka.example"}
	for _, tc := range []struct {
		profile string
		timeout time.Duration
		sasl    config.SASL
	}{
		{"prod", 20 * time.Second, config.SASL{Username: "prod-ops"}},
		{"stage", 5 * time.Second, config.SASL{Mechanism: "PLAIN", Username: "ops"}},
	} {
		cfg, err := load(t, []string{"--config", path, "--profile", tc.profile}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Timeout != tc.timeout || cfg.TLS != tls || cfg.SASL != tc.sasl || cfg.ClientID != "0123" {
			t.Errorf("%s: timeout %s, TLS %+v, SASL %+v, client id %q; want %s, %+v, %+v, 0123", tc.profile, cfg.Timeout, cfg.TLS, cfg.SASL, cfg.ClientID, tc.timeout, tls, tc.sasl)
		}
	}
	if err := os.WriteFile(path, []byte("profiles:\n  prod:\n    <<: 3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := load(t, []string{"--config", path}, nil)
	if want := "config file " + path + ":3: << merges what is not a mapping: give it an alias of one (<<: *base, where base: &base {...})"; err == nil || err.Error() != want {
		t.Errorf("a merge of a number: %v; want %s", err, want)
	}
}

// The example documents every key: it must load, every key recognised, and
// mean what its comments say.
func TestExampleLoads(t *testing.T) {
	cfg, err := load(t, []string{"--config", "../config.example.yaml"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Profile != "local" || !reflect.DeepEqual(cfg.Brokers, []string{"localhost:9092"}) {
		t.Errorf("current profile: %+v", cfg)
	}
	want := map[string]map[string][]string{"produce": {"compression": {"zstd"}}, "consume": {"format": {`%k %v\n`}}}
	if !reflect.DeepEqual(cfg.Defaults, want) {
		t.Errorf("defaults %v, want %v", cfg.Defaults, want)
	}

	prod, err := load(t, []string{"--config", "../config.example.yaml", "--profile", "prod"}, map[string]string{"HOME": "/home/ops"})
	if err != nil {
		t.Fatal(err)
	}
	wantProd := &config.Config{
		File:     "../config.example.yaml",
		Profile:  "prod",
		Brokers:  []string{"kafka-1.example.com:9093", "kafka-2.example.com:9093"},
		ClientID: "shore-ops",
		Timeout:  20 * time.Second,
		TLS: config.TLS{Enabled: true, CAFile: "/etc/shore/ca.pem", CertFile: "/home/ops/.config/shore/client.pem",
			KeyFile: "/home/ops/.config/shore/client-key.pem", ServerName: "kafka.example.com"},
		SASL: config.SASL{Mechanism: "SCRAM-SHA-512", Username: "ops", PasswordFile: "/etc/shore/ops.password"},
		Registry: config.Registry{URL: "https://schema-registry.example.com", CAFile: "/etc/shore/ca.pem",
			Username: "ops", PasswordFile: "/etc/shore/registry.password"},
		Defaults: want,
	}
	for key, want := range map[string]string{
		"tls.ca-file":         "config file ../config.example.yaml:29: profiles.prod.tls.ca-file",
		"tls.key-file":        "config file ../config.example.yaml:33: profiles.prod.tls.key-file",
		"client-id":           "config file ../config.example.yaml:21: profiles.prod.client-id",
		"sasl.password":       "sasl.password",
		"produce.compression": "config file ../config.example.yaml:93: produce.compression",
		"consume.format":      "config file ../config.example.yaml:105: consume.format",
	} {
		if got := prod.Where(key); got != want {
			t.Errorf("Where(%q) = %q, want %q", key, got, want)
		}
	}
	prod.Origins = nil
	if !reflect.DeepEqual(prod, wantProd) {
		t.Errorf("prod profile:\n%+v\nwant\n%+v", prod, wantProd)
	}
}

// The example names every setting of the table as a key of a profile,
// commented out where it is one of several sources of a value, and names
// no key that is none: the message for an unknown key sends the user there.
func TestExampleNamesEverySetting(t *testing.T) {
	raw, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// "# token: ..." at a key's indentation names the key token.
	commented := regexp.MustCompile(`(?m)^([ \t]*)# ([a-z-]+):.*$`)
	var file struct {
		Profiles map[string]map[string]any `yaml:"profiles"`
	}
	if err := yaml.Unmarshal(commented.ReplaceAll(raw, []byte("$1$2: x")), &file); err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			if sub, ok := v.(map[string]any); ok {
				walk(prefix+k+".", sub)
			} else {
				named[prefix+k] = true
			}
		}
	}
	for _, p := range file.Profiles {
		walk("", p)
	}
	settings := map[string]bool{}
	for _, s := range config.Settings() {
		if s.Key == "" {
			continue
		}
		settings[s.Key] = true
		if !named[s.Key] {
			t.Errorf("config.example.yaml does not name %s", s.Key)
		}
	}
	for k := range named {
		if !settings[k] {
			t.Errorf("config.example.yaml names %s, which is no setting", k)
		}
	}
}

// Where names a setting as the user gave it: the flag over the
// environment over the profile.
func TestWhere(t *testing.T) {
	cfg, err := load(t, []string{"--config", "../config.example.yaml", "--profile", "prod", "--tls-ca", "ca.pem"},
		map[string]string{"SHORE_TLS_CA": "env-ca.pem", "SHORE_TLS_CERT": "cert.pem"})
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"tls.ca-file":   "--tls-ca",
		"tls.cert-file": "SHORE_TLS_CERT",
		"tls.key-file":  "config file ../config.example.yaml:33: profiles.prod.tls.key-file",
	} {
		if got := cfg.Where(key); got != want {
			t.Errorf("Where(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestUnknownKeysOfAnotherFile: a file given by mistake is not echoed on
// stderr, where its lines could be secrets, and a long one is counted.
func TestUnknownKeysOfAnotherFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shadow")
	body := "root:$6$s3cret:19000:0:99999:7:::\nbin: x\ndaemon: x\nsys: x\nsync: x\ngames: x\nman: x\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := load(t, []string{"--config", path}, nil)
	want := "config file " + path + ":1: unknown key (32 characters, not shown), and bin at line 2, and daemon at line 3, and sys at line 4, and sync at line 5, and 2 more; keys that could be no setting's name are not shown (is this a shore configuration file?); config.example.yaml lists every key"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
	if err := os.WriteFile(path, []byte("$: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = load(t, []string{"--config", path}, nil)
	want = "config file " + path + ":1: unknown key (1 character, not shown); keys that could be no setting's name are not shown (is this a shore configuration file?); config.example.yaml lists every key"
	if err == nil || err.Error() != want {
		t.Fatalf("one character: got %v\nwant %s", err, want)
	}
}

func TestUnknownKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	body := "currnt-profile: a\nprofiles:\n  a:\n    broker: [x:1]\n    tls:\n      enable: true\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := load(t, []string{"--config", path}, nil)
	want := "config file " + path + ":1: unknown key currnt-profile (did you mean current-profile?), and profiles.a.broker at line 4 (did you mean brokers?), and profiles.a.tls.enable at line 6 (did you mean tls.enabled?); config.example.yaml lists every key"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

// ParseBool, which reads SHORE_TLS and every switch flag (--tls=yes), takes
// each pair BoolWords lists in any case, each pair's first true, and every
// word strconv.ParseBool takes, with which pflag read a switch before
// (--tls=T), as strconv does: nothing a switch took is refused.
func TestParseBool(t *testing.T) {
	want := map[string]bool{}
	for _, pair := range strings.Split(strings.ReplaceAll(config.BoolWords, " or ", ", "), ", ") {
		yes, no, ok := strings.Cut(pair, "/")
		if !ok {
			t.Fatalf("%q in %q is no pair", pair, config.BoolWords)
		}
		for _, word := range []string{yes, strings.ToUpper(yes), strings.ToUpper(yes[:1]) + yes[1:]} {
			want[word] = true
		}
		for _, word := range []string{no, strings.ToUpper(no), strings.ToUpper(no[:1]) + no[1:]} {
			want[word] = false
		}
	}
	for _, word := range []string{"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"} {
		b, err := strconv.ParseBool(word)
		if err != nil {
			t.Fatalf("strconv.ParseBool(%q): %v", word, err)
		}
		want[word] = b
	}
	for word, b := range want {
		if got, err := config.ParseBool(word); err != nil || got != b {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", word, got, err, b)
		}
	}
	for _, word := range []string{"maybe", "", "y", "2", "truee"} {
		if _, err := config.ParseBool(word); err == nil || err.Error() != "want "+config.BoolWords {
			t.Errorf("ParseBool(%q): %v; want the error want %s", word, err, config.BoolWords)
		}
	}
}
