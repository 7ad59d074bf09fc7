package cmd_test

import (
	"context"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// TestByTimeRecordBetweenListings sends a record between kadm's two
// listings of a by-time lookup that finds no record at or after TIME (it
// asks for the end offsets again then): consume -o @TIME prints the
// record, and groups seek --to @TIME and offsets --at TIME give the end
// listed before the lookup, which is where that record is, not the end
// after it (groups seek warned that this later end was past the log end).
func TestByTimeRecordBetweenListings(t *testing.T) {
	if testbroker.Real() {
		t.Skip("holds a request of a cluster of its own")
	}
	const topic, group = "bytime-race", "bytime-race-group"
	c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
	addrs := c.ListenAddrs()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addrs...), kgo.DefaultProduceTopic(topic))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	send := func(value string, at time.Time) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := cl.ProduceSync(ctx, &kgo.Record{Value: []byte(value), Timestamp: at}).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, v := range []string{"a", "b", "c"} {
		send(v, old)
	}
	// sendBetween sends a record while the end offsets are listed after
	// a by-time listing, the second listing kadm makes.
	sendBetween := func() {
		var byTime atomic.Bool
		c.ControlKey(int16(kmsg.ListOffsets), func(req kmsg.Request) (kmsg.Response, error, bool) {
			for _, rt := range req.(*kmsg.ListOffsetsRequest).Topics {
				for _, rp := range rt.Partitions {
					switch {
					case rp.Timestamp >= 0:
						byTime.Store(true)
					case rp.Timestamp == -1 && byTime.Load():
						c.SleepControl(func() { send("late", time.Now()) })
						c.DropControl()
					}
				}
			}
			return nil, nil, false
		})
	}
	run := func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, shoretest.Opts{Timeout: 20 * time.Second, Env: map[string]string{"SHORE_BROKERS": strings.Join(addrs, ",")}}, args...)
	}
	// now is a TIME after every record sent so far: a millisecond later
	// than the last one, which may have been sent within this millisecond.
	now := func() string {
		time.Sleep(2 * time.Millisecond)
		return "@" + strconv.FormatInt(time.Now().UnixMilli(), 10)
	}

	sendBetween()
	wantRun(t, run("groups", "seek", group, "--topic", topic, "--to", now(), "--allow-new"), 0,
		tableOf(planHeader, []string{topic, "0", "-", "3", "0", "3", "0"}), dryRun)

	sendBetween()
	wantRun(t, run("offsets", topic, "--at", now()), 0,
		tableOf([]string{"TOPIC", "PARTITION", "LOG-START", "LOG-END", "AT"}, []string{topic, "0", "0", "4", "4"}), "")

	sendBetween()
	wantRun(t, run("consume", topic, "-o", now(), "-n", "1", "--idle-timeout", "10s"), 0, "late\n", "")
}
