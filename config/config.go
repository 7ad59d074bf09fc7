// Package config turns a profile file, the environment and command-line flags
// into one typed [Config]. Every setting is one row of [Settings]; [Load]
// gives it to viper, which applies the precedence, highest first: flag,
// environment, profile, built-in default. No configuration file at all is
// normal. Building Kafka clients from a Config is package connect's job.
package config

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/kafkashore/shore/internal/fileread"
	"github.com/kafkashore/shore/internal/secret"
)

// Config is the effective configuration of one command run.
type Config struct {
	// File is the configuration file that was read, or "" when there is none.
	File string `json:"file"`
	// Profile is the profile in effect, or "" when none is.
	Profile  string        `json:"profile"`
	Brokers  []string      `json:"brokers" mapstructure:"brokers"`
	ClientID string        `json:"client-id" mapstructure:"client-id"`
	Timeout  time.Duration `json:"timeout" mapstructure:"timeout"`
	TLS      TLS           `json:"tls" mapstructure:"tls"`
	SASL     SASL          `json:"sasl" mapstructure:"sasl"`
	Registry Registry      `json:"registry" mapstructure:"registry"`
	// Defaults holds flag defaults per command ("produce", "consume"), by
	// long flag name, as the strings the flag parses: one for a value, one
	// per item for a list, which a repeatable flag (-H) takes as if it was
	// given once per item.
	Defaults map[string]map[string][]string `json:"defaults,omitempty"`
	// Warnings are what the user should hear about this configuration (a
	// password on the command line, a secret in a file others can read);
	// the command layer prints them. InsecureWarning is told apart.
	Warnings []string `json:"-"`
	// Origins names, by Key, where each setting that is not at its
	// built-in default was given, and by "produce.acks" where the file
	// gave each flag default of Defaults, as errors name it; see Where.
	Origins map[string]string `json:"-"`
	// BrokersHint, when the brokers are the built-in default, says why
	// and how to give others, for an error about reaching them: when no
	// profile is in effect though the file has some, that the user most
	// likely meant one of them and how to pick it; otherwise that nothing
	// named a broker, and that shore dev serves one where shore looks.
	BrokersHint string `json:"-"`
}

// Where names the place the setting key ("tls.ca-file") was given, as an
// error about its value names it: "--tls-ca", "SHORE_TLS_CA" or "config
// file F:12: profiles.prod.tls.ca-file"; for a flag default of Defaults,
// keyed "produce.acks", "config file F:3: produce.acks". For a setting at
// its default, or a Config that Load did not make, it is the key itself.
func (c *Config) Where(key string) string {
	if w, ok := c.Origins[key]; ok {
		return w
	}
	return key
}

// TLS configures transport encryption.
type TLS struct {
	Enabled            bool   `json:"enabled" yaml:"enabled" mapstructure:"enabled"`
	CAFile             string `json:"ca-file" yaml:"ca-file" mapstructure:"ca-file"`
	CertFile           string `json:"cert-file" yaml:"cert-file" mapstructure:"cert-file"`
	KeyFile            string `json:"key-file" yaml:"key-file" mapstructure:"key-file"`
	ServerName         string `json:"server-name" yaml:"server-name" mapstructure:"server-name"`
	InsecureSkipVerify bool   `json:"insecure-skip-verify" yaml:"insecure-skip-verify" mapstructure:"insecure-skip-verify"`
	// Off is true when tls.enabled is false as given in a layer at or above
	// every setting that would turn TLS on (--tls=false over a profile's
	// ca-file, or enabled: false beside it): TLS stays off, as precedence
	// says, where naming a CA or certificate otherwise turns it on.
	Off bool `json:"-" yaml:"-" mapstructure:"-"`
}

// switches says, by key, whether t sets each setting that turns TLS on:
// tls.enabled, or naming a CA, certificate, key or server name, or
// skipping verification. A key file counts too: without its certificate
// it is an error, not silently ignored.
func (t TLS) switches() map[string]bool {
	return map[string]bool{
		"tls.enabled": t.Enabled, "tls.ca-file": t.CAFile != "", "tls.cert-file": t.CertFile != "",
		"tls.key-file": t.KeyFile != "", "tls.server-name": t.ServerName != "", "tls.insecure-skip-verify": t.InsecureSkipVerify,
	}
}

// Switches are the keys of the settings of t, in the order of [Settings],
// that turn TLS on; none when TLS is off: when none does, or when t.Off.
func (t TLS) Switches() []string {
	if t.Off {
		return nil
	}
	set := t.switches()
	var on []string
	for _, s := range Settings() {
		if set[s.Key] {
			on = append(on, s.Key)
		}
	}
	return on
}

// SASL configures authentication. PLAIN and SCRAM take a password from
// exactly one of Password, PasswordFile and PasswordCommand; OAUTHBEARER takes
// a token from exactly one of Token, TokenFile and TokenCommand (see
// Setting.Source).
type SASL struct {
	Mechanism       string `json:"mechanism" yaml:"mechanism" mapstructure:"mechanism"`
	Username        string `json:"username" yaml:"username" mapstructure:"username"`
	Password        string `json:"password" yaml:"password" mapstructure:"password"`
	PasswordFile    string `json:"password-file" yaml:"password-file" mapstructure:"password-file"`
	PasswordCommand string `json:"password-command" yaml:"password-command" mapstructure:"password-command"`
	Token           string `json:"token" yaml:"token" mapstructure:"token"`
	TokenFile       string `json:"token-file" yaml:"token-file" mapstructure:"token-file"`
	TokenCommand    string `json:"token-command" yaml:"token-command" mapstructure:"token-command"`
}

// Registry says how to reach a schema registry: basic auth takes a password
// from exactly one of Password, PasswordFile and PasswordCommand, a bearer
// token from exactly one of Token, TokenFile and TokenCommand.
type Registry struct {
	URL             string `json:"url" yaml:"url" mapstructure:"url"`
	Username        string `json:"username" yaml:"username" mapstructure:"username"`
	Password        string `json:"password" yaml:"password" mapstructure:"password"`
	PasswordFile    string `json:"password-file" yaml:"password-file" mapstructure:"password-file"`
	PasswordCommand string `json:"password-command" yaml:"password-command" mapstructure:"password-command"`
	Token           string `json:"token" yaml:"token" mapstructure:"token"`
	TokenFile       string `json:"token-file" yaml:"token-file" mapstructure:"token-file"`
	TokenCommand    string `json:"token-command" yaml:"token-command" mapstructure:"token-command"`
	CAFile          string `json:"ca-file" yaml:"ca-file" mapstructure:"ca-file"`
}

// Error is a problem with the configuration itself (a malformed file, an
// unknown profile, a bad value): the command cannot start. Flag reports a
// value a flag gave, which the command line must change, as pflag's
// errors for a flag's value are.
type Error struct {
	Msg  string
	Flag bool
}

func (e *Error) Error() string { return e.Msg }

// Errorf is an Error whose message starts with where the bad value came
// from, as Config.Where names it: Flag when that is a flag ("--tls-ca
// ca.pem: ..."), so that the command line's mistakes all end alike.
func Errorf(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Msg: msg, Flag: strings.HasPrefix(msg, "--")}
}

// Sources are where settings come from besides the file: the flags that
// AddFlags declared (nil when there are none) and the environment, its
// variables by name (tests pass their own).
type Sources struct {
	Flags *pflag.FlagSet
	Env   map[string]string
}

// given returns the value of the setting's flag if the command line gave it.
func (src Sources) given(s Setting) (*pflag.Flag, bool) {
	if src.Flags == nil || s.Flag == "" {
		return nil, false
	}
	fl := src.Flags.Lookup(s.Flag)
	return fl, fl != nil && fl.Changed
}

// env returns the value of the setting's variable and whether it is set,
// empty or not.
func (src Sources) env(s Setting) (string, bool) {
	if s.Env == "" {
		return "", false
	}
	v, ok := src.Env[s.Env]
	return v, ok
}

// ExpandHome is path with a leading ~/, or ~ alone, made the home
// directory, $HOME of src.Env; path as it is when HOME is empty or path
// starts otherwise (~user/ is not expanded). A path the configuration file
// or a variable gives is expanded so, as a shell expands one on the command
// line: a setting's (Setting.Path) and a command section's flag default
// that names a file.
func (src Sources) ExpandHome(path string) string {
	home := src.Env["HOME"]
	if home == "" || (path != "~" && !strings.HasPrefix(path, "~/")) {
		return path
	}
	return filepath.Join(home, path[1:])
}

// choice is the value of one of the settings that choose the file and the
// profile (flag, then environment) and where it came from, "" when neither
// gives it. A flag given empty, or a variable set empty, gives it: the
// caller refuses that, as an empty -b and SHORE_BROKERS= are refused, rather
// than fall back to the default the user meant to replace.
func (src Sources) choice(flag string) (value, where string) {
	s, _ := SettingByFlag(flag)
	if fl, ok := src.given(s); ok {
		return fl.Value.String(), "--" + flag
	}
	if v, ok := src.env(s); ok {
		return v, s.Env
	}
	return "", ""
}

// emptyChoice is the error for --config or --profile given empty, or its
// variable set empty, where names which: a usage error of the flag, or of
// the variable.
func emptyChoice(where, problem string) error {
	return Errorf("%s \"\": %s", where, problem)
}

// ReadChosenFile reads, with ReadFile, the configuration file src chooses
// (locate), a pipe's end awaited up to src's --timeout; path is that
// file, "" when none is named and HOME is not set.
func ReadChosenFile(ctx context.Context, src Sources) (path string, file *File, err error) {
	path, namedBy, err := locate(src)
	if err != nil {
		return "", nil, err
	}
	if file, err = ReadFile(ctx, path, namedBy, src.ReadTimeout()); err != nil {
		return "", nil, err
	}
	return path, file, nil
}

// locate returns the configuration file to read: --config, else
// SHORE_CONFIG, else ~/.config/shore/config.yaml, and what named it:
// "--config" or "SHORE_CONFIG" (the file must exist), or "" for the
// default file. An empty --config and SHORE_CONFIG= are refused.
func locate(src Sources) (path, namedBy string, err error) {
	if p, where := src.choice("config"); where != "" {
		if p == "" {
			return "", "", emptyChoice(where, "no file name; give the configuration file's path")
		}
		return src.ExpandHome(p), where, nil
	}
	home := src.Env["HOME"]
	if home == "" {
		return "", "", nil
	}
	return filepath.Join(home, ".config", "shore", "config.yaml"), "", nil
}

// CurrentProfile returns the profile in effect (--profile, else
// SHORE_PROFILE, else the file's current-profile) and where it was named,
// or "" for none. An empty --profile and SHORE_PROFILE= are refused, naming the
// file's profiles, as rpk refuses an empty profile name.
func CurrentProfile(src Sources, file *File) (name, where string, err error) {
	if name, where := src.choice("profile"); where != "" {
		if name == "" {
			return "", "", emptyChoice(where, "no profile name; "+KnownProfiles(file))
		}
		return name, where, nil
	}
	if file.CurrentProfile != "" {
		return file.CurrentProfile, fmt.Sprintf("config file %s:%d: current-profile", file.Path, file.currentLine), nil
	}
	return "", "", nil
}

// Load builds the effective configuration. The end of ctx ends the read of
// a file that waits (a FIFO), with its cause.
func Load(ctx context.Context, src Sources) (*Config, error) {
	_, file, err := ReadChosenFile(ctx, src)
	if err != nil {
		return nil, err
	}
	name, where, err := CurrentProfile(src, file)
	if err != nil {
		return nil, err
	}
	cfg := &Config{File: file.Path}
	l := &loader{src: src, file: file, v: viper.New()}
	if name != "" {
		p, ok := file.Profiles[name]
		if !ok {
			return nil, Errorf("%s %q: unknown profile; %s", where, name, KnownProfiles(file))
		}
		cfg.Profile = name
		l.profile = &p
		// viper merges the environment into the nested maps it was given:
		// a copy keeps the profile as the file wrote it, for what asks
		// whether the file holds a setting (Profile.has).
		if err := l.v.MergeConfigMap(copyValues(p.values)); err != nil {
			return nil, Errorf("config file %s: profile %s: %v", file.Path, name, err)
		}
	}
	env := map[string]any{}
	for _, s := range Settings() {
		if s.Key == "" {
			continue
		}
		if s.Default != "" {
			l.v.SetDefault(s.Key, s.Default)
		}
		if fl, _ := l.src.given(s); fl != nil {
			if err := l.v.BindPFlag(s.Key, fl); err != nil {
				return nil, err
			}
		}
		// viper's BindEnv reads the process's environment; shore's comes
		// in Sources.Env so that tests can run in parallel, and is merged
		// over the profile's values instead. A variable set empty counts,
		// as a flag given empty does: SHORE_BROKERS= is refused as -b ''
		// is, where dialing the default or a profile's brokers would not
		// say that the variable meant to name them was empty.
		if e, ok := src.env(s); ok {
			setPath(env, s.Key, e)
		}
	}
	if err := l.v.MergeConfigMap(env); err != nil {
		return nil, err
	}
	values, err := l.values()
	if err != nil {
		return nil, err
	}
	// ErrorUnused: a row of Settings without its field in Config is a
	// mistake every test run shows.
	dec, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{Result: cfg, ErrorUnused: true})
	if err != nil {
		return nil, err
	}
	if err := dec.Decode(values); err != nil {
		return nil, err
	}
	cfg.Origins = l.origins()
	cfg.TLS.Off = l.tlsOff(cfg.TLS)
	cfg.Warnings = l.warnings(cfg)
	if _, given := cfg.Origins["brokers"]; !given {
		switch {
		case cfg.Profile == "" && len(file.Profiles) > 0:
			cfg.BrokersHint = fmt.Sprintf("config file %s has profiles %s and no current-profile: pick one with --profile NAME or 'shore config use NAME'", file.Path, strings.Join(ProfileNames(file), ", "))
		case cfg.Profile != "":
			cfg.BrokersHint = fmt.Sprintf("profile %s names no brokers, so shore tried its default, where 'shore dev' serves one", cfg.Profile)
		default:
			cfg.BrokersHint = "no broker was given (--brokers, SHORE_BROKERS or a profile), so shore tried its default, where 'shore dev' serves one"
		}
	}
	cfg.Defaults = map[string]map[string][]string{}
	for cmd, m := range file.Sections {
		if len(m) == 0 {
			continue
		}
		cfg.Defaults[cmd] = map[string][]string{}
		for k, v := range m {
			key := cmd + "." + k
			where := fmt.Sprintf("config file %s:%d: %s", file.Path, file.sectionLines[key], key)
			if err := shapeError(v, "a flag's value"); err != nil {
				return nil, Errorf("%s: %v", where, err)
			}
			switch v := v.(type) {
			case []any:
				cfg.Defaults[cmd][k] = listStrings(v)
			case nil:
				return nil, noValue(where)
			default:
				cfg.Defaults[cmd][k] = []string{fmt.Sprint(v)}
			}
			cfg.Origins[key] = where
		}
	}
	return cfg, nil
}

// layer is where a value came from, lowest precedence first.
type layer int

const (
	layerDefault layer = iota
	layerProfile
	layerEnv
	layerFlag
)

type loader struct {
	src     Sources
	file    *File
	profile *Profile // nil: no profile in effect
	v       *viper.Viper
}

// set reports whether the layer gives s a non-empty value.
func (l *loader) set(s Setting, at layer) bool {
	switch at {
	case layerFlag:
		fl, ok := l.src.given(s)
		return ok && fl.Value.String() != "" && fl.Value.String() != "[]"
	case layerEnv:
		v, _ := l.src.env(s)
		return v != ""
	case layerProfile:
		return l.profile != nil && l.profile.has(s.Key)
	}
	return false
}

// top is the highest layer that gives s a value; a flag given empty
// counts, and so does a variable or a profile's key set empty.
func (l *loader) top(s Setting) layer {
	if _, ok := l.src.given(s); ok {
		return layerFlag
	}
	if _, ok := l.src.env(s); ok {
		return layerEnv
	}
	if l.profile != nil && l.profile.gives(s.Key) {
		return layerProfile
	}
	return layerDefault
}

// where names the place a layer gives s in: "--timeout", "SHORE_TIMEOUT",
// "config file F:12: profiles.prod.timeout".
func (l *loader) where(s Setting, at layer) string {
	switch at {
	case layerFlag:
		return "--" + s.Flag
	case layerEnv:
		return s.Env
	case layerProfile:
		return fmt.Sprintf("config file %s:%d: profiles.%s.%s", l.file.Path, l.profile.lines[s.Key], l.profile.name, s.Key)
	}
	return "the default " + s.Key
}

// tlsOff reports whether tls.enabled, given false, outranks every setting
// of t that turns TLS on (see TLS.Off).
func (l *loader) tlsOff(t TLS) bool {
	enabled, _ := settingByKey("tls.enabled")
	at, on := l.top(enabled), layerDefault
	for _, key := range t.Switches() {
		s, _ := settingByKey(key)
		on = max(on, l.top(s))
	}
	return !t.Enabled && at != layerDefault && at >= on && on != layerDefault
}

// origins names, by Key, where each setting that a layer gives was given.
func (l *loader) origins() map[string]string {
	out := map[string]string{}
	for _, s := range Settings() {
		if s.Key == "" {
			continue
		}
		if at := l.top(s); at != layerDefault {
			out[s.Key] = l.where(s, at)
		}
	}
	return out
}

// values resolves every setting through viper, parses and checks it, and
// returns them as nested maps for decoding into Config.
func (l *loader) values() (map[string]any, error) {
	out := map[string]any{}
	cleared, err := l.sources()
	if err != nil {
		return nil, err
	}
	for _, s := range Settings() {
		if s.Key == "" {
			continue
		}
		raw := l.v.Get(s.Key)
		if cleared[s.Key] {
			raw = ""
		}
		v, err := s.parse(raw)
		if path, ok := v.(string); ok && s.Path {
			v = l.src.ExpandHome(path)
		}
		if err == nil && s.Check != nil {
			err = s.Check(v)
		}
		if err != nil {
			at := l.top(s)
			return nil, &Error{Msg: l.valueError(s, at, raw, v, err), Flag: at == layerFlag}
		}
		setPath(out, s.Key, v)
	}
	return out, nil
}

// valueError words s's value raw, refused as err, naming where layer at
// gave it; v is what raw parsed to.
func (l *loader) valueError(s Setting, at layer, raw, v any, err error) string {
	where := l.where(s, at)
	switch d, read := v.(time.Duration); {
	case read:
		// A duration read but refused is written bare, as the
		// flags' range errors write theirs: --timeout 0s.
		return fmt.Sprintf("%s %s: %v", where, d, err)
	case shapeError(raw, "") != nil || s.Secret != "":
		// keys, or a list of them, cannot be shown as typed
		return fmt.Sprintf("%s: %v", where, err)
	}
	shown := display(raw)
	if s.MaskValue != nil {
		shown = s.MaskValue(shown)
	}
	return fmt.Sprintf("%s %q: %v", where, shown, err)
}

// sources applies Setting.Source: for each group of settings that give one
// secret, the highest layer that sets any of them decides, and must set
// only one. It returns the settings whose lower-layer values are dropped.
func (l *loader) sources() (map[string]bool, error) {
	groups := map[string][]Setting{}
	var order []string
	for _, s := range Settings() {
		if s.Source == "" {
			continue
		}
		if groups[s.Source] == nil {
			order = append(order, s.Source)
		}
		groups[s.Source] = append(groups[s.Source], s)
	}
	cleared := map[string]bool{}
	for _, g := range order {
		for _, at := range []layer{layerFlag, layerEnv, layerProfile} {
			var chosen []Setting
			for _, s := range groups[g] {
				if l.set(s, at) {
					chosen = append(chosen, s)
				}
			}
			if len(chosen) > 1 {
				return nil, l.bothSet(chosen[0], chosen[1], at)
			}
			if len(chosen) == 1 {
				for _, s := range groups[g] {
					cleared[s.Key] = s.Key != chosen[0].Key
				}
				break
			}
		}
	}
	return cleared, nil
}

func (l *loader) bothSet(a, b Setting, at layer) error {
	if at == layerProfile {
		return Errorf("%s and profiles.%s.%s (line %d) are both set; keep one", l.where(a, at), l.profile.name, b.Key, l.profile.lines[b.Key])
	}
	return &Error{Msg: fmt.Sprintf("%s and %s are both set; keep one", l.where(a, at), l.where(b, at)), Flag: at == layerFlag}
}

// display renders a raw value as the user wrote it.
func display(raw any) string {
	switch v := raw.(type) {
	case []string:
		return strings.Join(v, ",")
	case []any:
		return strings.Join(listStrings(v), ",")
	case nil:
		return ""
	}
	return fmt.Sprint(raw)
}

// copyValues is a copy of the nested maps m, which share no map with it.
func copyValues(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			v = copyValues(sub)
		}
		out[k] = v
	}
	return out
}

// setPath sets m's value at a dotted key, making the maps on the way.
func setPath(m map[string]any, key string, v any) {
	parts := strings.Split(key, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[parts[len(parts)-1]] = v
}

// KnownProfiles names the profiles a profile's name can be, for the
// errors of an unknown or empty one: "known profiles are local, prod",
// or why there are none.
func KnownProfiles(file *File) string {
	known := ProfileNames(file)
	switch {
	case len(known) > 0:
		return "known profiles are " + strings.Join(known, ", ")
	case file.Path != "":
		return file.Path + " defines no profiles"
	case file.Missing != "":
		return file.MissingWhy()
	}
	return "no configuration file"
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

// shapeError is the error for a value from the file of a shape no
// setting or flag takes: keys under it, where wants ("one value", "a
// list") goes, or a list that holds lists or keys, or an item with no
// value (- alone, ~), which would be read as the text <nil>. It is nil for
// a value or a list of values.
func shapeError(raw any, wants string) error {
	switch v := raw.(type) {
	case map[string]any:
		return fmt.Errorf("keys under it, where %s goes", wants)
	case []any:
		for i, e := range v {
			switch e.(type) {
			case []any, map[string]any:
				return errors.New("a list of lists or keys, where a list of values goes")
			case nil:
				return fmt.Errorf("item %d of the list has no value: give one ('' for an empty string) or leave it out", i+1)
			}
		}
	}
	return nil
}

// listStrings is each item of a list from the file as a string.
func listStrings(items []any) []string {
	parts := make([]string, len(items))
	for i, e := range items {
		parts[i] = fmt.Sprint(e)
	}
	return parts
}

// Value is one setting's effective value, as `shore config view` shows it.
type Value struct {
	Setting
	// Value is a string, bool, time.Duration or []string; a secret is
	// masked.
	Value any
}

// Values lists the effective value of every setting a profile can hold, in
// table order, secrets masked.
func (c *Config) Values() ([]Value, error) {
	m, err := c.asMap()
	if err != nil {
		return nil, err
	}
	var out []Value
	for _, s := range Settings() {
		if s.Key == "" {
			continue
		}
		v := getPath(m, s.Key)
		switch {
		case s.Key == "tls.enabled":
			// whether TLS is on, which a CA file or the others turn it
			v = len(c.TLS.Switches()) > 0
		case s.Secret != "":
			v = secret.Mask(fmt.Sprint(v))
		case s.MaskValue != nil:
			v = s.MaskValue(fmt.Sprint(v))
		}
		out = append(out, Value{Setting: s, Value: v})
	}
	return out, nil
}

// asMap is c as nested maps by setting key, as getPath reads them.
func (c *Config) asMap() (map[string]any, error) {
	m := map[string]any{}
	err := mapstructure.Decode(c, &m)
	return m, err
}

func getPath(m map[string]any, key string) any {
	parts := strings.Split(key, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			return nil
		}
		m = next
	}
	return m[parts[len(parts)-1]]
}

// ReadTimeout bounds the read of the configuration file, the wait for a
// pipe or a FIFO to end: --timeout, else SHORE_TIMEOUT, else
// DefaultTimeout, for a profile's timeout is not known before the file is
// read. One the timeout setting refuses counts as none: Load refuses it
// once the file is read.
func (src Sources) ReadTimeout() time.Duration {
	raw, where := src.choice("timeout")
	s, _ := SettingByFlag("timeout")
	if v, err := s.parse(raw); where != "" && err == nil && s.Check(v) == nil {
		return v.(time.Duration)
	}
	return DefaultTimeout
}

// readSmall reads a file shore takes whole, within fileread's cap and, a
// pipe or a FIFO, timeout; where names it, as fileread.Error does.
func readSmall(ctx context.Context, where, path string, timeout time.Duration) ([]byte, error) {
	return fileread.Read(ctx, where, path, fileread.MaxSize, timeout)
}
