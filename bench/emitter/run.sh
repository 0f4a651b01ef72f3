#!/usr/bin/env bash
# Emitter benchmark, end to end: a private MariaDB seeded by the Seeder (11,001 rows per table), DevKafka, the REST
# proxy and the emitter, all on this machine, built Release. The emitter runs unthrottled (MaxDelay 00:00:00) with
# Count=N at each concurrency, one process per run; its "Totals" line gives events/s from the first read to the last
# POST answered (the proxy answers after the broker acknowledged). Afterwards kcat checks the topics' high watermarks.
# Each run starts a fresh emitter process, so short runs mostly measure JIT warm-up: give high concurrencies enough events.
# Usage: bench/emitter/run.sh ["concurrency:events ...", default "1:2000 8:10000 32:30000"]
# Extra emitter settings go in EMITTER_ARGS, e.g. EMITTER_ARGS="--Emitter:RowLookup=KeyIndex".
# TARGETS="Topics Streams" runs each row once per Emitter:Target, one after the other (default: Topics only), so the
# streams' PUTs are measured beside the topics' POSTs on the same machine state.
set -euo pipefail

RUNS="${1:-1:2000 8:10000 32:30000}"
TARGETS="${TARGETS:-Topics}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d /tmp/emitter-bench.XXXXXX)"
PREFIX="bench"
USER_NAME="$(id -un)"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK/data"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
for tool in mariadbd mariadb-install-db kcat python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y mariadb-server kcat python3" >&2; exit 1; }
done

echo "== build (Release)"
for project in DevKafka RestProxy Seeder Emitter; do
  dotnet build "$ROOT/PinterestPipeline.$project" -c Release -v q -nologo >/dev/null
done
dll() { echo "$ROOT/PinterestPipeline.$1/bin/Release/net10.0/PinterestPipeline.$1.dll"; }

echo "== MariaDB"
DB_PORT="$(free_port)"
mariadb-install-db --no-defaults --datadir="$WORK/data" --auth-root-authentication-method=normal \
  --skip-test-db --skip-name-resolve --user="$USER_NAME" >"$WORK/install.log" 2>&1
mariadbd --no-defaults --datadir="$WORK/data" --port="$DB_PORT" --bind-address=127.0.0.1 \
  --socket="$WORK/mysqld.sock" --pid-file="$WORK/mysqld.pid" --log-error="$WORK/mariadb.log" \
  --user="$USER_NAME" --skip-name-resolve --skip-log-bin --character-set-server=utf8mb4 --max-connections=500 &
DB_PID=$!
PIDS+=($DB_PID)
for _ in $(seq 100); do mariadb --socket="$WORK/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
mariadb --socket="$WORK/mysqld.sock" -uroot -e "
  CREATE DATABASE pinterest_data CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  CREATE USER 'bench'@'127.0.0.1' IDENTIFIED BY 'bench';
  GRANT ALL ON pinterest_data.* TO 'bench'@'127.0.0.1';"
DB="Server=127.0.0.1;Port=$DB_PORT;User ID=bench;Password=bench;Database=pinterest_data"
dotnet "$(dll Seeder)" --connection "$DB" | tail -1

echo "== DevKafka"
dotnet "$(dll DevKafka)" --port 0 --topic "$PREFIX.pin:1" --topic "$PREFIX.geo:1" --topic "$PREFIX.user:1" \
  --topic "streaming-$PREFIX-pin:1" --topic "streaming-$PREFIX-geo:1" --topic "streaming-$PREFIX-user:1" >"$WORK/devkafka.log" 2>&1 &
KAFKA_PID=$!
PIDS+=($KAFKA_PID)
for _ in $(seq 100); do grep -q "listening on" "$WORK/devkafka.log" && break; sleep 0.1; done
KAFKA="$(grep -o 'listening on [0-9.:]*' "$WORK/devkafka.log" | awk '{print $3}')"
[ -n "$KAFKA" ] || { echo "DevKafka did not start:"; cat "$WORK/devkafka.log"; exit 1; } >&2

echo "== REST proxy"
PROXY_PORT="$(free_port)"
ConnectionStrings__kafka="$KAFKA" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet "$(dll RestProxy)" --urls "http://127.0.0.1:$PROXY_PORT" >"$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
PIDS+=($PROXY_PID)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PROXY_PORT/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$PROXY_PORT/health" >/dev/null || { echo "proxy did not become healthy:"; cat "$WORK/proxy.log"; exit 1; } >&2

cpu_seconds() { # pid: user+system CPU seconds so far
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"
}

emit() { # count concurrency target
  ConnectionStrings__pinterest="$DB" DOTNET_ENVIRONMENT=Production \
    /usr/bin/time -f 'cpu %U %S' -o "$WORK/emitter-cpu" dotnet "$(dll Emitter)" --Emitter:ApiBaseUrl="http://127.0.0.1:$PROXY_PORT" --Emitter:TopicPrefix="$PREFIX" \
      --Emitter:Target="$3" \
      --Emitter:Count="$1" --Emitter:Concurrency="$2" --Emitter:Seed=100 --Emitter:MaxDelay=00:00:00 \
      --Emitter:SummaryInterval=00:00:00 --Logging:LogLevel:Default=Warning \
      --Logging:LogLevel:PinterestPipeline.Emitter.Worker.EmitterWorker=Information \
      --Logging:Console:FormatterName=simple --Logging:Console:FormatterOptions:SingleLine=true ${EMITTER_ARGS:-}
}

declare -A TOTAL
for target in $TARGETS; do
  echo "== warm-up $target (500 events, concurrency 8)"
  emit 500 8 "$target" | grep -o 'Totals.*' | sed 's/^/   /'
  TOTAL[$target]=500
done
echo "== unthrottled runs"
echo "| target | concurrency | events | events/s | records/s | posts failed | CPU s: emitter / proxy / broker / MariaDB |"
echo "|---|---:|---:|---:|---:|---:|---|"
for run in $RUNS; do
  c="${run%%:*}"
  COUNT="${run##*:}"
  for target in $TARGETS; do
    before=("$(cpu_seconds $PROXY_PID)" "$(cpu_seconds $KAFKA_PID)" "$(cpu_seconds $DB_PID)")
    emit "$COUNT" "$c" "$target" >"$WORK/emitter-$target-$c.log" 2>&1 || true
    cpu="$(awk '/^cpu/ {printf "%.1f", $2 + $3}' "$WORK/emitter-cpu")"
    cpu="$cpu / $(echo "$(cpu_seconds $PROXY_PID) - ${before[0]}" | bc) / $(echo "$(cpu_seconds $KAFKA_PID) - ${before[1]}" | bc) / $(echo "$(cpu_seconds $DB_PID) - ${before[2]}" | bc)"
    line="$(grep -o 'Totals.*' "$WORK/emitter-$target-$c.log")" || { echo "$target run at concurrency $c failed:"; cat "$WORK/emitter-$target-$c.log"; exit 1; } >&2
    rate="$(sed -E 's/.*\(([0-9.]+) events\/s\).*/\1/' <<<"$line")"
    failed="$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")"
    printf '| %s | %s | %s | %.0f | %.0f | %s | %s |\n' "$target" "$c" "$COUNT" "$rate" "$(echo "$rate * 3" | bc)" "$failed" "$cpu"
    TOTAL[$target]=$((TOTAL[$target] + COUNT))
  done
done

# The high watermark, not a count of messages: DevKafka keeps only the last few MB of each partition.
for target in $TARGETS; do
  echo "== check: records in Kafka (expected ${TOTAL[$target]} per $( [ "$target" = Streams ] && echo stream || echo topic ))"
  for t in pin geo user; do
    topic="$( [ "$target" = Streams ] && echo "streaming-$PREFIX-$t" || echo "$PREFIX.$t" )"
    echo "   $topic: $(kcat -b "$KAFKA" -Q -t "$topic:0:-1" | awk '{print $NF}')"
  done
done
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (MariaDB, broker, proxy and emitter share these cores)"
echo "   logs in $WORK"
