package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/produce"
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
	DeliveryTimeout time.Duration // 0: --timeout
	Rate            float64
	Count           int64
	TransactionalID string
	AllowAutoCreate bool
	PrintMetadata   bool
	MetadataFormat  *kgo.RecordFormatter
	Verbose         bool
	Timeout         time.Duration
}

const produceLong = `Read stdin, or the FILEs in order ('-' is stdin), and send one record to
TOPIC per piece of input. Nothing is lost silently: the exit status is 0 only
when the broker acknowledged every record read.

INPUT
  By default each line is a record. -D sets another delimiter (escapes \n \t
  \r \0 \xNN \\; several bytes allowed); --whole makes each file, or all of
  stdin, one record. A last piece without a trailing delimiter is still a
  record; an empty piece is an empty value (a null one with -Z). A record may
  be as large as --max-message-bytes; a larger one is reported with its line
  number and skipped.
  -K splits each piece at the first occurrence of its delimiter into key and
  value (no delimiter in a piece: no key); -k gives every record one key;
  -H name=value adds a header to every record (repeatable).
  -f reads a franz-go record-reader layout instead, for example '%k %v\n',
  '%K{big32}%k%V{big32}%v', '%H{1}%h{%k=%v;}%v\n' or '%v{json}\n'; %p in it
  chooses the partition, %d the timestamp (unix milliseconds).
  --json reads one JSON object per line, the shape 'shore consume --json'
  writes: {"key","value","headers":[{"key","value"}],"partition","timestamp"}.
  key and value are strings or null, with "key_encoding"/"value_encoding"
  text (default), base64 or hex; a header may have "value_encoding" too. Other
  fields (topic, offset, ...) are ignored and blank lines skipped.

PARTITIONS
  -p sends every record to one partition. --partitioner chooses for keyed
  records: murmur2 (default; the partition the Java client and kafka-python
  choose), crc32 (librdkafka's and kcat's default), round-robin or sticky
  (keys ignored). Unkeyed records stay on one partition per batch, except with
  round-robin. A partition named in JSON or by %p is honoured.

DELIVERY
  --acks all (default; idempotent, no duplicates on retry), leader or none.
  --transactional-id sends all input in one transaction, committed at the end
  and aborted on interruption or any failure. --rate and --count bound what is
  sent; --linger, --batch-max-bytes, --max-buffered-records and -z tune
  batching. Memory stays bounded by --max-buffered-records records and 16 MiB
  (or two batches, if larger) whatever the size of the input.
  A topic that does not exist is an error within --timeout, naming it;
  --allow-auto-create asks the broker to create it (an error if it will not).
  --delivery-timeout does not apply with --json and -f, whose records may
  carry old timestamps (franz-go times records out from their timestamp):
  a record is tried at most 10 times instead.

OUTPUT
  Nothing on stdout unless -m: then one line per acknowledged record, in input
  order, with what the broker assigned:
    {"topic":"orders","partition":2,"offset":41,"timestamp":1763856000000,
     "key_size":3,"value_size":11,"headers_size":-1,"input_line":1}
  (sizes are -1 for a null key or value and for no headers, the offset -1
  with --acks none; input_line is the record's line in its file, or its
  number when records are not lines), or
  the --metadata-format layout (franz-go record-formatter syntax).
  Refused records go to stderr with their line numbers, the first ten one by
  one. Input that does not parse stops reading at its line: what came before
  is delivered, nothing after. On a terminal stderr shows progress after a
  second and a summary; -v prints the summary everywhere.

EXIT STATUS
  0    every record read was acknowledged (or the input was empty)
  1    a record was refused, input did not parse, or no such topic or broker
  2    usage error: bad flag, delimiter or layout
  130  interrupted: what was read was delivered (or the transaction aborted)`

const produceExamples = `  # one record per line of a file, the key before the first ':'
  $ shore produce orders events.txt -K :

  # from stdin, a header on every record, print where each record landed
  $ shore produce orders -H source=ci -m < events.txt

  # copy a topic, keys, headers, nulls and binary values included
  $ shore consume orders --json -e | shore produce orders-copy --json

  # all of a file in one transaction, compressed
  $ shore produce orders events.txt --transactional-id loader-1 -z zstd`

// produceFlags are produce's flags as given; opts holds those that are
// options as they are.
type produceFlags struct {
	opts                                 produceOptions
	delimiter, keyDelimiter, key, layout string
	headers                              []string
	whole, jsonLines, nullEmpty          bool
	partition                            int32
	maxMessageBytes                      int64
	compression                          string
	metadataFormat                       string
	now                                  func() time.Time // for JSON records without a timestamp
}

// parse checks how input is read, the key, partition and delivery flags,
// and compiles the layouts. given counts a flag the configuration file gave
// a default for as given.
func (fl *produceFlags) parse(args []string, given flagsGiven) (*produceOptions, error) {
	opts := fl.opts
	opts.Topic = args[0]
	p := produce.ParseOptions{Partition: fl.partition, MaxBytes: fl.maxMessageBytes, NullEmpty: fl.nullEmpty, Now: fl.now}

	modes := 0
	for _, on := range []bool{fl.whole, fl.jsonLines, fl.layout != ""} {
		if on {
			modes++
		}
	}
	switch {
	case modes > 1:
		return nil, usageErrorf("--whole, --json and --format are different ways to read input: choose one")
	case given("delimiter") && modes > 0:
		return nil, usageErrorf("--delimiter does not go with --whole, --json or --format")
	case given("key-delimiter") && (fl.jsonLines || fl.layout != ""):
		return nil, usageErrorf("--key-delimiter does not go with --json or --format: they read keys themselves")
	case given("key") && (fl.jsonLines || fl.layout != ""):
		return nil, usageErrorf("--key does not go with --json or --format: they read keys themselves")
	case given("key") && given("key-delimiter"):
		return nil, usageErrorf("--key and --key-delimiter both set the key: choose one")
	case given("partition") && given("partitioner"):
		return nil, usageErrorf("--partition and --partitioner both choose the partition: choose one")
	case given("partition") && fl.partition < 0:
		return nil, usageErrorf("--partition %d: want 0 or more", fl.partition)
	case fl.maxMessageBytes < 1:
		return nil, usageErrorf("--max-message-bytes %d: want 1 or more", fl.maxMessageBytes)
	case opts.BatchMaxBytes < 1:
		return nil, usageErrorf("--batch-max-bytes %d: want 1 or more", opts.BatchMaxBytes)
	case opts.MaxBuffered < 1:
		return nil, usageErrorf("--max-buffered-records %d: want 1 or more", opts.MaxBuffered)
	case opts.Rate < 0:
		return nil, usageErrorf("--rate %g: want a positive number of records per second", opts.Rate)
	case opts.Count < 0:
		return nil, usageErrorf("--count %d: want 0 (all input) or more", opts.Count)
	case opts.Linger < 0 || opts.DeliveryTimeout < 0:
		return nil, usageErrorf("--linger and --delivery-timeout cannot be negative")
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
		if err != nil {
			return nil, usageErrorf("--delimiter %v", err)
		}
		p.Delimiter = d
	}
	if given("key-delimiter") {
		d, err := format.ParseDelimiter(fl.keyDelimiter)
		if err != nil {
			return nil, usageErrorf("--key-delimiter %v", err)
		}
		p.KeyDelimiter = d
	}
	if given("key") {
		p.Key = []byte(fl.key)
	}
	for _, h := range fl.headers {
		name, value, ok := strings.Cut(h, "=")
		if !ok || name == "" {
			return nil, usageErrorf("--header %q: want name=value", h)
		}
		p.Headers = append(p.Headers, kgo.RecordHeader{Key: name, Value: []byte(value)})
	}
	if _, err := produce.NewPartitioner(opts.Partitioner); err != nil {
		return nil, usageErrorf("--partitioner: %v", err)
	}
	codec, err := compressionCodec(fl.compression)
	if err != nil {
		return nil, err
	}
	opts.Compression = codec
	switch opts.Acks {
	case "all", "leader", "none":
	default:
		return nil, usageErrorf("--acks %q: want all, leader or none", opts.Acks)
	}
	if opts.TransactionalID != "" && opts.Acks != "all" {
		return nil, usageErrorf("--transactional-id needs --acks all")
	}
	if fl.metadataFormat != "" {
		mf, err := kgo.NewRecordFormatter(fl.metadataFormat)
		if err != nil {
			return nil, usageErrorf("--metadata-format '%s': %v", fl.metadataFormat, err)
		}
		opts.MetadataFormat, opts.PrintMetadata = mf, true
	}
	opts.Parse = p
	if _, err := produce.NewSource(nil, p); err != nil {
		return nil, usageErrorf("--format '%s': %v", fl.layout, err)
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
		Args:    cobra.MinimumNArgs(1),
		// TOPIC from the cluster, then FILEs from the file system.
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveDefault
			}
			return completeTopics(f)(cmd, args, toComplete)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.applyConfigDefaults(cmd); err != nil {
				return err
			}
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			// A flag is set when given, or given a default by the file.
			fileDefaults := cfg.Defaults[cmd.Name()]
			opts, err := fl.parse(args, func(name string) bool {
				_, inFile := fileDefaults[name]
				return cmd.Flags().Changed(name) || inFile
			})
			if err != nil {
				return err
			}
			opts.IO, opts.Client = f.IO, f.Client
			opts.Inputs = produceInputs(f.IO.In, args[1:])
			opts.Verbose = f.global.verbose >= 1
			opts.Timeout = cfg.Timeout
			if runF != nil {
				return runF(opts)
			}
			if f.Getenv("GOMEMLIMIT") == "" {
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
	flags.StringArrayVarP(&fl.headers, "header", "H", nil, "add header name=value to every record (repeatable)")
	flags.StringVarP(&fl.layout, "format", "f", "", `read records with a franz-go record-reader layout, e.g. '%k %v\n'`)
	flags.BoolVar(&fl.jsonLines, "json", false, "read one JSON record per line, as 'shore consume --json' writes")
	flags.BoolVarP(&fl.nullEmpty, "null-empty", "Z", false, "send an empty value as null (a tombstone)")
	flags.Int32VarP(&fl.partition, "partition", "p", -1, "send every record to this partition; -1: the partitioner chooses")
	flags.StringVar(&fl.opts.Partitioner, "partitioner", "murmur2", "how keyed records are partitioned: murmur2, crc32, round-robin or sticky")
	flags.DurationVar(&fl.opts.Linger, "linger", 0, "how long a partition's batch waits for more records before it is sent (0: records still batch while a request is in flight)")
	flags.Int32Var(&fl.opts.BatchMaxBytes, "batch-max-bytes", 1<<20, "largest batch sent to one partition, in bytes (raised to fit --max-message-bytes)")
	flags.Int64Var(&fl.maxMessageBytes, "max-message-bytes", defaultMaxMessageBytes, "largest record (key, value and headers), in bytes; a larger one is reported and skipped")
	flags.IntVar(&fl.opts.MaxBuffered, "max-buffered-records", 20000, "most records sent and not yet acknowledged: bounds memory")
	flags.StringVarP(&fl.compression, "compression", "z", "none", "batch compression: none, gzip, snappy, lz4 or zstd")
	flags.StringVar(&fl.opts.Acks, "acks", "all", "acknowledgement to wait for: all (idempotent), leader or none")
	flags.DurationVar(&fl.opts.DeliveryTimeout, "delivery-timeout", 0, "longest a record may wait to be acknowledged before it fails (default: --timeout)")
	flags.Float64Var(&fl.opts.Rate, "rate", 0, "send at most this many records per second (default: no limit)")
	flags.Int64VarP(&fl.opts.Count, "count", "c", 0, "stop after reading this many records (default: all input)")
	flags.StringVar(&fl.opts.TransactionalID, "transactional-id", "", "send all input in one transaction with this id")
	flags.BoolVar(&fl.opts.AllowAutoCreate, "allow-auto-create", false, "let the broker create a topic that does not exist")
	flags.BoolVarP(&fl.opts.PrintMetadata, "print-metadata", "m", false, "print topic, partition, offset, ... of each acknowledged record, in input order")
	flags.StringVar(&fl.metadataFormat, "metadata-format", "", `print -m lines in this record-formatter layout, e.g. '%t/%p@%o\n' (implies -m)`)
	return c
}

// compressionCodec parses -z.
func compressionCodec(name string) (kgo.CompressionCodec, error) {
	switch name {
	case "none":
		return kgo.NoCompression(), nil
	case "gzip":
		return kgo.GzipCompression(), nil
	case "snappy":
		return kgo.SnappyCompression(), nil
	case "lz4":
		return kgo.Lz4Compression(), nil
	case "zstd":
		return kgo.ZstdCompression(), nil
	}
	return kgo.CompressionCodec{}, usageErrorf("--compression %q: want none, gzip, snappy, lz4 or zstd", name)
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
				return io.NopCloser(stdin), nil
			}})
			continue
		}
		inputs = append(inputs, produce.Input{Name: name, Open: func() (io.ReadCloser, error) {
			return os.Open(name)
		}})
	}
	return inputs
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

// produceRetries bounds the tries of a record that has its own timestamp.
const produceRetries = 10

// recordOverhead is more than a record batch and one record's framing take
// beyond the record's key, value and header bytes.
const recordOverhead = 4 << 10

func (o *produceOptions) clientOpts() []kgo.Opt {
	batchMax := max(int64(o.BatchMaxBytes), o.Parse.MaxBytes+recordOverhead)
	deliveryTimeout := o.DeliveryTimeout
	if deliveryTimeout == 0 {
		deliveryTimeout = o.Timeout
	}
	opts := []kgo.Opt{
		kgo.DefaultProduceTopic(o.Topic),
		kgo.ProducerLinger(o.Linger),
		kgo.ProducerBatchMaxBytes(int32(min(batchMax, 1<<30))),
		kgo.MaxBufferedRecords(o.MaxBuffered),
		kgo.MaxBufferedBytes(int(max(produceBufferedBytes, 2*batchMax))),
		kgo.ProducerBatchCompression(o.Compression),
	}
	if o.Parse.Mode == produce.JSON || o.Parse.Mode == produce.Layout {
		// franz-go times a record out from its timestamp, which JSON
		// and layouts may set in the past: bound retries instead.
		opts = append(opts, kgo.RecordRetries(produceRetries))
	} else {
		opts = append(opts, kgo.RecordDeliveryTimeout(deliveryTimeout))
	}
	if o.Parse.Partition >= 0 {
		opts = append(opts, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	} else {
		part, _ := produce.NewPartitioner(o.Partitioner) // checked with the flags
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
	for _, in := range o.Inputs {
		if in.Name == "stdin" {
			continue
		}
		if _, err := os.Stat(in.Name); err != nil {
			return fmt.Errorf("input %s: %w", in.Name, errors.Unwrap(err))
		}
	}
	src, err := produce.NewSource(o.Inputs, o.Parse)
	if err != nil {
		return err
	}
	cl, err := o.Client(ctx, o.clientOpts()...)
	if err != nil {
		return err
	}
	defer cl.Close()

	mctx, cancel := context.WithTimeout(ctx, o.Timeout)
	partitions, err := produce.CheckTopic(mctx, cl, o.Topic, o.AllowAutoCreate)
	cancel()
	if err != nil {
		if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("topic %q: no metadata within %s", o.Topic, o.Timeout)
		}
		return err
	}
	if o.Parse.Partition >= partitions {
		return fmt.Errorf("partition %d does not exist: topic %s has %d (0-%d)", o.Parse.Partition, o.Topic, partitions, partitions-1)
	}
	if o.IO.InTTY && len(o.Inputs) == 1 && o.Inputs[0].Name == "stdin" {
		fmt.Fprintf(o.IO.ErrOut, "shore: reading records for %s from the terminal; Ctrl-D ends the input\n", o.Topic)
	}
	run := produce.Options{
		Topic:          o.Topic,
		Partitions:     partitions,
		Count:          o.Count,
		Rate:           o.Rate,
		Window:         o.MaxBuffered,
		Transactional:  o.TransactionalID != "",
		MetadataFormat: o.MetadataFormat,
		NoAcks:         o.Acks == "none",
		Diag:           o.IO.ErrOut,
		Progress:       o.IO.ErrTTY,
		Summary:        o.IO.ErrTTY || o.Verbose,
		FlushTimeout:   o.Timeout,
	}
	if o.PrintMetadata {
		run.Metadata = o.IO.Out
	}
	_, err = produce.Run(ctx, cl, src, run)
	return err
}
