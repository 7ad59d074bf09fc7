package format

import (
	"encoding/json"
	"io"
)

// JSON writes v as indented JSON followed by a newline: the -o json output
// of the inspection commands, whose struct tags are the documented shape.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
