package cmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/format"
)

// Main runs shore with the process's arguments and streams and returns the
// exit status. The first SIGINT or SIGTERM cancels the context every command
// honours; a second one ends the process at once, as the signal does by
// default (the shell sees it killed by the signal). A SIGINT ignored when
// shore starts stays ignored.
func Main() int {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	// A shell starts a script's background job with SIGINT ignored, so
	// that Ctrl-C stops what runs in the foreground only; watching it
	// would undo that, and a second one could not end shore (Reset
	// restores the ignoring). Go's runtime keeps it ignored too. SIGTERM
	// is watched whatever shore started with: the runtime ends the
	// process on it even when it started ignored, so after Reset a second
	// one still does.
	watched := []os.Signal{syscall.SIGTERM}
	if !signal.Ignored(os.Interrupt) {
		watched = append(watched, os.Interrupt)
	}
	// Both signals wait in the channel, so a second one that comes
	// before the first is handled is not lost (signal.NotifyContext drops
	// every signal after the first).
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, watched...)
	defer signal.Stop(sigs)
	go func() {
		if <-sigs == syscall.SIGTERM {
			cancel(errTerminated)
		} else {
			cancel(errInterrupted)
		}
		sig := <-sigs
		signal.Reset(watched...)
		_ = syscall.Kill(os.Getpid(), sig.(syscall.Signal))
	}()
	// A closed stdout (| head) must be an EPIPE error the command handles,
	// not a silent death by SIGPIPE.
	signal.Ignore(syscall.SIGPIPE)
	// The standard logger is written to only by net/http, of a server
	// that spoke before the registry client asked (an "unsolicited
	// response"): the failed request's own line says what that server is.
	log.SetOutput(io.Discard)
	return Run(ctx, os.Args[1:], System(), environment(os.Environ()))
}

// environment is the variables of environ ("NAME=value", as os.Environ
// lists them) by name.
func environment(environ []string) map[string]string {
	env := make(map[string]string, len(environ))
	for _, kv := range environ {
		if name, value, ok := strings.Cut(kv, "="); ok {
			env[name] = value
		}
	}
	return env
}

// Run executes one shore command line with the environment env (its
// variables by name) and returns its exit status.
func Run(ctx context.Context, args []string, io *IOStreams, env map[string]string) int {
	return run(ctx, newFactory(args, io, env))
}

// newFactory is the Factory of one run of Run.
func newFactory(args []string, io *IOStreams, env map[string]string) *Factory {
	return &Factory{IO: io, Env: env, Now: time.Now, start: time.Now(), args: args}
}

// run executes f's command line, as Run does.
func run(ctx context.Context, f *Factory) int {
	args, io := f.args, f.IO
	root := NewRootCmd(f)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	ran, err := root.ExecuteContextC(withCommandLine(ctx, args))
	if err == nil {
		err = f.helpErr
	}
	if s := f.summary(); s != "" {
		fmt.Fprintf(io.ErrOut, "shore: %s\n", s)
	}
	var stopped *signalStop
	if ctx.Err() != nil {
		stopped = interruption(ctx)
	}
	return exitCode(err, stopped, ran, io.ErrOut)
}

const rootLong = `shore is a command-line toolkit for Apache Kafka: produce from stdin or
files, consume from any offset or time, inspect topics and consumer groups,
move committed offsets, and run an embedded broker with 'shore dev'.

Records and requested data go to stdout; diagnostics go to stderr. Without
a command, shore prints this help; a flag without one ('shore -b HOST', as
'shore $CMD -b HOST' runs with $CMD empty) is a usage error.

CONFIGURATION
  Settings come from, highest precedence first: flags, environment
  variables, the profile in the configuration file (--config, else
  SHORE_CONFIG, else ~/.config/shore/config.yaml), and built-in defaults
  (brokers localhost:9092). The variables are
    %s.
  'shore help connection' lists every setting, 'shore help config-file' the
  file, 'shore help security' TLS and SASL.

EXIT STATUS
  0    success
  1    failure (unreachable broker, unknown topic, refused record, ...)
  2    usage error (bad flag, argument, layout, offset spec or configuration)
  3    a condition asked for does not hold (consume --until, groups describe --max-lag/--max-total-lag, topics describe --under-replicated, check, ready, registry check)
  130  interrupted by SIGINT or SIGTERM (a second one ends shore at once)`

// NewRootCmd builds a fresh command tree around f.
func NewRootCmd(f *Factory) *cobra.Command {
	g := &globalFlags{}
	f.global = g
	root := &cobra.Command{
		Use:           "shore",
		Short:         "A command-line toolkit for Apache Kafka",
		Long:          fmt.Sprintf(rootLong, wrapList(config.EnvNames(), 4)),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	// --version, as most CLIs have; -v stays --verbose. Not cobra's
	// Version, which prints before the arguments are checked: --version
	// is 'shore version', arguments and all.
	root.Flags().Bool("version", false, "print shore's version, as 'shore version' does")
	// Kafka's own tools name the brokers so, on every command; kcat's
	// metadata listing is a flag of its own.
	root.Annotations = map[string]string{
		otherToolFlag + "bootstrap-server": "Kafka's tools' --bootstrap-server is -b/--brokers",
		otherToolFlag + "broker-list":      "Kafka's tools' --broker-list is -b/--brokers",
		otherToolFlag + "-L":               "kcat's -L is 'shore cluster' for the brokers and 'shore topics describe' for the partitions",
		otherToolFlag + "-Q":               "kcat's -Q -t TOPIC:PARTITION:TIME is 'shore offsets TOPIC -p PARTITION --at TIME'",
		otherToolFlag + "-X":               "kcat's and rpk's -X settings are the connection flags and profile keys: see 'shore help connection'",
		otherToolFlag + "-V":               "kcat's -V is --version, or 'shore version'",
		otherToolFlag + "-d":               "kcat's -d (librdkafka's debug log) is -vv: -v says what shore did, -vv adds the Kafka client's log",
		otherToolFlag + "-m":               "kcat's -m SECONDS (its metadata timeout) is --timeout with a unit: --timeout 5s",
		// The connection flags of rpk, and the files of client
		// properties that kcat and Kafka's tools read.
		otherToolFlag + "user":           "rpk's --user is --sasl-username",
		otherToolFlag + "password":       "rpk's --password is --sasl-password; SHORE_SASL_PASSWORD keeps it out of the process list",
		otherToolFlag + "tls-enabled":    "rpk's --tls-enabled is --tls",
		otherToolFlag + "tls-truststore": "rpk's --tls-truststore is --tls-ca",
		otherToolFlag + "-F":             propertiesFile("kcat's -F"),
		otherToolFlag + "command-config": propertiesFile("Kafka's tools' --command-config"),
		// Kafka's security.protocol as a flag, as some tools take it.
		otherToolFlag + "security-protocol": "--security-protocol (Kafka's security.protocol) is " + config.KafkaProperty("security.protocol", flagOrEnv) + "; see 'shore help security'",
	}
	// A connection flag given to a command that connects to nothing; and
	// in cobra's __complete, which runs this hook too, one not offered.
	root.PersistentPreRunE = func(c *cobra.Command, args []string) error {
		if c.Name() == cobra.ShellCompRequestCmd {
			offerNoConnectionFlags(root, args)
			return nil
		}
		if err := flagTakenAsValue(c, f.args); err != nil {
			return err
		}
		return connectionFlagRefused(c)
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		// A noun's flags are parsed before its arguments are checked: in
		// 'shore topics lst -o json' the mistake is lst, not -o.
		if err := strayVerb(c); err != nil {
			return err
		}
		// -n -e: the count refused is the flag typed after it.
		if err := flagTakenAsValue(c, f.args); err != nil {
			return err
		}
		// Another tool's flag for the command's job says shore's. The
		// root's answers name connection flags and commands to a client
		// of Kafka: a command that connects to none answers plainly.
		hinting := []*cobra.Command{c, root}
		if connectsToNothing(c) {
			hinting = hinting[:1]
		}
		var unknown *pflag.NotExistError
		if errors.As(err, &unknown) {
			name := unknown.GetSpecifiedName()
			// shore dev -b: dev's deprecated --brokers hides -b.
			if short := unknown.GetSpecifiedShortnames(); connectsToNothing(c) && short != "" {
				if fl := root.PersistentFlags().ShorthandLookup(name); fl != nil && isConnectionFlag(fl.Name) {
					return connectionFlagError(c, fl)
				}
			}
			if strings.HasPrefix(unknown.GetSpecifiedShortnames(), "X") {
				// pflag's words repeat what follows -X in the same
				// word, which may be a password (-Xsasl.password=...).
				key := xKey(f.args)
				var hint string
				if !connectsToNothing(c) {
					hint = foreignX(key)
				}
				for _, at := range hinting {
					if is := at.Annotations[otherToolProperty+strings.ToLower(key)]; key != "" && is != "" {
						hint = cmp.Or(hint, fmt.Sprintf("-X %s is %s; shore has no -X", key, is))
					}
					hint = cmp.Or(hint, at.Annotations[otherToolFlag+"-X"])
				}
				if hint == "" {
					return usageErrorf("unknown shorthand flag: 'X' in -X")
				}
				return usageErrorf("unknown shorthand flag: 'X' in -X (%s)", hint)
			}
			// A long flag typed with one dash (-topic) is answered by
			// its name below, not by another tool's letter (-t).
			if short := unknown.GetSpecifiedShortnames(); short != "" && (len(short) == 1 || len(nearFlags(c, short)) == 0) {
				// kcat's -c: pflag's words name the letter. The
				// command's own answer first, then every command's (-X).
				for _, at := range hinting {
					if hint, ok := at.Annotations[otherToolFlag+"-"+name]; ok {
						return usageErrorf("%v (%s)", err, hint)
					}
				}
			}
			for _, at := range hinting {
				if hint, ok := at.Annotations[otherToolFlag+name]; ok {
					return usageErrorf("unknown flag: --%s (%s)", name, hint)
				}
			}
			// A letter is no flag's long name: 'groups seek G -t T' is
			// pflag's line, not 'unknown flag: --t (did you mean --to?)'.
			// Letters after one dash may be a long flag so typed (-topic,
			// as Go's flag package takes it).
			switch short := unknown.GetSpecifiedShortnames(); {
			case short == "":
				if near := nearFlags(c, name); len(near) > 0 {
					return usageErrorf("unknown flag: --%s%s", name, didYouMean(near))
				}
			case len(short) > 1:
				if near := nearFlags(c, short); len(near) > 0 {
					return usageErrorf("%v%s", err, didYouMean(near))
				}
			}
			// The registry's REST API takes version -1 for the latest;
			// typed as VERSION it reads as flags -1, so say what to write.
			if n := unknown.GetSpecifiedShortnames(); strings.Contains(c.Use, "VERSION") && n != "" && strings.Trim(n, "0123456789") == "" {
				return usageErrorf("-%s is read as a flag, not a VERSION: write latest (the registry's -1) or a number from 1", n)
			}
		}
		// kafka-consumer-groups' --list --state: a flag another tool
		// takes without a value says what that is here.
		var bare *pflag.ValueRequiredError
		if errors.As(err, &bare) {
			for _, at := range hinting {
				if hint, ok := at.Annotations[otherToolBareFlag+bare.GetFlag().Name]; ok {
					return usageErrorf("%v (%s)", err, hint)
				}
			}
		}
		// shore dev --brokers HOST:PORT: dev's deprecated --brokers (a
		// count) hides the connection flag the value was meant for.
		var invalid *pflag.InvalidValueError
		if errors.As(err, &invalid) && connectsToNothing(c) {
			if fl := root.PersistentFlags().Lookup(invalid.GetFlag().Name); fl != nil && fl != invalid.GetFlag() && isConnectionFlag(fl.Name) {
				return connectionFlagError(c, fl)
			}
		}
		return flagError(err)
	})
	pf := root.PersistentFlags()
	f.flags = pf
	config.AddFlags(pf)
	addVerboseFlag(pf, &g.verbose)

	asNoun(root)
	versionCmd := newVersionCmd(f)
	root.RunE = func(c *cobra.Command, args []string) error {
		if v, _ := c.Flags().GetBool("version"); v {
			return versionCmd.RunE(versionCmd, args)
		}
		return nounHelp(c)
	}
	root.AddCommand(
		versionCmd,
		newConfigCmd(f),
		newClusterCmd(f, nil),
		newTopicsCmd(f),
		newOffsetsCmd(f, nil),
		newDevCmd(f, nil),
		newConsumeCmd(f, nil),
		newGroupsCmd(f),
		newProduceCmd(f, nil),
		newRegistryCmd(f),
		newCheckCmd(f, nil),
		newReadyCmd(f, nil),
	)
	root.AddCommand(helpTopics()...)
	root.SetUsageFunc(usage)
	// --help after a word that is none of a noun's commands ('shore consum
	// --help') is the usage error 'shore help consum' gives, not the
	// noun's help with exit 0, which hides the typo; so is help that could
	// not be written. cobra shows help through this function, which
	// returns nothing: Run takes the error.
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		target, err := helpTarget(c)
		if f.helpErr = err; err != nil {
			return
		}
		f.helpErr = help(target)
	})
	addCompletionCmd(root)
	strictHelpCmd(root)
	_ = root.RegisterFlagCompletionFunc("profile", completeProfiles(f))
	_ = root.RegisterFlagCompletionFunc("sasl-mechanism", cobra.FixedCompletions(config.SASLMechanisms, cobra.ShellCompDirectiveNoFileComp))
	completeNothing(root)
	ownFlagValues(root)
	return root
}

// asNoun makes a command that only groups verbs print its help when called
// alone (nounHelp), and reject an unknown verb as a usage error.
func asNoun(c *cobra.Command) *cobra.Command {
	c.Args = nounArgs
	c.RunE = func(cmd *cobra.Command, _ []string) error { return nounHelp(cmd) }
	return c
}

// nounHelp is what noun, a command that only groups verbs (or the root),
// does without one: its help, as rpk and kubectl print theirs; but given
// flags, the usage error naming them ('-b/--brokers given without a
// command: ...'), not help and exit 0, which let 'shore $CMD -b HOST' with
// $CMD empty succeed in a script. -v is such a flag too: it asks what a
// command did.
func nounHelp(noun *cobra.Command) error {
	var given []string
	noun.Flags().Visit(func(fl *pflag.Flag) {
		if fl.Name != "help" && fl.Name != "version" {
			given = append(given, flagNames(fl))
		}
	})
	if len(given) == 0 {
		return noun.Help()
	}
	to, it := "", "it is"
	if noun.HasParent() {
		to = " to " + noun.CommandPath()
	}
	if len(given) > 1 {
		it = "they are"
	}
	return usageErrorf("%s given%s without a command: name the command %s for ('%s --help' lists them)", format.List(given, "and"), to, it, noun.CommandPath())
}

// actionFlags answers, in noun's unknown-flag error, the action flags of
// the tool that noun stands for (kafka-topics --list) with the verb that
// does the job: pairs of the tool's flag, without dashes, and the verb. The
// verb answers its own flag too, which a user who changed only the command's
// name still gives it (shore groups describe --describe --group g), unless
// it has its own words for it.
func actionFlags(noun *cobra.Command, tool string, pairs ...string) {
	if noun.Annotations == nil {
		noun.Annotations = map[string]string{}
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		flag, verb := pairs[i], pairs[i+1]
		noun.Annotations[otherToolFlag+flag] = fmt.Sprintf("%s' --%s is 'shore %s %s'", tool, flag, noun.Name(), verb)
		for _, c := range noun.Commands() {
			if c.Name() != verb {
				continue
			}
			if c.Annotations == nil {
				c.Annotations = map[string]string{}
			}
			if _, said := c.Annotations[otherToolFlag+flag]; !said {
				c.Annotations[otherToolFlag+flag] = fmt.Sprintf("%s is %s' --%s: leave the flag out", verb, tool, flag)
			}
		}
	}
}

// strayVerb is the unknownCommand error of a noun given a word that is none
// of its commands, before cobra reached that word, or nil.
func strayVerb(c *cobra.Command) error {
	if rest := c.Flags().Args(); c.HasSubCommands() && len(rest) > 0 {
		return unknownCommand(c, rest)
	}
	return nil
}

// helpTarget is the command whose help --help on c asks for: c, or the
// command its words name when --help comes before them ('shore --help
// consume', 'shore topics -h list', as git --help commit is read). cobra
// finds the command before it knows --help, so it took the name for the
// flag's value and asks c; a word none of the commands has is the
// unknownCommand error.
func helpTarget(c *cobra.Command) (*cobra.Command, error) {
	rest := c.Flags().Args()
	if !c.HasSubCommands() || len(rest) == 0 {
		return c, nil
	}
	target, more, err := c.Find(rest)
	if err != nil || target == c {
		return nil, unknownCommand(c, rest)
	}
	if target.HasSubCommands() && len(more) > 0 {
		return nil, unknownCommand(target, more)
	}
	return target, nil
}

// otherToolFlag prefixes the keys of a command's Annotations that name
// another tool's flag for its job (without dashes, or with one dash for a
// letter: -c); the value says what shore's is, for the unknown-flag error.
const otherToolFlag = "other-tool-flag:"

// otherToolBareFlag prefixes the keys of a command's Annotations that name
// (without dashes) a flag of the command that another tool takes without a
// value, for another job; the value says what that job is in shore, for
// the error of the flag given no value.
const otherToolBareFlag = "other-tool-bare-flag:"

// otherToolProperty prefixes the keys of a command's Annotations that name
// a Kafka client property (lower case) that kcat and rpk users pass with
// -X KEY=VALUE for the command's job; the value says which of the
// command's flags it is (see kafkaProperties).
const otherToolProperty = "other-tool-property:"

// kafkaProperties adds to a command's annotations the Kafka client
// properties of pairs (property, what it is in shore) for the -X error.
func kafkaProperties(annotations map[string]string, pairs ...string) map[string]string {
	for i := 0; i+1 < len(pairs); i += 2 {
		annotations[otherToolProperty+pairs[i]] = pairs[i+1]
	}
	return annotations
}

// nounArgs is the argument check of a command that only groups verbs: an
// argument is a verb it does not have (unknownCommand). The verbs check
// theirs with argsFromUse.
func nounArgs(c *cobra.Command, args []string) error {
	// shore --version is shore version, whose arguments and connection
	// flags it refuses.
	if v, _ := c.Flags().GetBool("version"); v && !c.HasParent() {
		version, _, _ := c.Find([]string{"version"})
		err := version.ValidateArgs(args)
		if err == nil {
			err = connectionFlagRefusedIn(version, c.Flags())
		}
		if err != nil {
			return &usageError{err: err, of: version}
		}
		return nil
	}
	if len(args) > 0 {
		return unknownCommand(c, args)
	}
	return nil
}

// unknownCommand is the usage error for words[0], a verb that noun does
// not have, in one line with the commands close to it (nearCommands):
// unknown command "lst" for "shore topics" (did you mean list?). With none
// close, a noun other than the root names its commands: unknown command
// "tcsh" for "shore completion" (want bash, fish, powershell or zsh). The
// root is not named: unknown command "consum" (did you mean consume?); a
// verb before its noun there, as kafkactl orders them, is answered with
// the commands it stands for (verbFirst): unknown command "create" (did you
// mean 'shore topics create'?). Another tool's word that noun answers
// (otherToolArg: rpk's registry schema) is answered with what it says.
// The hint after it is noun's --help,
// whichever command ran ('shore --help groups lag').
func unknownCommand(noun *cobra.Command, words []string) error {
	verb := words[0]
	msg := fmt.Sprintf("unknown command %q", verb)
	hint := didYouMean(nearCommands(noun, verb, false))
	if !noun.HasParent() && len(words) > 1 {
		if cmds := verbFirst(noun, verb, words[1]); len(cmds) > 0 {
			hint = didYouMean(cmds)
		}
	}
	if said, ok := noun.Annotations[otherToolArg+verb]; ok {
		hint = " (" + said + ")"
	}
	if noun.HasParent() {
		msg += fmt.Sprintf(" for %q", noun.CommandPath())
		if hint == "" {
			var verbs []string
			for _, c := range noun.Commands() {
				if c.IsAvailableCommand() {
					verbs = append(verbs, c.Name())
				}
			}
			hint = " (want " + format.List(verbs, "or") + ")"
		}
	}
	return &usageError{err: errors.New(msg + hint), of: noun}
}

// verbFirst names, quoted, the commands that verb and noun, in kafkactl's
// order ('create topic', 'get topics', 'delete topic', 'describe
// consumer-group'), stand for: the commands of root's noun of that name, of
// its plural, or suggested for it (SuggestFor: kafkactl's consumer-group
// is groups), that are verb or are suggested for it, as 'shore topics
// create'.
func verbFirst(root *cobra.Command, verb, noun string) []string {
	verb, noun = strings.ToLower(verb), strings.ToLower(noun)
	var cmds []string
	for _, n := range root.Commands() {
		if !n.IsAvailableCommand() || (n.Name() != noun && n.Name() != noun+"s" && !slices.Contains(n.SuggestFor, noun)) {
			continue
		}
		for _, c := range n.Commands() {
			if c.IsAvailableCommand() && (c.Name() == verb || slices.Contains(c.SuggestFor, verb)) {
				cmds = append(cmds, "'"+c.CommandPath()+"'")
			}
		}
	}
	return cmds
}

// nearCommands names parent's commands (and with topics its help topics)
// close to word, in the order --help lists them. Close is what the name
// begins, or within format.MostTypos of it (two typos, cobra's distance
// when it suggests by itself; one for a word of up to four letters: two
// make set of use), or a word in the command's SuggestFor (another tool's
// name for it). Case is ignored.
func nearCommands(parent *cobra.Command, word string, topics bool) []string {
	most := format.MostTypos(word)
	word = strings.ToLower(word)
	var near []string
	for _, c := range parent.Commands() {
		if !c.IsAvailableCommand() && !(topics && c.IsAdditionalHelpTopicCommand()) {
			continue
		}
		name := strings.ToLower(c.Name())
		if strings.HasPrefix(name, word) || format.Typos(word, name) <= most || slices.Contains(c.SuggestFor, word) {
			near = append(near, c.Name())
		}
	}
	return near
}

// nearFlags names c's flags (its own and the global ones) close to word, a
// long flag's name that c does not have, each with its dashes (--members),
// in the order --help lists them; none when more than three are. Close is
// what the name begins with, for a word of four letters or more, or typos
// as nearCommands counts them: --member, --partiton, --formt, --wiat.
func nearFlags(c *cobra.Command, word string) []string {
	most := format.MostTypos(word)
	var near []string
	c.Flags().VisitAll(func(fl *pflag.Flag) {
		if fl.Hidden {
			return
		}
		if (len(word) >= 4 && strings.HasPrefix(fl.Name, word)) || format.Typos(word, fl.Name) <= most {
			near = append(near, "--"+fl.Name)
		}
	})
	if len(near) > 3 {
		return nil
	}
	return near
}

// didYouMean is the end of a message that suggests names: " (did you mean
// a or b?)", or nothing when there are none.
func didYouMean(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return " (did you mean " + format.List(names, "or") + "?)"
}

// errOrInterrupted turns the cancellation of ctx into the signal that
// stopped it (interruption): an error that is the cancellation, or that
// wraps its cause, as net/http's errors do (a schema registry's request
// that a signal ended read 'cannot reach schema registry URL:
// interrupted').
func errOrInterrupted(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, errInterrupted)) {
		return interruption(ctx)
	}
	return err
}

// wrapList joins names with commas into lines of at most 76 columns,
// continued with indent spaces.
func wrapList(names []string, indent int) string {
	var b strings.Builder
	col := indent
	for i, n := range names {
		if i > 0 {
			b.WriteString(",")
			col++
			if col+1+len(n) > 76 {
				b.WriteString("\n" + strings.Repeat(" ", indent))
				col = indent
			} else {
				b.WriteString(" ")
				col++
			}
		}
		b.WriteString(n)
		col += len(n)
	}
	return b.String()
}

// xKey is the KEY of kcat's or rpk's first -X KEY=VALUE in args, or "".
// The value is left out: it may be a password.
func xKey(args []string) string {
	var setting string
	for i, a := range args {
		if a == "--" {
			return ""
		}
		if a == "-X" && i+1 < len(args) {
			setting = args[i+1]
			break
		}
		if rest, ok := strings.CutPrefix(a, "-X"); ok && rest != "" {
			setting = rest
			break
		}
	}
	key, _, _ := strings.Cut(setting, "=")
	return key
}

// foreignX is what kcat's or rpk's -X KEY is in shore: "-X sasl.mechanism
// is --sasl-mechanism, SHORE_SASL_MECHANISM or a profile's sasl.mechanism;
// shore has no -X", or "" when KEY is none of shore's settings.
func foreignX(key string) string {
	if key == "" {
		return ""
	}
	if is := config.KafkaProperty(key, flagOrEnv); is != "" {
		return fmt.Sprintf("-X %s is %s; shore has no -X: see 'shore help connection'", key, is)
	}
	s, ok := config.ForeignSetting(key)
	if !ok {
		return ""
	}
	var shore []string
	if s.Flag != "" {
		shore = append(shore, "--"+s.Flag)
	}
	shore = append(shore, s.Env, "a profile's "+s.Key)
	return fmt.Sprintf("-X %s is %s or %s; shore has no -X: see 'shore help connection'", key, strings.Join(shore[:len(shore)-1], ", "), shore[len(shore)-1])
}

// propertiesFile is the hint for another tool's flag that reads a file of
// Kafka client properties (kcat's -F, Kafka's tools' --command-config).
func propertiesFile(flag string) string {
	return flag + " FILE of properties is a profile of the configuration file, --config: see 'shore help config-file'"
}

// flagOrEnv names setting s by its flag, or its environment variable when
// it has no flag.
func flagOrEnv(s config.Setting) string {
	if s.Flag != "" {
		return "--" + s.Flag
	}
	return s.Env
}
