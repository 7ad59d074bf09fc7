package devbroker

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"
)

// insideClient is a client of the cluster's own brokers, for the controls
// that change what kfake holds with requests of their own, as kfake has no
// other way to (a group turned classic is deleted and its commits made
// again). It is not shore's client of connect: it talks only to these
// brokers, with what they were started with.
type insideClient struct {
	cl  *kgo.Client
	adm *kadm.Client
}

// insideTimeout bounds one request of an insideClient: the brokers are in
// this process, and a control waits for them.
const insideTimeout = 10 * time.Second

// newInsideClient returns an insideClient of the brokers at addrs, as they
// advertise themselves, which it reaches at the addresses dial maps them
// to (an advertised name need not resolve here): it speaks TLS when cert
// is set, taking only that certificate, and logs in as creds when they are
// set.
func newInsideClient(addrs []string, dial map[string]string, cert *tls.Certificate, creds *Credentials) (*insideClient, error) {
	var tlsConfig *tls.Config
	if cert != nil {
		tlsConfig = &tls.Config{
			MinVersion: tls.VersionTLS12,
			// The brokers' own certificate, pinned: its name need
			// not be the host the brokers listen on.
			InsecureSkipVerify: true,
			VerifyPeerCertificate: func(chain [][]byte, _ [][]*x509.Certificate) error {
				if len(chain) == 0 || !bytes.Equal(chain[0], cert.Certificate[0]) {
					return errors.New("not the embedded brokers' certificate")
				}
				return nil
			},
		}
	}
	dialer := &net.Dialer{Timeout: insideTimeout}
	opts := []kgo.Opt{
		kgo.SeedBrokers(addrs...),
		kgo.Dialer(func(ctx context.Context, network, addr string) (net.Conn, error) {
			if to, ok := dial[addr]; ok {
				addr = to
			}
			if tlsConfig == nil {
				return dialer.DialContext(ctx, network, addr)
			}
			return (&tls.Dialer{NetDialer: dialer, Config: tlsConfig}).DialContext(ctx, network, addr)
		}),
	}
	if creds != nil {
		opts = append(opts, kgo.SASL(plain.Auth{User: creds.User, Pass: creds.Password}.AsMechanism()))
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	return &insideClient{cl: cl, adm: kadm.NewClient(cl)}, nil
}

func (c *insideClient) close() { c.cl.Close() }

func (c *insideClient) context() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), insideTimeout)
}
