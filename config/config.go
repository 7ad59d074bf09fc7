// Package config turns a profile file, the environment and command-line flags
// into one typed [Config], and builds the Kafka clients every command uses
// from it ([NewClient], [NewAdmin]).
//
// Precedence, highest first: flag, environment, profile, built-in default.
// No configuration file at all is normal.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
)

// Defaults chosen for a command line rather than a long-running service.
const (
	// DefaultBrokers is where a local Kafka (and `shore dev`) listens.
	DefaultBrokers = "localhost:9092"
	// DefaultClientID names shore in broker logs and quotas.
	DefaultClientID = "shore"
	// DefaultTimeout bounds every connection and request: long enough for a
	// managed cluster over the internet, short enough that a script notices.
	DefaultTimeout = 10 * time.Second
)

// Config is the effective configuration of one command run.
type Config struct {
	// File is the configuration file that was read, or "" when there is none.
	File string `json:"file"`
	// Profile is the profile in effect, or "" when none is.
	Profile  string        `json:"profile"`
	Brokers  []string      `json:"brokers"`
	ClientID string        `json:"client-id"`
	Timeout  time.Duration `json:"timeout"`
	TLS      TLS           `json:"tls"`
	SASL     SASL          `json:"sasl"`
	// Defaults holds flag defaults per command ("produce", "consume"), by
	// long flag name, as strings the flag parses.
	Defaults map[string]map[string]string `json:"defaults,omitempty"`
}

// TLS configures transport encryption.
type TLS struct {
	Enabled            bool   `json:"enabled" mapstructure:"enabled"`
	CAFile             string `json:"ca-file" mapstructure:"ca-file"`
	CertFile           string `json:"cert-file" mapstructure:"cert-file"`
	KeyFile            string `json:"key-file" mapstructure:"key-file"`
	ServerName         string `json:"server-name" mapstructure:"server-name"`
	InsecureSkipVerify bool   `json:"insecure-skip-verify" mapstructure:"insecure-skip-verify"`
}

// SASL configures authentication.
type SASL struct {
	Mechanism    string `json:"mechanism" mapstructure:"mechanism"`
	Username     string `json:"username" mapstructure:"username"`
	Password     string `json:"password" mapstructure:"password"`
	PasswordFile string `json:"password-file" mapstructure:"password-file"`
}

// Profile is one named entry of the configuration file.
type Profile struct {
	Brokers  []string `mapstructure:"brokers"`
	ClientID string   `mapstructure:"client-id"`
	Timeout  string   `mapstructure:"timeout"`
	TLS      TLS      `mapstructure:"tls"`
	SASL     SASL     `mapstructure:"sasl"`
}

// File is the shape of the YAML configuration file.
type File struct {
	// Path is the file that was read, or "" when there was none.
	Path           string             `mapstructure:"-"`
	CurrentProfile string             `mapstructure:"current-profile"`
	Profiles       map[string]Profile `mapstructure:"profiles"`
	Produce        map[string]any     `mapstructure:"produce"`
	Consume        map[string]any     `mapstructure:"consume"`
}

// Overrides are the values given on the command line; a nil pointer or
// empty slice means "not given".
type Overrides struct {
	ConfigFile string
	Profile    string
	Brokers    []string
	Timeout    *time.Duration
	TLS        TLSOverrides
	SASL       SASLOverrides
}

// TLSOverrides are the TLS flags; nil means not given.
type TLSOverrides struct {
	Enabled            *bool
	CAFile             *string
	CertFile           *string
	KeyFile            *string
	ServerName         *string
	InsecureSkipVerify *bool
}

// SASLOverrides are the SASL flags; nil means not given.
type SASLOverrides struct {
	Mechanism *string
	Username  *string
	Password  *string
}

// Error is a problem with the configuration itself (a malformed file, an
// unknown profile, a bad value): the command cannot start.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func configErrorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// Getenv looks up an environment variable; tests pass their own.
type Getenv func(string) string

// Path returns the configuration file to read: the flag, else SHORE_CONFIG,
// else ~/.config/shore/config.yaml. explicit reports whether the user named
// it, in which case it must exist.
func Path(flagValue string, getenv Getenv) (path string, explicit bool) {
	if flagValue != "" {
		return flagValue, true
	}
	if p := getenv("SHORE_CONFIG"); p != "" {
		return p, true
	}
	home := getenv("HOME")
	if home == "" {
		return "", false
	}
	return filepath.Join(home, ".config", "shore", "config.yaml"), false
}

// ReadFile reads and decodes a configuration file. A missing file that was
// not named explicitly is an empty File.
func ReadFile(path string, explicit bool) (*File, error) {
	f := &File{}
	if path == "" {
		return f, nil
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) && !explicit {
			return f, nil
		}
		return nil, configErrorf("config file %s: %v", path, errors.Unwrap(err))
	}
	v := viper.New()
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	if err := v.ReadInConfig(); err != nil {
		return nil, configErrorf("config file %s: %s", path, yamlMessage(err))
	}
	// A misspelt key would otherwise be ignored without a word.
	if err := v.Unmarshal(f, func(dc *mapstructure.DecoderConfig) { dc.ErrorUnused = true }); err != nil {
		if keys := unknownKeys(err); len(keys) > 0 {
			return nil, configErrorf("config file %s: unknown key %s (config.example.yaml lists every key)", path, strings.Join(keys, ", "))
		}
		return nil, configErrorf("config file %s: %s", path, yamlMessage(err))
	}
	f.Path = path
	return f, nil
}

// unknownKeys picks the keys mapstructure did not recognise out of its
// error ("'profiles[a].tls' has invalid keys: enable") as dotted paths
// (profiles.a.tls.enable), sorted.
func unknownKeys(err error) []string {
	var keys []string
	for _, line := range strings.Split(err.Error(), "\n") {
		where, list, ok := strings.Cut(strings.TrimSpace(line), " has invalid keys: ")
		if !ok {
			continue
		}
		where = strings.NewReplacer("'", "", "[", ".", "]", "").Replace(where)
		for _, k := range strings.Split(list, ", ") {
			if where != "" {
				k = where + "." + k
			}
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// yamlMessage strips viper's wrapping so that the parser's "line N: ..."
// is what the user reads.
func yamlMessage(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "yaml: "); i >= 0 {
		return msg[i:]
	}
	return msg
}

// Load builds the effective configuration.
func Load(o Overrides, getenv Getenv) (*Config, error) {
	path, explicit := Path(o.ConfigFile, getenv)
	file, err := ReadFile(path, explicit)
	if err != nil {
		return nil, err
	}
	cfg := &Config{
		Brokers:  []string{DefaultBrokers},
		ClientID: DefaultClientID,
		Timeout:  DefaultTimeout,
		File:     file.Path,
	}

	name := file.CurrentProfile
	if e := getenv("SHORE_PROFILE"); e != "" {
		name = e
	}
	if o.Profile != "" {
		name = o.Profile
	}
	if name != "" {
		p, ok := file.Profiles[name]
		if !ok {
			return nil, unknownProfile(name, file)
		}
		cfg.Profile = name
		if err := cfg.applyProfile(p, path); err != nil {
			return nil, err
		}
	}
	if err := cfg.applyEnv(getenv); err != nil {
		return nil, err
	}
	cfg.applyOverrides(o)

	cfg.Defaults = map[string]map[string]string{}
	for cmd, m := range map[string]map[string]any{"produce": file.Produce, "consume": file.Consume} {
		if len(m) == 0 {
			continue
		}
		cfg.Defaults[cmd] = map[string]string{}
		for k, v := range m {
			cfg.Defaults[cmd][k] = flagString(v)
		}
	}
	if len(cfg.Brokers) == 0 {
		return nil, configErrorf("no brokers: set -b/--brokers, SHORE_BROKERS or a profile's brokers")
	}
	if cfg.Timeout <= 0 {
		return nil, configErrorf("timeout must be positive, got %s", cfg.Timeout)
	}
	return cfg, nil
}

func unknownProfile(name string, file *File) error {
	known := ProfileNames(file)
	if len(known) == 0 {
		where := "no configuration file"
		if file.Path != "" {
			where = file.Path + " defines no profiles"
		}
		return configErrorf("unknown profile %q: %s", name, where)
	}
	return configErrorf("unknown profile %q: known profiles are %s", name, strings.Join(known, ", "))
}

// ProfileNames lists the file's profiles in sorted order.
func ProfileNames(file *File) []string {
	names := make([]string, 0, len(file.Profiles))
	for n := range file.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// flagString renders a YAML scalar or list the way a flag would take it.
func flagString(v any) string {
	switch v := v.(type) {
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = fmt.Sprint(e)
		}
		return strings.Join(parts, ",")
	default:
		return fmt.Sprint(v)
	}
}

func (c *Config) applyProfile(p Profile, path string) error {
	if len(p.Brokers) > 0 {
		c.Brokers = SplitBrokers(p.Brokers)
	}
	if p.ClientID != "" {
		c.ClientID = p.ClientID
	}
	if p.Timeout != "" {
		d, err := time.ParseDuration(p.Timeout)
		if err != nil {
			return configErrorf("config file %s: profile %s: timeout %q is not a duration such as 10s", path, c.Profile, p.Timeout)
		}
		c.Timeout = d
	}
	c.TLS = p.TLS
	c.SASL = p.SASL
	return nil
}

func (c *Config) applyEnv(getenv Getenv) error {
	if v := getenv("SHORE_BROKERS"); v != "" {
		c.Brokers = SplitBrokers([]string{v})
	}
	if v := getenv("SHORE_CLIENT_ID"); v != "" {
		c.ClientID = v
	}
	if v := getenv("SHORE_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return configErrorf("SHORE_TIMEOUT %q is not a duration such as 10s", v)
		}
		c.Timeout = d
	}
	for _, b := range []struct {
		env string
		dst *bool
	}{
		{"SHORE_TLS", &c.TLS.Enabled},
		{"SHORE_TLS_INSECURE", &c.TLS.InsecureSkipVerify},
	} {
		if v := getenv(b.env); v != "" {
			on, err := parseBool(v)
			if err != nil {
				return configErrorf("%s %q: %v", b.env, v, err)
			}
			*b.dst = on
		}
	}
	for _, s := range []struct {
		env string
		dst *string
	}{
		{"SHORE_TLS_CA", &c.TLS.CAFile},
		{"SHORE_TLS_CERT", &c.TLS.CertFile},
		{"SHORE_TLS_KEY", &c.TLS.KeyFile},
		{"SHORE_TLS_SERVER_NAME", &c.TLS.ServerName},
		{"SHORE_SASL_MECHANISM", &c.SASL.Mechanism},
		{"SHORE_SASL_USERNAME", &c.SASL.Username},
		{"SHORE_SASL_PASSWORD", &c.SASL.Password},
		{"SHORE_SASL_PASSWORD_FILE", &c.SASL.PasswordFile},
	} {
		if v := getenv(s.env); v != "" {
			*s.dst = v
		}
	}
	return nil
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, errors.New("want true or false")
}

func (c *Config) applyOverrides(o Overrides) {
	if len(o.Brokers) > 0 {
		c.Brokers = SplitBrokers(o.Brokers)
	}
	if o.Timeout != nil {
		c.Timeout = *o.Timeout
	}
	setBool(&c.TLS.Enabled, o.TLS.Enabled)
	setString(&c.TLS.CAFile, o.TLS.CAFile)
	setString(&c.TLS.CertFile, o.TLS.CertFile)
	setString(&c.TLS.KeyFile, o.TLS.KeyFile)
	setString(&c.TLS.ServerName, o.TLS.ServerName)
	setBool(&c.TLS.InsecureSkipVerify, o.TLS.InsecureSkipVerify)
	setString(&c.SASL.Mechanism, o.SASL.Mechanism)
	setString(&c.SASL.Username, o.SASL.Username)
	setString(&c.SASL.Password, o.SASL.Password)
}

func setBool(dst *bool, v *bool) {
	if v != nil {
		*dst = *v
	}
}

func setString(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

// SplitBrokers splits comma-separated entries and drops blanks.
func SplitBrokers(in []string) []string {
	var out []string
	for _, s := range in {
		for _, b := range strings.Split(s, ",") {
			if b = strings.TrimSpace(b); b != "" {
				out = append(out, b)
			}
		}
	}
	return out
}
