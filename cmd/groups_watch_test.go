package cmd

import (
	"errors"
	"slices"
	"testing"

	"github.com/kafkashore/shore/internal/partial"
)

// A --watch warns when a partial answer first appears and when what is
// missing changes, not every frame, and says once when it clears; on a
// terminal, where every frame clears the screen, under every frame.
func TestWatchWarning(t *testing.T) {
	unreachable := func(cause string, brokers ...string) *partial.Error {
		return &partial.Error{Brokers: brokers, Cause: errors.New(cause), Missing: "the lag is unknown, shown as -"}
	}
	one := unreachable("no answer within 1s", "1 (h:1)")
	oneAgain := unreachable("connection refused", "1 (h:1)")
	two := unreachable("no answer within 1s", "1 (h:1)", "2 (h:2)")
	const (
		warnOne = "shore: warning: no answer from broker 1 (h:1): no answer within 1s; the lag is unknown, shown as -"
		warnTwo = "shore: warning: no answer from brokers 1 (h:1), 2 (h:2): no answer within 1s; the lag is unknown, shown as -"
		whole   = "shore: the answer is whole again: no broker is missing from it"
	)
	for _, tc := range []struct {
		name       string
		shown, now *partial.Error
		redraws    bool
		want       string
	}{
		{"whole", nil, nil, false, ""},
		{"first appears", nil, one, false, warnOne},
		{"same broker, same cause", one, one, false, ""},
		{"same broker, another cause", one, oneAgain, false, ""},
		{"another broker too", one, two, false, warnTwo},
		{"one broker less", two, one, false, warnOne},
		{"clears", one, nil, false, whole},
		{"terminal: under every frame", one, one, true, warnOne},
		{"terminal: clears", one, nil, true, whole},
	} {
		if got := watchWarning(tc.shown, tc.now, tc.redraws); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// A --watch says each of a frame's warnings (a topic the login may not
// describe, a deleted one, a commit outside its log) when it first appears
// and when it changes or comes back after a frame without it, not every
// frame; on a terminal, under every frame.
func TestNewWarnings(t *testing.T) {
	const (
		hidden  = "shore: warning: group \"billing\": not authorized to describe topic \"hidden\" (...): its log offsets and lag are unknown, shown as -\n"
		deleted = "shore: warning: group \"billing\": topic \"gone\" does not exist (deleted while the group read it): its log offsets and lag are unknown, shown as -\n"
		past    = "shore: warning: group \"billing\": orders:0: commit 9 is past the log end 5; ...\n"
		pastNow = "shore: warning: group \"billing\": orders:0: commit 9 is past the log end 7; ...\n"
	)
	for _, tc := range []struct {
		name       string
		shown, now []string
		redraws    bool
		want       []string
	}{
		{"none", nil, nil, false, nil},
		{"first frame", nil, []string{hidden, deleted}, false, []string{hidden, deleted}},
		{"stays", []string{hidden, deleted}, []string{hidden, deleted}, false, nil},
		{"another appears", []string{hidden}, []string{hidden, deleted}, false, []string{deleted}},
		{"one goes", []string{hidden, deleted}, []string{hidden}, false, nil},
		{"comes back", nil, []string{hidden}, false, []string{hidden}},
		{"changes", []string{past}, []string{pastNow}, false, []string{pastNow}},
		{"terminal: under every frame", []string{hidden, deleted}, []string{hidden, deleted}, true, []string{hidden, deleted}},
	} {
		if got := newWarnings(tc.shown, tc.now, tc.redraws); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
