package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/partial"
	"github.com/kafkashore/shore/topics"
)

// exitStatus says what the exit statuses of a command that asks Kafka
// (topics, groups, offsets, cluster) mean for it; String is the EXIT STATUS
// section that ends its Long help. Each command names only what can fail
// for it: groups delete makes no commit, cluster asks about no topic.
type exitStatus struct {
	// success, if set, follows "success; " on exit 0's line.
	success string
	// failures are what exits 1 besides an unreachable broker.
	failures []string
	// usage is what is a usage error (exit 2) besides a bad flag or
	// argument.
	usage []string
	// gate, if set, is what exits 3.
	gate string
}

func (e exitStatus) String() string {
	var b strings.Builder
	b.WriteString("EXIT STATUS\n  0    success")
	if e.success != "" {
		b.WriteString("; " + e.success)
	}
	fmt.Fprintf(&b, "\n  1    failure (%s)", strings.Join(append([]string{"unreachable broker"}, e.failures...), ", "))
	fmt.Fprintf(&b, "\n  2    usage error (%s)", format.List(append([]string{"bad flag", "argument"}, e.usage...), "or"))
	if e.gate != "" {
		b.WriteString("\n  3    " + e.gate)
	}
	b.WriteString("\n  130  interrupted")
	return b.String()
}

// refusedByKafka is what exits 1 for a command that makes admin requests
// when a broker refuses one (a topic that exists, too few partitions).
const refusedByKafka = "request refused by Kafka"

// adminRound runs fn with an admin client, its requests bounded together by
// --timeout, and words what went wrong for a person: an unreachable broker,
// a request that got no answer in time, an interruption.
func (f *Factory) adminRound(ctx context.Context, fn func(ctx context.Context, adm *kadm.Client) error) error {
	return f.clientRound(ctx, func(ctx context.Context, _ *kgo.Client, adm *kadm.Client) error { return fn(ctx, adm) })
}

// clientRound is adminRound that also hands fn the Kafka client adm wraps,
// for requests that kadm does not make: to one broker in particular, or
// asking what the login may do (topics.HidesTopics).
func (f *Factory) clientRound(ctx context.Context, fn func(ctx context.Context, cl *kgo.Client, adm *kadm.Client) error) error {
	return f.round(ctx, connect.Admin, fn)
}

// round runs fn with the client of Factory.AdminClient, wrapped by wrap.
func (f *Factory) round(ctx context.Context, wrap func(*kgo.Client, *config.Config) *kadm.Client, fn func(ctx context.Context, cl *kgo.Client, adm *kadm.Client) error) error {
	cfg, err := f.Config(ctx)
	if err != nil {
		return err
	}
	cl, err := f.AdminClient(ctx)
	if err != nil {
		return errOrInterrupted(ctx, err)
	}
	adm := wrap(cl, cfg)
	defer adm.Close()
	rctx, cancel := f.requestContext(ctx)
	defer cancel()
	if err := fn(rctx, cl, adm); err != nil {
		if ctx.Err() != nil {
			return errOrInterrupted(ctx, err)
		}
		return connect.ExplainTimeout(f.cfg, f.waiting, err)
	}
	return nil
}

// unanswered words err as round does, and when it is a request to change
// topics that timed out (topics.UnansweredError) adds that the brokers may
// have made the change all the same, and check, the command that shows
// whether: a script that takes exit 1 for "nothing changed" and runs the
// command again finds the topic there already.
func (f *Factory) unanswered(err error, check string) error {
	if !errors.As(err, new(*topics.UnansweredError)) {
		return err
	}
	explained := connect.ExplainTimeout(f.cfg, f.waiting, err)
	if explained == err {
		return err // no timeout: refused, or never sent
	}
	return fmt.Errorf("%w; the brokers may have made the change all the same: '%s' shows whether", explained, check)
}

// warnUnreachable turns a partial answer (brokers that did not answer, what
// they hold marked or left out) into a warning on stderr that says why
// they did not answer in a person's words, and how the output shows what
// they hold (shownAs, see partialAnswer); other errors pass. ctx is the
// context the answer was asked within (see partialAnswer).
func (f *Factory) warnUnreachable(ctx context.Context, err error, shownAs string) error {
	unreachable, err := f.partialAnswer(ctx, err, shownAs)
	if unreachable != nil {
		fmt.Fprintf(f.IO.ErrOut, "shore: warning: %v\n", unreachable)
	}
	return err
}

// partialAnswer splits err into a partial answer, its cause worded for a
// person and the values it lacks said to be shown as shownAs (unknownAs
// says how an output shows them), and any other error. An answer that
// lacks what the brokers were still asked for when a signal cancelled ctx
// is no partial answer but the signal: the brokers were not left the time
// to answer, and the warning said 'no answer from broker 0 (...): context
// canceled' over a table of -.
func (f *Factory) partialAnswer(ctx context.Context, err error, shownAs string) (*partial.Error, error) {
	var unreachable *partial.Error
	if !errors.As(err, &unreachable) {
		return nil, err
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return nil, interruption(ctx)
	}
	worded := *unreachable
	worded.Cause = errors.New(connect.Cause(unreachable.Cause, connect.RequestBound(f.cfg.Timeout)))
	worded.ShownAs = shownAs
	return &worded, nil
}
