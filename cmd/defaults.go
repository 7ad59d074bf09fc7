package cmd

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/format"
)

// applyConfigDefaults sets the flags of cmd that the command line did not
// give from the configuration file's section for the command (produce:,
// consume:), so that precedence stays flag > file > built-in default, and
// returns the flags it set. A default for a flag that does not
// go with one the command line gave (a pair in excludes, either way round)
// is left out: the command line chose otherwise, as 'produce --json' with a
// file's key-delimiter. A key that is not one of the command's flags, or is
// one notADefault refuses, or a value the flag rejects, is a configuration
// error (exit 2, configErrorf) naming the file, the line and the key. A
// list sets a repeatable flag (-H) once per item; a flag that takes one
// value takes a list of one item as that item. A path (markPaths) that
// starts with ~/ starts at the home directory, as a setting's path in a
// profile does.
func (f *Factory) applyConfigDefaults(cmd *cobra.Command, excludes [][2]string) (flagsFromFile, error) {
	cfg, err := f.Config(cmd.Context())
	if err != nil {
		return nil, err
	}
	section := cmd.Name()
	defaults := cfg.Defaults[section]
	keys := make([]string, 0, len(defaults))
	for k := range defaults {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	applied := make(flagsFromFile, len(keys))
	for _, name := range keys {
		where := cfg.Where(section + "." + name)
		if why := notADefault(cfg, name); why != "" {
			return nil, configErrorf("%s: %s", where, why)
		}
		fl := cmd.Flags().Lookup(name)
		if fl == nil {
			return nil, configErrorf("%s: %s has no flag --%s%s", where, section, name, didYouMean(nearFlags(cmd, name)))
		}
		if fl.Changed || excludedByCommandLine(cmd, name, excludes) {
			continue
		}
		values := defaults[name]
		if _, repeatable := fl.Value.(pflag.SliceValue); !repeatable && len(values) != 1 {
			return nil, configErrorf("%s: --%s takes one value, not a list", where, name)
		}
		_, isPath := fl.Annotations[pathAnnotation]
		for _, v := range values {
			if isPath {
				v = f.sources().ExpandHome(v)
			}
			if err := fl.Value.Set(v); err != nil {
				return nil, &config.Error{Msg: valueError(where, fl, v, err).Error()}
			}
		}
		applied[name] = where
	}
	return applied, nil
}

// notADefault says why a command section cannot give the flag name, one
// that every command takes, or is "" when it can: the connection settings
// and the choice of file and profile are read before the section is, so
// that a default for one would be ignored, and --help is no default.
func notADefault(cfg *config.Config, name string) string {
	if name == "help" {
		return "--help is no default: leave it out"
	}
	switch s, ok := config.SettingByFlag(name); {
	case !ok:
		return ""
	case s.Key != "":
		profile := cfg.Profile
		if profile == "" {
			profile = "NAME"
		}
		return fmt.Sprintf("--%s is a connection setting, which a profile gives: write it as profiles.%s.%s", name, profile, s.Key)
	case name == "profile":
		return "--profile is no default: current-profile chooses the profile"
	}
	return "--config is no default: it names the configuration file"
}

// configErrorf is an error in the configuration file's section for a
// command: exit 2, as a usage error, but one line without the hint to
// --help, for the command line is not at fault.
func configErrorf(format string, args ...any) error {
	return &config.Error{Msg: fmt.Sprintf(format, args...)}
}

// blame makes err, a usage error that names first a flag the configuration
// file gave (as name words it: "config file F:3: produce.linger ..."), an
// error of the file (configErrorf); one that names a typed flag first, or
// any other error, it returns as it is.
func (ff flagsFromFile) blame(err error) error {
	var usage *usageError
	if !errors.As(err, &usage) {
		return err
	}
	for _, where := range ff {
		if strings.HasPrefix(err.Error(), where) {
			return configErrorf("%v", err)
		}
	}
	return err
}

// pathAnnotation is the key of the annotation that markPaths gives a flag.
const pathAnnotation = "shore_path"

// markPaths records that the flags names of fs take files or directories,
// whose defaults from the configuration file applyConfigDefaults expands
// as config.Sources.ExpandHome does (on the command line a shell does).
func markPaths(fs *pflag.FlagSet, names ...string) {
	for _, name := range names {
		if err := fs.SetAnnotation(name, pathAnnotation, []string{"true"}); err != nil {
			panic(err) // a flag name mistyped in shore's own code
		}
	}
}

// flagsFromFile are the flags whose values the configuration file gave,
// by name, each with where it gave it ("config file F:3: produce.linger").
type flagsFromFile map[string]string

// name names flag as an error about its value names it: where the
// configuration file gave it, else the flag as typed (--linger).
func (ff flagsFromFile) name(flag string) string {
	if where, ok := ff[flag]; ok {
		return where
	}
	return "--" + flag
}

// flagOn is a flag and whether it is on (given, or set to other than its
// default).
type flagOn struct {
	flag string
	on   bool
}

// names names, in order, the flags that are on, as name does.
func (ff flagsFromFile) names(flags ...flagOn) []string {
	var set []string
	for _, f := range flags {
		if f.on {
			set = append(set, ff.name(f.flag))
		}
	}
	return set
}

// needs is the usage error for flags, named, that need what ("--group"):
// "--no-commit needs --group", "--a and --b need --json".
func needs(named []string, what string) error {
	verb := "needs"
	if len(named) > 1 {
		verb = "need"
	}
	return usageErrorf("%s %s %s", format.List(named, "and"), verb, what)
}

// or is typed, which tells the flags the command line gave, widened to the
// flags the file gave too.
func (ff flagsFromFile) or(typed flagsGiven) flagsGiven {
	return func(name string) bool {
		_, inFile := ff[name]
		return typed(name) || inFile
	}
}

// excludedByCommandLine reports whether the command line gave a flag that
// does not go with flag name.
func excludedByCommandLine(cmd *cobra.Command, name string, excludes [][2]string) bool {
	for _, pair := range excludes {
		switch name {
		case pair[0]:
			if cmd.Flags().Changed(pair[1]) {
				return true
			}
		case pair[1]:
			if cmd.Flags().Changed(pair[0]) {
				return true
			}
		}
	}
	return false
}
