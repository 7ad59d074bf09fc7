// Package testcerts makes the certificates the TLS tests need, at test time:
// a CA, server certificates for 127.0.0.1 and localhost (a valid one, an
// expired one, one for the wrong host, one from an unknown CA) and a client
// certificate. [New] makes a [Set]; [Set.Write] puts it in PEM files that
// shore, kfake and Apache Kafka (ssl.keystore.type=PEM) all read.
package testcerts

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// ClientName is the common name of the client certificate, which Kafka
// takes as the principal User:CN=ClientName.
const ClientName = "shore-client"

// Pair is a certificate and its private key, in PEM.
type Pair struct {
	CertPEM []byte
	KeyPEM  []byte
}

// TLS returns the pair as a tls.Certificate.
func (p Pair) TLS() (tls.Certificate, error) {
	return tls.X509KeyPair(p.CertPEM, p.KeyPEM)
}

// Set is everything one test run needs.
type Set struct {
	// CA is the authority that signed Server, Expired, WrongHost, NameOnly,
	// NoHost and Client.
	CA Pair
	// Server is valid for 127.0.0.1, ::1 and localhost.
	Server Pair
	// Expired is Server's twin whose validity ended yesterday.
	Expired Pair
	// WrongHost is valid, but only for kafka.invalid.
	WrongHost Pair
	// NameOnly is valid for the name localhost, not for its addresses: a
	// broker that presents it and advertises 127.0.0.1 is reached as
	// localhost and fails at the address it gives.
	NameOnly Pair
	// NoHost is valid but names no host (it has no subject alternative
	// names), so that no host matches it.
	NoHost Pair
	// Untrusted is valid for 127.0.0.1 and localhost but signed by a CA
	// nobody trusts.
	Untrusted Pair
	// Client is a client certificate for the user ClientName.
	Client Pair
}

// New makes a fresh set with new keys.
func New() (*Set, error) {
	now := time.Now()
	ca, caKey, caPair, err := authority("shore test CA", now)
	if err != nil {
		return nil, err
	}
	other, otherKey, _, err := authority("unknown CA", now)
	if err != nil {
		return nil, err
	}
	local := leaf{hosts: []string{"localhost"}, ips: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}}
	s := &Set{CA: caPair}
	for _, c := range []struct {
		dst    *Pair
		l      leaf
		parent *x509.Certificate
		key    *ecdsa.PrivateKey
	}{
		{&s.Server, local.named("localhost").valid(now.Add(-time.Hour), now.Add(24*time.Hour)), ca, caKey},
		{&s.Expired, local.named("localhost").valid(now.Add(-48*time.Hour), now.Add(-24*time.Hour)), ca, caKey},
		{&s.WrongHost, leaf{hosts: []string{"kafka.invalid"}}.named("kafka.invalid").valid(now.Add(-time.Hour), now.Add(24*time.Hour)), ca, caKey},
		{&s.NameOnly, leaf{hosts: []string{"localhost"}}.named("localhost").valid(now.Add(-time.Hour), now.Add(24*time.Hour)), ca, caKey},
		{&s.NoHost, leaf{}.named("broker-2").valid(now.Add(-time.Hour), now.Add(24*time.Hour)), ca, caKey},
		{&s.Untrusted, local.named("localhost").valid(now.Add(-time.Hour), now.Add(24*time.Hour)), other, otherKey},
		{&s.Client, leaf{client: true}.named(ClientName).valid(now.Add(-time.Hour), now.Add(24*time.Hour)), ca, caKey},
	} {
		if *c.dst, err = c.l.sign(c.parent, c.key); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Temp makes a fresh set and writes it into a temporary directory that
// lasts as long as the test.
func Temp(t testing.TB) (*Set, Files) {
	t.Helper()
	set, err := New()
	if err != nil {
		t.Fatal(err)
	}
	files, err := set.Write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return set, files
}

// Files are the paths of a set's PEM files.
type Files struct {
	CA                          string
	ServerCert, ServerKey       string
	ExpiredCert, ExpiredKey     string
	WrongHostCert, WrongHostKey string
	UntrustedCert, UntrustedKey string
	ClientCert, ClientKey       string
}

// Existing returns the paths Write uses in dir.
func Existing(dir string) Files {
	f := Files{CA: filepath.Join(dir, "ca.pem")}
	for _, p := range f.pairs() {
		*p.cert = filepath.Join(dir, p.name+".pem")
		*p.key = filepath.Join(dir, p.name+"-key.pem")
	}
	return f
}

type filePair struct {
	name      string
	cert, key *string
}

func (f *Files) pairs() []filePair {
	return []filePair{
		{"server", &f.ServerCert, &f.ServerKey},
		{"expired", &f.ExpiredCert, &f.ExpiredKey},
		{"wrong-host", &f.WrongHostCert, &f.WrongHostKey},
		{"untrusted", &f.UntrustedCert, &f.UntrustedKey},
		{"client", &f.ClientCert, &f.ClientKey},
	}
}

// Write writes every certificate and key of the set into dir as PEM files
// (ca.pem, server.pem, server-key.pem, ..., see Existing), keys with mode
// 0600.
func (s *Set) Write(dir string) (Files, error) {
	f := Existing(dir)
	if err := os.WriteFile(f.CA, s.CA.CertPEM, 0o644); err != nil {
		return Files{}, err
	}
	pairs := map[string]Pair{"server": s.Server, "expired": s.Expired, "wrong-host": s.WrongHost, "untrusted": s.Untrusted, "client": s.Client}
	for _, p := range f.pairs() {
		if err := os.WriteFile(*p.cert, pairs[p.name].CertPEM, 0o644); err != nil {
			return Files{}, err
		}
		if err := os.WriteFile(*p.key, pairs[p.name].KeyPEM, 0o600); err != nil {
			return Files{}, err
		}
	}
	return f, nil
}

// ServerTLS is a server configuration presenting pair, which asks for (and,
// with requireClient, demands) a client certificate signed by the set's CA.
func (s *Set) ServerTLS(pair Pair, requireClient bool) (*tls.Config, error) {
	cert, err := pair.TLS()
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(s.CA.CertPEM)
	c := &tls.Config{Certificates: []tls.Certificate{cert}, ClientCAs: pool, MinVersion: tls.VersionTLS12}
	if requireClient {
		c.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return c, nil
}

type leaf struct {
	cn         string
	hosts      []string
	ips        []net.IP
	client     bool
	from, till time.Time
}

func (l leaf) named(cn string) leaf { l.cn = cn; return l }

func (l leaf) valid(from, till time.Time) leaf { l.from, l.till = from, till; return l }

func (l leaf) sign(parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (Pair, error) {
	usage := x509.ExtKeyUsageServerAuth
	if l.client {
		usage = x509.ExtKeyUsageClientAuth
	}
	tmpl := &x509.Certificate{
		Subject:     pkix.Name{CommonName: l.cn},
		DNSNames:    l.hosts,
		IPAddresses: l.ips,
		NotBefore:   l.from,
		NotAfter:    l.till,
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{usage},
	}
	_, _, pair, err := issue(tmpl, parent, parentKey)
	return pair, err
}

func authority(cn string, now time.Time) (*x509.Certificate, *ecdsa.PrivateKey, Pair, error) {
	tmpl := &x509.Certificate{
		Subject:               pkix.Name{CommonName: cn},
		NotBefore:             now.Add(-72 * time.Hour),
		NotAfter:              now.Add(72 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	return issue(tmpl, nil, nil)
}

// issue signs tmpl with parentKey (itself when parent is nil).
func issue(tmpl, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (*x509.Certificate, *ecdsa.PrivateKey, Pair, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, Pair{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return nil, nil, Pair{}, err
	}
	tmpl.SerialNumber = serial
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		return nil, nil, Pair{}, fmt.Errorf("sign %s: %w", tmpl.Subject.CommonName, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, Pair{}, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, Pair{}, err
	}
	return cert, key, Pair{
		CertPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		KeyPEM:  pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}),
	}, nil
}
