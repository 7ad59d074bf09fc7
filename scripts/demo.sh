#!/usr/bin/env bash
# demo.sh BIN: start `BIN dev` on a free port and walk through what shore
# does, printing each command before its output like a terminal transcript.
# Exits non-zero as soon as a step fails. `make demo` runs it.
#
# To extend it, add `step ARGS...` lines (or a `section` heading) at the end:
# every step runs `shore ARGS...` against the demo cluster.
set -euo pipefail

bin=${1:?usage: scripts/demo.sh path/to/shore}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d)
dev_pid=

stop_dev() {
	if [[ -n $dev_pid ]]; then
		kill "$dev_pid" 2>/dev/null || true
		wait "$dev_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap stop_dev EXIT

# No configuration, profile or environment of the person running the demo.
for v in $(env | grep -o '^SHORE_[A-Z_]*' || true); do unset "$v"; done
export HOME=$work

# Port 0: the system picks a free port, and shore dev prints the address it
# got as its first line on stdout once the broker accepts connections.
"$bin" dev --listen 127.0.0.1:0 >"$work/dev.out" 2>"$work/dev.err" &
dev_pid=$!
for _ in $(seq 100); do
	if [[ $(wc -l <"$work/dev.out") -ge 1 ]]; then
		break
	fi
	if ! kill -0 "$dev_pid" 2>/dev/null; then
		echo "demo: shore dev exited before it was ready:" >&2
		cat "$work/dev.err" >&2
		exit 1
	fi
	sleep 0.1
done
addr=$(head -n 1 "$work/dev.out")
if [[ -z $addr ]]; then
	echo "demo: shore dev printed no address within 10s" >&2
	exit 1
fi
export SHORE_BROKERS=$addr

section() { printf '\n# %s\n' "$*"; }

step() {
	printf '$ shore %s\n' "$*"
	if ! "$bin" "$@"; then
		echo "demo: step failed: shore $*" >&2
		exit 1
	fi
}

section "shore dev is running at $addr (SHORE_BROKERS points every command there)"
step cluster

section "topics"
step topics create orders -p 3
step topics create audit -c cleanup.policy=compact
step topics list
if command -v kcat >/dev/null; then
	printf '$ printf ... | kcat -P -b %s -t orders -K:   # some keyed records\n' "$addr"
	for i in $(seq 1 12); do echo "customer-$((i % 4)):order $i"; done | kcat -P -b "$addr" -t orders -K:
fi
step topics describe orders audit
step topics alter-config audit --set retention.ms=86400000
step topics add-partitions orders --total 4

section "offsets"
step offsets orders
step offsets orders --at -1h -o json

section "cleaning up"
step topics delete audit
step topics list -o json
