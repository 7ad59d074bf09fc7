// Package connect builds the Kafka clients every command uses from a
// [config.Config] ([NewClient], [Admin]): it dials, makes first contact
// with the brokers, and explains a failed first contact in a person's words
// (a TLS or SASL mismatch, a silent port).
package connect

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/oauth"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/internal/fileread"
	"github.com/kafkashore/shore/internal/tlsfile"
)

// ClientOptions are what a command adds to the shared configuration.
type ClientOptions struct {
	// Log receives the client's own log lines (-v); nil discards them.
	Log io.Writer
	// Stderr receives what a password-command or token-command prints on
	// its stderr; nil discards it.
	Stderr io.Writer
	// Extra are the command's own kgo options (topics to consume, a group,
	// a default produce topic).
	Extra []kgo.Opt
	// Admin makes a client for rounds of admin requests that answer with
	// what the brokers that answer know: each request waits at most
	// RequestBound, and a broker that leaves one unanswered (frozen) is
	// treated as down for the rest of the timeout, so requests go to the
	// other brokers and the part of the answer it holds is reported
	// missing, not waited for.
	Admin bool
	// OnRegistryRequest, when set, is called once for each HTTP request to
	// the schema registry (Stats.OnRegistryRequest counts them for -v).
	OnRegistryRequest func()
	// FetchReceiving, when set, is called with a broker's host:port
	// whenever bytes of an answer to a fetch arrive from it, so that a
	// fetch whose answer is still coming in (a large one on a slow link)
	// is told from one left unanswered.
	FetchReceiving func(addr string)
}

// NewClient builds the one kind of Kafka client shore uses and checks, within
// the configured timeout, that a broker answers; the error then names the
// address and the cause ("cannot reach localhost:9999: connection refused",
// "cannot connect to localhost:9093: authentication failed for user ...").
// cfg has passed config.Config.Check, as cmd's Factory.Config makes sure.
func NewClient(ctx context.Context, cfg *config.Config, o ClientOptions) (*kgo.Client, error) {
	tlsCfg, err := TLSConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	d := &dialer{tls: tlsCfg, timeout: cfg.Timeout, fetchReceiving: o.FetchReceiving, cfg: cfg}
	if o.Admin {
		d.silence = newSilence(RequestBound(cfg.Timeout), cfg.Timeout)
	}
	opts, err := clientOpts(ctx, cfg, o, d)
	if err != nil {
		return nil, err
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, &config.Error{Msg: err.Error()}
	}
	pingCtx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	if err := ping(pingCtx, cl, cfg.Brokers, d); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, firstContact(pingCtx, cfg, d, err)
	}
	if d.silence != nil {
		d.silence.armed.Store(true)
	}
	return cl, nil
}

// ping waits for a broker's answer, or for ctx: kgo does not watch the
// context while it opens a connection, so a Ctrl-C during the handshake with
// a silent broker would otherwise wait out the whole timeout. A contact that
// got no answer in time is made again until ctx ends: an admin client's
// request gives up after the request bound (a third of the timeout, tried
// twice by kgo), and a silent broker is reported as "no answer within" the
// timeout, so that is what ping waits. A seed that has not answered in
// Kafka after half that (at most webProbeAfter) is asked in HTTP (HTTPS
// when TLS is on), and a web port ends the wait with a *webPortError. A client whose
// ping failed is closed before ping returns, so its -v log lines do not
// trail the error message; only one abandoned mid-handshake is closed in
// the background.
func ping(ctx context.Context, cl *kgo.Client, seeds []string, d *dialer) error {
	done := make(chan error, 1)
	go func() {
		for {
			err := contact(ctx, cl, seeds)
			if err == nil || !isTimeout(err) || ctx.Err() != nil {
				done <- err
				return
			}
		}
	}()
	var probe <-chan time.Time
	if deadline, ok := ctx.Deadline(); ok {
		t := time.NewTimer(min(time.Until(deadline)/2, webProbeAfter))
		defer t.Stop()
		probe = t.C
	}
	web := make(chan string, 1)
	for {
		select {
		case err := <-done:
			if err != nil {
				cl.Close()
			}
			return err
		case <-probe:
			if !d.spokeKafka.Load() {
				go func() {
					if addr := webSeed(ctx, seeds, d.tls != nil); addr != "" {
						web <- addr
					}
				}()
			}
		case addr := <-web:
			cl.Close()
			return &webPortError{Addr: addr}
		case <-ctx.Done():
			go cl.Close()
			return ctx.Err()
		}
	}
}

// contact asks every seed broker at once for metadata and keeps the first
// that answers as the client's only seed: kgo asks one seed after the other,
// so a first seed that accepts connections and never answers would use up
// the whole timeout, where kcat goes on to the next. With one seed it is
// kgo's Ping. The error, when none answers, is the last one to arrive.
func contact(ctx context.Context, cl *kgo.Client, seeds []string) error {
	if len(seeds) < 2 {
		return cl.Ping(ctx)
	}
	askCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	type answer struct {
		seed int
		err  error
	}
	answers := make(chan answer, len(seeds))
	brokers := cl.SeedBrokers()
	for i, b := range brokers {
		go func() {
			req := kmsg.NewPtrMetadataRequest()
			req.Topics = []kmsg.MetadataRequestTopic{} // the brokers only
			_, err := b.Request(askCtx, req)
			answers <- answer{i, err}
		}()
	}
	var last error
	for range brokers {
		a := <-answers
		if a.err != nil {
			last = a.err
			continue
		}
		cancel()
		// Ping through the seed that answered teaches the client the
		// cluster's brokers.
		if err := cl.UpdateSeedBrokers(seeds[a.seed]); err != nil {
			return err
		}
		return cl.Ping(ctx)
	}
	return last
}

// Admin wraps cl in an admin client whose requests ask the brokers to take
// at most --timeout.
func Admin(cl *kgo.Client, cfg *config.Config) *kadm.Client {
	adm := kadm.NewClient(cl)
	adm.SetTimeoutMillis(int32(cfg.Timeout.Milliseconds()))
	return adm
}

// ReadAdmin wraps cl in an admin client for requests that only read. The
// one of them that asks a broker to take a time, ListOffsets (for tiered
// storage), asks for RequestBound: kgo waits that on top of the overhead,
// and a broker that does not answer must be given up on in time for the
// command to answer with the others.
func ReadAdmin(cl *kgo.Client, cfg *config.Config) *kadm.Client {
	adm := kadm.NewClient(cl)
	adm.SetTimeoutMillis(int32(RequestBound(cfg.Timeout).Milliseconds()))
	return adm
}

func clientOpts(ctx context.Context, cfg *config.Config, o ClientOptions, d *dialer) ([]kgo.Opt, error) {
	opts := []kgo.Opt{
		kgo.SeedBrokers(cfg.Brokers...),
		kgo.ClientID(cfg.ClientID),
		// A dial (and TLS handshake) that takes longer than the whole
		// command may wait is a failure; see dialer.
		kgo.Dialer(d.DialContext),
		kgo.WithHooks(d),
		// Retries of a request stop once the command's timeout has passed,
		// so an unreachable or unhealthy cluster is reported, not waited on.
		kgo.RetryTimeout(cfg.Timeout),
		// A broker that accepts connections but never answers would
		// otherwise hold the first request for kgo's 10s overhead, whatever
		// the context says (kgo's floor is 100ms). An admin client waits
		// a third of that and asks elsewhere (see silence).
		kgo.RequestTimeoutOverhead(overhead(cfg, o)),
		// Short backoffs: a person is waiting at the terminal.
		kgo.RetryBackoffFn(func(tries int) time.Duration {
			return min(time.Duration(tries)*100*time.Millisecond, time.Second)
		}),
		// Metadata refreshes after a topic is created or a leader moves must
		// not wait the default 5s floor.
		kgo.MetadataMinAge(250 * time.Millisecond),
		// A command's client lives seconds, and closing it must not wait
		// on a broker that stopped answering: Close sends a final client
		// metrics push (KIP-714) and closes a fetch session, each on a
		// connection it may have to open, so against a frozen broker it
		// waited up to --timeout after the command was done. The metrics
		// of so short a client tell an operator nothing, and a session only
		// saves listing the partitions in each fetch (kcat fetches without).
		kgo.DisableClientMetrics(),
		kgo.DisableFetchSessions(),
	}
	if d.silence != nil {
		opts = append(opts, kgo.WithHooks(d.silence))
	}
	if o.Log != nil {
		opts = append(opts, kgo.WithLogger(Logger(o.Log)))
	}
	mech, pass, err := saslMechanism(ctx, cfg, config.SecretReader{Stderr: o.Stderr, Timeout: cfg.Timeout})
	if err != nil {
		return nil, err
	}
	d.passwordNote = passwordNote(cfg, pass)
	if mech != nil {
		opts = append(opts, kgo.SASL(mech))
	}
	return append(opts, o.Extra...), nil
}

// overhead is how long a request may wait for its answer beyond the time
// it asks the broker to take.
func overhead(cfg *config.Config, o ClientOptions) time.Duration {
	if o.Admin {
		return RequestBound(cfg.Timeout)
	}
	return max(cfg.Timeout, 100*time.Millisecond)
}

// TLSConfig returns the client TLS configuration of cfg, or nil when TLS is
// off. Naming a CA, certificate or server name turns TLS on. Its files are
// read within fileread.MaxSize and, for a pipe, cfg.Timeout; a problem with
// one names the setting as the user gave it (--tls-ca, SHORE_TLS_CA or the
// profile's key, from cfg.Where) and the file. The end of ctx ends a
// read that waits, with its cause (fileread.Read).
func TLSConfig(ctx context.Context, cfg *config.Config) (*tls.Config, error) {
	t := cfg.TLS
	if len(t.Switches()) == 0 {
		return nil, nil
	}
	c := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		ServerName:         t.ServerName,
		InsecureSkipVerify: t.InsecureSkipVerify,
	}
	if t.CAFile != "" {
		pool, err := caPool(ctx, cfg, "tls.ca-file", t.CAFile)
		if err != nil {
			return nil, err
		}
		c.RootCAs = pool
	}
	if t.CertFile != "" {
		certPEM, err := readPEM(ctx, cfg, "tls.cert-file", t.CertFile)
		if err != nil {
			return nil, err
		}
		certFrom := cfg.Where("tls.cert-file") + " " + t.CertFile
		if p := tlsfile.NotPEM(certPEM, t.CertFile, tlsfile.Certificate); p != "" {
			return nil, config.Errorf("%s: %s", certFrom, p)
		}
		keyPEM, keyFrom, keyFile := certPEM, certFrom, t.CertFile
		if t.KeyFile != "" {
			keyPEM, err = readPEM(ctx, cfg, "tls.key-file", t.KeyFile)
			if err != nil {
				return nil, err
			}
			if p := tlsfile.NotPEM(keyPEM, t.KeyFile, tlsfile.Key); p != "" {
				return nil, config.Errorf("%s %s: %s", cfg.Where("tls.key-file"), t.KeyFile, p)
			}
			keyFrom, keyFile = cfg.Where("tls.key-file")+" "+t.KeyFile, t.KeyFile
		} else if cert, key := tlsfile.Blocks(certPEM); !key {
			return nil, config.Errorf("%s: a client certificate needs its private key: set --tls-key, SHORE_TLS_KEY or the profile's tls.key-file, or put the key in the certificate's file", cfg.Where("tls.cert-file"))
		} else if !cert {
			return nil, config.Errorf("%s holds a private key and no certificate: the client certificate is missing; name its file there, and this one with --tls-key, SHORE_TLS_KEY or the profile's tls.key-file", certFrom)
		}
		pair, err := tls.X509KeyPair(certPEM, keyPEM)
		if err != nil {
			return nil, config.Errorf("%s", tlsfile.PairProblem(certFrom, certPEM, keyFrom, keyFile, keyPEM, err))
		}
		c.Certificates = []tls.Certificate{pair}
	}
	return c, nil
}

// readPEM reads the file that setting key of cfg names, within
// fileread.MaxSize and, for a pipe, cfg.Timeout: a problem with it is a
// usage error; the end of ctx is passed on as it is.
func readPEM(ctx context.Context, cfg *config.Config, key, file string) ([]byte, error) {
	b, err := fileread.Read(ctx, cfg.Where(key), file, fileread.MaxSize, cfg.Timeout)
	if err != nil && !fileread.Interrupted(err) {
		return nil, config.Errorf("%v", cfg.RelativeHint(key, file, err))
	}
	return b, err
}

// caPool reads the PEM file of certificate authorities that setting key of
// cfg names, within fileread.MaxSize and, for a pipe, cfg.Timeout. A
// problem names the setting as the user gave it (cfg.Where) and the file.
func caPool(ctx context.Context, cfg *config.Config, key, file string) (*x509.CertPool, error) {
	pem, err := readPEM(ctx, cfg, key, file)
	if err != nil {
		return nil, err
	}
	pool, problem := tlsfile.CAPool(pem, file)
	if problem != "" {
		return nil, config.Errorf("%v", fileread.Errorf(cfg.Where(key), file, "%s", problem))
	}
	return pool, nil
}

// saslMechanism returns the configured mechanism, or nil when SASL is off,
// and the password of PLAIN or SCRAM; cfg has passed Check.
// It reads the password or token from its file or command now, so that a
// missing secret is reported before any broker is dialed; r runs commands.
// Errors name the settings as the user gave them (cfg.Where).
func saslMechanism(ctx context.Context, cfg *config.Config, r config.SecretReader) (sasl.Mechanism, string, error) {
	s := cfg.SASL
	mech := strings.ToUpper(s.Mechanism)
	switch mech {
	case "":
		return nil, "", nil
	case "OAUTHBEARER":
		token, err := r.Resolve(ctx, cfg, "sasl.token", strings.TrimSpace)
		if err != nil {
			return nil, "", err
		}
		return oauthMechanism{oauth.Auth{Zid: s.Username, Token: token}.AsMechanism()}, "", nil
	}
	pass, err := r.Resolve(ctx, cfg, "sasl.password", config.TrimNewline)
	if err != nil {
		return nil, "", err
	}
	switch mech {
	case "PLAIN":
		return plain.Auth{User: s.Username, Pass: pass}.AsMechanism(), pass, nil
	case "SCRAM-SHA-256":
		return scram.Auth{User: s.Username, Pass: pass}.AsSha256Mechanism(), pass, nil
	}
	return scram.Auth{User: s.Username, Pass: pass}.AsSha512Mechanism(), pass, nil
}

// oauthMechanism is franz-go's OAUTHBEARER whose session reports a refused
// token as errTokenRefused: the broker answers a bad token with an error
// challenge (RFC 7628 3.2.2), which franz-go calls "unexpected data".
type oauthMechanism struct{ sasl.Mechanism }

var errTokenRefused = errors.New("OAUTHBEARER token refused")

func (m oauthMechanism) Authenticate(ctx context.Context, host string) (sasl.Session, []byte, error) {
	s, first, err := m.Mechanism.Authenticate(ctx, host)
	return oauthSession{s}, first, err
}

type oauthSession struct{ sasl.Session }

func (s oauthSession) Challenge(resp []byte) (bool, []byte, error) {
	if len(resp) != 0 {
		return false, nil, errTokenRefused
	}
	return s.Session.Challenge(resp)
}

// UnreachableError says that no broker answered, or that the brokers that
// answered refused the connection (Answered): a TLS or SASL problem.
type UnreachableError struct {
	Brokers  []string
	Cause    string
	Answered bool
	// NotKafka is set when Brokers, one address, answered in a protocol
	// other than Kafka's: HTTP (a schema registry's port) or a server's
	// that speaks first or answers in its own.
	NotKafka bool
}

func (e *UnreachableError) Error() string {
	verb := "cannot reach"
	if e.Answered {
		verb = "cannot connect to"
	}
	brokers := make([]string, len(e.Brokers))
	for i, b := range e.Brokers {
		brokers[i] = seedAddr(b)
	}
	return fmt.Sprintf("%s %s: %s", verb, strings.Join(brokers, ","), e.Cause)
}

// seedAddr is where the client goes for the seed broker b: Kafka's port
// 9092 for a seed without one, as kgo does.
func seedAddr(b string) string {
	if !strings.Contains(b, ":") {
		return b + ":9092"
	}
	return b
}

// firstContact explains a failed first contact in a person's words. ctx
// bounds the probes it may send to find out what the broker wants.
// Brokers at their built-in default get config.Config.BrokersHint.
func firstContact(ctx context.Context, cfg *config.Config, d *dialer, err error) error {
	e := &UnreachableError{Brokers: cfg.Brokers}
	if addr := webAnswer(ctx, d, cfg.Brokers, err); addr != "" {
		e.Brokers, e.Cause, e.Answered, e.NotKafka = []string{addr}, webCause(cfg), true, true
	} else if msg := securityCause(ctx, cfg, d, err); msg != "" {
		e.Cause, e.Answered = msg, true
	} else if first := foreignAnswer(d, err); first != nil {
		e.Brokers, e.Cause, e.Answered, e.NotKafka = []string{first.addr}, foreignCause(cfg, first), true, true
	} else {
		e.Cause = cause(err, cfg.Timeout)
	}
	if cfg.BrokersHint != "" {
		e.Cause += "; " + cfg.BrokersHint
	}
	return e
}

// Cause is why a broker did not answer, in a person's words ("connection
// refused", "no answer within 3.333s"), for a message that names the
// broker; timeout is how long a request waited for it.
func Cause(err error, timeout time.Duration) string { return cause(err, timeout) }

func cause(err error, timeout time.Duration) string {
	var dnsErr *net.DNSError
	var silent *SilentError
	switch {
	case errors.As(err, &silent):
		return silent.Error()
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Sprintf("no answer within %s", timeout)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &dnsErr):
		return "unknown host " + dnsErr.Name
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "no route to host"
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Timeout() {
		return fmt.Sprintf("no answer within %s", timeout)
	}
	return err.Error()
}

// requestShare is bound, the wait for one answer, with the timeout it is
// a share of, so that "within 333ms" does not read as the 1s asked for.
func requestShare(bound, timeout time.Duration) string {
	if bound == timeout {
		return bound.String()
	}
	return fmt.Sprintf("%s (one request's share of the %s timeout)", bound, timeout)
}

// ExplainTimeout rewrites an error from a request the way a person reads it:
// a request that ran out of time says whom it asked and how long it waited:
// the brokers that left requests unanswered (waiting, when the client
// counted them), else the bootstrap brokers; one that needed a broker found
// silent (see silence) names the brokers treated as down, and so does one
// whose answer an admin client stopped waiting for, at RequestBound (kgo
// does not send every kind of request again, as DeleteGroups after its
// coordinator's lookup went unanswered: its error was kadm's 'request
// DeleteGroups has 1 separate shard errors, first: read tcp ...: i/o
// timeout').
func ExplainTimeout(cfg *config.Config, waiting *Waiting, err error) error {
	var silent *SilentError
	var shards *kadm.ShardErrors
	switch {
	case errors.As(err, &silent):
		if who := waiting.Undialled(); who != "" {
			return fmt.Errorf("no answer from %s within %s", who, requestShare(silent.Bound, cfg.Timeout))
		}
	case errors.Is(err, os.ErrDeadlineExceeded) && errors.As(err, &shards) && len(shards.Errs) > 0:
		who := strings.Join(cfg.Brokers, ",")
		if b := shards.Errs[0].Broker; b.Host != "" {
			who = fmt.Sprintf("broker %d (%s)", b.NodeID, net.JoinHostPort(b.Host, strconv.Itoa(int(b.Port))))
		}
		return fmt.Errorf("no answer from %s within %s", who, requestShare(RequestBound(cfg.Timeout), cfg.Timeout))
	case errors.Is(err, context.DeadlineExceeded):
		if who := waiting.Silent(); who != "" {
			return fmt.Errorf("no answer from %s within %s", who, cfg.Timeout)
		}
		return fmt.Errorf("no answer from %s within %s", strings.Join(cfg.Brokers, ","), cfg.Timeout)
	}
	return err
}

// Logger is the Kafka client's log of -vv: every line at level info and
// above on w, stamped with the time. A command that installs a logger of its
// own passes it on to this one.
func Logger(w io.Writer) kgo.Logger {
	return kgo.BasicLogger(w, kgo.LogLevelInfo, func() string {
		return "shore: " + time.Now().Format("15:04:05.000") + " "
	})
}
