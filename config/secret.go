package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/kafkashore/shore/internal/fileread"
	"github.com/kafkashore/shore/internal/secret"
)

// InsecureWarning is what the user should be told before shore talks to
// the Kafka brokers without checking their certificates, naming where that
// was set; "" when it checks them. The schema registry's certificate is
// checked whatever tls.insecure-skip-verify says, so a command that talks
// to the registry alone says nothing.
func (c *Config) InsecureWarning() string {
	if !c.TLS.InsecureSkipVerify || c.TLS.Off {
		return ""
	}
	return fmt.Sprintf("the Kafka brokers' TLS certificates are not verified (%s): anyone on the network path can read and change this traffic", c.Where("tls.insecure-skip-verify"))
}

// warnings lists what the user should be told about cfg before it is used,
// naming the place a setting was given: cfg.Origins must be set. A secret
// of the profile in use that a comment may have cut short
// (Profile.cutSecrets) is one. The brokers' certificate checks being off
// is told when shore talks to them (InsecureWarning).
func (l *loader) warnings(cfg *Config) []string {
	var w []string
	for _, s := range Settings() {
		switch {
		case s.Secret != "" && l.set(s, layerFlag):
			w = append(w, fmt.Sprintf("--%s shows in the process list to every user of this machine; use %s", s.Flag, strings.Join(l.saferSources(s), ", ")))
		case l.set(s, layerFlag) && s.holdsSecret(l.v.GetString(s.Key)):
			w = append(w, fmt.Sprintf("--%s holds a password, which shows in the process list to every user of this machine; use %s", s.Flag, s.Env))
		case l.top(s) == layerProfile && l.profile.cutSecrets[s.Key]:
			// Warned, not refused: a comment after a password is
			// likelier a note than part of it, and quoting silences this.
			w = append(w, fmt.Sprintf("config file %s:%d: the value of %s ends at ' #', which YAML reads as a comment: quote the value if # is part of it",
				l.file.Path, l.profile.lines[s.Key], s.Key[strings.LastIndex(s.Key, ".")+1:]))
		}
	}
	w = append(w, unknownVariables(l.src.Env)...)
	if yml := l.file.Misnamed(); yml != "" {
		w = append(w, misnamed(yml, l.file.Missing))
	}
	if what := l.fileSecret(); what != "" {
		path := l.file.Path
		if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
			w = append(w, fmt.Sprintf("%s holds a %s and group or others can read it (mode %04o); run: chmod 600 %s",
				path, what, st.Mode().Perm(), path))
		}
	}
	return w
}

// holdsSecret reports whether value of s, which is no secret, holds one
// (Setting.MaskValue): a password in a URL.
func (s Setting) holdsSecret(value string) bool {
	return s.MaskValue != nil && s.MaskValue(value) != value
}

// saferSources lists the ways to give secret s other than its flag: its
// environment variable and the flags of its group ("--x-file or --x-command").
func (l *loader) saferSources(s Setting) []string {
	var out []string
	if s.Env != "" {
		out = append(out, s.Env)
	}
	var flags []string
	for _, o := range Settings() {
		if o.Source == s.Source && o.Key != s.Key && o.Flag != "" {
			flags = append(flags, "--"+o.Flag)
		}
	}
	if len(flags) > 0 {
		out = append(out, strings.Join(flags, " or "))
	}
	return out
}

// fileSecret names the first kind of secret any profile of the file holds,
// or returns "".
func (l *loader) fileSecret() string {
	for _, n := range ProfileNames(l.file) {
		for _, s := range Settings() {
			if s.Secret != "" && l.file.Profiles[n].has(s.Key) {
				return s.Secret
			}
			if raw, ok := getPath(l.file.Profiles[n].values, s.Key).(string); ok && s.holdsSecret(raw) {
				return "password in " + s.Key
			}
		}
	}
	return ""
}

// SecretReader reads the secrets that come from a file or a command
// (password-file, token-command).
type SecretReader struct {
	// Stderr receives the commands' own diagnostics; nil discards them.
	Stderr  io.Writer
	Timeout time.Duration
}

// Resolve returns the secret of cfg that the settings of group key give
// ("sasl.password", "registry.token"; see Setting.Source): given inline
// (key), read from the file of key-file, or printed by the command of
// key-command; at most one of them is set. trim cleans what a file or
// command gave. A file is read within fileread's size cap. Errors name the
// setting as the user gave it (cfg.Where: "--sasl-password-file",
// "SHORE_SASL_PASSWORD_FILE" or the profile's key with its line); a secret
// never appears in one.
func (r SecretReader) Resolve(ctx context.Context, cfg *Config, key string, trim func(string) string) (string, error) {
	values, err := cfg.asMap()
	if err != nil {
		return "", err
	}
	setting := func(key string) string {
		s, _ := getPath(values, key).(string)
		return s
	}
	inline, file, command := setting(key), setting(key+"-file"), setting(key+"-command")
	switch {
	case inline != "":
		return inline, nil
	case file != "":
		where := cfg.Where(key + "-file")
		b, err := fileread.Read(ctx, where, file, fileread.MaxSize, r.Timeout)
		if fileread.Interrupted(err) {
			return "", err
		}
		if err != nil {
			return "", Errorf("%v", cfg.RelativeHint(key+"-file", file, err))
		}
		s := trim(string(b))
		if s == "" {
			return "", Errorf("%v", fileread.Errorf(where, file, "is empty"))
		}
		return s, nil
	case command != "":
		return r.run(ctx, cfg.Where(key+"-command"), command, key[strings.LastIndex(key, ".")+1:], trim)
	}
	return "", nil
}

// WhereSource names, as Where does, the setting of group key
// ("registry.password"; see Setting.Source) that gives the secret: key,
// key-file or key-command, whichever is set; key's own place when none is.
func (c *Config) WhereSource(key string) string {
	values, err := c.asMap()
	if err != nil {
		return c.Where(key)
	}
	for _, k := range []string{key, key + "-file", key + "-command"} {
		if s, _ := getPath(values, k).(string); s != "" {
			return c.Where(k)
		}
	}
	return c.Where(key)
}

// run runs command, which where names (--sasl-password-command), with
// sh -c, bounded by the timeout, and returns its trimmed stdout, the secret
// (what: "password"). Its stderr goes to the user; its stdout never appears
// in an error. A command that gives no secret (it fails, runs past the
// timeout, prints nothing or too much) is an *Error, as a password file
// that cannot be read is: the user must fix it, or what it runs, before a
// command can log in. A signal's cancellation is returned as such.
func (r SecretReader) run(ctx context.Context, where, command, what string, trim func(string) string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, r.Timeout)
	defer cancel()
	out := &cappedBuffer{max: fileread.MaxSize, full: cancel}
	c := exec.CommandContext(ctx, "sh", "-c", command)
	c.Stdout = out
	c.Stderr = r.Stderr
	if !controllingTerminal() {
		// The shell and what it starts (sleep 100; echo pw, a vault
		// read that hangs) are one process group, killed whole at the
		// timeout or a signal: killing the shell alone left them
		// running after shore ended. At a terminal they stay in shore's
		// group, the terminal's foreground one: a command there may
		// ask for a PIN on /dev/tty (in a group of its own it would
		// stop, SIGTTIN, until the timeout), and Ctrl-C reaches all of
		// them from the terminal itself.
		c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		c.Cancel = func() error { return syscall.Kill(-c.Process.Pid, syscall.SIGKILL) }
	}
	// A killed shell may leave children holding its stdout open; do not
	// wait for them longer than a moment. A moment long enough for a
	// loaded machine to read the end of a well-behaved command's output:
	// 100ms was not, and a command that had printed the password was
	// said to have left a process holding its output.
	c.WaitDelay = time.Second
	err := c.Run()
	var exitErr *exec.ExitError
	switch {
	case out.over:
		return "", Errorf("%s %q printed more than %s; is it the right command?", where, command, fileread.SizeText(fileread.MaxSize))
	case errors.Is(ctx.Err(), context.Canceled):
		// Stopped by what cancelled ctx (a signal), not by the timeout.
		return "", fmt.Errorf("%s %q: %w", where, command, context.Cause(ctx))
	case ctx.Err() != nil:
		return "", Errorf("%s %q did not finish within %s", where, command, r.Timeout)
	case errors.As(err, &exitErr):
		return "", Errorf("%s %q failed: %s", where, command, exitErr.ProcessState)
	case errors.Is(err, exec.ErrWaitDelay):
		// The shell exited well, but what it started in the background
		// (cmd &, an agent that does not close its stdout) still holds
		// the output open, so the secret may not be all there.
		return "", Errorf("%s %q exited, but a process it started in the background still holds its output open; send that one's output elsewhere (... >/dev/null &)", where, command)
	case err != nil:
		return "", Errorf("%s %q: %v", where, command, err)
	}
	s := trim(out.buf.String())
	if s == "" {
		return "", Errorf("%s %q printed no %s", where, command, what)
	}
	return s, nil
}

// cappedBuffer holds what a command prints up to max bytes, as much as a
// secret's file may hold. A write past them fails, sets over and calls
// full, which ends the command: one that prints without end (yes, cat
// /dev/zero) would otherwise fill memory until the timeout.
// It holds its bytes.Buffer rather than embedding one: exec's copy would
// use the embedded ReadFrom, past the cap.
type cappedBuffer struct {
	buf  bytes.Buffer
	max  int
	over bool
	full func()
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.buf.Len()+len(p) > b.max {
		b.over = true
		b.full()
		return 0, errors.New("output past its cap")
	}
	return b.buf.Write(p)
}

// TrimNewline drops the one line ending that files and commands put after a
// password; any other white space is part of it.
func TrimNewline(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return strings.TrimSuffix(s, "\r")
}

// String shows s with its password and token masked, so that no %v of a
// configuration (a log line, a panic) prints a secret.
func (s SASL) String() string {
	return fmt.Sprintf("{mechanism:%s username:%s password:%s password-file:%s password-command:%s token:%s token-file:%s token-command:%s}",
		s.Mechanism, s.Username, secret.Mask(s.Password), s.PasswordFile, s.PasswordCommand, secret.Mask(s.Token), s.TokenFile, s.TokenCommand)
}

// GoString is String, for %#v.
func (s SASL) GoString() string { return s.String() }

// String shows r with its password and token masked.
func (r Registry) String() string {
	return fmt.Sprintf("{url:%s username:%s password:%s password-file:%s password-command:%s token:%s token-file:%s token-command:%s ca-file:%s}",
		secret.MaskURL(r.URL), r.Username, secret.Mask(r.Password), r.PasswordFile, r.PasswordCommand, secret.Mask(r.Token), r.TokenFile, r.TokenCommand, r.CAFile)
}

// GoString is String, for %#v.
func (r Registry) GoString() string { return r.String() }

// RelativeHint is err, about the file at path that setting key names, with
// where to find it when path is relative, came from the configuration
// file and is missing from the current directory while the configuration
// file's directory has it: a relative path is taken from the current
// directory, as on the command line, so a file that worked where the
// configuration file is fails everywhere else. Other errors are returned
// as they are.
func (c *Config) RelativeHint(key, path string, err error) error {
	var fe *fileread.Error
	if !errors.As(err, &fe) || !errors.Is(err, fs.ErrNotExist) || c.File == "" || filepath.IsAbs(path) ||
		!strings.HasPrefix(c.Where(key), "config file ") {
		return err
	}
	beside := filepath.Join(filepath.Dir(c.File), path)
	if abs, err := filepath.Abs(beside); err == nil {
		beside = abs
	}
	if _, statErr := os.Stat(beside); statErr != nil {
		return err
	}
	return &fileread.Error{Where: fe.Where, Path: fe.Path, Err: fmt.Errorf("%w; a relative path is from the current directory, not the configuration file's: write %s", fe.Err, beside)}
}

// controllingTerminal reports whether shore has a terminal that a command
// it runs may ask on (/dev/tty opens).
func controllingTerminal() bool {
	tty, err := os.Open("/dev/tty")
	if err != nil {
		return false
	}
	tty.Close()
	return true
}
