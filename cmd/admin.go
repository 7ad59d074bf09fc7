package cmd

import (
	"context"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/connect"
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
		return connect.ExplainTimeout(f.cfg, err)
	}
	return nil
}

// addOutputFlag adds -o/--output, default table, for a command that renders
// one of formats (table and json when none are named), with completion.
func addOutputFlag(c *cobra.Command, dst *string, formats ...string) {
	if len(formats) == 0 {
		formats = []string{"table", "json"}
	}
	c.Flags().StringVarP(dst, "output", "o", "table", "output format: "+orList(formats))
	_ = c.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
}

// checkOutput makes an --output that is not one of formats a usage error.
func checkOutput(output string, formats ...string) error {
	if !slices.Contains(formats, output) {
		return usageErrorf("--output %q: want %s", output, orList(formats))
	}
	return nil
}

// jsonOutput tells whether --output asks for JSON; anything but table or
// json is a usage error.
func jsonOutput(output string) (bool, error) {
	if err := checkOutput(output, "table", "json"); err != nil {
		return false, err
	}
	return output == "json", nil
}

// orList words formats as "a, b or c".
func orList(formats []string) string {
	if len(formats) == 1 {
		return formats[0]
	}
	return strings.Join(formats[:len(formats)-1], ", ") + " or " + formats[len(formats)-1]
}
