package peers

import (
	_ "embed"
	"os"
	"path/filepath"
	"testing"
)

// confluentPeer is the script RunConfluent runs; its doc string lists its
// commands.
//
//go:embed confluent_peer.py
var confluentPeer string

// ConfluentVenv is where `make peer-venv` puts the virtualenv with
// confluent-kafka, relative to the repository root.
const ConfluentVenv = ".peers/venv"

// ConfluentPython returns the interpreter of the confluent-kafka
// virtualenv, or skips the test when there is none.
func ConfluentPython(t testing.TB) string {
	t.Helper()
	root, err := repoRoot()
	if err == nil {
		python := filepath.Join(root, ConfluentVenv, "bin", "python")
		if _, err = os.Stat(python); err == nil {
			return python
		}
	}
	t.Skipf("the confluent-kafka virtualenv is missing (%v; make peer-venv creates it); skipping the check against confluent-kafka's serializers", err)
	return ""
}

// RunConfluent runs the confluent-kafka peer script (confluent_peer.py:
// produce or consume through confluent-kafka's schema registry serializers)
// with args and stdin and returns its stdout; a non-zero exit or Timeout
// fails the test with both streams.
func RunConfluent(t testing.TB, stdin string, args ...string) string {
	t.Helper()
	python := ConfluentPython(t)
	path := filepath.Join(t.TempDir(), "confluent_peer.py")
	if err := os.WriteFile(path, []byte(confluentPeer), 0o600); err != nil {
		t.Fatal(err)
	}
	return run(t, python, stdin, append([]string{path}, args...)...)
}

// repoRoot is the nearest directory above the working directory that holds
// go.mod: tests run in their package's directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
