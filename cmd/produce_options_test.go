package cmd

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/produce"
)

func TestProduceFlagsToOptions(t *testing.T) {
	o := parseProduce(t, nil, "produce", "orders", "-K", ":", "-H", "a=b=c", "-Z", "--partitioner", "crc32")
	wantParse := produce.ParseOptions{
		Mode: produce.Delimited, Delimiter: []byte("\n"), KeyDelimiter: []byte(":"),
		Headers: []kgo.RecordHeader{{Key: "a", Value: []byte("b=c")}}, NullEmpty: true,
		Partition: -1, MaxBytes: 1_000_000,
	}
	o.Parse.Now = nil
	if !reflect.DeepEqual(o.Parse, wantParse) {
		t.Errorf("parse options %+v, want %+v", o.Parse, wantParse)
	}
	if o.Topic != "orders" || len(o.Inputs) != 1 || o.Inputs[0].Name != "stdin" || o.Partitioner != "crc32" ||
		o.Acks != "all" || o.Linger != 0 || o.MaxBuffered != 0 || o.maxBuffered(1) != 10000 || o.BatchMaxBytes != 1<<20 ||
		!reflect.DeepEqual(o.Compression, kgo.NoCompression()) || o.PrintMetadata || o.Count != 0 || o.Rate != 0 {
		t.Errorf("defaults: %+v", o)
	}

	o = parseProduce(t, nil, "produce", "orders", "a.txt", "-", "--json", "-p", "2", "--metadata-format", `%t\n`, "-c", "5", "--rate", "2.5", "--acks", "leader", "-z", "lz4")
	if o.Parse.Mode != produce.JSON || o.Parse.Partition != 2 || len(o.Inputs) != 2 || o.Inputs[0].Name != "a.txt" || o.Inputs[1].Name != "stdin" ||
		!o.PrintMetadata || o.MetadataFormat == nil || o.Count != 5 || o.Rate != 2.5 || o.Acks != "leader" || !reflect.DeepEqual(o.Compression, kgo.Lz4Compression()) {
		t.Errorf("json, partition, metadata: %+v", o)
	}

	o = parseProduce(t, nil, "produce", "orders", "-f", `%K{big32}%k%V{big32}%v`, "--transactional-id", "tx", "--allow-auto-create")
	if o.Parse.Mode != produce.Layout || o.Parse.Layout != `%K{big32}%k%V{big32}%v` || o.TransactionalID != "tx" || !o.AllowAutoCreate {
		t.Errorf("layout, transaction: %+v", o)
	}
}

// --rate 0 is no limit however the zero is written, even with an exponent
// that would underflow (1e-400, which parses to 0 too, is refused).
func TestProduceRateZero(t *testing.T) {
	for _, zero := range []string{"0", "-0", "0.000", "0e-500", "0x0p-2000", "00.0E+3"} {
		if o := parseProduce(t, nil, "produce", "orders", "--rate", zero); o.Rate != 0 {
			t.Errorf("--rate %s: %v; want 0", zero, o.Rate)
		}
	}
}

// A configuration file's number or time gives a flag its text as typed,
// not as YAML decodes and Go prints it: 1e-400 would otherwise be 0, 1.50
// 1.5, 007 7, and a time "2026-12-01 10:00:00 +0000 UTC"; a whole number
// a number flag takes still reads as one.
func TestConfigNumbersAsTyped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	for _, c := range []struct{ yaml, id string }{
		{"rate: 0e-500\n  transactional-id: 1.50", "1.50"},
		{"transactional-id: 007\n  count: 010", "007"},
		{"transactional-id: 2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z"},
	} {
		if err := os.WriteFile(path, []byte("produce:\n  "+c.yaml+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		o := parseProduce(t, map[string]string{"SHORE_CONFIG": path}, "produce", "orders")
		if o.Rate != 0 || o.TransactionalID != c.id || (c.id == "007" && o.Count != 8) {
			t.Errorf("%s: rate %v, transactional id %q, count %d; want 0, %s and 8 (010 is octal to YAML and to the flag alike)", c.yaml, o.Rate, o.TransactionalID, o.Count, c.id)
		}
	}
}

// --acks takes the numbers kcat, rpk and the Java client take as well as
// the words, on the command line and in the configuration file alike.
func TestProduceAcksSpellings(t *testing.T) {
	for _, c := range []struct{ given, want string }{
		{"all", "all"}, {"-1", "all"}, {"leader", "leader"}, {"1", "leader"}, {"none", "none"}, {"0", "none"},
	} {
		if o := parseProduce(t, nil, "produce", "orders", "--acks", c.given); o.Acks != c.want {
			t.Errorf("--acks %s: %q; want %q", c.given, o.Acks, c.want)
		}
		if o := parseProduce(t, nil, "produce", "orders", "--acks="+c.given); o.Acks != c.want {
			t.Errorf("--acks=%s: %q; want %q", c.given, o.Acks, c.want)
		}
		path := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(path, []byte("produce:\n  acks: "+c.given+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if o := parseProduce(t, map[string]string{"SHORE_CONFIG": path}, "produce", "orders"); o.Acks != c.want {
			t.Errorf("produce.acks %s in the file: %q; want %q", c.given, o.Acks, c.want)
		}
	}
}

func TestProduceConfigDefaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("produce:\n  compression: zstd\n  linger: 1ms\n  key-delimiter: ':'\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SHORE_CONFIG": path}
	o := parseProduce(t, env, "produce", "orders")
	if !reflect.DeepEqual(o.Compression, kgo.ZstdCompression()) || o.Linger != time.Millisecond || string(o.Parse.KeyDelimiter) != ":" {
		t.Errorf("from the file: compression %v linger %s key delimiter %q", o.Compression, o.Linger, o.Parse.KeyDelimiter)
	}
	if err := os.WriteFile(path, []byte("produce:\n  header: [a=1, b=2]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o = parseProduce(t, env, "produce", "orders")
	if want := []kgo.RecordHeader{{Key: "a", Value: []byte("1")}, {Key: "b", Value: []byte("2")}}; !reflect.DeepEqual(o.Parse.Headers, want) {
		t.Errorf("header list from the file: %q; want a=1 and b=2", o.Parse.Headers)
	}
	if err := os.WriteFile(path, []byte("produce:\n  linger: [1ms]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if o = parseProduce(t, env, "produce", "orders"); o.Linger != time.Millisecond {
		t.Errorf("linger [1ms] from the file: %s; want 1ms", o.Linger)
	}
	if err := os.WriteFile(path, []byte("produce:\n  compression: zstd\n  linger: 1ms\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o = parseProduce(t, env, "produce", "orders", "-z", "none", "--linger", "0")
	if !reflect.DeepEqual(o.Compression, kgo.NoCompression()) || o.Linger != 0 {
		t.Errorf("flags over the file: compression %v linger %s", o.Compression, o.Linger)
	}
}

// A flag on the command line also beats a file's default for a flag that
// does not go with it, where the default used to make the command a usage
// error naming a flag that was never typed.
func TestProduceConfigDefaultsGiveWay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("produce:\n  key-delimiter: ':'\n  partitioner: crc32\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SHORE_CONFIG": path}
	if o := parseProduce(t, env, "produce", "orders", "--json"); o.Parse.Mode != produce.JSON || o.Parse.KeyDelimiter != nil {
		t.Errorf("--json: mode %v key delimiter %q; want JSON and no key delimiter", o.Parse.Mode, o.Parse.KeyDelimiter)
	}
	if o := parseProduce(t, env, "produce", "orders", "-p", "1"); o.Parse.Partition != 1 || string(o.Parse.KeyDelimiter) != ":" {
		t.Errorf("-p 1: partition %d key delimiter %q; want 1 and the file's ':'", o.Parse.Partition, o.Parse.KeyDelimiter)
	}
	if o := parseProduce(t, env, "produce", "orders", "-k", "k1"); string(o.Parse.Key) != "k1" || o.Parse.KeyDelimiter != nil {
		t.Errorf("-k: key %q key delimiter %q; want k1 and none", o.Parse.Key, o.Parse.KeyDelimiter)
	}
	// A transaction is sent again whole, so a file's --failed gives way
	// to --transactional-id, where the run was refused naming the file's
	// line.
	if err := os.WriteFile(path, []byte("produce:\n  failed: undelivered.json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if o := parseProduce(t, env, "produce", "orders", "--transactional-id", "tx"); o.TransactionalID != "tx" || o.Failed != "" {
		t.Errorf("--transactional-id: transactional id %q failed %q; want tx and no --failed", o.TransactionalID, o.Failed)
	}
}

// A batch filled to the limit the flags give must fit the broker's default
// max.message.bytes (1 MiB + 12), or a steady stream to one partition fails
// some records with MESSAGE_TOO_LARGE; a larger --max-message-bytes raises
// the limit so that such a record can be sent.
func TestProduceBatchLimit(t *testing.T) {
	for _, c := range []struct {
		args     []string
		min, max int32
	}{
		{[]string{"produce", "orders"}, 1_000_000, 1<<20 + 12},
		{[]string{"produce", "orders", "--json"}, 1_000_000, 1<<20 + 12},
		{[]string{"produce", "orders", "--max-message-bytes", "2000000"}, 2_000_000, 2_000_000 + recordOverhead},
	} {
		o := parseProduce(t, nil, c.args...)
		cl, err := kgo.NewClient(o.clientOpts(0, nil)...)
		if err != nil {
			t.Fatal(err)
		}
		got := cl.OptValue(kgo.ProducerBatchMaxBytes).(int32)
		cl.Close()
		if got < c.min || got > c.max {
			t.Errorf("%q: batch limit %d; want %d to %d", c.args, got, c.min, c.max)
		}
	}
}
