#!/usr/bin/env bash
# bench-filter.sh BIN: fills a topic with 1,000,000 keyed JSON records (about
# 80 bytes each), reads it to /dev/null with `BIN consume -e`, then with a key
# comparison and a field comparison in --filter, in the same run on the same
# broker, and prints the times, peak RSS and the ratios to the plain read
# (target: at most 3). A filter with a general jq expression is shown too.
# The broker is $SHORE_TEST_BROKERS when set, else `BIN dev` on a free port.
set -euo pipefail

BIN=${1:?usage: bench-filter.sh BIN}
RECORDS=${RECORDS:-1000000}
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
bench_topic "$BIN" bench-filter
# Keys k00000000...; amounts spread over 0-999, so amount > 990 keeps 0.9%.
awk -v n="$RECORDS" 'BEGIN { for (i = 0; i < n; i++) printf "k%08d\t{\"id\":%d,\"amount\":%d,\"currency\":\"EUR\",\"note\":\"a short note\"}\n", i, i, (i * 7919) % 1000 }' >"$work/records"
"$BIN" produce "$topic" -b "$brokers" -K '\t' <"$work/records" >/dev/null

echo "bench-filter: $RECORDS JSON records from $where"
measure_run plain "$BIN" consume "$topic" -b "$brokers" -e
measure_run key "$BIN" consume "$topic" -b "$brokers" -e --filter '.key == "k00500000"'
measure_run field "$BIN" consume "$topic" -b "$brokers" -e --filter '.value.amount > 990'
measure_run jq "$BIN" consume "$topic" -b "$brokers" -e --filter '.value | .amount > 990 and .currency == "EUR"'
matched=$("$BIN" consume "$topic" -b "$brokers" -e --filter '.value.amount > 990' | wc -l)
want=$(awk -v n="$RECORDS" 'BEGIN { c = 0; for (i = 0; i < n; i++) if ((i * 7919) % 1000 > 990) c++; print c }')
[ "$matched" = "$want" ] || { echo "bench-filter: the field filter wrote $matched records, not $want" >&2; exit 1; }
for name in key field jq; do
	secs_var=${name}_secs
	awk -v n="$name" -v s="${!secs_var}" -v p="$plain_secs" 'BEGIN { printf "%-6s / plain time ratio: %.2f%s\n", n, s / p, (n == "jq" ? " (a general expression, through gojq; no target)" : (s / p <= 3 ? " (target <= 3: met)" : " (target <= 3: NOT met)")) }'
done
