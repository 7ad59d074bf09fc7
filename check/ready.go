package check

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafkashore/shore/format"
	shoretopics "github.com/kafkashore/shore/topics"
)

// retryEvery is the pause between two attempts of Ready: short next to the
// seconds a broker takes to start, long enough not to busy a 2-core CI box.
const retryEvery = 250 * time.Millisecond

// StillTryingAfter is how long Ready's tries find the same failure before
// Ready says so: longer than a broker or topic takes to come up in the
// usual CI run, so that only a wait likely to last (a wrong password, a
// port nothing listens on) is told of before the wait limit.
const StillTryingAfter = 5 * time.Second

// NotReadyError is a cluster that did not become ready before Ready's
// context ended; Last says what the last attempt found (an error that
// wraps context.DeadlineExceeded when none ended before the limit).
type NotReadyError struct {
	Waited time.Duration
	Last   error
	// Step is where the last try stopped: StepConnect when no broker
	// answered, StepMetadata when one did but a topic was not ready.
	Step string
}

func (e *NotReadyError) Error() string {
	if e.Waited == 0 {
		return fmt.Sprintf("not ready: %v", e.Last)
	}
	return fmt.Sprintf("not ready after %s: %v", e.Waited.Round(time.Millisecond), e.Last)
}

func (e *NotReadyError) Unwrap() error { return e.Last }

// MissingTopicsError is what a try of Ready finds while topics waited for
// do not exist: brokers answer, but Topics (each with the existing topic
// it may mean) do not exist yet.
type MissingTopicsError struct {
	Topics shoretopics.UnknownTopicsError
}

func (e *MissingTopicsError) Error() string {
	return "brokers answer, but " + e.Topics.Are("does not exist", "do not exist")
}

// Readiness is what Ready found once the cluster was ready.
type Readiness struct {
	Brokers int
	Waited  time.Duration
}

// Ready tries until a broker answers and every one of topics exists with a
// leader for each partition, or until ctx ends (its deadline is the wait
// limit): then it returns a *NotReadyError, or ctx's error when ctx was
// cancelled. A missing topic is never said to mean one of topics or of
// others, the other topics the command names. fatal says whether an error of newClient can never go away
// (a bad configuration), which ends the wait at once. stillTrying is
// called once, when the tries have found the same failure for
// StillTryingAfter, with that failure.
func Ready(ctx context.Context, newClient NewClient, topics, others []string, fatal func(error) bool, stillTrying func(error)) (Readiness, error) {
	start := time.Now()
	var last error
	var lastStep string
	sameSince, told := start, false
	near := map[string]string{}
	for {
		n, step, err := attempt(ctx, newClient, topics, others, near)
		if err == nil {
			return Readiness{Brokers: n, Waited: time.Since(start)}, nil
		}
		if fatal(err) {
			return Readiness{}, err
		}
		if last != nil && err.Error() != last.Error() {
			sameSince = time.Now()
		}
		if !told && ctx.Err() == nil && time.Since(sameSince) >= StillTryingAfter {
			stillTrying(err)
			told = true
		}
		// An attempt the limit cut short says less than the one before.
		if ctx.Err() == nil || last == nil {
			last, lastStep = err, step
		}
		select {
		case <-ctx.Done():
		case <-time.After(retryEvery):
			continue
		}
		if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			if last == nil || errors.Is(last, context.Canceled) {
				return Readiness{}, ctx.Err()
			}
			// Interrupted: what the tries found, for the caller to
			// say as it stops.
			return Readiness{}, errors.Join(ctx.Err(), &NotReadyError{Waited: time.Since(start), Last: last, Step: lastStep})
		}
		return Readiness{}, &NotReadyError{Waited: time.Since(start), Last: last, Step: lastStep}
	}
}

// TryOnce is one try of Ready, for a wait of 0: the readiness it found,
// or a *NotReadyError (Waited 0) with what it found instead, or ctx's
// error when ctx was cancelled. fatal and others are Ready's: such an
// error is returned as it is.
func TryOnce(ctx context.Context, newClient NewClient, topics, others []string, fatal func(error) bool) (Readiness, error) {
	start := time.Now()
	n, step, err := attempt(ctx, newClient, topics, others, nil)
	switch {
	case err == nil:
		return Readiness{Brokers: n, Waited: time.Since(start)}, nil
	case fatal(err):
		return Readiness{}, err
	case ctx.Err() != nil:
		return Readiness{}, ctx.Err()
	}
	return Readiness{}, &NotReadyError{Last: err, Step: step}
}

// attempt connects once and looks for the topics; it returns the number
// of brokers, or the step that failed (StepConnect or StepMetadata) and why.
// near keeps the topic a missing one may mean across attempts (see
// shoretopics.Suggested); nil looks it up.
func attempt(ctx context.Context, newClient NewClient, topics, others []string, near map[string]string) (int, string, error) {
	cl, err := newClient(ctx)
	if err != nil {
		return 0, StepConnect, err
	}
	defer cl.Close()
	n, err := topicsReady(ctx, kadm.NewClient(cl), topics, others, near)
	return n, StepMetadata, err
}

// topicsReady asks a cluster that answers for the topics; it returns the
// number of brokers. A missing topic is never said to mean one of topics or
// of others.
func topicsReady(ctx context.Context, adm *kadm.Client, topics, others []string, near map[string]string) (int, error) {
	if len(topics) == 0 {
		// Without topics, Metadata would list every topic of the cluster.
		md, err := adm.BrokerMetadata(ctx)
		return len(md.Brokers), err
	}
	md, err := shoretopics.Metadata(ctx, adm, topics...)
	if err != nil {
		return 0, err
	}
	var missing, denied, leaderless []string
	for _, t := range topics {
		td, ok := md.Topics[t]
		if ok && errors.Is(td.Err, kerr.TopicAuthorizationFailed) {
			denied = append(denied, t)
			continue
		}
		if !ok || td.Err != nil || len(td.Partitions) == 0 {
			missing = append(missing, t)
			continue
		}
		for _, p := range td.Partitions {
			if p.Leader < 0 || p.Err != nil {
				leaderless = append(leaderless, t)
				break
			}
		}
	}
	if len(missing) > 0 {
		return 0, &MissingTopicsError{Topics: shoretopics.Suggested(ctx, adm, missing, slices.Concat(topics, others), near)}
	}
	switch {
	case len(denied) > 0:
		return 0, fmt.Errorf("brokers answer, but %w", &shoretopics.NotAuthorizedError{Topics: denied})
	case len(leaderless) == 1:
		return 0, fmt.Errorf("brokers answer, but topic %q has partitions without a leader", leaderless[0])
	case len(leaderless) > 1:
		return 0, fmt.Errorf("brokers answer, but topics %s have partitions without a leader", format.Quoted(leaderless, "and"))
	}
	return len(md.Brokers), nil
}
