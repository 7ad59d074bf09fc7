package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/fileread"
	"go.yaml.in/yaml/v3"
)

// File is the YAML configuration file, checked against [Settings].
type File struct {
	// Path is the file that was read, or "" when there was none.
	Path string
	// Missing is the default file's path when no file is there, for the
	// errors of a profile asked for ("" when there is a file, or none
	// was looked for).
	Missing        string
	CurrentProfile string
	Profiles       map[string]Profile
	// Sections are the flag defaults of the commands that take them
	// (produce:, consume:), by long flag name.
	Sections map[string]map[string]any

	currentLine  int
	sectionLines map[string]int // by "produce.acks"
}

// Misnamed is the file beside the missing default one that was likely
// meant to be it: config.yml, the other name YAML files take, which shore
// does not read. It is "" when there is none.
func (f *File) Misnamed() string {
	if f.Missing == "" {
		return ""
	}
	yml := strings.TrimSuffix(f.Missing, ".yaml") + ".yml"
	if st, err := os.Stat(yml); err != nil || st.IsDir() {
		return ""
	}
	return yml
}

// MissingWhy says that the default file does not exist, and names the
// file beside it that is not read, if one is there.
func (f *File) MissingWhy() string {
	why := "the configuration file " + f.Missing + " does not exist"
	if yml := f.Misnamed(); yml != "" {
		why += "; " + misnamed(yml, f.Missing)
	}
	return why
}

// misnamed tells that yml is not read and how to make it the file.
func misnamed(yml, path string) string {
	return fmt.Sprintf("%s is not read, as shore reads %s: mv %s %s", yml, filepath.Base(path), yml, path)
}

// Profile is one named entry of the configuration file.
type Profile struct {
	name   string
	values map[string]any // nested, as viper takes them
	lines  map[string]int // by setting key
	// cutSecrets are the secret settings (by key) whose unquoted value a
	// comment follows on its line (password: S3c #ret): YAML ends the
	// value at ' #', which may have been part of it.
	cutSecrets map[string]bool
}

func (p Profile) has(key string) bool {
	v := getPath(p.values, key)
	return v != nil && v != ""
}

// gives reports whether the profile writes key a value, empty included
// (brokers: ""), which viper takes over the default.
func (p Profile) gives(key string) bool {
	return getPath(p.values, key) != nil
}

// Brokers returns the profile's brokers as written, or nil.
func (p Profile) Brokers() []string {
	raw := getPath(p.values, "brokers")
	if raw == nil {
		return nil
	}
	v, _ := Setting{Kind: List}.parse(raw)
	return v.([]string)
}

// sections are the commands whose flags the file may give defaults for.
var sections = []string{"produce", "consume"}

// ReadFile reads and checks a configuration file. namedBy is what named
// path, and starts the errors about the file itself (missing, a
// directory): "--config" (a usage error, as any bad flag value is),
// "SHORE_CONFIG", or "config file" for a file shore chose that must exist;
// "" for the default file, which is an empty File when missing. A pipe or
// a FIFO that gives no end within timeout (Sources.ReadTimeout) is an
// error naming the file; the end of ctx ends a read that waits, with its
// cause.
func ReadFile(ctx context.Context, path, namedBy string, timeout time.Duration) (*File, error) {
	f := &File{Profiles: map[string]Profile{}, Sections: map[string]map[string]any{}, sectionLines: map[string]int{}}
	if path == "" {
		return f, nil
	}
	where := namedBy
	if where == "" {
		where = "config file"
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) && namedBy == "" {
			f.Missing = path
			return f, nil
		}
		hint := ""
		if strings.Contains(path, "=") {
			// topics create -c takes key=value; --config is this file.
			hint = " (a topic setting goes to topics create -c/--topic-config)"
		}
		return nil, Errorf("%s %s: %v%s", where, path, errors.Unwrap(err), hint)
	}
	raw, err := readSmall(ctx, where, path, timeout)
	if fileread.Interrupted(err) {
		return nil, err
	}
	if err != nil {
		return nil, Errorf("%v", err)
	}
	doc, err := parseYAML(path, raw)
	if err != nil {
		return nil, err
	}
	if err := duplicateKey(path, &doc, ""); err != nil {
		return nil, err
	}
	if err := markedValue(path, &doc, "", aliases(&doc, map[*yaml.Node]bool{})); err != nil {
		return nil, err
	}
	f.Path = path
	if len(doc.Content) == 0 {
		return f, nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, Errorf("config file %s:%d: not a mapping of settings", path, top.Line)
	}
	r := &fileReader{path: path, noted: map[*yaml.Node]bool{}}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		switch {
		case k.Value == "current-profile":
			if err := f.currentProfile(unalias(v)); err != nil {
				return nil, err
			}
		case k.Value == "profiles":
			if err := r.profiles(v, f); err != nil {
				return nil, err
			}
		case isSection(k.Value):
			if n := unalias(v); n.Kind != yaml.MappingNode && n.Tag != "!!null" {
				return nil, Errorf("config file %s:%d: %s: want a mapping of %s's flags by long name%s", path, v.Line, k.Value, k.Value, notMapping(n))
			}
			m := map[string]any{}
			if err := v.Decode(&m); err != nil {
				return nil, Errorf("config file %s:%d: %s: %v", path, v.Line, k.Value, err)
			}
			f.Sections[k.Value] = m
			for j := 0; j+1 < len(v.Content); j += 2 {
				key, value := v.Content[j].Value, v.Content[j+1]
				f.sectionLines[k.Value+"."+key] = value.Line
				m[key] = asTyped(value, m[key])
			}
		case profileKey(k.Value):
			r.unknownKeys = append(r.unknownKeys, unknownKey{k.Value, k.Line, underProfiles})
		default:
			r.unknownTop(k, v)
		}
	}
	return f, r.unknownError()
}

// currentProfile takes the current-profile key's value n: a profile's
// name, or none when n is empty or YAML's null (~). A list or keys there
// is an error at its line: YAML would decode it, and shore would use no
// profile without a word.
func (f *File) currentProfile(n *yaml.Node) error {
	switch n.Kind {
	case yaml.SequenceNode:
		return Errorf("config file %s:%d: current-profile: a list, where one profile's name goes", f.Path, n.Line)
	case yaml.MappingNode:
		return Errorf("config file %s:%d: current-profile: keys under it, where one profile's name goes", f.Path, n.Line)
	}
	f.currentLine = n.Line
	if n.Tag != "!!null" {
		f.CurrentProfile = n.Value
	}
	return nil
}

// asTyped is a profile's or a command section's value, which shore reads
// as text (a setting as the environment gives it, a flag's default as the
// command line would): a number or time as typed, not as YAML decodes and
// Go prints it (username: 0123 is not 83, group: 007 not the group 7, rate:
// 1e-400 not 0, group: 1.50 not 1.5, to: 2026-12-01T10:00:00Z not the
// time.Time's print), in a list too; decoded otherwise.
func asTyped(n *yaml.Node, decoded any) any {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!int" || n.Tag == "!!float" || n.Tag == "!!timestamp" {
			return n.Value
		}
	case yaml.SequenceNode:
		if items, ok := decoded.([]any); ok && len(items) == len(n.Content) {
			for i, c := range n.Content {
				items[i] = asTyped(c, items[i])
			}
		}
	}
	return decoded
}

// unalias returns the node an alias (*base) stands for, or n.
func unalias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n.Alias
	}
	return n
}

// isNull reports whether n is YAML's null: a key with nothing after it,
// ~ or null.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// noValue is the error for a setting or a command's flag default, at
// where, that has no value (client-id:, key: with nothing after them):
// most likely one left to fill in, which would otherwise set nothing, or an
// empty string, without a word. A group of settings (tls:), a profile or a
// section with nothing under it sets nothing, as commented out.
func noValue(where string) error {
	return Errorf("%s: no value: give one ('' for an empty string) or leave the key out", where)
}

// keyValue is a key of a mapping and its value; merged says that a merge
// key brought it.
type keyValue struct {
	k, v   *yaml.Node
	merged bool
}

// mappingPairs returns the keys and values of mapping n as YAML reads
// them: its own, then those its merge keys (<<: *base, or <<: [*a, *b])
// bring that it lacks, an earlier mapping's first. A merge of anything but
// a mapping is an error at its line.
func mappingPairs(n *yaml.Node) ([]keyValue, error) {
	var out, from []keyValue
	have := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], unalias(n.Content[i+1])
		switch {
		case k.Tag != "!!merge":
			have[k.Value] = true
			out = append(out, keyValue{k: k, v: n.Content[i+1]})
		case v.Kind == yaml.SequenceNode:
			for _, m := range v.Content {
				from = append(from, keyValue{k: k, v: unalias(m)})
			}
		default:
			from = append(from, keyValue{k: k, v: v})
		}
	}
	for _, m := range from {
		if m.v.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%d: %s merges what is not a mapping: give it an alias of one (<<: *base, where base: &base {...})", m.k.Line, m.k.Value)
		}
		merged, err := mappingPairs(m.v)
		if err != nil {
			return nil, err
		}
		for _, kv := range merged {
			if !have[kv.k.Value] {
				have[kv.k.Value] = true
				kv.merged = true
				out = append(out, kv)
			}
		}
	}
	return out, nil
}

// underProfiles is what a profile's setting at the top of the file is told.
const underProfiles = "a profile's setting, it goes under profiles.NAME"

// topKeys are the keys the top of the file holds.
var topKeys = append([]string{"current-profile", "profiles"}, sections...)

// yamlLine is the place the YAML library gives in a syntax error.
var yamlLine = regexp.MustCompile(`^line (\d+): `)

// parseYAML parses raw, the file at path. A syntax error is told as
// "config file PATH:LINE: what", as the file's other errors are, at the
// line that breaks the file (see brokenLine); a tab that indents a line,
// which YAML refuses, is told at its own line, with what to do. A second
// document after ---, which a YAML parser would leave unread, is an error
// at its line: its settings would be lost without a word.
func parseYAML(path string, raw []byte) (yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) {
		return yaml.Node{}, nil
	}
	for err == nil {
		var next yaml.Node
		err = dec.Decode(&next)
		switch {
		case errors.Is(err, io.EOF):
			return doc, nil
		case err == nil && len(next.Content) > 0 && !isNull(next.Content[0]):
			return doc, Errorf("config file %s:%d: a second YAML document (after ---): shore reads one; merge them", path, next.Content[0].Line)
		}
	}
	line, msg := yamlError(err)
	line = brokenLine(raw, line, msg)
	if tab := tabIndented(raw, line); tab > 0 {
		return doc, Errorf("config file %s:%d: %s (a tab indents the line; YAML indents with spaces)", path, tab, msg)
	}
	if at, hint := syntaxHint(raw, line, msg); hint != "" {
		return doc, Errorf("config file %s:%d: %s", path, at, hint)
	}
	return doc, Errorf("config file %s:%d: %s", path, line, msg)
}

// yamlError is the line of a syntax error of the YAML library, and what
// it says. The library's line is where the construct in error starts (the
// mapping that a line breaks), counted from 0 in its parser's errors, and
// left out on the first line.
func yamlError(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	line = 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
	}
	return line, msg
}

// brokenLineBudget bounds the bytes brokenLine parses, all its parses
// together: enough for a file of a few hundred lines, and a large one is
// not searched for long (the YAML library parses some 4 MiB a second).
const brokenLineBudget = 1 << 20

// brokenLine is the line that breaks raw, whose syntax error says msg at
// line from, the start of the construct in error: the first line from
// there on where raw up to and including it fails with msg as the whole
// does (a key indented less than its mapping's, a list item among keys),
// or from when none does within brokenLineBudget. The YAML library gives
// no other place for a parser's error.
func brokenLine(raw []byte, from int, msg string) int {
	parsed := 0
	for line, end := 1, 0; end < len(raw); line++ {
		end = lineEnd(raw, end)
		if line < from {
			continue
		}
		if parsed += end; parsed > brokenLineBudget {
			break
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(raw[:end], &doc); err != nil {
			if _, m := yamlError(err); m == msg {
				return line
			}
		}
	}
	return from
}

// lineEnd is the offset just past the line of raw that starts at start:
// past its CR LF, LF or CR, each of which ends a line in YAML, or the end
// of raw.
func lineEnd(raw []byte, start int) int {
	i := bytes.IndexAny(raw[start:], "\r\n")
	if i < 0 {
		return len(raw)
	}
	end := start + i + 1
	if raw[end-1] == '\r' && end < len(raw) && raw[end] == '\n' {
		end++
	}
	return end
}

// splitLines splits raw after each line's end as YAML counts them (see
// lineEnd), keeping the ends.
func splitLines(raw []byte) [][]byte {
	var lines [][]byte
	for start := 0; start < len(raw); {
		end := lineEnd(raw, start)
		lines = append(lines, raw[start:end])
		start = end
	}
	return lines
}

// yamlLines are the lines of raw as YAML counts them, at each CR LF, LF
// or CR, without their ends.
func yamlLines(raw []byte) []string {
	return strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(string(raw)), "\n")
}

// tabIndented is the number of the first line from the line before from on
// whose indentation holds a tab, or 0. The YAML library says only where the
// construct such a tab breaks starts, at most a line before it.
func tabIndented(raw []byte, from int) int {
	for i, line := range yamlLines(raw) {
		if indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]; i+2 >= from && strings.Contains(indent, "\t") {
			return i + 1
		}
	}
	return 0
}

// secretKey reports whether key is the profile key of a secret setting
// (Setting.Secret).
func secretKey(key string) bool {
	s, _ := settingByKey(key)
	return s.Secret != ""
}

// profileKey reports whether key is a setting, or a group of settings
// (tls), that a profile holds.
func profileKey(key string) bool {
	for _, s := range Settings() {
		if s.Key == key || strings.HasPrefix(s.Key, key+".") {
			return true
		}
	}
	return false
}

func isSection(name string) bool {
	for _, s := range sections {
		if s == name {
			return true
		}
	}
	return false
}

type fileReader struct {
	path        string
	unknownKeys []unknownKey // in file order
	// noted are the keys of profiles in unknownKeys: a mapping that
	// profiles share (<<: *base, tls: *tls) holds an unknown key once,
	// however many merge it.
	noted map[*yaml.Node]bool
}

// unknownKey is a key of the file that shore does not know, and what to
// tell the user about it ("did you mean brokers?"), if anything.
type unknownKey struct {
	key  string
	line int
	note string
}

// unknown notes k, named key, as unknown, unless it is noted already
// (under the first profile that has it), with note, what to tell the user
// about it, if anything.
func (r *fileReader) unknown(k *yaml.Node, key, note string) {
	if r.noted[k] {
		return
	}
	r.noted[k] = true
	r.unknownKeys = append(r.unknownKeys, withoutValue(unknownKey{key, k.Line, note}, k.Value))
}

// withoutValue is u, whose key ends in last, with the text after a
// setting's name and a space in last left out, and a note saying so, when
// last starts so: YAML reads 'password S3cret' in a flow mapping
// ({password S3cret}), or before a colon, as one key, and the text after
// the name, likely its value, may be a secret. A name with a colon too
// many (brokers:: HOST, read as the key brokers:) is noted as such.
func withoutValue(u unknownKey, last string) unknownKey {
	if name, ok := strings.CutSuffix(last, ":"); ok && knownName(name) {
		colon := "a colon too many after " + name
		if u.note == "" || u.note == "did you mean "+name+"?" {
			u.note = colon + ": write " + name + ": VALUE"
		} else {
			u.note = colon + "; " + u.note
		}
		return u
	}
	name, rest, ok := strings.Cut(last, " ")
	if !ok || strings.TrimSpace(rest) == "" || !knownName(name) {
		return u
	}
	u.key = strings.TrimSuffix(u.key, last) + name
	u.note = name + " and text after it, not shown: is a colon missing? write " + name + ": VALUE"
	return u
}

// knownName reports whether name is a key of the top of the file, or a
// setting's name or its last part (mechanism of sasl.mechanism).
func knownName(name string) bool {
	if slices.Contains(topKeys, name) {
		return true
	}
	for _, s := range Settings() {
		if s.Key != "" && (s.Key == name || strings.HasSuffix(s.Key, "."+name)) {
			return true
		}
	}
	return false
}

// profileNote is what to tell of rel, a profile's key that is none of its
// settings, whose value is v: the setting of the empty group before it
// (sasl: with nothing under it) that it names, when there is one, which it
// was likely meant to be indented under; the Kafka client property it is,
// or that it and the keys under it spell (security: then protocol:); when
// the profile is named as a group of settings (tls) and rel is one of
// them, that the group was indented as deep as the profile's name; else
// the setting it most likely meant, or "".
func profileNote(rel string, v *yaml.Node, profile string, emptyGroup *yaml.Node, prefix string, known map[string]bool) string {
	if emptyGroup != nil {
		if group := prefix + emptyGroup.Value; known[group+"."+strings.TrimPrefix(rel, prefix)] {
			return fmt.Sprintf("did you mean %s.%s? indent it under %s: at line %d", group, strings.TrimPrefix(rel, prefix), emptyGroup.Value, emptyGroup.Line)
		}
	}
	if note := nestedPropertyNote(rel, v); note != "" {
		return note
	}
	if known[profile+"."+rel] {
		return fmt.Sprintf("is %s a group of settings indented as deep as its profile's name? indent it under the name", profile)
	}
	if note := groupNote(rel); note != "" {
		return note
	}
	if s := suggest(rel, profileKeys()); s != "" {
		return "did you mean " + s + "?"
	}
	return ""
}

// groupNote is what to tell of key, right under a profile, when it is the
// name of a group's setting (password, for sasl.password and
// registry.password): the settings it may be, and the groups to indent it
// under; else "".
func groupNote(key string) string {
	var settings, groups []string
	for _, s := range Settings() {
		if group, name, ok := strings.Cut(s.Key, "."); ok && name == key {
			settings, groups = append(settings, s.Key), append(groups, group+":")
		}
	}
	if len(settings) == 0 {
		return ""
	}
	return fmt.Sprintf("did you mean %s? indent it under %s", format.List(settings, "or"), format.List(groups, "or"))
}

// unknownTop notes k, a key at the top of the file whose value is v, as
// unknown, and tells the Kafka client property it and the keys under it
// are, else suggests the top-level key it most likely meant or else, told
// that it goes under profiles.NAME, the profile's setting (brokr for
// brokers).
func (r *fileReader) unknownTop(k, v *yaml.Node) {
	key, note := k.Value, ""
	if n := nestedPropertyNote(key, v); n != "" {
		note = n + "; " + underProfiles
	} else if s := suggest(key, topKeys); s != "" {
		note = "did you mean " + s + "?"
	} else if s := suggest(key, profileKeys()); s != "" {
		note = "did you mean " + s + "? " + underProfiles
	}
	r.unknownKeys = append(r.unknownKeys, withoutValue(unknownKey{key, k.Line, note}, key))
}

// nestedPropertyNote is kafkaPropertyNote of key, or of the first Kafka
// client property that key and the keys of the mappings under it, its
// value v, spell as YAML nests them: security: then protocol: under it is
// security.protocol. Aliases under v are not followed, so the walk is as
// long as the file.
func nestedPropertyNote(key string, v *yaml.Node) string {
	if note := kafkaPropertyNote(key); note != "" {
		return note
	}
	if v == nil || v.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		if note := nestedPropertyNote(key+"."+v.Content[i].Value, v.Content[i+1]); note != "" {
			return note
		}
	}
	return ""
}

// unknownError is the one error for the unknown keys, at the line of the
// first: "config file F:4: unknown key profiles.a.broker (did you mean
// brokers?), and currnt-profile at line 1 (...); config.example.yaml lists
// every key", or nil when there are none.
func (r *fileReader) unknownError() error {
	if len(r.unknownKeys) == 0 {
		return nil
	}
	var b strings.Builder
	hidden := false
	for i, u := range r.unknownKeys {
		if i == maxUnknownShown {
			fmt.Fprintf(&b, ", and %d more", len(r.unknownKeys)-i)
			break
		}
		key := u.key
		if !nameLike(key) {
			key, hidden = "("+format.Count(len(key), "character")+", not shown)", true
		}
		switch {
		case i == 0:
			fmt.Fprintf(&b, "config file %s:%d: unknown key %s", r.path, u.line, key)
		default:
			fmt.Fprintf(&b, ", and %s at line %d", key, u.line)
		}
		if u.note != "" {
			fmt.Fprintf(&b, " (%s)", u.note)
		}
	}
	if hidden {
		b.WriteString("; keys that could be no setting's name are not shown (is this a shore configuration file?)")
	}
	b.WriteString("; config.example.yaml lists every key")
	return Errorf("%s", b.String())
}

// maxUnknownShown is how many unknown keys the error names; it counts the
// rest.
const maxUnknownShown = 5

// nameLike reports whether an unknown key could be a setting's name
// mistyped (letters, digits, '-', '_', '.', ' ', at most 64 characters,
// and a colon after them, typed twice: brokers::), and so is named on
// stderr. Other keys are not: a file given by mistake
// (--config /etc/shadow, a credentials file) reads as keys like
// "root:$6$..." whose text may be a secret, and stderr often goes to a CI
// log.
func nameLike(key string) bool {
	return len(key) <= 64 && strings.Trim(strings.TrimSuffix(key, ":"), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_. ") == ""
}

// duplicateKey refuses a mapping of n, or of the nodes under it, that
// gives one key twice: the YAML library keeps the last silently, so a
// profile copied and edited, or a setting given twice, would lose one
// without a word; and a key that is no name (YAML's ? [a]), which would
// read as an empty one, or an empty one, which was told as "unknown key
// profiles.a." or, at the top, as a profile's setting. path is where n is
// ("profiles.a").
func duplicateKey(file string, n *yaml.Node, path string) error {
	seen := map[string]int{}
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			if c.Kind != yaml.ScalarNode {
				// YAML's ? [a] or ? {a: b}: shore's keys are names, and
				// this one's would read as empty.
				return Errorf("config file %s:%d: %s", file, c.Line, strings.TrimPrefix(path+": a key that is a list, a mapping or an alias, where a name goes", ": "))
			}
			if c.Value == "" && path != "profiles" {
				// "": 1, or nothing before the colon; a profile's
				// empty name is profileName's.
				return Errorf("config file %s:%d: %s", file, c.Line, strings.TrimPrefix(path+`: a key without a name ("" or nothing before the colon), where a setting's goes`, ": "))
			}
			key := strings.TrimPrefix(path+"."+c.Value, ".")
			if first, dup := seen[c.Value]; dup {
				return givenTwice(file, c.Line, key, first)
			}
			seen[c.Value] = c.Line
			continue
		}
		sub := path
		if n.Kind == yaml.MappingNode {
			sub = strings.TrimPrefix(path+"."+n.Content[i-1].Value, ".")
		}
		if err := duplicateKey(file, c, sub); err != nil {
			return err
		}
	}
	return nil
}

// givenTwice is the error for key, given at line of file, and first at
// line first.
func givenTwice(file string, line int, key string, first int) error {
	return Errorf("config file %s:%d: %s is given twice (first at line %d); keep one", file, line, key, first)
}

// profiles reads the profiles key's value n into f. Empty (every profile
// commented out) or YAML's null (~), it holds no profiles, as an empty
// profile holds no settings and an empty produce: no defaults.
func (r *fileReader) profiles(n *yaml.Node, f *File) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return Errorf("config file %s:%d: profiles: want a mapping of profile names%s", r.path, n.Line, notMapping(n))
	}
	known, groups := map[string]bool{}, map[string]bool{}
	for _, s := range Settings() {
		if s.Key == "" {
			continue
		}
		known[s.Key] = true
		parts := strings.Split(s.Key, ".")
		for i := 1; i < len(parts); i++ {
			groups[strings.Join(parts[:i], ".")] = true
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if err := r.profileName(n.Content[i]); err != nil {
			return err
		}
		name := n.Content[i].Value
		p := Profile{name: name, values: map[string]any{}, lines: map[string]int{}, cutSecrets: map[string]bool{}}
		if err := r.profile(n.Content[i+1], "", &p, known, groups); err != nil {
			return err
		}
		f.Profiles[name] = p
	}
	return nil
}

// profileName refuses a profile's key k that names no profile: YAML's null
// (~, null, or nothing before the colon) or an empty string. Such a
// profile loaded, but current-profile: ~ reads as none and --profile ""
// is refused, so nothing could choose it.
func (r *fileReader) profileName(k *yaml.Node) error {
	var what string
	switch {
	case isNull(k) && k.Value != "":
		what = k.Value + " is YAML's null, not a name"
	case isNull(k), k.Value == "":
		what = "a profile without a name"
	default:
		return nil
	}
	return Errorf("config file %s:%d: profiles: %s; --profile and current-profile cannot choose it: name the profile", r.path, k.Line, what)
}

// profile walks one profile's mapping (or a group of it, such as tls:)
// under prefix, keeping the settings and noting unknown keys.
func (r *fileReader) profile(n *yaml.Node, prefix string, p *Profile, known, groups map[string]bool) error {
	n = unalias(n)
	if isNull(n) {
		return nil
	}
	path := "profiles." + p.name + strings.TrimSuffix("."+prefix, ".")
	if n.Kind != yaml.MappingNode {
		if prefix == "" && profileKey(p.name) {
			// brokers: indented as deep as the profile's name
			// above it reads as a profile of its own.
			return Errorf("config file %s:%d: %s: want a mapping of settings; is %s a setting indented as deep as its profile's name? indent it under the name", r.path, n.Line, path, p.name)
		}
		hint := notMapping(n)
		if group := strings.TrimSuffix(prefix, "."); hint == "" && n.Kind == yaml.ScalarNode && known[prefix+"enabled"] {
			// tls: true, for TLS on
			hint = fmt.Sprintf("; %s: {enabled: true} turns it on", group)
		}
		return Errorf("config file %s:%d: %s: want a mapping of settings%s", r.path, n.Line, path, hint)
	}
	pairs, err := mappingPairs(n)
	if err != nil {
		return Errorf("config file %s:%v", r.path, err)
	}
	// emptyGroup is the group this mapping gave nothing, as far as the
	// keys after it are none of the profile's: keys meant to be under it
	// but indented as deep as it are.
	var emptyGroup *yaml.Node
	for _, pr := range pairs {
		k, v := pr.k, unalias(pr.v)
		key := prefix + k.Value
		switch {
		case known[key]:
			emptyGroup = nil
			if first, dup := p.lines[key]; dup {
				if pr.merged {
					continue // given in the profile itself: it wins
				}
				return givenTwice(r.path, v.Line, "profiles."+p.name+"."+key, first)
			}
			if isNull(v) {
				return noValue(fmt.Sprintf("config file %s:%d: %s.%s", r.path, v.Line, path, k.Value))
			}
			var value any
			if err := v.Decode(&value); err != nil {
				return Errorf("config file %s:%d: %s.%s: %v", r.path, v.Line, path, k.Value, err)
			}
			setPath(p.values, key, asTyped(v, value))
			p.lines[key] = v.Line
			if v.Kind == yaml.ScalarNode && v.Style == 0 && v.LineComment != "" && secretKey(key) {
				p.cutSecrets[key] = true
			}
		case groups[key]:
			emptyGroup = nil
			if isNull(v) && !pr.merged {
				emptyGroup = k
			}
			if err := r.profile(v, key+".", p, known, groups); err != nil {
				return err
			}
		default:
			r.unknown(k, path+"."+k.Value, profileNote(key, v, p.name, emptyGroup, prefix, known))
		}
	}
	return nil
}
