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
		Long: `Print shore's version, the franz-go version it was built with, and Go's.

EXIT STATUS
  0  success`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			franz := "unknown"
			if info, ok := debug.ReadBuildInfo(); ok {
				for _, d := range info.Deps {
					if d.Path == "github.com/twmb/franz-go" {
						franz = d.Version
					}
				}
			}
			_, err := fmt.Fprintf(f.IO.Out, "shore %s (franz-go %s, %s)\n", version, franz, runtime.Version())
			return err
		},
	}
}
