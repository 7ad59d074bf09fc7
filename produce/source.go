package produce

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/jsontext"
	"github.com/kafkashore/shore/schema"
)

// Mode is how input is cut into records.
type Mode uint8

// The input modes of `shore produce`.
const (
	// Delimited cuts at a delimiter (-D), optionally splitting keys (-K).
	Delimited Mode = iota
	// Whole makes each input one record (--whole).
	Whole
	// Layout reads a kgo.RecordReader layout (-f).
	Layout
	// JSON reads one JSON object per line (--json).
	JSON
)

// Input is one named input: a file, or stdin.
type Input struct {
	// Name is how messages name the input: a file's path, or "stdin".
	Name string
	Open func() (io.ReadCloser, error)
}

// ParseOptions say how input becomes records.
type ParseOptions struct {
	Mode         Mode
	Delimiter    []byte // Delimited
	KeyDelimiter []byte // Delimited and Whole: split key from value at the first one
	Key          []byte // every record's key, when not nil
	Headers      []kgo.RecordHeader
	NullEmpty    bool   // an empty value is sent as null
	Layout       string // Layout
	// Partition is the partition of every record, whatever JSON or %p
	// input names, or -1 to let the input or the partitioner choose.
	Partition int32
	// MaxBytes bounds a record's key, value and header bytes together.
	MaxBytes int64
	// Now resolves relative timestamps in JSON input.
	Now func() time.Time
	// KeyEncoder and ValueEncoder, when set, encode each key and value, a
	// JSON document, with a schema; a null key or value stays null, and one
	// that does not fit the schema refuses its record.
	KeyEncoder, ValueEncoder *schema.Encoder
	// KeyMessageFlag and ValueMessageFlag name the setting that chose the
	// encoders' Protobuf messages, as the user gave it ("--value-message");
	// "" when none did, and a --json line's key_schema or value_schema
	// then chooses its message.
	KeyMessageFlag, ValueMessageFlag string
	// Warn, when set, is told once of a line that ends in a carriage
	// return while lines end at \n, as every line of a file with CRLF
	// line ends (Windows) does: the \r stays at the end of the value, or
	// of the field a -f layout reads up to the \n. It is told once too of
	// a line (with the default delimiter) that holds a NUL byte, which
	// text does not: binary data, such as an image, cut at its \n bytes
	// into records, where kcat -P sends a FILE whole; a line ending in \r
	// is not told after it, such data holding \r too.
	Warn func(msg string)
	// NoteUTC, when set, is told of the first record whose --json
	// timestamp is a TIME written without a zone (format.WithoutZone),
	// which is read as UTC, as those of later lines are: at is its line,
	// t its time. Once, not once a line: a file may have thousands.
	NoteUTC func(at Origin, t time.Time)
}

// lineEncoder returns the encoder of a --json line's key or value: enc, or
// the encoder of the Protobuf message its key_schema or value_schema names
// (message, as consume --json writes it), so that records copied from a
// topic keep their message types. A message that the flag (--value-message
// ...) did not choose, or that enc's schema lacks, refuses the record, as
// does a Protobuf schema (typ) that names no message when no flag chose
// one and enc's schema has several: the first, taken, may be the wrong one.
// A refused record cannot be sent again as it is (its key and value were
// not read), and is not saved to --failed (UnfitError).
func lineEncoder(side, typ, message, flag string, enc *schema.Encoder) (*schema.Encoder, error) {
	if enc == nil {
		return enc, nil
	}
	if message == "" {
		if typ != "PROTOBUF" || flag != "" {
			return enc, nil
		}
		if all := enc.Messages(); len(all) > 1 {
			return nil, unfitf("%s: %s_schema names no Protobuf message, and %s has %s, of which the first, %s, may not be the record's: add --%s-message with the one meant", side, side, enc.About(), format.List(all, "and"), enc.Message(), side)
		}
		return enc, nil
	}
	named, err := enc.ForMessage(message)
	switch {
	case err != nil:
		return nil, unfitf("%s: %s_schema names Protobuf message %s: %v", side, side, message, err)
	case named != enc && flag != "":
		return nil, unfitf("%s: %s_schema names Protobuf message %s, and %s encodes %s: leave %s out to encode each line as the message its %s_schema names", side, side, message, flag, enc.Message(), flag, side)
	}
	return named, nil
}

// checkDecodedWithout refuses a --json line's key or value that consume
// decoded through a registry schema (id, from key_schema or value_schema)
// when no schema encodes it again: sent as its JSON text, the record would
// no longer be what the topic's readers expect. Such a record cannot be sent
// again as it is, and is not saved to --failed (UnfitError).
func checkDecodedWithout(side string, id int, enc *schema.Encoder) error {
	if id == 0 || enc != nil {
		return nil
	}
	return unfitf("%s: decoded through schema id %d (%s_schema), and no --%s-schema encodes it again, which would send its JSON text: add --%s-schema id:%d (or topic, or SUBJECT), or leave %s_schema out to send the text", side, id, side, side, side, id, side)
}

// CheckKey encodes o.Key, the key of every record (-k), with o.KeyEncoder,
// if both are set, as each record's key will be: a key that does not fit
// its schema would refuse every record alike.
func (o ParseOptions) CheckKey() error {
	if o.Key == nil || o.KeyEncoder == nil {
		return nil
	}
	s := &Source{o: o}
	_, err := s.encode(o.KeyEncoder, "key", o.Key, nil)
	return err
}

// ReadsKeys reports whether the records o reads can have keys: one key for
// all, a key delimiter, JSON, or a layout with %k.
func (o ParseOptions) ReadsKeys() bool {
	switch {
	case o.Key != nil || o.Mode == JSON:
		return true
	case o.Mode == Layout:
		return format.LayoutReadsKey(o.Layout)
	}
	return len(o.KeyDelimiter) > 0
}

// Origin is where in the input a record came from.
type Origin struct {
	Input string
	// N is the record's 1-based number in its input: the line number when
	// records are lines.
	N     int64
	Lines bool
}

func (p Origin) String() string {
	unit := "record"
	if p.Lines {
		unit = "line"
	}
	return fmt.Sprintf("%s %s %d", p.Input, unit, p.N)
}

// Source reads records from the inputs in order.
type Source struct {
	o       ParseOptions
	inputs  []Input // those not opened yet
	several bool
	cur     io.ReadCloser
	name    string
	next    func(rec *kgo.Record) error
	count   func() int64
	ahead   func() bool // whether the next record may come without waiting
	// unread is how many bytes of cur were read ahead of the last record
	// (nil: none).
	unread func() int
	lines  bool
	// watchCR is whether a line ending in \r is still to be told to Warn:
	// set when lines are cut at \n and values are not encoded (a JSON
	// document's \r is whitespace), or a layout is read, cleared once
	// Warn was told. keptCR, for the input being read, says where in rec
	// such a line's \r stays and what cuts such lines, or "" when rec
	// kept none; nil when no record can keep one.
	watchCR bool
	keptCR  func(rec *kgo.Record) string
	// watchNUL is whether a line holding a NUL byte is still to be told
	// to Warn: set when lines are cut at \n by the delimiter, cleared
	// once Warn was told.
	watchNUL bool
	slab     []byte // where small pieces are copied, to spare an allocation each
	// encoded is where keys and values are encoded before they are copied.
	encoded []byte
	// keyEnc and valueEnc encode the record being read: o's encoders, or
	// those of the Protobuf messages a --json line names.
	keyEnc, valueEnc *schema.Encoder
	// keyMessageNamed and valueMessageNamed say whether the --json line
	// being read named the key's and the value's Protobuf message.
	keyMessageNamed, valueMessageNamed bool
	// notedUTC is whether NoteUTC was told of a timestamp without a zone.
	notedUTC bool
}

// slabSize is the size of the blocks small pieces share. A block is freed
// when the last record in it is done with.
const slabSize = 256 << 10

// copyPiece returns the record's own copy of piece, never nil: an empty
// piece is an empty value, and only -Z makes it null.
func (s *Source) copyPiece(piece []byte) []byte {
	if len(piece) > slabSize/16 {
		return bytes.Clone(piece)
	}
	if s.slab == nil || cap(s.slab)-len(s.slab) < len(piece) {
		s.slab = make([]byte, 0, slabSize)
	}
	start := len(s.slab)
	s.slab = append(s.slab, piece...)
	return s.slab[start:len(s.slab):len(s.slab)]
}

// RefusedError is a record that cannot be sent (too large, a partition
// that does not exist, a key or value its schema does not take): it is
// reported and reading goes on.
type RefusedError struct{ Err error }

func (e *RefusedError) Error() string { return e.Err.Error() }
func (e *RefusedError) Unwrap() error { return e.Err }

// UnfitError is a key or value that its schema does not take (a document
// that does not fit, or is not JSON), that consume decoded and no schema
// encodes again, or whose Protobuf message a --json line does not settle:
// the record cannot be sent again as it is.
type UnfitError struct{ Err error }

// unfitf refuses a record as an UnfitError.
func unfitf(msg string, args ...any) error {
	return &RefusedError{Err: &UnfitError{Err: fmt.Errorf(msg, args...)}}
}

func (e *UnfitError) Error() string { return e.Err.Error() }
func (e *UnfitError) Unwrap() error { return e.Err }

// KeylessError is a record without a key for a compacted topic, which
// Kafka refuses (INVALID_RECORD) with every record of its batch: the
// record cannot be sent again as it is.
type KeylessError struct{ Topic string }

func (e *KeylessError) Error() string {
	return fmt.Sprintf(`no key, and topic %q is compacted (cleanup.policy compact): Kafka takes only records with a key there (-K, -k, or "key" in --json)`, e.Topic)
}

// NewSource returns a source of records read from inputs. A layout that
// does not compile is an error here, before any input is opened.
func NewSource(inputs []Input, o ParseOptions) (*Source, error) {
	if o.Mode == Layout {
		if _, err := format.NewLayoutReader(bytes.NewReader(nil), o.Layout, 0); err != nil {
			return nil, err
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	atNewline := o.Mode == Delimited && bytes.Equal(o.Delimiter, []byte("\n"))
	return &Source{
		o: o, inputs: inputs, several: len(inputs) > 1,
		lines:    o.Mode == JSON || atNewline,
		watchCR:  o.Warn != nil && (atNewline && o.ValueEncoder == nil || o.Mode == Layout),
		watchNUL: o.Warn != nil && atNewline,
	}, nil
}

// Several reports whether the source reads more than one input, whose
// record numbers alone do not say where a record came from.
func (s *Source) Several() bool { return s.several }

// Origin is where the last record or error returned by Next came from.
func (s *Source) Origin() Origin {
	if s.count == nil {
		return Origin{}
	}
	return Origin{Input: s.name, N: s.count(), Lines: s.lines}
}

// Next reads the next record into rec, a zero Record, leaving Partition -1
// unless the input or the options chose one. It returns io.EOF after the
// last input; a *RefusedError for a record that cannot be sent; a
// *ParseError for input that does not parse (without its position: see
// Origin) or cannot be read (with it); other errors are the inputs'.
func (s *Source) Next(rec *kgo.Record) error {
	for {
		if s.next == nil {
			if len(s.inputs) == 0 {
				return io.EOF
			}
			if err := s.open(s.inputs[0]); err != nil {
				return err
			}
			s.inputs = s.inputs[1:]
		}
		rec.Partition = -1
		s.keyEnc, s.valueEnc = s.o.KeyEncoder, s.o.ValueEncoder
		s.keyMessageNamed, s.valueMessageNamed = false, false
		err := s.next(rec)
		if errors.Is(err, io.EOF) {
			s.next = nil
			if cerr := s.cur.Close(); cerr != nil {
				return fmt.Errorf("%s: %w", s.name, cerr)
			}
			continue
		}
		if err != nil {
			var tooLarge *format.TooLargeError
			if errors.As(err, &tooLarge) {
				return &RefusedError{Err: err}
			}
			return err
		}
		if s.watchNUL && (bytes.IndexByte(rec.Value, 0) >= 0 || bytes.IndexByte(rec.Key, 0) >= 0) {
			s.watchNUL, s.watchCR = false, false
			s.o.Warn(s.nulLine(rec))
		}
		if s.watchCR && s.keptCR != nil {
			if kept := s.keptCR(rec); kept != "" {
				s.watchCR = false
				s.o.Warn(fmt.Sprintf(`%s ends in a carriage return (\r), which stays at the end of %s`, s.Origin(), kept))
			}
		}
		return s.finish(rec)
	}
}

// nulLine words the warning of a line that holds a NUL byte, rec: binary
// data, or text in UTF-16 (Windows PowerShell's > writes it, with a byte
// order mark first), whose every other byte is a NUL and which --whole
// would not mend.
func (s *Source) nulLine(rec *kgo.Record) string {
	at := s.Origin()
	first := rec.Value
	if rec.Key != nil {
		first = rec.Key
	}
	if at.N == 1 && (bytes.HasPrefix(first, []byte("\xff\xfe")) || bytes.HasPrefix(first, []byte("\xfe\xff"))) {
		return fmt.Sprintf("%s starts with a UTF-16 byte order mark: the input is UTF-16 text (as Windows PowerShell's > writes it), not UTF-8, and each record holds its NUL bytes; convert it first: iconv -f UTF-16 -t UTF-8", at)
	}
	return fmt.Sprintf("%s holds a NUL byte, as binary data does, not text: each line is a record; --whole sends each FILE, or all of stdin, as one record, as kcat -P sends a FILE", at)
}

func (s *Source) finish(rec *kgo.Record) error {
	if s.o.Key != nil {
		rec.Key = s.o.Key
	}
	if len(s.o.Headers) > 0 {
		if len(rec.Headers) == 0 {
			rec.Headers = s.o.Headers // shared: the client only reads them
		} else {
			rec.Headers = append(rec.Headers[:len(rec.Headers):len(rec.Headers)], s.o.Headers...)
		}
	}
	if s.o.NullEmpty && len(rec.Value) == 0 {
		rec.Value = nil
	}
	key, err := s.encode(s.keyEnc, "key", rec.Key, rec.Value)
	if err != nil {
		return &RefusedError{Err: &UnfitError{Err: err}}
	}
	value, err := s.encode(s.valueEnc, "value", rec.Value, nil)
	if err != nil {
		return &RefusedError{Err: &UnfitError{Err: err}}
	}
	rec.Key, rec.Value = key, value
	if s.o.Partition >= 0 {
		// -p wins over a partition the line names: copying a topic's
		// --json lines with -p 0 puts them all in partition 0
		rec.Partition = s.o.Partition
	}
	size := int64(len(rec.Key) + len(rec.Value))
	for _, h := range rec.Headers {
		size += int64(len(h.Key) + len(h.Value))
	}
	if size > s.o.MaxBytes {
		return &RefusedError{Err: &format.TooLargeError{Size: size, Max: s.o.MaxBytes}}
	}
	return nil
}

// encode encodes a key or value, what, with enc, if set, into the record's
// own copy; rest is what followed a key's -K delimiter, the value as read.
func (s *Source) encode(enc *schema.Encoder, what string, doc, rest []byte) ([]byte, error) {
	if enc == nil || doc == nil {
		return doc, nil
	}
	if len(doc) == 0 {
		if what == "value" && s.o.Mode != JSON {
			// kcat's -Z: a tombstone is sent as an empty piece.
			return nil, errors.New("value: empty, not a JSON document; -Z sends an empty value as null (a tombstone)")
		}
		return nil, fmt.Errorf("%s: empty, not a JSON document", what)
	}
	var err error
	if s.encoded, err = enc.AppendEncode(s.encoded[:0], doc); err != nil {
		if what == "key" && s.cutInsideKey(doc, rest) {
			delim := format.Printable(string(s.o.KeyDelimiter))
			return nil, fmt.Errorf("key: %w; -K '%s' cuts each piece at its first '%s', which is inside this key's JSON: give -K a delimiter that no key holds, such as -K '\\t', or read --json lines", err, delim, delim)
		}
		if s.lines && s.o.Mode == Delimited && cutShort(doc) {
			// A pretty-printed document, cut into lines.
			return nil, fmt.Errorf("%s: %w; each line is one document: for a document over several lines, use --whole (one per file) or put it on one line (jq -c)", what, err)
		}
		if s.o.Mode == JSON && holdsDocument(doc) {
			// consume --json writes a value it did not decode so.
			return nil, fmt.Errorf("%s: %w; the string holds a JSON document, as consume --json writes a %s it did not decode: \"%s_encoding\":\"text\" on the line sends that document (jq -c '.%s_encoding = \"text\"')", what, err, what, what, what)
		}
		if text := bytes.TrimSpace(doc); enc.TakesString() && !bytes.HasPrefix(text, []byte(`"`)) {
			// Read as JSON, as Confluent's console producers read it.
			return nil, fmt.Errorf("%s: %w; its schema takes a JSON string: write the %s in double quotes%s", what, err, what, quoted(text))
		}
		return nil, fmt.Errorf("%s: %w%s", what, err, s.firstMessage(what, enc))
	}
	return s.copyPiece(s.encoded), nil
}

// firstMessage says, of a key or value (what) that enc could not encode,
// that enc's Protobuf message is the first of the several its file has,
// taken as nothing chose one (--value-message, a --json line's
// value_schema): the document may be another's. "" otherwise.
func (s *Source) firstMessage(what string, enc *schema.Encoder) string {
	flag, named := s.o.ValueMessageFlag, s.valueMessageNamed
	if what == "key" {
		flag, named = s.o.KeyMessageFlag, s.keyMessageNamed
	}
	all := enc.Messages()
	if flag != "" || named || len(all) < 2 {
		return ""
	}
	return fmt.Sprintf("; %s is the first of the file's messages (%s), taken as no --%s-message chose one", enc.Message(), strings.Join(all, ", "), what)
}

// holdsDocument reports whether doc is a JSON string whose text is a JSON
// object or array.
func holdsDocument(doc []byte) bool {
	var text string
	if json.Unmarshal(doc, &text) != nil {
		return false
	}
	t := bytes.TrimSpace([]byte(text))
	return len(t) > 0 && (t[0] == '{' || t[0] == '[') && json.Valid(t)
}

// quoted shows text as a JSON string, after ", ", when it is short
// enough to read at a glance.
func quoted(text []byte) string {
	if len(text) == 0 || len(text) > 40 || !utf8.Valid(text) {
		return ""
	}
	return ", " + string(jsontext.AppendString(nil, text))
}

// cutInsideKey reports whether -K cut a piece inside the JSON document
// that starts it, key, as {"id":1}:{...} with -K: is cut: key ends early,
// and with the delimiter and rest, the value, a document ends past it.
func (s *Source) cutInsideKey(key, rest []byte) bool {
	if len(s.o.KeyDelimiter) == 0 || !cutShort(key) {
		return false
	}
	piece := slices.Concat(key, s.o.KeyDelimiter, rest)
	d := json.NewDecoder(bytes.NewReader(piece))
	var v json.RawMessage
	return d.Decode(&v) == nil && d.InputOffset() > int64(len(key))
}

// cutShort reports whether doc is the start of a JSON document that ends
// early.
func cutShort(doc []byte) bool {
	var v json.RawMessage
	return errors.Is(json.NewDecoder(bytes.NewReader(doc)).Decode(&v), io.ErrUnexpectedEOF)
}

// ReadAhead reports whether more input is already read, so that Next may
// return without waiting: a reader of a slow stream (a terminal, a pipe fed
// now and then) sends what it has before asking for more.
func (s *Source) ReadAhead() bool {
	return s.ahead != nil && s.ahead()
}

// LeaveRest sets the input being read, when its reader is an io.Seeker (a
// regular file as stdin), back to just after the last record read, so that
// what shore read ahead and did not send is left to the next reader of the
// file, as GNU head -n leaves it: the rest of
// { shore produce T -c 2; cat; } < FILE is what follows the second record.
// A pipe cannot be set back: what was read ahead of it is lost.
func (s *Source) LeaveRest() error {
	seeker, ok := s.cur.(io.Seeker)
	if s.next == nil || s.unread == nil || !ok {
		return nil
	}
	if n := s.unread(); n > 0 {
		if _, err := seeker.Seek(int64(-n), io.SeekCurrent); err != nil {
			return fmt.Errorf("%s: cannot leave the rest of the input to the next reader: %w", s.name, err)
		}
	}
	return nil
}

func (s *Source) open(in Input) error {
	r, err := in.Open()
	if err != nil {
		return err
	}
	s.cur, s.name, s.ahead, s.unread, s.keptCR = r, in.Name, nil, nil, nil
	switch s.o.Mode {
	case Whole:
		done := false
		s.count = func() int64 {
			if done {
				return 1
			}
			return 0
		}
		s.next = func(rec *kgo.Record) error {
			if done {
				return io.EOF
			}
			done = true
			b, err := format.ReadWhole(r, s.pieceMax(), s.o.KeyDelimiter)
			if err != nil {
				return s.readErr(err, 1)
			}
			s.split(rec, b)
			return nil
		}
	case Layout:
		lr, err := format.NewLayoutReader(r, s.o.Layout, s.jsonLineMax())
		if err != nil {
			return err
		}
		s.lines, s.unread = lr.Lines, lr.Unread
		s.keptCR = func(rec *kgo.Record) string {
			d, key, kept := lr.KeptCR(rec)
			field, enc := "value", s.o.ValueEncoder
			if key {
				field, enc = "key", s.o.KeyEncoder
			}
			if !kept || enc != nil {
				// A JSON document's \r is whitespace.
				return ""
			}
			return fmt.Sprintf(`its %s (%s); a layout that ends in \r\n, not \n, cuts lines that end in CRLF (a Windows file) there`, field, d)
		}
		var n int64
		s.count = func() int64 { return n }
		s.next = func(rec *kgo.Record) error {
			n++
			err := lr.Next(rec)
			var tooLarge *format.TooLargeError
			switch {
			case errors.Is(err, io.EOF):
				n--
				return io.EOF
			case errors.As(err, &tooLarge):
				return s.tooLong("layout", tooLarge)
			case err != nil:
				return s.readErr(err, n)
			}
			if !lr.HasPartition {
				rec.Partition = -1
			}
			return nil
		}
	case JSON:
		sp := format.NewSplitter(r, []byte("\n"), s.jsonLineMax())
		s.count, s.ahead, s.unread = sp.Count, sp.Buffered, sp.Unread
		s.next = func(rec *kgo.Record) error {
			for {
				line, err := sp.Next()
				var tooLarge *format.TooLargeError
				if errors.As(err, &tooLarge) {
					return s.tooLong("JSON", tooLarge)
				}
				if err != nil {
					return s.readErr(err, sp.Count()+1)
				}
				if len(bytes.TrimSpace(line)) == 0 {
					continue
				}
				jr, err := format.DecodeJSON(line, s.o.Now())
				if err != nil {
					return &ParseError{Err: err}
				}
				if err := checkDecodedWithout("key", jr.KeySchemaID, s.o.KeyEncoder); err != nil {
					return err
				}
				if err := checkDecodedWithout("value", jr.ValueSchemaID, s.o.ValueEncoder); err != nil {
					return err
				}
				if s.keyEnc, err = lineEncoder("key", jr.KeySchemaType, jr.KeyMessage, s.o.KeyMessageFlag, s.o.KeyEncoder); err != nil {
					return err
				}
				if s.valueEnc, err = lineEncoder("value", jr.ValueSchemaType, jr.ValueMessage, s.o.ValueMessageFlag, s.o.ValueEncoder); err != nil {
					return err
				}
				s.keyMessageNamed, s.valueMessageNamed = jr.KeyMessage != "", jr.ValueMessage != ""
				rec.Key, rec.Value, rec.Headers, rec.Partition, rec.Timestamp = jr.Key, jr.Value, jr.Headers, jr.Partition, jr.Timestamp
				if jr.TimestampUTC && !s.notedUTC && s.o.NoteUTC != nil {
					s.notedUTC = true
					s.o.NoteUTC(s.Origin(), jr.Timestamp)
				}
				if s.o.KeyEncoder != nil {
					rec.Key = jr.KeyDoc
				}
				if s.o.ValueEncoder != nil {
					rec.Value = jr.ValueDoc
				}
				return nil
			}
		}
	default:
		sp := format.NewSplitter(r, s.o.Delimiter, s.pieceMax())
		sp.Cut(s.o.KeyDelimiter)
		s.count, s.ahead, s.unread = sp.Count, sp.Buffered, sp.Unread
		s.keptCR = func(rec *kgo.Record) string {
			if !bytes.HasSuffix(rec.Value, []byte("\r")) {
				return ""
			}
			return `its value, as kcat keeps it; -D '\r\n' cuts lines that end in CRLF (a Windows file) there`
		}
		s.next = func(rec *kgo.Record) error {
			piece, err := sp.Next()
			if err != nil {
				return s.readErr(err, sp.Count()+1)
			}
			s.split(rec, s.copyPiece(piece))
			return nil
		}
	}
	return nil
}

// lineTooLarge is a JSON or layout line longer than any record of MaxBytes
// can take: it names the user's --max-message-bytes, not the line limit.
type lineTooLarge struct {
	kind string // JSON or layout
	line *format.TooLargeError
	max  int64
}

func (e *lineTooLarge) Error() string {
	return fmt.Sprintf("%s line of %d bytes is longer than a record of --max-message-bytes %d can take", e.kind, e.line.Size, e.max)
}

func (e *lineTooLarge) Unwrap() error { return e.line }

// documentTooLarge is input longer than schemaInputMax, the most read for
// a schema to encode.
type documentTooLarge struct{ input *format.TooLargeError }

func (e *documentTooLarge) Error() string {
	more := ""
	if e.input.AtLeast {
		more = "more than "
	}
	return fmt.Sprintf("input of %s%d bytes is longer than the %d bytes read for a schema to encode", more, e.input.Size, schemaInputMax)
}

func (e *documentTooLarge) Unwrap() error { return e.input }

// schemaInputMax bounds a piece or line whose key or value a schema
// encodes: a JSON document has no bound in the size of its encoding (an
// Avro null is no bytes, a field's name is not written), so finish checks
// the record that is encoded, and this bounds only the memory a piece
// without an end takes.
const schemaInputMax = 1 << 30

// encodes reports whether a schema encodes keys or values.
func (s *Source) encodes() bool {
	return s.o.KeyEncoder != nil || s.o.ValueEncoder != nil
}

// jsonLineMax bounds a JSON or layout line by what a record of MaxBytes
// takes written out: six bytes for one where every byte is a control
// character, which consume --json writes as \u00NN (base64 takes 4 bytes
// for 3, hex 2 for 1), and the envelope and headers some more. A bound of
// twice MaxBytes refused the copy of a record of NUL bytes that fits.
func (s *Source) jsonLineMax() int64 {
	if s.encodes() {
		return schemaInputMax
	}
	return 6*s.o.MaxBytes + 64<<10
}

// pieceMax bounds a piece of delimited or whole input: a record's
// MaxBytes, and the key delimiter that -K cuts out of it. finish checks
// the record itself.
func (s *Source) pieceMax() int64 {
	if s.encodes() {
		return schemaInputMax
	}
	return s.o.MaxBytes + int64(len(s.o.KeyDelimiter))
}

// tooLong is the error of a line or piece longer than its bound: named by
// the record's --max-message-bytes (the splitter leaves out the key
// delimiter), or by schemaInputMax when a schema encodes.
func (s *Source) tooLong(kind string, input *format.TooLargeError) error {
	switch {
	case s.encodes():
		return &documentTooLarge{input: input}
	case kind != "":
		return &lineTooLarge{kind: kind, line: input, max: s.o.MaxBytes}
	}
	return &format.TooLargeError{Size: input.Size, Max: s.o.MaxBytes, AtLeast: input.AtLeast}
}

// readErr makes an error reading record n of the input a *ParseError,
// which says what was delivered before it. A read that failed is "cannot
// read" with the OS's reason (its "read FILE" would name the input twice);
// a piece too large is named as tooLong does.
func (s *Source) readErr(err error, n int64) error {
	var tooLarge *format.TooLargeError
	if errors.As(err, &tooLarge) {
		return s.tooLong("", tooLarge)
	}
	if errors.Is(err, io.EOF) {
		return err
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		err = fmt.Errorf("cannot read: %w", pathErr.Err)
	}
	return &ParseError{Pos: Origin{Input: s.name, N: n, Lines: s.lines}, Err: err}
}

// split fills rec from one piece, cutting the key at -K. The piece must be
// the record's own copy.
func (s *Source) split(rec *kgo.Record, piece []byte) {
	rec.Value = piece
	if len(s.o.KeyDelimiter) > 0 {
		if i := bytes.Index(piece, s.o.KeyDelimiter); i >= 0 {
			rec.Key = piece[:i:i]
			rec.Value = piece[i+len(s.o.KeyDelimiter):]
		}
	}
}
