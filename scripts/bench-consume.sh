#!/usr/bin/env bash
# bench-consume.sh BIN: read 1,000,000 100-byte records to /dev/null with
# `BIN consume -e` and, when kcat is installed, with `kcat -C -e` from the same
# topic on the same broker, and print the times, their ratio and peak RSS.
# The broker is $SHORE_TEST_BROKERS when set, else `BIN dev` on a free port.
set -euo pipefail

BIN=${1:?usage: bench-consume.sh BIN}
RECORDS=${RECORDS:-1000000}
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
bench_topic "$BIN" bench-consume

# RECORDS lines, each a 100-byte value (the newline only separates them).
awk -v n="$RECORDS" 'BEGIN { pad = sprintf("%0100d", 0); for (i = 0; i < n; i++) printf "%08d%s\n", i, substr(pad, 1, 92) }' >"$work/records"
if command -v kcat >/dev/null; then
	kcat -P -b "$brokers" -t "$topic" -X linger.ms=50 -X batch.num.messages=10000 -l "$work/records"
else
	"$BIN" produce "$topic" -b "$brokers" <"$work/records"
fi

echo "bench-consume: $RECORDS records of 100 bytes from $where"
last=$("$BIN" consume "$topic" -b "$brokers" -e -o -1 -f '%o')
[ "$last" = $((RECORDS - 1)) ] || { echo "bench-consume: the topic ends at offset $last, not $((RECORDS - 1))" >&2; exit 1; }
measure shore "$BIN" consume "$topic" -b "$brokers" -e -o start
read_all=$("$BIN" consume "$topic" -b "$brokers" -e -o start | wc -l)
[ "$read_all" = "$RECORDS" ] || { echo "bench-consume: shore read $read_all records, not $RECORDS" >&2; exit 1; }
if command -v kcat >/dev/null; then
	measure kcat kcat -C -b "$brokers" -t "$topic" -e -o beginning -q
	awk -v s="$shore_secs" -v k="$kcat_secs" 'BEGIN { printf "shore/kcat time ratio: %.2f (below 1: shore is faster)\n", s / k }'
else
	echo "kcat: not installed, no comparison"
fi
