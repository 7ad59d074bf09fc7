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
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
trap 'stop_dev; rm -rf "$work"' EXIT

# No configuration, profile or environment of the person running the demo.
for v in $(env | grep -o '^SHORE_[A-Z_]*' || true); do unset "$v"; done
export HOME=$work

start_dev "$bin" "$work"
addr=$dev_addr
export SHORE_BROKERS=$addr

section() { printf '\n# %s\n' "$*"; }

# shown prints a command line the way one would type it: arguments that
# need quoting are in single quotes.
shown() {
	local out=() a
	for a in "$@"; do
		if [[ $a =~ ^[A-Za-z0-9_./:@,=+-]+$ ]]; then out+=("$a"); else out+=("'$a'"); fi
	done
	printf '$ %s\n' "${out[*]}"
}

step() {
	shown shore "$@"
	step_quiet "$@"
}

# step_quiet runs a step whose command line was already shown (it reads a pipe).
step_quiet() {
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
step topics describe orders audit
step topics alter-config audit --set retention.ms=86400000

section "produce: stdin into a topic, one record a line, KEY:VALUE with -K:"
records() { for i in $(seq 1 12); do echo "customer-$((i % 4)):order $i"; done; }
printf '$ for i in $(seq 1 12); do echo "customer-$((i %% 4)):order $i"; done | shore produce orders -K: -m\n'
records | step_quiet produce orders -K: -m
printf '$ echo '"'"'{"key":"customer-9","value":"refund","headers":[{"key":"source","value":"demo"}]}'"'"' | shore produce orders --json\n'
echo '{"key":"customer-9","value":"refund","headers":[{"key":"source","value":"demo"}]}' | step_quiet produce orders --json

section "consume: from any offset, in any layout, exiting when caught up"
step consume orders -e -f '%p/%o %k = %v\n'
step consume orders -o -1 -e --json
step consume orders -o @-1h:end -n 3

section "offsets"
step offsets orders
step offsets orders --at -1h -o json

section "consumer groups: read some, look at the lag, move the offsets back"
step consume orders -g billing -n 6 -f '%k = %v\n'
step groups list
step groups describe billing
step groups seek billing --to start
step groups seek billing --to start --execute
step groups describe billing

section "cleaning up"
step topics delete audit
step topics list -o json
