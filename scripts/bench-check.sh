#!/usr/bin/env bash
# bench-check.sh BIN: `BIN check` against Apache Kafka's own
# org.apache.kafka.tools.EndToEndLatency on the same broker in the same run:
# both send $PROBES (100) records one after the other, each once the previous
# one came back, to a one-partition topic with acks=all; $RUNS (3) runs.
#
# EndToEndLatency times, per record, the send, the wait for the
# acknowledgement, and then a poll (fetch.max.wait.ms 0) until the record is
# back; it prints whole milliseconds, rounded down. Its like in shore is
# ACK-THEN-FETCH (ack_then_fetch_ms), which is what this compares: shore's p50
# within 20% of the Java tool's, that is at most 1.20 times it, and shore's
# whole run (process start to exit) faster. Since the Java tool's true p50
# lies between its printed p50 and that plus 1 ms, the p50 ratio is printed
# as a range, and the target is met only if the whole range is at most 1.20,
# not met if none of it is, and undecided otherwise. shore's END-TO-END (a
# consumer already waiting) is printed beside it.
#
# Then, unless WARM=0, where the Java tool's milliseconds go:
# scripts/EndToEndSteps.java runs EndToEndLatency's sequence with its client
# settings in the same JVM, for $WARM (3000; 2000 or more) records, timing the
# acknowledgement and the poll apart to the microsecond, for the first 100
# records (as in the tool's runs above, while the JVM warms up) and for the
# last 1000 (warm); beside it, `shore check -n $WARM`. Where shore's p50 is
# far below the tool's, this shows whether the two still measure the same
# thing: shore's ACK-THEN-FETCH against the warm sequence, within 0.80-1.20
# either way.
#
# Needs a real Kafka: $SHORE_TEST_BROKERS, and the Java tools through
# kafka/tool.sh ($SHORE_KAFKA_TOOLS, or kafka/tool.sh itself); without them
# it says so and does nothing.
set -euo pipefail

BIN=${1:?usage: bench-check.sh BIN}
PROBES=${PROBES:-100}
RUNS=${RUNS:-3}
WARM=${WARM:-3000}
cd "$(dirname "$0")/.."
tool=${SHORE_KAFKA_TOOLS:-kafka/tool.sh}
if [ -z "${SHORE_TEST_BROKERS:-}" ]; then
	echo "bench-check: SHORE_TEST_BROKERS is unset: this compares with Apache Kafka's EndToEndLatency, which needs a real Kafka (make kafka-up); skipped"
	exit 0
fi
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
bench_topic "$BIN" bench-check

# compare LABEL N: one `shore check` and one EndToEndLatency of N records each,
# and the verdicts.
compare() {
	local label=$1 n=$2
	/usr/bin/time -f %e -o "$work/shore.time" "$BIN" check "$topic" -b "$brokers" -n "$n" -o json >"$work/shore.json"
	/usr/bin/time -f %e -o "$work/java.time" "$tool" org.apache.kafka.tools.EndToEndLatency \
		--bootstrap-server "$brokers" --topic "$topic" --num-records "$n" --producer-acks all --record-size 8 >"$work/java.out"
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(r["end_to_end_ms"]["p50"], r["end_to_end_ms"]["p99"], r["ack_then_fetch_ms"]["p50"], r["ack_then_fetch_ms"]["p99"])' \
		"$work/shore.json" >"$work/shore.p"
	awk -F'[=,]' '/Percentiles: 50th/ { gsub(/ /, ""); print $2, $4 }' "$work/java.out" >"$work/java.p"
	awk -v label="$label" -v st="$(cat "$work/shore.time")" -v jt="$(cat "$work/java.time")" \
		'FNR == 1 && NR == 1 { e50 = $1; e99 = $2; a50 = $3; a99 = $4; next }
		{ j50 = $1; j99 = $2 }
		END {
		lo = a50 / (j50 + 1); hi = j50 > 0 ? a50 / j50 : 1e9
		verdict = hi <= 1.2 ? "met" : lo > 1.2 ? "NOT met" : "undecided: the Java tool rounds down"
		printf "%s: shore check      ack-then-fetch p50 %.3f ms  p99 %.3f ms  (end-to-end p50 %.3f ms  p99 %.3f ms)  whole run %.2f s\n", label, a50, a99, e50, e99, st
		printf "%s: EndToEndLatency  ack-then-poll  p50 %d ms  p99 %d ms  (whole ms, rounded down)  whole run %.2f s\n", label, j50, j99, jt
		ratio = j50 > 0 ? sprintf("%.3f-%.3f", lo, hi) : sprintf("%.3f or more", lo)
		printf "%s: p50 shore/java %s (target at most 1.20: %s); run shore/java %.3f (target < 1: %s)\n", label,
			ratio, verdict, st / jt, st < jt ? "met" : "NOT met"
	}' "$work/shore.p" "$work/java.p"
}

echo "bench-check: $PROBES probes, $RUNS runs each, on $brokers"
for run in $(seq "$RUNS"); do
	compare "run $run" "$PROBES"
done
# Running a .java file needs a JDK (its compiler), not only a JRE.
if [ "$WARM" -gt 0 ] && ! "$tool" scripts/EndToEndSteps.java "$brokers" "$topic" "$WARM" >"$work/steps.out" 2>"$work/steps.err"; then
	echo "steps: skipped: scripts/EndToEndSteps.java failed: $(tail -n 1 "$work/steps.err")"
elif [ "$WARM" -gt 0 ]; then
	"$BIN" check "$topic" -b "$brokers" -n "$WARM" -o json >"$work/shore.json"
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(r["produce_ack_ms"]["p50"], r["ack_then_fetch_ms"]["p50"], r["end_to_end_ms"]["p50"])' "$work/shore.json" >"$work/shore.p"
	awk -v n="$WARM" 'FNR == 1 && NR == 1 { ack = $1; atf = $2; e2e = $3; next }
		{
			for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
			printf "steps: EndToEndLatency'"'"'s sequence in its JVM, records %s of %d: ack p50 %.3f ms, poll p50 %.3f ms, ack-then-poll p50 %.3f ms\n",
				v["records"], n, v["ack_p50"], v["poll_p50"], v["ack_then_poll_p50"]
			last = v["ack_then_poll_p50"]
		}
		END {
			printf "steps: shore check -n %d: produce-ack p50 %.3f ms; ack-then-fetch p50 %.3f ms (end-to-end p50 %.3f ms); ack-then-fetch/ack-then-poll of the last records %.3f (within 0.80-1.20: %s)\n",
				n, ack, atf, e2e, atf / last, (atf / last >= 0.8 && atf / last <= 1.2) ? "yes" : "no"
		}' "$work/shore.p" "$work/steps.out"
fi
