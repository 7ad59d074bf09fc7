package connect

import (
	"context"
	"strings"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/schema"
)

// NewRegistry builds the schema registry client of cfg. It reads the
// password or token from its file or command now, so that a missing secret
// is reported before any request; it does not contact the registry. o.Log
// receives a line per request (-v).
func NewRegistry(ctx context.Context, cfg *config.Config, o ClientOptions) (*schema.Registry, error) {
	rc := cfg.Registry
	r := config.SecretReader{Stderr: o.Stderr, Timeout: cfg.Timeout}
	pass, err := r.Resolve(ctx, "registry password", rc.Password, rc.PasswordFile, rc.PasswordCommand, config.TrimNewline)
	if err != nil {
		return nil, err
	}
	token, err := r.Resolve(ctx, "registry token", rc.Token, rc.TokenFile, rc.TokenCommand, strings.TrimSpace)
	if err != nil {
		return nil, err
	}
	reg, err := schema.NewRegistry(schema.RegistryConfig{
		URL:      rc.URL,
		Username: rc.Username,
		Password: pass,
		Token:    token,
		CAFile:   rc.CAFile,
		Timeout:  cfg.Timeout,
		Log:      o.Log,
	})
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	return reg, nil
}
