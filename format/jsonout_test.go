package format

import (
	"bytes"
	"encoding/json"
	"testing"
)

// part is a json.Marshaler that builds its text with MarshalJSON, as
// config view's ordered objects do.
type part string

func (p part) MarshalJSON() ([]byte, error) { return MarshalJSON(string(p)) }

// TestJSONKeepsMarkup: JSON writes <, > and &, and U+2028 and U+2029, as
// they are, in strings, in raw JSON and in a Marshaler's text, and every
// other byte as encoding/json's MarshalIndent does: an escaped backslash
// before u2028 stays one.
func TestJSONKeepsMarkup(t *testing.T) {
	v := struct {
		Name  string          `json:"name"`
		Raw   json.RawMessage `json:"raw"`
		Part  part            `json:"part"`
		Other string          `json:"other"`
	}{"<b> & </b>", json.RawMessage(`{"a" : "<&>\u2029"}`), "x<y\u2028", "\"\\\n\x00\u2028\xff\\u2029\\\u2029"}
	want := `{
  "name": "<b> & </b>",
  "raw": {
    "a": "<&>` + "\u2029" + `"
  },
  "part": "x<y` + "\u2028" + `",
  "other": "\"\\\n\u0000` + "\u2028" + `\ufffd\\u2029\\` + "\u2029" + `"
}
`
	var b bytes.Buffer
	if err := JSON(&b, v); err != nil || b.String() != want {
		t.Errorf("JSON: %v\n%s\nwant\n%s", err, b.String(), want)
	}
	compact, err := MarshalJSON(v)
	if want := `{"name":"<b> & </b>","raw":{"a":"<&>` + "\u2029" + `"},"part":"x<y` + "\u2028" + `","other":"\"\\\n\u0000` + "\u2028" + `\ufffd\\u2029\\` + "\u2029" + `"}`; err != nil || string(compact) != want {
		t.Errorf("MarshalJSON: %v\n%s\nwant\n%s", err, compact, want)
	}
}

// FuzzMarshalJSONSeparators: MarshalJSON's text of any string reads back
// as encoding/json's does, and holds no \u2028 or \u2029 escape.
func FuzzMarshalJSONSeparators(f *testing.F) {
	f.Add("a\u2028b\\u2029\\\u2029")
	f.Add("\\\\u2028\xe2\x80")
	f.Fuzz(func(t *testing.T, s string) {
		ours, err := MarshalJSON(s)
		if err != nil {
			t.Fatal(err)
		}
		theirs, _ := json.Marshal(s)
		var got, want string
		if err := json.Unmarshal(ours, &got); err != nil {
			t.Fatalf("%q: %v", ours, err)
		}
		_ = json.Unmarshal(theirs, &want)
		if got != want || bytes.Contains(bytes.ReplaceAll(ours, []byte(`\\`), nil), []byte(`\u202`)) {
			t.Errorf("%q: MarshalJSON wrote %q, which reads %q; want %q", s, ours, got, want)
		}
	})
}
