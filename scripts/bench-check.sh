#!/usr/bin/env bash
# bench-check.sh BIN: `BIN check` against Apache Kafka's own
# org.apache.kafka.tools.EndToEndLatency on the same broker in the same run:
# both send 100 records one after the other, each once the previous one came
# back, to a one-partition topic with acks=all. Prints each one's end-to-end
# p50 and p99 and its whole run (process start to exit), and whether shore's
# p50 is within 20% of the Java tool's and its run faster. The Java tool
# sends, waits for the acknowledgement, and only then polls, and it reports
# whole milliseconds (rounded down); shore's consumer is already waiting when
# the probe is sent. Needs a real
# Kafka: $SHORE_TEST_BROKERS, and the Java tools through kafka/tool.sh
# ($SHORE_KAFKA_TOOLS, or kafka/tool.sh itself); without them it says so and
# does nothing.
set -euo pipefail

BIN=${1:?usage: bench-check.sh BIN}
PROBES=${PROBES:-100}
RUNS=${RUNS:-3}
cd "$(dirname "$0")/.."
tool=${SHORE_KAFKA_TOOLS:-kafka/tool.sh}
if [ -z "${SHORE_TEST_BROKERS:-}" ]; then
	echo "bench-check: SHORE_TEST_BROKERS is unset: this compares with Apache Kafka's EndToEndLatency, which needs a real Kafka (make kafka-up); skipped"
	exit 0
fi
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
bench_topic "$BIN" bench-check

echo "bench-check: $PROBES probes, $RUNS runs each, on $brokers"
for run in $(seq "$RUNS"); do
	/usr/bin/time -f %e -o "$work/shore.time" "$BIN" check "$topic" -b "$brokers" -n "$PROBES" -o json >"$work/shore.json"
	shore_p50=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["end_to_end_ms"]["p50"])' "$work/shore.json")
	shore_p99=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["end_to_end_ms"]["p99"])' "$work/shore.json")
	/usr/bin/time -f %e -o "$work/java.time" "$tool" org.apache.kafka.tools.EndToEndLatency \
		--bootstrap-server "$brokers" --topic "$topic" --num-records "$PROBES" --producer-acks all --record-size 8 >"$work/java.out"
	java_p50=$(awk -F'[=,]' '/Percentiles: 50th/ { gsub(/ /, "", $2); print $2 }' "$work/java.out")
	java_p99=$(awk -F'[=,]' '/Percentiles: 50th/ { gsub(/ /, "", $4); print $4 }' "$work/java.out")
	awk -v sp="$shore_p50" -v s99="$shore_p99" -v st="$(cat "$work/shore.time")" \
		-v jp="$java_p50" -v j99="$java_p99" -v jt="$(cat "$work/java.time")" -v run="$run" 'BEGIN {
		printf "run %d: shore check  e2e p50 %.3f ms  p99 %.3f ms  whole run %.2f s\n", run, sp, s99, st
		printf "run %d: EndToEndLatency e2e p50 %.3f ms  p99 %.3f ms  whole run %.2f s\n", run, jp, j99, jt
		printf "run %d: p50 shore/java %.2f (target within 0.80-1.20: %s); run shore/java %.2f (target < 1: %s)\n", run,
			sp / jp, (sp / jp >= 0.8 && sp / jp <= 1.2) ? "met" : "NOT met", st / jt, st < jt ? "met" : "NOT met"
	}'
done
