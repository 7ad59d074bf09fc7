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
//     format.Table (upper-case headers given explicitly, - for none).
//     topics_render.go holds the tables of the topics verbs, offsets and
//     cluster, and is the example to copy.
//   - stdout carries data only; diagnostics, progress and warnings go to
//     stderr, and exit codes are chosen in errors.go alone.
package cmd
