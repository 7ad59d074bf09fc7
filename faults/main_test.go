package faults

import (
	"os"
	"testing"

	"github.com/kafkashore/shore/internal/shoretest"
)

// TestMain removes the shore binary the tests build.
func TestMain(m *testing.M) { os.Exit(shoretest.Main(m)) }
