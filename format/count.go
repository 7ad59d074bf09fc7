package format

import "strconv"

// Count words n things for a message: "1 record", "0 records", "3
// records". noun is the singular, made plural with an s.
func Count[N ~int | ~int32 | ~int64](n N, noun string) string {
	s := strconv.FormatInt(int64(n), 10) + " " + noun
	if n != 1 {
		s += "s"
	}
	return s
}
