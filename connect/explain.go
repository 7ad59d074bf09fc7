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
	"strings"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafkashore/shore/config"
	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/tlsfile"
)

// securityCause says what TLS or SASL problem err, from the first request of
// a client, comes from, or returns "" when it is not one.
func securityCause(ctx context.Context, cfg *config.Config, d *dialer, err error) string {
	var hs *handshakeError
	if errors.As(err, &hs) {
		return handshakeCause(cfg, clientLeaf(d.tls), hs)
	}
	if d.tls != nil && d.unanswered.Load() > 0 && isTimeout(err) {
		return noTLSAnswer(cfg)
	}
	if isRemoteTLSAlert(err) {
		return rejectedHandshake(cfg, clientLeaf(d.tls), err)
	}
	mech := strings.ToUpper(cfg.SASL.Mechanism)
	closedEarly := closedUnanswered(d, err)
	if d.tls == nil && !d.spokeKafka.Load() && (closedEarly || strings.Contains(err.Error(), "tls alert")) {
		for _, b := range cfg.Brokers {
			if d.speaksTLS(ctx, b) {
				return "the broker speaks TLS on this port; connect with --tls (and --tls-ca if a private CA signed its certificate)"
			}
		}
	}
	switch {
	case errors.Is(err, kerr.SaslAuthenticationFailed), errors.Is(err, errTokenRefused):
		return authFailed(cfg.SASL, d.passwordNote)
	case errors.Is(err, kerr.UnsupportedSaslMechanism):
		for _, b := range cfg.Brokers {
			if enabled, err := d.saslMechanisms(ctx, b, mech, cfg.ClientID); err == nil {
				return fmt.Sprintf("the broker does not enable SASL mechanism %s; it enables %s", mech, strings.Join(enabled, ", "))
			}
		}
		return fmt.Sprintf("the broker does not enable SASL mechanism %s", mech)
	case errors.Is(err, kerr.IllegalSaslState):
		return noSASLHere(cfg)
	case mech == "" && closedEarly && d.spokeKafka.Load():
		return "the broker closed the connection; it may require SASL authentication (--sasl-mechanism)"
	case mech == "" && closedEarly:
		// Apache Kafka answers ApiVersions before a login, so a port
		// that closed without answering even that may be no broker's.
		return "it closed the connection without answering: it may be no Kafka broker's port, or a listener that requires SASL authentication (--sasl-mechanism)"
	case mech != "" && errors.Is(err, io.EOF):
		// kfake (shore dev) closes the connection on a failed
		// authentication instead of answering SASL_AUTHENTICATION_FAILED,
		// and on a SASL handshake where it does not use SASL at all.
		for _, b := range cfg.Brokers {
			if d.answersWithoutSASL(ctx, b, cfg.ClientID) {
				return noSASLHere(cfg)
			}
		}
		return authFailed(cfg.SASL, d.passwordNote)
	}
	return ""
}

// noSASLHere says that the broker does not use SASL where cfg asks for it,
// naming the setting to drop where it was given: --sasl-mechanism,
// SHORE_SASL_MECHANISM or a profile's line, as plaintextHint names TLS's.
func noSASLHere(cfg *config.Config) string {
	return "the broker does not use SASL on this listener; drop " + cfg.Named("sasl.mechanism") + " or connect to its SASL listener"
}

// authFailed says that the broker refused the login of s; note (see
// passwordNote) ends it.
func authFailed(s config.SASL, note string) string {
	mech := strings.ToUpper(s.Mechanism)
	if mech == "OAUTHBEARER" {
		return "authentication failed with OAUTHBEARER: the broker refused the token"
	}
	return fmt.Sprintf("authentication failed for user %q with %s%s", s.Username, mech, note)
}

// passwordNote ends the message of a refused login with where the
// password came from, so that a variable or flag that replaced a profile's
// password (SHORE_SASL_PASSWORD left from another cluster) shows. A
// password that begins or ends with white space is told so: a file or
// command loses only its one final newline, so a second one (echo into a
// file that already ended in one) or a stray space reaches the broker.
// It is "" for no password.
func passwordNote(cfg *config.Config, pass string) string {
	if pass == "" {
		return ""
	}
	blank := map[byte]string{'\n': "a newline", '\r': "a carriage return", ' ': "a space", '\t': "a tab"}
	where := cfg.Named(cfg.WhereSource("sasl.password"))
	if b, ok := blank[pass[len(pass)-1]]; ok {
		if cfg.SASL.Password != "" { // given as it is, not read
			return fmt.Sprintf("; the password from %s ends with %s, which is part of it", where, b)
		}
		return fmt.Sprintf("; the password from %s ends with %s, which is part of it (shore drops only one final newline)", where, b)
	}
	if b, ok := blank[pass[0]]; ok {
		return fmt.Sprintf("; the password from %s begins with %s, which is part of it", where, b)
	}
	return ", using the password from " + where
}

func noTLSAnswer(cfg *config.Config) string {
	return fmt.Sprintf("no answer to the TLS handshake within %s; %s", cfg.Timeout, plaintextHint(cfg))
}

// plaintextHint ends a message about a broker that does not speak TLS by
// naming the settings that turned TLS on, which need not be --tls:
// --tls-ca, SHORE_TLS_INSECURE or a profile's tls.ca-file turn it on too.
// When several did, leaving one out would not turn it off: --tls=false
// does, over them all.
func plaintextHint(cfg *config.Config) string {
	var where []string
	for _, key := range cfg.TLS.Switches() {
		if w := cfg.Where(key); w != key { // set by a flag, variable or file
			where = append(where, w)
		}
	}
	switch len(where) {
	case 0:
		return "is it a plaintext port? (try without --tls)"
	case 1:
		return "is it a plaintext port? (try without " + where[0] + ")"
	}
	return "is it a plaintext port? (TLS is on by " + format.List(where, "and") + "; try --tls=false)"
}

// handshakeCause names what is wrong with the broker's certificate, or why
// the handshake failed; client is the client certificate, or nil.
func handshakeCause(cfg *config.Config, client *x509.Certificate, hs *handshakeError) string {
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var host x509.HostnameError
	var header tls.RecordHeaderError
	switch {
	case errors.As(hs.err, &unknown):
		issuer := "an unknown authority"
		if unknown.Cert != nil {
			issuer = unknown.Cert.Issuer.String()
		}
		if cfg.TLS.CAFile != "" {
			// A CA file a variable or profile gave may be a stale
			// one that replaced the one meant.
			from := ""
			if where := cfg.Where("tls.ca-file"); where != "tls.ca-file" {
				from = ", from " + where
			}
			return fmt.Sprintf("the broker's TLS certificate is signed by %s, which is not in the CA file %s%s", issuer, cfg.TLS.CAFile, from)
		}
		return fmt.Sprintf("the broker's TLS certificate is signed by %s, which the system does not trust; name its CA file with --tls-ca", issuer)
	case errors.As(hs.err, &invalid) && invalid.Reason == x509.Expired && invalid.Cert != nil:
		c := invalid.Cert
		if time.Now().Before(c.NotBefore) {
			return fmt.Sprintf("the broker's TLS certificate (%s) is not valid before %s; check the clocks", c.Subject, c.NotBefore.UTC().Format(time.RFC3339))
		}
		return fmt.Sprintf("the broker's TLS certificate (%s) expired at %s", c.Subject, c.NotAfter.UTC().Format(time.RFC3339))
	case errors.As(hs.err, &host) && host.Certificate != nil:
		names := tlsfile.Names(host.Certificate)
		if len(names) == 0 {
			return fmt.Sprintf("the broker's TLS certificate (%s) names no host, so it cannot match %s", host.Certificate.Subject, host.Host)
		}
		if cfg.TLS.ServerName != "" {
			// The user named the host to verify, and named it wrong.
			return fmt.Sprintf("the broker's TLS certificate is for %s, not %s, the name %s gives; change it to one of those", strings.Join(names, ", "), host.Host, cfg.Named("tls.server-name"))
		}
		return fmt.Sprintf("the broker's TLS certificate is for %s, not %s; connect by one of those names or set --tls-server-name", strings.Join(names, ", "), host.Host)
	case errors.As(hs.err, &header):
		return "the broker answered the TLS handshake with something that is not TLS; " + plaintextHint(cfg)
	case errors.Is(hs.err, io.EOF), errors.Is(hs.err, syscall.ECONNRESET):
		return "the broker closed the connection during the TLS handshake; " + plaintextHint(cfg)
	case !hs.answered && isTimeout(hs.err):
		return noTLSAnswer(cfg)
	case isRemoteTLSAlert(hs.err):
		return rejectedHandshake(cfg, client, hs.err)
	}
	return "TLS handshake failed: " + hs.err.Error()
}

// AdvertisedError is a failed connection to Addr, a broker's address that
// the cluster gave in its metadata after a bootstrap broker (Seeds)
// answered: what to fix is then the address the brokers advertise
// (advertised.listeners) or the certificate there, not --brokers, which
// worked.
type AdvertisedError struct {
	Addr  string
	Seeds []string
	Cause string
	err   error
}

func (e *AdvertisedError) Error() string {
	return fmt.Sprintf("cannot connect to %s, a broker's address that the cluster gave after %s answered: %s", e.Addr, strings.Join(e.Seeds, ","), e.Cause)
}

func (e *AdvertisedError) Unwrap() error { return e.err }

// advertisedCause says why the dial of an address the cluster advertised
// failed; client is the client certificate, or nil, and wait is how long
// the dial waited.
func advertisedCause(cfg *config.Config, client *x509.Certificate, err error, wait time.Duration) string {
	var hs *handshakeError
	names, host := tlsfile.HostMismatch(err)
	switch {
	case errors.As(err, &hs) && len(names) > 0 && cfg.TLS.ServerName == "":
		return fmt.Sprintf("its TLS certificate is for %s, not %s; the brokers must advertise (advertised.listeners) names their certificates hold, or set --tls-server-name to one of those", strings.Join(names, ", "), host)
	case errors.As(err, &hs):
		return handshakeCause(cfg, client, hs)
	}
	return cause(err, wait) + "; the brokers must advertise (advertised.listeners) an address this machine can reach"
}

// rejectedHandshake explains a TLS alert from the broker. With TLS 1.3 a
// broker that wants a client certificate says so only after the client
// thinks the handshake is done, so this is checked outside handshakes too.
// client is the client certificate, or nil: one out of its dates is told
// so, whatever the alert (Go's broker says "expired certificate", Java's
// "certificate unknown").
func rejectedHandshake(cfg *config.Config, client *x509.Certificate, err error) string {
	msg := err.Error()
	alert := msg[strings.Index(msg, remoteTLSAlert)+len(remoteTLSAlert):]
	switch alert {
	case "certificate required", "bad certificate", "unknown certificate authority", "certificate unknown", "expired certificate":
		if cfg.TLS.CertFile == "" {
			return fmt.Sprintf("the broker refused the TLS connection (%s): it requires a client certificate; set --tls-cert and --tls-key", alert)
		}
		if client != nil && time.Now().After(client.NotAfter) {
			return fmt.Sprintf("the broker refused the client certificate %s (%s): it expired at %s; renew it", cfg.TLS.CertFile, alert, client.NotAfter.UTC().Format(time.RFC3339))
		}
		if client != nil && time.Now().Before(client.NotBefore) {
			return fmt.Sprintf("the broker refused the client certificate %s (%s): it is not valid before %s; check the clocks", cfg.TLS.CertFile, alert, client.NotBefore.UTC().Format(time.RFC3339))
		}
		if alert == "certificate required" {
			// Go's client sends no certificate that none of the CAs
			// the broker named signed.
			return fmt.Sprintf("the broker refused the client certificate %s (%s): it trusts no CA that signed it", cfg.TLS.CertFile, alert)
		}
		return fmt.Sprintf("the broker refused the client certificate %s (%s): check that a CA the broker trusts signed it and that it has not expired", cfg.TLS.CertFile, alert)
	}
	return fmt.Sprintf("the broker refused the TLS connection (%s)", alert)
}

const remoteTLSAlert = "remote error: tls: "

// clientLeaf is the client certificate of c, or nil for none.
func clientLeaf(c *tls.Config) *x509.Certificate {
	if c == nil || len(c.Certificates) == 0 {
		return nil
	}
	return c.Certificates[0].Leaf
}

// isRemoteTLSAlert reports an alert the other side of a TLS connection sent;
// crypto/tls does not export its type.
func isRemoteTLSAlert(err error) bool {
	return strings.Contains(err.Error(), remoteTLSAlert)
}

func isTimeout(err error) bool {
	var netErr net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) ||
		(errors.As(err, &netErr) && netErr.Timeout())
}
