package filter

import (
	"bytes"
	"cmp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/itchyny/gojq"
	"github.com/twmb/franz-go/pkg/kgo"
)

// fastExpr evaluates the expressions most filters are (a record field or
// a path into a JSON key or value compared with a literal, such comparisons
// joined by and/or, perhaps inside select()) straight on the record's
// bytes, allocating nothing. Where its answer could differ from jq's (a
// path into something that is not an object, an escaped string, a number
// too large for an int) it declines, ok false, and gojq decides.
type fastExpr interface {
	eval(r *kgo.Record) (match, ok bool)
}

// compileFast returns the fast form of q, or nil when q has a shape it
// does not know.
func compileFast(q *gojq.Query) fastExpr {
	if q == nil || q.Meta != nil || len(q.Imports) > 0 || len(q.FuncDefs) > 0 || len(q.Patterns) > 0 {
		return nil
	}
	switch q.Op {
	case gojq.OpAnd, gojq.OpOr:
		l, r := compileFast(q.Left), compileFast(q.Right)
		if l == nil || r == nil {
			return nil
		}
		return logical{and: q.Op == gojq.OpAnd, l: l, r: r}
	case gojq.OpEq, gojq.OpNe, gojq.OpLt, gojq.OpLe, gojq.OpGt, gojq.OpGe:
		if path, ok := fieldPath(q.Left); ok {
			if lit, ok := literal(q.Right); ok {
				return comparison{op: q.Op, path: path, lit: lit}
			}
		}
		if path, ok := fieldPath(q.Right); ok {
			if lit, ok := literal(q.Left); ok {
				return comparison{op: flip(q.Op), path: path, lit: lit}
			}
		}
		return nil
	case 0:
	default:
		return nil
	}
	t := q.Term
	if t == nil || len(t.SuffixList) > 0 {
		return nil
	}
	switch {
	case t.Type == gojq.TermTypeQuery:
		return compileFast(t.Query)
	case t.Type == gojq.TermTypeFunc && t.Func.Name == "select" && len(t.Func.Args) == 1:
		// select(E) outputs the record, which is truthy, when E is true.
		return compileFast(t.Func.Args[0])
	}
	return nil
}

// flip turns `lit OP path` into `path OP' lit`.
func flip(op gojq.Operator) gojq.Operator {
	switch op {
	case gojq.OpLt:
		return gojq.OpGt
	case gojq.OpLe:
		return gojq.OpGe
	case gojq.OpGt:
		return gojq.OpLt
	case gojq.OpGe:
		return gojq.OpLe
	}
	return op
}

// The envelope fields a fast path reads; key and value take a path below.
var fastFields = map[string]bool{"topic": true, "partition": true, "offset": true, "timestamp": true, "timestamp_type": true, "leader_epoch": true, "key": true, "value": true}

// fieldPath reads .a.b.c (names only, no optional or iteration) whose first
// name is a field fastFields knows.
func fieldPath(q *gojq.Query) ([]string, bool) {
	if q == nil || q.Op != 0 || q.Term == nil || q.Term.Type != gojq.TermTypeIndex || q.Left != nil || len(q.FuncDefs) > 0 {
		return nil, false
	}
	first, ok := indexName(q.Term.Index)
	if !ok || !fastFields[first] {
		return nil, false
	}
	path := []string{first}
	for _, s := range q.Term.SuffixList {
		if s.Index == nil || s.Iter || s.Optional {
			return nil, false
		}
		name, ok := indexName(s.Index)
		if !ok {
			return nil, false
		}
		path = append(path, name)
	}
	if len(path) > 1 && first != "key" && first != "value" {
		return nil, false
	}
	return path, true
}

func indexName(ix *gojq.Index) (string, bool) {
	switch {
	case ix == nil || ix.IsSlice || ix.Start != nil || ix.End != nil:
		return "", false
	case ix.Name != "":
		return ix.Name, true
	case ix.Str != nil && len(ix.Str.Queries) == 0:
		return ix.Str.Str, true
	}
	return "", false
}

// The kinds of scalar, in jq's order of types.
const (
	kindNull = iota
	kindFalse
	kindTrue
	kindNumber
	kindString
)

// scalar is a JSON scalar; a string is in str, or in b when it comes from
// a record's bytes.
type scalar struct {
	kind  int
	isInt bool
	i     int
	f     float64
	str   string
	b     []byte
	fromB bool
}

// literal reads a null, boolean, number or string literal (no
// interpolation).
func literal(q *gojq.Query) (scalar, bool) {
	if q == nil || q.Op != 0 || q.Term == nil || len(q.Term.SuffixList) > 0 {
		return scalar{}, false
	}
	t := q.Term
	switch t.Type {
	case gojq.TermTypeNull:
		return scalar{kind: kindNull}, true
	case gojq.TermTypeFalse:
		return scalar{kind: kindFalse}, true
	case gojq.TermTypeTrue:
		return scalar{kind: kindTrue}, true
	case gojq.TermTypeNumber:
		return numberLiteral(t.Number, false)
	case gojq.TermTypeUnary:
		if t.Unary.Op == gojq.OpSub && t.Unary.Term.Type == gojq.TermTypeNumber && len(t.Unary.Term.SuffixList) == 0 {
			return numberLiteral(t.Unary.Term.Number, true)
		}
	case gojq.TermTypeString:
		if t.Str != nil && len(t.Str.Queries) == 0 {
			return scalar{kind: kindString, str: t.Str.Str, b: []byte(t.Str.Str)}, true
		}
	}
	return scalar{}, false
}

func numberLiteral(text string, negative bool) (scalar, bool) {
	if !strings.ContainsAny(text, ".eE") {
		n, err := strconv.Atoi(text)
		if err != nil {
			return scalar{}, false
		}
		if negative {
			n = -n
		}
		return scalar{kind: kindNumber, isInt: true, i: n}, true
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return scalar{}, false
	}
	if negative {
		f = -f
	}
	return scalar{kind: kindNumber, f: f}, true
}

// compare orders a and b as jq does: by kind, then by value.
func compare(a, b scalar) int {
	if a.kind != b.kind {
		return cmp.Compare(a.kind, b.kind)
	}
	switch a.kind {
	case kindNumber:
		if a.isInt && b.isInt {
			return cmp.Compare(a.i, b.i)
		}
		return cmp.Compare(a.float(), b.float())
	case kindString:
		if a.fromB {
			// b is a literal, which has both forms.
			return bytes.Compare(a.b, b.b)
		}
		return strings.Compare(a.str, b.str)
	}
	return 0
}

func (s scalar) float() float64 {
	if s.isInt {
		return float64(s.i)
	}
	return s.f
}

type logical struct {
	and  bool
	l, r fastExpr
}

func (e logical) eval(r *kgo.Record) (bool, bool) {
	l, ok := e.l.eval(r)
	if !ok {
		return false, false
	}
	// jq does not evaluate the right side when the left decides.
	if l != e.and {
		return l, true
	}
	return e.r.eval(r)
}

type comparison struct {
	op   gojq.Operator
	path []string
	lit  scalar
}

func (e comparison) eval(r *kgo.Record) (bool, bool) {
	v, ok := fieldValue(r, e.path)
	if !ok {
		return false, false
	}
	c := compare(v, e.lit)
	switch e.op {
	case gojq.OpEq:
		return c == 0, true
	case gojq.OpNe:
		return c != 0, true
	case gojq.OpLt:
		return c < 0, true
	case gojq.OpLe:
		return c <= 0, true
	case gojq.OpGt:
		return c > 0, true
	}
	return c >= 0, true
}

// fieldValue is the scalar at path in r's envelope.
func fieldValue(r *kgo.Record, path []string) (scalar, bool) {
	switch path[0] {
	case "topic":
		return scalar{kind: kindString, str: r.Topic}, true
	case "partition":
		return scalar{kind: kindNumber, isInt: true, i: int(r.Partition)}, true
	case "offset":
		return scalar{kind: kindNumber, isInt: true, i: int(r.Offset)}, true
	case "timestamp":
		return scalar{kind: kindNumber, isInt: true, i: int(r.Timestamp.UnixMilli())}, true
	case "leader_epoch":
		return scalar{kind: kindNumber, isInt: true, i: int(r.LeaderEpoch)}, true
	case "timestamp_type":
		if r.Attrs.TimestampType() == 1 {
			return scalar{kind: kindString, str: "log_append"}, true
		}
		return scalar{kind: kindString, str: "create"}, true
	case "key":
		return bytesValue(r.Key, path[1:])
	}
	return bytesValue(r.Value, path[1:])
}

// bytesValue is the scalar at path in a key or value, seen as the envelope
// shows it: null, a JSON document, or else a string.
func bytesValue(b []byte, path []string) (scalar, bool) {
	if b == nil {
		// .x of null is null.
		return scalar{kind: kindNull}, true
	}
	res := notJSON
	var v scalar
	if mayBeJSON(b) {
		p := jsonParser{b: b}
		p.space()
		if v, res = p.lookup(path, 0); res == found {
			p.space()
			if p.i != len(b) {
				res = notJSON
			}
		}
	}
	switch res {
	case found:
		return v, true
	case declined:
		return scalar{}, false
	}
	// Text: indexing it is an error, and text that is not UTF-8 is base64
	// in the envelope; gojq says what then.
	if len(path) > 0 || !utf8.Valid(b) {
		return scalar{}, false
	}
	return scalar{kind: kindString, b: b, fromB: true}, true
}

// The outcomes of a lookup.
const (
	found = iota
	notJSON
	declined
)

// lookup finds the scalar at path in the JSON value at p.i, checking the
// value as it goes, in one pass and without allocating. It declines
// objects, arrays, escaped strings and keys, big integers, and indexing
// anything but an object or null (an error in jq); a missing key is null.
func (p *jsonParser) lookup(path []string, depth int) (scalar, int) {
	if p.i >= len(p.b) || depth > maxDepth {
		return scalar{}, notJSON
	}
	c := p.b[p.i]
	if len(path) == 0 {
		return p.lookupScalar(depth)
	}
	if c != '{' {
		if _, ok := p.value(depth); !ok {
			return scalar{}, notJSON
		}
		if c == 'n' {
			return scalar{kind: kindNull}, found
		}
		return scalar{}, declined
	}
	v, res := scalar{kind: kindNull}, found
	if p.open('}') {
		return v, res
	}
	for {
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return scalar{}, notJSON
		}
		start := p.i
		if _, ok := p.string(); !ok {
			return scalar{}, notJSON
		}
		key := p.b[start+1 : p.i-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			return scalar{}, declined
		}
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return scalar{}, notJSON
		}
		p.i++
		p.space()
		if string(key) == path[0] {
			// The last of equal keys wins, as in a parsed object.
			if v, res = p.lookup(path[1:], depth+1); res != found {
				return v, res
			}
		} else if _, ok := p.value(depth + 1); !ok {
			return scalar{}, notJSON
		}
		switch more, ok := p.next('}'); {
		case !ok:
			return scalar{}, notJSON
		case !more:
			return v, res
		}
	}
}

// lookupScalar reads the value at p.i as a scalar.
func (p *jsonParser) lookupScalar(depth int) (scalar, int) {
	start := p.i
	switch c := p.b[p.i]; c {
	case '"':
		if _, ok := p.string(); !ok {
			return scalar{}, notJSON
		}
		s := p.b[start+1 : p.i-1]
		if bytes.IndexByte(s, '\\') >= 0 {
			return scalar{}, declined
		}
		return scalar{kind: kindString, b: s, fromB: true}, found
	case '{', '[', 't', 'f', 'n':
		if _, ok := p.value(depth); !ok {
			return scalar{}, notJSON
		}
		switch c {
		case 't':
			return scalar{kind: kindTrue}, found
		case 'f':
			return scalar{kind: kindFalse}, found
		case 'n':
			return scalar{kind: kindNull}, found
		}
		return scalar{}, declined
	}
	small, integer, ok := p.scanNumber()
	switch {
	case !ok:
		return scalar{}, notJSON
	case small:
		return scalar{kind: kindNumber, isInt: true, i: p.smallInt(start)}, found
	case integer:
		// Perhaps beyond an int: gojq keeps those exact.
		return scalar{}, declined
	}
	f, _ := strconv.ParseFloat(string(p.b[start:p.i]), 64)
	return scalar{kind: kindNumber, f: f}, found
}
