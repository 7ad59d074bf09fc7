package consume

import (
	"context"
	"testing"
	"time"
)

// TestFilterWatch: records that answer in time, and the waits between
// them, are never overdue; a record still running at the limit is, once,
// and its context ends; close stops the goroutine either way.
func TestFilterWatch(t *testing.T) {
	w := watchFilter(context.Background(), 50*time.Millisecond)
	for deadline := time.Now().Add(200 * time.Millisecond); time.Now().Before(deadline); {
		if !w.end(w.begin()) {
			t.Fatal("a record that answered at once was taken as overdue")
		}
	}
	time.Sleep(200 * time.Millisecond)
	if w.ctx.Err() != nil {
		t.Fatal("the wait between records was taken as overdue")
	}
	s := w.begin()
	select {
	case <-w.ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a record in progress for 5s was not taken as overdue within 50ms")
	}
	if w.end(s) {
		t.Fatal("the end of the overdue record was taken as in time")
	}
	w.close()

	w = watchFilter(context.Background(), time.Hour)
	s = w.begin()
	w.close()
	if !w.end(s) {
		t.Fatal("a record in progress when the run ended was taken as overdue")
	}
}
