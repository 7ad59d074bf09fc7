// Package filter selects records with a jq expression (gojq): Compile it
// once, then Match each record. The expression sees the record as the JSON
// envelope that `shore consume --json` writes, with a key or value that is
// JSON parsed into its value.
package filter

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/itchyny/gojq"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Filter is a compiled jq expression. It is not safe for concurrent use:
// Match reuses one envelope for every record.
type Filter struct {
	code *gojq.Code
	env  envelope
	// fast, when not nil, answers for most records without gojq.
	fast fastExpr
}

// Compile parses and compiles expr, in which env and $ENV are the
// variables of env, as jq's are the environment's. Its error says what jq
// reports and, for a syntax error, the byte where parsing failed.
func Compile(expr string, env map[string]string) (*Filter, error) {
	q, err := gojq.Parse(expr)
	if err != nil {
		var pe *gojq.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%v at byte %d: %s", err, pe.Offset, markOffset(expr, pe.Offset))
		}
		return nil, err
	}
	environ := make([]string, 0, len(env))
	for k, v := range env {
		environ = append(environ, k+"="+v)
	}
	code, err := gojq.Compile(q, gojq.WithEnvironLoader(func() []string { return environ }))
	if err != nil {
		return nil, err
	}
	return &Filter{code: code, env: newEnvelope(), fast: compileFast(q)}, nil
}

// markOffset shows expr with ⟨here⟩ where parsing stopped, on one line.
func markOffset(expr string, offset int) string {
	offset = min(max(offset, 0), len(expr))
	return strings.ReplaceAll(expr[:offset]+"⟨here⟩"+expr[offset:], "\n", " ")
}

// Match reports whether the expression yields a truthy value (anything
// but false and null) for r: its outputs are taken in order until the
// first truthy one, and an expression with no output does not match. An
// error before a truthy output is returned, and is not a match. The end of
// ctx stops an expression that runs long or forever (def f: f; f) with
// ctx's error.
func (f *Filter) Match(ctx context.Context, r *kgo.Record) (bool, error) {
	if f.fast != nil {
		if match, ok := f.fast.eval(r); ok {
			return match, nil
		}
	}
	iter := f.code.RunWithContext(ctx, f.env.fill(r))
	for {
		v, ok := iter.Next()
		if !ok {
			return false, nil
		}
		switch v := v.(type) {
		case error:
			var halt *gojq.HaltError
			if errors.As(v, &halt) && halt.Value() == nil {
				// halt: the expression ends without output.
				return false, nil
			}
			return false, v
		case nil:
		case bool:
			if v {
				return true, nil
			}
		default:
			return true, nil
		}
	}
}
