package cmd

import (
	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/topics"
)

func newTopicsCmd(f *Factory) *cobra.Command {
	c := asNoun(&cobra.Command{
		Use:   "topics",
		Short: "List, describe, create, delete and change topics",
		Long: `List, describe, create, delete and change topics. Inspection never creates
a topic, whatever the broker's auto.create.topics.enable says. Every verb
writes a table (-o table, the default) or JSON (-o json).

` + adminExitStatus,
	})
	c.AddCommand(
		newTopicsListCmd(f, nil),
		newTopicsDescribeCmd(f, nil),
		newTopicsCreateCmd(f, nil),
		newTopicsDeleteCmd(f, nil),
		newTopicsAlterConfigCmd(f, nil),
		newTopicsAddPartitionsCmd(f, nil),
	)
	return c
}

// checkTopicNames makes a topic name Kafka would refuse a usage error,
// before any request is sent.
func checkTopicNames(names ...string) error {
	for _, n := range names {
		if err := topics.CheckName(n); err != nil {
			return &usageError{err: err}
		}
	}
	return nil
}
