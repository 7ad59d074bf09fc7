package cmd

import (
	"sort"

	"github.com/spf13/cobra"
)

// applyConfigDefaults sets the flags of cmd that the command line did not
// give from the configuration file's section for the command (produce:,
// consume:), so that precedence stays flag > file > built-in default. A key
// that is not one of the command's flags, or a value the flag rejects, is a
// configuration error (exit 2) naming the file and the key.
func (f *Factory) applyConfigDefaults(cmd *cobra.Command) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	section := cmd.Name()
	defaults := cfg.Defaults[section]
	keys := make([]string, 0, len(defaults))
	for k := range defaults {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, name := range keys {
		fl := cmd.Flags().Lookup(name)
		if fl == nil {
			return usageErrorf("config file %s: %s.%s: %s has no flag --%s", cfg.File, section, name, section, name)
		}
		if fl.Changed {
			continue
		}
		if err := fl.Value.Set(defaults[name]); err != nil {
			return usageErrorf("config file %s: %s.%s: %v", cfg.File, section, name, err)
		}
	}
	return nil
}
