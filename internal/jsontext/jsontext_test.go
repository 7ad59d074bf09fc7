package jsontext

import "testing"

// TestLoneSurrogate finds half a surrogate pair in strings, keys included,
// and stops or skips where the text is not JSON rather than read past it;
// LoneHighSurrogate only a first half alone, which jq refuses.
func TestLoneSurrogate(t *testing.T) {
	for _, c := range []struct {
		in         string
		want, high int
	}{
		{`"\ud83d"`, 1, 1},
		{`{"a":"x\udcff"}`, 7, -1},
		{`{"k\ude00":1}`, 3, -1},
		{`["\ud83d\u0041"]`, 2, 2},
		{`"\ud83d\ude00 \\ud83d \u00e9"`, -1, -1},
		{`"\ude00\ud83d"`, 1, 7},
		{`["\udc00","\udbff\udfff","\ud800"]`, 2, 26},
		{`{"a":1}`, -1, -1},
		{`"\u"`, -1, -1},
		{`"\ud83`, -1, -1},
		{`"x\ud83d`, -1, -1},
		{`"\ud83d\u"`, 1, 1},
	} {
		if got := LoneSurrogate([]byte(c.in)); got != c.want {
			t.Errorf("LoneSurrogate(%s) = %d, want %d", c.in, got, c.want)
		}
		if got := LoneHighSurrogate([]byte(c.in)); got != c.high {
			t.Errorf("LoneHighSurrogate(%s) = %d, want %d", c.in, got, c.high)
		}
	}
}

// TestJQDepth counts as jq's parser does: an array one level, an object
// two, nothing in a string.
func TestJQDepth(t *testing.T) {
	for in, want := range map[string]int{
		`1`:                     0,
		`"[{"`:                  0,
		`[]`:                    1,
		`{"a":[1]}`:             3,
		`[[],[[]],{}]`:          3,
		`{"a":"]}\"}}","b":{}}`: 4,
		`{"a":1`:                2,
	} {
		if got := JQDepth([]byte(in)); got != want {
			t.Errorf("JQDepth(%s) = %d, want %d", in, got, want)
		}
	}
}
