package cmd_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// seeHelpFor is the line after a usage error of 'shore command ...': the
// command's own --help.
func seeHelpFor(command string) string {
	return "Run 'shore " + command + " --help' for usage.\n"
}

// seeRootHelp is that line where no command was chosen: an unknown one at
// the root, a flag before any.
const seeRootHelp = "Run 'shore --help' or 'shore COMMAND --help' for usage.\n"

func TestConsumeUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"consume"}, "shore: consume: missing TOPIC (usage: shore consume TOPIC...)\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "0=100,3=soon"}, `shore: --offset "0=100,3=soon": "soon": want start, end, N, +N, -N or @TIME` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "--offset", "soon"}, `shore: --offset "soon": want start, end, N, +N, -N or @TIME` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "@yesterday"}, `shore: --offset "@yesterday": want ` + format.TimeSyntax + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "@1000-01-01"}, `shore: --offset "@1000-01-01": 1000-01-01T00:00:00Z is before 1970-01-01T00:00:00Z, where Kafka timestamps start` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "s@1795392000000"}, `shore: --offset "s@1795392000000": want start, end, N, +N, -N or @TIME; kcat's s@T and e@T are @T and :@T here: @1795392000000` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "now"}, `shore: --offset "now": want start, end, N, +N, -N or @TIME; a time takes @: @now` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "@1h"}, `shore: --offset "@1h": a time relative to now is a duration ago: -1h` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "5:3"}, `shore: --offset "5:3": the range stops before it starts (FROM:TO, FROM first)` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "start:end:5"}, `shore: --offset "start:end:5": one ':' makes a range (FROM:TO), and "start:end" is a range already` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "0=5:3"}, `shore: --offset "0=5:3": "5:3": the range stops before it starts (FROM:TO, FROM first)` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "x=1"}, `shore: --offset "x=1": "x" is not a partition number (0 or more)` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-f", "%v{json}"}, "shore: --format '%v{json}': %v{json} at byte 0: {json} is not a field encoding: want {base64}, {base64raw}, {hex} or {unpack[...]}\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-f", `%k: %s\n`}, "shore: --format '%k: %s\\n': unknown directive %s at byte 4: kcat's %s (the value) is %v here\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-f", `%h{%k=%S}`}, "shore: --format '%h{%k=%S}': unknown directive %S at byte 6: kcat's %S (the value's length) is %V here\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-f", `%R%v`}, "shore: --format '%R%v': unknown directive %R at byte 0: kcat's %R (the value's length, 4 bytes big-endian) is %V{big32} here\n" + seeHelpFor("consume")},
		// kcat's %T is its timestamp: in a layout written for kcat it would
		// silently be the topic's length here once %s is mended
		{[]string{"consume", "t", "-f", `%T %k %s\n`}, "shore: --format '%T %k %s\\n': unknown directive %s at byte 6: kcat's %s (the value) is %v here, and its %T (the timestamp) is %d: %T here is the topic's length\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-f", `%d{strftime[%T]} %s`}, "shore: --format '%d{strftime[%T]} %s': unknown directive %s at byte 17: kcat's %s (the value) is %v here\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-f", `%h\n`}, "shore: --format '%h\\n': %h at byte 0 needs braces: %h{...} is the layout of each header (%k and %v its key and value); kcat's %h (name=value, comma-separated) is %h{%k=%v,}, a comma after each\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "stored"}, `shore: --offset "stored": want start, end, N, +N, -N or @TIME; kcat's stored is what -g GROUP does: the group's committed offsets win over -o` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-o", "99999999999=5"}, `shore: --offset "99999999999=5": 99999999999 is out of range: want a partition number from 0 to 2147483647` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-p", "0,2147483648"}, `shore: --partitions "0,2147483648": 2147483648 is out of range: want a partition number from 0 to 2147483647` + "\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-J", "-f", "%v"}, "shore: --json and --format exclude each other\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "--key-encoding", "hex"}, "shore: --key-encoding needs --json\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-J", "--value-encoding", "utf16"}, "shore: --value-encoding \"utf16\": want text, base64, hex or json\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-g", "g", "-p", "1"}, "shore: --partitions cannot be used with --group: the group assigns the partitions\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "--no-commit"}, "shore: --no-commit needs --group\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-g", "g", "--session-timeout", "0s"}, "shore: --session-timeout 0s: want more than 0\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-g", "g", "--balancer", "fair"}, "shore: --balancer \"fair\": want cooperative-sticky, sticky, range or roundrobin\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-n", "-1"}, "shore: --count -1: want 0 or more\n" + seeHelpFor("consume")},
		{[]string{"consume", "-r", "t("}, "shore: bad regular expression \"t(\" (argument of -r/--regex): missing closing )\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "-p", "0,x"}, "shore: --partitions \"0,x\": \"x\" is not a partition number (0 or more) nor a range of them (0-2)\n" + seeHelpFor("consume")},
	} {
		res := shoretest.Run(t, tc.args...)
		if res.Code != 2 || res.Stderr != tc.stderr || res.Stdout != "" {
			t.Errorf("%v: exit %d stdout %q stderr %q; want 2 and %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.stderr)
		}
	}
}

// A bare %T in a layout, kcat's timestamp, writes the topic's length here:
// a warning says so before the records, which are written as asked.
func TestConsumeKcatTimestamp(t *testing.T) {
	t.Parallel()
	topic, _ := fixture(t, 1)
	res := shoretest.Run(t, "consume", topic, "-e", "-n", "1", "-f", `%o %T %v\n`)
	want := "shore: warning: --format: %T at byte 3 writes the length of the topic's name, not the timestamp as kcat's %T does: the timestamp is %d (unix milliseconds); %T{ascii} writes the length without this warning\n"
	if res.Code != 0 || res.Stdout != fmt.Sprintf("0 %d v0\n", len(topic)) || res.Stderr != want {
		t.Errorf("exit %d stdout %q stderr %q; want 0, the record, and %q", res.Code, res.Stdout, res.Stderr, want)
	}
}

func TestConsumeLayouts(t *testing.T) {
	t.Parallel()
	topic, _ := fixture(t, 1)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "v0\nv1\nv2\nline\n\"quoted\"\x00\n"},
		{[]string{"-f", `%t [%p] at offset %o: key %k: %v\n`}, fmt.Sprintf("%[1]s [0] at offset 0: key k0: v0\n%[1]s [0] at offset 1: key k1: v1\n%[1]s [0] at offset 2: key : v2\n%[1]s [0] at offset 3: key \xff\xfe: line\n\"quoted\"\x00\n", topic)},
		{[]string{"-f", `%o %d{go#2006-01-02T15:04:05.000Z07:00#} key=%K value=%V headers=%H %[ %| %]\n`}, "0 2025-11-23T00:00:00.000Z key=2 value=2 headers=0 0 4 4\n1 2025-11-23T00:00:01.000Z key=2 value=2 headers=2 0 4 4\n2 2025-11-23T00:00:02.000Z key=-1 value=2 headers=0 0 4 4\n3 2025-11-23T00:00:03.000Z key=2 value=14 headers=0 0 4 4\n"},
		{[]string{"-f", `%o key=%k{hex} value=%v{hex} %h{%k=%v{hex};}\n`, "-o", "1:3"}, "1 key=6b31 value=7631 h=78;bin=ff00;\n2 key= value=7632 \n"},
		{[]string{"-f", `%o %v{unpack[>H]} %k{unpack[.B$]}\n`, "-n", "2"}, "0 30256 k48\n1 30257 k49\n"},
		// strftime's letters write what strftime(3) and date(1) write in
		// the C locale: %x is month/day/year, and an E or O modifier
		// changes nothing (the record formatter wrote %x day first, and
		// nothing at all for %EY or %Od).
		{[]string{"-f", `%d{strftime[%x %D %EY %Od %Ex]}\n`, "-n", "1"}, "11/23/25 11/23/25 2025 23 11/23/25\n"},
		// The hour on the 12-hour clock is 12 at midnight, not 00 (the
		// record formatter's).
		{[]string{"-f", `%d{strftime[%I|%l|%r]}\n`, "-n", "1"}, "12|12|12:00:00 AM\n"},
		// %T is the topic's length, as in rpk, not kcat's timestamp:
		// written {ascii}, without the warning a bare one gets.
		{[]string{"-f", `%T{ascii} %t\n`, "-n", "1"}, fmt.Sprintf("%d %s\n", len(topic), topic)},
		{[]string{"-o", "-2"}, "v2\nline\n\"quoted\"\x00\n"},
		{[]string{"-o", "+1", "-n", "1"}, "v1\n"},
		{[]string{"-o", "@1763856001500"}, "v2\nline\n\"quoted\"\x00\n"},
		{[]string{"-o", "@2025-11-23T00:00:01Z:@2025-11-23T00:00:03Z"}, "v1\nv2\n"},
		// every record is older than now: none from now on, all up to it
		{[]string{"-o", "@now"}, ""},
		{[]string{"-o", ":@now"}, "v0\nv1\nv2\nline\n\"quoted\"\x00\n"},
		{[]string{"-o", "0=2:3"}, "v2\n"},
		{[]string{"-o", "end"}, ""},
		{[]string{"-o", "earliest", "-n", "1"}, "v0\n"},
		{[]string{"-o", "earliest:latest"}, "v0\nv1\nv2\nline\n\"quoted\"\x00\n"},
		{[]string{"-o", "latest"}, ""},
	} {
		args := append([]string{"consume", topic, "-e"}, tc.args...)
		res := shoretest.Run(t, args...)
		if res.Code != 0 || res.Stdout != tc.want || res.Stderr != "" {
			t.Errorf("%v: exit %d stderr %q\nstdout %q\nwant   %q", tc.args, res.Code, res.Stderr, res.Stdout, tc.want)
		}
	}
}

// TestConsumeRangeToFutureTime: a range's TO time that no record has
// reached yet is the end at start, as -e's is, so that a day's range run
// on that day reads the day so far and stops, without -e, rather than
// following until the day is over (consume --help says so).
func TestConsumeRangeToFutureTime(t *testing.T) {
	t.Parallel()
	topic, _ := fixture(t, 1)
	tomorrow := time.Now().UTC().Add(24 * time.Hour).Format("2006-01-02")
	wantRun(t, shoretest.Run(t, "consume", topic, "-o", "@2025-11-23T00:00:01Z:@"+tomorrow), 0, "v1\nv2\nline\n\"quoted\"\x00\n",
		fmt.Sprintf("shore: --offset: stopping before the first offset at or after %sT00:00:00Z (UTC, as the TIME has no zone: add one, as @%sT00:00:00-05:00, for another)\n", tomorrow, tomorrow))
}

// TestConsumeZonelessTime: a TIME in -o written without a zone is UTC, and
// one line on stderr says the instant it is read as, for each such TIME,
// as groups seek --to says it; stdout is the records alone. A TIME with a
// zone is said nothing of (TestConsume's -o rows).
func TestConsumeZonelessTime(t *testing.T) {
	t.Parallel()
	topic, _ := fixture(t, 1)
	note := func(stop, at string) string {
		return fmt.Sprintf("shore: --offset: %sthe first offset at or after 2025-11-23T%sZ (UTC, as the TIME has no zone: add one, as @2025-11-23T%s-05:00, for another)\n", stop, at, at)
	}
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-o", "@2025-11-23T00:00:02"), 0, "v2\nline\n\"quoted\"\x00\n", note("", "00:00:02"))
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-o", "@2025-11-23 00:00:01z:@2025-11-23 00:00:03"), 0, "v1\nv2\n", note("stopping before ", "00:00:03"))
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-o", "0=@2025-11-23T00:00:01:@2025-11-23T00:00:01.5"), 0, "v1\n",
		note("", "00:00:01")+note("stopping before ", "00:00:01.5"))
}

// TestConsumeUnpackable: a record that a layout's unpack cannot read is
// not written with franz-go's complaint in its place but named on stderr;
// the run goes on, counts it at the end and exits 1, as --decode does.
func TestConsumeUnpackable(t *testing.T) {
	t.Parallel()
	topic, _ := fixture(t, 1)
	warn := "shore: warning: " + topic + ":0 offset 3: cannot unpack the value (14 bytes) with %v{unpack[cc$]}: not end-of-input; not written\n"
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", `%o %v{unpack[cc$]}\n`), 1, "0 v0\n1 v1\n2 v2\n",
		warn+"shore: 1 record could not be unpacked and was not written\n")
	// -n counts the records written (offset 2's key is null); --until
	// stops at the record it matches all the same.
	wantRun(t, shoretest.Run(t, "consume", topic, "-n", "3", "-f", `%k{unpack[cc$]}\n`), 1, "k0\nk1\n\xff\xfe\n",
		"shore: warning: "+topic+":0 offset 2: cannot unpack the key (0 bytes) with %k{unpack[cc$]}: no bytes available; not written\n"+
			"shore: 1 record could not be unpacked and was not written\n")
	wantRun(t, shoretest.Run(t, "consume", topic, "--until", `.offset == 3`, "-f", `%v{unpack[cc$]}\n`), 1, "",
		warn+"shore: 1 record could not be unpacked and was not written\n")
	// A header's value; offset 2 has no headers.
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-o", "1", "-n", "1", "-f", `%h{%k=%v{unpack[h]} }\n`), 1, "\n",
		"shore: warning: "+topic+":0 offset 1: cannot unpack the header \"h\"'s value (1 byte) with %v{unpack[h]}: have 1 bytes, need 2; not written\n"+
			"shore: 1 record could not be unpacked and was not written\n")
	var many strings.Builder
	for range 12 {
		many.WriteString("x\n")
	}
	more := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: many.String()}, "produce", more), 0, "", "")
	var warned strings.Builder
	for o := range 10 {
		fmt.Fprintf(&warned, "shore: warning: %s:0 offset %d: cannot unpack the value (1 byte) with %%v{unpack[>h]}: have 1 bytes, need 2; not written\n", more, o)
	}
	wantRun(t, shoretest.Run(t, "consume", more, "-e", "-f", `%v{unpack[>h]}\n`), 1, "", warned.String()+
		"shore: warning: more records cannot be unpacked: they are not written either, and counted at the end\n"+
		"shore: 12 records could not be unpacked and were not written\n")
}

// TestConsumeNullHeaderValue: a layout's %h{...} writes a null header
// value as an empty one, so a copy through it (produce -f) sends it empty;
// the first record written with one is named in a warning, once, when the
// layout writes header values without their %V (-1 for a null one). The
// run still succeeds.
func TestConsumeNullHeaderValue(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	produceTo(t,
		&kgo.Record{Topic: topic, Value: []byte("v0"), Headers: []kgo.RecordHeader{{Key: "e", Value: []byte{}}}},
		&kgo.Record{Topic: topic, Value: []byte("v1"), Headers: []kgo.RecordHeader{{Key: "e", Value: []byte{}}, {Key: "trace\n", Value: nil}}},
		&kgo.Record{Topic: topic, Value: []byte("v2"), Headers: []kgo.RecordHeader{{Key: "n", Value: nil}}})
	warn := "shore: warning: " + topic + ":0 offset 1: header \"trace\\n\" has a null value: %h{%k=%v;} writes it (and any later one, not named) as an empty one; a %V in its braces writes -1 for it, --json null\n"
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", `%h{%k=%v;}%v\n`), 0, "e=;v0\ne=;trace\n=;v1\nn=;v2\n", warn)
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", `%h{%k=%v;}%v\n`, "--filter", ".offset == 2"), 0, "n=;v2\n",
		"shore: warning: "+topic+":0 offset 2: header \"n\" has a null value: %h{%k=%v;} writes it (and any later one, not named) as an empty one; a %V in its braces writes -1 for it, --json null\n")
	// Only the layout's headers' names, no headers, or their %V: nothing
	// is lost.
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", `%h{%k=%V:%v;}%v\n`), 0, "e=0:;v0\ne=0:;trace\n=-1:;v1\nn=-1:;v2\n", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", `%h{%k;}%v\n`), 0, "e;v0\ne;trace\n;v1\nn;v2\n", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", `%H %v\n`), 0, "1 v0\n2 v1\n1 v2\n", "")
}

func TestConsumeJSON(t *testing.T) {
	t.Parallel()
	topic, _ := fixture(t, 1)
	res := shoretest.Run(t, "consume", topic, "-e", "-J")
	want := fmt.Sprintf(`{"topic":"%[1]s","partition":0,"offset":0,"timestamp":1763856000000,"timestamp_type":"create","key":"k0","value":"v0","headers":[],"leader_epoch":0}
{"topic":"%[1]s","partition":0,"offset":1,"timestamp":1763856001000,"timestamp_type":"create","key":"k1","value":"v1","headers":[{"key":"h","value":"x"},{"key":"bin","value":"/wA=","value_encoding":"base64"}],"leader_epoch":0}
{"topic":"%[1]s","partition":0,"offset":2,"timestamp":1763856002000,"timestamp_type":"create","key":null,"value":"v2","headers":[],"leader_epoch":0}
{"topic":"%[1]s","partition":0,"offset":3,"timestamp":1763856003000,"timestamp_type":"create","key":"//4=","key_encoding":"base64","value":"line\n\"quoted\"\u0000","headers":[],"leader_epoch":0}
`, topic)
	if res.Code != 0 || res.Stdout != want {
		t.Fatalf("exit %d stderr %q\nstdout %s\nwant   %s", res.Code, res.Stderr, res.Stdout, want)
	}
	wantJQ(t, res.Stdout, "v0\nv1\nv2\nline\n\"quoted\"\x00\n", "-r", ".value")
	res = shoretest.Run(t, "consume", topic, "-e", "-J", "--key-encoding", "hex", "--value-encoding", "base64", "-n", "1")
	if !strings.Contains(res.Stdout, `"key":"6b30","key_encoding":"hex","value":"djA=","value_encoding":"base64"`) {
		t.Errorf("forced encodings: %s", res.Stdout)
	}
}

// TestConsumeRecordOver100MiB reads back a record of 101 MiB, which produce
// sends to a topic whose max.message.bytes takes it (shore dev's does; a
// Kafka whose socket.request.max.bytes does). consume failed with
// "fetch :-1: invalid large response size ... > limit 104857600", the
// Kafka client's limit on a response, and read nothing.
//
// The in-process broker takes a second and more to take and to begin to
// answer a record this large; under make race on a loaded machine it took
// 15s to acknowledge it and over 6s to begin the fetch's answer, and the
// warnings of a slow broker came, true but not what this test is about
// (TestConsumeUnanswered and the faults suite's produce tests are): both
// commands here count a broker as slow only after a minute.
func TestConsumeRecordOver100MiB(t *testing.T) {
	if testbroker.Real() {
		t.Skip("Apache Kafka takes requests of at most socket.request.max.bytes, 100 MiB by default")
	}
	t.Parallel()
	const size = 101 << 20
	topic := testbroker.Topic(t, 1, map[string]*string{"max.message.bytes": kadm.StringPtr(fmt.Sprint(size + 1024))})
	run := func(stdin string, args ...string) shoretest.Result {
		ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
		defer cancel()
		streams, out, errOut := cmd.TestStreams(stdin)
		code := cmd.RunSlowAfter(ctx, time.Minute, args, streams, shoretest.Env(t, nil))
		return shoretest.Result{Stdout: out.String(), Stderr: errOut.String(), Code: code}
	}
	wantRun(t, run(strings.Repeat("v", size), "produce", topic, "--whole", "--max-message-bytes", fmt.Sprint(size)), 0, "", "")
	wantRun(t, run("", "consume", topic, "-e", "-f", "%o %V\n"), 0, fmt.Sprintf("0 %d\n", size), "")
}

func TestConsumeLastTenPerPartition(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 3, nil)
	produceTo(t, numbered(topic, 3, 15)...)
	res := shoretest.Run(t, "consume", topic, "-o", "-10", "-e", "-f", `%p %o %v\n`)
	lines := strings.Split(strings.TrimSuffix(res.Stdout, "\n"), "\n")
	got := map[int32][]string{}
	for _, l := range lines {
		var p int32
		var o int
		var v string
		fmt.Sscanf(l, "%d %d %s", &p, &o, &v)
		got[p] = append(got[p], v)
	}
	for p := range int32(3) {
		if len(got[p]) != 10 || got[p][0] != fmt.Sprintf("%d-05", p) || got[p][9] != fmt.Sprintf("%d-14", p) {
			t.Errorf("partition %d: %v", p, got[p])
		}
	}
	res = shoretest.Run(t, "consume", topic, "-p", "1", "-o", "-1", "-e")
	if res.Stdout != "1-14\n" {
		t.Errorf("-p 1 -o -1: %q %q", res.Stdout, res.Stderr)
	}
}

// -n counts also the record that reaches a partition's stop: -o -1 -e -n 1
// over three partitions writes one record, where each partition's last one
// was written and the count never checked.
func TestConsumeCountAtStop(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 3, nil)
	produceTo(t, numbered(topic, 3, 2)...)
	for _, tc := range []struct {
		args  []string
		lines int
	}{
		{[]string{"-o", "-1", "-e", "-n", "1"}, 1},
		{[]string{"-o", "-1", "-e", "-n", "2"}, 2},
		{[]string{"-o", ":1", "-n", "2"}, 2},
		{[]string{"-o", "-1", "-e", "-n", "3"}, 3},
	} {
		res := shoretest.Run(t, append([]string{"consume", topic}, tc.args...)...)
		if res.Code != 0 || strings.Count(res.Stdout, "\n") != tc.lines || res.Stderr != "" {
			t.Errorf("%q: exit %d stdout %q stderr %q; want %d lines", tc.args, res.Code, res.Stdout, res.Stderr, tc.lines)
		}
	}
	res := shoretest.Run(t, "consume", topic, "-o", "-1", "-e", "-n", "1", "--until", `.value == "none"`)
	want := "(1 record read): -n 1 record read\n"
	if res.Code != 3 || res.Stdout != "" || !strings.HasSuffix(res.Stderr, want) {
		t.Errorf("--until: exit %d stdout %q stderr %q; want 3 and %q", res.Code, res.Stdout, res.Stderr, want)
	}
}

func TestConsumeStops(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 2, nil)
	empty := testbroker.Topic(t, 4, nil)
	testbroker.Produce(t, &kgo.Record{Topic: topic, Value: []byte("a")}, &kgo.Record{Topic: topic, Value: []byte("b")})
	if res := shoretest.Run(t, "consume", empty, "-e"); res.Code != 0 || res.Stdout != "" || res.Stderr != "" {
		t.Errorf("-e on an empty topic: %+v", res)
	}
	res := shoretest.Run(t, "consume", topic, "-n", "2")
	if res.Code != 0 || len(res.Stdout) != 4 {
		t.Errorf("-n 2: %+v", res)
	}
	// --idle-timeout counts from when polling starts, and both records
	// must come within it: 3s, where 500ms was less than this parallel
	// test can be kept waiting on a loaded machine.
	start := time.Now()
	res = shoretest.Run(t, "consume", topic, "--idle-timeout", "3s")
	if res.Code != 0 || len(res.Stdout) != 4 || time.Since(start) > 20*time.Second {
		t.Errorf("--idle-timeout: %+v after %s", res, time.Since(start))
	}
	res = shoretest.Run(t, "consume", "-r", "^"+empty+"$", "^"+topic+"$", "-e", "-f", `%t\n`)
	if res.Code != 0 || res.Stdout != topic+"\n"+topic+"\n" {
		t.Errorf("-r: %+v", res)
	}
	// an expression matches anywhere in a name unless anchored
	tail := topic[len(topic)-8:]
	res = shoretest.Run(t, "consume", "-r", tail, "-e", "-f", `%t\n`)
	if res.Code != 0 || res.Stdout != topic+"\n"+topic+"\n" {
		t.Errorf("-r %s: %+v", tail, res)
	}
	res = shoretest.Run(t, "consume", "-r", "^"+tail, "-e")
	if res.Code != 1 || res.Stderr != "shore: no topic matches \"^"+tail+"\"\n" {
		t.Errorf("-r ^%s: %+v", tail, res)
	}
}

func TestConsumeUnknownTopicAndPartition(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 3, nil)
	missing := testbroker.Name(t, "missing")
	res := shoretest.Run(t, "consume", topic, missing, "-e")
	if res.Code != 1 || res.Stderr != "shore: unknown topic \""+missing+"\"\n" {
		t.Errorf("unknown topic: %+v", res)
	}
	res = shoretest.Run(t, "consume", topic, "-p", "0,5", "-e")
	if res.Code != 1 || res.Stderr != "shore: topic \""+topic+"\" has no partition 5 (it has 0-2)\n" {
		t.Errorf("unknown partition: %+v", res)
	}
	res = shoretest.Run(t, "consume", topic, "-o", "7=end", "-e")
	if res.Code != 1 || res.Stderr != "shore: topic \""+topic+"\" has no partition 7 (it has 0-2)\n" {
		t.Errorf("unknown partition in -o: %+v", res)
	}
	res = shoretest.Run(t, "consume", "-r", "^no-such-topic-[0-9]+$", "-e")
	if res.Code != 1 || res.Stderr != `shore: no topic matches "^no-such-topic-[0-9]+$"`+"\n" {
		t.Errorf("regex without match: %+v", res)
	}
}

// TestConsumeRepeatedPartitions: -p given twice consumes the partitions of
// both, as rpk's -p does, not those of the last alone.
func TestConsumeRepeatedPartitions(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 3, nil)
	produceTo(t, numbered(topic, 3, 2)...)
	res := shoretest.Run(t, "consume", topic, "-e", "-p", "0", "-p", "2", "-f", `%v\n`)
	lines := strings.Split(strings.TrimSuffix(res.Stdout, "\n"), "\n")
	slices.Sort(lines)
	if res.Code != 0 || strings.Join(lines, " ") != "0-00 0-01 2-00 2-01" || res.Stderr != "" {
		t.Errorf("exit %d stdout %q stderr %q; want 0 and the records of partitions 0 and 2", res.Code, res.Stdout, res.Stderr)
	}
}

// TestConsumePartitionRanges: -p takes ranges as offsets -p does, and with
// -r a topic matched that lacks the partitions asked (by -p, or by -o's
// P=SPEC without a default) is left out without a word; the exit status is
// 1 only when no topic matched has one of them. A topic named must have
// them all, alone or beside others.
func TestConsumePartitionRanges(t *testing.T) {
	t.Parallel()
	one, three, re := oneAndThree(t)

	res := shoretest.Run(t, "consume", three, "-e", "-p", "1-2")
	lines := strings.Split(strings.TrimSuffix(res.Stdout, "\n"), "\n")
	slices.Sort(lines)
	if res.Code != 0 || strings.Join(lines, " ") != "1-00 1-01 2-00 2-01" || res.Stderr != "" {
		t.Errorf("-p 1-2: exit %d stdout %q stderr %q; want 0 and the records of partitions 1 and 2", res.Code, res.Stdout, res.Stderr)
	}
	wantRun(t, shoretest.Run(t, "consume", "-r", re, "-e", "-p", "2"), 0, "2-00\n2-01\n", "")
	wantRun(t, shoretest.Run(t, "consume", "-r", re, "-e", "-o", "2=1"), 0, "2-01\n", "")
	wantRun(t, shoretest.Run(t, "consume", "-r", re, "-e", "-p", "3-5"), 1, "",
		fmt.Sprintf("shore: no topic that \"%s\" matches has partitions 3-5: %q has only 0 and %q has 0-2\n", re, one, three))
	wantRun(t, shoretest.Run(t, "consume", one, three, "-e", "-p", "2"), 1, "",
		fmt.Sprintf("shore: topic %q has no partition 2 (it has only 0)\n", one))
	wantRun(t, shoretest.Run(t, "consume", three, "-e", "-p", "2-4"), 1, "", fmt.Sprintf("shore: topic %q has no partitions 3 and 4 (it has 0-2)\n", three))
}

// TestConsumeExitAfterTransactions ends a partition with an aborted
// transaction: the last offsets are data the committed reader never sees and
// a control marker; -e must still end, with and without --read-committed.
func TestConsumeExitAfterTransactions(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	testbroker.Produce(t, &kgo.Record{Topic: topic, Value: []byte("plain")})
	txn := testbroker.Client(t, kgo.TransactionalID(testbroker.Name(t, "txn")), kgo.DefaultProduceTopic(topic))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, commit := range []kgo.TransactionEndTry{kgo.TryCommit, kgo.TryAbort} {
		if err := txn.BeginTransaction(); err != nil {
			t.Fatal(err)
		}
		value := map[kgo.TransactionEndTry]string{kgo.TryCommit: "committed", kgo.TryAbort: "aborted"}[commit]
		if err := txn.ProduceSync(ctx, &kgo.Record{Value: []byte(value)}).FirstErr(); err != nil {
			t.Fatal(err)
		}
		if err := txn.EndTransaction(ctx, commit); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--read-committed"}, "plain\ncommitted\n"},
		{nil, "plain\ncommitted\naborted\n"},
		// A group commits past the final marker: no lag is left.
		{[]string{"-g", testbroker.Name(t, "group")}, "plain\ncommitted\naborted\n"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			args := append([]string{"consume", topic, "-e", "--timeout", "5s"}, tc.args...)
			res := shoretest.RunWith(t, shoretest.Opts{Timeout: 30 * time.Second}, args...)
			if res.Code != 0 || res.Stdout != tc.want {
				t.Errorf("%v: exit %d stdout %q stderr %q; want %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.want)
			}
			if len(tc.args) != 2 {
				return
			}
			lags, err := testbroker.Admin(t).Lag(ctx, tc.args[1])
			if err != nil {
				t.Fatal(err)
			}
			if total := lags[tc.args[1]].Lag.Total(); total != 0 {
				t.Errorf("group lag %d after -e; want 0", total)
			}
		})
	}
}

func TestConsumeGroupCommitsWhatWasWritten(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 2, nil)
	group := testbroker.Name(t, "group")
	produceTo(t, numbered(topic, 2, 5)...)
	// Without a commit, -o applies: the last two of each partition.
	res := shoretest.Run(t, "consume", topic, "-g", group, "-o", "-2", "-e", "-f", `%p %v\n`)
	if res.Code != 0 || len(res.Stdout) != 4*len("0 0-03\n") {
		t.Fatalf("first run: %+v", res)
	}
	committed := func() map[int32]int64 {
		offs, err := testbroker.Admin(t).FetchOffsets(context.Background(), group)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int32]int64{}
		offs.Each(func(o kadm.OffsetResponse) { out[o.Partition] = o.At })
		return out
	}
	if got := committed(); got[0] != 5 || got[1] != 5 {
		t.Errorf("committed %v; want 5 and 5", got)
	}
	produceTo(t, &kgo.Record{Topic: topic, Partition: 1, Value: []byte("1-05")})
	// With commits, -o is ignored: only the new record.
	res = shoretest.Run(t, "consume", topic, "-g", group, "-o", "start", "-e", "-f", `%p %v\n`)
	if res.Code != 0 || res.Stdout != "1 1-05\n" {
		t.Errorf("second run: %+v", res)
	}
	res = shoretest.Run(t, "consume", topic, "-g", group, "-o", "start", "-e", "--no-commit", "-f", `%p %v\n`)
	if res.Code != 0 || res.Stdout != "" {
		t.Errorf("third run: %+v", res)
	}
	if got := committed(); got[0] != 5 || got[1] != 6 {
		t.Errorf("committed %v; want 5 and 6", got)
	}
}

// TestConsumeGroupStartsWhereItStood: a run of a new group that reads
// nothing (-o end -e) commits where each partition stood, as the Java
// console consumer does when it closes, so the group shows lag 0 and its
// next run prints the records produced since, exactly; without a commit the
// next run started at the log start and printed everything.
func TestConsumeGroupStartsWhereItStood(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 2, nil)
	group := testbroker.Name(t, "group")
	produceTo(t, numbered(topic, 2, 5)...)
	wantRun(t, shoretest.Run(t, "consume", topic, "-g", group, "-o", "end", "-e"), 0, "", "")
	res := shoretest.Run(t, "groups", "describe", group, "-o", "csv")
	if want := fmt.Sprintf("%s,0,5\n%s,1,5\n", topic, topic); res.Code != 0 || res.Stdout != want {
		t.Errorf("commits after the first run: exit %d, stdout %q, stderr %q; want %q", res.Code, res.Stdout, res.Stderr, want)
	}
	res = shoretest.Run(t, "groups", "describe", group, "--max-lag", "0", "--max-total-lag", "0")
	if res.Code != 0 || res.Stderr != "" || !strings.Contains(res.Stdout, "\nTOTAL-LAG    0\n") {
		t.Errorf("describe after the first run: exit %d, stderr %q; want 0, nothing, and TOTAL-LAG 0 in\n%s", res.Code, res.Stderr, res.Stdout)
	}
	produceTo(t, &kgo.Record{Topic: topic, Partition: 0, Value: []byte("new-0")}, &kgo.Record{Topic: topic, Partition: 1, Value: []byte("new-1")}, &kgo.Record{Topic: topic, Partition: 0, Value: []byte("new-2")})
	res = shoretest.Run(t, "consume", topic, "-g", group, "-e", "-f", `%p %o %v\n`)
	lines := strings.SplitAfter(res.Stdout, "\n")
	slices.Sort(lines)
	if got, want := strings.Join(lines, ""), "0 5 new-0\n0 6 new-2\n1 5 new-1\n"; res.Code != 0 || got != want || res.Stderr != "" {
		t.Errorf("second run: exit %d, stdout %q, stderr %q; want 0 and the three new records %q", res.Code, res.Stdout, res.Stderr, want)
	}
}

// TestConsumeGroupCommitsPositionsAtEnd: a member that ends by -n or by an
// interrupt commits the position of the partitions it read nothing of, as
// it does at -e's end, beside the records it wrote.
func TestConsumeGroupCommitsPositionsAtEnd(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"count", []string{"-n", "1"}},
		{"interrupt", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			topic := testbroker.Topic(t, 2, nil)
			group := testbroker.Name(t, "group")
			produceTo(t, numbered(topic, 2, 5)...)
			ctx, interrupt := context.WithCancel(context.Background())
			defer interrupt()
			m := startShore(ctx, shoretest.Env(t, nil), append([]string{"consume", topic, "-g", group, "-o", "end", "-f", `%p %v\n`}, tc.args...)...)
			// Joined: the ends where it starts are taken.
			waitMembers(t, group, 1)
			produceTo(t, &kgo.Record{Topic: topic, Partition: 0, Value: []byte("new")})
			shoretest.Eventually(t, 30*time.Second, func() error {
				if got := m.out.String(); got != "0 new\n" {
					return fmt.Errorf("stdout %q; want the new record", got)
				}
				return nil
			})
			interrupt()
			if code := m.exit(t, 30*time.Second); code != 0 || m.out.String() != "0 new\n" || m.errOut.String() != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 0 and the new record", code, m.out.String(), m.errOut.String())
			}
			wantRun(t, shoretest.Run(t, "groups", "describe", group, "-o", "csv"), 0, fmt.Sprintf("%s,0,6\n%s,1,5\n", topic, topic), "")
		})
	}
}

// TestConsumeGroupCommitsPositionsOnRevoke: a member that gives up a
// partition it wrote nothing of commits where it stood, as the Java
// consumer commits the position of what it gives up, so the next owner
// goes on from there: the records produced before the first member started
// are printed by neither, those produced since once. Without that commit
// the second member started the partition at the log start (-o's default)
// and printed its old records. A cooperative balancer revokes only the
// partition that moves, and the partition kept is not committed; an eager
// one revokes both.
func TestConsumeGroupCommitsPositionsOnRevoke(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		balancer string
		revoked  [][]int32 // what the first member may give up, and commit
	}{
		{"cooperative-sticky", [][]int32{{0}, {1}}},
		{"sticky", [][]int32{{0, 1}}},
	} {
		t.Run(tc.balancer, func(t *testing.T) {
			t.Parallel()
			topic := testbroker.Topic(t, 2, nil)
			group := testbroker.Name(t, "group")
			produceTo(t, numbered(topic, 2, 5)...)
			env := shoretest.Env(t, nil)
			ctx, interrupt := context.WithCancel(context.Background())
			defer interrupt()
			first := startShore(ctx, env, "consume", topic, "-g", group, "--balancer", tc.balancer, "-o", "end", "-f", `%p %o %v\n`)
			waitMembers(t, group, 1)
			second := startShore(ctx, env, "consume", topic, "-g", group, "--balancer", tc.balancer, "-f", `%p %o %v\n`)
			// Both own a partition: the first gave up what moved.
			waitMembers(t, group, 2)
			res := shoretest.Run(t, "groups", "describe", group, "-o", "csv")
			var want []string
			for _, ps := range tc.revoked {
				var csv strings.Builder
				for _, p := range ps {
					fmt.Fprintf(&csv, "%s,%d,5\n", topic, p)
				}
				want = append(want, csv.String())
			}
			if res.Code != 0 || !slices.Contains(want, res.Stdout) {
				t.Errorf("commits once the second member joined: exit %d, stdout %q, stderr %q; want one of %q", res.Code, res.Stdout, res.Stderr, want)
			}
			produceTo(t, &kgo.Record{Topic: topic, Partition: 0, Value: []byte("new-0")}, &kgo.Record{Topic: topic, Partition: 1, Value: []byte("new-1")})
			written := func() string {
				lines := strings.SplitAfter(first.out.String()+second.out.String(), "\n")
				slices.Sort(lines)
				return strings.Join(lines, "")
			}
			const newRecords = "0 5 new-0\n1 5 new-1\n"
			shoretest.Eventually(t, 30*time.Second, func() error {
				if got := written(); !strings.Contains(got, "0 5 new-0\n") || !strings.Contains(got, "1 5 new-1\n") {
					return fmt.Errorf("the members wrote %q; want %q", got, newRecords)
				}
				return nil
			})
			interrupt()
			for i, m := range []*running{first, second} {
				if code := m.exit(t, 30*time.Second); code != 0 || m.errOut.String() != "" {
					t.Errorf("member %d interrupted: exit %d, stderr %q; want 0 and nothing", i, code, m.errOut.String())
				}
			}
			if got := written(); got != newRecords {
				t.Errorf("the members wrote %q; want the new records alone, %q", got, newRecords)
			}
			wantRun(t, shoretest.Run(t, "groups", "describe", group, "-o", "csv"), 0, fmt.Sprintf("%s,0,6\n%s,1,6\n", topic, topic), "")
		})
	}
}

func TestConsumeConfigDefaults(t *testing.T) {
	t.Parallel()
	topic, _ := fixture(t, 1)
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, []byte("consume:\n  format: '%k=%v\\n'\n  offset: '-1'\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := shoretest.Opts{Env: map[string]string{"SHORE_CONFIG": file}}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "\xff\xfe=line\n\"quoted\"\x00\n"},
		{[]string{"-o", "2:3"}, "=v2\n"},
		{[]string{"-f", `%o\n`}, "3\n"},
		{[]string{"-J", "-o", "1:2", "--value-encoding", "hex"}, `{"topic":"` + topic + `","partition":0,"offset":1,"timestamp":1763856001000,"timestamp_type":"create","key":"k1","value":"7631","value_encoding":"hex","headers":[{"key":"h","value":"x"},{"key":"bin","value":"/wA=","value_encoding":"base64"}],"leader_epoch":0}` + "\n"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			res := shoretest.RunWith(t, env, append([]string{"consume", topic, "-e"}, tc.args...)...)
			if res.Code != 0 || res.Stdout != tc.want {
				t.Errorf("%v: exit %d stdout %q stderr %q; want %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.want)
			}
		})
	}
	// A list in the file is the flag given once per item, as -p 0 -p 2.
	topic3 := testbroker.Topic(t, 3, nil)
	produceTo(t, numbered(topic3, 3, 1)...)
	if err := os.WriteFile(file, []byte("consume:\n  partitions: [0, 2]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	res := shoretest.RunWith(t, env, "consume", topic3, "-e", "-f", `%v `)
	if got := strings.Fields(res.Stdout); res.Code != 0 || len(got) != 2 || !slices.Contains(got, "0-00") || !slices.Contains(got, "2-00") || res.Stderr != "" {
		t.Errorf("partitions: [0, 2]: exit %d stdout %q stderr %q; want 0-00 and 2-00", res.Code, res.Stdout, res.Stderr)
	}
	// -f on the command line beats the file's json, which does not go with it.
	if err := os.WriteFile(file, []byte("consume:\n  json: true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	wantRun(t, shoretest.RunWith(t, env, "consume", topic, "-e", "-o", "1:3", "-f", `%o\n`), 0, "1\n2\n", "")
	// A filter in the file filters; --until on the command line replaces it.
	if err := os.WriteFile(file, []byte("consume:\n  format: '%o\\n'\n  filter: '.offset == 2'\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	wantRun(t, shoretest.RunWith(t, env, "consume", topic, "-e"), 0, "2\n", "")
	wantRun(t, shoretest.RunWith(t, env, "consume", topic, "-e", "--until", ".offset == 1"), 0, "1\n", "")
	// The group's flags wait for a group: without -g they are left out,
	// and only a typed one is refused.
	if err := os.WriteFile(file, []byte("consume:\n  format: '%o\\n'\n  no-commit: true\n  instance-id: i1\n  balancer: range\n  session-timeout: 10s\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	wantRun(t, shoretest.RunWith(t, env, "consume", topic, "-e", "-o", "1:3"), 0, "1\n2\n", "")
	wantRun(t, shoretest.RunWith(t, env, "consume", topic, "-e", "--no-commit"), 2, "", "shore: --no-commit needs --group\n"+seeHelpFor("consume"))
}

// A switch takes the words SHORE_TLS takes, on the command line and as a
// command default: --exit=yes, -n 2 --exit=OFF and a file's 'exit: on'
// were refused (exit 2), as strconv.ParseBool refuses them.
func TestConsumeSwitchWords(t *testing.T) {
	t.Parallel()
	topic, _ := fixture(t, 1)
	wantRun(t, shoretest.Run(t, "consume", topic, "--exit=yes", "-f", `%o\n`), 0, "0\n1\n2\n3\n", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "-n", "2", "--exit=OFF", "-f", `%o\n`), 0, "0\n1\n", "")
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, []byte("consume:\n  exit: on\n  format: '%o\\n'\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_CONFIG": file}}, "consume", topic), 0, "0\n1\n2\n3\n", "")
}

// A start past where -e or a range stops a partition reads nothing from it
// and says so, once per such partition, as a start below the log start
// does: -o 100 -e on a partition that ends at 5 exited 0 with no word.
func TestConsumeStartPastTheStop(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 2, nil)
	produceTo(t, append(numbered(topic, 1, 5), &kgo.Record{Topic: topic, Partition: 1, Value: []byte("1-00")})...)
	warn := func(p, offset int, past string) string {
		return fmt.Sprintf("shore: warning: %s:%d: offset %d is past %s; nothing read from it\n", topic, p, offset, past)
	}
	for _, tc := range []struct {
		args           []string
		stdout, stderr string
	}{
		{[]string{"-o", "100", "-e"}, "", warn(0, 100, "the log end 5") + warn(1, 100, "the log end 1")},
		{[]string{"-o", "3", "-e"}, "0-03\n0-04\n", warn(1, 3, "the log end 1")},
		{[]string{"-o", "3:end"}, "0-03\n0-04\n", warn(1, 3, "the log end 1")},
		{[]string{"-o", "@-1h:+1"}, "0-00\n1-00\n", ""},
		{[]string{"-o", "3:-1"}, "0-03\n", warn(1, 3, "the range's end 0")},
	} {
		res := shoretest.Run(t, append([]string{"consume", topic, "-p", "0,1"}, tc.args...)...)
		// the partitions are read side by side: their lines in any order
		sorted := func(s string) string {
			lines := strings.SplitAfter(s, "\n")
			slices.Sort(lines)
			return strings.Join(lines, "")
		}
		if res.Code != 0 || sorted(res.Stdout) != tc.stdout || sorted(res.Stderr) != tc.stderr {
			t.Errorf("consume %s: exit %d, stdout %q, stderr %q; want exit 0, stdout %q, stderr %q", strings.Join(tc.args, " "), res.Code, res.Stdout, res.Stderr, tc.stdout, tc.stderr)
		}
	}
}

// Of a topic with many partitions that start past their stop, or below
// their log start, ten are named and one line says more follow, where each
// had a line.
func TestConsumeStartOutsideTheLogOfMany(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 12, nil)
	produceTo(t, numbered(topic, 12, 2)...)
	offsets := kadm.Offsets{}
	for p := range int32(12) {
		offsets.AddOffset(topic, p, 1, -1)
	}
	deleteRecords(t, offsets)
	for _, tc := range []struct {
		offset, stdout, line, more string
	}{
		{"100", "", "offset 100 is past the log end 2; nothing read from it", "more partitions start past where they stop: nothing is read from them either"},
		{"0", "0-01\n1-01\n10-01\n11-01\n2-01\n3-01\n4-01\n5-01\n6-01\n7-01\n8-01\n9-01\n", "offset 0 is no longer in the log; starting at the log start 1",
			"more partitions have their start offsets no longer in the log: they start at the log start too"},
		{"0:1", "", "offset 0 is no longer in the log, which starts at 1; nothing read from it",
			"more partitions have their whole range no longer in the log: nothing is read from them either"},
	} {
		res := shoretest.Run(t, "consume", topic, "-o", tc.offset, "-e")
		var want strings.Builder
		for p := range 10 {
			fmt.Fprintf(&want, "shore: warning: %s:%d: %s\n", topic, p, tc.line)
		}
		want.WriteString("shore: warning: " + tc.more + "\n")
		lines := strings.SplitAfter(res.Stdout, "\n")
		slices.Sort(lines)
		if stdout := strings.Join(lines, ""); res.Code != 0 || stdout != tc.stdout || res.Stderr != want.String() {
			t.Errorf("-o %s: exit %d, stdout %q, stderr:\n%swant exit 0, stdout %q, stderr:\n%s", tc.offset, res.Code, stdout, res.Stderr, tc.stdout, want.String())
		}
	}
}

// A group's commit that fell out of the log (retention, DeleteRecords)
// starts its partition at the log start, with the warning an exact -o
// below it gives: -o end, for the partitions without a commit, changes
// nothing there. The run commits where it stopped, so a later one starts
// there without a word.
func TestConsumeGroupCommitOutsideTheLog(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 2, nil)
	group := testbroker.Name(t, "group")
	produceTo(t, numbered(topic, 2, 20)...)
	commitOffsets(t, group, topic+":0=3")
	offsets := kadm.Offsets{}
	offsets.AddOffset(topic, 0, 10, -1)
	deleteRecords(t, offsets)
	var records strings.Builder
	for i := 10; i < 20; i++ {
		fmt.Fprintf(&records, "0-%02d\n", i)
	}
	for run, want := range []struct{ stdout, stderr string }{
		{records.String(), "shore: warning: " + topic + ":0: offset 3 is no longer in the log; starting at the log start 10\n"},
		{"", ""},
	} {
		res := shoretest.Run(t, "consume", topic, "-g", group, "-o", "end", "-e")
		if res.Code != 0 || res.Stdout != want.stdout || res.Stderr != want.stderr {
			t.Errorf("run %d: exit %d, stdout %q, stderr %q; want exit 0, stdout %q, stderr %q", run+1, res.Code, res.Stdout, res.Stderr, want.stdout, want.stderr)
		}
	}
}

// A group's commit past its partition's end (a log truncated, a topic
// deleted and created again) starts the partition at the log start, with a
// warning naming the commit, the end and the start, whatever -o says for
// the partitions without a commit; before, the records before the commit
// were fetched and passed over in silence (-e read nothing, exit 0; a
// follow waited for offset 100). The run commits where it stopped, so a
// later one starts there without a word.
func TestConsumeGroupCommitPastTheEnd(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 2, nil)
	produceTo(t, numbered(topic, 2, 3)...)
	// -o end: partition 1, without a commit, gives nothing.
	for _, args := range [][]string{{"-e"}, {"-n", "3"}} {
		group := testbroker.Name(t, "group")
		commitOffsets(t, group, topic+":0=100")
		warning := "shore: warning: " + topic + ":0: group \"" + group + "\"'s committed offset 100 is past the log end 3 (the log was truncated, or the topic deleted and created again); starting at the log start 0\n"
		for run, want := range []struct {
			args           []string
			stdout, stderr string
		}{{args, "0-00\n0-01\n0-02\n", warning}, {[]string{"-e"}, "", ""}} {
			// A follow that passes over the records waits for offset 100.
			res := shoretest.RunWith(t, shoretest.Opts{Timeout: 30 * time.Second}, append([]string{"consume", topic, "-g", group, "-o", "end"}, want.args...)...)
			if res.Code != 0 || res.Stdout != want.stdout || res.Stderr != want.stderr {
				t.Errorf("%v run %d: exit %d, stdout %q, stderr %q; want exit 0, stdout %q, stderr %q", args, run+1, res.Code, res.Stdout, res.Stderr, want.stdout, want.stderr)
			}
		}
	}
}

func TestConsumeOffsetsOutsideTheLog(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	produceTo(t, numbered(topic, 1, 5)...)
	offsets := kadm.Offsets{}
	offsets.AddOffset(topic, 0, 3, -1)
	deleteRecords(t, offsets)
	res := shoretest.Run(t, "consume", topic, "-o", "1", "-e")
	if res.Code != 0 || res.Stdout != "0-03\n0-04\n" || res.Stderr != "shore: warning: "+topic+":0: offset 1 is no longer in the log; starting at the log start 3\n" {
		t.Errorf("below the log start: %+v", res)
	}
	// In a group, -o gives a partition without a commit its start, with
	// the same warnings; a later run starts at the commit, without them.
	for _, tc := range []struct{ offset, stdout, stderr string }{
		{"1", "0-03\n0-04\n", "offset 1 is no longer in the log; starting at the log start 3"},
		{"1:3", "", "offsets 1 to 2 are no longer in the log, which starts at 3; nothing read from it"},
		{"100", "", "offset 100 is past the log end 5; nothing read from it"},
	} {
		group := testbroker.Name(t, "group")
		for run, want := range []string{"shore: warning: " + topic + ":0: " + tc.stderr + "\n", ""} {
			res := shoretest.Run(t, "consume", topic, "-g", group, "-o", tc.offset, "-e")
			if stdout := []string{tc.stdout, ""}[run]; res.Code != 0 || res.Stdout != stdout || res.Stderr != want {
				t.Errorf("-g, -o %s, run %d: exit %d, stdout %q, stderr %q; want exit 0, stdout %q, stderr %q", tc.offset, run+1, res.Code, res.Stdout, res.Stderr, stdout, want)
			}
		}
	}
	// A range wholly below the log start reads nothing, and says so: its
	// warning said it started at the log start, and then nothing came.
	for _, tc := range []struct{ offset, stdout, stderr string }{
		{"1:3", "", "offsets 1 to 2 are no longer in the log, which starts at 3; nothing read from it"},
		{"2:3", "", "offset 2 is no longer in the log, which starts at 3; nothing read from it"},
		{"1:4", "0-03\n", "offset 1 is no longer in the log; starting at the log start 3"},
	} {
		res := shoretest.Run(t, "consume", topic, "-o", tc.offset)
		if want := "shore: warning: " + topic + ":0: " + tc.stderr + "\n"; res.Code != 0 || res.Stdout != tc.stdout || res.Stderr != want {
			t.Errorf("-o %s: exit %d, stdout %q, stderr %q; want exit 0, stdout %q, stderr %q", tc.offset, res.Code, res.Stdout, res.Stderr, tc.stdout, want)
		}
	}

	// A start past the end waits for that offset: the records that reach
	// it are produced only once the consumer is fetching (-vv's log says
	// when), so it has to wait for them.
	c, stdout, stderr := startBinary(t, nil, "consume", topic, "-o", "7", "-n", "1", "-f", `%o %v\n`, "-vv")
	shoretest.Eventually(t, 10*time.Second, func() error {
		if !strings.Contains(stderr.String(), "assigning partitions") {
			return fmt.Errorf("consume is not fetching yet; stderr:\n%s", stderr.String())
		}
		return nil
	})
	if stdout.String() != "" {
		t.Fatalf("past the end: wrote %q before the offset existed", stdout.String())
	}
	produceTo(t, numbered(topic, 1, 3)...)
	if code := waitExit(t, c, 10*time.Second); code != 0 || stdout.String() != "7 0-02\n" {
		t.Errorf("past the end: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// TestConsumeGroupShares runs two members of one group: between them they
// write every record (at least once: a rebalance may repeat some), and each
// ends with exit 0 when interrupted.
func TestConsumeGroupShares(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 4, nil)
	group := testbroker.Name(t, "group")
	env := shoretest.Env(t, nil)
	// The members follow the topic until the test has seen every record
	// and interrupts them: an --idle-timeout would start counting when
	// they start, and the group can take longer than that to take both
	// in (the first member hears of the second at its next heartbeat).
	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	members := []*running{startShore(ctx, env, "consume", topic, "-g", group), startShore(ctx, env, "consume", topic, "-g", group)}
	waitMembers(t, group, 2)
	produceTo(t, numbered(topic, 4, 1000)...)
	distinct := func() int {
		seen := map[string]bool{}
		for _, m := range members {
			for _, l := range strings.Fields(m.out.String()) {
				seen[l] = true
			}
		}
		return len(seen)
	}
	shoretest.Eventually(t, time.Minute, func() error {
		if n := distinct(); n < 4000 {
			return fmt.Errorf("the members wrote %d distinct records; want 4000", n)
		}
		return nil
	})
	interrupt()
	for i, m := range members {
		if code := m.exit(t, time.Minute); code != 0 {
			t.Errorf("member %d interrupted: exit %d, stderr %q; want 0", i, code, m.errOut.String())
		}
	}
	if n := distinct(); n != 4000 {
		t.Errorf("the members wrote %d distinct records; want 4000", n)
	}
}

func TestConsumeCompletion(t *testing.T) {
	t.Parallel()
	// Every name this run makes starts with a prefix of its own, so that
	// what an earlier run (-count) or another test left in the cluster
	// (a group outlives its members; a deleted topic may still be listed
	// for a moment on Apache Kafka) is never among the candidates.
	prefix := testbroker.Name(t, "run") + "-"
	a, b, group := prefix+"topic-a", prefix+"topic-b", prefix+"group"
	testbroker.CreateTopic(t, a, 1, nil)
	testbroker.CreateTopic(t, b, 1, nil)
	produceTo(t, &kgo.Record{Topic: a, Value: []byte("x")})
	if res := shoretest.Run(t, "consume", a, "-g", group, "-e"); res.Code != 0 {
		t.Fatalf("%+v", res)
	}
	t.Cleanup(func() { _, _ = testbroker.Admin(t).DeleteGroups(context.Background(), group) })
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"consume", prefix + "topic-"}, a + "\n" + b + "\n:4\n"},
		{[]string{"consume", a, prefix + "topic-"}, b + "\n:4\n"},
		{[]string{"consume", a, "-g", prefix}, group + "\n:4\n"},
		{[]string{"consume", a, "--balancer", ""}, "cooperative-sticky\nsticky\nrange\nroundrobin\n:4\n"},
		{[]string{"consume", a, "-J", "--value-encoding", ""}, "text\nbase64\nhex\njson\n:4\n"},
	} {
		res := shoretest.Run(t, append([]string{"__complete"}, tc.args...)...)
		if res.Code != 0 || res.Stdout != tc.want {
			t.Errorf("%v: exit %d stdout %q stderr %q; want %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.want)
		}
	}
}

// TestConsumeTerminal: escape sequences in a value reach a terminal as text,
// a C1 control's (U+009B, CSI) too, and a pipe as they are; the layout's
// own reach both as they are.
func TestConsumeTerminal(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	produceTo(t, &kgo.Record{Topic: topic, Value: []byte("\x1b[2Jcleared\r\ttab\u009b31m\u00a9")})
	env := shoretest.Env(t, nil)
	for tty, want := range map[bool]string{true: `\x1b[2Jcleared\x0d` + "\ttab" + `\xc2\x9b31m` + "\u00a9\n", false: "\x1b[2Jcleared\r\ttab\u009b31m\u00a9\n"} {
		streams, out, errOut := cmd.TestStreams("")
		streams.OutTTY = tty
		code := cmd.Run(context.Background(), []string{"consume", topic, "-e"}, streams, env)
		if code != 0 || out.String() != want {
			t.Errorf("terminal %v: exit %d stdout %q stderr %q; want %q", tty, code, out.String(), errOut.String(), want)
		}
	}
	// The layout's own text is the user's, written as it is on a
	// terminal too: a colour around the value, a \r before the \n.
	layout := `\x1b[1m%v\x1b[0m\r\n`
	for tty, want := range map[bool]string{true: "\x1b[1m" + `\x1b[2Jcleared\x0d` + "\ttab" + `\xc2\x9b31m` + "\u00a9\x1b[0m\r\n", false: "\x1b[1m\x1b[2Jcleared\r\ttab\u009b31m\u00a9\x1b[0m\r\n"} {
		streams, out, errOut := cmd.TestStreams("")
		streams.OutTTY = tty
		code := cmd.Run(context.Background(), []string{"consume", topic, "-e", "-f", layout}, streams, env)
		if code != 0 || out.String() != want {
			t.Errorf("terminal %v, -f %s: exit %d stdout %q stderr %q; want %q", tty, layout, code, out.String(), errOut.String(), want)
		}
	}
	// --json lines stay JSON there, with DEL and C1 controls as escapes.
	produceTo(t, &kgo.Record{Topic: topic, Value: []byte("del\x7f csi\u009b nel\u0085")})
	for tty, want := range map[bool]string{true: `"del\u007f csi\u009b nel\u0085"`, false: "\"del\x7f csi\u009b nel\u0085\""} {
		streams, out, errOut := cmd.TestStreams("")
		streams.OutTTY = tty
		code := cmd.Run(context.Background(), []string{"consume", topic, "-e", "-o", "1", "-J"}, streams, env)
		if code != 0 || !strings.Contains(out.String(), `"value":`+want+`,`) {
			t.Errorf("terminal %v: exit %d stdout %q stderr %q; want the value %q", tty, code, out.String(), errOut.String(), want)
		}
		if tty {
			wantJQ(t, out.String(), "del\x7f csi\u009b nel\u0085\n", "-r", ".value")
		}
	}
}

// TestConsumeGroupAddedPartition: a member following a topic writes the
// records of a partition added while it runs.
func TestConsumeGroupAddedPartition(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	group := testbroker.Name(t, "group")
	done := make(chan shoretest.Result)
	go func() {
		// -n 2 ends the run; the minute only bounds a failing one (it is
		// interrupted then). An --idle-timeout would race the metadata
		// refresh that finds the new partition.
		done <- shoretest.RunWith(t, shoretest.Opts{Timeout: time.Minute}, "consume", topic, "-g", group, "-n", "2", "-f", `%p %v\n`)
	}()
	produceTo(t, &kgo.Record{Topic: topic, Partition: 0, Value: []byte("old")})
	waitMembers(t, group, 1)
	testbroker.AddPartitions(t, topic, 2)
	produceTo(t, &kgo.Record{Topic: topic, Partition: 1, Value: []byte("new")})
	if res := <-done; res.Code != 0 || res.Stdout != "0 old\n1 new\n" {
		t.Errorf("exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
	}
}
