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

// TestJSONKeepsMarkup: JSON writes <, > and & as they are, in strings, in
// raw JSON and in a Marshaler's text, and every other byte as
// encoding/json's MarshalIndent does.
func TestJSONKeepsMarkup(t *testing.T) {
	v := struct {
		Name  string          `json:"name"`
		Raw   json.RawMessage `json:"raw"`
		Part  part            `json:"part"`
		Other string          `json:"other"`
	}{"<b> & </b>", json.RawMessage(`{"a" : "<&>"}`), "x<y", "\"\\\n\x00\u2028\xff"}
	want := `{
  "name": "<b> & </b>",
  "raw": {
    "a": "<&>"
  },
  "part": "x<y",
  "other": "\"\\\n\u0000\u2028\ufffd"
}
`
	var b bytes.Buffer
	if err := JSON(&b, v); err != nil || b.String() != want {
		t.Errorf("JSON: %v\n%s\nwant\n%s", err, b.String(), want)
	}
	compact, err := MarshalJSON(v)
	if want := `{"name":"<b> & </b>","raw":{"a":"<&>"},"part":"x<y","other":"\"\\\n\u0000\u2028\ufffd"}`; err != nil || string(compact) != want {
		t.Errorf("MarshalJSON: %v\n%s\nwant\n%s", err, compact, want)
	}
}
