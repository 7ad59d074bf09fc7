package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/devbroker"
	"github.com/kafkashore/shore/format"
)

const devLong = `Run an embedded Kafka cluster (franz-go's kfake) in this process, for trying
shore and testing applications with nothing else installed. Other Kafka
clients can use it too: shore's tests run kcat, kafka-python and Apache
Kafka 4's own tools (kafka-topics, kafka-consumer-groups, kafka-get-offsets,
the console producer and consumer) against it.

Once the brokers accept connections, the bootstrap address (host:port,... of
every broker) is printed as the first line on stdout, and the URL of the
schema registry beside them as the second, so a script reads them and
needs to wait for nothing more (the guide's "In a CI job" has the whole
script; when shore dev cannot start, read gets no line):

  coproc DEV { exec shore dev --listen 127.0.0.1:0; }
  read -r SHORE_BROKERS <&"${DEV[0]}"; read -r SHORE_REGISTRY_URL <&"${DEV[0]}"

The schema registry speaks Confluent's REST API (franz-go's srfake), so shore
(--registry, SHORE_REGISTRY_URL), shore registry and any Confluent client can
register and look up Avro, Protobuf and JSON schemas there. It listens on
--listen's host, port 8081 (a free port when --listen's port is 0) unless
--registry-listen says otherwise; --no-registry turns it off. It refuses
an Avro, Protobuf or JSON schema that does not parse (HTTP 422; a JSON
$ref to none of its references included), and checks compatibility for
real only for Avro, naming the field where the schemas part ("field
address.zip: reader schema int not compatible with writer schema string");
a Protobuf or JSON Schema version is always compatible with the versions
before it (a change of schema type is not). As
Confluent's registry does, it hands a Protobuf schema back as a base64
FileDescriptorProto when asked with ?format=serialized
(confluent-kafka-python's deserializer does), and finds a Protobuf schema
that a subject has by what it means: the same file spaced otherwise, or
given as source where it was registered as a descriptor, is registered as
the version there already.

Brokers (at most 64) listen on consecutive ports from --listen's; port 0
picks free ports. A topic may be given to --topic once, and only one of
two names that differ only in '.' and '_', which Kafka counts as the same;
a --topic that collides so with a topic kept in --data-dir is named with
it, and shore dev does not start (exit 1).
Brokers advertise the address they listen on (the first line prints it), so
give a host that clients can reach. Listening on every interface (--listen
0.0.0.0:9092 or [::]:9092), they advertise this machine's name, as Apache
Kafka does without advertised.listeners (127.0.0.1 when the name does not
resolve here). --advertise HOST gives the name clients connect to, and
--advertise HOST:PORT also the port, broker i PORT+i, for a port forwarded
to this one (a container's -p 19092:9092). Topics created without a partition count get 1 (Apache Kafka's
num.partitions default) and, without a replication factor, 3 replicas, or
one on every broker when there are fewer (Apache Kafka's
default.replication.factor is 1).

Like Apache Kafka, the brokers refuse a topic name or a topic setting that
Kafka refuses (a/b, retention.ms=abc, segment.bytes=1024, no.such.setting,
compression.gzip.level=10: each codec's level has its range), a name that
differs from an existing topic's only in '.' and '_', and a replication
factor above the brokers, from any client and in Kafka's words. As Kafka
does, they answer each topic of a request to create topics, add
partitions or change settings for itself, and carry out the others. A
client that asks for a topic by such a name is answered
INVALID_TOPIC_EXCEPTION (kcat: "Broker: Invalid topic"), also with
--auto-create. Kafka's own topics are not made by clients,
by creating or asking for them: __consumer_offsets, __transaction_state
and __share_group_state exist already (TOPIC_ALREADY_EXISTS), as on a Kafka
whose groups and transactions were used, although the brokers keep
commits and transactions without them and list none; __cluster_metadata
is refused (INVALID_REQUEST). A topic's settings are described all, as
Kafka 4.3 has 33 (kafka-configs --describe --all, kafka-python's
describe_configs), each not set at Kafka's default but segment.bytes
(kfake's 104857600, not 1073741824). As Kafka 4 does,
they refuse a produced batch that holds a record without a key for a
compacted topic (INVALID_RECORD), or one whose timestamp is further from
their clock than the topic's message.timestamp.after.max.ms (an hour by
default) or message.timestamp.before.max.ms allow (INVALID_TIMESTAMP). A
topic holds at most 10000 partitions.
Unlike Apache Kafka, they keep message.timestamp.type=LogAppendTime but do
not apply it: records keep the timestamp their producer gave them. And
unlike Kafka 4, they do not mix the two group protocols: a classic member
(shore consume -g, kcat -G) joining a group of KIP-848 (consumer protocol)
members is refused INCONSISTENT_GROUP_PROTOCOL. As Kafka 4 does, an empty
KIP-848 group (also one kept in --data-dir) takes it and turns classic,
keeping its committed offsets. Unlike Kafka, they delete no committed
offsets of a KIP-848 group while it has members: shore groups
delete-offsets (and kafka-consumer-groups --delete-offsets) is refused, as
for active members, also for a topic no member subscribes to, whose commits
Kafka deletes; stop the group's consumers first. Unlike a stock Kafka,
which waits 3 seconds for more members, they start a classic group's first
rebalance at once: group.initial.rebalance.delay.ms is 0, as their
settings say.

Without --data-dir everything is in memory and lost when shore dev stops. With
it, topics, records, committed group offsets and the registry's schemas
(subjects, versions, ids, compatibility levels) are written to DIR and loaded
again on the next start (--topic skips topics that exist already). As
Kafka locks its log directories, one shore dev at a time uses DIR (its
.lock file): a second is refused, exit 1, where each would write its state
over the other's when it stops. The cluster id (shore cluster shows it) is a random one of Kafka's form, 22
base64 characters, new at each start without --data-dir and kept in DIR
with it.

--server-cert and --server-key make the brokers speak only TLS, and the
registry only HTTPS (its URL, the second line, starts with https://).
Clients then name the CA that signed the certificate for each: --tls-ca
(SHORE_TLS_CA) for the brokers, --registry-ca (SHORE_REGISTRY_CA) for the
registry, which does not use --tls-ca. --client-ca CA.pem (with
--server-cert) makes the brokers demand a client certificate signed by a
CA in that file, as Kafka's ssl.client.auth=required does: clients give
theirs with --tls-cert and --tls-key (SHORE_TLS_CERT, SHORE_TLS_KEY); the
registry asks for none. --sasl USER:PASSWORD makes every
client log in as USER with PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, and the
registry ask for USER and PASSWORD as basic auth (--registry-username and
SHORE_REGISTRY_PASSWORD), to rehearse a secured cluster ('shore help
security' covers the client side). Unlike Kafka, the brokers do not take
a login begun with SaslHandshake version 0 (kafka-python 2 begins so):
they close such a client's connection and warn of it once. The password
shows in the process list: use a throwaway one. As Kafka does, brokers
without TLS close the connection of a client that speaks TLS to them (its
handshake reads as a request above socket.request.max.bytes), so that it
fails at once (kcat: "connecting to a PLAINTEXT broker listener?"), and
so is an HTTP request's (curl: "Empty reply from server"; shore registry
given a broker's address says it is one). Unlike Kafka, they take any
larger request (a record over 100 MiB, to a topic whose max.message.bytes
allows it).

Logs go to stderr, each line after "shore dev: ": the broker's warnings and
errors after "broker: warning: " or "broker: error: " (a damaged file in
--data-dir, a consumer whose session timed out), the registry's after
"registry: ". SIGINT (Ctrl-C) or SIGTERM stops the cluster cleanly, saving its
state to --data-dir, and exits 0; a script's background job ignores SIGINT
(and shore keeps it ignored): kill it with SIGTERM (kill PID).

EXIT STATUS
  0  stopped by SIGINT or SIGTERM
  1  the cluster could not start (a port or --data-dir in use, an unusable --data-dir or TLS certificate)
  2  usage error: bad flag, --listen, --advertise or --registry-listen address or --topic spec`

const devExamples = `  # a single broker on localhost:9092, where shore looks by default
  $ shore dev
  # three brokers on 127.0.0.1:19092-19094 with two topics ready
  $ shore dev --listen 127.0.0.1:19092 --num-brokers 3 --topic orders:3 --topic audit
  # keep the data and the schemas across restarts, and create topics on first use
  $ shore dev --data-dir ./kafka-data --auto-create
  # brokers and registry on free ports: its first two lines say which
  $ shore dev --listen 127.0.0.1:0
  # rehearse a secured cluster: TLS and SCRAM logins for alice
  $ shore dev --server-cert server.pem --server-key server-key.pem --sasl alice:dev-secret
  # then, with SHORE_SASL_PASSWORD=dev-secret in the environment
  $ shore --tls-ca ca.pem --sasl-mechanism SCRAM-SHA-256 --sasl-username alice topics list
  # and the registry, with SHORE_REGISTRY_PASSWORD=dev-secret
  $ shore --registry https://127.0.0.1:8081 --registry-ca ca.pem --registry-username alice registry list
  # rehearse mutual TLS: only clients with a certificate that ca.pem signed
  $ shore dev --server-cert server.pem --server-key server-key.pem --client-ca ca.pem
  $ shore --tls-ca ca.pem --tls-cert client.pem --tls-key client-key.pem topics list`

// devFlags are shore dev's flags as given.
type devFlags struct {
	opts       devbroker.Options // the flags that are options as they are
	topics     []string
	sasl       string
	saslGiven  []string // each --sasl, to refuse a second user
	noRegistry bool
	stderr     func() io.Writer // where a deprecated flag name is warned about
}

// devRenamed maps the flag names shore dev had before to their new names:
// --brokers shadowed the global -b/--brokers (so shore dev -b failed), and
// --tls-cert and --tls-key the global client certificate flags, with other
// meanings. The old names work, hidden and warned about, for one release.
var devRenamed = [][2]string{{"brokers", "num-brokers"}, {"tls-cert", "server-cert"}, {"tls-key", "server-key"}}

// devServes is, by the first word of a client's connection flags, what
// shore dev takes for the brokers and registry it serves.
var devServes = map[string]string{
	"brokers":  "the brokers it serves listen at --listen, --num-brokers of them",
	"tls":      "its brokers speak TLS with --server-cert and --server-key, and demand a client's certificate with --client-ca",
	"sasl":     "its brokers demand a login with --sasl USER:PASSWORD",
	"registry": "the schema registry it serves listens at --registry-listen",
}

// parse reads the --topic specs and the --sasl credentials, places the
// registry, then lets devbroker check the whole.
func (fl *devFlags) parse(_ []string, given flagsGiven) (*devbroker.Options, error) {
	opts := fl.opts
	for _, r := range devRenamed {
		if given(r[0]) {
			fmt.Fprintf(fl.stderr(), "shore: warning: shore dev --%s is deprecated and will be removed; use --%s\n", r[0], r[1])
		}
	}
	for _, s := range fl.topics {
		spec, err := devbroker.ParseTopicSpec(s)
		if err != nil {
			return nil, usageErrorf("--topic: %v", err)
		}
		opts.Topics = append(opts.Topics, spec)
	}
	if given("advertise") && opts.Advertise == "" {
		// Not the default's "": an empty variable in a script.
		return nil, usageErrorf("--advertise %v", devbroker.CheckAdvertise(""))
	}
	if len(fl.saslGiven) > 1 {
		// Named by user, never by password.
		users := make([]string, len(fl.saslGiven))
		for i, v := range fl.saslGiven {
			users[i], _, _ = strings.Cut(v, ":")
		}
		return nil, usageErrorf("--sasl is given %s (users %s): shore dev has one user, whom every client logs in as", times(len(users)), format.Quoted(users, "and"))
	}
	if given("sasl") {
		cred, err := devbroker.ParseCredentials(fl.sasl)
		if err != nil {
			return nil, usageErrorf("--sasl: %v", err)
		}
		opts.SASL = &cred
	}
	// By value, so that the deprecated --tls-cert and --tls-key count.
	hasFile := func(name string) bool {
		return map[string]string{"server-cert": opts.TLSCertFile, "server-key": opts.TLSKeyFile}[name] != ""
	}
	if err := flagsGiven(hasFile).together("server-cert", "server-key"); err != nil {
		return nil, err
	}
	if err := given.exclusive("contradict each other", "registry-listen", "no-registry"); err != nil {
		return nil, err
	}
	switch {
	case fl.noRegistry:
		opts.RegistryListen = ""
	case !given("registry-listen"):
		opts.RegistryListen = devbroker.RegistryListenFor(opts.Listen)
	}
	if err := opts.Check(); err != nil {
		var optErr *devbroker.OptionError
		if errors.As(err, &optErr) {
			return nil, usageErrorf("%s %v", devFlagName(optErr.Option, given), optErr.Err)
		}
		return nil, usageErrorf("%v", err)
	}
	return &opts, nil
}

// devFlagName is the flag of a devbroker option, as the user typed it:
// brokers is --num-brokers, or the deprecated --brokers when that was given.
func devFlagName(option string, given flagsGiven) string {
	if option == "brokers" && !given("brokers") {
		return "--num-brokers"
	}
	return "--" + option
}

func newDevCmd(f *Factory, runF func(*devbroker.Options) error) *cobra.Command {
	fl := &devFlags{stderr: func() io.Writer { return f.IO.ErrOut }}
	c := &cobra.Command{
		Use:         "dev",
		Short:       "Run an embedded Kafka cluster for development",
		Long:        devLong,
		Example:     devExamples,
		Args:        argsFromUse,
		RunE:        parsedRunE(f, fl.parse, runF, runDev),
		Annotations: map[string]string{noConnection: ""},
	}
	// A client's connection flag is answered with the flag that does its
	// job for the brokers shore dev serves.
	for _, s := range config.Settings() {
		if hint, ok := devServes[strings.SplitN(s.Flag, "-", 2)[0]]; ok {
			c.Annotations[noConnection+":"+s.Flag] = hint
		}
	}
	flags := c.Flags()
	flags.StringVar(&fl.opts.Listen, "listen", devbroker.DefaultListen, "host:port of the first broker; port 0 picks free ports")
	flags.StringVar(&fl.opts.Advertise, "advertise", "", "HOST or HOST:PORT the brokers give clients to connect to, broker i PORT+i (default: --listen's address; for 0.0.0.0 or :: this machine's name)")
	flags.IntVar(&fl.opts.Brokers, "num-brokers", 1, "number of brokers, on consecutive ports")
	flags.StringArrayVar(&fl.topics, "topic", nil, fmt.Sprintf("topic NAME[:PARTITIONS] to create at start (1 partition by default, at most %d), repeatable", devbroker.MaxPartitions))
	flags.BoolVar(&fl.opts.AutoCreate, "auto-create", false, "create a topic with 1 partition when a client first produces to or asks for it (shore produce asks with --allow-auto-create; kcat and the Java producer do by default)")
	flags.StringVar(&fl.opts.DataDir, "data-dir", "", "directory that keeps the cluster's state across restarts (default: in memory only)")
	flags.StringVar(&fl.opts.TLSCertFile, "server-cert", "", "PEM certificate the brokers present: they speak only TLS (with --server-key)")
	flags.StringVar(&fl.opts.TLSKeyFile, "server-key", "", "PEM private key of --server-cert")
	flags.StringVar(&fl.opts.ClientCAFile, "client-ca", "", "PEM CA certificates that must sign every client's certificate: the brokers demand one (with --server-cert)")
	flags.IntVar(&fl.opts.Brokers, "brokers", 1, "")
	for _, name := range []string{"num-brokers", "brokers"} {
		setFlagMin(flags, name, 1)
		setFlagMax(flags, name, devbroker.MaxBrokers)
	}
	flags.StringVar(&fl.opts.TLSCertFile, "tls-cert", "", "")
	flags.StringVar(&fl.opts.TLSKeyFile, "tls-key", "", "")
	for _, r := range devRenamed {
		// Not pflag's MarkDeprecated: cobra prints its notice on stdout,
		// where shore dev prints the bootstrap address.
		_ = flags.MarkHidden(r[0])
	}
	flags.Var(onceFlag{&fl.sasl, &fl.saslGiven}, "sasl", "USER:PASSWORD every client must log in as (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), once")
	flags.StringVar(&fl.opts.RegistryListen, "registry-listen", "", "host:port of the schema registry (default: --listen's host, port 8081, or a free port when --listen's port is 0)")
	flags.BoolVar(&fl.noRegistry, "no-registry", false, "serve no schema registry")
	return c
}

// runDev serves until ctx ends (SIGINT or SIGTERM): stopping is how a
// development server ends, so it is exit 0.
func runDev(ctx context.Context, f *Factory, opts *devbroker.Options) error {
	opts.Log = f.IO.ErrOut
	cluster, err := devbroker.Start(ctx, *opts)
	if errors.Is(errOrInterrupted(ctx, err), errInterrupted) {
		// A signal while a certificate was read (a FIFO): stopped
		// before it served, which is still how it ends.
		return nil
	}
	// Start finds what Check cannot: a certificate or key file that cannot
	// be read is named by its flag, and is exit 1, as the help says.
	var optErr *devbroker.OptionError
	if errors.As(err, &optErr) {
		return fmt.Errorf("--%s %v", optErr.Option, optErr.Err)
	}
	if err != nil {
		return err
	}
	defer cluster.Close()
	addrs := strings.Join(cluster.Addrs(), ",")
	lines := addrs + "\n"
	if url := cluster.RegistryURL(); url != "" {
		lines += url + "\n"
	}
	storage := "in memory only: everything is lost when it stops"
	if opts.DataDir != "" {
		storage = "state kept in " + opts.DataDir
	}
	if sec := opts.Security(); sec != "" {
		addrs += " with " + sec
	}
	if url := cluster.RegistryURL(); url != "" {
		addrs += ", schema registry at " + url
	}
	// The started line comes before the addresses on stdout, so anything a
	// client that read them makes the server log (a failed TLS handshake)
	// follows it on stderr.
	fmt.Fprintf(f.IO.ErrOut, "shore dev: %s at %s, %s; Ctrl-C stops\n", format.Count(len(cluster.Addrs()), "broker"), addrs, storage)
	if _, err := io.WriteString(f.IO.Out, lines); err != nil {
		return err
	}
	<-ctx.Done()
	fmt.Fprintln(f.IO.ErrOut, "shore dev: stopping")
	return nil
}
