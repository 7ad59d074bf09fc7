package format

import (
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"
)

// TestUnpack checks Unpack against what the record formatter writes: a
// record it refuses is one the formatter writes its complaint for, with
// the same reason, and a record it takes is written without one.
func TestUnpack(t *testing.T) {
	r := &kgo.Record{Topic: "orders", Key: []byte("ab"), Value: []byte("abcdef"), Headers: []kgo.RecordHeader{{Key: "h", Value: []byte("xy")}, {Key: "id", Value: []byte("wxyz")}}}
	for _, tc := range []struct{ layout, want string }{
		{`%v{unpack[>I]}`, ""},
		{`%v{unpack[>IH$]}`, ""},
		{`%v{unpack[<iq]}`, "cannot unpack the value (6 bytes) with %v{unpack[<iq]}: have 2 bytes, need 8"},
		{`%v{unpack[>I$]}`, "cannot unpack the value (6 bytes) with %v{unpack[>I$]}: not end-of-input"},
		{`%v{unpack[xx>I>s]}`, ""},
		{`%k{unpack[cc]}`, ""},
		{`%k{unpack[cc.]}`, "cannot unpack the key (2 bytes) with %k{unpack[cc.]}: no bytes available"},
		{`%k{unpack[bh]}`, "cannot unpack the key (2 bytes) with %k{unpack[bh]}: have 1 bytes, need 2"},
		{`%t{unpack[Q$]}`, "cannot unpack the topic (6 bytes) with %t{unpack[Q$]}: have 6 bytes, need 8"},
		{`%o %v{unpack{{I}}} %k{unpack[H$]}`, ""},
		{`%h{%k=%v{unpack[H$]} }`, `cannot unpack the header "id"'s value (4 bytes) with %v{unpack[H$]}: not end-of-input`},
		{`%h{%k{unpack[c$]}}`, `cannot unpack the header "id"'s name (2 bytes) with %k{unpack[c$]}: not end-of-input`},
	} {
		l, err := NewLayout(tc.layout)
		if err != nil {
			t.Fatalf("%s: %v", tc.layout, err)
		}
		u, ok := l.(Unpacker)
		if !ok {
			t.Fatalf("%s: not an Unpacker", tc.layout)
		}
		got := ""
		if err := u.Unpack(r, nil); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.layout, got, tc.want)
		}
		written := string(l.Append(nil, &kgo.FetchPartition{}, r))
		_, reason, _ := strings.Cut(tc.want, ": ")
		if complaint := strings.Contains(written, "%!"); complaint != (tc.want != "") || tc.want != "" && !strings.Contains(written, "("+reason+")") {
			t.Errorf("%s: the record formatter writes %q; Unpack says %q", tc.layout, written, got)
		}
	}
	decoded := &Decoded{Value: &DecodedField{JSON: []byte(`{}`)}}
	l, _ := NewLayout(`%v{unpack[cc$]}`)
	if err := l.(Unpacker).Unpack(r, decoded); err != nil {
		t.Errorf("decoded value: %v", err)
	}
	for _, layout := range []string{`%v\n`, `%v{hex} %k{base64}`, `%h{%v}`} {
		if l, _ := NewLayout(layout); l != nil {
			if _, ok := l.(Unpacker); ok {
				t.Errorf("%s: an Unpacker without unpack", layout)
			}
		}
	}
}
