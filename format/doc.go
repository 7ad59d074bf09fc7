// Package format turns bytes into records and records into bytes, the way a
// person types and reads them, and holds the small renderers every command
// shares.
//
// Reading input for produce: [Splitter] cuts a stream at a delimiter that
// [ParseDelimiter] decodes from what was typed (-D), [LayoutReader] reads
// records in a franz-go record-reader layout (-f), and [DecodeJSON] reads
// the JSON line shape that consume --json writes. [Unescape] is the one
// escape decoder of delimiters and layouts.
//
// Writing records for consume: [NewLayout] compiles a -f layout once and
// [RecordLayout] appends each record into a reused buffer; [NewJSONLayout]
// and [AppendJSON] write the JSON line shape; [NewTerminalLayout] keeps
// binary bytes from garbling a terminal, and [NewJSONTerminalWriter] for
// JSON lines, which stay JSON.
//
// Shared: [Table] draws the plain tables of every command and [JSON] their
// -o json, with [MarshalJSON] for the parts of a json.Marshaler; [Printable] escapes the control characters of a string anyone
// can choose (a group name, a client id) before a table or message shows
// it; [ParseTime] reads the TIME syntax of --at, -o @TIME and --to,
// [ParseCount] an offset or count, and [ParsePartition] a partition number.
// For messages: [List] words a list ('a, b or c'), [Count] a number of things, [Clause] a broker's explanation
// inside a sentence, [Typos] measures how far a typed name is from a
// known one, for 'did you mean', and [CompileRegexp] says in one line
// what is wrong with a regular expression a user gave.
package format
