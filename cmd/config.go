package cmd

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/format"
)

func newConfigCmd(f *Factory) *cobra.Command {
	c := asNoun(&cobra.Command{
		Use:   "config",
		Short: "Show and switch configuration profiles",
		Long: `Show the effective configuration and manage the profiles of the configuration
file (--config, else $SHORE_CONFIG, else ~/.config/shore/config.yaml).
config.example.yaml in shore's repository documents every key.

` + configExitStatus,
	})
	c.AddCommand(newConfigViewCmd(f), newConfigProfilesCmd(f), newConfigUseCmd(f))
	return c
}

// configExitStatus ends the help of the config commands.
const configExitStatus = `EXIT STATUS
  0  success
  1  the configuration file could not be written
  2  usage or configuration error: bad flag, unreadable or malformed file, unknown profile or key`

// masked replaces a secret by a fixed mask, so its length does not leak.
func masked(s string) string {
	if s == "" {
		return ""
	}
	return "********"
}

// effectiveView is the documented shape of `shore config view`.
type effectiveView struct {
	File     string                       `json:"file" yaml:"file"`
	Profile  string                       `json:"profile" yaml:"profile"`
	Brokers  []string                     `json:"brokers" yaml:"brokers"`
	ClientID string                       `json:"client-id" yaml:"client-id"`
	Timeout  string                       `json:"timeout" yaml:"timeout"`
	TLS      config.TLS                   `json:"tls" yaml:"tls"`
	SASL     config.SASL                  `json:"sasl" yaml:"sasl"`
	Defaults map[string]map[string]string `json:"defaults,omitempty" yaml:"defaults,omitempty"`
}

func newConfigViewCmd(f *Factory) *cobra.Command {
	var output string
	c := &cobra.Command{
		Use:   "view",
		Short: "Print the effective configuration, secrets masked",
		Long: `Print the configuration a command would use after flags, environment, the
profile and defaults are combined. Passwords are shown as ********.

` + configExitStatus,
		Example: `  $ shore config view
  $ shore config view --profile prod -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "yaml" && output != "json" {
				return usageErrorf("--output %q: want yaml or json", output)
			}
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			v := effectiveView{
				File: cfg.File, Profile: cfg.Profile, Brokers: cfg.Brokers, ClientID: cfg.ClientID,
				Timeout: cfg.Timeout.String(), TLS: cfg.TLS, SASL: cfg.SASL, Defaults: cfg.Defaults,
			}
			v.SASL.Password = masked(v.SASL.Password)
			if output == "json" {
				enc := json.NewEncoder(f.IO.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(v)
			}
			enc := yaml.NewEncoder(f.IO.Out)
			enc.SetIndent(2)
			return enc.Encode(v)
		},
	}
	c.Flags().StringVarP(&output, "output", "o", "yaml", "output format: yaml or json")
	return c
}

func newConfigProfilesCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "profiles",
		Short: "List the profiles of the configuration file",
		Long:  "List the profiles of the configuration file; * marks the current one.\n\n" + configExitStatus,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, explicit := config.Path(f.global.configFile, f.Getenv)
			file, err := config.ReadFile(path, explicit)
			if err != nil {
				return err
			}
			current := file.CurrentProfile
			if e := f.Getenv("SHORE_PROFILE"); e != "" {
				current = e
			}
			if f.global.profile != "" {
				current = f.global.profile
			}
			var rows [][]string
			for _, name := range config.ProfileNames(file) {
				mark := ""
				if name == current {
					mark = "*"
				}
				brokers := strings.Join(file.Profiles[name].Brokers, ",")
				if brokers == "" {
					brokers = format.None
				}
				rows = append(rows, []string{mark, name, brokers})
			}
			if len(rows) == 0 {
				fmt.Fprintf(f.IO.ErrOut, "shore: no profiles in %s\n", displayPath(path))
				return nil
			}
			return format.Table(f.IO.Out, []string{"CURRENT", "PROFILE", "BROKERS"}, rows)
		},
	}
}

func newConfigUseCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "use PROFILE",
		Short: "Make a profile the current one",
		Long:  "Set current-profile in the configuration file, keeping its comments.\n\n" + configExitStatus,
		Example: `  $ shore config use prod
  $ shore config use local --config ./shore.yaml`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			path, explicit := config.Path(f.global.configFile, f.Getenv)
			file, err := config.ReadFile(path, explicit)
			if err != nil || len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return config.ProfileNames(file), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			path, _ := config.Path(f.global.configFile, f.Getenv)
			file, err := config.ReadFile(path, true)
			if err != nil {
				return err
			}
			if _, ok := file.Profiles[name]; !ok {
				known := config.ProfileNames(file)
				if len(known) == 0 {
					return usageErrorf("unknown profile %q: %s defines no profiles", name, path)
				}
				return usageErrorf("unknown profile %q: known profiles are %s", name, strings.Join(known, ", "))
			}
			if err := config.SetCurrentProfile(path, name); err != nil {
				return err
			}
			fmt.Fprintf(f.IO.ErrOut, "shore: current profile is now %s (%s)\n", name, path)
			return nil
		},
	}
}

func displayPath(p string) string {
	if p == "" {
		return "the configuration file"
	}
	return p
}
