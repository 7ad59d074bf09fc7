package filter

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// TestFastAgreesWithGojq runs every expression on every record both ways:
// where the fast path answers, gojq must give the same answer without an
// error.
func TestFastAgreesWithGojq(t *testing.T) {
	values := []string{
		`{"amount": 120, "id": "a1", "nested": {"x": 1.5, "s": "hé"}, "n": null, "ok": true}`,
		`{"amount": 99.5, "amount": 100}`,
		`{"amount": "120"}`,
		`{"amount": 12345678901234567890}`,
		`{"amount": -0.0, "e": 1e2}`,
		`{"k\"q": 1, "amount": 5}`,
		`{"id": "a\"1"}`,
		`[1, 2]`, `"text"`, `42`, `null`, `true`, ``, `plain text`, "\xff\xfe",
		`{"amount": 1,}`, `{"nested": [1]}`, `{"nested": "s"}`, ` {"amount" : 7 } `,
	}
	keys := []string{"k1", "42", `"quoted"`, "", "\xff", "null", "b"}
	exprs := []string{
		`.value.amount > 100`, `.value.amount == 100`, `.value.amount != 120`, `.value.amount < 100.5`,
		`.value.amount >= -1`, `.value.amount <= 1e2`, `.value.amount == null`, `.value.amount > "1"`,
		`.value.nested.x == 1.5`, `.value.nested.s == "hé"`, `.value.n == null`, `.value.ok == true`,
		`.value.ok`, `.value.e == 100`, `.value.id == "a1"`, `.value.id > "a"`, `.value == "text"`,
		`.value == 42`, `.value == null`, `.value < true`, `.value == "plain text"`, `.value.missing == null`,
		`.key == "k1"`, `.key == 42`, `.key == "quoted"`, `.key == ""`, `.key == null`, `.key > "a"`,
		`."key" == "b"`, `.["key"] == "b"`, `100 < .value.amount`, `"k1" == .key`, `-5 < .value.amount`,
		`.value.amount > 50 and .key == "k1"`, `.key == "b" or .value.amount > 100`, `(.offset == 3)`,
		`select(.partition == 2)`, `.topic == "orders"`, `.timestamp >= 1763856000000`, `.timestamp_type == "create"`,
		`.leader_epoch == 3`, `.value.amount? > 1`, `.value | .amount > 1`, `.headers == []`, `.value.nested.x.y == null`,
	}
	answered, declined := 0, 0
	for _, expr := range exprs {
		f, err := Compile(expr, nil)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		slow := *f
		slow.fast = nil
		slow.env = newEnvelope()
		for _, v := range values {
			for _, k := range keys {
				r := &kgo.Record{Topic: "orders", Partition: 2, Offset: 3, LeaderEpoch: 3, Timestamp: time.UnixMilli(1763856000000), Key: []byte(k), Value: []byte(v)}
				if k == "null" {
					r.Key = nil
				}
				want, wantErr := slow.Match(context.Background(), r, nil)
				if f.fast == nil {
					continue
				}
				got, ok := f.fast.eval(r)
				if ok {
					answered++
				} else {
					declined++
				}
				if ok && (got != want || wantErr != nil) {
					t.Errorf("%s on key %q value %q: fast %v; gojq %v (%v)", expr, k, v, got, want, wantErr)
				}
			}
		}
	}
	if answered < declined {
		t.Errorf("the fast path answered %d times and declined %d: it should answer most", answered, declined)
	}
}

func TestFastCovers(t *testing.T) {
	for _, tc := range []struct {
		expr string
		fast bool
	}{
		{`.value.amount > 100`, true},
		{`.key == "k" and (.value.a.b != null or .offset < 10)`, true},
		{`select(.key == "k")`, true},
		{`.value.amount? > 1`, false},
		{`.value | .amount > 1`, false},
		{`.value.amount > $x`, false},
		{`.headers == []`, false},
		{`.value.amount > 1 | not`, false},
		{`.topic.x == 1`, false},
		{`.value["a"] == 1`, false},
	} {
		f, err := Compile(tc.expr, nil)
		if err != nil && tc.fast {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		if f != nil && (f.fast != nil) != tc.fast {
			t.Errorf("%s: fast %v; want %v", tc.expr, f.fast != nil, tc.fast)
		}
	}
}

// FuzzFastAgreesWithGojq is TestFastAgreesWithGojq over fuzzed values.
func FuzzFastAgreesWithGojq(f *testing.F) {
	for _, v := range []string{`{"amount": 120, "nested": {"x": 1.5}}`, `{"amount":"x","amount":2}`, `[1]`, `"s"`, `null`, "\xff"} {
		f.Add([]byte(v))
	}
	var filters []*Filter
	for _, expr := range []string{`.value.amount > 100`, `.value.nested.x == 1.5`, `.value == "s"`, `.value.amount != null or .key == "k"`, `.value < 3`} {
		flt, err := Compile(expr, nil)
		if err != nil || flt.fast == nil {
			f.Fatalf("%s: %v, fast %v", expr, err, flt != nil && flt.fast != nil)
		}
		filters = append(filters, flt)
	}
	f.Fuzz(func(t *testing.T, value []byte) {
		r := &kgo.Record{Topic: "t", Key: []byte("k"), Value: value}
		for _, flt := range filters {
			slow := *flt
			slow.fast, slow.env = nil, newEnvelope()
			want, wantErr := slow.Match(context.Background(), r, nil)
			if got, ok := flt.fast.eval(r); ok && (got != want || wantErr != nil) {
				t.Fatalf("value %q: fast %v; gojq %v (%v)", value, got, want, wantErr)
			}
		}
	})
}
