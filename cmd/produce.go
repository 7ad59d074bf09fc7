package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/fileread"
	"github.com/kafkashore/shore/internal/jsontext"
	"github.com/kafkashore/shore/produce"
	"github.com/kafkashore/shore/schema"
	"github.com/kafkashore/shore/topics"
)

type produceOptions struct {
	IO     *IOStreams
	Client func(ctx context.Context, extra ...kgo.Opt) (*kgo.Client, error)

	Topic  string
	Inputs []produce.Input
	Parse  produce.ParseOptions

	Partitioner     string
	Linger          time.Duration
	BatchMaxBytes   int32
	MaxBuffered     int
	Compression     kgo.CompressionCodec
	Acks            string
	DeliveryTimeout time.Duration
	Failed          string // --failed: the file for records not delivered
	Rate            float64
	Count           int64
	TransactionalID string
	AllowAutoCreate bool
	PrintMetadata   bool
	MetadataFormat  format.RecordLayout
	Verbose         bool
	Timeout         time.Duration
	Log             io.Writer // the Kafka client's log (-vv), or nil

	// The schemas that encode keys and values: --key-schema and
	// --value-schema, or local files (registered with --register).
	Registry               func(context.Context) (*schema.Registry, error)
	KeySchema, ValueSchema string
	Register               bool
	Schemas                schemaFlags

	// fromFile are the flags the configuration file gave, which errors
	// name by their place in it.
	fromFile flagsFromFile
	// slowAfter is Factory.slowAfter.
	slowAfter time.Duration
}

const produceLong = `Read stdin, or the FILEs in order ('-' or /dev/stdin, once at most, is
stdin), and send one record to TOPIC per piece of input. Nothing is lost
silently: the exit status is 0 only when the broker acknowledged every
record read.

INPUT
  By default each line is a record. -D sets another delimiter (escapes \n \t
  \r \0 \xNN \\; several bytes allowed); --whole makes each file, or all of
  stdin, one record. A last piece without a trailing delimiter is still a
  record; an empty piece is an empty value (a null one with -Z, which
  leaves an empty -K key empty, where kcat's -Z makes it null too), as
  kafka-console-producer sends an empty line (kcat skips it, -Z or not;
  grep -v '^$' does that here). Bytes are sent as they are: a line of a CRLF
  file keeps its \r, as kcat keeps it (kafka-console-producer drops it), and
  the first such line gets a warning on stderr; -D '\r\n' splits at CRLF.
  So are a binary file's (an image's) bytes, cut at each \n byte into
  records, where kcat -P sends a FILE whole: the first line that holds a
  NUL byte, which text does not, gets a warning naming --whole, which sends
  each FILE as one record; UTF-16 text (PowerShell's > writes it), whose
  first line starts with its byte order mark, gets one saying to convert it
  to UTF-8 (iconv -f UTF-16 -t UTF-8).
  A record may be as large as --max-message-bytes;
  a larger one is reported with its line number and skipped.
  -c N stops after N records (a --json line, a layout's record). shore
  reads ahead; a regular file as stdin is then set back to just after the
  Nth record, as GNU head -n leaves it, so that in
  { shore produce T -c 2; cat; } < FILE the next command reads the rest. A
  pipe cannot be set back: what shore read ahead of it is lost to the next
  reader (split the input first: head -n 2, or split -l).
  -K splits each piece at the first occurrence of its delimiter into key and
  value (no delimiter in a piece: no key); one that holds -D's delimiter,
  which no piece can hold, is a usage error. -k gives every record one key;
  -H name=value adds a header to every record (repeatable); the name may be
  empty (-H =x), as Kafka allows and --json and -f send it, which kcat's -H
  refuses. -H name alone (no =) gives the header a null value, as kcat's -H
  does and --json's "value":null; -H name= an empty one. consume -J writes
  the two apart (null and ""); a layout's %v writes both empty.
  -f reads a franz-go record-reader layout instead, for example '%k %v\n',
  '%K{big32}%k%V{big32}%v', '%H{1}%h{%k=%v;}%v\n' or '%v{json}\n'; %p in it
  chooses the partition (0 or more), %d the timestamp (unix milliseconds, 0
  to 9223372036854; -1, which consume writes for a record without one, is
  none: the record is stamped when sent). A key, value or header value the
  layout reads empty is empty, not null, as an empty line is (-Z still makes
  an empty value null), unless its %K or %V reads -1, as consume -f writes a
  null one's (see 'shore help layouts').
  A layout that ends with its only newline reads each line on its own (but
  for one with a size or number in bytes, such as %V{big32} or %V{3}, whose
  bytes may hold a newline): a line that does not match it stops the input
  there (exit 1), never spills into the next line; a CRLF line's \r stays
  in the %k or %v that the layout reads up to its \n (the first such line
  gets a warning): end the layout with \r\n for such lines. A layout that
  begins with a {json} field ('%v{json}' for jq's pretty output) reads past
  whitespace before each document, and past whitespace that ends the
  input. A {json} field is sent compact, without the whitespace between
  its tokens, as --json sends a JSON value.
  -J/--json reads one JSON object per line, the shape 'shore consume -J'
  writes (consume -J | produce -J copies records):
  {"key","value","headers":[{"key","value"}],"partition","timestamp"}.
  key and value are strings or null, with "key_encoding"/"value_encoding"
  text (default), base64 (standard and padded with =, as consume writes it;
  not base64url) or hex; a header may have both encodings too. A key or
  value that is not a string (or has encoding json) is sent as its JSON
  text, compact (no whitespace between tokens): null with encoding json is
  the text null, not a null value. The other fields consume --json or
  --failed writes (topic, offset, ...) are ignored and blank lines skipped;
  a field neither writes ("vaule", which would otherwise send a null;
  kcat -J's ts and payload, for which the error gives the jq that turns such
  a line) is an error, as are a field given twice on a line or in a header
  ("value" twice), a timestamp before 1970 (but for -1, which consume --json
  and kcat -J write for a record without one: it is none, and the record is
  stamped when sent, as one without a "timestamp") or after
  2262-04-11T23:47:16.854Z (the latest the Kafka client can send) and bytes
  that are not UTF-8, or a \uXXXX escape of half a UTF-16 surrogate pair
  (read as U+FFFD, they would be sent changed; write them base64 or hex).
  A "timestamp" is unix milliseconds or a TIME string ('shore help json');
  a TIME without a zone is UTC, as everywhere in shore: the first line whose
  TIME has none is named on stderr with the instant, once for the run, not
  for each line ('shore: stdin line 3: timestamp 2026-12-07T09:00:00Z (UTC,
  as the TIME has no zone; so are the later lines' timestamps without one:
  ...)').

SCHEMAS (Avro, Protobuf, JSON Schema)
  --value-schema encodes each value, a JSON document (the line; with --json the
  "value" as written, so "value":"x" is the JSON string "x", unless
  value_encoding text, base64 or hex names bytes that hold the document), in
  the schema registry's wire format, with the registry at --registry: topic
  (the latest schema of the subject TOPIC-value), SUBJECT, SUBJECT:VERSION or
  id:N; a subject the registry does not have is an error naming the one a
  typo or two away, or in another case, if one is ('did you mean
  "orders-value"?'), as shore registry names it, and how to register it (or,
  for a schema file's name, a number or latest, the flag meant:
  --value-schema-file FILE, id:N, topic). The schema's text is a usage
  error: kafka-avro-console-producer's value.schema is --value-schema-file;
  so is an empty one, as "$SUBJECT" with SUBJECT unset gives it, and an empty
  --value-schema-file or --value-message, rather than records sent unencoded.
  --value-schema-file FILE (.avsc, .proto, .json) with --register
  registers the file (under TOPIC-value, or --value-schema's subject; a
  .proto file's imports, found with -I, before it, each under a subject named
  by its import path, as Confluent's serializers register them,
  google/protobuf/ types left out; a subject the registry did not have that
  looks mistyped from one it has, as registry register --help says, is
  warned of on stderr with that one, "did you mean "orders-value"?") once the
  topic is found, before the first record: a topic that does not exist leaves
  the registry as it was; a schema the registry refuses as incompatible sends
  nothing (exit 1), and the line gives the subject's compatibility level and
  the registry's reasons, as registry check gives them. Without --register it
  writes the bare payload, no registry header.
  --value-message picks a .proto's message type (default: its first; a line
  that does not fit the first, so taken, says so and names the others); a --json
  line whose value_schema names a message (as consume --json writes it) is
  encoded as that message, and one whose message differs from --value-message
  is refused with its line, as is a Protobuf value_schema naming no message (an
  older shore's) when the schema has several and no --value-message says which.
  --key-* do the same for keys, of records that have them (-K, -k, --json or %k;
  otherwise a usage error); a key is a JSON document too, as Confluent's console
  producers read it, so one of a string schema is written in double quotes
  ("u1":login with -K:, -k '"u1"': a -k key that does not fit is a usage error,
  before anything is registered or sent); a key that is a JSON object holds a
  ':' of its own, which -K: would cut it at (the error says so): give such keys
  another -K, '\t', or --json. JSON Schema documents are validated before they
  are sent. A document with a key twice in one object is refused, whatever the
  schema type, before any error in the values of that object (Confluent's
  serializers keep the last value without a word, other readers may take the
  first). The JSON forms are the ones 'shore consume --decode' prints (Avro's
  JSON encoding, proto3 JSON), so a decoded topic copies back byte for byte (a
  Protobuf message's fields are sent in field-number order, a oneof's and a
  proto2 extension too, as protoc's C++, Java and Python runtimes write them),
  except JSON Schema payloads written with spaces between their tokens (as
  Python's json.dumps writes), because documents are sent compact, and Protobuf
  maps of several entries, because their entries are sent sorted by key, an
  order those runtimes do not promise. A document that does not fit is refused
  with its line number, the field (lines[0].qty, a map key that is not all
  letters, digits, _ and - as a JSON string in brackets: tags["eu.west"]; JSON
  Schema's pointer, /lines/0/qty, a / in a name written ~1 and a ~ written ~0 as
  RFC 6901 has them) and the reason (missing field, wrong type, unknown enum
  symbol, an Avro uuid string not in the 8-4-4-4-12 form, which Java's and
  Python's readers fail on, an Avro date or timestamp written as text, named
  with what its number counts, a JSON Schema's false refusing it, named with
  where it stands: /unevaluatedProperties), as is a string in it, key or value,
  with a \uXXXX escape of half a UTF-16 surrogate pair; the other records are
  still sent, and the exit status is 1.
  A SUBJECT may hold ':', as one of a Confluent context does
  (:.staging:orders-value): the VERSION of SUBJECT:VERSION follows the last.
  An Avro decimal (bytes or fixed) also takes a JSON number, 12.34, sent as
  the decimal at its scale (refused with more places than the scale, or
  digits than the precision); a string is its bytes, as consume prints it, so
  "12.34" would send the bytes of that text, another number to a reader. A
  decimal that is not valid (no precision, a scale above it, more digits
  than its fixed holds) is set aside for its plain bytes, as Avro's readers
  set it aside, and a number for it is refused, saying why. An Avro or
  Protobuf float or double is the nearest to its number, as Java's Avro JSON
  decoder and Protobuf's JsonFormat make it, but a number it would turn into
  0 (1e-50 for a float) or Infinity (1e50) is refused, naming the field,
  where Java sends the Avro one so without a word.
  --max-message-bytes bounds the record as encoded, not the document, which
  may be larger (an Avro null is no bytes, a field's name is not sent): a
  line, --json line or --whole input up to 1 GiB is read to be encoded.

PARTITIONS
  -p sends every record to one partition (a list, as consume's -p takes,
  is refused saying so). --partitioner chooses for keyed records: murmur2
  (default; the partition the Java client, kafka-python and
  kcat -X partitioner=murmur2_random choose), crc32 (librdkafka's and kcat's
  default, except that an empty key always goes to one partition, which they
  choose at random for each record), round-robin or sticky (keys ignored).
  Unkeyed records stay on one partition per batch, except with round-robin.
  A partition named in JSON or by %p is honoured, but for -p: it puts every
  record in its partition, whatever the line names. One the topic does not
  have fails alone, named with its line; partitions added while shore runs
  are used (shore asks the cluster again, at most once a second, when a line
  names one beyond the topic's count).

DELIVERY
  --acks all (default; idempotent, no duplicates on retry), leader or none;
  -1, 1 and 0, the numbers kcat, rpk and the Java client take, mean the same.
  With leader, a record is acknowledged once its partition's leader has it:
  a leader that dies or freezes before its followers copy it loses it when
  another takes over (Kafka's acks=1); with none nothing is confirmed.
  --transactional-id sends all input in one transaction, committed at the end
  and aborted on interruption or any failure. An abort with no answer within
  --timeout (a frozen broker) is said so ("transaction not aborted: no answer
  to the abort", the exit status unchanged): none of the records is committed,
  and Kafka aborts the open transaction itself after transaction.timeout.ms,
  which the line gives. A commit with no answer within --timeout (or another
  failure that leaves its outcome unknown) is exit 1, its outcome unknown:
  shore then ends the transaction, waiting up to --timeout more (it asks for
  a new producer epoch: Kafka finishes a commit that reached it, and aborts
  the transaction otherwise), so that read_committed consumers are not held
  back; the line gives the consume --read-committed that shows which. When
  that has no answer either, Kafka aborts the transaction after
  transaction.timeout.ms unless the commit reached it. A commit that Kafka
  refuses is exit 1 too, none committed: the line says "transaction aborted"
  when shore could abort it, else that Kafka aborted it (a fenced producer)
  or aborts it after transaction.timeout.ms. --rate and --count bound what
  is sent; --linger, --batch-max-bytes, --max-buffered-records and -z tune
  batching.
  Memory stays bounded by --max-buffered-records records and 16 MiB (or two
  batches, if larger) whatever the size of the input.
  A topic that does not exist is an error within --timeout, naming it and
  the topic a typo or two away, if one is ('unknown topic "ordres" (did you
  mean "orders"?)'), as the other commands do;
  --allow-auto-create asks the broker to create it (an error if it will not).
  A record larger than the topic's max.message.bytes fails alone; the records
  sent with it are delivered, and a line at the end gives the topics
  alter-config command that makes room for the largest (in a transaction,
  which it aborts, to run before the whole input is sent again). A record
  without a key for a compacted topic (cleanup.policy compact), which Kafka
  refuses with its whole batch, fails alone too.

FAILURES
  A broker that dies or pauses costs time, not records: a record fails only
  when no acknowledgement came within --delivery-timeout (default 2m, the Java
  producer's delivery.timeout.ms; kcat waits 5m) of the Kafka client having it.
  Time spent waiting inside shore, for a full buffer or for -m's order, does
  not count. The message names the broker's last error (for example
  NOT_ENOUGH_REPLICAS). A record sent and not answered by then gets --timeout
  more; after that shore stops waiting, and its fate is unknown: it may be in
  the topic. Such records are reported apart, with the partition and offset
  after which to look for them (shore consume TOPIC -p P -o O -e). With --acks
  all, the Kafka client sends nothing before the broker issues it a producer
  id: records still waiting for one when shore stops waiting (then, or after
  an interrupt) are failed, "never sent", not in the topic. With --acks
  leader or none the client fails a record at --delivery-timeout also when it
  sent it and had no answer, so such a record is of unknown fate; so is one it
  fails with any other error (a try of it may have been written without its
  answer arriving, and each try is a new write), unless every try got that
  error: too large, an invalid record or timestamp, the topic's policy, not
  authorized. When a record times out, the Kafka client fails every record it
  holds for the same partition with it, keeping their order: they are named
  as failed "with an earlier record of partition P", of the same fate. Every
  record not delivered is named on stderr with its input line.
  --failed FILE also writes each of them as a --json line, with "input",
  "input_line", "fate" (failed or unknown) and "error", except one larger than
  --max-message-bytes, without a key for a compacted topic, or whose key or
  value does not fit its schema or Protobuf message or needs one to be encoded
  again, which could not be sent again as it is; 'shore produce TOPIC --json
  FILE', with the run's --max-message-bytes when it is above the default (the
  last lines give the command), then sends them again as they were (check the
  "fate":"unknown" ones first). An unknown one keeps the timestamp it was sent
  with, so that if it is in the topic, the one sent again is the same record
  twice. With --failed, stderr names the first ten; a record FILE cannot take
  (a full disk) is named there instead, after one warning, and FILE holds the
  ones before it. FILE is emptied when the run starts, before anything else can
  fail, so that a file an earlier run left is not taken for this run's (a usage
  error, exit 2, touches nothing: it comes first). It is removed when it would
  hold no record (every record was delivered, or none was sent), unless it is
  not a regular file (a device such as /dev/stderr, a pipe as in --failed >(tee
  failures.log), a symlink): that is left as it is; one its directory keeps
  (not writable) is left empty, with a warning. One that is "" or - (stdout is
  -m's), cannot be created, or is also an input (it would be emptied before it
  is read), is a usage error, before shore connects.
  With --transactional-id there is no --failed: an aborted transaction is sent
  again whole.
  The first SIGINT or SIGTERM stops reading, waits up to --timeout for the
  records in flight (and, with --transactional-id, up to --timeout more for
  the abort), reports and exits 130; a second one ends shore at once.

OUTPUT
  Nothing on stdout unless -m: then one line per acknowledged record, in input
  order, with what the broker assigned:
    {"topic":"orders","partition":2,"offset":41,"timestamp":1763856000000,
     "key_size":3,"value_size":11,"headers_size":-1,"input_line":1}
  (sizes are -1 for a null key or value and for no headers, the offset -1 with
  --acks none; input_line is the record's line in its file, or its number when
  records are not lines; with several inputs, "input" before it names the file
  (./stdin for one named stdin), or stdin; the timestamp is the one sent, also
  to a topic whose message.timestamp.type is LogAppendTime, whose append time
  the Kafka client does not pass on: consume shows it), or the
  --metadata-format layout (franz-go record-formatter syntax, without unpack
  directives or the partition offsets %[ %| %], which a fetch carries and an
  acknowledgement does not; %e, the leader epoch, is -1 for the same reason).
  With --transactional-id a line is printed when its record is
  acknowledged, before the commit: when the transaction is aborted (exit 1
  or 130, "transaction aborted" on stderr), the records printed are in the
  topic as aborted ones, which read_committed consumers skip.
  Input that does not parse, or cannot be read (an I/O error), stops reading
  at its line: what came before is delivered, nothing after. A failed write
  of -m lines (a full disk, a closed pipe) stops reading too, and the error
  says how many records were read, delivered and printed, so that nothing is
  sent twice. On a terminal stderr shows progress after a second and a
  summary; -v prints the summary everywhere.

EXIT STATUS
  0    every record read was acknowledged (or the input was empty)
  1    a record not delivered (or of unknown fate), bad input, no topic, partition or broker
  2    usage error: bad flag, delimiter, layout or schema file
  130  interrupted: what was read is delivered or reported, or the transaction aborted (or left to Kafka to abort)`

const produceExamples = `  # one record per line of a file, the key before the first ':'
  $ shore produce orders events.txt -K :

  # from stdin, a header on every record, print where each record landed
  $ shore produce orders -H source=ci -m < events.txt

  # copy a topic, keys, headers, nulls and binary values included; each record
  # keeps its partition, so orders-copy needs as many (-p 0 puts all in one)
  $ shore consume orders --json -e | shore produce orders-copy --json

  # JSON lines encoded with an Avro schema file registered in shore dev's registry
  $ shore produce payments payments.jsonl --value-schema-file payment.avsc --register

  # JSON lines with version 2 of a subject, or with schema id 7
  $ shore produce payments payments.jsonl --value-schema payments-value:2
  $ shore produce payments payments.jsonl --value-schema id:7

  # copy decoded records into another topic through the latest schema
  # registered under payments-copy-value, the subject --value-schema topic names
  $ shore consume payments --decode value --json -e | shore produce payments-copy --json --value-schema topic

  # all of a file in one transaction, compressed
  $ shore produce orders events.txt --transactional-id loader-1 -z zstd

  # keep what was not delivered and send it again; no file (no broker, no
  # topic, bad input): nothing to send again, exit 1 with the first's error;
  # not after a usage error (2) or an interrupt (130)
  $ shore produce orders events.txt --failed undelivered.json || { test $? = 1 && test -e undelivered.json && shore produce orders --json undelivered.json; }`

// produceFlags are produce's flags as given; opts holds those that are
// options as they are.
type produceFlags struct {
	opts                                 produceOptions
	delimiter, keyDelimiter, key, layout string
	headers                              []string
	whole, jsonLines, nullEmpty          bool
	partition                            int32
	maxMessageBytes                      int32
	compression                          string
	metadataFormat                       string
	rate                                 typedFloat
	now                                  func() time.Time // for JSON records without a timestamp
}

// typedFloat is a float flag that keeps the text it was given, so that a
// value refused after parsing is echoed as typed: --rate inf, not +Inf.
type typedFloat struct {
	dst   *float64
	typed string
}

// underflow says that the text is not a zero but parsed to 0, as 1e-400
// does without an error; a flag never set (no text) did not.
func (f *typedFloat) underflow() bool { return jsontext.NonzeroMantissa(f.typed) && *f.dst == 0 }

func (f *typedFloat) String() string { return strconv.FormatFloat(*f.dst, 'g', -1, 64) }

// Type is pflag's own float type's, for --help and valueError.
func (f *typedFloat) Type() string { return "float64" }

func (f *typedFloat) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if errors.Is(err, strconv.ErrRange) {
		err = nil // too large for a float64, ±Inf: the value's check refuses it in words
	}
	if err != nil {
		return err
	}
	*f.dst, f.typed = v, s
	return nil
}

// produceExcludes returns the pairs of flags that parse refuses together:
// a configuration file's default for one is left out when the command line
// gives the other. A typed -p -1 (partitionerChooses) leaves the partition
// to the partitioner, so it does not set the file's partitioner aside, as
// -p 2 does.
func produceExcludes(partitionerChooses bool) [][2]string {
	excludes := [][2]string{
		{"whole", "json"}, {"whole", "format"}, {"json", "format"},
		{"delimiter", "whole"}, {"delimiter", "json"}, {"delimiter", "format"},
		{"key-delimiter", "json"}, {"key-delimiter", "format"},
		{"key", "json"}, {"key", "format"}, {"key", "key-delimiter"},
		{"failed", "transactional-id"},
	}
	if !partitionerChooses {
		excludes = append(excludes, [2]string{"partition", "partitioner"})
	}
	return excludes
}

// parse checks how input is read, the key, partition and delivery flags,
// and compiles the layouts. given counts a flag the configuration file gave
// a default for as given.
func (fl *produceFlags) parse(args []string, given flagsGiven) (*produceOptions, error) {
	if err := partitionArg("produce", args[:1], false); err != nil {
		return nil, err
	}
	if err := checkTopicName(args[0]); err != nil {
		return nil, err
	}
	opts := fl.opts
	opts.Topic = args[0]
	named := opts.fromFile.name
	p := produce.ParseOptions{Partition: fl.partition, MaxBytes: int64(fl.maxMessageBytes), NullEmpty: fl.nullEmpty, Now: fl.now}

	// modes are the ways to read input that are on, each named; json and
	// format read keys themselves.
	modes := opts.fromFile.names(flagOn{"whole", fl.whole}, flagOn{"json", fl.jsonLines}, flagOn{"format", fl.layout != ""})
	readsKeys := len(modes) > 0 && !fl.whole
	switch {
	case len(modes) > 1:
		return nil, usageErrorf("%s are different ways to read input: choose one", format.List(modes, "and"))
	case given("delimiter") && len(modes) > 0:
		return nil, usageErrorf("%s does not go with %s", named("delimiter"), modes[0])
	case given("key-delimiter") && readsKeys:
		return nil, usageErrorf("%s does not go with %s: it reads keys itself", named("key-delimiter"), modes[0])
	case given("key") && readsKeys:
		return nil, usageErrorf("%s does not go with %s: it reads keys itself", named("key"), modes[0])
	case given("key") && given("key-delimiter"):
		return nil, usageErrorf("%s and %s both set the key: choose one", named("key"), named("key-delimiter"))
	case given("partition") && fl.partition >= 0 && given("partitioner"):
		return nil, usageErrorf("%s and %s both choose the partition: choose one", named("partition"), named("partitioner"))
	case fl.partition < -1:
		return nil, usageErrorf("%s %d: want a partition (0 or more), or -1 for the partitioner", named("partition"), fl.partition)
	case fl.maxMessageBytes < 1:
		return nil, usageErrorf("%s %d: want 1 or more", named("max-message-bytes"), fl.maxMessageBytes)
	case opts.BatchMaxBytes < 1:
		return nil, usageErrorf("%s %d: want 1 or more", named("batch-max-bytes"), opts.BatchMaxBytes)
	case given("max-buffered-records") && (opts.MaxBuffered < 1 || opts.MaxBuffered > maxBufferedRecords):
		return nil, usageErrorf("%s %d: want 1 to %d", named("max-buffered-records"), opts.MaxBuffered, maxBufferedRecords)
	case !(opts.Rate >= 0) || math.IsInf(opts.Rate, 0):
		return nil, usageErrorf("%s %s: want a positive number of records per second, or 0 for no limit", named("rate"), fl.rate.typed)
	case opts.Rate > 0 && opts.Rate < minRate, fl.rate.underflow():
		return nil, usageErrorf("%s %s: want at least %.7f records per second (one a day)", named("rate"), fl.rate.typed, minRate)
	case given("format") && fl.layout == "":
		return nil, usageErrorf("%s '': an empty layout reads nothing; give one such as '%%k %%v\\n', or leave it out", named("format"))
	case fl.layout == "json":
		return nil, jsonLayout(named("format"), "-J/--json")
	case opts.Count < 0:
		return nil, usageErrorf("%s %d: want 0 (all input) or more", named("count"), opts.Count)
	case opts.Linger < 0 || opts.Linger > maxLinger:
		return nil, usageErrorf("%s %s: want 0 to %s", named("linger"), opts.Linger, maxLinger)
	case opts.DeliveryTimeout <= 0:
		return nil, usageErrorf("%s %s: want more than 0", named("delivery-timeout"), opts.DeliveryTimeout)
	}
	switch {
	case fl.whole:
		p.Mode = produce.Whole
	case fl.jsonLines:
		p.Mode = produce.JSON
	case fl.layout != "":
		p.Mode, p.Layout = produce.Layout, fl.layout
	default:
		d, err := format.ParseDelimiter(fl.delimiter)
		if errors.Is(err, format.ErrEmptyDelimiter) {
			return nil, usageErrorf("%s: empty delimiter (for one record per input, use --whole)", named("delimiter"))
		}
		if err != nil {
			return nil, usageErrorf("%s '%s': %v", named("delimiter"), format.Printable(fl.delimiter), err)
		}
		p.Delimiter = d
	}
	if given("key-delimiter") {
		d, err := format.ParseDelimiter(fl.keyDelimiter)
		if errors.Is(err, format.ErrEmptyDelimiter) {
			return nil, usageErrorf("%s: empty delimiter (for records without a key, leave it out)", named("key-delimiter"))
		}
		if err != nil {
			return nil, usageErrorf("%s '%s': %v", named("key-delimiter"), format.Printable(fl.keyDelimiter), err)
		}
		p.KeyDelimiter = d
		if p.Delimiter != nil && bytes.Contains(d, p.Delimiter) {
			// The splitter cuts records at the delimiter first: no
			// record could hold the key delimiter, and none would get a key.
			return nil, usageErrorf("%s '%s' holds the record delimiter '%s', so no record would have a key", named("key-delimiter"), format.Printable(fl.keyDelimiter), format.Printable(fl.delimiter))
		}
	}
	if given("key") {
		p.Key = []byte(fl.key)
	}
	for _, h := range fl.headers {
		name, value, ok := strings.Cut(h, "=")
		switch {
		case ok:
			p.Headers = append(p.Headers, kgo.RecordHeader{Key: name, Value: []byte(value)})
		case strings.Contains(h, ":"):
			// rpk's and kaf's -H take key:value.
			name, value, _ := strings.Cut(h, ":")
			return nil, usageErrorf("%s %q: want name=value, or a name alone for a null value (rpk's and kaf's -H %s is -H %s here)", named("header"), h, h, name+"="+value)
		case h == "":
			return nil, usageErrorf("%s \"\": want name=value, or a name alone for a null value", named("header"))
		default:
			// A name alone is a header with a null value, as kcat's -H
			// sends it: Kafka tells it from an empty one (-H name=).
			p.Headers = append(p.Headers, kgo.RecordHeader{Key: h})
		}
	}
	opts.Compression = compressionCodec(fl.compression)
	if given("transactional-id") && opts.TransactionalID == "" {
		// --transactional-id "$ID" with ID unset would send outside a
		// transaction, record by record, what was asked to be all or nothing
		return nil, usageErrorf("%s \"\": empty transactional id", named("transactional-id"))
	}
	if opts.TransactionalID != "" && opts.Acks != "all" {
		return nil, usageErrorf("%s needs --acks all; %s is %s", named("transactional-id"), named("acks"), opts.Acks)
	}
	switch {
	case given("failed") && opts.Failed == "":
		// --failed "$FILE" with FILE unset would keep no record of what
		// was not delivered, and resending from "" would read stdin
		return nil, usageErrorf("%s \"\": empty file name", named("failed"))
	case opts.Failed == "-":
		// a file named - would be stdin to the produce --json that sends
		// its records again
		return nil, usageErrorf("%s -: want a file name, not stdout (-m writes there); ./- is a file named -", named("failed"))
	}
	if opts.TransactionalID != "" && opts.Failed != "" {
		// An aborted transaction fails every record it holds, delivered
		// or not, and the file would name only those that failed first.
		return nil, usageErrorf("%s and %s: a transaction commits every record or none, so when it is aborted the whole input is to be sent again, not the records the file would hold; leave %s out", named("transactional-id"), named("failed"), named("failed"))
	}
	if given("metadata-format") && fl.metadataFormat == "" {
		// it implies -m, and would print nothing for each record
		return nil, usageErrorf("%s '': an empty layout prints nothing; leave it out for -m's JSON lines", named("metadata-format"))
	}
	if fl.metadataFormat != "" {
		mf, err := format.NewLayout(fl.metadataFormat)
		if err != nil {
			return nil, usageErrorf("%s '%s': %v", named("metadata-format"), fl.metadataFormat, err)
		}
		if _, ok := mf.(format.Unpacker); ok {
			// A record that an unpack directive cannot read would get
			// the record formatter's %!(...) text for a line.
			return nil, usageErrorf("%s '%s': unpack directives are for consume -f; an -m line shows the bytes as sent (%%v, %%v{hex}, %%v{base64})", named("metadata-format"), fl.metadataFormat)
		}
		if w, ok := mf.(format.PartitionOffsetsWriter); ok && w.WritesPartitionOffsets() != "" {
			// A produce acknowledgement carries none of them, and the
			// record formatter would write <nil> on every line.
			return nil, usageErrorf("%s '%s': %s is a partition's offset that consume reads with a fetch; a produce acknowledgement does not carry it ('shore offsets %s' shows the start and end offsets)", named("metadata-format"), fl.metadataFormat, w.WritesPartitionOffsets(), opts.Topic)
		}
		opts.MetadataFormat, opts.PrintMetadata = mf, true
	}
	const specWanted = "want topic, SUBJECT, SUBJECT:VERSION or id:N"
	if err := opts.Schemas.refuseEmpty(given, named, emptyFlag{"value-schema", opts.ValueSchema, specWanted}, emptyFlag{"key-schema", opts.KeySchema, specWanted}); err != nil {
		return nil, err
	}
	if err := opts.checkSchemaFlags(); err != nil {
		return nil, err
	}
	opts.Parse = p
	if _, err := produce.NewSource(nil, p); err != nil {
		return nil, usageErrorf("%s '%s': %v", named("format"), fl.layout, err)
	}
	if (opts.KeySchema != "" || opts.Schemas.keyFile != "") && !p.ReadsKeys() {
		// It would be ignored: the records would go without keys.
		flag := "key-schema"
		if opts.KeySchema == "" {
			flag = "key-schema-file"
		}
		return nil, usageErrorf("%s encodes keys, and these records have none: split each at a key delimiter with -K, give one key with -k, read --json, or a -f layout with %%k", named(flag))
	}
	return &opts, nil
}

func newProduceCmd(f *Factory, runF func(*produceOptions) error) *cobra.Command {
	fl := &produceFlags{now: f.Now}
	c := &cobra.Command{
		Use:     "produce TOPIC [FILE...]",
		Short:   "Send records from stdin or files to a topic",
		Long:    produceLong,
		Example: produceExamples,
		Args:    argsFromUse,
		Annotations: kafkaProperties(otherToolFlags("shore produce TOPIC [FILE...]",
			"property", "kafka-console-producer's --property parse.key=true --property key.separator=: is -K :; kafka-avro-console-producer's (and the Protobuf and JSON Schema ones') --property value.schema.id=N is --value-schema id:N, --property value.schema=... is --value-schema-file FILE --register, --property schema.registry.url=URL is --registry URL (key.schema.id and key.schema: --key-schema and --key-schema-file)",
			"producer-property", "kafka-console-producer's --producer-property acks=all and the like are produce's flags, such as --acks, -z and --linger, and the connection flags: see 'shore help connection'",
			"producer.config", propertiesFile("kafka-console-producer's --producer.config"),
			"request-required-acks", "kafka-console-producer's --request-required-acks N is --acks N",
			"compression-codec", "kafka-console-producer's --compression-codec C is -z/--compression C",
			"sync", "produce always waits for every acknowledgement: leave --sync out",
			"tombstone", "rpk's --tombstone is -Z/--null-empty",
			"output-format", "rpk's --output-format is --metadata-format",
			"allow-auto-topic-creation", "rpk's --allow-auto-topic-creation is --allow-auto-create",
			"schema-id", "rpk's --schema-id N is --value-schema id:N (--schema-id topic is --value-schema topic)",
			"input-mode", "kaf's --input-mode full is --whole; line is the default",
			"key-encoding", `produce --json reads each line's own key_encoding, text, base64, hex or json: {"key":"AAE=","key_encoding":"base64"}`,
			"value-encoding", `produce --json reads each line's own value_encoding, text, base64, hex or json: {"value":"AAE=","value_encoding":"base64"}`,
			"-P", "kcat's -P is what produce does: leave it out",
			"-t", "kcat's -t TOPIC is an argument: shore produce TOPIC [FILE...]",
			"-T", "kcat's -T echoes each record sent; -m/--print-metadata prints where each landed",
			"-q", "produce writes nothing to stdout without -m, and to stderr only what went wrong (on a terminal, progress and a summary too), as kcat's -q: leave it out",
			"-l", "kcat's -l is the default here, each line of a FILE a record; --whole sends each FILE as one, as kcat does without -l",
			"-o", "rpk's -o FORMAT is --metadata-format FORMAT",
			"-n", "produce's count is -c/--count N; consume's is -n",
			"-X", "kcat's -X properties are produce's flags, such as --acks, -z and --linger, and the connection flags: see 'shore help connection'"),
			"acks", "--acks",
			"request.required.acks", "--acks",
			"enable.idempotence", "--acks all (idempotent; leader or none are not)",
			"compression.type", "-z/--compression",
			"compression.codec", "-z/--compression",
			"linger.ms", "--linger, a duration: 5ms",
			"queue.buffering.max.ms", "--linger, a duration: 5ms",
			"batch.size", "--batch-max-bytes",
			"message.max.bytes", "--max-message-bytes",
			"max.request.size", "--max-message-bytes",
			"delivery.timeout.ms", "--delivery-timeout, a duration: 2m",
			"message.timeout.ms", "--delivery-timeout, a duration: 5m",
			"partitioner", "--partitioner (murmur2_random is murmur2, consistent_random crc32)",
			"transactional.id", "--transactional-id"),
		// TOPIC from the cluster, then FILEs from the file system.
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveDefault
			}
			return completeTopics(f)(cmd, args, toComplete)
		},
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			// A usage error about a flag the file gave is the file's.
			defer func() { err = fl.opts.fromFile.blame(err) }()
			fromFile, err := f.applyConfigDefaults(cmd, produceExcludes(cmd.Flags().Changed("partition") && fl.partition < 0))
			if err != nil {
				return err
			}
			fl.opts.fromFile = fromFile
			cfg, err := f.Config(cmd.Context())
			if err != nil {
				return err
			}
			// A flag is set when given, or given a default by the file.
			opts, err := fl.parse(args, fromFile.or(cmd.Flags().Changed))
			if err != nil {
				return err
			}
			if err := checkStdinOnce(f.IO.In, args[1:]); err != nil {
				return err
			}
			opts.IO, opts.Client, opts.Registry = f.IO, f.Client, f.Registry
			opts.Inputs = produceInputs(f.IO.In, args[1:])
			opts.Verbose = f.global.verbose >= 1
			opts.Timeout = cfg.Timeout
			opts.slowAfter = f.slowAfter
			if f.global.verbose >= 2 {
				opts.Log = f.IO.ErrOut // the client's log, which produce's own logger passes on
			}
			if runF != nil {
				return runF(opts)
			}
			if f.Env["GOMEMLIMIT"] == "" {
				// Large records are garbage soon after they are sent: a
				// soft limit collects them before the heap doubles.
				defer debug.SetMemoryLimit(debug.SetMemoryLimit(produceMemoryLimit))
			}
			return errOrInterrupted(cmd.Context(), runProduce(cmd.Context(), opts))
		},
	}
	flags := c.Flags()
	flags.SortFlags = false
	flags.StringVarP(&fl.delimiter, "delimiter", "D", `\n`, `record delimiter; escapes \n \t \r \0 \xNN \\`)
	flags.BoolVar(&fl.whole, "whole", false, "send each file, or all of stdin, as one record")
	flags.StringVarP(&fl.keyDelimiter, "key-delimiter", "K", "", "split each record at the first KEY-DELIMITER into key and value (default: no key)")
	flags.StringVarP(&fl.key, "key", "k", "", "give every record this key")
	flags.StringArrayVarP(&fl.headers, "header", "H", nil, "add header name=value to every record (repeatable; a name alone: a null value)")
	flags.StringVarP(&fl.layout, "format", "f", "", `read records with a franz-go record-reader layout, e.g. '%k %v\n'`)
	flags.BoolVarP(&fl.jsonLines, "json", "J", false, "read one JSON record per line, as 'shore consume -J/--json' writes")
	flags.BoolVarP(&fl.nullEmpty, "null-empty", "Z", false, "send an empty value as null (a tombstone)")
	flags.Int32VarP(&fl.partition, "partition", "p", -1, "send every record to this partition; -1: the partitioner chooses")
	setFlagWhole(flags, "partition", "produce -p sends every record to one partition (a list is consume's -p), and --partitioner round-robin spreads them over all")
	fl.opts.Partitioner = "murmur2"
	addChoiceFlag(c, &fl.opts.Partitioner, "partitioner", "", "string", "how keyed records are partitioned: "+format.List(produce.Partitioners, "or"), produce.Partitioners)
	flags.DurationVar(&fl.opts.Linger, "linger", 0, "how long a partition's batch waits for more records before it is sent, at most 1m (0: records still batch while a request is in flight)")
	flags.Int32Var(&fl.opts.BatchMaxBytes, "batch-max-bytes", 1<<20, "largest batch sent to one partition, in bytes (raised to fit --max-message-bytes)")
	flags.Int32Var(&fl.maxMessageBytes, "max-message-bytes", defaultMaxMessageBytes, "largest record (key, value and headers), in bytes, at most 2147483647; a larger one is reported and skipped")
	setFlagMin(flags, "partition", -1)
	setFlagMin(flags, "batch-max-bytes", 1)
	setFlagMin(flags, "max-message-bytes", 1)
	flags.IntVar(&fl.opts.MaxBuffered, "max-buffered-records", 0, "most records sent and not yet acknowledged, 1 to 10000000: bounds memory (default 10000 per broker leading a partition of the topic, at most 50000)")
	setFlagMin(flags, "max-buffered-records", 1)
	setFlagMax(flags, "max-buffered-records", maxBufferedRecords)
	fl.compression = "none"
	addChoiceFlag(c, &fl.compression, "compression", "z", "string", "batch compression: "+format.List(compressions, "or"), compressions)
	fl.opts.Acks = "all"
	addChoiceFlag(c, &fl.opts.Acks, "acks", "", "string", "acknowledgement to wait for: all or -1 (idempotent), leader or 1, none or 0",
		[]string{"all", "leader", "none"}, [2]string{"-1", "all"}, [2]string{"1", "leader"}, [2]string{"0", "none"})
	flags.DurationVar(&fl.opts.DeliveryTimeout, "delivery-timeout", defaultDeliveryTimeout, "longest a record may wait for its acknowledgement once the Kafka client has it; a broker failover takes about 10s")
	flags.StringVar(&fl.opts.Failed, "failed", "", "write each record not delivered to `FILE` as a --json line, to send again with --json")
	markPaths(flags, "failed")
	fl.rate.dst = &fl.opts.Rate
	flags.Var(&fl.rate, "rate", "send at most this many records per second, at least one a day (0, the default: no limit)")
	flags.Int64VarP(&fl.opts.Count, "count", "c", 0, "stop after reading this many records, leaving the rest of the input unread: a regular file as stdin is left just after the last, for the next command, as head -n leaves it (default: all input)")
	setFlagMin(flags, "count", 0)
	flags.StringVar(&fl.opts.TransactionalID, "transactional-id", "", "send all input in one transaction with this id")
	flags.BoolVar(&fl.opts.AllowAutoCreate, "allow-auto-create", false, "let the broker create a topic that does not exist")
	flags.BoolVarP(&fl.opts.PrintMetadata, "print-metadata", "m", false, "print topic, partition, offset, ... of each acknowledged record, in input order")
	flags.StringVar(&fl.opts.ValueSchema, "value-schema", "", "encode each value, a JSON document, through the schema registry (--registry): topic (the latest schema of TOPIC-value), SUBJECT, SUBJECT:VERSION or id:N")
	flags.StringVar(&fl.opts.KeySchema, "key-schema", "", "as --value-schema, for keys (topic: the latest schema of TOPIC-key)")
	fl.opts.Schemas.add(flags, "encodes")
	flags.BoolVar(&fl.opts.Register, "register", false, "register --value-schema-file/--key-schema-file once the topic is found (under --value-schema/--key-schema's subject, default TOPIC-value/TOPIC-key) and write the registry's wire format")
	flags.StringVar(&fl.metadataFormat, "metadata-format", "", `print -m lines in this record-formatter layout, e.g. '%t/%p@%o\n' (implies -m)`)
	return c
}

// compressions are the names -z/--compression accepts.
var compressions = []string{"none", "gzip", "snappy", "lz4", "zstd"}

// compressionCodec is the codec of one of compressions.
func compressionCodec(name string) kgo.CompressionCodec {
	switch name {
	case "gzip":
		return kgo.GzipCompression()
	case "snappy":
		return kgo.SnappyCompression()
	case "lz4":
		return kgo.Lz4Compression()
	case "zstd":
		return kgo.ZstdCompression()
	}
	return kgo.NoCompression()
}

// produceInputs names the files to read, or stdin when there are none.
func produceInputs(stdin io.Reader, files []string) []produce.Input {
	if len(files) == 0 {
		files = []string{"-"}
	}
	inputs := make([]produce.Input, 0, len(files))
	for _, name := range files {
		if name == "-" {
			inputs = append(inputs, produce.Input{Name: "stdin", Open: func() (io.ReadCloser, error) {
				if f, ok := stdin.(*os.File); ok {
					if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
						// -c leaves the rest of the file to the
						// next command (produce.Source.LeaveRest).
						return openFile{f}, nil
					}
				}
				return io.NopCloser(stdin), nil
			}})
			continue
		}
		shown := name
		if shown == "stdin" {
			// stdin's name: messages, -m's "input", --failed's check
			// and checkInputs would take the file for standard input.
			shown = "./stdin"
		}
		inputs = append(inputs, produce.Input{Name: shown, Open: func() (io.ReadCloser, error) {
			return os.Open(name)
		}})
	}
	return inputs
}

// openFile is a file that shore reads and does not close, such as stdin.
type openFile struct{ *os.File }

func (openFile) Close() error { return nil }

// checkStdinOnce refuses stdin named twice among the FILEs, as - or as a
// path to it such as /dev/stdin: the first reads it to its end, so a second
// would read nothing, and with --whole send an empty record. A path is
// stdin when it is the same pipe, terminal or socket; a regular file
// redirected to stdin is opened afresh through a path, and read again.
func checkStdinOnce(stdin io.Reader, files []string) error {
	var stdinInfo fs.FileInfo
	if f, ok := stdin.(*os.File); ok {
		if info, err := f.Stat(); err == nil && !info.Mode().IsRegular() {
			stdinInfo = info
		}
	}
	first := ""
	for _, name := range files {
		isStdin := name == "-"
		if !isStdin && stdinInfo != nil {
			info, err := os.Stat(name)
			isStdin = err == nil && os.SameFile(info, stdinInfo)
		}
		switch {
		case !isStdin:
		case first == "":
			first = name
		case name == first:
			return usageErrorf("FILE %s (stdin) is given twice: stdin is read once, to its end, so the second would read nothing", name)
		default:
			return usageErrorf("FILE %s is stdin, as %s is: stdin is read once, to its end, so the second would read nothing", name, first)
		}
	}
	return nil
}

// maxBufferedRecords bounds --max-buffered-records: -m keeps a slot for
// each, and ten million is a hundred times librdkafka's default queue.
const maxBufferedRecords = 10_000_000

// minRate is the slowest --rate: one record a day. Slower rates would wait
// longer than a time.Duration holds between records.
const minRate = 1.0 / (24 * 60 * 60)

// checkInputs makes sure that every input file can be read before anything
// is sent: a missing, unreadable file or a directory named after a good file
// must not leave the good one half-sent. stdin is a directory when the
// shell redirected one to it.
func checkInputs(inputs []produce.Input, stdin io.Reader) error {
	for _, in := range inputs {
		if in.Name == "stdin" {
			if fileread.IsDir(stdin) {
				return fileread.Errorf("input", in.Name, "is a directory")
			}
			continue
		}
		info, err := os.Stat(in.Name)
		switch {
		case err != nil:
			return fileread.Problem("input", in.Name, err)
		case info.IsDir():
			return fileread.Errorf("input", in.Name, "is a directory")
		case info.Mode().IsRegular():
			// Opening a FIFO would wait for its writer: only regular
			// files are opened ahead.
			file, err := os.Open(in.Name)
			if err != nil {
				return fileread.Problem("input", in.Name, err)
			}
			file.Close()
		}
	}
	return nil
}

// failedIsInput refuses a --failed FILE that is one of the inputs; where
// names the setting that gave it, as flagsFromFile.name does.
func failedIsInput(where, name string, inputs []produce.Input, stdin io.Reader) error {
	target, err := os.Stat(name)
	if err != nil {
		return nil // not there yet: no input can be it
	}
	for _, in := range inputs {
		var info fs.FileInfo
		switch f, ok := stdin.(*os.File); {
		case in.Name != "stdin":
			info, err = os.Stat(in.Name)
		case ok:
			info, err = f.Stat()
		default:
			continue // stdin that is no file cannot be FILE
		}
		if err == nil && os.SameFile(info, target) {
			return usageErrorf("%s %s is also the input %s: writing it would empty it before it is read; write the failures to another file", where, name, in.Name)
		}
	}
	return nil
}

// produceMemoryLimit is the Go runtime's soft memory limit while producing,
// unless GOMEMLIMIT sets another.
const produceMemoryLimit = 64 << 20

// defaultMaxMessageBytes is librdkafka's message.max.bytes: such a record,
// framed in a batch, still fits the broker's default max.message.bytes
// (1 MiB + 12), and so does a --batch-max-bytes batch. A larger default
// would raise the batch limit past what the broker accepts.
const defaultMaxMessageBytes = 1_000_000

// produceBufferedBytes bounds the bytes the client buffers.
const produceBufferedBytes = 16 << 20

// maxLinger is the longest linger franz-go accepts.
const maxLinger = time.Minute

// defaultBrokerWriteBytes is franz-go's default bound on one produce
// request, Kafka's socket.request.max.bytes default; a batch limit above it
// raises it, which franz-go requires.
const defaultBrokerWriteBytes = 100 << 20

// bufferedPerLeader is how many records may be in flight (sent and not
// acknowledged) for each broker that leads a partition of the topic,
// unless --max-buffered-records says otherwise; maxDefaultBuffered bounds
// the sum. The idempotent producer keeps at most five requests in flight
// per broker, and without a linger a broker's batches are what was
// buffered for it while its requests were out: a bound shared by more
// brokers gives each less, in smaller batches that cost the brokers more.
// With one broker (shore dev, one Kafka node) 10,000 was as fast as the
// earlier fixed 20,000, with 14-20 MiB less memory; a linger of 10 ms with
// 50,000 (franz-go's own defaults) doubled shore's CPU there
// (docs/performance.md, 2026-12-06). kcat buffers up to 100,000.
const (
	bufferedPerLeader  = 10000
	maxDefaultBuffered = 50000
)

// maxBuffered is the bound on records in flight: --max-buffered-records,
// or, when it is not given (0), bufferedPerLeader for each broker leading
// a partition records may go to (one with --partition).
func (o *produceOptions) maxBuffered(leaders int) int {
	if o.MaxBuffered > 0 {
		return o.MaxBuffered
	}
	if o.Parse.Partition >= 0 {
		leaders = 1
	}
	return min(bufferedPerLeader*max(leaders, 1), maxDefaultBuffered)
}

// defaultDeliveryTimeout is the Java producer's delivery.timeout.ms: a
// failover (broker.session.timeout.ms, 9 s, and a metadata round trip)
// fits many times over. kcat's librdkafka waits 300 s.
const defaultDeliveryTimeout = 2 * time.Minute

// recordOverhead is more than a record batch and one record's framing take
// beyond the record's key, value and header bytes.
const recordOverhead = 4 << 10

// minBatchBytes is the smallest batch limit franz-go accepts for its
// client-wide setting; a limit for one topic may be smaller (see
// batchLimits).
const minBatchBytes = 512

// batchMax is the largest batch sent to one partition: --batch-max-bytes,
// raised to fit a --max-message-bytes record, and lowered to the topic's
// max.message.bytes when known (topicMax > 0), so that the broker never
// refuses a batch as too large: a record that does not fit one fails alone,
// before it is sent.
func (o *produceOptions) batchMax(topicMax int32) int64 {
	batchMax := min(max(int64(o.BatchMaxBytes), o.Parse.MaxBytes+recordOverhead), 1<<30)
	if topicMax > 0 {
		batchMax = min(batchMax, int64(topicMax))
	}
	return batchMax
}

// batchLimits gives franz-go batchMax for the topic, even below
// minBatchBytes, and at least minBatchBytes for the client-wide limit it
// checks when the client is made (asked for topic ""). A topic limit raised
// to 512 would let a 300-byte record into a batch with others, which a topic
// of max.message.bytes 200 refuses whole, failing them all.
func (o *produceOptions) batchLimits(topicMax int32) func(string) int32 {
	limit := int32(o.batchMax(topicMax))
	return func(topic string) int32 {
		if topic == o.Topic {
			return limit
		}
		return max(limit, minBatchBytes)
	}
}

// bufferedBytes bounds the bytes of the records handed to the client and
// not yet acknowledged.
func (o *produceOptions) bufferedBytes(topicMax int32) int64 {
	return max(produceBufferedBytes, 2*o.batchMax(topicMax))
}

// clientOpts are the producing client's options. shore bounds what it
// hands to the client itself (produce.Options.MaxBuffered and
// MaxBufferedBytes), so that waiting for room never counts against a
// record's delivery timeout; the client's own bounds are twice as large, so
// that Produce never blocks. The delivery timeout is shore's too (see
// produce.Options.DeliveryTimeout): franz-go's would count from the
// record's timestamp, which --json and -f may set in the past.
func (o *produceOptions) clientOpts(topicMax int32, log kgo.Logger) []kgo.Opt {
	opts := []kgo.Opt{
		kgo.DefaultProduceTopic(o.Topic),
		kgo.ProducerLinger(o.Linger),
		kgo.ProducerBatchMaxBytesFn(o.batchLimits(topicMax)),
		// Twice the most records maxBuffered allows, whatever the
		// topic's leaders.
		kgo.MaxBufferedRecords(2 * o.maxBuffered(maxDefaultBuffered)),
		kgo.MaxBufferedBytes(int(2 * o.bufferedBytes(topicMax))),
		kgo.ProducerBatchCompression(o.Compression),
	}
	if batchMax := o.batchMax(topicMax); batchMax > defaultBrokerWriteBytes {
		opts = append(opts, kgo.BrokerMaxWriteBytes(int32(batchMax)))
	}
	if log != nil {
		opts = append(opts, kgo.WithLogger(log))
	}
	if o.Parse.Partition >= 0 {
		opts = append(opts, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	} else {
		part, _ := produce.NewPartitioner(o.Partitioner) // one of produce.Partitioners: the flag takes no other
		opts = append(opts, kgo.RecordPartitioner(part))
	}
	switch o.Acks {
	case "leader":
		opts = append(opts, kgo.RequiredAcks(kgo.LeaderAck()), kgo.DisableIdempotentWrite())
	case "none":
		opts = append(opts, kgo.RequiredAcks(kgo.NoAck()), kgo.DisableIdempotentWrite())
	}
	if o.TransactionalID != "" {
		opts = append(opts, kgo.TransactionalID(o.TransactionalID))
	}
	if o.AllowAutoCreate {
		opts = append(opts, kgo.AllowAutoTopicCreation())
	}
	return opts
}

func runProduce(ctx context.Context, o *produceOptions) error {
	// --failed is opened first, before anything dials: a FILE that cannot
	// be written is a mistyped flag, not a failure to send, and a file an
	// earlier run left is emptied before anything can fail, so that it is
	// never sent again as this run's. Until the run hands it over, an
	// early return leaves no file behind.
	failed, closeFailed, err := openFailed(o.fromFile.name("failed"), o.Failed, o.Inputs, o.IO.In, o.IO.ErrOut)
	if err != nil {
		return err
	}
	handedOver := false
	defer func() {
		if !handedOver {
			_ = closeFailed(false)
		}
	}()
	if err := checkInputs(o.Inputs, o.IO.In); err != nil {
		return err
	}
	register, err := o.encoders(ctx)
	if err != nil {
		return err
	}
	var inner kgo.Logger
	if o.Log != nil {
		inner = connect.Logger(o.Log)
	}
	errLog := produce.NewErrorLog(o.Topic, inner)
	cl, err := o.Client(ctx, o.clientOpts(0, errLog)...)
	if err != nil {
		return err
	}
	defer func() { cl.Close() }()

	mctx, cancel := context.WithTimeout(ctx, o.Timeout)
	spread, err := produce.CheckTopic(mctx, cl, o.Topic, o.AllowAutoCreate)
	partitions := spread.Partitions
	var settings produce.TopicSettings
	if err == nil {
		settings = produce.DescribeTopic(mctx, cl, o.Topic)
	}
	topicMax := settings.MaxMessageBytes
	cancel()
	if err != nil {
		if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("topic %q: no metadata within %s", o.Topic, o.Timeout)
		}
		return err
	}
	if o.Parse.Partition >= partitions {
		return &topics.UnknownPartitionError{Topic: o.Topic, Partition: o.Parse.Partition, Partitions: int(partitions)}
	}
	if err := register(ctx); err != nil {
		return err
	}
	if err := o.checkKey(o.Parse.KeyEncoder); err != nil {
		return err
	}
	report := &produceReport{
		w:               o.IO.ErrOut,
		progress:        o.IO.ErrTTY,
		summary:         o.IO.ErrTTY || o.Verbose,
		failedFile:      o.Failed,
		maxMessageBytes: o.Parse.MaxBytes,
		stopped:         func() *signalStop { return interruption(ctx) },
		slowAfter:       o.slowAfter,
	}
	o.Parse.Warn, o.Parse.NoteUTC = report.Warn, report.NoteUTC
	src, err := produce.NewSource(o.Inputs, o.Parse)
	if err != nil {
		return err
	}
	if o.batchMax(topicMax) < o.batchMax(0) {
		// The topic takes smaller batches than the client was made
		// for, and a client's batch limit is fixed: make another.
		smaller, err := o.Client(ctx, o.clientOpts(topicMax, errLog)...)
		if err != nil {
			return err
		}
		cl.Close()
		cl = smaller
	}
	if o.IO.InTTY && len(o.Inputs) == 1 && o.Inputs[0].Name == "stdin" {
		fmt.Fprintf(o.IO.ErrOut, "shore: reading records for %s from the terminal; Ctrl-D ends the input\n", o.Topic)
	}
	run := produce.Options{
		Topic:            o.Topic,
		Partitions:       partitions,
		TopicMaxBytes:    topicMax,
		Compacted:        settings.Compacted,
		Count:            o.Count,
		Rate:             o.Rate,
		MaxBuffered:      o.maxBuffered(spread.Leaders),
		MaxBufferedBytes: o.bufferedBytes(topicMax),
		DeliveryTimeout:  o.DeliveryTimeout,
		Grace:            o.Timeout,
		Transactional:    o.TransactionalID != "",
		MetadataFormat:   o.MetadataFormat,
		NoAcks:           o.Acks == "none",
		Failed:           failed,
		Errors:           errLog,
		Report:           report,
	}
	if o.PrintMetadata {
		run.Metadata = o.IO.Out
	}
	_, err = produce.Run(ctx, cl, src, run)
	handedOver = true
	if cerr := closeFailed(report.saved > 0); cerr != nil && err == nil {
		err = cerr
	}
	return err
}

// checkKey is the usage error of -k's key when it does not fit enc, the
// key schema's encoder: the key is every record's, and one that does not
// fit would refuse them all, one line each.
func (o *produceOptions) checkKey(enc *schema.Encoder) error {
	p := o.Parse
	p.KeyEncoder = enc
	if err := p.CheckKey(); err != nil {
		return usageErrorf("%s %s: %v", o.fromFile.name("key"), shellWord(string(o.Parse.Key)), err)
	}
	return nil
}

// openFailed opens --failed's file, when given, for writing from its
// start; where names the setting that gave it (the flag, or the
// configuration file's line), as its errors do. The function it returns closes it, and removes it unless keep:
// a run that delivered everything leaves no file behind. Only a regular
// file is removed: a device (/dev/stderr), a pipe (--failed >(tee f.log))
// or a symlink is not shore's to delete. A FILE that is also an input (a
// file operand, or stdin redirected from it, as in resending yesterday's
// failures) is refused: opening it would empty it before a line of it was
// read. A file that cannot be removed (its directory is not writable) is
// left empty with a warning on errOut: the run's exit status is the
// records', and a script finds no record in it to send again.
func openFailed(where, name string, inputs []produce.Input, stdin io.Reader, errOut io.Writer) (io.Writer, func(keep bool) error, error) {
	if name == "" {
		return nil, func(bool) error { return nil }, nil
	}
	if err := failedIsInput(where, name, inputs, stdin); err != nil {
		return nil, nil, err
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, nil, usageErrorf("%v", fileread.Problem(where, name, err))
	}
	info, err := os.Lstat(name)
	removable := err == nil && info.Mode().IsRegular()
	// Unbuffered: a record is reported saved only once the file took its
	// line, so that a full disk is found at the record, not at the end,
	// after the summary pointed at the file.
	return f, func(keep bool) error {
		if !keep {
			f.Close()
			if removable {
				if err := os.Remove(name); err != nil {
					var pathErr *fs.PathError
					if errors.As(err, &pathErr) {
						err = pathErr.Err
					}
					fmt.Fprintf(errOut, "shore: warning: %s %s holds no record, but cannot be removed (%v): it is left empty\n", where, name, err)
				}
			}
			return nil
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("%s %s: %w", where, name, err)
		}
		return nil
	}, nil
}
