package format

import (
	"bytes"
	"encoding/csv"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// None is what a table shows where there is no value.
const None = "-"

// Table writes rows under the given header as a plain, borderless table in
// the style of kubectl and rpk: columns separated by spaces, left aligned,
// the header exactly as given (no automatic reformatting of names such as
// TOTAL-LAG). Control characters in the header and cells are escaped
// (Printable).
func Table(w io.Writer, header []string, rows [][]string) error {
	var buf bytes.Buffer
	t := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenRows: tw.Off, BetweenColumns: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.Off},
			},
		})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithPadding(tw.Padding{Left: "", Right: "  ", Overwrite: true}),
		tablewriter.WithTrimSpace(tw.Off),
	)
	t.Header(printable(header))
	shown := make([][]string, len(rows))
	for i, r := range rows {
		shown[i] = printable(r)
	}
	if err := t.Bulk(shown); err != nil {
		return err
	}
	if err := t.Render(); err != nil {
		return err
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	out := make([]byte, 0, buf.Len())
	for _, l := range lines {
		nl := bytes.HasSuffix(l, []byte("\n"))
		out = append(out, bytes.TrimRight(l, " \n")...)
		if nl {
			out = append(out, '\n')
		}
	}
	_, err := w.Write(out)
	return err
}

// printable is cells through Printable.
func printable(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = Printable(c)
	}
	return out
}

// CSV writes rows as comma-separated lines, after a line of the header
// unless it is nil. A cell with a comma, a quote or a line break is quoted
// (RFC 4180), so a list of broker ids "0,1,2" stays one field. Unlike
// Table, cells are written as they are: a file keeps its bytes.
func CSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if header != nil {
		if err := cw.Write(header); err != nil {
			return err
		}
	}
	return cw.WriteAll(rows)
}
