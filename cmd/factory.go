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
	"github.com/kafkashore/shore/connect"
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

// globalFlags are the root command's persistent flags that are not
// settings (config.Settings declares those).
type globalFlags struct {
	verbose bool
}

// sources are where the configuration comes from besides the file.
func (f *Factory) sources() config.Sources {
	return config.Sources{Flags: f.flags, Getenv: f.Getenv}
}

// Config loads the effective configuration once per run.
func (f *Factory) Config() (*config.Config, error) {
	if f.cfg != nil {
		return f.cfg, nil
	}
	cfg, err := config.Load(f.sources())
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
	return connect.NewClient(ctx, cfg, connect.ClientOptions{Log: f.clientLog(), Stderr: f.IO.ErrOut, Extra: extra})
}

// Admin builds an admin client; closing it closes its Kafka client.
func (f *Factory) Admin(ctx context.Context) (*kadm.Client, error) {
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	return connect.NewAdmin(ctx, cfg, connect.ClientOptions{Log: f.clientLog(), Stderr: f.IO.ErrOut})
}

// requestContext bounds one round of admin requests by --timeout.
func (f *Factory) requestContext(ctx context.Context) (context.Context, context.CancelFunc) {
	timeout := config.DefaultTimeout
	if f.cfg != nil {
		timeout = f.cfg.Timeout
	}
	return context.WithTimeout(ctx, timeout)
}
