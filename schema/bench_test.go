package schema

import "testing"

const benchAvsc = `{"type":"record","name":"Reading","namespace":"bench","fields":[
 {"name":"id","type":"long"},
 {"name":"sensor","type":"string"},
 {"name":"site","type":"string"},
 {"name":"celsius","type":"double"},
 {"name":"humidity","type":"float"},
 {"name":"ok","type":"boolean"},
 {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["INDOOR","OUTDOOR"]}},
 {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
 {"name":"seq","type":"int"},
 {"name":"note","type":["null","string"],"default":null}]}`

const benchDoc = `{"id":123456,"sensor":"sensor-0456","site":"oslo-harbour","celsius":16.25,"humidity":0.5,"ok":true,"kind":"OUTDOOR","at":1763856123456,"seq":123456,"note":{"string":"calibrated"}}`

// BenchmarkAvro encodes and decodes one 10-field record: the per-record
// cost of produce --value-schema and consume --decode.
func BenchmarkAvro(b *testing.B) {
	c, err := newAvro(benchAvsc, nil)
	if err != nil {
		b.Fatal(err)
	}
	payload, err := c.AppendEncoded(nil, []byte(benchDoc))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf, _ = c.AppendEncoded(buf[:0], []byte(benchDoc))
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf, _ = c.AppendJSON(buf[:0], payload)
		}
	})
}
