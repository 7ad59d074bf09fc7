package testregistry

import (
	"context"
	"testing"

	"github.com/twmb/franz-go/pkg/sr"
)

// TestRegisterAndFetch checks the shared registry answers the Confluent API:
// a schema registered under a subject comes back by its id.
func TestRegisterAndFetch(t *testing.T) {
	cl := Client(t)
	ctx := context.Background()
	text := `{"type":"record","name":"TestRegistryProbe","fields":[{"name":"n","type":"long"}]}`
	ss, err := cl.CreateSchema(ctx, t.Name()+"-value", sr.Schema{Schema: text, Type: sr.TypeAvro})
	if err != nil {
		t.Fatal(err)
	}
	got, err := cl.SchemaByID(ctx, ss.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Type != sr.TypeAvro {
		t.Errorf("type %v, want AVRO", got.Type)
	}
}
