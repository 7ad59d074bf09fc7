# shellcheck shell=bash
# The variables here are used by the scripts that source this file.
# shellcheck disable=SC2034
#
# Shared by kafka/up.sh, kafka/down.sh, kafka/node.sh and kafka/tool.sh;
# sourced, not run.
#
# Layout, all under .kafka/ at the repo root (git-ignored):
#   libs/        the jars fetched by Maven from kafka/pom.xml
#   run/pids     PIDs of the broker JVMs, one per line: line N is node N
#   run/bootstrap          host:port list of the PLAINTEXT listener
#   run/bootstrap.NAME     the same for each extra listener NAME
#   data/node-N/ server.properties, log dirs and server.log of node N
#   registry/build/         the schema registry built from kafka/registry/pom.xml
#   registry/run/pid, url   its PID and Confluent-compatible URL while it runs
#   registry/registry.log   its log

kafka_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$kafka_dir")
state_dir=$repo_root/.kafka
libs_dir=$state_dir/libs
run_dir=$state_dir/run
data_dir=$state_dir/data

tools_archive=$libs_dir/tools.jsa

registry_dir=$state_dir/registry
registry_build=$registry_dir/build
registry_run=$registry_dir/run
registry_jar=$registry_build/shore-test-registry-0-runner.jar

# tool_command sets tool_cmd to the java command line, up to the main class,
# that runs Kafka's tools. C1 only and the serial collector start faster than
# the defaults (0.6 s instead of 0.75 s for a TopicCommand --list here), and
# the class data archive that up.sh writes on its first run halves that again.
# JVM warnings go to stderr, never stdout, so that a stale archive (the JVM
# ignores it then) cannot garble a tool's output. KAFKA_TOOL_JAVA_OPTS adds
# JVM flags (split on spaces).
tool_command() {
	local extra=()
	read -ra extra <<<"${KAFKA_TOOL_JAVA_OPTS:-}"
	tool_cmd=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m
		-Xlog:disable -Xlog:all=warning:stderr
		"-Dlog4j2.configurationFile=$kafka_dir/tools-log4j2.properties")
	if [[ -f $tools_archive ]]; then
		tool_cmd+=("-XX:SharedArchiveFile=$tools_archive")
	fi
	tool_cmd+=("${extra[@]}" -cp "$libs_dir/*")
}

# start_node K starts the JVM of node K in the background, from the
# server.properties that up.sh wrote, and sets REPLY to its PID. up.sh starts
# every node with it and kafka/node.sh restarts one. KAFKA_HEAP and
# KAFKA_JAVA_OPTS shape the JVM (see up.sh).
start_node() {
	local node_dir=$data_dir/node-$1 java_opts=()
	read -ra java_opts <<<"${KAFKA_JAVA_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
	java -Xmx"${KAFKA_HEAP:-512m}" "${java_opts[@]}" -Djava.awt.headless=true \
		-Dkafka.logs.dir="$node_dir" -Dlog4j2.configurationFile="$kafka_dir/log4j2.properties" \
		-cp "$libs_dir/*" kafka.Kafka "$node_dir/server.properties" \
		>>"$node_dir/stdout.log" 2>&1 </dev/null &
	REPLY=$!
}

log() {
	printf '%s\n' "$*" >&2
}

die() {
	log "kafka: $*"
	exit 1
}

# fetch_jars makes sure .kafka/libs holds the jars of kafka/pom.xml. It does
# nothing when they are there already for the current pom.xml; otherwise it
# copies them from the local Maven repository (~/.m2), which Maven fills from
# Maven Central on first use. A lock keeps parallel callers from fetching
# twice, and the copy goes to a temporary folder first so that an interrupted
# fetch never leaves a partial classpath behind.
fetch_jars() {
	local stamp want
	want=$(cksum <"$kafka_dir/pom.xml")
	stamp=$libs_dir/.pom-cksum
	if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
		return 0
	fi
	command -v mvn >/dev/null || die "mvn not found: Maven is needed to fetch Apache Kafka"
	command -v java >/dev/null || die "java not found: Apache Kafka needs Java 17 or newer"
	mkdir -p "$state_dir"
	(
		flock 9
		if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
			exit 0
		fi
		log "kafka: fetching Apache Kafka jars into $libs_dir"
		rm -rf "$libs_dir.tmp"
		if ! mvn -q -B -Dstyle.color=never -f "$kafka_dir/pom.xml" \
			dependency:copy-dependencies -DoutputDirectory="$libs_dir.tmp" \
			>"$state_dir/fetch.log" 2>&1; then
			cat "$state_dir/fetch.log" >&2
			die "fetching the jars failed (see above)"
		fi
		printf '%s\n' "$want" >"$libs_dir.tmp/.pom-cksum"
		rm -rf "$libs_dir"
		mv "$libs_dir.tmp" "$libs_dir"
		rm -f "$state_dir/fetch.log"
	) 9>"$state_dir/fetch.lock"
}

# Ports: random ones between 20000 and 32000 (below Linux's ephemeral range,
# so outgoing connections do not take them) that nobody listens on yet.
# pick_port sets REPLY to one that no earlier call of this script returned.
declare -A taken=()
pick_port() {
	local port tries
	for ((tries = 0; tries < 200; tries++)); do
		port=$((20000 + RANDOM % 12000))
		if [[ -z ${taken[$port]:-} ]] && ! port_open "$port"; then
			taken[$port]=1
			REPLY=$port
			return 0
		fi
	done
	die "found no free port"
}
port_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# is_broker PID tells whether PID is still a broker JVM of this checkout, so
# that a recycled PID never gets a signal meant for a broker.
is_broker() {
	local cmdline
	cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
	[[ $cmdline == *" kafka.Kafka $data_dir/"* ]]
}

# is_registry PID tells whether PID is still the schema registry JVM of this
# checkout.
is_registry() {
	local cmdline
	cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
	[[ $cmdline == *" -jar $registry_jar"* ]]
}
