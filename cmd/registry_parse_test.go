package cmd

import (
	"testing"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/registry"
)

func TestRegistryParse(t *testing.T) {
	t.Run("show", func(t *testing.T) {
		fl := &registryShowFlags{output: "table"}
		got, err := fl.parse([]string{"orders-value"}, givenOnly())
		wantParse(t, got, err, &registryShowOptions{Subject: "orders-value", Version: registry.Latest, Output: "table"}, "")
		got, err = fl.parse([]string{"orders-value", "3"}, givenOnly())
		wantParse(t, got, err, &registryShowOptions{Subject: "orders-value", Version: 3, Output: "table"}, "")
		fl = &registryShowFlags{id: 7, output: "schema"}
		got, err = fl.parse(nil, givenOnly("id", "output"))
		wantParse(t, got, err, &registryShowOptions{ID: 7, Version: registry.Latest, Output: "schema"}, "")
	})
	t.Run("check", func(t *testing.T) {
		fl := &registryCheckFlags{schema: schemaFileFlags{Type: "avro", Refs: []string{"A=a"}}, version: "all", output: "json"}
		want := &registryCheckOptions{Subject: "s", Schema: schemaFileFlags{File: "-", Type: "avro", Refs: []string{"A=a"}}, Version: registry.All, Output: "json"}
		got, err := fl.parse([]string{"s", "-"}, givenOnly("type", "ref", "output"))
		wantParse(t, got, err, want, "")
		fl.version, want.Version = "latest", registry.Latest
		got, err = fl.parse([]string{"s", "-"}, givenOnly("version"))
		wantParse(t, got, err, want, "")
	})
	t.Run("compat", func(t *testing.T) {
		full := sr.CompatFullTransitive
		got, err := (&registryCompatFlags{set: "full_transitive", output: "table"}).parse([]string{"a", "b"}, givenOnly("set"))
		wantParse(t, got, err, &registryCompatOptions{Subjects: []string{"a", "b"}, Set: &full, Output: "table"}, "")
		got, err = (&registryCompatFlags{output: "table"}).parse([]string{"a", "b", "a"}, givenOnly())
		wantParse(t, got, err, &registryCompatOptions{Subjects: []string{"a", "b"}, Output: "table"}, "")
		got, err = (&registryCompatFlags{output: "table"}).parse(nil, givenOnly())
		wantParse(t, got, err, &registryCompatOptions{Output: "table"}, "")
	})
	t.Run("delete", func(t *testing.T) {
		got, err := (&registryDeleteFlags{permanent: true, yes: true, output: "table"}).parse([]string{"s", "latest"}, givenOnly("permanent", "yes"))
		wantParse(t, got, err, &registryDeleteOptions{Subject: "s", Version: registry.Latest, Permanent: true, Yes: true, Output: "table"}, "")
		got, err = (&registryDeleteFlags{dryRun: true, output: "table"}).parse([]string{"s"}, givenOnly("dry-run"))
		wantParse(t, got, err, &registryDeleteOptions{Subject: "s", DryRun: true, Output: "table"}, "")
	})
}
