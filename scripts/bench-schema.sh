#!/usr/bin/env bash
# bench-schema.sh BIN: 1,000,000 records of a 10-field Avro schema, through
# the schema registry of `BIN dev` (started on free ports). Prints the time
# and peak RSS of
#   produce-plain  the JSON lines sent as they are
#   produce-avro   the same lines encoded with the schema (--value-schema)
#   consume-plain  the Avro records written as --json, undecoded
#   consume-avro   the same records decoded to JSON (--decode value --json)
#   consume-avro-v the same with -vv, which logs every registry request
# the two ratios of wall and CPU time (the targets: at most 2), and the
# requests the registry answered while decoding, each path with its count
# (the target: once each per schema id, the schema and its subject and
# version).
set -euo pipefail

BIN=${1:?usage: bench-schema.sh BIN}
RECORDS=${RECORDS:-1000000}
work=$(mktemp -d)
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
cleanup() {
	stop_dev
	rm -rf "$work"
}
trap cleanup EXIT

start_dev "$BIN" "$work"
for _ in $(seq 100); do
	[[ $(wc -l <"$work/dev.out") -ge 2 ]] && break
	sleep 0.1
done
registry=$(sed -n 2p "$work/dev.out")
[[ -n $registry ]] || { echo "bench-schema: shore dev printed no registry URL" >&2; exit 1; }
export SHORE_BROKERS=$dev_addr SHORE_REGISTRY_URL=$registry

cat >"$work/reading.avsc" <<'AVSC'
{"type":"record","name":"Reading","namespace":"bench","fields":[
 {"name":"id","type":"long"},
 {"name":"sensor","type":"string"},
 {"name":"site","type":"string"},
 {"name":"celsius","type":"double"},
 {"name":"humidity","type":"float"},
 {"name":"ok","type":"boolean"},
 {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["INDOOR","OUTDOOR"]}},
 {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
 {"name":"seq","type":"int"},
 {"name":"note","type":["null","string"],"default":null}]}
AVSC
awk -v n="$RECORDS" 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":%d,\"sensor\":\"sensor-%04d\",\"site\":\"oslo-harbour\",\"celsius\":%d.25,\"humidity\":0.5,\"ok\":true,\"kind\":\"OUTDOOR\",\"at\":%.0f,\"seq\":%d,\"note\":%s}\n", i, i % 1000, i % 40, 1763856000000 + i, i, (i % 2 ? "null" : "{\"string\":\"calibrated\"}") }' >"$work/records"

# measure NAME CMD...: prints "NAME seconds peak-RSS" and keeps the seconds.
measure() {
	local name=$1
	shift
	/usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" <"${measure_in:-/dev/null}"
	local secs cpu rss
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/$name.time")
	cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$work/$name.time")
	rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/$name.time")
	printf '%-14s %6.2f s  CPU %6.2f s  peak RSS %4s MiB\n' "$name" "$secs" "$cpu" "$rss"
	printf -v "${name//-/_}_secs" '%s' "$secs"
	printf -v "${name//-/_}_cpu" '%s' "$cpu"
}

echo "bench-schema: $RECORDS records of a 10-field Avro schema, $BIN dev ($dev_addr, registry $registry)"
"$BIN" topics create bench-plain >/dev/null
"$BIN" topics create bench-avro >/dev/null
"$BIN" produce bench-avro --value-schema-file "$work/reading.avsc" --register </dev/null
measure_in=$work/records measure produce-plain "$BIN" produce bench-plain
measure_in=$work/records measure produce-avro "$BIN" produce bench-avro --value-schema topic
measure_in= measure consume-plain "$BIN" consume bench-avro --json -e
measure consume-avro "$BIN" consume bench-avro --decode value --json -e
measure consume-avro-v "$BIN" consume bench-avro --decode value --json -e -vv
n=$(wc -l <"$work/consume-avro.out")
[ "$n" = "$RECORDS" ] || { echo "bench-schema: decoded $n records, not $RECORDS" >&2; cat "$work/consume-avro.err" >&2; exit 1; }
awk -v p="$produce_plain_secs" -v a="$produce_avro_secs" -v cp="$consume_plain_secs" -v ca="$consume_avro_secs" \
	-v pc="$produce_plain_cpu" -v ac="$produce_avro_cpu" -v cpc="$consume_plain_cpu" -v cac="$consume_avro_cpu" \
	'BEGIN { printf "produce avro/plain time ratio: %.2f (CPU %.2f)\nconsume avro/plain time ratio: %.2f (CPU %.2f)\n", a / p, ac / pc, ca / cp, cac / cpc }'
# Each distinct request and how often; for one schema id the target is one
# of each: the schema, and its subject and version (for --json).
sed -n "s|.*registry: sending request method=\([A-Z]*\) URL=$registry\(.*\)|\1 \2|p" "$work/consume-avro-v.err" | sort | uniq -c >"$work/requests"
echo "registry requests while decoding (consume-avro-v, the same with -vv): $(awk '{ n += $1 } END { print n + 0 }' "$work/requests") for one schema id"
awk '{ printf "  %d x %s %s\n", $1, $2, $3 }' "$work/requests"
