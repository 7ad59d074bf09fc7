package filter

import (
	"encoding/json"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kafkashore/shore/internal/jsontext"
)

func TestParseJSON(t *testing.T) {
	big20, _ := new(big.Int).SetString("12345678901234567890", 10)
	for _, tc := range []struct {
		in   string
		want any
		ok   bool
	}{
		{`{"a": [1, -2, 3.5, 1e3, true, false, null], "b": {}}`, map[string]any{"a": []any{1, -2, 3.5, 1000.0, true, false, nil}, "b": map[string]any{}}, true},
		{` "x\n\u00e9\ud83d\ude00\/" `, "x\né😀/", true},
		{`12345678901234567890`, big20, true},
		{`-9223372036854775808`, -9223372036854775808, true},
		{`1e400`, json.Number("+Inf"), true},
		{`[]`, []any{}, true},
		{`["\udc00x", "\udbff\udfff"]`, []any{"\ufffdx", "\U0010ffff"}, true},
		{`{"a":"x\ud800y"}`, nil, false},
		{`"\ud800\u0041"`, nil, false},
		{`01`, nil, false},
		{`1.`, nil, false},
		{`-`, nil, false},
		{`{"a":1,}`, nil, false},
		{`[1 2]`, nil, false},
		{`"a` + "\x01" + `"`, nil, false},
		{`"\x"`, nil, false},
		{"\"\xff\"", nil, false},
		{`tru`, nil, false},
		{`{} x`, nil, false},
		{``, nil, false},
		{strings.Repeat("[", maxDepth+2) + strings.Repeat("]", maxDepth+2), nil, false},
	} {
		got, ok := parseJSON([]byte(tc.in))
		if ok != tc.ok {
			t.Errorf("%q: ok %v; want %v", tc.in, ok, tc.ok)
			continue
		}
		if n, isNumber := tc.want.(json.Number); isNumber {
			if f, _ := got.(float64); n == "+Inf" && f < 1e308 {
				t.Errorf("%q: %v; want +Inf", tc.in, got)
			}
			continue
		}
		if ok && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %#v; want %#v", tc.in, got, tc.want)
		}
	}
}

// FuzzParseJSON checks parseJSON against encoding/json: the same documents
// are valid, but those jq refuses for the first half of a surrogate pair
// alone, and they parse to the same values.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5,"x\u0041"]}`, `null`, `-0.0e+1`, `"\ud800"`, `"\ud800\u0041"`, `[{}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := parseJSON(b)
		valid := json.Valid(b) && utf8.Valid(b) && jsontext.LoneHighSurrogate(b) < 0 && !strings.Contains(string(b), strings.Repeat("[", maxDepth))
		if ok != valid && !(ok == false && strings.Count(string(b), "[")+strings.Count(string(b), "{") > maxDepth) {
			t.Fatalf("%q: ok %v; encoding/json says valid %v", b, ok, valid)
		}
		if !ok {
			return
		}
		var want any
		if err := json.Unmarshal(b, &want); err != nil {
			return // a number out of float64's range, which jq takes as ±Inf
		}
		again, err := json.Marshal(got)
		if err != nil {
			return // ±Inf, which encoding/json cannot write
		}
		var gotStd any
		if err := json.Unmarshal(again, &gotStd); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotStd, want) {
			t.Fatalf("%q: %#v; encoding/json: %#v", b, gotStd, want)
		}
	})
}
