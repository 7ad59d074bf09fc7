package config_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kafkashore/shore/config"
)

func TestSecretLayers(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, []byte(`current-profile: p
profiles:
  p:
    sasl:
      mechanism: SCRAM-SHA-512
      username: ops
      password-command: pass show kafka
      token-file: /run/token
  both:
    sasl:
      password: a
      password-file: /b
`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want config.SASL
		err  string
	}{
		{"profile", nil, nil,
			config.SASL{Mechanism: "SCRAM-SHA-512", Username: "ops", PasswordCommand: "pass show kafka", TokenFile: "/run/token"}, ""},
		{"environment replaces the profile's source", map[string]string{"SHORE_SASL_PASSWORD": "pw", "SHORE_SASL_TOKEN_COMMAND": "gcloud auth print-access-token"}, nil,
			config.SASL{Mechanism: "SCRAM-SHA-512", Username: "ops", Password: "pw", TokenCommand: "gcloud auth print-access-token"}, ""},
		{"flag replaces the environment's source", map[string]string{"SHORE_SASL_PASSWORD": "pw"}, []string{"--sasl-password-file", "/etc/pw"},
			config.SASL{Mechanism: "SCRAM-SHA-512", Username: "ops", PasswordFile: "/etc/pw", TokenFile: "/run/token"}, ""},
		{"two sources in the environment", map[string]string{"SHORE_SASL_PASSWORD": "pw", "SHORE_SASL_PASSWORD_FILE": "/f"}, nil, config.SASL{},
			"SHORE_SASL_PASSWORD and SHORE_SASL_PASSWORD_FILE are both set; keep one"},
		{"two sources in flags", nil, []string{"--sasl-token-file", "/t", "--sasl-token-command", "c"}, config.SASL{},
			"--sasl-token-file and --sasl-token-command are both set; keep one"},
		{"two sources in a profile", map[string]string{"SHORE_PROFILE": "both"}, nil, config.SASL{},
			"config file " + file + ":11: profiles.both.sasl.password and profiles.both.sasl.password-file (line 12) are both set; keep one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := load(t, append([]string{"--config", file}, tc.args...), tc.env)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(cfg.SASL, tc.want) {
				t.Errorf("got %+v\nwant %+v", cfg.SASL, tc.want)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	withPassword := "profiles:\n  p:\n    sasl:\n      password: hunter2\n"
	withToken := "profiles:\n  p:\n    sasl:\n      token: eyJhbGciOi\n"
	noSecret := "profiles:\n  p:\n    sasl:\n      password-command: pass show kafka\n"
	open := write("open.yaml", withPassword, 0o644)
	group := write("group.yaml", withToken, 0o640)
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{"nothing to say", []string{"--config", write("closed.yaml", withPassword, 0o600)}, nil, nil},
		{"a file without secrets", []string{"--config", write("plain.yaml", noSecret, 0o644)}, nil, nil},
		{"password in an open file", []string{"--config", open}, nil,
			[]string{open + " holds a SASL password and group or others can read it (mode 0644); run: chmod 600 " + open}},
		{"token in a group-readable file", []string{"--config", group}, nil,
			[]string{group + " holds a SASL token and group or others can read it (mode 0640); run: chmod 600 " + group}},
		{"password flag", []string{"--sasl-password", "eyJhbGciOi"}, nil,
			[]string{"--sasl-password shows in the process list to every user of this machine; use SHORE_SASL_PASSWORD, --sasl-password-file or --sasl-password-command"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"HOME": dir}
			for k, v := range tc.env {
				env[k] = v
			}
			cfg, err := load(t, tc.args, env)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(cfg.Warnings, tc.want) {
				t.Errorf("warnings %q\nwant %q", cfg.Warnings, tc.want)
			}
		})
	}
}

// TestInsecureWarning: the brokers' certificates not verified is told
// apart from the warnings every command prints, naming where it was set.
func TestInsecureWarning(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{nil, nil, ""},
		{[]string{"--tls-insecure"}, nil, "the Kafka brokers' TLS certificates are not verified (--tls-insecure): anyone on the network path can read and change this traffic"},
		{nil, map[string]string{"SHORE_TLS_INSECURE": "true"}, "the Kafka brokers' TLS certificates are not verified (SHORE_TLS_INSECURE): anyone on the network path can read and change this traffic"},
		{[]string{"--tls-insecure", "--tls=false"}, nil, ""},
	} {
		env := map[string]string{"HOME": t.TempDir()}
		maps.Copy(env, tc.env)
		cfg, err := load(t, tc.args, env)
		if err != nil {
			t.Fatal(err)
		}
		if got := cfg.InsecureWarning(); got != tc.want || len(cfg.Warnings) != 0 {
			t.Errorf("%q %v: InsecureWarning %q, Warnings %q; want %q and none", tc.args, tc.env, got, cfg.Warnings, tc.want)
		}
	}
}

func TestNoSecretInFormattedConfig(t *testing.T) {
	cfg := config.Config{Brokers: []string{"b:1"}, SASL: config.SASL{Mechanism: "PLAIN", Username: "u", Password: "Pw-Secret-8", Token: "Tok-Secret-8"}}
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(f, cfg)
		if strings.Contains(out, "Secret-8") || !strings.Contains(out, "password:********") {
			t.Errorf("%s shows %s", f, out)
		}
	}
}

// TestSecretCommandEndsWhole: without a terminal (scripts, CI), a password
// command that runs past the timeout, or is stopped by a signal (ctx
// cancelled), ends with what its shell started, where only the shell was killed and its child (sleep 30;
// echo pw, a vault read that hangs) ran on after shore had ended.
func TestSecretCommandEndsWhole(t *testing.T) {
	if tty, err := os.Open("/dev/tty"); err == nil {
		tty.Close()
		t.Skip("run at a terminal, where a password command stays in shore's process group to ask on it")
	}
	t.Parallel()
	for _, tc := range []struct {
		name    string
		timeout time.Duration
		cancel  bool
		want    string
	}{
		{"timeout", time.Second, false, `sasl.password-command "COMMAND" did not finish within 1s`},
		{"signal", time.Minute, true, `sasl.password-command "COMMAND": context canceled`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pidFile := filepath.Join(t.TempDir(), "pid")
			command := "sleep 30 & echo $! >'" + pidFile + "'; wait"
			childPID := func() int {
				b, err := os.ReadFile(pidFile)
				if err != nil || !strings.HasSuffix(string(b), "\n") {
					return 0
				}
				pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
				return pid
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancel {
				go func() {
					for childPID() == 0 && ctx.Err() == nil {
						time.Sleep(10 * time.Millisecond)
					}
					cancel()
				}()
			}
			cfg := &config.Config{SASL: config.SASL{PasswordCommand: command}}
			_, err := config.SecretReader{Timeout: tc.timeout}.Resolve(ctx, cfg, "sasl.password", config.TrimNewline)
			if want := strings.ReplaceAll(tc.want, "COMMAND", command); fmt.Sprint(err) != want {
				t.Errorf("error %v, want %s", err, want)
			}
			pid := childPID()
			if pid == 0 {
				t.Fatalf("the command's child wrote no pid to %s", pidFile)
			}
			for end := time.Now().Add(2 * time.Second); running(pid); time.Sleep(20 * time.Millisecond) {
				if time.Now().After(end) {
					syscall.Kill(pid, syscall.SIGKILL)
					t.Fatalf("the command's child (pid %d) still runs 2s after the command was stopped", pid)
				}
			}
		})
	}
}

// running reports whether process pid runs: a zombie has ended, though
// kill finds it until its parent, here whoever adopted it, reaps it.
func running(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	// The state follows the command's name, which is in parentheses.
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	return len(fields) == 0 || fields[0] != "Z"
}
