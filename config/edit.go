package config

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"

	"github.com/kafkashore/shore/internal/fileread"
	"go.yaml.in/yaml/v3"
)

// SetCurrentProfile sets the file's current-profile. Only that line
// changes when the key and its value share one line, and a missing key is
// one line added before the first key; otherwise the file is written again
// from its parse, which keeps comments and the order of keys but not every
// quote, bracket and blank line. A path that is not a regular file (a
// pipe) is refused before it is read.
func SetCurrentProfile(ctx context.Context, path, name string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		// read already by the command (<(...)), it would read as empty now
		return fmt.Errorf("config file %s is not a regular file (a pipe?), which config use cannot change", path)
	}
	// a regular file, which does not wait
	raw, err := readSmall(ctx, "config file", path, DefaultTimeout)
	if fileread.Interrupted(err) {
		return err
	}
	if err != nil {
		return Errorf("%v", err)
	}
	doc, err := parseYAML(path, raw)
	if err != nil {
		return err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return Errorf("config file %s: not a mapping of settings", path)
	}
	out, err := withCurrentProfile(raw, &doc, name)
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, info.Mode().Perm())
}

// withCurrentProfile is raw, parsed as doc, with current-profile set to
// name.
func withCurrentProfile(raw []byte, doc *yaml.Node, name string) ([]byte, error) {
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, value := top.Content[i], top.Content[i+1]
		if key.Value != "current-profile" {
			continue
		}
		if line, ok := scalarLine(raw, top, key, value); ok {
			out := replaceLine(raw, line, key, name, value.LineComment+key.LineComment)
			if sameBut(raw, out, name) {
				return out, nil
			}
		}
		value.Kind, value.Value, value.Tag, value.Style = yaml.ScalarNode, name, "!!str", 0
		value.Content = nil
		return encodeYAML(doc)
	}
	if out, ok := insertBefore(raw, top, name); ok {
		return out, nil
	}
	top.Content = append([]*yaml.Node{
		{Kind: yaml.ScalarNode, Value: "current-profile"},
		{Kind: yaml.ScalarNode, Value: name, Tag: "!!str"},
	}, top.Content...)
	return encodeYAML(doc)
}

// insertBefore is raw with the line current-profile: name before the line
// of top's first key, when top is a block mapping whose keys start a line
// and raw then reads as before but for current-profile.
func insertBefore(raw []byte, top *yaml.Node, name string) ([]byte, bool) {
	if top.Style&yaml.FlowStyle != 0 || len(top.Content) == 0 || top.Content[0].Column != 1 {
		return nil, false
	}
	lines := splitLines(raw)
	at := top.Content[0].Line - 1
	if at >= len(lines) {
		return nil, false
	}
	ending := lines[at][len(bytes.TrimRight(lines[at], "\r\n")):]
	if len(ending) == 0 {
		ending = []byte("\n")
	}
	line := append([]byte(profileLine(name)), ending...)
	out := bytes.Join(append(lines[:at:at], append([][]byte{line}, lines[at:]...)...), nil)
	return out, sameBut(raw, out, name)
}

// scalarLine reports the line (from 1) that holds both key and its value,
// when the value is a scalar that starts there and top a block mapping.
func scalarLine(raw []byte, top, key, value *yaml.Node) (int, bool) {
	block := top.Style&yaml.FlowStyle == 0 && value.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0
	return key.Line, block && value.Kind == yaml.ScalarNode && value.Line == key.Line && key.Line <= len(splitLines(raw))
}

// sameBut reports whether out reads as raw does but for current-profile,
// which is name: a plain value continued on the next line, for one, would
// not.
func sameBut(raw, out []byte, name string) bool {
	var before, after map[string]any
	if yaml.Unmarshal(raw, &before) != nil || yaml.Unmarshal(out, &after) != nil {
		return false
	}
	before["current-profile"] = name
	return reflect.DeepEqual(before, after)
}

// replaceLine writes line again as key: name, at the key's indentation,
// keeping the line's comment and ending.
func replaceLine(raw []byte, line int, key *yaml.Node, name, comment string) []byte {
	lines := splitLines(raw)
	old := lines[line-1]
	ending := old[len(bytes.TrimRight(old, "\r\n")):]
	text := string(old[:key.Column-1]) + profileLine(name)
	if comment != "" {
		text += " " + comment
	}
	lines[line-1] = append([]byte(text), ending...)
	return bytes.Join(lines, nil)
}

// profileLine is the text of the line current-profile: name, the name
// quoted where YAML needs it.
func profileLine(name string) string {
	value, _ := yaml.Marshal(name) // a string always encodes
	return "current-profile: " + strings.TrimSuffix(string(value), "\n")
}

func encodeYAML(doc *yaml.Node) ([]byte, error) {
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
