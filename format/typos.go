package format

import "strings"

// Typos is the Levenshtein distance between a and b: the fewest letters
// inserted, deleted or replaced that turn one into the other.
func Typos(a, b string) int {
	prev := make([]int, len(b)+1)
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
		}
		prev = cur
	}
	return prev[len(b)]
}

// FoldName is a setting's name as comparisons of names see it: lower case,
// without the '-', '_' and '.' that tools spell names with differently
// (RETENTION_MS, retention-ms and retention.ms are one).
func FoldName(name string) string {
	return nameSeparators.Replace(strings.ToLower(name))
}

// nameSeparators drops what FoldName ignores.
var nameSeparators = strings.NewReplacer("-", "", "_", "", ".", "")
