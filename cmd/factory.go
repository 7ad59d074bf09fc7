package cmd

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/config"
)

// Factory hands commands what they share: streams, the environment, the
// clock, and lazily built configuration and Kafka clients, so that --help and
// flag errors never read a file or dial a broker.
type Factory struct {
	IO     *IOStreams
	Getenv config.Getenv
	Now    func() time.Time

	global *globalFlags
	flags  *pflag.FlagSet // the root's persistent flags, to tell given from default
	cfg    *config.Config
}

// globalFlags are the root command's persistent flags.
type globalFlags struct {
	brokers    []string
	profile    string
	configFile string
	timeout    time.Duration
	verbose    bool

	tls          bool
	tlsCA        string
	tlsCert      string
	tlsKey       string
	tlsServer    string
	tlsInsec     bool
	saslMech     string
	saslUser     string
	saslPasswd   string
	saslPassFile string
	saslPassCmd  string
	saslTokFile  string
	saslTokCmd   string
}

// Config loads the effective configuration once per run.
func (f *Factory) Config() (*config.Config, error) {
	if f.cfg != nil {
		return f.cfg, nil
	}
	g := f.global
	o := config.Overrides{
		ConfigFile: g.configFile,
		Profile:    g.profile,
		Brokers:    g.brokers,
	}
	if f.flags.Changed("timeout") {
		o.Timeout = &g.timeout
	}
	changedBool := func(name string, v *bool) *bool {
		if f.flags.Changed(name) {
			return v
		}
		return nil
	}
	changedString := func(name string, v *string) *string {
		if f.flags.Changed(name) {
			return v
		}
		return nil
	}
	o.TLS = config.TLSOverrides{
		Enabled:            changedBool("tls", &g.tls),
		CAFile:             changedString("tls-ca", &g.tlsCA),
		CertFile:           changedString("tls-cert", &g.tlsCert),
		KeyFile:            changedString("tls-key", &g.tlsKey),
		ServerName:         changedString("tls-server-name", &g.tlsServer),
		InsecureSkipVerify: changedBool("tls-insecure", &g.tlsInsec),
	}
	o.SASL = config.SASLOverrides{
		Mechanism:       changedString("sasl-mechanism", &g.saslMech),
		Username:        changedString("sasl-username", &g.saslUser),
		Password:        changedString("sasl-password", &g.saslPasswd),
		PasswordFile:    changedString("sasl-password-file", &g.saslPassFile),
		PasswordCommand: changedString("sasl-password-command", &g.saslPassCmd),
		TokenFile:       changedString("sasl-token-file", &g.saslTokFile),
		TokenCommand:    changedString("sasl-token-command", &g.saslTokCmd),
	}
	cfg, err := config.Load(o, f.Getenv)
	if err != nil {
		return nil, err
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintf(f.IO.ErrOut, "shore: warning: %s\n", w)
	}
	f.cfg = cfg
	return cfg, nil
}

// clientLog is where the Kafka client logs: stderr with -v, else nowhere.
func (f *Factory) clientLog() io.Writer {
	if f.global.verbose {
		return f.IO.ErrOut
	}
	return nil
}

// Client builds a Kafka client with the command's own options added.
func (f *Factory) Client(ctx context.Context, extra ...kgo.Opt) (*kgo.Client, error) {
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	return config.NewClient(ctx, cfg, config.ClientOptions{Log: f.clientLog(), Stderr: f.IO.ErrOut, Extra: extra})
}

// Admin builds an admin client; closing it closes its Kafka client.
func (f *Factory) Admin(ctx context.Context) (*kadm.Client, error) {
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	return config.NewAdmin(ctx, cfg, config.ClientOptions{Log: f.clientLog(), Stderr: f.IO.ErrOut})
}

// requestContext bounds one round of admin requests by --timeout.
func (f *Factory) requestContext(ctx context.Context) (context.Context, context.CancelFunc) {
	timeout := config.DefaultTimeout
	if f.cfg != nil {
		timeout = f.cfg.Timeout
	}
	return context.WithTimeout(ctx, timeout)
}
