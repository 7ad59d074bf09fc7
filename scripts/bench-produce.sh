#!/usr/bin/env bash
# Benchmark of `shore produce` against `kcat -P`: 1,000,000 keyed 100-byte
# lines from a file, both tools on the same input and broker in the same run,
# best of $RUNS runs each, with peak RSS from /usr/bin/time -v.
#
# usage: scripts/bench-produce.sh BIN
# The broker is $SHORE_TEST_BROKERS when set (a real Kafka: its topics are
# auto-created); otherwise an embedded kfake broker is started on a free port
# for the run and stopped after it.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:?usage: $0 BIN}
RUNS=${RUNS:-3}
LINES=1000000
mkdir -p .bench
input=.bench/produce-keyed-100b.txt

if [ ! -s "$input" ]; then
  echo "bench: writing $LINES keyed 100-byte lines to $input"
  # key0000000:<89 value bytes>\n = 100 bytes and a newline
  awk -v n=$LINES 'BEGIN { v = sprintf("%89s", ""); gsub(/ /, "v", v); for (i = 0; i < n; i++) printf "key%07d:%s\n", i, v }' > "$input"
fi

brokers=${SHORE_TEST_BROKERS:-}
broker_pid=
cleanup() { if [ -n "$broker_pid" ]; then kill "$broker_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
if [ -z "$brokers" ]; then
  mkdir -p .bench/kfake
  cat > .bench/kfake/main.go <<'GO'
// Command kfake serves an embedded broker on 127.0.0.1 and the port in
// os.Args[1] until it is killed: the benchmark's broker when no other is given.
package main

import (
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/twmb/franz-go/pkg/kfake"
)

func main() {
	port, err := strconv.Atoi(os.Args[1])
	if err != nil {
		panic(err)
	}
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.Ports(port),
		kfake.AllowAutoTopicCreation(), kfake.DefaultNumPartitions(6))
	if err != nil {
		panic(err)
	}
	defer c.Close()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
}
GO
  go build -o .bench/kfake/kfake ./.bench/kfake
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  brokers=127.0.0.1:$port
  .bench/kfake/kfake "$port" & broker_pid=$!
  for _ in $(seq 50); do (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
  echo "bench: embedded kfake broker at $brokers (pid $broker_pid)"
else
  echo "bench: broker $brokers"
fi

# measure CMD...: runs CMD, prints "seconds peak_rss_kib cpu_seconds"; a
# failed run stops the benchmark. CPU time (user + system) varies less than
# wall time when other work shares the machine.
measure() {
  if ! /usr/bin/time -o .bench/time.out -f '%e %M %U %S' "$@" >/dev/null 2>.bench/stderr.out; then
    echo "bench: $* failed:" >&2
    cat .bench/stderr.out >&2
    exit 1
  fi
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' .bench/time.out
}

# summary NAME RUN...: "NAME best B s, median M s, CPU C s, peak RSS R MiB";
# sets best_s and median_s
summary() {
  local name=$1; shift
  local sorted
  sorted=$(printf '%s\n' "$@" | sort -n)
  best_s=$(echo "$sorted" | head -1 | cut -d' ' -f1)
  median_s=$(echo "$sorted" | sed -n "$(( ($# + 1) / 2 ))p" | cut -d' ' -f1)
  local rss cpu
  rss=$(printf '%s\n' "$@" | cut -d' ' -f2 | sort -n | tail -1)
  cpu=$(printf '%s\n' "$@" | cut -d' ' -f3 | sort -n | sed -n "$(( ($# + 1) / 2 ))p")
  printf '%-14s best %5.2f s, median %5.2f s, median CPU %5.2f s, peak RSS %3d MiB  (runs: %s)\n' \
    "$name" "$best_s" "$median_s" "$cpu" $(( rss / 1024 )) "$(printf '%s\n' "$@" | cut -d' ' -f1 | paste -sd' ')"
}

have_kcat=
command -v kcat >/dev/null && have_kcat=1
shore_runs=() kcat_runs=()
for i in $(seq "$RUNS"); do
  # alternate the tools so that both see the same load on a shared machine
  shore_runs+=("$(measure "$BIN" produce "bench-shore-$$-$i" "$input" -K : --allow-auto-create -b "$brokers")")
  if [ -n "$have_kcat" ]; then
    kcat_runs+=("$(measure kcat -P -b "$brokers" -t "bench-kcat-$$-$i" -K : -l "$input")")
  fi
done

summary "shore produce" "${shore_runs[@]}"
shore_best=$best_s shore_median=$median_s
if [ -n "$have_kcat" ]; then
  summary "kcat -P" "${kcat_runs[@]}"
  awk -v sb="$shore_best" -v kb="$best_s" -v sm="$shore_median" -v km="$median_s" \
    'BEGIN { printf "shore/kcat time: %.2f best, %.2f median (below 1: shore is faster)\n", sb / kb, sm / km }'
else
  echo "kcat -P        skipped: kcat is not installed"
fi
