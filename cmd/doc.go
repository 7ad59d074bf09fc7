// Package cmd wires shore's commands to cobra, flags, the environment and exit
// codes. Run is the entry point for tests; Main is the one for the binary.
//
// # Output
//
// One rule for every command:
//
//   - Domain packages (topics, groups, consume, produce, ...) return data:
//     plain structs whose json tags are the documented -o json shape. They
//     never draw a table or choose a format.
//   - cmd renders. A command that prints results declares -o/--output with
//     addOutputFlag(c, &opts.Output, formats...): the first format is the
//     default (table, unless the command names others, as config view's
//     yaml), a value outside the list is a usage error (exit 2) at flag
//     parsing, and the shell completes the list. The options struct carries
//     Output string, never a JSON bool.
//   - The command writes through render(w, opts.Output, data, table): json
//     encodes data, any other format calls table, which draws with
//     format.Table (upper-case headers given explicitly, - for none). A
//     command whose output is one table offers csvFormats and writes
//     through renderRows(w, opts.Output, data, header, rows), which adds -o
//     csv: the header and rows through format.CSV.
//     topics_render.go holds the tables of the topics verbs, offsets and
//     cluster, and is the example to copy.
//   - stdout carries data only; diagnostics, progress and warnings go to
//     stderr, and exit codes are chosen in errors.go alone.
//
// # A closed stdout
//
// When the reader of stdout goes away (`shore groups describe g | head`),
// the first write that fails with EPIPE ends the command, quietly and with
// exit status 0: the reader has what it wanted. The exception is a command
// whose work a retry would repeat: produce -m says on stderr how many records
// it had read, delivered and printed, and exits 1 (produce.OutputError).
// A command that judges a condition after writing its report (check, the
// lag gate, topics describe's partition filters, registry check) still
// exits 3 when it does not hold (afterReport): that answer is what a
// script branches on. So does consume --until when the reader went away
// before a record matched: it writes only the match, so no reader can have
// taken what it wanted before it.
// consume also notices a reader gone while no record comes
// (untilReaderGone). The streams of System mark a failed write to stdout
// (stdoutWriter) and exitCode reads the mark (onlyClosedStdout), so a broken
// connection to a broker is never mistaken for it.
package cmd
