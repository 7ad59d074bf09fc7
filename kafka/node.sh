#!/usr/bin/env bash
# Fault injection on one node of the cluster kafka/up.sh started, for the
# fault tests (make test-faults):
#   kafka/node.sh kill N    SIGKILL node N and wait until it is gone; its data stays
#   kafka/node.sh term N    SIGTERM node N, as a rolling restart does (Kafka's
#                           controlled shutdown), and wait until it is gone
#   kafka/node.sh stop N    SIGSTOP node N: frozen, its connections open, nothing answers
#   kafka/node.sh cont N    SIGCONT node N
#   kafka/node.sh start N   start node N again (after kill) with its data; it is
#                           up when it answers, which the caller polls for
#   kafka/node.sh pid N     print node N's PID
# Node N is the Nth line of .kafka/run/pids, and its node.id in Kafka.
set -euo pipefail
# shellcheck source=kafka/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

(($# == 2)) || die "usage: kafka/node.sh kill|term|stop|cont|start|pid N"
action=$1
node=$2
[[ -f $run_dir/pids ]] || die "no cluster runs here (start one with kafka/up.sh)"
mapfile -t pids <"$run_dir/pids"
[[ $node =~ ^[1-9]$ ]] && ((node <= ${#pids[@]})) || die "node $node: want 1 to ${#pids[@]}"
pid=${pids[node - 1]}

running() {
	is_broker "$pid"
}

case $action in
pid)
	printf '%s\n' "$pid"
	;;
kill)
	running || die "node $node (PID $pid) is not running"
	kill -KILL "$pid"
	# A killed JVM is gone once its /proc entry is; the parent (up.sh or
	# this script) has exited, so nobody is left to reap it but init.
	for ((i = 0; i < 200; i++)); do
		running || exit 0
		sleep 0.05
	done
	die "node $node (PID $pid) still runs 10 s after SIGKILL"
	;;
term)
	running || die "node $node (PID $pid) is not running"
	kill -TERM "$pid"
	# Controlled shutdown hands the node's leaderships over first.
	for ((i = 0; i < 1200; i++)); do
		running || exit 0
		sleep 0.05
	done
	die "node $node (PID $pid) still runs 60 s after SIGTERM"
	;;
stop | cont)
	running || die "node $node (PID $pid) is not running"
	kill "-${action^^}" "$pid"
	;;
start)
	! running || die "node $node (PID $pid) is running already"
	start_node "$node"
	pids[node - 1]=$REPLY
	printf '%s\n' "${pids[@]}" >"$run_dir/pids.tmp"
	mv "$run_dir/pids.tmp" "$run_dir/pids"
	;;
*)
	die "unknown action '$action': want kill, term, stop, cont, start or pid"
	;;
esac
