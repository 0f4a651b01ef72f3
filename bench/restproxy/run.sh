#!/usr/bin/env bash
# REST Proxy benchmark: builds Release, starts DevKafka and the proxy on free ports, drives the proxy
# with wrk: the produce API (single-record requests at 1/16/64/256 connections, 100-record requests at 64),
# then the Kinesis integration in the same run (PutRecord at 1 and 64 connections, 100-record PutRecords
# at 64), each against a one-partition topic; then a direct Confluent.Kafka producer against the same
# broker as the ceiling.
# Usage: bench/restproxy/run.sh [seconds per run, default 10]
set -euo pipefail

DURATION="${1:-10}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$(mktemp -d)"
TOPIC="bench.pin"
STREAM="streaming-bench-pin"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

echo "== build (Release)"
dotnet build "$ROOT/PinterestPipeline.DevKafka" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/PinterestPipeline.RestProxy" -c Release -v q -nologo >/dev/null
dotnet build "$HERE/ProducerCeiling" -c Release -v q -nologo >/dev/null

echo "== start DevKafka"
dotnet "$ROOT/PinterestPipeline.DevKafka/bin/Release/net10.0/PinterestPipeline.DevKafka.dll" --port 0 --topic "$TOPIC:1" --topic "$STREAM:1" --topic bench.ceiling:1 >"$OUT/devkafka.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -qs "listening on" "$OUT/devkafka.log" && break; sleep 0.1; done
KAFKA="$(grep -o 'listening on [0-9.:]*' "$OUT/devkafka.log" | awk '{print $3}')"
[ -n "$KAFKA" ] || { echo "DevKafka did not start:"; cat "$OUT/devkafka.log"; exit 1; } >&2
echo "   broker $KAFKA"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
echo "== start proxy on 127.0.0.1:$PORT"
ConnectionStrings__kafka="$KAFKA" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet "$ROOT/PinterestPipeline.RestProxy/bin/Release/net10.0/PinterestPipeline.RestProxy.dll" --urls "http://127.0.0.1:$PORT" >"$OUT/proxy.log" 2>&1 &
PROXY=$!
PIDS+=($PROXY)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "proxy did not become healthy:"; cat "$OUT/proxy.log"; exit 1; } >&2

run() { # script connections records
  local threads=2
  [ "$2" -lt 2 ] && threads=1
  BENCH_DIR="$HERE" TOPIC="$TOPIC" STREAM="$STREAM" RECORDS="$3" PAYLOAD="$HERE/pin.json" \
    wrk -t"$threads" -c"$2" -d"${DURATION}s" --latency -s "$HERE/$1.lua" "http://127.0.0.1:$PORT" >"$OUT/wrk-$1-$2-$3.txt"
  echo "   connections=$2 $(grep '^RESULT' "$OUT/wrk-$1-$2-$3.txt" | cut -d' ' -f2-)"
}

echo "== warm-up"
BENCH_DIR="$HERE" TOPIC="$TOPIC" RECORDS=1 PAYLOAD="$HERE/pin.json" wrk -t2 -c16 -d3s -s "$HERE/produce.lua" "http://127.0.0.1:$PORT" >/dev/null
BENCH_DIR="$HERE" TOPIC="$TOPIC" STREAM="$STREAM" RECORDS=1 PAYLOAD="$HERE/pin.json" wrk -t2 -c16 -d3s -s "$HERE/stream.lua" "http://127.0.0.1:$PORT" >/dev/null
echo "== produce API, POST /topics/$TOPIC (${DURATION}s per run)"
run produce 1 1
run produce 16 1
run produce 64 1
run produce 256 1
run produce 64 100
echo "== Kinesis integration, PUT /streams/$STREAM/record(s) (${DURATION}s per run)"
run stream 1 1
run stream 64 1
run stream 64 100
echo "   proxy peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$PROXY/status")"

echo "== direct Confluent.Kafka producer (ceiling)"
echo "   $(dotnet "$HERE/ProducerCeiling/bin/Release/net10.0/ProducerCeiling.dll" "$KAFKA" bench.ceiling "$HERE/pin.json" 5000000 "$DURATION" | grep '^RESULT' | cut -d' ' -f2-)"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (wrk, broker and proxy share these cores)"
echo "   raw output in $OUT"
