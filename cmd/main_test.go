package cmd_test

import (
	"os"
	"testing"

	"github.com/kafkashore/shore/internal/shoretest"
)

// TestMain removes the shore binary that the process tests build.
func TestMain(m *testing.M) { os.Exit(shoretest.Main(m)) }
