package produce

import (
	"errors"
	"net"
	"sync"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// ErrorLog keeps the last error the Kafka client logged about a topic's
// partitions (a broker's NOT_ENOUGH_REPLICAS, NOT_LEADER_OR_FOLLOWER, a
// refused connection), so that a record that times out can say why: the
// client's own timeout error does not. It is the client's logger
// (kgo.WithLogger), passing every line on to another logger when given.
type ErrorLog struct {
	inner kgo.Logger
	topic string

	mu          sync.Mutex
	byPartition map[int32]error
	last        error
}

// NewErrorLog returns the log of the client that produces to topic; inner,
// when not nil, gets every line too.
func NewErrorLog(topic string, inner kgo.Logger) *ErrorLog {
	return &ErrorLog{inner: inner, topic: topic, byPartition: map[int32]error{}}
}

// Level is info, where the client reports failed produce requests and
// partitions it cannot load, or the inner logger's if that says more.
func (l *ErrorLog) Level() kgo.LogLevel {
	if l.inner != nil {
		return max(l.inner.Level(), kgo.LogLevelInfo)
	}
	return kgo.LogLevelInfo
}

// Log keeps the "err" of a line about the topic (or about no topic: a
// connection), with its "partition" when the line names one.
func (l *ErrorLog) Log(level kgo.LogLevel, msg string, keyvals ...any) {
	if l.inner != nil && level <= l.inner.Level() {
		l.inner.Log(level, msg, keyvals...)
	}
	var err error
	partition, topic := int32(-1), ""
	for i := 0; i+1 < len(keyvals); i += 2 {
		switch keyvals[i] {
		case "err":
			err, _ = keyvals[i+1].(error)
		case "topic":
			topic, _ = keyvals[i+1].(string)
		case "partition":
			partition, _ = keyvals[i+1].(int32)
		}
	}
	if !fromBroker(err) || (topic != "" && topic != l.topic) {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.last = err
	if partition >= 0 {
		l.byPartition[partition] = err
	}
}

// fromBroker reports whether err is what a broker said (a Kafka error
// code) or how reaching it failed (a network error), rather than the
// client's own bookkeeping, such as a producer ID to reload after records
// were failed.
func fromBroker(err error) bool {
	var kerrErr *kerr.Error
	var netErr net.Error
	return errors.As(err, &kerrErr) || errors.As(err, &netErr)
}

// Seen returns the last error logged, or nil when there was none: a run
// that delivered everything despite it warns.
func (l *ErrorLog) Seen() error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.last
}

// Last returns the last error logged about partition, else the last one
// logged at all, else nil.
func (l *ErrorLog) Last(partition int32) error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err, ok := l.byPartition[partition]; ok {
		return err
	}
	return l.last
}
