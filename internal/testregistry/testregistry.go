// Package testregistry gives integration tests a schema registry to talk to:
// the Confluent-compatible registry at SHORE_TEST_REGISTRY (Apicurio's
// /apis/ccompat/v7 under make test-kafka) or, when that is unset, one
// in-process registry per test binary, shore dev's (srfake with real Avro
// compatibility checks). The same tests run against both, so they must not
// rely on what only one does: Apicurio's default compatibility level is
// NONE, shore dev's BACKWARD; shore dev finds every Protobuf and JSON Schema
// version compatible.
package testregistry

import (
	"os"
	"sync"
	"testing"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/devregistry"
)

// EnvRegistry names the environment variable that points the tests at a
// real registry.
const EnvRegistry = "SHORE_TEST_REGISTRY"

var shared struct {
	once sync.Once
	url  string
	err  error
}

// URL returns the registry every test of this binary shares. Tests keep out
// of each other's way by using their own subjects (named after their own
// topics).
func URL(t testing.TB) string {
	t.Helper()
	shared.once.Do(func() {
		if env := os.Getenv(EnvRegistry); env != "" {
			shared.url = env
			return
		}
		// The registry lives as long as the test binary: the process exit
		// closes its listener.
		reg, err := devregistry.Start(devregistry.Options{Listen: "127.0.0.1:0"})
		if err != nil {
			shared.err = err
			return
		}
		shared.url = reg.URL()
	})
	if shared.err != nil {
		t.Fatalf("start the test registry: %v", shared.err)
	}
	return shared.url
}

// Client returns a client of the shared registry.
func Client(t testing.TB) *sr.Client {
	t.Helper()
	cl, err := sr.NewClient(sr.URLs(URL(t)))
	if err != nil {
		t.Fatalf("registry client: %v", err)
	}
	return cl
}

// Real reports whether the tests run against SHORE_TEST_REGISTRY.
func Real() bool { return os.Getenv(EnvRegistry) != "" }
