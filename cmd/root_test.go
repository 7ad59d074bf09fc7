package cmd_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// A usage error's second line names the help of the command that was run,
// its own flag's error or a global one's; where no command was chosen (an
// unknown one at the root, a flag before any), the root's and every
// command's. A variable's error is not the command line to change: no
// second line.
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		env    map[string]string
		args   []string
		stderr string
	}{
		{nil, []string{"--no-such-flag"}, "shore: unknown flag: --no-such-flag\n" + seeRootHelp},
		{nil, []string{"nosuch"}, "shore: unknown command \"nosuch\"\n" + seeRootHelp},
		{nil, []string{"consum", "orders"}, "shore: unknown command \"consum\" (did you mean consume?)\n" + seeRootHelp},
		{nil, []string{"config", "nosuch"}, "shore: unknown command \"nosuch\" for \"shore config\" (want profiles, use or view)\n" + seeHelpFor("config")},
		{nil, []string{"version", "extra"}, "shore: version: unexpected argument \"extra\" (usage: shore version)\n" + seeHelpFor("version")},
		{nil, []string{"--timeout", "5", "version"}, "shore: --timeout \"5\": not a duration such as 10s\n" + seeHelpFor("version")},
		{nil, []string{"--timeout", "soon", "version"}, "shore: --timeout \"soon\": not a duration such as 10s\n" + seeHelpFor("version")},
		{nil, []string{"topics", "create", "orders", "--partitons", "3"}, "shore: unknown flag: --partitons (did you mean --partitions?)\n" + seeHelpFor("topics create")},
		{nil, []string{"groups", "seek", "billing", "-t", "orders", "--to", "start"}, "shore: unknown shorthand flag: 't' in -t (kafkactl's -t T is --topic T)\n" + seeHelpFor("groups seek")},
		{nil, []string{"groups", "seek", "billing", "-topic", "orders", "--to", "start"}, "shore: unknown shorthand flag: 't' in -topic (did you mean --topic?)\n" + seeHelpFor("groups seek")},
		{nil, []string{"offsets", "orders", "-at", "-1h"}, "shore: unknown shorthand flag: 'a' in -at (did you mean --at?)\n" + seeHelpFor("offsets")},
		{nil, []string{"registry", "show", "-i", "3"}, "shore: unknown shorthand flag: 'i' in -i\n" + seeHelpFor("registry show")},
		{nil, []string{"topics", "create", "orders", "--timeout", "soon"}, "shore: --timeout \"soon\": not a duration such as 10s\n" + seeHelpFor("topics create")},
		{map[string]string{"SHORE_TIMEOUT": "soon"}, []string{"topics", "create", "orders"}, "shore: SHORE_TIMEOUT \"soon\": not a duration such as 10s\n"},
		// kcat's -X with its setting in the same word, a password: pflag's
		// words repeated the word.
		{nil, []string{"-Xsasl.password=S3cret-Kcat", "topics", "list"}, "shore: unknown shorthand flag: 'X' in -X (-X sasl.password is --sasl-password, SHORE_SASL_PASSWORD or a profile's sasl.password; shore has no -X: see 'shore help connection')\n" + seeHelpFor("topics list")},
		{nil, []string{"topics", "list", "-XS3cret-Kcat"}, "shore: unknown shorthand flag: 'X' in -X (kcat's and rpk's -X settings are the connection flags and profile keys: see 'shore help connection')\n" + seeHelpFor("topics list")},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, tc.args...)
		if res.Code != 2 || res.Stderr != tc.stderr || res.Stdout != "" {
			t.Errorf("%v: exit %d stdout %q stderr %q; want 2 and %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		res := shoretest.Run(t, args...)
		if res.Code != 0 || res.Stderr != "" || !regexp.MustCompile(`^shore \S+ \(franz-go \S+, go1\.\S+\)\n$`).MatchString(res.Stdout) {
			t.Fatalf("%v: exit %d stdout %q stderr %q", args, res.Code, res.Stdout, res.Stderr)
		}
	}
}

// Every command's help is its manual: it ends with the exit status, its
// flags say their default once, and its examples are shore command lines.
func TestHelpEndsWithExitStatus(t *testing.T) {
	f := &cmd.Factory{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.IsAdditionalHelpTopicCommand() {
			return
		}
		if !regexp.MustCompile(`\nEXIT STATUS\n(  \d+ +\S.*\n?)+$`).MatchString(c.Long) {
			t.Errorf("%q: Long does not end with an EXIT STATUS section", c.CommandPath())
		}
		for _, line := range strings.Split(c.LocalFlags().FlagUsages(), "\n") {
			if strings.Count(line, "(default") > 1 {
				t.Errorf("%q: flag line says its default twice: %s", c.CommandPath(), strings.TrimSpace(line))
			}
		}
		for _, line := range strings.Split(c.Example, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "$ shore ") {
				t.Errorf("%q: example line %q is neither a comment nor $ shore ...", c.CommandPath(), line)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(cmd.NewRootCmd(f))
}

// -v says what shore did in one line; -vv adds the Kafka client's log.
func TestVerbose(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	summary := `shore: 1 broker reached \(\S+\); \d+ requests, [\d.]+ (B|KiB) sent, [\d.]+ (B|KiB) received`
	timing := `; first answer after \S+, \S+ in all\n`
	for _, tc := range []struct {
		args  []string
		stdin string
		want  string // the whole of stderr
	}{
		{[]string{"-v", "topics", "list"}, "", `^` + summary + timing + `$`},
		{[]string{"produce", topic, "-v"}, "a\nb\n", `\n` + summary + `; 2 records produced \(\d+ B\)` + timing + `$`},
		{[]string{"consume", topic, "-e", "-v"}, "", `^` + summary + `; [12] records? fetched \(\d+ B\)` + timing + `$`},
		{[]string{"-vv", "consume", topic, "-e"}, "", `(?s)^shore: \d\d:\d\d:\d\d\.\d{3} \[INFO\] .*\n` + summary + `.*` + timing + `$`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			res := shoretest.RunWith(t, shoretest.Opts{Stdin: tc.stdin}, tc.args...)
			if res.Code != 0 || !regexp.MustCompile(tc.want).MatchString(res.Stderr) {
				t.Fatalf("exit %d, stderr\n%s\nwant %s", res.Code, res.Stderr, tc.want)
			}
		})
	}
	if res := shoretest.Run(t, "topics", "list"); res.Stderr != "" {
		t.Fatalf("without -v: stderr %q", res.Stderr)
	}
}

// --help before the command's name ('shore --help consume', as git --help
// commit is typed) shows that command's help. It said: unknown command
// "consume" (did you mean consume?), exit 2.
func TestHelpBeforeCommandName(t *testing.T) {
	for _, tc := range []struct{ before, after []string }{
		{[]string{"--help", "consume"}, []string{"consume", "--help"}},
		{[]string{"-h", "groups", "seek"}, []string{"groups", "seek", "--help"}},
		{[]string{"topics", "--help", "list"}, []string{"topics", "list", "--help"}},
		{[]string{"--help", "consume", "orders"}, []string{"consume", "--help"}},
		{[]string{"--help", "connection"}, []string{"help", "connection"}},
	} {
		want := shoretest.Run(t, tc.after...)
		wantRun(t, shoretest.Run(t, tc.before...), 0, want.Stdout, "")
	}
	// a word that names no command is still one
	wantRun(t, shoretest.Run(t, "--help", "consum"), 2, "", "shore: unknown command \"consum\" (did you mean consume?)\n"+seeRootHelp)
	wantRun(t, shoretest.Run(t, "--help", "groups", "lag"), 2, "", "shore: unknown command \"lag\" for \"shore groups\" (did you mean describe?)\n"+seeHelpFor("groups"))
}

// Flags without a command (shore -b HOST, as 'shore $CMD -b HOST' runs with
// $CMD empty; shore topics -v) are a usage error naming them, where they
// printed the help and exited 0, which a script took for success. Without
// flags, or with -h or --version, nothing changes.
func TestFlagsWithoutCommand(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"-b", "x:1"}, "shore: -b/--brokers given without a command: name the command it is for ('shore --help' lists them)\n"},
		{[]string{"--timeout", "5s"}, "shore: --timeout given without a command: name the command it is for ('shore --help' lists them)\n"},
		{[]string{"--tls"}, "shore: --tls given without a command: name the command it is for ('shore --help' lists them)\n"},
		{[]string{"-vv"}, "shore: -v/--verbose given without a command: name the command it is for ('shore --help' lists them)\n"},
		{[]string{"--tls", "-b", "x:1"}, "shore: -b/--brokers and --tls given without a command: name the command they are for ('shore --help' lists them)\n"},
		{[]string{"topics", "-v"}, "shore: -v/--verbose given to shore topics without a command: name the command it is for ('shore topics --help' lists them)\n"},
	} {
		wantRun(t, shoretest.Run(t, tc.args...), 2, "", tc.stderr)
	}
	help := shoretest.Run(t, "--help")
	for _, args := range [][]string{{}, {"-h"}} {
		wantRun(t, shoretest.Run(t, args...), 0, help.Stdout, "")
	}
	wantRun(t, shoretest.Run(t, "topics"), 0, shoretest.Run(t, "topics", "--help").Stdout, "")
	wantRun(t, shoretest.Run(t, "--version"), 0, shoretest.Run(t, "version").Stdout, "")
}

// A command that connects to no Kafka (dev, version, completion, help)
// refuses a connection flag, dev with the flag of its own that does the
// job, and its help does not offer them, where each took them and ignored
// them while dev's help offered -b, which it refused as an unknown flag, and
// --brokers HOST:PORT, which dev's deprecated --brokers (a count) refused as
// "not a whole number".
func TestNoConnectionCommandsRefuseConnectionFlags(t *testing.T) {
	none := func(flag, command string) string {
		return "shore: " + flag + " is a connection flag, which shore " + command + " does not take: it connects to no Kafka\n" + seeHelpFor(command)
	}
	dev := func(flag, hint string) string {
		return "shore: " + flag + " is a client's connection flag, which shore dev does not take: " + hint + "\n" + seeHelpFor("dev")
	}
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"dev", "-b", "x:1"}, dev("-b/--brokers", "the brokers it serves listen at --listen, --num-brokers of them")},
		{[]string{"-b", "x:1", "dev"}, dev("-b/--brokers", "the brokers it serves listen at --listen, --num-brokers of them")},
		// The long name, which dev's deprecated --brokers (a count) took
		// and refused as "not a whole number".
		{[]string{"--brokers", "x:1", "dev"}, dev("-b/--brokers", "the brokers it serves listen at --listen, --num-brokers of them")},
		{[]string{"dev", "--brokers", "x:1"}, dev("-b/--brokers", "the brokers it serves listen at --listen, --num-brokers of them")},
		{[]string{"dev", "--tls-ca", "ca.pem"}, dev("--tls-ca", "its brokers speak TLS with --server-cert and --server-key, and demand a client's certificate with --client-ca")},
		{[]string{"dev", "--sasl-mechanism", "PLAIN"}, dev("--sasl-mechanism", "its brokers demand a login with --sasl USER:PASSWORD")},
		{[]string{"dev", "--registry", "http://r:8081"}, dev("--registry", "the schema registry it serves listens at --registry-listen")},
		{[]string{"dev", "--config", "/nonexistent.yaml"}, none("--config", "dev")},
		{[]string{"dev", "--profile", "nope"}, none("--profile", "dev")},
		{[]string{"version", "-b", "x:1"}, none("-b/--brokers", "version")},
		{[]string{"version", "--timeout", "1s"}, none("--timeout", "version")},
		{[]string{"completion", "bash", "--tls"}, none("--tls", "completion bash")},
		{[]string{"help", "--profile", "p", "connection"}, "shore: --profile is a connection flag, which shore help does not take: it connects to no Kafka\n" + seeRootHelp},
	} {
		wantRun(t, shoretest.Run(t, tc.args...), 2, "", tc.stderr)
	}
	for _, args := range [][]string{{"dev", "--help"}, {"version", "--help"}, {"completion", "bash", "--help"}} {
		res := shoretest.Run(t, args...)
		if want := "\nGlobal flags: -v/--verbose (-vv) and -h/--help; it connects to no Kafka, so it\ntakes no connection flag.\n"; res.Code != 0 || !strings.HasSuffix(res.Stdout, want) || strings.Contains(res.Stdout, "-b,") {
			t.Errorf("%s: exit %d, want it to end with %q:\n%s", strings.Join(args, " "), res.Code, want, res.Stdout)
		}
	}
	// Completion still offers a connecting command's connection flags.
	if res := shoretest.Run(t, "__complete", "consume", "--tls-c"); res.Code != 0 || !strings.Contains(res.Stdout, "--tls-ca\t") {
		t.Errorf("__complete consume --tls-c: exit %d stdout %q", res.Code, res.Stdout)
	}
}

// TAB offers a command that connects to no Kafka (dev, version, completion,
// help) none of the connection flags it refuses, where 'shore dev --' offered
// --config, --tls-ca and the rest; a command that connects still gets every
// one. One already typed before dev is passed over: 'shore -b x dev --<TAB>'
// offered the directory's files, not dev's flags, after cobra's "unknown
// shorthand flag: 'b' in -b" (dev's own deprecated --brokers hides root's -b).
func TestCompletionOffersNoConnectionFlags(t *testing.T) {
	offered := func(args ...string) map[string]bool {
		t.Helper()
		res := shoretest.Run(t, append([]string{"__complete"}, args...)...)
		if res.Code != 0 {
			t.Fatalf("__complete %s: exit %d stderr %q", strings.Join(args, " "), res.Code, res.Stderr)
		}
		names := map[string]bool{}
		for _, line := range strings.Split(res.Stdout, "\n") {
			name, _, _ := strings.Cut(line, "\t")
			names[name] = true
		}
		return names
	}
	for _, args := range [][]string{{"dev", "--"}, {"dev", "-"}, {"-b", "x", "dev", "--"}, {"--tls-ca", "x", "dev", "-"}, {"version", "--"}, {"completion", "--"}, {"completion", "bash", "--"}, {"help", "--"}} {
		names := offered(args...)
		for _, s := range config.Settings() {
			if s.Flag != "" && names["--"+s.Flag] || s.Short != "" && names["-"+s.Short] {
				t.Errorf("__complete %s offers --%s", strings.Join(args, " "), s.Flag)
			}
		}
		if !names["--verbose"] || !names["--help"] {
			t.Errorf("__complete %s offers neither --verbose nor --help: %v", strings.Join(args, " "), names)
		}
		if slices.Contains(args, "dev") && !names["--listen"] {
			t.Errorf("__complete %s does not offer dev's --listen: %v", strings.Join(args, " "), names)
		}
	}
	consume := offered("consume", "--")
	for _, s := range config.Settings() {
		if s.Flag != "" && !consume["--"+s.Flag] {
			t.Errorf("__complete consume -- does not offer --%s", s.Flag)
		}
	}
}

// Help fits on a screen: a command's help lists its own flags and points at
// 'shore help connection' for the global ones, which that topic lists with
// their variables and profile keys.
func TestHelpPointsAtConnection(t *testing.T) {
	res := shoretest.Run(t, "topics", "create", "--help")
	if res.Code != 0 || !strings.Contains(res.Stdout, "\nGlobal flags: -v/--verbose (-vv), -h/--help, and the connection flags") ||
		strings.Contains(res.Stdout, "--sasl-password-file") || strings.Contains(res.Stdout, "--tls-ca") {
		t.Fatalf("exit %d, topics create --help:\n%s", res.Code, res.Stdout)
	}
	if lines := strings.Count(res.Stdout, "\n"); lines > 50 {
		t.Errorf("topics create --help is %d lines", lines)
	}
	// every command's help sends the reader there for -v/--verbose too
	res = shoretest.Run(t, "help", "connection")
	for _, want := range []string{"  -b, --brokers strings", "--sasl-password-file string", "\n  -v, --verbose count   -v: say what shore did"} {
		if res.Code != 0 || !strings.Contains(res.Stdout, want) {
			t.Errorf("help connection lacks %q:\n%s", want, res.Stdout)
		}
	}
	// The tables of names are aligned, whatever the longest flag.
	_, tables, _ := strings.Cut(res.Stdout, "\nFLAG ")
	env, keys, _ := strings.Cut(tables, "\n\nFLAG ")
	for _, tc := range []struct{ table, cell string }{{env, `SHORE_\S+`}, {keys, `\S+`}} {
		lines := strings.Split(strings.TrimRight(tc.table, "\n"), "\n")
		row := regexp.MustCompile(`^  (\S+) +(` + tc.cell + `)$`)
		for _, line := range lines[1:] {
			m := row.FindStringSubmatchIndex(line)
			if m == nil || m[4] != len("FLAG ")+len(lines[0])-len(strings.TrimLeft(lines[0], " ")) {
				t.Fatalf("help connection: row %q is not aligned with its header:\n%s", line, tc.table)
			}
		}
	}
	if !strings.Contains(env, "  --tls-ca  ") || !strings.Contains(env, " SHORE_TLS_CA\n") || !strings.Contains(keys, " tls.ca-file\n") {
		t.Errorf("help connection: the tables lack --tls-ca, SHORE_TLS_CA or tls.ca-file:\n%s", tables)
	}
	root := shoretest.Run(t, "--help")
	for _, topic := range []string{"config-file", "connection", "exit-codes", "json", "layouts", "security"} {
		if !strings.Contains(root.Stdout, "\n  shore help "+topic+" ") {
			t.Errorf("shore --help does not list the topic %s:\n%s", topic, root.Stdout)
		}
		// A topic must not share a command's name: 'shore help NAME'
		// would show the command ('config' did).
		if res := shoretest.Run(t, "help", topic); res.Code != 0 || len(res.Stdout) < 200 || res.Stderr != "" || strings.Contains(res.Stdout, "Usage:") {
			t.Errorf("shore help %s: exit %d, %d bytes, stderr %q; want the topic's text alone:\n%s", topic, res.Code, len(res.Stdout), res.Stderr, res.Stdout)
		}
	}
}

// TestHelpSaysTimeWithoutZone: every command that reads @TIME says, where
// its help describes TIME, that a time without a zone is UTC; a person in
// another zone who typed @2026-11-23T09:00:00 was not told whose nine.
func TestHelpSaysTimeWithoutZone(t *testing.T) {
	for _, args := range [][]string{{"consume", "--help"}, {"groups", "seek", "--help"}, {"offsets", "--help"}} {
		res := shoretest.Run(t, args...)
		// the words as one reads them, across the lines --help wraps them on
		words := strings.Join(strings.Fields(res.Stdout), " ")
		if want := "RFC 3339 (2026-11-23T09:00:00Z; UTC when it has no zone, as 2026-11-23T09:00:00)"; res.Code != 0 || !strings.Contains(words, want) {
			t.Errorf("%v: exit %d, want %q in\n%s", args, res.Code, want, res.Stdout)
		}
	}
}

// TestHelpExitStatusFits: each command's EXIT STATUS names only what can
// fail for it, where groups delete inherited "a refused commit" from the
// other groups verbs and cluster "unknown topic" from the topics commands,
// and all that can: commit's and describe's left out a topic the login may
// not describe, which fails them.
func TestHelpExitStatusFits(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // exit 1's line, as --help wraps it
	}{
		{[]string{"groups", "delete"}, "  1    failure (unreachable broker, unknown group, active members)\n"},
		{[]string{"groups", "list"}, "  1    failure (unreachable broker)\n"},
		{[]string{"groups", "commit"}, "  1    failure (unreachable broker, unknown topic or partition, a topic the\n       login may not describe, active members, a refused commit)\n"},
		{[]string{"groups", "describe"}, "  1    failure (unreachable broker, unknown group or --topic, a group or --topic\n       the login may not describe)\n"},
		{[]string{"groups", "seek"}, "  1    failure (unreachable broker, unknown group, topic or partition, a topic\n       the login may not describe, active members, a refused commit)\n"},
		{[]string{"cluster"}, "  1    failure (unreachable broker, request refused by Kafka)\n"},
		{[]string{"topics", "create"}, "  1    failure (unreachable broker, existing topic, request refused by Kafka)\n"},
	} {
		res := shoretest.Run(t, append(tc.args, "--help")...)
		_, section, _ := strings.Cut(res.Stdout, "\nEXIT STATUS\n")
		if res.Code != 0 || !strings.Contains(section, "\n"+tc.want) {
			t.Errorf("%v --help: exit %d, want exit status line\n%s\nin\n%s", tc.args, res.Code, tc.want, section)
		}
	}
}

// TestReadyHelpSaysWhatEndsHow: ready --help, written for the script that
// runs it, sorts what ready tries again until --wait from what ends it at
// once, each with its exit status, and its EXIT STATUS says when each
// comes; the paragraph that said it ran exits 2 and 3, the retries and the
// 5s line into one another.
func TestReadyHelpSaysWhatEndsHow(t *testing.T) {
	res := shoretest.Run(t, "ready", "--help")
	for _, want := range []string{
		"\nTried again until --wait runs out (then exit 3, saying what the last try\nfound):\n  - no broker answers:",
		"\nEnds at once:\n  - exit 2, a configuration that cannot work:",
		"\n  - exit 3, the one --brokers address answers in another protocol than\n",
		"\n  - --wait 0: one try,",
		`
EXIT STATUS
  0    ready: a broker answers, and every TOPIC exists with a leader for each
       partition
  2    usage or configuration error, at once: bad flag or argument, a
       configuration that cannot work
  3    not ready: when --wait runs out, at once with --wait 0, or at once when
       the one broker address is no Kafka broker's; the line says why
  130  interrupted
`,
	} {
		if res.Code != 0 || !strings.Contains(res.Stdout, want) {
			t.Errorf("exit %d, want %q in\n%s", res.Code, want, res.Stdout)
		}
	}
}

// TestHelpJSONSaysTime: help json, where produce reads "timestamp" as a
// TIME string, says what TIME is in the words the other help texts use
// (format.TimeSyntax, here wrapped to the topic's width), where it named
// TIME without saying it.
func TestHelpJSONSaysTime(t *testing.T) {
	res := shoretest.Run(t, "help", "json")
	if want := "A TIME string is " + format.TimeSyntax + "; " + format.TimeDigitsRefused + "."; res.Code != 0 || !strings.Contains(strings.Join(strings.Fields(res.Stdout), " "), want) {
		t.Errorf("exit %d, want %q in\n%s", res.Code, want, res.Stdout)
	}
}

// TestHelpJSONListsEveryOutput: help json, which says it gives the shape of
// every -o json, names each command that has one, where check and the
// registry commands were left out.
func TestHelpJSONListsEveryOutput(t *testing.T) {
	res := shoretest.Run(t, "help", "json")
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if o := c.LocalFlags().Lookup("output"); o != nil && strings.Contains(o.Usage, "json") {
			// A verb may share its parent's line: "groups seek, commit".
			parent := strings.TrimPrefix(strings.TrimPrefix(c.Parent().CommandPath(), "shore"), " ")
			if parent != "" {
				parent += " "
			}
			name := parent + c.Name()
			if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(parent) + `(\S+, )*` + regexp.QuoteMeta(c.Name()) + `[ ,]`).MatchString(res.Stdout) {
				t.Errorf("shore %s has -o json, which help json does not give", name)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(cmd.NewRootCmd(&cmd.Factory{}))
}

// docs/commands is generated from the command tree ('make docs'); a change
// to a command's help, flags or the help topics must regenerate it.
func TestDocsUpToDate(t *testing.T) {
	dir := t.TempDir()
	if err := cmd.GenDocs(dir); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	have, _ := os.ReadDir("../docs/commands")
	names := func(es []os.DirEntry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		return out
	}
	if !reflect.DeepEqual(names(want), names(have)) {
		t.Fatalf("docs/commands has %v, the commands make %v: run make docs", names(have), names(want))
	}
	for _, e := range want {
		gen, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		checked, _ := os.ReadFile(filepath.Join("../docs/commands", e.Name()))
		if !bytes.Equal(gen, checked) {
			t.Errorf("docs/commands/%s differs from the command's help: run make docs", e.Name())
		}
	}
}
