// Package peers runs the other Kafka clients that shore's interop tests
// compare against: kcat (Kcat, RunKcat), kafka-python (Python, RunPython),
// confluent-kafka-python in the virtualenv of make peer-venv
// (ConfluentPython, RunConfluent) and Apache Kafka's own Java tools
// (JavaTool). When a client is missing, the test is skipped with a message
// that says how to install it, so that a run without it shows what it did
// not check.
package peers

import (
	"bytes"
	"context"
	"errors"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/testbroker"
)

// EnvKafkaTools names the variable that holds the path of kafka/tool.sh,
// which runs Kafka's Java tools.
const EnvKafkaTools = "SHORE_KAFKA_TOOLS"

// PythonPath is the interpreter Debian's python3-kafka installs for.
const PythonPath = "/usr/bin/python3"

// Timeout bounds every run of a peer, so that a peer stuck on an
// unreachable broker fails the test instead of hanging it.
const Timeout = 2 * time.Minute

// Kcat returns the path of kcat, or skips the test when it is not on PATH.
func Kcat(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("kcat")
	if err != nil {
		t.Skip("kcat is not installed (Debian: apt-get install kcat); skipping the kcat interop check")
	}
	return path
}

// RunKcat runs kcat with stdin and returns its stdout; a non-zero exit
// fails the test with kcat's stderr.
func RunKcat(t testing.TB, stdin string, args ...string) string {
	t.Helper()
	return run(t, Kcat(t), stdin, args...)
}

// Python returns PythonPath, or skips the test when kafka-python cannot be
// imported by it.
func Python(t testing.TB) string {
	t.Helper()
	c := exec.Command(PythonPath, "-c", "import kafka")
	// Not from the working directory, whose kafka/ folder (the repository
	// root's) would shadow the kafka package.
	c.Dir = t.TempDir()
	if err := c.Run(); err != nil {
		t.Skipf("kafka-python is not installed for %s (%v; Debian: apt-get install python3-kafka); skipping the kafka-python interop check", PythonPath, err)
	}
	return PythonPath
}

// RunPython writes script to a temporary file, runs it with args under
// Python and returns its stdout; a non-zero exit or Timeout fails the test
// with both streams.
func RunPython(t testing.TB, script string, args ...string) string {
	t.Helper()
	python := Python(t)
	path := filepath.Join(t.TempDir(), "peer.py")
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	return run(t, python, "", append([]string{path}, args...)...)
}

// JavaTool runs one of Apache Kafka's Java tools (a main class such as
// org.apache.kafka.tools.GetOffsetShell) with --bootstrap-server set to the
// test cluster, Apache Kafka or shore dev's broker, and returns its stdout.
// It skips the test unless EnvKafkaTools is set, as make test-kafka does
// (and make test where Java and Maven are installed): the tools need the
// jars kafka/tool.sh fetches.
func JavaTool(t testing.TB, class string, args ...string) string {
	t.Helper()
	return JavaToolStdin(t, "", class, args...)
}

// JavaToolStdin is JavaTool with stdin, for the console producer.
func JavaToolStdin(t testing.TB, stdin, class string, args ...string) string {
	t.Helper()
	NeedJavaTools(t)
	bootstrap := strings.Join(testbroker.Brokers(t), ",")
	return run(t, os.Getenv(EnvKafkaTools), stdin, append([]string{class, "--bootstrap-server", bootstrap}, args...)...)
}

// JavaToolRefused is JavaTool for a run that fails: it returns the tool's
// stdout and exit status, and fails the test when the tool succeeds.
func JavaToolRefused(t testing.TB, class string, args ...string) (string, int) {
	t.Helper()
	NeedJavaTools(t)
	bootstrap := strings.Join(testbroker.Brokers(t), ",")
	args = append([]string{class, "--bootstrap-server", bootstrap}, args...)
	stdout, stderr, err := runPeer(os.Getenv(EnvKafkaTools), "", args...)
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("%s %s: %v, want a failure\nstdout:\n%s\nstderr:\n%s", class, strings.Join(args, " "), err, stdout, stderr)
	}
	return stdout, exit.ExitCode()
}

// NeedJavaTools skips the test unless JavaTool can run, for tests that
// compare with nothing else and should not do their own part in vain.
func NeedJavaTools(t testing.TB) {
	t.Helper()
	if os.Getenv(EnvKafkaTools) == "" {
		t.Skipf("%s is unset (make test sets it where java and mvn are installed, make test-kafka always); skipping the comparison with Apache Kafka's Java tools", EnvKafkaTools)
	}
}

func run(t testing.TB, name, stdin string, args ...string) string {
	t.Helper()
	stdout, stderr, err := runPeer(name, stdin, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", name, strings.Join(args, " "), err, stdout, stderr)
	}
	return stdout
}

// runPeer runs name with stdin within Timeout and returns its streams.
func runPeer(name, stdin string, args ...string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	c := exec.CommandContext(ctx, name, args...)
	c.WaitDelay = 5 * time.Second
	c.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	c.Stdout, c.Stderr = &out, &errOut
	err = c.Run()
	return out.String(), errOut.String(), err
}

// KcatPartition is where librdkafka's default consistent_random partitioner
// (kcat's) puts a non-empty key: CRC32 (IEEE) of the key modulo the
// partition count.
func KcatPartition(key string, partitions int) int {
	return int(crc32.ChecksumIEEE([]byte(key)) % uint32(partitions))
}

// JavaPartition is where the Java producer and kafka-python put a key:
// murmur2 of the key, made positive, modulo the partition count. franz-go's
// default partitioner hashes keys the same way, so it is asked.
func JavaPartition(key string, partitions int) int {
	return kgo.StickyKeyPartitioner(nil).ForTopic("").Partition(&kgo.Record{Key: []byte(key)}, partitions)
}
