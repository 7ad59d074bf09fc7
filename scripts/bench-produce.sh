#!/usr/bin/env bash
# bench-produce.sh BIN: time `shore produce` against `kcat -P` on 1,000,000
# keyed 100-byte lines from a file (written once to the git-ignored .bench/),
# both on the same input and broker in the same run, alternating, $RUNS runs
# each (3 by default). The broker is $SHORE_TEST_BROKERS when set, else a
# `BIN dev` on a free port. Prints best and median wall time, median CPU time
# (user + system: steadier than wall time on a shared machine), peak RSS
# (/usr/bin/time) and the ratio.
set -euo pipefail

bin=${1:?usage: scripts/bench-produce.sh path/to/shore}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
LINES=1000000
mkdir -p .bench
input=.bench/produce-keyed-100b.txt
work=$(mktemp -d)
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
trap 'stop_dev; rm -rf "$work"' EXIT

if [[ ! -s $input ]]; then
	echo "bench-produce: writing $LINES keyed 100-byte lines to $input"
	# key0000000:<89 value bytes>\n is 100 bytes and a newline
	awk -v n=$LINES 'BEGIN { v = sprintf("%89s", ""); gsub(/ /, "v", v); for (i = 0; i < n; i++) printf "key%07d:%s\n", i, v }' >"$input"
fi

if [[ -n ${SHORE_TEST_BROKERS:-} ]]; then
	brokers=$SHORE_TEST_BROKERS
	echo "bench-produce: broker SHORE_TEST_BROKERS=$brokers"
else
	start_dev "$bin" "$work"
	brokers=$dev_addr
	echo "bench-produce: broker shore dev at $brokers"
fi
export SHORE_BROKERS=$brokers HOME=$work

# measure CMD...: runs CMD, prints "wall_seconds peak_rss_kib cpu_seconds";
# a failed run stops the benchmark.
measure() {
	if ! /usr/bin/time -o "$work/time" -f '%e %M %U %S' "$@" >/dev/null 2>"$work/stderr"; then
		echo "bench-produce: $* failed:" >&2
		cat "$work/stderr" >&2
		exit 1
	fi
	awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/time"
}

# summary NAME RUN...: prints the figures of one tool; sets best_s and median_s
summary() {
	local name=$1 sorted rss cpu mid
	shift
	mid=$((($# + 1) / 2))
	sorted=$(printf '%s\n' "$@" | sort -n)
	best_s=$(echo "$sorted" | head -1 | cut -d' ' -f1)
	median_s=$(echo "$sorted" | sed -n "${mid}p" | cut -d' ' -f1)
	rss=$(printf '%s\n' "$@" | cut -d' ' -f2 | sort -n | tail -1)
	cpu=$(printf '%s\n' "$@" | cut -d' ' -f3 | sort -n | sed -n "${mid}p")
	printf '%-14s best %5.2f s, median %5.2f s, median CPU %5.2f s, peak RSS %3d MiB  (runs: %s)\n' \
		"$name" "$best_s" "$median_s" "$cpu" $((rss / 1024)) "$(printf '%s\n' "$@" | cut -d' ' -f1 | paste -sd' ')"
}

have_kcat=
command -v kcat >/dev/null && have_kcat=1
topics=()
shore_runs=() kcat_runs=()
for i in $(seq "$RUNS"); do
	# alternate the tools, and which goes first, so that both see the same
	# load on a shared machine and the same warm-up of a JVM broker
	order="shore kcat"
	((i % 2 == 0)) && order="kcat shore"
	for tool in $order; do
		[[ $tool == kcat && -z $have_kcat ]] && continue
		topic=bench-produce-$$-$tool-$i
		"$bin" topics create "$topic" -p 6 >/dev/null
		topics+=("$topic")
		if [[ $tool == shore ]]; then
			shore_runs+=("$(measure "$bin" produce "$topic" "$input" -K :)")
		else
			kcat_runs+=("$(measure kcat -P -b "$brokers" -t "$topic" -K : -l "$input")")
		fi
	done
done
"$bin" topics delete "${topics[@]}" >/dev/null || true

summary "shore produce" "${shore_runs[@]}"
shore_best=$best_s shore_median=$median_s
if [[ -n $have_kcat ]]; then
	summary "kcat -P" "${kcat_runs[@]}"
	awk -v sb="$shore_best" -v kb="$best_s" -v sm="$shore_median" -v km="$median_s" \
		'BEGIN { printf "shore/kcat time: %.2f best, %.2f median (below 1: shore is faster)\n", sb / kb, sm / km }'
else
	echo "kcat -P        skipped: kcat is not installed"
fi
