package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// warnings lists what the user should be told about cfg before it is used.
func warnings(cfg *Config, o Overrides, file *File) []string {
	var w []string
	if cfg.TLS.InsecureSkipVerify {
		w = append(w, "TLS certificate verification is off (--tls-insecure, tls.insecure-skip-verify): anyone on the network path can read and change this traffic")
	}
	if o.SASL.Password != nil {
		w = append(w, "--sasl-password shows in the process list to every user of this machine; use SHORE_SASL_PASSWORD, --sasl-password-file or --sasl-password-command")
	}
	if what := fileSecret(file); what != "" {
		if st, err := os.Stat(file.Path); err == nil && st.Mode().Perm()&0o077 != 0 {
			w = append(w, fmt.Sprintf("%s holds a %s and group or others can read it (mode %04o); run: chmod 600 %s",
				file.Path, what, st.Mode().Perm(), file.Path))
		}
	}
	return w
}

// fileSecret names the first kind of secret any profile of the file holds,
// or returns "".
func fileSecret(file *File) string {
	for _, n := range ProfileNames(file) {
		switch p := file.Profiles[n]; {
		case p.SASL.Password != "":
			return "SASL password"
		case p.SASL.Token != "":
			return "SASL token"
		}
	}
	return ""
}

// secretRunner runs the commands that print secrets (password-command,
// token-command).
type secretRunner struct {
	// stderr receives the commands' own diagnostics; nil discards them.
	stderr  io.Writer
	timeout time.Duration
}

// resolve returns the secret given inline, read from file, or printed by
// command; at most one of them is set (see SASL.useSources). what names the
// secret in errors ("password", "token"); trim cleans what a file or command
// gave. A secret never appears in an error.
func (r secretRunner) resolve(ctx context.Context, what, inline, file, command string, trim func(string) string) (string, error) {
	switch {
	case inline != "":
		return inline, nil
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", configErrorf("sasl %s-file: %v", what, err)
		}
		s := trim(string(b))
		if s == "" {
			return "", configErrorf("sasl %s-file %s is empty", what, file)
		}
		return s, nil
	case command != "":
		return r.run(ctx, what, command, trim)
	}
	return "", nil
}

// run runs command with sh -c, bounded by the timeout, and returns its
// trimmed stdout. Its stderr goes to the user; its stdout, which may be the
// secret, never appears in an error.
func (r secretRunner) run(ctx context.Context, what, command string, trim func(string) string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	var out bytes.Buffer
	c := exec.CommandContext(ctx, "sh", "-c", command)
	c.Stdout = &out
	c.Stderr = r.stderr
	// A killed shell may leave children holding its stdout open; do not
	// wait for them.
	c.WaitDelay = 100 * time.Millisecond
	err := c.Run()
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return "", fmt.Errorf("sasl %s-command %q did not finish within %s", what, command, r.timeout)
	case errors.As(err, &exitErr):
		return "", fmt.Errorf("sasl %s-command %q failed: %s", what, command, exitErr.ProcessState)
	case err != nil:
		return "", fmt.Errorf("sasl %s-command %q: %v", what, command, err)
	}
	s := trim(out.String())
	if s == "" {
		return "", fmt.Errorf("sasl %s-command %q printed no %s", what, command, what)
	}
	return s, nil
}

// trimNewline drops the one line ending that files and commands put after a
// password; any other white space is part of it.
func trimNewline(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return strings.TrimSuffix(s, "\r")
}

// String shows s with its password and token masked, so that no %v of a
// configuration (a log line, a panic) prints a secret.
func (s SASL) String() string {
	return fmt.Sprintf("{mechanism:%s username:%s password:%s password-file:%s password-command:%s token:%s token-file:%s token-command:%s}",
		s.Mechanism, s.Username, Mask(s.Password), s.PasswordFile, s.PasswordCommand, Mask(s.Token), s.TokenFile, s.TokenCommand)
}

// GoString is String, for %#v.
func (s SASL) GoString() string { return s.String() }

// Mask replaces a secret by a fixed mask, so that not even its length shows;
// an empty secret stays empty.
func Mask(s string) string {
	if s == "" {
		return ""
	}
	return "********"
}
