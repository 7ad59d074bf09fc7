package config

import (
	"strings"
	"sync"

	"github.com/kafkashore/shore/format"
)

// otherTools maps the keys that kcat (librdkafka), kaf and rpk write for
// shore's settings, normalized (see format.FoldName), to shore's key: a user moving
// a configuration over is told the key shore takes.
var otherTools = map[string]string{
	"bootstrapservers":       "brokers",     // librdkafka
	"metadatabrokerlist":     "brokers",     // librdkafka
	"seedbrokers":            "brokers",     // franz-go
	"sslcalocation":          "tls.ca-file", // librdkafka
	"sslcertificatelocation": "tls.cert-file",
	"sslkeylocation":         "tls.key-file",
	"ssl":                    "tls",
	"clientfile":             "cert-file", // kaf's TLS
	"clientkeyfile":          "key-file",  // kaf's TLS
	"user":                   "username",  // rpk's sasl
	"schemaregistry":         "registry",
	"schemaregistryurl":      "registry.url", // kaf
	"clusters":               "profiles",     // kaf
	"currentcluster":         "current-profile",
}

// suggest is the key of candidates that the unknown key most likely meant,
// or "": the same key spelt with other case or separators (ca_file,
// TLS), another tool's name for it (bootstrap.servers), a key it
// begins (ca for ca-file), or one a typo or two away (mechanisms).
// Candidates and key may be dotted (tls.ca-file); a key is matched whole,
// then by its last part under the same parent.
func suggest(key string, candidates []string) string {
	has := func(k string) bool {
		for _, c := range candidates {
			if c == k {
				return true
			}
		}
		return false
	}
	parent, leaf := "", key
	if i := strings.LastIndex(key, "."); i >= 0 {
		parent, leaf = key[:i+1], key[i+1:]
	}
	folded := format.FoldName(key)
	for _, alias := range []string{otherTools[folded], parent + otherTools[format.FoldName(leaf)]} {
		if alias != parent && has(alias) {
			return alias
		}
	}
	for _, c := range candidates {
		if format.FoldName(c) == folded {
			return c
		}
	}
	for _, c := range candidates {
		if len(folded) >= 2 && strings.HasPrefix(format.FoldName(c), folded) {
			return c
		}
	}
	return format.Nearest(folded, candidates, format.FoldName, format.MostTypos(folded))
}

// profileKeys are the keys a profile holds, groups (tls) and settings
// (tls.ca-file), in the order of [Settings]; made once, on first use.
var profileKeys = sync.OnceValue(func() []string {
	var keys []string
	seen := map[string]bool{}
	for _, s := range Settings() {
		parts := strings.Split(s.Key, ".")
		for i := range parts {
			k := strings.Join(parts[:i+1], ".")
			if s.Key != "" && !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return keys
})

// kafkaProperties are the Kafka clients' properties (Java's and
// librdkafka's, as a client.properties file or kcat's -X writes them) that
// stand for several of shore's settings, or for one in another form: the
// settings' keys, and how. A property that is one setting under another
// name (bootstrap.servers) is in otherTools.
var kafkaProperties = map[string]struct {
	keys []string
	how  string
}{
	"security.protocol":       {[]string{"tls.enabled", "sasl.mechanism"}, "SSL is the first, SASL_PLAINTEXT the second, SASL_SSL both"},
	"sasl.jaas.config":        {[]string{"sasl.username", "sasl.password"}, "its username= and password="},
	"ssl.truststore.location": {[]string{"tls.ca-file"}, "a PEM file, which keytool -exportcert -rfc writes from a truststore"},
	"ssl.keystore.location":   {[]string{"tls.cert-file", "tls.key-file"}, "PEM files, which openssl pkcs12 -nodes writes from a PKCS#12 keystore"},
	// The settings of TLS that shore takes in other forms, or not at all:
	// a kcat user turns verification off, or names a key's password,
	// and is told what shore does instead.
	"enable.ssl.certificate.verification":     {[]string{"tls.insecure-skip-verify"}, "when false (true is the default)"},
	"ssl.endpoint.identification.algorithm":   {[]string{"tls.server-name", "tls.insecure-skip-verify"}, "shore always checks the host name; the first names the one to check, the second skips every check"},
	"ssl.key.password":                        {[]string{"tls.key-file"}, "shore reads the key decrypted, as openssl pkey -in KEY -out PLAIN.pem writes it"},
	"ssl.keystore.password":                   {[]string{"tls.cert-file", "tls.key-file"}, "PEM files, which openssl pkcs12 -nodes writes from a PKCS#12 keystore, need no password"},
	"ssl.truststore.password":                 {[]string{"tls.ca-file"}, "a PEM file, which needs no password"},
	"ssl.ca.pem":                              {[]string{"tls.ca-file"}, "a file that holds the PEM"},
	"ssl.certificate.pem":                     {[]string{"tls.cert-file"}, "a file that holds the PEM"},
	"ssl.key.pem":                             {[]string{"tls.key-file"}, "a file that holds the PEM"},
	"schema.registry.ssl.ca.location":         {[]string{"registry.ca-file"}, "the registry's CA, not the brokers'"},
	"schema.registry.ssl.truststore.location": {[]string{"registry.ca-file"}, "a PEM file, which keytool -exportcert -rfc writes from a truststore"},
	"sasl.oauthbearer.method":                 {[]string{"sasl.mechanism", "sasl.token-command"}, "OAUTHBEARER with a command that prints the token (shore asks no token endpoint itself)"},
	"sasl.oauthbearer.token.endpoint.url":     {[]string{"sasl.mechanism", "sasl.token-command"}, "OAUTHBEARER with a command that prints the token (shore asks no token endpoint itself)"},
	"basic.auth.user.info":                    {[]string{"registry.username", "registry.password"}, "the parts before and after its colon"},
	"schema.registry.basic.auth.user.info":    {[]string{"registry.username", "registry.password"}, "the parts before and after its colon"},
}

// KafkaProperty is what the Kafka client property key (security.protocol,
// sasl.jaas.config) is in shore, with each setting named by name: "tls.enabled
// and sasl.mechanism: SSL is the first, ...", or "" when key is none of
// kafkaProperties.
func KafkaProperty(key string, name func(Setting) string) string {
	p, ok := kafkaProperties[strings.ToLower(key)]
	if !ok {
		return ""
	}
	var names []string
	for _, k := range p.keys {
		if s, ok := settingByKey(k); ok {
			names = append(names, name(s))
		}
	}
	return format.List(names, "and") + ": " + p.how
}

// kafkaPropertyNote is what the unknown key of a configuration file is
// told when it is a Kafka client property of kafkaProperties, or "".
func kafkaPropertyNote(key string) string {
	if is := KafkaProperty(key, func(s Setting) string { return s.Key }); is != "" {
		return "Kafka's " + key + " is " + is
	}
	return ""
}

// rpkNames are rpk's -X keys that name a setting otherwise than shore's
// key does and that suggest cannot tell.
var rpkNames = map[string]string{
	"user": "sasl.username",
	"pass": "sasl.password",
}

// ForeignSetting is the setting that key, a -X KEY of kcat (librdkafka:
// sasl.mechanisms, ssl.ca.location) or rpk (tls.ca, user), stands for,
// found as an unknown key of the configuration file is; false when it
// stands for none of shore's settings.
func ForeignSetting(key string) (Setting, bool) {
	var keys []string
	for _, s := range Settings() {
		if s.Key != "" {
			keys = append(keys, s.Key)
		}
	}
	want := rpkNames[key]
	if want == "" {
		want = suggest(key, keys)
	}
	return settingByKey(want)
}
