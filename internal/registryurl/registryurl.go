// Package registryurl checks a schema registry's URL: the registry.url
// setting (package config) and the client made from it (package schema)
// accept and refuse the same URLs with the same words.
package registryurl

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Parse returns raw parsed if it is an http or https URL with a host and,
// if it has a port, one a connection can be made to. Its error does not
// repeat raw, which may hold a password. A comma-separated list of such
// URLs, which Confluent's clients take, is refused as a list.
func Parse(raw string) (*url.URL, error) {
	if urls := strings.Split(raw, ","); len(urls) > 1 && !slices.ContainsFunc(urls, func(u string) bool {
		_, err := Parse(strings.TrimSpace(u))
		return err != nil
	}) {
		return nil, errors.New("a list of URLs, as Confluent's clients take: shore takes one; give one of them")
	}
	u, err := url.Parse(raw)
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
