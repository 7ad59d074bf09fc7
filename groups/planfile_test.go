package groups

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kafkashore/shore/topics"
)

func TestParseScope(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Scope
		err  string
	}{
		{"orders", Scope{Topic: "orders"}, ""},
		{"orders:2,0", Scope{Topic: "orders", Partitions: []int32{0, 2}}, ""},
		{"orders:2,0, 2", Scope{}, "orders:2 is given twice"},
		{"orders:", Scope{}, `"" is not a partition number (0 or more)`},
		{"orders:x", Scope{}, `"x" is not a partition number (0 or more)`},
		{"orders:-1", Scope{}, `"-1" is not a partition number (0 or more)`},
		{":1", Scope{}, "empty topic name"},
		{"", Scope{}, "empty topic name"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseScope(tc.in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("ParseScope(%q) error %v; want %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseScope(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseAssignment(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Offset
		err  string
	}{
		{"orders:3=1042", Offset{Topic: "orders", Partition: 3, Offset: 1042}, ""},
		{"orders:3", Offset{}, `"orders:3": want TOPIC:PARTITION=OFFSET`},
		{"orders=5", Offset{}, `"orders=5": want TOPIC:PARTITION=OFFSET; name the partition, as orders:0=5, or move every partition of orders with 'shore groups seek GROUP --to 5 --topic orders'`},
		{"orders:0:5", Offset{}, `"orders:0:5": want TOPIC:PARTITION=OFFSET; write it orders:0=5`},
		{"orders:0=5,", Offset{}, `"orders:0=5,": give each TOPIC:PARTITION=OFFSET as its own argument: orders:0=5`},
		{",orders:0=5,,1=6", Offset{}, `",orders:0=5,,1=6": give each TOPIC:PARTITION=OFFSET as its own argument: orders:0=5 orders:1=6`},
		{",", Offset{}, `",": want TOPIC:PARTITION=OFFSET`},
		{"orders:0:x", Offset{}, `"orders:0:x": want TOPIC:PARTITION=OFFSET`},
		{"orders=x", Offset{}, `"orders=x": want TOPIC:PARTITION=OFFSET`},
		{":0=1", Offset{}, `":0=1": empty topic name`},
		{"orders:a=1", Offset{}, `"orders:a=1": "a" is not a partition number (0 or more)`},
		{"orders:0=-1", Offset{}, `"orders:0=-1": offset "-1" is not a number 0 or more`},
		{"orders:0=-0", Offset{}, `"orders:0=-0": offset "-0" is not a number 0 or more`},
		{"orders:0=", Offset{}, `"orders:0=": offset "" is not a number 0 or more`},
		// a kafka-style list in one argument: commit takes each as its own
		{"orders:0=3,orders:1=5", Offset{}, `"orders:0=3,orders:1=5": give each TOPIC:PARTITION=OFFSET as its own argument: orders:0=3 orders:1=5`},
		{"orders:0=3,1=5,pay:2=7", Offset{}, `"orders:0=3,1=5,pay:2=7": give each TOPIC:PARTITION=OFFSET as its own argument: orders:0=3 orders:1=5 pay:2=7`},
		{"orders:0=3,x", Offset{}, `"orders:0=3,x": offset "3,x" is not a number 0 or more`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseAssignment(tc.in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("ParseAssignment(%q) error %v; want %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("ParseAssignment(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParsePlanFile(t *testing.T) {
	// two is the offsets of orders 0 and 1, on these lines of the file.
	two := func(line0, line1 int) []Offset {
		return []Offset{{Topic: "orders", Partition: 0, Offset: 10, Line: line0}, {Topic: "orders", Partition: 1, Offset: 20, Line: line1}}
	}
	for _, tc := range []struct {
		name, in string
		want     []Offset
		err      string
	}{
		{"csv", "orders,0,10\norders,1,20\n", two(1, 2), ""},
		{"csv blank lines and spaces, no final newline", "\norders, 0 ,10\r\n\norders,1,20", two(2, 4), ""},
		{"json", `[{"topic":"orders","partition":0,"offset":10},
 {"topic":"orders","partition":1,"offset":20}]`, two(1, 2), ""},
		{"json with whitespace", "  [\n]\n", nil, "no offsets"},
		{"empty", "", nil, "no offsets"},
		{"csv too few fields", "orders,0,10\norders,1\n", nil, `line 2: "orders,1": want topic,partition,offset`},
		{"rpk's --to-file", "orders 0 10\n", nil, `line 1: "orders 0 10": want topic,partition,offset, with commas where rpk's --to-file has spaces`},
		{"semicolons", "orders;0;10\n", nil, `line 1: "orders;0;10": want topic,partition,offset, with commas where this has ';'`},
		{"csv bad partition", "orders,x,10\n", nil, `line 1: "x" is not a partition number (0 or more)`},
		{"csv bad offset", "\n\norders,0,ten\n", nil, `line 3: offset "ten" is not a number 0 or more`},
		{"csv offset too large", "orders,0,99999999999999999999\n", nil, `line 1: offset "99999999999999999999" is out of range: want at most 9223372036854775807`},
		{"csv empty topic", ",0,1\n", nil, `line 1: empty topic name`},
		{"csv header skipped", "topic,partition,offset\norders,0,10\norders,1,20\n", two(2, 3), ""},
		{"csv header any case, spaces, CRLF, after blank lines", "\r\n Topic , PARTITION,offset \r\norders,0,10\r\norders,1,20\r\n", two(3, 4), ""},
		{"csv spreadsheet byte order mark", "\ufefftopic,partition,offset\norders,0,10\norders,1,20\n", two(2, 3), ""},
		{"json after a byte order mark", "\ufeff[{\"topic\":\"orders\",\"partition\":0,\"offset\":10},\n{\"topic\":\"orders\",\"partition\":1,\"offset\":20}]\n", two(1, 2), ""},
		{"json after a byte order mark, an error's line", "\ufeff[\n{\"topic\":\"orders\",\"partition\":0}]", nil, `line 2: entry without "offset"`},
		{"csv header alone", "topic,partition,offset\n", nil, "no offsets"},
		{"csv header twice", "topic,partition,offset\ntopic,partition,offset\norders,0,10\n", nil, `line 2: "partition" is not a partition number (0 or more)`},
		{"csv header after data", "orders,0,10\ntopic,partition,offset\n", nil, `line 2: "partition" is not a partition number (0 or more)`},
		{"csv other header", "topic,partition,current-offset\norders,0,10\n", nil, `line 1: "topic,partition,current-offset": a header other than topic,partition,offset, the one a plan may start with (or none)`},
		{"csv other header, capitals", "\nTOPIC,PARTITION,NEW-OFFSET\norders,0,10\n", nil, `line 2: "TOPIC,PARTITION,NEW-OFFSET": a header other than topic,partition,offset, the one a plan may start with (or none)`},
		{"csv header in another order", "partition,topic,offset\norders,0,10\n", nil, `line 1: "partition,topic,offset": a header other than topic,partition,offset, the one a plan may start with (or none)`},
		{"csv header of other names", "Topic Name,Part,Committed Offset\norders,0,10\n", nil, `line 1: "Topic Name,Part,Committed Offset": a header other than topic,partition,offset, the one a plan may start with (or none)`},
		{"csv first line data of topics named so", "topic,0,10\npartition,1,5\noffset,0,1\n", []Offset{{Topic: "topic", Partition: 0, Offset: 10, Line: 1}, {Topic: "partition", Partition: 1, Offset: 5, Line: 2}, {Topic: "offset", Partition: 0, Offset: 1, Line: 3}}, ""},
		{"csv first line data with a bad offset", "topic,0,x\n", nil, `line 1: offset "x" is not a number 0 or more`},
		{"csv header quoted", "\"topic\",\"partition\",\"offset\"\n\"orders\",0,10\n", nil, `line 1: "\"topic\",\"partition\",\"offset\"": quotes are not part of the format: want topic,partition,offset, unquoted`},
		{"csv duplicate", "orders,0,1\norders,1,1\norders,0,2\n", nil, "line 3: orders:0 is already given on line 1"},
		{"json missing offset", "[\n{\"topic\":\"orders\",\"partition\":0,\"offset\":1},\n{\"topic\":\"orders\",\"partition\":1}\n]", nil, `line 3: entry without "offset"`},
		{"json wrong type", "[\n{\"topic\":\"orders\",\n\"partition\":\"0\",\"offset\":1}]", nil, "line 3: partition must be a whole number"},
		{"json partition too large", "[\n{\"topic\":\"orders\",\"partition\":2147483648,\"offset\":1}]", nil, "line 2: partition 2147483648 is out of range: want a partition number from 0 to 2147483647"},
		{"json partition far below 0", `[{"topic":"orders","partition":-99999999999,"offset":1}]`, nil, "line 1: partition -99999999999 is not 0 or more"},
		{"json offset too large", `[{"topic":"orders","partition":0,"offset":9223372036854775808}]`, nil, "line 1: offset 9223372036854775808 is out of range: want at most 9223372036854775807"},
		{"json offset far below 0", `[{"topic":"orders","partition":0,"offset":-99999999999999999999}]`, nil, "line 1: offset -99999999999999999999 is not 0 or more"},
		{"json offset not whole", `[{"topic":"orders","partition":0,"offset":1.5}]`, nil, "line 1: offset must be a whole number"},
		{"json syntax", "[\n{\"topic\":\"orders\",\n\"partition\":0,,}]", nil, "line 3: invalid JSON: invalid character ',' looking for beginning of object key string"},
		{"json object", "\n" + `{"group":"billing","executed":false,"partitions":[]}`, nil, `line 2: a JSON object, where a plan is a JSON array of {"topic","partition","offset"} or topic,partition,offset lines, as seek -o csv writes them`},
		{"groups describe -o json", "[\n  {\n    \"group\": \"billing\",\n    \"state\": \"Empty\",\n    \"partitions\": [\n      {\n        \"topic\": \"orders\",\n        \"partition\": 0,\n        \"current_offset\": 10\n      }\n    ]\n  }\n]\n", nil, `line 2: groups describe -o json's output, where a plan is a JSON array of {"topic","partition","offset"} or topic,partition,offset lines: 'shore groups describe GROUP -o csv' writes the group's commits as such lines, and 'shore groups seek GROUP --to ... -o csv' a plan`},
		{"groups describe -o json of no partition", `[{"group":"billing","partitions":[]}]`, nil, `line 1: groups describe -o json's output, where a plan is a JSON array of {"topic","partition","offset"} or topic,partition,offset lines: 'shore groups describe GROUP -o csv' writes the group's commits as such lines, and 'shore groups seek GROUP --to ... -o csv' a plan`},
		{"json unknown field", `[{"topic":"orders","partition":0,"offset":1,"lag":3}]`, nil, `line 1: unknown field "lag": want {"topic","partition","offset"} entries`},
		{"json truncated", "[{\"topic\":\"orders\",\"partition\":0,\"offset\":1}", nil, "line 1: unexpected end of JSON"},
		{"json trailing data", "[{\"topic\":\"orders\",\"partition\":0,\"offset\":1}]\n[]", nil, "line 2: unexpected data after the JSON array"},
		{"csv negative zero", "orders,0,-0\n", nil, `line 1: offset "-0" is not a number 0 or more`},
		{"json negative", "[{\"topic\":\"orders\",\"partition\":0,\"offset\":-1}]", nil, "line 1: offset -1 is not 0 or more"},
		{"csv export of several groups", "g2,orders,0,10\ng1,orders,0,5\ng2,orders,1,3\n", nil, `line 1: group,topic,partition,offset lines, an export of several groups ("g1" and "g2"), where a seek takes one group's topic,partition,offset lines`},
		{"csv export of several groups, header", "Group,Topic,Partition,Offset\r\ng1,orders,0,5\r\n", nil, `line 1: group,topic,partition,offset lines, an export of group "g1", where a seek takes one group's topic,partition,offset lines`},
		{"csv export of several groups, header alone", "group,topic,partition,offset\n", nil, `line 1: group,topic,partition,offset lines, an export of several groups, where a seek takes one group's topic,partition,offset lines`},
		{"csv export of several groups, after a plan line", "orders,0,1\n\ng1, orders, 0, 5\n", nil, `line 3: group,topic,partition,offset lines, an export of group "g1", where a seek takes one group's topic,partition,offset lines`},
		{"csv export of many groups", "a,t,0,1\nb,t,0,1\nc,t,0,1\nd,t,0,1\ne,t,0,1\nf,t,0,1\ng,t,0,1\n", nil, `line 1: group,topic,partition,offset lines, an export of several groups ("a", "b", "c", "d" and 3 more), where a seek takes one group's topic,partition,offset lines`},
		{"csv four fields, not an export", "orders,0,1,x\n", nil, `line 1: "orders,0,1,x": want topic,partition,offset`},
		{"json duplicate", "[{\"topic\":\"o\",\"partition\":0,\"offset\":1},\n {\"topic\":\"o\",\"partition\":0,\"offset\":2}]", nil, "line 2: o:0 is already given on line 1"},
		// jq -c writes the plan on one line: not 'line 1: o:0 is already
		// given on line 1'.
		{"json duplicate on one line", "[{\"topic\":\"o\",\"partition\":0,\"offset\":1},{\"topic\":\"o\",\"partition\":0,\"offset\":2}]", nil, "line 1: o:0 is given twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParsePlanFile(strings.NewReader(tc.in))
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("%s: error %v; want %q", tc.name, err, tc.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, tc.want)
			}
		})
	}
}

func TestWriteCSVRoundTrips(t *testing.T) {
	want := []Offset{{Topic: "orders", Partition: 0, Offset: 10, Line: 1}, {Topic: "orders.v2", Partition: 11, Offset: 0, Line: 2}, {Topic: "audit_log", Partition: 3, Offset: 1 << 40, Line: 3}}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, want); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "orders,0,10\norders.v2,11,0\naudit_log,3,1099511627776\n" {
		t.Fatalf("csv %q", buf.String())
	}
	got, err := ParsePlanFile(&buf)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
}

func FuzzParsePlanFile(f *testing.F) {
	for _, s := range []string{"orders,0,10\n", `[{"topic":"a","partition":0,"offset":1}]`, "[\n", "a,b,c", "", "a,0,1\n\"b,0,1\n", "a\x00,0,1\n", "a,99999999999,1\n", `[{"topic":"a/b","partition":0,"offset":1}]`, "g,a,0,1\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		offsets, err := ParsePlanFile(strings.NewReader(s))
		if errors.Is(err, ErrNoOffsets) {
			return
		}
		if err != nil {
			var pf *PlanFileError
			var export *GroupColumnError
			line := 0
			switch {
			case errors.As(err, &pf):
				line = pf.Line
			case errors.As(err, &export):
				line = export.Line
			}
			if line < 1 || line > strings.Count(s, "\n")+1 {
				t.Fatalf("error %v is not ErrNoOffsets, nor a PlanFileError or GroupColumnError with a line in the input", err)
			}
			return
		}
		for _, o := range offsets {
			if topics.CheckName(o.Topic) != nil || o.Partition < 0 || o.Offset < 0 {
				t.Fatalf("bad offset %+v from %q", o, s)
			}
		}
	})
}

func FuzzParseScope(f *testing.F) {
	for _, s := range []string{"orders", "orders:0,2", "orders:", ":"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sc, err := ParseScope(s)
		if err == nil && sc.Topic == "" {
			t.Fatalf("ParseScope(%q) gave an empty topic", s)
		}
	})
}

func FuzzParseAssignment(f *testing.F) {
	for _, s := range []string{"orders:3=1042", "orders:3", "=:", "a:0=-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseAssignment(s)
		if err == nil && (o.Topic == "" || o.Partition < 0 || o.Offset < 0) {
			t.Fatalf("ParseAssignment(%q) = %+v", s, o)
		}
	})
}
