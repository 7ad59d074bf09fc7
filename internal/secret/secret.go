// Package secret hides secrets in what shore shows: a password or token
// ([Mask]) and the password in a URL ([MaskURL]), with the one mask, so that
// config view, %v of a configuration and error messages show them alike.
package secret

import (
	"strings"

	"github.com/kafkashore/shore/internal/registryurl"
)

// Mask replaces a secret by a fixed mask, so that not even its length shows;
// an empty secret stays empty.
func Mask(s string) string {
	if s == "" {
		return ""
	}
	return "********"
}

// MaskURL masks the password of a URL's user info (https://key:secret@host,
// which the registry takes as basic auth), as Mask masks a password; the
// rest shows. It need not parse: a mistyped URL (no scheme, a space) is
// shown in its error. Its user info runs to its last @, so a password
// holding / is masked whole. A comma-separated list of URLs, which
// Confluent's clients take, is masked URL by URL, split by
// registryurl.Split, as registryurl.Parse tells a list: a comma in a
// password (https://key:s3,cret@host) is masked with the rest of it.
func MaskURL(s string) string {
	urls := registryurl.Split(s)
	for i, u := range urls {
		urls[i] = maskUserInfo(u)
	}
	return strings.Join(urls, ",")
}

// maskUserInfo masks the password of one URL, as MaskURL says.
func maskUserInfo(s string) string {
	start := 0 // of the user info: after the scheme, if the URL has one
	if i := strings.Index(s, "://"); i >= 0 {
		start = i + 3
	}
	at := strings.LastIndex(s[start:], "@")
	colon := strings.Index(s[start:], ":")
	if at < 0 || colon < 0 || colon > at {
		return s
	}
	return s[:start+colon+1] + Mask(s[start+colon+1:start+at]) + s[start+at:]
}
