#!/usr/bin/env bash
# Emitter benchmark, end to end: a private MariaDB seeded by the Seeder (11,001 rows per table), DevKafka, the REST
# proxy and the emitter, all on this machine, built Release, every service with its shipped defaults (logging included).
# For each proxy setting in PROXY_MODES (default: the proxy's defaults, then --RestProxy:LingerMs=0) it starts a proxy
# and runs, against it, one after the other:
#   - the seed's own loop re-created in Python (seed_loop.py: a new PyMySQL connection per event, string-formatted
#     `LIMIT n, 1`, requests.post per table, Debian's /usr/bin/python3), SEED_EVENTS events;
#   - the emitter with its shipped defaults, unthrottled (MaxDelay 00:00:00, Seed 100) with Count=N at each concurrency
#     of RUNS, one process per run; its "Totals" line gives events/s from the first read to the last answer (the proxy
#     answers after the broker acknowledged);
#   - with BEFORE_EMITTER=<PinterestPipeline.Emitter.dll of another build>, the same rows with that build (e.g. main's).
# It prints events/s and the ratio to the seed loop, CPU-ms per event for each process (emitter or Python, proxy,
# broker, MariaDB; from /proc/<pid>/stat: the services' utime+stime before and after, the emitter's as its parent
# shell's cutime+cstime once it has been waited for) and peak RSS (VmHWM of the services, ru_maxrss of the emitter).
# Afterwards kcat checks the topics' high watermarks. Each run starts a fresh emitter process, so short runs mostly
# measure JIT warm-up: give high concurrencies enough events.
# Usage: bench/emitter/run.sh ["concurrency:events ...", default "1:3000 64:30000"]
# EMITTER_ARGS adds emitter settings to every run (then they are no longer the shipped defaults), e.g.
# EMITTER_ARGS="--Emitter:RowLookup=Offset"; PROXY_MODES="default" runs only the proxy's defaults.
set -euo pipefail

RUNS="${1:-1:3000 64:30000}"
SEED_EVENTS="${SEED_EVENTS:-300}"
PROXY_MODES="${PROXY_MODES:-default LingerMs=0}"
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
for tool in mariadbd mariadb-install-db kcat python3 bc; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y mariadb-server kcat python3 bc" >&2; exit 1; }
done
/usr/bin/python3 -c 'import pymysql, requests' 2>/dev/null || { echo "the seed loop needs Debian's python3-pymysql and python3-requests" >&2; exit 1; }
if [ -n "${BEFORE_EMITTER:-}" ] && [ ! -f "$BEFORE_EMITTER" ]; then echo "BEFORE_EMITTER: no such file $BEFORE_EMITTER" >&2; exit 1; fi
echo "== machine at the start: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

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

HZ="$(getconf CLK_TCK)"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # pid: user+system CPU so far, in clock ticks
hwm() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; } # pid: peak RSS, MB
ms_per() { echo "scale=3; $1 * 1000 / $HZ / $2" | bc | sed 's/^\./0./'; } # ticks events: CPU-ms per event

# Runs "$@" in a shell of its own and writes the CPU its children used (cutime + cstime of that shell, in ticks, from
# /proc/<pid>/stat once they have been waited for) and their peak RSS (/usr/bin/time's %M, KB) to $WORK/child.
measured() {
  bash -c '/usr/bin/time -f "%M" -o "$0.rss" "$@"; rc=$?; read -r -a s </proc/$$/stat; echo "${s[15]} ${s[16]} $(cat "$0.rss")" >"$0"; exit $rc' "$WORK/child" "$@"
}
child_ticks() { awk '{print $1 + $2}' "$WORK/child"; }
child_rss_mb() { awk '{printf "%.0f", $3 / 1024}' "$WORK/child"; }

emit() { # dll count concurrency
  ConnectionStrings__pinterest="$DB" DOTNET_ENVIRONMENT=Production measured dotnet "$1" \
    --Emitter:ApiBaseUrl="http://127.0.0.1:$PROXY_PORT" --Emitter:TopicPrefix="$PREFIX" \
    --Emitter:Count="$2" --Emitter:Concurrency="$3" --Emitter:Seed=100 --Emitter:MaxDelay=00:00:00 ${EMITTER_ARGS:-}
}

TOTAL=0
RESULTS=()
for mode in $PROXY_MODES; do
  proxy_args=()
  [ "$mode" = default ] || proxy_args=("--RestProxy:$mode")
  echo "== REST proxy (${mode}${proxy_args:+: ${proxy_args[*]}})"
  PROXY_PORT="$(free_port)"
  ConnectionStrings__kafka="$KAFKA" ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$(dll RestProxy)" --urls "http://127.0.0.1:$PROXY_PORT" "${proxy_args[@]}" >"$WORK/proxy-$mode.log" 2>&1 &
  PROXY_PID=$!
  PIDS+=($PROXY_PID)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PROXY_PORT/health" >/dev/null && break; sleep 0.2; done
  curl -sf "http://127.0.0.1:$PROXY_PORT/health" >/dev/null || { echo "proxy did not become healthy:"; cat "$WORK/proxy-$mode.log"; exit 1; } >&2

  echo "   warm-up: 500 events at concurrency 8"
  emit "$(dll Emitter)" 500 8 >"$WORK/warmup-$mode.log" 2>&1 || { echo "warm-up failed:"; tail "$WORK/warmup-$mode.log"; exit 1; } >&2
  TOTAL=$((TOTAL + 500))

  before=("$(ticks $PROXY_PID)" "$(ticks $KAFKA_PID)" "$(ticks $DB_PID)")
  measured /usr/bin/python3 "$HERE/seed_loop.py" 127.0.0.1 "$DB_PORT" bench bench pinterest_data \
    "http://127.0.0.1:$PROXY_PORT" "$PREFIX" "$SEED_EVENTS" >"$WORK/seed-$mode.log" 2>&1 || { echo "seed loop failed:"; cat "$WORK/seed-$mode.log"; exit 1; } >&2
  SEED_RATE="$(sed -E 's/.*\(([0-9.]+) events\/s\).*/\1/' "$WORK/seed-$mode.log")"
  TOTAL=$((TOTAL + SEED_EVENTS))
  RESULTS+=("$(printf '| %s | seed loop (Python) | 1 | %s | %.1f | 1.0 | %s / %s / %s / %s | %s |' "$mode" "$SEED_EVENTS" "$SEED_RATE" \
    "$(ms_per "$(child_ticks)" "$SEED_EVENTS")" "$(ms_per $(($(ticks $PROXY_PID) - before[0])) "$SEED_EVENTS")" \
    "$(ms_per $(($(ticks $KAFKA_PID) - before[1])) "$SEED_EVENTS")" "$(ms_per $(($(ticks $DB_PID) - before[2])) "$SEED_EVENTS")" "$(child_rss_mb)")")
  echo "${RESULTS[-1]}"

  builds=("emitter:$(dll Emitter)")
  [ -z "${BEFORE_EMITTER:-}" ] || builds+=("before:$BEFORE_EMITTER")
  for run in $RUNS; do
    c="${run%%:*}"
    count="${run##*:}"
    for build in "${builds[@]}"; do
      name="${build%%:*}"
      log="$WORK/$name-$mode-$c.log"
      before=("$(ticks $PROXY_PID)" "$(ticks $KAFKA_PID)" "$(ticks $DB_PID)")
      emit "${build#*:}" "$count" "$c" >"$log" 2>&1 || true
      line="$(grep -o 'Totals.*' "$log")" || { echo "$name run at concurrency $c failed:"; tail "$log"; exit 1; } >&2
      rate="$(sed -E 's/.*\(([0-9.]+) events\/s\).*/\1/' <<<"$line")"
      failed="$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")"
      [ "$failed" = 0 ] || echo "   $name at concurrency $c: $failed requests failed" >&2
      RESULTS+=("$(printf '| %s | %s | %s | %s | %.1f | %.1f | %s / %s / %s / %s | %s |' "$mode" "$name" "$c" "$count" "$rate" \
        "$(echo "$rate / $SEED_RATE" | bc -l)" \
        "$(ms_per "$(child_ticks)" "$count")" "$(ms_per $(($(ticks $PROXY_PID) - before[0])) "$count")" \
        "$(ms_per $(($(ticks $KAFKA_PID) - before[1])) "$count")" "$(ms_per $(($(ticks $DB_PID) - before[2])) "$count")" "$(child_rss_mb)")")
      echo "${RESULTS[-1]}"
      TOTAL=$((TOTAL + count))
    done
  done
  RESULTS+=("| $mode | proxy peak RSS (VmHWM) | | | | | | $(hwm $PROXY_PID) |")
  kill "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null || true
done

echo "== results (events/s: the emitter's Totals line; x seed: events/s over the seed loop's against the same proxy;"
echo "   CPU-ms per event including each emitter's start-up; peak RSS in MB)"
echo "| proxy | client | concurrency | events | events/s | x seed | CPU-ms/event: client / proxy / broker / MariaDB | peak RSS MB |"
echo "|---|---|---:|---:|---:|---:|---|---:|"
printf '%s\n' "${RESULTS[@]}"
echo "| | broker / MariaDB peak RSS (VmHWM) | | | | | | $(hwm $KAFKA_PID) / $(hwm $DB_PID) |"

# The high watermark, not a count of messages: DevKafka keeps only the last few MB of each partition.
echo "== check: records in Kafka (expected $TOTAL per topic)"
for t in pin geo user; do
  echo "   $PREFIX.$t: $(kcat -b "$KAFKA" -Q -t "$PREFIX.$t:0:-1" | awk '{print $NF}')"
done
echo "== machine at the end: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (MariaDB, broker, proxy and client share these cores)"
echo "   logs in $WORK"
