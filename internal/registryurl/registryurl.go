// Package registryurl checks a schema registry's URL: the registry.url
// setting (package config) and the client made from it (package schema)
// accept and refuse the same URLs with the same words ([Parse]), and
// package secret masks the URLs of a list as Parse tells one ([Split]).
package registryurl

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// Parse returns raw parsed if it is an http or https URL with a host and,
// if it has a port, one a connection can be made to. Its error does not
// repeat raw, which may hold a password, nor a part of it: a % that is no
// escape (a password's 50%off) is named as such. A comma-separated list
// of URLs, which Confluent's clients take, is refused as a list, told as
// Split tells it: a comma in a password (https://key:s3,cret@host, or
// %2C) is the URL's own.
func Parse(raw string) (*url.URL, error) {
	if len(Split(raw)) > 1 {
		return nil, errors.New("a list of URLs, as Confluent's clients take: shore takes one; give one of them")
	}
	u, err := url.Parse(raw)
	if escape := new(url.EscapeError); errors.As(err, escape) {
		// Not the escape itself: it may be part of a password.
		return nil, errors.New("a % that two hex digits do not follow: write a % of the URL, a password's too, as %25")
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return nil, errors.New("want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one")
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("port %q is not a number from 1 to 65535", port)
		}
	}
	return u, nil
}

// Split splits s, a URL or a comma-separated list of URLs, into its URLs
// as written, so that joining them with commas gives s again. A URL starts
// at a comma that http:// or https:// follows, in any case and after any
// white space; any other comma, a password's included, is of the URL
// before it. It need not parse: a mistyped URL is split as it stands.
func Split(s string) []string {
	var urls []string
	for _, part := range strings.Split(s, ",") {
		if len(urls) > 0 && !startsURL(part) {
			urls[len(urls)-1] += "," + part
			continue
		}
		urls = append(urls, part)
	}
	return urls
}

// startsURL reports whether s, white space before it aside, starts as a
// registry's URL does: http:// or https://, in any case.
func startsURL(s string) bool {
	s = strings.ToLower(strings.TrimLeftFunc(s, unicode.IsSpace))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
