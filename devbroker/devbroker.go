// Package devbroker runs an embedded Kafka cluster (franz-go's kfake) for
// development and demos: [Start] takes [Options] and returns a running
// [Cluster] whose brokers listen on consecutive ports, with a schema
// registry beside them (package devregistry).
package devbroker

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/devregistry"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/fileread"
	"github.com/kafkashore/shore/internal/tlsfile"
	"github.com/kafkashore/shore/topics"
)

// DefaultListen is where `shore dev` listens, and where shore's clients look
// by default.
const DefaultListen = "127.0.0.1:9092"

// DefaultRegistryPort is the schema registry's port when the brokers have a
// fixed one: Confluent's registry's, where registry clients look by default.
const DefaultRegistryPort = 8081

// Options configure the embedded cluster.
type Options struct {
	// Listen is host:port of the first broker; broker i listens on port+i.
	// Port 0 lets the system pick a free port for every broker.
	Listen string
	// Advertise is HOST or HOST:PORT, the address the brokers give clients
	// to connect to: broker i advertises PORT+i, or its own port with HOST
	// alone. "" advertises the address listened on, or for a wildcard host
	// (0.0.0.0, ::) this machine's name, as Apache Kafka does without
	// advertised.listeners, or 127.0.0.1 when the name does not resolve.
	Advertise string
	// Brokers is the number of brokers, at least 1.
	Brokers int
	// Topics are created at start unless they exist already (from DataDir).
	Topics []TopicSpec
	// AutoCreate lets a produce or metadata request for an unknown topic
	// create it, with one partition.
	AutoCreate bool
	// DataDir keeps the cluster's state (topics, records, group offsets) in
	// a directory across restarts; "" keeps everything in memory.
	DataDir string
	// Log receives the embedded broker's and the schema registry's
	// warnings and errors; nil discards them.
	Log io.Writer
	// SASL, when set, makes every client authenticate as this user, by
	// PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.
	SASL *Credentials
	// TLSCertFile and TLSKeyFile, when set, make the brokers speak only TLS,
	// presenting this PEM certificate (chain) and key.
	TLSCertFile, TLSKeyFile string
	// ClientCAFile, with TLS, makes the brokers demand of every client a
	// certificate signed by one of the PEM certificate authorities in it
	// (Kafka's ssl.client.auth=required). The registry asks for none.
	ClientCAFile string
	// RegistryListen is host:port of the schema registry; "" serves none.
	// It speaks HTTPS with the brokers' certificate when they speak TLS, and
	// asks for SASL's user and password as basic auth when SASL is on. With
	// DataDir, its schemas are kept there too.
	RegistryListen string
}

// RegistryListenFor is the registry's address for brokers on listen: the
// same host with DefaultRegistryPort, or a free port when listen's port is 0.
func RegistryListenFor(listen string) string {
	host, port, err := splitListen(listen)
	if err != nil {
		return ""
	}
	if port == 0 {
		return net.JoinHostPort(host, "0")
	}
	return net.JoinHostPort(host, strconv.Itoa(DefaultRegistryPort))
}

// Credentials are a SASL user and password.
type Credentials struct {
	User, Password string
}

// SASLMechanisms are the mechanisms a cluster with SASL accepts.
var SASLMechanisms = []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}

// ParseCredentials parses USER:PASSWORD; the password may hold colons.
func ParseCredentials(s string) (Credentials, error) {
	user, pass, ok := strings.Cut(s, ":")
	switch {
	case !ok:
		return Credentials{}, errors.New("want USER:PASSWORD")
	case user == "":
		return Credentials{}, errors.New("empty user name: want USER:PASSWORD")
	case pass == "":
		return Credentials{}, fmt.Errorf("empty password for user %q: want USER:PASSWORD", user)
	}
	return Credentials{User: user, Password: pass}, nil
}

// TopicSpec is one --topic NAME[:PARTITIONS].
type TopicSpec struct {
	Name string
	// Partitions is 0 when not given: the cluster's default, 1.
	Partitions int32
}

// String renders the spec as --topic takes it.
func (t TopicSpec) String() string {
	if t.Partitions == 0 {
		return t.Name
	}
	return fmt.Sprintf("%s:%d", t.Name, t.Partitions)
}

// ParseTopicSpec parses NAME[:PARTITIONS].
func ParseTopicSpec(s string) (TopicSpec, error) {
	name, parts, hasParts := strings.Cut(s, ":")
	spec := TopicSpec{Name: name}
	if name == "" {
		return TopicSpec{}, fmt.Errorf("topic %q: empty name: want NAME[:PARTITIONS]", s)
	}
	if err := topics.CheckName(name); err != nil {
		if hasParts {
			return TopicSpec{}, fmt.Errorf("topic %q: %v", s, err)
		}
		return TopicSpec{}, err
	}
	if hasParts {
		n, ok, tooLarge := format.ParseInt32(parts, 1)
		switch {
		case tooLarge || ok && n > MaxPartitions:
			// As shore dev answers a CreateTopics of that many.
			return TopicSpec{}, fmt.Errorf("topic %q: %s", s, tooManyPartitions(parts))
		case !ok:
			return TopicSpec{}, fmt.Errorf("topic %q: partitions %q: want a whole number of at least 1", s, parts)
		}
		spec.Partitions = n
	}
	return spec, nil
}

// ListenError says that a broker could not listen on its address.
type ListenError struct {
	Addr  string
	Cause string
}

func (e *ListenError) Error() string { return fmt.Sprintf("cannot listen on %s: %s", e.Addr, e.Cause) }

// Cluster is a running embedded cluster.
type Cluster struct {
	kc     *kfake.Cluster
	look   *lookups
	inside *insideClient
	reg    *devregistry.Registry // nil without a registry
	groups *consumerGroups
	lock   *os.File // of the data directory; nil without one
}

// Start starts the cluster; its brokers accept connections when it returns.
// The end of ctx ends the read of a certificate or key file that waits (a
// FIFO), with its cause.
func Start(ctx context.Context, o Options) (_ *Cluster, err error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	var lock *os.File // of DataDir, held while the cluster runs
	defer func() {
		if err != nil && lock != nil {
			lock.Close()
		}
	}()
	host, port, _ := splitListen(o.Listen)
	ports := make([]int, o.Brokers)
	for i := range ports {
		if port > 0 {
			ports[i] = port + i
		}
	}
	var (
		serverTLS, registryTLS *tls.Config
		cert                   *tls.Certificate
	)
	if o.TLSCertFile != "" {
		pair, err := loadKeyPair(ctx, o.TLSCertFile, o.TLSKeyFile)
		if err != nil {
			return nil, err
		}
		cert = &pair
		serverTLS = &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}
		registryTLS = serverTLS.Clone()
		if o.ClientCAFile != "" {
			if serverTLS.ClientCAs, err = loadClientCAs(ctx, o.ClientCAFile); err != nil {
				return nil, err
			}
			serverTLS.ClientAuth = tls.RequireAndVerifyClientCert
		}
	}
	advHost, advPort := o.advertised(ctx)
	var (
		listenErr error
		opened    []net.Listener
		// The listeners ask the cluster once it runs.
		look = &lookups{}
		// dial maps each broker's advertised address to one that
		// reaches it from this machine, for the inside client.
		dial = map[string]string{}
	)
	opts := []kfake.Opt{
		kfake.NumBrokers(o.Brokers),
		kfake.Ports(ports...),
		// Apache Kafka's num.partitions default, so that topics created
		// without a partition count look the same as on a stock broker.
		kfake.DefaultNumPartitions(1),
		// A cluster id as Kafka's storage tool makes one; kfake's own is
		// "kfake". With DataDir, kfake keeps the first one there.
		kfake.ClusterID(newClusterID()),
		// kfake listens on 127.0.0.1 and the port; this keeps the port and
		// puts the asked-for host in front of it. The listener speaks TLS
		// itself (not kfake.TLS), so that amendingListener reads and
		// amends the plain requests and answers inside it. kfake
		// advertises the listener's address, amendingListener's Addr:
		// that of Advertise. kfake opens the brokers' listeners in turn.
		kfake.ListenFn(func(network, address string) (net.Listener, error) {
			_, p, err := net.SplitHostPort(address)
			if err != nil {
				return nil, err
			}
			addr := net.JoinHostPort(host, p)
			ln, err := net.Listen(network, addr)
			if err != nil {
				listenErr = &ListenError{Addr: addr, Cause: listenCause(err)}
				return nil, err
			}
			adv := ln.Addr()
			if advHost != "" {
				port := adv.(*net.TCPAddr).Port
				reach := net.JoinHostPort(reachableHost(host), strconv.Itoa(port))
				if advPort > 0 {
					port = advPort + len(opened)
				}
				adv = advertisedAddr(net.JoinHostPort(advHost, strconv.Itoa(port)))
				dial[adv.String()] = reach
			}
			opened = append(opened, ln)
			if serverTLS != nil {
				ln = tls.NewListener(ln, serverTLS)
			}
			return amendingListener{Listener: ln, look: look, addr: adv}, nil
		}),
	}
	if o.AutoCreate {
		opts = append(opts, kfake.AllowAutoTopicCreation())
	}
	if o.DataDir != "" {
		if err := os.MkdirAll(o.DataDir, 0o755); err != nil {
			var pathErr *os.PathError
			if errors.As(err, &pathErr) {
				err = pathErr.Err
			}
			return nil, fmt.Errorf("cannot use data directory %s: %v", o.DataDir, err)
		}
		if lock, err = lockDataDir(o.DataDir); err != nil {
			return nil, fmt.Errorf("cannot use data directory %s: %v", o.DataDir, err)
		}
		opts = append(opts, kfake.DataDir(o.DataDir))
	}
	// warn writes the controls' warnings as kfake's are written.
	warn := func(string, ...any) {}
	if o.Log != nil {
		bl := &brokerLog{dst: o.Log}
		opts = append(opts, kfake.WithLogger(bl))
		warn = func(format string, args ...any) { bl.Logf(kfake.LogLevelWarn, format, args...) }
	}
	if o.SASL != nil {
		opts = append(opts, kfake.EnableSASL())
		for _, m := range SASLMechanisms {
			opts = append(opts, kfake.Superuser(m, o.SASL.User, o.SASL.Password))
		}
	}
	kc, err := kfake.NewCluster(opts...)
	if err != nil {
		// kfake leaves the brokers that did start listening.
		for _, ln := range opened {
			ln.Close()
		}
		if listenErr != nil {
			return nil, listenErr
		}
		return nil, fmt.Errorf("start embedded broker: %w", err)
	}
	inside, err := newInsideClient(kc.ListenAddrs(), dial, cert, o.SASL)
	if err != nil {
		kc.Close()
		return nil, fmt.Errorf("start embedded broker: %w", err)
	}
	look.run(kc, inside)
	groups := newConsumerGroups()
	c := &Cluster{kc: kc, look: look, inside: inside, groups: groups}
	refuseWhatKafkaRefuses(kc, o.Brokers, look)
	refuseClassicJoins(kc, groups, inside, warn)
	if o.SASL != nil {
		refuseUnframedLogins(kc, warn)
	}
	deleteGroupsAsKafka(kc, groups, inside)
	filterGroupsAsKafka(kc)
	fetchOffsetsOfUnknownGroupsAsKafka(kc)
	if o.DataDir != "" {
		if err := knownConsumerGroups(kc, groups, inside); err != nil {
			c.Close()
			return nil, fmt.Errorf("start embedded broker: list the consumer groups kept in %s: %w", o.DataDir, err)
		}
	}
	if o.RegistryListen != "" {
		ro := devregistry.Options{Listen: o.RegistryListen, URLHost: advHost, DataDir: o.DataDir, TLS: registryTLS, Log: o.Log}
		if o.SASL != nil {
			ro.User, ro.Password = o.SASL.User, o.SASL.Password
		}
		if c.reg, err = devregistry.Start(ro); err != nil {
			c.Close()
			var opErr *net.OpError
			if errors.As(err, &opErr) && opErr.Op == "listen" {
				return nil, &ListenError{Addr: o.RegistryListen, Cause: listenCause(err) + registryClash(err, o.RegistryListen, opened)}
			}
			return nil, err
		}
	}
	for _, t := range o.Topics {
		if kc.TopicInfo(t.Name) != nil {
			if have := len(kc.PartitionInfos(t.Name)); t.Partitions > 0 && int(t.Partitions) != have && o.Log != nil {
				fmt.Fprintf(o.Log, "shore dev: topic %q exists with %s; --topic asked for %d, keeping %d\n", t.Name, format.Count(have, "partition"), t.Partitions, have)
			}
			continue
		}
		if other := collidingTopic(t.Name, func(name string) bool { return kc.TopicInfo(name) != nil }); other != "" {
			c.Close()
			return nil, optionErrorf("topic", "%s collides with topic %q kept in %s: it differs only in '.' and '_', which Kafka counts as the same", t.Name, other, o.DataDir)
		}
		if err := kc.CreateTopic(t.Name, t.Partitions, nil); err != nil {
			c.Close()
			return nil, fmt.Errorf("create topic %q: %w", t.Name, err)
		}
	}
	c.lock = lock
	return c, nil
}

// newClusterID is a random id in the form of Apache Kafka's cluster ids
// (kafka-storage random-uuid): a version 4 UUID in unpadded URL-safe
// base64, 22 characters, not starting with '-' (which Kafka's tools would
// take for a flag).
func newClusterID() string {
	for {
		var id [16]byte
		_, _ = rand.Read(id[:])
		id[6] = id[6]&0x0f | 0x40
		id[8] = id[8]&0x3f | 0x80
		if s := base64.RawURLEncoding.EncodeToString(id[:]); s[0] != '-' {
			return s
		}
	}
}

// advertised is the host and port of Advertise, or for a wildcard listen
// host the name of this machine and port 0; "" and 0 for the address
// listened on. Port 0 advertises each broker's own port.
func (o Options) advertised(ctx context.Context) (string, int) {
	if o.Advertise != "" {
		host, port, _ := splitAdvertise(o.Advertise)
		return host, port
	}
	host, _, _ := splitListen(o.Listen)
	if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
		return "", 0
	}
	return machineHost(ctx), 0
}

// machineHost is this machine's name, which Apache Kafka advertises for a
// listener on a wildcard address; 127.0.0.1 when the name does not resolve
// here, where a client given it could not connect either.
func machineHost(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, resolveTimeout)
	defer cancel()
	if name, err := os.Hostname(); err == nil && name != "" {
		if addrs, err := net.DefaultResolver.LookupHost(ctx, name); err == nil && len(addrs) > 0 {
			return name
		}
	}
	return "127.0.0.1"
}

// resolveTimeout bounds the look-up of this machine's name at start.
const resolveTimeout = 3 * time.Second

// reachableHost is a host that reaches a listener on host from this
// machine: the loopback address for a wildcard one.
func reachableHost(host string) string {
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		return "127.0.0.1"
	}
	return host
}

// advertisedAddr is an address a broker advertises, which need not be an
// IP address.
type advertisedAddr string

func (a advertisedAddr) Network() string { return "tcp" }
func (a advertisedAddr) String() string  { return string(a) }

// CheckAdvertise reports what is wrong with advertise as an address to
// advertise, Options.Advertise; "" is one too, where the option is given.
func CheckAdvertise(advertise string) error {
	_, _, err := splitAdvertise(advertise)
	return err
}

// splitAdvertise splits HOST or HOST:PORT (an IPv6 host in brackets when a
// port follows); the port is 0 when not given.
func splitAdvertise(s string) (string, int, error) {
	host, p, err := net.SplitHostPort(s)
	if err != nil {
		host, p = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"), ""
		if strings.Contains(host, ":") && net.ParseIP(host) == nil {
			host = ""
		}
	}
	if host == "" || strings.ContainsAny(host, "[]/ ") {
		return "", 0, fmt.Errorf("%q: want HOST or HOST:PORT that clients can reach, such as kafka.local or localhost:19092", s)
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		return "", 0, fmt.Errorf("%q: %s is a wildcard address, not one a client can connect to", s, host)
	}
	if p == "" {
		return host, 0, nil
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 1 || port > 65535 {
		return "", 0, fmt.Errorf("%q: port %q is not a number from 1 to 65535 (give HOST alone to advertise the ports listened on)", s, p)
	}
	return host, port, nil
}

// MaxBrokers bounds Options.Brokers: a development cluster, in one process.
const MaxBrokers = 64

// refuseUnframedLogins closes the connection of a client that starts to
// log in with SaslHandshake version 0, whose SASL tokens follow unframed,
// and warns of it once: kfake speaks only version 1, and would close it
// without a word (kafka-python 2 asks for version 0, and reports only
// NoBrokersAvailable).
func refuseUnframedLogins(kc *kfake.Cluster, warn func(format string, args ...any)) {
	var once sync.Once
	kc.ControlKey(kmsg.SASLHandshake.Int16(), func(req kmsg.Request) (kmsg.Response, error, bool) {
		kc.KeepControl()
		if req.GetVersion() != 0 {
			return nil, nil, false
		}
		once.Do(func() {
			warn("a client logging in with SaslHandshake version 0 (kafka-python 2 does) is disconnected: shore dev speaks version 1 only (Kafka's Java clients, librdkafka, franz-go)")
		})
		return nil, errors.New("SaslHandshake version 0"), true
	})
}

// loadKeyPair reads a PEM certificate and key through fileread, so that a
// path to /dev/zero or a directory is a clear error, an *OptionError of
// server-cert or server-key; the end of ctx is passed on as it is. A file
// that is not PEM (DER, a keystore) or a key that is not the certificate's
// is told in tlsfile's words.
func loadKeyPair(ctx context.Context, certFile, keyFile string) (tls.Certificate, error) {
	certPEM, err := readOption(ctx, "server-cert", certFile)
	if err != nil {
		return tls.Certificate{}, err
	}
	certFrom := "--server-cert " + certFile
	if p := tlsfile.NotPEM(certPEM, certFile, tlsfile.Certificate); p != "" {
		return tls.Certificate{}, fmt.Errorf("%s: %s", certFrom, p)
	}
	keyPEM, err := readOption(ctx, "server-key", keyFile)
	if err != nil {
		return tls.Certificate{}, err
	}
	keyFrom := "--server-key " + keyFile
	if p := tlsfile.NotPEM(keyPEM, keyFile, tlsfile.Key); p != "" {
		return tls.Certificate{}, fmt.Errorf("%s: %s", keyFrom, p)
	}
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, errors.New(tlsfile.PairProblem(certFrom, certPEM, keyFrom, keyFile, keyPEM, err))
	}
	return pair, nil
}

// loadClientCAs reads the CA file of ClientCAFile. A problem with it is an
// *OptionError of client-ca, worded as loadKeyPair words its own.
func loadClientCAs(ctx context.Context, file string) (*x509.CertPool, error) {
	data, err := readOption(ctx, "client-ca", file)
	if err != nil {
		return nil, err
	}
	pool, problem := tlsfile.CAPool(data, file)
	if problem != "" {
		return nil, fmt.Errorf("--client-ca %s: %s", file, problem)
	}
	return pool, nil
}

// readOption reads the file of option, within fileread.MaxSize and
// readTimeout: a problem with it is an *OptionError.
func readOption(ctx context.Context, option, file string) ([]byte, error) {
	b, err := fileread.Read(ctx, "", file, fileread.MaxSize, readTimeout)
	if err != nil && !fileread.Interrupted(err) {
		return nil, &OptionError{Option: option, Err: err}
	}
	return b, err
}

// readTimeout bounds reading a certificate that is a FIFO.
const readTimeout = 10 * time.Second

// OptionError is a problem with one of the options, which Check names by
// Option so that a caller can name it as its user gave it: a flag, say.
type OptionError struct {
	// Option is the option's name: listen, brokers, registry-listen,
	// topic, or (from Start) server-cert, server-key or client-ca.
	Option string
	// Err says what is wrong, starting from the value: `"9092": want
	// host:port, ...`.
	Err error
}

func (e *OptionError) Error() string { return e.Option + " " + e.Err.Error() }

func optionErrorf(option, format string, args ...any) error {
	return &OptionError{Option: option, Err: fmt.Errorf(format, args...)}
}

// Check reports what is wrong with the options themselves, before anything
// listens: a listen address that is not host:port, fewer than one broker or
// more than MaxBrokers, ports past 65535, a topic given twice or two that
// differ only in '.' and '_'. A problem with one option is an *OptionError.
func (o Options) Check() error {
	_, port, err := splitListen(o.Listen)
	if err != nil {
		return &OptionError{Option: "listen", Err: err}
	}
	if o.Brokers < 1 {
		return optionErrorf("brokers", "%d: want at least 1", o.Brokers)
	}
	if o.Brokers > MaxBrokers {
		return optionErrorf("brokers", "%d: want at most %d, each a listener and goroutines in this one process", o.Brokers, MaxBrokers)
	}
	// by name with '.' as '_', which Kafka counts as the same character
	seen := make(map[string]TopicSpec, len(o.Topics))
	for _, t := range o.Topics {
		unified := strings.ReplaceAll(t.Name, ".", "_")
		first, dup := seen[unified]
		switch {
		case dup && first.Name == t.Name:
			return optionErrorf("topic", "%s is given twice (%s, %s)", t.Name, first, t)
		case dup:
			return optionErrorf("topic", "%s and %s differ only in '.' and '_', which Kafka counts as the same: give one of them", first.Name, t.Name)
		}
		seen[unified] = t
	}
	if port > 0 && port+o.Brokers-1 > 65535 {
		return optionErrorf("listen", "%s: %d brokers need ports up to %d, past 65535", o.Listen, o.Brokers, port+o.Brokers-1)
	}
	if o.Advertise != "" {
		_, advPort, err := splitAdvertise(o.Advertise)
		if err != nil {
			return &OptionError{Option: "advertise", Err: err}
		}
		if advPort > 0 && advPort+o.Brokers-1 > 65535 {
			return optionErrorf("advertise", "%s: %d brokers need ports up to %d, past 65535", o.Advertise, o.Brokers, advPort+o.Brokers-1)
		}
	}
	if (o.TLSCertFile == "") != (o.TLSKeyFile == "") {
		return errors.New("tls-cert and tls-key go together; only one is set")
	}
	if o.ClientCAFile != "" && o.TLSCertFile == "" {
		return optionErrorf("client-ca", "%s: the brokers ask for client certificates only over TLS: give --server-cert and --server-key too", o.ClientCAFile)
	}
	if o.RegistryListen != "" {
		if _, _, err := splitListen(o.RegistryListen); err != nil {
			return optionErrorf("registry-listen", "%q: want host:port, such as 127.0.0.1:%d (port 0 picks a free one)", o.RegistryListen, DefaultRegistryPort)
		}
	}
	return nil
}

// Security describes what clients need beyond plaintext, for the start-up
// line: "" without TLS or SASL.
func (o Options) Security() string {
	var parts []string
	switch {
	case o.ClientCAFile != "" && o.TLSCertFile != "":
		parts = append(parts, "TLS and client certificates")
	case o.TLSCertFile != "":
		parts = append(parts, "TLS")
	}
	if o.SASL != nil {
		parts = append(parts, fmt.Sprintf("SASL (%s) for user %s", strings.Join(SASLMechanisms, ", "), o.SASL.User))
	}
	return strings.Join(parts, " and ")
}

func splitListen(listen string) (string, int, error) {
	host, p, err := net.SplitHostPort(listen)
	if err != nil || host == "" {
		return "", 0, fmt.Errorf("%q: want host:port, such as %s (port 0 picks a free one)", listen, DefaultListen)
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("%q: port %q is not a number from 0 to 65535", listen, p)
	}
	return host, port, nil
}

// registryClash is what follows the cause of err, the schema registry's
// failure to listen on addr, given the brokers' listeners: which broker
// holds the port when one does (a --registry-listen among the brokers'
// ports), as "address already in use" alone sends the user looking for
// another process.
func registryClash(err error, addr string, brokers []net.Listener) string {
	_, port, splitErr := net.SplitHostPort(addr)
	if errors.Is(err, syscall.EADDRINUSE) && splitErr == nil {
		for i, ln := range brokers {
			if tcp, ok := ln.Addr().(*net.TCPAddr); ok && strconv.Itoa(tcp.Port) == port {
				return fmt.Sprintf(" by broker %d of this shore dev (the schema registry's: give --registry-listen a port that no broker listens on, or --no-registry)", i)
			}
		}
	}
	return " (the schema registry's; see --registry-listen and --no-registry)"
}

func listenCause(err error) string {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return "address already in use"
	case errors.Is(err, syscall.EACCES):
		return "permission denied"
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return "no such local address"
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return opErr.Err.Error()
	}
	return err.Error()
}

// Addrs returns the brokers' advertised host:port addresses, in broker
// order.
func (c *Cluster) Addrs() []string { return c.kc.ListenAddrs() }

// RegistryURL is the schema registry's base URL, or "" without one.
func (c *Cluster) RegistryURL() string {
	if c.reg == nil {
		return ""
	}
	return c.reg.URL()
}

// Close stops the brokers and the registry and, with a DataDir, saves the
// cluster's state.
func (c *Cluster) Close() {
	if c.reg != nil {
		c.reg.Close()
	}
	c.inside.close()
	c.look.stop()
	c.kc.Close()
	if c.lock != nil {
		c.lock.Close()
	}
}
