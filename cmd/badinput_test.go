package cmd_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/internal/fileread"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// badInput is one row of the bad-input suite: a command line a person might
// mistype, and what they must see. Placeholders in args, stdin and env:
// {topic} is a topic made for the row ({partitions} partitions, default 1),
// {new} a topic name that must still not exist afterwards, {group} a group
// name no one uses, {dir} a directory of fixtures (see badInputFixtures),
// {closed} an address nothing listens on, {silent} one that accepts
// connections and never answers.
type badInput struct {
	args  []string
	stdin string
	env   map[string]string
	// code is the exit status; stderr a stable part of what it says,
	// which must be one line (two for a usage error: the hint to --help).
	code   int
	stderr string
	// partitions of {topic}; sent is how many records {topic} holds
	// afterwards: what reached the broker.
	partitions int32
	sent       int64
	// stdout is whether the row prints data (a result table) besides.
	stdout bool
	// lines is how many lines stderr may have, when more than one: a
	// summary after the line that matters.
	lines int
}

// usage is a row for a usage error (exit 2): nothing reaches a broker.
func usage(stderr string, args ...string) badInput {
	return badInput{args: args, code: 2, stderr: stderr}
}

// failure is a row for a failure (exit 1).
func failure(stderr string, args ...string) badInput {
	return badInput{args: args, code: 1, stderr: stderr}
}

// with sets the row's stdin.
func (b badInput) with(stdin string) badInput { b.stdin = stdin; return b }

// withEnv adds a variable to the row's environment.
func (b badInput) withEnv(k, v string) badInput {
	env := map[string]string{k: v}
	for k, v := range b.env {
		env[k] = v
	}
	b.env = env
	return b
}

// delivering says how many records the row leaves in {topic}.
func (b badInput) delivering(n int64) badInput { b.sent = n; return b }

// summarised allows a second line on stderr after the one that matters: a
// summary, or the next topic's of a command that answers each on its own.
func (b badInput) summarised() badInput { b.lines = 2; return b }

// printing allows data on stdout, such as a table of results.
func (b badInput) printing() badInput { b.stdout = true; return b }

// in gives {topic} n partitions.
func (b badInput) in(n int32) badInput { b.partitions = n; return b }

var long250 = strings.Repeat("x", 250)

// badInputs is the suite: every bad input a person might give shore, one
// row each. A new flag adds rows here.
var badInputs = []badInput{
	// the root and global settings
	usage(`unknown command "nosuchcommand"`, "nosuchcommand"),
	// kafkactl's order, verb before noun
	usage(`unknown command "create" (did you mean 'shore topics create'?)`, "create", "topic", "{new}", "--partitions", "3"),
	usage(`unknown command "get" (did you mean 'shore topics list'?)`, "get", "topics"),
	usage(`unknown command "alter" (did you mean 'shore topics add-partitions' or 'shore topics alter-config'?)`, "alter", "topic", "{topic}", "--config", "retention.ms=1"),
	usage(`unknown command "delete" (did you mean 'shore topics delete'?)`, "delete", "topic", "{topic}"),
	usage(`unknown command "describe" (did you mean 'shore groups describe'?)`, "describe", "groups", "billing"),
	// kafkactl's noun for groups, its alias, and kafka-consumer-groups'
	// name as a command.
	usage(`unknown command "describe" (did you mean 'shore groups describe'?)`, "describe", "consumer-group", "billing"),
	usage(`unknown command "get" (did you mean 'shore groups list'?)`, "get", "cg"),
	usage(`unknown command "consumer-groups" (did you mean groups?)`, "consumer-groups", "--describe", "--group", "billing"),
	usage(`unknown command "veiw" for "shore config" (did you mean view?)`, "config", "veiw"),
	usage("unknown flag: --nosuchflag", "--nosuchflag", "version"),
	usage("unknown shorthand flag: 'Q'", "-Q", "version"),
	usage("unknown shorthand flag: '1' in -1", "topics", "describe", "t", "-1"),
	usage("unknown flag: --bootstrap-server (Kafka's tools' --bootstrap-server is -b/--brokers)", "--bootstrap-server", "{closed}", "topics", "list"),
	usage("unknown flag: --bootstrap-server (Kafka's tools' --bootstrap-server is -b/--brokers)", "groups", "list", "--bootstrap-server", "{closed}"),
	usage("unknown flag: --list (kafka-topics' --list is 'shore topics list')", "topics", "--list"),
	usage("unknown flag: --alter (kafka-topics' --alter is 'shore topics add-partitions')", "topics", "--alter", "--topic", "{topic}", "--partitions", "4"),
	usage("unknown flag: --describe (kafka-consumer-groups' --describe is 'shore groups describe')", "groups", "--describe", "--group", "{group}"),
	usage("unknown flag: --reset-offsets (kafka-consumer-groups' --reset-offsets is 'shore groups seek')", "groups", "--reset-offsets", "--group", "{group}", "--to-earliest"),
	usage("unknown flag: --broker-list (Kafka's tools' --broker-list is -b/--brokers)", "produce", "{topic}", "--broker-list", "{closed}"),
	usage("unknown shorthand flag: 'L' in -L (kcat's -L is 'shore cluster' for the brokers and 'shore topics describe' for the partitions)", "-L", "-b", "{closed}"),
	// kcat -L -J; consume's and produce's -J, --json elsewhere
	usage("unknown shorthand flag: 'J' in -J (kcat's -J is -o json here)\n", "topics", "describe", "{topic}", "-J"),
	usage("unknown flag: --json (JSON is -o json here)\n", "offsets", "{topic}", "--json"),
	usage("unknown shorthand flag: 'q' in -q (consume writes only records to stdout, as kcat's -q does: leave it out)\n", "consume", "{topic}", "-e", "-q"),
	usage("unknown shorthand flag: 'q' in -q (produce writes nothing to stdout without -m, and to stderr only what went wrong (on a terminal, progress and a summary too), as kcat's -q: leave it out)\n", "produce", "{topic}", "-q"),
	usage("unknown shorthand flag: 'X' in -X (-X brokers is --brokers, SHORE_BROKERS or a profile's brokers; shore has no -X: see 'shore help connection')", "-X", "brokers={closed}", "topics", "list"),
	usage("unknown shorthand flag: 'X' in -X (-X bootstrap.servers is --brokers, SHORE_BROKERS or a profile's brokers; shore has no -X: see 'shore help connection')", "consume", "{topic}", "-X", "bootstrap.servers={closed}"),
	usage("unknown shorthand flag: 'X' in -X (-X sasl.mechanisms is --sasl-mechanism, SHORE_SASL_MECHANISM or a profile's sasl.mechanism; shore has no -X: see 'shore help connection')", "-b", "{closed}", "-X", "sasl.mechanisms=SCRAM-SHA-512", "topics", "list"),
	usage("unknown shorthand flag: 'X' in -X (-X ssl.ca.location is --tls-ca, SHORE_TLS_CA or a profile's tls.ca-file; shore has no -X: see 'shore help connection')", "-b", "{closed}", "-Xssl.ca.location=ca.pem", "topics", "list"),
	usage("unknown shorthand flag: 'X' in -X (-X user is --sasl-username, SHORE_SASL_USERNAME or a profile's sasl.username; shore has no -X: see 'shore help connection')", "-b", "{closed}", "-X", "user=alice", "topics", "list"),
	usage("unknown shorthand flag: 'X' in -X (-X client.id is SHORE_CLIENT_ID or a profile's client-id; shore has no -X: see 'shore help connection')", "-b", "{closed}", "-X", "client.id=ops", "topics", "list"),
	// a consumer's or producer's property, kcat's -X for the job of a flag
	usage("unknown shorthand flag: 'X' in -X (-X group.id is -g/--group; shore has no -X)", "consume", "{topic}", "-e", "-X", "group.id=billing"),
	usage("unknown shorthand flag: 'X' in -X (-X auto.offset.reset is -o start (earliest) or -o end (latest), which with -g is where a partition the group never committed starts; shore has no -X)", "consume", "{topic}", "-Xauto.offset.reset=earliest"),
	usage("unknown shorthand flag: 'X' in -X (-X isolation.level is --read-committed (read_committed); shore has no -X)", "consume", "{topic}", "-X", "isolation.level=read_committed"),
	usage("unknown shorthand flag: 'X' in -X (-X linger.ms is --linger, a duration: 5ms; shore has no -X)", "produce", "{topic}", "-X", "linger.ms=5").with("a\n"),
	usage("unknown shorthand flag: 'X' in -X (-X compression.codec is -z/--compression; shore has no -X)", "produce", "{topic}", "-X", "compression.codec=zstd").with("a\n"),
	// another command's property: the command's own -X line
	usage("unknown shorthand flag: 'X' in -X (kcat's -X properties are produce's flags, such as --acks, -z and --linger, and the connection flags: see 'shore help connection')", "produce", "{topic}", "-X", "group.id=billing").with("a\n"),
	usage("unknown shorthand flag: 'X' in -X (kcat's and rpk's -X settings are the connection flags and profile keys: see 'shore help connection')", "consume", "{topic}", "-X", "acks=all"),
	usage("unknown shorthand flag: 'X' in -X (-X security.protocol is --tls and --sasl-mechanism: SSL is the first, SASL_PLAINTEXT the second, SASL_SSL both; shore has no -X: see 'shore help connection')", "-b", "{closed}", "-X", "security.protocol=SASL_SSL", "topics", "list"),
	usage("unknown shorthand flag: 'X' in -X (-X sasl.jaas.config is --sasl-username and --sasl-password: its username= and password=; shore has no -X: see 'shore help connection')", "-b", "{closed}", "-X", "sasl.jaas.config=x", "topics", "list"),
	usage("unknown shorthand flag: 'X' in -X (-X enable.ssl.certificate.verification is --tls-insecure: when false (true is the default); shore has no -X: see 'shore help connection')", "-b", "{closed}", "-X", "enable.ssl.certificate.verification=false", "topics", "list"),
	usage("unknown shorthand flag: 'X' in -X (-X ssl.endpoint.identification.algorithm is --tls-server-name and --tls-insecure: shore always checks the host name; the first names the one to check, the second skips every check; shore has no -X: see 'shore help connection')", "-b", "{closed}", "-X", "ssl.endpoint.identification.algorithm=none", "topics", "list"),
	usage("unknown shorthand flag: 'X' in -X (-X ssl.key.password is --tls-key: shore reads the key decrypted, as openssl pkey -in KEY -out PLAIN.pem writes it; shore has no -X: see 'shore help connection')", "-b", "{closed}", "-Xssl.key.password=S3cret-key", "topics", "list"),
	usage("unknown shorthand flag: 'X' in -X (-X schema.registry.ssl.ca.location is --registry-ca: the registry's CA, not the brokers'; shore has no -X: see 'shore help connection')", "-X", "schema.registry.ssl.ca.location=ca.pem", "registry", "list"),
	usage("unknown shorthand flag: 'X' in -X (-X sasl.oauthbearer.token.endpoint.url is --sasl-mechanism and --sasl-token-command: OAUTHBEARER with a command that prints the token (shore asks no token endpoint itself); shore has no -X: see 'shore help connection')", "-b", "{closed}", "-X", "sasl.oauthbearer.token.endpoint.url=https://idp.example/token", "topics", "list"),
	usage("unknown shorthand flag: 'L' in -L (kcat's -L is 'shore cluster' for the brokers and 'shore topics describe' for the partitions)", "topics", "list", "-L"),
	usage("unknown shorthand flag: 'V' in -V (kcat's -V is --version, or 'shore version')", "-V"),
	// The root's answers name connection flags and client commands: a
	// command that connects to no Kafka answers plainly.
	usage("unknown flag: --bootstrap-server\n", "version", "--bootstrap-server", "{closed}"),
	usage("unknown flag: --bootstrap-server\n", "--bootstrap-server", "{closed}", "version"),
	usage("unknown shorthand flag: 'V' in -V\n", "version", "-V"),
	usage("unknown shorthand flag: 'X' in -X\n", "dev", "-X", "bootstrap.servers={closed}"),
	usage("unknown shorthand flag: 'L' in -L\n", "dev", "-L"),
	usage("unknown shorthand flag: 'm' in -m\n", "dev", "-m", "5"),
	usage("unknown flag: --user\n", "dev", "--user", "alice"),
	usage("unknown flag: --tls-enabled\n", "completion", "bash", "--tls-enabled"),
	usage("unknown flag: --user (rpk's --user is --sasl-username)", "-b", "{closed}", "--user", "alice", "topics", "list"),
	usage("unknown flag: --password (rpk's --password is --sasl-password; SHORE_SASL_PASSWORD keeps it out of the process list)", "consume", "{topic}", "--password", "S3cret-rpk"),
	usage("unknown flag: --tls-enabled (rpk's --tls-enabled is --tls)", "-b", "{closed}", "--tls-enabled", "topics", "list"),
	usage("unknown flag: --tls-truststore (rpk's --tls-truststore is --tls-ca)", "groups", "list", "--tls-truststore", "ca.pem"),
	usage("unknown shorthand flag: 'F' in -F (kcat's -F FILE of properties is a profile of the configuration file, --config: see 'shore help config-file')", "-F", "kcat.conf", "-b", "{closed}", "topics", "list"),
	usage("unknown flag: --command-config (Kafka's tools' --command-config FILE of properties is a profile of the configuration file, --config: see 'shore help config-file')", "topics", "list", "--command-config", "client.properties"),
	usage("unknown flag: --security-protocol (--security-protocol (Kafka's security.protocol) is --tls and --sasl-mechanism: SSL is the first, SASL_PLAINTEXT the second, SASL_SSL both; see 'shore help security')", "topics", "list", "--security-protocol", "SASL_SSL"),
	usage("unknown flag: --security-protocol (--security-protocol (Kafka's security.protocol) is --tls and --sasl-mechanism: SSL is the first, SASL_PLAINTEXT the second, SASL_SSL both; see 'shore help security')", "consume", "{topic}", "--security-protocol=SSL"),
	usage("unknown flag: --tls-c (did you mean --tls, --tls-ca or --tls-cert?)", "cluster", "--tls-c", "ca.pem"),
	usage(`--timeout`, "--timeout", "soon", "topics", "list"),
	usage(`--timeout`, "--timeout", "-1s", "topics", "list"),
	usage("--timeout 16m0s: want at most 15m0s (the longest the Kafka client lets a request wait), such as 10s", "--timeout", "16m", "consume", "{topic}", "-e"),
	usage("--timeout 46m0s: want at most 15m0s (the longest the Kafka client lets a request wait), such as 10s", "--timeout", "46m", "topics", "list"),
	usage(`-v`, "-v=maybe", "version"),
	usage(`--tls`, "--tls=maybe", "topics", "list"),
	usage("nope", "--profile", "nope", "topics", "list"),
	usage("--config {dir}/nope.yaml: no such file or directory", "--config", "{dir}/nope.yaml", "topics", "list"),
	usage("--config {dir}/adir: is a directory", "--config", "{dir}/adir", "topics", "list"),
	usage("--config /dev/zero: larger than", "--config", "/dev/zero", "topics", "list"),
	usage("NOPE", "--sasl-mechanism", "NOPE", "topics", "list"),
	usage("--sasl-mechanism PLAIN needs a username", "--sasl-mechanism", "PLAIN", "topics", "list"),
	usage("--sasl-mechanism OAUTHBEARER needs a token", "--sasl-mechanism", "OAUTHBEARER", "topics", "list"),
	usage("--tls-ca {dir}/nope.pem: no such file or directory", "--tls-ca", "{dir}/nope.pem", "topics", "list"),
	usage("is a directory", "--sasl-mechanism", "PLAIN", "--sasl-username", "u", "--sasl-password-file", "{dir}/adir", "topics", "list"),
	usage("larger than", "--sasl-mechanism", "PLAIN", "--sasl-username", "u", "--sasl-password-file", "/dev/zero", "topics", "list"),
	usage("SHORE_TIMEOUT", "topics", "list").withEnv("SHORE_TIMEOUT", "-1s"),
	usage("SHORE_TIMEOUT", "topics", "list").withEnv("SHORE_TIMEOUT", "soon"),
	usage("SHORE_PROFILE", "topics", "list").withEnv("SHORE_PROFILE", "nope"),
	// An empty broker (an unset variable in a script) is named by its
	// place, where it was dropped without a word.
	usage(`--brokers "{closed},,{closed}": item 2 of 3 is empty: give host:port there or remove a comma`, "-b", "{closed},,{closed}", "topics", "list"),
	usage(`--brokers "{closed},": item 2 of 2 is empty: give host:port there or remove a comma`, "-b", "{closed},", "topics", "list"),
	usage(`SHORE_BROKERS ",{closed}": item 1 of 2 is empty: give host:port there or remove a comma`, "topics", "list").withEnv("SHORE_BROKERS", ",{closed}"),
	// A TLS server name is a host alone, before anything dials.
	usage(`--tls-server-name "localhost:9093": it takes a host name alone, not host:port; write localhost`, "-b", "{closed}", "--tls-server-name", "localhost:9093", "topics", "list"),
	usage(`--tls-server-name "https://localhost": it takes a host name alone, not a URL; write localhost`, "consume", "{topic}", "-b", "{closed}", "--tls-server-name", "https://localhost"),

	// version, cluster, registry list, config, completion
	usage(`version: unexpected argument "extra"`, "version", "extra"),
	usage(`cluster: unexpected argument "extra"`, "cluster", "extra"),
	usage(`--output "xml": want table, json or csv`, "cluster", "-o", "xml"),
	usage(`--output "xml": want table, json or csv`, "registry", "list", "-o", "xml"),
	// rpk registry's flags and verbs, answered with shore's
	usage("unknown flag: --schema-version (rpk's --schema-version V is the VERSION argument: shore registry show SUBJECT V)", "registry", "show", "s", "--schema-version", "1"),
	usage("unknown flag: --print-schema (rpk's --print-schema is -o schema, the schema's text alone)", "registry", "show", "s", "--print-schema"),
	usage("unknown flag: --schema-version (rpk's --schema-version V is the VERSION argument: shore registry delete SUBJECT V)", "registry", "delete", "s", "--schema-version", "1"),
	usage("unknown flag: --schema (rpk's --schema FILE is the FILE argument: shore registry register SUBJECT FILE)", "registry", "register", "s", "--schema", "s.avsc"),
	usage("unknown flag: --references (rpk's --references is --ref NAME=SUBJECT[:VERSION], once for each)", "registry", "register", "s", "s.avsc", "--references", "a:b:1"),
	usage("unknown flag: --schema (rpk's --schema FILE is the FILE argument: shore registry check SUBJECT FILE)", "registry", "check", "s", "--schema", "s.avsc"),
	usage("unknown flag: --schema-version (rpk's --schema-version V is --version V)", "registry", "check", "s", "s.avsc", "--schema-version", "1"),
	usage("unknown flag: --level (rpk's --level L is --set L)", "registry", "compat", "s", "--level", "FULL"),
	usage("unknown flag: --global (rpk's --global is compat without a SUBJECT: shore registry compat --set L)", "registry", "compat", "--global"),
	usage(`unknown command "schema" for "shore registry" (rpk's 'registry schema VERB' is 'shore registry VERB': get is show, create is register, check-compatibility is check)`, "registry", "schema", "get", "s"),
	usage(`unknown command "subject" for "shore registry" (rpk's 'registry subject list' and 'subject delete' are 'shore registry list' and 'shore registry delete')`, "registry", "subject", "list"),
	usage(`unknown command "bogus"`, "config", "bogus"),
	usage("config use: missing PROFILE", "config", "use"),
	usage(`config use: unexpected argument "b"`, "config", "use", "a", "b"),
	usage(`config profiles: unexpected argument "extra"`, "config", "profiles", "extra"),
	usage(`"xml"`, "config", "view", "-o", "xml"),
	usage(`unknown command "klingon" for "shore completion"`, "completion", "klingon"),
	usage(`completion bash: unexpected argument "extra"`, "completion", "bash", "extra"),
	usage(`completion zsh: unexpected argument "extra"`, "completion", "zsh", "extra"),
	usage("unknown flag: --nope", "completion", "bash", "--nope"),
	usage("help nope: no such command or help topic", "help", "nope"),
	usage("help connection extra: no such command or help topic", "help", "connection", "extra"),
	usage("help topics frobnicate: no such command or help topic", "help", "topics", "frobnicate"),

	// a cluster that cannot be reached, or does not answer
	failure("cannot reach {closed}", "-b", "{closed}", "topics", "list"),
	// a broker without a port is named with the one the client tried
	failure("cannot reach nosuchhost.invalid:9092: ", "-b", "nosuchhost.invalid", "--timeout", "3s", "topics", "list"),
	failure("cannot reach {closed}", "-b", "{closed}", "topics", "describe", "t"),
	failure("cannot reach {closed}", "-b", "{closed}", "offsets", "t"),
	failure("cannot reach {closed}", "-b", "{closed}", "cluster"),
	failure("cannot reach {closed}", "-b", "{closed}", "consume", "t", "-e"),
	failure("cannot reach {closed}", "-b", "{closed}", "produce", "t").with("a\n"),
	failure("cannot reach {closed}", "-b", "{closed}", "groups", "list"),
	failure("cannot reach {closed}", "-b", "{closed}", "groups", "describe", "g"),
	failure("cannot reach {closed}", "topics", "list").withEnv("SHORE_BROKERS", "{closed}"),
	failure("cannot reach {silent}: no answer within 1s", "-b", "{silent}", "--timeout", "1s", "topics", "list"),
	failure("cannot reach {silent}: no answer within 1s", "-b", "{silent}", "--timeout", "1s", "groups", "describe", "g"),

	// topics list
	usage("topic name \"a/b\": '/' is not allowed (only ASCII letters, digits, '.', '_' and '-')\n", "topics", "list", "a/b"),
	// kafka-topics --topic takes a regular expression; shore's -r does
	usage(`topic name "orders.*": '*' is not allowed (only ASCII letters, digits, '.', '_' and '-'); for a regular expression, add -r (shore topics list -r REGEX...)`, "topics", "list", "orders.*"),
	usage(`topic name "^orders$": '^' is not allowed (only ASCII letters, digits, '.', '_' and '-'); for a regular expression, add -r (shore topics describe -r REGEX...)`, "topics", "describe", "{topic}", "^orders$"),
	usage(`topic name "orders-[0-9]": '[' is not allowed (only ASCII letters, digits, '.', '_' and '-'); for a regular expression, add -r (shore consume -r REGEX...)`, "consume", "orders-[0-9]", "-e"),
	usage("-r/--regex needs at least one REGEX argument (usage: shore topics list -r REGEX...)", "topics", "list", "-r"),
	usage(`bad regular expression "(" (argument of -r/--regex): missing closing )`, "topics", "list", "--regex", "{topic}", "("),
	usage(`--output "yaml": want table, json or csv`, "topics", "list", "-o", "yaml"),
	usage("unknown flag: --topics-with-overrides (describe shows every topic's settings that differ from the defaults, under its name)", "topics", "describe", "--topics-with-overrides"),
	usage(`--internal`, "topics", "list", "--internal=maybe"),
	usage(`unknown command "frobnicate"`, "topics", "frobnicate"),
	// other tools' flags for the job are answered with shore's
	usage("unknown flag: --topic (topics are arguments, regular expressions with -r: shore topics list -r REGEX...)", "topics", "list", "--topic", "{topic}"),
	usage("unknown flag: --exclude-internal (internal topics are left out unless --internal is given)", "topics", "list", "--exclude-internal"),
	usage("unknown shorthand flag: 'd' in -d (rpk's topic list -d is 'shore topics describe', whose table has each partition)", "topics", "list", "-d"),
	usage("unknown flag: --detailed (rpk's topic list --detailed is 'shore topics describe', whose table has each partition)", "topics", "list", "--detailed"),
	usage("unknown shorthand flag: 'a' in -a (rpk's -a is every table, which describe always prints; --all adds the settings at their defaults)", "topics", "describe", "{topic}", "-a"),
	usage("unknown flag: --topic (topics are arguments: shore topics describe TOPIC...)", "topics", "describe", "--topic", "{topic}"),
	// topics list's --internal (rpk's -i) is no describe flag: internal topics are named
	usage("unknown flag: --internal (describe takes an internal topic by name: shore topics describe __consumer_offsets; a partition filter without TOPIC looks at internal topics too, -r at none)", "topics", "describe", "-r", "^__", "--internal"),
	usage(`bad regular expression "[" (argument of -r/--regex): missing closing ]`, "topics", "describe", "-r", "["),
	usage(`bad regular expression "[" (argument of -r/--regex): missing closing ]`, "topics", "list", "-r", "["),
	usage(`bad regular expression "orders|[a" (argument of -r/--regex): missing closing ] at "[a"`, "offsets", "-r", "orders|[a"),
	usage(`bad regular expression "^(?!_)" (argument of -r/--regex): invalid or unsupported Perl syntax at "(?!" (Go's RE2 syntax has no lookahead or lookbehind)`, "topics", "list", "-r", "^(?!_)"),
	usage("unknown flag: --under-replicated-partitions (kafka-topics' --under-replicated-partitions is --under-replicated)", "topics", "describe", "--under-replicated-partitions"),
	usage("unknown flag: --under-min-isr-partitions (kafka-topics' --under-min-isr-partitions is --under-min-isr)", "topics", "describe", "{topic}", "--under-min-isr-partitions"),
	usage("unknown flag: --at-min-isr-partitions (kafka-topics' --at-min-isr-partitions is --at-min-isr)", "topics", "describe", "--at-min-isr-partitions"),
	usage("unknown flag: --unavailable-partitions (kafka-topics' --unavailable-partitions is --unavailable)", "topics", "describe", "--unavailable-partitions"),
	usage("unknown shorthand flag: 'p' in -p (rpk's -p is the partition table that describe always prints)", "topics", "describe", "{topic}", "-p"),
	usage("unknown flag: --print-partitions (rpk's --print-partitions is the partition table that describe always prints)", "topics", "describe", "{topic}", "--print-partitions"),
	usage("unknown shorthand flag: 'c' in -c (rpk's -c is the settings table that describe always prints: the settings that differ from the defaults, every setting with --all)", "topics", "describe", "{topic}", "-c"),
	usage("unknown flag: --print-configs (rpk's --print-configs is the settings table that describe always prints: the settings that differ from the defaults, every setting with --all)", "topics", "describe", "{topic}", "--print-configs"),
	usage("--all shows settings, which -o csv does not write: use -o table or json", "topics", "describe", "{topic}", "--all", "-o", "csv"),
	usage("--all shows settings, which a partition filter's table does not write: use -o json", "topics", "describe", "--all", "--under-replicated"),
	usage("-r/--regex needs at least one REGEX argument (usage: shore topics describe -r REGEX...)", "topics", "describe", "-r", "--under-replicated"),
	usage("--under-replicated", "topics", "describe", "--under-replicated=maybe"),
	usage("unknown flag: --topic (topics are arguments: shore topics delete TOPIC...)", "topics", "delete", "--topic={topic}"),
	usage("unknown flag: --dry-run (delete has none: 'shore topics list TOPIC...' lists the topics it would delete, and fails as delete does when one does not exist)", "topics", "delete", "{topic}", "--dry-run"),
	usage("unknown flag: --topic (topics are arguments: shore topics create TOPIC...)", "topics", "create", "--topic", "{new}", "-p", "1"),
	usage("unknown flag: --replication-factor (kafka-topics' --replication-factor is -r/--replicas)", "topics", "create", "{new}", "--replication-factor", "1"),
	usage("unknown flag: --entity-name (kafka-configs' --entity-name T is an argument: shore topics alter-config T)", "topics", "alter-config", "--entity-name", "{topic}", "--set", "retention.ms=1"),
	usage("unknown flag: --add-config (kafka-configs' --add-config k=v,k2=v2 is --set k=v --set k2=v2)", "topics", "alter-config", "{topic}", "--add-config", "retention.ms=1"),
	usage("unknown flag: --delete-config (kafka-configs' --delete-config k is --delete k)", "topics", "alter-config", "{topic}", "--delete-config", "retention.ms"),
	usage("unknown flag: --partitions (kafkactl's alter topic --partitions N is shore topics add-partitions TOPIC --total N)", "topics", "alter-config", "{topic}", "--partitions", "3"),
	usage("unknown flag: --partitions (kafka-topics' --alter --partitions N is --total N)", "topics", "add-partitions", "{topic}", "--partitions", "2"),
	usage("unknown flag: --num (rpk's --num N adds N partitions; --total N is the count to grow to)", "topics", "add-partitions", "{topic}", "--num", "1"),
	usage("unknown shorthand flag: 'n' in -n (rpk's -n N adds N partitions; --total N is the count to grow to)", "topics", "add-partitions", "{topic}", "-n", "1"),
	usage("unknown flag: --regex (rpk's --regex: delete takes names, not regular expressions: shore topics list -r REGEX -o json | jq -r '.[].name' | xargs -r shore topics delete)", "topics", "delete", "--regex", "^scratch"),
	usage("unknown flag: --validate-only (kafkactl's --validate-only is --dry-run)", "topics", "create", "{new}", "--validate-only"),
	// kafka-topics has both, one for --create and one for --delete
	usage("unknown flag: --if-exists (create's is --if-not-exists; --if-exists is delete's)", "topics", "create", "{new}", "--if-exists"),
	usage("unknown flag: --if-not-exists (delete's is --if-exists; --if-not-exists is create's)", "topics", "delete", "{topic}", "--if-not-exists"),
	usage("unknown flag: --partition (did you mean --partitions?)", "topics", "create", "{new}", "--partition", "3"),
	usage("unknown flag: --partitons (did you mean --partitions?)", "topics", "create", "{new}", "--partitons", "3"),
	// Two letters swapped are one typo: a flag of four letters, allowed
	// one, is still named.
	usage("unknown flag: --wiat (did you mean --wait?)", "consume", "{topic}", "--wiat", "1s"),
	usage("unknown flag: --dry (shore's is --dry-run)", "topics", "create", "{new}", "--dry"),
	usage(`--dry-run`, "topics", "create", "{new}", "--dry-run=maybe"),
	failure("already exists", "topics", "create", "{topic}", "--dry-run"),
	usage("unknown flag: --validate-only (kafkactl's --validate-only is --dry-run)", "topics", "alter-config", "{topic}", "--set", "retention.ms=1", "--validate-only"),
	usage("nothing to change: give --set key=value or --delete key", "topics", "alter-config", "{topic}", "--dry-run"),
	failure(`unknown topic "{new}"`, "topics", "alter-config", "{new}", "--set", "retention.ms=1", "--dry-run"),
	failure(`unknown topics "{new}" and "{new}-b"`, "topics", "alter-config", "{new}-b", "{new}", "--set", "retention.ms=1"),
	usage(`--set: config "retention.ms=1,segment.bytes=1048576" holds 2 settings: give each its own --set, as in --set retention.ms=1 --set segment.bytes=1048576`,
		"topics", "alter-config", "{topic}", "--set", "retention.ms=1,segment.bytes=1048576"),
	usage(`--delete "retention.ms,segment.ms": one setting per --delete, as in --delete retention.ms --delete segment.ms`,
		"topics", "alter-config", "{topic}", "--delete", "retention.ms,segment.ms"),
	usage(`--topic-config: config "cleanup.policy=compact,retention.ms=1" holds 2 settings: give each its own -c, as in -c cleanup.policy=compact -c retention.ms=1`,
		"topics", "create", "{new}", "-c", "cleanup.policy=compact,retention.ms=1"),
	failure("invalid value 10 for configuration compression.gzip.level: Value must be between 1 and 9 or equal to -1", "topics", "create", "{new}", "-c", "compression.gzip.level=10"),
	failure("invalid value 23 for configuration compression.zstd.level: Value must be no more than 22", "topics", "alter-config", "{topic}", "--set", "compression.zstd.level=23"),
	// Kafka writes an empty value as nothing between two spaces
	failure(`invalid value "" for configuration retention.ms: Not a number of type LONG (the value is empty; --delete retention.ms returns the setting to its default)`, "topics", "alter-config", "{topic}", "--set", "retention.ms="),
	failure(`invalid value "" for configuration retention.ms: Not a number of type LONG (the value is empty; without -c retention.ms the topic takes the default)`, "topics", "create", "{new}", "-c", "retention.ms="),
	// kafka-configs' list in brackets
	failure(`(kafka-configs' [a,b] is a list written without brackets here: --set cleanup.policy=compact,delete)`, "topics", "alter-config", "{topic}", "--set", "cleanup.policy=[compact,delete]"),
	failure(`(kafka-configs' [a,b] is a list written without brackets here: -c cleanup.policy=compact,delete)`, "topics", "create", "{new}", "-c", "cleanup.policy=[compact,delete]"),
	// a broker setting's name, which Kafka calls unknown for a topic, gets the topic's
	failure("unknown topic config name: message.max.bytes (message.max.bytes is a broker setting; the topic's is max.message.bytes)", "topics", "create", "{new}", "-c", "message.max.bytes=2000000"),
	failure("unknown topic config name: log.retention.hours (log.retention.hours is a broker setting; the topic's is retention.ms, in milliseconds)", "topics", "alter-config", "{topic}", "--set", "log.retention.hours=24"),
	failure("unknown topic config name: retention_ms (did you mean retention.ms?)", "topics", "create", "{new}", "-c", "retention_ms=1000"),
	failure("unknown topic config name: cleanup.polcy (did you mean cleanup.policy?)", "topics", "alter-config", "{topic}", "--set", "cleanup.polcy=compact"),
	failure("unknown topic config name: min.insync.replica (did you mean min.insync.replicas?)", "topics", "alter-config", "{topic}", "--delete", "min.insync.replica"),
	usage("unknown flag: --dry (shore's is --dry-run)", "topics", "add-partitions", "{topic}", "--total", "2", "--dry"),
	failure(`unknown topic "{new}"`, "topics", "add-partitions", "{new}", "--total", "2", "--dry-run"),
	failure("already has 1 partition; --total must be more", "topics", "add-partitions", "{topic}", "--total", "1", "--dry-run"),
	usage("unknown flag: --topic (topics are arguments, regular expressions with -r: shore offsets -r REGEX...)", "offsets", "--topic", "{topic}"),
	usage(`-p/--partitions "0,x": "x" is not a partition number (0 or more)`, "offsets", "{topic}", "-p", "0,x"),
	usage(`shore: -p/--partitions "2-0": "2-0" runs backwards: write 0-2`, "offsets", "{topic}", "-p", "2-0"),
	usage(`shore: -p/--partitions "1-": "1-" has no last partition: a range is FIRST-LAST, both included, such as 0-2`, "offsets", "{topic}", "-p", "1-"),
	usage(`shore: -p/--partitions "x": "x" is not a partition number (0 or more) nor a range of them (0-2)`, "offsets", "{topic}", "-p", "x"),
	usage(`shore: -p/--partitions "-1": "-1" is not a partition number (0 or more) nor a range of them (0-2)`, "offsets", "{topic}", "-p", "-1"),
	usage(`shore: -p/--partitions "0,1-x": "1-x" is not a partition number (0 or more) nor a range of them (0-2)`, "offsets", "{topic}", "-p", "0", "-p", "1-x"),
	failure(`shore: topic "{topic}" has no partitions 1-9 (it has only 0)`, "offsets", "{topic}", "-p", "0-9").printing(),
	usage("unknown flag: --partition (GetOffsetShell's --partitions is -p/--partitions 0,2)", "offsets", "{topic}", "--partition", "0"),
	usage("unknown flag: --topic-partitions (GetOffsetShell's --topic-partitions T:0-3 is T -p 0-2, with -r for a pattern: its ranges leave their last partition out, shore's include it)", "offsets", "--topic-partitions", "{topic}:0-3"),
	usage("unknown flag: --time (GetOffsetShell's --time T is --at T; the earliest (-2) and latest (-1) offsets are always shown, as LOG-START and LOG-END)", "offsets", "{topic}", "--time", "-1"),

	// topic names, by Kafka's rules, in every command that takes one
	usage("empty topic name", "topics", "describe", ""),
	usage(`topic name ".": '.' and '..' are not topic names`, "topics", "describe", "."),
	usage(`topic name "..": '.' and '..' are not topic names`, "topics", "describe", ".."),
	usage("250 characters, longer than Kafka's 249", "topics", "describe", long250),
	usage(`topic name "has space": ' ' is not allowed`, "topics", "describe", "has space"),
	usage(`topic name "a/b": '/' is not allowed`, "topics", "describe", "a/b"),
	usage(`topic name "é": 'é' is not allowed (only ASCII letters, digits, '.', '_' and '-')`, "topics", "describe", "é"),
	usage(`topic name "a\tb": '\t' is not allowed`, "topics", "describe", "a\tb"),
	usage("empty topic name", "topics", "describe", "ok", ""),
	usage("empty topic name", "topics", "create", ""),
	usage(`'.' and '..' are not topic names`, "topics", "create", "."),
	usage(`'.' and '..' are not topic names`, "topics", "create", ".."),
	usage("longer than Kafka's 249", "topics", "create", long250),
	usage(`' ' is not allowed`, "topics", "create", "has space"),
	usage(`'/' is not allowed`, "topics", "create", "a/b"),
	usage(`':' is not allowed`, "topics", "create", "a:b"),
	// a broker's address where a TOPIC goes, as 'until kcat -b
	// localhost:9092 -L' becomes; topics joined by commas, as a variable
	// holds them; a topic and partition is neither
	usage(`topic name "localhost:9092": ':' is not allowed (only ASCII letters, digits, '.', '_' and '-'); a broker address goes to -b/--brokers: -b localhost:9092`, "ready", "localhost:9092", "--wait", "5s"),
	usage(`topic name "kafka-1:19092,kafka-2:19092": ':' is not allowed (only ASCII letters, digits, '.', '_' and '-'); a broker address goes to -b/--brokers: -b kafka-1:19092,kafka-2:19092`, "check", "kafka-1:19092,kafka-2:19092"),
	usage(`topic name "PLAINTEXT://kafka:9092": ':' is not allowed (only ASCII letters, digits, '.', '_' and '-'); a broker address goes to -b/--brokers: -b kafka:9092`, "consume", "PLAINTEXT://kafka:9092", "-e"),
	usage(`topic name "orders,payments": ',' is not allowed (only ASCII letters, digits, '.', '_' and '-'); give each topic its own argument: orders payments`, "ready", "orders,payments"),
	usage(`topic name "orders,payments": ',' is not allowed (only ASCII letters, digits, '.', '_' and '-'); give each topic its own argument: orders payments`, "offsets", "orders,payments"),
	// TOPIC:PARTITION, as GetOffsetShell's --topic-partitions and kcat's
	// -Q -t write it, to a command that takes -p; not to one that does not
	usage("topic name \"orders:0\": ':' is not allowed (only ASCII letters, digits, '.', '_' and '-'); a partition is given with -p: shore consume orders -p 0\n", "consume", "orders:0", "-e"),
	usage("topic name \"orders:0\": ':' is not allowed (only ASCII letters, digits, '.', '_' and '-'); a partition is given with -p: shore produce orders -p 0\n", "produce", "orders:0"),
	usage("topic name \"orders:0\": ':' is not allowed (only ASCII letters, digits, '.', '_' and '-'); a partition is given with -p: shore offsets orders -p 0\n", "offsets", "orders", "orders:0"),
	usage("topic name \"orders:0:1795392000000\": ':' is not allowed (only ASCII letters, digits, '.', '_' and '-'); kcat's -Q -t TOPIC:PARTITION:TIME is -p PARTITION --at TIME: shore offsets orders -p 0 --at 1795392000000\n", "offsets", "orders:0:1795392000000"),
	usage("topic name \"orders:2:-1\": ':' is not allowed (only ASCII letters, digits, '.', '_' and '-'); kcat's -Q -t TOPIC:PARTITION:TIME is -p PARTITION --at TIME, and its -1 and -2 are LOG-END and LOG-START, always shown: shore offsets orders -p 2\n", "offsets", "orders:2:-1"),
	usage("topic name \"orders:0:5\": ':' is not allowed (only ASCII letters, digits, '.', '_' and '-')\n", "consume", "orders:0:5", "-e"),
	usage("topic name \"orders:0\": ':' is not allowed (only ASCII letters, digits, '.', '_' and '-')\n", "topics", "describe", "orders:0"),
	usage("unknown shorthand flag: 'Q' in -Q (kcat's -Q -t TOPIC:PARTITION:TIME is 'shore offsets TOPIC -p PARTITION --at TIME')\n", "offsets", "-Q", "-t", "orders:0:-1"),
	// produce and check take one TOPIC: a second argument would be a FILE
	// to produce, or refused
	usage("topic name \"orders,payments\": ',' is not allowed (only ASCII letters, digits, '.', '_' and '-')\n", "produce", "orders,payments"),
	usage("topic name \"orders,payments\": ',' is not allowed (only ASCII letters, digits, '.', '_' and '-')\n", "check", "orders,payments"),
	usage("topic name \"a,b/c\": ',' is not allowed (only ASCII letters, digits, '.', '_' and '-')\n", "produce", "a,b/c"),
	usage(`'*' is not allowed`, "topics", "create", "{new}", "a*"),
	usage("empty topic name", "topics", "delete", ""),
	usage(`'.' and '..' are not topic names`, "topics", "delete", "."),
	usage(`'/' is not allowed`, "topics", "delete", "a/b"),
	usage("empty topic name", "topics", "alter-config", "", "--set", "retention.ms=1"),
	usage(`'/' is not allowed`, "topics", "alter-config", "a/b", "--set", "retention.ms=1"),
	usage("empty topic name", "topics", "add-partitions", "", "--total", "2"),
	usage(`'.' and '..' are not topic names`, "topics", "add-partitions", "..", "--total", "2"),
	usage("empty topic name", "offsets", ""),
	usage(`'.' and '..' are not topic names`, "offsets", "."),
	usage(`' ' is not allowed`, "offsets", "has space"),
	usage("longer than Kafka's 249", "offsets", long250),
	usage("empty topic name", "produce", ""),
	usage(`'.' and '..' are not topic names`, "produce", "."),
	usage(`'/' is not allowed`, "produce", "a/b"),
	usage("longer than Kafka's 249", "produce", long250),
	usage("empty topic name", "consume", ""),
	usage(`'.' and '..' are not topic names`, "consume", ".."),
	usage(`' ' is not allowed`, "consume", "has space"),
	usage("longer than Kafka's 249", "consume", long250),
	usage("empty topic name", "consume", "{topic}", ""),
	usage(`'/' is not allowed`, "groups", "describe", "{group}", "--topic", "a/b"),
	usage(`--topic "a/b": '/' is not allowed (only ASCII letters, digits, '.', '_' and '-')`, "groups", "seek", "{group}", "--to", "start", "--topic", "a/b"),
	usage(`--topic "a/b:0": topic name "a/b": '/' is not allowed`, "groups", "seek", "{group}", "--to", "start", "--topic", "a/b:0"),
	usage(`--topic ".": '.' and '..' are not topic names`, "groups", "seek", "{group}", "--to", "start", "--topic", "."),
	usage(`--topic "xxxxxxxxxxxxxxxxxxxx"...: 250 characters, longer than Kafka's 249`, "groups", "seek", "{group}", "--to", "start", "--topic", long250),
	usage(`empty topic name`, "groups", "seek", "{group}", "--to", "start", "--topic", ""),
	usage(`empty topic name`, "groups", "seek", "{group}", "--to", "start", "--topic", ":0"),
	usage(`'/' is not allowed`, "groups", "delete-offsets", "{group}", "--topic", "a/b"),
	usage(`empty topic name`, "groups", "delete-offsets", "{group}", "--topic", ""),
	usage(`empty topic name`, "groups", "commit", "{group}", ":0=1"),
	usage(`groups commit: missing TOPIC:PARTITION=OFFSET (`, "groups", "commit", "{group}"),
	usage(`groups commit: missing GROUP and TOPIC:PARTITION=OFFSET (`, "groups", "commit"),
	// the GROUP left out, or given after the offsets
	usage("groups commit: missing GROUP before t:0=1 (usage: shore groups commit GROUP TOPIC:PARTITION=OFFSET...)\n", "groups", "commit", "t:0=1"),
	usage("groups commit: GROUP billing after the offsets (the group comes first: shore groups commit billing t:0=1 t:1=2)\n", "groups", "commit", "t:0=1", "t:1=2", "billing"),
	usage(`'/' is not allowed`, "groups", "commit", "{group}", "a/b:0=1"),

	// topics describe, delete, create
	usage("topics describe: missing TOPIC, or --under-replicated, --under-min-isr, --at-min-isr or --unavailable for every topic", "topics", "describe"),
	usage(`--output "xml"`, "topics", "describe", "{topic}", "-o", "xml"),
	failure(`unknown topic "{new}"`, "topics", "describe", "{new}"),
	failure(`unknown topics "{new}" and "{new}-b"`, "topics", "describe", "{new}-b", "{new}"),
	usage("topics delete: missing TOPIC", "topics", "delete"),
	usage(`--output "xml"`, "topics", "delete", "{new}", "-o", "xml"),
	failure(`unknown topic "{new}"`, "topics", "delete", "{new}"),
	usage("topics create: missing TOPIC", "topics", "create"),
	usage("--partitions 0: a topic needs at least 1 partition", "topics", "create", "{new}", "-p", "0"),
	usage("--partitions -1: a topic needs at least 1 partition", "topics", "create", "{new}", "-p", "-1"),
	usage("shore: --partitions 99999999999: out of range: want a whole number from 1 to 2147483647", "topics", "create", "{new}", "-p", "99999999999"),
	usage("shore: --partitions 4294967297: out of range", "topics", "create", "{new}", "-p", "4294967297"),
	usage(`shore: --partitions "x": not a whole number`, "topics", "create", "{new}", "-p", "x"),
	usage(`shore: --partitions "1.5": not a whole number`, "topics", "create", "{new}", "-p", "1.5"),
	// numbers are decimal, as Kafka's tools read them: not Go's 0x10, 0o7 or 1_0
	usage(`shore: --partitions "0x10": not a whole number`, "topics", "create", "{new}", "-p", "0x10"),
	usage(`shore: --partitions "1_0": not a whole number`, "topics", "create", "{new}", "-p", "1_0"),
	usage(`shore: --replicas "0b1": not a whole number`, "topics", "create", "{new}", "-r", "0b1"),
	usage(`shore: --total "0o7": not a whole number`, "topics", "add-partitions", "{topic}", "--total", "0o7"),
	usage(`shore: --count "0x1": not a whole number`, "consume", "{topic}", "-n", "0x1", "-e"),
	usage("shore: --replicas 0: a topic needs at least 1 replica", "topics", "create", "{new}", "-r", "0"),
	usage("shore: --replicas 40000: out of range: want a whole number from 1 to 32767", "topics", "create", "{new}", "-r", "40000"),
	usage(`shore: --replicas "x": not a whole number`, "topics", "create", "{new}", "-r", "x"),
	usage(`config "foo": want key=value`, "topics", "create", "{new}", "-c", "foo"),
	usage(`--topic-config: config "=1": no setting's name before '='`, "topics", "create", "{new}", "-c", "=1"),
	// a setting given twice: which value was meant is not for shore to guess
	usage(`shore: --topic-config: config "retention.ms" is given twice ("retention.ms=1", then "retention.ms=2"): give it once`, "topics", "create", "{new}", "-c", "retention.ms=1", "-c", "retention.ms=2"),
	usage(`--output "xml"`, "topics", "create", "{new}", "-o", "xml"),
	failure(`"{topic}"`, "topics", "create", "{topic}"),

	// topics alter-config
	usage("topics alter-config: missing TOPIC", "topics", "alter-config"),
	usage(`"retention.ms=1" is a setting, not a topic name: --set retention.ms=1`, "topics", "alter-config", "{topic}", "retention.ms=1"),
	usage(`"retention.ms=1" is a setting, not a topic name: --set retention.ms=1`, "topics", "alter-config", "{topic}", "retention.ms=1", "--set", "cleanup.policy=compact"),
	usage("nothing to change: give --set key=value or --delete key", "topics", "alter-config", "{topic}"),
	usage(`config "x": want key=value`, "topics", "alter-config", "{topic}", "--set", "x"),
	usage(`--set: config "=1": no setting's name before '='`, "topics", "alter-config", "{topic}", "--set", "=1"),
	usage("retention.ms is given to both --set and --delete: choose one", "topics", "alter-config", "{topic}", "--set", "retention.ms=1", "--delete", "retention.ms"),
	usage("--delete '': want a setting's name", "topics", "alter-config", "{topic}", "--delete", ""),
	usage("retention.ms is given to both --set and --delete: choose one", "topics", "alter-config", "{topic}", "--set", "retention.ms=1", "--delete", " retention.ms"),
	usage("shore: --delete retention.ms is given twice: give it once", "topics", "alter-config", "{topic}", "--delete", "retention.ms", "--delete", "retention.ms "),
	usage(`shore: --set: config "retention.ms" is given twice ("retention.ms=1", then "retention.ms=1"): give it once`, "topics", "alter-config", "{topic}", "--set", "retention.ms=1", "--set", "retention.ms=1"),
	usage("shore: --delete retention.ms is given twice: give it once", "topics", "alter-config", "{topic}", "--delete", "retention.ms", "--delete", "retention.ms"),
	usage(`--delete "retention.ms=1": want a setting's name, not key=value (--delete retention.ms)`, "topics", "alter-config", "{topic}", "--delete", "retention.ms=1"),
	usage(`--output "xml"`, "topics", "alter-config", "{topic}", "--set", "retention.ms=1", "-o", "xml"),
	failure(`unknown topic "{new}"`, "topics", "alter-config", "{new}", "--set", "retention.ms=1"),

	// topics add-partitions: the count is an int32 on the wire
	usage("topics add-partitions: missing TOPIC", "topics", "add-partitions", "--total", "2"),
	usage("--total is required", "topics", "add-partitions", "{topic}"),
	usage(`"6" looks like the partition count: --total 6`, "topics", "add-partitions", "{topic}", "6"),
	usage(`"12" looks like the partition count: --total 12`, "topics", "add-partitions", "12", "{topic}", "{topic}-b"),
	usage("--total 0: a topic needs at least 1 partition", "topics", "add-partitions", "{topic}", "--total", "0"),
	usage("--total -1: a topic needs at least 1 partition", "topics", "add-partitions", "{topic}", "--total", "-1"),
	usage("--total 99999999999: out of range: want a whole number from 1 to 2147483647", "topics", "add-partitions", "{topic}", "--total", "99999999999"),
	usage("--total 4294967297: out of range", "topics", "add-partitions", "{topic}", "--total", "4294967297"),
	usage("--total 2147483648: out of range: want a whole number from 1 to 2147483647", "topics", "add-partitions", "{topic}", "--total", "2147483648"),
	usage(`--total "x": not a whole number`, "topics", "add-partitions", "{topic}", "--total", "x"),
	usage(`--total "": not a whole number`, "topics", "add-partitions", "{topic}", "--total", ""),
	usage(`--output "xml"`, "topics", "add-partitions", "{topic}", "--total", "3", "-o", "xml"),
	failure(`topic "{topic}" already has 2 partitions; --total must be more`, "topics", "add-partitions", "{topic}", "--total", "1").in(2),
	failure(`topic "{topic}" already has 2 partitions`, "topics", "add-partitions", "{topic}", "--total", "2").in(2),
	failure(`unknown topic "{new}"`, "topics", "add-partitions", "{new}", "--total", "3"),
	failure(`unknown topics "{new}" and "{new}-b"`, "topics", "add-partitions", "{new}-b", "{new}", "--total", "3"),

	// offsets and its times
	usage("offsets: missing TOPIC", "offsets"),
	usage(`--output "xml"`, "offsets", "{topic}", "-o", "xml"),
	failure(`unknown topic "{new}"`, "offsets", "{new}"),
	failure(`unknown topics "{new}" and "{new}-b"`, "offsets", "{new}", "{new}-b", "{new}"),
	usage(`--at "1500-06-01": 1500-06-01T00:00:00Z is before 1970-01-01T00:00:00Z, where Kafka timestamps start`, "offsets", "{topic}", "--at", "1500-06-01"),
	usage(`--at "1969-12-31T23:59:59.999Z": 1969-12-31T23:59:59.999Z is before 1970`, "offsets", "{topic}", "--at", "1969-12-31T23:59:59.999Z"),
	usage(`--at "1000-01-01": 1000-01-01T00:00:00Z is before 1970`, "offsets", "{topic}", "--at", "1000-01-01"),
	usage(`--at "-100000d": 1753-`, "offsets", "{topic}", "--at", "-100000d"),
	usage(`shore: --at "-110000d": 110000d ago is before 1970-01-01T00:00:00Z, where Kafka timestamps start`, "offsets", "{topic}", "--at", "-110000d"),
	usage(`shore: --offset "@-3000000h": 3000000h ago is before 1970-01-01T00:00:00Z, where Kafka timestamps start`, "consume", "{topic}", "-o", "@-3000000h", "-e"),
	usage(`shore: --to "@-99999999999999999999d": 99999999999999999999d ago is before 1970-01-01T00:00:00Z, where Kafka timestamps start`, "groups", "seek", "{group}", "--to", "@-99999999999999999999d"),
	usage(`--at "yesterday": want unix milliseconds (1795392000000), RFC 3339 (2026-11-23T09:00:00Z; UTC when it has no zone, as 2026-11-23T09:00:00), a date (2026-11-23, midnight UTC), a duration ago (-1h, -30m, -2d) or now`, "offsets", "{topic}", "--at", "yesterday"),
	usage(`--at "2026-13-01": month out of range`, "offsets", "{topic}", "--at", "2026-13-01"),
	usage(`--at "2016-12-31T23:59:61Z": second out of range`, "offsets", "{topic}", "--at", "2016-12-31T23:59:61Z"),
	usage(`--at "2025-02-29": day out of range: February 2025 has 28 days`, "offsets", "{topic}", "--at", "2025-02-29"),
	usage(`--at "2026-11-23T09:00:00+0100": zone +0100: RFC 3339 writes it +01:00: 2026-11-23T09:00:00+01:00`, "offsets", "{topic}", "--at", "2026-11-23T09:00:00+0100"),
	usage(`--at "1795392005000000": 1795392005000000 unix milliseconds is after the year 9999; unix microseconds (as date +%s%6N writes them) take three fewer digits: 1795392005000`, "offsets", "{topic}", "--at", "1795392005000000"),
	usage(`--to "@1795392005000000000": 1795392005000000000 unix milliseconds is after the year 9999; unix nanoseconds (as date +%s%N writes them) take six fewer digits: @1795392005000`, "groups", "seek", "{group}", "--to", "@1795392005000000000", "--execute"),
	usage(`--offset "@1795392005000000:end": "@1795392005000000": 1795392005000000 unix milliseconds is after the year 9999; unix microseconds`, "consume", "{topic}", "-o", "@1795392005000000:end"),
	usage(`--at "-1": the latest offset is LOG-END, always shown; --at takes a TIME, such as -1h`, "offsets", "{topic}", "--at", "-1"),
	usage(`--at "latest": the latest offset is LOG-END, always shown; --at takes a TIME, such as -1h`, "offsets", "{topic}", "--at", "latest"),
	usage(`--at "@earliest": the earliest offset is LOG-START, always shown; --at takes a TIME, such as -1h`, "offsets", "{topic}", "--at", "@earliest"),
	usage(`--at "-2": the earliest offset is LOG-START, always shown`, "offsets", "{topic}", "--at", "-2"),
	usage(`--at "max-timestamp": the offset of the largest timestamp (GetOffsetShell's -3) is not one that offsets shows; --at takes a TIME, such as -1h`, "offsets", "{topic}", "--at", "max-timestamp"),
	usage(`--at "-3": the offset of the largest timestamp (GetOffsetShell's -3) is not one that offsets shows`, "offsets", "{topic}", "--at", "-3"),
	usage(`--at "P1D": P1D is an ISO 8601 duration (as kafka-consumer-groups --by-duration takes); a time that long ago is -1d here`, "offsets", "{topic}", "--at", "P1D"),
	usage(`--at "-1x": want a duration such as -1h, -30m or -2d`, "offsets", "{topic}", "--at", "-1x"),
	usage(`--offset "@-1w": want a duration such as -1h, -30m or -2d; a week is 7d: -7d`, "consume", "{topic}", "-o", "@-1w", "-e"),
	usage(`--offset "@-2H:end": "@-2H": want a duration such as -1h, -30m or -2d; units are lower case: -2h`, "consume", "{topic}", "-o", "@-2H:end", "-e"),
	usage(`--at "99999999999999999999": 99999999999999999999 unix milliseconds is after the year 9999: want at most 253402300799999 (9999-12-31T23:59:59.999Z)`, "offsets", "{topic}", "--at", "99999999999999999999"),
	usage(`--at "": empty time: want unix milliseconds`, "offsets", "{topic}", "--at", ""),

	// consume: offset specs and times
	usage("consume: missing TOPIC", "consume"),
	usage(`--group "": empty group name`, "consume", "{topic}", "-g", "", "--no-commit"),
	usage(`--decode "": want value, key, key,value or auto`, "consume", "{topic}", "-e", "--decode", ""),
	// a value left out: pflag takes the next flag as the value
	usage(`--decode took -e, a flag of consume, as its value: give --decode its value (--decode VALUE -e), or write --decode=-e if -e is the value meant`, "consume", "{topic}", "--decode", "-e"),
	usage(`--group took -eJ, a flag of consume, as its value: give --group its value (--group VALUE -eJ), or write --group=-eJ if -eJ is the value meant`, "consume", "{topic}", "-ug", "-eJ"),
	usage(`--count took --exit, a flag of consume, as its value: give --count its value (--count VALUE --exit), or write --count=--exit if --exit is the value meant`, "consume", "{topic}", "-n", "--exit"),
	usage(`--decode "-e": want value, key, key,value or auto`, "consume", "{topic}", "--decode=-e", "-e"),
	usage(`--transactional-id "": empty transactional id`, "produce", "{topic}", "--transactional-id", "").with("a\n"),
	usage(`--no-commit "maybe": want true/false, t/f, yes/no, on/off or 1/0`, "consume", "{topic}", "-g", "{group}", "--no-commit=maybe"),
	usage(`--tls "maybe": want true/false, t/f, yes/no, on/off or 1/0`, "consume", "{topic}", "--tls=maybe"),
	usage(`--exit "2": want true/false, t/f, yes/no, on/off or 1/0`, "consume", "{topic}", "--exit=2"),
	usage(`--verbose "x": not a whole number`, "-v=x", "topics", "list"),
	usage(`--offset "5:3": the range stops before it starts (FROM:TO, FROM first)`, "consume", "{topic}", "-o", "5:3"),
	usage(`--offset "+9:+2": the range stops before it starts`, "consume", "{topic}", "-o", "+9:+2"),
	usage(`--offset "-2:-9": the range stops before it starts`, "consume", "{topic}", "-o", "-2:-9"),
	usage(`--offset "end:start": the range stops before it starts`, "consume", "{topic}", "-o", "end:start"),
	usage(`--offset "@-1h:@-2h": the range stops before it starts`, "consume", "{topic}", "-o", "@-1h:@-2h"),
	usage(`--offset "json": want start, end, N, +N, -N or @TIME; consume's -o is where to start, as kcat's is: JSON output is -J/--json, any other a layout, -f`, "consume", "{topic}", "-o", "json", "-e"),
	usage(`--offset "csv": want start, end, N, +N, -N or @TIME; consume's -o is where to start, as kcat's is: JSON output is -J/--json, any other a layout, -f`, "consume", "{topic}", "-o", "csv", "-e"),
	usage(`unknown flag: --output (consume writes JSON lines with -J/--json, any other output with a layout, -f; its -o is where to start)`, "consume", "{topic}", "--output", "json"),
	usage(`--offset "-1h": want start, end, N, +N, -N or @TIME; a time relative to now takes @: @-1h`, "consume", "{topic}", "-o", "-1h"),
	usage(`--offset "-90m:end": "-90m": want start, end, N, +N, -N or @TIME; a time relative to now takes @: @-90m`, "consume", "{topic}", "-o", "-90m:end"),
	usage(`--offset "+2h": want start, end, N, +N, -N or @TIME; a time relative to now takes @ and is a duration ago: @-2h`, "consume", "{topic}", "-o", "+2h"),
	usage(`--offset "@+2h": a time relative to now is a duration ago: -2h (+2h would be in the future)`, "consume", "{topic}", "-o", "@+2h"),
	usage(`--to "-1h": want start, end, an offset (0 or more) or @TIME; a time relative to now takes @: @-1h`, "groups", "seek", "{group}", "--to", "-1h"),
	usage(`--to "+2h": want start, end, an offset (0 or more) or @TIME; a time relative to now takes @ and is a duration ago: @-2h`, "groups", "seek", "{group}", "--to", "+2h"),
	usage(`--to "2026-11-23T09:00:00.000": want start, end, an offset (0 or more) or @TIME; a time takes @: @2026-11-23T09:00:00.000`, "groups", "seek", "{group}", "--to", "2026-11-23T09:00:00.000"),
	usage(`--to "@2026-11-23T09:00:00.000+0100": zone +0100: RFC 3339 writes it +01:00: @2026-11-23T09:00:00.000+01:00`, "groups", "seek", "{group}", "--to", "@2026-11-23T09:00:00.000+0100"),
	usage(`--to "@2026-11-23 09:00 CET": zone CET: a zone's name is not taken (its offset from UTC changes with daylight saving time); write the offset in force then, such as @2026-11-23T09:00+01:00, or Z for UTC`, "groups", "seek", "{group}", "--to", "@2026-11-23 09:00 CET"),
	usage(`--to "PT1H": want start, end, an offset (0 or more) or @TIME; PT1H is an ISO 8601 duration (as kafka-consumer-groups --by-duration takes); a time that long ago is @-1h here`, "groups", "seek", "{group}", "--to", "PT1H"),
	usage(`--to "@-PT30M": -PT30M is an ISO 8601 duration (as kafka-consumer-groups --by-duration takes); a time that long ago is @-30m here`, "groups", "seek", "{group}", "--to", "@-PT30M"),
	usage(`--offset "@-1h:e@-10m": want start, end, N, +N, -N or @TIME; kcat's s@T and e@T are @T and :@T here: @-1h:@-10m`, "consume", "{topic}", "-o", "@-1h:e@-10m"),
	usage(`--offset is given twice ("s@1795392000000" and "e@1795395600000"): one -o says where to start and where to stop: -o @1795392000000:@1795395600000`, "consume", "{topic}", "-o", "s@1795392000000", "-o", "e@1795395600000"),
	usage(`--offset is given twice ("@-1h" and ":@-10m"): one -o says where to start and where to stop: -o @-1h:@-10m`, "consume", "{topic}", "-o", "@-1h", "-o", ":@-10m", "-e"),
	usage(`--offset is given 3 times ("0=5", "1=7" and "end"): one -o says where to start and where to stop: -o 0=5,1=7,end`, "consume", "{topic}", "-o", "0=5", "-o", "1=7", "-o", "end"),
	usage(`--offset is given twice ("-10" and "5"): one -o says where to start and where to stop (FROM:TO, P=SPEC,...)`, "consume", "{topic}", "-o", "-10", "-o", "5", "-e"),
	usage(`--offset "@2023-02-29": day out of range: February 2023 has 28 days`, "consume", "{topic}", "-o", "@2023-02-29"),
	usage(`--offset "@2026-11-23T09:00:00 +01:00:end": "@2026-11-23T09:00:00 +01:00": a space before the zone: RFC 3339 writes @2026-11-23T09:00:00+01:00`, "consume", "{topic}", "-o", "@2026-11-23T09:00:00 +01:00:end"),
	usage(`--offset "0=-PT1H": "-PT1H": want start, end, N, +N, -N or @TIME; -PT1H is an ISO 8601 duration (as kafka-consumer-groups --by-duration takes); a time that long ago is @-1h here`, "consume", "{topic}", "-o", "0=-PT1H"),
	usage(`--to "@1795392000": 1795392000 unix milliseconds is 1970-01-21T18:43:12Z; unix seconds (as date +%s writes them) take three more digits: @1795392000000`, "groups", "seek", "{group}", "--to", "@1795392000", "--execute"),
	usage(`--offset "2026-11-23": want start, end, N, +N, -N or @TIME; a time takes @: @2026-11-23`, "consume", "{topic}", "-o", "2026-11-23"),
	usage(`--offset "@20261207": 20261207 unix milliseconds is 1970-01-01T05:37:41Z; a date takes dashes: @2026-12-07`, "consume", "{topic}", "-o", "@20261207"),
	usage(`--to "@20261207": 20261207 unix milliseconds is 1970-01-01T05:37:41Z; a date takes dashes: @2026-12-07`, "groups", "seek", "{group}", "--to", "@20261207", "--execute"),
	usage(`--offset "@1795392000": 1795392000 unix milliseconds is 1970-01-21T18:43:12Z; unix seconds (as date +%s writes them) take three more digits: @1795392000000`, "consume", "{topic}", "-o", "@1795392000"),
	usage(`--offset "@1795392000000:@17953956000": "@17953956000": 17953956000 unix milliseconds is 1970-07-27T19:12:36Z; unix seconds (as date +%s writes them) take three more digits: @17953956000000`, "consume", "{topic}", "-o", "@1795392000000:@17953956000"),
	usage(`--offset "0=@1795392000": "@1795392000": 1795392000 unix milliseconds is 1970-01-21T18:43:12Z; unix seconds`, "consume", "{topic}", "-o", "0=@1795392000"),
	usage(`--at "@1795392000": 1795392000 unix milliseconds is 1970-01-21T18:43:12Z; unix seconds (as date +%s writes them) take three more digits: @1795392000000`, "offsets", "{topic}", "--at", "@1795392000"),
	usage(`--at "1795392000": 1795392000 unix milliseconds is 1970-01-21T18:43:12Z; unix seconds (as date +%s writes them) take three more digits: 1795392000000`, "offsets", "{topic}", "--at", "1795392000"),
	usage(`--at "+2h": a time relative to now is a duration ago: -2h (+2h would be in the future)`, "offsets", "{topic}", "--at", "+2h"),
	usage(`--offset "0=@2026-11-02:@2026-11-01": "@2026-11-02:@2026-11-01": the range stops before it starts`, "consume", "{topic}", "-o", "0=@2026-11-02:@2026-11-01"),
	usage(`--offset "@1969-12-31T23:59:59.999Z": 1969-12-31T23:59:59.999Z is before 1970`, "consume", "{topic}", "-o", "@1969-12-31T23:59:59.999Z"),
	usage(`--offset "@1000-01-01": 1000-01-01T00:00:00Z is before 1970`, "consume", "{topic}", "-o", "@1000-01-01"),
	usage(`--offset "@2016-12-31T23:59:61Z": second out of range`, "consume", "{topic}", "-o", "@2016-12-31T23:59:61Z"),
	usage(`--offset "@2016-12-31T23:59:61Z:end": "@2016-12-31T23:59:61Z": second out of range`, "consume", "{topic}", "-o", "@2016-12-31T23:59:61Z:end"),
	usage(`--offset "@2016-13-01T10:00:00Z": month out of range`, "consume", "{topic}", "-o", "@2016-13-01T10:00:00Z"),
	usage(`--offset "last": want start, end, N, +N, -N or @TIME`, "consume", "{topic}", "-o", "last"),
	usage("empty offset spec", "consume", "{topic}", "-o", ""),
	usage(`"x" is not a partition number (0 or more)`, "consume", "{topic}", "-o", "x=1"),
	usage(`--offset "99999999999=1": 99999999999 is out of range: want a partition number from 0 to 2147483647`, "consume", "{topic}", "-o", "99999999999=1"),
	usage(`partition 1 is given twice`, "consume", "{topic}", "-o", "1=3,1=4"),
	usage(`a second spec for all partitions`, "consume", "{topic}", "-o", "start,end"),
	usage(`--offset "99999999999999999999": out of range: want at most 9223372036854775807`, "consume", "{topic}", "-o", "99999999999999999999"),
	usage("empty part", "consume", "{topic}", "-o", "0="),
	usage("empty part", "consume", "{topic}", "-o", "1,"),
	usage(`"abc": want start`, "consume", "{topic}", "-o", "100:abc"),
	usage(`"+-3": want start`, "consume", "{topic}", "-o", "+-3"),
	failure(`topic "{topic}" has no partition 3 (it has 0-1)`, "consume", "{topic}", "-o", "3=5", "-e").in(2),
	failure(`shore: topic "{topic}" has no partitions 3 and 7 (it has 0-1)`, "consume", "{topic}", "-o", "7=5,0=1,3=5", "-e").in(2),
	usage(`shore: --offset "-9223372036854775808": out of range: want at least -9223372036854775807`, "consume", "{topic}", "-o", "-9223372036854775808", "-e"),
	usage(`shore: --offset "0=-99999999999999999999": "-99999999999999999999": out of range: want at least -9223372036854775807`, "consume", "{topic}", "-o", "0=-99999999999999999999", "-e"),
	usage(`shore: --offset "0:-99999999999999999999": "-99999999999999999999": out of range: want at least -9223372036854775807`, "consume", "{topic}", "-o", "0:-99999999999999999999", "-e"),
	usage(`shore: --offset "+9223372036854775808": out of range: want at most 9223372036854775807`, "consume", "{topic}", "-o", "+9223372036854775808", "-e"),
	usage(`shore: --offset "2147483648=1": 2147483648 is out of range: want a partition number from 0 to 2147483647`, "consume", "{topic}", "-o", "2147483648=1", "-e"),
	failure(`unknown topic "{new}"`, "consume", "{new}", "-e"),

	// consume: the other flags
	usage(`--partitions "x": "x" is not a partition number`, "consume", "{topic}", "-p", "x"),
	usage(`shore: --partitions "2-0": "2-0" runs backwards: write 0-2`, "consume", "{topic}", "-p", "2-0"),
	usage(`shore: --partitions "0,1-": "1-" has no last partition: a range is FIRST-LAST, both included, such as 0-2`, "consume", "{topic}", "-p", "0,1-"),
	usage(`shore: --partitions "0-2147483648": 2147483648 is out of range: want a partition number from 0 to 2147483647`, "consume", "{topic}", "-p", "0-2147483648"),
	usage(`shore: --offset "3=0" names partition 3, which --partitions "0-2" leaves out`, "consume", "{topic}", "-p", "0-2", "-o", "3=0", "-e").in(3),
	failure(`shore: topic "{topic}" has no partitions 1-2147483647 (it has only 0)`, "consume", "{topic}", "-p", "0-2147483647", "-e"),
	usage(`"-1" is not a partition number`, "consume", "{topic}", "-p", "-1"),
	usage(`--partitions "99999999999": 99999999999 is out of range: want a partition number from 0 to 2147483647`, "consume", "{topic}", "-p", "99999999999"),
	usage(`--partitions ",1": "" is not a partition number`, "consume", "{topic}", "-p", "", "-p", "1"),
	usage(`"" is not a partition number`, "consume", "{topic}", "-p", "0,,1"),
	usage(`--partitions "": "" is not a partition number`, "consume", "{topic}", "-p", "", "-e"),
	usage(`--offset "2=0" names partition 2, which --partitions "0,1" leaves out`, "consume", "{topic}", "-p", "0,1", "-o", "2=0", "-e").in(3),
	failure(`topic "{topic}" has no partition 7 (it has only 0)`, "consume", "{topic}", "-p", "7", "-e"),
	failure(`shore: topic "{topic}" has no partitions 5 and 7 (it has 0-2)`, "consume", "{topic}", "-p", "0,7,5,7", "-e").in(3),
	failure(`shore: topic "{topic}" has no partitions 3 and 5 (it has 0-2)`, "consume", "{topic}", "-p", "0,3,5", "-o", "5=1,3=2", "-e").in(3),
	usage(`shore: --offset "5=1,2=0,7=2" names partitions 5 and 7, which --partitions "2" leaves out`, "consume", "{topic}", "-p", "2", "-o", "5=1,2=0,7=2", "-e"),
	usage(`shore: --partitions "0,2147483648": 2147483648 is out of range: want a partition number from 0 to 2147483647`, "consume", "{topic}", "-p", "0,2147483648", "-e"),
	usage("--count -1: want 0 or more", "consume", "{topic}", "-n", "-1"),
	usage(`shore: --count "x": not a whole number`, "consume", "{topic}", "-n", "x"),
	usage("shore: --count 99999999999999999999: out of range: want a whole number from 0 to 9223372036854775807", "consume", "{topic}", "-n", "99999999999999999999"),
	usage("--idle-timeout -1s: want 0 or more", "consume", "{topic}", "--idle-timeout", "-1s"),
	usage(`--idle-timeout "soon": not a duration such as 10s`, "consume", "{topic}", "--idle-timeout", "soon"),
	usage(`--idle-timeout "5": not a duration such as 10s`, "consume", "{topic}", "--idle-timeout", "5"),
	usage(`--idle-timeout "3000000h": longer than the longest duration, 2562047h47m16s`, "consume", "{topic}", "--idle-timeout", "3000000h"),
	usage(`shore: --idle-timeout "-3000000h": less than the least duration, -2562047h47m16s`, "consume", "{topic}", "--idle-timeout", "-3000000h"),
	usage(`shore: --delivery-timeout "-9223372036854775808ms": less than the least duration, -2562047h47m16s`, "produce", "{topic}", "--delivery-timeout", "-9223372036854775808ms"),
	usage(`shore: --watch "-3000000h": less than the least duration, -2562047h47m16s`, "groups", "describe", "{group}", "--watch", "-3000000h"),
	usage("--format '': an empty layout prints nothing", "consume", "{topic}", "-f", ""),
	usage("--format 'json' is a layout, the word json for each record; JSON lines are -J/--json (rpk's -f json)", "consume", "{topic}", "-f", "json"),
	usage("unknown flag: --tail (kaf's --tail N is -o -N -e: the last N records of each partition, then stop; without -e, consume follows on)", "consume", "{topic}", "--tail", "10"),
	usage("unknown flag: --follow (consume follows the topic unless -e says to stop at its end: leave --follow out)", "consume", "{topic}", "--follow"),
	usage("unknown flag: --limit-messages (kaf's --limit-messages N is -n/--count N, which counts records of all partitions together)", "consume", "{topic}", "--limit-messages", "5"),
	usage(`--format 'a %q': unknown directive %q at byte 2`, "consume", "{topic}", "-f", "a %q"),
	usage(`--format '%k{bogus}': %k{bogus} at byte 0: {bogus} is not a field encoding: want {base64}, {base64raw}, {hex} or {unpack[...]}`, "consume", "{topic}", "-f", "%k{bogus}"),
	usage(`--format '%v{unpack[>L]}': %v{unpack[>L]} at byte 0: unpack has no L: want x < > b B h H i I q Q c . s $`, "consume", "{topic}", "-f", "%v{unpack[>L]}"),
	usage(`--format '%v %T{big33}': %T{big33} at byte 3: {big33} is not a number format: want ascii, hex, hex4, hex8, hex16, hex32, hex64, byte, big16, big32, big64, little16, little32, little64 or bool`, "consume", "{topic}", "-f", "%v %T{big33}"),
	usage(`--format '%a': %a at byte 0 needs braces: want {compression}, {timestamp-type}, {transactional-bit} or {control-bit}, each also as {NAME;FORMAT} with a number format`, "consume", "{topic}", "-f", "%a"),
	usage(`--format '%h{%k=%q}': unknown directive %q at byte 6`, "consume", "{topic}", "-f", "%h{%k=%q}"),
	usage(`--format '%h{%t:%k=%v }': %t at byte 3 is inside %h{...}, which writes only a header's %k, %K, %v and %V: write it outside the braces`, "consume", "{topic}", "-f", "%h{%t:%k=%v }"),
	usage(`--format '%d{soon} %v': %d{soon} at byte 0: {soon} is not a time format: want {strftime[...]}, {go[...]} or a number format (ascii, hex, hex4, hex8, hex16, hex32, hex64, byte, big16, big32, big64, little16, little32, little64 or bool)`, "consume", "{topic}", "-f", "%d{soon} %v"),
	usage(`--format '%d{go#2006} %v': %d{go#2006} at byte 0: the format after go# has no closing #`, "consume", "{topic}", "-f", "%d{go#2006} %v"),
	usage(`--format '%d{strftime[]} %v': %d{strftime[]} at byte 0: the strftime format between the delimiters is empty`, "consume", "{topic}", "-f", "%d{strftime[]} %v"),
	usage(`--format '%v %a{compression;}': %a{compression;} at byte 3: no number format after the ;: want ascii, hex,`, "consume", "{topic}", "-f", "%v %a{compression;}"),
	usage(`--format '%v %d{strftime#%F %T}': %d{strftime#%F %T} at byte 3: the format after strftime# has no closing #`, "consume", "{topic}", "-f", "%v %d{strftime#%F %T}"),
	usage(`--format '%d{strftime[%T.%L]} %v': %d{strftime[%T.%L]} at byte 0: strftime has no %L; for milliseconds write a go format, as %d{go#2006-01-02 15:04:05.000#}`, "consume", "{topic}", "-f", "%d{strftime[%T.%L]} %v"),
	usage(`--format '%d{strftime[%-d.%-m.]} %v': %d{strftime[%-d.%-m.]} at byte 0: strftime has no %-; glibc's flags are not strftime(3)'s: for numbers without padding write a go format, as %d{go#2/1/2006 3:04 PM#}`, "consume", "{topic}", "-f", "%d{strftime[%-d.%-m.]} %v"),
	usage(`--format '%v\q': at byte 2: unknown escape \q (want \n \t \r \xNN or \\)`, "consume", "{topic}", "-f", `%v\q`),
	// -D's \0, which the record formatter does not take, for xargs -0
	usage(`--format '%v\0': at byte 2: unknown escape \0 (want \n \t \r \xNN or \\): a NUL byte is \x00 in a layout`+"\n", "consume", "{topic}", "-f", `%v\0`),
	usage(`--format '%h{': %h{ at byte 0 has no closing }`, "consume", "{topic}", "-f", "%h{"),
	usage(`--format '%v %': a lone % at byte 3 (write %% for a percent sign)`, "consume", "{topic}", "-f", "%v %"),
	usage(`--format '%k %v{}\n': %v{} at byte 3 has empty braces: write %v without them, or a format in them (see shore help layouts)`, "consume", "{topic}", "-f", `%k %v{}\n`),
	usage(`--format '%K{} %k': %K{} at byte 0 has empty braces: write %K without them, or a format in them (see shore help layouts)`, "consume", "{topic}", "-f", "%K{} %k"),
	usage(`--format '%v %h{}': %h{} at byte 3 has empty braces: %h{...} is the layout of each header (%k and %v its key and value)`, "consume", "{topic}", "-f", "%v %h{}"),
	usage("--json and --format exclude each other", "consume", "{topic}", "-J", "-f", "%v"),
	usage("unknown flag: --topic (topics are arguments: shore consume TOPIC...)", "consume", "--topic", "{topic}"),
	usage("unknown flag: --from-beginning (kafka-console-consumer's --from-beginning is -o start, the default)", "consume", "{topic}", "--from-beginning"),
	usage("unknown flag: --max-messages (kafka-console-consumer's --max-messages N is -n/--count N)", "consume", "{topic}", "--max-messages", "5"),
	usage("unknown flag: --timeout-ms (kafka-console-consumer's --timeout-ms 5000 is --idle-timeout 5s)", "consume", "{topic}", "--timeout-ms", "5000"),
	usage(`unknown flag: --property (kafka-console-consumer's --property print.key=true and the like are a layout: -f '%k\t%v\n'; kafka-avro-console-consumer's (and the Protobuf and JSON Schema ones') --property schema.registry.url=URL is --decode value --registry URL (print.schema.ids=true: --json, which names each record's schema))`, "consume", "{topic}", "--property", "print.key=true"),
	usage(`unknown flag: --property (kafka-console-consumer's --property print.key=true and the like are a layout: -f '%k\t%v\n'; kafka-avro-console-consumer's (and the Protobuf and JSON Schema ones') --property schema.registry.url=URL is --decode value --registry URL (print.schema.ids=true: --json, which names each record's schema))`, "consume", "{topic}", "--property", "schema.registry.url=http://localhost:8081"),
	usage("unknown flag: --use-schema-registry (rpk's --use-schema-registry is --decode key,value (=value: --decode value, =key: --decode key))", "consume", "{topic}", "--use-schema-registry=value"),
	usage("unknown flag: --num (rpk's --num N is -n/--count N)", "consume", "{topic}", "--num", "5"),
	usage("unknown flag: --consumer-property (kafka-console-consumer's --consumer-property group.id=G and the like are consume's flags, such as -g and --read-committed, and the connection flags: see 'shore help connection')", "consume", "{topic}", "--consumer-property", "group.id=g"),
	usage("unknown flag: --producer-property (kafka-console-producer's --producer-property acks=all and the like are produce's flags, such as --acks, -z and --linger, and the connection flags: see 'shore help connection')", "produce", "{topic}", "--producer-property", "acks=all"),
	usage("unknown flag: --producer.config (kafka-console-producer's --producer.config FILE of properties is a profile of the configuration file, --config: see 'shore help config-file')", "produce", "{topic}", "--producer.config", "producer.properties"),
	usage("unknown shorthand flag: 'c' in -c (kcat's -c N is -n/--count N)", "consume", "{topic}", "-c", "5"),
	usage("unknown shorthand flag: 'C' in -Ce (kcat's -C is what consume does: leave it out)", "consume", "{topic}", "-Ce"),
	usage("unknown shorthand flag: 't' in -t (kcat's -t TOPIC is an argument: shore consume TOPIC...)", "consume", "-t", "{topic}"),
	usage("unknown shorthand flag: 'G' in -G (kcat's -G GROUP is -g/--group GROUP)", "consume", "{topic}", "-G", "{group}"),
	usage(`unknown shorthand flag: 'K' in -K (kcat's -K is a layout: -K: is -f '%k:%v\n')`, "consume", "{topic}", "-K", ":"),
	usage("unknown shorthand flag: 'E' in -E (consume goes on through the errors it can retry (a broker that cannot be reached, a leader that moved), as kcat's -E does: leave it out)", "consume", "{topic}", "-E"),
	usage(`unknown shorthand flag: 'O' in -O (kcat's -O (the offset) is %o in a layout: -f '%o:%v\n')`, "consume", "{topic}", "-O"),
	usage("unknown shorthand flag: 'd' in -d (kcat's -d (librdkafka's debug log) is -vv: -v says what shore did, -vv adds the Kafka client's log)", "consume", "{topic}", "-d", "all"),
	usage("unknown shorthand flag: 'm' in -m (kcat's -m SECONDS (its metadata timeout) is --timeout with a unit: --timeout 5s)", "consume", "{topic}", "-m", "5"),
	usage("unknown shorthand flag: 'A' in -A", "consume", "{topic}", "-A"),
	usage(`unknown shorthand flag: 's' in -s (kcat's -s avro is --decode value (or key), and its -s value=PACK a layout: -f '%v{unpack[PACK]}\n')`, "consume", "{topic}", "-s", "value=>q"),
	usage("unknown flag: --consumer.config (kafka-console-consumer's --consumer.config FILE of properties is a profile of the configuration file, --config: see 'shore help config-file')", "consume", "{topic}", "--consumer.config", "client.properties"),
	usage("unknown flag: --formatter (kafka-console-consumer's --formatter is a layout, -f, or -J/--json for JSON lines)", "consume", "{topic}", "--formatter", "kafka.tools.DefaultMessageFormatter"),
	usage(`unknown flag: --value-deserializer (kafka-console-consumer's --value-deserializer is a layout, -f: LongDeserializer is -f '%v{unpack[>q]}\n'; --decode value decodes Avro, Protobuf and JSON Schema)`, "consume", "{topic}", "--value-deserializer", "org.apache.kafka.common.serialization.LongDeserializer"),
	usage(`unknown flag: --key-deserializer (kafka-console-consumer's --key-deserializer is a layout, -f: LongDeserializer is -f '%k{unpack[>q]}\t%v\n'; --decode key decodes Avro, Protobuf and JSON Schema)`, "consume", "{topic}", "--key-deserializer", "org.apache.kafka.common.serialization.LongDeserializer"),
	usage("unknown flag: --topic (topics are arguments: shore produce TOPIC [FILE...])", "produce", "--topic", "{topic}"),
	usage("unknown shorthand flag: 'P' in -P (kcat's -P is what produce does: leave it out)", "produce", "-P", "-t", "{topic}"),
	usage("unknown shorthand flag: 't' in -t (kcat's -t TOPIC is an argument: shore produce TOPIC [FILE...])", "produce", "-t", "{topic}"),
	usage("unknown shorthand flag: 'n' in -n (produce's count is -c/--count N; consume's is -n)", "produce", "{topic}", "-n", "2"),
	usage("unknown shorthand flag: 'l' in -l (kcat's -l is the default here, each line of a FILE a record; --whole sends each FILE as one, as kcat does without -l)", "produce", "{topic}", "-l", "{dir}/ok.txt"),
	usage("unknown flag: --property (kafka-console-producer's --property parse.key=true --property key.separator=: is -K :; kafka-avro-console-producer's (and the Protobuf and JSON Schema ones') --property value.schema.id=N is --value-schema id:N, --property value.schema=... is --value-schema-file FILE --register, --property schema.registry.url=URL is --registry URL (key.schema.id and key.schema: --key-schema and --key-schema-file))", "produce", "{topic}", "--property", "parse.key=true"),
	usage("unknown flag: --property (kafka-console-producer's --property parse.key=true --property key.separator=: is -K :; kafka-avro-console-producer's (and the Protobuf and JSON Schema ones') --property value.schema.id=N is --value-schema id:N, --property value.schema=... is --value-schema-file FILE --register, --property schema.registry.url=URL is --registry URL (key.schema.id and key.schema: --key-schema and --key-schema-file))", "produce", "{topic}", "--property", "value.schema.id=3"),
	usage("unknown flag: --request-required-acks (kafka-console-producer's --request-required-acks N is --acks N)", "produce", "{topic}", "--request-required-acks", "1"),
	usage("unknown flag: --tombstone (rpk's --tombstone is -Z/--null-empty)", "produce", "{topic}", "--tombstone"),
	usage("unknown shorthand flag: 'o' in -o (rpk's -o FORMAT is --metadata-format FORMAT)", "produce", "{topic}", "-o", "%p@%o\\n"),
	usage("unknown flag: --input-mode (kaf's --input-mode full is --whole; line is the default)", "produce", "{topic}", "--input-mode", "full"),
	usage(`unknown flag: --value-encoding (produce --json reads each line's own value_encoding, text, base64, hex or json: {"value":"AAE=","value_encoding":"base64"})`, "produce", "{topic}", "--json", "--value-encoding", "base64"),
	// a document given as the line of --json, where the line is a record
	failure(`stdin line 1: unknown field "id" (a --json line has key, value, headers, partition, timestamp, key_encoding, value_encoding and the other fields consume --json writes): a --json line is a record, {"key":...,"value":...}; to send each line as the value, leave out --json; stopped reading there; nothing was delivered`,
		"produce", "{topic}", "--json").with(`{"id":7,"amount":12.5}` + "\n"),
	usage(`-r/--regex makes the TOPIC arguments regular expressions, and "http://localhost:8081" is a URL: kcat's -r URL (its schema registry) is --registry URL`, "consume", "{topic}", "-r", "http://localhost:8081", "--decode", "value", "-e"),
	usage("--key-encoding needs --json", "consume", "{topic}", "--key-encoding", "hex"),
	usage("--key-encoding and --value-encoding need --json", "consume", "{topic}", "--value-encoding", "hex", "--key-encoding", "hex"),
	usage(`--key-encoding "rot13": want text, base64, hex or json`, "consume", "{topic}", "-J", "--key-encoding", "rot13"),
	usage(`--value-encoding "x": want text, base64, hex or json`, "consume", "{topic}", "-J", "--value-encoding", "x"),
	usage(`--decode "values": want value, key, key,value or auto`, "consume", "{topic}", "--decode", "values"),
	usage("--value-message needs --value-schema-file with a .proto file", "consume", "{topic}", "--value-message", "Order"),
	usage("--key-schema-file /nonexistent.avsc: no such file or directory", "consume", "{topic}", "--key-schema-file", "/nonexistent.avsc"),
	usage("--value-schema-file {dir}/nope.avsc: no such file or directory", "produce", "{topic}", "--value-schema-file", "{dir}/nope.avsc"),
	usage("--value-schema-file {dir}/nope.avsc: no such file or directory", "produce", "{topic}", "--value-schema-file", "{dir}/nope.avsc", "--register"),
	usage("--value-schema-file /dev/zero: larger than 4 MiB", "consume", "{topic}", "--value-schema-file", "/dev/zero"),
	usage(`--value-schema-file {dir}/imports-big.proto: Protobuf schema: line 2, column 8: import "big.proto": {dir}/protos/big.proto: larger than 4 MiB; is it the right file?`,
		"produce", "{topic}", "--value-schema-file", "{dir}/imports-big.proto", "-I", "{dir}/protos"),
	usage("--proto-path {dir}/imports-big.proto: is a file, not a directory", "produce", "{topic}", "--value-schema-file", "{dir}/imports-big.proto", "-I", "{dir}/imports-big.proto"),
	usage("--proto-path {dir}/nope: no such file or directory", "consume", "{topic}", "--value-schema-file", "{dir}/imports-big.proto", "-I", "{dir}/protos", "-I", "{dir}/nope"),
	usage("--value-schema-file {dir}/adir: is a directory, not a file", "produce", "{topic}", "--value-schema-file", "{dir}/adir"),
	usage("--value-schema-file {dir}/ok.txt: unknown schema type", "produce", "{topic}", "--value-schema-file", "{dir}/ok.txt"),
	usage("--value-schema-file {dir}/string.avro: .avro names an Avro data file, not a schema: an Avro schema is a .avsc file", "produce", "{topic}", "--value-schema-file", "{dir}/string.avro"),
	usage("--key-schema-file {dir}/string.avro: .avro names an Avro data file, not a schema: an Avro schema is a .avsc file", "consume", "{topic}", "--key-schema-file", "{dir}/string.avro"),
	usage("--value-schema-file {dir}/bom.json: JSON schema: a byte order mark (EF BB BF) comes before the JSON, which JSON does not allow: remove it", "produce", "{topic}", "--value-schema-file", "{dir}/bom.json"),
	usage("--value-schema-file {dir}/bom.avsc: Avro schema: a byte order mark (EF BB BF) comes before the JSON, which JSON does not allow: remove it", "consume", "{topic}", "--value-schema-file", "{dir}/bom.avsc"),
	usage(`--value-schema "s:0": version "0": want a number from 1, or latest`, "produce", "{topic}", "--value-schema", "s:0"),
	usage(`shore: --value-schema "s:2147483648": version "2147483648": out of range: want a number from 1 to 2147483647, or latest`, "produce", "{topic}", "--value-schema", "s:2147483648"),
	usage(`shore: --value-schema "id:99999999999999999999": "99999999999999999999" is out of range: want a schema id from 1 to 2147483647`, "produce", "{topic}", "--value-schema", "id:99999999999999999999"),
	usage("--register needs --value-schema-file or --key-schema-file", "produce", "{topic}", "--register"),
	// a schema of strings reads JSON, as Confluent's console producers do: a bare word is not a string
	failure(`stdin line 1: not delivered: key: invalid JSON at byte 0: want a value, got 'u'; its schema takes a JSON string: write the key in double quotes, "u1"`,
		"produce", "{topic}", "-K:", "--key-schema-file", "{dir}/string.avsc").with("u1:v\n").summarised(),
	failure(`stdin line 1: not delivered: key: does not fit the JSON schema: at /: got number, want string; its schema takes a JSON string: write the key in double quotes, "12"`,
		"produce", "{topic}", "-K:", "--key-schema-file", "{dir}/string.json").with("12:v\n").summarised(),
	// a number for a decimal that is not valid is told why it is taken as plain bytes
	failure(`stdin line 1: not delivered: value: field p: want a string of bytes (code points U+0000 to U+00FF), got the number 12.34: the schema's decimal is not valid (it has no precision): Avro's readers set it aside and read plain bytes`,
		"produce", "{topic}", "--value-schema-file", "{dir}/setaside.avsc").with(`{"p":12.34,"f":"\u0001"}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: field f: want a string of bytes (code points U+0000 to U+00FF), got the number 5: the schema's decimal is not valid (its precision, 4, is more digits than 1 byte can hold): Avro's readers set it aside and read plain bytes`,
		"produce", "{topic}", "--value-schema-file", "{dir}/setaside.avsc").with(`{"p":"","f":5}` + "\n").summarised(),
	// a decimal's bytes are a number's: a bare word is not told to be quoted, which would send its text
	failure("stdin line 1: not delivered: value: invalid JSON at byte 0: want a value, got 'a'\nshore: 1 of 1 record not delivered",
		"produce", "{topic}", "--value-schema-file", "{dir}/decimal.avsc").with("abc\n").summarised(),
	// a value a false schema refuses is told which false, not only 'false schema'
	failure(`stdin line 1: not delivered: value: does not fit the JSON schema: at /y: not allowed (the schema's /unevaluatedProperties is false)`,
		"produce", "{topic}", "--value-schema-file", "{dir}/closed.json").with(`{"x":1,"y":2}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: does not fit the JSON schema: at /old: not allowed (the schema's /$defs/none is false)`,
		"produce", "{topic}", "--value-schema-file", "{dir}/closed.json").with(`{"old":1}` + "\n").summarised(),
	// a name with a path's separator in it names one place: RFC 6901's ~1 in a pointer, jq's ["..."] for a map key
	failure(`stdin line 1: not delivered: value: does not fit the JSON schema: at /a~1b: got string, want integer`,
		"produce", "{topic}", "--value-schema-file", "{dir}/slash.json").with(`{"a/b":"x"}` + "\n").summarised(),
	// a number beyond a bound is told what the bound asks for, not 'got 0, want 0'
	failure(`stdin line 1: not delivered: value: does not fit the JSON schema: at /n: exclusiveMinimum: got 0, want more than 0`,
		"produce", "{topic}", "--value-schema-file", "{dir}/positive.json").with(`{"n":0}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: field tags["a.b"]: want an int (an integer), got a string`,
		"produce", "{topic}", "--value-schema-file", "{dir}/tags.avsc").with(`{"tags":{"a.b":"x"}}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: field tags["x\ny"]: want an int (an integer), got a string`,
		"produce", "{topic}", "--value-schema-file", "{dir}/tags.avsc").with(`{"tags":{"x\ny":"x"}}` + "\n").summarised(),
	// a record in a union written bare, as a reader that decodes unions to the bare value prints it
	failure(`stdin line 1: not delivered: value: field a: "zip" is not one of the union's types (null, shop.Addr): "zip" is a field of shop.Addr, whose value is written {"shop.Addr": {...}} (Avro's JSON encoding of a union)`,
		"produce", "{topic}", "--value-schema-file", "{dir}/union.avsc").with(`{"a":{"zip":"1"}}` + "\n").summarised(),
	// an Avro float or double that would be sent as 0, or as Infinity
	failure(`stdin line 1: not delivered: value: field f: 1e-50 is too small for a float (the smallest is ±1.4e-45): it would be sent as 0; a double holds it`,
		"produce", "{topic}", "--value-schema-file", "{dir}/floats.avsc").with(`{"f":1e-50,"d":1}` + "\n").summarised(),
	failure(`stdin line 2: not delivered: value: field d: 1e-400 is too small for a double (the smallest is ±4.9e-324): it would be sent as 0`,
		"produce", "{topic}", "--value-schema-file", "{dir}/floats.avsc").with(`{"f":1e-40,"d":5e-324}` + "\n" + `{"f":1,"d":1e-400}` + "\n").delivering(1).summarised(),
	failure(`stdin line 1: not delivered: value: does not fit Protobuf F: field fs[1]: 1e-50 is too small for a float (the smallest is ±1.4e-45): it would be sent as 0; a double holds it`,
		"produce", "{topic}", "--value-schema-file", "{dir}/floats.proto").with(`{"fs":[1,1e-50]}` + "\n").summarised(),
	// beyond a float's or a double's range, as Avro says it
	failure(`stdin line 1: not delivered: value: does not fit Protobuf ev.Event: field f: 1e50 is beyond a float's range (±3.4028235e+38); a double holds it`,
		"produce", "{topic}", "--value-schema-file", "{dir}/event.proto").with(`{"f":1e50}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: does not fit Protobuf ev.Event: field d: "-1e400" is beyond a double's range (±1.7976931348623157e+308)`,
		"produce", "{topic}", "--value-schema-file", "{dir}/event.proto").with(`{"d":"-1e400"}` + "\n").summarised(),
	// two members of one oneof: both are named, as fields, in the order given, by the keys given
	failure(`stdin line 1: not delivered: value: does not fit Protobuf ev.Event: fields code and note are both set; oneof body takes only one`,
		"produce", "{topic}", "--value-schema-file", "{dir}/event.proto").with(`{"code":1,"f":2,"note":"x"}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: does not fit Protobuf ev.Event: fields in.b_two and in.a are both set; oneof x takes only one`,
		"produce", "{topic}", "--value-schema-file", "{dir}/event.proto").with(`{"in":{"b_two":"1","a":"2"}}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: does not fit Protobuf ev.Event: fields in.a and in.bTwo are both set; oneof x takes only one`,
		"produce", "{topic}", "--value-schema-file", "{dir}/event.proto").with(`{"in":{"a":"1","bTwo":"2"}}` + "\n").summarised(),
	// a key given twice is told before what is wrong with either value, in every schema type's words, and a map's key too, which a reader would keep once
	failure(`stdin line 1: not delivered: value: key /x appears twice`,
		"produce", "{topic}", "--value-schema-file", "{dir}/closed.json").with(`{"x":1,"x":"a"}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: key /a/b appears twice`,
		"produce", "{topic}", "--value-schema-file", "{dir}/slash.json").with(`{"a":{"b":1,"b":"x"}}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: field f appears twice`,
		"produce", "{topic}", "--value-schema-file", "{dir}/floats.avsc").with(`{"f":"x","f":1,"d":1}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: field tags.a appears twice`,
		"produce", "{topic}", "--value-schema-file", "{dir}/tags.avsc").with(`{"tags":{"a":1,"b":2,"a":3}}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: does not fit Protobuf shop.Order: field lines[0].qty appears twice`,
		"produce", "{topic}", "--value-schema-file", "{dir}/order.proto").with(`{"lines":[{"qty":"x","qty":1}]}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: does not fit Protobuf shop.Order: field id appears twice`,
		"produce", "{topic}", "--value-schema-file", "{dir}/order.proto").with(`{"id":"a","id":"b"}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: does not fit Protobuf ev.Event: field counts["a.b"] appears twice`,
		"produce", "{topic}", "--value-schema-file", "{dir}/event.proto").with(`{"counts":{"a.b":1,"a.b":2}}` + "\n").summarised(),
	// a Protobuf line that does not fit is named by its field, not by protojson's line and column of the document
	failure(`stdin line 2: not delivered: value: does not fit Protobuf shop.Order: field lines[1].qty: invalid value for int32 field qty: "two"`,
		"produce", "{topic}", "--value-schema-file", "{dir}/order.proto").with("{}\n{\"lines\":[{},{\"qty\":\"two\"}]}\n").delivering(1).summarised(),
	// protojson's syntax error too, without its "(line 1:10)", which reads as the input's line
	failure(`stdin line 1: not delivered: value: does not fit Protobuf shop.Order: field lines: syntax error: unexpected token 5`,
		"produce", "{topic}", "--value-schema-file", "{dir}/order.proto").with(`{"lines":5}` + "\n").summarised(),
	// an error at an array's bracket is the array's, not its first item's; at an object's brace the object's, not a key's
	failure(`stdin line 1: not delivered: value: does not fit Protobuf shop.Order: field id: invalid value for string field id: {`,
		"produce", "{topic}", "--value-schema-file", "{dir}/order.proto").with(`{"id":{"a":1}}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: does not fit Protobuf shop.Order: field lines[0]: syntax error: unexpected token [`,
		"produce", "{topic}", "--value-schema-file", "{dir}/order.proto").with(`{"lines":[[1]]}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: does not fit Protobuf shop.Order: in lines[0]: unknown field "skux"`,
		"produce", "{topic}", "--json", "--value-schema-file", "{dir}/order.proto").with(`{"key":"k","value":{"lines":[{"skux":"a"}]}}` + "\n").summarised(),
	failure(`stdin record 1: not delivered: value: does not fit Protobuf shop.Order: field lines[0].qty: invalid value for int32 field qty: "x"`,
		"produce", "{topic}", "--whole", "--value-schema-file", "{dir}/order.proto").with("{\n  \"id\": \"\u00fc\u20ac\", \"lines\": [{\"qty\": \"x\"}]\n}\n").summarised(),
	failure(`stdin line 1: not delivered: value: does not fit Protobuf shop.Order: unknown field "idd"`,
		"produce", "{topic}", "--value-schema-file", "{dir}/order.proto").with("{\"idd\":\"o1\"}\n").summarised(),
	// an Avro date or time given as text is told what its number counts
	failure(`stdin line 1: not delivered: value: field at: want a long (timestamp-millis: milliseconds since 1970-01-01T00:00:00Z), got a string`,
		"produce", "{topic}", "--value-schema-file", "{dir}/times.avsc").with(`{"at":"2024-01-01T00:00:00Z","day":19723}` + "\n").summarised(),
	failure(`stdin line 1: not delivered: value: field day: want an int (date: days since 1970-01-01), got a string`,
		"produce", "{topic}", "--value-schema-file", "{dir}/times.avsc").with(`{"at":1704067200000,"day":"2024-01-01"}` + "\n").summarised(),
	// a key schema for records without keys would be ignored
	usage("--key-schema encodes keys, and these records have none: split each at a key delimiter with -K, give one key with -k, read --json, or a -f layout with %k", "produce", "{topic}", "--key-schema", "topic"),
	usage("--key-schema-file encodes keys, and these records have none: split each at a key delimiter with -K, give one key with -k, read --json, or a -f layout with %k", "produce", "{topic}", "--key-schema-file", "{dir}/ok.txt", "-f", `%v\n`),
	usage("--no-commit needs --group", "consume", "{topic}", "--no-commit"),
	usage("--balancer needs --group", "consume", "{topic}", "--balancer", "range"),
	usage("--instance-id needs --group", "consume", "{topic}", "--instance-id", "i1"),
	usage(`--instance-id "": empty instance id: a static member needs one; leave it out for a dynamic member`, "consume", "{topic}", "-g", "{group}", "--instance-id", "", "-e"),
	usage(`--instance-id "": empty instance id`, "consume", "{topic}", "--instance-id", ""),
	failure(`group "{group}": the broker refuses --session-timeout 1s (INVALID_SESSION_TIMEOUT): it allows group.min.session.timeout.ms to group.max.session.timeout.ms, 6s to 30m by default`,
		"consume", "{topic}", "-g", "{group}", "--session-timeout", "1s", "-e"),
	usage("--session-timeout 1000h0m0s: want at most 596h31m23.647s", "consume", "{topic}", "-g", "{group}", "--session-timeout", "1000h"),
	usage(`--balancer "x": want cooperative-sticky, sticky, range or roundrobin`, "consume", "{topic}", "-g", "{group}", "--balancer", "x"),
	usage("--partitions cannot be used with --group", "consume", "{topic}", "-g", "{group}", "-p", "0"),
	usage(`bad regular expression "(" (argument of -r/--regex): missing closing )`, "consume", "-r", "("),
	usage(`--filter '.value | test("[")': bad regular expression "[" (argument of test): missing closing ]`, "consume", "{topic}", "--filter", `.value | test("[")`),
	usage(`--until 'select(.key | match("(\\d+"))': bad regular expression "(\d+" (argument of match): missing closing )`, "consume", "{topic}", "--until", `select(.key | match("(\\d+"))`),
	// a field the record has not, which would match no record (or every
	// one) without a word: kcat -J's, a JSON value's without .value
	usage(`--filter '.payload | test("x")': the record has no field "payload": .payload is null on every record; kcat -J's payload is .value here`+"\n", "consume", "{topic}", "--filter", `.payload | test("x")`),
	usage(`--filter 'select(.headers.trace)': the record's headers are a list of {key, value}, which .headers.trace fails on (or, with ?, matches nothing): a header's value is (.headers[] | select(.key == "trace") | .value)`+"\n", "consume", "{topic}", "--filter", `select(.headers.trace)`),
	usage(`--until '.amount > 100': the record has no field "amount": .amount is null on every record; its fields are topic, partition, offset, timestamp, timestamp_type, key, key_encoding, key_schema, value, value_encoding, value_schema, headers, leader_epoch; a JSON value's own fields are under .value: .value.amount`+"\n", "consume", "{topic}", "--until", `.amount > 100`),
	usage(`--unbuffered`, "consume", "{topic}", "-u=maybe"),

	// produce: flags
	usage("produce: missing TOPIC", "produce"),
	usage("--format '': an empty layout reads nothing", "produce", "{topic}", "-f", ""),
	usage("--format 'json' is a layout, the word json for each record; JSON lines are -J/--json (rpk's -f json)", "produce", "{topic}", "-f", "json").with("{\"value\":\"a\"}\n"),
	usage(`--format '%p{1}%v\n': %p{1} at byte 0: a count would give every record partition 1 and read nothing (a count is the size of %K, %V and %T, and the number of headers of %H): read the digits with %p, or a number format such as %p{hex8}`, "produce", "{topic}", "-f", `%p{1}%v\n`).with("12x\n"),
	usage(`--format '%k %v\t%v\n': %v at byte 7 reads the record's value again, after %v at byte 3: a record has one value; to skip a field, read it with %t (the topic, which is not sent)`, "produce", "{topic}", "-f", `%k %v\t%v\n`).with("k a\tb\n"),
	usage(`--format '%H %H %v\n': %H at byte 3 reads the number of headers again, after %H at byte 0: a record has one`, "produce", "{topic}", "-f", `%H %H %v\n`).with("0 0 a\n"),
	usage(`--format '%H{1}%h{%K %K %k=%v}\n': %K at byte 11 reads the header key's size again, after %K at byte 8: a header has one`, "produce", "{topic}", "-f", `%H{1}%h{%K %K %k=%v}\n`),
	usage(`--format '%k %K\n': %K at byte 3 reads the key's size after %k at byte 0: write %K before %k`, "produce", "{topic}", "-f", `%k %K\n`),
	usage("--format '%q': unknown directive %q at byte 0", "produce", "{topic}", "-f", "%q"),
	usage(`--format '%v\q': at byte 2: unknown escape \q`, "produce", "{topic}", "-f", `%v\q`),
	usage(`--format '%H{x}%v\n': %H{x} at byte 0: {x} is not a number format: want a count (1 or more), ascii,`, "produce", "{topic}", "-f", `%H{x}%v\n`),
	usage(`--format '%H{1}%h{%k=%v': %h{ at byte 5 has no closing }`, "produce", "{topic}", "-f", `%H{1}%h{%k=%v`),
	usage(`--format '%H{1}%h{%k=%v{bogus};}%v\n': %v{bogus} at byte 11: {bogus} is not a field encoding`, "produce", "{topic}", "-f", `%H{1}%h{%k=%v{bogus};}%v\n`),
	usage(`--format '%H %h{%k=%v;}|%h{%k=%V;}%v\n': %h at byte 14 reads the record's headers again, after %h{%k=%v;} at byte 3: a record has one list of headers; write one %h{...}`, "produce", "{topic}", "-f", `%H %h{%k=%v;}|%h{%k=%V;}%v\n`).with("1 h=;|h=-1;v\n"),
	usage(`--format '%H{1}%h{%k@%o;}%v\n': %o at byte 11 is inside %h{...}, which reads only a header's %k, %K, %v and %V: write it outside the braces`, "produce", "{topic}", "-f", `%H{1}%h{%k@%o;}%v\n`),
	usage(`--format '%h{%k=%v;}%v\n': %h at byte 0 needs a %H before it, the number of headers it reads (%H{1}%h{%k=%v;} reads one)`, "produce", "{topic}", "-f", `%h{%k=%v;}%v\n`),
	usage(`--format '%k %v{bogus}\n': %v{bogus} at byte 3: {bogus} is not a field encoding: want {base64}, {base64raw}, {hex}, {json}`, "produce", "{topic}", "-f", `%k %v{bogus}\n`),
	usage(`a lone % at byte 3`, "produce", "{topic}", "-f", `%v %`),
	usage(`--format '%k{re#[a-z]+} %v\n': %k{re# at byte 0: the regular expression after re# has no closing #`, "produce", "{topic}", "-f", `%k{re#[a-z]+} %v\n`),
	usage(`--format '%k{re#(#} %v\n': %k{re#(#} at byte 0: bad regular expression "(": missing closing )`, "produce", "{topic}", "-f", `%k{re#(#} %v\n`),
	usage(`--format '%k{} %v\n': %k{} at byte 0 has empty braces: write %k without them, or a format in them (see shore help layouts)`, "produce", "{topic}", "-f", `%k{} %v\n`),
	usage(`--format '%k%v\n': %k at byte 0 is followed at once by %v at byte 2, with no text between them where %k ends: it would read to the end of the input, and no record would match; write a delimiter between them (%k %v), or %K before %k for its size`, "produce", "{topic}", "-f", `%k%v\n`).with("k v\n"),
	usage(`--format '%H{1}%h{%k=%v}%v\n': %v at byte 11 is the last of %h{...}, with no text after it where it ends, and the layout goes on after the braces: it would read to the end of the input, and no record would match; end each header with a delimiter (a ; before the closing }, as in %h{%k=%v;}), or %V before %v for its size`, "produce", "{topic}", "-f", `%H{1}%h{%k=%v}%v\n`).with("h=1;v\n"),
	usage(`--format '%V{}%v': %V{} at byte 0 has empty braces: write %V without them, or a format in them (see shore help layouts)`, "produce", "{topic}", "-f", "%V{}%v"),
	usage("--rate NaN: want a positive number", "produce", "{topic}", "--rate", "NaN"),
	usage("--rate Inf: want a positive number", "produce", "{topic}", "--rate", "Inf"),
	usage("--rate inf: want a positive number", "produce", "{topic}", "--rate", "inf"),
	usage("--rate -Infinity: want a positive number", "produce", "{topic}", "--rate", "-Infinity"),
	usage("--rate 1e400: want a positive number", "produce", "{topic}", "--rate", "1e400"),
	usage("--rate 0x1p-30: want at least 0.0000116 records per second (one a day)", "produce", "{topic}", "--rate", "0x1p-30"),
	usage("--rate -1: want a positive number", "produce", "{topic}", "--rate", "-1"),
	usage("--rate 1e-300: want at least 0.0000116 records per second (one a day)", "produce", "{topic}", "--rate", "1e-300"),
	usage("--rate 1e-400: want at least 0.0000116 records per second (one a day)", "produce", "{topic}", "--rate", "1e-400"),
	usage("--rate -0.5e-999: want at least 0.0000116 records per second (one a day)", "produce", "{topic}", "--rate", "-0.5e-999"),
	usage("--rate 0x1p-2000: want at least 0.0000116 records per second (one a day)", "produce", "{topic}", "--rate", "0x1p-2000"),
	usage(`--rate "x": not a number`, "produce", "{topic}", "--rate", "x"),
	usage("--partition -5: want a partition (0 or more), or -1 for the partitioner", "produce", "{topic}", "-p", "-5"),
	usage("shore: --partition 99999999999: out of range: want a whole number from -1 to 2147483647", "produce", "{topic}", "-p", "99999999999"),
	usage(`shore: --partition "x": not a whole number`+"\n", "produce", "{topic}", "-p", "x"),
	// consume's -p LIST, given to produce
	usage(`shore: --partition "0,1": not a whole number; produce -p sends every record to one partition (a list is consume's -p), and --partitioner round-robin spreads them over all`+"\n", "produce", "{topic}", "-p", "0,1"),
	usage(`shore: --partition "0-2": not a whole number; produce -p sends every record to one partition (a list is consume's -p), and --partitioner round-robin spreads them over all`+"\n", "produce", "{topic}", "-p", "0-2"),
	// No list, no word of consume's -p.
	usage(`shore: --partition "1.5": not a whole number`+"\n", "produce", "{topic}", "-p", "1.5"),
	usage("--partition and --partitioner both choose the partition", "produce", "{topic}", "-p", "0", "--partitioner", "crc32"),
	usage(`--partitioner "x": want murmur2, crc32, round-robin or sticky`, "produce", "{topic}", "--partitioner", "x"),
	usage(`--acks "2": want all or -1, leader or 1, none or 0`, "produce", "{topic}", "--acks", "2"),
	usage(`--compression "brotli": want none, gzip, snappy, lz4 or zstd`, "produce", "{topic}", "-z", "brotli"),
	usage(`--header "": want name=value, or a name alone for a null value`, "produce", "{topic}", "-H", ""),
	usage(`--header "source:ci": want name=value, or a name alone for a null value (rpk's and kaf's -H source:ci is -H source=ci here)`, "produce", "{topic}", "-H", "source:ci"),
	usage(`unknown escape \q`, "produce", "{topic}", "-D", `\q`),
	usage(`unknown escape \q`, "produce", "{topic}", "-K", `\q`),
	usage("--whole and --json are different ways to read input: choose one", "produce", "{topic}", "--whole", "--json"),
	usage("--json and --format are different ways to read input: choose one", "produce", "{topic}", "--json", "-f", "%v"),
	usage("--delimiter does not go with --json", "produce", "{topic}", "--json", "-D", ","),
	usage("--delimiter does not go with --whole", "produce", "{topic}", "--whole", "-D", ","),
	usage(`--key-delimiter '\n' holds the record delimiter '\n', so no record would have a key`, "produce", "{topic}", "-K", `\n`).with("k:v\n"),
	usage("--key-delimiter ':' holds the record delimiter ':', so no record would have a key", "produce", "{topic}", "-D", ":", "-K", ":").with("k:v\n"),
	usage(`--key-delimiter 'a\tb' holds the record delimiter '\t', so no record would have a key`, "produce", "{topic}", "-D", `\t`, "-K", `a\tb`).with("k:v\n"),
	usage("--key-delimiter does not go with --json: it reads keys itself", "produce", "{topic}", "--json", "-K", ":"),
	usage("--key does not go with --format: it reads keys itself", "produce", "{topic}", "-f", "%v", "-k", "k"),
	usage("--key and --key-delimiter both set the key: choose one", "produce", "{topic}", "-k", "k", "-K", ":"),
	usage("--max-message-bytes 0: want 1 or more", "produce", "{topic}", "--max-message-bytes", "0"),
	usage("--max-message-bytes 99999999999: out of range: want a whole number from 1 to 2147483647", "produce", "{topic}", "--max-message-bytes", "99999999999"),
	usage("--batch-max-bytes 0: want 1 or more", "produce", "{topic}", "--batch-max-bytes", "0"),
	usage("--batch-max-bytes 99999999999: out of range: want a whole number from 1 to 2147483647", "produce", "{topic}", "--batch-max-bytes", "99999999999"),
	usage("--max-buffered-records 0: want 1 to 10000000", "produce", "{topic}", "--max-buffered-records", "0"),
	usage("--max-buffered-records 9999999999999: want 1 to 10000000", "produce", "{topic}", "-m", "--max-buffered-records", "9999999999999"),
	usage("shore: --max-buffered-records 99999999999999999999: out of range: want a whole number from 1 to 10000000", "produce", "{topic}", "--max-buffered-records", "99999999999999999999"),
	usage("shore: --count 99999999999999999999: out of range: want a whole number from 0 to 9223372036854775807", "produce", "{topic}", "-c", "99999999999999999999"),
	usage("shore: --count -99999999999999999999: out of range: want a whole number from 0 to 9223372036854775807", "produce", "{topic}", "-c", "-99999999999999999999"),
	usage("--count -1: want 0 (all input) or more", "produce", "{topic}", "-c", "-1"),
	usage("--linger -1s: want 0 to 1m0s", "produce", "{topic}", "--linger", "-1s"),
	usage("--linger 1000h0m0s: want 0 to 1m0s", "produce", "{topic}", "--linger", "1000h"),
	usage("--delivery-timeout -1s: want more than 0", "produce", "{topic}", "--delivery-timeout", "-1s"),
	usage("--delivery-timeout 0s: want more than 0", "produce", "{topic}", "--delivery-timeout", "0s"),
	usage("--transactional-id needs --acks all; --acks is leader", "produce", "{topic}", "--transactional-id", "tx", "--acks", "leader"),
	usage("--transactional-id and --failed: a transaction commits every record or none, so when it is aborted the whole input is to be sent again, not the records the file would hold; leave --failed out", "produce", "{topic}", "--transactional-id", "tx", "--failed", "f.json"),
	usage("--metadata-format '%q'", "produce", "{topic}", "--metadata-format", "%q"),
	usage("--metadata-format '%o%': a lone % at byte 2", "produce", "{topic}", "--metadata-format", "%o%"),
	usage("--metadata-format '': an empty layout prints nothing; leave it out for -m's JSON lines", "produce", "{topic}", "--metadata-format", "").with("a\n"),
	usage("--metadata-format '%o %]{hex64} %[': %]{hex64} is a partition's offset that consume reads with a fetch; a produce acknowledgement does not carry it ('shore offsets {topic}' shows the start and end offsets)", "produce", "{topic}", "--metadata-format", "%o %]{hex64} %[").with("a\n"),
	usage("--metadata-format '%o %v{unpack[>I]}': unpack directives are for consume -f; an -m line shows the bytes as sent (%v, %v{hex}, %v{base64})", "produce", "{topic}", "--metadata-format", "%o %v{unpack[>I]}"),

	// produce: input that does not parse stops at its line; what came
	// before is delivered
	failure(`stdin line 2: does not match the layout: the line has no " " after %k at byte 0; stopped reading there; the record before it was delivered`,
		"produce", "{topic}", "-f", `%k %v\n`).with("k v\nnospace\nk2 v2\n").delivering(1),
	failure(`stdin line 1: does not match the layout: the line has no " " after %k at byte 0`, "produce", "{topic}", "-f", `%k %v\n`).with("\nk v\n"),
	failure(`stdin line 1: does not match the layout: the line does not begin with "key="; stopped reading there; nothing was delivered`,
		"produce", "{topic}", "-f", `key=%k value=%v\n`).with("k=a value=b\n"),
	failure(`stdin line 1: does not match the layout: ";" where the layout has ":"; stopped reading there; nothing was delivered`,
		"produce", "{topic}", "-f", `%p:%v\n`).with("0;x:y\n"),
	failure(`stdin line 2: does not match the layout: %k{re#[a-z]+#} at byte 0: its regular expression does not match the text there, "123"; stopped reading there; the record before it was delivered`,
		"produce", "{topic}", "-f", `%k{re#[a-z]+#} %v\n`).with("ab 1\n123 2\n").delivering(1),
	failure("stdin line 2: does not match the layout: %v{json} at byte 0: a byte order mark (EF BB BF) comes before the JSON, which JSON does not allow: remove it; stopped reading there; the record before it was delivered",
		"produce", "{topic}", "-f", `%v{json}\n`).with("{\"a\":1}\n\ufeff{\"a\":2}\n").delivering(1),
	failure("stdin record 2: does not match the layout: %k{json} at byte 0: a byte order mark (EF BB BF) comes before the JSON, which JSON does not allow: remove it; stopped reading there; the record before it was delivered",
		"produce", "{topic}", "-f", `%k{json}`).with("{\"a\":1}\n\ufeff{\"a\":2}").delivering(1),
	failure("stdin line 2: does not match the layout: %v{base64raw} at byte 0: not base64 without padding (at its byte 3); stopped reading there; the record before it was delivered",
		"produce", "{topic}", "-f", `%v{base64raw}\n`).with("aGk\naGk=\n").delivering(1),
	failure("stdin record 1: does not match the layout: %k{base64raw} at byte 9: not base64 without padding (at its byte 2)",
		"produce", "{topic}", "-f", `%K{big32}%k{base64raw}%v`).with("\x00\x00\x00\x02aG!v"),
	failure(`stdin line 2: does not match the layout: the line has no ";" after %v at byte 0; stopped reading there; the record before it was delivered`,
		"produce", "{topic}", "-f", `%v;\n`).with("a;\nb\nc;\n").delivering(1),
	failure("stdin line 2: the line does not match the layout; stopped reading there; the record before it was delivered",
		"produce", "{topic}", "-f", `%H{1}%h{%k=%v;}%v\n`).with("a=1;v\nnoequals\n").delivering(1),
	failure("stdin line 2: the line does not match the layout; stopped reading there; the record before it was delivered",
		"produce", "{topic}", "-f", `%H{1}%h{%k=%v;}%v\n`).with("a=1;v\nno header\nb=2;w\n").delivering(1),
	failure(`stdin line 1: does not match the layout: a \r where the layout has its \n: the line ends in \r\n, as a Windows file's lines do; end the layout with \r\n; stopped reading there; nothing was delivered`,
		"produce", "{topic}", "-f", `%v{json}\n`).with("{\"a\":1}\r\n{\"b\":2}\r\n"),
	failure("stdin line 2: partition -5: want 0 to 2147483647", "produce", "{topic}", "-f", `%v %p\n`).with("a 0\nb -5\n").delivering(1),
	failure("stdin line 1: partition 4294967297: want 0 to 2147483647", "produce", "{topic}", "-f", `%p %v\n`).with("4294967297 x\n"),
	failure("stdin line 1: partition 99999999999: want 0 to 2147483647", "produce", "{topic}", "-f", `%p %v\n`).with("99999999999 x\n"),
	failure(`stdin line 1: does not match the layout: %p at byte 0: no number where it reads one; stopped reading there; nothing was delivered`, "produce", "{topic}", "-f", `%p %v\n`).with("x y\n"),
	failure(`stdin line 2: does not match the layout: %d at byte 3: no number where it reads one; stopped reading there; the record before it was delivered`, "produce", "{topic}", "-f", `%k %d %v\n`).with("k 1763856000000 a\nk soon b\n").delivering(1),
	failure(`stdin line 1: does not match the layout: %p at byte 0 or %d at byte 3: no number where it reads one`, "produce", "{topic}", "-f", `%p %d %v\n`).with("0 x a\n"),
	failure(`stdin line 2: does not match the layout: %v{hex} at byte 0: 'z' is not a hex digit`, "produce", "{topic}", "-f", `%v{hex}\n`).with("6162\nzz\n").delivering(1),
	failure("stdin line 2: timestamp -2: before 1970", "produce", "{topic}", "-f", `%d %v\n`).with("1763856000000 a\n-2 b\n").delivering(1),
	failure("stdin line 2: timestamp 9223372036855: after 2262-04-11T23:47:16.854Z, the latest the Kafka client can send: want unix milliseconds 0 to 9223372036854", "produce", "{topic}", "-f", `%d %v\n`).with("1700000000000 a\n9223372036855 b\n").delivering(1),
	failure(`stdin line 1: "value" is given twice`, "produce", "{topic}", "--json").with(`{"value":"a","value":"b"}` + "\n"),
	failure(`stdin line 2: "key" is given twice`, "produce", "{topic}", "--json").with(`{"value":"a"}` + "\n" + `{"key":"a","value":"v","key":"b"}` + "\n").delivering(1),
	failure(`stdin line 1: "Value" is given twice`, "produce", "{topic}", "--json").with(`{"value":"a","Value":"b"}` + "\n"),
	failure(`shore: stdin line 1: timestamp 99999999999999999999: after 2262-04-11T23:47:16.854Z, the latest the Kafka client can send: want unix milliseconds 0 to 9223372036854; stopped reading there; nothing was delivered`, "produce", "{topic}", "--json").with(`{"value":"v","timestamp":99999999999999999999}` + "\n"),
	failure(`stdin line 1: headers[0]: "key" is given twice: which one to send?; stopped reading there; nothing was delivered`, "produce", "{topic}", "--json").with(`{"value":"v","headers":[{"key":"a","value":"x","key":"b"}]}` + "\n"),
	failure(`stdin line 1: unknown field "payload": a kcat -J line (ts, tstype, broker, payload, headers as a flat list)`, "produce", "{topic}", "--json", "-m").with(`{"key":"k","payload":"v"}` + "\n"),
	failure(`stdin line 2: unknown field "vaule"`, "produce", "{topic}", "--json").with(`{"value":"a"}` + "\n" + `{"vaule":"x"}` + "\n").delivering(1),
	failure(`stdin line 1: headers[0]: unknown field "val"`, "produce", "{topic}", "--json").with(`{"value":"v","headers":[{"key":"h","val":"x"}]}` + "\n"),
	failure("stdin line 1: invalid JSON: the object is cut short", "produce", "{topic}", "--json").with(`{"value":` + "\n"),
	failure("stdin line 1: invalid JSON", "produce", "{topic}", "--json").with("not json\n"),
	failure("stdin line 1: more than one JSON value on the line", "produce", "{topic}", "--json").with(`{"value":"a"} {"value":"b"}` + "\n"),
	failure(`stdin line 1: invalid JSON at byte 12: '}' after the JSON value; stopped reading there; nothing was delivered`, "produce", "{topic}", "--json").with(`{"key":"a"}}"value":"b"}` + "\n"),
	failure(`stdin line 2: \udcff at byte 12 is half of a UTF-16 surrogate pair, which no UTF-8 text holds: it would be read as U+FFFD; write such bytes base64 or hex, with key_encoding or value_encoding; stopped reading there; the record before it was delivered`,
		"produce", "{topic}", "--json").with(`{"value":"ok"}` + "\n" + `{"value":"ok\udcffbytes"}` + "\n").delivering(1),
	failure(`stdin line 1: value_encoding "base64": a value that is not a string must be JSON (value_encoding json)`, "produce", "{topic}", "--json").with(`{"value":1,"value_encoding":"base64"}` + "\n"),
	failure("stdin line 1: partition -2: want 0 or more", "produce", "{topic}", "--json").with(`{"partition":-2,"value":"v"}` + "\n"),
	failure("stdin line 1: partition: want a whole number from 0 to 2147483647, got JSON number 99999999999", "produce", "{topic}", "--json").with(`{"partition":99999999999,"value":"v"}` + "\n"),
	failure("stdin line 1: timestamp -2: before 1970", "produce", "{topic}", "--json").with(`{"timestamp":-2,"value":"v"}` + "\n"),
	failure(`stdin line 1: timestamp "1969-12-31T23:59:59Z": 1969-12-31T23:59:59Z is before 1970`, "produce", "{topic}", "--json").with(`{"timestamp":"1969-12-31T23:59:59Z","value":"v"}` + "\n"),
	failure(`stdin line 2: timestamp "1795392000": 1795392000 unix milliseconds is 1970-01-21T18:43:12Z; unix seconds (as date +%s writes them) take three more digits: 1795392000000`, "produce", "{topic}", "--json").with(`{"timestamp":"1795392000000","value":"v"}` + "\n" + `{"timestamp":"1795392000","value":"v"}` + "\n").delivering(1),
	failure("stdin line 1: timestamp 253402300799999: after 2262-04-11T23:47:16.854Z, the latest the Kafka client can send: want unix milliseconds 0 to 9223372036854", "produce", "{topic}", "--json").with(`{"timestamp":253402300799999,"value":"v"}` + "\n"),
	failure(`stdin line 1: timestamp "9999-12-31T23:59:59.999Z": 9999-12-31T23:59:59.999Z is after 2262-04-11T23:47:16.854Z, the latest the Kafka client can send`, "produce", "{topic}", "--json").with(`{"timestamp":"9999-12-31T23:59:59.999Z","value":"v"}` + "\n"),
	failure(`stdin line 1: value_encoding "rot13": want text, base64, hex or json`, "produce", "{topic}", "--json").with(`{"value":"v","value_encoding":"rot13"}` + "\n"),
	failure(`stdin line 1: headers[0].value_encoding "json": want text, base64 or hex`, "produce", "{topic}", "--json").with(`{"value":"v","headers":[{"key":"h","value":"1","value_encoding":"json"}]}` + "\n"),
	failure("stdin line 1: value: not hex: 'z' at byte 0 is not a hex digit", "produce", "{topic}", "--json").with(`{"value":"zz","value_encoding":"hex"}` + "\n"),
	failure("stdin line 1: key: not base64: 6 characters, not a multiple of 4: the = padding at its end is missing; stopped reading there; nothing was delivered", "produce", "{topic}", "--json").with(`{"key":"a2V5MQ","key_encoding":"base64","value":"v"}` + "\n"),
	failure("stdin line 1: headers[0]: no key", "produce", "{topic}", "--json").with(`{"value":"v","headers":[{"value":"x"}]}` + "\n"),
	failure("stdin line 2: headers[1].value: want a string or null, got JSON object; stopped reading there; the record before it was delivered", "produce", "{topic}", "--json").with(`{"value":"v"}` + "\n" + `{"value":"v","headers":[{"key":"a","value":"x"},{"key":"b","value":{"n":1}}]}` + "\n").delivering(1),
	failure(`stdin line 1: value_schema: want an object {"id","type",...} (as consume --json writes it), got JSON string`, "produce", "{topic}", "--json").with(`{"value":"v","value_schema":"orders-value"}` + "\n"),
	failure(`stdin line 1: headers: want an array of {"key","value"} objects, got JSON object; stopped reading there; nothing was delivered`, "produce", "{topic}", "--json").with(`{"value":"v","headers":{"h":"x"}}` + "\n"),
	failure("stdin line 1: want a JSON object, got JSON array", "produce", "{topic}", "--json").with(`["k","v"]` + "\n"),
	failure(`stdin line 1: unknown field "tstype": a kcat -J line (ts, tstype, broker, payload, headers as a flat list); --json reads the shape consume --json writes, {"key","value","headers":[{"key","value"}],"timestamp"}, which jq -c '{key, value: .payload, timestamp: .ts}' makes of one without headers; stopped reading there; nothing was delivered`,
		"produce", "{topic}", "--json").with(`{"topic":"orders","partition":0,"offset":0,"tstype":"create","ts":1763856000000,"broker":0,"headers":["h","1"],"key":"k","payload":"v"}` + "\n"),
	failure("stdin line 1: want a JSON object, got JSON null", "produce", "{topic}", "--json").with("null\n"),

	// produce: inputs are all checked before anything is sent
	usage("FILE - (stdin) is given twice: stdin is read once, to its end, so the second would read nothing", "produce", "{topic}", "--whole", "-", "{dir}/ok.txt", "-").with("x\n"),
	failure("input {dir}/adir: is a directory", "produce", "{topic}", "{dir}/ok.txt", "{dir}/adir"),
	failure("input {dir}/nope.txt: no such file or directory", "produce", "{topic}", "{dir}/ok.txt", "{dir}/nope.txt"),
	failure("input {dir}/adir: is a directory", "produce", "{topic}", "{dir}/adir"),
	failure("/dev/zero record 1: not delivered: record of more than 1074741825 bytes exceeds", "produce", "{topic}", "--whole", "/dev/zero").summarised(),
	failure("input {dir}/secret.txt: permission denied", "produce", "{topic}", "{dir}/ok.txt", "{dir}/secret.txt"),
	usage("--failed {dir}/nope/x.json: no such file or directory", "produce", "{topic}", "--failed", "{dir}/nope/x.json").with("a\n"),
	usage("--failed {dir}/adir: is a directory", "produce", "{topic}", "--failed", "{dir}/adir").with("a\n"),
	usage(`--failed "": empty file name`, "produce", "{topic}", "--failed", "").with("a\n"),
	usage("--failed -: want a file name, not stdout (-m writes there); ./- is a file named -", "produce", "{topic}", "--failed", "-").with("a\n"),
	failure(`unknown topic "{new}"`, "produce", "{new}").with("a\n"),
	failure(`topic "{topic}" has no partition 5 (it has only 0)`, "produce", "{topic}", "-p", "5").with("a\n"),

	// groups list and describe
	usage("unknown flag: --watch (list draws once; groups describe GROUP --watch D re-draws a group, and watch -n 2 shore groups list re-runs list)\n", "groups", "list", "--watch"),
	usage("unknown flag: --lag (describe always shows each partition's LAG and the group's TOTAL-LAG; --max-lag N and --max-total-lag N make them a gate)\n", "groups", "describe", "g", "--lag"),
	// a GROUP to list, which describes it
	usage("groups list: unexpected argument \"billing\" (list takes no GROUP and names every group; describe shows the ones named: shore groups describe billing)\n", "groups", "list", "billing"),
	// a pattern, as topics list takes with -r
	usage("groups list: unexpected argument \"*\" (list takes no pattern and names every group; those whose names match a regular expression: shore groups list -o json | jq -r '.[].group | select(test(\"REGEX\"))')\n", "groups", "list", "*"),
	usage("groups list: unexpected arguments \"billing\" and \"audit-*\" (list takes no pattern and names every group; those whose names match a regular expression: shore groups list -o json | jq -r '.[].group | select(test(\"REGEX\"))')\n", "groups", "list", "billing", "audit-*"),
	usage("unknown shorthand flag: 'r' in -r (list takes no pattern and names every group; those whose names match a regular expression: shore groups list -o json | jq -r '.[].group | select(test(\"REGEX\"))')\n", "groups", "list", "-r", "^bill"),
	usage("groups list: unexpected arguments \"a\" and \"b c\" (list takes no GROUP and names every group; describe shows the ones named: shore groups describe a 'b c')\n", "groups", "list", "a", "b c"),
	usage(`--state "bogus": want one of`, "groups", "list", "--state", "bogus"),
	usage(`--state "": want one of Stable, Empty`, "groups", "list", "--state", ""),
	usage("flag needs an argument: --state (kafka-consumer-groups' --state alone is the STATE column, which list always shows; --state STATE keeps the groups in that state: Stable, Empty, PreparingRebalance, CompletingRebalance, Assigning, Reconciling, Dead)", "groups", "list", "--state"),
	usage(`--output "xml": want table, json or csv`, "groups", "list", "-o", "xml"),
	usage(`unknown command "frobnicate"`, "groups", "frobnicate"),
	usage(`unknown command "reset-offsets" for "shore groups" (did you mean seek?)`, "groups", "reset-offsets", "billing"),
	usage(`unknown command "reset" for "shore groups" (did you mean seek?)`, "groups", "reset", "billing"),
	usage(`unknown command "lag" for "shore groups" (did you mean describe?)`, "groups", "lag", "billing"),
	usage(`--state "bogus": want one of`, "groups", "ls", "--state", "bogus"),
	usage("groups describe: missing GROUP", "groups", "describe"),
	usage("empty group name", "groups", "describe", ""),
	usage("empty group name", "groups", "describe", "{group}", ""),
	usage("--watch 0s: want an interval of 100ms or more", "groups", "describe", "{group}", "--watch", "0s"),
	usage("--watch -1s: want an interval of 100ms or more", "groups", "describe", "{group}", "--watch", "-1s"),
	usage("--watch 1ns: want an interval of 100ms or more", "groups", "describe", "{group}", "--watch", "1ns"),
	usage("unknown flag: --member (did you mean --members?)", "groups", "describe", "{group}", "--member"),
	usage("unknown flag: --offsets (kafka-consumer-groups' --offsets is the partition table that describe always prints)", "groups", "describe", "{group}", "--offsets"),
	usage("unknown flag: --state (kafka-consumer-groups' --state is the summary that describe always prints; groups list --state filters by state)", "groups", "describe", "{group}", "--state"),
	// rpk group describe's and kafkactl describe consumer-group's flags;
	// kafkactl's -m had the root's answer for kcat's -m, a timeout.
	usage("unknown shorthand flag: 'm' in -m (kafkactl's -m/--print-members is --members)", "groups", "describe", "{group}", "-m"),
	usage("unknown shorthand flag: 't' in -t (rpk's -t/--print-lag-per-topic is the TOPIC LAG table that describe prints for a group of several topics; kafkactl's -t T is --topic T)", "groups", "describe", "{group}", "-t", "orders"),
	usage("unknown flag: --print-commits (rpk's -c/--print-commits is the partition table that describe always prints; -o csv writes the commits alone)", "groups", "describe", "{group}", "--print-commits"),
	usage("unknown shorthand flag: 's' in -s (rpk's -s/--print-summary is the summary that describe always prints; 'shore groups list' has a line per group)", "groups", "describe", "{group}", "-s"),
	usage(`unknown shorthand flag: 'r' in -r (rpk's -r/--regex is: shore groups list -o json | jq -r '.[].group | select(test("REGEX"))' | xargs -r shore groups describe)`, "groups", "describe", "-r", "^bill"),
	usage("unknown flag: --instance-ID (rpk's -i/--instance-ID is the INSTANCE-ID column of --members)", "groups", "describe", "{group}", "--instance-ID"),
	usage("unknown flag: --only-with-lag (kafkactl's -l/--only-with-lag is: shore groups describe GROUP -o json | jq '.[].partitions[] | select(.lag > 0)'; --max-lag 0 names them on stderr (exit 3))", "groups", "describe", "{group}", "--only-with-lag"),
	usage("unknown shorthand flag: 'T' in -T (kafkactl's -T/--print-topics is the partition table that describe always prints)", "groups", "describe", "{group}", "-T"),
	usage(`unknown flag: --type (kafka-consumer-groups' --type is the TYPE column: shore groups list -o json | jq -r '.[] | select(.type == "consumer") | .group')`, "groups", "list", "--type", "consumer"),
	usage("unknown flag: --group (kafka-consumer-groups' --group G is an argument: shore groups describe GROUP...)", "groups", "describe", "--group", "{group}"),
	// kafka-consumer-groups' and kafka-topics' command lines with only
	// the command's name changed keep their action flag.
	usage("unknown flag: --describe (describe is kafka-consumer-groups' --describe: leave the flag out)", "groups", "describe", "--describe", "--group", "{group}"),
	usage("unknown flag: --list (list is kafka-consumer-groups' --list: leave the flag out)", "groups", "list", "--list"),
	usage("unknown flag: --alter (add-partitions is kafka-topics' --alter: leave the flag out)", "topics", "add-partitions", "{topic}", "--alter", "--partitions", "4"),
	usage(`unknown flag: --all-groups (kafka-consumer-groups' --all-groups is every group 'shore groups list' names: shore groups list -o json | jq -r '.[].group' | xargs -r shore groups describe)`, "groups", "describe", "--all-groups"),
	usage(`unknown flag: --all-groups (kafka-consumer-groups' --all-groups is every group 'shore groups list' names: shore groups list -o json | jq -r '.[].group' | xargs -r shore groups delete)`, "groups", "delete", "--all-groups"),
	usage(`unknown flag: --all-groups (seek moves one group, its first argument; 'shore groups list' names them)`, "groups", "seek", "--all-groups", "--to", "start", "--execute"),
	usage("unknown flag: --group (kafka-consumer-groups' --group G is an argument: shore groups delete-offsets GROUP --topic T[:P,...]...)", "groups", "delete-offsets", "--group", "{group}", "--topic", "t"),
	usage("unknown flag: --dry-run (delete-offsets has none: 'shore groups describe GROUP --topic T --members' shows the group's commits for T and the members that read it)", "groups", "delete-offsets", "{group}", "--topic", "{topic}", "--dry-run"),
	usage("unknown flag: --dry-run (delete has none: 'shore groups describe GROUP... --members' shows the groups it would delete and the members that would make the broker refuse)", "groups", "delete", "{group}", "--dry-run"),
	// seek's --execute, given to the verbs that change at once.
	usage("unknown flag: --execute (delete-offsets deletes when run, without --execute, and has no dry run: 'shore groups describe GROUP --topic T --members' shows the group's commits for T and the members that read it)", "groups", "delete-offsets", "{group}", "--topic", "{topic}", "--execute"),
	usage("unknown flag: --execute (delete deletes when run, without --execute, and has no dry run: 'shore groups describe GROUP... --members' shows the groups it would delete and the members that would make the broker refuse)", "groups", "delete", "{group}", "--execute"),
	usage("unknown flag: --execute (commit commits when run, without --execute, and has no dry run: 'shore groups seek GROUP --from-file - --allow-new' shows the same offsets, as topic,partition,offset lines on stdin, as a plan and changes nothing (it clamps an offset outside the log, which commit commits as given))", "groups", "commit", "{group}", "{topic}:0=1", "--execute"),
	usage("unknown flag: --dry-run (commit has none: 'shore groups seek GROUP --from-file - --allow-new' shows the same offsets, as topic,partition,offset lines on stdin, as a plan and changes nothing (it clamps an offset outside the log, which commit commits as given))", "groups", "commit", "{group}", "{topic}:0=1", "--dry-run"),
	usage(`--watch "2": not a duration such as 10s`, "groups", "describe", "{group}", "--watch", "2"),
	usage("-o csv writes the offsets of one group; 2 given", "groups", "describe", "a", "b", "-o", "csv"),
	usage("--watch does not go with -o csv", "groups", "describe", "{group}", "--watch", "1s", "-o", "csv"),
	usage("--members does not go with -o csv, a seek plan of the commits; the table and -o json show the members", "groups", "describe", "{group}", "-o", "csv", "--members"),
	usage(`--output "xml"`, "groups", "describe", "{group}", "-o", "xml"),
	usage(`--topic "": empty topic name`, "groups", "describe", "{group}", "--topic", ""),
	usage(`--topic "": empty topic name`, "groups", "describe", "{group}", "--topic", "", "--max-lag", "0"),
	usage("shore: --max-lag 99999999999999999999: out of range: want a whole number from -1 to 9223372036854775807", "groups", "describe", "{group}", "--max-lag", "99999999999999999999"),
	usage("shore: --max-total-lag 99999999999999999999: out of range: want a whole number from -1 to 9223372036854775807", "groups", "describe", "{group}", "--max-total-lag", "99999999999999999999"),
	usage("shore: --probes 99999999999999999999: out of range: want a whole number from 1 to 100000", "check", "{topic}", "-n", "99999999999999999999"),
	usage(`--topic "orders:0": groups describe takes topic names and shows every partition of each; groups seek and groups delete-offsets take T:P,P,...`, "groups", "describe", "{group}", "--topic", "orders:0,1"),

	// groups seek
	usage("groups seek: missing GROUP", "groups", "seek", "--to", "start"),
	usage("empty group name", "groups", "seek", "", "--to", "start"),
	usage("none of --to, --shift or --from-file is given; give exactly one", "groups", "seek", "{group}"),
	usage("unknown flag: --to-earliest (kafka-consumer-groups' --to-earliest is --to start)", "groups", "seek", "{group}", "--to-earliest"),
	usage("unknown flag: --by-duration (kafka-consumer-groups' --by-duration PT1H is --to @-1h)", "groups", "seek", "{group}", "--by-duration", "PT1H"),
	usage("unknown flag: --dry-run (kafka-consumer-groups' --dry-run is the default: seek changes nothing without --execute)", "groups", "seek", "{group}", "--to", "start", "--dry-run"),
	usage("unknown flag: --to-file (rpk's --to-file is --from-file, whose lines are topic,partition,offset)", "groups", "seek", "{group}", "--to-file", "plan.txt"),
	usage("unknown flag: --to-group (rpk's --to-group G is 'shore groups describe G -o csv | shore groups seek GROUP --from-file -')", "groups", "seek", "{group}", "--to-group", "other"),
	usage("unknown flag: --allow-new-topics (rpk's --allow-new-topics is --allow-new)", "groups", "seek", "{group}", "--to", "start", "--allow-new-topics"),
	usage("unknown flag: --topics (rpk's --topics a,b is --topic a --topic b, one topic each)", "groups", "seek", "{group}", "--to", "end", "--topics", "a,b"),
	// kafkactl reset offset's flags, kaf group commit's and rpk group
	// offset-delete's, as their users type them.
	usage("unknown flag: --oldest (kafkactl's --oldest is --to start)", "groups", "seek", "{group}", "--oldest"),
	usage("unknown flag: --newest (kafkactl's --newest is --to end)", "groups", "seek", "{group}", "--newest", "--execute"),
	usage("unknown flag: --offset (kafkactl's --offset N is --to N)", "groups", "seek", "{group}", "--offset", "5"),
	usage("unknown flag: --partition (kafkactl's --partition P is --topic T:P)", "groups", "seek", "{group}", "--to", "5", "--partition", "1"),
	usage("unknown shorthand flag: 'p' in -p (kafkactl's -p P is --topic T:P)", "groups", "seek", "{group}", "--to", "5", "-p", "1"),
	usage("unknown shorthand flag: 't' in -t (kafkactl's -t T is --topic T)", "groups", "seek", "{group}", "--to", "5", "-t", "orders"),
	usage("unknown shorthand flag: 'e' in -e (kafkactl's -e is --execute)", "groups", "seek", "{group}", "--to", "5", "-e"),
	usage("unknown shorthand flag: 't' in -t (kaf's -t T -p P --offset N is the argument T:P=N; its --offset oldest or newest, or --all-partitions, is 'shore groups seek GROUP --to start|end|N --topic T --execute')", "groups", "commit", "{group}", "-t", "orders", "-p", "0", "--offset", "5"),
	usage("unknown flag: --all-partitions (kaf's -t T -p P --offset N is the argument T:P=N; its --offset oldest or newest, or --all-partitions, is 'shore groups seek GROUP --to start|end|N --topic T --execute')", "groups", "commit", "{group}", "orders:0=1", "--all-partitions"),
	usage(`unknown command "offset-delete" for "shore groups" (did you mean delete-offsets?)`, "groups", "offset-delete", "{group}", "--topic", "t"),
	usage("unknown shorthand flag: 't' in -t (rpk's -t T:P,... is --topic T:P,...)", "groups", "delete-offsets", "{group}", "-t", "t:0"),
	usage(`--from-file stdin line 1: "t 0 1": want topic,partition,offset, with commas where rpk's --to-file has spaces`, "groups", "seek", "{group}", "--from-file", "-").with("t 0 1\n"),
	usage("unknown flag: --to-current (kafka-consumer-groups' --to-current is --shift 0 where there is a commit; it commits the log end where there is none, which is --to end --topic T:P --allow-new)", "groups", "seek", "{group}", "--to-current"),
	usage("unknown flag: --reset-offsets (seek is kafka-consumer-groups' --reset-offsets: leave the flag out)", "groups", "seek", "{group}", "--reset-offsets", "--to", "start"),
	usage("unknown flag: --export (kafka-consumer-groups' --export is -o csv, the plan as a file for --from-file; 'shore groups describe GROUP -o csv' writes the group's commits so)", "groups", "seek", "{group}", "--to", "start", "--export"),
	usage("-o csv writes a plan to pass to --from-file and does not go with --execute: write it without, review it, then run --from-file FILE --execute", "groups", "seek", "{group}", "--to", "start", "-o", "csv", "--execute"),
	usage("--to and --shift are both given; give exactly one of --to, --shift or --from-file", "groups", "seek", "{group}", "--to", "5", "--shift", "1"),
	usage(`--to "x": want start, end, an offset (0 or more) or @TIME`, "groups", "seek", "{group}", "--to", "x"),
	// a flag given no value takes the next flag, whose own value was then
	// said to be an unexpected argument
	usage("--topic took --to, a flag of seek, as its value: give --topic its value (--topic VALUE --to), or write --topic=--to if --to is the value meant", "groups", "seek", "{group}", "--topic", "--to", "start"),
	usage("--state took --output, a flag of list, as its value: give --state its value (--state VALUE --output), or write --state=--output if --output is the value meant", "groups", "list", "--state", "--output", "json"),
	usage(`--to "current": want start, end, an offset (0 or more) or @TIME; kafka-consumer-groups' --to-current is --shift 0 where there is a commit; it commits the log end where there is none, which is --to end --topic T:P --allow-new`, "groups", "seek", "{group}", "--to", "current"),
	usage(`--to "-1": want start, end, an offset (0 or more) or @TIME; --shift -1 moves back from the commit`, "groups", "seek", "{group}", "--to", "-1"),
	usage(`--to "+5": want start, end, an offset (0 or more) or @TIME; --shift 5 moves forward from the commit`, "groups", "seek", "{group}", "--to", "+5"),
	usage(`--to "": want start, end, an offset (0 or more) or @TIME`, "groups", "seek", "{group}", "--to", ""),
	usage(`--to "99999999999999999999": out of range: want at most 9223372036854775807`, "groups", "seek", "{group}", "--to", "99999999999999999999"),
	usage(`--to "@1969-12-31T23:59:59.999Z": 1969-12-31T23:59:59.999Z is before 1970`, "groups", "seek", "{group}", "--to", "@1969-12-31T23:59:59.999Z"),
	usage(`--to "@1000-01-01": 1000-01-01T00:00:00Z is before 1970`, "groups", "seek", "{group}", "--to", "@1000-01-01"),
	usage(`--to "@2016-12-31T23:59:61Z": second out of range`, "groups", "seek", "{group}", "--to", "@2016-12-31T23:59:61Z"),
	usage(`--shift "x": not a whole number`, "groups", "seek", "{group}", "--shift", "x"),
	usage("--shift 99999999999999999999: out of range", "groups", "seek", "{group}", "--shift", "99999999999999999999"),
	usage(`"x" is not a partition number (0 or more)`, "groups", "seek", "{group}", "--to", "start", "--topic", "t:x"),
	usage(`shore: --topic "t:99999999999": 99999999999 is out of range: want a partition number from 0 to 2147483647`, "groups", "seek", "{group}", "--to", "start", "--topic", "t:99999999999"),
	usage(`shore: --topic "t:0,2147483648": 2147483648 is out of range: want a partition number from 0 to 2147483647`, "groups", "delete-offsets", "{group}", "--topic", "t:0,2147483648"),
	usage(`shore: --topic "t:-2147483649": "-2147483649" is not a partition number (0 or more)`, "groups", "seek", "{group}", "--to", "start", "--topic", "t:-2147483649"),
	usage(`"-1" is not a partition number (0 or more)`, "groups", "seek", "{group}", "--to", "start", "--topic", "t:-1"),
	// groups describe takes --topic a,b; seek and delete-offsets say how
	// they take it, which they did not.
	usage(`--topic "a, b": ',' is not allowed (only ASCII letters, digits, '.', '_' and '-'); give each topic its own --topic: --topic a --topic b`, "groups", "seek", "{group}", "--to", "start", "--topic", "a, b"),
	usage(`--topic "a,b:0,1": topic name "a,b": ',' is not allowed (only ASCII letters, digits, '.', '_' and '-'); give each topic its own --topic: --topic a --topic b:0,1`, "groups", "delete-offsets", "{group}", "--topic", "a,b:0,1"),
	usage(`--topic "a,b/c": ',' is not allowed (only ASCII letters, digits, '.', '_' and '-')`+"\n", "groups", "seek", "{group}", "--to", "start", "--topic", "a,b/c"),
	// kafka-consumer-groups takes a partition named twice as once, which
	// hides a typo of t:1,2; shore refuses it, as commit and plan files do.
	usage(`--topic "t:1,0,1": t:1 is given twice`, "groups", "seek", "{group}", "--to", "start", "--topic", "t:1,0,1"),
	usage(`--topic "t:1": t:1 is given twice`, "groups", "seek", "{group}", "--to", "start", "--topic", "t:0,1", "--topic", "t:1"),
	usage(`--topic "t:1": topic "t" is given twice (--topic T names every partition of T)`, "groups", "seek", "{group}", "--to", "start", "--topic", "t", "--topic", "t:1"),
	usage(`--topic "t": topic "t" is given twice (--topic T names every partition of T)`, "groups", "delete-offsets", "{group}", "--topic", "t", "--topic", "t"),
	usage(`--topic "t:2,2": t:2 is given twice`, "groups", "delete-offsets", "{group}", "--topic", "t:2,2"),
	usage("--from-file names its partitions; it does not go with --topic", "groups", "seek", "{group}", "--from-file", "-", "--topic", "t").with("t,0,1\n"),
	usage(`--output "xml"`, "groups", "seek", "{group}", "--to", "start", "-o", "xml"),
	failure(`unknown topic "{new}"`, "groups", "seek", "{group}", "--to", "5", "--topic", "{new}"),
	failure(`unknown topic "{new}"`, "groups", "seek", "{group}", "--to", "5", "--topic", "{new}", "--allow-new"),
	failure(`group "{group}" has no commits: pass --allow-new with --topic to create them`, "groups", "seek", "{group}", "--to", "start"),
	failure(`group "{group}" has no commits: --allow-new creates them on the topics --topic names; add --topic`, "groups", "seek", "{group}", "--to", "start", "--allow-new"),
	failure(`group "{group}" has no commits: pass --allow-new to create them`, "groups", "seek", "{group}", "--to", "start", "--topic", "{topic}"),
	failure(`group "{group}" has no commits: pass --allow-new to create them`, "groups", "seek", "{group}", "--from-file", "-").with("{topic},0,0\n"),
	failure(`topic "{topic}" has no partition 9 (it has 0-2)`, "groups", "seek", "{group}", "--to", "start", "--topic", "{topic}:9").in(3),
	failure(`topic "{topic}" has no partition 9 (it has 0-2)`, "groups", "commit", "{group}", "{topic}:9=1").in(3),

	// groups seek --from-file: plan files
	usage("--from-file {dir}/adir: is a directory", "groups", "seek", "{group}", "--from-file", "{dir}/adir"),
	usage("--from-file /dev/zero: larger than", "groups", "seek", "{group}", "--from-file", "/dev/zero"),
	usage("--from-file {dir}/nope.csv: no such file or directory", "groups", "seek", "{group}", "--from-file", "{dir}/nope.csv"),
	usage("--from-file {dir}/empty.csv: no offsets in the file", "groups", "seek", "{group}", "--from-file", "{dir}/empty.csv"),
	usage("--from-file -: no offsets on stdin", "groups", "seek", "{group}", "--from-file", "-").with(""),
	usage("--from-file -: no offsets on stdin", "groups", "seek", "{group}", "--from-file", "-").with("topic,partition,offset\n"),
	usage(`--from-file {dir}/quote.csv line 2: "\"b,0,1": quotes are not part of the format`, "groups", "seek", "{group}", "--from-file", "{dir}/quote.csv"),
	usage("--from-file {dir}/nul.csv line 2: a NUL byte", "groups", "seek", "{group}", "--from-file", "{dir}/nul.csv"),
	usage("--from-file stdin line 2: t:0 is already given on line 1", "groups", "seek", "{group}", "--from-file", "-").with("t,0,1\nt,0,2\n"),
	usage("--from-file stdin line 1: t:0 is given twice", "groups", "seek", "{group}", "--from-file", "-").with(`[{"topic":"t","partition":0,"offset":1},{"topic":"t","partition":0,"offset":2}]`),
	usage(`shore: --from-file stdin line 1: 99999999999 is out of range: want a partition number from 0 to 2147483647`, "groups", "seek", "{group}", "--from-file", "-").with("t,99999999999,1\n"),
	usage(`--from-file stdin line 1: offset "-1" is not a number 0 or more`, "groups", "seek", "{group}", "--from-file", "-").with("t,0,-1\n"),
	usage(`--from-file stdin line 1: offset "+5" has a sign, but an offset is absolute; 'shore groups seek --shift' moves from the commit`, "groups", "seek", "{group}", "--from-file", "-").with("t,0,+5\n"),
	usage(`--from-file stdin line 1: offset "99999999999999999999" is out of range: want at most 9223372036854775807`, "groups", "seek", "{group}", "--from-file", "-").with("t,0,99999999999999999999\n"),
	usage(`--from-file stdin line 3: "partition" is not a partition number (0 or more)`, "groups", "seek", "{group}", "--from-file", "-").with("topic,partition,offset\nt,0,1\ntopic,partition,offset\n"),
	usage(`--from-file stdin line 1: "TOPIC,PARTITION,NEW-OFFSET": a header other than topic,partition,offset, the one a plan may start with (or none)`, "groups", "seek", "{group}", "--from-file", "-").with("TOPIC,PARTITION,NEW-OFFSET\nt,0,1\n"),
	usage(`--from-file stdin line 3: "t,0": want topic,partition,offset`, "groups", "seek", "{group}", "--from-file", "-").with("t,0,1\n\nt,0\n"),
	usage(`--from-file stdin line 1: topic name "a b": ' ' is not allowed`, "groups", "seek", "{group}", "--from-file", "-").with("a b,0,1\n"),
	usage(`--from-file stdin line 1: empty topic name`, "groups", "seek", "{group}", "--from-file", "-").with(",0,1\n"),
	usage(`--from-file stdin line 1: entry without "offset"`, "groups", "seek", "{group}", "--from-file", "-").with(`[{"topic":"t","partition":0}]`),
	usage(`--from-file stdin line 1: empty topic name`, "groups", "seek", "{group}", "--from-file", "-").with(`[{"topic":"","partition":0,"offset":1}]`),
	usage(`--from-file stdin line 2: topic name "a/b"`, "groups", "seek", "{group}", "--from-file", "-").with("[\n" + `{"topic":"a/b","partition":0,"offset":1}]`),
	usage(`shore: --from-file stdin line 1: partition 99999999999 is out of range: want a partition number from 0 to 2147483647`, "groups", "seek", "{group}", "--from-file", "-").with(`[{"topic":"t","partition":99999999999,"offset":1}]`),
	usage(`shore: --from-file stdin line 1: offset 99999999999999999999 is out of range: want at most 9223372036854775807`, "groups", "seek", "{group}", "--from-file", "-").with(`[{"topic":"t","partition":0,"offset":99999999999999999999}]`),
	usage(`shore: --from-file stdin line 1: partition must be a whole number`, "groups", "seek", "{group}", "--from-file", "-").with(`[{"topic":"t","partition":1.5,"offset":1}]`),
	usage(`--from-file stdin line 1: unexpected end of JSON`, "groups", "seek", "{group}", "--from-file", "-").with(`[{"topic":"t"`),
	usage(`--from-file stdin line 1: unexpected data after the JSON array`, "groups", "seek", "{group}", "--from-file", "-").with(`[{"topic":"t","partition":0,"offset":1}] x`),
	usage(`--from-file stdin line 1: a JSON object, where a plan is a JSON array of {"topic","partition","offset"} or topic,partition,offset lines, as seek -o csv writes them`, "groups", "seek", "{group}", "--from-file", "-").with(`{"group":"g","executed":false,"partitions":[]}`),
	usage(`--from-file stdin line 2: groups describe -o json's output, where a plan is a JSON array of {"topic","partition","offset"} or topic,partition,offset lines: 'shore groups describe GROUP -o csv' writes the group's commits as such lines, and 'shore groups seek GROUP --to ... -o csv' a plan`, "groups", "seek", "{group}", "--from-file", "-").with("[\n  {\n    \"group\": \"g\",\n    \"total_lag\": 0,\n    \"partitions\": [\n      {\n        \"topic\": \"orders\",\n        \"partition\": 0,\n        \"current_offset\": 10\n      }\n    ]\n  }\n]\n"),
	usage(`--from-file stdin line 2: unknown field "group": want {"topic","partition","offset"} entries`, "groups", "seek", "{group}", "--from-file", "-").with("[\n" + `{"group":"g","topic":"t"}]`),
	usage(`--from-file {dir}/export.csv line 1: group,topic,partition,offset lines, an export of several groups ("audit" and "billing.eu"), where a seek takes one group's topic,partition,offset lines; to seek group "billing.eu" with its lines: grep '^billing\.eu,' {dir}/export.csv | cut -d, -f2- | shore groups seek billing.eu --from-file -`, "groups", "seek", "billing.eu", "--from-file", "{dir}/export.csv"),
	usage(`--from-file stdin line 2: group,topic,partition,offset lines, an export of several groups ("audit" and "billing"), where a seek takes one group's topic,partition,offset lines; to seek group "billing" with its lines, pass them through grep '^billing,' | cut -d, -f2- to shore groups seek billing --from-file -`, "groups", "seek", "billing", "--from-file", "-").with("\nbilling,t,0,1\naudit,t,0,2\n"),
	usage(`--from-file stdin line 1: group,topic,partition,offset lines, an export of group "audit", where a seek takes one group's topic,partition,offset lines; it has no lines of group "billing"`, "groups", "seek", "billing", "--from-file", "-").with("audit,t,0,2\n"),
	failure(`--from-file stdin line 1: unknown topic "{new}"`, "groups", "seek", "{group}", "--from-file", "-").with("{new},0,1\n"),
	failure(`--from-file stdin line 3: unknown topic "{new}"`, "groups", "seek", "{group}", "--from-file", "-").with("{topic},0,0\n\n{new},0,1\n{new},1,1\n"),
	failure(`--from-file stdin line 2: unknown topic "{new}"`, "groups", "seek", "{group}", "--from-file", "-").with("[{\"topic\":\"{topic}\",\"partition\":0,\"offset\":0},\n {\"topic\":\"{new}\",\"partition\":0,\"offset\":1}]"),
	failure(`--from-file stdin line 2: topic "{topic}" has no partition 9 (it has 0-2)`, "groups", "seek", "{group}", "--from-file", "-").with("{topic},0,0\n{topic},9,0\n").in(3),

	// groups commit
	usage("empty group name", "groups", "commit", "", "t:0=1"),
	usage(`"t:0": want TOPIC:PARTITION=OFFSET`, "groups", "commit", "{group}", "t:0"),
	usage(`"t=1": want TOPIC:PARTITION=OFFSET; name the partition, as t:0=1, or move every partition of t with 'shore groups seek GROUP --to 1 --topic t'`, "groups", "commit", "{group}", "t=1"),
	usage(`"t:0:1": want TOPIC:PARTITION=OFFSET; write it t:0=1`, "groups", "commit", "{group}", "t:0:1"),
	// an assignment written with spaces, as rpk and kaf take its parts
	usage(`"t:0" "1": want each TOPIC:PARTITION=OFFSET as one argument, without spaces: t:0=1`, "groups", "commit", "{group}", "t:0", "1"),
	usage(`"t" "0" "1": want each TOPIC:PARTITION=OFFSET as one argument, without spaces: t:0=1`, "groups", "commit", "{group}", "t", "0", "1"),
	usage(`"t:0=" "1": want each TOPIC:PARTITION=OFFSET as one argument, without spaces: t:0=1`, "groups", "commit", "{group}", "t:1=2", "t:0=", "1"),
	usage(`"t:0=3,t:1=5": give each TOPIC:PARTITION=OFFSET as its own argument: t:0=3 t:1=5`, "groups", "commit", "{group}", "t:0=3,t:1=5"),
	usage(`"t:0=-1": offset "-1" is not a number 0 or more`, "groups", "commit", "{group}", "t:0=-1"),
	usage(`"t:0=-0": offset "-0" is not a number 0 or more`, "groups", "commit", "{group}", "t:0=-0"),
	usage(`"t:0=+5": offset "+5" has a sign, but an offset is absolute; 'shore groups seek --shift' moves from the commit`, "groups", "commit", "{group}", "t:0=+5"),
	usage(`"t:0=99999999999999999999": offset "99999999999999999999" is out of range: want at most 9223372036854775807`, "groups", "commit", "{group}", "t:0=99999999999999999999"),
	usage(`"t:x=1": "x" is not a partition number (0 or more)`, "groups", "commit", "{group}", "t:x=1"),
	usage(`shore: "t:99999999999=1": 99999999999 is out of range: want a partition number from 0 to 2147483647`, "groups", "commit", "{group}", "t:99999999999=1"),
	usage(`shore: "t:2147483648=1": 2147483648 is out of range: want a partition number from 0 to 2147483647`, "groups", "commit", "{group}", "t:2147483648=1"),
	usage(`shore: "t:-99999999999=1": "-99999999999" is not a partition number (0 or more)`, "groups", "commit", "{group}", "t:-99999999999=1"),
	usage(`shore: "t:0=-99999999999999999999": offset "-99999999999999999999" is not a number 0 or more`, "groups", "commit", "{group}", "t:0=-99999999999999999999"),
	failure(`shore: topic "{topic}" has no partitions 5 and 7 (it has 0-2)`, "groups", "commit", "{group}", "{topic}:7=1", "{topic}:0=1", "{topic}:5=1").in(3),
	usage("t:0 is given twice", "groups", "commit", "{group}", "t:0=1", "t:0=2"),
	usage(`--output "xml"`, "groups", "commit", "{group}", "t:0=1", "-o", "xml"),
	failure(`unknown topic "{new}"`, "groups", "commit", "{group}", "{new}:0=1"),

	// groups delete and delete-offsets
	usage("groups delete: missing GROUP", "groups", "delete"),
	usage("empty group name", "groups", "delete", ""),
	usage(`--output "xml"`, "groups", "delete", "{group}", "-o", "xml"),
	failure(`group "{group}" not deleted: `, "groups", "delete", "{group}").printing(),
	usage("groups delete-offsets: missing GROUP", "groups", "delete-offsets", "--topic", "t"),
	usage("empty group name", "groups", "delete-offsets", "", "--topic", "t"),
	usage("--topic is required", "groups", "delete-offsets", "{group}"),
	usage(`"x" is not a partition number (0 or more)`, "groups", "delete-offsets", "{group}", "--topic", "t:x"),
	usage(`--output "xml"`, "groups", "delete-offsets", "{group}", "--topic", "t", "-o", "xml"),

	// shore dev: checked before anything listens
	usage(`dev: unexpected argument "extra"`, "dev", "extra"),
	usage("--num-brokers 0: want at least 1", "dev", "--num-brokers", "0"),
	usage("--num-brokers -1: want at least 1", "dev", "--num-brokers", "-1"),
	usage("--num-brokers 100000: want at most 64", "dev", "--num-brokers", "100000"),
	usage("--num-brokers 65: want at most 64", "dev", "--listen", "127.0.0.1:0", "--num-brokers", "65"),
	usage("shore: --num-brokers 99999999999999999999: out of range: want a whole number from 1 to 64", "dev", "--listen", "127.0.0.1:0", "--num-brokers", "99999999999999999999"),
	usage(`"x": not a whole number`, "dev", "--num-brokers", "x"),
	usage(`--listen "nope": want host:port`, "dev", "--listen", "nope"),
	usage(`--listen ":9092": want host:port`, "dev", "--listen", ":9092"),
	usage(`port "99999" is not a number from 0 to 65535`, "dev", "--listen", "127.0.0.1:99999"),
	usage("past 65535", "dev", "--listen", "127.0.0.1:65535", "--num-brokers", "2"),
	usage(`--advertise "localhost:0": port "0" is not a number from 1 to 65535 (give HOST alone to advertise the ports listened on)`, "dev", "--advertise", "localhost:0"),
	usage(`--advertise "[::]": :: is a wildcard address, not one a client can connect to`, "dev", "--advertise", "[::]"),
	usage(`--advertise "http://kafka:9092": want HOST or HOST:PORT that clients can reach, such as kafka.local or localhost:19092`, "dev", "--advertise", "http://kafka:9092"),
	usage(`--advertise "": want HOST or HOST:PORT`, "dev", "--advertise", ""),
	usage("--advertise kafka:65535: 2 brokers need ports up to 65536, past 65535", "dev", "--advertise", "kafka:65535", "--num-brokers", "2"),
	usage(`topic "": empty name`, "dev", "--topic", ""),
	usage(`topic ":3": empty name`, "dev", "--topic", ":3"),
	usage(`partitions "0": want a whole number of at least 1`, "dev", "--topic", "x:0"),
	usage(`partitions "y": want a whole number of at least 1`, "dev", "--topic", "x:y"),
	usage(`99999999999 partitions: shore dev holds at most 10000 in one topic`, "dev", "--topic", "x:99999999999"),
	usage(`topic name "bad name": ' ' is not allowed`, "dev", "--topic", "bad name"),
	usage(`topic name ".": '.' and '..' are not topic names`, "dev", "--topic", "."),
	usage(`longer than Kafka's 249`, "dev", "--topic", long250),
	usage(`--topic x is given twice (x:2, x:3)`, "dev", "--topic", "x:2", "--topic", "x:3"),
	usage("--server-cert and --server-key go together: give --server-key too", "dev", "--server-cert", "a.pem"),
	usage("--server-cert and --server-key go together: give --server-cert too", "dev", "--server-key", "a.pem"),
	failure("--server-cert /dev/zero: larger than", "dev", "--listen", "127.0.0.1:0", "--server-cert", "/dev/zero", "--server-key", "/dev/zero"),
	failure("--server-cert {dir}/adir: is a directory", "dev", "--listen", "127.0.0.1:0", "--server-cert", "{dir}/adir", "--server-key", "{dir}/ok.txt"),
	failure("--server-key {dir}/nope.pem: no such file or directory", "dev", "--listen", "127.0.0.1:0", "--server-cert", "{dir}/ok.txt", "--server-key", "{dir}/nope.pem"),
	failure("ok.txt: no PEM certificate in it", "dev", "--listen", "127.0.0.1:0", "--server-cert", "{dir}/ok.txt", "--server-key", "{dir}/ok.txt"),
	failure("cannot use data directory {dir}/ok.txt", "dev", "--listen", "127.0.0.1:0", "--data-dir", "{dir}/ok.txt"),
	usage("--sasl: want USER:PASSWORD", "dev", "--sasl", "nouser"),
	usage("--sasl: empty user name", "dev", "--sasl", ":pw"),
	usage(`--sasl: empty password for user "u"`, "dev", "--sasl", "u:"),
	usage(`--sasl is given twice (users "u" and "v")`, "dev", "--sasl", "u:p", "--sasl", "v:q"),
}

// badInputFixtures makes the files rows refer to as {dir}/NAME.
func badInputFixtures(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"ok.txt":     "hello\n",
		"empty.csv":  "",
		"quote.csv":  "a,0,1\n\"b,0,1\n",
		"nul.csv":    "a,0,1\nb\x00,0,1\n",
		"export.csv": "billing.eu,orders,0,5\naudit,orders,0,7\n",
		"secret.txt": "hidden\n",
		// an Avro schema under a data file's name
		"string.avro": `"string"`,
		// schemas of strings
		"string.avsc": `"string"`,
		"string.json": `{"type":"string"}`,
		// decimals the Avro specification has readers set aside: no
		// precision; more digits than a fixed of 1 byte holds
		"setaside.avsc": `{"type":"record","name":"S","fields":[{"name":"p","type":{"type":"bytes","logicalType":"decimal","scale":2}},{"name":"f","type":{"type":"fixed","name":"F","size":1,"logicalType":"decimal","precision":4}}]}`,
		"decimal.avsc":  `{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}`,
		// a JSON Schema closed by a false schema, not by additionalProperties
		"closed.json": `{"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{"none":false},"properties":{"x":{"type":"integer"},"old":{"$ref":"#/$defs/none"}},"unevaluatedProperties":false}`,
		// names that hold a path's separators: a JSON Schema property, an Avro map's keys
		"slash.json": `{"properties":{"a/b":{"type":"integer"},"a":{"properties":{"b":{"type":"integer"}}}}}`,
		// a bound that leaves its own number out
		"positive.json": `{"properties":{"n":{"exclusiveMinimum":0}}}`,
		"floats.avsc":   `{"type":"record","name":"F","fields":[{"name":"f","type":"float"},{"name":"d","type":"double"}]}`,
		"floats.proto":  "syntax = \"proto3\";\nmessage F { repeated float fs = 1; }\n",
		"event.proto":   "syntax = \"proto3\";\npackage ev;\nmessage Event { oneof body { string note = 1; int32 code = 2; } float f = 3; double d = 4; Inner in = 5; map<string, int32> counts = 6; }\nmessage Inner { oneof x { string a = 1; string b_two = 2; } }\n",
		"union.avsc":    `{"type":"record","name":"R","namespace":"shop","fields":[{"name":"a","type":["null",{"type":"record","name":"Addr","fields":[{"name":"zip","type":"string"}]}]}]}`,
		"tags.avsc":     `{"type":"record","name":"R","fields":[{"name":"tags","type":{"type":"map","values":"int"}}]}`,
		"times.avsc":    `{"type":"record","name":"T","fields":[{"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"day","type":{"type":"int","logicalType":"date"}}]}`,
		"order.proto":   "syntax = \"proto3\";\npackage shop;\nmessage Order {\n  message Line { int32 qty = 1; }\n  repeated Line lines = 1;\n  string id = 2;\n}\n",
		// schemas saved with a byte order mark, as a Windows editor may
		"bom.avsc": "\ufeff\"string\"",
		"bom.json": "\ufeff{\"type\":\"object\"}",
		// a .proto that imports one, found through -I {dir}/protos, past
		// the cap on schema files
		"imports-big.proto": "syntax = \"proto3\";\nimport \"big.proto\";\nmessage A { B b = 1; }\n",
		"protos/big.proto":  strings.Repeat(" ", fileread.MaxSize) + "syntax = \"proto3\";\nmessage B {}\n",
	}
	if err := os.Mkdir(filepath.Join(dir, "protos"), 0o700); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "secret.txt"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "adir"), 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBadInputs runs the suite: each row's exit status, its one line on
// stderr, nothing on stdout, and what reached the broker.
// TestFlagTakenAsValueSecret: a password that starts as a flag does is
// taken as the password, as before, not refused in a line that would show
// it.
func TestFlagTakenAsValueSecret(t *testing.T) {
	res := shoretest.Run(t, "consume", "t", "--sasl-password", "-evil", "-e")
	if res.Code != 2 || strings.Contains(res.Stderr, "evil") || !strings.Contains(res.Stderr, "shore: --sasl-password: a password is set but no mechanism") {
		t.Errorf("exit %d, stderr %q; want 2, the password taken (a mechanism is missing) and not shown", res.Code, res.Stderr)
	}
}

func TestBadInputs(t *testing.T) {
	if len(badInputs) < 250 {
		t.Errorf("the suite has %d rows; it should cover at least 250 bad inputs", len(badInputs))
	}
	root := os.Geteuid() == 0
	dir := badInputFixtures(t)
	awaitGroupCoordinator(t)
	for i, row := range badInputs {
		name := strings.Join(row.args, " ")
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if root && strings.Contains(row.stderr, "permission denied") {
				t.Skip("root reads any file")
			}
			var topic, fresh string
			uses := func(p string) bool {
				return strings.Contains(strings.Join(row.args, "\x00")+row.stdin+row.stderr, p)
			}
			if uses("{topic}") {
				topic = testbroker.Topic(t, max(row.partitions, 1), nil)
			}
			if uses("{new}") {
				fresh = testbroker.Name(t, "new")
			}
			var closed, silent string
			if uses("{closed}") {
				closed = testbroker.Closed(t)
			}
			if uses("{silent}") {
				silent = testbroker.Silent(t)
			}
			replace := strings.NewReplacer("{dir}", dir, "{topic}", topic, "{new}", fresh, "{group}", testbroker.Name(t, "group"), "{closed}", closed, "{silent}", silent)
			args := make([]string, len(row.args))
			for i, a := range row.args {
				args[i] = replace.Replace(a)
			}
			env := map[string]string{}
			for k, v := range row.env {
				env[k] = replace.Replace(v)
			}
			res := shoretest.RunWith(t, shoretest.Opts{Stdin: replace.Replace(row.stdin), Env: env, Timeout: time.Minute}, args...)
			checkBadInput(t, i, row, replace.Replace(row.stderr), res)
			if topic != "" {
				if got := recordsIn(t, topic); got != row.sent {
					t.Errorf("row %d: %d records reached %s; want %d", i, got, topic, row.sent)
				}
			}
			if fresh != "" && topicExists(t, fresh) {
				t.Errorf("row %d: topic %s was created", i, fresh)
			}
		})
	}
}

// TestStdinOverCap gives each command that reads a whole file from stdin
// ('-') one byte more than it takes, too much for a row of the suite: both
// refuse it in the words they use for a file that large.
func TestStdinOverCap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args   []string
		size   int
		stderr string
		help   string
	}{
		{[]string{"groups", "seek", testbroker.Name(t, "group"), "--from-file", "-"}, 64 << 20, "shore: --from-file stdin: larger than 64 MiB; is it the right file?\n", seeHelpFor("groups seek")},
		{[]string{"registry", "register", "s", "-", "--type", "avro"}, fileread.MaxSize, "shore: schema file stdin: larger than 4 MiB; is it the right file?\n", seeHelpFor("registry register")},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: strings.Repeat(" ", tc.size+1)}, tc.args...)
		wantRun(t, res, 2, "", tc.stderr+tc.help)
	}
}

// checkBadInput holds a run to its row: the exit status, the stderr line,
// nothing on stdout, no trace of a panic.
func checkBadInput(t *testing.T, i int, row badInput, wantStderr string, res shoretest.Result) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(res.Stderr, "\n"), "\n")
	wantLines := max(row.lines, 1)
	if row.code == 2 {
		wantLines = 2
	}
	switch {
	case res.Code != row.code:
		t.Errorf("row %d: exit %d, want %d\nstderr: %s", i, res.Code, row.code, res.Stderr)
	case !strings.Contains(res.Stderr, wantStderr):
		t.Errorf("row %d: stderr %q does not say %q", i, res.Stderr, wantStderr)
	case strings.Contains(res.Stderr, "goroutine ") || strings.Contains(res.Stderr, "panic"):
		t.Errorf("row %d: a stack trace reached the user:\n%s", i, res.Stderr)
	case len(lines) > wantLines || !strings.HasPrefix(lines[0], "shore: "):
		t.Errorf("row %d: stderr is not one clear line:\n%s", i, res.Stderr)
	case row.code == 2 && strings.HasPrefix(lines[0], "shore: --") && res.Stderr != lines[0]+"\n"+seeHelpOf(row.args):
		// The command line is to change: its mistakes end alike, as
		// pflag's do, whichever part of shore found them.
		t.Errorf("row %d: a flag's usage error without the hint to its command's --help:\n%s", i, res.Stderr)
	case res.Stdout != "" && !row.stdout:
		t.Errorf("row %d: stdout %q, want nothing", i, res.Stdout)
	}
}

// seeHelpOf is the line after a usage error of the command line args: the
// --help of the command cobra finds in them, or the root's when that is
// none.
func seeHelpOf(args []string) string {
	c, _, err := cmd.NewRootCmd(&cmd.Factory{}).Find(args)
	if err != nil || !c.HasParent() {
		return seeRootHelp
	}
	return seeHelpFor(strings.TrimPrefix(c.CommandPath(), "shore "))
}

// awaitGroupCoordinator waits until the cluster answers for groups: a fresh
// Apache Kafka answers COORDINATOR_NOT_AVAILABLE until it has made
// __consumer_offsets, and rows are about shore, not about a cluster starting.
func awaitGroupCoordinator(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	adm := testbroker.Admin(t)
	for {
		_, err := adm.FetchOffsets(ctx, testbroker.Name(t, "warm-up"))
		if err == nil || errors.Is(err, kerr.GroupIDNotFound) {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("no group coordinator within a minute: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// topicExists reports whether the cluster knows topic.
func topicExists(t *testing.T, topic string) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tds, err := testbroker.Admin(t).ListTopics(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	return tds.Has(topic) && tds[topic].Err == nil
}

// TestClosedStdoutEndsQuietly is the one rule for a closed stdout (see the
// package doc): a command whose reader has gone away (`shore ... | head`)
// exits 0 with nothing on stderr. The pipe's read end is closed before the
// command starts, so its first write fails, whatever it prints.
func TestClosedStdoutEndsQuietly(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 3, nil)
	group := testbroker.Name(t, "group")
	commits := make(kadm.Offsets)
	for p := range int32(3) {
		commits.AddOffset(topic, p, 0, -1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := testbroker.Admin(t).CommitAllOffsets(ctx, group, commits); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"topics", "list"},
		{"topics", "describe", topic},
		{"offsets", topic, "-o", "json"},
		{"groups", "describe", group},
		{"groups", "describe", group, "-o", "csv"},
		{"groups", "seek", group, "--to", "end"},
		{"cluster"},
		{"version"},
		{"config", "view"},
		{"completion", "bash"},
	} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		c := exec.Command(shoretest.Binary(t), args...)
		c.Env = shoretest.Environ(t, nil)
		stderr := &strings.Builder{}
		c.Stdout, c.Stderr = w, stderr
		err = c.Start()
		w.Close()
		if err != nil {
			t.Fatal(err)
		}
		if code := waitExit(t, c, 30*time.Second); code != 0 || stderr.String() != "" {
			t.Errorf("%v with stdout closed: exit %d, stderr %q; want 0 and nothing", args, code, stderr.String())
		}
	}
}
