#!/usr/bin/env bash
# Start Apicurio Registry 2.4.2.Final, in memory, on 127.0.0.1 for shore's
# tests: a real schema registry speaking the Confluent REST API. Builds it
# from Maven Central with kafka/registry/pom.xml on first use (about 230 MB of
# downloads into ~/.m2). Its Confluent-compatible URL,
# http://127.0.0.1:PORT/apis/ccompat/v7, goes to .kafka/registry/run/url and
# is the last line printed on stdout; kafka/registry-down.sh stops it.
#
# Environment:
#   REGISTRY_PORT=P           its port; a free one is picked when unset.
#   REGISTRY_START_TIMEOUT=S  seconds to wait for it (default 90).
set -euo pipefail
# shellcheck source=kafka/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

timeout_s=${REGISTRY_START_TIMEOUT:-90}
[[ $timeout_s =~ ^[0-9]+$ ]] || die "REGISTRY_START_TIMEOUT must be a number of seconds"
if [[ -f $registry_run/pid ]] && is_registry "$(<"$registry_run/pid")"; then
	die "a schema registry of this checkout is already running (PID $(<"$registry_run/pid")); run kafka/registry-down.sh first"
fi
"$kafka_dir/registry-down.sh"

# build_registry makes sure the runnable application matches
# kafka/registry/pom.xml, building it under a lock like fetch_jars.
build_registry() {
	local stamp want
	want=$(cksum <"$kafka_dir/registry/pom.xml")
	stamp=$registry_build/.pom-cksum
	if [[ -f $stamp && $(<"$stamp") == "$want" && -f $registry_jar ]]; then
		return 0
	fi
	command -v mvn >/dev/null || die "mvn not found: Maven is needed to build the schema registry"
	command -v java >/dev/null || die "java not found: the schema registry needs Java 17 or newer"
	mkdir -p "$registry_dir"
	(
		flock 9
		if [[ -f $stamp && $(<"$stamp") == "$want" && -f $registry_jar ]]; then
			exit 0
		fi
		log "kafka: building Apicurio Registry into $registry_build"
		rm -rf "$registry_build"
		if ! mvn -q -B -Dstyle.color=never -f "$kafka_dir/registry/pom.xml" package \
			>"$registry_dir/build.log" 2>&1; then
			cat "$registry_dir/build.log" >&2
			rm -rf "$registry_build"
			die "building the schema registry failed (see above)"
		fi
		printf '%s\n' "$want" >"$stamp"
		rm -f "$registry_dir/build.log"
	) 9>"$registry_dir/build.lock"
}
build_registry

if [[ -n ${REGISTRY_PORT:-} ]]; then
	[[ $REGISTRY_PORT =~ ^[0-9]+$ ]] || die "REGISTRY_PORT must be a port number"
	! port_open "$REGISTRY_PORT" || die "port $REGISTRY_PORT (from REGISTRY_PORT) is in use"
	port=$REGISTRY_PORT
else
	pick_port
	port=$REPLY
fi
url=http://127.0.0.1:$port/apis/ccompat/v7

ready=0
on_exit() {
	if ((!ready)); then
		if [[ -s $registry_dir/registry.log ]]; then
			log "----- last lines of $registry_dir/registry.log"
			tail -n 25 "$registry_dir/registry.log" >&2
		fi
		"$kafka_dir/registry-down.sh"
	fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

log "kafka: starting the schema registry at $url"
mkdir -p "$registry_run"
# Apicurio keeps everything in an in-memory H2 database: each start is
# empty, as the tests want. One worker thread serves one request at a time:
# Apicurio 2.4.2 on H2 fails concurrent registrations with HTTP 500 (a lock
# timeout or a concurrent update on its id sequence row), already with two
# clients at once, and go test runs packages and tests in parallel.
java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
	-Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
	-Dquarkus.thread-pool.core-threads=1 -Dquarkus.thread-pool.max-threads=1 \
	-jar "$registry_jar" >"$registry_dir/registry.log" 2>&1 </dev/null &
printf '%d\n' "$!" >"$registry_run/pid"

# answers sends GET /subjects and tells whether the registry says 200.
answers() {
	local status
	exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
	printf 'GET /apis/ccompat/v7/subjects HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
	read -r -t 5 _ status _ <&3 || status=
	exec 3<&-
	[[ $status == 200 ]]
}
deadline=$((SECONDS + timeout_s))
until answers 2>/dev/null; do
	# kill -0, not is_registry: until the background shell has exec'd
	# java, its command line is this script's.
	kill -0 "$(<"$registry_run/pid")" 2>/dev/null || die "the schema registry exited during start-up"
	((SECONDS < deadline)) || die "the schema registry was not ready within ${timeout_s}s"
	sleep 0.2
done

printf '%s\n' "$url" >"$registry_run/url"
ready=1
log "kafka: schema registry ready after ${SECONDS}s; stop it with kafka/registry-down.sh"
printf '%s\n' "$url"
