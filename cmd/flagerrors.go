package cmd

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/topics"
)

// flagError words pflag's complaint about a flag's value for a person, as
// valueError does, naming the flag by its long name whichever was typed
// (--count "x", not -n/--count "x"). It is always a usage error.
func flagError(err error) error {
	var invalid *pflag.InvalidValueError
	if !errors.As(err, &invalid) {
		return &usageError{err: err}
	}
	fl := invalid.GetFlag()
	return valueError("--"+fl.Name, fl, invalid.GetValue(), invalid.Unwrap())
}

// minAnnotation and maxAnnotation are the keys of a whole-number flag's
// annotations that hold the least and the greatest value its command takes
// (set by setFlagMin and setFlagMax).
const (
	minAnnotation = "shore_min"
	maxAnnotation = "shore_max"
)

// wholeAnnotation is the key of a whole-number flag's annotation that says
// what its value is to one who gave a list of partitions (setFlagWhole).
const wholeAnnotation = "shore_whole"

// setFlagWhole records what the whole-number flag name's value is, said
// after 'not a whole number' to one who gave a list or a range of
// partitions, as consume's -p takes them: produce's -p 0,1 or 0-2. Another
// value that is no whole number (x, 1.5) is refused without it, as it is
// no list either.
func setFlagWhole(fs *pflag.FlagSet, name, what string) {
	if err := fs.SetAnnotation(name, wholeAnnotation, []string{what}); err != nil {
		panic(err) // a flag name mistyped in shore's own code
	}
}

// setFlagMin records the least value the whole-number flag name takes, so
// that a number too large for it is told the range the command takes
// (--partitions 99999999999: ... from 1 to 2147483647), not the range of its
// type, which starts at -2147483648.
func setFlagMin(fs *pflag.FlagSet, name string, least int64) {
	setFlagBound(fs, name, minAnnotation, least)
}

// setFlagMax records the greatest value the whole-number flag name takes,
// so that a number too large for its type is told the command's range
// (--probes 99999999999999999999: ... from 1 to 100000).
func setFlagMax(fs *pflag.FlagSet, name string, most int64) {
	setFlagBound(fs, name, maxAnnotation, most)
}

func setFlagBound(fs *pflag.FlagSet, name, key string, bound int64) {
	if err := fs.SetAnnotation(name, key, []string{strconv.FormatInt(bound, 10)}); err != nil {
		panic(err) // a flag name mistyped in shore's own code
	}
}

// valueError is the usage error for a value that flag value v refused with
// cause, named as where gave it: the flag as typed (--count) or the line of
// the configuration file (config file F:3: consume.count), so that both
// read alike. An --output outside its list reads as shore's other usage
// errors, a number out of range names the range of the width Kafka's
// protocol gives it (--total 99999999999 is not cut to 32 bits: it is
// refused), a duration without its unit (--watch 2) says what one looks
// like, in the words SHORE_TIMEOUT uses, and a switch given a word it does
// not know (--no-commit=maybe) lists the words it takes (boolFlag, whose
// words are SHORE_TLS's). The range starts at the flag's least value when
// setFlagMin gave one, and ends at its greatest when setFlagMax did.
func valueError(where string, fl *pflag.Flag, value string, cause error) error {
	v := fl.Value
	if ownFlagType(v) {
		// A value shore's own flag types refuse reads as shore's other
		// usage errors: --output "yaml": want table or json.
		return usageErrorf("%s %q: %v", where, value, cause)
	}
	switch v.Type() {
	case "duration":
		return usageErrorf("%s %q: %s", where, value, config.DurationProblem(value))
	}
	var num *strconv.NumError
	if !errors.As(cause, &num) {
		return usageErrorf("%s: %v", where, cause)
	}
	lo, hi, isInt := intRange(v.Type())
	if least, ok := fl.Annotations[minAnnotation]; ok {
		lo, _ = strconv.ParseInt(least[0], 10, 64)
	}
	if most, ok := fl.Annotations[maxAnnotation]; ok {
		hi, _ = strconv.ParseInt(most[0], 10, 64)
	}
	switch {
	case isInt && errors.Is(num.Err, strconv.ErrRange):
		return usageErrorf("%s %s: out of range: want a whole number from %d to %d", where, value, lo, hi)
	case isInt && len(fl.Annotations[wholeAnnotation]) > 0 && partitionList(value):
		return usageErrorf("%s %q: not a whole number; %s", where, value, fl.Annotations[wholeAnnotation][0])
	case isInt:
		return usageErrorf("%s %q: not a whole number", where, value)
	}
	return usageErrorf("%s %q: not a number", where, value)
}

// partitionList reports whether value is a list or a range of partitions,
// as consume's -p takes: 0,1 or 0-2, not a number alone.
func partitionList(value string) bool {
	_, err := topics.ParsePartitionSet(value)
	return err == nil && strings.ContainsAny(value, ",-")
}

// ownFlagType reports whether v is one of shore's own flag types, whose
// refusals say what is wanted but, unlike pflag's, not the value refused.
func ownFlagType(v pflag.Value) bool {
	switch v.(type) {
	case *choiceFlag, boolFlag:
		return true
	}
	return false
}

// intRange is the range of pflag's integer flag types.
func intRange(typ string) (lo, hi int64, ok bool) {
	switch typ {
	case "int16":
		return math.MinInt16, math.MaxInt16, true
	case "int32":
		return math.MinInt32, math.MaxInt32, true
	case "int", "int64", "count":
		return math.MinInt64, math.MaxInt64, true
	}
	return 0, 0, false
}

// flagTakenAsValue is the usage error of a flag that takes a value typed
// with none, where the next word is one of c's flags: pflag takes that word
// as the value, so 'consume T --decode -e' decoded nothing and read past
// the end, -e gone without a word, and 'consume T -g -e' joined a group
// named -e. A value that is such a word is written after = (--group=-e),
// which this leaves alone, as it does everything after --, and a secret's
// flag (--sasl-password -e... may be a password, which the line would
// show). It is nil when args hold no such pair.
func flagTakenAsValue(c *cobra.Command, args []string) error {
	flags := c.Flags()
	for i := 0; i+1 < len(args); i++ {
		word, next := args[i], args[i+1]
		if word == "--" {
			return nil
		}
		var fl *pflag.Flag
		switch {
		case strings.HasPrefix(word, "--"):
			fl = flags.Lookup(word[2:])
		case strings.HasPrefix(word, "-") && len(word) > 1:
			fl = shorthandTakingNext(flags, word[1:])
		}
		if fl == nil || fl.NoOptDefVal != "" || !isFlagOf(flags, next) {
			continue
		}
		if s, ok := config.SettingByFlag(fl.Name); ok && s.Secret != "" {
			// A password may start so, and this line would show it.
			continue
		}
		return usageErrorf("--%s took %s, a flag of %s, as its value: give --%s its value (--%s VALUE %s), or write --%s=%s if %s is the value meant", fl.Name, next, c.Name(), fl.Name, fl.Name, next, fl.Name, next, next)
	}
	return nil
}

// shorthandTakingNext is the flag of the last letter of shorthands, a
// word's letters after its dash (-ng, where -g takes a value), when that
// flag takes its value from the next word: every letter before it is a
// switch. It is nil otherwise (-n10 holds its value).
func shorthandTakingNext(flags *pflag.FlagSet, shorthands string) *pflag.Flag {
	for i, letter := range shorthands {
		fl := flags.ShorthandLookup(string(letter))
		switch {
		case fl == nil:
			return nil
		case fl.NoOptDefVal == "":
			if i < len(shorthands)-1 {
				return nil
			}
			return fl
		}
	}
	return nil
}

// isFlagOf reports whether word names one of flags: --name, --name=VALUE,
// or a dash and a letter that is a flag's shorthand (-e, -eJ, -n10). A
// negative number (-10, as -o takes, or -Infinity, which --rate refuses by
// its own words) names none.
func isFlagOf(flags *pflag.FlagSet, word string) bool {
	if _, err := strconv.ParseFloat(word, 64); err == nil {
		return false
	}
	switch {
	case strings.HasPrefix(word, "--"):
		name, _, _ := strings.Cut(word[2:], "=")
		return name != "" && flags.Lookup(name) != nil
	case strings.HasPrefix(word, "-") && len(word) > 1:
		return flags.ShorthandLookup(word[1:2]) != nil
	}
	return false
}
