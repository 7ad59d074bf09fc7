package cmd_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/internal/shoretest"
)

// Every command's --help and every 'shore help TOPIC' fits an 80-column
// terminal, as the hand-written help is written to: offsets' and groups
// seek's paragraphs that hold format.TimeSyntax had lines of 236 and 194
// columns, and long flag usages went on to 239.
func TestHelpFitsEightyColumns(t *testing.T) {
	var runs [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		for _, sub := range c.Commands() {
			p := append(append([]string(nil), path...), sub.Name())
			switch {
			case sub.IsAdditionalHelpTopicCommand():
				runs = append(runs, []string{"help", sub.Name()})
			case sub.IsAvailableCommand():
				runs = append(runs, append(p, "--help"))
				walk(sub, p)
			}
		}
	}
	root := cmd.NewRootCmd(&cmd.Factory{})
	root.InitDefaultCompletionCmd()
	walk(root, nil)
	runs = append(runs, []string{"--help"}, []string{"help", "help"})
	if len(runs) < 40 {
		t.Fatalf("walked %d help pages; want every command's", len(runs))
	}
	for _, args := range runs {
		res := shoretest.Run(t, args...)
		if res.Code != 0 || res.Stderr != "" || res.Stdout == "" {
			t.Errorf("shore %s: exit %d, stderr %q, stdout %d bytes; want exit 0 and help on stdout", strings.Join(args, " "), res.Code, res.Stderr, len(res.Stdout))
		}
		for i, line := range strings.Split(res.Stdout, "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("shore %s: line %d has %d columns, more than 80:\n%s", strings.Join(args, " "), i+1, n, line)
			}
		}
	}
}

// TestHelpTopicsShownAsWritten: 'shore help TOPIC' shows each hand-written
// topic as it is written, so its aligned JSON shapes, tables and example
// commands reach the reader whole. Their lines ran past 80 columns, and
// wrapHelp refilled them: help security's OAUTHBEARER example broke inside
// its quoted token command, so that the two lines pasted did not run, and
// help json's shapes left words alone on lines ("replicas", "when").
func TestHelpTopicsShownAsWritten(t *testing.T) {
	files, err := filepath.Glob("helptopics/*.txt")
	if err != nil || len(files) < 5 {
		t.Fatalf("help topics %v (%v); want the five texts", files, err)
	}
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		topic := strings.TrimSuffix(filepath.Base(file), ".txt")
		res := shoretest.Run(t, "help", topic)
		if want := string(text) + "\n"; res.Code != 0 || res.Stdout != want {
			t.Errorf("shore help %s: exit %d, stdout differs from %s:\n%s", topic, res.Code, file, res.Stdout)
		}
	}
	security := shoretest.Run(t, "help", "security").Stdout
	if want := "--sasl-token-command 'gcloud auth print-access-token' topics list\n"; !strings.Contains(security, want) {
		t.Errorf("shore help security lacks the whole example line %q:\n%s", want, security)
	}
}

// Help sent where it cannot be written is a failure, as any other output
// is: 'shore --help > /dev/full' exited 0 with nothing shown, so a script
// that saves the help (make docs, a man page step) passed on an empty file.
func TestHelpToFullDisk(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help", "exit-codes"}, {"consume", "--help"}, {"topics"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stderr := runToFullDisk(t, "", args...)
			want := "shore: write /dev/stdout: no space left on device\n"
			if code != 1 || stderr != want {
				t.Fatalf("exit %d stderr %q; want 1 and %q", code, stderr, want)
			}
		})
	}
}
