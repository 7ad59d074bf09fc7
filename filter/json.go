package filter

import (
	"math/big"
	"strconv"
	"unicode/utf8"

	"github.com/kafkashore/shore/internal/jsontext"
)

// maxDepth bounds the nesting parseJSON follows, so hostile input cannot
// exhaust the stack; deeper documents are taken as text.
const maxDepth = 512

// parseJSON parses one JSON document into the values gojq works on
// (map[string]any, []any, string, int, *big.Int, float64, bool, nil), in one
// pass and without reflection: it runs for every record a filter sees. ok is
// false when b is not exactly one valid JSON document (surrounding
// whitespace aside); invalid UTF-8 inside a string counts as not valid, and
// so does an escape of half a surrogate pair that jq refuses (escaped).
func parseJSON(b []byte) (v any, ok bool) {
	p := jsonParser{b: b, build: true}
	p.space()
	v, ok = p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	return v, p.i == len(p.b)
}

// jsonParser parses JSON text; without build it only checks and skips
// values, allocating nothing, and its values are nil.
type jsonParser struct {
	b     []byte
	i     int
	build bool
}

func (p *jsonParser) space() {
	p.i = jsontext.SkipSpace(p.b, p.i)
}

func (p *jsonParser) value(depth int) (any, bool) {
	if p.i >= len(p.b) || depth > maxDepth {
		return nil, false
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		return p.string()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	for _, lit := range [...]struct {
		text string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if len(p.b)-p.i >= len(lit.text) && string(p.b[p.i:p.i+len(lit.text)]) == lit.text {
			p.i += len(lit.text)
			return lit.v, true
		}
	}
	return nil, false
}

func (p *jsonParser) object(depth int) (any, bool) {
	var m map[string]any
	if p.build {
		m = map[string]any{}
	}
	if p.open('}') {
		return m, true
	}
	for {
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return nil, false
		}
		k, ok := p.string()
		if !ok {
			return nil, false
		}
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return nil, false
		}
		p.i++
		p.space()
		v, ok := p.value(depth)
		if !ok {
			return nil, false
		}
		if p.build {
			m[k.(string)] = v
		}
		if more, ok := p.next('}'); !ok || !more {
			return m, ok
		}
	}
}

// open moves past the { or [ at p.i and reports whether close follows at
// once (an empty object or array), moving past it too.
func (p *jsonParser) open(close byte) bool {
	p.i++
	p.space()
	if p.i < len(p.b) && p.b[p.i] == close {
		p.i++
		return true
	}
	return false
}

// next moves past the ',' after a member or element (more is true) or the
// close that ends them; ok is false for anything else.
func (p *jsonParser) next(close byte) (more, ok bool) {
	p.space()
	if p.i >= len(p.b) {
		return false, false
	}
	switch p.b[p.i] {
	case ',':
		p.i++
		p.space()
		return true, true
	case close:
		p.i++
		return false, true
	}
	return false, false
}

func (p *jsonParser) array(depth int) (any, bool) {
	var a []any
	if p.build {
		a = []any{}
	}
	if p.open(']') {
		return a, true
	}
	for {
		v, ok := p.value(depth)
		if !ok {
			return nil, false
		}
		if p.build {
			a = append(a, v)
		}
		if more, ok := p.next(']'); !ok || !more {
			return a, ok
		}
	}
}

// string parses a string; without escapes it is one conversion.
func (p *jsonParser) string() (any, bool) {
	p.i++ // "
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			if !utf8.Valid(s) {
				return nil, false
			}
			if !p.build {
				return nil, true
			}
			return string(s), true
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return nil, false
		}
		p.i++
	}
	return nil, false
}

// escaped finishes a string that has an escape at p.i. A string with the
// first half of a UTF-16 surrogate pair alone is not valid, as jq has it
// (jsontext.LoneHighSurrogate); a second half alone is U+FFFD, as in jq.
func (p *jsonParser) escaped(start int) (any, bool) {
	end, ok := jsontext.StringEnd(p.b, start-1)
	if !ok || jsontext.LoneHighSurrogate(p.b[start-1:end]) >= 0 {
		return nil, false
	}
	out, err := jsontext.Unquote(p.b[start-1:end], nil)
	if err != nil {
		return nil, false
	}
	p.i = end
	if !p.build {
		return nil, true
	}
	return string(out), true
}

// number parses a number: an integer that fits an int is an int, a larger
// one a *big.Int (as gojq keeps them), anything else a float64.
func (p *jsonParser) number() (any, bool) {
	start := p.i
	small, integer, ok := p.scanNumber()
	switch {
	case !ok:
		return nil, false
	case !p.build:
		return nil, true
	case small:
		return p.smallInt(start), true
	}
	text := string(p.b[start:p.i])
	if integer {
		if n, err := strconv.Atoi(text); err == nil {
			return n, true
		}
		n, _ := new(big.Int).SetString(text, 10)
		return n, true
	}
	// The scan ruled out malformed numbers, so an error can only be a
	// range error, where ParseFloat returns ±Inf or 0 as jq takes them.
	f, _ := strconv.ParseFloat(text, 64)
	return f, true
}

// scanNumber moves past the number at p.i. small is true for an integer
// short enough to fit an int whatever its digits (smallInt reads it).
func (p *jsonParser) scanNumber() (small, integer, ok bool) {
	if p.b[p.i] == '-' {
		p.i++
	}
	digits := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	if p.i == digits || p.b[digits] == '0' && p.i-digits > 1 {
		return false, false, false
	}
	integer = true
	if p.i < len(p.b) && p.b[p.i] == '.' {
		integer = false
		p.i++
		if !p.digits() {
			return false, false, false
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		integer = false
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if !p.digits() {
			return false, false, false
		}
	}
	return integer && p.i-digits <= 18 && strconv.IntSize == 64, integer, true
}

// smallInt converts the small integer from start to p.i without a string.
func (p *jsonParser) smallInt(start int) int {
	n := 0
	digits := p.b[start:p.i]
	if digits[0] == '-' {
		digits = digits[1:]
	}
	for _, c := range digits {
		n = n*10 + int(c-'0')
	}
	if p.b[start] == '-' {
		n = -n
	}
	return n
}

func (p *jsonParser) digits() bool {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}
