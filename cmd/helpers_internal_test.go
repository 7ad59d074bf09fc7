package cmd

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// The test helpers of the package's internal tests: building commands
// and capturing the options they parse.

// parse runs a command built with a capturing runF on args and fails the
// test if it does not reach runF.
func parse(t *testing.T, c *cobra.Command, args ...string) {
	t.Helper()
	streams, _, _ := TestStreams("")
	c.SetArgs(args)
	c.SetOut(streams.Out)
	c.SetErr(streams.ErrOut)
	if err := c.Execute(); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
}

func testFactory() *Factory {
	streams, _, _ := TestStreams("")
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	return &Factory{IO: streams, Env: nil, Now: func() time.Time { return now }}
}

func str(s string) *string { return &s }

// parseOptions runs a groups verb's flag parsing only: runF captures the options.
func parseOptions[O any](t *testing.T, build func(*Factory, func(*O) error) *cobra.Command, stdin string, args ...string) (*O, error) {
	t.Helper()
	streams, _, _ := TestStreams(stdin)
	f := &Factory{IO: streams, Now: func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }}
	var got *O
	c := build(f, func(o *O) error { got = o; return nil })
	c.SetArgs(args)
	c.SetOut(streams.Out)
	c.SetErr(streams.ErrOut)
	return got, c.Execute()
}

// parseConsumeFlags runs `shore consume args...` up to the options it would
// consume with, without a broker.
func parseConsumeFlags(t *testing.T, args ...string) *consumeOptions {
	t.Helper()
	streams, _, errOut := TestStreams("")
	home := t.TempDir()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	f := &Factory{IO: streams, Env: map[string]string{"HOME": home}, Now: func() time.Time { return now }}
	root := NewRootCmd(f)
	var got *consumeOptions
	for _, c := range root.Commands() {
		if c.Name() == "consume" {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(newConsumeCmd(f, func(o *consumeOptions) error { got = o; return nil }))
	root.SetArgs(append([]string{"consume"}, args...))
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("%v: %v %s", args, err, errOut)
	}
	return got
}

// parseProduce runs `shore args...` with a produce command that captures
// its options instead of running.
func parseProduce(t *testing.T, env map[string]string, args ...string) *produceOptions {
	t.Helper()
	streams, _, errOut := TestStreams("")
	f := &Factory{IO: streams, Env: env, Now: time.Now}
	root := NewRootCmd(f)
	var got *produceOptions
	for _, c := range root.Commands() {
		if c.Name() == "produce" {
			root.RemoveCommand(c)
		}
	}
	c := newProduceCmd(f, func(o *produceOptions) error { got = o; return nil })
	root.AddCommand(c)
	root.SetArgs(args)
	root.SetErr(errOut)
	if err := root.Execute(); err != nil || got == nil {
		t.Fatalf("%q: %v %s", args, err, errOut)
	}
	return got
}

// wantParse checks one parse result against want or the error text.
func wantParse[O any](t *testing.T, got *O, err error, want *O, wantErr string) {
	t.Helper()
	if wantErr != "" {
		if err == nil || err.Error() != wantErr {
			t.Fatalf("error %v, want %q", err, wantErr)
		}
		if _, ok := err.(*usageError); !ok {
			t.Fatalf("%T is not a usage error", err)
		}
		return
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, %v\nwant %+v", got, err, want)
	}
}

// givenOnly is a flagsGiven for table tests: exactly the named flags.
func givenOnly(names ...string) flagsGiven {
	return func(name string) bool {
		for _, n := range names {
			if n == name {
				return true
			}
		}
		return false
	}
}
