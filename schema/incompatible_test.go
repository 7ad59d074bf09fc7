package schema

import (
	"slices"
	"testing"
)

func TestSplitDetailsReasons(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		// shore dev's
		{`Schema being registered is incompatible with an earlier schema for subject "s", details: [the new schema cannot read what version 1 wrote: field a: x; the new schema cannot read what version 2 wrote: field b: y]`,
			[]string{"the new schema cannot read what version 1 wrote: field a: x", "the new schema cannot read what version 2 wrote: field b: y"}},
		// Confluent's before 7.3
		{`Schema being registered is incompatible with an earlier schema for subject "s", details: [Incompatibility{type:TYPE_MISMATCH, location:/fields/2/type, message:reader type: DOUBLE not compatible with writer type: STRING, reader:"double", writer:"string"}]`,
			[]string{`Incompatibility{type:TYPE_MISMATCH, location:/fields/2/type, message:reader type: DOUBLE not compatible with writer type: STRING, reader:"double", writer:"string"}`}},
		// Confluent's since: the old schema and the level left out
		{`Schema being registered is incompatible with an earlier schema for subject "s", details: [{errorType:'NAME_MISMATCH', description:'The name of the schema has changed (path '/name')', additionalInfo:'expected: A'}, {oldSchemaVersion: 2}, {oldSchema: '{"type":"record","name":"A","fields":[{"name":"a","type":"int"}, {"name":"b","type":"int"}]}'}, {validateFields: 'false', compatibility: 'BACKWARD'}]`,
			[]string{"version 2: The name of the schema has changed (path '/name')"}},
		// Confluent's before 7.1, and Apicurio's
		{"Schema being registered is incompatible with an earlier schema", []string{"Schema being registered is incompatible with an earlier schema"}},
		{"Incompatible artifact: s [AVRO]", []string{"Incompatible artifact: s [AVRO]"}},
	} {
		if got := Reasons(splitDetails(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("Reasons(splitDetails(%q)) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
