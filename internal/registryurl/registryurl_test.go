package registryurl

import (
	"slices"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"http://a:8081", []string{"http://a:8081"}},
		{"http://a:8081,http://b:8081", []string{"http://a:8081", "http://b:8081"}},
		{"https://k:p@a:8081, HTTPS://k:p@b:8081", []string{"https://k:p@a:8081", " HTTPS://k:p@b:8081"}},
		{"http://a:8081,\n\thttp://b:8081", []string{"http://a:8081", "\n\thttp://b:8081"}},
		{"https://key:s3,cret@host:8081", []string{"https://key:s3,cret@host:8081"}},
		{"https://key:s3,cret,http@host,http://b", []string{"https://key:s3,cret,http@host", "http://b"}},
		{"http://a:8081,b:8081", []string{"http://a:8081,b:8081"}},
		{"http://a:8081,", []string{"http://a:8081,"}},
		{",http://a:8081", []string{"", "http://a:8081"}},
		{"", []string{""}},
	} {
		if got := Split(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Split(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzSplit: Split loses nothing, and a URL of its answer starts only
// where a list's next URL does.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"http://a:8081,http://b:8081", "https://k:s3,cret@h", ",,HTTP://x, https://y,z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		urls := Split(s)
		if got := strings.Join(urls, ","); got != s {
			t.Fatalf("Split(%q) joined is %q", s, got)
		}
		for i, u := range urls[1:] {
			if !startsURL(u) {
				t.Fatalf("Split(%q)[%d] = %q starts no URL", s, i+1, u)
			}
		}
	})
}

func TestParse(t *testing.T) {
	const (
		list    = "a list of URLs, as Confluent's clients take: shore takes one; give one of them"
		notURL  = "want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one"
		badPort = `port "99999" is not a number from 1 to 65535`
	)
	for _, tc := range []struct {
		in string
		// user, password and host of the URL parsed, or its error
		user, password, host, err string
	}{
		{in: "http://localhost:8081", host: "localhost:8081"},
		{in: "https://registry.example/apis/ccompat/v7", host: "registry.example"},
		{in: "HTTPS://registry.example", host: "registry.example"},
		{in: "https://key:secret@registry.example:8081", user: "key", password: "secret", host: "registry.example:8081"},
		// A password's comma is the URL's, as written or percent-encoded;
		// url.Parse decodes the password.
		{in: "https://user:pa,ss@registry.example:8081", user: "user", password: "pa,ss", host: "registry.example:8081"},
		{in: "https://user:pa%2Css@registry.example:8081", user: "user", password: "pa,ss", host: "registry.example:8081"},
		{in: "https://user:8081,x:8081@registry.example:8081", user: "user", password: "8081,x:8081", host: "registry.example:8081"},
		{in: "https://user:a,http:%2F%2Fb@registry.example", user: "user", password: "a,http://b", host: "registry.example"},
		{in: "https://user:a%2Chttp%3A%2F%2Fb%3A8081@registry.example", user: "user", password: "a,http://b:8081", host: "registry.example"},
		{in: "https://us,er:p@registry.example", user: "us,er", password: "p", host: "registry.example"},
		{in: "http://a:8081,http://b:8081", err: list},
		{in: "http://a:8081, http://b:8081", err: list},
		{in: "http://a:8081,\nHTTP://u:secret@b:8081", err: list},
		{in: "https://u:secret@a:8081,https://b:99999", err: list},
		{in: "http://a:8081,b:8081", err: notURL},
		{in: "http://a:8081,", err: notURL},
		{in: "https://key:s3,cret@registry host", err: notURL},
		{in: "key:secret@localhost:8081", err: notURL},
		{in: "ftp://registry.example", err: notURL},
		{in: "http://:8081", err: notURL},
		{in: "http://registry.example:99999", err: badPort},
		{in: "https://u:secret@registry.example:99999", err: badPort},
	} {
		u, err := Parse(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("Parse(%q) = %v, %v; want error %q", tc.in, u, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		password, _ := u.User.Password()
		if u.User.Username() != tc.user || password != tc.password || u.Host != tc.host {
			t.Errorf("Parse(%q) = user %q password %q host %q, want %q %q %q", tc.in, u.User.Username(), password, u.Host, tc.user, tc.password, tc.host)
		}
	}
}
