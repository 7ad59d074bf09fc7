package cmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/consume"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/schema"
	"github.com/kafkashore/shore/topics"
)

const consumeLong = `Print the records of one or more topics to stdout, from any offset or time,
in a layout of your choosing or as JSON lines.

WHERE TO START AND STOP: -o/--offset SPEC (default start)
  start             the log start (also ` + format.LogStartAliases + `)
  end               the end: only records produced from now on (also ` + format.LogEndAliases + `)
  N                 offset N exactly (one no longer in the log starts at the
                    log start, with a warning, but N:TO reads nothing from a
                    partition whose log starts at TO or later; one past the
                    end waits for it, but past where -e or a range stops
                    reads nothing from its partition, with a warning)
  +N                N records after the log start
  -N                N records before the end: -o -10 -e is the last ten
                    (N offsets: in a topic written in transactions a commit
                    or abort marker takes one, so fewer records come, and
                    -o -1 may find only the last transaction's marker)
  @TIME             the first record at or after TIME: ` + format.TimeSyntax + `;
                    ` + format.TimeDigitsRefused + `
  FROM:TO           stop before TO (exclusive); FROM defaults to start:
                    :end, 100:200, -10:end, @2026-11-01:@2026-11-02, @-1h:end;
                    a TO time that no record has reached yet is the end at
                    start, as -e's is: @2026-11-01:@2026-11-02 run on
                    2026-11-01 reads that day so far and stops
  P=SPEC,...        per partition: 0=100,3=end consumes partitions 0 and 3
                    only, as -p 0,3 would choose them; add a spec without
                    P= for the other partitions (with -p, only partitions
                    -p names)
  Each spec applies to every partition of every topic. With -g/--group the
  group's committed offsets win: -o applies only to partitions the group has
  never committed, and partitions a P=SPEC list does not name start at start.
  A commit no longer in the log (records deleted by retention before the
  group read them), or past its end (a log truncated, a topic deleted and
  created again), starts at the log start, whatever -o says, with a warning
  naming the commit.
  One -o gives the whole spec: given twice it is refused, naming the spec
  for both when there is one (kcat's -o s@T1 -o e@T2 is -o @T1:@T2).
  A TIME without a zone is UTC, as everywhere in shore: a line on stderr
  names the instant, as groups seek --to does ('shore: --offset: the first
  offset at or after 2026-11-01T00:00:00Z (UTC, as the TIME has no zone:
  ...)'; a TO's says 'stopping before the first offset at or after').

PARTITIONS: -p/--partitions LIST (default all)
  -p consumes only the partitions LIST names. ` + partitionsHelp + ` Nothing is read when a topic named lacks one.

STOPPING
  Without -e, -n, --idle-timeout or a range, consume follows the topics until
  interrupted (Ctrl-C or SIGTERM, which end it normally, exit 0). When a
  write to stdout has waited 5s (a stuck pipeline), counted from when it
  began, before the signal or after, consume drops what it has not written
  and exits 130: at once when the write had waited that long already.
  -e/--exit          stop when every partition reaches the end offset it had
                     when consume started (the last stable offset with
                     --read-committed); empty partitions are done at once
  -n/--count N       stop after N records in all
  --idle-timeout D   stop when no record arrives for D (for CI); a group
                     member counts from when the group assigned it
                     partitions, not while it waits for the group, unless
                     it cannot join at all (no broker coordinates the
                     group; a try takes up to --timeout): then from its
                     first failed try, and the end is a failure, exit 1,
                     "could not join group ...: nothing was read". With -e
                     or a range, records that were in the log at start and
                     are still unread then (their broker stopped sending
                     them) make it a failure, exit 1, with a line that
                     counts them and names their partitions: the output
                     lacks them
  A topic deleted while it is consumed (with -e or without, one of several
  too; with -g also a member that holds none of its partitions, within
  seconds) ends the run once the cluster confirms it gone: what was read
  before is written (and with -g committed), then "topic T was deleted while
  it was consumed", exit 1. A topic that -r matched only leaves the topics
  matched, with a warning; the last one to go ends the run. -r matching no
  topic is a failure, 'no topic matches "REGEX"', exit 1; Kafka lists to a
  login only the topics it may describe, so to one it may hide topics from
  it is 'no topic this login may describe matches "REGEX"'.
  A broker that cannot be reached is dialled again for as long as the run
  lasts (-e waits for the records it has still to read there): one warning
  names it, and one line says when it answers again. So does a broker that
  takes a fetch and leaves it unanswered for 6s (frozen), with the
  partitions that wait for it; a tail with nothing new says nothing (the
  broker answers its fetches empty every 0.5s), nor does a large answer
  that takes longer than that to arrive.
  Partitions added to a topic while it is followed are consumed from their
  start within 15s (with -g the group assigns them), unless -p or a P=SPEC
  list without a default names the partitions, or -e or a range stops the
  run: their records all came after consume started.

OUTPUT: -f/--format LAYOUT (default %v\n), franz-go's record formatter
  %t topic             %p partition        %o offset          %e leader epoch
  %k key               %K key length       %v value           %V value length
  %H header count      %h{...} each header, inside: %k %K %v %V
  %d timestamp: %d (unix ms), %d{go##2006-01-02T15:04:05Z07:00##},
     %d{strftime[%F %T]} (strftime(3)'s letters; it has no milliseconds:
     %d{go#15:04:05.000#} writes them),
     both in UTC whatever TZ says (%z and Z07:00 write +0000 and Z)
  %a{compression} %a{timestamp-type} %a{transactional-bit} %a{control-bit}
  %x producer id       %y producer epoch   %i record number (from 1)
  %[ log start offset  %| last stable offset  %] high watermark (partition's)
  %D delivery count and %A acquisition deadline (share groups only: always 0)
  %T topic length      %% %{ %} a literal % { }      \n \t \r \\ \xNN escapes
  kcat's %s %S %R are %v %V %V{big32} here, its %h is %h{%k=%v,} (a comma
  after each header), and its %T (the timestamp) is %d: a %T without braces
  gets a warning on stderr saying so, %T{ascii} writes the same length
  without it
  Numbers take {hex}, {hex8}..{hex64}, {big8}..{big64}, {little8}..{little64},
  {byte}, {bool}; text (%t %k %v) takes {base64}, {base64raw}, {hex} or
  {unpack[...]} (Python struct letters x < > b B h H i I q Q c . s $); a
  record too short for it, or with bytes left at a $, is not written but
  named on stderr, and the exit status is 1.
  Ready layouts:
    kcat-like line    -f '%t [%p] at offset %o: key %k: %v\n'
    hex dump          -f '%t/%p@%o key=%k{hex} value=%v{hex}\n'
    metadata only
      -f '%t/%p@%o %d{go#2006-01-02T15:04:05.000Z07:00#} key=%K value=%V\n'
  -J/--json writes one JSON object per line instead:
    {"topic":"t","partition":0,"offset":7,"timestamp":1763856000000,
     "timestamp_type":"create","key":"k","value":"v",
     "headers":[{"key":"h","value":"x"}],"leader_epoch":0}
  A key, value, header name or header value is a string when it is valid
  UTF-8, otherwise base64 with key_encoding/value_encoding "base64" (in the
  header's object for a header); null stays null. Every line is valid JSON
  whatever the bytes, and 'shore produce --json' reads it.
  Output is flushed whenever the fetch loop has nothing more at hand, so a
  live tail shows records at once; -u flushes after every record. On a
  terminal, control characters other than newline and tab in the record's
  bytes (%t %k %v, a header's) are shown as \xNN (in --json lines as the JSON
  escape \u00NN, so they stay JSON), so binary values cannot garble it, while
  the layout's own text is written as it is, a colour too:
  -f '\x1b[1m%k\x1b[0m %v\n'. Piped or redirected output is exact.

DECODING (Avro, Protobuf, JSON Schema)
  --decode value|key|key,value decodes records in the schema registry's wire
  format through the registry at --registry (shore dev serves one there);
  --decode auto decodes whatever starts with the magic byte. Each schema is
  fetched once per run (with --json, --filter or --until, its subject and
  version too).
  --value-schema-file FILE (.avsc, .proto, .json) decodes values without a
  registry header, with --value-message for a .proto file's message type
  and -I for its imports; --key-* likewise. --value-encoding json (with
  --json) embeds values that are JSON already, compact: the whitespace
  between tokens is left out (strings and numbers stay as written), so a
  record is one line, and produce --json sends it back compact. A value that
  is not JSON or not UTF-8 is written raw, as below; with --json so is one
  (decoded by --decode too) that jq would not read back: holding a \uXXXX
  escape of half a UTF-16 surrogate pair, or nested deeper than jq 1.6
  reads in a line (254 levels, an object counting 2, an array 1). Forced
  encodings leave decoded values alone: text, base64 or hex applies
  only to the values written raw, not decoded (--key-encoding likewise).
  Decoded values are JSON: in --json they are embedded as JSON values,
    "value":{"amount":3},"value_encoding":"json",
    "value_schema":{"id":3,"type":"AVRO","subject":"payments-value","version":1}
  and, for Protobuf, the record's message ("message":"shop.Order.Line") (see
  'shore help json'), and %v/%k print the JSON text. Avro shows Avro's JSON
  encoding (a union is {"string":"x"}, bytes are a string of code points
  U+0000-U+00FF); Protobuf its canonical JSON with the .proto's field names and
  every field but an unset message, as Confluent's consumers print it (64-bit
  integers as strings; null is a google.protobuf.Value set to NULL_VALUE; a
  proto2 extension of the file as "[package.name]"; a proto2 group by its
  field's name, head for 'group Head'); in both, a float or double of
  negative zero is -0.0, as Java and Python print it (-0 would be read by
  Python's json and Jackson as the integer 0, losing the sign).
  'shore produce --json --value-schema' reads both back to the same bytes
  (but for a Protobuf map of several entries, sent sorted by key). JSON
  Schema payloads are printed
  compact, so one written with spaces between its tokens (as Python's
  json.dumps writes) copies back without them. A record that cannot be decoded
  (no registry header, an unknown schema id, a payload that does not fit its
  schema: JSON Schema payloads are validated as produce validates them, and a
  Protobuf payload holding a field its message does not define, which the JSON
  would leave out, does not fit) is written raw (with --filter or --until,
  given raw to it, which writes it only if it matches), with a warning naming
  topic, partition, offset and reason, and the field where an Avro or Protobuf
  payload went wrong, as lines[1].sku (for the first ten; one line says that
  more follow); a count follows at the end and the exit status is 1 (with
  --until, 3 when no record matched). A registry
  that cannot be reached, refuses access or fails ends the run (exit 1) with
  one line naming the record it stopped at; the records before it are
  written (and, with -g, committed).

GROUPS
  -g/--group ID joins the group and consumes its share of the partitions. A
  record's offset is committed only after the record was written to stdout (at
  least once: after a crash records may repeat, never go missing), every second
  and at exit; --no-commit commits nothing. A reader that stops early (| head
  -n 5) does not say how far it read: what the pipe held past it is committed,
  unread, and a fetch whose write failed is not, read again; -n 5 commits
  exactly the records it wrote. At exit (-e, -n, --idle-timeout, Ctrl-C), and
  when the group gives a partition to another member, a partition the member
  holds and wrote nothing of is committed where it stood, as Apache Kafka's
  console consumer does: -o end -e in a new group reads nothing and still
  leaves the group at the end (lag 0), and its next run, or the member that
  takes a partition over, prints exactly the records produced since, not what
  its -o or the log start gives a partition without a commit. The group is left
  cleanly on exit (except by a static member, --instance-id, which keeps its
  partitions until its session times out or it comes back; a second consumer
  given its --instance-id fences it out, and it ends, exit 1, saying so). With
  -e, a member waits until the group assigns it partitions (a line on stderr
  says so when the other members hold them all, or when it cannot join;
  --idle-timeout ends that wait), and ends by itself also when the group took
  partitions away and handed them back at an older commit (a lost session, a
  moved coordinator): it writes them again from there. A join (or sync) that
  the group's coordinator leaves unanswered for 6s gets one warning, and one
  line when it is answered: twice the 3s that Apache Kafka holds a new group's
  first join by default, or a heartbeat interval for other members to rejoin. A
  member that lost its place in the group says so once, until it has its
  partitions and their commits back, however often it tries meanwhile.
  --session-timeout D (45s) is how long the group waits for a member that
  stopped (killed, frozen, cut off) before giving its partitions to the others.
  Nothing is written while the group rebalances, and what was written is
  committed before partitions go to another member; when that commit fails, a
  warning names the partitions whose records since the last commit their next
  owner writes again. Commits that keep failing (every commit for 10s, none
  succeeding and no rebalance between, or none succeeding for 30s while the
  group keeps rebalancing; a failure or two while the group rebalances is
  normal and says nothing) give one warning with the error, since the next
  owner of the partitions or a restart would consume the records written since
  the last commit again, and one line 'commits of group "G" succeed again' once
  one does. A commit refused for authorization ends the run, exit 1, naming the
  group or topic the login lacks READ on, as that refusal does when joining. A
  final commit or leave that fails (brokers gone) is reported, exit 1.

` + consumeFilterHelp + `

EXIT STATUS
  0    done: -e, -n, --idle-timeout or a range reached, Ctrl-C, SIGTERM, or stdout closed; --until: found
  1    failure (unreachable broker or registry, unknown topic (but see --wait), deleted topic, unknown partition, fetch or commit error, records before -e's or a range's end left unread at --idle-timeout, a group the broker will not let it join, group not left, a record not decoded or not unpacked, a record --filter failed on, halt_error in --filter or --until)
  2    usage error (bad flag, offset spec, layout, jq expression or schema file)
  3    --until: the run ended (-e, -n, --idle-timeout, --wait, stdout's reader gone) before a record matched, or --wait passed before a topic waited for was created
  130  interrupted while connecting, with --until before a record matched, or while stdout took nothing`

const consumeExamples = `  # everything in the topic so far, then stop
  $ shore consume orders -e

  # the last ten records of each partition
  $ shore consume orders -o -10 -e

  # the last hour, as JSON into jq
  $ shore consume orders -o @-1h -e -J | jq .value

  # one record at a known offset, with its metadata
  $ shore consume orders -p 0 -o 42:43 -f '%t/%p@%o %d{go#2006-01-02T15:04:05Z07:00#} key=%k headers=%h{%k=%v }\n'

  # follow the topic live, kcat style
  $ shore consume orders -o end -f '%t [%p] at offset %o: key %k: %v\n'

  # Avro, Protobuf or JSON Schema values decoded through shore dev's registry
  $ shore consume payments --decode value -e --json | jq .value.amount

  # keys and values decoded where they carry a schema id, printed kcat style
  $ shore consume payments --decode auto -e -f '%k: %v\n'

  # raw Protobuf values, no registry, with a local .proto file and its imports
  $ shore consume orders -e --value-schema-file orders.proto --value-message Order -I protos

  # values that are JSON text already, embedded as JSON
  $ shore consume events -e --json --value-encoding json | jq .value

  # a group member in a shell loop: 100 records at a time, committed as written
  $ shore consume orders -g billing -n 100 --idle-timeout 5s

  # only the large orders, as JSON
  $ shore consume orders -e -J --filter '.value.amount > 100'

  # wait up to 30s for the order with key order-42, from ten seconds ago on
  $ shore consume orders -o @-10s --until '.key == "order-42"' --wait 30s`

// consumeMemoryLimit is the Go runtime's soft memory limit while consuming,
// unless GOMEMLIMIT sets another. Reading 1,000,000 100-byte records from six
// partitions of one Apache Kafka node by hand, without a limit peaked at
// 67-73 MiB RSS; 32 MiB held it at 45-47 MiB but cost half again the CPU in
// garbage collection; 40 MiB peaked at 51-52 MiB for a fifth more CPU.
const consumeMemoryLimit = 40 << 20

// maxSessionTimeout is the longest session timeout a JoinGroup request
// carries: int32 milliseconds.
const maxSessionTimeout = math.MaxInt32 * time.Millisecond

// consumeOptions are the parsed flags of one consume run.
type consumeOptions struct {
	Target  consume.Target
	Options consume.Options
	// FilterFlag is --filter or --until when one is given, with its
	// expression; Wait is --wait, and WaitOnce says it was 0: read what
	// is there at the start (as -e), wait for nothing more.
	FilterFlag, FilterExpr string
	Wait                   time.Duration
	WaitOnce               bool

	decode  string
	schemas schemaFlags
	// asJSON is --json, whose output names each registry schema's subject
	// and version.
	asJSON bool
	// layout is -f's layout (or the default), which a terminal gets
	// compiled for it (format.NewTerminalLayout).
	layout string
	// fromFile are the flags the configuration file gave, which errors
	// name by their place in it.
	fromFile flagsFromFile
}

// jsonEncodings are the values of --key-encoding and --value-encoding:
// format's encodings, and json for a key or value embedded as JSON.
var jsonEncodings = []string{"text", "base64", "hex", "json"}

// consumeFlags are consume's flags as given; opts holds those that are
// options as they are.
type consumeFlags struct {
	opts                             consumeOptions
	offset, layout, keyEnc, valueEnc string
	offsetsGiven                     []string // each -o, as given
	partitions                       []string // each -p, as given
	regex, asJSON                    bool
	now                              func() time.Time // what -o @-1h is relative to
	filter                           consumeFilterFlags
}

// parse validates the flags into options; every problem is a usage error.
func (fl *consumeFlags) parse(ctx context.Context, args []string, given flagsGiven) (*consumeOptions, error) {
	o := fl.opts
	named := o.fromFile.name
	if len(fl.offsetsGiven) > 1 {
		return nil, usageErrorf("%s", offsetsTwice(fl.offsetsGiven, fl.now()))
	}
	spec, err := consume.ParseOffset(fl.offset, fl.now())
	if err != nil {
		if slices.ContainsFunc(csvFormats, func(f string) bool { return strings.EqualFold(fl.offset, f) }) {
			// -o json is the output format of every other command.
			return nil, usageErrorf("%s %q: %v; consume's -o is where to start, as kcat's is: JSON output is -J/--json, any other a layout, -f", named("offset"), fl.offset, err)
		}
		return nil, usageErrorf("%s %q: %v", named("offset"), fl.offset, err)
	}
	o.Target.Offset = spec
	// kcat's -r is its schema registry: typed so, the topic becomes a
	// regular expression, matched anywhere in a name (orders reads
	// old-orders too), and the URL one that matches nothing.
	for _, arg := range args {
		if url := strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://"); url && fl.regex {
			return nil, usageErrorf("-r/--regex makes the TOPIC arguments regular expressions, and %q is a URL: kcat's -r URL (its schema registry) is --registry URL", arg)
		}
	}
	if !fl.regex {
		if err := partitionArg("consume", args, false); err != nil {
			return nil, err
		}
	}
	if o.Target.Topics, o.Target.Regex, err = topicArgs(args, fl.regex, "shore consume -r REGEX..."); err != nil {
		return nil, err
	}
	// -p "$PARTS" with PARTS unset would consume every partition
	partitions := strings.Join(fl.partitions, ",")
	if o.fromFile.or(given)("partitions") {
		if o.Target.Partitions, err = parsePartitions(named("partitions"), partitions); err != nil {
			return nil, err
		}
		// A P=SPEC for a partition -p leaves out would make nothing of it,
		// silently: -p 0,1 -o 2=100 consumed nothing and exited 0.
		var left []int32
		for p := range spec.Partitions {
			if !o.Target.Partitions.Contains(p) {
				left = append(left, p)
			}
		}
		if len(left) > 0 {
			slices.Sort(left)
			return nil, usageErrorf("%s %q names %s, which %s %q leaves out", named("offset"), fl.offset, topics.PartitionList(left), named("partitions"), partitions)
		}
	}
	if o.Options.Count < 0 {
		return nil, usageErrorf("%s %d: want 0 or more", named("count"), o.Options.Count)
	}
	if o.Options.IdleTimeout < 0 {
		return nil, usageErrorf("%s %s: want 0 or more", named("idle-timeout"), o.Options.IdleTimeout)
	}
	// -g "$GROUP" with GROUP unset would otherwise read without a group,
	// committing nothing (and --no-commit would then "need --group"),
	// --instance-id "$HOST" would join as a dynamic member, whose partitions
	// move at every restart, and --decode "$SIDE" would not decode
	switch givenHere := o.fromFile.or(given); {
	case givenHere("group") && o.Options.Group == "":
		return nil, usageErrorf("%s \"\": empty group name", named("group"))
	case givenHere("instance-id") && o.Options.InstanceID == "":
		return nil, usageErrorf("%s \"\": empty instance id: a static member needs one; leave it out for a dynamic member", named("instance-id"))
	case givenHere("decode") && o.decode == "":
		return nil, usageErrorf("%s \"\": want value, key, key,value or auto", named("decode"))
	}
	if err := o.schemas.refuseEmpty(o.fromFile.or(given), named); err != nil {
		return nil, err
	}
	// the group's own flags typed without a group, and the encodings
	// given without --json, each named; the configuration file's defaults
	// for the group's flags wait for a group
	groupOnly := o.fromFile.names(flagOn{"no-commit", given("no-commit") && o.Options.NoCommit}, flagOn{"balancer", given("balancer")},
		flagOn{"instance-id", given("instance-id")}, flagOn{"session-timeout", given("session-timeout")})
	if o.Options.Group == "" && len(groupOnly) == 0 {
		o.Options.NoCommit, o.Options.InstanceID = false, ""
	}
	encodings := o.fromFile.names(flagOn{"key-encoding", fl.keyEnc != ""}, flagOn{"value-encoding", fl.valueEnc != ""})
	switch {
	case fl.asJSON && o.fromFile.or(given)("format"):
		return nil, usageErrorf("%s and %s exclude each other", named("json"), named("format"))
	case !fl.asJSON && len(encodings) > 0:
		return nil, needs(encodings, "--json")
	case o.Options.Group != "" && len(o.Target.Partitions) > 0:
		return nil, usageErrorf("%s cannot be used with %s: the group assigns the partitions", named("partitions"), named("group"))
	case o.Options.Group == "" && len(groupOnly) > 0:
		return nil, needs(groupOnly, "--group")
	case o.Options.Group != "" && o.fromFile.or(given)("session-timeout") && o.Options.SessionTimeout <= 0:
		return nil, usageErrorf("%s %s: want more than 0", named("session-timeout"), o.Options.SessionTimeout)
	case o.Options.SessionTimeout > maxSessionTimeout:
		return nil, usageErrorf("%s %s: want at most %s, the most Kafka's protocol carries (brokers allow 6s to 30m by default)", named("session-timeout"), o.Options.SessionTimeout, maxSessionTimeout)
	}
	if o.Options.Decoder, err = o.decoder(ctx, fl.keyEnc, fl.valueEnc); err != nil {
		return nil, err
	}
	o.asJSON = fl.asJSON
	if o.Options.Decoder != nil {
		o.Options.Decoder.Embed = fl.asJSON
	}
	if fl.asJSON {
		var jo format.JSONOptions
		for _, e := range []struct {
			value string
			enc   *format.Encoding
		}{{fl.keyEnc, &jo.Key}, {fl.valueEnc, &jo.Value}} {
			if e.value != "" && e.value != "json" {
				*e.enc, _ = format.ParseEncoding(e.value) // one of jsonEncodings: the flag takes no other
			}
		}
		o.Options.Layout = format.NewJSONLayout(jo)
	} else if o.fromFile.or(given)("format") && fl.layout == "" {
		return nil, usageErrorf("%s '': an empty layout prints nothing; leave it out for the default %%v\\n", named("format"))
	} else if fl.layout == "json" {
		return nil, jsonLayout(named("format"), "-J/--json")
	} else {
		o.layout = cmp.Or(fl.layout, `%v\n`)
		if o.Options.Layout, err = format.NewLayout(o.layout); err != nil {
			return nil, usageErrorf("%s '%s': %v", named("format"), fl.layout, err)
		}
	}
	o.Target.Group = o.Options.Group != ""
	o.Target.ReadCommitted = o.Options.ReadCommitted
	if err := fl.filter.parse(given, &o); err != nil {
		return nil, err
	}
	return &o, nil
}

func newConsumeCmd(f *Factory, runF func(*consumeOptions) error) *cobra.Command {
	fl := &consumeFlags{now: f.Now, filter: consumeFilterFlags{env: f.Env}}
	c := &cobra.Command{
		Use:     "consume TOPIC...",
		Short:   "Print records from topics",
		Long:    consumeLong,
		Example: consumeExamples,
		Args:    argsFromUse,
		Annotations: kafkaProperties(otherToolFlags("shore consume TOPIC...",
			"from-beginning", "kafka-console-consumer's --from-beginning is -o start, the default",
			"max-messages", "kafka-console-consumer's --max-messages N is -n/--count N",
			"partition", "kafka-console-consumer's --partition P is -p/--partitions P",
			"timeout-ms", "kafka-console-consumer's --timeout-ms 5000 is --idle-timeout 5s",
			"isolation-level", "kafka-console-consumer's --isolation-level read_committed is --read-committed",
			"property", "kafka-console-consumer's --property print.key=true and the like are a layout: -f '%k\\t%v\\n'; kafka-avro-console-consumer's (and the Protobuf and JSON Schema ones') --property schema.registry.url=URL is --decode value --registry URL (print.schema.ids=true: --json, which names each record's schema)",
			"use-schema-registry", "rpk's --use-schema-registry is --decode key,value (=value: --decode value, =key: --decode key)",
			"consumer-property", "kafka-console-consumer's --consumer-property group.id=G and the like are consume's flags, such as -g and --read-committed, and the connection flags: see 'shore help connection'",
			"include", "kafka-console-consumer's --include REGEX is -r REGEX",
			"whitelist", "kafka-console-consumer's --whitelist REGEX is -r REGEX",
			"consumer.config", propertiesFile("kafka-console-consumer's --consumer.config"),
			"formatter", "kafka-console-consumer's --formatter is a layout, -f, or -J/--json for JSON lines",
			"key-deserializer", "kafka-console-consumer's --key-deserializer is a layout, -f: LongDeserializer is -f '%k{unpack[>q]}\\t%v\\n'; --decode key decodes Avro, Protobuf and JSON Schema",
			"value-deserializer", "kafka-console-consumer's --value-deserializer is a layout, -f: LongDeserializer is -f '%v{unpack[>q]}\\n'; --decode value decodes Avro, Protobuf and JSON Schema",
			"num", "rpk's --num N is -n/--count N",
			"tail", "kaf's --tail N is -o -N -e: the last N records of each partition, then stop; without -e, consume follows on",
			"follow", "consume follows the topic unless -e says to stop at its end: leave --follow out",
			"limit-messages", "kaf's --limit-messages N is -n/--count N, which counts records of all partitions together",
			"meta-only", "rpk's --meta-only is a layout without the value: -f '%t/%p@%o %d key=%K value=%V\\n'",
			"-C", "kcat's -C is what consume does: leave it out",
			"-t", "kcat's -t TOPIC is an argument: shore consume TOPIC...",
			"-c", "kcat's -c N is -n/--count N",
			"-G", "kcat's -G GROUP is -g/--group GROUP",
			"-K", "kcat's -K is a layout: -K: is -f '%k:%v\\n'",
			"-D", "kcat's -D is a layout: -D, is -f '%v,'",
			"-Z", "kcat's -Z: shore writes a null key or value empty, its %K or %V as -1, and -J writes null",
			"-q", "consume writes only records to stdout, as kcat's -q does: leave it out",
			"-s", "kcat's -s avro is --decode value (or key), and its -s value=PACK a layout: -f '%v{unpack[PACK]}\\n'",
			"-O", "kcat's -O (the offset) is %o in a layout: -f '%o:%v\\n'",
			"-E", "consume goes on through the errors it can retry (a broker that cannot be reached, a leader that moved), as kcat's -E does: leave it out",
			"output", "consume writes JSON lines with -J/--json, any other output with a layout, -f; its -o is where to start"),
			"group.id", "-g/--group",
			"auto.offset.reset", "-o start (earliest) or -o end (latest), which with -g is where a partition the group never committed starts",
			"isolation.level", "--read-committed (read_committed)",
			"enable.auto.commit", "--no-commit (false) with -g",
			"group.instance.id", "--instance-id",
			"session.timeout.ms", "--session-timeout, a duration: 45s",
			"partition.assignment.strategy", "--balancer",
			"enable.partition.eof", "-e/--exit"),
		// Regular expressions (-r) are typed, not completed; names are.
		ValidArgsFunction: completeTopics(f),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			// A usage error about a flag the file gave is the file's.
			defer func() { err = fl.opts.fromFile.blame(err) }()
			fromFile, err := f.applyConfigDefaults(cmd, [][2]string{{"json", "format"}, {"filter", "until"}})
			if err != nil {
				return err
			}
			fl.opts.fromFile = fromFile
			opts, err := fl.parse(cmd.Context(), args, cmd.Flags().Changed)
			if err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			if f.Env["GOMEMLIMIT"] == "" {
				// Fetched records (and decoded text) are garbage once
				// written: a soft limit collects them before the heap
				// doubles.
				defer debug.SetMemoryLimit(debug.SetMemoryLimit(consumeMemoryLimit))
			}
			return runConsume(cmd.Context(), f, opts)
		},
	}
	flags := c.Flags()
	fl.offset = "start"
	flags.VarP(onceFlag{&fl.offset, &fl.offsetsGiven}, "offset", "o", "where to start and stop: start, end, N, +N, -N, @TIME, FROM:TO, P=SPEC,... (see above)")
	flags.BoolVarP(&fl.regex, "regex", "r", false, "treat the TOPIC arguments as regular expressions, matched anywhere in a topic's name ('^orders$' for orders alone) when consume starts")
	flags.VarP(listFlag{&fl.partitions}, "partitions", "p", "consume only these partitions: numbers and ranges, e.g. 0-2,5 or -p 0 -p 2 (default: all)")
	flags.BoolVarP(&fl.opts.Target.Exit, "exit", "e", false, "stop when every partition reaches the end offset it had at start")
	flags.Int64VarP(&fl.opts.Options.Count, "count", "n", 0, "stop after this many records in all (default 0: no limit)")
	setFlagMin(flags, "count", 0)
	flags.DurationVar(&fl.opts.Options.IdleTimeout, "idle-timeout", 0, "stop when no record arrives for this long, e.g. 5s (default 0: never)")
	flags.StringVarP(&fl.layout, "format", "f", "", `record layout in franz-go's record formatter syntax, see above (default: %v\n, the value and a newline)`)
	flags.BoolVarP(&fl.asJSON, "json", "J", false, "write one JSON object per record instead of -f")
	addChoiceFlag(c, &fl.keyEnc, "key-encoding", "", "string", "with --json, write every key as "+format.List(jsonEncodings, "or")+" (a JSON key embedded as JSON; default: text when valid UTF-8, else base64); with --decode or --key-schema-file, only the keys written raw, not decoded", jsonEncodings)
	addChoiceFlag(c, &fl.valueEnc, "value-encoding", "", "string", "with --json, write every value as "+format.List(jsonEncodings, "or")+" (a JSON value embedded as JSON; default: text when valid UTF-8, else base64); with --decode or --value-schema-file, only the values written raw, not decoded", jsonEncodings)
	flags.BoolVarP(&fl.opts.Options.Unbuffered, "unbuffered", "u", false, "flush stdout after every record")
	flags.StringVarP(&fl.opts.Options.Group, "group", "g", "", "join this consumer group; committed offsets win over -o")
	flags.BoolVar(&fl.opts.Options.NoCommit, "no-commit", false, "with -g, commit nothing")
	fl.opts.Options.Balancer = consume.Balancers[0]
	addChoiceFlag(c, &fl.opts.Options.Balancer, "balancer", "", "string", "with -g: "+format.List(consume.Balancers, "or"), consume.Balancers)
	flags.StringVar(&fl.opts.Options.InstanceID, "instance-id", "", "with -g, a static member id (KIP-345; not empty): a restart with it gets the same partitions back without a rebalance (and exit does not leave the group)")
	flags.DurationVar(&fl.opts.Options.SessionTimeout, "session-timeout", 45*time.Second, "with -g, how long the group waits for a member that stopped (crashed, frozen, cut off) before giving its partitions to others; the broker allows 6s-30m by default")
	flags.BoolVar(&fl.opts.Options.ReadCommitted, "read-committed", false, "read only committed transactional records")
	flags.StringVar(&fl.opts.decode, "decode", "", "decode through the schema registry (--registry): value, key, key,value, or auto (whatever starts with the magic byte)")
	fl.opts.schemas.add(flags, "decodes")
	_ = c.RegisterFlagCompletionFunc("decode", cobra.FixedCompletions([]string{"value", "key", "key,value", "auto"}, cobra.ShellCompDirectiveNoFileComp))
	fl.filter.add(flags)
	_ = c.RegisterFlagCompletionFunc("group", completeGroups(f))
	return c
}

// onceFlag is a flag of one value that keeps each value given too, so that
// parse can refuse it given twice, where pflag keeps the last without a
// word: kcat's -o s@T1 -o e@T2 (a start and a stop), or -o @T1 -o :@T2
// as shore's hint for it reads, would read from the log start.
type onceFlag struct {
	value *string
	given *[]string
}

func (o onceFlag) String() string { return *o.value }
func (o onceFlag) Type() string   { return "string" }

func (o onceFlag) Set(v string) error {
	*o.value = v
	*o.given = append(*o.given, v)
	return nil
}

// times is how often a flag was given, n at least 2: twice, 3 times.
func times(n int) string {
	if n == 2 {
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

// offsetsTwice is the error of -o given more than once, with the one spec
// to write when the values read as parts of one: a start and a stop, the
// stop marked as one (kcat's -o s@T1 -o e@T2, or -o @T1 -o :@T2), are
// FROM:TO, and partitions' specs with at most one for the others (-o 0=5
// -o 1=7 -o end) a P=SPEC list.
func offsetsTwice(given []string, now time.Time) string {
	msg := fmt.Sprintf("--offset is given %s (%s): one -o says where to start and where to stop", times(len(given)), format.Quoted(given, "and"))
	var joined string
	if stop, ok := cutStop(given[len(given)-1]); ok && len(given) == 2 && !strings.Contains(given[0], "=") {
		joined = strings.Replace(given[0], "s@", "@", 1) + ":" + stop
	} else if defaults := slices.DeleteFunc(slices.Clone(given), func(v string) bool { return strings.Contains(v, "=") }); len(defaults) <= 1 {
		joined = strings.Join(given, ",")
	}
	if _, err := consume.ParseOffset(joined, now); joined != "" && err == nil {
		return msg + ": -o " + joined
	}
	return msg + " (FROM:TO, P=SPEC,...)"
}

// cutStop is the bound of v, an -o that gives only where to stop: :TO, or
// kcat's e@TIME.
func cutStop(v string) (string, bool) {
	if rest, ok := strings.CutPrefix(v, ":"); ok {
		return rest, true
	}
	if rest, ok := strings.CutPrefix(v, "e@"); ok {
		return "@" + rest, true
	}
	return "", false
}

// partitionsHelp is what offsets -p and consume -p take and do, for both
// commands' help, one line that wrapHelp fills.
const partitionsHelp = `LIST is partition numbers and ranges, comma-separated: 0-2,5 is partitions 0, 1, 2 and 5 (a range includes its last partition, where GetOffsetShell's --topic-partitions 0-3 leaves 3 out), and -p 0 -p 2 adds up to -p 0,2. A topic named must have every one of them: those it lacks are named on stderr ('shore: topic "orders" has no partition 7 (it has 0-2)') and the exit status is 1. A topic that -r matched may lack some: one that has none of them is left out without a word, as GetOffsetShell leaves it out; when no topic matched has any, one line names the partitions and the topics, and the exit status is 1.`

// parsePartitions reads -p's comma-separated partition numbers and
// ranges, all of its values joined (list); flag is how the user gave it.
func parsePartitions(flag, list string) (topics.PartitionSet, error) {
	partitions, err := topics.ParsePartitionSet(list)
	if err != nil {
		return nil, usageErrorf("%s %q: %v", flag, list, err)
	}
	return partitions, nil
}

// listFlag is a flag whose values add up, comma-separated, as rpk's -p
// does: -p 0 -p 2 is -p 0,2, where a flag of one value would keep the last
// and drop partition 0 without a word. As a pflag.SliceValue it takes a
// list in the configuration file too (partitions: [0, 2]), once per item.
type listFlag struct{ values *[]string }

func (l listFlag) String() string { return strings.Join(*l.values, ",") }
func (l listFlag) Type() string   { return "string" }

func (l listFlag) Set(v string) error {
	*l.values = append(*l.values, v)
	return nil
}

func (l listFlag) Append(v string) error { return l.Set(v) }

func (l listFlag) Replace(vs []string) error {
	*l.values = append((*l.values)[:0], vs...)
	return nil
}

func (l listFlag) GetSlice() []string { return *l.values }

// badDecode is the usage error for a --decode that names no side. kcat's
// -s value=avro, and --decode avro, name the format, which each record's
// schema id names here; a side in capitals is the side.
func (o *consumeOptions) badDecode() error {
	const want = "want value, key, key,value or auto"
	given := strings.ToLower(o.decode)
	side, kind, sided := strings.Cut(given, "=")
	if !sided {
		side, kind = "value", given
	}
	switch {
	case kind == "avro" || kind == "protobuf" || kind == "proto" || kind == "jsonschema" || kind == "json-schema" || kind == "json_schema":
		if side != "key" {
			side = "value"
		}
		return usageErrorf("%s %q: %s, the side to decode: the registry's schema of each record says whether it is Avro, Protobuf or JSON Schema (kcat's -s %s=avro is --decode %s)", o.fromFile.name("decode"), o.decode, want, side, side)
	case kind == "json":
		return usageErrorf("%s %q: %s, the side to decode through the registry, whatever its schema type; values that are JSON text without a schema are embedded with --json --value-encoding json", o.fromFile.name("decode"), o.decode, want)
	case !sided && slices.Contains([]string{"value", "key", "key,value", "value,key", "auto"}, given):
		return usageErrorf("%s %q: %s (did you mean %q?)", o.fromFile.name("decode"), o.decode, want, given)
	}
	return usageErrorf("%s %q: %s", o.fromFile.name("decode"), o.decode, want)
}

// decoder builds the decoding that --decode, --key-encoding json,
// --value-encoding json and the schema files ask for; nil when none.
func (o *consumeOptions) decoder(ctx context.Context, keyEnc, valueEnc string) (*consume.Decoder, error) {
	d := &consume.Decoder{}
	switch o.decode {
	case "":
	case "value":
		d.Value.Mode = consume.DecodeRegistry
	case "key":
		d.Key.Mode = consume.DecodeRegistry
	case "key,value", "value,key":
		d.Key.Mode, d.Value.Mode = consume.DecodeRegistry, consume.DecodeRegistry
	case "auto":
		d.Key.Mode, d.Value.Mode = consume.DecodeAuto, consume.DecodeAuto
	default:
		return nil, o.badDecode()
	}
	for _, side := range []struct {
		name, enc, file, message string
		how                      *consume.Decoding
	}{
		{"key", keyEnc, o.schemas.keyFile, o.schemas.keyMessage, &d.Key},
		{"value", valueEnc, o.schemas.valueFile, o.schemas.valueMessage, &d.Value},
	} {
		var ways []string
		if side.how.Mode != consume.DecodeNone {
			ways = append(ways, o.fromFile.name("decode")+" "+o.decode)
		}
		if side.enc == "json" {
			ways = append(ways, o.fromFile.name(side.name+"-encoding")+" json")
		}
		if side.file != "" {
			ways = append(ways, o.fromFile.name(side.name+"-schema-file"))
		}
		if len(ways) > 1 {
			return nil, usageErrorf("%s each decode the %s: choose one", format.List(ways, "and"), side.name)
		}
		if side.message != "" && side.file == "" {
			return nil, usageErrorf("%s needs --%s-schema-file with a .proto file", o.fromFile.name(side.name+"-message"), side.name)
		}
		switch {
		case side.enc == "json":
			side.how.Mode = consume.DecodeJSON
		case side.file != "":
			c, err := o.schemas.localCodec(ctx, o.fromFile.name(side.name+"-schema-file"), side.file, side.message)
			if err != nil {
				return nil, err
			}
			side.how.Mode, side.how.Codec = consume.DecodeLocal, c
		}
	}
	if d.Key.Mode == consume.DecodeNone && d.Value.Mode == consume.DecodeNone {
		return nil, nil
	}
	return d, nil
}

func runConsume(ctx context.Context, f *Factory, o *consumeOptions) error {
	start := time.Now()
	// --wait bounds connecting and planning too, not only the reading.
	waitCtx, cancelWait := o.waitContext(ctx, start)
	defer cancelWait()
	if at := format.KcatTimestamp(o.layout); at >= 0 {
		fmt.Fprintf(f.IO.ErrOut, "shore: warning: %s: %%T at byte %d writes the length of the topic's name, not the timestamp as kcat's %%T does: the timestamp is %%d (unix milliseconds); %%T{ascii} writes the length without this warning\n", o.fromFile.name("format"), at)
	}
	report := newConsumeReport(f.IO.ErrOut)
	report.filterFlag, report.until = o.FilterFlag, o.Options.Until
	plan, err := o.plan(ctx, waitCtx, f, report)
	if unknown := o.awaitable(err); unknown != nil {
		if err = o.awaitTopics(waitCtx, f, unknown, start); err == nil {
			plan, err = o.plan(ctx, waitCtx, f, report)
		}
	}
	if err != nil {
		return err
	}
	noteOffsetUTC(f.IO.ErrOut, o.fromFile.name("offset"), o.Target.Offset)
	o.Options.Timeout = f.cfg.Timeout
	o.Options.AnswerAfter = f.slowAfter
	registryURL := ""
	if o.decode != "" {
		r, err := f.Registry(ctx)
		if err != nil {
			return err
		}
		registryURL = r.URL
		cache := schema.NewCache(r)
		// A filter sees value_schema as --json writes it.
		cache.Names = o.asJSON || o.Options.Filter != nil
		cache.Warnings = f.IO.ErrOut
		if f.global.verbose >= 1 {
			cache.Notes = f.IO.ErrOut
		}
		o.Options.Decoder.Schemas = cache
	}
	out := f.IO.Out
	switch {
	case f.IO.OutTTY && o.asJSON:
		// JSON lines stay JSON on a terminal, for copying into jq.
		out = format.NewJSONTerminalWriter(out)
	case f.IO.OutTTY:
		// A binary value must not garble the user's terminal, but the
		// layout's own text (a colour) is the user's; a pipe gets the
		// exact bytes.
		if o.Options.Layout, err = format.NewTerminalLayout(o.layout); err != nil {
			return err // the same layout compiled when the flags were parsed
		}
	}
	watched := &stallWatch{w: out}
	c := consume.New(plan, o.Options, watched, report)
	kopts, err := c.ClientOpts()
	if err != nil {
		return usageErrorf("%v", err)
	}
	copts := f.clientOptions(kopts)
	copts.FetchReceiving = c.FetchReceiving
	cl, err := f.kafkaClient(waitCtx, copts)
	if err != nil {
		return o.connectError(ctx, waitCtx, f.cfg, err)
	}
	abandoned := false
	defer func() {
		// A Run still stuck in a write holds the group's rebalance, and
		// closing would wait for it: the member is left to time out.
		if !abandoned {
			cl.Close()
		}
	}()
	// A reader that went away ends consume like a signal, even when no
	// record comes to fail a write.
	readerCtx, stop := untilReaderGone(ctx, f.IO.Out)
	defer stop()
	runCtx, cancel := o.waitContext(readerCtx, start)
	defer cancel()
	err = runWithinGrace(ctx, watched, func() error { return c.Run(runCtx, cl) })
	if errors.Is(err, errStuckWrite) {
		abandoned = true
		return err
	}
	// Records written raw (not decoded) or not written (not unpacked)
	// still leave the filter's report and the answer of --until to give;
	// so does a failure at the end (the final commit, leaving the group),
	// which sets the exit status.
	waitPassed := errors.Is(runCtx.Err(), context.DeadlineExceeded) && readerCtx.Err() == nil
	waited := time.Since(start)
	if waitPassed {
		// The wait ended at its limit; the final commit and leave
		// that came after it say their own failure, if any.
		waited = o.Wait
	}
	ferr := o.filterResult(ctx, f.IO.ErrOut, c.Stats(), waited, waitPassed, registryURL)
	var bad *consume.RecordsError
	if err != nil && !errors.As(err, &bad) {
		if ferr != nil && !errors.Is(ferr, errInterrupted) {
			fmt.Fprintf(f.IO.ErrOut, "shore: %v\n", ferr)
		}
		return err
	}
	if ferr != nil {
		if bad != nil {
			// The count is said, as at any other end; --until's
			// answer, 3 or 130, is the exit status.
			fmt.Fprintf(f.IO.ErrOut, "shore: %v\n", bad)
		}
		return ferr
	}
	return err
}

// plan resolves o.Target against the cluster, with a client of its own.
func (o *consumeOptions) plan(ctx, waitCtx context.Context, f *Factory, report consume.Reporter) (*consume.Plan, error) {
	cl, err := f.Client(waitCtx)
	if err != nil {
		return nil, o.connectError(ctx, waitCtx, f.cfg, err)
	}
	defer cl.Close()
	reqCtx, cancel := f.requestContext(waitCtx)
	defer cancel()
	plan, err := consume.NewPlan(reqCtx, cl, o.Target, report)
	if err != nil {
		return nil, o.connectError(ctx, waitCtx, f.cfg, connect.ExplainTimeout(f.cfg, f.waiting, err))
	}
	return plan, nil
}

// noteOffsetUTC says on stderr, for each TIME of the -o spec written
// without a zone, the instant it is read as (see noteUTC); flag is how
// errors name -o.
func noteOffsetUTC(w io.Writer, flag string, spec consume.Spec) {
	from, to := spec.Zoneless()
	for _, t := range from {
		noteUTC(w, flag, "the first offset at or after", t, "@", "")
	}
	for _, t := range to {
		noteUTC(w, flag, "stopping before the first offset at or after", t, "@", "")
	}
}

// interruptGrace is how long consume, once interrupted, waits for the
// records it is writing to be taken by whoever reads stdout.
const interruptGrace = 5 * time.Second

// errStuckWrite is a Run that the first signal could not end, because it
// was writing to a stdout that nobody reads; runWithinGrace adds the signal.
var errStuckWrite = fmt.Errorf("stdout took nothing for %s: the records not yet written were dropped (with -g they were not committed, and the group waits for this member's session to time out)", interruptGrace)

// stallWatch is stdout as consume writes it, noting when the write in
// progress began, so that a write blocked on a reader that takes nothing
// can be told from a Run busy otherwise, such as a final commit waiting
// for a frozen coordinator within --timeout.
type stallWatch struct {
	w     io.Writer
	since atomic.Int64 // unix nanoseconds when the write in progress began; 0 when none is
}

func (s *stallWatch) Write(p []byte) (int, error) {
	s.since.Store(time.Now().UnixNano())
	defer s.since.Store(0)
	return s.w.Write(p)
}

// blocked is how long the write in progress has waited, 0 when none is.
func (s *stallWatch) blocked() time.Duration {
	if since := s.since.Load(); since != 0 {
		return time.Since(time.Unix(0, since))
	}
	return 0
}

// runWithinGrace runs run, and once ctx is cancelled (a signal) waits for
// it to return as long as it is not stuck in a write to out for
// interruptGrace: a write to a stdout that nobody reads blocks for ever,
// and the first signal must still end consume. The records not yet
// written are dropped; with -g they were not committed, so the group reads
// them again. What run does otherwise after a signal (the final commit,
// leaving the group) is bounded by --timeout, and its failure is reported
// as such.
func runWithinGrace(ctx context.Context, out *stallWatch, run func() error) error {
	done := make(chan error, 1)
	go func() { done <- run() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	for {
		select {
		case err := <-done:
			return err
		case <-time.After(interruptGrace - out.blocked()):
			if out.blocked() >= interruptGrace {
				return fmt.Errorf("%w, and %w", interruption(ctx), errStuckWrite)
			}
		}
	}
}
