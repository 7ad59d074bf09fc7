package config

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/registryurl"
	"github.com/kafkashore/shore/internal/secret"
)

// Kind says how a setting's value is written and parsed.
type Kind int

const (
	// String is taken as written.
	String Kind = iota
	// Bool is one of boolWords (BoolWords lists them), or a YAML boolean.
	Bool
	// Duration is a Go duration such as 10s or 1m30s.
	Duration
	// List is comma-separated on the command line and in the environment,
	// and a YAML list (or a comma-separated string) in a profile.
	List
)

// Setting is one connection setting: every place a user can give it, and
// how it is checked. The flags, the environment variables, the profile keys,
// `shore config view`, the help's list of variables and the configuration
// help topic all come from [Settings].
type Setting struct {
	// Key is the profile key ("tls.ca-file") and the key of Config's
	// mapstructure tags; "" for the settings that choose the file and the
	// profile, which a profile cannot set.
	Key string
	// Flag is the long flag name, without dashes; "" for none.
	Flag  string
	Short string
	// Env is the environment variable; "" for none.
	Env  string
	Kind Kind
	// Default is the value when nothing else gives one, as a flag would
	// take it; "" for none.
	Default string
	// Usage is the flag's help line.
	Usage string
	// Secret names what the value is ("SASL password") when it is a secret:
	// `config view` masks it, and a flag or a readable file that holds it
	// is warned about.
	Secret string
	// Source groups the settings that give one secret in different ways
	// (the value, a file, a command): at most one of them may be set in one
	// layer, and the layer that sets one replaces the others of the layers
	// below. Its value is the Key of the group's inline member; the others
	// are that Key with -file and -command (SecretReader.Resolve).
	Source string
	// Path is true for a file's path: a leading ~/, or ~ alone, is the home
	// directory ($HOME), wherever the path was given (a shell expands it
	// on the command line, but not in the file or a quoted variable).
	Path bool
	// Check, if set, rejects a parsed value that is of the right kind but
	// wrong ("-1s" as a timeout).
	Check func(v any) error
	// MaskValue, if set, hides the secret that a value which is not one
	// may hold (a password in a URL) wherever the value is shown: `config
	// view` and errors.
	MaskValue func(string) string
}

// Settings is the table of shore's global settings, in the order help and
// `config view` show them. A new setting is one row here, one field of
// [Config] with the same mapstructure key, and a test.
func Settings() []Setting {
	return []Setting{
		{Flag: "config", Env: "SHORE_CONFIG", Path: true, Usage: "configuration file (default $SHORE_CONFIG, else ~/.config/shore/config.yaml)"},
		{Flag: "profile", Env: "SHORE_PROFILE", Usage: "configuration profile to use (default: the file's current-profile)"},
		{Key: "brokers", Flag: "brokers", Short: "b", Env: "SHORE_BROKERS", Kind: List, Default: DefaultBrokers,
			Usage: "bootstrap brokers, host:port,... (default " + DefaultBrokers + ")", Check: checkBrokers},
		{Key: "client-id", Env: "SHORE_CLIENT_ID", Default: DefaultClientID, Usage: "client id sent to the brokers (logs, quotas)"},
		{Key: "timeout", Flag: "timeout", Env: "SHORE_TIMEOUT", Kind: Duration, Default: DefaultTimeout.String(),
			Usage: "longest a connection or request may wait before the command fails, at most 15m", Check: checkTimeout},
		{Key: "tls.enabled", Flag: "tls", Env: "SHORE_TLS", Kind: Bool,
			Usage: "connect with TLS, verifying the broker against the system roots or --tls-ca"},
		{Key: "tls.ca-file", Flag: "tls-ca", Env: "SHORE_TLS_CA", Path: true, Usage: "PEM file of the CA that signed the brokers' certificates (implies --tls)"},
		{Key: "tls.cert-file", Flag: "tls-cert", Env: "SHORE_TLS_CERT", Path: true, Usage: "PEM client certificate for mutual TLS (with --tls-key, unless this file holds the key; implies --tls)"},
		{Key: "tls.key-file", Flag: "tls-key", Env: "SHORE_TLS_KEY", Path: true, Usage: "PEM private key of --tls-cert"},
		{Key: "tls.server-name", Flag: "tls-server-name", Env: "SHORE_TLS_SERVER_NAME", Check: checkServerName,
			Usage: "host name to verify in the broker's certificate, without a port (default: the broker's host; implies --tls)"},
		{Key: "tls.insecure-skip-verify", Flag: "tls-insecure", Env: "SHORE_TLS_INSECURE", Kind: Bool,
			Usage: "skip verification of the brokers' certificates, not the registry's (implies --tls; warns every time shore talks to the brokers)"},
		{Key: "sasl.mechanism", Flag: "sasl-mechanism", Env: "SHORE_SASL_MECHANISM", Usage: "SASL mechanism: " + Mechanisms},
		{Key: "sasl.username", Flag: "sasl-username", Env: "SHORE_SASL_USERNAME", Usage: "SASL user name"},
		{Key: "sasl.password", Flag: "sasl-password", Env: "SHORE_SASL_PASSWORD", Secret: "SASL password", Source: "sasl.password",
			Usage: "SASL password (visible in the process list, so shore warns: prefer SHORE_SASL_PASSWORD)"},
		{Key: "sasl.password-file", Flag: "sasl-password-file", Env: "SHORE_SASL_PASSWORD_FILE", Path: true, Source: "sasl.password",
			Usage: "file whose content (less a final newline) is the SASL password"},
		{Key: "sasl.password-command", Flag: "sasl-password-command", Env: "SHORE_SASL_PASSWORD_COMMAND", Source: "sasl.password",
			Usage: "shell command whose output (less a final newline) is the SASL password, e.g. 'pass show kafka'"},
		{Key: "sasl.token", Env: "SHORE_SASL_TOKEN", Secret: "SASL token", Source: "sasl.token", Usage: "OAUTHBEARER token"},
		{Key: "sasl.token-file", Flag: "sasl-token-file", Env: "SHORE_SASL_TOKEN_FILE", Path: true, Source: "sasl.token",
			Usage: "file holding the OAUTHBEARER token"},
		{Key: "sasl.token-command", Flag: "sasl-token-command", Env: "SHORE_SASL_TOKEN_COMMAND", Source: "sasl.token",
			Usage: "shell command that prints the OAUTHBEARER token"},
		{Key: "registry.url", Flag: "registry", Env: "SHORE_REGISTRY_URL", Default: DefaultRegistry, Check: checkRegistryURL, MaskValue: secret.MaskURL,
			Usage: "schema registry URL (default " + DefaultRegistry + ", where shore dev serves one; Apicurio's ends in /apis/ccompat/v7)"},
		{Key: "registry.username", Flag: "registry-username", Env: "SHORE_REGISTRY_USERNAME",
			Usage: "schema registry basic auth user (a Confluent Cloud API key)"},
		{Key: "registry.password", Flag: "registry-password", Env: "SHORE_REGISTRY_PASSWORD", Secret: "registry password", Source: "registry.password",
			Usage: "schema registry password or API secret (visible in the process list, so shore warns: prefer SHORE_REGISTRY_PASSWORD)"},
		{Key: "registry.password-file", Flag: "registry-password-file", Env: "SHORE_REGISTRY_PASSWORD_FILE", Path: true, Source: "registry.password",
			Usage: "file whose content (less a final newline) is the schema registry password"},
		{Key: "registry.password-command", Flag: "registry-password-command", Env: "SHORE_REGISTRY_PASSWORD_COMMAND", Source: "registry.password",
			Usage: "shell command whose output (less a final newline) is the schema registry password"},
		{Key: "registry.token", Env: "SHORE_REGISTRY_TOKEN", Secret: "registry token", Source: "registry.token",
			Usage: "schema registry bearer token"},
		{Key: "registry.token-file", Flag: "registry-token-file", Env: "SHORE_REGISTRY_TOKEN_FILE", Path: true, Source: "registry.token",
			Usage: "file holding the schema registry bearer token"},
		{Key: "registry.token-command", Flag: "registry-token-command", Env: "SHORE_REGISTRY_TOKEN_COMMAND", Source: "registry.token",
			Usage: "shell command that prints the schema registry bearer token"},
		{Key: "registry.ca-file", Flag: "registry-ca", Env: "SHORE_REGISTRY_CA", Path: true,
			Usage: "PEM file of the CA that signed the schema registry's certificate (default: the system's)"},
	}
}

// settingByKey is the row of [Settings] whose Key is key; false for none,
// and for "", which the rows that choose the file and the profile share.
func settingByKey(key string) (Setting, bool) {
	return findSetting(func(s Setting) bool { return key != "" && s.Key == key })
}

// SettingByFlag is the row of [Settings] whose long flag is name; false
// for none.
func SettingByFlag(name string) (Setting, bool) {
	return findSetting(func(s Setting) bool { return name != "" && s.Flag == name })
}

func findSetting(match func(Setting) bool) (Setting, bool) {
	all := Settings()
	if i := slices.IndexFunc(all, match); i >= 0 {
		return all[i], true
	}
	return Setting{}, false
}

// Defaults chosen for a command line rather than a long-running service.
const (
	// DefaultBrokers is where a local Kafka (and `shore dev`) listens.
	DefaultBrokers = "localhost:9092"
	// DefaultClientID names shore in broker logs and quotas.
	DefaultClientID = "shore"
	// DefaultTimeout bounds every connection and request: long enough for a
	// managed cluster over the internet, short enough that a script notices.
	DefaultTimeout = 10 * time.Second
	// MaxTimeout is the longest --timeout: a request may wait up to
	// --timeout beyond the time it asks the broker to take, and franz-go
	// refuses to wait more than 15m (RequestTimeoutOverhead).
	MaxTimeout = 15 * time.Minute
	// DefaultRegistry is where Confluent's registry (and `shore dev`'s)
	// listens by default.
	DefaultRegistry = "http://localhost:8081"
)

// SASLMechanisms are the values of sasl.mechanism, the SASL mechanisms
// shore speaks (in any case): connect checks the setting against them and
// --sasl-mechanism completes with them.
var SASLMechanisms = []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER"}

// Mechanisms lists SASLMechanisms for messages: "PLAIN, ... or OAUTHBEARER".
var Mechanisms = format.List(SASLMechanisms, "or")

// AddFlags declares the flags of every setting that has one on fs.
func AddFlags(fs *pflag.FlagSet) {
	for _, s := range Settings() {
		if s.Flag == "" {
			continue
		}
		switch s.Kind {
		case Bool:
			fs.BoolP(s.Flag, s.Short, false, s.Usage)
		case Duration:
			d, _ := time.ParseDuration(s.Default)
			fs.DurationP(s.Flag, s.Short, d, s.Usage)
		case List:
			// The default is in the usage: an unset list must stay empty
			// so that the layers below can give it.
			fs.StringSliceP(s.Flag, s.Short, nil, s.Usage)
		default:
			fs.StringP(s.Flag, s.Short, "", s.Usage)
		}
	}
}

// EnvNames lists the environment variables of the settings, in table order.
func EnvNames() []string {
	var names []string
	for _, s := range Settings() {
		if s.Env != "" {
			names = append(names, s.Env)
		}
	}
	return names
}

// devVariables are the SHORE_ variables of shore's own tests and scripts
// (docs/development.md, docs/performance.md), with devPrefix those of the
// test clusters: shore does not read them, and a developer's shell may
// hold them for every command.
var devVariables = []string{"SHORE_KAFKA_TOOLS", "SHORE_FAULT_CONTROL", "SHORE_ARGS"}

const devPrefix = "SHORE_TEST_"

// unknownVariables warns of each variable of env, in sorted order, that
// is named SHORE_ but is none of shore's, with the one it most likely
// meant: a mistyped SHORE_BROKER would otherwise leave the default brokers
// in place without a word.
func unknownVariables(env map[string]string) []string {
	known := EnvNames()
	// suggest compares the names without SHORE_, in the lower case of
	// the keys it knows other tools' names for (bootstrap_servers).
	candidates := make([]string, len(known))
	for i, name := range known {
		candidates[i] = strings.ToLower(strings.TrimPrefix(name, "SHORE_"))
	}
	var w []string
	for _, name := range slices.Sorted(maps.Keys(env)) {
		if !strings.HasPrefix(name, "SHORE_") || slices.Contains(known, name) || slices.Contains(devVariables, name) || strings.HasPrefix(name, devPrefix) {
			continue
		}
		if s := suggest(strings.ToLower(strings.TrimPrefix(name, "SHORE_")), candidates); s != "" {
			w = append(w, fmt.Sprintf("unknown variable %s ignored (did you mean SHORE_%s?)", name, strings.ToUpper(s)))
			continue
		}
		w = append(w, fmt.Sprintf("unknown variable %s ignored; 'shore help connection' lists shore's variables", name))
	}
	return w
}

// DurationProblem says what is wrong with s, a value time.ParseDuration
// refused, wherever it came from: a flag, a variable or the configuration
// file. 10000000h is a duration, only longer than one can be; -10000000h
// less than the least one.
func DurationProblem(s string) string {
	switch {
	case !format.DurationSyntax.MatchString(s):
		return "not a duration such as 10s"
	case strings.HasPrefix(s, "-"):
		return "less than the least duration, " + time.Duration(math.MinInt64).Truncate(time.Second).String()
	}
	return "longer than the longest duration, " + time.Duration(math.MaxInt64).Truncate(time.Second).String()
}

// parse turns a raw value from any layer (a flag's, the environment's
// string, a YAML scalar or list) into the setting's Go value: string, bool,
// time.Duration or []string.
func (s Setting) parse(raw any) (any, error) {
	wants := "one value"
	if s.Kind == List {
		wants = "a list"
	}
	if err := shapeError(raw, wants); err != nil {
		return nil, err
	}
	if _, list := raw.([]any); list && s.Kind != List {
		return nil, errors.New("a list, where one value goes")
	}
	switch s.Kind {
	case Bool:
		if b, ok := raw.(bool); ok {
			return b, nil
		}
		return ParseBool(fmt.Sprint(raw))
	case Duration:
		if d, ok := raw.(time.Duration); ok {
			return d, nil
		}
		str, ok := raw.(string)
		d, err := time.ParseDuration(str)
		if !ok || err != nil {
			return nil, errors.New(DurationProblem(str))
		}
		return d, nil
	case List:
		switch v := raw.(type) {
		case []string:
			return SplitBrokers(v), nil
		case []any:
			return SplitBrokers(listStrings(v)), nil
		}
		return SplitBrokers([]string{fmt.Sprint(raw)}), nil
	}
	if raw == nil {
		return "", nil
	}
	return fmt.Sprint(raw), nil
}

// boolWords are the words of a Bool in the environment and a profile, and
// of every switch flag (--tls=yes), in any case: each pair's first is true,
// its second false. They hold every word of strconv.ParseBool, with which
// pflag read a switch before, so that --tls=T still works.
var boolWords = [][2]string{{"true", "false"}, {"t", "f"}, {"yes", "no"}, {"on", "off"}, {"1", "0"}}

// BoolWords lists boolWords for messages and help: "true/false, t/f,
// yes/no, on/off or 1/0".
var BoolWords = func() string {
	pairs := make([]string, len(boolWords))
	for i, w := range boolWords {
		pairs[i] = w[0] + "/" + w[1]
	}
	return format.List(pairs, "or")
}()

// ParseBool reads s as one of boolWords; a word outside them is refused
// with BoolWords, since SHORE_TLS=yes works and a message that asked for
// true or false alone would hide it.
func ParseBool(s string) (bool, error) {
	s = strings.ToLower(s)
	for _, w := range boolWords {
		switch s {
		case w[0]:
			return true, nil
		case w[1]:
			return false, nil
		}
	}
	return false, errors.New("want " + BoolWords)
}

func checkTimeout(v any) error {
	switch d := v.(time.Duration); {
	case d <= 0:
		return errors.New("want more than 0, such as 10s")
	case d > MaxTimeout:
		return fmt.Errorf("want at most %s (the longest the Kafka client lets a request wait), such as 10s", MaxTimeout)
	}
	return nil
}

// listenerFlags says, by the security protocol of a Kafka listener
// (SASL_SSL://host:port, as server.properties and kcat's
// security.protocol name them), what shore takes for it besides host:port.
var listenerFlags = map[string]string{
	"SSL":            " with --tls",
	"SASL_PLAINTEXT": " with --sasl-mechanism",
	"SASL_SSL":       " with --tls and --sasl-mechanism",
}

// checkBrokers accepts host:port entries, and a host alone (franz-go adds
// Kafka's port 9092).
func checkBrokers(v any) error {
	brokers := v.([]string)
	if len(brokers) == 0 {
		return errors.New("no broker; give host:port")
	}
	for i, b := range brokers {
		if b == "" {
			// Two commas in a row, or one at an end: a host:port
			// left out (an unset variable in a script), not a
			// separator to skip.
			return fmt.Errorf("item %d of %d is empty: give host:port there or remove a comma", i+1, len(brokers))
		}
		if scheme, addr, ok := strings.Cut(b, "://"); ok {
			return fmt.Errorf("%s is not host:port; write %s%s", b, addr, listenerFlags[strings.ToUpper(scheme)])
		}
		if strings.ContainsAny(b, "; \t") {
			return fmt.Errorf("%s is not host:port; separate brokers with commas", b)
		}
		host, port, err := net.SplitHostPort(b)
		if err != nil {
			if strings.Contains(err.Error(), "missing port") {
				continue
			}
			return fmt.Errorf("%s is not host:port", b)
		}
		if host == "" {
			return fmt.Errorf("%s has no host", b)
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("%s: port %q is not a number from 1 to 65535", b, port)
		}
	}
	return nil
}

// checkServerName refuses a TLS server name with a port or a URL's parts:
// it is the name the certificate must hold, as it is, so "localhost:9093"
// matched no certificate and was told only by the handshake. An IPv6
// address, bare or in brackets, is a host.
func checkServerName(v any) error {
	name := v.(string)
	what, host := "", ""
	if strings.Contains(name, "://") {
		what = "not a URL"
		if u, err := url.Parse(name); err == nil {
			host = u.Hostname()
		}
	} else if h, _, err := net.SplitHostPort(name); err == nil {
		what, host = "not host:port", h
	}
	switch {
	case what == "":
		return nil
	case host == "":
		return fmt.Errorf("it takes a host name alone, %s", what)
	}
	return fmt.Errorf("it takes a host name alone, %s; write %s", what, host)
}

// checkRegistryURL is the check of registryurl.Parse, which the schema
// registry's client makes too.
func checkRegistryURL(v any) error {
	_, err := registryurl.Parse(v.(string))
	return err
}

// SplitBrokers splits comma-separated entries and trims the spaces around
// each; an empty entry stays, as "", for checkBrokers to refuse by its
// position. Entries that are all empty (nothing given) are none.
func SplitBrokers(in []string) []string {
	var out []string
	for _, s := range in {
		for _, b := range strings.Split(s, ",") {
			out = append(out, strings.TrimSpace(b))
		}
	}
	if !slices.ContainsFunc(out, func(b string) bool { return b != "" }) {
		return nil
	}
	return out
}
