package cmd_test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testcerts"
)

// readmeComment is a command line's trailing comment in the README: what
// the line prints on stdout (`# {"celsius":21.5}`), or its exit status and
// what it says on stderr (`# exit 1: ... missing property`).
var readmeComment = regexp.MustCompile(`\s{2,}# (.*)$`)

var readmeExit = regexp.MustCompile(`^exit (\d+): (.*)$`)

// repoFile is the text of the repository's file at path (README.md,
// docs/guide.md), which a new user follows as written.
func repoFile(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", path))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// needTool skips the test when the program name, which the documents'
// lines run, is not on PATH.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("no %s: %v", name, err)
	}
}

// readmeLines are the command lines of the README's indented blocks between
// the line containing from and the next line containing to, a line that
// ends in a backslash joined with the next.
func readmeLines(t *testing.T, readme, from, to string) []string {
	t.Helper()
	_, rest, ok := strings.Cut(readme, from)
	if !ok {
		t.Fatalf("README.md has no %q", from)
	}
	block, _, ok := strings.Cut(rest, to)
	if !ok {
		t.Fatalf("README.md has no %q after %q", to, from)
	}
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(block, "\\\n", ""), "\n") {
		if l = strings.TrimPrefix(l, "    "); strings.HasPrefix(l, "shore ") || strings.HasPrefix(l, "printf ") || strings.HasPrefix(l, "echo ") {
			lines = append(lines, l)
		}
	}
	return lines
}

// devShell starts shore dev with args on a free port and returns a
// function that runs a command line with bash, as a user types it: in a
// temporary directory, with shore on PATH and SHORE_BROKERS and
// SHORE_REGISTRY_URL set to what shore dev printed.
func devShell(t *testing.T, args ...string) func(line string) (code int, stdout, stderr string) {
	t.Helper()
	addr, registry, _ := startDevRegistry(t, append(args, "--listen", "127.0.0.1:0")...)
	dir := t.TempDir()
	env := shoretest.Environ(t, map[string]string{"SHORE_BROKERS": addr, "SHORE_REGISTRY_URL": registry})
	for i, e := range env {
		if strings.HasPrefix(e, "PATH=") {
			env[i] = "PATH=" + filepath.Dir(shoretest.Binary(t)) + ":" + strings.TrimPrefix(e, "PATH=")
		}
	}
	return func(line string) (int, string, string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c := exec.CommandContext(ctx, "bash", "-c", line)
		c.Dir, c.Env = dir, env
		var stdout, stderr strings.Builder
		c.Stdout, c.Stderr = &stdout, &stderr
		err := c.Run()
		code := c.ProcessState.ExitCode()
		if err != nil && code <= 0 {
			t.Fatalf("%s: %v", line, err)
		}
		return code, stdout.String(), stderr.String()
	}
}

// The README's walkthroughs (the quickstart by hand, one example per
// schema format) run as written, one line after the other, against the
// shore dev the quickstart starts (on a free port): a new user following
// them sees every line succeed and print what its comment shows, or fail
// as its comment says.
func TestReadmeWalkthroughs(t *testing.T) {
	readme := repoFile(t, "README.md")
	lines := append(readmeLines(t, readme, "Or by hand", "## Commands"),
		readmeLines(t, readme, "One example per format", "[docs/guide.md]")...)
	dev := readmeComment.ReplaceAllString(lines[0], "")
	if !strings.HasPrefix(dev, "shore dev ") {
		t.Fatalf("the quickstart does not start with shore dev: %q", lines[0])
	}
	run := devShell(t, strings.Fields(strings.TrimPrefix(dev, "shore dev "))...)
	for _, line := range lines[1:] {
		wantCode, wantStdout, wantStderr := 0, "", ""
		if m := readmeComment.FindStringSubmatch(line); m != nil {
			if x := readmeExit.FindStringSubmatch(m[1]); x != nil {
				wantCode, _ = strconv.Atoi(x[1])
				wantStderr = x[2]
			} else if strings.HasPrefix(m[1], "{") || strings.HasPrefix(m[1], `"`) {
				wantStdout = m[1]
			}
		}
		code, stdout, stderr := run(line)
		if code != wantCode || !strings.Contains(stdout, wantStdout) || !strings.Contains(stderr, wantStderr) || (wantCode == 0 && stderr != "") {
			t.Errorf("%s\nexit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d, stdout with %q, stderr with %q", line, code, stdout, stderr, wantCode, wantStdout, wantStderr)
		}
	}
}

// example is the first example line of the command at path (such as
// "groups delete") that contains part, without its "$ ".
func example(t *testing.T, path, part string) string {
	t.Helper()
	c, _, err := cmd.NewRootCmd(&cmd.Factory{}).Find(strings.Fields(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(c.Example, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "$ ") && strings.Contains(l, part) {
			return strings.TrimPrefix(l, "$ ")
		}
	}
	t.Fatalf("shore %s has no example with %q", path, part)
	return ""
}

// Examples that write to groups run as written on the quickstart's shore
// dev (orders with 3 partitions), each in its own cluster: committing to a
// partition orders has, and deleting the Empty groups when there are none.
func TestExamplesOnQuickstartDev(t *testing.T) {
	needTool(t, "jq")
	_, poison, _ := strings.Cut(repoFile(t, "README.md"), "# skip one poison record\n")
	poison, _, _ = strings.Cut(strings.TrimSpace(poison), "\n")
	for _, tc := range []struct {
		line, stdout, stderr string
	}{
		{poison, "committed", "shore: warning: orders:2: offset 1042 is past the log end 0; committed as given: until the log reaches it, the group's next consumer starts where its offset reset policy says, not at 1042\n"},
		{example(t, "groups commit", "1042"), "committed", "shore: warning: orders:2: offset 1042 is past the log end 0; committed as given: until the log reaches it, the group's next consumer starts where its offset reset policy says, not at 1042\n"},
		{example(t, "groups delete", "xargs"), "", ""},
	} {
		run := devShell(t, "--topic", "orders:3")
		code, stdout, stderr := run(tc.line)
		if code != 0 || !strings.Contains(stdout, tc.stdout) || stderr != tc.stderr {
			t.Errorf("%s\nexit %d, stdout:\n%s\nstderr:\n%s\nwant exit 0, stdout with %q, stderr %q", tc.line, code, stdout, stderr, tc.stdout, tc.stderr)
		}
	}
}

// TestGuideProfilesWalkthrough: the guide's walkthrough of config
// profiles, use and view runs as written, line after line, against a shore
// dev on free ports in place of the default ones its file names: the
// profiles listed, a topic listed through the current profile, staging made
// current and viewed (its password command shown, never run), dev used by
// --profile and then made current again.
func TestGuideProfilesWalkthrough(t *testing.T) {
	needTool(t, "jq")
	_, section, _ := strings.Cut(repoFile(t, "docs/guide.md"), "## Profiles: `shore config`\n")
	section, _, _ = strings.Cut(section, "\n- ")
	_, block, ok := strings.Cut(section, "\n    cat > shore.yaml")
	if !ok {
		t.Fatal("the guide's Profiles section has no block that starts with cat > shore.yaml")
	}
	script := strings.ReplaceAll("    cat > shore.yaml"+block, "\n    ", "\n")
	run := devShell(t, "--topic", "orders")
	_, dev, _ := run("echo $SHORE_BROKERS $SHORE_REGISTRY_URL")
	addr, registry, _ := strings.Cut(strings.TrimSpace(dev), " ")
	// The variables devShell sets would override the profiles.
	script = "unset SHORE_BROKERS SHORE_REGISTRY_URL\nset -e\n" +
		strings.NewReplacer("127.0.0.1:9092", addr, "http://127.0.0.1:8081", registry).Replace(strings.TrimPrefix(script, "    "))
	code, stdout, stderr := run(script)
	for _, want := range []string{"*        dev ", "\norders  ", "profile: staging\n", "  password-command: pass show kafka/staging\n", "\n" + addr + "\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout has no %q", want)
		}
	}
	wantStderr := "shore: current profile is now staging (DIR/shore.yaml)\nshore: current profile is now dev (DIR/shore.yaml)\n"
	if code != 0 || regexp.MustCompile(`\(/.*/shore.yaml\)`).ReplaceAllString(stderr, "(DIR/shore.yaml)") != wantStderr {
		t.Errorf("%s\nexit %d, stdout:\n%s\nstderr:\n%s\nwant exit 0, stderr %q", script, code, stdout, stderr, wantStderr)
	}
}

// TestGuideCIJob: the guide's CI job runs as written: it starts shore dev
// as a coprocess on free ports, reads its two lines and checks the
// cluster, and the trap stops shore dev when it ends. With the brokers'
// port in use, shore dev says so on stderr and the script ends at its
// read, exit 1. The help said only 'shore dev --listen 127.0.0.1:0 > addrs &
// ...', leaving a script to guess when the file held the addresses.
func TestGuideCIJob(t *testing.T) {
	needTool(t, "jq")
	_, section, _ := strings.Cut(repoFile(t, "docs/guide.md"), "\n### In a CI job\n")
	section, _, _ = strings.Cut(section, "\n## ")
	var script []string
	for _, l := range strings.Split(section, "\n") {
		if code, ok := strings.CutPrefix(l, "    "); ok {
			script = append(script, code)
		}
	}
	if len(script) == 0 {
		t.Fatal("the guide's In a CI job section has no script")
	}
	env := shoretest.Environ(t, nil)
	for i, e := range env {
		if strings.HasPrefix(e, "PATH=") {
			env[i] = "PATH=" + filepath.Dir(shoretest.Binary(t)) + ":" + strings.TrimPrefix(e, "PATH=")
		}
	}
	run := func(script string) (int, string, string) {
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		c := exec.CommandContext(ctx, "bash", "-c", script)
		c.Dir, c.Env = t.TempDir(), env
		var stdout, stderr strings.Builder
		c.Stdout, c.Stderr = &stdout, &stderr
		_ = c.Run()
		return c.ProcessState.ExitCode(), stdout.String(), stderr.String()
	}
	started := regexp.MustCompile(`^shore dev: 1 broker at 127\.0\.0\.1:\d+, schema registry at http://127\.0\.0\.1:\d+, in memory only: everything is lost when it stops; Ctrl-C stops\nshore dev: stopping\n$`)
	code, stdout, stderr := run(strings.Join(script, "\n"))
	if code != 0 || stdout != "true\n" || !started.MatchString(stderr) {
		t.Errorf("%s\nexit %d, stdout %q, stderr %q; want 0, true and shore dev's start and stop", strings.Join(script, "\n"), code, stdout, stderr)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	inUse := strings.ReplaceAll(strings.Join(script, "\n"), "127.0.0.1:0", busy.Addr().String())
	code, stdout, stderr = run(inUse)
	if want := "shore: cannot listen on " + busy.Addr().String() + ": address already in use\n"; code != 1 || stdout != "" || stderr != want {
		t.Errorf("%s\nexit %d, stdout %q, stderr %q; want 1, nothing and the stderr %q", inUse, code, stdout, stderr, want)
	}
}

// TestConsumeUntilExamplesRun: the --until examples of consume --help run
// as written on shore dev and find the record whose key they name, sent
// before (the example) or while (FILTER AND WAIT's CI pattern, with
// send-request as a function that produces it) they wait. The help's key
// was 42, which the expression sees as the number 42: .key == "42" waited
// out its 30s and exited 3.
func TestConsumeUntilExamplesRun(t *testing.T) {
	keyOf := regexp.MustCompile(`\.key == "([^"]+)"`)
	c, _, err := cmd.NewRootCmd(&cmd.Factory{}).Find([]string{"consume"})
	if err != nil {
		t.Fatal(err)
	}
	var pattern []string
	for _, l := range strings.Split(c.Long, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "shore consume replies ") || len(pattern) > 0 && len(pattern) < 4 {
			pattern = append(pattern, l)
		}
	}
	if len(pattern) != 4 || !strings.HasSuffix(pattern[1], "& waiter=$!") || !strings.HasPrefix(pattern[2], "send-request ") || pattern[3] != "wait $waiter" {
		t.Fatalf("consume --help's CI pattern is not the four lines expected: %q", pattern)
	}
	line := example(t, "consume", "--until")
	for _, tc := range []struct{ script, key string }{
		{"echo reply | shore produce orders -k KEY && " + line, keyOf.FindStringSubmatch(line)[1]},
		{"send-request() { echo reply | shore produce replies -k \"$1\"; }\n" + strings.Join(pattern, "\n"), keyOf.FindStringSubmatch(pattern[1])[1]},
	} {
		run := devShell(t, "--topic", "orders:3", "--topic", "replies")
		script := strings.ReplaceAll(tc.script, "KEY", tc.key)
		if code, stdout, stderr := run(script); code != 0 || stdout != "reply\n" || stderr != "" {
			t.Errorf("%s\nexit %d, stdout %q, stderr %q; want exit 0 and the reply", script, code, stdout, stderr)
		}
	}
}

// exampleFiles are the files the --help examples name, each with content
// that shore takes, so that an example stops at the broker, not at a file.
var exampleFiles = map[string]string{
	"events.txt":          "u1:login\n",
	"payments.jsonl":      `{"id":"p1","amount":12.5}` + "\n",
	"payment.avsc":        `{"type":"record","name":"Payment","fields":[{"name":"id","type":"string"},{"name":"amount","type":"double"}]}`,
	"orders.avsc":         `{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"string"}]}`,
	"address.avsc":        `{"type":"record","name":"Address","namespace":"shop","fields":[{"name":"street","type":"string"}]}`,
	"orders.proto":        "syntax = \"proto3\";\nmessage Order { string id = 1; }\n",
	"clicks.proto":        "syntax = \"proto3\";\nmessage Click { string url = 1; }\n",
	"billing-offsets.csv": "orders,0,5\n",
	"plan.csv":            "orders,0,5\n",
	"config.yaml":         "current-profile: local\nprofiles:\n  local:\n    brokers: [127.0.0.1:1]\n  prod:\n    brokers: [127.0.0.1:1]\n",
	"shore.yaml":          "profiles:\n  local:\n    brokers: [127.0.0.1:1]\n",
}

// exampleTools are the secret managers the examples run for a password
// (--sasl-password-command 'pass show kafka/ops'), each a script that
// prints one, so that an example stops at the broker, not at a tool this
// machine lacks: a command that gives no password is a configuration
// error.
var exampleTools = map[string]string{
	"pass": "#!/bin/sh\necho example-secret\n",
}

// Every example of every command's --help, and of the README's one
// example per job, gets past shore's checks of its flags, arguments, files
// and configuration as written: run by bash in a directory holding the
// files it names (with the profiles and the certificates it names, and
// the secret managers it runs on PATH),
// against brokers and a schema registry that refuse connections, none is a
// usage or configuration error (exit 2). An example still running after a
// few seconds (ready --wait) is past them too. shore dev's examples are
// left out: they serve on fixed ports.
func TestExamplesPassChecks(t *testing.T) {
	needTool(t, "jq")
	lines := readmeLines(t, repoFile(t, "README.md"), "## One example per job", "## Schemas")
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, l := range strings.Split(c.Example, "\n") {
			if line, ok := strings.CutPrefix(strings.TrimSpace(l), "$ "); ok {
				lines = append(lines, line)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(cmd.NewRootCmd(&cmd.Factory{}))
	certs, err := testcerts.New()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Dir(shoretest.Binary(t)) + ":" + os.Getenv("PATH")
	for _, line := range lines {
		if strings.HasPrefix(line, "shore dev") {
			continue
		}
		t.Run(line, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if _, err := certs.Write(dir); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(filepath.Join(dir, "protos"), 0o755); err != nil {
				t.Fatal(err)
			}
			for name, body := range exampleFiles {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			tools := filepath.Join(dir, "tools")
			if err := os.Mkdir(tools, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, body := range exampleTools {
				if err := os.WriteFile(filepath.Join(tools, name), []byte(body), 0o700); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			sh := exec.CommandContext(ctx, "bash", "-o", "pipefail", "-c", line)
			sh.Dir = dir
			sh.Env = []string{"PATH=" + tools + ":" + path, "HOME=" + dir, "SHORE_CONFIG=" + filepath.Join(dir, "config.yaml"), "SHORE_REGISTRY_URL=http://127.0.0.1:1"}
			// the passwords that shore dev's examples log in with, as their comments say
			if strings.Contains(line, "--sasl-username alice") {
				sh.Env = append(sh.Env, "SHORE_SASL_PASSWORD=dev-secret")
			}
			if strings.Contains(line, "--registry-username alice") {
				sh.Env = append(sh.Env, "SHORE_REGISTRY_PASSWORD=dev-secret")
			}
			// bash and the shore processes it starts, all of them
			sh.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			sh.Cancel = func() error { return syscall.Kill(-sh.Process.Pid, syscall.SIGKILL) }
			var stderr strings.Builder
			sh.Stderr = &stderr
			err := sh.Run()
			if code := sh.ProcessState.ExitCode(); ctx.Err() == nil && (err != nil && code <= 0 || code == 2 || code > 3) {
				t.Errorf("exit %d (%v), stderr:\n%s", code, err, stderr.String())
			}
		})
	}
}

// The README's table of commands names every command and verb, its one
// example per job runs every command but help and version, and 'shore help
// exit-codes' and shore --help's EXIT STATUS name every command whose own
// has a 3: a command or a condition added without them is caught here, as
// a new user reading those would miss it.
func TestDocsCoverCommands(t *testing.T) {
	readme := repoFile(t, "README.md")
	_, table, _ := strings.Cut(readme, "## Commands\n")
	table, _, _ = strings.Cut(table, "\n\n")
	_, jobs, _ := strings.Cut(readme, "## One example per job\n")
	jobs, _, _ = strings.Cut(jobs, "## Schemas")
	root := cmd.NewRootCmd(&cmd.Factory{})
	// where a user reads what exits 3: the topic, and shore --help's line 3
	_, rootExit3, _ := strings.Cut(root.Long, "\n  3    ")
	rootExit3, _, _ = strings.Cut(rootExit3, "\n  130")
	exit3Named := map[string]string{"shore --help's EXIT STATUS": rootExit3}
	for _, c := range root.Commands() {
		if c.Name() == "exit-codes" {
			exit3Named["'shore help exit-codes'"] = c.Long
		}
	}
	exit3 := regexp.MustCompile(`\n  3    (?:(\S+) only: )?`)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, c := range c.Commands() {
			if c.Hidden || c.Name() == "help" || c.IsAdditionalHelpTopicCommand() {
				continue
			}
			path := strings.TrimPrefix(c.CommandPath(), "shore ")
			// registry's verbs share one EXIT STATUS: "3    check only: ..."
			if m := exit3.FindStringSubmatch(c.Long); m != nil && (m[1] == "" || m[1] == c.Name()) {
				for where, text := range exit3Named {
					if !regexp.MustCompile(`\b` + path + `\b`).MatchString(strings.Join(strings.Fields(text), " ")) {
						t.Errorf("shore %s exits 3, and %s does not name it", path, where)
					}
				}
			}
			if c.Parent() == root {
				if !strings.Contains(table, "| `shore "+path) {
					t.Errorf("README's table of commands has no row for shore %s", path)
				}
				if path != "version" && !regexp.MustCompile(`\bshore `+path+`\b`).MatchString(jobs) {
					t.Errorf("README's one example per job has no shore %s", path)
				}
			} else if !regexp.MustCompile("\\| `shore " + c.Parent().Name() + " [^`]*\\b" + c.Name() + "\\b").MatchString(table) {
				t.Errorf("README's table of commands does not name shore %s", path)
			}
			walk(c)
		}
	}
	walk(root)
}
