package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/connect"
	"github.com/kafkashore/shore/produce"
)

// Exit codes, documented in shore help exit-codes and every command's help.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
	// ExitCondition means the command ran fine but the condition it was
	// asked to check does not hold: no matching record in time, lag over a
	// limit, a failed smoke check, an incompatible schema.
	ExitCondition   = 3
	ExitInterrupted = 130
)

// usageError is a problem with how the command was called (a flag, an
// argument, a layout, an offset spec, the configuration): exit 2.
type usageError struct {
	err error
	// of is the command whose usage the error is about, when that need not
	// be the one that ran: the noun of an unknown verb, which --help before
	// the words names ('shore --help groups lag' runs the root's help).
	of *cobra.Command
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// errReported means the command already told the user what went wrong on
// stderr; it only sets exit status 1.
var errReported = errors.New("already reported")

// conditionError means the command worked but what it was asked to check
// does not hold: exit 3. Its message is printed as one line unless it wraps
// errReported.
type conditionError struct{ err error }

func (e *conditionError) Error() string { return e.err.Error() }
func (e *conditionError) Unwrap() error { return e.err }

func conditionErrorf(format string, args ...any) error {
	return &conditionError{err: fmt.Errorf(format, args...)}
}

// signalStop is a signal that stopped the command before it finished its
// work: exit 130. Every one is errInterrupted to errors.Is; its words say
// which it was.
type signalStop struct {
	ended string // the last line: "interrupted"
	by    string // what stopped it: "stopped by interrupt"
	again string // what quits at once while shore stops: "interrupt again"
}

func (s *signalStop) Error() string        { return s.ended }
func (s *signalStop) Is(target error) bool { return target == errInterrupted }

var (
	// errInterrupted is SIGINT (Ctrl-C), and any other cancellation of
	// the run's context (a test's).
	errInterrupted = &signalStop{ended: "interrupted", by: "interrupt", again: "interrupt again"}
	// errTerminated is SIGTERM, which a service manager, a container's
	// stop or kill sends: told as such, not as an interrupt.
	errTerminated = &signalStop{ended: "terminated", by: "SIGTERM", again: "send SIGTERM again"}
)

// interruption is the signal that stopped ctx (Main cancels it with
// errInterrupted or errTerminated); errInterrupted for any other cause.
func interruption(ctx context.Context) *signalStop {
	var s *signalStop
	if errors.As(context.Cause(ctx), &s) {
		return s
	}
	return errInterrupted
}

// exitCode prints err (once, as one line on stderr) and decides the exit
// status. It is the only place where exit codes are chosen. stopped is the
// signal that stopped the run, or nil; ran is the command that ran (cobra's
// choice from the arguments, whose flags or run failed), or nil.
func exitCode(err error, stopped *signalStop, ran *cobra.Command, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	var cfgErr *config.Error
	var usage *usageError
	var cond *conditionError
	switch {
	case errors.Is(err, errInterrupted):
		fmt.Fprintf(stderr, "shore: %s\n", oneLine(err))
		return ExitInterrupted
	case stopped != nil && errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "shore: %s\n", stopped)
		return ExitInterrupted
	case errors.As(err, &cond):
		if !errors.Is(err, errReported) {
			fmt.Fprintf(stderr, "shore: %s\n", oneLine(err))
		}
		return ExitCondition
	case errors.Is(err, errReported):
		return ExitFailure
	case onlyClosedStdout(err):
		return ExitOK
	case errors.As(err, &usage), errors.As(err, &cfgErr) && cfgErr.Flag:
		fmt.Fprintf(stderr, "shore: %s\n", oneLine(err))
		if usage != nil && usage.of != nil {
			ran = usage.of
		}
		if !strings.Contains(err.Error(), "--help") {
			fmt.Fprintln(stderr, seeHelp(ran))
		}
		return ExitUsage
	case errors.As(err, &cfgErr):
		fmt.Fprintf(stderr, "shore: %s\n", oneLine(err))
		return ExitUsage
	}
	if advertised := advertisedFault(err); advertised != nil {
		err = advertised
	}
	fmt.Fprintf(stderr, "shore: %s\n", oneLine(err))
	return ExitFailure
}

// advertisedFault is err's *connect.AdvertisedError, or nil: the address or
// certificate to fix is the brokers', whatever the command was asking ("list
// groups on broker 0: unable to dial: ..." and "request ListOffsets has 1
// separate shard errors, first: unable to dial: ..." said only that).
func advertisedFault(err error) error {
	var advertised *connect.AdvertisedError
	if errors.As(err, &advertised) {
		return advertised
	}
	return nil
}

// seeHelp is the line after a usage error of the command ran: its own
// --help, as cobra, git and rpk name it ('shore topics create --help'). The
// root, or none, means no command was chosen (an unknown one, a flag before
// one), so the line names the root's help and every command's; so does
// help itself, whose words ('shore help consum') name no command.
func seeHelp(ran *cobra.Command) string {
	if ran == nil || !ran.HasParent() || ran.Name() == "help" && !ran.Parent().HasParent() {
		return "Run 'shore --help' or 'shore COMMAND --help' for usage."
	}
	return fmt.Sprintf("Run '%s --help' for usage.", ran.CommandPath())
}

func oneLine(err error) string {
	return strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", "; ")
}

// closedStdoutError is a write to stdout that failed because nothing reads
// it any more (EPIPE: `shore ... | head`). See the package doc for the rule.
type closedStdoutError struct{ err error }

func (e *closedStdoutError) Error() string { return e.err.Error() }
func (e *closedStdoutError) Unwrap() error { return e.err }

// onlyClosedStdout reports whether err is a closed stdout and nothing a
// person must hear of: produce -m that stopped on one says how many records
// it had delivered (exit 1), so that a script does not send them again.
func onlyClosedStdout(err error) bool {
	var output *produce.OutputError
	return errors.As(err, new(*closedStdoutError)) && !errors.As(err, &output)
}

// afterReport is the outcome of a command that wrote its report (werr, the
// write's error) and then judged a condition (verdict, called only when
// the report was written or only its reader went away): a reader that
// closed stdout early took what it wanted of the report, but a condition
// that does not hold is still exit 3, with its line on stderr, since that
// is the answer a script branches on.
func afterReport(werr error, verdict func() error) error {
	if werr != nil && !onlyClosedStdout(werr) {
		return werr
	}
	if err := verdict(); err != nil {
		return err
	}
	return werr
}

// stdoutWriter marks the EPIPE errors of writes to stdout, so that exitCode
// tells a reader that went away from any other broken pipe (a broker's
// connection).
type stdoutWriter struct{ w io.Writer }

func (s stdoutWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	if err != nil && errors.Is(err, syscall.EPIPE) {
		err = &closedStdoutError{err: err}
	}
	return n, err
}
