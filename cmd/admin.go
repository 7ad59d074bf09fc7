package cmd

import (
	"context"

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
