package topics

import (
	"regexp"
	"slices"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/format"
)

// Regexes are the regular expressions that select topics by name for
// consume -r, topics list -r and topics describe -r. A topic matches when
// one of them matches anywhere in its name, as Go's regexp.MatchString
// does: orders matches orders and old-orders, ^orders$ only orders.
type Regexes []*regexp.Regexp

// CompileRegexes compiles each expression in Go's RE2 syntax; the error
// names the first that does not compile, and where (a flag) says what gave
// the expressions.
func CompileRegexes(exprs []string, where string) (Regexes, error) {
	rs := make(Regexes, 0, len(exprs))
	for _, e := range exprs {
		re, err := format.CompileRegexp(e, where)
		if err != nil {
			return nil, err
		}
		rs = append(rs, re)
	}
	return rs, nil
}

// Match says whether one of the expressions matches name.
func (rs Regexes) Match(name string) bool {
	return slices.ContainsFunc(rs, func(re *regexp.Regexp) bool { return re.MatchString(name) })
}

// Keep removes from tds every topic that no expression matches, and every
// topic listed with an error.
func (rs Regexes) Keep(tds kadm.TopicDetails) {
	for name, td := range tds {
		if td.Err != nil || !rs.Match(name) {
			delete(tds, name)
		}
	}
}

// NoMatchError says that no topic's name matches the expressions, each
// quoted as it was typed: no topic matches "^orders\." or "^audit$".
type NoMatchError struct {
	Regexes Regexes
	// Hidden is set when the brokers plausibly hide topics from this login
	// (HidesTopics): no topic this login may describe matches "^orders\.".
	Hidden bool
}

func (e *NoMatchError) Error() string {
	seen := ""
	if e.Hidden {
		seen = " this login may describe"
	}
	return "no topic" + seen + " matches " + format.List(e.Regexes.quoted(), "or")
}

// quoted is each expression quoted as it was typed, for a message.
func (rs Regexes) quoted() []string {
	exprs := make([]string, len(rs))
	for i, re := range rs {
		exprs[i] = format.QuotedAsTyped(re.String())
	}
	return exprs
}
