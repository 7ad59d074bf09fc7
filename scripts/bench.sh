#!/usr/bin/env bash
# Runs every benchmark script (scripts/bench-*.sh) with the shore binary given
# as $1, then the Go benchmarks. Each script measures shore against its
# baseline (kcat, which bench-consume.sh needs; Kafka's EndToEndLatency,
# without which bench-check.sh skips) on the same input and broker in the
# same run; the broker is $SHORE_TEST_BROKERS, else a `shore dev` the script
# starts.
set -euo pipefail
bin=$(realpath "${1:?usage: bench.sh path/to/shore}")
cd "$(dirname "$0")/.."

status=0
for script in scripts/bench-*.sh; do
  [ -e "$script" ] || continue
  echo "== $script"
  "$script" "$bin" || { echo "bench: $script failed" >&2; status=1; }
done
echo "== go test -bench"
go test -run '^$' -bench . -benchmem ./... || status=1
exit "$status"
