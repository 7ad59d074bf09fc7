// Package cmd wires shore's commands to cobra, flags, the environment and exit
// codes. Run is the entry point for tests; Main is the one for the binary.
package cmd

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/config"
)

// Main runs shore with the process's arguments and streams and returns the
// exit status. The first SIGINT or SIGTERM cancels the context every command
// honours; a second one ends the process at once, as the signal does by
// default (the shell sees it killed by the signal).
func Main() int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Both signals wait in the channel, so a second one that comes
	// before the first is handled is not lost (signal.NotifyContext drops
	// every signal after the first).
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		<-sigs
		cancel()
		sig := <-sigs
		signal.Reset(os.Interrupt, syscall.SIGTERM)
		_ = syscall.Kill(os.Getpid(), sig.(syscall.Signal))
	}()
	// A closed stdout (| head) must be an EPIPE error the command handles,
	// not a silent death by SIGPIPE.
	signal.Ignore(syscall.SIGPIPE)
	return Run(ctx, os.Args[1:], System(), os.Getenv)
}

// Run executes one shore command line and returns its exit status.
func Run(ctx context.Context, args []string, io *IOStreams, getenv config.Getenv) int {
	f := &Factory{IO: io, Getenv: getenv, Now: time.Now}
	root := NewRootCmd(f)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	err := root.ExecuteContext(ctx)
	return exitCode(err, ctx.Err() != nil, io.ErrOut)
}

const rootLong = `shore is a command-line toolkit for Apache Kafka: produce from stdin or
files, consume from any offset or time, inspect topics and consumer groups,
move committed offsets, and run an embedded broker with 'shore dev'.

Records and requested data go to stdout; diagnostics go to stderr.

CONFIGURATION
  Settings come from, highest precedence first: flags, environment
  (SHORE_BROKERS, SHORE_PROFILE, SHORE_CONFIG, SHORE_TIMEOUT, SHORE_CLIENT_ID,
  SHORE_SASL_MECHANISM, SHORE_SASL_USERNAME, SHORE_SASL_PASSWORD,
  SHORE_SASL_TOKEN, SHORE_TLS, SHORE_TLS_CA, ...), the profile in the
  configuration file (--config, else SHORE_CONFIG, else
  ~/.config/shore/config.yaml), and built-in defaults (brokers
  localhost:9092). The README's Security section covers TLS and SASL.

EXIT STATUS
  0    success
  1    failure (unreachable broker, unknown topic, refused record, ...)
  2    usage error (bad flag, argument, layout, offset spec or configuration)
  130  interrupted by SIGINT or SIGTERM (a second one ends shore at once)`

// NewRootCmd builds a fresh command tree around f.
func NewRootCmd(f *Factory) *cobra.Command {
	g := &globalFlags{}
	f.global = g
	root := &cobra.Command{
		Use:           "shore",
		Short:         "A command-line toolkit for Apache Kafka",
		Long:          rootLong,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &usageError{err: err}
	})
	pf := root.PersistentFlags()
	f.flags = pf
	pf.StringSliceVarP(&g.brokers, "brokers", "b", nil, "bootstrap brokers, host:port,... (default localhost:9092)")
	pf.StringVar(&g.profile, "profile", "", "configuration profile to use (default: the file's current-profile)")
	pf.StringVar(&g.configFile, "config", "", "configuration file (default $SHORE_CONFIG, else ~/.config/shore/config.yaml)")
	pf.DurationVar(&g.timeout, "timeout", config.DefaultTimeout, "longest a connection or request may wait before the command fails")
	pf.BoolVarP(&g.verbose, "verbose", "v", false, "log the Kafka client's activity to stderr")
	pf.BoolVar(&g.tls, "tls", false, "connect with TLS, verifying the broker against the system roots or --tls-ca")
	pf.StringVar(&g.tlsCA, "tls-ca", "", "PEM file of the CA that signed the brokers' certificates (implies --tls)")
	pf.StringVar(&g.tlsCert, "tls-cert", "", "PEM client certificate for mutual TLS (with --tls-key)")
	pf.StringVar(&g.tlsKey, "tls-key", "", "PEM private key of --tls-cert")
	pf.StringVar(&g.tlsServer, "tls-server-name", "", "host name to verify in the broker's certificate (default: the broker's host)")
	pf.BoolVar(&g.tlsInsec, "tls-insecure", false, "skip verification of the broker's certificate (warns every time)")
	pf.StringVar(&g.saslMech, "sasl-mechanism", "", "SASL mechanism: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER")
	pf.StringVar(&g.saslUser, "sasl-username", "", "SASL user name")
	pf.StringVar(&g.saslPasswd, "sasl-password", "", "SASL password (visible in the process list, so shore warns: prefer SHORE_SASL_PASSWORD)")
	pf.StringVar(&g.saslPassFile, "sasl-password-file", "", "file whose content (less a final newline) is the SASL password")
	pf.StringVar(&g.saslPassCmd, "sasl-password-command", "", "shell command whose output (less a final newline) is the SASL password, e.g. 'pass show kafka'")
	pf.StringVar(&g.saslTokFile, "sasl-token-file", "", "file holding the OAUTHBEARER token")
	pf.StringVar(&g.saslTokCmd, "sasl-token-command", "", "shell command that prints the OAUTHBEARER token")

	asNoun(root)
	root.AddCommand(
		newVersionCmd(f),
		newConfigCmd(f),
		newClusterCmd(f, nil),
		newTopicsCmd(f),
		newOffsetsCmd(f, nil),
		newDevCmd(f, nil),
		newConsumeCmd(f, nil),
		newGroupsCmd(f),
		newProduceCmd(f, nil),
	)
	usageArgs(root)
	return root
}

// asNoun makes a command that only groups verbs print its help when called
// alone, and reject an unknown verb as a usage error.
func asNoun(c *cobra.Command) *cobra.Command {
	c.Args = cobra.NoArgs
	c.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
	return c
}

// usageArgs makes every argument-count error a usage error (exit 2).
func usageArgs(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return &usageError{err: err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		usageArgs(sub)
	}
}

// errOrInterrupted turns the cancellation of ctx into errInterrupted.
func errOrInterrupted(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return errInterrupted
	}
	return err
}
