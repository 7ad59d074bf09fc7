package cmd

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X github.com/kafkashore/shore/cmd.version=...".
var version = "dev"

func newVersionCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print shore's version",
		Long: `Print shore's version, the franz-go version it was built with, and Go's,
as 'shore --version' does.

EXIT STATUS
  0  success`,
		Args: argsFromUse,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(f.IO.Out, versionLine())
			return err
		},
	}
}

// versionLine is what `shore version` and `shore --version` print.
func versionLine() string {
	franz := "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "github.com/twmb/franz-go" {
				franz = d.Version
			}
		}
	}
	return fmt.Sprintf("shore %s (franz-go %s, %s)", version, franz, runtime.Version())
}
