package cmd

import (
	"embed"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kafkashore/shore/config"
)

// Help that fits on a screen: every command's --help lists its own flags
// and, instead of the global connection flags (the settings table's, which
// work everywhere), one line pointing at 'shore help connection'. Long
// explanations shared by several commands are help topics: commands without
// a Run, which cobra lists under "Additional help topics" and prints with
// 'shore help TOPIC'.

//go:embed helptopics/*.txt
var helpTopicText embed.FS

// helpTopics are shore's help topics: connection, generated from the
// settings table, and the texts of helptopics/.
func helpTopics() []*cobra.Command {
	topic := func(name, short string) *cobra.Command {
		text, err := helpTopicText.ReadFile("helptopics/" + name + ".txt")
		if err != nil {
			panic(err) // embedded at build time: a missing file is a bug
		}
		return &cobra.Command{Use: name, Short: short, Long: strings.TrimRight(string(text), "\n")}
	}
	return []*cobra.Command{
		{
			Use:   "connection",
			Short: "The flags, variables and profile keys that say how to reach Kafka",
			Long:  connectionHelp(),
		},
		topic("config-file", "The configuration file, profiles, precedence and command defaults"),
		topic("security", "TLS, SASL, secrets, and what shore says when they do not fit"),
		topic("exit-codes", "What each exit status means; stdout and stderr"),
		topic("json", "The JSON shapes of records, produce -m and every -o json"),
		topic("layouts", "-f layouts for consume and produce, and escapes"),
	}
}

// connectionPointer ends the flags of every command's help.
const connectionPointer = "Global flags: -v/--verbose (-vv), -h/--help, and the connection flags (-b, --timeout,\n--profile, --config, --tls*, --sasl*): see 'shore help connection'."

// noConnectionPointer ends the flags of a command marked noConnection.
const noConnectionPointer = "Global flags: -v/--verbose (-vv) and -h/--help; it connects to no Kafka, so it\ntakes no connection flag."

// connectionHelp renders the settings table: each flag with its usage,
// then each flag beside its environment variable and, in a second table,
// beside its profile key: the three side by side take more than helpWidth.
func connectionHelp() string {
	fs := pflag.NewFlagSet("connection", pflag.ContinueOnError)
	config.AddFlags(fs)
	var b strings.Builder
	b.WriteString(`Every command that connects to Kafka takes these flags (dev, version,
completion and help connect to none and refuse them); each also has an
environment variable and, but for --config and --profile, a key in a profile
of the configuration file (shore help config-file). Precedence, highest
first: flag, environment, profile, built-in default.

A variable set empty (as a shell or CI runner exports an unset one) counts as
given, as a flag given empty does: SHORE_BROKERS= is refused as -b '' is, and
so are SHORE_TIMEOUT=, SHORE_TLS=, SHORE_TLS_INSECURE=, SHORE_REGISTRY_URL=,
SHORE_CONFIG= (as --config '') and SHORE_PROFILE= (as --profile ''; leave it
out for the file's current-profile); SHORE_SASL_USERNAME= empties a
profile's username. An empty item of the brokers' list (-b 'a:1,,b:2', a
comma at an end, a profile's '') is refused by its place, 'item 2 of 3 is
empty', not skipped.

SHORE_TLS and SHORE_TLS_INSECURE, a profile's tls.enabled and
tls.insecure-skip-verify, and every switch (--tls=WORD, --no-commit=WORD, a
command default that sets one) take ` + config.BoolWords + `,
in any case.

shore has no -X: kcat's or rpk's -X KEY=VALUE is refused naming the flag,
variable and profile key of KEY ('-X sasl.mechanisms is --sasl-mechanism,
SHORE_SASL_MECHANISM or a profile's sasl.mechanism', '-X security.protocol
is --tls and --sasl-mechanism: ...'), never its value, and so is a TLS or
SASL property that shore takes in another form ('-X
enable.ssl.certificate.verification is --tls-insecure: when false',
ssl.endpoint.identification.algorithm, a key's or keystore's password,
schema.registry.ssl.ca.location, sasl.oauthbearer.token.endpoint.url);
a consumer's or producer's property given to consume or produce, with the
flag that does its job there ('-X group.id is -g/--group', '-X
auto.offset.reset is -o start (earliest) or -o end (latest), ...', '-X
linger.ms is --linger, a duration: 5ms'); rpk's --user, --password, --tls-enabled and --tls-truststore with shore's
flag, --security-protocol with --tls and --sasl-mechanism, kcat's -F,
Kafka's tools' --command-config and the console tools' --consumer.config and
--producer.config with the profiles of the configuration file.

FLAGS
`)
	b.WriteString(fs.FlagUsages())
	// Every command's help points here for -v too, which is a flag only.
	verbose := pflag.NewFlagSet("verbose", pflag.ContinueOnError)
	addVerboseFlag(verbose, new(int))
	b.WriteString("\nVERBOSE (a flag only: no variable, no profile key)\n")
	b.WriteString(verbose.FlagUsages())
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "\nFLAG\tENVIRONMENT\n")
	for _, s := range config.Settings() {
		fmt.Fprintf(tw, "  %s\t%s\n", settingFlag(s), s.Env)
	}
	fmt.Fprint(tw, "\nFLAG\tPROFILE KEY\n")
	for _, s := range config.Settings() {
		key := s.Key
		if key == "" {
			key = "-"
		}
		fmt.Fprintf(tw, "  %s\t%s\n", settingFlag(s), key)
	}
	_ = tw.Flush() // a strings.Builder takes every write
	return strings.TrimRight(b.String(), "\n")
}

// addVerboseFlag declares -v/--verbose, which counts into n.
func addVerboseFlag(fs *pflag.FlagSet, n *int) {
	fs.CountVarP(n, "verbose", "v", "-v: say what shore did (brokers reached, requests, records, bytes, schema registry requests, time) on stderr; -vv: also the Kafka client's log")
}

// settingFlag is s's flag as typed, or - for a setting without one.
func settingFlag(s config.Setting) string {
	if s.Flag == "" {
		return "-"
	}
	return "--" + s.Flag
}

// isConnectionFlag reports a flag of the settings table.
func isConnectionFlag(name string) bool {
	_, ok := config.SettingByFlag(name)
	return ok
}

// noConnection marks, in its Annotations, a command that connects to no
// Kafka (dev, version, completion, help) and so takes no connection flag:
// one given is a usage error (connectionFlagRefused), not ignored, its
// help does not list them, and completion does not offer them
// (offerNoConnectionFlags). noConnection+":"+FLAG says what the command
// takes for the flag's job, when it has something: dev's --server-cert
// for --tls-cert.
const noConnection = "no-connection"

// connectsToNothing reports whether c or a command above it is marked
// noConnection: completion's shells are.
func connectsToNothing(c *cobra.Command) bool {
	for ; c != nil; c = c.Parent() {
		if _, ok := c.Annotations[noConnection]; ok {
			return true
		}
	}
	return false
}

// connectionFlagRefused is the usage error of a connection flag given to
// c, a command that connects to nothing, or nil.
func connectionFlagRefused(c *cobra.Command) error {
	return connectionFlagRefusedIn(c, c.Flags())
}

// connectionFlagRefusedIn is the usage error of a connection flag given in
// flags (the root's, for 'shore -b x --version') to c, a command that
// connects to nothing, or nil.
func connectionFlagRefusedIn(c *cobra.Command, flags *pflag.FlagSet) error {
	if !connectsToNothing(c) {
		return nil
	}
	var err error
	flags.Visit(func(fl *pflag.Flag) {
		// dev's own --brokers is not the connection's.
		if err == nil && isConnectionFlag(fl.Name) && c.Root().PersistentFlags().Lookup(fl.Name) == fl {
			err = connectionFlagError(c, fl)
		}
	})
	return err
}

// connectionFlagError is the usage error of the connection flag fl given
// to c, which connects to nothing.
func connectionFlagError(c *cobra.Command, fl *pflag.Flag) error {
	typed := flagNames(fl)
	for at := c; at != nil; at = at.Parent() {
		if hint, ok := at.Annotations[noConnection+":"+fl.Name]; ok {
			return usageErrorf("%s is a client's connection flag, which %s does not take: %s", typed, c.CommandPath(), hint)
		}
	}
	return usageErrorf("%s is a connection flag, which %s does not take: it connects to no Kafka", typed, c.CommandPath())
}

// flagNames is fl as an error names it, with its letter: -b/--brokers, or
// --timeout.
func flagNames(fl *pflag.Flag) string {
	if fl.Shorthand != "" {
		return "-" + fl.Shorthand + "/--" + fl.Name
	}
	return "--" + fl.Name
}

// help is every command's --help, as cobra's: its Long (or Short), then
// its usage, wrapped at helpWidth, written at once. It returns the write's
// error, so that help sent where it cannot go ('shore --help > /dev/full')
// fails as any other output does rather than exit 0 having shown nothing.
func help(c *cobra.Command) error {
	var b strings.Builder
	text := strings.TrimRightFunc(c.Long, unicode.IsSpace)
	if text == "" {
		text = c.Short
	}
	if text != "" {
		fmt.Fprintf(&b, "%s\n\n", wrapHelp(text))
	}
	if c.Runnable() || c.HasSubCommands() {
		b.WriteString(c.UsageString())
	}
	_, err := io.WriteString(c.OutOrStdout(), b.String())
	return err
}

// usage is every command's usage: cobra's, with the connection flags
// replaced by connectionPointer, wrapped at helpWidth.
func usage(c *cobra.Command) error {
	var b strings.Builder
	writeUsage(&b, c)
	_, err := io.WriteString(c.OutOrStderr(), wrapHelp(b.String()))
	return err
}

// writeUsage writes c's usage unwrapped.
func writeUsage(w io.Writer, c *cobra.Command) {
	fmt.Fprint(w, "Usage:")
	if c.Runnable() {
		fmt.Fprintf(w, "\n  %s", c.UseLine())
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n  %s [command]", c.CommandPath())
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(w, "\n\nAliases:\n  %s", c.NameAndAliases())
	}
	if c.HasExample() {
		fmt.Fprintf(w, "\n\nExamples:\n%s", c.Example)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprint(w, "\n\nAvailable Commands:")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				// two spaces at least before the Short, which wrapHelp
				// then goes on under
				fmt.Fprintf(w, "\n  %s %s", pad(sub.Name(), sub.NamePadding()+1), sub.Short)
			}
		}
	}
	own := pflag.NewFlagSet(c.Name(), pflag.ContinueOnError)
	c.LocalFlags().VisitAll(func(fl *pflag.Flag) {
		if !isConnectionFlag(fl.Name) && fl.Name != "verbose" && fl.Name != "help" {
			own.AddFlag(fl)
		}
	})
	if own.HasAvailableFlags() {
		fmt.Fprintf(w, "\n\nFlags:\n%s", strings.TrimRight(own.FlagUsages(), " \n"))
	}
	if connectsToNothing(c) {
		fmt.Fprintf(w, "\n\n%s", noConnectionPointer)
	} else {
		fmt.Fprintf(w, "\n\n%s", connectionPointer)
	}
	if c.HasHelpSubCommands() {
		fmt.Fprint(w, "\n\nAdditional help topics:")
		for _, sub := range c.Commands() {
			if sub.IsAdditionalHelpTopicCommand() {
				fmt.Fprintf(w, "\n  %-24s %s", "shore help "+sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n\nUse \"%s [command] --help\" for more information about a command.", c.CommandPath())
	}
	fmt.Fprintln(w)
}

func pad(s string, n int) string {
	return fmt.Sprintf("%-*s", n, s)
}
