package consume

import "time"

// fetchedTime is the time of a fetched record's timestamp. franz-go builds
// it as time.Unix(0, ms*1e6), whose nanoseconds wrap after
// 2262-04-11T23:47:16.854Z: a timestamp of 9999-12-31 (which kafka-python,
// librdkafka and the Java producer send as any other) would read as a time
// in 1816. The wrapped nanoseconds still hold ms modulo 2^58 (1e6 is 2^6
// times the odd 15625, which has an inverse modulo 2^64); read as a signed
// 58-bit number, that is ms for any timestamp within 4.5 million years of
// 1970, and the same time as t for any that did not wrap.
func fetchedTime(t time.Time) time.Time {
	const inverseOf15625 = 0x790fb65668c26139 // 15625 * inverseOf15625 = 1 modulo 2^64
	ms := int64(uint64(t.UnixNano())*inverseOf15625) >> 6
	return time.UnixMilli(ms)
}
