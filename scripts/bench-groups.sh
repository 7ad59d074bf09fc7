#!/usr/bin/env bash
# bench-groups.sh BIN: time `shore groups describe` on 50 groups of 100
# partitions each and `shore groups list` on 1,000 groups, against
# SHORE_TEST_BROKERS when set, else a `BIN dev` on a free port; with
# SHORE_KAFKA_TOOLS set (kafka/tool.sh), also kafka-consumer-groups --describe
# on the same 50 groups in the same run. Topics are created with `shore topics
# create`; groups get their commits from `shore groups commit`.
set -euo pipefail

bin=${1:?usage: scripts/bench-groups.sh path/to/shore}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d)
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
trap 'stop_dev; rm -rf "$work"' EXIT

if [[ -n ${SHORE_TEST_BROKERS:-} ]]; then
	brokers=$SHORE_TEST_BROKERS
	where="SHORE_TEST_BROKERS=$brokers"
else
	start_dev "$bin" "$work"
	brokers=$dev_addr
	where="the embedded broker (shore dev)"
fi
export SHORE_BROKERS=$brokers HOME=$work

run=bench-$$-$RANDOM
topic=$run-t100
"$bin" topics create "$topic" -p 100 -r 1 >/dev/null
for _ in $(seq 100); do
	"$bin" groups commit "$run-probe" "$topic:99=0" >/dev/null 2>&1 && break
	sleep 0.1
done
"$bin" groups delete "$run-probe" >/dev/null

# seconds TIMES CMD...: the best wall time of TIMES runs, output discarded
# (a failed run fails the script).
seconds() {
	local times=$1 best='' t
	shift
	for _ in $(seq "$times"); do
		t=$( { TIMEFORMAT=%R; time "$@" >/dev/null 2>&1; } 2>&1 )
		if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$t
		fi
	done
	echo "$best"
}

offsets=()
for p in $(seq 0 99); do offsets+=("$topic:$p=0"); done
describe=()
for g in $(seq -w 1 50); do
	"$bin" groups commit "$run-d$g" "${offsets[@]}" >/dev/null
	describe+=("$run-d$g")
done
rows=$("$bin" groups describe "${describe[@]}" -o json | grep -c '"current_offset"' || true)
[[ $rows == 5000 ]] || { echo "bench-groups: describe shows $rows partitions, want 5000" >&2; exit 1; }

echo "shore groups benchmarks against $where"
echo "describe, 50 groups x 100 partitions (best of 3):"
echo "  shore groups describe        $(seconds 3 "$bin" groups describe "${describe[@]}") s"
if [[ -n ${SHORE_KAFKA_TOOLS:-} ]]; then
	args=()
	for g in "${describe[@]}"; do args+=(--group "$g"); done
	echo "  kafka-consumer-groups        $(seconds 3 "$SHORE_KAFKA_TOOLS" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$brokers" --describe "${args[@]}") s"
else
	echo "  kafka-consumer-groups        skipped (SHORE_KAFKA_TOOLS is not set)"
fi

for g in $(seq -w 1 950); do
	"$bin" groups commit "$run-l$g" "$topic:0=0" >/dev/null
done
listed=$("$bin" groups list -o json | grep -c "\"group\": \"$run-")
[[ $listed == 1000 ]] || { echo "bench-groups: list shows $listed of the 1000 groups" >&2; exit 1; }
echo "list, 1,000 groups (best of 3):"
echo "  shore groups list            $(seconds 3 "$bin" groups list) s"
if [[ -n ${SHORE_KAFKA_TOOLS:-} ]]; then
	echo "  kafka-consumer-groups --list $(seconds 3 "$SHORE_KAFKA_TOOLS" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$brokers" --list) s"
fi

if [[ -n ${SHORE_TEST_BROKERS:-} ]]; then
	mapfile -t all < <("$bin" groups list -o json | grep -o "\"group\": \"$run-[^\"]*\"" | cut -d'"' -f4)
	"$bin" groups delete "${all[@]}" >/dev/null
	"$bin" topics delete "$topic" >/dev/null
fi
