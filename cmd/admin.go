package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/config"
)

// adminExitStatus ends the help of commands that make one round of admin
// requests.
const adminExitStatus = `EXIT STATUS
  0    success
  1    failure: unreachable broker, unknown topic, request refused by Kafka
  2    usage error: bad flag or argument
  130  interrupted`

// adminRound runs fn with an admin client, its requests bounded together by
// --timeout, and words what went wrong for a person: an unreachable broker,
// a request that got no answer in time, an interruption.
func (f *Factory) adminRound(ctx context.Context, fn func(ctx context.Context, adm *kadm.Client) error) error {
	adm, err := f.Admin(ctx)
	if err != nil {
		return errOrInterrupted(ctx, err)
	}
	defer adm.Close()
	rctx, cancel := f.requestContext(ctx)
	defer cancel()
	if err := fn(rctx, adm); err != nil {
		if ctx.Err() != nil {
			return errOrInterrupted(ctx, err)
		}
		return config.Explain(f.cfg, err)
	}
	return nil
}

// addOutputFlag adds -o/--output for a command that renders a table or
// JSON.
func addOutputFlag(c *cobra.Command, dst *string) {
	c.Flags().StringVarP(dst, "output", "o", "table", "output format: table or json")
	_ = c.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"table", "json"}, cobra.ShellCompDirectiveNoFileComp))
}

// jsonOutput tells whether --output asks for JSON; anything but table or
// json is a usage error.
func jsonOutput(output string) (bool, error) {
	switch output {
	case "table":
		return false, nil
	case "json":
		return true, nil
	}
	return false, usageErrorf("--output %q: want table or json", output)
}
