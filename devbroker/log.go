package devbroker

import (
	"fmt"
	"io"
	"sync"

	"github.com/twmb/franz-go/pkg/kfake"
)

// brokerLog writes what the embedded broker reports, warnings and errors,
// as shore dev's other lines are written: one line each, after "shore dev:
// broker: " and the level, where kfake's own logger began them with a
// clock time and [WARN].
type brokerLog struct {
	mu  sync.Mutex
	dst io.Writer
}

func (l *brokerLog) Logf(level kfake.LogLevel, msg string, args ...any) {
	if level > kfake.LogLevelWarn {
		return
	}
	word := "warning"
	if level == kfake.LogLevelError {
		word = "error"
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.dst, "shore dev: broker: %s: %s\n", word, fmt.Sprintf(msg, args...))
}
