package cmd_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/internal/faultkit"
	"github.com/kafkashore/shore/internal/peers"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testregistry"
)

const twoProfiles = `# which profile commands use
current-profile: local
profiles:
  local:
    brokers: [localhost:9092]
  prod:
    brokers: [kafka-1:9093, kafka-2:9093]
    client-id: shore-prod
    timeout: 30s
    sasl:
      mechanism: SCRAM-SHA-512
      username: alice
      password: s3cret-value
consume:
  format: '%k %v\n'
`

func TestConfigViewPrecedence(t *testing.T) {
	path := writeConfig(t, twoProfiles)
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{"profile from file", map[string]string{"SHORE_BROKERS": ""}, nil,
			[]string{"profile: local\n", "  - localhost:9092\n", "timeout: 10s\n"}},
		{"env selects profile", map[string]string{"SHORE_BROKERS": "", "SHORE_PROFILE": "prod"}, nil,
			[]string{"profile: prod\n", "  - kafka-1:9093\n", "client-id: shore-prod\n", "timeout: 30s\n", "password: '********'\n", "username: alice\n"}},
		{"flag beats env profile", map[string]string{"SHORE_BROKERS": "", "SHORE_PROFILE": "prod"}, []string{"--profile", "local"},
			[]string{"profile: local\n"}},
		{"env beats profile", map[string]string{"SHORE_BROKERS": "env:1", "SHORE_PROFILE": "prod", "SHORE_SASL_USERNAME": "bob"}, nil,
			[]string{"  - env:1\n", "username: bob\n"}},
		{"flag beats env", map[string]string{"SHORE_BROKERS": "env:1", "SHORE_TIMEOUT": "3s"}, []string{"-b", "flag:1,flag:2", "--timeout", "5s"},
			[]string{"  - flag:1\n  - flag:2\n", "timeout: 5s\n"}},
		{"consume defaults", map[string]string{"SHORE_BROKERS": ""}, nil,
			[]string{"defaults:\n  consume:\n    format: '%k %v\\n'\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, append([]string{"config", "view", "--config", path}, tc.args...)...)
			if res.Code != 0 || res.Stderr != "" {
				t.Fatalf("exit %d, stderr %q", res.Code, res.Stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, res.Stdout)
				}
			}
			if strings.Contains(res.Stdout, "s3cret") {
				t.Errorf("password leaked:\n%s", res.Stdout)
			}
		})
	}
}

// TestSecretCutByComment: a secret's unquoted value followed by ' #' is
// cut there (YAML's comment), which shore takes but warns of once, naming
// the line and never the value; a quoted value, or one that a variable
// overrides, is not warned of.
func TestSecretCutByComment(t *testing.T) {
	const warning = "shore: warning: config file DIR/config.yaml:%d: the value of %s ends at ' #', which YAML reads as a comment: quote the value if # is part of it\n"
	for _, tc := range []struct {
		name, file string
		env        map[string]string
		stderr     string
	}{
		{"password", "profiles:\n  p:\n    sasl:\n      password: S3c #ret\n      mechanism: PLAIN\n      username: u\n", nil, fmt.Sprintf(warning, 4, "password")},
		{"registry token, merged", "profiles:\n  base: &b\n    registry:\n      token: T0k  #en\n  p:\n    <<: *b\n", nil, fmt.Sprintf(warning, 4, "token")},
		{"token", "profiles:\n  p:\n    sasl:\n      token: T0k\t#en\n      mechanism: OAUTHBEARER\n    registry:\n      password: 'S3c #ret' # quoted\n", nil, fmt.Sprintf(warning, 4, "token")},
		{"quoted", "profiles:\n  p:\n    sasl:\n      password: \"S3c\" #ret\n      mechanism: PLAIN\n      username: u\n", nil, ""},
		{"overridden", "profiles:\n  p:\n    sasl:\n      password: S3c #ret\n      mechanism: PLAIN\n      username: u\n", map[string]string{"SHORE_SASL_PASSWORD": "x"}, ""},
		{"not a secret", "profiles:\n  p:\n    sasl:\n      username: u #ser\n      mechanism: PLAIN\n      password: x\n", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeConfig(t, tc.file)
			res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, "config", "view", "--config", path, "--profile", "p", "-o", "json")
			res.Stderr = tempDirs.ReplaceAllString(res.Stderr, "DIR")
			if res.Code != 0 || res.Stderr != tc.stderr {
				t.Errorf("exit %d, stderr %q; want exit 0, stderr %q", res.Code, res.Stderr, tc.stderr)
			}
			if strings.Contains(res.Stdout+res.Stderr, "S3c") || strings.Contains(res.Stdout+res.Stderr, "T0k") {
				t.Errorf("secret shown:\n%s%s", res.Stdout, res.Stderr)
			}
		})
	}
}

// TestConfigViewMasksURLPassword: config view masks the password of a
// registry URL's user info (the registry takes it as basic auth), as it
// masks registry.password, in YAML and JSON.
func TestConfigViewMasksURLPassword(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "  url: https://key:********@registry.example.com/ccompat\n"},
		{[]string{"-o", "json"}, `"url": "https://key:********@registry.example.com/ccompat"`},
	} {
		env := map[string]string{"SHORE_REGISTRY_URL": "https://key:s3cret@registry.example.com/ccompat"}
		res := shoretest.RunWith(t, shoretest.Opts{Env: env}, append([]string{"config", "view"}, tc.args...)...)
		if res.Code != 0 || res.Stderr != "" || !strings.Contains(res.Stdout, tc.want) || strings.Contains(res.Stdout, "s3cret") {
			t.Errorf("%v: exit %d stderr %q stdout:\n%s\nwant it to hold %q and no s3cret", tc.args, res.Code, res.Stderr, res.Stdout, tc.want)
		}
	}
}

// config view shows a flag default as the file gave it: a list of
// headers as a list, not its items joined into one value -H would take
// as one header.
func TestConfigViewDefaultLists(t *testing.T) {
	path := writeConfig(t, "produce:\n  header: [a=1, b=2]\n  acks: all\n")
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": ""}}, "config", "view", "--config", path)
	want := "defaults:\n  produce:\n    acks: all\n    header:\n      - a=1\n      - b=2\n"
	if res.Code != 0 || res.Stderr != "" || !strings.HasSuffix(res.Stdout, want) {
		t.Errorf("exit %d stderr %q stdout:\n%s\nwant it to end with:\n%s", res.Code, res.Stderr, res.Stdout, want)
	}
	res = shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": ""}}, "config", "view", "--config", path, "-o", "json")
	want = `"defaults": {
    "produce": {
      "acks": "all",
      "header": [
        "a=1",
        "b=2"
      ]
    }
  }
}
`
	if res.Code != 0 || res.Stderr != "" || !strings.HasSuffix(res.Stdout, want) {
		t.Errorf("exit %d stderr %q stdout:\n%s\nwant it to end with:\n%s", res.Code, res.Stderr, res.Stdout, want)
	}
}

// config view -o json writes <, > and & as they are, in values and in the
// items of a list alike, as the YAML of config view does.
func TestConfigViewJSONKeepsMarkup(t *testing.T) {
	path := writeConfig(t, "produce:\n  header: [\"a=<1>\", \"b=x & y\"]\n")
	env := map[string]string{"SHORE_BROKERS": "", "SHORE_REGISTRY_URL": "http://registry.example/?tenant=a&env=<dev>"}
	res := shoretest.RunWith(t, shoretest.Opts{Env: env}, "config", "view", "--config", path, "-o", "json")
	url := `
  "registry": {
    "url": "http://registry.example/?tenant=a&env=<dev>",
`
	defaults := `"defaults": {
    "produce": {
      "header": [
        "a=<1>",
        "b=x & y"
      ]
    }
  }
}
`
	if res.Code != 0 || res.Stderr != "" || !strings.Contains(res.Stdout, url) || !strings.HasSuffix(res.Stdout, defaults) {
		t.Errorf("exit %d stderr %q stdout:\n%s\nwant it to hold:%s\nand end with:\n%s", res.Code, res.Stderr, res.Stdout, url, defaults)
	}
}

func TestConfigNoFileIsNormal(t *testing.T) {
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": ""}}, "config", "view", "-o", "json")
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	for _, w := range []string{`"file": ""`, `"brokers": [
    "localhost:9092"
  ]`, `"client-id": "shore"`, `"timeout": "10s"`} {
		if !strings.Contains(res.Stdout, w) {
			t.Errorf("stdout lacks %q:\n%s", w, res.Stdout)
		}
	}
}

// TestUnreachableWithoutProfile: a file with profiles and no current-profile
// leaves the brokers at localhost:9092, and failing to reach them says why and
// how to pick a profile; a profile in effect without brokers, or no file,
// says that nothing named a broker; brokers given otherwise get no hint.
func TestUnreachableWithoutProfile(t *testing.T) {
	if c, err := net.Dial("tcp", "localhost:9092"); err == nil {
		c.Close()
		t.Skip("something listens on localhost:9092")
	}
	closed := testbroker.Closed(t)
	path := writeConfig(t, "profiles:\n  prod:\n    brokers: "+closed+"\n  dev: {}\n")
	for _, tc := range []struct {
		args   []string
		env    map[string]string
		stderr string
	}{
		{nil, map[string]string{"SHORE_BROKERS": ""},
			"shore: cannot reach localhost:9092: connection refused; config file " + path + " has profiles dev, prod and no current-profile: pick one with --profile NAME or 'shore config use NAME'\n"},
		{[]string{"-b", closed}, map[string]string{"SHORE_BROKERS": ""}, "shore: cannot reach " + closed + ": connection refused\n"},
		{nil, map[string]string{"SHORE_BROKERS": closed}, "shore: cannot reach " + closed + ": connection refused\n"},
		{[]string{"--profile", "prod"}, map[string]string{"SHORE_BROKERS": ""}, "shore: cannot reach " + closed + ": connection refused\n"},
		{[]string{"--profile", "dev"}, map[string]string{"SHORE_BROKERS": ""},
			"shore: cannot reach localhost:9092: connection refused; profile dev names no brokers, so shore tried its default, where 'shore dev' serves one\n"},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, append([]string{"topics", "list", "--config", path, "--timeout", "2s"}, tc.args...)...)
		wantRun(t, res, 1, "", tc.stderr)
	}
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": ""}}, "topics", "list", "--config", writeConfig(t, "produce:\n  acks: all\n"), "--timeout", "2s")
	wantRun(t, res, 1, "", "shore: cannot reach localhost:9092: connection refused; no broker was given (--brokers, SHORE_BROKERS or a profile), so shore tried its default, where 'shore dev' serves one\n")
}

// tempDirs matches the directories of writeConfig's files.
var tempDirs = regexp.MustCompile(`/[^ :"]*/[0-9]+`)

func TestConfigErrors(t *testing.T) {
	good := writeConfig(t, twoProfiles)
	bad := writeConfig(t, "profiles:\n  local:\n    brokers: x: y\n")
	for _, tc := range []struct {
		name   string
		env    map[string]string
		args   []string
		stderr string
	}{
		// A profile nothing could choose: current-profile: ~ reads as
		// none, and --profile "" is refused.
		{"profile named ~", nil, []string{"config", "profiles", "--config", writeConfig(t, "profiles:\n  ok: {}\n  ~:\n    brokers: a:1\n")},
			"shore: config file DIR/config.yaml:3: profiles: ~ is YAML's null, not a name; --profile and current-profile cannot choose it: name the profile\n"},
		{"profile named null", nil, []string{"topics", "list", "--config", writeConfig(t, "profiles:\n  null: {brokers: a:1}\n")},
			"shore: config file DIR/config.yaml:2: profiles: null is YAML's null, not a name; --profile and current-profile cannot choose it: name the profile\n"},
		{"profile named \"\"", nil, []string{"config", "view", "--config", writeConfig(t, "current-profile: \"\"\nprofiles:\n  \"\":\n    brokers: a:1\n")},
			"shore: config file DIR/config.yaml:3: profiles: a profile without a name; --profile and current-profile cannot choose it: name the profile\n"},
		{"unknown profile flag", nil, []string{"config", "view", "--config", good, "--profile", "staging"},
			"shore: --profile \"staging\": unknown profile; known profiles are local, prod\n" + seeHelpFor("config view")},
		{"unknown profile env", map[string]string{"SHORE_PROFILE": "nope"}, []string{"config", "view", "--config", good},
			"shore: SHORE_PROFILE \"nope\": unknown profile; known profiles are local, prod\n"},
		{"unknown current profile", nil, []string{"config", "view", "--config", writeConfig(t, "current-profile: gone\nprofiles:\n  a: {}\n")},
			"shore: config file DIR/config.yaml:1: current-profile \"gone\": unknown profile; known profiles are a\n"},
		{"list for the current profile", nil, []string{"topics", "list", "--config", writeConfig(t, "current-profile: [a]\nprofiles:\n  a: {}\n")},
			"shore: config file DIR/config.yaml:1: current-profile: a list, where one profile's name goes\n"},
		{"keys for the current profile", nil, []string{"config", "view", "--config", writeConfig(t, "current-profile:\n  name: a\nprofiles:\n  a: {}\n")},
			"shore: config file DIR/config.yaml:2: current-profile: keys under it, where one profile's name goes\n"},
		{"unknown profile without file", nil, []string{"config", "view", "--profile", "x"},
			"shore: --profile \"x\": unknown profile; the configuration file DIR/.config/shore/config.yaml does not exist\n" + seeHelpFor("config view")},
		// rpk refuses an empty profile name too; the current profile is
		// what --profile left out picks.
		{"empty profile flag", nil, []string{"config", "view", "--config", good, "--profile", ""},
			"shore: --profile \"\": no profile name; known profiles are local, prod\n" + seeHelpFor("config view")},
		{"empty profile flag without file", nil, []string{"topics", "list", "--profile", ""},
			"shore: --profile \"\": no profile name; the configuration file DIR/.config/shore/config.yaml does not exist\n" + seeHelpFor("topics list")},
		{"empty profile flag, config profiles", nil, []string{"config", "profiles", "--config", good, "--profile", ""},
			"shore: --profile \"\": no profile name; known profiles are local, prod\n" + seeHelpFor("config profiles")},
		{"empty profile flag, config use", nil, []string{"config", "use", "prod", "--config", good, "--profile", ""},
			"shore: --profile \"\": no profile name; known profiles are local, prod\n" + seeHelpFor("config use")},
		{"empty config flag", nil, []string{"topics", "list", "--config", ""},
			"shore: --config \"\": no file name; give the configuration file's path\n" + seeHelpFor("topics list")},
		{"malformed yaml", nil, []string{"config", "view", "--config", bad},
			"shore: config file " + bad + ":3: the value of brokers holds ': ', which YAML reads as another key: put the value in quotes ('...')\n"},
		{"malformed first line", nil, []string{"config", "view", "--config", writeConfig(t, "a: b: c\n")},
			"shore: config file DIR/config.yaml:1: the value of a holds ': ', which YAML reads as another key: put the value in quotes ('...')\n"},
		{"unclosed list", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers: [a:1\n")},
			"shore: config file DIR/config.yaml:3: the value of brokers starts with [, which opens a YAML list, and nothing closes it: end the list with ], or put a value that starts with [ in quotes\n"},
		// A list the file ends inside was the library's words at a line
		// past the file's last.
		{"unclosed list at the end", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers: [a:1,\n\n")},
			"shore: config file DIR/config.yaml:3: the value of brokers starts with [, which opens a YAML list, and nothing closes it: end the list with ], or put a value that starts with [ in quotes\n"},
		{"unclosed mapping at the end", nil, []string{"config", "view", "--config", writeConfig(t, "profiles: {\n")},
			"shore: config file DIR/config.yaml:1: the value of profiles starts with {, which opens a YAML mapping, and nothing closes it: end the mapping with }, or put a value that starts with { in quotes\n"},
		{"value starting with ]", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    client-id: ]x\n")},
			"shore: config file DIR/config.yaml:3: the value of client-id starts with ], which YAML reads as the end of a list or mapping that nothing opened: put the value in quotes ('...')\n"},
		// A bracket too many was told as an indentation, or, in a
		// mapping, as ': ' in a value.
		{"text after a closed list", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers: [a:1]]\n")},
			"shore: config file DIR/config.yaml:3: the value of brokers goes on after the ] that closes it: remove what follows, or put the whole value in quotes ('...')\n"},
		{"text after a closed mapping", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl: {mechanism: PLAIN, username: \"o}ps\"}}\n")},
			"shore: config file DIR/config.yaml:3: the value of sasl goes on after the } that closes it: remove what follows, or put the whole value in quotes ('...')\n"},
		// YAML reads brokers:: as the key brokers:, which was hidden as no
		// setting's name could be, with 'is this a shore configuration
		// file?'.
		{"colon typed twice", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers:: a:1\n")},
			"shore: config file DIR/config.yaml:3: unknown key profiles.p.brokers: (a colon too many after brokers: write brokers: VALUE); config.example.yaml lists every key\n"},
		{"key indented less than its mapping", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers: a:1\n    tls: true\n   client-id: x\n")},
			"shore: config file DIR/config.yaml:5: client-id is indented 3 spaces, as deep as no key above it (0, 2 or 4 spaces): indent it as deep as the key it goes with\n"},
		// YAML ends a line at CR LF, LF or CR alone (an old Mac
		// editor's), and so do the lines errors name.
		{"key indented less than its mapping, CR LF", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\r\n  p:\r\n    brokers: a:1\r\n    tls: true\r\n   client-id: x\r\n")},
			"shore: config file DIR/config.yaml:5: client-id is indented 3 spaces, as deep as no key above it (0, 2 or 4 spaces): indent it as deep as the key it goes with\n"},
		{"list item among keys, CR", nil, []string{"config", "view", "--config", writeConfig(t, "current-profile: p\rprofiles:\r  p:\r    brokers: a:1\r    - b:1\r")},
			"shore: config file DIR/config.yaml:5: a list item ('- ') among keys: a list goes under its own key, indented deeper, with nothing after that key's colon (brokers:, then - HOST:PORT on lines of their own)\n"},
		{"tab after spaces, CR", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\r  p:\r    brokers: x\r  \ttls: {}\r")},
			"shore: config file DIR/config.yaml:4: found a tab character that violates indentation (a tab indents the line; YAML indents with spaces)\n"},
		{"list item among keys", nil, []string{"config", "view", "--config", writeConfig(t, "current-profile: p\nprofiles:\n  p:\n    brokers: a:1\n    - b:1\n")},
			"shore: config file DIR/config.yaml:5: a list item ('- ') among keys: a list goes under its own key, indented deeper, with nothing after that key's colon (brokers:, then - HOST:PORT on lines of their own)\n"},
		{"key among list items", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers:\n      - a:1\n      client-id: x\n")},
			"shore: config file DIR/config.yaml:5: client-id is indented as deep as the list items above it: indent it as deep as the key that holds the list\n"},
		{"missing explicit file", nil, []string{"config", "view", "--config", "/nonexistent/shore.yaml"},
			"shore: --config /nonexistent/shore.yaml: no such file or directory\n" + seeHelpFor("config view")},
		{"missing file in SHORE_CONFIG", map[string]string{"SHORE_CONFIG": "/nonexistent/shore.yaml"}, []string{"config", "view"},
			"shore: SHORE_CONFIG /nonexistent/shore.yaml: no such file or directory\n"},
		{"bad env timeout", map[string]string{"SHORE_TIMEOUT": "soon"}, []string{"config", "view"},
			"shore: SHORE_TIMEOUT \"soon\": not a duration such as 10s\n"},
		{"env timeout past a duration's range", map[string]string{"SHORE_TIMEOUT": "99999999h"}, []string{"config", "view"},
			"shore: SHORE_TIMEOUT \"99999999h\": longer than the longest duration, 2562047h47m16s\n"},
		{"env timeout below a duration's range", map[string]string{"SHORE_TIMEOUT": "-99999999h"}, []string{"config", "view"},
			"shore: SHORE_TIMEOUT \"-99999999h\": less than the least duration, -2562047h47m16s\n"},
		{"bad env switch", map[string]string{"SHORE_TLS": "maybe"}, []string{"config", "view"},
			"shore: SHORE_TLS \"maybe\": want true/false, t/f, yes/no, on/off or 1/0\n"},
		{"bad env insecure switch", map[string]string{"SHORE_TLS_INSECURE": "2"}, []string{"config", "view"},
			"shore: SHORE_TLS_INSECURE \"2\": want true/false, t/f, yes/no, on/off or 1/0\n"},
		{"bad profile switch", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    tls:\n      enabled: maybe\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:4: profiles.p.tls.enabled \"maybe\": want true/false, t/f, yes/no, on/off or 1/0\n"},
		{"negative env timeout", map[string]string{"SHORE_TIMEOUT": "-1s"}, []string{"config", "view"},
			"shore: SHORE_TIMEOUT -1s: want more than 0, such as 10s\n"},
		{"zero flag timeout", nil, []string{"config", "view", "--timeout", "0"},
			"shore: --timeout 0s: want more than 0, such as 10s\n" + seeHelpFor("config view")},
		{"flag timeout past the client's bound", nil, []string{"config", "view", "--timeout", "16m"},
			"shore: --timeout 16m0s: want at most 15m0s (the longest the Kafka client lets a request wait), such as 10s\n" + seeHelpFor("config view")},
		{"env timeout past the client's bound", map[string]string{"SHORE_TIMEOUT": "99999h"}, []string{"config", "view"},
			"shore: SHORE_TIMEOUT 99999h0m0s: want at most 15m0s (the longest the Kafka client lets a request wait), such as 10s\n"},
		{"file timeout past the client's bound", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    timeout: 1h\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:3: profiles.p.timeout 1h0m0s: want at most 15m0s (the longest the Kafka client lets a request wait), such as 10s\n"},
		{"zero file timeout", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    timeout: 0s\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:3: profiles.p.timeout 0s: want more than 0, such as 10s\n"},
		// A TLS server name is compared with the certificate's names as
		// it is: one with a port or a scheme matched none, which only
		// the handshake told.
		{"server name with a port", nil, []string{"config", "view", "--tls-server-name", "localhost:9093"},
			"shore: --tls-server-name \"localhost:9093\": it takes a host name alone, not host:port; write localhost\n" + seeHelpFor("config view")},
		{"server name as a URL in the environment", map[string]string{"SHORE_TLS_SERVER_NAME": "https://localhost"}, []string{"config", "view"},
			"shore: SHORE_TLS_SERVER_NAME \"https://localhost\": it takes a host name alone, not a URL; write localhost\n"},
		{"server name as a URL in a profile", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    tls:\n      server-name: ssl://kafka.example.com:9093\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:4: profiles.p.tls.server-name \"ssl://kafka.example.com:9093\": it takes a host name alone, not a URL; write kafka.example.com\n"},
		{"keys for a list", map[string]string{"SHORE_BROKERS": ""}, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers:\n      a: 1\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:4: profiles.p.brokers: keys under it, where a list goes\n"},
		{"list for a value", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    client-id: [a, b]\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:3: profiles.p.client-id \"a,b\": a list, where one value goes\n"},
		{"keys in a list", map[string]string{"SHORE_BROKERS": ""}, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers:\n      - a:1\n      - b: 2\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:4: profiles.p.brokers: a list of lists or keys, where a list of values goes\n"},
		{"keys for a flag default", nil, []string{"config", "view", "--config", writeConfig(t, "consume:\n  format:\n    a: b\n")},
			"shore: config file DIR/config.yaml:3: consume.format: keys under it, where a flag's value goes\n"},
		{"a value for a command's defaults", nil, []string{"config", "view", "--config", writeConfig(t, "consume: 5\n")},
			"shore: config file DIR/config.yaml:1: consume: want a mapping of consume's flags by long name\n"},
		{"a null item in a flag default's list", nil, []string{"config", "view", "--config", writeConfig(t, "produce:\n  header: [a=1, ~]\n")},
			"shore: config file DIR/config.yaml:2: produce.header: item 2 of the list has no value: give one ('' for an empty string) or leave it out\n"},
		{"a null item in a setting's list", map[string]string{"SHORE_BROKERS": ""}, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers:\n      - a:1\n      -\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:4: profiles.p.brokers: item 2 of the list has no value: give one ('' for an empty string) or leave it out\n"},
		{"a list as a key", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    ? [client-id]\n    : a\n")},
			"shore: config file DIR/config.yaml:3: profiles.p: a key that is a list, a mapping or an alias, where a name goes\n"},
		// Told as "unknown key profiles.p." and, at the top, as a
		// profile's setting; a command's defaults asked for flag --.
		{"an empty key at the top", nil, []string{"config", "view", "--config", writeConfig(t, "\"\": 1\n")},
			"shore: config file DIR/config.yaml:1: a key without a name (\"\" or nothing before the colon), where a setting's goes\n"},
		{"an empty key in a profile", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    tls:\n      '': x\n")},
			"shore: config file DIR/config.yaml:4: profiles.p.tls: a key without a name (\"\" or nothing before the colon), where a setting's goes\n"},
		{"an empty key in a command's defaults", nil, []string{"consume", "t", "--config", writeConfig(t, "consume:\n  \"\": 1\n")},
			"shore: config file DIR/config.yaml:2: consume: a key without a name (\"\" or nothing before the colon), where a setting's goes\n"},
		{"two YAML documents", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  a: {}\n---\nprofiles:\n  b: {}\n")},
			"shore: config file DIR/config.yaml:4: a second YAML document (after ---): shore reads one; merge them\n"},
		{"a flag default without a value", nil, []string{"produce", "t", "--config", writeConfig(t, "produce:\n  key:\n")},
			"shore: config file DIR/config.yaml:2: produce.key: no value: give one ('' for an empty string) or leave the key out\n"},
		{"a setting without a value", nil, []string{"topics", "list", "--config", writeConfig(t, "current-profile: p\nprofiles:\n  p:\n    brokers:\n")},
			"shore: config file DIR/config.yaml:4: profiles.p.brokers: no value: give one ('' for an empty string) or leave the key out\n"},
		{"a setting set to null", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    tls:\n      ca-file: ~\n")},
			"shore: config file DIR/config.yaml:4: profiles.p.tls.ca-file: no value: give one ('' for an empty string) or leave the key out\n"},
		{"a list for a command's defaults", nil, []string{"config", "view", "--config", writeConfig(t, "produce:\n  - acks: all\n")},
			"shore: config file DIR/config.yaml:2: produce: want a mapping of produce's flags by long name; it is a list (its lines start with '- '): write its keys without the '- '\n"},
		{"keys in a flag default list", nil, []string{"config", "view", "--config", writeConfig(t, "produce:\n  header:\n    - a=1\n    - b: 2\n")},
			"shore: config file DIR/config.yaml:3: produce.header: a list of lists or keys, where a list of values goes\n"},
		{"keys for a value", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl:\n      username:\n        x: y\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:5: profiles.p.sasl.username: keys under it, where one value goes\n"},
		{"bad profile timeout", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    timeout: 20\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:3: profiles.p.timeout \"20\": not a duration such as 10s\n"},
		{"empty profile timeout", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    timeout: ''\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:3: profiles.p.timeout \"\": not a duration such as 10s\n"},
		{"empty profile brokers", map[string]string{"SHORE_BROKERS": ""}, []string{"topics", "list", "--config", writeConfig(t, "profiles:\n  p:\n    brokers: ''\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:3: profiles.p.brokers \"\": no broker; give host:port\n"},
		{"empty brokers flag", nil, []string{"config", "view", "-b", ""},
			"shore: --brokers \"\": no broker; give host:port\n" + seeHelpFor("config view")},
		{"two sources of a password on the command line", nil, []string{"config", "view", "--sasl-password-file", "a", "--sasl-password-command", "b"},
			"shore: --sasl-password-file and --sasl-password-command are both set; keep one\n" + seeHelpFor("config view")},
		{"port out of range", nil, []string{"config", "view", "-b", "host:99999"},
			"shore: --brokers \"host:99999\": host:99999: port \"99999\" is not a number from 1 to 65535\n" + seeHelpFor("config view")},
		{"empty port", nil, []string{"config", "view", "-b", "localhost:"},
			"shore: --brokers \"localhost:\": localhost:: port \"\" is not a number from 1 to 65535\n" + seeHelpFor("config view")},
		{"listener URL as a broker", nil, []string{"config", "view", "-b", "SASL_SSL://kafka-1:9093,kafka-2:9093"},
			"shore: --brokers \"SASL_SSL://kafka-1:9093,kafka-2:9093\": SASL_SSL://kafka-1:9093 is not host:port; write kafka-1:9093 with --tls and --sasl-mechanism\n" + seeHelpFor("config view")},
		{"plaintext listener URL in a profile", map[string]string{"SHORE_BROKERS": ""}, []string{"config", "view", "--profile", "p", "--config", writeConfig(t, "profiles:\n  p:\n    brokers: [PLAINTEXT://localhost:9092]\n")},
			"shore: config file DIR/config.yaml:3: profiles.p.brokers \"PLAINTEXT://localhost:9092\": PLAINTEXT://localhost:9092 is not host:port; write localhost:9092\n"},
		{"brokers separated by semicolons", map[string]string{"SHORE_BROKERS": "a:1;b:2"}, []string{"config", "view"},
			"shore: SHORE_BROKERS \"a:1;b:2\": a:1;b:2 is not host:port; separate brokers with commas\n"},
		{"brokers separated by spaces", map[string]string{"SHORE_BROKERS": "a:1 b:2"}, []string{"config", "view"},
			"shore: SHORE_BROKERS \"a:1 b:2\": a:1 b:2 is not host:port; separate brokers with commas\n"},
		{"bad env broker", map[string]string{"SHORE_BROKERS": "a:1,:2"}, []string{"config", "view"},
			"shore: SHORE_BROKERS \"a:1,:2\": :2 has no host\n"},
		{"bad profile brokers", map[string]string{"SHORE_BROKERS": ""}, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers: [a:1, b:x]\n"), "--profile", "p"},
			"shore: config file DIR/config.yaml:3: profiles.p.brokers \"a:1,b:x\": b:x: port \"x\" is not a number from 1 to 65535\n"},
		{"registry URL with a port out of range", nil, []string{"registry", "list", "--registry", "http://127.0.0.1:99999"},
			"shore: --registry \"http://127.0.0.1:99999\": port \"99999\" is not a number from 1 to 65535\n" + seeHelpFor("registry list")},
		{"list of registry URLs", nil, []string{"registry", "list", "--registry", "http://a:8081,http://b:8081"},
			"shore: --registry \"http://a:8081,http://b:8081\": a list of URLs, as Confluent's clients take: shore takes one; give one of them\n" + seeHelpFor("registry list")},
		{"list of registry URLs, a later one with a password", nil, []string{"registry", "list", "--registry", "http://a:8081,http://u:secret@b:8081"},
			"shore: --registry \"http://a:8081,http://u:********@b:8081\": a list of URLs, as Confluent's clients take: shore takes one; give one of them\n" + seeHelpFor("registry list")},
		{"list of registry URLs with passwords", map[string]string{"SHORE_REGISTRY_URL": "https://k:s3cret@a:8081, https://k:pass@b:8081"}, []string{"registry", "list"},
			"shore: SHORE_REGISTRY_URL \"https://k:********@a:8081, https://k:********@b:8081\": a list of URLs, as Confluent's clients take: shore takes one; give one of them\n"},
		{"list of registry URLs on two lines", map[string]string{"SHORE_REGISTRY_URL": "http://a:8081,\nhttp://u:secret@b:8081"}, []string{"registry", "list"},
			"shore: SHORE_REGISTRY_URL \"http://a:8081,\\nhttp://u:********@b:8081\": a list of URLs, as Confluent's clients take: shore takes one; give one of them\n"},
		{"registry password with a bare %", nil, []string{"registry", "list", "--registry", "http://u:50%off@a:8081"},
			"shore: --registry \"http://u:********@a:8081\": a % that two hex digits do not follow: write a % of the URL, a password's too, as %25\n" + seeHelpFor("registry list")},
		{"list of registry URLs, one with a bad port", nil, []string{"registry", "list", "--registry", "http://u:secret@a:8081,http://b:80811"},
			"shore: --registry \"http://u:********@a:8081,http://b:80811\": a list of URLs, as Confluent's clients take: shore takes one; give one of them\n" + seeHelpFor("registry list")},
		{"registry URL with a password holding a comma", nil, []string{"registry", "list", "--registry", "https://key:s3,cret@registry host"},
			"shore: --registry \"https://key:********@registry host\": want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one\n" + seeHelpFor("registry list")},
		{"registry URL without a host", map[string]string{"SHORE_REGISTRY_URL": "http://:8081"}, []string{"registry", "list"},
			"shore: SHORE_REGISTRY_URL \"http://:8081\": want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one\n"},
		{"registry URL with a password and a space", nil, []string{"registry", "list", "--registry", "https://key:s3cret/x@registry host"},
			"shore: --registry \"https://key:********@registry host\": want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one\n" + seeHelpFor("registry list")},
		{"registry URL with a password and no scheme", map[string]string{"SHORE_REGISTRY_URL": "key:s3cret@localhost:8081"}, []string{"registry", "list"},
			"shore: SHORE_REGISTRY_URL \"key:********@localhost:8081\": want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one\n"},
		{"profile's registry URL with a password", nil, []string{"registry", "list", "--profile", "p", "--config", writeConfig(t, "profiles:\n  p:\n    registry: {url: 'ftp://key:s3cret@host'}\n")},
			"shore: config file DIR/config.yaml:3: profiles.p.registry.url \"ftp://key:********@host\": want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one\n"},
		{"config file of zeros", nil, []string{"config", "view", "--config", "/dev/zero"},
			"shore: --config /dev/zero: larger than 4 MiB; is it the right file?\n" + seeHelpFor("config view")},
		{"config file is a directory", nil, []string{"config", "view", "--config", "/"},
			"shore: --config /: is a directory, not a file\n" + seeHelpFor("config view")},
		{"unknown keys with lines", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    tls:\n      ca: x\nproduse: {}\nzzz: 1\n")},
			"shore: config file DIR/config.yaml:4: unknown key profiles.p.tls.ca (did you mean tls.ca-file?), and produse at line 5 (did you mean produce?), and zzz at line 6; config.example.yaml lists every key\n"},
		{"profile setting at the top", nil, []string{"config", "view", "--config", writeConfig(t, "brokers: x\ntls:\n  ca: y\nbootstrap_servers: z\n")},
			"shore: config file DIR/config.yaml:1: unknown key brokers (a profile's setting, it goes under profiles.NAME), and tls at line 2 (a profile's setting, it goes under profiles.NAME), and bootstrap_servers at line 4 (did you mean brokers? a profile's setting, it goes under profiles.NAME); config.example.yaml lists every key\n"},
		{"a group's settings indented as deep as it", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    tls:\n    ca-file: ca.pem\n    sasl:\n    # the login\n    mechanism: PLAIN\n    client-id: c\n    username: u\n")},
			"shore: config file DIR/config.yaml:4: unknown key profiles.p.ca-file (did you mean tls.ca-file? indent it under tls: at line 3), and profiles.p.mechanism at line 7 (did you mean sasl.mechanism? indent it under sasl: at line 5), and profiles.p.username at line 9 (did you mean sasl.username or registry.username? indent it under sasl: or registry:); config.example.yaml lists every key\n"},
		{"a setting indented as deep as its profile's name", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n  brokers: [a:1]\n")},
			"shore: config file DIR/config.yaml:3: profiles.brokers: want a mapping of settings; is brokers a setting indented as deep as its profile's name? indent it under the name\n"},
		{"a group indented as deep as its profile's name", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers: [a:1]\n  sasl:\n    mechanism: PLAIN\n")},
			"shore: config file DIR/config.yaml:5: unknown key profiles.sasl.mechanism (is sasl a group of settings indented as deep as its profile's name? indent it under the name); config.example.yaml lists every key\n"},
		{"kcat's bootstrap.servers", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    bootstrap_servers: [a:1]\n")},
			"shore: config file DIR/config.yaml:3: unknown key profiles.p.bootstrap_servers (did you mean brokers?); config.example.yaml lists every key\n"},
		{"kcat's sasl.mechanisms", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl: {mechanisms: PLAIN, username: u}\n")},
			"shore: config file DIR/config.yaml:3: unknown key profiles.p.sasl.mechanisms (did you mean sasl.mechanism?); config.example.yaml lists every key\n"},
		{"Kafka client properties", nil, []string{"config", "view", "--config", writeConfig(t, "security.protocol: SSL\nprofiles:\n  p:\n    security.protocol: SASL_SSL\n    sasl.jaas.config: x\n    ssl.truststore.location: t.jks\n    schema.registry.basic.auth.user.info: u:p\n")},
			"shore: config file DIR/config.yaml:1: unknown key security.protocol (Kafka's security.protocol is tls.enabled and sasl.mechanism: SSL is the first, SASL_PLAINTEXT the second, SASL_SSL both; a profile's setting, it goes under profiles.NAME), and profiles.p.security.protocol at line 4 (Kafka's security.protocol is tls.enabled and sasl.mechanism: SSL is the first, SASL_PLAINTEXT the second, SASL_SSL both), and profiles.p.sasl.jaas.config at line 5 (Kafka's sasl.jaas.config is sasl.username and sasl.password: its username= and password=), and profiles.p.ssl.truststore.location at line 6 (Kafka's ssl.truststore.location is tls.ca-file: a PEM file, which keytool -exportcert -rfc writes from a truststore), and profiles.p.schema.registry.basic.auth.user.info at line 7 (Kafka's schema.registry.basic.auth.user.info is registry.username and registry.password: the parts before and after its colon); config.example.yaml lists every key\n"},
		{"Kafka client properties of TLS that shore takes otherwise", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    enable.ssl.certificate.verification: false\n    ssl.key.password: S3cret-key\n")},
			"shore: config file DIR/config.yaml:3: unknown key profiles.p.enable.ssl.certificate.verification (Kafka's enable.ssl.certificate.verification is tls.insecure-skip-verify: when false (true is the default)), and profiles.p.ssl.key.password at line 4 (Kafka's ssl.key.password is tls.key-file: shore reads the key decrypted, as openssl pkey -in KEY -out PLAIN.pem writes it); config.example.yaml lists every key\n"},
		// As a user who reads a property's dots as YAML's nesting writes it.
		{"Kafka client properties nested", nil, []string{"config", "view", "--config", writeConfig(t, "security:\n  protocol: SSL\nprofiles:\n  p:\n    security:\n      protocol: SASL_SSL\n    sasl:\n      jaas:\n        config: x\n    ssl:\n      keystore: {location: k.p12}\n")},
			"shore: config file DIR/config.yaml:1: unknown key security (Kafka's security.protocol is tls.enabled and sasl.mechanism: SSL is the first, SASL_PLAINTEXT the second, SASL_SSL both; a profile's setting, it goes under profiles.NAME), and profiles.p.security at line 5 (Kafka's security.protocol is tls.enabled and sasl.mechanism: SSL is the first, SASL_PLAINTEXT the second, SASL_SSL both), and profiles.p.sasl.jaas at line 8 (Kafka's sasl.jaas.config is sasl.username and sasl.password: its username= and password=), and profiles.p.ssl at line 10 (Kafka's ssl.keystore.location is tls.cert-file and tls.key-file: PEM files, which openssl pkcs12 -nodes writes from a PKCS#12 keystore); config.example.yaml lists every key\n"},
		// YAML reads {password S3cret} as a key without a value: the
		// text after the setting's name is not shown.
		{"setting and its value without a colon", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl: {password S3cret}\n    registry:\n      token S3cret: x\n")},
			"shore: config file DIR/config.yaml:3: unknown key profiles.p.sasl.password (password and text after it, not shown: is a colon missing? write password: VALUE), and profiles.p.registry.token at line 5 (token and text after it, not shown: is a colon missing? write token: VALUE); config.example.yaml lists every key\n"},
		{"a group's setting right under the profile", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    password: x\n    mechanism: PLAIN\n    insecure-skip-verify: true\n")},
			"shore: config file DIR/config.yaml:3: unknown key profiles.p.password (did you mean sasl.password or registry.password? indent it under sasl: or registry:), and profiles.p.mechanism at line 4 (did you mean sasl.mechanism? indent it under sasl:), and profiles.p.insecure-skip-verify at line 5 (did you mean tls.insecure-skip-verify? indent it under tls:); config.example.yaml lists every key\n"},
		{"other tools' keys", nil, []string{"config", "view", "--config", writeConfig(t, "clusters:\n  - name: a\nprofiles:\n  p:\n    ssl.ca.location: ca.pem\n    tls: {clientfile: c.pem, cafile: ca.pem}\n    sasl: {user: u}\n")},
			"shore: config file DIR/config.yaml:1: unknown key clusters (did you mean profiles?), and profiles.p.ssl.ca.location at line 5 (did you mean tls.ca-file?), and profiles.p.tls.clientfile at line 6 (did you mean tls.cert-file?), and profiles.p.tls.cafile at line 6 (did you mean tls.ca-file?), and profiles.p.sasl.user at line 7 (did you mean sasl.username?); config.example.yaml lists every key\n"},
		{"unknown keys of a mapping profiles share", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  base: &base\n    brokr: a:1\n    tls: &tls {cafile: ca.pem}\n  a:\n    <<: *base\n  b:\n    <<: *base\n    tls: *tls\n")},
			"shore: config file DIR/config.yaml:3: unknown key profiles.base.brokr (did you mean brokers?), and profiles.base.tls.cafile at line 4 (did you mean tls.ca-file?); config.example.yaml lists every key\n"},
		{"profile given twice", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers: [a:1]\n  p:\n    brokers: [b:1]\n")},
			"shore: config file DIR/config.yaml:4: profiles.p is given twice (first at line 2); keep one\n"},
		{"setting given twice", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    timeout: 5s\n    tls: {ca-file: a.pem}\n    timeout: 9s\n")},
			"shore: config file DIR/config.yaml:5: profiles.p.timeout is given twice (first at line 3); keep one\n"},
		{"setting given dotted and nested", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    tls: {ca-file: a.pem}\n    tls.ca-file: b.pem\n")},
			"shore: config file DIR/config.yaml:4: profiles.p.tls.ca-file is given twice (first at line 3); keep one\n"},
		{"current profile given twice", nil, []string{"config", "view", "--config", writeConfig(t, "current-profile: a\nprofiles: {a: {}, b: {}}\ncurrent-profile: b\n")},
			"shore: config file DIR/config.yaml:3: current-profile is given twice (first at line 1); keep one\n"},
		{"flag default given twice", nil, []string{"config", "view", "--config", writeConfig(t, "produce:\n  acks: all\n  compression: zstd\n  acks: 1\n")},
			"shore: config file DIR/config.yaml:4: produce.acks is given twice (first at line 2); keep one\n"},
		{"tab indenting the first line", nil, []string{"config", "view", "--config", writeConfig(t, "\t brokers: x\n")},
			"shore: config file DIR/config.yaml:1: found character that cannot start any token (a tab indents the line; YAML indents with spaces)\n"},
		{"tab indenting a later line", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n\tbrokers: x\n")},
			"shore: config file DIR/config.yaml:3: found character that cannot start any token (a tab indents the line; YAML indents with spaces)\n"},
		// YAML's common mistakes, told in plain words with what to write,
		// never with the value: it may be a password.
		{"no space after a colon", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers:a:9092\n    client-id: x\n")},
			"shore: config file DIR/config.yaml:3: brokers: has no space after its colon, so YAML reads the line as text, not a key and its value: write brokers: VALUE\n"},
		{"no space after the colon of a last line", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    client-id: x\n    brokers:a:9092\n")},
			"shore: config file DIR/config.yaml:4: brokers: has no space after its colon, so YAML reads the line as text, not a key and its value: write brokers: VALUE\n"},
		{"no space after a group's only colon", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl:\n      mechanism:PLAIN\n")},
			"shore: config file DIR/config.yaml:4: profiles.p.sasl: want a mapping of settings; mechanism: has no space after its colon, so YAML reads the line as text, not a key and its value: write mechanism: VALUE\n"},
		{"no colon", nil, []string{"config", "view", "--config", writeConfig(t, "current-profile p\nprofiles:\n  p: {}\n")},
			"shore: config file DIR/config.yaml:1: no colon after the key: write KEY: VALUE\n"},
		{"colon and space in a value", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl:\n      password: S3cret: Pw\n")},
			"shore: config file DIR/config.yaml:4: the value of password holds ': ', which YAML reads as another key: put the value in quotes ('...')\n"},
		{"value starting with @", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl:\n      password: @S3cret\n")},
			"shore: config file DIR/config.yaml:4: the value of password starts with @, which YAML keeps for itself: put the value in quotes ('...')\n"},
		{"value starting with a backtick", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl:\n      password: `S3cret\n")},
			"shore: config file DIR/config.yaml:4: the value of password starts with `, which YAML keeps for itself: put the value in quotes ('...')\n"},
		{"value starting with *", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl:\n      password: *S3cret\n")},
			"shore: config file DIR/config.yaml:4: the value of password starts with *, which YAML reads as an alias of an anchor (&NAME) the file does not define: put the value in quotes ('...')\n"},
		{"value starting with &", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl:\n      password: &S3cret Pw\n")},
			"shore: config file DIR/config.yaml:4: the value of password starts with &, which YAML reads as an anchor's name: put the value in quotes ('...')\n"},
		{"value that is & alone", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl:\n      password: &S3cret\n")},
			"shore: config file DIR/config.yaml:4: the value of password starts with &, which YAML reads as an anchor's name: put the value in quotes ('...')\n"},
		{"value starting with !", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl:\n      password: !S3cret\n")},
			"shore: config file DIR/config.yaml:4: the value of password starts with !, which YAML reads as a tag: put the value in quotes ('...')\n"},
		{"unclosed quote", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl:\n      password: \"S3cret\n")},
			"shore: config file DIR/config.yaml:4: the value of password opens a quote (\") that nothing closes: end the value with \"\n"},
		{"quote inside single quotes", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    sasl:\n      password: 'S3c'ret'\n")},
			"shore: config file DIR/config.yaml:4: the value of password goes on after its closing quote: inside '...' write a quote as '', or put the value in \"...\"\n"},
		{"backslash in double quotes", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    tls:\n      ca-file: \"C:\\certs\\ca.pem\"\n")},
			"shore: config file DIR/config.yaml:4: the value of ca-file is in double quotes, where a backslash starts an escape (\\n): write each backslash as \\\\, or use single quotes\n"},
		{"key indented deeper than the one before", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers: a:9092\n      client-id: x\n")},
			"shore: config file DIR/config.yaml:4: client-id is indented deeper than brokers at line 3, which has a value: indent it as deep as brokers\n"},
		{"tls: true", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    tls: true\n")},
			"shore: config file DIR/config.yaml:3: profiles.p.tls: want a mapping of settings; tls: {enabled: true} turns it on\n"},
		{"profiles as a list", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  - p:\n    brokers: a:9092\n")},
			"shore: config file DIR/config.yaml:2: profiles: want a mapping of profile names; it is a list (its lines start with '- '): write its keys without the '- '\n"},
		{"a profile as a flow list", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p: [brokers: a:9092]\n")},
			"shore: config file DIR/config.yaml:2: profiles.p: want a mapping of settings; it is a list ([...]): write {...} for a mapping\n"},
		{"tab after spaces", nil, []string{"config", "view", "--config", writeConfig(t, "profiles:\n  p:\n    brokers: x\n  \ttls: {}\n")},
			"shore: config file DIR/config.yaml:4: found a tab character that violates indentation (a tab indents the line; YAML indents with spaces)\n"},
		{"config use, tab indenting a line", nil, []string{"config", "use", "p", "--config", writeConfig(t, "profiles:\n  p: {}\nconsume:\n\tformat: x\n")},
			"shore: config file DIR/config.yaml:4: found character that cannot start any token (a tab indents the line; YAML indents with spaces)\n"},
		{"topics create takes --config as the file", nil, []string{"topics", "create", "x", "--config", "/nonexistent/shore.yaml", "-c", "retention.ms=1"},
			"shore: --config /nonexistent/shore.yaml: no such file or directory\n" + seeHelpFor("topics create")},
		{"topic setting as the file", nil, []string{"topics", "create", "x", "--config", "retention.ms=1"},
			"shore: --config retention.ms=1: no such file or directory (a topic setting goes to topics create -c/--topic-config)\n" + seeHelpFor("topics create")},
		{"use without file", nil, []string{"config", "use", "prod"},
			"shore: unknown profile \"prod\": the configuration file DIR/.config/shore/config.yaml does not exist\n" + seeHelpFor("config use")},
		{"use unknown", nil, []string{"config", "use", "staging", "--config", good},
			"shore: unknown profile \"staging\": known profiles are local, prod\n" + seeHelpFor("config use")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, tc.args...)
			res.Stderr = tempDirs.ReplaceAllString(res.Stderr, "DIR")
			tc.stderr = tempDirs.ReplaceAllString(tc.stderr, "DIR")
			if res.Code != 2 || res.Stderr != tc.stderr || res.Stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, stderr %q", res.Code, res.Stdout, res.Stderr, tc.stderr)
			}
		})
	}
}

func TestConfigProfilesAndUse(t *testing.T) {
	path := writeConfig(t, twoProfiles)
	res := shoretest.Run(t, "config", "profiles", "--config", path)
	want := "CURRENT  PROFILE  BROKERS\n*        local    localhost:9092\n         prod     kafka-1:9093,kafka-2:9093\n"
	if res.Code != 0 || res.Stdout != want {
		t.Fatalf("profiles: exit %d stdout\n%s\nwant\n%s%s", res.Code, res.Stdout, want, res.Stderr)
	}
	// -o json, as the other lists have it: a profile without brokers
	// has [], not null.
	withoutBrokers := writeConfig(t, strings.Replace(twoProfiles, "profiles:\n", "profiles:\n  bare: {}\n", 1))
	wantRun(t, shoretest.Run(t, "config", "profiles", "--config", withoutBrokers, "-o", "json"), 0, `[
  {
    "profile": "bare",
    "current": false,
    "brokers": []
  },
  {
    "profile": "local",
    "current": true,
    "brokers": [
      "localhost:9092"
    ]
  },
  {
    "profile": "prod",
    "current": false,
    "brokers": [
      "kafka-1:9093",
      "kafka-2:9093"
    ]
  }
]
`, "")
	res = shoretest.Run(t, "config", "use", "prod", "--config", path)
	if res.Code != 0 || res.Stderr != "shore: current profile is now prod ("+path+")\n" {
		t.Fatalf("use: exit %d stderr %q", res.Code, res.Stderr)
	}
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), "current-profile: prod\n") || !strings.Contains(string(raw), "# which profile commands use") {
		t.Fatalf("file after use:\n%s", raw)
	}
	res = shoretest.Run(t, "config", "profiles", "--config", path)
	if !strings.Contains(res.Stdout, "*        prod") {
		t.Fatalf("profiles after use:\n%s", res.Stdout)
	}
}

// TestConfigUseUnderShoreProfile: config use says that SHORE_PROFILE, where
// it names another profile, still picks that one, as commands run with it
// show.
func TestConfigUseUnderShoreProfile(t *testing.T) {
	path := writeConfig(t, twoProfiles)
	env := map[string]string{"SHORE_PROFILE": "local", "SHORE_BROKERS": ""}
	res := shoretest.RunWith(t, shoretest.Opts{Env: env}, "config", "use", "prod", "--config", path)
	wantRun(t, res, 0, "", "shore: current profile is now prod ("+path+")\nshore: warning: SHORE_PROFILE still picks profile local where it is set; unset it to use prod\n")
	res = shoretest.RunWith(t, shoretest.Opts{Env: env}, "config", "view", "--config", path)
	if !strings.Contains(res.Stdout, "profile: local\n") {
		t.Errorf("config view under SHORE_PROFILE=local:\n%s", res.Stdout)
	}
	env["SHORE_PROFILE"] = "prod"
	res = shoretest.RunWith(t, shoretest.Opts{Env: env}, "config", "use", "prod", "--config", path)
	wantRun(t, res, 0, "", "shore: current profile is now prod ("+path+")\n")
}

// TestConfigProfilesNone: with nothing to list, config profiles says whether
// the file does not exist (and where it looked) or has no profiles: also a
// profiles: key whose every profile is commented out, which was an error.
func TestConfigProfilesNone(t *testing.T) {
	home := t.TempDir()
	empty := writeConfig(t, "consume:\n  format: '%v\\n'\n")
	// every profile commented out, as produce: and consume: may be
	commented := writeConfig(t, "profiles:\n#  dev:\n#    brokers: [localhost:9092]\nproduce:\n")
	for _, tc := range []struct {
		env    map[string]string
		code   int
		stderr string
	}{
		{map[string]string{"HOME": home}, 0, "shore: no profiles: the configuration file " + home + "/.config/shore/config.yaml does not exist\n"},
		{map[string]string{"HOME": ""}, 0, "shore: no profiles: no configuration file (no --config or SHORE_CONFIG, and HOME is not set)\n"},
		{map[string]string{"SHORE_CONFIG": empty}, 0, "shore: no profiles in " + empty + "\n"},
		{map[string]string{"SHORE_CONFIG": commented}, 0, "shore: no profiles in " + commented + "\n"},
		{map[string]string{"SHORE_CONFIG": home + "/nope.yaml"}, 2, "shore: SHORE_CONFIG " + home + "/nope.yaml: no such file or directory\n"},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, "config", "profiles")
		wantRun(t, res, tc.code, "", tc.stderr)
		// -o json writes [] and nothing on stderr, as topics list does;
		// a file it cannot read is the same error.
		stdout, stderr := "[]\n", ""
		if tc.code != 0 {
			stdout, stderr = "", tc.stderr
		}
		wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, "config", "profiles", "-o", "json"), tc.code, stdout, stderr)
	}
}

// TestConfigYmlNotRead: a config.yml where shore looks for config.yaml,
// which it does not read, is named with the mv that makes it the file:
// in a warning of every command that loads the configuration, and in what
// config profiles and config use say of the missing file. It was ignored
// without a word, and commands dialled localhost:9092.
func TestConfigYmlNotRead(t *testing.T) {
	home := t.TempDir()
	dir := filepath.Join(home, ".config", "shore")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	yml, yaml := filepath.Join(dir, "config.yml"), filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(yml, []byte("current-profile: dev\nprofiles:\n  dev:\n    brokers: [127.0.0.1:9]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": home, "SHORE_BROKERS": ""}
	notRead := yml + " is not read, as shore reads config.yaml: mv " + yml + " " + yaml
	res := shoretest.RunWith(t, shoretest.Opts{Env: env}, "config", "view")
	if res.Code != 0 || res.Stderr != "shore: warning: "+notRead+"\n" || !strings.HasPrefix(res.Stdout, "file: \"\"\n") {
		t.Errorf("config view: exit %d, stdout:\n%s\nstderr %q; want 0 and the warning %q", res.Code, res.Stdout, res.Stderr, notRead)
	}
	missing := "the configuration file " + yaml + " does not exist; " + notRead
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: env}, "config", "profiles"), 0, "", "shore: no profiles: "+missing+"\n")
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: env}, "config", "use", "dev"), 2, "",
		"shore: unknown profile \"dev\": "+missing+"\nRun 'shore config use --help' for usage.\n")
}

// TestConfigUseKeepsTheFile: config use changes the current-profile line
// alone, keeping the file's quotes, brackets, comments and line endings; a
// file without the key gets it first.
func TestConfigUseKeepsTheFile(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"one line changes",
			"# shore\ncurrent-profile: local   # which one\nprofiles:\n  local: {brokers: [127.0.0.1:9092]}\n  prod:\n    brokers: ['kafka-1:9093']\n",
			"# shore\ncurrent-profile: prod # which one\nprofiles:\n  local: {brokers: [127.0.0.1:9092]}\n  prod:\n    brokers: ['kafka-1:9093']\n"},
		{"crlf",
			"current-profile: \"local\"\r\nprofiles:\r\n  local: {}\r\n  prod: {brokers: [b:1]}\r\n",
			"current-profile: prod\r\nprofiles:\r\n  local: {}\r\n  prod: {brokers: [b:1]}\r\n"},
		{"cr",
			"# shore\rcurrent-profile: local # in use\rprofiles:\r  local: {}\r  prod: {brokers: [b:1]}\r",
			"# shore\rcurrent-profile: prod # in use\rprofiles:\r  local: {}\r  prod: {brokers: [b:1]}\r"},
		{"no current profile, cr",
			"# shore\rprofiles:\r  prod: {}\r",
			"# shore\rcurrent-profile: prod\rprofiles:\r  prod: {}\r"},
		{"no current profile",
			"profiles:\n  prod: {}\n",
			"current-profile: prod\nprofiles:\n  prod: {}\n"},
		{"no current profile, quotes, brackets and blank lines kept",
			"# shore\nprofiles:\n  local: {brokers: [127.0.0.1:9092]}\n\n  prod:\n    brokers: [kafka-1:9093]   # two\r\n",
			"# shore\ncurrent-profile: prod\nprofiles:\n  local: {brokers: [127.0.0.1:9092]}\n\n  prod:\n    brokers: [kafka-1:9093]   # two\r\n"},
		{"value on the next line",
			"current-profile:\n  local\nprofiles:\n  prod: {}\n",
			"current-profile: prod\nprofiles:\n  prod: {}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeConfig(t, tc.in)
			res := shoretest.Run(t, "config", "use", "prod", "--config", path)
			if res.Code != 0 || res.Stdout != "" || res.Stderr != "shore: current profile is now prod ("+path+")\n" {
				t.Fatalf("exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
			}
			if raw, _ := os.ReadFile(path); string(raw) != tc.want {
				t.Errorf("file after use:\n%q\nwant\n%q", raw, tc.want)
			}
		})
	}
}

// TestUnknownVariables: a SHORE_ variable that is none of shore's is one
// warning line on stderr each, with the variable it most likely meant,
// and stdout is what it is without them; shore's own variables and those
// of its test suites are not warned about.
func TestUnknownVariables(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	clean := shoretest.Run(t, "topics", "list", "-r", "^"+regexp.QuoteMeta(topic)+"$")
	wantRun(t, clean, 0, clean.Stdout, "")
	env := map[string]string{"SHORE_BROKER": "h:9092", "SHORE_TIMOUT": "5s", "SHORE_XYZZY": "1", "SHORE_TLS": "false", "SHORE_ARGS": "-z lz4"}
	for _, dev := range []string{testbroker.EnvBrokers, testbroker.EnvTLSBrokers, testbroker.EnvSASLBrokers, testbroker.EnvSASLSSLBrokers,
		testbroker.EnvCertDir, testregistry.EnvRegistry, peers.EnvKafkaTools, faultkit.EnvControl} {
		env[dev] = "set in a developer's shell"
	}
	res := shoretest.RunWith(t, shoretest.Opts{Env: env}, "topics", "list", "-r", "^"+regexp.QuoteMeta(topic)+"$")
	wantRun(t, res, 0, clean.Stdout, "shore: warning: unknown variable SHORE_BROKER ignored (did you mean SHORE_BROKERS?)\n"+
		"shore: warning: unknown variable SHORE_TIMOUT ignored (did you mean SHORE_TIMEOUT?)\n"+
		"shore: warning: unknown variable SHORE_XYZZY ignored; 'shore help connection' lists shore's variables\n")
}

// TestEmptyVariables: a variable set empty (as shells and CI runners
// export an unset one) is the flag given empty: refused, naming the
// variable, where the flag is refused, and an empty value over a profile's
// otherwise; SHORE_BROKERS= dialed localhost:9092, and SHORE_PROFILE= the
// file's current-profile.
func TestEmptyVariables(t *testing.T) {
	profile := writeConfig(t, "current-profile: p\nprofiles:\n  p:\n    tls: {server-name: kafka.example.com}\n")
	for _, tc := range []struct {
		name   string
		code   int
		stderr string
		line   string // a line of config view's stdout
	}{
		{"SHORE_BROKERS", 2, "shore: SHORE_BROKERS \"\": no broker; give host:port\n", ""},
		{"SHORE_TIMEOUT", 2, "shore: SHORE_TIMEOUT \"\": not a duration such as 10s\n", ""},
		{"SHORE_TLS", 2, "shore: SHORE_TLS \"\": want true/false, t/f, yes/no, on/off or 1/0\n", ""},
		{"SHORE_REGISTRY_URL", 2, "shore: SHORE_REGISTRY_URL \"\": want http://HOST:PORT or https://HOST:PORT, with the registry's path if it has one\n", ""},
		{"SHORE_PROFILE", 2, "shore: SHORE_PROFILE \"\": no profile name; known profiles are p\n", ""},
		{"SHORE_CONFIG", 2, "shore: SHORE_CONFIG \"\": no file name; give the configuration file's path\n", ""},
		{"SHORE_TLS_SERVER_NAME", 0, "", "  server-name: \"\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"HOME": t.TempDir(), "SHORE_CONFIG": profile, "SHORE_BROKERS": "127.0.0.1:1", tc.name: ""}
			streams, out, errOut := cmd.TestStreams("")
			code := cmd.Run(context.Background(), []string{"config", "view"}, streams, env)
			if code != tc.code || errOut.String() != tc.stderr || !strings.Contains(out.String(), tc.line) {
				t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant exit %d, stderr %q, stdout with %q", code, errOut, out, tc.code, tc.stderr, tc.line)
			}
		})
	}
}

// TestSwitchWords: SHORE_TLS, SHORE_TLS_INSECURE, --tls and --tls-insecure
// take the same words, in any case (config.BoolWords): --tls=yes and
// --tls=OFF were refused while SHORE_TLS=yes worked, and SHORE_TLS=T and
// f while --tls=T worked.
func TestSwitchWords(t *testing.T) {
	path := writeConfig(t, "current-profile: secure\nprofiles:\n  secure:\n    tls: {enabled: true, insecure-skip-verify: true}\n  plain: {}\n")
	for _, tc := range []struct {
		name              string
		env               map[string]string
		args              []string
		enabled, insecure bool
	}{
		{"variables t and f", map[string]string{"SHORE_TLS": "f", "SHORE_TLS_INSECURE": "F"}, nil, false, false},
		{"variable T", map[string]string{"SHORE_TLS": "T"}, []string{"--profile", "plain"}, true, false},
		{"variable t", map[string]string{"SHORE_TLS_INSECURE": "t"}, []string{"--profile", "plain"}, true, true},
		{"flags off and no", nil, []string{"--tls=OFF", "--tls-insecure=no"}, false, false},
		{"flag yes", nil, []string{"--profile", "plain", "--tls=yes"}, true, false},
		{"flag Off over the variable's 1", map[string]string{"SHORE_TLS": "1"}, []string{"--profile", "plain", "--tls=Off"}, false, false},
		{"flag ON", nil, []string{"--profile", "plain", "--tls-insecure=ON"}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, append([]string{"config", "view", "--config", path}, tc.args...)...)
			if res.Code != 0 || res.Stderr != "" {
				t.Fatalf("exit %d, stderr %q", res.Code, res.Stderr)
			}
			for _, w := range []string{fmt.Sprintf("  enabled: %v\n", tc.enabled), fmt.Sprintf("  insecure-skip-verify: %v\n", tc.insecure)} {
				if !strings.Contains(res.Stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, res.Stdout)
				}
			}
		})
	}
}

// TestConfigOutputToFullDisk: view and profiles fail (exit 1, as their help
// says) when their output cannot be written; use writes none.
func TestConfigOutputToFullDisk(t *testing.T) {
	path := writeConfig(t, twoProfiles)
	for _, verb := range []string{"view", "profiles"} {
		code, stderr := runToFullDisk(t, "", "config", verb, "--config", path)
		if code != 1 || stderr != "shore: write /dev/stdout: no space left on device\n" {
			t.Errorf("config %s > /dev/full: exit %d stderr %q; want 1 and the write error", verb, code, stderr)
		}
		help := shoretest.Run(t, "config", verb, "--help").Stdout
		if !strings.Contains(help, "  1  writing to stdout failed (a full disk)\n") {
			t.Errorf("config %s --help does not say that exit 1 is a failed write:\n%s", verb, help)
		}
	}
}

// TestConfigSectionConnectionSettings: a connection setting under
// produce: or consume: (brokers:, timeout:, registry:), or profile:,
// config: or help:, is refused naming where it goes, as the section's other
// unknown keys are, where it was ignored without a word: the connection is
// made from the flags, environment and profile before the section is read.
func TestConfigSectionConnectionSettings(t *testing.T) {
	for _, tc := range []struct {
		body   string
		args   []string
		stderr string
	}{
		{"current-profile: p\nprofiles:\n  p:\n    brokers: [127.0.0.1:1]\nconsume:\n  brokers: [127.0.0.1:2]\n", []string{"consume", "t"},
			":6: consume.brokers: --brokers is a connection setting, which a profile gives: write it as profiles.p.brokers"},
		{"produce:\n  timeout: 1s\n", []string{"produce", "t"},
			":2: produce.timeout: --timeout is a connection setting, which a profile gives: write it as profiles.NAME.timeout"},
		{"consume:\n  registry: http://127.0.0.1:1\n", []string{"consume", "t"},
			":2: consume.registry: --registry is a connection setting, which a profile gives: write it as profiles.NAME.registry.url"},
		{"consume:\n  profile: p\n", []string{"consume", "t"}, ":2: consume.profile: --profile is no default: current-profile chooses the profile"},
		{"produce:\n  config: other.yaml\n", []string{"produce", "t"}, ":2: produce.config: --config is no default: it names the configuration file"},
		{"consume:\n  help: true\n", []string{"consume", "t"}, ":2: consume.help: --help is no default: leave it out"},
	} {
		file := writeConfig(t, tc.body)
		res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_CONFIG": file, "SHORE_BROKERS": "127.0.0.1:1"}, Stdin: "x\n"}, tc.args...)
		wantRun(t, res, 2, "", "shore: config file "+file+tc.stderr+"\n")
	}
}

// TestConfigProfilesUnknownCurrent: a profile in effect that the file does
// not define, which every other command refuses, is named in a warning
// after the list, where config profiles marked none current without a
// word.
func TestConfigProfilesUnknownCurrent(t *testing.T) {
	path := writeConfig(t, strings.Replace(twoProfiles, "current-profile: local", "current-profile: gone", 1))
	list := "CURRENT  PROFILE  BROKERS\n         local    localhost:9092\n         prod     kafka-1:9093,kafka-2:9093\n"
	for _, tc := range []struct {
		env    map[string]string
		args   []string
		stderr string
	}{
		{nil, nil, "config file " + path + `:2: current-profile "gone"`},
		{map[string]string{"SHORE_PROFILE": "nope"}, nil, `SHORE_PROFILE "nope"`},
		{nil, []string{"--profile", "nope"}, `--profile "nope"`},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, append([]string{"config", "profiles", "--config", path}, tc.args...)...)
		wantRun(t, res, 0, list, "shore: warning: "+tc.stderr+" names no profile of the file, so none is current and other commands fail\n")
	}
}

// TestConfigUseRefusesPipe: config use with a configuration file that is a
// pipe (--config <(...)), which it read once already and cannot change,
// says so, where it read the pipe again, found it empty and said 'not a
// mapping of settings'.
func TestConfigUseRefusesPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := w.WriteString(twoProfiles); err != nil {
		t.Fatal(err)
	}
	w.Close()
	path := fmt.Sprintf("/dev/fd/%d", r.Fd())
	res := shoretest.Run(t, "config", "use", "prod", "--config", path)
	wantRun(t, res, 1, "", "shore: config file "+path+" is not a regular file (a pipe?), which config use cannot change\n")
}

// TestConfigViewChecksAsCommandsDo: config view refuses the settings every
// command that connects refuses before it dials, with the same line and
// exit status, so that it can check a configuration file in CI; it
// printed them and exited 0. Files and commands the settings name are
// not read or run: a missing CA or password file is for the command
// that uses it to report.
func TestConfigViewChecksAsCommandsDo(t *testing.T) {
	profile := func(sasl string) string {
		return writeConfig(t, "current-profile: a\nprofiles:\n  a:\n    brokers: 127.0.0.1:1\n    sasl:\n"+sasl)
	}
	typo, noUser, noToken := profile("      mechanism: PLAN\n"), profile("      mechanism: PLAIN\n"), profile("      mechanism: OAUTHBEARER\n      password: x\n")
	for _, tc := range []struct {
		env    map[string]string
		args   []string
		stderr string
		flag   bool // a usage error of a flag, with the hint to --help
	}{
		{nil, []string{"--config", typo}, "config file " + typo + `:6: profiles.a.sasl.mechanism "PLAN": want PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER`, false},
		{nil, []string{"--config", noUser}, "config file " + noUser + ":6: profiles.a.sasl.mechanism PLAIN needs a username: set --sasl-username, SHORE_SASL_USERNAME or the profile's sasl.username", false},
		{nil, []string{"--config", noToken}, "config file " + noToken + ":6: profiles.a.sasl.mechanism OAUTHBEARER takes a token, not the password config file " + noToken + ":7: profiles.a.sasl.password gives: set SHORE_SASL_TOKEN, --sasl-token-file, --sasl-token-command or the profile's sasl.token-file", false},
		{map[string]string{"SHORE_SASL_MECHANISM": "SCRAM-SHA-256", "SHORE_SASL_USERNAME": "alice"}, nil,
			`SHORE_SASL_MECHANISM SCRAM-SHA-256 needs a password for user "alice": set SHORE_SASL_PASSWORD, --sasl-password-file, --sasl-password-command or the profile's sasl.password-file`, false},
		{nil, []string{"--sasl-username", "alice"}, "--sasl-username: a username is set but no mechanism (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER): set --sasl-mechanism, SHORE_SASL_MECHANISM or the profile's sasl.mechanism", true},
		{nil, []string{"--tls-key", "key.pem"}, "--tls-key: a private key needs its client certificate: set --tls-cert, SHORE_TLS_CERT or the profile's tls.cert-file", true},
	} {
		for _, command := range []string{"config view", "cluster"} {
			env := map[string]string{"SHORE_BROKERS": "127.0.0.1:1"}
			for k, v := range tc.env {
				env[k] = v
			}
			res := shoretest.RunWith(t, shoretest.Opts{Env: env}, append(strings.Fields(command), tc.args...)...)
			want := "shore: " + tc.stderr + "\n"
			if tc.flag {
				want += seeHelpFor(command)
			}
			wantRun(t, res, 2, "", want)
		}
	}
	missing := filepath.Join(t.TempDir(), "nope")
	res := shoretest.Run(t, "config", "view", "-o", "json", "--brokers", "127.0.0.1:1", "--tls-ca", missing,
		"--sasl-mechanism", "PLAIN", "--sasl-username", "alice", "--sasl-password-file", missing)
	if res.Code != 0 || res.Stderr != "" {
		t.Fatalf("config view with files it does not read: exit %d, stderr %q; want 0 and nothing", res.Code, res.Stderr)
	}
}

// TestConfigFIFOWaitsTimeout: a configuration file that is a FIFO nobody
// writes is waited for as long as --timeout or SHORE_TIMEOUT says, the
// file's own timeout being unknown before it is read, and the line names
// the file and the bound; it was waited for 10s whatever they said.
func TestConfigFIFOWaitsTimeout(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "config.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env    map[string]string
		args   []string
		stderr string
	}{
		{nil, []string{"config", "view", "--config", fifo, "--timeout", "1s"},
			"shore: --config " + fifo + ": no end of file within 1s\n" + seeHelpFor("config view")},
		{map[string]string{"SHORE_CONFIG": fifo, "SHORE_TIMEOUT": "1500ms"}, []string{"topics", "list"},
			"shore: SHORE_CONFIG " + fifo + ": no end of file within 1.5s\n"},
		{map[string]string{"SHORE_TIMEOUT": "1s"}, []string{"config", "profiles", "--config", fifo},
			"shore: --config " + fifo + ": no end of file within 1s\n" + seeHelpFor("config profiles")},
	} {
		start := time.Now()
		res := shoretest.RunWith(t, shoretest.Opts{Env: tc.env}, tc.args...)
		wantRun(t, res, 2, "", tc.stderr)
		if took := time.Since(start); took > 8*time.Second {
			t.Errorf("%v took %s, want well under the 10s default", tc.args, took)
		}
	}
}
