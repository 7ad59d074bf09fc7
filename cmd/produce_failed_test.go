package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Stdin redirected from --failed's file (shore produce T --json --failed F
// < F) is the same file, and refused as a file operand is.
func TestFailedIsInput(t *testing.T) {
	name := filepath.Join(t.TempDir(), "resend.json")
	if err := os.WriteFile(name, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdin, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	err = failedIsInput("--failed", name, produceInputs(stdin, nil), stdin)
	want := "--failed " + name + " is also the input stdin: writing it would empty it before it is read; write the failures to another file"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v; want %q", err, want)
	}
	other := filepath.Join(t.TempDir(), "other.json")
	if err := failedIsInput("--failed", other, produceInputs(stdin, nil), stdin); err != nil {
		t.Fatalf("a new file: %v", err)
	}
	if err := failedIsInput("--failed", name, produceInputs(strings.NewReader("{}\n"), nil), strings.NewReader("")); err != nil {
		t.Fatalf("stdin not a file: %v", err)
	}
}
