package config

import (
	"slices"
	"strings"

	"github.com/kafkashore/shore/format"
)

// Check refuses a configuration no Kafka client can be built from, as far
// as the settings alone tell, without reading a file, running a command or
// dialing: SASL without a mechanism, an unknown one, one without the
// username, password or token it needs (none of its settings set), and a
// TLS key without its certificate. cmd's Factory.Config checks every
// command's configuration so (config view's too), and connect.NewClient
// takes only a Config that passed. Errors name the settings as the user
// gave them (Where).
func (c *Config) Check() error {
	if err := c.checkSASL(); err != nil {
		return err
	}
	if t := c.TLS; len(t.Switches()) > 0 && t.KeyFile != "" && t.CertFile == "" {
		return Errorf("%s: a private key needs its client certificate: set --tls-cert, SHORE_TLS_CERT or the profile's tls.cert-file", c.Where("tls.key-file"))
	}
	return nil
}

// checkSASL is Check's part for SASL: what a password or token file or
// command gives is connect's to read.
func (c *Config) checkSASL() error {
	s := c.SASL
	mech := strings.ToUpper(s.Mechanism)
	password := s.Password != "" || s.PasswordFile != "" || s.PasswordCommand != ""
	token := s.Token != "" || s.TokenFile != "" || s.TokenCommand != ""
	switch {
	case mech == "":
		return c.withoutMechanism(password, token)
	case !slices.Contains(SASLMechanisms, mech):
		return Errorf("%s %q: want %s", c.Where("sasl.mechanism"), s.Mechanism, Mechanisms)
	case mech == "OAUTHBEARER" && !token && password:
		return Errorf("%s %s takes a token, not the password %s gives: set SHORE_SASL_TOKEN, --sasl-token-file, --sasl-token-command or the profile's sasl.token-file", c.Where("sasl.mechanism"), s.Mechanism, c.Named(c.WhereSource("sasl.password")))
	case mech == "OAUTHBEARER" && !token:
		return Errorf("%s %s needs a token: set SHORE_SASL_TOKEN, --sasl-token-file, --sasl-token-command or the profile's sasl.token-file", c.Where("sasl.mechanism"), s.Mechanism)
	case mech == "OAUTHBEARER":
		return nil
	case s.Username == "":
		return Errorf("%s %s needs a username: set --sasl-username, SHORE_SASL_USERNAME or the profile's sasl.username", c.Where("sasl.mechanism"), s.Mechanism)
	case !password && token:
		return Errorf("%s %s needs a password for user %q, not the token %s gives (a token is for OAUTHBEARER): set SHORE_SASL_PASSWORD, --sasl-password-file, --sasl-password-command or the profile's sasl.password-file", c.Where("sasl.mechanism"), s.Mechanism, s.Username, c.Named(c.WhereSource("sasl.token")))
	case !password:
		return Errorf("%s %s needs a password for user %q: set SHORE_SASL_PASSWORD, --sasl-password-file, --sasl-password-command or the profile's sasl.password-file", c.Where("sasl.mechanism"), s.Mechanism, s.Username)
	}
	return nil
}

// withoutMechanism refuses a SASL username, password or token given
// without a mechanism, which would otherwise connect without logging in,
// or returns nil when none is given. It names the password or token rather
// than the username beside it, with the mechanisms that take it.
func (c *Config) withoutMechanism(password, token bool) error {
	var where, what string
	mechanisms := SASLMechanisms
	switch {
	case password:
		where, what = c.WhereSource("sasl.password"), "a password"
		mechanisms = slices.DeleteFunc(slices.Clone(mechanisms), func(m string) bool { return m == "OAUTHBEARER" })
	case token:
		where, what, mechanisms = c.WhereSource("sasl.token"), "a token", []string{"OAUTHBEARER"}
	case c.SASL.Username != "":
		where, what = c.Where("sasl.username"), "a username"
	default:
		return nil
	}
	return Errorf("%s: %s is set but no mechanism (%s): set --sasl-mechanism, SHORE_SASL_MECHANISM or the profile's sasl.mechanism", where, what, format.List(mechanisms, "or"))
}

// Named is where c's setting key was given (Where), or for a Config that
// Load did not make its flag (its variable when it has none).
func (c *Config) Named(key string) string {
	if where := c.Where(key); where != key {
		return where
	}
	switch s, _ := settingByKey(key); {
	case s.Flag != "":
		return "--" + s.Flag
	case s.Env != "":
		return s.Env
	}
	return key
}
