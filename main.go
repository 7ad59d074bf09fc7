// Command shore is a command-line toolkit for Apache Kafka.
package main

import (
	"os"

	"github.com/kafkashore/shore/cmd"
)

func main() { os.Exit(cmd.Main()) }
