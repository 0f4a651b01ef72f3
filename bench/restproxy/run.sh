#!/usr/bin/env bash
# REST Proxy benchmark: builds Release, starts DevKafka and the proxy on free ports, drives the proxy
# with wrk: the produce API (single-record requests at 1/16/64/256 connections, 100-record requests at 64),
# then the Kinesis integration in the same run (PutRecord at 1 and 64 connections, 100-record PutRecords
# at 64), each against a one-partition topic; then a direct Confluent.Kafka producer against the same
# broker as the ceiling (ProducerDefaults.Apply with the default RestProxyOptions: the proxy's own settings).
# Each case prints the CPU time per request of the proxy, the broker and wrk (utime + stime from /proc/<pid>/stat);
# the end prints the proxy's peak RSS (VmHWM) and the issue-14 goals against what was measured.
# Usage: bench/restproxy/run.sh [seconds per run, default 10]
#   PROXY_DLL=<path>  a proxy build other than this tree's Release output (e.g. an older commit's, to compare)
#   PROXY_ARGS="..."  extra proxy arguments, e.g. "--RestProxy:LingerMs=5" to measure another setting
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
dotnet build "$HERE/ProducerCeiling" -c Release -v q -nologo >/dev/null
PROXY_DLL="${PROXY_DLL:-$ROOT/PinterestPipeline.RestProxy/bin/Release/net10.0/PinterestPipeline.RestProxy.dll}"
TICKS="$(getconf CLK_TCK)"

cpu_ticks() { # pid: utime + stime of a running process, in clock ticks
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

echo "== start DevKafka"
dotnet "$ROOT/PinterestPipeline.DevKafka/bin/Release/net10.0/PinterestPipeline.DevKafka.dll" --port 0 --topic "$TOPIC:1" --topic "$STREAM:1" --topic bench.ceiling:1 >"$OUT/devkafka.log" 2>&1 &
BROKER=$!
PIDS+=($BROKER)
for _ in $(seq 100); do grep -qs "listening on" "$OUT/devkafka.log" && break; sleep 0.1; done
KAFKA="$(grep -o 'listening on [0-9.:]*' "$OUT/devkafka.log" | awk '{print $3}')"
[ -n "$KAFKA" ] || { echo "DevKafka did not start:"; cat "$OUT/devkafka.log"; exit 1; } >&2
echo "   broker $KAFKA"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
echo "== start proxy on 127.0.0.1:$PORT"
ConnectionStrings__kafka="$KAFKA" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet "$PROXY_DLL" --urls "http://127.0.0.1:$PORT" ${PROXY_ARGS:-} >"$OUT/proxy.log" 2>&1 &
PROXY=$!
PIDS+=($PROXY)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "proxy did not become healthy:"; cat "$OUT/proxy.log"; exit 1; } >&2

run() { # script connections records
  local threads=2 file="$OUT/wrk-$1-$2-$3.txt"
  [ "$2" -lt 2 ] && threads=1
  local proxy0 broker0 proxy1 broker1
  proxy0="$(cpu_ticks "$PROXY")"
  broker0="$(cpu_ticks "$BROKER")"
  # wrk runs as the child of a shell that reads its own /proc stat after reaping it: cutime + cstime is wrk's CPU.
  BENCH_DIR="$HERE" TOPIC="$TOPIC" STREAM="$STREAM" RECORDS="$3" PAYLOAD="$HERE/pin.json" \
    bash -c 'wrk "$@" >"$0"; awk "{ sub(/^.*\\) /, \"\"); print \$14 + \$15 }" /proc/$$/stat >"$0.cpu"' \
    "$file" -t"$threads" -c"$2" -d"${DURATION}s" --latency -s "$HERE/$1.lua" "http://127.0.0.1:$PORT"
  proxy1="$(cpu_ticks "$PROXY")"
  broker1="$(cpu_ticks "$BROKER")"
  local result requests
  result="$(grep '^RESULT' "$file" | cut -d' ' -f2-)"
  requests="$(sed -n 's/.* requests=\([0-9]*\) .*/\1/p' <<<"$result")"
  echo "   connections=$2 $result"
  awk -v p=$((proxy1 - proxy0)) -v b=$((broker1 - broker0)) -v w="$(cat "$file.cpu")" -v n="$requests" -v t="$TICKS" -v r="$3" \
    'BEGIN { f = 1000 / t / n; printf "      cpu_ms_per_request proxy=%.3f broker=%.3f wrk=%.3f total=%.3f (per record %.4f)\n", p*f, b*f, w*f, (p+b+w)*f, (p+b+w)*f/r }'
  echo "$1 $2 $3 $result" >>"$OUT/results.txt"
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
RSS_MB="$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$PROXY/status")"
echo "   proxy peak RSS (VmHWM): $RSS_MB MB"

echo "== direct Confluent.Kafka producer with the proxy's settings (ceiling)"
CEILING_LINGER="$(sed -n 's/.*--RestProxy:LingerMs=\([0-9]*\).*/\1/p' <<<"${PROXY_ARGS:-}")"
CEILING_BROKER0="$(cpu_ticks "$BROKER")"
CEILING="$(bash -c 'dotnet "$@" >"$0"; awk "{ sub(/^.*\\) /, \"\"); print \$14 + \$15 }" /proc/$$/stat >"$0.cpu"' \
  "$OUT/ceiling.txt" "$HERE/ProducerCeiling/bin/Release/net10.0/ProducerCeiling.dll" "$KAFKA" bench.ceiling "$HERE/pin.json" 5000000 "$DURATION" $CEILING_LINGER; grep '^RESULT' "$OUT/ceiling.txt" | cut -d' ' -f2-)"
echo "   $CEILING"
CEILING_RPS="$(sed -n 's/.*records_per_s=\([0-9]*\).*/\1/p' <<<"$CEILING")"
awk -v c="$(cat "$OUT/ceiling.txt.cpu")" -v b=$(($(cpu_ticks "$BROKER") - CEILING_BROKER0)) -v t="$TICKS" -v n="$(sed -n 's/.* records=\([0-9]*\).*/\1/p' <<<"$CEILING")" \
  'BEGIN { printf "      cpu_ms_per_record producer=%.4f broker=%.4f\n", c * 1000 / t / n, b * 1000 / t / n }'

field() { # case field
  grep "^$1 " "$OUT/results.txt" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p"
}
echo "== goals (issue 14), shipped defaults${PROXY_ARGS:+ plus $PROXY_ARGS}"
awk -v p50="$(field 'produce 1 1' p50_ms)" -v rps="$(field 'produce 64 1' req_per_s)" -v p99="$(field 'produce 64 1' p99_ms)" \
    -v big="$(field 'produce 64 100' records_per_s)" -v ceiling="$CEILING_RPS" -v rss="$RSS_MB" '
  function verdict(ok) { return ok ? "met" : "NOT met" }
  BEGIN {
    printf "   1 record, 1 connection, p50:        %.2f ms (goal <= 1 ms) %s\n", p50, verdict(p50 <= 1)
    printf "   1 record, 64 connections:           %.0f req/s, p99 %.2f ms (goal >= 25,000 req/s, p99 <= 10 ms) %s\n", rps, p99, verdict(rps >= 25000 && p99 <= 10)
    printf "   100 records, 64 connections:        %.0f records/s = %.0f %% of the direct producer (%.0f) (goal >= 60 %%) %s\n", big, 100 * big / ceiling, ceiling, verdict(big >= 0.6 * ceiling)
    printf "   proxy peak RSS:                     %d MB (goal <= 200 MB) %s\n", rss, verdict(rss <= 200)
  }'
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (wrk, broker and proxy share these cores)"
echo "   raw output in $OUT"
