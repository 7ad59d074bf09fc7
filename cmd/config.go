package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/format"
)

func newConfigCmd(f *Factory) *cobra.Command {
	c := asNoun(&cobra.Command{
		Use:   "config",
		Short: "Show and switch configuration profiles",
		// rpk profile
		SuggestFor: []string{"profile", "profiles"},
		Long: `Show the effective configuration and manage the profiles of the configuration
file (--config, else $SHORE_CONFIG, else ~/.config/shore/config.yaml).
config.example.yaml in shore's repository documents every key.

` + configExitStatus("use could not write the configuration file, or view or profiles their output"),
	})
	c.AddCommand(newConfigViewCmd(f), newConfigProfilesCmd(f), newConfigUseCmd(f))
	return c
}

// configExitStatus ends the help of a config command, whose exit status 1
// says failed.
func configExitStatus(failed string) string {
	return `EXIT STATUS
  0  success
  1  ` + failed + `
  2  usage or configuration error: bad flag, unreadable or malformed file, unknown profile or key`
}

func newConfigViewCmd(f *Factory) *cobra.Command {
	var output string
	c := &cobra.Command{
		Use:   "view",
		Short: "Print the effective configuration, secrets masked",
		// kaf config current-context
		SuggestFor: []string{"current-context"},
		Long: `Print the configuration a command would use after flags, environment, the
profile and defaults are combined: the file and profile in effect, every
setting by its profile key, and the command defaults. tls.enabled says whether
TLS is on, which a CA file or another TLS setting turns on too ('shore help
security'). Passwords and tokens, and the password of a registry URL, are shown
as ********; password and token commands are not run.

view refuses the settings that every command refuses, with the same line and
exit status 2, so it can check a configuration file (in CI): a malformed file
or value, an unknown profile, an unknown SASL mechanism, one without its
username, password or token, a SASL setting without a mechanism, a TLS key
without its certificate. It does not read the CA, certificate, password or
token files the settings name, nor run their commands: one that is missing
or unreadable is reported by the command that uses it.

` + configExitStatus("writing to stdout failed (a full disk)"),
		Example: `  $ shore config view
  $ shore config view --profile prod -o json
  # check a file: one line and exit 2 where commands would refuse it
  $ shore config view --config shore.yaml > /dev/null`,
		Args: argsFromUse,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Config(cmd.Context())
			if err != nil {
				return err
			}
			view, err := effectiveView(cfg)
			if err != nil {
				return err
			}
			if output == "json" {
				return format.JSON(f.IO.Out, jsonOf(view))
			}
			// Encoded whole, then written: the encoder's own write
			// errors hide a closed stdout.
			var b bytes.Buffer
			enc := yaml.NewEncoder(&b)
			enc.SetIndent(2)
			if err := enc.Encode(view); err != nil {
				return err
			}
			_, err = f.IO.Out.Write(b.Bytes())
			return err
		},
	}
	addOutputFlag(c, &output, "yaml", "json")
	return c
}

// effectiveView is `shore config view` as an ordered YAML mapping: file,
// profile, the settings by profile key in table order, then defaults.
func effectiveView(cfg *config.Config) (*yaml.Node, error) {
	values, err := cfg.Values()
	if err != nil {
		return nil, err
	}
	root := &yaml.Node{Kind: yaml.MappingNode}
	add(root, "file", cfg.File)
	add(root, "profile", cfg.Profile)
	for _, v := range values {
		parent := root
		parts := strings.Split(v.Key, ".")
		for _, p := range parts[:len(parts)-1] {
			parent = child(parent, p)
		}
		switch x := v.Value.(type) {
		case time.Duration:
			add(parent, parts[len(parts)-1], x.String())
		default:
			add(parent, parts[len(parts)-1], x)
		}
	}
	if len(cfg.Defaults) > 0 {
		add(root, "defaults", asWritten(cfg.Defaults))
	}
	return root, nil
}

// asWritten shows the flag defaults as a file would give them: a value
// as a scalar, a list of several items (-H) as a list.
func asWritten(defaults map[string]map[string][]string) map[string]map[string]any {
	out := make(map[string]map[string]any, len(defaults))
	for cmd, flags := range defaults {
		out[cmd] = make(map[string]any, len(flags))
		for name, values := range flags {
			if len(values) == 1 {
				out[cmd][name] = values[0]
			} else {
				out[cmd][name] = values
			}
		}
	}
	return out
}

// add appends key: value to the mapping m.
func add(m *yaml.Node, key string, value any) {
	var v yaml.Node
	_ = v.Encode(value) // strings, bools, string lists and maps of them
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &v)
}

// child returns the mapping under key in m, adding it when missing.
func child(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	c := &yaml.Node{Kind: yaml.MappingNode}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, c)
	return c
}

// jsonOf renders a YAML node as JSON values, keeping the key order.
func jsonOf(n *yaml.Node) json.Marshaler {
	return orderedJSON{n}
}

type orderedJSON struct{ n *yaml.Node }

func (o orderedJSON) MarshalJSON() ([]byte, error) {
	switch o.n.Kind {
	case yaml.MappingNode:
		var b bytes.Buffer
		b.WriteByte('{')
		for i := 0; i+1 < len(o.n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := format.MarshalJSON(o.n.Content[i].Value)
			v, err := orderedJSON{o.n.Content[i+1]}.MarshalJSON()
			if err != nil {
				return nil, err
			}
			b.Write(k)
			b.WriteByte(':')
			b.Write(v)
		}
		b.WriteByte('}')
		return b.Bytes(), nil
	case yaml.SequenceNode:
		items := make([]json.RawMessage, len(o.n.Content))
		for i, c := range o.n.Content {
			v, err := orderedJSON{c}.MarshalJSON()
			if err != nil {
				return nil, err
			}
			items[i] = v
		}
		if len(items) == 0 {
			return []byte("[]"), nil
		}
		return format.MarshalJSON(items)
	}
	var v any
	if err := o.n.Decode(&v); err != nil {
		return nil, err
	}
	return format.MarshalJSON(v)
}

// profileRow is one profile as config profiles -o json writes it.
type profileRow struct {
	Profile string `json:"profile"`
	Current bool   `json:"current"`
	// Brokers is [] for a profile that sets none.
	Brokers []string `json:"brokers"`
}

func newConfigProfilesCmd(f *Factory) *cobra.Command {
	var output string
	c := &cobra.Command{
		Use:   "profiles",
		Short: "List the profiles of the configuration file",
		// kaf config get-clusters
		SuggestFor: []string{"get-clusters"},
		Long:       "List the profiles of the configuration file; * marks the current one. With\nno file where shore looks, or a file without profiles, it says which on\nstderr and exits 0 (-o json writes [], and nothing on stderr, as topics\nlist does; its shape is in 'shore help json'). A profile chosen by\n--profile, SHORE_PROFILE or current-profile that the file does not define\nis named in a warning on stderr, none marked current, and the exit status is\n0: the list shows what to choose instead.\n\n" + configExitStatus("writing to stdout failed (a full disk)"),
		Example: `  $ shore config profiles
  $ shore config profiles -o json`,
		Args: argsFromUse,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, file, err := config.ReadChosenFile(cmd.Context(), f.sources())
			if err != nil {
				return err
			}
			current, where, err := config.CurrentProfile(f.sources(), file)
			if err != nil {
				return err
			}
			profiles := []profileRow{}
			var rows [][]string
			for _, name := range config.ProfileNames(file) {
				p := profileRow{Profile: name, Current: name == current, Brokers: file.Profiles[name].Brokers()}
				if p.Brokers == nil {
					p.Brokers = []string{}
				}
				profiles = append(profiles, p)
				mark, brokers := "", strings.Join(p.Brokers, ",")
				if p.Current {
					mark = "*"
				}
				if brokers == "" {
					brokers = format.None
				}
				rows = append(rows, []string{mark, name, brokers})
			}
			if len(rows) == 0 && output == "table" {
				fmt.Fprintf(f.IO.ErrOut, "shore: %s\n", noProfiles(path, file))
			} else if err := renderRows(f.IO.Out, output, profiles, []string{"CURRENT", "PROFILE", "BROKERS"}, rows); err != nil {
				return err
			}
			if _, ok := file.Profiles[current]; current != "" && !ok && file.Path != "" {
				// the error of every command that loads the configuration;
				// listing the profiles is how to find the one meant
				fmt.Fprintf(f.IO.ErrOut, "shore: warning: %s %q names no profile of the file, so none is current and other commands fail\n", where, current)
			}
			return nil
		},
	}
	addOutputFlag(c, &output)
	return c
}

func newConfigUseCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "use PROFILE",
		Short: "Make a profile the current one",
		// kaf config use-cluster, select-cluster
		SuggestFor: []string{"use-cluster", "select-cluster"},
		Long:       "Set current-profile in the configuration file. Only its line changes (a file\nwithout one gets it before its first key): the rest of the file stays as\nwritten. A file where its value spans lines, or written as one {...}\nmapping, is written again whole, comments kept.\nSHORE_PROFILE, where it is set, still picks its profile over the file's\ncurrent one; shore warns when it names another. A profile the file does not\ndefine is a usage error naming those it does, or that there is no file\nwhere shore looks; use does not create one. A configuration file that is\nnot a regular file (a pipe, as --config <(...) gives) cannot be changed\n(exit 1).\n\n" + configExitStatus("the configuration file could not be written"),
		Example: `  $ shore config use prod
  $ shore config use local --config ./shore.yaml`,
		Args:              argsFromUse,
		ValidArgsFunction: firstArgOnly(completeProfiles(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			// A default file that is missing has no profile to choose,
			// which the unknown profile's error says.
			path, file, err := config.ReadChosenFile(cmd.Context(), f.sources())
			if err != nil {
				return err
			}
			// The profile SHORE_PROFILE picks, which outranks the one set
			// here; one given empty is refused before the file changes.
			other, where, err := config.CurrentProfile(f.sources(), file)
			if err != nil {
				return err
			}
			if _, ok := file.Profiles[name]; !ok {
				return usageErrorf("unknown profile %q: %s", name, config.KnownProfiles(file))
			}
			if err := config.SetCurrentProfile(cmd.Context(), path, name); err != nil {
				return err
			}
			fmt.Fprintf(f.IO.ErrOut, "shore: current profile is now %s (%s)\n", name, path)
			if where == "SHORE_PROFILE" && other != name {
				// the variable outranks current-profile in every command run with it
				fmt.Fprintf(f.IO.ErrOut, "shore: warning: SHORE_PROFILE still picks profile %s where it is set; unset it to use %s\n", other, name)
			}
			return nil
		},
	}
}

// noProfiles says why there are no profiles to list: the file that was read
// has none, or there is no file where shore looked (path, "" without HOME).
func noProfiles(path string, file *config.File) string {
	switch {
	case file.Path != "":
		return "no profiles in " + file.Path
	case path == "":
		return "no profiles: no configuration file (no --config or SHORE_CONFIG, and HOME is not set)"
	}
	return "no profiles: " + file.MissingWhy()
}
