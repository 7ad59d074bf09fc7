package connect_test

import (
	"os"
	"testing"

	"github.com/kafkashore/shore/internal/testbroker"
)

// TestMain removes the certificates the secured test clusters needed.
func TestMain(m *testing.M) { os.Exit(testbroker.Main(m)) }
