# shellcheck shell=bash
# Sourced by the demo and benchmark scripts, after `set -euo pipefail`.

dev_pid=
dev_addr=

# start_dev BIN WORKDIR: starts `BIN dev` on a free port in the background
# (port 0: the system picks one, and shore dev prints the address it got as
# its first stdout line once the broker accepts connections), sets $dev_pid
# and $dev_addr, and fails with dev's stderr if it is not ready within 10s.
start_dev() {
	local bin=$1 work=$2
	"$bin" dev --listen 127.0.0.1:0 >"$work/dev.out" 2>"$work/dev.err" &
	dev_pid=$!
	for _ in $(seq 100); do
		[[ -s $work/dev.out ]] && break
		if ! kill -0 "$dev_pid" 2>/dev/null; then
			echo "$(basename "$0"): shore dev exited before it was ready:" >&2
			cat "$work/dev.err" >&2
			return 1
		fi
		sleep 0.1
	done
	dev_addr=$(head -n 1 "$work/dev.out")
	if [[ -z $dev_addr ]]; then
		echo "$(basename "$0"): shore dev printed no address within 10s" >&2
		return 1
	fi
}

# stop_dev stops the shore dev that start_dev started, if any.
stop_dev() {
	if [[ -n $dev_pid ]]; then
		kill "$dev_pid" 2>/dev/null || true
		wait "$dev_pid" 2>/dev/null || true
		dev_pid=
	fi
}

# measure_run NAME CMD...: runs CMD with stdout to /dev/null, prints "NAME
# seconds peak-RSS" and sets ${NAME}_secs and ${NAME}_rss (MiB). The caller
# sets $work, a scratch folder.
measure_run() {
	local name=$1
	shift
	/usr/bin/time -v -o "$work/$name.time" "$@" >/dev/null
	local secs rss
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/$name.time")
	rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/$name.time")
	printf '%-6s %6.2f s  peak RSS %4s MiB\n' "$name" "$secs" "$rss"
	printf -v "${name}_secs" '%s' "$secs"
	printf -v "${name}_rss" '%s' "$rss"
}

# bench_topic BIN NAME: the setup of a benchmark script. Makes the scratch
# folder $work, picks the broker ($brokers, described in $where):
# $SHORE_TEST_BROKERS when set, else a `BIN dev` it starts; creates the
# one-partition topic $topic named after NAME; and on exit deletes the topic
# (or stops the dev broker) and $work.
bench_topic() {
	local bin=$1
	work=$(mktemp -d)
	topic=$2-$$-$RANDOM
	bench_bin=$bin
	trap bench_cleanup EXIT
	if [ -n "${SHORE_TEST_BROKERS:-}" ]; then
		brokers=$SHORE_TEST_BROKERS
		where="SHORE_TEST_BROKERS ($brokers)"
	else
		start_dev "$bin" "$work"
		brokers=$dev_addr
		where="$bin dev ($brokers)"
	fi
	"$bin" topics create "$topic" -p 1 -b "$brokers" >/dev/null
	bench_created=1
}

bench_created=

bench_cleanup() {
	if [ -n "$dev_pid" ]; then
		stop_dev
	elif [ -n "$bench_created" ]; then
		"$bench_bin" topics delete "$topic" -b "$brokers" >/dev/null || true
	fi
	rm -rf "$work"
}
