// Package tlsfile tells what is wrong with a PEM file given for TLS, in a
// person's words: [NotPEM] names a DER file or a keystore with the command
// that converts it, [PairProblem] a certificate and key that do not make a
// pair, [CAPool] a CA file with no certificate, [Names] the hosts a
// certificate is for, [HostMismatch] those of one that a host did not match. Package connect (the clients' files and the brokers'
// certificates), schema (the registry's certificate) and devbroker (shore
// dev's server certificate and the CA of its clients') word their errors
// with it.
package tlsfile

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Kind is what a TLS setting's file must hold.
type Kind int

const (
	// CA is a CA's certificates, to verify the other side with.
	CA Kind = iota
	// Certificate is a certificate to present, and maybe its key.
	Certificate
	// Key is the private key of a certificate to present.
	Key
)

// NotPEM says what a TLS file with no PEM block in it holds instead, and
// the command that makes the PEM file shore reads: a DER certificate or
// key, or the PKCS#12 or Java keystore a Java client's ssl.truststore and
// ssl.keystore settings name. The command writes a file that did not
// exist (see unused). It returns "" for a file that has PEM blocks or that
// is none of those.
func NotPEM(data []byte, file string, want Kind) string {
	if strings.Contains(string(data), "-----BEGIN ") || len(data) == 0 {
		return ""
	}
	stem := strings.TrimSuffix(file, filepath.Ext(file))
	out := unused(stem + ".pem")
	switch {
	case strings.HasPrefix(string(data), "\xfe\xed\xfe\xed"):
		if want == CA {
			return "a Java keystore (JKS), not PEM; export its certificates: keytool -exportcert -rfc -keystore " + file + " -alias ALIAS -file " + out
		}
		return "a Java keystore (JKS), not PEM; make it PKCS#12 (keytool -importkeystore -srckeystore " + file + " -destkeystore " + unused(stem+".p12") + " -deststoretype PKCS12), then PEM with openssl pkcs12 -nodes"
	case isDERCertificate(data):
		return "a DER (binary) certificate, not PEM; convert it: openssl x509 -inform der -in " + file + " -out " + out
	case isDERKey(data):
		return "a DER (binary) private key, not PEM; convert it: openssl pkey -inform der -in " + file + " -out " + out + " and chmod 600 it"
	case data[0] == 0x30: // an ASN.1 SEQUENCE, as a PKCS#12 file begins
		if want == CA {
			return "binary, not PEM: a PKCS#12 keystore? take its certificates out: openssl pkcs12 -in " + file + " -nokeys -out " + out
		}
		return "binary, not PEM: a PKCS#12 keystore? take its certificate and key out into one PEM file: openssl pkcs12 -in " + file + " -nodes -out " + out + " and chmod 600 it"
	}
	return ""
}

// unused is name, or when a file has that name, name with -2, -3 and so on
// before its extension, the first that none has: a command in a hint
// writes a file of its own, and pasted beside the file it converts it
// overwrites none of the user's, such as the ca.pem beside a ca.der, or
// the file itself. A name that cannot be looked up is taken as it is: a
// command could not write there either.
func unused(name string) string {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); err != nil {
			return name
		}
		name = fmt.Sprintf("%s-%d%s", stem, i, ext)
	}
}

func isDERCertificate(data []byte) bool {
	_, err := x509.ParseCertificate(data)
	return err == nil
}

func isDERKey(data []byte) bool {
	if _, err := x509.ParsePKCS8PrivateKey(data); err == nil {
		return true
	}
	if _, err := x509.ParsePKCS1PrivateKey(data); err == nil {
		return true
	}
	_, err := x509.ParseECPrivateKey(data)
	return err == nil
}

// CAPool reads the PEM certificates of certificate authorities in data,
// from file; when it holds none, it returns what the file holds instead.
func CAPool(data []byte, file string) (*x509.CertPool, string) {
	pool := x509.NewCertPool()
	if pool.AppendCertsFromPEM(data) {
		return pool, ""
	}
	if p := NotPEM(data, file, CA); p != "" {
		return nil, p
	}
	if _, key := Blocks(data); key {
		return nil, "a private key and no certificate; name the file of the CA's certificate"
	}
	return nil, "no PEM certificate in it"
}

// Blocks reports whether a PEM file holds a certificate and whether it
// holds a private key.
func Blocks(data []byte) (cert, key bool) {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return cert, key
		}
		cert = cert || block.Type == "CERTIFICATE"
		key = key || strings.HasSuffix(block.Type, "PRIVATE KEY")
	}
}

// encryptedKey reports whether a PEM file's private key is encrypted with
// a passphrase: PKCS#8's ENCRYPTED PRIVATE KEY, or OpenSSL's traditional
// form with a Proc-Type: 4,ENCRYPTED header (openssl genrsa -aes256).
func encryptedKey(data []byte) bool {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return false
		}
		if block.Type == "ENCRYPTED PRIVATE KEY" ||
			(strings.HasSuffix(block.Type, "PRIVATE KEY") && strings.Contains(block.Headers["Proc-Type"], "ENCRYPTED")) {
			return true
		}
	}
}

// PairProblem says what is wrong with a certificate and its key
// that crypto/tls refused with err, naming each file as certFrom and
// keyFrom say where it was given (the setting and the path); a key in the
// certificate's own file has keyFrom == certFrom.
func PairProblem(certFrom string, certPEM []byte, keyFrom, keyFile string, keyPEM []byte, err error) string {
	separate := keyFrom != certFrom
	if cert, key := Blocks(certPEM); !cert {
		if key && separate {
			return certFrom + " holds a private key and no certificate; are the certificate and key files switched?"
		}
		return certFrom + ": no PEM certificate in it"
	}
	if cert, key := Blocks(keyPEM); !key && separate {
		if cert {
			return keyFrom + " holds a certificate and no private key; are the certificate and key files switched?"
		}
		return keyFrom + ": no PEM private key in it"
	}
	if encryptedKey(keyPEM) {
		plain := unused(strings.TrimSuffix(keyFile, filepath.Ext(keyFile)) + "-plain.pem")
		return keyFrom + ": the private key is encrypted, and shore cannot ask for its passphrase; write it decrypted (openssl pkey -in " + keyFile + " -out " + plain + ") and chmod 600 it"
	}
	if strings.Contains(err.Error(), "private key does not match public key") {
		// crypto/tls takes the file's first certificate as the client's:
		// naming it shows a chain written CA first.
		leaf := firstCertificate(certPEM)
		if !separate {
			return certFrom + ": the private key in it is not that of its first certificate, " + leaf
		}
		return keyFrom + " is not the private key of the first certificate in " + certFrom + ", " + leaf
	}
	return certFrom + " with " + keyFrom + ": " + err.Error()
}

// firstCertificate is the subject of a PEM file's first certificate.
func firstCertificate(data []byte) string {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return "which does not parse"
		}
		if block.Type == "CERTIFICATE" {
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return "which does not parse"
			}
			return c.Subject.String()
		}
	}
}

// Names are the host names and addresses certificate c is for, to tell a
// host it does not match which would.
func Names(c *x509.Certificate) []string {
	names := append([]string{}, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		names = append(names, ip.String())
	}
	return names
}

// HostMismatch returns, when err holds an x509.HostnameError whose
// certificate names hosts, those names (Names) and the host they did not
// match; no names for any other error, and for a certificate that names
// no host, which a message cannot offer as the names to use.
func HostMismatch(err error) (names []string, host string) {
	var hostErr x509.HostnameError
	if !errors.As(err, &hostErr) || hostErr.Certificate == nil {
		return nil, ""
	}
	return Names(hostErr.Certificate), hostErr.Host
}
