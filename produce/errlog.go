package produce

import (
	"errors"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

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
	debug atomic.Bool

	mu          sync.Mutex
	byPartition map[int32]error
	last        error
}

// NewErrorLog returns the log of the client that produces to topic; inner,
// when not nil, gets every line too.
func NewErrorLog(topic string, inner kgo.Logger) *ErrorLog {
	return &ErrorLog{inner: inner, topic: topic, byPartition: map[int32]error{}}
}

// Level is info, where the client reports failed requests and partitions
// it cannot load, until Closer asks for more or an error was seen: then
// debug, where a partition that a broker refuses with a retriable error
// (NOT_ENOUGH_REPLICAS) is logged, in the one "produced" line per produce
// response. Debug lines cost the client time on every request, so a
// healthy run does without them.
func (l *ErrorLog) Level() kgo.LogLevel {
	level := kgo.LogLevelInfo
	if l.debug.Load() {
		level = kgo.LogLevelDebug
	}
	if l.inner != nil {
		level = max(level, l.inner.Level())
	}
	return level
}

// Closer makes the log read the client's debug lines from now on: some
// record waits long, and its timeout should say why.
func (l *ErrorLog) Closer() {
	if l != nil {
		l.debug.Store(true)
	}
}

// Log passes the line on to the inner logger at its level, and keeps the
// errors it names: a "produced" line's partition errors for the topic, or
// the "err" of a line about the topic (or about no topic: a connection),
// with its "partition" when the line names one.
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
		case "to":
			if msg == "produced" {
				to, _ := keyvals[i+1].(string)
				l.produced(to)
				return
			}
		}
	}
	if !fromBroker(err) || (topic != "" && topic != l.topic) {
		return
	}
	l.keep(partition, err)
}

func (l *ErrorLog) keep(partition int32, err error) {
	l.debug.Store(true)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.last = err
	if partition >= 0 {
		l.byPartition[partition] = err
	}
}

// partitionError is one partition's error in a "produced" line:
// "3{retrying@-1,20(NOT_ENOUGH_REPLICAS: Messages are rejected ...)}, ".
var partitionError = regexp.MustCompile(`(\d+)\{[a-z]+@-?\d+,\d+\((.*?)\)\}`)

// produced keeps the errors of the topic's partitions in a "produced"
// line: "topic[0{0=>5}, 1{retrying@-1,3(ERR)}], other[...]".
func (l *ErrorLog) produced(to string) {
	start := strings.Index(to, l.topic+"[")
	if start < 0 {
		return
	}
	to = to[start+len(l.topic)+1:]
	if end := strings.Index(to, "]"); end >= 0 {
		to = to[:end]
	}
	if !strings.Contains(to, "(") {
		return // no partition errors: the common case
	}
	for _, m := range partitionError.FindAllStringSubmatch(to, -1) {
		p, err := strconv.ParseInt(m[1], 10, 32)
		if err == nil {
			l.keep(int32(p), errors.New(m[2]))
		}
	}
}

// fromBroker reports whether err is what a broker said (a Kafka error
// code) or how reaching it failed (a network error), rather than the
// client's own doing: a producer ID to reload after records were failed, a
// connection it closed itself (as it does with the seed brokers' once it
// knows the cluster).
func fromBroker(err error) bool {
	var kerrErr *kerr.Error
	var netErr net.Error
	return errors.As(err, &kerrErr) || (errors.As(err, &netErr) && !errors.Is(err, net.ErrClosed))
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
