package jsontext

import "testing"

// TestLoneSurrogate finds half a surrogate pair in strings, keys included,
// and stops or skips where the text is not JSON rather than read past it.
func TestLoneSurrogate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{`"\ud83d"`, 1},
		{`{"a":"x\udcff"}`, 7},
		{`{"k\ude00":1}`, 3},
		{`["\ud83d\u0041"]`, 2},
		{`"\ud83d\ude00 \\ud83d \u00e9"`, -1},
		{`"\ude00\ud83d"`, 1},
		{`{"a":1}`, -1},
		{`"\u"`, -1},
		{`"\ud83`, -1},
		{`"x\ud83d`, -1},
		{`"\ud83d\u"`, 1},
	} {
		if got := LoneSurrogate([]byte(c.in)); got != c.want {
			t.Errorf("LoneSurrogate(%s) = %d, want %d", c.in, got, c.want)
		}
	}
}
