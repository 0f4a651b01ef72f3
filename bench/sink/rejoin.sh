#!/usr/bin/env bash
# How long a restarted sink waits for its partitions on DevKafka: a sink runs, is stopped (SIGTERM, waits for
# the exit) or SIGKILLed, and starts again at once; the figure is the time from that start until a record
# produced after it is in the local bucket. Extra KEY=VALUE arguments go to the sink's environment, e.g.
#   bench/sink/rejoin.sh Aspire__Confluent__Kafka__Consumer__Config__session.timeout.ms=45000
# RUNS (default 3) rounds of each. Needs kcat. Uses the Debug build: dotnet build PinterestPipeline.sln
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-3}
sink=PinterestPipeline.Sink/bin/Debug/net10.0/PinterestPipeline.Sink.dll
devkafka=PinterestPipeline.DevKafka/bin/Debug/net10.0/PinterestPipeline.DevKafka.dll
work=$(mktemp -d)
topic=rejoin
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  if [ -n "${KEEP:-}" ]; then echo "logs in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap "exit 1" INT TERM

dotnet "$devkafka" --port 0 --topic "$topic:3" >"$work/devkafka.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  port=$(grep -o -m1 '127\.0\.0\.1:[0-9]*' "$work/devkafka.log" | cut -d: -f2 || true)
  [ -n "$port" ] && break
  sleep 0.1
done
broker=127.0.0.1:$port

start_sink() { # $1: log file
  env ConnectionStrings__kafka="$broker" Sink__TopicsRegex="^$topic\$" Sink__GroupId=rejoin-bench \
    Sink__Storage=Local Sink__LocalPath="$work/bucket" Sink__FlushSize=1 DOTNET_ENVIRONMENT=Production \
    "${@:2}" dotnet "$sink" >"$1" 2>&1 &
  sink_pid=$!
  pids+=($sink_pid)
}

objects() { find "$work/bucket" -name '*.json' 2>/dev/null | wc -l; }

# Produces one record to each partition and waits until the bucket holds them; prints the seconds since $1.
produce_and_wait() {
  local since=$1 want=$(( $(objects) + 3 ))
  for p in 0 1 2; do echo '{"n":1}' | kcat -P -q -b "$broker" -t "$topic" -p "$p"; done
  while [ "$(objects)" -lt "$want" ]; do
    if [ $(( $(date +%s%N) - since )) -gt 200000000000 ]; then echo "timeout"; return; fi
    sleep 0.1
  done
  echo "scale=1; ($(date +%s%N) - $since) / 1000000000" | bc
}

log=0
start_sink "$work/sink$log.log" "$@"
echo "first start: $(produce_and_wait "$(date +%s%N)") s"
for stop in TERM KILL; do
  for run in $(seq "$runs"); do
    kill "-$stop" "$sink_pid"
    wait "$sink_pid" 2>/dev/null || true
    log=$((log + 1))
    started=$(date +%s%N)
    start_sink "$work/sink$log.log" "$@"
    echo "after SIG$stop, run $run: $(produce_and_wait "$started") s"
  done
done
