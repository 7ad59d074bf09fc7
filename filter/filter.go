// Package filter selects records with a jq expression (gojq): Compile it
// once, then Match each record. The expression sees the record as the JSON
// envelope that `shore consume --json` writes, with a key or value that is
// JSON parsed into its value.
package filter

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/itchyny/gojq"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/format"
)

// Filter is a compiled jq expression. It is not safe for concurrent use:
// Match reuses one envelope for every record.
type Filter struct {
	code *gojq.Code
	env  envelope
	// keySchema and valueSchema are the key_schema and value_schema last
	// parsed: records in a row mostly share one.
	keySchema, valueSchema parsedSchema
	// fast, when not nil, answers for most records without gojq.
	fast fastExpr
}

// Compile parses and compiles expr, in which env and $ENV are the
// variables of env, as jq's are the environment's. Its error says what jq
// reports and, for a syntax error, the byte where parsing failed; a
// regular expression written as a string (test("[")) that does not
// compile is refused here, where gojq would refuse it on every record.
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
	if err := checkFormats(q); err != nil {
		return nil, err
	}
	if err := checkRegexps(q); err != nil {
		return nil, err
	}
	if err := checkFields(q); err != nil {
		return nil, err
	}
	return &Filter{code: code, env: newEnvelope(), fast: compileFast(q)}, nil
}

// checkFormats refuses a @format that gojq does not know, which jq refuses
// when it compiles ('foo/0 is not a valid format'): gojq compiles it and
// fails on every record instead. gojq decides which formats it knows: each
// one q names is tried alone, where only an unknown one says 'format not
// defined'.
func checkFormats(q *gojq.Query) error {
	var err error
	walk(reflect.ValueOf(q), func(node any) {
		t, ok := node.(*gojq.Term)
		if err != nil || !ok || t.Type != gojq.TermTypeFormat {
			return
		}
		alone, perr := gojq.Parse(t.Format)
		if perr != nil {
			err = perr
			return
		}
		v, _ := alone.Run(nil).Next()
		if e, ok := v.(error); ok && e.Error() == "format not defined: "+t.Format {
			err = e
		}
	})
	return err
}

// regexpArgs are jq's functions whose first argument is a regular
// expression, each with the fewest arguments it then takes: split with one
// splits at a plain string.
var regexpArgs = map[string]int{"test": 1, "match": 1, "capture": 1, "scan": 1, "splits": 1, "split": 2, "sub": 2, "gsub": 2}

// checkRegexps refuses a regular expression written as a plain string, the
// first argument of test, match and the others of regexpArgs, that does
// not compile: gojq compiles it on each record, and fails on every one. A
// function of q's own by such a name is left alone, and so is an
// expression made at run time. The regular expression is compiled without
// jq's flags, which only add (?i) or (?s) to it.
func checkRegexps(q *gojq.Query) error {
	defined := map[string]bool{}
	walk(reflect.ValueOf(q), func(node any) {
		if def, ok := node.(*gojq.FuncDef); ok {
			defined[def.Name] = true
		}
	})
	var err error
	walk(reflect.ValueOf(q), func(node any) {
		t, ok := node.(*gojq.Term)
		if err != nil || !ok || t.Type != gojq.TermTypeFunc || defined[t.Func.Name] {
			return
		}
		if least, ok := regexpArgs[t.Func.Name]; !ok || len(t.Func.Args) < least {
			return
		}
		if expr, ok := plainString(t.Func.Args[0]); ok {
			_, err = format.CompileRegexp(expr, "argument of "+t.Func.Name)
		}
	})
	return err
}

// recordFields are the fields of the record an expression sees (fill and
// setDecoded set them): the ones 'shore consume --json' writes.
var recordFields = []string{"topic", "partition", "offset", "timestamp", "timestamp_type", "key", "key_encoding", "key_schema", "value", "value_encoding", "value_schema", "headers", "leader_epoch"}

// kcatFields are the fields of kcat -J's lines that the record has under
// another name.
var kcatFields = map[string]string{"payload": ".value", "ts": ".timestamp", "tstype": ".timestamp_type"}

// checkFields refuses a field that q reads of the record itself (.payload,
// not .value.payload) when the record has no such field: it is null on
// every record, so that a filter on it matches none or all of them
// without a word, as kcat -J's names (payload, ts) and a JSON value's own
// fields written without .value (.amount) would. The error names the
// field meant, when it is clear which.
func checkFields(q *gojq.Query) error {
	var err error
	onRecord(q, func(name string) {
		if err != nil || slices.Contains(recordFields, name) {
			return
		}
		if header, ok := strings.CutPrefix(name, "headers."); ok {
			read := ".headers." + header
			if strings.IndexFunc(header, func(r rune) bool { return r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
				read = fmt.Sprintf(".headers[%q]", header)
			}
			err = fmt.Errorf("the record's headers are a list of {key, value}, which %s fails on (or, with ?, matches nothing): a header's value is (.headers[] | select(.key == %q) | .value)", read, header)
			return
		}
		none := fmt.Sprintf("the record has no field %q: .%s is null on every record", name, name)
		switch near := format.NearestName(name, recordFields); {
		case kcatFields[name] != "":
			err = fmt.Errorf("%s; kcat -J's %s is %s here", none, name, kcatFields[name])
		case name == "broker":
			err = fmt.Errorf("%s; kcat -J's broker, the one a record came from, is not given", none)
		case near != "":
			err = fmt.Errorf("%s (did you mean .%s?)", none, near)
		default:
			err = fmt.Errorf("%s; its fields are %s; a JSON value's own fields are under .value: .value.%s", none, strings.Join(recordFields, ", "), name)
		}
	})
	return err
}

// onRecord calls f with the name of each field that q reads of its input
// (.name, .["name"]; headers.name for .headers.name), where it is sure
// that input is the record: on either
// side of an operator but a pipe's right (.headers[] | .key reads a
// header's), in parentheses, select's argument, if's and try's parts, and
// the left of // unless its right reads a field of the record. Other
// places (an object built, reduce, a function's definition) are left out,
// and so is the left of an assignment, a field written (.t = .timestamp /
// 1000 | .t > 5 makes .t); the right of |= reads that field's value, of =,
// += and the others the record.
func onRecord(q *gojq.Query, f func(name string)) {
	switch {
	case q == nil:
	case q.Op == gojq.OpPipe:
		onRecord(q.Left, f)
	case q.Op == gojq.OpModify:
	case q.Op == gojq.OpAlt && readsRecordField(q.Right):
		// (.ts // .timestamp) is written for either shape of record:
		// the left is meant to be missing where the right is there.
		onRecord(q.Right, f)
	case slices.Contains(assignOps, q.Op):
		onRecord(q.Right, f)
	case q.Left != nil:
		onRecord(q.Left, f)
		onRecord(q.Right, f)
	default:
		onRecordTerm(q.Term, f)
	}
}

// readsRecordField reports whether q reads a field the record has.
func readsRecordField(q *gojq.Query) bool {
	found := false
	onRecord(q, func(name string) { found = found || slices.Contains(recordFields, name) })
	return found
}

// assignOps are jq's assignments whose right reads the input, the record,
// and not the value of the field written.
var assignOps = []gojq.Operator{gojq.OpAssign, gojq.OpUpdateAdd, gojq.OpUpdateSub, gojq.OpUpdateMul, gojq.OpUpdateDiv, gojq.OpUpdateMod, gojq.OpUpdateAlt}

// onRecordTerm is onRecord for a term.
func onRecordTerm(t *gojq.Term, f func(name string)) {
	if t == nil {
		return
	}
	switch t.Type {
	case gojq.TermTypeIndex:
		if name, ok := indexName(t.Index); ok {
			f(name)
			if name == "headers" && len(t.SuffixList) > 0 {
				if header, ok := keyName(t.SuffixList[0].Index); ok {
					f(name + "." + header)
				}
			}
		}
	case gojq.TermTypeQuery:
		onRecord(t.Query, f)
	case gojq.TermTypeUnary:
		onRecordTerm(t.Unary.Term, f)
	case gojq.TermTypeFunc:
		if t.Func.Name == "select" && len(t.Func.Args) == 1 {
			onRecord(t.Func.Args[0], f)
		}
	case gojq.TermTypeIf:
		onRecord(t.If.Cond, f)
		onRecord(t.If.Then, f)
		for _, elif := range t.If.Elif {
			onRecord(elif.Cond, f)
			onRecord(elif.Then, f)
		}
		onRecord(t.If.Else, f)
	case gojq.TermTypeTry:
		onRecord(t.Try.Body, f)
	}
}

// keyName is the name an index reads, written .name, ."name" or
// .["name"].
func keyName(ix *gojq.Index) (string, bool) {
	if name, ok := indexName(ix); ok {
		return name, true
	}
	if ix == nil || ix.IsSlice || ix.Start == nil || ix.End != nil {
		return "", false
	}
	return plainString(ix.Start)
}

// plainString is the string that q is when it is a string written out,
// without interpolation ("a\\d", not "\(.x)"), an index or a pipe.
func plainString(q *gojq.Query) (string, bool) {
	if q.Term == nil || q.Left != nil || q.Right != nil || len(q.FuncDefs) > 0 {
		return "", false
	}
	t := q.Term
	if t.Type != gojq.TermTypeString || len(t.Str.Queries) > 0 || len(t.SuffixList) > 0 {
		return "", false
	}
	return t.Str.Str, true
}

// walk calls f with each node (a pointer: a term, a function's
// definition) of the query at v, however deep.
func walk(v reflect.Value, f func(node any)) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		f(v.Interface())
		walk(v.Elem(), f)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walk(v.Field(i), f)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			walk(v.Index(i), f)
		}
	}
}

// markOffset shows expr with ⟨here⟩ where parsing stopped, on one line.
func markOffset(expr string, offset int) string {
	offset = min(max(offset, 0), len(expr))
	return strings.ReplaceAll(expr[:offset]+"⟨here⟩"+expr[offset:], "\n", " ")
}

// Halt is the error Match returns when the expression runs jq's halt or
// halt_error on a record: as jq stops reading its input there, consume is
// to end the run at that record, which is not a match.
type Halt struct {
	// Message is what halt_error was given, as jq prints it: a string
	// alone (less one final newline) when it is one line, else quoted, and
	// any other value as its JSON, cut to haltMessageBytes. halt gives
	// none.
	Message string
	// Failed is set by halt_error, which jq ends with a failing exit
	// status; halt's is 0.
	Failed bool
}

// haltMessageBytes is the most of halt_error's value that Halt keeps:
// halt_error given the record (. | halt_error) would put all of it, a
// value of megabytes perhaps, on one line of stderr.
const haltMessageBytes = 200

func (h *Halt) Error() string {
	if !h.Failed {
		return "halt"
	}
	return "halt_error: " + h.Message
}

// Failure reports whether the run ends as a failure (halt_error).
func (h *Halt) Failure() bool { return h.Failed }

// newHalt is the Halt of gojq's halt error e. Its exit code, not its
// value, tells halt (0) from halt_error (5 unless given), as it does jq's
// exit status: null | halt_error fails, saying null, and halt_error(0)
// ends the run as halt does.
func newHalt(e *gojq.HaltError) *Halt {
	if e.ExitCode() == 0 {
		return &Halt{}
	}
	v := e.Value()
	var msg string
	if s, ok := v.(string); ok && !strings.Contains(strings.TrimSuffix(s, "\n"), "\n") {
		msg = strings.TrimSuffix(s, "\n")
	} else {
		b, _ := gojq.Marshal(v) // it never fails
		msg = string(b)
	}
	if len(msg) > haltMessageBytes {
		cut := haltMessageBytes
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "..."
	}
	return &Halt{Message: format.Printable(msg), Failed: true}
}

// Match reports whether the expression yields a truthy value (anything
// but false and null) for r: its outputs are taken in order until the
// first truthy one, and an expression with no output does not match. An
// error before a truthy output is returned, and is not a match. The end of
// ctx stops an expression that runs long or forever (def f: f; f) with
// ctx's error. An expression that runs halt or halt_error returns *Halt.
//
// d, when not nil, holds r's key and value as consume decoded them: the
// expression sees a decoded side as --json writes it, its JSON with
// key_encoding or value_encoding "json" and key_schema or value_schema
// when a registry schema decoded it.
func (f *Filter) Match(ctx context.Context, r *kgo.Record, d *format.Decoded) (bool, error) {
	if d != nil && (d.Key != nil || d.Value != nil) {
		view := *r
		if d.Key != nil {
			view.Key = d.Key.JSON
		}
		if d.Value != nil {
			view.Value = d.Value.JSON
		}
		r = &view
	} else {
		d = nil
	}
	if f.fast != nil {
		if match, ok := f.fast.eval(r); ok {
			return match, nil
		}
	}
	e := f.env.fill(r)
	if d != nil {
		f.env.setDecoded("key", d.Key, &f.keySchema)
		f.env.setDecoded("value", d.Value, &f.valueSchema)
	}
	iter := f.code.RunWithContext(ctx, e)
	for {
		v, ok := iter.Next()
		if !ok {
			return false, nil
		}
		switch v := v.(type) {
		case error:
			var halt *gojq.HaltError
			if errors.As(v, &halt) {
				return false, newHalt(halt)
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
