package cmd_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// listener is one secured way into the test cluster: the global flags and
// environment a client needs, and the secret that must never show.
type listener struct {
	name   string
	args   []string
	env    map[string]string
	secret string
}

func listeners(t *testing.T) []listener {
	t.Helper()
	s := testbroker.Secured(t)
	join := func(b []string) string { return strings.Join(b, ",") }
	pw := map[string]string{"SHORE_SASL_PASSWORD": testbroker.SASLPassword}
	out := []listener{{
		name: "SSL with a client certificate",
		args: []string{"-b", join(s.TLS), "--tls-ca", s.Certs.CA, "--tls-cert", s.Certs.ClientCert, "--tls-key", s.Certs.ClientKey},
	}}
	for _, m := range testbroker.SASLMechanisms {
		sasl := []string{"--sasl-mechanism", m, "--sasl-username", testbroker.SASLUser}
		out = append(out,
			listener{"SASL_PLAINTEXT " + m, append([]string{"-b", join(s.SASL)}, sasl...), pw, testbroker.SASLPassword},
			listener{"SASL_SSL " + m, append([]string{"-b", join(s.SASLSSL), "--tls-ca", s.Certs.CA}, sasl...), pw, testbroker.SASLPassword},
		)
	}
	if testbroker.Real() {
		token := testbroker.UnsignedToken()
		out = append(out, listener{"SASL_SSL OAUTHBEARER",
			[]string{"-b", join(s.SASLSSL), "--tls-ca", s.Certs.CA, "--sasl-mechanism", "OAUTHBEARER"},
			map[string]string{"SHORE_SASL_TOKEN": token}, token})
	}
	return out
}

// TestCommandsOverEveryListener runs shore's commands over every secured
// listener, each step with -v so that the client's log is checked for the
// secret too. Each command is one row.
func TestCommandsOverEveryListener(t *testing.T) {
	type step struct {
		args   func(topic, group string) []string
		stdin  string
		stdout func(topic string) string // exact, or nil to check only the exit code
	}
	offsets := func(topic string) string {
		w := max(len("TOPIC"), len(topic))
		line := func(cells ...string) string {
			return fmt.Sprintf("%-*s  %-9s  %-9s  %s\n", w, cells[0], cells[1], cells[2], cells[3])
		}
		return line("TOPIC", "PARTITION", "LOG-START", "LOG-END") + line(topic, "0", "0", "2")
	}
	records := func(string) string { return "k1 v1\nk2 v2\n" }
	steps := []step{
		{func(topic, _ string) []string { return []string{"topics", "create", topic, "-p", "1", "-r", "1"} }, "", nil},
		{func(topic, _ string) []string { return []string{"topics", "describe", topic} }, "", nil},
		{func(topic, _ string) []string { return []string{"produce", topic, "-K", " "} }, "k1 v1\nk2 v2\n", nil},
		{func(topic, _ string) []string { return []string{"offsets", topic} }, "", offsets},
		{func(string, string) []string { return []string{"topics", "list"} }, "", nil},
		{func(string, string) []string { return []string{"cluster"} }, "", nil},
		{func(topic, group string) []string {
			return []string{"consume", topic, "-e", "-g", group, "-f", "%k %v\\n"}
		}, "", records},
		{func(string, string) []string { return []string{"groups", "list"} }, "", nil},
		{func(_, group string) []string { return []string{"groups", "describe", group} }, "", nil},
		{func(topic, _ string) []string { return []string{"topics", "delete", topic} }, "", nil},
	}
	for _, l := range listeners(t) {
		t.Run(l.name, func(t *testing.T) {
			t.Parallel()
			topic, group := testbroker.Name(t, "topic"), testbroker.Name(t, "group")
			for _, s := range steps {
				args := append(append(append([]string{}, l.args...), "-vv"), s.args(topic, group)...)
				res := shoretest.RunWith(t, shoretest.Opts{Env: l.env, Stdin: s.stdin}, args...)
				if res.Code != 0 {
					t.Fatalf("%v: exit %d\n%s", args, res.Code, res.Stderr)
				}
				if s.stdout != nil && res.Stdout != s.stdout(topic) {
					t.Errorf("%v: stdout\n%s\nwant\n%s", args, res.Stdout, s.stdout(topic))
				}
				if l.secret != "" && strings.Contains(res.Stdout+res.Stderr, l.secret) {
					t.Errorf("%v shows the secret:\n%s%s", args, res.Stdout, res.Stderr)
				}
			}
		})
	}
}

// TestSecurityErrorsOfCommands checks what a command prints and its exit
// status when the first contact fails, and that no secret shows, -v, -vv or not.
func TestSecurityErrorsOfCommands(t *testing.T) {
	s := testbroker.Secured(t)
	sasl := strings.Join(s.SASL, ",")
	wrong := "Wrong-Secret-6c2f"
	for _, tc := range []struct {
		name   string
		args   []string
		env    map[string]string
		secret string
		code   int
		stderr string
	}{
		{"wrong password", []string{"-b", sasl, "--sasl-mechanism", "SCRAM-SHA-512", "--sasl-username", "alice", "topics", "list"},
			map[string]string{"SHORE_SASL_PASSWORD": wrong}, wrong, 1,
			"shore: cannot connect to " + sasl + ": authentication failed for user \"alice\" with SCRAM-SHA-512, using the password from SHORE_SASL_PASSWORD\n"},
		{"password on the command line", []string{"-b", sasl, "--sasl-mechanism", "PLAIN", "--sasl-username", "alice", "--sasl-password", wrong, "offsets", "x"}, nil, wrong, 1,
			"shore: warning: --sasl-password shows in the process list to every user of this machine; use SHORE_SASL_PASSWORD, --sasl-password-file or --sasl-password-command\n" +
				"shore: cannot connect to " + sasl + ": authentication failed for user \"alice\" with PLAIN, using the password from --sasl-password\n"},
		{"failing password command", []string{"-b", sasl, "--sasl-mechanism", "PLAIN", "--sasl-username", "alice", "--sasl-password-command", "printf '%s-%s' Printed Secret; exit 4", "cluster"}, nil, "Printed-Secret", 2,
			configError("cluster", "--sasl-password-command \"printf '%s-%s' Printed Secret; exit 4\" failed: exit status 4")},
		{"plaintext to TLS", []string{"-b", strings.Join(s.TLS, ","), "topics", "list"}, nil, "", 1,
			"shore: cannot connect to " + strings.Join(s.TLS, ",") + ": the broker speaks TLS on this port; connect with --tls (and --tls-ca if a private CA signed its certificate)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, tc.args...)
			if res.Code != tc.code || res.Stdout != "" || res.Stderr != tc.stderr {
				t.Errorf("exit %d, stdout %q, stderr\n%q\nwant %d, \"\",\n%q", res.Code, res.Stdout, res.Stderr, tc.code, tc.stderr)
			}
			for _, v := range []string{"-v", "-vv"} {
				verbose := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, append([]string{v}, tc.args...)...)
				if tc.secret != "" && strings.Contains(res.Stderr+verbose.Stdout+verbose.Stderr, tc.secret) {
					t.Errorf("%s shows the secret:\n%s", v, verbose.Stderr)
				}
			}
		})
	}
}
