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
  0  success
  1  writing to stdout failed (a full disk)
  2  usage error (bad flag or argument)`,
		Args:        argsFromUse,
		Annotations: map[string]string{noConnection: ""},
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(f.IO.Out, versionLine())
			return err
		},
	}
}

// versionLine is what `shore version` and `shore --version` print.
func versionLine() string {
	info, _ := debug.ReadBuildInfo()
	return versionLineOf(version, info)
}

// versionLineOf is the version line of a binary whose -ldflags version is
// set ("dev" when make build did not set it) and whose build information
// is info (nil when there is none). Without -ldflags, the version is the
// module's that the go command recorded (v1.4.0 after go install
// github.com/kafkashore/shore@v1.4.0), when it recorded one.
func versionLineOf(set string, info *debug.BuildInfo) string {
	franz := "unknown"
	if info != nil {
		if set == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			set = info.Main.Version
		}
		for _, d := range info.Deps {
			if d.Path == "github.com/twmb/franz-go" {
				franz = d.Version
			}
		}
	}
	return fmt.Sprintf("shore %s (franz-go %s, %s)", set, franz, runtime.Version())
}
