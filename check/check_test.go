package check

import (
	"testing"
	"time"
)

func TestSummarise(t *testing.T) {
	msList := func(ns ...int) []time.Duration {
		var ds []time.Duration
		for _, n := range ns {
			ds = append(ds, time.Duration(n)*time.Millisecond)
		}
		return ds
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i
	}
	for _, tc := range []struct {
		name string
		in   []time.Duration
		want *Latency
	}{
		{"none", nil, nil},
		{"one", msList(7), &Latency{7, 7, 7}},
		{"two", msList(9, 1), &Latency{1, 9, 9}},
		{"five", msList(5, 1, 4, 2, 3), &Latency{3, 5, 5}},
		{"a hundred", msList(hundred...), &Latency{50, 99, 100}},
		{"microseconds", []time.Duration{1234567 * time.Nanosecond}, &Latency{1.235, 1.235, 1.235}},
	} {
		got := summarise(tc.in)
		if (got == nil) != (tc.want == nil) || got != nil && *got != *tc.want {
			t.Errorf("%s: %+v; want %+v", tc.name, got, tc.want)
		}
	}
}
