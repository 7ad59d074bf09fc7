package cmd

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/pflag"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/schema"
)

// Factory hands commands what they share: streams, the environment, the
// clock, and lazily built configuration and Kafka clients, so that --help and
// flag errors never read a file or dial a broker.
type Factory struct {
	IO *IOStreams
	// Env is the environment's variables by name.
	Env map[string]string
	Now func() time.Time

	// args is the command line, for what pflag's errors leave out (the
	// setting after kcat's -X).
	args   []string
	global *globalFlags
	flags  *pflag.FlagSet // the root's persistent flags, to tell given from default
	cfg    *config.Config
	start  time.Time      // when the run began, for -v's timings
	stats  *connect.Stats // what the clients did, with -v
	// waiting counts the requests brokers left unanswered, for a
	// timeout's message.
	waiting *connect.Waiting
	// warnedInsecure is set once the run warned that the brokers'
	// certificates are not verified.
	warnedInsecure bool
	// helpErr is the usage error of --help after an unknown command, or
	// the error of writing the help, which cobra's help function cannot
	// return.
	helpErr error
	// slowAfter, when set, replaces the bounds after which a broker
	// counts as slow: consume's for a fetch or join unanswered
	// (consume.AnswerAfter) and produce's for an acknowledgement
	// (slowDelivery). Only tests set it (RunSlowAfter in export_test.go).
	slowAfter time.Duration
}

// globalFlags are the root command's persistent flags that are not
// settings (config.Settings declares those).
type globalFlags struct {
	verbose int // -v: 1, -vv: 2
}

// sources are where the configuration comes from besides the file.
func (f *Factory) sources() config.Sources {
	return config.Sources{Flags: f.flags, Env: f.Env}
}

// Config loads the effective configuration once per run, prints its
// warnings and refuses what config.Config.Check refuses; the end of ctx
// (a signal) ends reading a file that waits.
func (f *Factory) Config(ctx context.Context) (*config.Config, error) {
	if f.cfg != nil {
		return f.cfg, nil
	}
	cfg, err := config.Load(ctx, f.sources())
	if err != nil {
		return nil, err
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintf(f.IO.ErrOut, "shore: warning: %s\n", w)
	}
	// After the warnings, which still hold (a password in the process
	// list): config view refuses what every command that connects does.
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	f.cfg = cfg
	return cfg, nil
}

// clientOptions are the options every client of this run shares: the
// count of unanswered requests (f.waiting); with -v
// its requests, bytes and records are counted for the summary Run prints,
// and with -vv the Kafka client logs to stderr.
func (f *Factory) clientOptions(extra []kgo.Opt) connect.ClientOptions {
	o := connect.ClientOptions{Stderr: f.IO.ErrOut, Extra: extra}
	if f.waiting == nil {
		f.waiting = connect.NewWaiting()
	}
	o.Extra = append(o.Extra, kgo.WithHooks(f.waiting))
	if f.global.verbose >= 1 {
		if f.stats == nil {
			f.stats = connect.NewStats(f.start)
		}
		o.Extra = append(o.Extra, kgo.WithHooks(f.stats))
		o.OnRegistryRequest = f.stats.OnRegistryRequest
	}
	if f.global.verbose >= 2 {
		o.Log = f.IO.ErrOut
	}
	return o
}

// Client builds a Kafka client with the command's own options added.
func (f *Factory) Client(ctx context.Context, extra ...kgo.Opt) (*kgo.Client, error) {
	return f.kafkaClient(ctx, f.clientOptions(extra))
}

// AdminClient builds a Kafka client for rounds of admin requests, which
// gives up on a broker that does not answer in time for the round to
// answer with the others (connect.ClientOptions.Admin).
func (f *Factory) AdminClient(ctx context.Context) (*kgo.Client, error) {
	o := f.clientOptions(nil)
	o.Admin = true
	return f.kafkaClient(ctx, o)
}

// kafkaClient builds a Kafka client with o. The first one of the run warns
// when the brokers' certificates are not verified: only a command that
// talks to them is told (not registry's, nor config view).
func (f *Factory) kafkaClient(ctx context.Context, o connect.ClientOptions) (*kgo.Client, error) {
	cfg, err := f.Config(ctx)
	if err != nil {
		return nil, err
	}
	if w := cfg.InsecureWarning(); w != "" && !f.warnedInsecure {
		fmt.Fprintf(f.IO.ErrOut, "shore: warning: %s\n", w)
		f.warnedInsecure = true
	}
	return connect.NewClient(ctx, cfg, o)
}

// summary is what -v prints when the command ends: what its clients did,
// or "" when they did nothing (no Kafka client was made and the schema
// registry was asked nothing) or -v was not given.
func (f *Factory) summary() string {
	if f.stats == nil {
		return ""
	}
	return f.stats.Summary(f.Now())
}

// Registry builds the schema registry client; it contacts the registry only
// when asked something.
func (f *Factory) Registry(ctx context.Context) (*schema.Registry, error) {
	cfg, err := f.Config(ctx)
	if err != nil {
		return nil, err
	}
	return connect.NewRegistry(ctx, cfg, f.clientOptions(nil))
}

// requestContext bounds one round of admin requests by --timeout.
func (f *Factory) requestContext(ctx context.Context) (context.Context, context.CancelFunc) {
	timeout := config.DefaultTimeout
	if f.cfg != nil {
		timeout = f.cfg.Timeout
	}
	return context.WithTimeout(ctx, timeout)
}
