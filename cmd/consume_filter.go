package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/kafkashore/shore/check"
	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/consume"
	"github.com/kafkashore/shore/filter"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/topics"
)

// consumeFilterHelp is the part of consume's manual about --filter and
// --until.
const consumeFilterHelp = `FILTER AND WAIT
  --filter EXPR    write only the records for which the jq expression EXPR
                   (gojq) is true: anything but false and null. EXPR sees
                   each record as the object --json writes, except that a
                   key or value that is JSON is parsed:
                     --filter '.value.amount > 100 and
                       (.headers[] | select(.key == "source") | .value) == "web"'
                   A key 42 or true is JSON too: the number 42, which
                   .key == 42 matches and .key == "42" does not;
                   (.key|tostring) == "42" matches either. Other keys and
                   values are strings (base64 when not UTF-8, with
                   key_encoding/value_encoding); header names and values
                   are strings too. Half a UTF-16 surrogate pair escaped
                   alone reads as jq reads it: \udc00 as U+FFFD, while
                   \ud800 makes the key or value not JSON, a string.
                   With --decode (or a schema file, or --value-encoding
                   json) EXPR sees the decoded key and value as --json
                   writes them, with value_encoding "json" and the
                   registry's value_schema ({"id":3,"type":"AVRO",
                   "subject":"payments-value","version":1}, "message"
                   for Protobuf): .value_schema.version < 3. An
                   expression with several outputs matches when one of
                   them is true. -n counts the records written.
                   env.NAME and $ENV.NAME are the environment's variables,
                   as in jq: --until '.key == env.REQUEST_ID'. An EXPR
                   that does not compile is a usage error (exit 2), and
                   so is a regular expression written out in it that
                   does not (test("[")), which gojq would refuse on
                   every record, and a field it reads of the record that
                   the record has not, null on every record: .payload
                   and .ts, kcat -J's .value and .timestamp, or .amount,
                   a JSON value's .value.amount ((.ts // .timestamp), for
                   kcat's lines and shore's alike, is not refused); so is
                   .headers.NAME, which fails on every record, since
                   headers are a list: a header's value is
                   (.headers[] | select(.key == "NAME") | .value).
                   A record on which EXPR fails (.value.x on a string) is
                   not delivered: a warning names it (the first ten; one
                   line says more follow), a line at the end counts them,
                   and the exit status is 1. A record EXPR is false or null
                   on is no error: (.value|type) == "object" and
                   .value.x > 1 passes over other shapes. --until takes
                   such a record as no match, names and counts it alike,
                   and answers 0 or 3 as below. jq's halt ends the run at
                   the record it runs on, as it ends jq: that record is
                   neither written nor committed, a line on stderr names
                   it, and the exit status is 0 (--until: 3, no match).
                   halt_error ends it as a failure, exit 1, with one line
                   naming the record and what halt_error was given (a
                   string as it is, else its JSON, cut at 200 bytes;
                   halt_error(0) ends it as halt does):
                   --filter 'if .value.v > 2 then "v\(.value.v)" |
                   halt_error else true end'.
                   EXPR runs on one record for at most --timeout (10s):
                   one that has no answer by then (def f: f; f, or
                   last(range(1e18))) ends the run there as halt_error
                   does, exit 1, the record neither written nor
                   committed: 'shore: orders:0 offset 3: --filter ran
                   for --timeout 10s on this record without an answer (an
                   expression that never ends?); the run stops here'.
  --until EXPR     stop at the first record that EXPR matches: write it and
                   exit 0. If -e, -n (which then counts the records read),
                   --idle-timeout, --wait or stdout's reader going away (a
                   closed pipe: nobody got a match) ends the run first,
                   exit 3 with one line saying what was waited for and how
                   long (but exit 1 when --idle-timeout left records
                   before -e's end unread: the match may be among them).
                   Ctrl-C or SIGTERM (what timeout 30 shore ... sends)
                   before a match is exit 130, after that line too:
                   'shore: stopped by SIGTERM: no record matched --until
                   ... in 30s (1204 records read)', then 'shore:
                   terminated'.
  --wait D         with --until, give up after D (e.g. 30s; default: no
                   limit), counted from the start: connecting too, and
                   waiting for a named topic that does not exist yet (the
                   app under test creates it a moment later), as ready
                   waits for it. One warning says so ('topic "T" does not
                   exist yet: waiting up to --wait 30s for it to be
                   created'); once created, the topic is read from its
                   start, with -o end or -N too: everything in it came
                   after consume started. A topic still missing when D
                   passes is the answer, exit 3 ('...: topic "T" was not
                   created within --wait 30s'). Without --wait an unknown
                   topic is a failure at once, exit 1, as a typo most
                   likely is; with --wait 0, or --wait and -e, it is the
                   answer at once, exit 3: nothing of it was there at the
                   start. --wait 0 waits for nothing, as ready's and
                   check's --wait 0 try once: it reads the records there
                   at the start, as -e does, and exits 3 when none of them
                   matches. A broker that gives no answer within D is a
                   failure (exit 1), as when --timeout runs out, and so
                   are a broker that stopped answering (a warning said
                   so) and had not answered again when D passed, as a
                   record of its partitions may match, a group member
                   (-g) that could not join its group within D and a
                   schema registry that has not sent a record's schema
                   (--decode) when D passes: the record was never
                   matched. Waiting without a race in CI:
                   start the wait in the background from a time before the
                   request (not -o end, which consume takes only once it
                   has started: a quick reply can come first), then send
                   the request, then wait for it:
                     shore consume replies -o @-10s --wait 30s \
                       --until '.key == "req-42"' & waiter=$!
                     send-request req-42
                     wait $waiter`

// consumeFilterFlags are the raw --filter, --until and --wait flags.
type consumeFilterFlags struct {
	filter, until string
	wait          time.Duration
	// env is the environment, which the expression sees as env and $ENV.
	env map[string]string
}

func (ff *consumeFilterFlags) add(fl *pflag.FlagSet) {
	fl.StringVar(&ff.filter, "filter", "", "write only records for which this jq expression is true, e.g. '.value.amount > 100' (see FILTER AND WAIT)")
	fl.StringVar(&ff.until, "until", "", "stop at the first record this jq expression matches and exit 0; exit 3 if the run ends first")
	fl.DurationVar(&ff.wait, "wait", 0, "with --until, give up after this long from the start, connecting and waiting for a topic not created yet included, e.g. 30s; 0: read only what is there, as -e (default: no limit)")
}

// parse compiles the expression into o; every problem is a usage error.
// An expression or --wait from the configuration file counts as given,
// and errors name it there.
func (ff *consumeFilterFlags) parse(typed flagsGiven, o *consumeOptions) error {
	given, named := o.fromFile.or(typed), o.fromFile.name
	switch {
	case given("filter") && given("until"):
		return usageErrorf("%s and %s exclude each other: --until writes only the record it stops at", named("filter"), named("until"))
	case given("wait") && !given("until"):
		return usageErrorf("%s needs --until", named("wait"))
	case ff.wait < 0:
		return usageErrorf("%s %s: want 0 or more", named("wait"), ff.wait)
	}
	name, expr := "filter", ff.filter
	if given("until") {
		name, expr = "until", ff.until
	} else if !given("filter") {
		return nil
	}
	f, err := filter.Compile(expr, ff.env)
	if err != nil {
		return usageErrorf("%s %s: %v", named(name), quoteExpr(expr), err)
	}
	o.Options.Filter, o.Options.Until = f, name == "until"
	o.FilterFlag, o.FilterExpr, o.Wait = "--"+name, expr, ff.wait
	// --wait 0 is one look, as ready's and check's --wait 0 are one try:
	// the records there at the start, nothing that comes later.
	if given("wait") && ff.wait == 0 {
		o.WaitOnce, o.Target.Exit = true, true
	}
	return nil
}

// quoteExpr writes an expression the way a shell user typed it.
func quoteExpr(expr string) string {
	return "'" + strings.ReplaceAll(expr, "'", `'\''`) + "'"
}

// connectError is err of connecting or planning: when --wait ran out
// first (waitCtx), the brokers gave no answer within it, a failure (exit
// 1) as when --timeout runs out, and the run never got to wait for a record.
func (o *consumeOptions) connectError(ctx, waitCtx context.Context, cfg *config.Config, err error) error {
	if ctx.Err() == nil && errors.Is(waitCtx.Err(), context.DeadlineExceeded) {
		return &connect.UnreachableError{Brokers: cfg.Brokers, Cause: noAnswerWithin(o.Wait)}
	}
	return errOrInterrupted(ctx, err)
}

// waitContext bounds a run by --wait, counted from start.
func (o *consumeOptions) waitContext(ctx context.Context, start time.Time) (context.Context, context.CancelFunc) {
	if o.Wait == 0 {
		return context.WithCancel(ctx)
	}
	return context.WithDeadline(ctx, start.Add(o.Wait))
}

// filterResult counts the records --until failed on, once, and decides
// its outcome: nil when it matched, else a condition error that
// says what was waited for, how long, and what ended the wait. A run that
// ctx did not end, nor the --wait limit (waitPassed), ended because stdout's
// reader went away: no record had matched, and a script that ran
// 'shore consume --until X | reader' with pipefail must not read 0 as
// found. A reader that wanted the match cannot have gone before it (only
// the match is written), so | head is no reason for 0 here. The limit
// passing while a record waited for its schema from the registry at
// registryURL is that registry's failure: the record was read and never
// looked at.
func (o *consumeOptions) filterResult(ctx context.Context, stderr io.Writer, st consume.Stats, elapsed time.Duration, waitPassed bool, registryURL string) error {
	if st.FilterErrors > 0 && o.Options.Until {
		// --filter's count ends the run as a failure (consume.RecordsError).
		fmt.Fprintf(stderr, "shore: warning: %s failed on %d of %s, taken as no match\n", o.FilterFlag, st.FilterErrors, format.Count(st.Read, "record"))
	}
	if sw := st.SchemaWait; sw != nil && waitPassed && ctx.Err() == nil {
		return fmt.Errorf("no answer from schema registry %s within %s for schema id %d of %s:%d offset %d's %s, when --wait %s passed: the record was read, not decoded, and not matched against --until",
			registryURL, sw.Waited.Round(time.Millisecond), sw.ID, sw.Topic, sw.Partition, sw.Offset, sw.Side, o.Wait)
	}
	if st.Stop == consume.StopHalt && !o.Options.Until {
		fmt.Fprintf(stderr, "shore: --filter ran halt at %s: the run ends there, as jq's halt ends jq\n", st.Halted)
	}
	if !o.Options.Until || st.Stop == consume.StopMatch || st.Stop == consume.StopFailed {
		return nil
	}
	var why string
	switch st.Stop {
	case consume.StopHalt:
		why = fmt.Sprintf("--until ran halt at %s", st.Halted)
	case consume.StopEnd:
		why = "every partition reached its end (-e or the -o range)"
		if o.WaitOnce {
			why = "--wait 0 read what was there at the start"
		}
	case consume.StopCount:
		why = fmt.Sprintf("-n %s read", format.Count(o.Options.Count, "record"))
	case consume.StopIdle:
		why = fmt.Sprintf("no record arrived for --idle-timeout %s", o.Options.IdleTimeout)
	case consume.StopContext:
		switch {
		case ctx.Err() != nil:
			// A script's timeout sends SIGTERM (timeout 30 shore consume
			// ...): its log still says what was waited for, and how long.
			stop := interruption(ctx)
			fmt.Fprintf(stderr, "shore: stopped by %s: %s\n", stop.by, o.noMatch(elapsed, st.Read))
			return stop
		case waitPassed && st.NotJoined:
			// Like a broker that gave no answer within --wait: a
			// failure, not a wait that found nothing.
			return &consume.JoinError{Group: o.Options.Group, Within: fmt.Sprintf("--wait %s", o.Wait), Err: st.JoinErr}
		case waitPassed && len(st.Silent) > 0:
			return o.silentAtWait(elapsed, st)
		case waitPassed:
			why = fmt.Sprintf("--wait %s passed", o.Wait)
		default:
			why = "stdout's reader went away"
		}
	}
	return o.notMatched(elapsed, st.Read, why)
}

// silentAtWait is the failure of a --wait that passed while brokers that
// lead partitions still to be read were not answering (st.Silent): like a
// broker that gave no answer within --wait, it is no answer, exit 1, as a
// record they hold may match.
func (o *consumeOptions) silentAtWait(elapsed time.Duration, st consume.Stats) error {
	addrs := make([]string, len(st.Silent))
	var parts []string
	whole := true
	for i, b := range st.Silent {
		addrs[i] = b.Addr
		for _, tp := range b.Waiting {
			parts = append(parts, fmt.Sprintf("%s:%d", tp.Topic, tp.Partition))
		}
		whole = whole && b.Waiting != nil
	}
	of, sent := "the partitions "+format.Agree(len(addrs), "it leads", "they lead"), format.Agree(len(addrs), "it", "they")
	if whole {
		of = format.Few(parts, "or", namedBadRecords)
	}
	return fmt.Errorf("%s, but %s %s %s not answering when --wait %s passed: a record of %s that %s did not send may match",
		o.noMatch(elapsed, st.Read), format.Agree(len(addrs), "broker", "brokers"), format.List(addrs, "and"), format.Agree(len(addrs), "was", "were"), o.Wait,
		of, sent)
}

// notMatched is --until's answer when no record matched: what was waited
// for, how long, how many records were read, and why the wait ended.
func (o *consumeOptions) notMatched(elapsed time.Duration, read int64, why string) error {
	return conditionErrorf("%s: %s", o.noMatch(elapsed, read), why)
}

// noMatch says that no record of read matched --until in elapsed.
func (o *consumeOptions) noMatch(elapsed time.Duration, read int64) string {
	return fmt.Sprintf("no record matched --until %s in %s (%s read)", quoteExpr(o.FilterExpr), elapsed.Round(time.Millisecond), format.Count(read, "record"))
}

// awaitable is the named topics that err says do not exist, when --wait
// was given: a topic that a CI script's app under test creates a moment
// after the script started waiting for its record. Without --wait (a plain
// follow, -e, -n) an unknown topic is an error at once, as a typo most
// likely is; nil then, and for any other err.
func (o *consumeOptions) awaitable(err error) topics.UnknownTopicsError {
	if o.Wait == 0 && !o.WaitOnce {
		return nil
	}
	var several topics.UnknownTopicsError
	var one *topics.UnknownTopicError
	switch {
	case errors.As(err, &several):
		return several
	case errors.As(err, &one):
		return topics.UnknownTopicsError{one}
	}
	return nil
}

// awaitTopics waits within --wait for the topics unknown names to be
// created, as ready waits for them, saying so once, and notes them in
// o.Target.Created: the plan reads them from their start, as everything in
// them came after consume started. -e and --wait 0 read what was there at
// the start, nothing of a topic that was not: the answer is at once. When
// --wait runs out, a topic still not created is the answer, exit 3, and
// brokers that gave no answer a failure, as when connecting.
func (o *consumeOptions) awaitTopics(waitCtx context.Context, f *Factory, unknown topics.UnknownTopicsError, start time.Time) error {
	names := make([]string, len(unknown))
	for i, err := range unknown {
		names[i] = err.(*topics.UnknownTopicError).Topic
	}
	if o.Target.Exit {
		reads := "-e reads"
		if o.WaitOnce {
			reads = "--wait 0 reads"
		}
		return o.notMatched(time.Since(start), 0, fmt.Sprintf("%s (%s what was there at the start)", unknown.Are("does not exist", "do not exist"), reads))
	}
	it := "it"
	if len(unknown) > 1 {
		it = "them"
	}
	fmt.Fprintf(f.IO.ErrOut, "shore: warning: %s yet: waiting up to --wait %s for %s to be created\n", unknown.Are("does not exist", "do not exist"), o.Wait, it)
	told := func(err error) bool {
		var missing *check.MissingTopicsError
		return errors.As(err, &missing)
	}
	// A signal is no answer either: its line says what was waited for,
	// as when the wait for a record is stopped; before any try ended,
	// the topics found missing at the start.
	stopped := func(notReady *check.NotReadyError) string {
		noMatch := o.noMatch(time.Since(start), 0)
		var missing *check.MissingTopicsError
		switch {
		case notReady == nil:
			return fmt.Sprintf("%s: %s yet", noMatch, unknown.Are("was not created", "were not created"))
		case errors.As(notReady.Last, &missing):
			return fmt.Sprintf("%s: %s yet", noMatch, missing.Topics.Are("was not created", "were not created"))
		}
		return fmt.Sprintf("%s: %v", noMatch, notReady.Last)
	}
	_, err := waitReady(waitCtx, f, names, o.Target.Topics, o.Wait, told, stopped)
	var notReady *check.NotReadyError
	var missing *check.MissingTopicsError
	switch {
	case errors.As(err, &notReady) && errors.As(notReady.Last, &missing):
		return o.notMatched(time.Since(start), 0, fmt.Sprintf("%s within --wait %s", missing.Topics.Are("was not created", "were not created"), o.Wait))
	case errors.As(err, &notReady) && notReady.Step == check.StepConnect:
		return notReady.Last
	case errors.As(err, &notReady):
		return o.notMatched(time.Since(start), 0, fmt.Sprintf("--wait %s passed: %v", o.Wait, notReady.Last))
	case err != nil:
		return err
	}
	o.Target.Created = names
	return nil
}
