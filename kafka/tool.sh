#!/usr/bin/env bash
# Run one of Apache Kafka's Java tools from the jars kafka/up.sh uses, e.g.
#   kafka/tool.sh org.apache.kafka.tools.TopicCommand --bootstrap-server ADDR --list
#   kafka/tool.sh org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server ADDR --topic t
# Fetches the jars first if they are missing. The JVM replaces this script, so
# a signal to its PID reaches the tool. KAFKA_TOOL_JAVA_OPTS adds JVM flags.
set -euo pipefail
# shellcheck source=kafka/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

(($#)) || die "usage: kafka/tool.sh MAIN_CLASS [ARGS...]"
fetch_jars
tool_command
exec "${tool_cmd[@]}" "$@"
