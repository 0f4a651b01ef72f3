#!/usr/bin/env bash
# Memory probe for the REST Proxy: starts DevKafka and the proxy (Release), sends bursts of large concurrent
# produce requests and prints the proxy's RSS (VmHWM, the peak; VmRSS, now) after each burst and after idling;
# then times small single-record requests, sequential and 16 at a time.
# Usage: bench/restproxy/memory-probe.sh [concurrent bodies, default 64] [body MB, default 9.9]
#   PROXY_DLL=<path>  a proxy build other than this tree's Release output (e.g. an older build to compare)
#   extra proxy settings as environment variables, e.g. DOTNET_GCHeapHardLimit=0x10000000 RestProxy__MaxInFlightRequestBytes=...
set -euo pipefail

CONCURRENT="${1:-64}"
BODY_MB="${2:-9.9}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$(mktemp -d)"
TOPIC="probe.big"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

if [ -z "${PROXY_DLL:-}" ]; then
  echo "== build (Release)"
  dotnet build "$ROOT/PinterestPipeline.DevKafka" -c Release -v q -nologo >/dev/null
  dotnet build "$ROOT/PinterestPipeline.RestProxy" -c Release -v q -nologo >/dev/null
  PROXY_DLL="$ROOT/PinterestPipeline.RestProxy/bin/Release/net10.0/PinterestPipeline.RestProxy.dll"
fi
DEVKAFKA_DLL="${DEVKAFKA_DLL:-$ROOT/PinterestPipeline.DevKafka/bin/Release/net10.0/PinterestPipeline.DevKafka.dll}"

dotnet "$DEVKAFKA_DLL" --port 0 --topic "$TOPIC:1" >"$OUT/devkafka.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -qs "listening on" "$OUT/devkafka.log" && break; sleep 0.1; done
KAFKA="$(grep -o 'listening on [0-9.:]*' "$OUT/devkafka.log" | awk '{print $3}')"
[ -n "$KAFKA" ] || { echo "DevKafka did not start:"; cat "$OUT/devkafka.log"; exit 1; } >&2

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
ConnectionStrings__kafka="$KAFKA" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet "$PROXY_DLL" --urls "http://127.0.0.1:$PORT" >"$OUT/proxy.log" 2>&1 &
PROXY=$!
PIDS+=($PROXY)
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "proxy did not become healthy:"; cat "$OUT/proxy.log"; exit 1; } >&2

rss() { awk '/VmHWM|VmRSS/ {printf "%s %.0f MB  ", $1, $2/1024}' "/proc/$PROXY/status"; echo; }
echo "== proxy $PROXY_DLL on :$PORT, broker $KAFKA"
echo "   idle: $(rss)"

python3 - "$PORT" "$TOPIC" "$CONCURRENT" "$BODY_MB" "$PROXY" <<'PY'
import http.client, json, statistics, sys, threading, time
port, topic, n, mb, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
def rss():
    fields = dict(l.split(':', 1) for l in open(f'/proc/{pid}/status'))
    return ' '.join(f"{k} {int(fields[k].split()[0]) // 1024} MB" for k in ('VmHWM', 'VmRSS'))
def post(body, ctype='application/vnd.kafka.json.v2+json'):
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=120)
    try:
        c.request('POST', f'/topics/{topic}', body=body, headers={'Content-Type': ctype})
        r = c.getresponse(); data = r.read()
        return r.status, r.getheader('Retry-After'), data
    except Exception as e:
        return type(e).__name__, None, b''
    finally:
        c.close()
big = ('{"records":[{"value":"' + 'x' * (int(mb * 1_000_000) - 30) + '"}]}').encode()
for burst in (1, 2):
    results = [None] * n
    def one(i): results[i] = post(big)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    start = time.time()
    for t in threads: t.start()
    for t in threads: t.join()
    counts = {}
    for status, retry, _ in results: counts[status] = counts.get(status, 0) + 1
    print(f"   burst {burst}: {n} x {len(big)/1e6:.1f} MB in {time.time()-start:.1f} s, statuses {counts}; {rss()}")
for wait in (2, 10):
    time.sleep(wait)
    print(f"   +{wait} s idle: {rss()}")
small = b'{"records":[{"value":{"ind":1,"title":"probe"}}]}'
c = http.client.HTTPConnection('127.0.0.1', port)
lat = []
for i in range(2000):
    t = time.perf_counter()
    c.request('POST', f'/topics/{topic}', body=small, headers={'Content-Type': 'application/vnd.kafka.json.v2+json'})
    r = c.getresponse(); r.read(); assert r.status == 200, r.status
    lat.append(time.perf_counter() - t)
lat.sort()
print(f"   2000 sequential small requests: p50 {lat[1000]*1000:.2f} ms, p99 {lat[1980]*1000:.2f} ms")
lat2, lock = [], threading.Lock()
def worker():
    c = http.client.HTTPConnection('127.0.0.1', port)
    for i in range(250):
        t = time.perf_counter()
        c.request('POST', f'/topics/{topic}', body=small, headers={'Content-Type': 'application/vnd.kafka.json.v2+json'})
        r = c.getresponse(); r.read(); assert r.status == 200, r.status
        with lock: lat2.append(time.perf_counter() - t)
threads = [threading.Thread(target=worker) for _ in range(16)]
start = time.time()
for t in threads: t.start()
for t in threads: t.join()
lat2.sort()
print(f"   16 x 250 concurrent small requests: {len(lat2)/(time.time()-start):.0f} req/s, p50 {lat2[len(lat2)//2]*1000:.2f} ms, p99 {lat2[int(len(lat2)*0.99)]*1000:.2f} ms; {rss()}")
PY
echo "   final: $(rss)"
