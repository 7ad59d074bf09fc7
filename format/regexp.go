package format

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
)

// CompileRegexp compiles expr in Go's RE2 syntax, as regexp.Compile does.
// Its error is one line that names expr, what gave it (where: a flag or an
// argument, "" for none) and what is wrong, without Go's "error parsing
// regexp": bad regular expression "[" (argument of -r/--regex): missing
// closing ].
func CompileRegexp(expr, where string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(expr)
	if err == nil {
		return re, nil
	}
	if where != "" {
		where = " (" + where + ")"
	}
	return nil, fmt.Errorf("bad regular expression %s%s: %s", QuotedAsTyped(expr), where, regexpProblem(expr, err))
}

// regexpProblem is what regexp.Compile's err says is wrong with expr:
// "missing closing ]", with the part at fault when it is not the whole
// ('invalid escape sequence at "\q"'), and for Perl's lookaround and
// backreferences, which Go's parser refuses in other words, that RE2 has
// none.
func regexpProblem(expr string, err error) string {
	var se *syntax.Error
	if !errors.As(err, &se) {
		return err.Error()
	}
	problem := string(se.Code)
	if se.Expr != "" && se.Expr != expr {
		problem += " at " + QuotedAsTyped(se.Expr)
	}
	switch {
	case strings.HasPrefix(se.Expr, "(?=") || strings.HasPrefix(se.Expr, "(?!") || strings.HasPrefix(se.Expr, "(?<=") || strings.HasPrefix(se.Expr, "(?<!"):
		problem += " (Go's RE2 syntax has no lookahead or lookbehind)"
	case se.Code == syntax.ErrInvalidEscape && len(se.Expr) == 2 && se.Expr[1] >= '1' && se.Expr[1] <= '9':
		problem += " (Go's RE2 syntax has no backreferences)"
	}
	return problem
}
