#!/usr/bin/env bash
# bench-produce.sh BIN [BROKER...]: time `shore produce` against `kcat -P` on
# 1,000,000 keyed 100-byte lines from a file (written once to the git-ignored
# .bench/), both on the same input and broker in the same run, alternating,
# $RUNS runs each (3 by default), each run into its own 6-partition topic,
# after one run of each client that is not counted (the broker's warm-up).
# Prints best and median wall time, median CPU time (user + system: steadier
# than wall time on a shared machine), peak RSS (/usr/bin/time), the median
# CPU time the broker processes spent during the runs (not for env: shows
# whether the broker or the client bounds the run), the median records per
# batch in the topic (kafka and kafka3 only: the brokers' CPU follows it)
# and the ratio, and, when Java and Maven are there, the records/s that
# Apache Kafka's ProducerPerformance reports for 1,000,000 100-byte records
# on the same broker beside shore's. A third client, scripts/franzprod (built here), is
# the plainest franz-go producer of the same file: the floor of what a
# franz-go client does, so that the gap from shore to it is shore's own.
#
# SHORE_ARGS adds flags to shore's runs (e.g. SHORE_ARGS='-z lz4 --linger
# 5ms'), to measure a setting against the same kcat baseline. ALT_SHORE_ARGS
# adds a fourth client, shore with those flags instead (e.g.
# ALT_SHORE_ARGS='--max-buffered-records 20000'), alternating with the
# others: two settings compared within one run.
#
# BROKER is one of (several run one after the other; default: env, or dev
# when SHORE_TEST_BROKERS is unset):
#   dev     the embedded broker, a `BIN dev` on a free port
#   kafka   one Apache Kafka node (kafka/up.sh, the JVM's default flags)
#   kafka3  three Apache Kafka nodes: topics with replication factor 3 and
#           min.insync.replicas=2, every tool with acks=all
#   env     the brokers in $SHORE_TEST_BROKERS
# kafka and kafka3 start their cluster in this checkout's .kafka/ and stop
# it at the end; a cluster already running there makes them fail.
set -euo pipefail

bin=$(realpath "${1:?usage: scripts/bench-produce.sh path/to/shore [dev|kafka|kafka3|env]...}")
shift
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
bench_brokers bench-produce "$@"
RUNS=${RUNS:-3}
read -r -a shore_args <<<"${SHORE_ARGS:-}"
read -r -a alt_args <<<"${ALT_SHORE_ARGS:-}"
LINES=1000000
mkdir -p .bench
input=.bench/produce-keyed-100b.txt

if [[ ! -s $input ]]; then
	echo "bench-produce: writing $LINES keyed 100-byte lines to $input"
	# key0000000:<89 value bytes>\n is 100 bytes and a newline
	awk -v n=$LINES 'BEGIN { v = sprintf("%89s", ""); gsub(/ /, "v", v); for (i = 0; i < n; i++) printf "key%07d:%s\n", i, v }' >"$input"
fi

# broker_ticks prints the CPU time (clock ticks) the broker processes have
# used so far, or - when they are not known.
broker_ticks() {
	((${#broker_pids[@]})) || { echo -; return; }
	local pid total=0
	for pid in "${broker_pids[@]}"; do
		total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
	done
	echo "$total"
}

# per_batch TOPIC: prints how many records a batch of the topic's partition 0
# holds on average, read from the first node's log segment (Kafka's record
# batch header: base offset, length, then the record count at byte 57), or -
# when the broker keeps no files (dev, env). The brokers spend less CPU on
# fewer, larger batches.
per_batch() {
	local segment=(.kafka/data/node-1/logs/"$1"-0/00000000000000000000.log)
	if [[ $kind == dev || $kind == env || ! -f ${segment[0]} ]]; then
		echo -
		return
	fi
	python3 - "${segment[0]}" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
at = batches = records = 0
while at + 61 <= len(data):
    length, = struct.unpack(">i", data[at + 8:at + 12])
    records += struct.unpack(">i", data[at + 57:at + 61])[0]
    batches += 1
    at += 12 + length
print(records // batches if batches else "-")
PY
}

# measure CMD...: runs CMD, prints "wall_seconds peak_rss_kib cpu_seconds
# broker_cpu_seconds" (the last - when unknown); a failed run stops the
# benchmark.
measure() {
	local before after
	before=$(broker_ticks)
	if ! /usr/bin/time -o "$work/time" -f '%e %M %U %S' "$@" >"$work/stdout" 2>"$work/stderr"; then
		echo "bench-produce: $* failed:" >&2
		cat "$work/stderr" >&2
		exit 1
	fi
	after=$(broker_ticks)
	awk -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" \
		'{ printf "%s %s %.2f %s\n", $1, $2, $3 + $4, b == "-" ? "-" : sprintf("%.2f", (a - b) / hz) }' "$work/time"
}

# summary NAME RUN...: prints the figures of one tool; sets best_s and median_s
summary() {
	local name=$1 sorted rss cpu broker batch mid
	shift
	mid=$((($# + 1) / 2))
	sorted=$(printf '%s\n' "$@" | sort -n)
	best_s=$(echo "$sorted" | head -1 | cut -d' ' -f1)
	median_s=$(echo "$sorted" | sed -n "${mid}p" | cut -d' ' -f1)
	rss=$(printf '%s\n' "$@" | cut -d' ' -f2 | sort -n | tail -1)
	cpu=$(printf '%s\n' "$@" | cut -d' ' -f3 | sort -n | sed -n "${mid}p")
	broker=$(printf '%s\n' "$@" | cut -d' ' -f4 | sort -n | sed -n "${mid}p")
	batch=$(printf '%s\n' "$@" | cut -d' ' -f5 | sort -n | sed -n "${mid}p")
	printf '%-14s best %5.2f s, median %5.2f s, median CPU %5.2f s, broker CPU %s s, records/batch %s, peak RSS %3d MiB  (runs: %s)\n' \
		"$name" "$best_s" "$median_s" "$cpu" "$broker" "$batch" $((rss / 1024)) "$(printf '%s\n' "$@" | cut -d' ' -f1 | paste -sd' ')"
}

median() {
	printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"
}

have_kcat=
command -v kcat >/dev/null && have_kcat=1
go build -o "$work/franzprod" ./scripts/franzprod
have_java=
command -v java >/dev/null && command -v mvn >/dev/null && have_java=1

# bench KIND BROKERS: one round of runs against one broker.
bench() {
	local kind=$1 brokers=$2 create=(-p 6) kcat_acks=() perf_acks=() i order tool topic
	local topics=() shore_runs=() alt_runs=() kcat_runs=() franz_runs=() perf_rates=()
	if [[ $kind == kafka3 ]]; then
		create=(-p 6 -r 3 -c min.insync.replicas=2)
		kcat_acks=(-X acks=all)
		perf_acks=(acks=all)
	fi
	export SHORE_BROKERS=$brokers HOME=$work
	echo "bench-produce: $kind at $brokers"
	# one run of each client first, not counted: a JVM broker's first
	# produce of a million records is slower than the next ones (its JIT
	# compiles the produce path), and whichever tool went first would pay
	# for it
	topic=bench-produce-$$-$kind-warm-up
	"$bin" topics create "$topic" "${create[@]}" >/dev/null
	topics+=("$topic")
	[[ -z $have_kcat ]] || measure kcat -P -b "$brokers" -t "$topic" -K : "${kcat_acks[@]}" -l "$input" >/dev/null
	measure "$bin" produce "$topic" "$input" -K : "${shore_args[@]}" >/dev/null
	for i in $(seq "$RUNS"); do
		# alternate the tools, and which goes first, so that all see the
		# same load on a shared machine and the same warm-up of a JVM
		# broker
		order="shore alt kcat franz java"
		((i % 2 == 0)) && order="java franz kcat alt shore"
		for tool in $order; do
			[[ $tool == alt && -z ${ALT_SHORE_ARGS:-} ]] && continue
			[[ $tool == kcat && -z $have_kcat ]] && continue
			[[ $tool == java && -z $have_java ]] && continue
			topic=bench-produce-$$-$kind-$tool-$i
			"$bin" topics create "$topic" "${create[@]}" >/dev/null
			topics+=("$topic")
			case $tool in
			shore)
				shore_runs+=("$(measure "$bin" produce "$topic" "$input" -K : "${shore_args[@]}") $(per_batch "$topic")")
				;;
			alt)
				alt_runs+=("$(measure "$bin" produce "$topic" "$input" -K : "${alt_args[@]}") $(per_batch "$topic")")
				;;
			franz)
				franz_runs+=("$(measure "$work/franzprod" "$brokers" "$topic" "$input") $(per_batch "$topic")")
				;;
			kcat)
				kcat_runs+=("$(measure kcat -P -b "$brokers" -t "$topic" -K : "${kcat_acks[@]}" -l "$input") $(per_batch "$topic")")
				;;
			java)
				measure kafka/tool.sh org.apache.kafka.tools.ProducerPerformance --topic "$topic" \
					--num-records "$LINES" --record-size 100 --throughput -1 \
					--producer-props bootstrap.servers="$brokers" "${perf_acks[@]}" >/dev/null
				# "1000000 records sent, 412371.1 records/sec (39.33 MB/sec), ..."
				perf_rates+=("$(awk '/records sent/ { print $4 }' "$work/stdout" | tail -1)")
				;;
			esac
		done
	done
	"$bin" topics delete "${topics[@]}" >/dev/null || true

	summary "shore produce${SHORE_ARGS:+ $SHORE_ARGS}" "${shore_runs[@]}"
	local shore_best=$best_s shore_median=$median_s alt_best alt_median
	if [[ -n ${ALT_SHORE_ARGS:-} ]]; then
		summary "shore produce $ALT_SHORE_ARGS" "${alt_runs[@]}"
		alt_best=$best_s alt_median=$median_s
	fi
	if [[ -n $have_kcat ]]; then
		summary "kcat -P" "${kcat_runs[@]}"
		awk -v sb="$shore_best" -v kb="$best_s" -v sm="$shore_median" -v km="$median_s" \
			'BEGIN { printf "shore/kcat time: %.2f best, %.2f median (below 1: shore is faster)\n", sb / kb, sm / km }'
		[[ -z ${ALT_SHORE_ARGS:-} ]] || awk -v sb="$alt_best" -v kb="$best_s" -v sm="$alt_median" -v km="$median_s" -v a="$ALT_SHORE_ARGS" \
			'BEGIN { printf "shore %s/kcat time: %.2f best, %.2f median\n", a, sb / kb, sm / km }'
	else
		echo "kcat -P        skipped: kcat is not installed"
	fi
	summary "franzprod" "${franz_runs[@]}"
	awk -v sm="$shore_median" -v fm="$median_s" \
		'BEGIN { printf "shore/franzprod time: %.2f median (above 1: time shore spends beyond a plain franz-go producer)\n", sm / fm }'
	if [[ -n $have_java ]]; then
		awk -v n="$LINES" -v sm="$shore_median" -v jr="$(median "${perf_rates[@]}")" -v runs="${perf_rates[*]}" \
			'BEGIN { printf "records/s: shore %.0f (median wall time), ProducerPerformance %.0f (median of its own figures: %s)\n", n / sm, jr, runs }'
	else
		echo "ProducerPerformance skipped: Java and Maven are needed"
	fi
}

each_broker bench
