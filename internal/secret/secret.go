// Package secret hides secrets in what shore shows: a password or token
// ([Mask]) and the password in a URL ([MaskURL]), with the one mask, so that
// config view, %v of a configuration and error messages show them alike.
package secret

import "strings"

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
// Confluent's clients take, is masked URL by URL: a URL starts at a comma
// that http:// or https:// follows, and any other comma, a password's
// included, is of the URL before it.
func MaskURL(s string) string {
	var urls []string
	for _, part := range strings.Split(s, ",") {
		if len(urls) > 0 && !startsURL(part) {
			urls[len(urls)-1] += "," + part
			continue
		}
		urls = append(urls, part)
	}
	for i, u := range urls {
		urls[i] = maskUserInfo(u)
	}
	return strings.Join(urls, ",")
}

// startsURL reports whether s, spaces before it aside, starts as a
// registry's URL does: http:// or https://, in any case.
func startsURL(s string) bool {
	s = strings.ToLower(strings.TrimLeft(s, " \t"))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
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
