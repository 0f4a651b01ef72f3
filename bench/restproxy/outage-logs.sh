#!/usr/bin/env bash
# Counts the warning/error/critical log entries the proxy writes to its console during a broker outage:
# starts DevKafka and the proxy (already built; CONFIGURATION=Debug by default), waits until /health is Healthy,
# stops DevKafka (SIGTERM: its port closes, connections are refused), asks GET /topics once a second for the
# outage, starts DevKafka again on the same port and waits until /health is Healthy again.
# Prints the count of entries by level and by category, the GET /topics statuses, and the entries themselves.
# Usage: bench/restproxy/outage-logs.sh [outage seconds, default 30]
set -euo pipefail

OUTAGE="${1:-30}"
CONFIGURATION="${CONFIGURATION:-Debug}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$(mktemp -d)"
DEVKAFKA="$ROOT/PinterestPipeline.DevKafka/bin/$CONFIGURATION/net10.0/PinterestPipeline.DevKafka.dll"
PROXY_DLL="$ROOT/PinterestPipeline.RestProxy/bin/$CONFIGURATION/net10.0/PinterestPipeline.RestProxy.dll"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
KAFKA_PORT="$(free_port)"
PORT="$(free_port)"

start_broker() {
  dotnet "$DEVKAFKA" --port "$KAFKA_PORT" --topic outage.logs:2 >>"$OUT/devkafka.log" 2>&1 &
  BROKER=$!
  PIDS+=($BROKER)
  for _ in $(seq 150); do grep -qs "listening on" "$OUT/devkafka.log" && return; sleep 0.1; done
  echo "DevKafka did not start:" >&2; cat "$OUT/devkafka.log" >&2; exit 1
}

healthy() { # seconds
  for _ in $(seq $(($1 * 5))); do
    [ "$(curl -s "http://127.0.0.1:$PORT/health" || true)" = "Healthy" ] && return 0
    sleep 0.2
  done
  return 1
}

start_broker
ConnectionStrings__kafka="127.0.0.1:$KAFKA_PORT" DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$PROXY_DLL" --urls "http://127.0.0.1:$PORT" >"$OUT/proxy.log" 2>&1 &
PIDS+=($!)
healthy 60 || { echo "proxy did not become healthy:" >&2; cat "$OUT/proxy.log" >&2; exit 1; }
sleep 2
before=$(wc -l <"$OUT/proxy.log")

kill -TERM "$BROKER"; wait "$BROKER" 2>/dev/null || true
down=$(date +%s.%N)
statuses=()
end=$((SECONDS + OUTAGE))
while [ $SECONDS -lt $end ]; do
  statuses+=("$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$PORT/topics" || echo timeout)")
  sleep 1
done
: >"$OUT/devkafka.log"
start_broker
healthy 60 || { echo "proxy did not become healthy again" >&2; exit 1; }
up=$(date +%s.%N)
sleep 5
after="$(status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/topics"); echo "$status")"

tail -n +"$((before + 1))" "$OUT/proxy.log" >"$OUT/outage.log"
printf 'outage %s s (broker down to proxy Healthy again: %.1f s)\n' "$OUTAGE" "$(echo "$up - $down" | bc)"
echo "GET /topics during the outage: $(printf '%s\n' "${statuses[@]}" | sort | uniq -c | tr -s ' ' | paste -sd, -); after recovery: $after"
echo "warning/error/critical entries: $(grep -cE '^(warn|fail|crit):' "$OUT/outage.log" || true)"
grep -E '^(warn|fail|crit):' "$OUT/outage.log" | sed -E 's/\[[0-9]+\]$//' | sort | uniq -c | sort -rn || true
echo "-- entries (first line of message)"
grep -A1 -E '^(warn|fail|crit|info):' "$OUT/outage.log" | grep -v '^--$' | paste - - | sed -E 's/ +/ /g' | cut -c1-260
echo "(full log: $OUT/proxy.log)"
