#!/usr/bin/env bash
# The stream job's speed: rows/s into the three tables from pre-filled streams (100,000 records) with two baselines
# in the same run, then the latency from PUT to committed row at the emitter's default rate (p50/p99).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release bench/stream-processing/StreamBench -v q
bench=bench/stream-processing/StreamBench/bin/Release/net10.0/StreamBench.dll
dotnet "$bench" throughput "${1:-100000}"
dotnet "$bench" latency "${2:-100}"
