package cmd

import (
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// decimalFlag is a whole-number flag that reads its value in decimal, as
// Kafka's tools and kcat do. pflag's integer flags read theirs as Go
// source: 010 is 8, 0x10 is 16 and 1_0 is 10, so 'topics create -p 010'
// made a topic of 8 partitions, which no command can take back. Leading
// zeros are kept as decimal (010 is 10); a base prefix or '_' is not a
// whole number.
type decimalFlag struct{ pflag.Value }

func (d decimalFlag) Set(s string) error {
	sign, digits := "", s
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		sign, digits = s[:1], s[1:]
	}
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return &strconv.NumError{Func: "ParseInt", Num: s, Err: strconv.ErrSyntax}
	}
	if digits = strings.TrimLeft(digits, "0"); digits == "" {
		digits = "0"
	}
	return d.Value.Set(sign + digits)
}
