#!/usr/bin/env bash
# Start a real Apache Kafka cluster in KRaft mode on 127.0.0.1 for shore's
# tests. Every node is broker and controller at once. The bootstrap address
# (host:port,...) goes to .kafka/run/bootstrap and is the last line printed on
# stdout; kafka/down.sh stops the cluster and removes its data.
#
# Environment:
#   KAFKA_NODES=N          number of nodes, 1 to 9 (default 1). Internal topics
#                          get replication factor min(N, 3).
#   KAFKA_PORT=P           PLAINTEXT port of node 1, node k gets P+k-1; free
#                          ports are picked when unset. Controller ports are
#                          always picked.
#   KAFKA_EXTRA_LISTENERS="NAME[:PROTOCOL] ..."
#                          more client listeners, e.g. "SASL_PLAINTEXT SSL" or
#                          "SCRAM:SASL_PLAINTEXT" (PROTOCOL defaults to NAME).
#                          Each gets a free port on every node; its bootstrap
#                          address goes to .kafka/run/bootstrap.NAME.
#   KAFKA_EXTRA_CONFIG=F   a properties file appended to every node's
#                          server.properties; its keys win over ours. Put the
#                          SASL/SSL settings of the extra listeners there.
#   KAFKA_HEAP=SIZE        -Xmx of each broker JVM (default 512m).
#   KAFKA_JAVA_OPTS=FLAGS  other JVM flags of each broker, split on spaces
#                          (default "-XX:+UseSerialGC -XX:TieredStopAtLevel=1",
#                          which starts faster; set it empty to get the JVM's
#                          defaults, e.g. for benchmarks).
#   KAFKA_START_TIMEOUT=S  seconds to wait for the cluster (default 90).
set -euo pipefail
# shellcheck source=kafka/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

nodes=${KAFKA_NODES:-1}
timeout_s=${KAFKA_START_TIMEOUT:-90}
[[ $nodes =~ ^[1-9]$ ]] || die "KAFKA_NODES must be a number from 1 to 9, not '$nodes'"
[[ $timeout_s =~ ^[0-9]+$ ]] || die "KAFKA_START_TIMEOUT must be a number of seconds"
if [[ -n ${KAFKA_EXTRA_CONFIG:-} && ! -r $KAFKA_EXTRA_CONFIG ]]; then
	die "KAFKA_EXTRA_CONFIG=$KAFKA_EXTRA_CONFIG is not a readable file"
fi

if [[ -f $run_dir/pids ]]; then
	while read -r pid; do
		if is_broker "$pid"; then
			die "a broker of this checkout is already running (PID $pid); run kafka/down.sh first"
		fi
	done <"$run_dir/pids"
fi
"$kafka_dir/down.sh"
fetch_jars
tool_command

# Kafka's Uuid in its text form: 16 random bytes in unpadded base64url. Kafka
# refuses ids that start with '-' (they would read as a command-line flag).
kafka_uuid() {
	local id
	while :; do
		id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
		[[ $id == -* ]] || break
	done
	REPLY=$id
}

extra_names=()
extra_protocols=()
declare -A seen=([PLAINTEXT]=1 [CONTROLLER]=1)
for spec in ${KAFKA_EXTRA_LISTENERS:-}; do
	name=${spec%%:*}
	protocol=${spec#*:}
	[[ $name =~ ^[A-Z][A-Z0-9_]*$ ]] || die "bad listener name '$name' in KAFKA_EXTRA_LISTENERS"
	[[ -z ${seen[$name]:-} ]] || die "listener $name is taken or given twice"
	seen[$name]=1
	extra_names+=("$name")
	extra_protocols+=("$protocol")
done

client_ports=()
controller_ports=()
declare -A extra_ports=()
for ((k = 1; k <= nodes; k++)); do
	if [[ -n ${KAFKA_PORT:-} ]]; then
		[[ $KAFKA_PORT =~ ^[0-9]+$ ]] || die "KAFKA_PORT must be a port number"
		port=$((KAFKA_PORT + k - 1))
		! port_open "$port" || die "port $port (from KAFKA_PORT) is in use"
		taken[$port]=1
		client_ports+=("$port")
	else
		pick_port
		client_ports+=("$REPLY")
	fi
	pick_port
	controller_ports+=("$REPLY")
	for name in "${extra_names[@]}"; do
		pick_port
		extra_ports[$name,$k]=$REPLY
	done
done

join() {
	local IFS=,
	REPLY="$*"
}
addresses=()
quorum=()
for ((k = 1; k <= nodes; k++)); do
	addresses+=("127.0.0.1:${client_ports[k - 1]}")
	quorum+=("127.0.0.1:${controller_ports[k - 1]}")
done
join "${addresses[@]}"
bootstrap=$REPLY
join "${quorum[@]}"
quorum_servers=$REPLY

replication=$((nodes < 3 ? nodes : 3))
min_isr=$((replication < 3 ? 1 : 2))

# write_config K writes node K's server.properties. Comments in .properties
# files must sit on their own lines.
write_config() {
	local k=$1 node_dir=$data_dir/node-$1 listeners advertised protocols i name
	listeners="PLAINTEXT://127.0.0.1:${client_ports[k - 1]},CONTROLLER://127.0.0.1:${controller_ports[k - 1]}"
	advertised="PLAINTEXT://127.0.0.1:${client_ports[k - 1]}"
	protocols="PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
	for i in "${!extra_names[@]}"; do
		name=${extra_names[i]}
		listeners+=",$name://127.0.0.1:${extra_ports[$name,$k]}"
		advertised+=",$name://127.0.0.1:${extra_ports[$name,$k]}"
		protocols+=",$name:${extra_protocols[i]}"
	done
	mkdir -p "$node_dir/logs"
	cat >"$node_dir/server.properties" <<-EOF
		# Written by kafka/up.sh: node $k of $nodes, a test cluster on loopback.
		process.roles=broker,controller
		node.id=$k
		controller.quorum.bootstrap.servers=$quorum_servers
		controller.listener.names=CONTROLLER
		inter.broker.listener.name=PLAINTEXT
		listeners=$listeners
		advertised.listeners=$advertised
		listener.security.protocol.map=$protocols
		log.dirs=$node_dir/logs
		# shore's tests create their topics, and a missing topic must stay
		# missing (Kafka's default is to create it; kfake's is not to).
		auto.create.topics.enable=false
		num.partitions=1
		default.replication.factor=1
		group.initial.rebalance.delay.ms=0
		offsets.topic.num.partitions=3
		offsets.topic.replication.factor=$replication
		transaction.state.log.num.partitions=3
		transaction.state.log.replication.factor=$replication
		transaction.state.log.min.isr=$min_isr
		share.coordinator.state.topic.num.partitions=3
		share.coordinator.state.topic.replication.factor=$replication
		share.coordinator.state.topic.min.isr=$min_isr
	EOF
	if [[ -n ${KAFKA_EXTRA_CONFIG:-} ]]; then
		printf '# From KAFKA_EXTRA_CONFIG=%s\n' "$KAFKA_EXTRA_CONFIG" >>"$node_dir/server.properties"
		cat "$KAFKA_EXTRA_CONFIG" >>"$node_dir/server.properties"
	fi
}

started=0
ready=0
show_logs() {
	local f
	for f in "$data_dir"/node-*/format.log "$data_dir"/node-*/stdout.log "$data_dir"/node-*/server.log; do
		[[ -s $f ]] || continue
		log "----- last lines of $f"
		tail -n 25 "$f" >&2
	done
}
on_exit() {
	if ((!ready)); then
		((!started)) || show_logs
		"$kafka_dir/down.sh"
	fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# Format every node's storage. One node uses --standalone; several share a
# dynamic quorum whose voters are listed with --initial-controllers, each with
# the directory id its own metadata log will carry.
kafka_uuid
cluster_id=$REPLY
voters=()
for ((k = 1; k <= nodes; k++)); do
	kafka_uuid
	voters+=("$k@127.0.0.1:${controller_ports[k - 1]}:$REPLY")
done
join "${voters[@]}"
initial_controllers=$REPLY
mkdir -p "$run_dir"
format_pids=()
for ((k = 1; k <= nodes; k++)); do
	write_config "$k"
	if ((nodes == 1)); then
		quorum_flag=(--standalone)
	else
		quorum_flag=(--initial-controllers "$initial_controllers")
	fi
	"${tool_cmd[@]}" kafka.tools.StorageTool format \
		-t "$cluster_id" -c "$data_dir/node-$k/server.properties" "${quorum_flag[@]}" \
		>"$data_dir/node-$k/format.log" 2>&1 </dev/null &
	format_pids+=($!)
done
started=1
for ((k = 1; k <= nodes; k++)); do
	wait "${format_pids[k - 1]}" || die "formatting the storage of node $k failed"
done
rm -f "$data_dir"/node-*/format.log

log "kafka: starting $nodes node(s), bootstrap $bootstrap"
: >"$run_dir/pids"
for ((k = 1; k <= nodes; k++)); do
	start_node "$k"
	printf '%d\n' "$REPLY" >>"$run_dir/pids"
done

# Ready means every node answers and is an unfenced broker in the cluster's
# metadata, which one DescribeCluster request (ClusterTool list-endpoints)
# tells. Polling the ports first from bash spares JVM starts meanwhile, and
# no single check may hang for more than 15 s.
deadline=$((SECONDS + timeout_s))
check_alive() {
	local k=1 pid
	while read -r pid; do
		kill -0 "$pid" 2>/dev/null || die "node $k (PID $pid) exited during start-up"
		k=$((k + 1))
	done <"$run_dir/pids"
	((SECONDS < deadline)) || die "the cluster was not ready within ${timeout_s}s"
}
cluster_ready() {
	local out limit=$((deadline - SECONDS + 1))
	((limit < 15)) || limit=15
	out=$(timeout "$limit" "${tool_cmd[@]}" org.apache.kafka.tools.ClusterTool \
		list-endpoints --bootstrap-server "$bootstrap" 2>"$run_dir/check.log") || return 1
	(($(grep -c ' unfenced  *broker' <<<"$out") == nodes))
}
for port in "${client_ports[@]}"; do
	until port_open "$port"; do
		check_alive
		sleep 0.2
	done
done
until cluster_ready; do
	check_alive
	sleep 0.5
done

# The first start also writes the class data archive that makes tool JVMs
# start in half the time (see tool_command); a TopicCommand run loads most of
# what the other tools need. Later starts skip this.
if [[ ! -f $tools_archive ]]; then
	log "kafka: writing the class data archive for the tools (once)"
	if "${tool_cmd[@]}" -XX:ArchiveClassesAtExit="$tools_archive.$$" org.apache.kafka.tools.TopicCommand \
		--bootstrap-server "$bootstrap" --list >/dev/null 2>&1; then
		mv "$tools_archive.$$" "$tools_archive"
	else
		rm -f "$tools_archive.$$"
	fi
fi

printf '%s\n' "$bootstrap" >"$run_dir/bootstrap"
for name in "${extra_names[@]}"; do
	list=()
	for ((k = 1; k <= nodes; k++)); do
		list+=("127.0.0.1:${extra_ports[$name,$k]}")
	done
	join "${list[@]}"
	printf '%s\n' "$REPLY" >"$run_dir/bootstrap.$name"
done
ready=1
log "kafka: ready after ${SECONDS}s; stop it with kafka/down.sh"
printf '%s\n' "$bootstrap"
