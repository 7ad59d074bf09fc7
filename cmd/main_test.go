package cmd_test

import (
	"os"
	"testing"

	"github.com/kafkashore/shore/internal/shoretest"
)

// TestMain removes the shore binary the process tests build and the
// certificates the secured test clusters needed.
func TestMain(m *testing.M) { os.Exit(shoretest.Main(m)) }
