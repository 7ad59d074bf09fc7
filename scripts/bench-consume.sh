#!/usr/bin/env bash
# bench-consume.sh BIN: read 1,000,000 100-byte records to /dev/null with
# `BIN consume -e` and, when kcat is installed, with `kcat -C -e` from the same
# topic on the same broker, and print the times, their ratio and peak RSS.
# The broker is $SHORE_TEST_BROKERS when set, else `BIN dev` on a free port.
set -euo pipefail

BIN=${1:?usage: bench-consume.sh BIN}
RECORDS=${RECORDS:-1000000}
work=$(mktemp -d)
topic=bench-consume-$$-$RANDOM
dev_pid=
created=
cleanup() {
	if [ -n "$dev_pid" ]; then
		kill "$dev_pid" 2>/dev/null || true
		wait "$dev_pid" 2>/dev/null || true
	elif [ -n "$created" ]; then
		topic_admin delete || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

# topic_admin create|delete: the benchmark topic, through kafka-python.
topic_admin() {
	/usr/bin/python3 - "$1" "$brokers" "$topic" <<'PY'
import sys
from kafka.admin import KafkaAdminClient, NewTopic
action, brokers, topic = sys.argv[1:]
admin = KafkaAdminClient(bootstrap_servers=brokers.split(","))
if action == "create":
    admin.create_topics([NewTopic(topic, 1, 1)])
else:
    admin.delete_topics([topic])
PY
}

if [ -n "${SHORE_TEST_BROKERS:-}" ]; then
	brokers=$SHORE_TEST_BROKERS
	where="SHORE_TEST_BROKERS ($brokers)"
else
	"$BIN" dev --listen 127.0.0.1:0 >"$work/dev.out" 2>"$work/dev.err" &
	dev_pid=$!
	for _ in $(seq 100); do
		[ -s "$work/dev.out" ] && break
		sleep 0.1
	done
	brokers=$(head -n 1 "$work/dev.out")
	[ -n "$brokers" ] || { echo "bench-consume: $BIN dev did not start:" >&2; cat "$work/dev.err" >&2; exit 1; }
	where="$BIN dev ($brokers)"
fi

topic_admin create
created=1

# RECORDS lines, each a 100-byte value (the newline only separates them).
awk -v n="$RECORDS" 'BEGIN { pad = sprintf("%0100d", 0); for (i = 0; i < n; i++) printf "%08d%s\n", i, substr(pad, 1, 92) }' >"$work/records"
if command -v kcat >/dev/null; then
	kcat -P -b "$brokers" -t "$topic" -X linger.ms=50 -X batch.num.messages=10000 -l "$work/records"
else
	"$BIN" produce "$topic" -b "$brokers" <"$work/records"
fi

# measure NAME CMD...: prints "NAME seconds peak-RSS" and keeps the seconds.
measure() {
	local name=$1
	shift
	/usr/bin/time -v -o "$work/$name.time" "$@" >/dev/null
	local secs rss
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/$name.time")
	rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/$name.time")
	printf '%-6s %6.2f s  peak RSS %4s MiB\n' "$name" "$secs" "$rss"
	eval "${name}_secs=$secs"
}

echo "bench-consume: $RECORDS records of 100 bytes from $where"
last=$("$BIN" consume "$topic" -b "$brokers" -e -o -1 -f '%o')
[ "$last" = $((RECORDS - 1)) ] || { echo "bench-consume: the topic ends at offset $last, not $((RECORDS - 1))" >&2; exit 1; }
measure shore "$BIN" consume "$topic" -b "$brokers" -e -o start
if command -v kcat >/dev/null; then
	measure kcat kcat -C -b "$brokers" -t "$topic" -e -o beginning -q
	awk -v s="$shore_secs" -v k="$kcat_secs" 'BEGIN { printf "shore/kcat time ratio: %.2f (below 1: shore is faster)\n", s / k }'
else
	echo "kcat: not installed, no comparison"
fi
