package cmd_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/devbroker"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

func TestProduceUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"produce"}, "shore: produce: missing TOPIC (usage: shore produce TOPIC [FILE...])"},
		{[]string{"produce", "t", "--json", "--whole"}, "shore: --whole and --json are different ways to read input: choose one"},
		{[]string{"produce", "t", "--json", "--whole", "-f", "%v"}, "shore: --whole, --json and --format are different ways to read input: choose one"},
		{[]string{"produce", "t", "-D", ";", "--json"}, "shore: --delimiter does not go with --json"},
		{[]string{"produce", "t", "-K", ":", "-f", `%k %v\n`}, "shore: --key-delimiter does not go with --format: it reads keys itself"},
		{[]string{"produce", "t", "-k", "a", "--json"}, "shore: --key does not go with --json: it reads keys itself"},
		{[]string{"produce", "t", "-k", "a", "-K", ":"}, "shore: --key and --key-delimiter both set the key: choose one"},
		{[]string{"produce", "t", "-p", "1", "--partitioner", "crc32"}, "shore: --partition and --partitioner both choose the partition: choose one"},
		{[]string{"produce", "t", "-p", "-2"}, "shore: --partition -2: want a partition (0 or more), or -1 for the partitioner"},
		{[]string{"produce", "t", "-D", `\q`}, `shore: --delimiter '\q': at byte 0: unknown escape \q (want \n \t \r \0 \xNN or \\)`},
		{[]string{"produce", "t", "-K", `::\x4`}, `shore: --key-delimiter '::\x4': at byte 2: \x needs two hex digits`},
		{[]string{"produce", "t", "-D", ""}, "shore: --delimiter: empty delimiter (for one record per input, use --whole)"},
		{[]string{"produce", "t", "-K", ""}, "shore: --key-delimiter: empty delimiter (for records without a key, leave it out)"},
		{[]string{"produce", "t", "-H", "a:b"}, `shore: --header "a:b": want name=value, or a name alone for a null value (rpk's and kaf's -H a:b is -H a=b here)`},
		{[]string{"produce", "t", "--partitioner", "fnv"}, `shore: --partitioner "fnv": want murmur2, crc32, round-robin or sticky`},
		{[]string{"produce", "t", "-z", "brotli"}, `shore: --compression "brotli": want none, gzip, snappy, lz4 or zstd`},
		{[]string{"produce", "t", "--acks", "2"}, `shore: --acks "2": want all or -1, leader or 1, none or 0`},
		{[]string{"produce", "t", "--acks", "ALL"}, `shore: --acks "ALL": want all or -1, leader or 1, none or 0`},
		{[]string{"produce", "t", "--json=ja"}, `shore: --json "ja": want true/false, t/f, yes/no, on/off or 1/0`},
		{[]string{"produce", "t", "--acks", "1", "--transactional-id", "x"}, "shore: --transactional-id needs --acks all; --acks is leader"},
		{[]string{"produce", "t", "--acks", "none", "--transactional-id", "x"}, "shore: --transactional-id needs --acks all; --acks is none"},
		{[]string{"produce", "t", "--rate", "-1"}, "shore: --rate -1: want a positive number of records per second, or 0 for no limit"},
		{[]string{"produce", "t", "--delivery-timeout", "0"}, "shore: --delivery-timeout 0s: want more than 0"},
		{[]string{"produce", "t", "--linger", "-1s"}, "shore: --linger -1s: want 0 to 1m0s"},
		{[]string{"produce", "t", "-c", "-1"}, "shore: --count -1: want 0 (all input) or more"},
		{[]string{"produce", "t", "--max-buffered-records", "0"}, "shore: --max-buffered-records 0: want 1 to 10000000"},
		{[]string{"produce", "t", "--max-message-bytes", "0"}, "shore: --max-message-bytes 0: want 1 or more"},
		{[]string{"produce", "t", "-f", `%k %q\n`}, `shore: --format '%k %q\n': unknown directive %q at byte 3`},
		{[]string{"produce", "t", "-f", `%k{foo}`}, `shore: --format '%k{foo}': %k{foo} at byte 0: {foo} is not a field encoding: want {base64}, {base64raw}, {hex}, {json} or {re#REGEXP#}`},
		{[]string{"produce", "t", "--metadata-format", `%t %Q`}, `shore: --metadata-format '%t %Q': unknown directive %Q at byte 3`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": "127.0.0.1:1"}}, tc.args...)
			if res.Code != 2 || res.Stderr != tc.stderr+"\n"+seeHelpFor("produce") || res.Stdout != "" {
				t.Errorf("%q: exit %d stdout %q stderr %q; want 2 and %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.stderr+"\n"+seeHelpFor("produce"))
			}
		})
	}
}

// A flag default in the configuration file that the flag or the command
// refuses, or for a flag the command does not have, is named by the file,
// its line and the key, not as a flag never typed: one line, exit 2, and
// no hint to --help, for the command line is not at fault.
func TestConfigDefaultsRefused(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		args       []string
		stderr     string
	}{
		{"acks", "produce:\n  linger: 1ms\n  acks: 2\n", []string{"produce", "t"}, `:3: produce.acks "2": want all or -1, leader or 1, none or 0`},
		{"compression", "produce:\n  compression: brotli\n", []string{"produce", "t"}, `:2: produce.compression "brotli": want none, gzip, snappy, lz4 or zstd`},
		{"partitioner", "produce:\n  partitioner: fnv\n", []string{"produce", "t"}, `:2: produce.partitioner "fnv": want murmur2, crc32, round-robin or sticky`},
		{"balancer", "consume:\n  balancer: fair\n", []string{"consume", "t", "-g", "g"}, `:2: consume.balancer "fair": want cooperative-sticky, sticky, range or roundrobin`},
		{"value encoding", "consume:\n  json: true\n  value-encoding: utf8\n", []string{"consume", "t"}, `:3: consume.value-encoding "utf8": want text, base64, hex or json`},
		{"linger", "produce:\n  linger: -1s\n", []string{"produce", "t"}, ":2: produce.linger -1s: want 0 to 1m0s"},
		{"key delimiter", "produce:\n  key-delimiter: ''\n", []string{"produce", "t"}, ":2: produce.key-delimiter: empty delimiter (for records without a key, leave it out)"},
		{"value schema", "produce:\n  value-schema: 'id:x'\n", []string{"produce", "t"}, `:2: produce.value-schema "id:x": "x" is not a schema id (1 or more)`},
		{"offset", "consume:\n  offset: soon\n", []string{"consume", "t"}, `:2: consume.offset "soon": want start, end, N, +N, -N or @TIME`},
		{"count", "consume:\n  count: -1\n", []string{"consume", "t"}, ":2: consume.count -1: want 0 or more"},
		{"empty group", "consume:\n  group: ''\n", []string{"consume", "t"}, `:2: consume.group "": empty group name`},
		{"empty instance id", "consume:\n  group: g\n  instance-id: ''\n", []string{"consume", "t"}, `:3: consume.instance-id "": empty instance id: a static member needs one; leave it out for a dynamic member`},
		{"count not a number", "produce:\n  count: x\n", []string{"produce", "t"}, `:2: produce.count "x": not a whole number`},
		{"partition out of range", "produce:\n  partition: 99999999999\n", []string{"produce", "t"}, ":2: produce.partition 99999999999: out of range: want a whole number from -1 to 2147483647"},
		{"rate not a number", "produce:\n  rate: fast\n", []string{"produce", "t"}, `:2: produce.rate "fast": not a number`},
		{"rate infinite", "produce:\n  rate: inf\n", []string{"produce", "t"}, `:2: produce.rate inf: want a positive number of records per second, or 0 for no limit`},
		{"rate underflows", "produce:\n  rate: 1e-400\n", []string{"produce", "t"}, `:2: produce.rate 1e-400: want at least 0.0000116 records per second (one a day)`},
		{"linger without a unit", "produce:\n  linger: 5\n", []string{"produce", "t"}, `:2: produce.linger "5": not a duration such as 10s`},
		{"switch not true or false", "consume:\n  exit: maybe\n", []string{"consume", "t"}, `:2: consume.exit "maybe": want true/false, t/f, yes/no, on/off or 1/0`},
		{"format", "consume:\n  format: '%q'\n", []string{"consume", "t"}, `:2: consume.format '%q': unknown directive %q at byte 0`},
		{"no such flag", "consume:\n  colour: red\n", []string{"consume", "t"}, ":2: consume.colour: consume has no flag --colour"},
		{"misspelt flag", "consume:\n  formt: '%k\\n'\n", []string{"consume", "t"}, ":2: consume.formt: consume has no flag --formt (did you mean --format?)"},
		{"list for one value", "produce:\n  linger: [1ms, 2ms]\n", []string{"produce", "t"}, ":2: produce.linger: --linger takes one value, not a list"},
		{"empty list for one value", "produce:\n  linger: []\n", []string{"produce", "t"}, ":2: produce.linger: --linger takes one value, not a list"},
		{"filter", "consume:\n  filter: '.value |'\n", []string{"consume", "t"}, ":2: consume.filter '.value |': unexpected EOF at byte 8: .value |⟨here⟩"},
		// as on the command line: the file's empty layout was the
		// default's, its session timeout of 0 the Kafka client's 45s
		{"empty format", "consume:\n  format: ''\n", []string{"consume", "t"}, `:2: consume.format '': an empty layout prints nothing; leave it out for the default %v\n`},
		{"no session timeout", "consume:\n  session-timeout: 0s\n", []string{"consume", "t", "-g", "g"}, ":2: consume.session-timeout 0s: want more than 0"},
		// as produce's json and format: JSON lines won without a word
		{"json and format", "consume:\n  format: '%k %v\\n'\n  json: true\n", []string{"consume", "t"}, ":3: consume.json and config file FILE:2: consume.format exclude each other"},
		{"filter and until", "consume:\n  filter: .key\n  until: .value\n", []string{"consume", "t"}, ":2: consume.filter and config file FILE:3: consume.until exclude each other: --until writes only the record it stops at"},
		{"transaction without acks all", "produce:\n  transactional-id: tx\n  acks: leader\n", []string{"produce", "t"}, ":2: produce.transactional-id needs --acks all; config file FILE:3: produce.acks is leader"},
		{"two input modes", "produce:\n  whole: true\n  json: true\n", []string{"produce", "t"}, ":2: produce.whole and config file FILE:3: produce.json are different ways to read input: choose one"},
		{"delimiter with a mode", "produce:\n  delimiter: ','\n  format: '%v'\n", []string{"produce", "t"}, ":2: produce.delimiter does not go with config file FILE:3: produce.format"},
		{"key with json", "produce:\n  key: k\n  json: true\n", []string{"produce", "t"}, ":2: produce.key does not go with config file FILE:3: produce.json: it reads keys itself"},
		{"key twice", "produce:\n  key: k\n  key-delimiter: ':'\n", []string{"produce", "t"}, ":2: produce.key and config file FILE:3: produce.key-delimiter both set the key: choose one"},
		{"partition twice", "produce:\n  partition: 1\n  partitioner: crc32\n", []string{"produce", "t"}, ":2: produce.partition and config file FILE:3: produce.partitioner both choose the partition: choose one"},
		{"schema file missing", "produce:\n  value-schema-file: nope.avsc\n", []string{"produce", "t"}, ":2: produce.value-schema-file nope.avsc: no such file or directory"},
		{"failed in no directory", "produce:\n  failed: no-such-dir/undelivered.json\n", []string{"produce", "t"}, ":2: produce.failed no-such-dir/undelivered.json: no such file or directory"},
		{"register without a file", "produce:\n  register: true\n", []string{"produce", "t"}, ":2: produce.register needs --value-schema-file or --key-schema-file"},
		{"key schema without keys", "produce:\n  key-schema: topic\n", []string{"produce", "t"}, ":2: produce.key-schema encodes keys, and these records have none: split each at a key delimiter with -K, give one key with -k, read --json, or a -f layout with %k"},
		{"message without a schema", "produce:\n  value-message: Order\n", []string{"produce", "t"}, ":2: produce.value-message needs --value-schema or --value-schema-file"},
		{"schema twice", "produce:\n  value-schema: s\n  value-schema-file: s.avsc\n", []string{"produce", "t"}, ":2: produce.value-schema and config file FILE:3: produce.value-schema-file both choose the schema; add --register to register the file under --value-schema's subject"},
		{"register an id", "produce:\n  value-schema: id:3\n  value-schema-file: s.avsc\n  register: true\n", []string{"produce", "t"}, ":4: produce.register registers under a subject: config file FILE:2: produce.value-schema \"id:3\" is an id"},
		{"encoding without json", "consume:\n  key-encoding: hex\n", []string{"consume", "t"}, ":2: consume.key-encoding needs --json"},
		{"partitions with a group", "consume:\n  group: g\n  partitions: '0'\n", []string{"consume", "t"}, ":3: consume.partitions cannot be used with config file FILE:2: consume.group: the group assigns the partitions"},
		{"decoded two ways", "consume:\n  decode: value\n  json: true\n  value-encoding: json\n", []string{"consume", "t"}, ":2: consume.decode value and config file FILE:4: consume.value-encoding json each decode the value: choose one"},
		{"message without a file", "consume:\n  key-message: Order\n", []string{"consume", "t"}, ":2: consume.key-message needs --key-schema-file with a .proto file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(file, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_CONFIG": file, "SHORE_BROKERS": "127.0.0.1:1"}}, tc.args...)
			want := "shore: config file " + file + strings.ReplaceAll(tc.stderr, "FILE", file) + "\n"
			if res.Code != 2 || res.Stderr != want || res.Stdout != "" {
				t.Errorf("exit %d stdout %q stderr %q; want 2 and %q", res.Code, res.Stdout, res.Stderr, want)
			}
		})
	}
}

// A --failed FILE that the configuration file's produce: section gives,
// and that is also this run's input (sending again what the last run did
// not deliver), is refused as the file's setting, on its line and without
// the hint to --help, and the file keeps its records.
func TestFailedFromConfigFileIsInput(t *testing.T) {
	dir := t.TempDir()
	undelivered := filepath.Join(dir, "undelivered.json")
	if err := os.WriteFile(undelivered, []byte("{\"value\":\"a\"}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(file, []byte("produce:\n  failed: "+undelivered+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_CONFIG": file, "SHORE_BROKERS": "127.0.0.1:1"}},
		"produce", "t", "--json", undelivered)
	want := "shore: config file " + file + ":2: produce.failed " + undelivered + " is also the input " + undelivered +
		": writing it would empty it before it is read; write the failures to another file\n"
	if res.Code != 2 || res.Stderr != want || res.Stdout != "" {
		t.Errorf("exit %d stdout %q stderr %q; want 2 and %q", res.Code, res.Stdout, res.Stderr, want)
	}
	if kept, err := os.ReadFile(undelivered); err != nil || string(kept) != "{\"value\":\"a\"}\n" {
		t.Errorf("the input holds %q (%v); want its record", kept, err)
	}
}

// Two flags that do not go together, one typed and one from the
// configuration file, are each named where they were given; the hint to
// --help follows when the error names a typed flag first.
func TestConfigDefaultsMeetTypedFlags(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		args       []string
		stderr     string
		// help is the line after stderr's, none when it names the file first.
		help string
	}{
		{"transaction", "produce:\n  acks: leader\n", []string{"produce", "t", "--transactional-id", "tx"},
			"--transactional-id needs --acks all; config file FILE:2: produce.acks is leader", seeHelpFor("produce")},
		{"partitions and group", "consume:\n  partitions: '0'\n", []string{"consume", "t", "-g", "g"},
			"config file FILE:2: consume.partitions cannot be used with --group: the group assigns the partitions", ""},
		{"decoded two ways", "consume:\n  value-schema-file: s.avsc\n", []string{"consume", "t", "--decode", "value"},
			"--decode value and config file FILE:2: consume.value-schema-file each decode the value: choose one", seeHelpFor("consume")},
		{"a typed group flag", "consume:\n  instance-id: i1\n", []string{"consume", "t", "--balancer", "range"},
			"--balancer needs --group", seeHelpFor("consume")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(file, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_CONFIG": file, "SHORE_BROKERS": "127.0.0.1:1"}}, tc.args...)
			want := "shore: " + strings.ReplaceAll(tc.stderr, "FILE", file) + "\n" + tc.help
			if res.Code != 2 || res.Stderr != want || res.Stdout != "" {
				t.Errorf("exit %d stdout %q stderr %q; want 2 and %q", res.Code, res.Stdout, res.Stderr, want)
			}
		})
	}
}

// A file or directory that a command section of the configuration file
// gives with ~/ is in the home directory, as a profile's path is: produce's
// and consume's schema file and import path, and produce's --failed.
func TestConfigDefaultPathsAtHome(t *testing.T) {
	home := t.TempDir()
	if err := os.Mkdir(filepath.Join(home, "protos"), 0o700); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"shore.yaml": "produce:\n  value-schema-file: ~/id.json\n  proto-path: [~/protos]\n  failed: ~/failed.json\n" +
			"consume:\n  value-schema-file: ~/id.json\n  proto-path: [~/protos]\n",
		"id.json": `{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(home, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	topic := testbroker.Topic(t, 1, nil)
	env := map[string]string{"HOME": home, "SHORE_CONFIG": "~/shore.yaml"}
	if res := shoretest.RunWith(t, shoretest.Opts{Env: env, Stdin: `{"id":"a"}` + "\n"}, "produce", topic); res.Code != 0 || res.Stderr != "" {
		t.Fatalf("produce: exit %d stderr %q; want 0 and nothing", res.Code, res.Stderr)
	}
	res := shoretest.RunWith(t, shoretest.Opts{Env: env}, "consume", topic, "-e")
	if res.Code != 0 || res.Stdout != `{"id":"a"}`+"\n" || res.Stderr != "" {
		t.Errorf("consume: exit %d stdout %q stderr %q; want 0 and {\"id\":\"a\"}", res.Code, res.Stdout, res.Stderr)
	}
	failed := filepath.Join(home, "failed.json")
	res = shoretest.RunWith(t, shoretest.Opts{Env: env, Stdin: `{"value":{"id":"b"},"partition":5}` + "\n"}, "produce", topic, "--json")
	want := fmt.Sprintf("shore: stdin line 1: not delivered: topic %q has no partition 5 (it has only 0)\n"+
		"shore: send the records not delivered again with: shore produce %s --json %s\n"+
		"shore: 1 of 1 record not delivered\n", topic, topic, failed)
	if res.Code != 1 || res.Stderr != want {
		t.Errorf("produce a record not delivered: exit %d stderr %q; want 1 and %q", res.Code, res.Stderr, want)
	}
	if _, err := os.Stat(failed); err != nil {
		t.Errorf("--failed ~/failed.json: %v", err)
	}
}

// describe renders records as "p@o key=value [h=v ...]", with <null> for nil.
func describe(recs []*kgo.Record) string {
	show := func(b []byte) string {
		if b == nil {
			return "<null>"
		}
		return fmt.Sprintf("%q", b)
	}
	var sb strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&sb, "%d@%d %s=%s", r.Partition, r.Offset, show(r.Key), show(r.Value))
		for _, h := range r.Headers {
			fmt.Fprintf(&sb, " %s:%s", h.Key, show(h.Value))
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

func TestProduceRecords(t *testing.T) {
	crlf := func(line int) string {
		return fmt.Sprintf("shore: warning: stdin line %d ends in a carriage return (\\r), which stays at the end of its value, as kcat keeps it; -D '\\r\\n' cuts lines that end in CRLF (a Windows file) there\n", line)
	}
	// crWarned is the stderr of the runs that warn, by name.
	crWarned := map[string]string{
		"CRLF and bytes not UTF-8": crlf(1),
		"CRLF keyed, a later line": crlf(2),
		"layout, CRLF":             "shore: warning: stdin line 1 ends in a carriage return (\\r), which stays at the end of its value (%v at byte 3); a layout that ends in \\r\\n, not \\n, cuts lines that end in CRLF (a Windows file) there\n",
		"layout, CRLF in the key":  "shore: warning: stdin line 2 ends in a carriage return (\\r), which stays at the end of its key (%k at byte 3); a layout that ends in \\r\\n, not \\n, cuts lines that end in CRLF (a Windows file) there\n",
		"binary data":              "shore: warning: stdin line 2 holds a NUL byte, as binary data does, not text: each line is a record; --whole sends each FILE, or all of stdin, as one record, as kcat -P sends a FILE\n",
		"binary key":               "shore: warning: stdin line 1 holds a NUL byte, as binary data does, not text: each line is a record; --whole sends each FILE, or all of stdin, as one record, as kcat -P sends a FILE\n",
		"UTF-16 text":              "shore: warning: stdin line 1 starts with a UTF-16 byte order mark: the input is UTF-16 text (as Windows PowerShell's > writes it), not UTF-8, and each record holds its NUL bytes; convert it first: iconv -f UTF-16 -t UTF-8\n",
	}
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		want  string
	}{
		{"lines", nil, "a\n\nbb\nlast", `0@0 <null>="a"
0@1 <null>=""
0@2 <null>="bb"
0@3 <null>="last"
`},
		// An empty first piece, before anything else is read, is as empty
		// as a later one: not a null value, which would be a tombstone.
		{"empty first line", nil, "\n\n", `0@0 <null>=""
0@1 <null>=""
`},
		// -Z leaves an empty key empty, where kcat's -Z makes it null.
		{"keys, headers, nulls", []string{"-K", ":", "-H", "src=ci", "-H", "n=", "-Z"}, "k1:v1\nk2:\nnokey\n:\n", `0@0 "k1"="v1" src:"ci" n:""
0@1 "k2"=<null> src:"ci" n:""
0@2 <null>="nokey" src:"ci" n:""
0@3 ""=<null> src:"ci" n:""
`},
		// A name alone is a header with a null value, as kcat's -H sends
		// it; name= an empty one.
		{"header with a null value", []string{"-H", "tomb", "-H", "empty="}, "v\n", `0@0 <null>="v" tomb:<null> empty:""
`},
		// A header's name may be empty, as Kafka, --json and -f allow.
		{"header without a name", []string{"-H", "=x"}, "v\n", `0@0 <null>="v" :"x"
`},
		// As kcat: a line's bytes are sent as they are, a \r before the
		// \n (a CRLF file) and bytes that are not UTF-8 included; the
		// first line that ends in \r is named once (crWarned), with the
		// -D that cuts such lines.
		{"CRLF and bytes not UTF-8", nil, "a\r\n\xff\xfe\r\n", `0@0 <null>="a\r"
0@1 <null>="\xff\xfe\r"
`},
		{"CRLF keyed, a later line", []string{"-K", ":"}, "k:v\nk:v\r\nk\r\n", `0@0 "k"="v"
0@1 "k"="v\r"
0@2 <null>="k\r"
`},
		// Binary data (an image) is cut at its \n bytes, where kcat -P
		// FILE sends the file whole: its first line with a NUL byte, which
		// text does not hold, is named once, with --whole, and the \r it
		// holds too is then not taken for a CRLF file's.
		{"binary data", nil, "text\n\x89\x00\x01\r\n\x00\r\n", `0@0 <null>="text"
0@1 <null>="\x89\x00\x01\r"
0@2 <null>="\x00\r"
`},
		{"binary key", []string{"-K", ":"}, "k\x00:v\n", `0@0 "k\x00"="v"
`},
		// Text in UTF-16, as PowerShell's > writes it, is no binary data
		// that --whole would send as it is: it is named for what it is.
		{"UTF-16 text", nil, "\xff\xfeh\x00i\x00\r\x00\n\x00", `0@0 <null>="\xff\xfeh\x00i\x00\r\x00"
0@1 <null>="\x00"
`},
		{"CRLF delimiter", []string{"-D", `\r\n`}, "a\r\nb\nc\r\n", `0@0 <null>="a"
0@1 <null>="b\nc"
`},
		{"delimiter", []string{"-D", `\x1e`, "-k", "same"}, "one\x1etwo\nlines\x1e", `0@0 "same"="one"
0@1 "same"="two\nlines"
`},
		{"whole", []string{"--whole"}, "all\nof\nit\n", `0@0 <null>="all\nof\nit\n"
`},
		{"layout", []string{"-f", `%k %v\n`}, "a 1\nb 2 3", `0@0 "a"="1"
0@1 "b"="2 3"
`},
		// The field a layout reads up to each line's \n keeps a CRLF
		// line's \r, as a line's value does: the first is named once.
		{"layout, CRLF", []string{"-f", `%k %v\n`}, "a 1\r\nb 2\r\n", `0@0 "a"="1\r"
0@1 "b"="2\r"
`},
		{"layout, CRLF in the key", []string{"-f", `%v %k\n`}, "1 a\n2 b\r\n", `0@0 "a"="1"
0@1 "b\r"="2"
`},
		{"layout of CRLF lines", []string{"-f", `%k %v\r\n`}, "a 1\r\nb 2", `0@0 "a"="1"
0@1 "b"="2"
`},
		// A key or value a layout reads empty is empty, as an empty line
		// is; only -Z makes a null value.
		{"layout, empty key and value", []string{"-f", `%k %v\n`}, "k \n v\n", `0@0 "k"=""
0@1 ""="v"
`},
		{"layout, -Z", []string{"-f", `%H{1}%h{%k=%v;}%k %v\n`, "-Z"}, "h=;k \n", `0@0 "k"=<null> h:""
`},
		// A { that follows no directive is a literal {, as for kcat
		// and franz-go's record reader: %v inside is read.
		{"layout, literal braces", []string{"-f", `{%v}\n`}, "{a}\n{}\n{b}", `0@0 <null>="a"
0@1 <null>=""
0@2 <null>="b"
`},
		// jq's pretty documents: the newline after the last one is no
		// record, as the whitespace before each one is none.
		{"layout of JSON documents, jq's last newline", []string{"-f", `%v{json}`}, "{\n  \"a\": 1\n}\n{\n  \"b\": 2\n}\n", `0@0 <null>="{\"a\":1}"
0@1 <null>="{\"b\":2}"
`},
		// as consume -f writes them, nulls too
		{"hex lengths", []string{"-f", `%K{hex32} %k %V{hex16} %v\n`}, "00000001 k 0002 ab\nffffffff  ffff \n", `0@0 "k"="ab"
0@1 <null>=<null>
`},
		{"sized layout", []string{"-f", `%K{big16}%k%V{big16}%v`}, "\x00\x01k\x00\x02\x00\xff", `0@0 "k"="\x00\xff"
`},
		{"json", []string{"--json"}, `{"key":"k","value":null,"headers":[{"key":"h","value":"AAE=","value_encoding":"base64"}]}

{"topic":"x","partition":0,"offset":9,"key":null,"value":"00ff","value_encoding":"hex","timestamp":1763856000000}
`, `0@0 "k"=<null> h:"\x00\x01"
0@1 <null>="\x00\xff"
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			topic := testbroker.Topic(t, 1, nil)
			res := shoretest.RunWith(t, shoretest.Opts{Stdin: tc.stdin}, append([]string{"produce", topic}, tc.args...)...)
			if res.Code != 0 || res.Stdout != "" || res.Stderr != crWarned[tc.name] {
				t.Fatalf("exit %d stdout %q stderr %q, want %q", res.Code, res.Stdout, res.Stderr, crWarned[tc.name])
			}
			if got := describe(readBack(t, topic, strings.Count(tc.want, "\n"))); got != tc.want {
				t.Fatalf("records:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestHeaderNullValue: -H name sends a header with a null value, as kcat's
// -H does; consume -J writes it null, apart from an empty one, and
// produce --json sends that line's null back as null; a layout's %v writes
// both empty.
func TestHeaderNullValue(t *testing.T) {
	topic, copied := testbroker.Topic(t, 1, nil), testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "v\n"}, "produce", topic, "-H", "tomb", "-H", "empty="), 0, "", "")
	res := shoretest.Run(t, "consume", topic, "-e", "-J")
	if res.Code != 0 || !strings.Contains(res.Stdout, `"headers":[{"key":"tomb","value":null},{"key":"empty","value":""}]`) {
		t.Fatalf("consume -J: exit %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	// A layout writes both empty, and says so.
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", `%h{%k=%v;}\n`), 0, "tomb=;empty=;\n",
		"shore: warning: "+topic+":0 offset 0: header \"tomb\" has a null value: %h{%k=%v;} writes it (and any later one, not named) as an empty one; a %V in its braces writes -1 for it, --json null\n")
	// produce -J reads what consume -J writes.
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: res.Stdout}, "produce", copied, "-J"), 0, "", "")
	if got := describe(readBack(t, copied, 1)); got != `0@0 <null>="v" tomb:<null> empty:""`+"\n" {
		t.Fatalf("copied: %s", got)
	}
}

func TestProduceJSONTimestampAndPartition(t *testing.T) {
	topic := testbroker.Topic(t, 3, nil)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":"a","partition":2,"timestamp":1763856000000}` + "\n"}, "produce", topic, "--json")
	if res.Code != 0 || res.Stderr != "" {
		t.Fatalf("exit %d stderr %q", res.Code, res.Stderr)
	}
	r := readBack(t, topic, 1)[0]
	if r.Partition != 2 || r.Timestamp.UnixMilli() != 1763856000000 {
		t.Fatalf("partition %d timestamp %d, want 2 and 1763856000000", r.Partition, r.Timestamp.UnixMilli())
	}
}

// TestProduceJSONZonelessTime: a --json timestamp written without a zone
// is UTC, and the first such one is named on stderr with the instant it is
// read as, in the words of consume -o's and groups seek --to's, and that
// the later ones are read so too: one line, not one a record. A timestamp
// with a zone, a duration ago or milliseconds is said nothing of; stdout
// is -m's lines alone.
func TestProduceJSONZonelessTime(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	dir := t.TempDir()
	writeFile(t, dir+"/a.json", `{"value":"a","timestamp":"2025-11-23T09:00:00+01:00"}`+"\n"+`{"value":"b","timestamp":"2025-11-23T09:00"}`+"\n")
	stdin := `{"value":"c","timestamp":"2025-11-24"}` + "\n" + `{"value":"d","timestamp":1763856000000}` + "\n"
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: stdin}, "produce", topic, "--json", dir+"/a.json", "-", "--metadata-format", "%d %v\n")
	wantRun(t, res, 0, "1763884800000 a\n1763888400000 b\n1763942400000 c\n1763856000000 d\n",
		"shore: "+dir+"/a.json line 2: timestamp 2025-11-23T09:00:00Z (UTC, as the TIME has no zone; so are the later lines' timestamps without one: add one, as 2025-11-23T09:00:00-05:00, for another)\n")
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":"e","timestamp":"2025-11-23T09:00Z"}` + "\n" + `{"value":"f","timestamp":"-1h"}` + "\n"}, "produce", topic, "--json")
	wantRun(t, res, 0, "", "")
}

// -p puts every record in its partition, also a --json line or a %p layout
// that names another, as produce --help's copy example says (-p 0 puts all
// in one): the line's partition won, so the copy into a one-partition topic
// failed for every record of partitions 1 and 2.
func TestProducePartitionFlagWins(t *testing.T) {
	topic := testbroker.Topic(t, 3, nil)
	for _, tc := range []struct {
		stdin string
		args  []string
	}{
		{`{"value":"a","partition":1}` + "\n" + `{"value":"b","partition":2}` + "\n", []string{"--json"}},
		{"1 a\n2 b\n", []string{"-f", "%p %v\n"}},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: tc.stdin}, append([]string{"produce", topic, "-p", "0", "--metadata-format", "%p %v\n"}, tc.args...)...)
		if want := "0 a\n0 b\n"; res.Code != 0 || res.Stderr != "" || res.Stdout != want {
			t.Errorf("%v: exit %d stdout %q stderr %q; want 0 and %q", tc.args, res.Code, res.Stdout, res.Stderr, want)
		}
	}
}

// TestProduceMetadataNullLengths: --metadata-format writes the length of a
// null key as -1, as -m's key_size and consume -f do; an empty one is 0.
func TestProduceMetadataNullLengths(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "v\n:w\n"}, "produce", topic, "-K", ":", "--metadata-format", `%K %V{big16}\n`)
	wantRun(t, res, 0, "-1 \x00\x01\n0 \x00\x01\n", "")
}

func TestProduceFilesInOrder(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	dir := t.TempDir()
	writeFile(t, dir+"/a.txt", "a1\na2\n")
	writeFile(t, dir+"/b.txt", "b1")
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "s1\n"}, "produce", topic, dir+"/a.txt", "-", dir+"/b.txt", "-m", "--metadata-format", `%o %v\n`)
	want := "0 a1\n1 a2\n2 s1\n3 b1\n"
	if res.Code != 0 || res.Stdout != want || res.Stderr != "" {
		t.Fatalf("exit %d stdout %q stderr %q; want %q", res.Code, res.Stdout, res.Stderr, want)
	}
	// -m's lines name the input each record came from, whose line
	// numbers alone would repeat.
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "s2\n"}, "produce", topic, dir+"/b.txt", "-", "-m")
	want = fmt.Sprintf(`{"topic":%q,"partition":0,"offset":4,"timestamp":T,"key_size":-1,"value_size":2,"headers_size":-1,"input":%q,"input_line":1}
{"topic":%q,"partition":0,"offset":5,"timestamp":T,"key_size":-1,"value_size":2,"headers_size":-1,"input":"stdin","input_line":1}
`, topic, dir+"/b.txt", topic)
	if got := regexp.MustCompile(`"timestamp":\d+`).ReplaceAllString(res.Stdout, `"timestamp":T`); res.Code != 0 || got != want || res.Stderr != "" {
		t.Fatalf("-m of two inputs: exit %d stdout %q stderr %q; want %q", res.Code, got, res.Stderr, want)
	}
	// A missing file among several is found before anything is sent.
	res = shoretest.Run(t, "produce", topic, dir+"/a.txt", dir+"/nosuch.txt")
	if res.Code != 1 || res.Stdout != "" || res.Stderr != "shore: input "+dir+"/nosuch.txt: no such file or directory\n" {
		t.Fatalf("missing file: exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
	}
	if res = shoretest.RunWith(t, shoretest.Opts{Stdin: "end\n"}, "produce", topic); res.Code != 0 {
		t.Fatalf("end marker: exit %d stderr %q", res.Code, res.Stderr)
	}
	if recs := readBackUntil(t, topic, "end"); len(recs) != 7 {
		t.Fatalf("%d records up to the end marker, want 7: a.txt was sent before its missing neighbour was found:\n%s", len(recs), describe(recs))
	}
}

// TestProduceStdinNamedTwice: stdin named twice, as - and /dev/stdin or as
// /dev/stdin twice, is a usage error, as - twice is: the second read
// nothing, silently. A regular file redirected to stdin is read afresh
// through /dev/stdin, so naming it twice sends it twice.
func TestProduceStdinNamedTwice(t *testing.T) {
	if _, err := os.Stat("/dev/stdin"); err != nil {
		t.Skipf("no /dev/stdin: %v", err)
	}
	topic := testbroker.Topic(t, 1, nil)
	run := func(stdin io.Reader, files ...string) (int, string) {
		c := exec.Command(shoretest.Binary(t), append([]string{"produce", topic}, files...)...)
		c.Env = shoretest.Environ(t, nil)
		c.Stdin = stdin
		var stderr strings.Builder
		c.Stderr = &stderr
		_ = c.Run()
		return c.ProcessState.ExitCode(), stderr.String()
	}
	for _, tc := range []struct {
		files  []string
		stderr string
	}{
		{[]string{"-", "/dev/stdin"}, "shore: FILE /dev/stdin is stdin, as - is: stdin is read once, to its end, so the second would read nothing\n"},
		{[]string{"/dev/stdin", "/dev/stdin"}, "shore: FILE /dev/stdin (stdin) is given twice: stdin is read once, to its end, so the second would read nothing\n"},
	} {
		code, stderr := run(strings.NewReader("a\n"), tc.files...)
		if want := tc.stderr + "Run 'shore produce --help' for usage.\n"; code != 2 || stderr != want {
			t.Errorf("%v from a pipe: exit %d stderr %q, want 2 and %q", tc.files, code, stderr, want)
		}
	}
	file := filepath.Join(t.TempDir(), "in.txt")
	writeFile(t, file, "once\n")
	stdin, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	if code, stderr := run(stdin, "-", "/dev/stdin"); code != 0 || stderr != "" {
		t.Fatalf("- /dev/stdin from a file: exit %d stderr %q", code, stderr)
	}
	if res := shoretest.RunWith(t, shoretest.Opts{Stdin: "end\n"}, "produce", topic); res.Code != 0 {
		t.Fatalf("end marker: exit %d stderr %q", res.Code, res.Stderr)
	}
	if recs := readBackUntil(t, topic, "end"); len(recs) != 3 {
		t.Fatalf("%d records up to the end marker, want the file twice and the marker:\n%s", len(recs), describe(recs))
	}
}

// TestProduceMetadata checks that -m prints, in input order, exactly where
// a consumer finds each record.
func TestProduceMetadata(t *testing.T) {
	topic := testbroker.Topic(t, 6, nil)
	var in strings.Builder
	for i := range 300 {
		fmt.Fprintf(&in, "key%d:value%d\n", i, i)
	}
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: in.String()}, "produce", topic, "-K", ":", "-m", "-H", "h=xyz", "--max-buffered-records", "7")
	if res.Code != 0 || res.Stderr != "" {
		t.Fatalf("exit %d stderr %q", res.Code, res.Stderr)
	}
	recs := readBack(t, topic, 300)
	at := map[string]*kgo.Record{}
	for _, r := range recs {
		at[fmt.Sprintf("%d/%d", r.Partition, r.Offset)] = r
	}
	lines := strings.Split(strings.TrimSuffix(res.Stdout, "\n"), "\n")
	if len(lines) != 300 {
		t.Fatalf("%d metadata lines, want 300", len(lines))
	}
	for i, line := range lines {
		var p int32
		var o, ts int64
		var tp string
		format := `{"topic":%q,"partition":%d,"offset":%d,"timestamp":%d,"key_size":%d,"value_size":%d,"headers_size":4,"input_line":%d}`
		var ks, vs, n int
		if _, err := fmt.Sscanf(line, format, &tp, &p, &o, &ts, &ks, &vs, &n); err != nil {
			t.Fatalf("line %d %q: %v", i+1, line, err)
		}
		r := at[fmt.Sprintf("%d/%d", p, o)]
		if r == nil || tp != topic || n != i+1 || string(r.Key) != fmt.Sprintf("key%d", i) || ks != len(r.Key) || vs != len(r.Value) || ts != r.Timestamp.UnixMilli() {
			t.Fatalf("line %d %q does not match the record a consumer sees: %v", i+1, line, r)
		}
	}
}

func TestProduceUnknownTopic(t *testing.T) {
	topic := testbroker.Name(t, "topic")
	start := time.Now()
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "x\n"}, "produce", topic, "--timeout", "5s")
	want := fmt.Sprintf("shore: unknown topic %q (create it, or pass --allow-auto-create)\n", topic)
	if res.Code != 1 || res.Stderr != want || time.Since(start) > 5*time.Second {
		t.Fatalf("exit %d stderr %q after %s; want 1 and %q", res.Code, res.Stderr, time.Since(start), want)
	}
}

func TestProduceAllowAutoCreate(t *testing.T) {
	dev, err := devbroker.Start(context.Background(), devbroker.Options{Listen: "127.0.0.1:0", Brokers: 1, AutoCreate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	env := map[string]string{"SHORE_BROKERS": strings.Join(dev.Addrs(), ",")}
	topic := testbroker.Name(t, "topic")
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n", Env: env}, "produce", topic, "--allow-auto-create", "-m", "--metadata-format", `%t %p %o %v\n`)
	if res.Code != 0 || res.Stdout != topic+" 0 0 a\n" || res.Stderr != "" {
		t.Fatalf("exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
	}
	if testbroker.Real() {
		return // whether a real cluster creates topics is its configuration
	}
	topic = testbroker.Name(t, "topic")
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n"}, "produce", topic, "--allow-auto-create", "--timeout", "2s")
	want := fmt.Sprintf("shore: unknown topic %q, and the broker did not create it (is auto.create.topics.enable off?)\n", topic)
	if res.Code != 1 || res.Stderr != want {
		t.Fatalf("broker without auto-creation: exit %d stderr %q; want 1 and %q", res.Code, res.Stderr, want)
	}
}

// -p -1 is what its help says: the partitioner chooses, with
// --partitioner too. crc32("key-0") % 2 is 0, murmur2's is 1.
func TestProducePartitionMinusOne(t *testing.T) {
	topic := testbroker.Topic(t, 2, nil)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-p", "-1"}, "1 key-0\n"},
		{[]string{"-p", "-1", "--partitioner", "crc32"}, "0 key-0\n"},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: "key-0:v\n"}, append([]string{"produce", topic, "-K", ":", "--metadata-format", "%p %k\n"}, tc.args...)...)
		if res.Code != 0 || res.Stderr != "" || res.Stdout != tc.want {
			t.Errorf("%v: exit %d stdout %q stderr %q; want 0 and %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.want)
		}
	}
}

// A configuration file's partitioner applies with -p -1 as without -p, since
// -1 leaves the choice to it; -p 1 sets it aside, without an error.
func TestProducePartitionerFromFile(t *testing.T) {
	topic := testbroker.Topic(t, 2, nil)
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, []byte("produce:\n  partitioner: crc32\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "0 key-0\n"},
		{[]string{"-p", "-1"}, "0 key-0\n"},
		{[]string{"--partition=-1"}, "0 key-0\n"},
		{[]string{"-p", "1"}, "1 key-0\n"},
		{[]string{"-p", "-1", "--partitioner", "murmur2"}, "1 key-0\n"},
	} {
		opts := shoretest.Opts{Stdin: "key-0:v\n", Env: map[string]string{"SHORE_CONFIG": file}}
		res := shoretest.RunWith(t, opts, append([]string{"produce", topic, "-K", ":", "--metadata-format", "%p %k\n"}, tc.args...)...)
		if res.Code != 0 || res.Stderr != "" || res.Stdout != tc.want {
			t.Errorf("%v: exit %d stdout %q stderr %q; want 0 and %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.want)
		}
	}
}

// --partitioner round-robin sends each record to the next partition, as
// its help says, not every record to the second.
func TestProduceRoundRobin(t *testing.T) {
	topic := testbroker.Topic(t, 3, nil)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\nc\nd\ne\nf\n"}, "produce", topic, "--partitioner", "round-robin", "--metadata-format", "%p %v\n")
	if want := "0 a\n1 b\n2 c\n0 d\n1 e\n2 f\n"; res.Code != 0 || res.Stderr != "" || res.Stdout != want {
		t.Errorf("exit %d stdout %q stderr %q; want 0 and %q", res.Code, res.Stdout, res.Stderr, want)
	}
}

func TestProducePartitionOutOfRange(t *testing.T) {
	topic := testbroker.Topic(t, 2, nil)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "x\n"}, "produce", topic, "-p", "2")
	want := fmt.Sprintf("shore: topic %q has no partition 2 (it has 0-1)\n", topic)
	if res.Code != 1 || res.Stderr != want {
		t.Fatalf("exit %d stderr %q; want 1 and %q", res.Code, res.Stderr, want)
	}
	stdin := `{"value":"a"}` + "\n" + `{"value":"b","partition":5}` + "\n" + `{"value":"c","partition":1}` + "\n"
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: stdin}, "produce", topic, "--json")
	want = fmt.Sprintf("shore: stdin line 2: not delivered: topic %q has no partition 5 (it has 0-1)\nshore: 1 of 3 records not delivered\n", topic)
	if res.Code != 1 || res.Stderr != want {
		t.Fatalf("exit %d stderr %q; want 1 and %q", res.Code, res.Stderr, want)
	}
	if got := len(readBack(t, topic, 2)); got != 2 {
		t.Fatalf("%d records delivered, want 2", got)
	}
}

func TestProduceTooLarge(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	var in strings.Builder
	for i := 1; i <= 13; i++ {
		if i%2 == 0 {
			in.WriteString(strings.Repeat("x", 200) + "\n")
		} else {
			fmt.Fprintf(&in, "ok%d\n", i)
		}
	}
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: in.String()}, "produce", topic, "--max-message-bytes", "100")
	var want strings.Builder
	for i := 2; i <= 12; i += 2 {
		fmt.Fprintf(&want, "shore: stdin line %d: not delivered: record of 200 bytes exceeds --max-message-bytes 100\n", i)
	}
	want.WriteString("shore: 6 of 13 records not delivered\n")
	if res.Code != 1 || res.Stderr != want.String() {
		t.Fatalf("exit %d stderr:\n%s\nwant:\n%s", res.Code, res.Stderr, want.String())
	}
	if got := describe(readBack(t, topic, 7)); !strings.HasPrefix(got, "0@0 <null>=\"ok1\"\n0@1 <null>=\"ok3\"\n") || strings.Count(got, "\n") != 7 {
		t.Fatalf("delivered:\n%s", got)
	}

	// --failed keeps no record too large to send again, so it leaves no
	// (empty) file behind, and suggests no resend.
	failed := filepath.Join(t.TempDir(), "undelivered.json")
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "ok\n" + strings.Repeat("x", 200) + "\n"}, "produce", topic, "--max-message-bytes", "100", "--failed", failed)
	wantRun(t, res, 1, "", "shore: stdin line 2: not delivered: record of 200 bytes exceeds --max-message-bytes 100\nshore: 1 of 2 records not delivered\n")
	wantNoFile(t, failed)
}

// TestProduceKeyedAtTheLimit: with -K, the key delimiter is not part of the
// record, so a key and value of --max-message-bytes together are sent, and
// a larger record is named with its own size: a line without the key
// delimiter is all value (it was said to be one byte shorter).
func TestProduceKeyedAtTheLimit(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	in := "k:123456789\n:1234567890\nk:1234567890\nkk::12345678901234\n12345678901234567890\n"
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", topic, "-K", ":", "--max-message-bytes", "10")
	wantRun(t, res, 1, "", "shore: stdin line 3: not delivered: record of 11 bytes exceeds --max-message-bytes 10\n"+
		"shore: stdin line 4: not delivered: record of 17 bytes exceeds --max-message-bytes 10\n"+
		"shore: stdin line 5: not delivered: record of 20 bytes exceeds --max-message-bytes 10\n"+
		"shore: 3 of 5 records not delivered\n")
	if got := describe(readBack(t, topic, 2)); got != "0@0 \"k\"=\"123456789\"\n0@1 \"\"=\"1234567890\"\n" {
		t.Fatalf("delivered:\n%s", got)
	}
	dir := t.TempDir()
	whole, keyless := filepath.Join(dir, "whole"), filepath.Join(dir, "keyless")
	if err := os.WriteFile(whole, []byte("key=123456"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyless, []byte("1234567890"), 0o600); err != nil {
		t.Fatal(err)
	}
	res = shoretest.Run(t, "produce", topic, "--whole", whole, "-K", "=", "--max-message-bytes", "9")
	wantRun(t, res, 0, "", "")
	res = shoretest.Run(t, "produce", topic, "--whole", keyless, "-K", "=", "--max-message-bytes", "8")
	wantRun(t, res, 1, "", "shore: "+keyless+" record 1: not delivered: record of 10 bytes exceeds --max-message-bytes 8\nshore: 1 of 1 record not delivered\n")
}

// TestProduceTopicBelowMinBatch checks that a topic whose max.message.bytes
// (200) is below the smallest batch limit franz-go accepts (512) is still
// written to: the records that fit are delivered, and the one that does not
// fails alone, named, where shore used to crash (500 bytes), and where one
// under 512 bytes (300) went into a batch with the small ones, which the
// broker refused whole: all three failed ('record of 3 bytes does not fit').
func TestProduceTopicBelowMinBatch(t *testing.T) {
	for _, size := range []int{500, 300} {
		topic := testbroker.Topic(t, 1, map[string]*string{"max.message.bytes": ptrTo("200")})
		in := "ok1\n" + strings.Repeat("a", size) + "\nok2\n"
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", topic)
		want := fmt.Sprintf("shore: stdin line 2: not delivered: record of %d bytes does not fit a batch that topic %q accepts (max.message.bytes 200)\n", size, topic) +
			fmt.Sprintf("shore: 1 record larger than topic %q's max.message.bytes (200) allows; raise the setting to send it: shore topics alter-config %s --set max.message.bytes=%d\n", topic, topic, map[int]int{500: 2048, 300: 2048}[size]) +
			"shore: 1 of 3 records not delivered\n"
		wantRun(t, res, 1, "", want)
		if got := describe(readBack(t, topic, 2)); got != "0@0 <null>=\"ok1\"\n0@1 <null>=\"ok2\"\n" {
			t.Fatalf("%d bytes: delivered:\n%s", size, got)
		}
	}
}

// TestProduceNamesEveryUndelivered checks that every record not delivered
// is named, and that --failed keeps them all as --json lines that say where
// each came from and why, naming only the first ten on stderr.
func TestProduceNamesEveryUndelivered(t *testing.T) {
	topic := testbroker.Topic(t, 2, nil)
	in := strings.Repeat(strings.Repeat("y", 20)+"\n", 15)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", topic, "--max-message-bytes", "10")
	var want strings.Builder
	for i := 1; i <= 15; i++ {
		fmt.Fprintf(&want, "shore: stdin line %d: not delivered: record of 20 bytes exceeds --max-message-bytes 10\n", i)
	}
	want.WriteString("shore: 15 of 15 records not delivered\n")
	if res.Code != 1 || res.Stderr != want.String() {
		t.Fatalf("exit %d stderr:\n%s\nwant:\n%s", res.Code, res.Stderr, want.String())
	}

	failed := t.TempDir() + "/failed.json"
	var jsonIn strings.Builder
	for i := 1; i <= 15; i++ {
		fmt.Fprintf(&jsonIn, `{"key":"k%d","value":"v%d","partition":5,"timestamp":1763856000000}`+"\n", i, i)
	}
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: jsonIn.String()}, "produce", topic, "--json", "--failed", failed)
	want.Reset()
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&want, "shore: stdin line %d: not delivered: topic %q has no partition 5 (it has 0-1)\n", i, topic)
	}
	fmt.Fprintf(&want, "shore: 5 more records not delivered; %s has all 15\n", failed)
	fmt.Fprintf(&want, "shore: send the records not delivered again with: shore produce %s --json %s\n", topic, failed)
	want.WriteString("shore: 15 of 15 records not delivered\n")
	if res.Code != 1 || res.Stderr != want.String() {
		t.Fatalf("--failed: exit %d stderr:\n%s\nwant:\n%s", res.Code, res.Stderr, want.String())
	}
	saved, err := os.ReadFile(failed)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(saved), "\n")
	wantLine := fmt.Sprintf(`{"input":"stdin","input_line":15,"fate":"failed","error":"topic \"%s\" has no partition 5 (it has 0-1)","key":"k15","value":"v15","headers":[],"partition":5,"timestamp":1763856000000}`+"\n", topic)
	if len(lines) != 16 || lines[14] != wantLine {
		t.Fatalf("%s holds %d lines, the last %q; want 15, the last %q", failed, len(lines)-1, lines[len(lines)-2], wantLine)
	}

	// Everything delivered: no file is left.
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n"}, "produce", topic, "--failed", failed)
	if _, err := os.Stat(failed); res.Code != 0 || !os.IsNotExist(err) {
		t.Fatalf("exit %d stderr %q, %s: %v; want 0 and no file", res.Code, res.Stderr, failed, err)
	}

	// A run that ends before sending (a topic that does not exist) leaves
	// no file either.
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n"}, "produce", testbroker.Name(t, "missing"), "--failed", failed, "--timeout", "2s")
	if _, err := os.Stat(failed); res.Code != 1 || !os.IsNotExist(err) {
		t.Fatalf("exit %d stderr %q, %s: %v; want 1 and no file", res.Code, res.Stderr, failed, err)
	}

	// A file an earlier run left is gone after a run that fails before
	// reading (an input that does not exist): resending it would send the
	// earlier run's records again.
	if err := os.WriteFile(failed, []byte(`{"value":"earlier"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "missing.txt")
	res = shoretest.Run(t, "produce", topic, missing, "--failed", failed)
	if _, err := os.Stat(failed); res.Code != 1 || res.Stderr != "shore: input "+missing+": no such file or directory\n" || !os.IsNotExist(err) {
		t.Fatalf("exit %d stderr %q, %s: %v; want 1, the missing input and no file", res.Code, res.Stderr, failed, err)
	}

	// Resending into the same file would empty it before it is read: it
	// is refused and kept whole (stdin from it: TestFailedIsInput).
	resend := filepath.Join(t.TempDir(), "resend.json")
	if err := os.WriteFile(resend, []byte(`{"value":"a"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	res = shoretest.Run(t, "produce", topic, "--json", resend, "--failed", resend)
	wantErr := fmt.Sprintf("shore: --failed %s is also the input %s: writing it would empty it before it is read; write the failures to another file\n", resend, resend)
	if res.Code != 2 || !strings.HasPrefix(res.Stderr, wantErr) {
		t.Fatalf("exit %d stderr %q; want 2 and %q", res.Code, res.Stderr, wantErr)
	}
	if saved, err := os.ReadFile(resend); err != nil || string(saved) != `{"value":"a"}`+"\n" {
		t.Fatalf("%s now holds %q (%v)", resend, saved, err)
	}
}

// A --failed FILE that is not a regular file shore made is left alone when
// every record was delivered: a pipe from the shell's process substitution
// (--failed >(tee f.log), which is /dev/fd/N) failed the run, exit 1 with
// "remove /dev/fd/N: operation not permitted", and a symlink (/dev/stdout
// is one) was deleted.
func TestProduceFailedNotAFile(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	link := filepath.Join(t.TempDir(), "discard")
	if err := os.Symlink(os.DevNull, link); err != nil {
		t.Fatal(err)
	}
	for _, failed := range []string{fmt.Sprintf("/dev/fd/%d", w.Fd()), link} {
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n"}, "produce", topic, "--failed", failed)
		if res.Code != 0 || res.Stderr != "" {
			t.Errorf("--failed %s: exit %d stderr %q; want 0 and nothing", failed, res.Code, res.Stderr)
		}
	}
	if _, err := os.Lstat(link); err != nil {
		t.Errorf("--failed %s: %v; want the symlink kept", link, err)
	}
}

// A --failed FILE that cannot take a record's line (a full disk) is said
// so at that record, which is named on stderr instead: the file was
// buffered, its write error came only at the end and was dropped, and the
// last line pointed at the file to send the records again from.
func TestProduceFailedFileFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	topic := testbroker.Topic(t, 1, nil)
	stdin := `{"value":"a","partition":5}` + "\n" + `{"value":"b"}` + "\n" + `{"value":"c","partition":5}` + "\n"
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: stdin}, "produce", topic, "--json", "--failed", "/dev/full")
	missing := fmt.Sprintf("not delivered: topic %q has no partition 5 (it has only 0)\n", topic)
	wantRun(t, res, 1, "", "shore: warning: --failed /dev/full: no space left on device: the records not delivered from here on are named here, not kept in it\n"+
		"shore: stdin line 1: "+missing+"shore: stdin line 3: "+missing+"shore: 2 of 3 records not delivered\n")
}

func TestProduceParseErrorStops(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	stdin := `{"value":"a"}` + "\n" + `{"value":"b"}` + "\n" + `{"value":` + "\n" + `{"value":"after"}` + "\n"
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: stdin}, "produce", topic, "--json")
	want := "shore: stdin line 3: invalid JSON: the object is cut short; stopped reading there; the 2 records before it were delivered\n"
	if res.Code != 1 || res.Stderr != want {
		t.Fatalf("exit %d stderr %q; want 1 and %q", res.Code, res.Stderr, want)
	}
	if got := describe(readBack(t, topic, 2)); got != "0@0 <null>=\"a\"\n0@1 <null>=\"b\"\n" {
		t.Fatalf("delivered:\n%s", got)
	}
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "a 1\nb\n"}, "produce", topic, "-f", `%k %v\n`)
	want = "shore: stdin line 2: does not match the layout: the line has no \" \" after %k at byte 0; stopped reading there; the record before it was delivered\n"
	if res.Code != 1 || res.Stderr != want {
		t.Fatalf("layout: exit %d stderr %q; want 1 and %q", res.Code, res.Stderr, want)
	}
}

// TestProduceReadErrorStops reads a file whose read fails (EIO from
// /proc/self/mem): the error names the file and line once, and says what
// was delivered before it, as for input that does not parse.
func TestProduceReadErrorStops(t *testing.T) {
	const unreadable = "/proc/self/mem"
	if _, err := os.Stat(unreadable); err != nil {
		t.Skipf("no %s here: %v", unreadable, err)
	}
	topic := testbroker.Topic(t, 1, nil)
	first := filepath.Join(t.TempDir(), "first.txt")
	if err := os.WriteFile(first, []byte("a\nb\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{first, unreadable}, "shore: /proc/self/mem line 1: cannot read: input/output error; stopped reading there; the 2 records before it were delivered\n"},
		{[]string{"--json", unreadable}, "shore: /proc/self/mem line 1: cannot read: input/output error; stopped reading there; nothing was delivered\n"},
		{[]string{"-f", `%v\n`, unreadable}, "shore: /proc/self/mem line 1: cannot read: input/output error; stopped reading there; nothing was delivered\n"},
		{[]string{"--whole", first, unreadable}, "shore: /proc/self/mem record 1: cannot read: input/output error; stopped reading there; the record before it was delivered\n"},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{}, append([]string{"produce", topic}, tc.args...)...)
		if res.Code != 1 || res.Stdout != "" || res.Stderr != tc.want {
			t.Errorf("%q: exit %d stdout %q stderr %q; want 1 and %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.want)
		}
	}
}

// TestProducePartitionAddedWhileRunning names, on a line read after
// partitions were added to the topic, one of the new partitions: it goes
// there, as the Java producer sends it, not refused with the count shore
// saw when it started; a partition still beyond the topic is refused with
// the count the topic has now.
func TestProducePartitionAddedWhileRunning(t *testing.T) {
	topic := testbroker.Topic(t, 2, nil)
	fifo := filepath.Join(t.TempDir(), "records.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan shoretest.Result, 1)
	go func() {
		done <- shoretest.Run(t, "produce", topic, "--json", "--metadata-format", `%v %p\n`, fifo)
	}()
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := io.WriteString(w, `{"value":"a","partition":1}`+"\n"); err != nil {
		t.Fatal(err)
	}
	readBack(t, topic, 1) // shore runs, knowing 2 partitions
	if res := shoretest.Run(t, "topics", "add-partitions", topic, "--total", "4"); res.Code != 0 {
		t.Fatalf("add-partitions: exit %d stderr %q", res.Code, res.Stderr)
	}
	if _, err := io.WriteString(w, `{"value":"b","partition":3}`+"\n"+`{"value":"c","partition":4}`+"\n"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	res := <-done
	want := fmt.Sprintf("shore: %s line 3: not delivered: topic %q has no partition 4 (it has 0-3)\nshore: 1 of 3 records not delivered\n", fifo, topic)
	if res.Code != 1 || res.Stdout != "a 1\nb 3\n" || res.Stderr != want {
		t.Fatalf("exit %d stdout %q stderr %q; want 1, %q and %q", res.Code, res.Stdout, res.Stderr, "a 1\nb 3\n", want)
	}
}

// TestProduceJSONInvalidUTF8 sends a --json line holding bytes that are not
// UTF-8: encoding/json would read them as U+FFFD and send bytes the line
// does not hold, so the line stops the input like any line that is not
// JSON. A byte order mark, as Windows editors write one, is named.
func TestProduceJSONInvalidUTF8(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	stdin := `{"value":"a"}` + "\n" + "{\"value\":\"\xff\xfe\"}\n" + `{"value":"c"}` + "\n"
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: stdin}, "produce", topic, "--json")
	want := "shore: stdin line 2: invalid UTF-8 at byte 10: JSON text is UTF-8; write other bytes base64 or hex, with key_encoding or value_encoding, as consume --json does; stopped reading there; the record before it was delivered\n"
	if res.Code != 1 || res.Stdout != "" || res.Stderr != want {
		t.Fatalf("exit %d stdout %q stderr %q; want 1 and %q", res.Code, res.Stdout, res.Stderr, want)
	}
	if got := describe(readBack(t, topic, 1)); got != "0@0 <null>=\"a\"\n" {
		t.Fatalf("delivered:\n%s", got)
	}
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "\xef\xbb\xbf" + `{"value":"b"}` + "\n"}, "produce", topic, "--json")
	want = "shore: stdin line 1: a byte order mark (EF BB BF) comes before the JSON, which JSON does not allow: remove it; stopped reading there; nothing was delivered\n"
	if res.Code != 1 || res.Stdout != "" || res.Stderr != want {
		t.Fatalf("BOM: exit %d stdout %q stderr %q; want 1 and %q", res.Code, res.Stdout, res.Stderr, want)
	}
}

func TestProduceEmptyInputAndCount(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: ""}, "produce", topic)
	if res.Code != 0 || res.Stdout != "" || res.Stderr != "" {
		t.Fatalf("empty input: exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
	}
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "1\n2\n3\n4\n"}, "produce", topic, "-c", "2", "-m", "--metadata-format", `%v\n`)
	if res.Code != 0 || res.Stdout != "1\n2\n" || res.Stderr != "" {
		t.Fatalf("count: exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
	}
}

// TestProduceCountStopsReading: -c N stops reading once N records were
// read, as head -n does, and leaves the rest of a pipe unread: an endless
// input ends the run.
func TestProduceCountStopsReading(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	c := exec.Command(shoretest.Binary(t), "produce", topic, "-c", "3", "-m", "--metadata-format", `%v\n`)
	c.Env = shoretest.Environ(t, nil)
	c.Stdin = endlessLines{}
	var stdout, stderr strings.Builder
	c.Stdout, c.Stderr = &stdout, &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Process.Kill() })
	if code := waitExit(t, c, 30*time.Second); code != 0 || stdout.String() != "a\na\na\n" || stderr.String() != "" {
		t.Fatalf("exit %d stdout %q stderr %q", code, stdout.String(), stderr.String())
	}
}

// TestProduceCountLeavesTheRest: -c N with a regular file as stdin leaves
// the file just after the Nth record, as GNU head -n leaves it, so that
// the next command, { shore produce T -c 2; cat; } < FILE, reads what
// follows: shore reads ahead, and lost what it read and did not send. A
// file named as an input is shore's own, and stdin, not read, stays where
// it was.
func TestProduceCountLeavesTheRest(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		args        []string
		sent, rest  string
	}{
		{"lines", "1\n2\n3\n4", []string{"-c", "2"}, `"1" "2" `, "3\n4"},
		{"keys", "a:1\nb:2\nc:3\n", []string{"-c", "1", "-K", ":"}, `"a"="1" `, "b:2\nc:3\n"},
		{"delimiter", "a;;b;;c;;d", []string{"-c", "2", "-D", ";;"}, `"a" "b" `, "c;;d"},
		{"json", "{\"value\":\"a\"}\n\n{\"value\":\"b\"}\n\n{\"value\":\"c\"}\n", []string{"-c", "2", "--json"}, `"a" "b" `, "\n{\"value\":\"c\"}\n"},
		{"layout of lines", "k1 v1\nk2 v2\nk3 v3", []string{"-c", "2", "-f", `%k %v\n`}, `"k1"="v1" "k2"="v2" `, "k3 v3"},
		{"layout with a suffix", "a;b;c", []string{"-c", "2", "-f", "%v;"}, `"a" "b" `, "c"},
		{"layout with a suffix the end lacks", "a;;b;", []string{"-c", "2", "-f", "%v;;"}, `"a" "b" `, ""},
		{"layout of sizes", "\x00\x00\x00\x01a\x00\x00\x00\x01b\x00\x00\x00\x01c", []string{"-c", "2", "-f", "%V{big32}%v"}, `"a" "b" `, "\x00\x00\x00\x01c"},
		{"all of it", "1\n2\n", []string{"-c", "5"}, `"1" "2" `, ""},
		{"a named file first", "s1\ns2\n", []string{"-c", "1", "FILE", "-"}, `"f1" `, "s1\ns2\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			topic := testbroker.Topic(t, 1, nil)
			dir := t.TempDir()
			named := filepath.Join(dir, "named.txt")
			writeFile(t, named, "f1\nf2\n")
			path := filepath.Join(dir, "stdin")
			writeFile(t, path, tc.input)
			stdin, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			args := []string{"produce", topic}
			for _, a := range tc.args {
				if a == "FILE" {
					a = named
				}
				args = append(args, a)
			}
			c := exec.Command(shoretest.Binary(t), args...)
			c.Env = shoretest.Environ(t, nil)
			c.Stdin = stdin
			var stdout, stderr strings.Builder
			c.Stdout, c.Stderr = &stdout, &stderr
			_ = c.Run()
			if code := c.ProcessState.ExitCode(); code != 0 || stdout.String() != "" || stderr.String() != "" {
				t.Fatalf("exit %d stdout %q stderr %q", code, stdout.String(), stderr.String())
			}
			rest, err := io.ReadAll(stdin)
			if err != nil {
				t.Fatal(err)
			}
			if string(rest) != tc.rest {
				t.Errorf("left for the next command %q, want %q", rest, tc.rest)
			}
			var sent strings.Builder
			for _, r := range readBack(t, topic, strings.Count(tc.sent, " ")) {
				if r.Key != nil {
					fmt.Fprintf(&sent, "%q=", r.Key)
				}
				fmt.Fprintf(&sent, "%q ", r.Value)
			}
			if sent.String() != tc.sent {
				t.Errorf("sent %s, want %s", sent.String(), tc.sent)
			}
		})
	}
}

// endlessLines reads as an input of lines "a" that never ends.
type endlessLines struct{}

func (endlessLines) Read(p []byte) (int, error) {
	n := len(p) &^ 1
	for i := 0; i < n; i += 2 {
		p[i], p[i+1] = 'a', '\n'
	}
	return n, nil
}

// TestProduceLargeLimits: limits above the 100 MiB franz-go puts on one
// request by default are taken, not refused with franz-go's words.
func TestProduceLargeLimits(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	want := ""
	for i, limit := range []string{"--batch-max-bytes", "--max-message-bytes"} {
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n"}, "produce", topic, limit, "2000000000")
		if res.Code != 0 || res.Stdout != "" || res.Stderr != "" {
			t.Fatalf("%s 2000000000: exit %d stdout %q stderr %q", limit, res.Code, res.Stdout, res.Stderr)
		}
		want += fmt.Sprintf("0@%d <null>=\"a\"\n", i)
		if got := describe(readBack(t, topic, i+1)); got != want {
			t.Fatalf("%s: records:\n%s\nwant:\n%s", limit, got, want)
		}
	}
}

// --acks 0 is none, as kcat and the Java client spell it.
func TestProduceAcksNone(t *testing.T) {
	for _, acks := range []string{"none", "0"} {
		topic := testbroker.Topic(t, 1, nil)
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\n"}, "produce", topic, "--acks", acks, "-m", "--metadata-format", `%v@%o\n`)
		if res.Code != 0 || res.Stdout != "a@-1\nb@-1\n" || res.Stderr != "" {
			t.Fatalf("--acks %s: exit %d stdout %q stderr %q; want offsets -1: the broker does not say", acks, res.Code, res.Stdout, res.Stderr)
		}
		if got := describe(readBack(t, topic, 2)); got != "0@0 <null>=\"a\"\n0@1 <null>=\"b\"\n" {
			t.Fatalf("--acks %s: records:\n%s", acks, got)
		}
	}
}

func TestProduceVerboseSummary(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\n"}, "produce", topic, "-v")
	summary := regexp.MustCompile(`(?m)^shore: 2 records read, 2 delivered to ` + topic + ` \(2 B\) in \S+, \d+ records?/s$`)
	if res.Code != 0 || !summary.MatchString(res.Stderr) {
		t.Fatalf("exit %d stderr %q", res.Code, res.Stderr)
	}
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n"}, "produce", topic, "-v")
	summary = regexp.MustCompile(`(?m)^shore: 1 record read, 1 delivered to ` + topic + ` \(1 B\) in \S+, \d+ records?/s$`)
	if res.Code != 0 || !summary.MatchString(res.Stderr) {
		t.Fatalf("one record: exit %d stderr %q", res.Code, res.Stderr)
	}
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\n"}, "produce", topic)
	if res.Code != 0 || res.Stderr != "" {
		t.Fatalf("without -v: exit %d stderr %q; want no summary off a terminal", res.Code, res.Stderr)
	}
}

func TestProduceRate(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	start := time.Now()
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "1\n2\n3\n4\n5\n6\n"}, "produce", topic, "--rate", "10")
	if res.Code != 0 || time.Since(start) < 500*time.Millisecond {
		t.Fatalf("exit %d after %s, stderr %q; want 6 records at 10/s to take at least 0.5s", res.Code, time.Since(start), res.Stderr)
	}
	// The end of the input waits for no record: one record at one in ten
	// seconds is sent and done at once, not after ten seconds more.
	start = time.Now()
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "7\n"}, "produce", topic, "--rate", "0.1", "-m", "--metadata-format", "%o\n")
	if res.Code != 0 || res.Stdout != "6\n" || time.Since(start) > 5*time.Second {
		t.Fatalf("exit %d after %s, stdout %q stderr %q; want one record at 0.1/s at offset 6 within 5s", res.Code, time.Since(start), res.Stdout, res.Stderr)
	}
}

func TestProduceTransaction(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\n"}, "produce", topic, "--transactional-id", testbroker.Name(t, "txn"))
	if res.Code != 0 || res.Stderr != "" {
		t.Fatalf("commit: exit %d stderr %q", res.Code, res.Stderr)
	}
	stdin := `{"value":"c"}` + "\n" + `not json` + "\n"
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: stdin}, "produce", topic, "--json", "--transactional-id", testbroker.Name(t, "txn"))
	want := "shore: stdin line 2: invalid JSON at byte 2: invalid character 'o' in literal null (expecting 'u'); stopped reading there; transaction aborted, none committed\n"
	if res.Code != 1 || res.Stderr != want {
		t.Fatalf("abort: exit %d stderr %q; want %q", res.Code, res.Stderr, want)
	}
	// A record produced after the aborted transaction: a read_committed
	// consumer that reaches it has seen all there is before it.
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "end\n"}, "produce", topic, "-p", "0")
	if res.Code != 0 {
		t.Fatalf("end marker: exit %d stderr %q", res.Code, res.Stderr)
	}
	recs := readBackUntil(t, topic, "end", kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	var values []string
	for _, r := range recs {
		values = append(values, string(r.Value))
	}
	sort.Strings(values)
	if got := strings.Join(values, ","); got != "a,b,end" {
		t.Fatalf("read_committed sees %s, want a,b,end", got)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestProduceFailedRoundTrip: records the topic refuses (larger than its
// max.message.bytes) are kept in --failed, and produce --json from that
// file, as stdin, sends them again byte for byte: keys and values that are
// not UTF-8, header values binary, null and empty, an empty header name,
// the partition and timestamp the input gave.
func TestProduceFailedRoundTrip(t *testing.T) {
	small := testbroker.Topic(t, 1, map[string]*string{"max.message.bytes": kadm.StringPtr("1000")})
	large := testbroker.Topic(t, 1, nil)
	binary := make([]byte, 1500)
	for i := range binary {
		binary[i] = byte(255 - i%256)
	}
	in := `{"value":"fits"}` + "\n" +
		`{"key":"/w==","key_encoding":"base64","value":"` + base64.StdEncoding.EncodeToString(binary) + `","value_encoding":"base64","headers":[{"key":"h","value":"00ff","value_encoding":"hex"},{"key":"n","value":null},{"key":"","value":""}],"partition":0,"timestamp":1763856000000}` + "\n"
	// A name with a space is quoted in the command that sends it again.
	failed := filepath.Join(t.TempDir(), "not delivered.json")
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", small, "--json", "--failed", failed)
	want := fmt.Sprintf("shore: stdin line 2: not delivered: record of 1505 bytes does not fit a batch that topic %q accepts (max.message.bytes 1000)\n"+
		"shore: 1 record larger than topic %q's max.message.bytes (1000) allows; raise the setting to send it: shore topics alter-config %s --set max.message.bytes=3072\n"+
		"shore: send the records not delivered again with: shore produce %s --json '%s'\n"+
		"shore: 1 of 2 records not delivered\n", small, small, small, small, failed)
	wantRun(t, res, 1, "", want)
	stdin, err := os.Open(failed)
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	c := exec.Command(shoretest.Binary(t), "produce", large, "--json")
	c.Env = shoretest.Environ(t, nil)
	c.Stdin = stdin
	if out, err := c.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("sending %s again: %v %q", failed, err, out)
	}
	got := readBack(t, large, 1)[0]
	wantRec := fmt.Sprintf("0@0 \"\\xff\"=%q h:\"\\x00\\xff\" n:<null> :\"\"\n", binary)
	if d := describe([]*kgo.Record{got}); d != wantRec || got.Timestamp.UnixMilli() != 1763856000000 {
		t.Fatalf("sent again:\n%s at %d\nwant:\n%s at 1763856000000", d, got.Timestamp.UnixMilli(), wantRec)
	}
}

// TestProduceTooLargeForTopicFailsAlone sends a record the topic's
// max.message.bytes refuses, between two small ones, with
// --max-message-bytes letting it through: it fails alone, naming its line
// and the topic's limit, and the small ones are delivered.
func TestProduceTooLargeForTopicFailsAlone(t *testing.T) {
	topic := testbroker.Topic(t, 1, map[string]*string{"max.message.bytes": kadm.StringPtr("2000")})
	big := strings.Repeat("x", 3000)
	in := "small1\n" + big + "\nsmall2\n" + big + "x\n"
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", topic, "--max-message-bytes", "4000000")
	want := fmt.Sprintf("shore: stdin line 2: not delivered: record of 3000 bytes does not fit a batch that topic %q accepts (max.message.bytes 2000)\n"+
		"shore: stdin line 4: not delivered: record of 3001 bytes does not fit a batch that topic %q accepts (max.message.bytes 2000)\n"+
		"shore: 2 records larger than topic %q's max.message.bytes (2000) allows; raise the setting to send them: shore topics alter-config %s --set max.message.bytes=4096\n"+
		"shore: 2 of 4 records not delivered\n", topic, topic, topic, topic)
	if res.Code != 1 || res.Stderr != want {
		t.Fatalf("exit %d stderr %q; want 1 and %q", res.Code, res.Stderr, want)
	}
	if got := describe(readBack(t, topic, 2)); got != "0@0 <null>=\"small1\"\n0@1 <null>=\"small2\"\n" {
		t.Fatalf("delivered:\n%s", got)
	}
	// The command it gives makes room for the largest.
	if res := shoretest.Run(t, "topics", "alter-config", topic, "--set", "max.message.bytes=4096"); res.Code != 0 {
		t.Fatalf("alter-config: exit %d: %s", res.Code, res.Stderr)
	}
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: big + "x\n"}, "produce", topic, "--max-message-bytes", "4000000"), 0, "", "")
}

// TestProduceTooLargeTransactionAborted: in a transaction a record the
// topic refuses as too large aborts it, and the line that gives the
// command to raise the limit says to send the whole input again, since
// none of it was committed.
func TestProduceTooLargeTransactionAborted(t *testing.T) {
	topic := testbroker.Topic(t, 1, map[string]*string{"max.message.bytes": kadm.StringPtr("2000")})
	in := "small1\n" + strings.Repeat("x", 3000) + "\nsmall2\n"
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", topic, "--transactional-id", testbroker.Name(t, "txn"))
	want := fmt.Sprintf("shore: stdin line 2: not delivered: record of 3000 bytes does not fit a batch that topic %q accepts (max.message.bytes 2000)\n"+
		"shore: 1 record larger than topic %q's max.message.bytes (2000) allows; raise the setting before sending the whole input again (the transaction was aborted): shore topics alter-config %s --set max.message.bytes=4096\n"+
		"shore: 1 of 3 records not delivered; transaction aborted, none committed\n", topic, topic, topic)
	wantRun(t, res, 1, "", want)
}

// TestProduceFailedResendTakesMaxMessageBytes: a record above the default
// --max-message-bytes, let through by a larger one and refused by the
// topic, is sent again by the commands the run ends with, run as they
// are: the resend command gives the run's --max-message-bytes, without
// which it refused the record again.
func TestProduceFailedResendTakesMaxMessageBytes(t *testing.T) {
	topic := testbroker.Topic(t, 1, map[string]*string{"max.message.bytes": kadm.StringPtr("2000")})
	big := strings.Repeat("x", 1_000_001) // one more than the default --max-message-bytes
	failed := filepath.Join(t.TempDir(), "failed.json")
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: big + "\n"}, "produce", topic, "--max-message-bytes", "2000000", "--failed", failed)
	raise := fmt.Sprintf("shore topics alter-config %s --set max.message.bytes=1001472", topic)
	resend := fmt.Sprintf("shore produce %s --json %s --max-message-bytes 2000000", topic, failed)
	want := fmt.Sprintf("shore: stdin line 1: not delivered: record of 1000001 bytes does not fit a batch that topic %q accepts (max.message.bytes 2000)\n"+
		"shore: 1 record larger than topic %q's max.message.bytes (2000) allows; raise the setting to send it: %s\n"+
		"shore: send the records not delivered again with: %s\n"+
		"shore: 1 of 1 record not delivered\n", topic, topic, raise, resend)
	wantRun(t, res, 1, "", want)
	if res := shoretest.Run(t, strings.Fields(raise)[1:]...); res.Code != 0 {
		t.Fatalf("%s: exit %d: %s", raise, res.Code, res.Stderr)
	}
	wantRun(t, shoretest.Run(t, strings.Fields(resend)[1:]...), 0, "", "")
	if got := readBack(t, topic, 1)[0]; string(got.Value) != big {
		t.Fatalf("sent again: a value of %d bytes, want %d", len(got.Value), len(big))
	}
}

// TestProduceKeylessToCompactedTopic: Apache Kafka refuses a batch that
// holds a record without a key for a compacted topic (INVALID_RECORD), and
// shore dev does the same; produce names each keyless record with its line
// and the reason, keeps none in --failed (it would be refused again as it
// is), and delivers the keyed records read with it.
func TestProduceKeylessToCompactedTopic(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, map[string]*string{"cleanup.policy": kadm.StringPtr("compact")})
	failed := filepath.Join(t.TempDir(), "undelivered.json")
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "k1:a\nno key\nk2:b\n"}, "produce", topic, "-K", ":", "--failed", failed)
	wantRun(t, res, 1, "", fmt.Sprintf("shore: stdin line 2: not delivered: no key, and topic %q is compacted (cleanup.policy compact): Kafka takes only records with a key there (-K, -k, or \"key\" in --json)\n"+
		"shore: 1 of 3 records not delivered\n", topic))
	wantNoFile(t, failed)
	if got := describe(readBack(t, topic, 2)); got != "0@0 \"k1\"=\"a\"\n0@1 \"k2\"=\"b\"\n" {
		t.Fatalf("delivered:\n%s", got)
	}
}

// TestProduceJSONLineTooLarge names the --max-message-bytes the user gave
// when a JSON line is too long for any record it allows: longer than six
// times it (every byte a control character, \u00NN) and the envelope.
func TestProduceJSONLineTooLarge(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	in := `{"value":"` + strings.Repeat("x", 80000) + "\"}\n" + `{"value":"ok"}` + "\n"
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", topic, "--json", "--max-message-bytes", "1000")
	want := "shore: stdin line 1: not delivered: JSON line of 80012 bytes is longer than a record of --max-message-bytes 1000 can take\nshore: 1 of 2 records not delivered\n"
	if res.Code != 1 || res.Stderr != want {
		t.Fatalf("exit %d stderr %q; want 1 and %q", res.Code, res.Stderr, want)
	}
	if got := describe(readBack(t, topic, 1)); got != "0@0 <null>=\"ok\"\n" {
		t.Fatalf("delivered:\n%s", got)
	}
}

// TestProduceJSONCopiesControlBytes copies a record of NUL bytes, which
// consume --json writes as \u0000, six bytes for one, through produce
// --json: the line is far longer than the record, which fits
// --max-message-bytes, and is delivered as it was. produce refused such a
// line as "longer than a record of --max-message-bytes can take".
func TestProduceJSONCopiesControlBytes(t *testing.T) {
	t.Parallel()
	from, to := testbroker.Topic(t, 1, nil), testbroker.Topic(t, 1, nil)
	value := strings.Repeat("\x00", 20000) + "\x01\x1f"
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: value}, "produce", from, "--whole", "--max-message-bytes", "20002")
	wantRun(t, res, 0, "", "")
	line := shoretest.Run(t, "consume", from, "-e", "--json")
	wantRun(t, line, 0, line.Stdout, "")
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: line.Stdout}, "produce", to, "--json", "--max-message-bytes", "20002")
	wantRun(t, res, 0, "", "")
	if got := readBack(t, to, 1)[0].Value; string(got) != value {
		t.Fatalf("copied a value of %d bytes, not the %d NUL and control bytes sent", len(got), len(value))
	}
}

// TestProducePartialLineWaits feeds stdin through a pipe whose writer
// flushed two lines and the start of a third: the two are sent, and
// printed with -m, without waiting for the rest, and an interruption then
// finds them delivered, where they waited for the third line's end and an
// interruption lost them ('0 records read').
func TestProducePartialLineWaits(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in, feed := io.Pipe()
	defer feed.Close()
	run := startShoreIn(ctx, shoretest.Env(t, nil), in, "produce", topic, "-m", "--metadata-format", `%o %v\n`)
	if _, err := io.WriteString(feed, "a\nb\npar"); err != nil {
		t.Fatal(err)
	}
	shoretest.Eventually(t, 10*time.Second, func() error {
		if got := run.out.String(); got != "0 a\n1 b\n" {
			return fmt.Errorf("stdout %q, not yet the two whole lines; stderr %q", got, run.errOut.String())
		}
		return nil
	})
	cancel()
	code := run.exit(t, 20*time.Second)
	wantRun(t, shoretest.Result{Stdout: run.out.String(), Stderr: run.errOut.String(), Code: code}, 130, "0 a\n1 b\n", "shore: stopped by interrupt: 2 records read, 2 delivered\nshore: interrupted\n")
}

// TestStdinIsADirectory: a directory redirected to stdin (< /etc) is one
// line naming stdin, where its reads said 'read /dev/stdin: is a
// directory', a path the user did not type, after 'read stdin'.
func TestStdinIsADirectory(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"produce", "t"}, 1, "shore: input stdin: is a directory\n"},
		{[]string{"produce", "t", "-f", `%k %v\n`}, 1, "shore: input stdin: is a directory\n"},
		{[]string{"groups", "seek", "g", "--from-file", "-"}, 2, "shore: --from-file stdin: is a directory, not a file\n" + seeHelpFor("groups seek")},
		{[]string{"registry", "register", "s", "-", "--type", "avro"}, 2, "shore: schema file stdin: is a directory, not a file\n" + seeHelpFor("registry register")},
	} {
		dir, err := os.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer dir.Close()
		out, errOut := &cmd.Buffer{}, &cmd.Buffer{}
		code := cmd.Run(context.Background(), tc.args, &cmd.IOStreams{In: dir, Out: out, ErrOut: errOut}, shoretest.Env(t, nil))
		wantRun(t, shoretest.Result{Stdout: out.String(), Stderr: errOut.String(), Code: code}, tc.code, "", tc.stderr)
	}
}

// produce --help's example that keeps what was not delivered and sends it
// again runs as written: when the first run sent nothing (no broker, no
// topic) it wrote no file, and the example exits 1 with the first run's
// error alone, not a second one about a missing undelivered.json; when
// every record was delivered it leaves no file and exits 0.
func TestFailedResendExample(t *testing.T) {
	line := example(t, "produce", "--failed")
	for _, tc := range []struct {
		name   string
		dev    []string
		setup  string
		code   int
		stderr string
	}{
		{"no broker", []string{"--topic", "orders:3"}, "export SHORE_BROKERS=127.0.0.1:1", 1, "shore: cannot reach 127.0.0.1:1: connection refused\n"},
		{"no topic", nil, "export SHORE_TIMEOUT=2s", 1, "shore: unknown topic \"orders\" (create it, or pass --allow-auto-create)\n"},
		{"delivered", []string{"--topic", "orders:3"}, ":", 0, ""},
	} {
		run := devShell(t, tc.dev...)
		code, stdout, stderr := run("printf 'u1:login\\n' > events.txt; " + tc.setup + "; " + line + "; s=$?; test ! -e undelivered.json || echo left undelivered.json; exit $s")
		if code != tc.code || stdout != "" || stderr != tc.stderr {
			t.Errorf("%s: %s\nexit %d, stdout %q, stderr %q; want exit %d, stderr %q", tc.name, line, code, stdout, stderr, tc.code, tc.stderr)
		}
	}
}

// A file named stdin is not standard input: it is read, named ./stdin, and
// --failed refuses it as the input it is instead of emptying it unread.
func TestProduceFileNamedStdin(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	t.Chdir(t.TempDir())
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "s\n"}, "produce", topic, "stdin")
	wantRun(t, res, 1, "", "shore: input ./stdin: no such file or directory\n")
	writeFile(t, "stdin", `{"value":"f"}`+"\n")
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":"s"}` + "\n"}, "produce", topic, "--json", "stdin", "-", "--metadata-format", `%v\n`)
	wantRun(t, res, 0, "f\ns\n", "")
	res = shoretest.Run(t, "produce", topic, "--json", "stdin", "--failed", "stdin")
	wantRun(t, res, 2, "", "shore: --failed stdin is also the input ./stdin: writing it would empty it before it is read; write the failures to another file\nRun 'shore produce --help' for usage.\n")
	if b, err := os.ReadFile("stdin"); err != nil || string(b) != `{"value":"f"}`+"\n" {
		t.Fatalf("the input file after --failed named it: %q, %v", b, err)
	}
}

// A --failed FILE whose directory does not let shore remove it is left
// empty, with a warning: every record was delivered, so the exit status is
// 0, as a script that resends the file's records expects.
func TestProduceFailedNotRemovable(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	dir := t.TempDir()
	name := filepath.Join(dir, "failed.json")
	writeFile(t, name, "an earlier run's\n")
	reason := lockDir(t, dir)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n"}, "produce", topic, "--failed", name)
	wantRun(t, res, 0, "", "shore: warning: --failed "+name+" holds no record, but cannot be removed ("+reason+"): it is left empty\n")
	if b, err := os.ReadFile(name); err != nil || len(b) != 0 {
		t.Fatalf("--failed's file after the run: %q, %v; want it empty", b, err)
	}
}

// lockDir keeps the entries of dir from being removed until the test ends,
// and returns the reason a removal then fails with: a directory without
// write permission stops anyone but root, chattr +i (on a file system that
// has it) root too. It skips the test when it can do neither.
func lockDir(t *testing.T, dir string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		return "permission denied"
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("root, and no chattr +i here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
	return "operation not permitted"
}

// TestProduceNotAuthorized: a topic the login may not write to (no ACL
// allows it WRITE) is named with what it lacks in each record's line and
// in --failed's file, where they said 'TOPIC_AUTHORIZATION_FAILED: Not
// authorized to access topics: [Topic authorization failed.]'; every
// record is still accounted for. One it may not describe is named before
// anything is read, where it was 'topic "hidden": TOPIC_AUTHORIZATION_FAILED:
// ...'. The login may write to another topic: with none, Kafka refuses it
// a producer id (CLUSTER_AUTHORIZATION_FAILED) before any topic's ACLs.
func TestProduceNotAuthorized(t *testing.T) {
	t.Parallel()
	_, alice := aclCluster(t, []string{"readonly", "hidden", "other"},
		topicACL("readonly", kmsg.ACLOperationDescribe), topicACL("readonly", kmsg.ACLOperationRead), topicACL("other", kmsg.ACLOperationWrite))
	failed := filepath.Join(t.TempDir(), "failed.json")
	alice.Stdin = "a\nb\nc\n"
	res := shoretest.RunWith(t, alice, "produce", "readonly", "--failed", failed)
	denied := `not authorized to write to topic "readonly" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login WRITE on it)`
	var lines, saved string
	for i, v := range []string{"a", "b", "c"} {
		lines += fmt.Sprintf("shore: stdin line %d: not delivered: %s\n", i+1, denied)
		saved += fmt.Sprintf(`{"input":"stdin","input_line":%d,"fate":"failed","error":%q,"key":null,"value":%q,"headers":[]}`+"\n", i+1, denied, v)
	}
	wantRun(t, res, 1, "", lines+"shore: send the records not delivered again with: shore produce readonly --json "+failed+"\nshore: 3 of 3 records not delivered\n")
	if b, err := os.ReadFile(failed); err != nil || string(b) != saved {
		t.Errorf("--failed %s holds %q (%v); want\n%s", failed, b, err, saved)
	}
	alice.Stdin = "a\n"
	wantRun(t, shoretest.RunWith(t, alice, "produce", "hidden"), 1, "",
		`shore: not authorized to describe topic "hidden" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login DESCRIBE on it; Kafka says so whether or not it exists)`+"\n")
	// A login that may write to no topic at all, the usual read-only one,
	// is refused the idempotent producer's id before the topic is looked
	// at: that was 'CLUSTER_AUTHORIZATION_FAILED: Cluster authorization
	// failed.' alone. Without idempotence the topic's refusal is the one.
	_, reader := aclCluster(t, []string{"readonly"}, topicACL("readonly", kmsg.ACLOperationDescribe), topicACL("readonly", kmsg.ACLOperationRead))
	reader.Stdin = "a\nb\n"
	noID := `not authorized to produce to topic "readonly" (CLUSTER_AUTHORIZATION_FAILED: the idempotent producer, --acks all, needs WRITE on a topic or IDEMPOTENT_WRITE on the cluster, and no ACL allows this login either)`
	wantRun(t, shoretest.RunWith(t, reader, "produce", "readonly"), 1, "",
		"shore: stdin line 1: not delivered: "+noID+"\nshore: stdin line 2: not delivered: "+noID+"\nshore: 2 of 2 records not delivered\n")
	wantRun(t, shoretest.RunWith(t, reader, "produce", "readonly", "--acks", "1"), 1, "",
		"shore: stdin line 1: not delivered: "+denied+"\nshore: stdin line 2: not delivered: "+denied+"\nshore: 2 of 2 records not delivered\n")
}
