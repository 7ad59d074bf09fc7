package consume

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestUnanswered: a final commit or leave that ended with its bound,
// whatever error the Kafka client returned for it, is worded as no answer
// within --timeout; one refused before the bound keeps its own error.
func TestUnanswered(t *testing.T) {
	c := &Consumer{o: Options{Timeout: 10 * time.Second}}
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	live, cancelLive := context.WithTimeout(context.Background(), time.Minute)
	defer cancelLive()
	lastRetry := errors.New("the broker connection has died and the request will be retried on a new connection")
	for _, tc := range []struct {
		name string
		ctx  context.Context
		err  error
		want string
	}{
		{"deadline", expired, context.DeadlineExceeded, "no answer from the group's coordinator within 10s"},
		{"last retry at the deadline", expired, lastRetry, "no answer from the group's coordinator within 10s"},
		{"refused in time", live, lastRetry, lastRetry.Error()},
	} {
		if got := c.unanswered(tc.ctx, tc.err).Error(); got != tc.want {
			t.Errorf("%s: %q; want %q", tc.name, got, tc.want)
		}
	}
}
