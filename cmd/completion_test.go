package cmd

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/internal/testbroker"
)

// completeGroups has no command of its own yet: call it as groups commands
// will.
func TestCompleteGroups(t *testing.T) {
	topic := testbroker.Topic(t, 1, nil)
	prefix := testbroker.Name(t, "group")
	groups := []string{prefix + "-b", prefix + "-a"}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	adm := testbroker.Admin(t)
	for _, g := range groups {
		offsets := kadm.Offsets{}
		offsets.AddOffset(topic, 0, 0, -1)
		if err := adm.CommitAllOffsets(ctx, g, offsets); err != nil {
			t.Fatalf("commit for %s: %v", g, err)
		}
	}
	t.Cleanup(func() { _, _ = adm.DeleteGroups(context.Background(), groups...) })

	streams, _, _ := TestStreams("")
	env := map[string]string{"SHORE_BROKERS": strings.Join(testbroker.Brokers(t), ","), "HOME": t.TempDir()}
	f := &Factory{IO: streams, Env: env, Now: time.Now}
	NewRootCmd(f) // sets the flags the Factory reads
	c := &cobra.Command{}
	c.SetContext(ctx)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{nil, []string{prefix + "-a", prefix + "-b"}},
		{[]string{prefix + "-a"}, []string{prefix + "-b"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			got, directive := completeGroups(f)(c, tc.args, prefix)
			if strings.Join(got, " ") != strings.Join(tc.want, " ") || directive != cobra.ShellCompDirectiveNoFileComp {
				t.Errorf("args %v: %v %v, want %v", tc.args, got, directive, tc.want)
			}
		})
	}
}
