package format

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Count words n things for a message: "1 record", "0 records", "3
// records". noun is the singular, made plural with an s.
func Count[N ~int | ~int32 | ~int64](n N, noun string) string {
	s := strconv.FormatInt(int64(n), 10) + " " + noun
	if n != 1 {
		s += "s"
	}
	return s
}

// Agree is one, or many when n things are not one: the words after a
// list of n things agree with it ("its", "their").
func Agree(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// List words items for a message: "a", "a or b", "a, b or c" with conj
// "or". items must not be empty.
func List(items []string, conj string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

// Quoted words names for a message, each quoted as Go quotes a string
// and listed by List: "a", "a" and "b", "a", "b" and "c". It is how
// shore names several topics, groups or arguments in one line.
func Quoted(names []string, conj string) string {
	return QuotedFew(names, conj, len(names))
}

// QuotedFew is Quoted naming at most most of names (2 or more), the rest
// counted: "a", "b" and 3 more, for lists that a shell glob or a file can
// make long.
func QuotedFew(names []string, conj string, most int) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	return Few(quoted, conj, most)
}

// QuotedAsTyped quotes an expression (a regular expression, a filter) for
// a message as the user typed it, between double quotes: "^orders\.$",
// where Go's quoting would double the backslash ("^orders\\.$") and name
// another expression. One holding a double quote, or a character that does
// not print, is quoted as Go quotes a string, so that it can still be read.
func QuotedAsTyped(expr string) string {
	plain := utf8.ValidString(expr) && !strings.ContainsFunc(expr, func(r rune) bool {
		return r == '"' || !unicode.IsPrint(r)
	})
	if !plain {
		return strconv.Quote(expr)
	}
	return `"` + expr + `"`
}

// Few is List naming at most most of items (2 or more), the rest counted:
// "a, b and 3 more". items must not be empty.
func Few(items []string, conj string, most int) string {
	if len(items) > most {
		items = append(items[:most-1:most-1], strconv.Itoa(len(items)-most+1)+" more")
	}
	return List(items, conj)
}

// Clause is the sentence s, as kerr describes a Kafka error code or a
// broker explains a refusal, without its closing period, so that a message
// can go on after it.
func Clause(s string) string {
	return strings.TrimSuffix(s, ".")
}
