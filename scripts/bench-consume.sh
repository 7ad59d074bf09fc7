#!/usr/bin/env bash
# bench-consume.sh BIN [BROKER...]: fill a 6-partition topic with 1,000,000
# 100-byte records, then read it to /dev/null with `BIN consume -e` and
# `kcat -C -e`, alternating, $RUNS runs each (3 by default), on the same
# broker in the same run. Prints each run's wall time and peak RSS
# (/usr/bin/time), then the median times, the highest peak RSS and the
# shore/kcat ratio of the medians. Then the same for $LARGE records of 1 MiB
# each (100 by default), to show that memory stays bounded whatever the
# record size.
#
# BROKER is one of (several run one after the other; default: env, or dev
# when SHORE_TEST_BROKERS is unset):
#   dev     the embedded broker, a `BIN dev` on a free port
#   kafka   one Apache Kafka node (kafka/up.sh, the JVM's default flags)
#   kafka3  three Apache Kafka nodes (topics of the default replication factor)
#   env     the brokers in $SHORE_TEST_BROKERS
# kafka and kafka3 start their cluster in this checkout's .kafka/ and stop
# it at the end; a cluster already running there makes them fail.
set -euo pipefail

bin=$(realpath "${1:?usage: scripts/bench-consume.sh path/to/shore [dev|kafka|kafka3|env]...}")
shift
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
bench_brokers bench-consume "$@"
RUNS=${RUNS:-3}
RECORDS=${RECORDS:-1000000}
LARGE=${LARGE:-100}

command -v kcat >/dev/null || { echo "bench-consume: kcat is not installed; it is the baseline" >&2; exit 1; }

# RECORDS lines, each a 100-byte value (the newline only separates them).
awk -v n="$RECORDS" 'BEGIN { pad = sprintf("%0100d", 0); for (i = 0; i < n; i++) printf "%08d%s\n", i, substr(pad, 1, 92) }' >"$work/records"
# LARGE lines, each a 1 MiB value.
awk -v n="$LARGE" 'BEGIN { pad = "0"; while (length(pad) < 1048568) pad = pad pad; pad = substr(pad, 1, 1048568); for (i = 0; i < n; i++) printf "%08d%s\n", i, pad }' >"$work/large"

# measure NAME CMD...: runs CMD with stdout to /dev/null, prints "NAME
# seconds peak-RSS" and appends the seconds and the RSS (MiB) to
# $work/NAME.secs and $work/NAME.rss; a failed run stops the benchmark.
measure() {
	local name=$1
	shift
	if ! /usr/bin/time -o "$work/time" -f '%e %M' "$@" >/dev/null 2>"$work/stderr"; then
		echo "bench-consume: $* failed:" >&2
		cat "$work/stderr" >&2
		exit 1
	fi
	read -r secs kib <"$work/time"
	printf '  %-6s %6.2f s  peak RSS %4d MiB\n' "$name" "$secs" $((kib / 1024))
	echo "$secs" >>"$work/$name.secs"
	echo $((kib / 1024)) >>"$work/$name.rss"
}

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
highest() { sort -g "$1" | tail -n 1; }

# bench KIND BROKERS: for each record size, one topic and RUNS alternating
# runs of each reader.
bench() {
	local where=$1 brokers=$2
	case $1 in
	dev) where="embedded broker ($bin dev)" ;;
	kafka) where="one Apache Kafka node" ;;
	kafka3) where="three Apache Kafka nodes" ;;
	env) where="SHORE_TEST_BROKERS ($brokers)" ;;
	esac
	bench_size "$where" "$brokers" "$RECORDS" "100 bytes" "$work/records"
	bench_size "$where" "$brokers" "$LARGE" "1 MiB" "$work/large" \
		--topic-config max.message.bytes=2097152 -- -X message.max.bytes=2097152
}

# bench_size WHERE BROKERS COUNT SIZE FILE [TOPIC-CREATE-FLAG...] [-- KCAT-PRODUCE-FLAG...]
bench_size() {
	local where=$1 brokers=$2 count=$3 size=$4 file=$5 topic=bench-consume-$$-$RANDOM
	shift 5
	local create=() fill=()
	while (($#)) && [[ $1 != -- ]]; do
		create+=("$1")
		shift
	done
	(($#)) && shift
	fill=("$@")
	rm -f "$work"/*.secs "$work"/*.rss
	"$bin" topics create "$topic" -p 6 -b "$brokers" "${create[@]}" >/dev/null
	kcat -P -b "$brokers" -t "$topic" -X linger.ms=50 -X batch.num.messages=10000 "${fill[@]}" -l "$file"
	local read_all
	read_all=$("$bin" consume "$topic" -b "$brokers" -e | wc -l)
	[[ $read_all == "$count" ]] || { echo "bench-consume: shore read $read_all records, not $count" >&2; exit 1; }
	echo "bench-consume: $count records of $size in 6 partitions, $where, $RUNS runs"
	for _ in $(seq "$RUNS"); do
		measure shore "$bin" consume "$topic" -b "$brokers" -e
		measure kcat kcat -C -b "$brokers" -t "$topic" -e -o beginning -q
	done
	"$bin" topics delete "$topic" -b "$brokers" >/dev/null
	local s k
	s=$(median "$work/shore.secs")
	k=$(median "$work/kcat.secs")
	printf '  median: shore %.2f s (peak RSS up to %d MiB), kcat %.2f s (up to %d MiB); shore/kcat time %.2f\n' \
		"$s" "$(highest "$work/shore.rss")" "$k" "$(highest "$work/kcat.rss")" "$(awk -v s="$s" -v k="$k" 'BEGIN { print s / k }')"
}

each_broker bench
