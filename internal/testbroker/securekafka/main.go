// Command securekafka prepares the secured listeners of the real test
// cluster: it writes a fresh testcerts set into DIR and, beside it,
// kafka-security.properties for kafka/up.sh's KAFKA_EXTRA_CONFIG with
// KAFKA_EXTRA_LISTENERS="SASL_PLAINTEXT SSL SASL_SSL":
//
//	go run ./internal/testbroker/securekafka DIR
//
// The SCRAM users are created by the tests themselves (testbroker.Secured),
// over the plaintext listener.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testcerts"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: securekafka DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "securekafka:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	set, err := testcerts.New()
	if err != nil {
		return err
	}
	if _, err := set.Write(dir); err != nil {
		return err
	}
	props := testbroker.KafkaSecurityProperties(set)
	return os.WriteFile(filepath.Join(dir, "kafka-security.properties"), []byte(props), 0o600)
}
