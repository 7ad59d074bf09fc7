package consume

import (
	"testing"
	"time"
)

// TestFetchedTime: the timestamps franz-go's fetch builds with time.Unix(0,
// ms*1e6), wrapped past 2262, are read back as the milliseconds the record
// holds.
func TestFetchedTime(t *testing.T) {
	for _, ms := range []int64{
		0, 1, 1763856000000,
		9223372036854,   // 2262-04-11T23:47:16.854Z, the last that does not wrap
		9223372036855,   // the first that does
		253402300799999, // 9999-12-31T23:59:59.999Z
		-1, -5, -9223372036855,
		1 << 56, -(1 << 56), // about ±2.3 million years
	} {
		fetched := time.Unix(0, ms*int64(time.Millisecond)) // as franz-go's timeFromMillis, wrapping
		if got := fetchedTime(fetched).UnixMilli(); got != ms {
			t.Errorf("fetchedTime(time.Unix(0, %d*1e6)) = %d ms; want %d", ms, got, ms)
		}
	}
}
