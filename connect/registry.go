package connect

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/schema"
)

// NewRegistry builds the schema registry client of cfg. It reads the CA
// file, and the password or token from its file or command, now, so that a
// missing file or secret is reported before any request, naming the
// setting as the user gave it; it does not contact the registry. o.Log
// receives a line per request (-v).
func NewRegistry(ctx context.Context, cfg *config.Config, o ClientOptions) (*schema.Registry, error) {
	rc := cfg.Registry
	r := config.SecretReader{Stderr: o.Stderr, Timeout: cfg.Timeout}
	pass, err := r.Resolve(ctx, cfg, "registry.password", config.TrimNewline)
	if err != nil {
		return nil, err
	}
	token, err := r.Resolve(ctx, cfg, "registry.token", strings.TrimSpace)
	if err != nil {
		return nil, err
	}
	var roots *x509.CertPool
	if rc.CAFile != "" {
		if roots, err = caPool(ctx, cfg, "registry.ca-file", rc.CAFile); err != nil {
			return nil, err
		}
	}
	reg, err := schema.NewRegistry(schema.RegistryConfig{
		URL:         rc.URL,
		Username:    rc.Username,
		Password:    pass,
		Token:       token,
		RootCAs:     roots,
		CAFile:      rc.CAFile,
		Credentials: registryCredentials(cfg, token),
		Timeout:     cfg.Timeout,
		Log:         o.Log,
		OnRequest:   o.OnRegistryRequest,
	})
	switch {
	case errors.Is(err, schema.ErrURLAndCredentials):
		// The first of the other credentials that is set.
		other := cfg.WhereSource("registry.token")
		if rc.Username != "" {
			other = cfg.Where("registry.username")
		} else if pass != "" {
			other = cfg.WhereSource("registry.password")
		}
		return nil, config.Errorf("%s carries credentials and %s is set too; keep one", cfg.Where("registry.url"), other)
	case errors.Is(err, schema.ErrTokenAndUsername):
		return nil, config.Errorf("%s and %s are both set; keep one: a bearer token or a username and password", cfg.WhereSource("registry.token"), cfg.Where("registry.username"))
	case errors.Is(err, schema.ErrPasswordNoUsername):
		return nil, config.Errorf("%s: a password needs a username: set --registry-username, SHORE_REGISTRY_USERNAME or the profile's registry.username", cfg.WhereSource("registry.password"))
	case errors.Is(err, schema.ErrUsernameNoPassword) && rc.Username == "":
		return nil, config.Errorf("%s carries a username and no password: give both (https://USER:PASSWORD@HOST) or neither", cfg.Where("registry.url"))
	case errors.Is(err, schema.ErrUsernameNoPassword):
		return nil, config.Errorf("%s %q needs a password: set SHORE_REGISTRY_PASSWORD, --registry-password-file, --registry-password-command or the profile's registry.password-file", cfg.Where("registry.username"), rc.Username)
	case err != nil:
		return nil, config.Errorf("%v", err)
	}
	return reg, nil
}

// registryCredentials says which credentials cfg sends the registry and
// where they came from, for the message of a refusal: a token, or a user
// and password given apart or in the URL (https://USER:PASSWORD@HOST).
func registryCredentials(cfg *config.Config, token string) string {
	rc := cfg.Registry
	switch {
	case token != "":
		return "the token from " + cfg.Named(cfg.WhereSource("registry.token"))
	case rc.Username != "":
		return fmt.Sprintf("user %q with the password from %s", rc.Username, cfg.Named(cfg.WhereSource("registry.password")))
	}
	return "the user and password in " + cfg.Named("registry.url")
}
