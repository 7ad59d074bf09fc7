package cmd_test

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/peers"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

func TestConsumeFilterUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"consume", "t", "--filter", ".value |"}, "shore: --filter '.value |': unexpected EOF at byte 8: .value |⟨here⟩\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "--until", `.a == "x`}, "shore: --until '.a == \"x': unterminated string literal at byte 8: .a == \"x⟨here⟩\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "--filter", "nosuch(1)"}, "shore: --filter 'nosuch(1)': function not defined: nosuch/1\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "--filter", ".value | @bas64d"}, "shore: --filter '.value | @bas64d': format not defined: @bas64d\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "--filter", ".", "--until", "."}, "shore: --filter and --until exclude each other: --until writes only the record it stops at\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "--wait", "5s"}, "shore: --wait needs --until\n" + seeHelpFor("consume")},
		{[]string{"consume", "t", "--until", ".", "--wait", "-1s"}, "shore: --wait -1s: want 0 or more\n" + seeHelpFor("consume")},
	} {
		res := shoretest.Run(t, tc.args...)
		if res.Code != 2 || res.Stderr != tc.stderr || res.Stdout != "" {
			t.Errorf("%v: exit %d stdout %q stderr %q; want 2 and %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.stderr)
		}
	}
}

// orders produces JSON orders (amount 10, 20, ... 100, key o1..o10, a
// source header on the even ones) and one text value to a fresh topic.
func orders(t *testing.T) string {
	t.Helper()
	topic := testbroker.Topic(t, 1, nil)
	var recs []*kgo.Record
	for i := 1; i <= 10; i++ {
		r := &kgo.Record{Topic: topic, Key: fmt.Appendf(nil, "o%d", i), Value: fmt.Appendf(nil, `{"id":%d,"amount":%d}`, i, i*10)}
		if i%2 == 0 {
			r.Headers = []kgo.RecordHeader{{Key: "source", Value: []byte("web")}}
		}
		recs = append(recs, r)
	}
	recs = append(recs, &kgo.Record{Topic: topic, Key: []byte("note"), Value: []byte("not json")})
	testbroker.Produce(t, recs...)
	return topic
}

func TestConsumeFilter(t *testing.T) {
	topic := orders(t)
	// A record the expression cannot be evaluated on is not delivered: a
	// warning names it, a line at the end counts them, and the exit status
	// is 1, so that a CI gate counting lines does not pass on it.
	notJSON := "shore: warning: " + topic + ":0 offset 10: --filter failed: expected an object but got: string (\"not json\"); not written\n" +
		"shore: --filter failed on 1 record, which was not written\n"
	var endless strings.Builder
	for i := range 10 {
		fmt.Fprintf(&endless, "shore: warning: %s:0 offset %d: --filter failed: error: \\x1b[2Jo%d\\nnext\\u009b; not written\n", topic, i, i+1)
	}
	endless.WriteString("shore: warning: --filter failed on more records: they are not written either, and counted at the end\n" +
		"shore: --filter failed on 11 records, which were not written\n")
	for _, tc := range []struct {
		args           []string
		code           int
		stdout, stderr string
	}{
		{[]string{"--filter", `.value.amount > 70`, "-f", `%k\n`}, 1, "o8\no9\no10\n", notJSON},
		{[]string{"--filter", `.value.amount >= 50 and (.headers[] | select(.key == "source") | .value) == "web"`, "-f", `%k\n`}, 1, "o6\no8\no10\n", notJSON},
		// Records that the expression is false or null on are no error.
		{[]string{"--filter", `(.value | type) == "object" and .value.amount > 70`, "-f", `%k\n`}, 0, "o8\no9\no10\n", ""},
		{[]string{"--filter", `.value | type == "string"`, "-J"}, 0, `{"topic":"` + topic + `","partition":0,"offset":10,"timestamp":TS,"timestamp_type":"create","key":"note","value":"not json","headers":[],"leader_epoch":LE}` + "\n", ""},
		// -n counts the records written, not the records read.
		{[]string{"--filter", `.offset % 3 == 0`, "-n", "2", "-f", `%o\n`}, 0, "0\n3\n", ""},
		{[]string{"--filter", `false`}, 0, "", ""},
		// jq's halt ends the run at its record, unwritten, as it ends jq
		// (exit 0); halt_error ends it as a failure, with its message.
		{[]string{"--filter", `if .offset == 3 then halt else true end`, "-f", `%k\n`}, 0, "o1\no2\no3\n",
			"shore: --filter ran halt at " + topic + ":0 offset 3: the run ends there, as jq's halt ends jq\n"},
		{[]string{"--filter", `if .offset == 3 then "stop: \(.key)\n" | halt_error else true end`, "-f", `%k\n`}, 1, "o1\no2\no3\n",
			"shore: " + topic + ":0 offset 3: --filter ran halt_error: stop: o4\n"},
		{[]string{"--filter", `{offset} | halt_error`}, 1, "", "shore: " + topic + `:0 offset 0: --filter ran halt_error: {"offset":0}` + "\n"},
		// The error's text is the record's to choose: one line, its
		// control characters escaped. The first ten are named.
		{[]string{"--filter", `error("\u001b[2J\(.key)\nnext\u009b")`}, 1, "", endless.String()},
	} {
		res := shoretest.Run(t, append([]string{"consume", topic, "-e"}, tc.args...)...)
		stdout := regexp.MustCompile(`"timestamp":\d+`).ReplaceAllString(res.Stdout, `"timestamp":TS`)
		stdout = regexp.MustCompile(`"leader_epoch":-?\d+`).ReplaceAllString(stdout, `"leader_epoch":LE`)
		if res.Code != tc.code || stdout != tc.stdout || res.Stderr != tc.stderr {
			t.Errorf("%v: exit %d\nstdout %q\nstderr %q\nwant %d\nstdout %q\nstderr %q", tc.args, res.Code, stdout, res.Stderr, tc.code, tc.stdout, tc.stderr)
		}
	}
}

// TestConsumeFilterHaltGroup: halt ends a group's run without -e, and the
// record it ran on is not committed: the next run starts at it.
func TestConsumeFilterHaltGroup(t *testing.T) {
	topic, group := orders(t), testbroker.Name(t, "group")
	halted := "shore: --filter ran halt at " + topic + ":0 offset 3: the run ends there, as jq's halt ends jq\n"
	wantRun(t, shoretest.Run(t, "consume", topic, "-g", group, "-f", `%k\n`, "--filter", `if .offset == 3 then halt else true end`), 0, "o1\no2\no3\n", halted)
	wantRun(t, shoretest.Run(t, "consume", topic, "-g", group, "-n", "1", "-f", `%k\n`), 0, "o4\n", "")
}

// TestConsumeFilterOverdue: an expression that runs on one record for
// --timeout without an answer ends the run there as halt_error does (exit
// 1, one line naming the record), where it ran until a signal. The record
// is not committed: the group's next run starts at it. Each run is given
// a deadline of its own, which without the bound ends it as a signal would.
func TestConsumeFilterOverdue(t *testing.T) {
	topic, group := orders(t), testbroker.Name(t, "group")
	overdue := func(flag string, offset int) string {
		return fmt.Sprintf("shore: %s:0 offset %d: %s ran for --timeout 1s on this record without an answer (an expression that never ends?); the run stops here\n", topic, offset, flag)
	}
	for _, tc := range []struct {
		args           []string
		stdout, stderr string
	}{
		{[]string{"-e", "--filter", `if .offset == 3 then def f: f; f else true end`}, "o1\no2\no3\n", overdue("--filter", 3)},
		{[]string{"--until", `if .offset == 2 then last(range(1e18)) else false end`}, "", overdue("--until", 2)},
		{[]string{"-g", group, "--filter", `if .offset == 3 then [repeat(1) | select(false)] else true end`}, "o1\no2\no3\n", overdue("--filter", 3)},
	} {
		start := time.Now()
		res := shoretest.RunWith(t, shoretest.Opts{Timeout: 20 * time.Second}, append([]string{"consume", topic, "--timeout", "1s", "-f", `%k\n`}, tc.args...)...)
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("%v: took %s; want about --timeout 1s", tc.args, took.Round(time.Millisecond))
		}
		if res.Code != 1 || res.Stdout != tc.stdout || res.Stderr != tc.stderr {
			t.Errorf("%v: exit %d\nstdout %q\nstderr %q\nwant 1\nstdout %q\nstderr %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.stdout, tc.stderr)
		}
	}
	wantRun(t, shoretest.Run(t, "consume", topic, "-g", group, "-n", "1", "-f", `%k\n`), 0, "o4\n", "")
}

// TestConsumeFilterStoppedIsNotOverdue: shore stopped (Ctrl-Z, SIGSTOP)
// for longer than --timeout while the filter runs on a record does not
// take the record as overdue: the filter did not run while shore was
// stopped. The filter here runs for 2s on the record "slow", counting only
// the time it runs, and shore is stopped 8s in the middle of it; before,
// the run ended there, 'ran for --timeout 4s on this record without an
// answer', exit 1. The broker is the test's own, as in
// TestConsumeStoppedIsNoStall.
func TestConsumeFilterStoppedIsNotOverdue(t *testing.T) {
	t.Parallel()
	topic := testbroker.Name(t, "topic")
	cluster := clusterWith(t, topic, &kgo.Record{Topic: topic, Value: []byte("fast")}, &kgo.Record{Topic: topic, Value: []byte("slow")})
	runs2s := `.value == "fast" or ([now, 0] | until(.[1] > 2; now as $n | [$n, .[1] + ($n - .[0] | if . < 0.5 then . else 0 end)]) | true)`
	c, out, _, stderr := startConsumeEnv(t, map[string]string{"SHORE_BROKERS": strings.Join(cluster.ListenAddrs(), ",")}, topic, "-e", "-u", "--timeout", "4s", "--filter", runs2s)
	if line, err := out.ReadString('\n'); err != nil || line != "fast\n" {
		t.Fatalf("first line %q, %v; stderr %q", line, err, stderr.String())
	}
	// The filter runs on "slow" now; a tick of the watch (every 400ms)
	// sees it before the stop.
	time.Sleep(800 * time.Millisecond)
	if err := c.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(8 * time.Second)
	if err := c.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(out)
	if code := waitExit(t, c, 15*time.Second); code != 0 || string(rest) != "slow\n" || stderr.String() != "" {
		t.Errorf("exit %d, rest of stdout %q, stderr %q; want 0, %q and nothing", code, rest, stderr.String(), "slow\n")
	}
}

func TestConsumeUntil(t *testing.T) {
	topic := orders(t)
	notMet := func(read string, why string) *regexp.Regexp {
		return regexp.MustCompile(`^shore: no record matched --until '\.key == "none"' in \d+(\.\d+)?m?s \(` + read + ` read\): ` + regexp.QuoteMeta(why) + "\n$")
	}
	for _, tc := range []struct {
		args   []string
		code   int
		stdout string
		stderr *regexp.Regexp
	}{
		{[]string{"--until", `.value.amount > 50`, "-f", `%k\n`}, 0, "o6\n", regexp.MustCompile(`^$`)},
		{[]string{"--until", `.key == "note"`, "-e", "-f", `%k %v\n`}, 0, "note not json\n", regexp.MustCompile(`^$`)},
		{[]string{"--until", `.key == "none"`, "-e"}, 3, "", notMet("11 records", "every partition reached its end (-e or the -o range)")},
		{[]string{"--until", `.key == "none"`, "-o", ":4"}, 3, "", notMet("4 records", "every partition reached its end (-e or the -o range)")},
		{[]string{"--until", `.key == "none"`, "-n", "3"}, 3, "", notMet("3 records", "-n 3 records read")},
		{[]string{"--until", `.key == "none"`, "-n", "1"}, 3, "", notMet("1 record", "-n 1 record read")},
		{[]string{"--until", `.key == "none"`, "--idle-timeout", "1s"}, 3, "", notMet("11 records", "no record arrived for --idle-timeout 1s")},
		{[]string{"--until", `.key == "none"`, "--wait", "2s"}, 3, "", notMet("11 records", "--wait 2s passed")},
		// halt ends the run before a match: the answer is no.
		{[]string{"--until", `if .offset == 2 then halt else false end`}, 3, "", regexp.MustCompile(`^shore: no record matched --until 'if \.offset == 2 then halt else false end' in \d+(\.\d+)?m?s \(3 records read\): --until ran halt at ` + topic + ":0 offset 2\n$")},
		// --wait 0 is one look, as ready's and check's: what is there now.
		{[]string{"--until", `.key == "none"`, "--wait", "0"}, 3, "", notMet("11 records", "--wait 0 read what was there at the start")},
		{[]string{"--until", `.value.amount > 50`, "--wait", "0", "-f", `%k\n`}, 0, "o6\n", regexp.MustCompile(`^$`)},
	} {
		res := shoretest.Run(t, append([]string{"consume", topic}, tc.args...)...)
		if res.Code != tc.code || res.Stdout != tc.stdout || !tc.stderr.MatchString(res.Stderr) {
			t.Errorf("%v: exit %d stdout %q stderr %q; want %d %q and stderr like %s", tc.args, res.Code, res.Stdout, res.Stderr, tc.code, tc.stdout, tc.stderr)
		}
	}
	// A record --until cannot be evaluated on is taken as no match, named,
	// and counted; the answer is still whether one matched.
	res := shoretest.Run(t, "consume", topic, "-e", "--until", `.value.amount > 1000`)
	failed := regexp.MustCompile(`^shore: warning: ` + regexp.QuoteMeta(topic+`:0 offset 10: --until failed: expected an object but got: string ("not json"); taken as no match`) + "\n" +
		`shore: warning: --until failed on 1 of 11 records, taken as no match\n` +
		`shore: no record matched --until '\.value\.amount > 1000' in \d+(\.\d+)?m?s \(11 records read\): every partition reached its end \(-e or the -o range\)\n$`)
	if res.Code != 3 || res.Stdout != "" || !failed.MatchString(res.Stderr) {
		t.Errorf("--until failing on a record: exit %d stdout %q stderr %q; want 3 and stderr like %s", res.Code, res.Stdout, res.Stderr, failed)
	}
	// A CI script names the key it waits for in a variable, as with jq.
	for _, expr := range []string{`.key == env.REQUEST_ID`, `.key == $ENV.REQUEST_ID`} {
		res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"REQUEST_ID": "o6"}}, "consume", topic, "-e", "--until", expr, "-f", `%k\n`)
		wantRun(t, res, 0, "o6\n", "")
	}
}

// TestConsumeUntilGroupCommits: in a group, the records read up to the
// match are committed, those after it are not, so the next member starts
// right after the match.
func TestConsumeUntilGroupCommits(t *testing.T) {
	topic := orders(t)
	group := testbroker.Name(t, "group")
	res := shoretest.Run(t, "consume", topic, "-g", group, "--until", `.key == "o4"`, "-f", `%k\n`)
	if res.Code != 0 || res.Stdout != "o4\n" {
		t.Fatalf("exit %d stdout %q stderr %q; want 0 and o4", res.Code, res.Stdout, res.Stderr)
	}
	res = shoretest.Run(t, "consume", topic, "-g", group, "-n", "1", "-f", `%k\n`)
	if res.Code != 0 || res.Stdout != "o5\n" {
		t.Fatalf("second member: exit %d stdout %q stderr %q; want 0 and o5", res.Code, res.Stdout, res.Stderr)
	}
}

// TestConsumeUntilProcess waits with the built binary while kcat, another
// process, writes the record it waits for two seconds later: shore exits 0
// with that record soon after kcat has it acknowledged.
func TestConsumeUntilProcess(t *testing.T) {
	kcat := peers.Kcat(t)
	topic := testbroker.Topic(t, 3, nil)
	shore := exec.Command(shoretest.Binary(t), "consume", topic, "--until", `.value.status == "done"`, "--wait", "60s", "-f", `%k %v\n`)
	shore.Env = shoretest.Environ(t, nil)
	var stdout, stderr strings.Builder
	shore.Stdout, shore.Stderr = &stdout, &stderr
	if err := shore.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = shore.Process.Kill() })
	done := make(chan struct{})
	var exited time.Time
	go func() {
		_ = shore.Wait()
		exited = time.Now()
		close(done)
	}()

	// The topic is empty and shore reads it from the start, so the send
	// cannot race shore's start; the delay only makes shore wait.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	send := exec.CommandContext(ctx, "sh", "-c", `sleep 2; printf 'a:{"status":"working"}\nb:{"status":"done"}\nc:{"status":"working"}\n' | "$0" -P -b "$1" -t "$2" -K:`, kcat, strings.Join(testbroker.Brokers(t), ","), topic)
	if out, err := send.CombinedOutput(); err != nil {
		t.Fatalf("kcat: %v\n%s", err, out)
	}
	acked := time.Now()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatalf("shore did not exit within 30s of kcat's send; stderr %q", stderr.String())
	}
	if code := shore.ProcessState.ExitCode(); code != 0 || stdout.String() != "b {\"status\":\"done\"}\n" {
		t.Fatalf("exit %d stdout %q stderr %q; want 0 and record b", code, stdout.String(), stderr.String())
	}
	if lag := exited.Sub(acked); lag > 5*time.Second {
		t.Errorf("shore exited %s after the record was acknowledged; want about a second", lag)
	}
}

// TestConsumeUntilWaitPattern runs the CI pattern consume --help gives: the
// wait starts in the background from ten seconds ago and the reply is sent
// at once. With -o end, which the help gave before, a reply sent that
// quickly was missed about one time in three (exit 3 after --wait).
func TestConsumeUntilWaitPattern(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	for i := range 3 {
		key := fmt.Sprintf("req-%d", i)
		waiter := exec.Command(shoretest.Binary(t), "consume", topic, "-o", "@-10s", "--until", `.key == "`+key+`"`, "--wait", "30s", "-f", `%k\n`)
		waiter.Env = shoretest.Environ(t, nil)
		var stdout, stderr strings.Builder
		waiter.Stdout, waiter.Stderr = &stdout, &stderr
		if err := waiter.Start(); err != nil {
			t.Fatal(err)
		}
		produceTo(t, &kgo.Record{Topic: topic, Key: []byte(key), Value: []byte("reply")})
		err := waiter.Wait()
		if code := waiter.ProcessState.ExitCode(); code != 0 || stdout.String() != key+"\n" {
			t.Fatalf("%s: exit %d (%v) stdout %q stderr %q; want 0 and the reply", key, code, err, stdout.String(), stderr.String())
		}
	}
}

// TestConsumeUntilInterrupted: Ctrl-C before a record matched is not an
// answer, so it is 130, not 0 as for a plain consume; SIGTERM is too, and
// the last line says which ended it. The line before says what was waited
// for and how long, as when the wait ends otherwise: SIGTERM is what a
// script's timeout sends (timeout 30 shore consume ...), and its log said
// only 'shore: terminated'. (-vv's summary of the requests comes between.)
func TestConsumeUntilInterrupted(t *testing.T) {
	for sig, last := range map[syscall.Signal]string{
		syscall.SIGINT:  `shore: stopped by interrupt: no record matched --until '\.key == "x"' in \d+(\.\d+)?m?s \(0 records read\)\n(shore: 1 broker reached [^\n]*\n)?shore: interrupted\n$`,
		syscall.SIGTERM: `shore: stopped by SIGTERM: no record matched --until '\.key == "x"' in \d+(\.\d+)?m?s \(0 records read\)\n(shore: 1 broker reached [^\n]*\n)?shore: terminated\n$`,
	} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			topic := testbroker.Topic(t, 1, nil)
			shore, stderr := startSignalled(t, nil, "consume", topic, "--until", `.key == "x"`, "-vv")
			// -vv logs the assignment: from then on shore is consuming.
			deadline := time.Now().Add(30 * time.Second)
			for !strings.Contains(stderr.String(), "assigning partitions") {
				if time.Now().After(deadline) {
					t.Fatalf("shore never fetched; stderr:\n%s", stderr.String())
				}
				time.Sleep(50 * time.Millisecond)
			}
			if err := shore.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if code := waitExit(t, shore, 30*time.Second); code != 130 || !regexp.MustCompile(`(^|\n)`+last).MatchString(stderr.String()) {
				t.Fatalf("exit %d; stderr:\n%s\nwant 130 and an end matching %s", code, stderr.String(), last)
			}
		})
	}
}

// TestConsumeUntilInterruptedWaitingForTopic: a signal while --wait waits
// for the topic to be created says what was waited for, as one while it
// waits for the record does, not ready's 'not ready after 2s: brokers
// answer, but topic "T" does not exist'.
func TestConsumeUntilInterruptedWaitingForTopic(t *testing.T) {
	t.Parallel()
	topic := testbroker.Name(t, "topic")
	shore, stderr := startSignalled(t, nil, "consume", topic, "--until", `.key == "x"`, "--wait", "30s")
	warning := fmt.Sprintf("shore: warning: topic %q does not exist yet: waiting up to --wait 30s for it to be created\n", topic)
	// The signal follows the warning at once, so that it often comes
	// before the wait's first try has ended: the line says the same then.
	for deadline := time.Now().Add(20 * time.Second); stderr.String() != warning; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("stderr %q; want %q", stderr.String(), warning)
		}
	}
	if err := shore.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	want := regexp.QuoteMeta(warning) + `shore: stopped by SIGTERM: no record matched --until '\.key == "x"' in \d+(\.\d+)?m?s \(0 records read\): topic "` + regexp.QuoteMeta(topic) + `" was not created yet\nshore: terminated\n$`
	if code := waitExit(t, shore, 30*time.Second); code != 130 || !regexp.MustCompile(want).MatchString(stderr.String()) {
		t.Fatalf("exit %d; stderr:\n%s\nwant 130 and %s", code, stderr.String(), want)
	}
}

// TestConsumeFilterSeesDecoded: with --decode the expression sees the
// decoded value (Avro through the registry), not the wire bytes.
func TestConsumeFilterSeesDecoded(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "payment.avsc", paymentAvsc)
	in := `{"id":"p1","amount":12.5,"currency":"EUR","note":null}
{"id":"p2","amount":300,"currency":"NOK","note":null}
{"id":"p3","amount":7,"currency":"NOK","note":null}
`
	wantRun(t, withRegistry(t, in, "produce", topic, "--value-schema-file", avsc, "--register"), 0, "", "")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "--filter", `.value.currency == "NOK"`, "-f", `%o\n`), 0, "1\n2\n", "")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "--until", `.value.amount > 100`), 0, `{"id":"p2","amount":300,"currency":"NOK","note":null}`+"\n", "")
	// Without --decode the value is Avro bytes: a string, never an object.
	wantRun(t, withRegistry(t, "", "consume", topic, "-e", "--filter", `.value | type == "object"`), 0, "", "")
	// The expression sees value_encoding and value_schema as --json writes
	// them, subject and version too without --json.
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "-f", `%o\n`,
		"--filter", `.value_encoding == "json" and .value_schema.type == "AVRO" and .value_schema.subject == "`+topic+`-value" and .value_schema.version == 1 and .value_schema.id > 0 and (.value_schema|keys) == ["id","subject","type","version"] and .value.amount < 100`), 0, "0\n2\n", "")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "-f", `%o\n`, "--until", `.value_schema.version == 1 and .value.amount > 100`), 0, "1\n", "")
	// A record that was not decoded has no value_schema.
	raw := testbroker.Topic(t, 1, nil)
	testbroker.Produce(t, &kgo.Record{Topic: raw, Value: []byte(`{"amount":1}`)})
	wantRun(t, withRegistry(t, "", "consume", raw, "--decode", "auto", "-e", "-f", `%o\n`, "--filter", `has("value_schema") or has("value_encoding")`), 0, "", "")
}

// TestConsumeFilterUndecodable: a record that cannot be decoded is given
// raw to the filter, which writes it only when it matches: its warning and
// the count at the end say so, where they said 'written raw' of records
// that the filter then left out.
func TestConsumeFilterUndecodable(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "payment.avsc", paymentAvsc)
	wantRun(t, withRegistry(t, `{"id":"p1","amount":300,"currency":"NOK","note":null}`+"\n", "produce", topic, "--value-schema-file", avsc, "--register"), 0, "", "")
	testbroker.Produce(t, &kgo.Record{Topic: topic, Value: []byte(`{"amount":500}`)}, &kgo.Record{Topic: topic, Value: []byte(`{"amount":5}`)})
	undecodable := func(offset int, to string) string {
		return fmt.Sprintf("shore: warning: %s:0 offset %d: cannot decode value: no schema registry header (magic byte 0 and a 4-byte schema id); given raw to %s\n", topic, offset, to)
	}
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "-f", `%o\n`, "--filter", `.value.amount > 100`), 1, "0\n1\n",
		undecodable(1, "--filter")+undecodable(2, "--filter")+"shore: 2 records could not be decoded and were given raw to --filter\n")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-f", `%o\n`, "--until", `.value.amount < 10`), 1, "2\n",
		undecodable(1, "--until")+undecodable(2, "--until")+"shore: 2 records could not be decoded and were given raw to --until\n")
	// No match: the count is said before --until's answer, exit 3.
	res := withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "--until", `.value.amount == 7`)
	count := "shore: 2 records could not be decoded and were given raw to --until\nshore: no record matched --until '.value.amount == 7' in "
	if res.Code != 3 || res.Stdout != "" || !strings.HasPrefix(res.Stderr, undecodable(1, "--until")+undecodable(2, "--until")+count) {
		t.Errorf("--until without a match: exit %d, stdout %q, stderr:\n%s", res.Code, res.Stdout, res.Stderr)
	}
}

// TestConsumeFilterLoneSurrogate: a value whose string escapes the first
// half of a UTF-16 surrogate pair alone (\ud800) is not JSON to jq, which
// refuses it, so an expression sees it as text; one that escapes a second
// half alone (\udc00) jq reads as U+FFFD, and so does the expression. Both
// were read as U+FFFD.
func TestConsumeFilterLoneSurrogate(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	testbroker.Produce(t,
		&kgo.Record{Topic: topic, Value: []byte(`{"a":"x\ud800y"}`)},
		&kgo.Record{Topic: topic, Value: []byte(`{"a":"x\udc00y"}`)},
		&kgo.Record{Topic: topic, Value: []byte(`{"a":"x\ud800\udc00y"}`)})
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "--filter", `.value | type == "string"`, "-f", `%o\n`), 0, "0\n", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "--filter", `.value.a? == "x\ufffdy"`, "-f", `%o\n`), 0, "1\n", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "--filter", `.value.a? == "x\ud800\udc00y"`, "-f", `%o\n`), 0, "2\n", "")
}

// TestConsumeUntilWaitBoundsConnecting: --wait bounds the whole run, the
// first contact too: a broker that accepts connections and never answers
// ends the run after --wait (1s), not after --timeout (10s, the default),
// as a failure to reach it (exit 1), which a script tells from a record
// that did not come (exit 3).
func TestConsumeUntilWaitBoundsConnecting(t *testing.T) {
	addr := testbroker.Silent(t)
	start := time.Now()
	res := shoretest.Run(t, "consume", "orders", "-b", addr, "--until", ".", "--wait", "1s")
	took := time.Since(start)
	wantRun(t, res, 1, "", "shore: cannot reach "+addr+": no answer within --wait 1s\n")
	if took > 3*time.Second {
		t.Errorf("took %s, want --wait (1s) and at most 2s more", took)
	}
}

// TestConsumeUntilWaitsForTopic: with --wait, --until waits for a named
// topic that does not exist yet (the app under test creates it a moment
// later), as kafka-console-consumer does, and says so once; then it reads
// the topic from its start, also with -o end: everything in a topic
// created after consume started came after it, the record sent right
// after the topic was created too. Before, consume failed at once,
// 'unknown topic', exit 1.
func TestConsumeUntilWaitsForTopic(t *testing.T) {
	for _, offset := range []string{"start", "end"} {
		t.Run(offset, func(t *testing.T) {
			t.Parallel()
			topic := testbroker.Name(t, "topic")
			var stdout strings.Builder
			shore, stderr := startSignalled(t, &stdout, "consume", topic, "-o", offset, "--until", `.key == "k2"`, "--wait", "30s", "-f", `%k %v\n`)
			warning := fmt.Sprintf("shore: warning: topic %q does not exist yet: waiting up to --wait 30s for it to be created\n", topic)
			shoretest.Eventually(t, 20*time.Second, func() error {
				if got := stderr.String(); got != warning {
					return fmt.Errorf("stderr %q; want %q", got, warning)
				}
				return nil
			})
			testbroker.CreateTopic(t, topic, 1, nil)
			produceTo(t, &kgo.Record{Topic: topic, Key: []byte("k1"), Value: []byte("v1")}, &kgo.Record{Topic: topic, Key: []byte("k2"), Value: []byte("v2")})
			if code := waitExit(t, shore, 30*time.Second); code != 0 || stdout.String() != "k2 v2\n" || stderr.String() != warning {
				t.Fatalf("exit %d stdout %q stderr %q; want 0, %q and %q", code, stdout.String(), stderr.String(), "k2 v2\n", warning)
			}
		})
	}
}

// TestConsumeUntilTopicNeverCreated: a topic that --wait saw no sign of is
// --until's answer, exit 3, with the line saying so; -e and --wait 0,
// which read what was there at the start, answer at once. Without --wait
// an unknown topic stays a failure at once, as a typo most likely is.
func TestConsumeUntilTopicNeverCreated(t *testing.T) {
	topic := testbroker.Name(t, "topic")
	notMet := func(why string) string {
		return `shore: no record matched --until '\.' in \d+(\.\d+)?m?s \(0 records read\): ` + regexp.QuoteMeta(why) + "\n"
	}
	waiting := regexp.QuoteMeta(fmt.Sprintf("shore: warning: topic %q does not exist yet: waiting up to --wait 1s for it to be created\n", topic))
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--until", ".", "--wait", "1s"}, 3, waiting + notMet(fmt.Sprintf("topic %q was not created within --wait 1s", topic))},
		{[]string{"--until", ".", "--wait", "0"}, 3, notMet(fmt.Sprintf("topic %q does not exist (--wait 0 reads what was there at the start)", topic))},
		{[]string{"--until", ".", "--wait", "30s", "-e"}, 3, notMet(fmt.Sprintf("topic %q does not exist (-e reads what was there at the start)", topic))},
		{[]string{"--until", "."}, 1, regexp.QuoteMeta(fmt.Sprintf("shore: unknown topic %q\n", topic))},
		{[]string{"-e"}, 1, regexp.QuoteMeta(fmt.Sprintf("shore: unknown topic %q\n", topic))},
	} {
		start := time.Now()
		res := shoretest.Run(t, append([]string{"consume", topic}, tc.args...)...)
		if res.Code != tc.code || res.Stdout != "" || !regexp.MustCompile("^"+tc.stderr+"$").MatchString(res.Stderr) {
			t.Errorf("%v: exit %d stdout %q stderr %q; want %d and stderr like %s", tc.args, res.Code, res.Stdout, res.Stderr, tc.code, tc.stderr)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%v: took %s", tc.args, took)
		}
	}
}

// TestConsumeUntilWaitNearNamed: a topic --wait waited for in vain is not
// said to mean another topic consume was given, where the line at the end
// of the wait named it ('topic "b" (did you mean "a"?) was not created'),
// as the warning at its start no longer does (TestNearNamed).
func TestConsumeUntilWaitNearNamed(t *testing.T) {
	typo := testbroker.Name(t, "near")
	named, other := typo+"a", typo+"b"
	testbroker.CreateTopic(t, named, 1, nil)
	testbroker.CreateTopic(t, other, 1, nil)
	unknown := fmt.Sprintf("topic %q (did you mean %q?)", typo, other)
	want := regexp.QuoteMeta("shore: warning: "+unknown+" does not exist yet: waiting up to --wait 1s for it to be created\n") +
		`shore: no record matched --until '\.' in \d+(\.\d+)?m?s \(0 records read\): ` + regexp.QuoteMeta(unknown+" was not created within --wait 1s\n")
	res := shoretest.Run(t, "consume", named, typo, "--until", ".", "--wait", "1s")
	if res.Code != 3 || res.Stdout != "" || !regexp.MustCompile("^"+want+"$").MatchString(res.Stderr) {
		t.Fatalf("exit %d stdout %q stderr %q; want 3 and stderr like %s", res.Code, res.Stdout, res.Stderr, want)
	}
}

// TestConsumeUntilWaitCreatesNoTopic: the wait for a topic asks the
// brokers for it without asking them to create it, where a broker would
// (Apache Kafka's auto.create.topics.enable, shore dev --auto-create).
func TestConsumeUntilWaitCreatesNoTopic(t *testing.T) {
	addr, _ := startDev(t, "--listen", "127.0.0.1:0", "--no-registry", "--auto-create")
	run := devRunner(t, addr)
	res := run("", "consume", "fresh", "--until", ".", "--wait", "1s")
	if res.Code != 3 || !strings.HasSuffix(res.Stderr, "(0 records read): topic \"fresh\" was not created within --wait 1s\n") {
		t.Fatalf("exit %d stderr %q; want 3 and the topic not created", res.Code, res.Stderr)
	}
	wantRun(t, run("", "topics", "describe", "fresh"), 1, "", "shore: unknown topic \"fresh\"\n")
}
