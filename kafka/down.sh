#!/usr/bin/env bash
# Stop the brokers that kafka/up.sh started (exactly the PIDs in
# .kafka/run/pids: TERM, up to KAFKA_STOP_TIMEOUT seconds (default 20) to
# finish, then KILL) and remove their data and run files. Running it when no
# broker runs is fine.
set -euo pipefail
# shellcheck source=kafka/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

stop_timeout=${KAFKA_STOP_TIMEOUT:-20}
pids=()
if [[ -f $run_dir/pids ]]; then
	while read -r pid; do
		if [[ $pid =~ ^[0-9]+$ ]] && is_broker "$pid"; then
			pids+=("$pid")
		fi
	done <"$run_dir/pids"
fi

if ((${#pids[@]})); then
	log "kafka: stopping PID(s) ${pids[*]}"
	# A node that kafka/node.sh froze would not act on TERM.
	kill -CONT "${pids[@]}" 2>/dev/null || true
	kill -TERM "${pids[@]}" 2>/dev/null || true
	deadline=$((SECONDS + stop_timeout))
	while ((SECONDS < deadline)); do
		alive=()
		for pid in "${pids[@]}"; do
			if is_broker "$pid"; then
				alive+=("$pid")
			fi
		done
		((${#alive[@]})) || break
		sleep 0.2
	done
	for pid in "${pids[@]}"; do
		if is_broker "$pid"; then
			log "kafka: PID $pid did not stop within ${stop_timeout}s, killing it"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	done
fi

rm -rf "$run_dir" "$data_dir"
