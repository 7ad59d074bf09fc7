package cmd

import (
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kafkashore/shore/config"
)

// boolFlag is a switch that takes the words SHORE_TLS takes
// (config.ParseBool: true/false, t/f, yes/no, on/off or 1/0, in any case),
// so that a word works wherever a switch is given; pflag's own switches
// take strconv.ParseBool's, and refused --tls=yes. A switch alone (--tls)
// is true.
type boolFlag struct{ pflag.Value }

func (b boolFlag) Set(s string) error {
	on, err := config.ParseBool(s)
	if err != nil {
		return err
	}
	return b.Value.Set(strconv.FormatBool(on))
}

// IsBoolFlag tells pflag that b is a switch, as its own are, so that --help
// leaves out its default of false.
func (b boolFlag) IsBoolFlag() bool { return true }

// ownFlagValues makes every whole-number flag of c and its commands a
// decimalFlag, and every switch, cobra's --help among them, a boolFlag.
// -v's count is left alone: it takes no value.
func ownFlagValues(c *cobra.Command) {
	// cobra adds --help when a command runs; it is added now, so that it
	// is a boolFlag too (--help=no).
	c.InitDefaultHelpFlag()
	for _, fs := range []*pflag.FlagSet{c.LocalNonPersistentFlags(), c.PersistentFlags()} {
		fs.VisitAll(func(fl *pflag.Flag) {
			switch typ := fl.Value.Type(); {
			case typ == "bool":
				fl.Value = boolFlag{fl.Value}
			case typ != "count":
				if _, _, isInt := intRange(typ); isInt {
					fl.Value = decimalFlag{fl.Value}
				}
			}
		})
	}
	for _, sub := range c.Commands() {
		ownFlagValues(sub)
	}
}
