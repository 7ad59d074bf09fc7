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
	best, bestDistance := "", 3
	if len(folded) < 5 {
		bestDistance = 2 // in a short key, two typos make another word
	}
	for _, c := range candidates {
		if d := format.Typos(folded, format.FoldName(c)); d < bestDistance {
			best, bestDistance = c, d
		}
	}
	return best
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
	for _, s := range Settings() {
		if s.Key != "" && s.Key == want {
			return s, true
		}
	}
	return Setting{}, false
}
