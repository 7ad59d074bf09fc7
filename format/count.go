package format

import (
	"strconv"
	"strings"
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

// List words items for a message: "a", "a or b", "a, b or c" with conj
// "or". items must not be empty.
func List(items []string, conj string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

// Clause is the sentence s, as kerr describes a Kafka error code or a
// broker explains a refusal, without its closing period, so that a message
// can go on after it.
func Clause(s string) string {
	return strings.TrimSuffix(s, ".")
}
