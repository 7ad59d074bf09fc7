package format

import (
	"bufio"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

func TestNewLayout(t *testing.T) {
	r := &kgo.Record{Topic: "t", Partition: 2, Offset: 9, Key: []byte("k"), Value: []byte("v"), Timestamp: time.UnixMilli(1763856000000)}
	p := &kgo.FetchPartition{Partition: 2, LogStartOffset: 1, LastStableOffset: 10, HighWatermark: 11}
	for layout, want := range map[string]string{
		`%v\n`:                           "v\n",
		`%t [%p] at offset %o: %k: %v\n`: "t [2] at offset 9: k: v\n",
		`%[ %| %] %d`:                    "1 10 11 1763856000000",
	} {
		l, err := NewLayout(layout)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(l.Append(nil, p, r)); got != want {
			t.Errorf("%s: %q; want %q", layout, got, want)
		}
	}
	for layout, want := range map[string]string{
		"%k %v{}":                   `%v{} at byte 3 has empty braces: write %v without them, or a format in them (see shore help layouts)`,
		"%K{}":                      `%K{} at byte 0 has empty braces: write %K without them, or a format in them (see shore help layouts)`,
		"%v %h{}":                   `%h{} at byte 3 has empty braces: %h{...} is the layout of each header (%k and %v its key and value)`,
		"%h{%k{}}":                  `%k{} at byte 3 has empty braces: write %k without them, or a format in them (see shore help layouts)`,
		"%d{strftime[]}":            `%d{strftime[]} at byte 0: the strftime format between the delimiters is empty`,
		"%v %v{unpack[]}":           `%v{unpack[]} at byte 3: the unpack format between the delimiters is empty`,
		"%a{compression;}":          `%a{compression;} at byte 0: no number format after the ;: want ` + wantWriteNumber,
		"%v{json}":                  `%v{json} at byte 0: {json} is not a field encoding: want {base64}, {base64raw}, {hex} or {unpack[...]}`,
		"%v %ü":                     `unknown directive %ü at byte 3`,
		`%v\n%a{control-bit;big33}`: `%a{control-bit;big33} at byte 4: big33 is not a number format: want ` + wantWriteNumber,
		"%h{%k=%v{hex}%V{x}}":       `%V{x} at byte 13: {x} is not a number format: want ` + wantWriteNumber,
		"%h{%k@%o}":                 `%o at byte 6 is inside %h{...}, which writes only a header's %k, %K, %v and %V: write it outside the braces`,
		"%v %h{%k %a{compression}}": `%a{compression} at byte 9 is inside %h{...}, which writes only a header's %k, %K, %v and %V: write it outside the braces`,
		"%d{strftime[%F %T.%L]}":    `%d{strftime[%F %T.%L]} at byte 0: strftime has no %L; for milliseconds write a go format, as %d{go#2006-01-02 15:04:05.000#}`,
		"%v %A{strftime[%Ey %3N]}":  `%A{strftime[%Ey %3N]} at byte 3: strftime has no %3; for milliseconds write a go format, as %d{go#2006-01-02 15:04:05.000#}`,
		"%d{strftime[%-d/%-m]}":     `%d{strftime[%-d/%-m]} at byte 0: strftime has no %-; glibc's flags are not strftime(3)'s: for numbers without padding write a go format, as %d{go#2/1/2006 3:04 PM#}`,
		"%d{strftime[%Q]}":          `%d{strftime[%Q]} at byte 0: strftime has no %Q; strftime(3) lists the letters it has`,
		"%h{[%h{%k}]}":              `%h{%k} at byte 4 is inside %h{...}, which writes only a header's %k, %K, %v and %V: write it outside the braces`,
		"%h":                        `%h at byte 0 needs braces: %h{...} is the layout of each header (%k and %v its key and value); kcat's %h (name=value, comma-separated) is %h{%k=%v,}, a comma after each`,
		"%v{unpack[>i}":             `%v{unpack[>i} at byte 0: the format after unpack[ has no closing ]`,
		"%k{unpack}":                `%k{unpack} at byte 0: unpack needs its format between delimiters, as in {unpack[...]}`,
		"%k{unpack[>z]}":            `%k{unpack[>z]} at byte 0: unpack has no z: want x < > b B h H i I q Q c . s $`,
		"%v %h{%v{unpack[é]}}":      `%v{unpack[é]} at byte 6: unpack has no é: want x < > b B h H i I q Q c . s $`,
		"%v{unpack[>I$b]}":          `%v{unpack[>I$b]} at byte 0: "b" follows unpack's $, which is the end of the input`,
		"%v %d{strftime#%Y}":        `%d{strftime#%Y} at byte 3: the format after strftime# has no closing #`,
		"%A{go[[2006]}":             `%A{go[[2006]} at byte 0: the format after go[[ has no closing ]]`,
		"%d{strftime}":              `%d{strftime} at byte 0: strftime needs its format between delimiters, as in {strftime[...]}`,
		"%d{goé2006é}":              `%d{goé2006é} at byte 0: go needs its format between delimiters, as in {go[...]}`,
		"%d{strftime[%F]x}":         `%d{strftime[%F]x} at byte 0: "x" follows the closing ] of the strftime format`,
		"%v %":                      `a lone % at byte 3 (write %% for a percent sign)`,
		`%h{%k=%v{hex} `:            `%h{ at byte 0 has no closing }`,
		`%k %d{go#2006#`:            `%d{ at byte 3 has no closing }`,
		`%h{%k=%v{hex}}%v{`:         `%v{ at byte 14 has no closing }`,
	} {
		if _, err := NewLayout(layout); err == nil || err.Error() != want {
			t.Errorf("NewLayout(%q): %v, want %q", layout, err, want)
		}
	}
	for _, layout := range []string{`%h{%k=%v{hex} }\n`, `%%{`, `a\\%v`, `%d{strftime[%F %T]}`, `%d{go##2006##} %d{strftime{%F}} %d{strftimex%Fx} %k{unpack(>i)}`, `%d{strftime[%a %A %b %h %B %c %C %d %D %e %F %G %g %H %I %j %k %l %m %M %n %p %P %r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %+ %% %Ey %Od 100%]}`, `%A{go#2006#} %i{hex} %a{compression;big8} %v{unpack[>iq]} %d{number} %k{base64raw}`} {
		if _, err := NewLayout(layout); err != nil {
			t.Errorf("NewLayout(%q): %v", layout, err)
		}
	}
	// A null key, value or header value's length is -1, as kcat writes
	// a null key's or value's, in every number format; %i counts alike in
	// every piece.
	null := &kgo.Record{Value: []byte("abc"), Headers: []kgo.RecordHeader{{Key: "h"}, {Key: "e", Value: []byte{}}, {Key: "x", Value: []byte("yz")}}}
	for layout, want := range map[string]string{
		`%K %V|%k|%v\n`:                              "-1 3||abc\n",
		`%K{big32}%V{big16}%K{byte}%K{little64}`:     "\xff\xff\xff\xff\x00\x03\xff\xff\xff\xff\xff\xff\xff\xff\xff",
		`%i %K{hex8} %K{hex32} %h{%k %V;} %i %%K\n`:  "1 ff ffffffff h -1;e 0;x 2; 1 %K\n",
		`%H %h{%V{hex8}%K{big8}%k=%v{hex}} %h{%k}%V`: "3 ff\x01h=00\x01e=02\x01x=797a hex3",
		`%h{%V{big16}%v}`:                            "\xff\xff\x00\x00\x00\x02yz",
	} {
		l, err := NewLayout(layout)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(l.Append(nil, p, null)); got != want {
			t.Errorf("%s of a null key: %q; want %q", layout, got, want)
		}
	}
	if got := string(NewJSONLayout(JSONOptions{}).Append(nil, p, r)); got != `{"topic":"t","partition":2,"offset":9,"timestamp":1763856000000,"timestamp_type":"create","key":"k","value":"v","headers":[],"leader_epoch":0}`+"\n" {
		t.Errorf("JSON layout: %s", got)
	}
}

// BenchmarkLayouts is consume's inner loop: one record appended into a
// reused buffer and written through a bufio.Writer.
func BenchmarkLayouts(b *testing.B) {
	value := make([]byte, 100)
	for i := range value {
		value[i] = 'a' + byte(i%26)
	}
	r := &kgo.Record{Topic: "orders", Partition: 3, Offset: 123456, Key: []byte("customer-42"), Value: value, Timestamp: time.UnixMilli(1763856000000)}
	p := &kgo.FetchPartition{Partition: 3}
	text := func(layout string) RecordLayout {
		l, err := NewLayout(layout)
		if err != nil {
			b.Fatal(err)
		}
		return l
	}
	for name, l := range map[string]RecordLayout{
		"value": text(`%v\n`),
		"kcat":  text(`%t [%p] at offset %o: key %k: %v\n`),
		"json":  NewJSONLayout(JSONOptions{}),
	} {
		b.Run(name, func(b *testing.B) {
			w := bufio.NewWriterSize(io.Discard, 256<<10)
			var buf []byte
			b.ReportAllocs()
			b.SetBytes(int64(len(value)))
			for b.Loop() {
				buf = l.Append(buf[:0], p, r)
				if _, err := w.Write(buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestWritesHeaderValues: the %h{...} named in consume's warning of a null
// header value is the first that writes values without their %V, which
// writes -1 for a null one, with or without unpack.
func TestWritesHeaderValues(t *testing.T) {
	for layout, want := range map[string]string{
		`%v\n`:                          "",
		`%H %h{%k;}%K`:                  "",
		`%h{%k=%v;}`:                    "%h{%k=%v;}",
		`%h{%k;}%h{%k %V{big32}}`:       "",
		`%h{%k %V %v;}`:                 "",
		`%h{%v{unpack[>I]}}%v{hex}`:     "%h{%v{unpack[>I]}}",
		`%h{%V{hex8}}%h{%k=%v{base64}}`: "%h{%k=%v{base64}}",
	} {
		l, err := NewLayout(layout)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.(HeaderValueWriter).WritesHeaderValues(); got != want {
			t.Errorf("%s: %q; want %q", layout, got, want)
		}
	}
}

// TestCStrftime: only strftime formats are rewritten, whatever their
// delimiters, and a %% or a directive's text stays as it is. The hour on
// the 12-hour clock is a go format's, whose %l is a part of its own.
func TestCStrftime(t *testing.T) {
	for in, want := range map[string][]strftimePart{
		`%v %x\n`:                                 {{text: `%v %x\n`}},
		`%d{strftime[%x %EY %Od %%x %F]}`:         {{text: `%d{strftime[%D %Y %d %%x %F]}`}},
		`%%d{strftime[%x]} %d{strftime##%Ex##}`:   {{text: `%%d{strftime[%x]} %d{strftime##%D##}`}},
		`%A{strftime(%x)}%d{go#%x#}%k{unpack[x]}`: {{text: `%A{strftime(%D)}%d{go#%x#}%k{unpack[x]}`}},
		`%v %d{strftime[%F %I:%M]} %k`:            {{text: `%v %d{strftime[%F ]}%d{go#03#}%d{strftime[:%M]} %k`}},
		`%A{strftime##%r##}%d{strftime[%OI]}`:     {{text: `%A{go#03:04:05 PM#}%d{go#03#}`}},
		`%o %d{strftime[%H|%l|%p]}\n`:             {{text: `%o %d{strftime[%H|]}`}, {text: `%d{go#3#}`, spaced: true}, {text: `%d{strftime[|%p]}\n`}},
		`%d{strftime[%l]}`:                        {{text: ``}, {text: `%d{go#3#}`, spaced: true}, {text: ``}},
	} {
		if got := cStrftime(in); !slices.Equal(got, want) {
			t.Errorf("cStrftime(%q) = %+v; want %+v", in, got, want)
		}
	}
}

// TestStrftimeHour12: %I, %l and %r write the hour on the 12-hour clock
// as strftime(3) does, 12 at midnight and noon, where the record formatter
// wrote 00 and 0.
func TestStrftimeHour12(t *testing.T) {
	l, err := NewLayout(`%d{strftime[%I|%l|%r|%OI]}\n`)
	if err != nil {
		t.Fatal(err)
	}
	for at, want := range map[string]string{
		"2025-11-23T00:05:06Z": "12|12|12:05:06 AM|12\n",
		"2025-11-23T09:05:06Z": "09| 9|09:05:06 AM|09\n",
		"2025-11-23T12:05:06Z": "12|12|12:05:06 PM|12\n",
		"2025-11-23T23:05:06Z": "11|11|11:05:06 PM|11\n",
	} {
		ts, _ := time.Parse(time.RFC3339, at)
		if got := string(l.Append(nil, nil, &kgo.Record{Timestamp: ts})); got != want {
			t.Errorf("%s: %q; want %q", at, got, want)
		}
	}
}
