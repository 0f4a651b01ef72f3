#!/usr/bin/env bash
# Times the seeder CLI against a private MariaDB (stock settings, its own data directory and port on 127.0.0.1).
# Usage: bench/Seeder/seeder.sh [runs]   (default 3). Prints each run's seeder log line and wall-clock time.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-3}
work=$(mktemp -d /tmp/seeder-bench.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
user=$(id -un)
pid=
cleanup() {
  if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mariadb-install-db --no-defaults --datadir="$work/data" --auth-root-authentication-method=normal \
  --skip-test-db --skip-name-resolve --user="$user" >"$work/install.log" 2>&1
mariadbd --no-defaults --datadir="$work/data" --port="$port" --bind-address=127.0.0.1 \
  --socket="$work/mysqld.sock" --pid-file="$work/mysqld.pid" --log-error="$work/error.log" \
  --user="$user" --skip-name-resolve --character-set-server=utf8mb4 &
pid=$!
for _ in $(seq 100); do
  mariadb --socket="$work/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
  sleep 0.2
done
mariadb --socket="$work/mysqld.sock" -uroot -e "
  CREATE DATABASE pinterest_data CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  CREATE USER 'bench'@'127.0.0.1' IDENTIFIED BY 'bench';
  GRANT ALL ON pinterest_data.* TO 'bench'@'127.0.0.1';"

dotnet build "$root/PinterestPipeline.Seeder" -c Release -v q -nologo >/dev/null
dll="$root/PinterestPipeline.Seeder/bin/Release/net10.0/PinterestPipeline.Seeder.dll"
cs="Server=127.0.0.1;Port=$port;User ID=bench;Password=bench;Database=pinterest_data"

echo "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$port, $(nproc) CPU(s), $runs run(s)"
run() {
  local started ended
  started=$(date +%s.%N)
  dotnet "$dll" --connection "$cs" "$@"
  ended=$(date +%s.%N)
  printf '  wall clock (process start to exit): %.2f s\n' "$(echo "$ended - $started" | bc)"
}
for i in $(seq "$runs"); do
  echo "run $i (--reset):"
  run --reset
done
echo "already seeded:"
run
mariadb --socket="$work/mysqld.sock" -uroot -N -e "
  SELECT 'rows', (SELECT COUNT(*) FROM pinterest_data.pinterest_data), (SELECT COUNT(*) FROM pinterest_data.geolocation_data), (SELECT COUNT(*) FROM pinterest_data.user_data);"
