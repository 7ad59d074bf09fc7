package format

import (
	"strings"
	"unicode/utf8"
)

// Typos is the optimal string alignment distance between a and b: the
// fewest letters inserted, deleted or replaced, or two neighbours swapped,
// that turn one into the other, no letter edited twice. A swap (wiat for
// wait) is one typo, as git's "did you mean" counts it, where Levenshtein's
// distance counts two. It counts letters, not bytes: é for e is one typo.
func Typos(as, bs string) int {
	a, b := []rune(as), []rune(bs)
	// Three rows of the table: the row two letters of a back is where a
	// swap of a's last two letters starts from.
	beforePrev, prev := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			replace := prev[j-1]
			if a[i-1] != b[j-1] {
				replace++
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, replace)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], beforePrev[j-2]+1)
			}
		}
		beforePrev, prev = prev, cur
	}
	return prev[len(b)]
}

// Nearest is the one of candidates closest to word, as fold sees each
// candidate, within most typos; "" when none is, or when two are equally
// close (a suggestion then would be a guess).
func Nearest(word string, candidates []string, fold func(string) string, most int) string {
	best, bestDistance, tie := "", most+1, false
	for _, c := range candidates {
		switch d := Typos(word, fold(c)); {
		case d < bestDistance:
			best, bestDistance, tie = c, d, false
		case d == bestDistance:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// NearestName is the one of names, a cluster's topics or groups or a
// registry's subjects, closest to name, the one asked for, within
// MostTypos; or else the one that differs from it only in case (ORDERS for
// orders: Kafka's names and a registry's subjects are case-sensitive, a
// dashboard's or a runbook's upper case is not). "" when none is, or when
// two are equally close.
func NearestName(name string, names []string) string {
	if near := Nearest(name, names, func(s string) string { return s }, MostTypos(name)); near != "" {
		return near
	}
	return Nearest(strings.ToLower(name), names, strings.ToLower, 0)
}

// MostTypos is how many typos a name the user typed may hold and still be
// taken for another: two, and one in a name under five letters, where two
// make another word.
func MostTypos(word string) int {
	if utf8.RuneCountInString(word) < 5 {
		return 1
	}
	return 2
}

// FoldName is a setting's name as comparisons of names see it: lower case,
// without the '-', '_' and '.' that tools spell names with differently
// (RETENTION_MS, retention-ms and retention.ms are one).
func FoldName(name string) string {
	return nameSeparators.Replace(strings.ToLower(name))
}

// nameSeparators drops what FoldName ignores.
var nameSeparators = strings.NewReplacer("-", "", "_", "", ".", "")
