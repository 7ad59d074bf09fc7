// Command gendocs writes shore's command reference (docs/commands) from the
// cobra tree: go run ./cmd/gendocs DIR, as 'make docs' does.
package main

import (
	"fmt"
	"os"

	"github.com/kafkashore/shore/cmd"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendocs DIR")
		os.Exit(2)
	}
	if err := cmd.GenDocs(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
