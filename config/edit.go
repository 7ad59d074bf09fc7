package config

import (
	"bytes"
	"os"

	"go.yaml.in/yaml/v3"
)

// SetCurrentProfile rewrites the file's current-profile, keeping its comments
// and the order of its keys.
func SetCurrentProfile(path, name string) error {
	raw, err := readSmall("config file", path)
	if err != nil {
		return configErrorf("%v", err)
	}
	doc, err := parseYAML(path, raw)
	if err != nil {
		return err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return configErrorf("config file %s: not a mapping of settings", path)
	}
	top := doc.Content[0]
	found := false
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "current-profile" {
			top.Content[i+1].Value = name
			top.Content[i+1].Tag = "!!str"
			found = true
		}
	}
	if !found {
		top.Content = append([]*yaml.Node{
			{Kind: yaml.ScalarNode, Value: "current-profile"},
			{Kind: yaml.ScalarNode, Value: name, Tag: "!!str"},
		}, top.Content...)
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	return os.WriteFile(path, out.Bytes(), info.Mode().Perm())
}
