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

# bench_brokers NAME [BROKER...]: the setup of a benchmark script that runs
# against several brokers (bench-produce.sh, bench-consume.sh), after it set
# $bin, shore's absolute path. Sets $brokers_wanted (the BROKERs; default
# env when $SHORE_TEST_BROKERS is set, else dev) and the scratch folder
# $work, and on exit stops whatever broker it started and removes $work.
# Run from the checkout's root.
bench_brokers() {
	bench_name=$1
	shift
	brokers_wanted=("$@")
	if ((${#brokers_wanted[@]} == 0)); then
		brokers_wanted=(dev)
		[[ -n ${SHORE_TEST_BROKERS:-} ]] && brokers_wanted=(env)
	fi
	work=$(mktemp -d)
	trap bench_brokers_cleanup EXIT
}

kafka_started=
broker_pids=()

bench_brokers_cleanup() {
	stop_dev
	[[ -z $kafka_started ]] || kafka/down.sh >/dev/null 2>&1 || true
	rm -rf "$work"
}

# each_broker FUNC: for each of $brokers_wanted, starts that broker, calls
# FUNC KIND BOOTSTRAP with $broker_pids set to its processes (none for env),
# and stops it. KIND is one of
#   dev     the embedded broker, a `$bin dev` on a free port
#   kafka   one Apache Kafka node (kafka/up.sh, the JVM's default flags)
#   kafka3  three Apache Kafka nodes
#   env     the brokers in $SHORE_TEST_BROKERS
# kafka and kafka3 start their cluster in this checkout's .kafka/ and stop
# it at the end; a cluster already running there makes them fail.
each_broker() {
	local fn=$1 kind nodes
	for kind in "${brokers_wanted[@]}"; do
		case $kind in
		dev)
			start_dev "$bin" "$work"
			broker_pids=("$dev_pid")
			"$fn" dev "$dev_addr"
			stop_dev
			;;
		kafka | kafka3)
			nodes=1
			[[ $kind == kafka3 ]] && nodes=3
			kafka_started=1
			KAFKA_NODES=$nodes KAFKA_JAVA_OPTS= kafka/up.sh >"$work/up.log" 2>&1 || {
				cat "$work/up.log" >&2
				exit 1
			}
			mapfile -t broker_pids <.kafka/run/pids
			"$fn" "$kind" "$(cat .kafka/run/bootstrap)"
			kafka/down.sh >/dev/null 2>&1
			kafka_started=
			;;
		env)
			broker_pids=()
			"$fn" env "${SHORE_TEST_BROKERS:?env: SHORE_TEST_BROKERS is unset}"
			;;
		*)
			echo "$bench_name: unknown broker '$kind': want dev, kafka, kafka3 or env" >&2
			exit 2
			;;
		esac
		broker_pids=()
	done
}
