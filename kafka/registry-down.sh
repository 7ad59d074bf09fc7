#!/usr/bin/env bash
# Stop the schema registry that kafka/registry-up.sh started (exactly the PID
# in .kafka/registry/run/pid: TERM, up to 20 s to finish, then KILL) and
# remove its run files. Running it when no registry runs is fine.
set -euo pipefail
# shellcheck source=kafka/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [[ -f $registry_run/pid ]]; then
	pid=$(<"$registry_run/pid")
	if [[ $pid =~ ^[0-9]+$ ]] && is_registry "$pid"; then
		log "kafka: stopping the schema registry (PID $pid)"
		kill -TERM "$pid" 2>/dev/null || true
		deadline=$((SECONDS + 20))
		while is_registry "$pid" && ((SECONDS < deadline)); do
			sleep 0.2
		done
		if is_registry "$pid"; then
			log "kafka: PID $pid did not stop within 20s, killing it"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
fi
rm -rf "$registry_run"
