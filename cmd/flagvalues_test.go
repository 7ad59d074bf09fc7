package cmd

import (
	"slices"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestEverySwitchTakesTheWords: every switch of every command, the global
// ones and cobra's --help among them, takes the words SHORE_TLS takes, in
// any case, is true when given alone, and refuses another word with the
// list of them; pflag's took strconv.ParseBool's and refused --tls=yes.
func TestEverySwitchTakesTheWords(t *testing.T) {
	words := []struct{ given, want string }{
		{"yes", "true"}, {"OFF", "false"}, {"On", "true"}, {"no", "false"},
		{"T", "true"}, {"f", "false"}, {"TRUE", "true"}, {"0", "false"},
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		var seen []string
		c.Flags().VisitAll(func(fl *pflag.Flag) {
			if fl.Value.Type() != "bool" {
				return
			}
			seen = append(seen, fl.Name)
			for _, w := range words {
				if err := c.ParseFlags([]string{"--" + fl.Name + "=" + w.given}); err != nil || fl.Value.String() != w.want {
					t.Errorf("%s --%s=%s: %v, %v; want %s", c.CommandPath(), fl.Name, w.given, fl.Value, err, w.want)
				}
			}
			if err := c.ParseFlags([]string{"--" + fl.Name}); err != nil || fl.Value.String() != "true" {
				t.Errorf("%s --%s: %v, %v; want true", c.CommandPath(), fl.Name, fl.Value, err)
			}
			want := `--` + fl.Name + ` "maybe": want true/false, t/f, yes/no, on/off or 1/0`
			if err := c.ParseFlags([]string{"--" + fl.Name + "=maybe"}); err == nil || flagError(err).Error() != want {
				t.Errorf("%s --%s=maybe: %v; want %s", c.CommandPath(), fl.Name, err, want)
			}
		})
		if !slices.Contains(seen, "help") || !slices.Contains(seen, "tls") {
			t.Errorf("%s: switches %q, without --help or --tls", c.CommandPath(), seen)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewRootCmd(testFactory()))
}
