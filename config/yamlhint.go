package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kafkashore/shore/format"

	"go.yaml.in/yaml/v3"
)

// yamlText is one line of a YAML file as a person writes a setting on it:
// "  - key: value".
type yamlText struct {
	blank  bool // empty, or a comment
	indent int  // spaces before the text (or before "- ")
	item   bool // a list item: "- ..."
	key    string
	// colon says the line is key:, with value after ": "; noSpace that
	// text follows the colon with no space (brokers:host:9092).
	colon, noSpace bool
	value          string
}

// splitYAMLLine reads line s of a YAML file as a setting's line. A key is
// a name (letters, digits, '-', '_', '.'); a line whose text before its
// first colon is none has no key.
func splitYAMLLine(s string) yamlText {
	s = strings.TrimRight(s, " \t\r")
	rest := strings.TrimLeft(s, " ")
	t := yamlText{indent: len(s) - len(rest)}
	if rest == "" || rest[0] == '#' {
		t.blank = true
		return t
	}
	if rest == "-" || strings.HasPrefix(rest, "- ") {
		t.item, rest = true, strings.TrimLeft(rest[1:], " ")
	}
	key, after, found := strings.Cut(rest, ":")
	if !found || key == "" || strings.Trim(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != "" {
		t.value = rest
		return t
	}
	t.key, t.colon = key, true
	switch {
	case after == "":
	case after[0] == ' ' || after[0] == '\t':
		t.value = strings.TrimLeft(after, " \t")
	default:
		t.noSpace = true
	}
	return t
}

// subject names line t in a message: its key, or "the line".
func (t yamlText) subject() string {
	if t.key == "" {
		return "the line"
	}
	return t.key
}

// valueOf names the value of line t in a message, by its key when it has
// one: "the value of brokers".
func (t yamlText) valueOf() string {
	if t.key == "" {
		return "the value"
	}
	return "the value of " + t.key
}

// syntaxHint is the common mistake that makes the YAML library fail with
// msg at line of raw (see brokenLine), in plain words with what to write
// instead, and the line to name, which may be one before line; "" when
// the mistake is none it knows. It names keys, never a value: a value may
// be a password.
func syntaxHint(raw []byte, line int, msg string) (int, string) {
	lines := yamlLines(raw)
	text := func(n int) yamlText {
		if n < 1 || n > len(lines) {
			return yamlText{blank: true}
		}
		return splitYAMLLine(lines[n-1])
	}
	// before is the line of the first text before line n, and its text.
	before := func(n int) (int, yamlText) {
		for n--; n >= 1; n-- {
			if t := text(n); !t.blank {
				return n, t
			}
		}
		return 0, yamlText{blank: true}
	}
	// ended is whether no text follows from line n on: a list or mapping
	// the file ends inside is an error at the line past its last.
	ended := func(n int) bool {
		for ; n <= len(lines); n++ {
			if !text(n).blank {
				return false
			}
		}
		return true
	}
	t := text(line)
	quote := "put the value in quotes ('...')"
	switch {
	case strings.HasPrefix(msg, "unknown anchor"):
		// The library's words name the alias, which may be a password
		// that begins with *.
		return line, t.valueOf() + " starts with *, which YAML reads as an alias of an anchor (&NAME) the file does not define: " + quote
	case msg == "found character that cannot start any token" && t.value != "" && strings.ContainsAny(t.value[:1], "@`%"):
		return line, fmt.Sprintf("%s starts with %s, which YAML keeps for itself: %s", t.valueOf(), t.value[:1], quote)
	case msg == "found unknown escape character":
		return line, t.valueOf() + " is in double quotes, where a backslash starts an escape (\\n): write each backslash as \\\\, or use single quotes"
	case strings.HasPrefix(msg, "did not find expected ',' or '") || msg == "did not find expected node content" && ended(line):
		for n := line; n >= 1; n-- {
			if v := text(n).value; strings.HasPrefix(v, "[") || strings.HasPrefix(v, "{") {
				what, closer := "list", "]"
				if v[0] == '{' {
					what, closer = "mapping", "}"
				}
				return n, fmt.Sprintf("%s starts with %s, which opens a YAML %s, and nothing closes it: end the %s with %s, or put a value that starts with %s in quotes", text(n).valueOf(), v[:1], what, what, closer, v[:1])
			}
		}
	case msg == "did not find expected node content" && t.value != "" && strings.ContainsAny(t.value[:1], "]}"):
		return line, fmt.Sprintf("%s starts with %s, which YAML reads as the end of a list or mapping that nothing opened: %s", t.valueOf(), t.value[:1], quote)
	case msg == "found unexpected end of stream":
		for n := line; n >= 1; n-- {
			if v := text(n).value; v != "" && (v[0] == '"' || v[0] == '\'') && closingQuote(v) < 0 {
				return n, fmt.Sprintf("%s opens a quote (%s) that nothing closes: end the value with %s", text(n).valueOf(), v[:1], v[:1])
			}
		}
	case t.item && (msg == "did not find expected key" || msg == "mapping values are not allowed in this context"):
		return line, "a list item ('- ') among keys: a list goes under its own key, indented deeper, with nothing after that key's colon (brokers:, then - HOST:PORT on lines of their own)"
	case msg == "did not find expected '-' indicator" && t.key != "":
		return line, t.key + " is indented as deep as the list items above it: indent it as deep as the key that holds the list"
	case msg == "could not find expected ':'" || msg == "mapping values are not allowed in this context" || msg == "did not find expected key":
		if t.noSpace {
			return line, noSpace(t.key)
		}
		if t.value != "" && (t.value[0] == '[' || t.value[0] == '{') {
			if end := flowEnd(t.value); end > 0 && end < len(t.value)-1 && !strings.HasPrefix(strings.TrimLeft(t.value[end+1:], " "), "#") {
				return line, fmt.Sprintf("%s goes on after the %c that closes it: remove what follows, or put the whole value in quotes ('...')", t.valueOf(), t.value[end])
			}
		}
		if t.value != "" && t.value[0] != '"' && t.value[0] != '\'' && (strings.Contains(t.value, ": ") || strings.HasSuffix(t.value, ":")) {
			return line, t.valueOf() + " holds ': ', which YAML reads as another key: " + quote
		}
		if t.value != "" && (t.value[0] == '"' || t.value[0] == '\'') {
			if end := closingQuote(t.value); end > 0 && end < len(t.value)-1 && !strings.HasPrefix(strings.TrimLeft(t.value[end+1:], " "), "#") {
				if t.value[0] == '\'' {
					return line, t.valueOf() + " goes on after its closing quote: inside '...' write a quote as '', or put the value in \"...\""
				}
				return line, t.valueOf() + " goes on after its closing quote: inside \"...\" write a quote as \\\", or put the value in '...'"
			}
		}
		if !t.colon && t.key == "" && msg == "could not find expected ':'" {
			return line, "no colon after the key: write KEY: VALUE"
		}
		if n, p := before(line); n > 0 {
			switch {
			case t.indent > p.indent && p.colon && p.value != "":
				return line, fmt.Sprintf("%s is indented deeper than %s at line %d, which has a value: indent it as deep as %s", t.subject(), p.key, n, p.key)
			case t.indent == p.indent && p.noSpace:
				return n, noSpace(p.key)
			case t.indent == p.indent && !p.colon && !p.item:
				return n, "no colon after the key: write KEY: VALUE"
			}
		}
		if levels := openIndents(lines, line); !t.blank && len(levels) > 0 && !slices.Contains(levels, t.indent) {
			return line, fmt.Sprintf("%s is indented %d spaces, as deep as no key above it (%s): indent it as deep as the key it goes with", t.subject(), t.indent, indentList(levels))
		}
	}
	return line, ""
}

// noSpace is the error for a key with no space after its colon.
func noSpace(key string) string {
	return key + ": has no space after its colon, so YAML reads the line as text, not a key and its value: write " + key + ": VALUE"
}

// closingQuote is the index in v, a value that starts with a quote, of
// the quote that closes it (” and \" go on), or -1.
func closingQuote(v string) int {
	for i := 1; i < len(v); i++ {
		switch {
		case v[0] == '"' && v[i] == '\\':
			i++
		case v[i] == v[0] && v[0] == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == v[0]:
			return i
		}
	}
	return -1
}

// flowEnd is the index in v, a value that starts with [ or {, of the
// bracket that closes it, past the quoted text and the lists and mappings
// inside it, or -1.
func flowEnd(v string) int {
	depth := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '[', '{':
			depth++
		case ']', '}':
			if depth--; depth == 0 {
				return i
			}
		case '"', '\'':
			end := closingQuote(v[i:])
			if end < 0 {
				return -1
			}
			i += end
		}
	}
	return -1
}

// openIndents are the indentations of the keys that the line at line
// could go on from: the text before it that is indented less than all
// the text after it, outermost first.
func openIndents(lines []string, line int) []int {
	var levels []int
	least := -1
	for n := min(line-1, len(lines)); n >= 1; n-- {
		t := splitYAMLLine(lines[n-1])
		if t.blank || (least >= 0 && t.indent >= least) {
			continue
		}
		least = t.indent
		levels = append([]int{t.indent}, levels...)
	}
	return levels
}

// indentList words levels: "0, 2 or 4 spaces".
func indentList(levels []int) string {
	var s []string
	for _, l := range levels {
		s = append(s, fmt.Sprint(l))
	}
	return format.List(s, "or") + " spaces"
}

// notMapping is what to add to the error for n, a setting's group, a
// profile or a section, which is not the mapping it must be: a list
// written with '- ', or key: VALUE with no space after the colon
// (brokers:host:9092), which YAML reads as text; "" otherwise.
func notMapping(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.SequenceNode && n.Style&yaml.FlowStyle != 0:
		return "; it is a list ([...]): write {...} for a mapping"
	case n.Kind == yaml.SequenceNode:
		return "; it is a list (its lines start with '- '): write its keys without the '- '"
	case n.Kind == yaml.ScalarNode && n.Style == 0:
		if t := splitYAMLLine(n.Value); t.noSpace {
			return "; " + noSpace(t.key)
		}
	}
	return ""
}

// yamlTags are the tags of YAML's own types, which a value may be given
// (!!str 0123).
var yamlTags = []string{"!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!map", "!!seq", "!!merge"}

// markedValue refuses a value under n, the value of key, that starts with
// ! or & unquoted: YAML reads the word as a tag or an anchor's name, not
// the value, and a password such as !s3cret would be empty without a
// word. An anchor that an alias (*NAME) uses is YAML's, and is kept.
// aliased are the nodes the file's aliases stand for.
func markedValue(file string, n *yaml.Node, key string, aliased map[*yaml.Node]bool) error {
	what := "the value of " + key
	if key == "" {
		what = "a value"
	}
	switch {
	case n.Style&yaml.TaggedStyle != 0 && !slices.Contains(yamlTags, n.ShortTag()):
		return Errorf("config file %s:%d: %s starts with !, which YAML reads as a tag: put the value in quotes ('...')", file, n.Line, what)
	case n.Kind == yaml.ScalarNode && n.Anchor != "" && !aliased[n]:
		return Errorf("config file %s:%d: %s starts with &, which YAML reads as an anchor's name: put the value in quotes ('...')", file, n.Line, what)
	}
	for i, c := range n.Content {
		sub := key
		if n.Kind == yaml.MappingNode {
			if i%2 == 0 {
				continue
			}
			sub = n.Content[i-1].Value
		}
		if err := markedValue(file, c, sub, aliased); err != nil {
			return err
		}
	}
	return nil
}

// aliases are the nodes that the aliases under n stand for.
func aliases(n *yaml.Node, into map[*yaml.Node]bool) map[*yaml.Node]bool {
	if n.Kind == yaml.AliasNode {
		into[n.Alias] = true
	}
	for _, c := range n.Content {
		aliases(c, into)
	}
	return into
}
