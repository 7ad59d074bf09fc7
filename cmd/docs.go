package cmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// GenDocs writes shore's command reference into dir: one Markdown file per
// command from the cobra tree (cobra/doc), and one per help topic. The files
// are checked in under docs/commands; 'make docs' regenerates them and a
// test fails when they drift from the code.
func GenDocs(dir string) error {
	root := NewRootCmd(&Factory{Now: time.Now})
	// No date in the files, so that regenerating changes nothing.
	root.DisableAutoGenTag = true
	// cobra adds its completion command when a command line runs.
	root.InitDefaultCompletionCmd()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, c := range root.Commands() {
		if c.IsAdditionalHelpTopicCommand() {
			if err := writeTopic(dir, c); err != nil {
				return err
			}
		}
	}
	return writeCommands(dir, root)
}

// inherited is cobra/doc's section of the parent's flags: the connection
// flags on every page, which the connection topic lists once.
var inherited = regexp.MustCompile("(?s)### Options inherited from parent commands\n\n```\n.*?```\n")

// writeCommands writes c's page and those of its subcommands.
func writeCommands(dir string, c *cobra.Command) error {
	for _, sub := range c.Commands() {
		if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
			continue
		}
		if err := writeCommands(dir, sub); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := doc.GenMarkdown(c, &b); err != nil {
		return err
	}
	global := "-v/--verbose (-vv) and the connection flags: see [shore help connection](shore_help_connection.md)."
	if connectsToNothing(c) {
		global = "-v/--verbose (-vv); it connects to no Kafka, so it takes no connection flag."
	}
	page := inherited.ReplaceAllString(b.String(), "### Global flags\n\n"+global+"\n")
	name := strings.ReplaceAll(c.CommandPath(), " ", "_") + ".md"
	return os.WriteFile(filepath.Join(dir, name), []byte(page), 0o644)
}

// writeTopic writes a help topic as shore_help_TOPIC.md.
func writeTopic(dir string, c *cobra.Command) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## shore help %s\n\n%s\n\n```\n%s\n```\n", c.Name(), c.Short, c.Long)
	return os.WriteFile(filepath.Join(dir, "shore_help_"+c.Name()+".md"), []byte(b.String()), 0o644)
}
