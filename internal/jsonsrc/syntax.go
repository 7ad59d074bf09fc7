package jsonsrc

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kafkashore/shore/internal/jsontext"
)

// Syntax reports whether text is one JSON value, and where it is
// not: the line and column (from 1, in bytes) of the byte that does not
// fit, or of the end of text that stops inside a value, so that a schema
// file with a stray comma is found at once. Text that starts with a byte
// order mark, as a Windows editor may save a file, is jsontext.ErrBOM.
func Syntax(text string) error {
	if jsontext.HasBOM([]byte(text)) {
		return jsontext.ErrBOM
	}
	var v json.RawMessage
	err := json.Unmarshal([]byte(text), &v)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return err
	}
	// Offset counts the bytes read, the offending one included.
	before, what := text[:max(se.Offset-1, 0)], se.Error()
	if what == "unexpected end of JSON input" {
		before, what = strings.TrimRight(text, " \t\r\n"), "the JSON ends early"
	}
	line := 1 + strings.Count(before, "\n")
	column := 1 + len(before) - (strings.LastIndexByte(before, '\n') + 1)
	return fmt.Errorf("not JSON: line %d, column %d: %s", line, column, what)
}
