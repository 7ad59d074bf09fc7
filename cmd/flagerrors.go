package cmd

import (
	"errors"
	"math"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/kafkashore/shore/config"
)

// flagError words pflag's complaint about a flag's value for a person: an
// --output outside its list reads as shore's other usage errors, a number
// out of range names the range of the width Kafka's protocol gives it
// (--total 99999999999 is not cut to 32 bits: it is refused), and a
// duration without its unit (--watch 2) says what one looks like, in the
// words SHORE_TIMEOUT and the configuration file use. It is always a usage
// error.
func flagError(err error) error {
	var invalid *pflag.InvalidValueError
	if !errors.As(err, &invalid) {
		return &usageError{err: err}
	}
	fl := invalid.GetFlag()
	if ownFlagType(fl.Value) {
		// A value shore's own flag types refuse reads as shore's other
		// usage errors: --output "yaml": want table or json.
		return usageErrorf("--%s %q: %v", fl.Name, invalid.GetValue(), errors.Unwrap(err))
	}
	// The long name, as shore's other flag errors give it, whichever
	// was typed: --count "x", not -n/--count "x".
	name := "--" + fl.Name
	if fl.Value.Type() == "duration" {
		return usageErrorf("%s %q: %s", name, invalid.GetValue(), config.NotADuration)
	}
	var num *strconv.NumError
	if !errors.As(err, &num) {
		return &usageError{err: err}
	}
	lo, hi, isInt := intRange(fl.Value.Type())
	switch {
	case isInt && errors.Is(num.Err, strconv.ErrRange):
		return usageErrorf("%s %s: out of range: want a whole number from %d to %d", name, invalid.GetValue(), lo, hi)
	case isInt:
		return usageErrorf("%s %q: not a whole number", name, invalid.GetValue())
	}
	return usageErrorf("%s %q: not a number", name, invalid.GetValue())
}

// ownFlagType reports whether v is one of shore's own flag types, whose
// refusals say what is wanted but, unlike pflag's, not the value refused.
func ownFlagType(v pflag.Value) bool {
	_, ok := v.(*choiceFlag)
	return ok
}

// intRange is the range of pflag's integer flag types.
func intRange(typ string) (lo, hi int64, ok bool) {
	switch typ {
	case "int16":
		return math.MinInt16, math.MaxInt16, true
	case "int32":
		return math.MinInt32, math.MaxInt32, true
	case "int", "int64":
		return math.MinInt64, math.MaxInt64, true
	}
	return 0, 0, false
}
